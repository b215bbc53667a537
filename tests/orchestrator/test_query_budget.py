"""The live path's statement budget, on SQLite and PostgreSQL.

Why count statements: on PostgreSQL every statement is a round trip, and in both databases
building and running one costs more than most of the decision itself, so the number of
statements per message is what decides throughput. The store is read once per batch and the
writes are set-based, so a burst costs a fixed handful of statements plus a few per message.
The ceilings hold with room to spare; the code before set-based reads and writes needed ~21
statements for one message and ~6 per message in a burst of 15, above both.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event

from tandemdesk.listen.delivery import Delivery
from tandemdesk.orchestrator import Orchestrator
from tests.orchestrator.conftest import message

DISTRESSED = "I am desperate and so worried, my parcel never came and nobody helps me, please"
TEXTS = [
    "where is my order NW-5001?",
    "I forgot my password",
    "my jacket is torn, it arrived damaged",
    DISTRESSED,
    "how do I change my password",
]


@contextmanager
def statements(orchestrator: Orchestrator) -> Iterator[list[str]]:
    """Every SQL statement the workspace's engine sends while the block runs."""
    seen: list[str] = []

    def record(*args: Any) -> None:
        seen.append(args[2])

    engine = orchestrator.workspace.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def burst(n: int, start: int = 0) -> list[Delivery]:
    """Mia's order question (answered from her data), then new customers' messages."""
    return [message(TEXTS[0])] + [
        message(TEXTS[i % len(TEXTS)], email=f"c{start + i}@example.org") for i in range(1, n)
    ]


def claim(orchestrator: Orchestrator) -> int:
    """PostgreSQL's one extra statement: the identity claim (``listen.identity``) that makes
    a second worker wait for, then find, a new customer instead of colliding with it."""
    return int(orchestrator.workspace.engine.dialect.name == "postgresql")


def test_one_message_costs_a_fixed_handful_of_statements(shop: Orchestrator) -> None:
    assert shop.kb is not None  # read once per orchestrator, not per message
    for i, delivery in enumerate(burst(len(TEXTS), start=100)):
        with statements(shop) as seen:
            result = shop.handle(delivery)
        # 19: a new customer's first message also stores the language it is written in
        assert len(seen) <= 19 + claim(shop), (i, result.action, seen)


def test_a_burst_costs_a_few_statements_per_message(shop: Orchestrator) -> None:
    assert shop.kb is not None
    deliveries = burst(15)
    with statements(shop) as seen:
        results = shop.handle_many(deliveries)
    assert len(results) == 15 and not any(r.duplicate for r in results)
    assert {r.action for r in results} >= {"automate", "route_to_human"}
    # one statement each for the burst: identities, customers, identity rows,
    # conversations, messages; the batch's reads (8); replies, assignments, decisions,
    # conversation and message updates
    assert len(seen) <= 22 + claim(shop), "\n".join(seen)


def test_a_burst_of_redeliveries_is_answered_from_a_few_statements(shop: Orchestrator) -> None:
    """A channel re-sending a burst after an outage: each message's first result comes back,
    read together — the code before read up to four statements per re-delivered message."""
    deliveries = [
        d.model_copy(update={"message": d.message.model_copy(update={"external_id": f"m{i}"})})
        for i, d in enumerate(burst(15, start=200))
    ]
    first = shop.handle_many(deliveries)
    with statements(shop) as seen:
        again = shop.handle_many(deliveries)
    assert [r.duplicate for r in again] == [True] * 15
    assert [(r.message_id, r.action, r.reply, r.assigned_agent) for r in again] == [
        (r.message_id, r.action, r.reply, r.assigned_agent) for r in first
    ]
    assert len(seen) <= 3 + claim(shop), "\n".join(seen)
