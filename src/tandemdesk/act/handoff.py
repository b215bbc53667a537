"""The handoff packet: everything a person needs to take over from the bot in ten seconds.

Why a packet and not "open the conversation": the customer who reaches a person is usually
the one the bot could not help, and the worst thing the person can do is ask again what was
already said. So the packet puts first who the customer is (how long they have been with
us, what they are worth, their recent orders and what happened to them), what they want,
how they feel *and how that changed* (a customer who started calm and is now upset needs
an apology before an answer), what the bot already told them, and suggestions — then one
short paragraph that says all of it.

When something is at stake — a risk signal (a customer in crisis, a product that caught
fire, a charge they never made, a death in the family …), a threat to staff, a request for a
person — the packet leads with it ("why this matters") and names the request only as
"also asks about": an incidental intent must never read as the reason a person was called.
A queue's response protocol (the crisis queue's) comes with it.

Pure: the caller passes the customer, their timeline entries (``listen.timeline``), the
``Understanding`` of each customer message in order, the decision's sentence, the bot's
messages and the suggestions; nothing here reads the store.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, is_dataclass
from datetime import datetime
from typing import Any, Protocol

from tandemdesk.act.answers_facts import STATUS_BY_EVENT, order_key
from tandemdesk.listen.timeline import TimelineEntry
from tandemdesk.understand.abuse import is_threat
from tandemdesk.understand.emotion import SARCASM
from tandemdesk.understand.pipeline import Understanding
from tandemdesk.understand.urgency import LEVELS

ORDER_EVENTS: tuple[str, ...] = ("order_placed", "order_created", "order", "purchase")
"""Event types whose amount counts toward the customer's value (one event per order)."""

AMOUNT_KEYS: tuple[str, ...] = ("total", "amount", "value")
MOOD_BANDS: tuple[tuple[float, str], ...] = (
    (0.3, "calm"),
    (0.5, "uneasy"),
    (0.7, "upset"),
    (1.01, "very upset"),
)
"""Distress → a word for the agent: below 0.3 calm, then uneasy, upset (≥ 0.5, the emotion
model's ``distressed`` label) and very upset (≥ 0.7, routing's ``high_distress_threshold``).
Finer than ``inbox.mood`` (which follows the policy's threshold) on purpose: the packet
describes how the feeling moved, the inbox only sorts."""
TREND_MARGIN = 0.15
"""A change in distress smaller than this between first and last message is "steady"."""


class CustomerLike(Protocol):
    """What the packet reads of a customer (the ORM ``Customer`` fits)."""

    @property
    def id(self) -> int: ...
    @property
    def name(self) -> str | None: ...
    @property
    def email(self) -> str | None: ...
    @property
    def language(self) -> str | None: ...
    @property
    def created_at(self) -> datetime: ...


@dataclass(frozen=True, slots=True)
class OrderLine:
    number: str | None
    at: datetime
    amount: float | None
    currency: str | None
    status: str  # lifecycle status (placed, shipped, delivered, return requested, returned …)


@dataclass(frozen=True, slots=True)
class CustomerCard:
    id: int
    name: str | None
    email: str | None
    language: str | None
    since: datetime
    tenure_days: int
    tenure: str
    orders: int
    value: dict[str, float]  # currency → sum of order amounts ("" when unknown)
    recent_orders: tuple[OrderLine, ...]
    recent_events: tuple[TimelineEntry, ...]


@dataclass(frozen=True, slots=True)
class Want:
    intent: str | None
    confidence: float
    secondary: str | None
    maybe: tuple[str, ...] = ()  # no confident intent: the newest message's likely ones


@dataclass(frozen=True, slots=True)
class Feeling:
    distress: tuple[float, ...]  # one per customer message, in order
    moods: tuple[str, ...]
    trend: str  # worse | better | steady | unknown
    sentence: str
    emotions: tuple[str, ...]  # of the latest message, strongest first
    abusive: bool


@dataclass(frozen=True, slots=True)
class HandoffPacket:
    """What the agent sees first when the conversation lands on them."""

    customer: CustomerCard
    want: Want
    feeling: Feeling
    urgency: str | None
    decision: str | None
    bot_messages: tuple[str, ...]
    suggestions: tuple[dict[str, Any], ...]
    summary: str
    why: str | None = None  # why this matters (risk, threat, asked for a person), or None
    risks: tuple[str, ...] = ()  # risk categories seen in the conversation, strongest first
    protocol: str | None = None  # the queue's response protocol, shown first

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able data: datetimes as ISO 8601 strings."""
        data: dict[str, Any] = _jsonable(self)
        return data


def _jsonable(value: Any) -> Any:
    """Like ``asdict`` then JSON-friendly, in one pass and without ``asdict``'s deep copies
    (they were a tenth of the live path's time)."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _jsonable(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


# --------------------------------------------------------------------------- who


def tenure_text(days: int) -> str:
    """``"2 years 3 months"``, ``"5 months"``, ``"12 days"``, ``"new today"``."""
    if days <= 0:
        return "new today"
    years, rest = divmod(days, 365)
    months = rest // 30
    if years:
        text = f"{years} year{'s' * (years > 1)}"
        return text + (f" {months} month{'s' * (months > 1)}" if months else "")
    if months:
        return f"{months} month{'s' * (months > 1)}"
    return f"{days} day{'s' * (days > 1)}"


def _first(data: Mapping[str, Any], keys: Sequence[str]) -> Any:
    return next((data[k] for k in keys if data.get(k) not in (None, "")), None)


def _amount(data: Mapping[str, Any]) -> float | None:
    value = _first(data, AMOUNT_KEYS)
    if isinstance(value, bool):
        return None
    try:
        return float(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def _status(event_type: str) -> str | None:
    """An order's lifecycle status after this event, as words (``"return requested"``), or
    ``None`` for an event that does not move it — as ``answers_facts`` folds an order, so
    the packet and an automated answer never disagree about where a parcel is."""
    status = STATUS_BY_EVENT.get(event_type)
    return status.replace("_", " ") if status else None


def _customer_card(
    customer: CustomerLike, events: Sequence[TimelineEntry], now: datetime, recent: int
) -> CustomerCard:
    value: dict[str, float] = {}
    status: dict[str, str] = {}  # order number → its lifecycle status so far
    placed: list[tuple[str | None, datetime, float | None, str | None]] = []
    numbers: set[str] = set()  # an order placed twice (a re-sent event) is listed once
    for event in events:  # oldest first
        key = order_key(event.data)
        moved = _status(event.title)
        if key is not None and moved is not None:
            status[key] = moved
        if event.title not in ORDER_EVENTS:
            continue
        amount = _amount(event.data)
        currency = event.data.get("currency")
        if amount is not None:
            cur = str(currency or "")
            value[cur] = round(value.get(cur, 0.0) + amount, 2)
        if key is None or key not in numbers:
            placed.append((key, event.at, amount, currency))
            numbers.add(key or "")
    lines = [
        OrderLine(key, at, amount, currency, status.get(key, "placed") if key else "placed")
        for key, at, amount, currency in placed
    ]
    lines.sort(key=lambda x: x.at, reverse=True)
    days = max(0, (now - customer.created_at).days)
    return CustomerCard(
        id=customer.id,
        name=customer.name,
        email=customer.email,
        language=customer.language,
        since=customer.created_at,
        tenure_days=days,
        tenure=tenure_text(days),
        orders=len(lines),
        value=value,
        recent_orders=tuple(lines[:recent]),
        recent_events=tuple(sorted(events, key=lambda e: e.at, reverse=True)[:recent]),
    )


# --------------------------------------------------------------------------- what, how


_MAYBE = 0.25  # an unsure reading's candidate named to the agent as a guess


def _want(understandings: Sequence[Understanding]) -> Want:
    """The newest confident intent (follow-ups like "hello??" abstain and are skipped).

    The secondary is that message's own second intent, else the previous different one the
    customer asked about in this conversation.
    """
    confident = [u.intent for u in understandings if u.intent and u.intent.label]
    if not confident:
        # a bereaved customer's "close his account and stop the boxes" read no intent for
        # sure; the agent still gets the likely ones, named as guesses
        newest = next(  # the newest message that says something ("Hallo?" does not)
            (u.intent for u in reversed(understandings)
             if u.intent is not None and not (u.dialogue.small_talk or u.dialogue.vague)),
            None,
        )  # fmt: skip
        maybe = (
            tuple(label for label, p in newest.top_k[:2] if p >= _MAYBE)
            if newest is not None and not newest.out_of_scope
            else ()
        )
        return Want(None, 0.0, None, maybe)
    latest = confident[-1]
    secondary = latest.secondary
    if secondary is None:
        secondary = next((p.label for p in reversed(confident) if p.label != latest.label), None)
    return Want(latest.label, round(latest.confidence, 3), secondary)


def mood(distress: float) -> str:
    return next(word for bound, word in MOOD_BANDS if distress < bound)


def _feeling(understandings: Sequence[Understanding]) -> Feeling:
    values = tuple(round(u.distress.value, 3) for u in understandings)
    moods = tuple(mood(v) for v in values)
    abusive = any(u.abuse.label for u in understandings)
    if not values:
        return Feeling((), (), "unknown", "No customer message was understood yet.", (), False)
    path: list[str] = []
    for word in moods:
        if not path or path[-1] != word:
            path.append(word)
    change = values[-1] - values[0]
    trend = "worse" if change > TREND_MARGIN else "better" if change < -TREND_MARGIN else "steady"
    emotions = tuple(name for name, _ in understandings[-1].emotion.emotions if name != "neutral")
    if len(values) == 1:
        sentence = f"{moods[0].capitalize()} (distress {values[0]:.2f}, one message)."
    else:
        how = {
            "worse": "getting worse",
            "better": "calming down",
            "steady": "about the same throughout",
        }[trend]
        sentence = (
            f"{' → '.join(path).capitalize()}: {how} (distress {values[0]:.2f} → "
            f"{values[-1]:.2f} over {len(values)} messages)."
        )
    ironic = next((e for e in understandings[-1].distress.evidence if e.source == SARCASM), None)
    if ironic is not None:  # its emotions read the praise at face value ("admiration")
        sentence += f" Latest message: sarcastic (\u201c{ironic.text}\u201d), not pleased."
    elif emotions:
        sentence += f" Latest message: {', '.join(emotions[:3])}."
    if abusive:
        sentence += " Some messages were abusive."
    return Feeling(values, moods, trend, sentence, emotions[:3], abusive)


RISK_WORDS: dict[str, str] = {
    "self_harm": "the customer may be in crisis",
    "safety_hazard": "a safety hazard",
    "fraud": "possible fraud",
    "bereavement": "a bereavement",
    "legal_threat": "a legal threat",
    "vulnerable": "a vulnerable customer",
}


def _stakes(understandings: Sequence[Understanding]) -> tuple[str | None, tuple[str, ...]]:
    """Why this matters, in words, and the risk categories (newest message's first)."""
    seen: dict[str, str] = {}
    for u in reversed(understandings):
        for category, _, said in u.risk.seen:
            seen.setdefault(category, said)
    parts = [
        f"{RISK_WORDS.get(c, c.replace('_', ' '))}" + (f" ({d})" if d else "")
        for c, d in seen.items()
    ]
    if any(is_threat(u.abuse) for u in understandings):
        parts.append("the customer threatened staff")
    if understandings and understandings[-1].dialogue.wants_person:
        parts.append("the customer asked for a person")
    if not parts:
        return None, ()
    why = "; ".join(parts)
    return f"Why this matters: {why[:1].upper()}{why[1:]}.", tuple(seen)


def _urgency(understandings: Sequence[Understanding]) -> str | None:
    rank = {level: i for i, level in enumerate(LEVELS)}
    labels = [str(u.urgency.label) for u in understandings if u.urgency.label in rank]
    return max(labels, key=rank.__getitem__) if labels else None


def _suggestion(item: Any) -> dict[str, Any]:
    """Suggestions come from ``act.answers`` (objects with ``to_dict``) or as plain dicts."""
    if isinstance(item, Mapping):
        return dict(item)
    to_dict = getattr(item, "to_dict", None)
    if callable(to_dict):
        return dict(to_dict())
    raise TypeError(f"a suggestion must be a mapping or have to_dict(): {item!r}")


# --------------------------------------------------------------------------- the packet


def _money(amount: float, currency: str | None) -> str:
    return f"{amount:,.2f} {currency}" if currency else f"{amount:,.2f}"


def _summary(
    card: CustomerCard,
    want: Want,
    feeling: Feeling,
    urgency: str | None,
    decision: str | None,
    bot_messages: Sequence[str],
    why: str | None = None,
    names: Mapping[str, str] | None = None,
) -> str:
    who = card.name or card.email or f"Customer {card.id}"
    value = " + ".join(_money(v, c) for c, v in sorted(card.value.items())) or "no recorded spend"
    since = "a new customer today" if card.tenure == "new today" else f"customer for {card.tenure}"
    parts = [f"{who}, {since}, {card.orders} order{'s' * (card.orders != 1)} ({value})"]
    if card.recent_orders:
        latest = card.recent_orders[0]
        parts[0] += f"; latest {latest.number or 'order'} on {latest.at:%d %b %Y}, {latest.status}"
    parts[0] += "."

    def said(intent: str) -> str:  # the shop's own words for it, never a raw id
        return (names or {}).get(intent) or intent.replace("_", " ")

    if why:  # the stakes lead; the request is context, not the reason
        parts.insert(0, why)
        if want.intent:
            also = f", {said(want.secondary)}" if want.secondary else ""
            parts.append(f"Also asks about: {said(want.intent)}{also}.")
        elif want.maybe:
            parts.append(f"Possibly also about: {' or '.join(map(said, want.maybe))}.")
    elif want.intent:
        also = f" (also {said(want.secondary)})" if want.secondary else ""
        parts.append(f"Wants: {said(want.intent)}{also}.")
    elif want.maybe:
        guess = " or ".join(map(said, want.maybe))
        parts.append(f"What they want is unclear (possibly {guess}) — read their last message.")
    else:
        parts.append("What they want is unclear — read their last message.")
    parts.append(f"Mood: {feeling.sentence}")
    if urgency in ("high", "urgent"):
        parts.append(f"Urgency {urgency}.")
    if bot_messages:
        n = len(bot_messages)
        times = {1: "once", 2: "twice"}.get(n, f"{n} times")
        parts.append(f"The bot already replied {times}; don't repeat it.")
    if decision:
        parts.append(f"Handed over: {decision.rstrip('.')}.")
    return " ".join(parts)


def build_handoff(
    customer: CustomerLike,
    timeline_entries: Sequence[TimelineEntry],
    understandings_over_time: Sequence[Understanding],
    decision_explanation: str | None,
    bot_messages: Sequence[str],
    suggestions: Sequence[Any],
    *,
    now: datetime | None = None,
    recent: int = 3,
    protocol: str | None = None,
    intent_names: Mapping[str, str] | None = None,
) -> HandoffPacket:
    """Build the packet an agent reads when a conversation is handed to them.

    ``understandings_over_time`` holds one ``Understanding`` per customer message of the
    conversation, oldest first: the trend is read from it. ``now`` defaults to the newest
    timeline entry (the packet describes the conversation as of its last message, so it is
    reproducible), else the customer's creation time. ``recent`` caps the order and event
    lists. ``protocol``: the queue's response protocol (crisis), shown before anything.
    ``intent_names``: intent → what the agent reads (the policy's English ``intent_names``).
    """
    entries = sorted(timeline_entries, key=lambda e: e.at)
    if now is None:
        now = entries[-1].at if entries else customer.created_at
    events = [e for e in entries if e.kind == "event"]
    card = _customer_card(customer, events, now, recent)
    want = _want(understandings_over_time)
    feeling = _feeling(understandings_over_time)
    urgency = _urgency(understandings_over_time)
    why, risks = _stakes(understandings_over_time)
    said = tuple(bot_messages)
    return HandoffPacket(
        customer=card,
        want=want,
        feeling=feeling,
        urgency=urgency,
        decision=decision_explanation,
        bot_messages=said,
        suggestions=tuple(_suggestion(s) for s in suggestions),
        summary=_summary(
            card, want, feeling, urgency, decision_explanation, said, why, intent_names
        ),
        why=why,
        risks=risks,
        protocol=protocol,
    )
