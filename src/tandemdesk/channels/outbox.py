"""The transactional outbox: what must leave is a row, written with what causes it.

Why the database is the queue: a reply and the promise to send it commit together or not at
all, so a crash can lose neither; no broker to run beside the database (Solid Queue,
good_job and Oban work the same way). States::

    pending ──claim──► sending ──ok──► sent
       ▲                  │
       └──due again── failed ◄─error (attempts left; next_attempt_at = now + backoff)
                          └──────────► dead (no attempts left; a supervisor may re-send)

A claim sets ``sending``, a random ``claim`` token and ``lease_until``; only the holder of
that token may mark the outcome, and a claim whose lease ran out (the worker was killed) is
due again. Claiming is one ``UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED)`` on
PostgreSQL — workers on several machines take disjoint rows without waiting on each other —
and the same single statement on SQLite, where the database's one writer makes it atomic.
"""

from __future__ import annotations

import random
import time
import uuid
import weakref
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, and_, func, or_, select, update
from sqlalchemy.orm import Session

from tandemdesk import events
from tandemdesk.db import transaction
from tandemdesk.errors import ConflictError, InvalidRecordError, NotFoundError
from tandemdesk.listen.bulk import insert_many
from tandemdesk.models import Delivery, WebhookSubscription, table_of
from tandemdesk.timeutil import utcnow

EVENTS = (
    "message.received",
    "decision.made",
    "conversation.assigned",
    "reply.sent",
    "conversation.resolved",
    "delivery.failed",
)
STATUSES = ("pending", "sending", "sent", "failed", "dead", "cancelled")
RESENDABLE = ("failed", "dead", "cancelled")


def new_key() -> str:
    """A delivery's idempotency id (also the e-mail's Message-ID local part)."""
    return uuid.uuid4().hex


def message_rows(
    replies: Iterable[tuple[int, int, str | None]], now: datetime
) -> list[dict[str, Any]]:
    """One delivery row per outgoing message ``(message id, conversation id, channel)``."""
    return [
        {
            "kind": "message",
            "message_id": message_id,
            "subscription_id": None,
            "conversation_id": conversation_id,
            "channel": channel or "api",
            "event": None,
            "key": new_key(),
            "payload": {},
            "status": "pending",
            "attempts": 0,
            "next_attempt_at": now,
            "created_at": now,
            "updated_at": now,
        }
        for message_id, conversation_id, channel in replies
    ]


def enqueue_messages(
    session: Session, replies: Iterable[tuple[int, int, str | None]], now: datetime
) -> None:
    """Promise to send these messages, in the caller's transaction."""
    insert_many(session, table_of(Delivery), message_rows(replies, now))


SUBSCRIPTIONS_SECONDS = 2.0
_subscribed: weakref.WeakKeyDictionary[Engine, tuple[float, list[tuple[int, list[str]]]]] = (
    weakref.WeakKeyDictionary()
)


def _subscriptions(session: Session) -> list[tuple[int, list[str]]]:
    """The active subscriptions and their events, re-read at most every
    ``SUBSCRIPTIONS_SECONDS`` per engine: the live path must not pay a statement per batch
    for a table that changes a few times a year. A subscription made in this process counts
    at once (``forget_subscriptions``); one made by another process within that time."""
    bind = session.get_bind()
    engine = bind if isinstance(bind, Engine) else bind.engine
    now = time.monotonic()
    hit = _subscribed.get(engine)
    if hit is not None and now - hit[0] < SUBSCRIPTIONS_SECONDS:
        return hit[1]
    found = [
        (int(i), list(events))
        for i, events in session.execute(
            select(WebhookSubscription.id, WebhookSubscription.events).where(
                WebhookSubscription.active
            )
        )
    ]
    _subscribed[engine] = (now, found)
    return found


def forget_subscriptions() -> None:
    """Subscriptions changed: the next event reads them again."""
    _subscribed.clear()


def enqueue_events(
    session: Session, happened: Sequence[tuple[str, dict[str, Any]]], now: datetime
) -> int:
    """One webhook delivery per (event, subscription that wants it), in the caller's
    transaction; returns how many. One small read when nobody subscribes."""
    if not happened:
        return 0
    subscriptions = _subscriptions(session)
    if not subscriptions:
        return 0
    rows: list[dict[str, Any]] = []
    for name, data in happened:
        for subscription_id, wanted in subscriptions:
            if name not in wanted and "*" not in wanted:
                continue
            key = new_key()
            rows.append(
                {
                    "kind": "webhook",
                    "message_id": None,
                    "subscription_id": subscription_id,
                    "conversation_id": data.get("conversation_id"),
                    "channel": "webhook",
                    "event": name,
                    "key": key,
                    "payload": {
                        "id": key,
                        "event": name,
                        "created_at": now.isoformat(),
                        "data": data,
                    },
                    "status": "pending",
                    "attempts": 0,
                    "next_attempt_at": now,
                    "created_at": now,
                    "updated_at": now,
                }
            )
    insert_many(session, table_of(Delivery), rows)
    return len(rows)


# ---- the worker's side -------------------------------------------------------------------


@dataclass(frozen=True)
class Claimed:
    """A delivery a worker holds: what the senders need, and the token to mark it with."""

    id: int
    kind: str
    channel: str
    key: str
    message_id: int | None
    subscription_id: int | None
    conversation_id: int | None
    event: str | None
    payload: dict[str, Any]
    attempts: int
    claim: str


def _due(now: datetime) -> Any:
    return or_(
        and_(Delivery.status.in_(("pending", "failed")), Delivery.next_attempt_at <= now),
        and_(Delivery.status == "sending", Delivery.lease_until < now),
    )


def claim_due(session: Session, now: datetime, limit: int, lease_seconds: float) -> list[Claimed]:
    """Take up to ``limit`` due deliveries (oldest first) for ``lease_seconds``; each
    attempt counts when claimed, so a worker killed mid-send still uses one up."""
    token = uuid.uuid4().hex
    pick = select(Delivery.id).where(_due(now)).order_by(Delivery.next_attempt_at, Delivery.id)
    pick = pick.limit(limit)
    if session.get_bind().dialect.name == "postgresql":
        # a materialised CTE, not ``IN (subquery)``: PostgreSQL may run a semi-join's
        # subquery again per outer row, and with SKIP LOCKED each run finds other rows —
        # a claim of 5 took all 100 due rows (found by the kill test)
        picked = pick.with_for_update(skip_locked=True).cte("picked").prefix_with("MATERIALIZED")
        chosen: Any = Delivery.id == picked.c.id
    else:  # one writer at a time: the statement is atomic as it is
        chosen = Delivery.id.in_(pick.scalar_subquery())
    rows = session.execute(
        update(Delivery)
        .where(chosen, _due(now))
        .values(
            status="sending",
            claim=token,
            lease_until=now + timedelta(seconds=lease_seconds),
            attempts=Delivery.attempts + 1,
            updated_at=now,
        )
        .returning(
            Delivery.id,
            Delivery.kind,
            Delivery.channel,
            Delivery.key,
            Delivery.message_id,
            Delivery.subscription_id,
            Delivery.conversation_id,
            Delivery.event,
            Delivery.payload,
            Delivery.attempts,
        )
    ).all()
    claimed = [Claimed(*row, claim=token) for row in rows]  # type: ignore[call-arg]
    return sorted(claimed, key=lambda c: c.id)


def backoff(attempts: int, base: float, cap: float, rng: random.Random | None = None) -> float:
    """Seconds before the next attempt: ``base`` doubled per attempt made, capped, then a
    random share of it between half and all ("equal jitter"), so receivers that failed
    together are not hit again together."""
    ceiling = min(cap, base * 2.0 ** max(0, attempts - 1))
    return float(ceiling * (0.5 + 0.5 * (rng or random).random()))


@dataclass(frozen=True)
class Outcome:
    """What one send did: ``error`` None is success; ``status`` the receiver's HTTP status."""

    delivery: Claimed
    error: str | None = None
    status: int | None = None
    permanent: bool = False  # no point retrying (e.g. the customer has no address)
    cancelled: bool = False  # nobody wants it any more (its subscription was deleted)
    info: dict[str, Any] = field(default_factory=dict)  # what ``reply.sent`` tells


def mark(
    session: Session,
    outcomes: Sequence[Outcome],
    now: datetime,
    max_attempts: int,
    base: float,
    cap: float,
) -> list[tuple[str, dict[str, Any]]]:
    """Record each outcome if this worker still holds the claim (a claim lost to lease
    expiry is left to whoever holds it now); returns the events it caused (``reply.sent``,
    ``delivery.failed``), already enqueued as webhooks in this transaction."""
    table = table_of(Delivery)
    done: dict[int, str] = {}  # delivery id → the state this call gave it
    # successes: one statement per claim and receiver status (a batch is usually one)
    groups: dict[tuple[str, int | None], list[int]] = {}
    for outcome in outcomes:
        if outcome.error is None:
            key = (outcome.delivery.claim, outcome.status)
            groups.setdefault(key, []).append(outcome.delivery.id)
    for (claim, status), ids in groups.items():
        changed = session.execute(
            update(table)
            .where(table.c.id.in_(ids), table.c.claim == claim, table.c.status == "sending")
            .values(status="sent", sent_at=now, last_error=None, lease_until=None, claim=None,
                    updated_at=now, response_status=status)
            .returning(table.c.id)
        )  # fmt: skip
        done.update((int(i), "sent") for i in changed.scalars())
    for outcome in outcomes:  # failures: rare, one by one
        d = outcome.delivery
        if outcome.error is None:
            continue
        if outcome.cancelled:
            values: dict[str, Any] = {"status": "cancelled", "last_error": outcome.error}
        elif outcome.permanent or d.attempts >= max_attempts:
            values = {"status": "dead", "last_error": outcome.error[:2000]}
        else:
            wait = backoff(d.attempts, base, cap)
            values = {
                "status": "failed",
                "last_error": outcome.error[:2000],
                "next_attempt_at": now + timedelta(seconds=wait),
            }
        values.update(lease_until=None, claim=None, updated_at=now, response_status=outcome.status)
        held = (table.c.id == d.id, table.c.claim == d.claim, table.c.status == "sending")
        if session.execute(update(table).where(*held).values(**values)).rowcount:  # type: ignore[attr-defined]
            done[d.id] = values["status"]
    happened: list[tuple[str, dict[str, Any]]] = []
    for outcome in outcomes:
        d = outcome.delivery
        state = done.get(d.id)
        if state is None or d.kind != "message":  # a failing webhook calls no webhooks
            continue
        about = {
            "delivery_id": d.id,
            "message_id": d.message_id,
            "conversation_id": d.conversation_id,
            "channel": d.channel,
        }
        if state == "sent":
            happened.append(("reply.sent", {**about, **outcome.info}))
        elif state == "dead":
            happened.append(
                ("delivery.failed", {**about, "error": outcome.error, "attempts": d.attempts})
            )
    enqueue_events(session, happened, now)
    return happened


# ---- what supervisors see and do ---------------------------------------------------------


def to_public(d: Delivery) -> dict[str, Any]:
    """A delivery as the API and console show it."""
    return {
        "id": d.id,
        "kind": d.kind,
        "channel": d.channel,
        "status": d.status,
        "message_id": d.message_id,
        "conversation_id": d.conversation_id,
        "subscription_id": d.subscription_id,
        "event": d.event,
        "delivery_key": d.key,
        "attempts": d.attempts,
        "last_error": d.last_error,
        "response_status": d.response_status,
        "next_attempt_at": d.next_attempt_at.isoformat(),
        "created_at": d.created_at.isoformat(),
        "sent_at": d.sent_at.isoformat() if d.sent_at else None,
    }


def list_deliveries(
    session: Session,
    status: str | None = None,
    subscription_id: int | None = None,
    conversation_id: int | None = None,
    limit: int = 50,
    offset: int = 0,
) -> dict[str, Any]:
    """Newest first, with the count per status (the console's tabs); ``status`` ``all`` or
    ``None`` lists every state, an unknown one is refused."""
    if status == "all":
        status = None
    if status is not None and status not in STATUSES:
        raise InvalidRecordError(
            f"unknown delivery status {status!r}; use one of {', '.join(STATUSES)} or all"
        )
    query = select(Delivery)
    if status:
        query = query.where(Delivery.status == status)
    if subscription_id is not None:
        query = query.where(Delivery.subscription_id == subscription_id)
    if conversation_id is not None:
        query = query.where(Delivery.conversation_id == conversation_id)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.scalars(query.order_by(Delivery.id.desc()).limit(limit).offset(offset))
    counts = dict(
        session.execute(select(Delivery.status, func.count()).group_by(Delivery.status)).all()
    )
    return {
        "data": [to_public(d) for d in rows],
        "count": total,
        "by_status": {s: int(counts.get(s, 0)) for s in STATUSES},
    }


def resend(session: Session, delivery_id: int, now: datetime) -> Delivery:
    """A failed, dead or cancelled delivery gets a fresh set of attempts, due now, under
    the same key (a receiver that did get it drops the repeat). A sent one is refused:
    sending it again is not a repair."""
    delivery = session.get(Delivery, delivery_id)
    if delivery is None:
        raise NotFoundError(f"no delivery {delivery_id}")
    if delivery.status not in RESENDABLE:
        raise ConflictError(
            f"delivery {delivery_id} is {delivery.status}; only failed, dead or cancelled "
            "deliveries can be re-sent",
            status=delivery.status,
        )
    delivery.status = "pending"
    delivery.attempts = 0
    delivery.next_attempt_at = now
    delivery.updated_at = now
    delivery.claim = None
    delivery.lease_until = None
    return delivery


def resend_now(sessions: Callable[[], Session], delivery_id: int) -> dict[str, Any]:
    """``resend`` in its own transaction, then the worker is woken (``delivery.resend``) so
    the delivery goes out now, not at the next poll: one place for the API and the console."""
    with transaction(sessions) as session:
        result = to_public(resend(session, delivery_id, utcnow()))
    events.emit("delivery.resend", {"delivery_id": delivery_id})
    return result
