"""Imported history as insights read it: who answered each past customer message, how the
conversations ended and what customers rated them.

Why: a team that imports a year of tickets wants the supervisor view to start with that year,
not with an empty chart until live traffic arrives ("827 past conversations with CSAT count
as none"). Imported conversations have no decisions, assignments or outcome rows (those are
written by the live path), so their figures come from what an import does carry: who wrote
each message (a ``bot`` reply is an automated answer, an ``agent`` reply a person's), the
conversation's status and its CSAT. Distress is not scored for imports (their text was never
understood live), so the distress figures stay live-only and say so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from tandemdesk.models import Conversation, Message

#: Statuses an import uses for a conversation that ended (``closed`` in most helpdesks).
ENDED = ("resolved", "closed", "solved")
IMPORTED = "import"  # ``Conversation.source`` of the bulk importers (the live path: "live")


@dataclass
class ImportedHistory:
    """Per imported customer message: when, and whether a bot (not a person) answered it;
    per imported conversation: when it ended and its CSAT."""

    messages: list[tuple[datetime, bool]] = field(default_factory=list)
    resolved: list[datetime] = field(default_factory=list)
    csat: list[tuple[datetime, float]] = field(default_factory=list)

    def to_dict(self) -> dict[str, int]:
        return {
            "messages": len(self.messages),
            "automated": sum(1 for _, bot in self.messages if bot),
            "resolved": len(self.resolved),
            "csat_count": len(self.csat),
        }


def imported_history(session: Session, since: datetime, until: datetime) -> ImportedHistory:
    """Imported conversations' figures for messages sent in ``[since, until)``."""
    history = ImportedHistory()
    rows = session.execute(
        select(Message.conversation_id, Message.author, Message.sent_at,
               Conversation.status, Conversation.csat)
        .join(Conversation, Conversation.id == Message.conversation_id)
        .where(Conversation.source == IMPORTED,
               Message.sent_at >= since, Message.sent_at < until)
        .order_by(Message.conversation_id, Message.sent_at, Message.id)
    ).all()  # fmt: skip
    waiting: list[datetime] = []  # this conversation's customer messages not yet answered
    current: int | None = None
    last_sent: datetime | None = None

    def close(status: str | None, csat: float | None) -> None:
        history.messages.extend((at, False) for at in waiting)  # unanswered: a person's work
        waiting.clear()
        if last_sent is not None and status in ENDED:
            history.resolved.append(last_sent)
            if csat is not None:
                history.csat.append((last_sent, float(csat)))

    status: str | None = None
    csat: float | None = None
    for conversation_id, author, sent_at, conv_status, conv_csat in rows:
        if conversation_id != current:
            if current is not None:
                close(status, csat)
            current, status, csat = conversation_id, conv_status, conv_csat
        last_sent = sent_at
        if author == "customer":
            waiting.append(sent_at)
        elif waiting:
            history.messages.extend((at, author == "bot") for at in waiting)
            waiting.clear()
    if current is not None:
        close(status, csat)
    return history
