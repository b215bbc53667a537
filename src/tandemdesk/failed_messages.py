"""The dead-letter list: live messages recovery gave up on, for people to see and re-queue.

Read by ``tandemdesk messages failed``, ``GET /v1/messages/failed`` and the console's
failed-messages page; ``requeue`` is what ``messages retry --id N``, ``POST
/v1/messages/{id}/retry`` and the console's Retry button do before handling the message
again (``recovery.recover_all(..., ids=[N])``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update

from tandemdesk.db import transaction
from tandemdesk.errors import ConflictError, NotFoundError
from tandemdesk.models import Conversation, Message
from tandemdesk.workspace import Workspace

SHOWN = ("dead", "rejected")  # what the list shows: given up on, refused as invalid
PREVIEW = 80


@dataclass(frozen=True)
class FailedMessage:
    id: int
    conversation_id: int
    customer_id: int
    channel: str | None
    state: str  # dead | rejected
    attempts: int
    last_error: str | None
    failed_at: datetime | None
    preview: str

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["failed_at"] = self.failed_at.isoformat() if self.failed_at else None
        return out


def counts(workspace: Workspace) -> dict[str, int]:
    """How many live messages are in each recovery state (one grouped query): ``dead``,
    ``rejected``, ``failed`` (waiting for a retry) and ``pending``."""
    with workspace.sessions() as session:
        rows = session.execute(
            select(Message.handling, func.count())
            .where(Message.handling.in_(("dead", "rejected", "failed", "pending")))
            .group_by(Message.handling)
        ).all()
        found = dict(rows)
    return {state: int(found.get(state, 0)) for state in ("dead", "rejected", "failed", "pending")}


def list_failed(
    workspace: Workspace, states: tuple[str, ...] = SHOWN, limit: int = 200
) -> list[FailedMessage]:
    """The messages in ``states``, newest failure first, with a short preview of the text."""
    with workspace.sessions() as session:
        rows = session.execute(
            select(
                Message.id,
                Message.conversation_id,
                Conversation.customer_id,
                Message.channel,
                Message.handling,
                Message.attempts,
                Message.last_error,
                Message.failed_at,
                func.substr(Message.text, 1, PREVIEW * 4),
            )
            .join(Conversation, Conversation.id == Message.conversation_id)
            .where(Message.handling.in_(states))
            .order_by(Message.failed_at.desc(), Message.id.desc())
            .limit(limit)
        )
        return [
            FailedMessage(
                id=message_id,
                conversation_id=conversation_id,
                customer_id=customer_id,
                channel=channel,
                state=str(state),
                attempts=attempts,
                last_error=error,
                failed_at=failed_at,
                preview=_preview(text or ""),
            )
            for message_id, conversation_id, customer_id, channel, state, attempts, error,
            failed_at, text in rows
        ]  # fmt: skip


def _preview(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= PREVIEW else flat[: PREVIEW - 1] + "…"


def requeue(workspace: Workspace, message_id: int) -> None:
    """Give a dead, rejected or failed message a fresh set of attempts, due now.

    A handled message is refused (it was answered; handling it again would answer twice),
    and so is one being handled right now (pending within its lease is not checked here:
    recovery's claim leaves a leased message alone)."""
    with transaction(workspace.sessions) as session:
        state = session.scalar(
            select(Message.handling).where(Message.id == message_id, Message.author == "customer")
        )
        if state is None:
            raise NotFoundError(f"no live customer message {message_id}", message_id=message_id)
        if state in ("handled", "superseded"):
            raise ConflictError(
                f"message {message_id} is already {state}; nothing to retry",
                message_id=message_id,
                state=state,
            )
        if state == "pending":
            return  # waiting already: recovery takes it when its lease ends
        session.execute(
            update(Message)
            .where(Message.id == message_id, Message.handling == state)
            .values(handling="failed", attempts=0, retry_at=None)
        )
