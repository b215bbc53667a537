"""Live messages: store one message in the right conversation (the write path that email
import uses today and the API will use for every channel).

Threading, first rule that matches wins:
1. an explicit conversation id from the channel (``conversation_external_id``);
2. email ``In-Reply-To`` / ``References`` naming a message we stored;
3. a channel thread key (a chat session, a WhatsApp thread) on a still-open conversation;
4. for email, the same normalised subject ("Re: Order 123" → "order 123") from the same
   customer on a conversation that is open or was active in the last 14 days;
5. otherwise a new conversation.
A customer writing into a resolved conversation reopens it, so their follow-up is seen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

from pydantic import BaseModel
from sqlalchemy import insert, or_, select
from sqlalchemy.orm import Session

from tandemdesk.listen.identity import IdentityResolver
from tandemdesk.listen.ingest import message_row
from tandemdesk.listen.records import CustomerRef, MessageRecord, content_key
from tandemdesk.models import Conversation, Message
from tandemdesk.timeutil import utcnow

OPEN_STATUSES = ("open", "pending")
SUBJECT_WINDOW = timedelta(days=14)
REPLY_PREFIX = re.compile(
    r"^\s*((re|fw|fwd|aw|wg|tr|sv|antw|rv|ref)\s*(\[\d+\])?\s*:\s*)+", re.IGNORECASE
)


def normalize_subject(subject: str | None) -> str:
    """``"RE: AW: Order NW-1 ?"`` → ``"order nw-1 ?"``: what two replies in a thread share."""
    if not subject:
        return ""
    return " ".join(REPLY_PREFIX.sub("", subject).split()).lower()


class Delivery(BaseModel):
    """One message arriving from (or sent on) a channel, with its threading hints."""

    customer: CustomerRef
    message: MessageRecord
    channel: str
    subject: str | None = None
    conversation_external_id: str | None = None
    thread_key: str | None = None


@dataclass(frozen=True)
class Stored:
    conversation_id: int
    message_id: int | None
    new_conversation: bool
    duplicate: bool


def find_conversation(
    session: Session, customer_id: int, delivery: Delivery
) -> Conversation | None:
    """The conversation this delivery continues, by the rules in the module docstring."""
    if delivery.conversation_external_id:
        return session.scalars(
            select(Conversation).where(
                Conversation.external_id == delivery.conversation_external_id
            )
        ).first()
    message = delivery.message
    refs = [r for r in [message.in_reply_to, *reversed(message.references)] if r]
    if refs:
        hit = session.scalars(
            select(Conversation)
            .join(Message)
            .where(Message.external_id.in_(refs))
            .order_by(Message.sent_at.desc())
        ).first()
        if hit is not None:
            return hit
    if delivery.thread_key:
        hit = session.scalars(
            select(Conversation)
            .where(
                Conversation.thread_key == delivery.thread_key,
                Conversation.channel == delivery.channel,
                Conversation.status.in_(OPEN_STATUSES),
            )
            .order_by(Conversation.updated_at.desc())
        ).first()
        if hit is not None:
            return hit
    subject = normalize_subject(delivery.subject)
    if delivery.channel == "email" and subject:
        when = message.sent_at or utcnow()
        candidates = session.scalars(
            select(Conversation)
            .where(
                Conversation.customer_id == customer_id,
                Conversation.channel == "email",
                or_(
                    Conversation.status.in_(OPEN_STATUSES),
                    Conversation.updated_at >= when - SUBJECT_WINDOW,
                ),
            )
            .order_by(Conversation.updated_at.desc())
            .limit(20)
        )
        for candidate in candidates:
            if normalize_subject(candidate.subject) == subject:
                return candidate
    return None


def store_message(
    session: Session, resolver: IdentityResolver, delivery: Delivery, handling: str | None = None
) -> Stored:
    """Resolve the customer, thread the message, store it; a re-delivery stores nothing.

    ``handling`` marks a live message for the orchestrator (``pending``) in the same insert.
    """
    message = delivery.message
    if message.external_id:
        existing = session.execute(
            select(Message.id, Message.conversation_id).where(
                Message.external_id == message.external_id
            )
        ).first()
        if existing is not None:
            return Stored(
                existing.conversation_id, existing.id, new_conversation=False, duplicate=True
            )
    customer_id = resolver.resolve(delivery.customer)
    when = message.sent_at or utcnow()
    conversation = find_conversation(session, customer_id, delivery)
    new = conversation is None
    if conversation is None:
        conversation = Conversation(
            external_id=delivery.conversation_external_id
            or (f"{delivery.channel}:{message.external_id}" if message.external_id else None),
            customer_id=customer_id,
            channel=delivery.channel,
            subject=delivery.subject,
            status="open",
            thread_key=delivery.thread_key,
            source="live",
            labels={},
            created_at=when,
            updated_at=when,
        )
        session.add(conversation)
        session.flush()
    else:
        if message.sent_at is not None:  # a timed copy of a stored message (mail re-import)
            duplicate = session.scalar(
                select(Message.id).where(
                    Message.conversation_id == conversation.id,
                    Message.dedup_key == message.dedup_key(),
                )
            )
            if duplicate is not None:
                return Stored(conversation.id, duplicate, new_conversation=False, duplicate=True)
        if message.author == "customer" and conversation.status not in OPEN_STATUSES:
            conversation.status = "open"
        conversation.updated_at = max(conversation.updated_at, when)
    message_id = session.execute(
        insert(Message).returning(Message.id),
        [
            {
                # untimed live messages are keyed by their arrival: "yes" twice is two
                # messages (re-deliveries are caught by their external id above)
                **message_row(
                    conversation.id,
                    message,
                    when,
                    delivery.channel,
                    None
                    if message.sent_at
                    else content_key(message.author, when.isoformat(), message.text),
                ),
                "handling": handling,
                "attempts": 1 if handling else 0,
            }
        ],
    ).scalar_one()
    return Stored(conversation.id, int(message_id), new_conversation=new, duplicate=False)
