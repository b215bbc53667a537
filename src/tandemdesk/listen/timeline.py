"""The unified timeline of one customer: what an agent needs so nobody asks twice.

Messages from every channel and the business's events (orders, shipments, logins) are
merged in time order, with the identities that joined them and a line per conversation.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Select, bindparam, func, or_, select
from sqlalchemy.orm import Session

from tandemdesk.errors import NotFoundError
from tandemdesk.listen.records import normalize_email, normalize_phone
from tandemdesk.models import Conversation, Customer, CustomerEvent, Identity, Message


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    kind: str  # "message" | "event"
    title: str  # author for messages, event type for events
    text: str
    conversation_id: int | None = None
    channel: str | None = None
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ConversationLine:
    id: int
    external_id: str | None
    channel: str
    subject: str | None
    status: str
    intent: str | None
    messages: int
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class Timeline:
    customer: Customer
    identities: list[tuple[str, str]]
    conversations: list[ConversationLine]
    entries: list[TimelineEntry]
    total_entries: int

    def to_dict(self) -> dict[str, Any]:
        c = self.customer
        return {
            "customer": {
                "id": c.id,
                "external_id": c.external_id,
                "name": c.name,
                "email": c.email,
                "phone": c.phone,
                "language": c.language,
                "created_at": c.created_at.isoformat(),
            },
            "identities": [{"kind": k, "value": v} for k, v in self.identities],
            "conversations": [
                {
                    **line.__dict__,
                    "created_at": line.created_at.isoformat(),
                    "updated_at": line.updated_at.isoformat(),
                }
                for line in self.conversations
            ],
            "entries": [{**entry.__dict__, "at": entry.at.isoformat()} for entry in self.entries],
            "total_entries": self.total_entries,
        }


def find_customer(session: Session, key: str) -> Customer:
    """A customer by numeric id, email, phone or external id."""
    key = key.strip()
    conditions = [
        (Identity.kind == "external") & (Identity.value == key),
    ]
    if "@" in key:
        conditions.append((Identity.kind == "email") & (Identity.value == normalize_email(key)))
    elif sum(ch.isdigit() for ch in key) >= 5:
        conditions.append((Identity.kind == "phone") & (Identity.value == normalize_phone(key)))
    customer_id = session.scalar(select(Identity.customer_id).where(or_(*conditions)).limit(1))
    if customer_id is None and key.isascii() and key.isdigit() and int(key) < 2**31:
        customer_id = int(key)  # an id: ids are 32-bit ("²" is a digit but not a number)
    customer = session.get(Customer, customer_id) if customer_id is not None else None
    if customer is None:
        raise NotFoundError(f"no customer matches {key!r} (try an email, phone, external id or id)")
    return customer


def customer_timeline(session: Session, key: str, limit: int = 200) -> Timeline:
    """The customer and the newest ``limit`` entries of their timeline, oldest first."""
    customer = find_customer(session, key)
    identities = [
        (kind, value)
        for kind, value in session.execute(
            select(Identity.kind, Identity.value)
            .where(Identity.customer_id == customer.id)
            .order_by(Identity.id)
        )
    ]
    counts = (  # only this customer's conversations: never a scan of every message
        select(Message.conversation_id, func.count().label("n"))
        .join(Conversation, Conversation.id == Message.conversation_id)
        .where(Conversation.customer_id == customer.id)
        .group_by(Message.conversation_id)
        .subquery()
    )
    conversations = [
        ConversationLine(
            c.id,
            c.external_id,
            c.channel,
            c.subject,
            c.status,
            c.intent,
            n or 0,
            c.created_at,
            c.updated_at,
        )
        for c, n in session.execute(
            select(Conversation, counts.c.n)
            .outerjoin(counts, counts.c.conversation_id == Conversation.id)
            .where(Conversation.customer_id == customer.id)
            .order_by(Conversation.created_at)
        )
    ]
    entries = recent_entries(session, [customer.id], limit)[customer.id]
    total = sum(line.messages for line in conversations) + (
        session.scalar(select(func.count()).where(CustomerEvent.customer_id == customer.id)) or 0
    )
    return Timeline(customer, identities, conversations, entries, total)


def describe_event(event: CustomerEvent) -> str:
    """A short human line for an event's data (order numbers, carriers, amounts first)."""
    preferred = (
        "order",
        "order_number",
        "number",
        "carrier",
        "tracking_number",
        "status",
        "amount",
        "plan",
    )
    parts = [f"{key}={event.data[key]}" for key in preferred if key in event.data]
    parts += [
        f"{key}={value}"
        for key, value in event.data.items()
        if key not in preferred and isinstance(value, str | int | float)
    ][: max(0, 4 - len(parts))]
    return ", ".join(parts)


def _newest_events() -> Select[Any]:
    newest = (
        select(
            CustomerEvent.id,
            func.row_number()
            .over(
                partition_by=CustomerEvent.customer_id,
                order_by=(CustomerEvent.occurred_at.desc(), CustomerEvent.id.desc()),
            )
            .label("n"),
        )
        .where(CustomerEvent.customer_id.in_(bindparam("customers", expanding=True)))
        .subquery()
    )
    return (
        select(CustomerEvent)
        .join(newest, newest.c.id == CustomerEvent.id)
        .where(newest.c.n <= bindparam("limit"))
        .order_by(CustomerEvent.occurred_at, CustomerEvent.id)
    )


def _newest_messages() -> Select[Any]:
    ranked = (
        select(
            Message.id,
            Conversation.customer_id,
            Conversation.channel,
            func.row_number()
            .over(
                partition_by=Conversation.customer_id,
                order_by=(Message.sent_at.desc(), Message.id.desc()),
            )
            .label("n"),
        )
        .join(Conversation, Conversation.id == Message.conversation_id)
        .where(Conversation.customer_id.in_(bindparam("customers", expanding=True)))
        .subquery()
    )
    return (
        select(
            Message.sent_at, Message.author, Message.text, Message.conversation_id,
            Message.channel, ranked.c.customer_id, ranked.c.channel,
        )
        .join(ranked, ranked.c.id == Message.id)
        .where(ranked.c.n <= bindparam("limit"))
        .order_by(Message.sent_at.desc(), Message.id.desc())
    )  # fmt: skip


# built once: these statements run for every live message, and building them (subqueries
# above all) cost more than executing them
NEWEST_EVENTS = _newest_events()
NEWEST_MESSAGES = _newest_messages()


def customer_events(
    session: Session, customer_ids: Collection[int], limit: int = 200
) -> dict[int, list[CustomerEvent]]:
    """Each customer's newest ``limit`` events, oldest first (what grounded answers quote).

    One query for the whole batch: a window function keeps the newest per customer.
    """
    out: dict[int, list[CustomerEvent]] = {customer_id: [] for customer_id in customer_ids}
    if not out:
        return out
    for event in session.scalars(NEWEST_EVENTS, {"customers": list(out), "limit": limit}):
        out[event.customer_id].append(event)
    return out


def recent_entries(
    session: Session,
    customer_ids: Collection[int],
    limit: int = 50,
    events: Mapping[int, Sequence[CustomerEvent]] | None = None,
) -> dict[int, list[TimelineEntry]]:
    """Each customer's newest ``limit`` timeline entries (messages and events), oldest first.

    Two queries however many customers: ``customer_timeline`` uses it for one customer, the
    orchestrator for every customer handed over in a burst. ``events`` are the customers'
    events as ``customer_events`` read them (with any limit >= ``limit``), when the caller
    has them already: then one query.
    """
    out: dict[int, list[TimelineEntry]] = {customer_id: [] for customer_id in customer_ids}
    if out:
        rows = session.execute(NEWEST_MESSAGES, {"customers": list(out), "limit": limit})
        for at, author, text, conversation_id, channel, customer_id, fallback in rows:
            out[customer_id].append(
                TimelineEntry(at, "message", author, text, conversation_id, channel or fallback)
            )
    if events is None:
        events = customer_events(session, customer_ids, limit)
    for customer_id in customer_ids:
        newest = events.get(customer_id, [])[-limit:] if limit > 0 else []
        out[customer_id] += [
            TimelineEntry(e.occurred_at, "event", e.type, describe_event(e), data=e.data)
            for e in reversed(newest)  # newest first, as customer_timeline lists them
        ]
    return {
        customer_id: sorted(entries, key=lambda entry: entry.at)[-limit:]
        for customer_id, entries in out.items()
    }
