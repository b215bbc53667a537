"""The demo world at work: customers of the store write about their own orders, and agents
answer and resolve, so the inbox moves, queues empty and the charts fill.

Why not the generator's stream alone: its messages come from people and orders that exist
nowhere in the workspace, so "where is my order NW-…?" could only ever go to a person ("not in
this customer's history"), and nobody ever resolved what reached a person, so every agent was
full within minutes. Here each generated message keeps its words and its intent, but is sent
by a real customer of the workspace in the message's language, about an order of theirs in
the state the request needs (on its way for "where is my order", delivered for "it arrived
broken"), with the generated order numbers replaced by that order's.

The simulated agents go through the same actions as a person in the console (``actions``):
the assignee replies in the customer's language, resolves, and the customer sometimes rates.
"""

from __future__ import annotations

import asyncio
import logging
import random
import re
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, select

from tandemdesk import actions
from tandemdesk.actions_business import do_add_events
from tandemdesk.demo import catalog
from tandemdesk.demo.generator import iter_history
from tandemdesk.demo.world import tracking_number
from tandemdesk.listen.records import EventRecord
from tandemdesk.models import Agent, Assignment, Conversation, Customer, CustomerEvent, Message
from tandemdesk.timeutil import utcnow
from tandemdesk.workspace import Workspace

log = logging.getLogger(__name__)
ENDLESS = 10**9
ORDER_NUMBER = re.compile(r"NW-\d{4,}")
#: How the generated messages name an order: "NW-104080", "nw104080", "Order no. 104080" —
#: the number is replaced, the prefix stays as the customer typed it.
MENTIONED_ORDER = re.compile(r"(?<!\d)1\d{5}(?!\d)")
#: Intents about an order that has not arrived yet, and about one that has.
ON_ITS_WAY = frozenset({"order_status", "delivery_problem", "cancel_order", "change_address"})
ARRIVED = frozenset(
    {
        "damaged_item",
        "wrong_item",
        "missing_item",
        "return_request",
        "size_exchange",
        "refund_request",
        "warranty_claim",
        "invoice_request",
        "double_charge",
        "billing_error",
    }
)
NEW_CUSTOMER_SHARE = 0.1  # a few first-time writers (not about an order), so identity shows
COUNTRY = {"en": "GB", "de": "DE", "fr": "FR", "es": "ES"}


@dataclass
class Person:
    """A customer of the workspace, as the channels know them."""

    email: str | None
    phone: str | None
    name: str | None
    language: str


class Shop:
    """The workspace's customers (read once) and the store's next order number.

    The store keeps trading while the demo runs: a customer who asks "where is my order?"
    has just bought something that is now on its way, one who writes "it arrived broken" had
    it delivered a few days ago. Those orders are recorded as the shop's events *before* the
    message, through the same path as ``tandemdesk import events``, so the answer, the
    hand-off and the customer page all read the same facts.
    """

    def __init__(self, people: list[Person], next_order: int) -> None:
        self.people = people
        self.next_order = next_order
        self._recent: deque[int] = deque(maxlen=max(1, len(people) // 3))
        self.by_language: dict[str, list[Person]] = {}
        for person in people:
            self.by_language.setdefault(person.language, []).append(person)

    @classmethod
    def load(cls, workspace: Workspace) -> Shop:
        people: list[Person] = []
        highest = 0
        with workspace.sessions() as session:
            for email, phone, name, language in session.execute(
                select(Customer.email, Customer.phone, Customer.name, Customer.language)
                .where(Customer.name.is_not(None))
                .order_by(Customer.id)
            ):
                if email or phone:
                    people.append(Person(email, phone, name, (language or "en")[:2]))
            for data in session.scalars(
                select(CustomerEvent.data).where(CustomerEvent.type == "order_placed")
            ):
                number = str((data or {}).get("order_number") or "")
                if number.startswith(catalog.ORDER_PREFIX) and number[3:].isdigit():
                    highest = max(highest, int(number[3:]))
        return cls(people, highest + 1)

    def writer(self, rng: random.Random, language: str) -> Person:
        """A customer who writes in ``language`` (any customer when none does), not one of
        the last few hundred writers: the same person writing again within days is a repeat
        contact, which the policy rightly hands to a person."""
        pool = self.by_language.get(language) or self.people
        person = rng.choice(pool)
        for _ in range(20):
            if id(person) not in self._recent:
                break
            person = rng.choice(pool)
        self._recent.append(id(person))
        return person

    def new_order(
        self, rng: random.Random, person: Person, intent: str, now: datetime
    ) -> tuple[str, list[dict[str, Any]]]:
        """An order fit for ``intent`` (on its way, or delivered a few days ago) and the
        events that make it true."""
        number = f"{catalog.ORDER_PREFIX}{self.next_order}"
        self.next_order += 1
        country = COUNTRY.get(person.language, "DE")
        product = rng.choice(catalog.PRODUCTS)
        carrier = rng.choice(catalog.CARRIERS[country])
        ref = {"email": person.email} if person.email else {"phone": person.phone}
        days = timedelta(days=1)
        if intent in ON_ITS_WAY:  # bought this week, shipped, due in the next days
            placed = now - days * rng.uniform(2, 4)
            shipped = placed + days * rng.uniform(0.5, 1.5)
            delivered = None
            eta = now + days * rng.uniform(1, 3)
        else:  # delivered a few days ago, well inside the return window
            placed = now - days * rng.uniform(8, 16)
            shipped = placed + days
            delivered = shipped + days * rng.uniform(2, 3)
            eta = delivered
        price = round(product.price / 100, 2)
        events = [
            ("order_placed", placed, {
                "order_number": number,
                "items": [{"sku": product.sku, "name": product.name, "qty": 1,
                           "unit_price": price}],
                "total": price, "currency": "GBP" if country == "GB" else "EUR",
                "shipping_country": country, "payment_method": "card",
            }),
            ("order_shipped", shipped, {
                "order_number": number, "carrier": carrier,
                "tracking_number": tracking_number(rng, carrier, country),
                "eta": eta.date().isoformat(),
            }),
        ]  # fmt: skip
        if delivered is not None:
            events.append(("order_delivered", delivered, {"order_number": number}))
        return number, [
            {
                "external_id": f"live-{number}-{kind}",
                "customer": ref,
                "type": kind,
                "occurred_at": at.isoformat(),
                "data": data,
            }
            for kind, at, data in events
        ]


def _customer_ref(person: Person, channel: str) -> dict[str, Any]:
    """How the channel knows them: by phone number on a call, by e-mail otherwise."""
    ref: dict[str, Any] = {"name": person.name, "language": person.language}
    if channel == "phone" and person.phone:
        ref["phone"] = person.phone
    elif person.email:
        ref["email"] = person.email
    else:
        ref["phone"] = person.phone
    return ref


def _opening(conversation: dict[str, Any]) -> str:
    """The customer's first message that says something ("hi" alone is not the request the
    conversation's intent and mood describe)."""
    said = [str(m["text"]) for m in conversation["messages"] if m["author"] == "customer"]
    return next((text for text in said if len(text.split()) >= 4), said[0])


def _mention(text: str, order_number: str) -> str:
    """The text with every order it names replaced by ``order_number``, written as it was."""
    return MENTIONED_ORDER.sub(order_number.removeprefix(catalog.ORDER_PREFIX), text)


def shop_messages(
    shop: Shop | None, seed: int = 99, now: Callable[[], datetime] = utcnow
) -> Iterator[dict[str, Any]]:
    """Endless ``POST /v1/messages`` bodies, each with its intent and mood (for measuring)
    and, under ``"events"``, the shop's events to record before it (a new order).

    Without a ``shop`` (no workspace, e.g. a benchmark posting to any server) the generated
    customers are kept as they are.
    """
    rng = random.Random(seed)
    for conversation in iter_history(ENDLESS, seed=seed):
        channel = str(conversation["channel"])
        intent = str(conversation.get("intent") or "")
        labels = conversation.get("labels") or {}
        text = _opening(conversation)
        customer = dict(conversation["customer"])
        order_number: str | None = None
        events: list[dict[str, Any]] = []
        about_an_order = (
            intent in ON_ITS_WAY or intent in ARRIVED or MENTIONED_ORDER.search(text) is not None
        )
        if (
            shop is not None
            and shop.people
            and (about_an_order or rng.random() >= NEW_CUSTOMER_SHARE)
        ):
            person = shop.writer(rng, str(customer.get("language") or "en"))
            customer = _customer_ref(person, channel)
            if about_an_order:
                order_number, events = shop.new_order(rng, person, intent, now())
                text = _mention(text, order_number)
        else:
            customer = {k: v for k, v in customer.items() if v is not None and k != "external_id"}
        yield {
            "customer": customer,
            "text": text,
            "channel": channel,
            "intent": intent,
            "mood": labels.get("mood"),
            "order_number": order_number,
            "events": events,
        }


def record_shop_events(workspace: Workspace, body: dict[str, Any]) -> None:
    """Record what the shop did before this message (its new order), if anything."""
    if body.get("events"):
        records = [EventRecord.model_validate(event) for event in body["events"]]
        do_add_events(workspace, records)


# ------------------------------------------------------------------------------- the agents

#: What a simulated agent writes, per language (the conversation's, English otherwise).
REPLIES = {
    "en": "Hi {name}, thanks for your patience. I've looked into this and sorted it for you; "
    "you'll get a confirmation by e-mail shortly. Anything else, just reply here.",
    "de": "Hallo {name}, danke für Ihre Geduld. Ich habe mir das angesehen und es für Sie "
    "erledigt; Sie bekommen gleich eine Bestätigung per E-Mail.",
    "fr": "Bonjour {name}, merci de votre patience. J'ai regardé et c'est réglé ; vous "
    "recevrez une confirmation par e-mail sous peu.",
    "es": "Hola {name}, gracias por su paciencia. Lo he revisado y ya está resuelto; "
    "recibirá una confirmación por correo en breve.",
}
#: How long a person takes over a conversation before resolving it (minutes, demo time).
HANDLE_MINUTES = (2.0, 12.0)
CSAT_SHARE = 0.35
#: An agent whose login used the console this recently is a person at work: the simulated
#: team leaves their conversations alone (else "Tom" replied and resolved under the person
#: trying the demo's agent login). Idle longer, presence reads them away (the policy's
#: ``people.away_after_minutes``, 15 by default) and the simulation works for them again.
PERSON_AT_DESK = timedelta(minutes=15)
#: How often a simulated agent takes the recovery break offered after an abusive or very
#: distressed conversation (the rest decline it, as a person may). Taking every one benched
#: the whole team: the stream brings two such conversations a minute at 30 messages a
#: minute, so breaks of 10 minutes kept every agent off routing and the waiting list grew
#: without end.
BREAK_TAKEN_SHARE = 0.1


def agent_turn(workspace: Workspace, rng: random.Random, now: datetime | None = None) -> int:
    """One round of the simulated team: each on-duty agent resolves at most one conversation
    they have held for longer than their handle time (not an agent a person is working as
    in the console: ``PERSON_AT_DESK``). Returns how many were resolved."""
    now = now or utcnow()
    with workspace.sessions() as session:
        held = session.execute(
            select(Assignment.conversation_id, Assignment.assigned_at, Agent.external_id,
                   Customer.name, Customer.language, Agent.last_seen_at)
            .join(Conversation, Conversation.id == Assignment.conversation_id)
            .join(Agent, and_(Agent.id == Assignment.agent_id,
                              Agent.id == Conversation.assignee_id))
            .join(Customer, Customer.id == Conversation.customer_id)
            .where(and_(Assignment.released_at.is_(None), Agent.active.is_(True),
                        Conversation.status.in_(("open", "pending"))))
            .order_by(Assignment.assigned_at)
        ).all()  # fmt: skip
    resolved = 0
    busy: set[str] = set()
    for conversation_id, assigned_at, agent, name, customer_lang, seen in held:
        if agent in busy or (seen is not None and now - seen < PERSON_AT_DESK):
            continue
        if (now - assigned_at).total_seconds() < 60 * rng.uniform(*HANDLE_MINUTES):
            continue
        busy.add(agent)
        language = str(customer_lang or "en")[:2]
        first = (name or "").split(" ")[0] or "there"
        try:
            actions.do_reply(
                workspace,
                conversation_id,
                REPLIES.get(language, REPLIES["en"]).format(name=first),
                agent=agent,
            )
            actions.do_resolve(workspace, conversation_id, agent=agent)
            _decline_break(workspace, rng, agent, conversation_id)
            if rng.random() < CSAT_SHARE:
                actions.do_csat(workspace, conversation_id, float(rng.choice((3, 4, 4, 5, 5, 5))))
        except Exception:  # the console may have changed it meanwhile: next round
            log.exception("simulated agent could not resolve conversation %s", conversation_id)
            continue
        resolved += 1
    return resolved


def _decline_break(
    workspace: Workspace, rng: random.Random, agent: str, conversation_id: int
) -> None:
    """End the recovery break resolving ``conversation_id`` just offered ``agent``, unless
    they are among the ``BREAK_TAKEN_SHARE`` who take it."""
    from tandemdesk.people.presence import do_end_break

    if rng.random() < BREAK_TAKEN_SHARE:
        return
    with workspace.sessions() as session:
        reason = session.scalar(select(Agent.break_reason).where(Agent.external_id == agent))
    if reason and reason.endswith(f"(conversation {conversation_id})"):
        do_end_break(workspace, agent)


def rate_automated(workspace: Workspace, rng: random.Random, since: datetime) -> int:
    """Some customers answered automatically rate the answer (what CSAT per channel shows)."""
    with workspace.sessions() as session:
        ids = session.scalars(
            select(Conversation.id)
            .where(Conversation.status == "resolved", Conversation.csat.is_(None),
                   Conversation.updated_at >= since)
            .where(Conversation.id.in_(select(Message.conversation_id)
                                       .where(Message.author == "bot")))
        ).all()  # fmt: skip
    rated = 0
    for conversation_id in ids:
        if rng.random() < CSAT_SHARE:
            actions.do_csat(workspace, conversation_id, float(rng.choice((4, 5, 5, 5, 3))))
            rated += 1
    return rated


async def simulate_team(workspace: Workspace, every_seconds: float = 20.0, seed: int = 5) -> None:
    """The simulated agents, forever: a round every ``every_seconds``."""
    rng = random.Random(seed)
    last = utcnow()
    while True:
        await asyncio.sleep(every_seconds)
        try:
            now = utcnow()
            await asyncio.to_thread(agent_turn, workspace, rng, now)
            await asyncio.to_thread(rate_automated, workspace, rng, last)
            last = now
        except Exception:  # a failed round is logged; the team keeps working
            log.exception("a simulated agent round failed")
