"""Grounded answers on the demo shop: which item answers, and what an answer costs.

Replays the first message of every demo conversation whose intent the default policy
automates, as of the moment it arrived, through ``compose_answer`` with the policy's
settings (named answers, ``needs_action``, language fallback) — what the orchestrator does
for ``automate``. Prints, one line per figure: the share of order_status answers that are
the in-transit macro stating the customer's order number and carrier, automatic answers to
``needs_action`` intents (must be 0), answers citing an item of another intent (must be 0),
and ms/message of ``compose_answer`` and ``clarifying_question`` (median of runs).

    .venv/bin/python bench/answers_demo.py [--conversations 1500] [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from tandemdesk.act.answers import (
    Answer,
    KnowledgeBase,
    compose_answer,
    facts_from_timeline,
    items_from_articles,
    mentioned_order_number,
)
from tandemdesk.act.clarify import clarifying_question
from tandemdesk.decide import default_policy
from tandemdesk.demo import generate_demo
from tandemdesk.demo.intents import NAMES
from tandemdesk.listen.articles import read_articles
from tandemdesk.listen.readers import Parsed
from tandemdesk.timeutil import parse_timestamp
from tandemdesk.understand.base import IntentPrediction, Score
from tandemdesk.understand.emotion import EmotionReading
from tandemdesk.understand.pipeline import Understanding


def _events(path: Path) -> dict[str, list[SimpleNamespace]]:
    by_customer: dict[str, list[SimpleNamespace]] = defaultdict(list)
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            event = SimpleNamespace(type=row["type"], data=row.get("data") or {},
                                    occurred_at=parse_timestamp(row["occurred_at"]))  # fmt: skip
            for key in ("email", "external_id"):
                if row["customer"].get(key):
                    by_customer[row["customer"][key].lower()].append(event)
    return by_customer


def _unsure(language: str) -> Understanding:
    """An unclear message with two candidate intents (what a clarifying question offers)."""
    reading = EmotionReading("neutral", (("neutral", 1.0),), (), 0.1, ())
    top = (("return_request", 0.4), ("wrong_item", 0.35))
    intent = IntentPrediction(None, 0.4, top, abstained=True, threshold=0.5)
    return Understanding(
        redacted_text="", language=Score("language", language, 0.99), intent=intent,
        emotion=reading, distress=reading.distress_score, urgency=Score("urgency", "normal", 0.3),
        abuse=Score("abuse", None, 0.0), pii=(),
    )  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--conversations", type=int, default=1500)
    parser.add_argument("--runs", type=int, default=5, help="timing runs (median reported)")
    args = parser.parse_args()
    cores = f"cores={os.cpu_count()}"
    demo = generate_demo(Path(tempfile.mkdtemp()), conversations=args.conversations)
    parsed = [*read_articles(demo.articles), *read_articles(demo.macros)]
    kb = KnowledgeBase(items_from_articles([p.record for p in parsed if isinstance(p, Parsed)]))
    policy = default_policy(NAMES)
    events = _events(Path(demo.events))
    cases: list[tuple[str, str, str, Any]] = []
    with Path(demo.conversations).open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            intent, who = row.get("intent"), row["customer"]
            if intent not in policy.automatable_intents:
                continue
            text = row["messages"][0]["text"]
            customer = SimpleNamespace(**{k: who.get(k) for k in ("name", "email", "language")})
            key = (who.get("email") or who.get("external_id") or "").lower()
            facts = facts_from_timeline(customer, events.get(key, []),
                                        mentioned_order_number(text),
                                        now=parse_timestamp(row["created_at"]))  # fmt: skip
            cases.append((intent, text, who.get("language") or "en", facts))

    def answer_all() -> list[Any]:
        return [
            compose_answer(intent, text, language, facts, kb,
                           answers=policy.answer_ids(intent),
                           needs_action=policy.needs_action(intent),
                           allow_language_fallback=policy.language_fallback(intent))
            for intent, text, language, facts in cases
        ]  # fmt: skip

    outcomes = answer_all()
    status = [(o, c[3]) for o, c in zip(outcomes, cases, strict=True) if c[0] == "order_status"]
    answered = [(o, f) for o, f in status if isinstance(o, Answer)]
    stated = sum(
        o.item_id.startswith("mac-where-is-my-order")
        and f.order.number in o.text and (f.order.carrier or "") in o.text
        for o, f in answered
    )  # fmt: skip
    acted = sum(isinstance(o, Answer) and policy.needs_action(c[0])
                for o, c in zip(outcomes, cases, strict=True))  # fmt: skip
    foreign = sum(isinstance(o, Answer) and c[0] not in o.item.intents
                  for o, c in zip(outcomes, cases, strict=True))  # fmt: skip
    data = f"demo {args.conversations} conversations, {len(cases)} automatable first messages"
    print(f"order_status answers stating order+carrier with the in-transit macro: "
          f"{stated}/{len(answered)} ({len(status)} asked), {data}, {cores}")  # fmt: skip
    print(f"automatic answers to needs_action intents: {acted}, {data}, {cores}")
    print(f"answers citing an item of another intent: {foreign}, {data}, {cores}")
    timings = []
    for _ in range(args.runs):
        started = time.perf_counter()
        answer_all()
        timings.append(time.perf_counter() - started)
    print(f"compose_answer: {1000 * statistics.median(timings) / len(cases):.3f} ms/message, "
          f"{data}, {cores}")  # fmt: skip
    unsure, names = _unsure("fr"), policy.intent_names
    started = time.perf_counter()
    for _ in range(10_000):
        clarifying_question(unsure, "fr", names)
    per = (time.perf_counter() - started) / 10_000 * 1000
    print(f"clarifying_question: {per:.4f} ms/message, French, {cores}")


if __name__ == "__main__":
    main()
