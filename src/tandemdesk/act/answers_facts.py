"""The customer's own facts an automated answer may state: who they are and where their order is.

Why a value object instead of the timeline itself: an answer must only say what the business
knows, and a placeholder must be filled from exactly one well-defined fact. Folding the events
once into ``CustomerFacts`` (the order the message is about, its lifecycle status, shipment,
refund) keeps that logic in one place, makes every answer explainable ("order NW-1 was
delivered 10 days ago") and lets tests build realistic timelines without a database.

Which order: the one the message mentions (``mentioned_order_number`` finds it with a
configurable pattern), else the most recently placed one. A mentioned order that is *not* in
the customer's history is never replaced by another order — answering about the wrong parcel
is worse than handing over. Which orders the customer may be asking about when the message
names none: ``CustomerFacts.awaited``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Protocol

from tandemdesk.timeutil import as_utc, parse_timestamp, utcnow

DEFAULT_ORDER_PATTERN = re.compile(r"\b[A-Z]{2,5}-\d{3,}\b", re.IGNORECASE)
"""Order numbers like ``NW-104233``; pass your shop's own pattern where it differs."""

ORDER_KEYS = ("order_number", "order", "order_id")
"""Where an event's ``data`` names its order (the demo writes ``order_number``, the format
documentation's example ``order``)."""

STATUS_BY_EVENT: Mapping[str, str] = {
    "order_placed": "placed",
    "order_shipped": "shipped",
    "order_delivered": "delivered",
    "return_requested": "return_requested",
    "return_received": "returned",
    "order_refunded": "refunded",
    "order_cancelled": "cancelled",
}
"""Event type → the order's lifecycle status after it; the latest such event wins."""

JUST_ARRIVED_DAYS = 14
"""An order delivered, or a replacement shipped, this many days ago may still be the one
asked about: "where's my order? it was meant to come last week" is about the parcel marked
delivered, not the one that left this morning."""


class EventLike(Protocol):
    """What the facts need from a ``CustomerEvent`` (ORM rows and plain objects both fit)."""

    @property
    def type(self) -> str: ...

    @property
    def occurred_at(self) -> datetime: ...

    @property
    def data(self) -> Mapping[str, Any]: ...


@dataclass(frozen=True, slots=True)
class OrderFacts:
    """One order folded from its events; ``None`` means the business does not know it."""

    number: str
    status: str  # placed | shipped | delivered | return_requested | returned | refunded | cancelled
    placed_at: datetime | None = None
    total: float | None = None
    currency: str | None = None
    items: tuple[str, ...] = ()
    carrier: str | None = None
    tracking_number: str | None = None
    eta: date | None = None
    shipped_at: datetime | None = None
    delivered_at: datetime | None = None
    exception: str | None = None  # an open delivery exception's reason (cleared by delivery)
    exception_at: datetime | None = None
    return_requested_at: datetime | None = None
    returned_at: datetime | None = None
    refund_amount: float | None = None
    refund_currency: str | None = None
    refunded_at: datetime | None = None
    cancelled_at: datetime | None = None
    replacement_shipped_at: datetime | None = None  # a replacement or exchange on its way
    points_credited_at: datetime | None = None  # its loyalty points (``loyalty_points_earned``)
    updated_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class CustomerFacts:
    """What an answer may state about the customer, as of ``as_of``."""

    as_of: datetime
    first_name: str | None = None
    name: str | None = None
    email: str | None = None
    language: str | None = None
    customer_since: datetime | None = None
    order: OrderFacts | None = None
    mentioned_order: str | None = None  # the number the message quoted, normalised
    counted_wait: str | None = None  # the message's wait in minutes or hours ("for 45 mins")
    order_count: int = 0
    awaited: tuple[str, ...] = ()  # orders the customer may still wait for (``_awaited``)
    account_locked: bool = False
    lock_reason: str | None = None
    # the shop sends this customer's loyalty points: an order without them can be overdue
    earns_points: bool = False
    # what the message asks about points (``understand.points_questions``); the defaults
    # are the careful reading, for callers without the text
    points_missing_said: bool = False
    points_asked_in_general: bool = False

    @property
    def tenure_days(self) -> int | None:
        """Whole days since the customer's account was created (``None`` when unknown)."""
        if self.customer_since is None:
            return None
        return max(0, (self.as_of - self.customer_since).days)

    @property
    def last_name(self) -> str | None:
        """Everything after the first name, when the full name has more than one word."""
        if not self.name or not self.first_name:
            return None
        rest = self.name.strip()[len(self.first_name) :].strip()
        return rest or None

    def missing_order_reason(self) -> str:
        """Why there is no order to talk about, in words for the handover note."""
        if self.mentioned_order:
            return f"order {self.mentioned_order} is not in this customer's history"
        return "no order found for this customer"


def normalize_order_number(value: object) -> str:
    """Upper-case, trimmed: customers write ``nw-104233`` as often as ``NW-104233``."""
    return str(value).strip().upper()


def mentioned_order_number(
    text: str, pattern: re.Pattern[str] | str = DEFAULT_ORDER_PATTERN
) -> str | None:
    """The first order number the text quotes, normalised; ``None`` when it quotes none."""
    regex = re.compile(pattern, re.IGNORECASE) if isinstance(pattern, str) else pattern
    found = regex.search(text or "")
    return normalize_order_number(found.group(0)) if found else None


def order_key(data: Mapping[str, Any]) -> str | None:
    """The order an event's data names, normalised; ``None`` when it names none."""
    for key in ORDER_KEYS:
        value = data.get(key)
        if value not in (None, ""):
            return normalize_order_number(value)
    return None


def _float(value: object) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def _date(value: object) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return as_utc(value).date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        try:
            return parse_timestamp(value).date()
        except ValueError:
            return None


def _text(value: object) -> str | None:
    if value in (None, ""):
        return None
    return str(value).strip() or None


def _item_names(items: object) -> tuple[str, ...]:
    if not isinstance(items, list):
        return ()
    names = (item.get("name") or item.get("sku") for item in items if isinstance(item, dict))
    return tuple(str(name) for name in names if name)


def _fold_order(number: str, events: list[EventLike]) -> OrderFacts:
    """Apply one order's events in time order; later events overwrite earlier facts."""
    fields: dict[str, Any] = {"number": number, "status": "placed"}
    for event in events:
        at, data = as_utc(event.occurred_at), event.data or {}
        fields["status"] = STATUS_BY_EVENT.get(event.type, fields["status"])
        fields["updated_at"] = at
        if event.type == "order_placed":
            fields["placed_at"] = at
            fields["total"] = _float(data.get("total"))
            fields["currency"] = _text(data.get("currency"))
            fields["items"] = _item_names(data.get("items"))
        elif event.type == "payment_captured" and fields.get("total") is None:
            fields["total"] = _float(data.get("amount"))
            fields["currency"] = _text(data.get("currency"))
        elif event.type == "order_shipped":
            fields["shipped_at"] = at
            fields["carrier"] = _text(data.get("carrier"))
            fields["tracking_number"] = _text(data.get("tracking_number"))
            fields["eta"] = _date(data.get("eta"))
        elif event.type == "delivery_exception":
            fields["exception"] = _text(data.get("reason")) or "unknown"
            fields["exception_at"] = at
        elif event.type == "order_delivered":
            fields["delivered_at"] = at
            fields["exception"] = fields["exception_at"] = None
        elif event.type == "return_requested":
            fields["return_requested_at"] = at
        elif event.type == "return_received":
            fields["returned_at"] = at
        elif event.type == "order_refunded":
            fields["refunded_at"] = at
            fields["refund_amount"] = _float(data.get("amount"))
            fields["refund_currency"] = _text(data.get("currency")) or fields.get("currency")
        elif event.type == "order_cancelled":
            fields["cancelled_at"] = at
        elif event.type == "replacement_shipped":
            fields["replacement_shipped_at"] = at
        elif event.type == "loyalty_points_earned":
            fields["points_credited_at"] = at
    return OrderFacts(**fields)


def _awaited(order: OrderFacts, as_of: datetime) -> bool:
    """Whether the customer may be asking about ``order`` when they name none: not delivered
    or finished, however old (a parcel lost for a month, a backorder, an order known only by
    its payment are what "where is my order?" chases), or delivered or sent again as a
    replacement within ``JUST_ARRIVED_DAYS``."""
    recent = as_of - timedelta(days=JUST_ARRIVED_DAYS)
    if order.replacement_shipped_at is not None and order.replacement_shipped_at >= recent:
        return True
    if order.status == "delivered":
        return order.delivered_at is not None and order.delivered_at >= recent
    return order.status in ("placed", "shipped")


def _first_name(customer: object, name: str | None) -> str | None:
    attributes = getattr(customer, "attributes", None)
    if isinstance(attributes, Mapping) and attributes.get("first_name"):
        return str(attributes["first_name"]).strip()
    if not name or "@" in name:
        return None
    return name.split()[0]


def _account_state(events: list[EventLike]) -> tuple[bool, str | None]:
    locked, reason = False, None
    for event in events:
        if event.type == "account_locked":
            locked, reason = True, _text((event.data or {}).get("reason"))
        elif event.type in ("account_unlocked", "password_changed"):
            locked, reason = False, None
    return locked, reason


def facts_from_timeline(
    customer: object,
    events: Iterable[EventLike],
    mentioned_order: str | None = None,
    *,
    now: datetime | None = None,
) -> CustomerFacts:
    """Fold a customer and their events into the facts an answer may use.

    ``customer`` is read by attribute only (``name``, ``email``, ``language``, optional
    ``created_at`` and ``attributes["first_name"]``), so an ORM ``Customer`` or any plain
    object works. Events after ``now`` (default: the current time) are ignored, so replaying
    history answers as of the moment the message arrived.
    """
    as_of = as_utc(now) if now is not None else utcnow()
    timeline = sorted(
        (e for e in events if as_utc(e.occurred_at) <= as_of), key=lambda e: e.occurred_at
    )
    by_order: dict[str, list[EventLike]] = {}
    for event in timeline:
        number = order_key(event.data or {})
        if number is not None:
            by_order.setdefault(number, []).append(event)
    wanted = normalize_order_number(mentioned_order) if mentioned_order else None
    orders = {number: _fold_order(number, events) for number, events in by_order.items()}
    awaited = tuple(number for number, order in orders.items() if _awaited(order, as_of))
    if wanted is not None:
        order = orders.get(wanted)
    elif by_order:
        # the most recently placed order (its first event stands in when "placed" is missing)
        order = orders[max(by_order, key=lambda n: by_order[n][0].occurred_at)]
    else:
        order = None
    created = [e.occurred_at for e in timeline if e.type == "account_created"]
    since = getattr(customer, "created_at", None)
    customer_since = as_utc(created[0]) if created else (as_utc(since) if since else None)
    name = _text(getattr(customer, "name", None))
    locked, lock_reason = _account_state(timeline)
    return CustomerFacts(
        as_of=as_of,
        first_name=_first_name(customer, name),
        name=name,
        email=_text(getattr(customer, "email", None)),
        language=_text(getattr(customer, "language", None)),
        customer_since=customer_since,
        order=order,
        mentioned_order=wanted,
        order_count=len(by_order),
        awaited=awaited,
        account_locked=locked,
        lock_reason=lock_reason,
        earns_points=any(e.type == "loyalty_points_earned" for e in timeline),
    )
