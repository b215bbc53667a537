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
    submit: Callable[[Delivery], Awaitable[object]], per_minute: float, seed: int = 99
) -> None:
    """Submit one simulated message at a time, about ``per_minute`` a minute, forever."""
    rng = random.Random(seed)
    for body in live_messages(seed):
        try:
            await submit(as_delivery(body))
        except Exception:  # a failed message is marked for retry; the stream goes on
            log.exception("a simulated message failed")
        await asyncio.sleep(rng.expovariate(per_minute / 60.0))
