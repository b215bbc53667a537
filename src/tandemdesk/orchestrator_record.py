"""Recording what the orchestrator decided: the result type callers get, the stored decision
with its consequences (assignment, conversation state), and the bot's reply row.

Split from ``orchestrator.py`` so the write path there reads as its steps; everything here
runs inside the record transaction the orchestrator opens.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import Any

from sqlalchemy import case, select, update
from sqlalchemy.orm import Session

from tandemdesk.channels.outbox import enqueue_events, enqueue_messages
from tandemdesk.decide.vocabulary import status_after
from tandemdesk.listen.bulk import insert_many, insert_returning_ids, update_many
from tandemdesk.models import Assignment, Conversation, Customer, Decision, Message, table_of
from tandemdesk.orchestrator_act import Acted


@dataclass(frozen=True)
class HandleResult:
    """What happened to one message: the decision and its reasons, the reply or the person."""

    message_id: int
    conversation_id: int
    customer_id: int
    action: str
    queue: str | None
    rule_id: str
    explanation: str
    inputs: dict[str, Any]
    reply: str | None = None
    answer: dict[str, Any] | None = None
    assigned_agent: str | None = None
    routing_reason: str | None = None
    handoff: dict[str, Any] | None = None
    understanding: dict[str, Any] = field(default_factory=dict)
    duplicate: bool = False

    def to_dict(self) -> dict[str, Any]:
        """Plain data (shallow: the nested dicts are already JSON-ready and not copied, which
        ``asdict`` would do for every API response)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


class BatchError(Exception):
    """Some messages of a batch could not be handled; every other one was.

    ``results`` holds one entry per delivery (``None`` where it failed) and ``errors`` the
    exception per failed position. A failed message that was stored is marked ``failed``,
    so ``retry_pending`` handles it again; one that could not be stored was never accepted.
    """

    def __init__(self, results: list[HandleResult | None], errors: dict[int, Exception]) -> None:
        first = next(iter(errors.values()))
        super().__init__(f"{len(errors)} of {len(results)} messages failed; first: {first!r}")
        self.results = results
        self.errors = errors


def result_from(
    decision: Decision, reply: str | None, agent: str | None, duplicate: bool = True
) -> HandleResult:
    """The one mapping from a stored decision to what callers get back (first time or again)."""
    return HandleResult(
        message_id=decision.message_id,
        conversation_id=decision.conversation_id,
        customer_id=int(decision.inputs.get("customer_id", 0)),
        action=decision.action,
        queue=decision.queue,
        rule_id=decision.rule_id,
        explanation=decision.explanation,
        inputs=decision.inputs,
        reply=reply,
        answer=decision.handoff.get("answer") if decision.handoff else None,
        assigned_agent=agent,
        routing_reason=decision.handoff.get("routing_reason") if decision.handoff else None,
        handoff=decision.handoff.get("packet") if decision.handoff else None,
        understanding=decision.understanding,
        duplicate=duplicate,
    )


@dataclass
class _ConversationState:
    """A conversation's columns that recording changes, applied message by message."""

    customer_id: int
    assignee_id: int | None
    queue: str | None
    intent: str | None
    status: str
    updated_at: datetime
    customer_language: str | None = None  # read with the row: learning it costs no read


def record_batch(
    session: Session, batch: Sequence[Acted], now: datetime, policy_version: int | None
) -> list[Decision]:
    """Store each message's decision and its consequences (bot reply, assignment,
    conversation state) in the caller's transaction; the messages become ``handled``.

    Why Core and not ORM objects: a unit-of-work flush costs more than the statements it
    sends, and a burst needs only a fixed handful: the conversations read once, the replies,
    assignments and decisions one ``INSERT`` each, the conversations' final state
    one ``UPDATE`` (``listen.bulk``). Messages are applied in order as one-by-one recording
    would (an assignment only when the assignee changes), and the returned decisions are
    unsaved copies of the stored rows, for ``result_from``.
    """
    conversations, customers = table_of(Conversation), table_of(Customer)
    states = {
        row.id: _ConversationState(
            row.customer_id, row.assignee_id, row.queue, row.intent, row.status, row.updated_at,
            row.language,
        )
        for row in session.execute(
            select(
                conversations.c.id, conversations.c.customer_id, conversations.c.assignee_id,
                conversations.c.queue, conversations.c.intent, conversations.c.status,
                conversations.c.updated_at, customers.c.language,
            )
            .join(customers, customers.c.id == conversations.c.customer_id)
            .where(conversations.c.id.in_({a.message.conversation_id for a in batch}))
        )
    }  # fmt: skip
    replies = _insert_replies(session, batch, now)
    assignments: list[dict[str, Any]] = []
    decisions: list[dict[str, Any]] = []
    for acted in batch:
        message, understanding = acted.message, acted.understanding
        state = states[message.conversation_id]
        abusive = understanding.abuse.label is not None
        if acted.agent_id is not None and state.assignee_id != acted.agent_id:
            assert acted.routing is not None
            assignments.append(
                {
                    "conversation_id": message.conversation_id,
                    "agent_id": acted.agent_id,
                    "queue": acted.queue,
                    "reason": acted.routing.reason,
                    "distress": understanding.distress.value,
                    "abusive": abusive,
                    "assigned_at": now,
                }
            )
            state.assignee_id = acted.agent_id
        decisions.append(
            {
                "message_id": message.id,
                "conversation_id": message.conversation_id,
                "action": acted.action,
                "queue": acted.queue,
                "rule_id": acted.decision.rule_id,
                "explanation": acted.explanation,
                "inputs": {**acted.decision.inputs, "customer_id": state.customer_id},
                "understanding": understanding.to_dict(),
                "intent": acted.intent,
                "distress": understanding.distress.value,
                "abusive": abusive,
                "policy_version": policy_version,
                "reply_message_id": replies.get(message.id),
                "assigned_agent_id": acted.agent_id,
                "handoff": {
                    "answer": acted.answer,
                    "routing_reason": acted.routing.reason if acted.routing else None,
                    "packet": acted.handoff,
                },
                "created_at": now,
            }
        )
        if acted.action != "reply_courtesy":  # small talk keeps the conversation's queue
            state.queue = acted.queue
        state.intent = state.intent or acted.intent
        state.status = status_after(acted.action, acted.understanding.dialogue.small_talk)
        state.updated_at = max(state.updated_at, now)
    insert_many(session, table_of(Assignment), assignments)
    insert_many(session, table_of(Decision), decisions)
    _enqueue_outgoing(session, batch, replies, decisions, assignments, now)
    update_many(
        session,
        conversations,
        [
            {
                "id": conversation_id, "assignee_id": state.assignee_id, "queue": state.queue,
                "intent": state.intent, "status": state.status, "updated_at": state.updated_at,
            }
            for conversation_id, state in states.items()
        ],
    )  # fmt: skip
    _learn_languages(session, batch, states)
    messages = table_of(Message)
    session.execute(
        update(messages)
        .where(messages.c.id.in_([a.message.id for a in batch]))
        .values(handling="handled")
    )
    return [Decision(**row) for row in decisions]


LEARN_LANGUAGE_AT = 0.8  # the detector's confidence for a customer's language to be kept


def _learn_languages(
    session: Session, batch: Sequence[Acted], states: dict[int, _ConversationState]
) -> None:
    """A customer without a language gets the one their message is clearly written in.

    Why: the inbox filters and the reply language read the customer's language, and a
    customer met first through a live message had none — a lead filtering German found
    none of the German messages the rows themselves showed as German. One statement for
    the batch; a language already known (imported, set by an agent) is kept."""
    learnt: dict[int, str] = {}
    for acted in batch:
        language, state = acted.understanding.language, states[acted.message.conversation_id]
        if state.customer_language is None and language.label and (
                language.value >= LEARN_LANGUAGE_AT):  # fmt: skip
            learnt.setdefault(state.customer_id, language.label)
    if not learnt:
        return  # the usual case: a customer's language is known after their first message
    customers = table_of(Customer)
    session.execute(
        update(customers)
        .where(customers.c.id.in_(learnt), customers.c.language.is_(None))
        .values(language=case(learnt, value=customers.c.id))
    )


def _enqueue_outgoing(
    session: Session,
    batch: Sequence[Acted],
    replies: dict[int, int],
    decisions: list[dict[str, Any]],
    assignments: list[dict[str, Any]],
    now: datetime,
) -> None:
    """The transactional outbox (``channels.outbox``): each bot reply's delivery and the
    webhooks of what was decided, in the transaction that records them."""
    enqueue_messages(
        session,
        [(replies[a.message.id], a.message.conversation_id, a.message.channel)
         for a in batch if a.message.id in replies],
        now,
    )  # fmt: skip
    happened = [
        ("decision.made", {"message_id": d["message_id"], "conversation_id": d["conversation_id"],
                           "action": d["action"], "queue": d["queue"], "rule_id": d["rule_id"],
                           "intent": d["intent"], "explanation": d["explanation"],
                           "reply_message_id": d["reply_message_id"]})
        for d in decisions
    ] + [
        ("conversation.assigned", {"conversation_id": a["conversation_id"],
                                   "agent_id": a["agent_id"], "queue": a["queue"],
                                   "reason": a["reason"]})
        for a in assignments
    ]  # fmt: skip
    enqueue_events(session, happened, now)


def _insert_replies(session: Session, batch: Sequence[Acted], now: datetime) -> dict[int, int]:
    """The bot's answers, one row each, keyed so each can exist only once per message;
    returns message id → reply id."""
    rows = [
        bot_reply_row(acted.message, acted.reply, now) for acted in batch if acted.reply is not None
    ]
    if not rows:
        return {}
    ids = insert_returning_ids(session, table_of(Message), rows)
    return {
        row["meta"]["in_reply_to_message"]: int(reply_id)
        for row, reply_id in zip(rows, ids, strict=True)
    }


def bot_reply_row(message: Message, reply: str, now: datetime) -> dict[str, Any]:
    """The bot's answer to ``message``, keyed so it can exist only once per message."""
    return {
        "conversation_id": message.conversation_id,
        "author": "bot",
        "text": reply,
        "sent_at": max(now, message.sent_at),
        "channel": message.channel,
        "external_id": None,
        "dedup_key": f"reply-to:{message.id}",
        "attachments": [],
        "meta": {"in_reply_to_message": message.id},
        "handling": None,
        "attempts": 0,
    }
