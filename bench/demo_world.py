"""The living demo, measured: ten minutes of the simulated stream (30 messages a minute, as
``make demo`` runs it) through the real handling path, with the simulated team resolving what
reaches a person. Prints, one line per figure:

- calm routine traffic automated: the share of messages from calm or neutral customers whose
  intent the live policy answers automatically (not ``needs_action``) that were automated;
- automated answers with correct facts: an answer to a message about an order must state that
  order's number (and, for "where is my order", its carrier from the shop's events);
- distressed customers sent to a person;
- conversations resolved by the simulated team, and agents' open load at the end.

    TANDEMDESK_DATABASE_URL=sqlite:////tmp/dw/demo.db TANDEMDESK_WORKSPACE_DIR=/tmp/dw/ws \\
        .venv/bin/tandemdesk init --demo
    TANDEMDESK_DATABASE_URL=sqlite:////tmp/dw/demo.db TANDEMDESK_WORKSPACE_DIR=/tmp/dw/ws \\
        .venv/bin/python bench/demo_world.py [--minutes 10] [--per-minute 30]

It changes the workspace it runs on (messages are handled and stored): run it on a scratch
demo workspace.
"""

from __future__ import annotations

import argparse
import random
from datetime import timedelta
from itertools import islice

from sqlalchemy import func, select

from tandemdesk.config import get_settings
from tandemdesk.decide.vocabulary import HUMAN_ACTIONS
from tandemdesk.demo.living import (
    ORDER_NUMBER,
    Shop,
    agent_turn,
    record_shop_events,
    shop_messages,
)
from tandemdesk.demo.stream import as_delivery
from tandemdesk.models import Conversation, CustomerEvent
from tandemdesk.orchestrator import Orchestrator
from tandemdesk.policies import active_policy
from tandemdesk.timeutil import utcnow
from tandemdesk.workspace import open_workspace


def _carrier(workspace, order_number: str) -> str | None:  # type: ignore[no-untyped-def]
    with workspace.sessions() as session:
        for data in session.scalars(
            select(CustomerEvent.data).where(CustomerEvent.type == "order_shipped")
        ):
            if (data or {}).get("order_number") == order_number:
                return str(data.get("carrier"))
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--per-minute", type=float, default=30.0)
    parser.add_argument(
        "--why", action="store_true", help="Say why calm routine ones were not automated."
    )
    args = parser.parse_args()
    workspace = open_workspace(get_settings())
    orchestrator = Orchestrator(workspace)
    policy, _ = active_policy(workspace)
    routine = {intent for intent in policy.automatable_intents if not policy.needs_action(intent)}
    shop = Shop.load(workspace)
    total = int(args.minutes * args.per_minute)
    rng = random.Random(5)
    calm_routine = calm_automated = automated = correct = distressed = to_person = 0
    resolved = 0
    wrong: list[str] = []
    start = utcnow()
    for n, body in enumerate(islice(shop_messages(shop), total), 1):
        record_shop_events(workspace, body)
        result = orchestrator.handle(as_delivery(body))
        mood, intent, number = body["mood"], body["intent"], body["order_number"]
        if mood in ("calm", "neutral") and intent in routine:
            calm_routine += 1
            calm_automated += result.action == "automate"
            if result.action != "automate" and args.why:
                print(f"  not automated: {intent} [{result.rule_id}] {result.explanation[:200]}")
        if result.action == "automate":
            automated += 1
            reply = result.reply or ""
            stated = set(ORDER_NUMBER.findall(reply))
            # an answer that states an order must state this one (a how-to states none)
            ok = not stated or stated == {str(number)}
            if ok and intent == "order_status" and number is not None:
                carrier = _carrier(workspace, str(number))
                ok = str(number) in reply and (carrier is None or carrier in reply)
            correct += ok
            if not ok:
                wrong.append(f"{intent} {number}: {reply[:160]!r}")
        if mood == "distressed":
            distressed += 1
            to_person += result.action in HUMAN_ACTIONS
            if result.action not in HUMAN_ACTIONS:
                wrong.append(f"distressed, {result.action}: {body['text'][:160]!r}")
        if n % int(args.per_minute // 3 or 1) == 0:  # a team round every ~20 s of demo time
            elapsed = timedelta(minutes=n / args.per_minute)
            resolved += agent_turn(workspace, rng, now=start + elapsed)
    with workspace.sessions() as session:
        still_open = session.scalar(
            select(func.count())
            .select_from(Conversation)
            .where(Conversation.assignee_id.is_not(None), Conversation.status != "resolved")
        )
    print(f"messages                        {total}")
    print(f"calm routine automated          {calm_automated}/{calm_routine} "
          f"= {calm_automated / max(calm_routine, 1):.1%}")  # fmt: skip
    print(f"automated answers correct facts {correct}/{automated} "
          f"= {correct / max(automated, 1):.1%}")  # fmt: skip
    print(f"distressed to a person          {to_person}/{distressed} "
          f"= {to_person / max(distressed, 1):.1%}")  # fmt: skip
    print(f"resolved by the simulated team  {resolved}; assigned and still open: {still_open}")
    for line in wrong[:12]:
        print(f"  wrong: {line}")


if __name__ == "__main__":
    main()
