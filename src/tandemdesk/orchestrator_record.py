"""Recording what the orchestrator decided: the result type callers get, the stored decision
with its consequences (assignment, conversation state), and the bot's reply row.

Split from ``orchestrator.py`` so the write path there reads as its steps; everything here
runs inside the record transaction the orchestrator opens.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from tandemdesk.models import Assignment, Decision, Message
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
        return asdict(self)


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


def record_one(
    session: Session,
    message: Message,
    acted: Acted,
    replies: dict[int, Message],
    now: datetime,
    policy_version: int | None,
) -> Decision:
    """Store one message's decision and its consequences (assignment, conversation state)
    in the caller's transaction; the message becomes ``handled``."""
    conversation = message.conversation
    understanding = acted.understanding
    abusive = understanding.abuse.label is not None
    if acted.agent_id is not None and conversation.assignee_id != acted.agent_id:
        assert acted.routing is not None
        session.add(
            Assignment(
                conversation_id=conversation.id,
                agent_id=acted.agent_id,
                queue=acted.queue,
                reason=acted.routing.reason,
                distress=understanding.distress.value,
                abusive=abusive,
                assigned_at=now,
            )
        )
        conversation.assignee_id = acted.agent_id
    reply = replies.get(message.id)
    decision = Decision(
        message_id=message.id,
        conversation_id=conversation.id,
        action=acted.action,
        queue=acted.queue,
        rule_id=acted.decision.rule_id,
        explanation=acted.explanation,
        inputs={**acted.decision.inputs, "customer_id": conversation.customer_id},
        understanding=understanding.to_dict(),
        intent=acted.intent,
        distress=understanding.distress.value,
        abusive=abusive,
        policy_version=policy_version,
        reply_message_id=reply.id if reply is not None else None,
        assigned_agent_id=acted.agent_id,
        handoff={
            "answer": acted.answer,
            "routing_reason": acted.routing.reason if acted.routing else None,
            "packet": acted.handoff,
        },
        created_at=now,
    )
    session.add(decision)
    conversation.queue = acted.queue
    conversation.intent = conversation.intent or acted.intent
    conversation.status = "resolved" if acted.action == "automate" else "open"
    conversation.updated_at = max(conversation.updated_at, now)
    message.handling = "handled"
    return decision


def bot_reply(message: Message, reply: str, now: datetime) -> Message:
    """The bot's answer to ``message``, keyed so it can exist only once per message."""
    return Message(
        conversation_id=message.conversation_id,
        author="bot",
        text=reply,
        sent_at=max(now, message.sent_at),
        channel=message.channel,
        dedup_key=f"reply-to:{message.id}",
        attachments=[],
        meta={"in_reply_to_message": message.id},
        attempts=0,
    )
