"""What the store knows around one message — the reads the orchestrator needs, in one place.

Decide and act are pure; this module turns database rows into their inputs: the customer's
recent contacts (for "already asked twice"), the agents' current load and emotional exposure
(for routing), the customer's events (for grounded answers) and the conversation's earlier
understandings (for the handoff's mood trend).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tandemdesk.act.routing import AgentState, RoutingSettings
from tandemdesk.decide import Context
from tandemdesk.models import Agent, Assignment, Conversation, CustomerEvent, Decision, Message

CONTACT_WINDOW = timedelta(days=7)
OPEN_STATUSES = ("open", "pending")


def decision_context(
    session: Session, conversation: Conversation, message: Message, intent: str | None
) -> Context:
    """Channel, earlier contacts about the same thing in the last week, open conversations."""
    since = message.sent_at - CONTACT_WINDOW
    earlier_here = (
        session.scalar(
            select(func.count())
            .select_from(Message)
            .where(
                Message.conversation_id == conversation.id,
                Message.author == "customer",
                Message.id != message.id,
                Message.sent_at >= since,
            )
        )
        or 0
    )
    same_intent_elsewhere = 0
    if intent:
        same_intent_elsewhere = (
            session.scalar(
                select(func.count(func.distinct(Decision.conversation_id)))
                .join(Conversation, Conversation.id == Decision.conversation_id)
                .where(
                    Conversation.customer_id == conversation.customer_id,
                    Decision.conversation_id != conversation.id,
                    Decision.intent == intent,
                    Decision.created_at >= since,
                )
            )
            or 0
        )
    open_conversations = (
        session.scalar(
            select(func.count())
            .select_from(Conversation)
            .where(
                Conversation.customer_id == conversation.customer_id,
                Conversation.status.in_(OPEN_STATUSES),
            )
        )
        or 0
    )
    return Context(
        channel=conversation.channel,
        previous_contacts=min(int(earlier_here), 1) + int(same_intent_elsewhere),
        open_conversations=int(open_conversations),
        customer_language=conversation.customer.language,
        has_agent=conversation.assignee_id is not None,
    )


def agent_states(session: Session, now: datetime, settings: RoutingSettings) -> list[AgentState]:
    """Every agent with open work and recent emotional exposure, as the router sees them."""
    agents = list(session.scalars(select(Agent).order_by(Agent.id)))
    open_counts: dict[int, int] = {
        int(agent_id or 0): int(n)
        for agent_id, n in session.execute(
            select(Conversation.assignee_id, func.count())
            .where(Conversation.assignee_id.is_not(None), Conversation.status.in_(OPEN_STATUSES))
            .group_by(Conversation.assignee_id)
        )
    }
    since = now - timedelta(minutes=settings.window_minutes)
    distressed: dict[int, list[datetime]] = defaultdict(list)
    abusive: dict[int, list[datetime]] = defaultdict(list)
    last_assigned: dict[int, datetime] = {}
    for agent_id, at, distress, was_abusive in session.execute(
        select(Assignment.agent_id, Assignment.assigned_at, Assignment.distress, Assignment.abusive)
        .where(Assignment.assigned_at >= since)
        .order_by(Assignment.assigned_at)
    ):
        last_assigned[agent_id] = at
        if was_abusive:
            abusive[agent_id].append(at)
        elif distress >= settings.distressed_threshold:
            distressed[agent_id].append(at)
    return [
        AgentState.from_agent(
            agent,
            open_conversations=int(open_counts.get(agent.id, 0)),
            distressed_contacts=tuple(distressed[agent.id]),
            abusive_contacts=tuple(abusive[agent.id]),
            last_abusive_at=abusive[agent.id][-1] if abusive[agent.id] else None,
            last_assigned_at=last_assigned.get(agent.id),
        )
        for agent in agents
    ]


def customer_events(session: Session, customer_id: int, limit: int = 200) -> list[CustomerEvent]:
    """The customer's newest events, oldest first (what grounded answers may quote)."""
    newest = list(
        session.scalars(
            select(CustomerEvent)
            .where(CustomerEvent.customer_id == customer_id)
            .order_by(CustomerEvent.occurred_at.desc())
            .limit(limit)
        )
    )
    return newest[::-1]
