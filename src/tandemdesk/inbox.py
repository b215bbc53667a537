"""What people work from: the list of conversations (an agent's queue, a supervisor's view)
and one conversation with everything needed to answer it.

Read-only; the API and the console render these. Why a conversation sits where it does is
read from its latest decision (distress, urgency, abuse, the sentence), so the inbox and the
decision log can never disagree.

Order "by what matters": first the conversations that are urgent, distressed or abusive,
then the ones with some distress, then the rest — and within each band, the one waiting
longest first, so nobody is starved by a stream of louder newcomers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Text, cast, or_, select
from sqlalchemy.orm import Session

from tandemdesk.decide.policy import Policy, Thresholds
from tandemdesk.decide.vocabulary import URGENCY_LEVELS
from tandemdesk.errors import NotFoundError
from tandemdesk.listen.delivery import OPEN_STATUSES
from tandemdesk.listen.timeline import customer_events, describe_event
from tandemdesk.models import (
    Agent,
    Article,
    Assignment,
    Conversation,
    Customer,
    Decision,
    Delivery,
    Message,
    Outcome,
)

OPEN = OPEN_STATUSES
# "distressed" means the live policy's threshold (callers pass it: ``Services.distressed``),
# so the console calls distressed exactly what the policy sends to a person as distressed;
# the default policy's is the default for callers without a policy
DISTRESSED = Thresholds().distress
UNEASY = 0.3
URGENT = URGENCY_LEVELS[URGENCY_LEVELS.index("high") :]  # high and urgent


@dataclass(frozen=True)
class ConversationFilters:
    queue: str | None = None
    status: str | None = None  # open (default: open or pending) | pending | resolved | all
    assignee: str | None = None  # an agent's external id or email, or "none"
    min_distress: float | None = None
    intent: str | None = None
    language: str | None = None
    limit: int = 50
    offset: int = 0


def mood(distress: float, distressed: float = DISTRESSED) -> str:
    """``distressed``, ``uneasy`` or ``calm``: the one reading of a distress score that the
    inbox, the conversation view and the insights all show (``distressed``: the policy's
    threshold)."""
    if distress >= distressed:
        return "distressed"
    return "uneasy" if distress >= min(UNEASY, distressed) else "calm"


def severity_band(
    distress: float, urgency: str | None, abusive: bool, distressed: float = DISTRESSED
) -> int:
    """2: urgent, distressed or abusive; 1: some distress; 0: the rest."""
    feeling = mood(distress, distressed)
    if abusive or urgency in URGENT or feeling == "distressed":
        return 2
    return 1 if feeling == "uneasy" else 0


def _filters(
    filters: ConversationFilters, agent_scope: int | None, distressed: float
) -> tuple[list[Any], bool]:
    """The WHERE clauses of ``filters`` (the search form's, ``search.conversation_filters``,
    plus ``min_distress`` on the latest decision) and whether they name the customer."""
    from tandemdesk.search import Search, conversation_filters

    form = Search(intent=filters.intent or "", status=filters.status or "",
                  queue=filters.queue or "", language=filters.language or "",
                  assignee=filters.assignee or "")  # fmt: skip
    where = conversation_filters(form, distressed)
    if agent_scope is not None:
        where.append(Conversation.assignee_id == agent_scope)
    if filters.min_distress is not None:
        latest = (
            select(Decision.distress)
            .where(Decision.conversation_id == Conversation.id)
            .order_by(Decision.id.desc())
            .limit(1)
            .correlate(Conversation)
            .scalar_subquery()
        )
        where.append(latest >= filters.min_distress)
    return where, bool(filters.language)


def inbox_row(conversation: Conversation, customer: Customer, decision: Decision | None,
         agent: Agent | None, waiting_since: datetime | None, preview: str, now: datetime,
         distressed: float) -> dict[str, Any]:  # fmt: skip
    inputs = decision.inputs if decision else {}
    distress = decision.distress if decision else 0.0
    abusive = bool(decision.abusive) if decision else False
    urgency = inputs.get("urgency")
    return {
        "id": conversation.id,
        "subject": conversation.subject,
        "channel": conversation.channel,
        "status": conversation.status,
        "queue": conversation.queue,
        "intent": conversation.intent,
        "language": inputs.get("language") or customer.language,
        "customer": {"id": customer.id, "name": customer.name, "email": customer.email},
        "assignee": {"external_id": agent.external_id, "name": agent.name} if agent else None,
        "distress": round(distress, 3),
        "mood": mood(distress, distressed),
        "urgency": urgency,
        "urgent": urgency in URGENT,
        "abusive": abusive,
        "band": severity_band(distress, urgency, abusive, distressed),
        "why": decision.explanation if decision else "imported history (no live decision)",
        "action": decision.action if decision else None,
        "preview": preview[:160],
        "waiting_since": waiting_since.isoformat() if waiting_since else None,
        "waiting_seconds": (now - waiting_since).total_seconds() if waiting_since else 0.0,
        "updated_at": conversation.updated_at.isoformat(),
    }


def list_conversations(
    session: Session,
    filters: ConversationFilters,
    agent_scope: int | None = None,
    distressed: float = DISTRESSED,
    policy: Policy | None = None,
) -> dict[str, Any]:
    """One page of conversations, most pressing first, and the true total; ``agent_scope``
    limits to an agent's; ``distressed``: the live policy's distress threshold. With the live
    ``policy``, each row also says when a reply is due and whether it is late (``sla``:
    ``people.waiting``), and ``overdue`` counts the late ones among all that match.

    The order is the console inbox's (``search.pressing_ids``, in SQL over every matching
    conversation): this used to sort the 2,000 most recently *updated* in Python, so in a
    backlog the customers waiting longest — the most overdue — dropped out altogether."""
    from tandemdesk.search import matching_count, overdue_count, page_rows, pressing_ids

    where, with_customer = _filters(filters, agent_scope, distressed)
    ids = pressing_ids(session, where, with_customer, distressed, filters.offset, filters.limit)
    result: dict[str, Any] = {
        "data": page_rows(session, ids, distressed, policy),
        "count": matching_count(session, where, with_customer),
    }
    if policy is not None:
        result["overdue"] = overdue_count(session, where, with_customer, distressed, policy)
    return result


def conversation_detail(
    session: Session, conversation_id: int, distressed: float = DISTRESSED
) -> dict[str, Any]:
    """One conversation: messages with their decisions, the customer's orders and events,
    the handoff packet, assignments and outcomes."""
    conversation = session.get(Conversation, conversation_id)
    if conversation is None:
        raise NotFoundError(f"no conversation {conversation_id}")
    customer = conversation.customer
    messages = session.scalars(
        select(Message).where(Message.conversation_id == conversation_id).order_by(Message.id)
    ).all()
    decisions = session.scalars(
        select(Decision).where(Decision.conversation_id == conversation_id).order_by(Decision.id)
    ).all()
    by_message = {d.message_id: d for d in decisions}
    masked = set(  # messages whose card numbers or IBANs are masked (a lead may reveal them)
        session.scalars(
            select(Message.id).where(
                Message.conversation_id == conversation_id, Message.text_protected.is_not(None)
            )
        )
    )
    sending = {  # how each reply's delivery stands (``channels.outbox``)
        message_id: {"id": i, "status": status, "attempts": attempts, "last_error": error}
        for i, message_id, status, attempts, error in session.execute(
            select(Delivery.id, Delivery.message_id, Delivery.status, Delivery.attempts,
                   Delivery.last_error)
            .where(Delivery.conversation_id == conversation_id, Delivery.kind == "message")
        )
    }  # fmt: skip
    agent = session.get(Agent, conversation.assignee_id) if conversation.assignee_id else None
    events = customer_events(session, [customer.id], limit=30)[customer.id]
    packet = next((d.handoff.get("packet") for d in reversed(decisions) if d.handoff
                   and d.handoff.get("packet")), None)  # fmt: skip
    answer = next((d.handoff.get("answer") for d in reversed(decisions) if d.handoff
                   and d.handoff.get("answer")), None)  # fmt: skip
    assignments = session.execute(
        select(Assignment, Agent)
        .join(Agent, Agent.id == Assignment.agent_id)
        .where(Assignment.conversation_id == conversation_id)
        .order_by(Assignment.id)
    ).all()
    outcomes = session.scalars(
        select(Outcome).where(Outcome.conversation_id == conversation_id).order_by(Outcome.id)
    ).all()
    return {
        "id": conversation.id,
        "external_id": conversation.external_id,
        "subject": conversation.subject,
        "channel": conversation.channel,
        "status": conversation.status,
        "queue": conversation.queue,
        "intent": conversation.intent,
        "csat": conversation.csat,
        "assignee": {"external_id": agent.external_id, "name": agent.name} if agent else None,
        "customer": {
            "id": customer.id,
            "name": customer.name,
            "email": customer.email,
            "phone": customer.phone,
            "language": customer.language,
            "since": customer.created_at.isoformat(),
        },
        "messages": [
            {
                **_message(m, by_message.get(m.id), distressed),
                "masked": m.id in masked,
                "delivery": sending.get(m.id),
            }
            for m in messages
        ],
        "decisions": [_decision(d) for d in decisions],
        "events": [
            {
                "at": e.occurred_at.isoformat(),
                "type": e.type,
                "text": describe_event(e),
                "data": e.data,
            }
            for e in reversed(events)
        ],
        "handoff": packet,
        "draft": answer if answer and answer.get("text") else None,
        "assignments": [
            {
                "agent": a.name,
                "agent_external_id": a.external_id,
                "reason": x.reason,
                "at": x.assigned_at.isoformat(),
                "released_at": x.released_at.isoformat() if x.released_at else None,
            }
            for x, a in assignments
        ],
        "outcomes": [
            {"kind": o.kind, "value": o.value, "at": o.created_at.isoformat()} for o in outcomes
        ],
        "articles": suggested_articles(session, conversation.intent, customer.language),
    }


def suggested_articles(
    session: Session, intent: str | None, language: str | None, limit: int = 4
) -> list[dict[str, Any]]:
    """Articles and macros written for this intent, in the customer's language, then in
    English (the fallback an agent can translate from); never in a third language (a German
    macro offered for a Spanish customer, found in the console).

    The database narrows the knowledge base to the articles whose intents, as stored JSON
    text, mention the intent as a string (a KB of thousands was read whole for every
    conversation page); Python then keeps those that really list it. Both spellings are
    tried: SQLite keeps the text as written (non-ASCII escaped), PostgreSQL prints it raw.
    """
    if not intent:
        return []
    spellings = {json.dumps(intent), json.dumps(intent, ensure_ascii=False)}
    stored = cast(Article.intents, Text)
    mentions = or_(*(stored.like(f"%{_like_literal(s)}%", escape="!") for s in spellings))
    from tandemdesk.act.answers_kb import DEFAULT_FALLBACK_LANGUAGE, normalize_language

    wanted = normalize_language(language)
    matching = [
        a for a in session.scalars(select(Article).where(mentions))
        if intent in (a.intents or [])
        and normalize_language(a.language) in (wanted, DEFAULT_FALLBACK_LANGUAGE)
    ]  # fmt: skip
    matching.sort(key=lambda a: (normalize_language(a.language) != wanted, a.kind != "macro",
                                 a.title))  # fmt: skip
    return [
        {"external_id": a.external_id, "kind": a.kind, "title": a.title, "body": a.body,
         "language": a.language}
        for a in matching[:limit]
    ]  # fmt: skip


def _like_literal(text: str) -> str:
    """``text`` matched literally by ``LIKE … ESCAPE '!'``."""
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_")


def _message(message: Message, decision: Decision | None, distressed: float) -> dict[str, Any]:
    return {
        "id": message.id,
        "author": message.author,
        "text": message.text,
        "channel": message.channel,
        "sent_at": message.sent_at.isoformat(),
        "abusive": bool(decision.abusive) if decision else False,
        "distress": round(decision.distress, 3) if decision else None,
        "mood": mood(decision.distress, distressed) if decision else None,
        "decision_id": decision.id if decision else None,
        "unverified": (message.meta or {}).get("identity") == "unverified",
        "subject": (message.meta or {}).get("subject"),  # an e-mail's own subject line
    }


def _decision(decision: Decision) -> dict[str, Any]:
    return {
        "id": decision.id,
        "message_id": decision.message_id,
        "action": decision.action,
        "queue": decision.queue,
        "rule_id": decision.rule_id,
        "explanation": decision.explanation,
        "intent": decision.intent,
        "distress": round(decision.distress, 3),
        "abusive": decision.abusive,
        "inputs": decision.inputs,
        "created_at": decision.created_at.isoformat(),
    }
