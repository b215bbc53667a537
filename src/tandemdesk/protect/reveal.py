"""Revealing a masked message: a permission (``access.check_reveal``) and an audited act.

Why both: a team lead sometimes needs the full number (a chargeback, a bank asking which
account), but every look at card data must be answerable for — who, when, which message and
why. The audit row is written in the same transaction that opens the original, so there is
no reveal without its record.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from tandemdesk.access import check_reveal
from tandemdesk.accounts import Principal
from tandemdesk.db import transaction
from tandemdesk.errors import InvalidRecordError, NotFoundError
from tandemdesk.models import Message, PiiReveal
from tandemdesk.protect.store import vault_of
from tandemdesk.workspace import Workspace

MAX_REASON_CHARS = 500


@dataclass(frozen=True)
class Revealed:
    """The original text of one message, and the audit row that records the look."""

    message_id: int
    conversation_id: int
    text: str
    audit_id: int
    revealed_by: str
    revealed_at: datetime

    def to_dict(self) -> dict[str, Any]:
        return {
            "message_id": self.message_id,
            "conversation_id": self.conversation_id,
            "text": self.text,
            "audit_id": self.audit_id,
            "revealed_by": self.revealed_by,
            "revealed_at": self.revealed_at.isoformat(),
        }


def reveal_message(
    workspace: Workspace, principal: Principal, message_id: int, reason: str = ""
) -> Revealed:
    """The message's original text, for a caller allowed to see it; audited."""
    check_reveal(principal)
    reason = reason.strip()
    if len(reason) > MAX_REASON_CHARS:
        raise InvalidRecordError(
            f"the reason is {len(reason):,} characters; at most {MAX_REASON_CHARS}",
            field="reason",
        )
    with transaction(workspace.sessions) as session:
        row = session.execute(
            select(Message.conversation_id, Message.text_protected).where(Message.id == message_id)
        ).one_or_none()
        if row is None:
            raise NotFoundError(f"no message {message_id}")
        conversation_id, sealed = row
        if sealed is None:
            raise NotFoundError(
                f"message {message_id} has no masked card number or IBAN to reveal",
                reason="nothing_masked",
            )
        text = vault_of(session).open(sealed)
        audit = PiiReveal(
            message_id=message_id,
            conversation_id=conversation_id,
            user_id=principal.user_id,
            actor=principal.name,
            role=principal.role,
            reason=reason,
        )
        session.add(audit)
        session.flush()
        return Revealed(
            message_id, conversation_id, text, audit.id, principal.name, audit.revealed_at
        )


def list_reveals(
    workspace: Workspace,
    principal: Principal,
    *,
    message_id: int | None = None,
    conversation_id: int | None = None,
    limit: int = 100,
    offset: int = 0,
) -> tuple[list[dict[str, Any]], int]:
    """The audit, newest first, and how many rows match; for leads and admins (the people
    who may reveal are the people who answer for the reveals)."""
    check_reveal(principal)
    query = select(PiiReveal)
    if message_id is not None:
        query = query.where(PiiReveal.message_id == message_id)
    if conversation_id is not None:
        query = query.where(PiiReveal.conversation_id == conversation_id)
    with workspace.sessions() as session:
        total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
        rows = session.scalars(
            query.order_by(PiiReveal.revealed_at.desc(), PiiReveal.id.desc())
            .limit(limit)
            .offset(offset)
        ).all()
    return [
        {
            "id": r.id,
            "message_id": r.message_id,
            "conversation_id": r.conversation_id,
            "user_id": r.user_id,
            "actor": r.actor,
            "role": r.role,
            "reason": r.reason,
            "revealed_at": r.revealed_at.isoformat(),
        }
        for r in rows
    ], total


def masked_message_ids(workspace: Workspace, message_ids: list[int]) -> set[int]:
    """Which of ``message_ids`` have masked payment data (the console offers a reveal)."""
    if not message_ids:
        return set()
    with workspace.sessions() as session:
        return set(
            session.scalars(
                select(Message.id).where(
                    Message.id.in_(message_ids), Message.text_protected.is_not(None)
                )
            )
        )
