"""A stream of new customer messages in the demo company's voice: the opening message of
demo-style conversations (another seed than the imported history), on their real channels,
from known and new customers. ``tandemdesk serve --simulate`` feeds it to the running
service so a newcomer sees the inbox and the charts move; benchmarks post the same messages.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable, Iterator
from itertools import islice

from tandemdesk.demo.generator import iter_history
from tandemdesk.listen.delivery import Delivery
from tandemdesk.listen.records import CustomerRef, MessageRecord
from tandemdesk.workspace import Workspace

log = logging.getLogger(__name__)
CUSTOMER_FIELDS = ("external_id", "email", "phone", "name", "language")
ENDLESS = 10**9


def live_messages(seed: int = 99) -> Iterator[dict[str, object]]:
    """Endless ``{"customer", "text", "channel"}`` dicts (the ``POST /v1/messages`` body)."""
    for conversation in iter_history(ENDLESS, seed=seed):
        first = next(m for m in conversation["messages"] if m["author"] == "customer")
        customer = {k: v for k, v in conversation["customer"].items() if k in CUSTOMER_FIELDS}
        yield {"customer": customer, "text": first["text"], "channel": conversation["channel"]}


def as_delivery(body: dict[str, object]) -> Delivery:
    """One of those messages as orchestrator input."""
    return Delivery(
        customer=CustomerRef.model_validate(body["customer"]),
        message=MessageRecord(text=str(body["text"])),
        channel=str(body["channel"]),
    )


def live_deliveries(n: int, seed: int = 99) -> list[Delivery]:
    return [as_delivery(body) for body in islice(live_messages(seed), n)]


async def simulate(
    submit: Callable[[Delivery], Awaitable[object]],
    per_minute: float,
    seed: int = 99,
    workspace: Workspace | None = None,
) -> None:
    """Submit one simulated message at a time, about ``per_minute`` a minute, forever.

    With a ``workspace``, the messages come from its own customers about their own orders
    (``living.shop_messages``: the order is recorded as the shop's events first), and a
    simulated team resolves what reaches a person (``living.simulate_team``).
    """
    rng = random.Random(seed)
    if workspace is None:
        await _feed(submit, live_messages(seed), rng, per_minute)
        return
    from tandemdesk.demo.living import Shop, record_shop_events, shop_messages, simulate_team

    shop = await asyncio.to_thread(Shop.load, workspace)

    async def before(body: dict[str, object]) -> None:
        await asyncio.to_thread(record_shop_events, workspace, body)

    # a team round per ~5 messages: each present agent resolves at most one a round, and at
    # one per ~10 the demo's team fell behind (19 resolved a minute against 26 reaching people
    # at --simulate 30; the waiting list grew past 300)
    every = max(3.0, 300 / per_minute)
    team = asyncio.create_task(simulate_team(workspace, every_seconds=every))
    try:
        await _feed(submit, shop_messages(shop, seed), rng, per_minute, before)
    finally:
        team.cancel()


async def _feed(
    submit: Callable[[Delivery], Awaitable[object]],
    bodies: Iterator[dict[str, object]],
    rng: random.Random,
    per_minute: float,
    before: Callable[[dict[str, object]], Awaitable[None]] | None = None,
) -> None:
    for body in bodies:
        try:
            if before is not None:
                await before(body)
            await submit(as_delivery(body))
        except Exception:  # a failed message is marked for retry; the stream goes on
            log.exception("a simulated message failed")
        await asyncio.sleep(rng.expovariate(per_minute / 60.0))
