"""What the store knows around one message — the reads the orchestrator needs, in one place.

Decide and act are pure; this module turns database rows into their inputs: the customer's
recent contacts (for "already asked twice"), the agents' current load and emotional exposure
(for routing), the conversation's earlier customer messages (for the handoff's mood trend)
and what the bot already said. Customers' events and timelines come from
``listen.timeline``, which reads them for many customers at once.
Everything is read for a whole batch of messages at once (``Orchestrator.handle_many``):
a handful of queries per batch instead of ~25 per message.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Select, bindparam, case, func, select
from sqlalchemy.orm import Session

from tandemdesk.act.routing import AgentState, RoutingSettings, effective_presence
from tandemdesk.decide import Context
from tandemdesk.decide.vocabulary import status_after
from tandemdesk.listen.delivery import OPEN_STATUSES
from tandemdesk.models import Agent, Assignment, Conversation, Decision, Message

CONTACT_WINDOW = timedelta(days=7)
# What the bot answered without taking the request: the customer's next message is the
# request itself, not a second contact about it ("hi, quick question about my stuff" → "Could
# you tell me more?" → "where is my parcel?" went to a person as a repeat contact), in this
# conversation or in a new one (an sms integration that sends no thread id).
_NOT_A_CONTACT = ("ask_clarifying_question", "reply_courtesy")


# The statements are built once: they run for every batch (every message, one by one), and
# building a statement costs about as much as running it. They read plain columns, so they
# run on the session's connection: the ORM's per-statement setup, for no entities, was a
# fifth of these reads' client time (2.5 → 2.0 ms per burst of 12 on PostgreSQL). (The
# connection does not autoflush the session first: these sessions only read.)
_SAID = (
    select(
        Message.id,
        Message.conversation_id,
        Message.author,
        Message.sent_at,
        Message.text,
        Decision.action,
    )
    .outerjoin(Decision, Decision.message_id == Message.id)
    .where(
        Message.conversation_id.in_(bindparam("conversations", expanding=True)),
        Message.author.in_(("customer", "bot")),
    )
    .order_by(Message.id)
)
_DECIDED = (
    select(Conversation.customer_id, Decision.conversation_id, Decision.intent, Decision.created_at)
    .join(Conversation, Conversation.id == Decision.conversation_id)
    .where(
        Conversation.customer_id.in_(bindparam("customers", expanding=True)),
        Decision.intent.is_not(None),
        Decision.action.not_in(_NOT_A_CONTACT),
        Decision.created_at >= bindparam("since"),
    )
)
_CONVERSATIONS = select(
    Conversation.id, Conversation.customer_id, Conversation.status, Conversation.assignee_id
).where(Conversation.customer_id.in_(bindparam("customers", expanding=True)))


def _agents_statement() -> Select[Any]:
    open_counts = (
        select(Conversation.assignee_id, func.count().label("n"))
        .where(Conversation.assignee_id.is_not(None), Conversation.status.in_(OPEN_STATUSES))
        .group_by(Conversation.assignee_id)
        .subquery()
    )
    last_assigned = (
        select(func.max(Assignment.assigned_at))
        .where(Assignment.agent_id == Agent.id, Assignment.assigned_at >= bindparam("since"))
        .scalar_subquery()
    )
    # weighted hard contacts over routing's longer horizon (``AgentState.exposure``)
    week = (
        select(func.coalesce(func.sum(case(
            (Assignment.abusive, bindparam("abusive_weight")),
            else_=bindparam("distressed_weight"),
        )), 0.0))
        .where(
            Assignment.agent_id == Agent.id,
            Assignment.assigned_at >= bindparam("week"),
            Assignment.abusive | (Assignment.distress >= bindparam("distressed")),
        )
        .scalar_subquery()
    )  # fmt: skip
    return (
        select(
            Agent.id, Agent.external_id, Agent.name, Agent.role, Agent.skills, Agent.languages,
            Agent.capacity, Agent.active, open_counts.c.n, last_assigned.label("last_assigned"),
            Agent.presence, Agent.last_seen_at, Agent.break_until, week.label("exposure"),
        )
        .outerjoin(open_counts, open_counts.c.assignee_id == Agent.id)
        .order_by(Agent.id)
    )  # fmt: skip


_AGENTS = _agents_statement()
# Only the contacts that weigh on an agent: reading every recent assignment made each batch
# read the whole window (thousands of rows on a busy day) to keep a few hundred.
_EMOTIONAL_CONTACTS = (
    select(Assignment.agent_id, Assignment.assigned_at, Assignment.abusive)
    .where(
        Assignment.assigned_at >= bindparam("since"),
        Assignment.abusive | (Assignment.distress >= bindparam("distressed")),
    )
    .order_by(Assignment.assigned_at)
)


class Situation:
    """What the store knows around a burst of messages: read in a few queries, kept current.

    Why a class and not one query set per message: a burst of 50 messages would otherwise
    cost ~150 small queries for the decision context alone. One read of the batch's
    conversations and customers answers every message; ``note`` then applies each decision
    as it is made, so a later message in the same burst sees what one-by-one handling would
    have shown it (the customer's earlier contact, a conversation now resolved or assigned).
    "Earlier" means an earlier message id: later messages of the burst, stored already, do
    not count as contacts before this one.
    """

    def __init__(self, session: Session, messages: Sequence[Message]) -> None:
        conversations = {m.conversation_id for m in messages}
        customers = {m.conversation.customer_id for m in messages}
        since = min(m.sent_at for m in messages) - CONTACT_WINDOW
        self._said: dict[int, list[tuple[int, datetime, str]]] = defaultdict(list)
        self._bot_said: dict[int, list[str]] = defaultdict(list)
        self._action: dict[int, str] = {}  # a customer message's decided action
        for message_id, conversation_id, author, at, text, action in session.connection().execute(
            _SAID, {"conversations": list(conversations)}
        ):
            if author == "customer":
                self._said[conversation_id].append((message_id, at, text))
                if action is not None:
                    self._action[message_id] = action
            else:
                self._bot_said[conversation_id].append(text)
        self._decided: dict[int, list[tuple[int, str, datetime]]] = defaultdict(list)
        for customer_id, conversation_id, intent, at in session.connection().execute(
            _DECIDED, {"customers": list(customers), "since": since}
        ):
            self._decided[customer_id].append((conversation_id, intent or "", at))
        self._customer_of: dict[int, int] = {}
        self._status: dict[int, str] = {}
        self.assignee: dict[int, int | None] = {}
        for conversation_id, customer_id, status, assignee_id in session.connection().execute(
            _CONVERSATIONS, {"customers": list(customers)}
        ):
            self._customer_of[conversation_id] = customer_id
            self._status[conversation_id] = status
            self.assignee[conversation_id] = assignee_id

    def is_open(self, conversation_id: int) -> bool:
        return self._status.get(conversation_id) in OPEN_STATUSES

    def context(self, conversation: Conversation, message: Message, intent: str | None) -> Context:
        """Channel, earlier contacts about the same thing in the last week, open conversations."""
        since = message.sent_at - CONTACT_WINDOW
        earlier = [
            self._action.get(earlier_id)
            for earlier_id, at, _ in self._said[conversation.id]
            if earlier_id < message.id and at >= since
        ]
        asked = earlier.count("ask_clarifying_question")
        # one clarifying question is excused, a second counts: a policy that asks again
        # without ``asked_before`` (and a person at 2 contacts) reaches a person at the third
        earlier_here = any(a not in _NOT_A_CONTACT for a in earlier) or asked > 1
        elsewhere = {
            conversation_id
            for conversation_id, decided_intent, at in self._decided[conversation.customer_id]
            if intent and decided_intent == intent and conversation_id != conversation.id
            and at >= since
        }  # fmt: skip
        customer = conversation.customer_id
        open_conversations = sum(
            1 for c, owner in self._customer_of.items() if owner == customer and self.is_open(c)
        )
        return Context(
            channel=conversation.channel,
            previous_contacts=int(earlier_here) + len(elsewhere),
            open_conversations=open_conversations,
            customer_language=conversation.customer.language,
            has_agent=self.assignee.get(conversation.id) is not None,
            queue=conversation.queue,
            asked_before=asked > 0,
        )

    def history(self, message: Message, limit: int) -> list[tuple[int, str]]:
        """The conversation's last ``limit`` customer messages before this one (id, text)."""
        earlier = [
            (i, text) for i, _, text in self._said[message.conversation_id] if i < message.id
        ]
        return earlier[-limit:] if limit > 0 else []

    def bot_said(self, conversation_id: int) -> list[str]:
        """What the bot said in the conversation before this batch, oldest first."""
        return list(self._bot_said[conversation_id])

    def note(
        self,
        message: Message,
        intent: str | None,
        action: str,
        assignee_id: int | None,
        at: datetime,
        small_talk: str | None = None,
    ) -> None:
        """Apply one recorded-to-be decision, as the store will show it after the batch."""
        conversation = message.conversation
        self._action[message.id] = action
        if intent and action not in _NOT_A_CONTACT:
            self._decided[conversation.customer_id].append((conversation.id, intent, at))
        self._customer_of[conversation.id] = conversation.customer_id
        self._status[conversation.id] = status_after(action, small_talk)
        if assignee_id is not None:
            self.assignee[conversation.id] = assignee_id


def agent_rows(
    session: Session, now: datetime, settings: RoutingSettings
) -> list[tuple[int, AgentState]]:
    """Every agent with open work and recent emotional exposure, as the router sees them,
    with each agent's row id: two queries, agents with their open work
    and last assignment in the window in the same statement, then their recent distressed
    and abusive contacts."""
    since = now - timedelta(minutes=settings.window_minutes)
    agents = session.connection().execute(_AGENTS, {
        "since": since,
        "week": now - timedelta(days=settings.exposure_days),
        "distressed": settings.distressed_threshold,
        "abusive_weight": settings.abusive_weight,
        "distressed_weight": settings.distressed_weight,
    }).all()  # fmt: skip
    distressed: dict[int, list[datetime]] = defaultdict(list)
    abusive: dict[int, list[datetime]] = defaultdict(list)
    for agent_id, at, was_abusive in session.connection().execute(
        _EMOTIONAL_CONTACTS, {"since": since, "distressed": settings.distressed_threshold}
    ):
        (abusive if was_abusive else distressed)[agent_id].append(at)
    return [
        (
            agent.id,
            AgentState.from_agent(
                agent,
                open_conversations=int(agent.n or 0),
                distressed_contacts=tuple(distressed[agent.id]),
                abusive_contacts=tuple(abusive[agent.id]),
                last_abusive_at=abusive[agent.id][-1] if abusive[agent.id] else None,
                last_assigned_at=agent.last_assigned,
                presence=effective_presence(agent.presence, agent.last_seen_at, now, settings),
                break_until=agent.break_until,
                exposure=float(agent.exposure or 0.0),
            ),
        )
        for agent in agents
    ]
