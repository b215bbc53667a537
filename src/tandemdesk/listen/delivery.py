"""Live messages: store each in the right conversation (the write path of the live flow,
the API's channels and the email import).

Threading, first rule that matches wins:
1. an explicit conversation id from the channel (``conversation_external_id``);
2. email ``In-Reply-To`` / ``References`` naming a message we stored;
3. a channel thread key (a chat session, a WhatsApp thread) on a conversation that is open
   or was active in the last 14 days (a follow-up after the bot resolved it reopens it);
4. for email, the same normalised subject ("Re: Order 123" → "order 123") from the same
   customer on a conversation that is open or was active in the last 14 days;
5. otherwise a new conversation.
A customer writing into a resolved conversation reopens it, so their follow-up is seen.
Every rule finds only the customer's own conversations: a thread key or a reply header is a
hint from the channel, and a hint that names another customer's conversation (two chat
widgets counting sessions from 1, a forged ``In-Reply-To``) must not put this message —
and the reply it gets — beside that customer's orders. An explicit conversation id or a
message id that belongs to another customer is refused (``ConflictError``, 409): they are
unique, so the message cannot take them, and storing it elsewhere would hide the clash.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from pydantic import BaseModel
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from tandemdesk.errors import ConflictError
from tandemdesk.listen.bulk import insert_returning_ids
from tandemdesk.listen.identity import IdentityResolver
from tandemdesk.listen.ingest import message_row
from tandemdesk.listen.records import CustomerRef, MessageRecord, content_key
from tandemdesk.models import Conversation, Message, table_of
from tandemdesk.protect.store import protect_rows
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
        named = session.scalars(
            select(Conversation).where(
                Conversation.external_id == delivery.conversation_external_id
            )
        ).first()
        if named is not None and named.customer_id != customer_id:
            raise ConflictError(
                f"conversation {delivery.conversation_external_id!r} belongs to another "
                "customer; a message can only continue its own customer's conversation"
            )
        return named
    message = delivery.message
    refs = [r for r in [message.in_reply_to, *reversed(message.references)] if r]
    if refs:
        hit = session.scalars(
            select(Conversation)
            .join(Message)
            .where(Message.external_id.in_(refs), Conversation.customer_id == customer_id)
            .order_by(Message.sent_at.desc())
        ).first()
        if hit is not None:
            return hit
    if delivery.thread_key:
        hit = session.scalars(
            select(Conversation)
            .where(
                Conversation.customer_id == customer_id,
                Conversation.thread_key == delivery.thread_key,
                Conversation.channel == delivery.channel,
                or_(
                    Conversation.status.in_(OPEN_STATUSES),
                    Conversation.updated_at >= (message.sent_at or utcnow()) - SUBJECT_WINDOW,
                ),
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


def needs_lookup(delivery: Delivery) -> bool:
    """Whether threading ``delivery`` reads the store (``find_conversation`` has a hint)."""
    message = delivery.message
    return bool(
        delivery.conversation_external_id
        or message.in_reply_to
        or any(message.references)
        or delivery.thread_key
        or (delivery.channel == "email" and normalize_subject(delivery.subject))
    )


def store_messages(
    session: Session,
    resolver: IdentityResolver,
    deliveries: Sequence[Delivery],
    handling: str | None = None,
    retry_at: datetime | None = None,
) -> list[Stored]:
    """Store each delivery in order, as one by one would, with the writes of a burst batched.

    Why not one delivery at a time: a burst of 15 new chats would cost ~60 small
    statements. Here re-deliveries are found in one query, customers resolved in one
    (``IdentityResolver.resolve_many``), and new conversations and messages wait in
    ``_Writes`` until a read could see them — a threading lookup or the end — so a burst
    without threading hints is two ``INSERT``s. Every lookup still sees the deliveries
    stored before it, so the result is exactly the one-by-one result.
    """
    resolver.claim(d.customer for d in deliveries)  # before any read (``identity`` doc)
    external = [d.message.external_id for d in deliveries if d.message.external_id]
    stored_before: dict[str, tuple[int, int, int]] = {}
    if external:
        stored_before = {
            str(external_id): (message_id, conversation_id, owner)
            for message_id, conversation_id, external_id, owner in session.execute(
                select(
                    Message.id, Message.conversation_id, Message.external_id,
                    Conversation.customer_id,
                )
                .join(Conversation, Conversation.id == Message.conversation_id)
                .where(Message.external_id.in_(set(external)))
            )
        }  # fmt: skip
    first: dict[str, int] = {}  # external id -> position of its first delivery here
    repeat_of: dict[int, int] = {}
    for position, delivery in enumerate(deliveries):
        external_id = delivery.message.external_id
        if external_id and external_id not in stored_before:
            if external_id in first:
                repeat_of[position] = first[external_id]
            else:
                first[external_id] = position
    # re-deliveries are resolved too: a message id is only a re-delivery from its own customer
    customers = resolver.resolve_many([d.customer for d in deliveries])
    writes = _Writes(session, handling, retry_at)
    outcomes: list[Stored | _Later] = []
    for position, delivery in enumerate(deliveries):
        external_id = delivery.message.external_id
        if external_id and external_id in stored_before:
            message_id, conversation_id, owner = stored_before[external_id]
            _same_customer(external_id, customers[position], owner)
            outcomes.append(Stored(conversation_id, message_id, False, duplicate=True))
        elif position in repeat_of:
            _same_customer(external_id, customers[position], customers[repeat_of[position]])
            outcomes.append(_Later(repeat_of[position], repeat=True))
        else:
            outcomes.append(writes.store(customers[position], delivery, position))
    writes.flush()
    return [writes.resolve(outcome, outcomes) for outcome in outcomes]


def _same_customer(external_id: str | None, customer_id: int, owner: int) -> None:
    """A re-delivered message id must come from the customer who sent it first: another
    customer's would be dropped as a duplicate and answered with the first one's reply."""
    if customer_id != owner:
        raise ConflictError(
            f"message id {external_id!r} was already used by another customer's message; "
            "message ids must be unique per message"
        )


@dataclass
class _Later:
    """A result known once the batched inserts ran: ``of`` is a pending write's position
    (or, with ``repeat``, the position of the delivery this one repeats)."""

    of: int
    repeat: bool = False


@dataclass
class _NewConversation:
    row: dict[str, Any]
    id: int | None = None


class _Writes:
    """New conversations and messages of a burst, inserted together when a read needs them."""

    def __init__(
        self, session: Session, handling: str | None, retry_at: datetime | None = None
    ) -> None:
        self.session = session
        self.handling = handling
        self.retry_at = retry_at  # the lease of a live message (``recovery.py``)
        self.conversations: list[_NewConversation] = []
        self.messages: list[tuple[int, int | _NewConversation, dict[str, Any]]] = []
        self.ids: dict[int, tuple[int, int, bool]] = {}  # position -> (conv, message, new)

    def store(self, customer_id: int, delivery: Delivery, position: int) -> Stored | _Later:
        message = delivery.message
        when = message.sent_at or utcnow()
        if needs_lookup(delivery):
            self.flush()  # the lookup must see what this burst stored before it
        conversation = find_conversation(self.session, customer_id, delivery)
        target: int | _NewConversation
        if conversation is None:
            target = _NewConversation(
                {
                    "external_id": delivery.conversation_external_id
                    or (
                        f"{delivery.channel}:{message.external_id}" if message.external_id else None
                    ),
                    "customer_id": customer_id,
                    "channel": delivery.channel,
                    "subject": delivery.subject,
                    "status": "open",
                    "thread_key": delivery.thread_key,
                    "source": "live",
                    "labels": {},
                    "created_at": when,
                    "updated_at": when,
                }
            )
            self.conversations.append(target)
        else:
            if message.sent_at is not None:  # a timed copy of a stored message (mail re-import)
                self.flush()
                duplicate = self.session.scalar(
                    select(Message.id).where(
                        Message.conversation_id == conversation.id,
                        Message.dedup_key == message.dedup_key(),
                    )
                )
                if duplicate is not None:
                    return Stored(conversation.id, duplicate, False, duplicate=True)
            if message.author == "customer" and conversation.status not in OPEN_STATUSES:
                conversation.status = "open"
            conversation.updated_at = max(conversation.updated_at, when)
            target = conversation.id
        # untimed live messages are keyed by their arrival: "yes" twice is two messages
        # (re-deliveries are caught by their external id above)
        key = (
            None if message.sent_at else content_key(message.author, when.isoformat(), message.text)
        )
        row = {
            **message_row(0, message, when, delivery.channel, key),
            "handling": self.handling,
            "attempts": 1 if self.handling else 0,
            "retry_at": self.retry_at,
        }
        self.messages.append((position, target, row))
        return _Later(position)

    def flush(self) -> None:
        """Insert the waiting conversations, then their messages (ids in arrival order)."""
        if self.conversations:
            ids = insert_returning_ids(
                self.session, table_of(Conversation), [c.row for c in self.conversations]
            )
            for conversation, new_id in zip(self.conversations, ids, strict=True):
                conversation.id = new_id
            self.conversations = []
        if self.messages:
            rows = []
            for _, target, row in self.messages:
                stored_in = target if isinstance(target, int) else target.id
                assert stored_in is not None
                rows.append({**row, "conversation_id": stored_in})
            protect_rows(self.session, rows)  # card numbers and IBANs masked at rest
            ids = insert_returning_ids(self.session, table_of(Message), rows)
            for (position, target, _), row, message_id in zip(
                self.messages, rows, ids, strict=True
            ):
                new = not isinstance(target, int)
                self.ids[position] = (row["conversation_id"], message_id, new)
            self.messages = []

    def resolve(self, outcome: Stored | _Later, outcomes: Sequence[Stored | _Later]) -> Stored:
        if isinstance(outcome, Stored):
            return outcome
        if outcome.repeat:
            first = self.resolve(outcomes[outcome.of], outcomes)
            return Stored(first.conversation_id, first.message_id, False, duplicate=True)
        conversation_id, message_id, new = self.ids[outcome.of]
        return Stored(conversation_id, message_id, new_conversation=new, duplicate=False)
