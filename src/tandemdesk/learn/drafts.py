"""Draft acceptance per answer: which AI drafts people send as they are, and which they
rewrite.

Why read the replies and not only ``correction.draft``: in the console an agent uses a
draft by pressing "Use the AI draft" and sending the reply box, an ordinary reply; only the
API's ``POST /v1/decisions/{id}/draft`` records the edit explicitly. So for each drafted
decision the first agent reply after it in the conversation is compared with the draft
text (an explicit ``correction.draft`` wins when there is one):

- *sent as is*: the same text, whitespace aside (or ≥ ``SAME`` similar);
- *edited*: at least ``EDITED`` similar — the draft was the starting point;
- *replaced*: less similar — the agent wrote their own;
- *unused*: no agent reply yet.

An answer whose drafts are edited or replaced in at least half of ``MIN_ANSWERED`` or more
replies is flagged: its article or macro is what people keep fixing.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from difflib import SequenceMatcher
from typing import Any

from sqlalchemy import select

from tandemdesk.errors import UnusableInputError
from tandemdesk.models import Decision, Message, Outcome
from tandemdesk.timeutil import utcnow
from tandemdesk.workspace import Workspace

SAME = 0.98
EDITED = 0.5
MIN_ANSWERED = 3
FLAG_SHARE = 0.5
_SPACE = re.compile(r"\s+")
_CHUNK = 500


@dataclass
class AnswerAcceptance:
    """How one answer's drafts fared."""

    item_id: str
    offered: int = 0
    sent_as_is: int = 0
    edited: int = 0
    replaced: int = 0
    unused: int = 0
    similarity: list[float] = field(default_factory=list, repr=False)
    example: dict[str, str] | None = None

    @property
    def answered(self) -> int:
        return self.sent_as_is + self.edited + self.replaced

    @property
    def acceptance_rate(self) -> float | None:
        """Share of answered drafts sent unchanged (None before any was answered)."""
        return self.sent_as_is / self.answered if self.answered else None

    @property
    def edit_rate(self) -> float | None:
        return (self.edited + self.replaced) / self.answered if self.answered else None

    @property
    def flagged(self) -> bool:
        rate = self.edit_rate
        return self.answered >= MIN_ANSWERED and rate is not None and rate >= FLAG_SHARE

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("similarity")
        kept = self.similarity
        return {**data, "answered": self.answered, "acceptance_rate": self.acceptance_rate,
                "edit_rate": self.edit_rate, "flagged": self.flagged,
                "mean_similarity": sum(kept) / len(kept) if kept else None}  # fmt: skip


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def classify(draft: str, sent: str | None) -> tuple[str, float | None]:
    """``sent_as_is`` | ``edited`` | ``replaced`` | ``unused`` and the similarity."""
    if sent is None:
        return "unused", None
    a, b = _norm(draft), _norm(sent)
    ratio = 1.0 if a == b else SequenceMatcher(None, a, b, autojunk=False).ratio()
    if ratio >= SAME:
        return "sent_as_is", ratio
    return ("edited" if ratio >= EDITED else "replaced"), ratio


def draft_acceptance(workspace: Workspace, days: float = 30) -> list[AnswerAcceptance]:
    """Per answer (knowledge item id) over the last ``days``: flagged and most edited first."""
    if days <= 0:
        raise UnusableInputError("--days must be positive")
    since = utcnow() - timedelta(days=days)
    drafts: list[tuple[int, int, datetime, str, str]] = []
    with workspace.sessions() as session:
        for decision_id, conversation_id, at, handoff in session.execute(
            select(Decision.id, Decision.conversation_id, Decision.created_at, Decision.handoff)
            .where(Decision.action == "draft_for_agent", Decision.created_at >= since)
            .order_by(Decision.id)
        ):
            answer = (handoff or {}).get("answer") or {}
            if answer.get("text") and answer.get("item_id"):
                drafts.append((decision_id, conversation_id, at, str(answer["item_id"]),
                               str(answer["text"])))  # fmt: skip
        explicit: dict[int, str] = {}
        for (value,) in session.execute(
            select(Outcome.value).where(Outcome.kind == "correction.draft",
                                        Outcome.created_at >= since)
        ):  # fmt: skip
            if (value or {}).get("decision_id") and value.get("sent"):
                explicit[int(value["decision_id"])] = str(value["sent"])
        replies: defaultdict[int, list[tuple[datetime, str]]] = defaultdict(list)
        conversations = sorted({d[1] for d in drafts})
        for start in range(0, len(conversations), _CHUNK):
            for conversation_id, at, text in session.execute(
                select(Message.conversation_id, Message.sent_at, Message.text)
                .where(Message.author == "agent",
                       Message.conversation_id.in_(conversations[start : start + _CHUNK]))
                .order_by(Message.sent_at, Message.id)
            ):  # fmt: skip
                replies[conversation_id].append((at, text))
    by_item: dict[str, AnswerAcceptance] = {}
    for decision_id, conversation_id, at, item_id, text in drafts:
        entry = by_item.setdefault(item_id, AnswerAcceptance(item_id))
        entry.offered += 1
        sent = explicit.get(decision_id)
        if sent is None:
            sent = next((t for when, t in replies.get(conversation_id, []) if when >= at), None)
        kind, ratio = classify(text, sent)
        setattr(entry, kind, getattr(entry, kind) + 1)
        if ratio is not None:
            entry.similarity.append(ratio)
        if kind in ("edited", "replaced") and entry.example is None and sent is not None:
            entry.example = {"draft": text, "sent": sent}
    return sorted(by_item.values(),
                  key=lambda e: (not e.flagged, -(e.edited + e.replaced), e.item_id))  # fmt: skip
