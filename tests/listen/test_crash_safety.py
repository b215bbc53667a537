"""A crash midway leaves whole conversations or none, and re-running the import finishes it."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tandemdesk.listen.imports import conversation_items
from tandemdesk.listen.ingest import BatchCounts, ingest_conversations
from tandemdesk.listen.readers import Parsed
from tandemdesk.listen.records import ConversationRecord
from tandemdesk.listen.runner import run_import
from tandemdesk.models import Conversation, Message
from tandemdesk.workspace import Workspace


def write_history(path: Path, n: int) -> None:
    with path.open("w") as handle:
        for i in range(n):
            messages = [
                {
                    "author": "customer" if j % 2 == 0 else "agent",
                    "text": f"conv {i} message {j}",
                    "sent_at": f"2026-01-01T00:0{j}:00Z",
                }
                for j in range(3)
            ]
            handle.write(
                json.dumps(
                    {
                        "external_id": f"h-{i}",
                        "customer": {"email": f"p{i % 7}@example.org"},
                        "messages": messages,
                    }
                )
                + "\n"
            )


class Crash(RuntimeError):
    pass


def test_crash_in_second_batch_leaves_no_half_written_conversation(
    workspace: Workspace, tmp_path: Path
) -> None:
    path = tmp_path / "history.jsonl"
    write_history(path, 25)
    batches = 0

    def crashing(session: Session, items: Sequence[Parsed[ConversationRecord]]) -> BatchCounts:
        nonlocal batches
        batches += 1
        counts = ingest_conversations(session, items)  # rows are written …
        if batches == 2:
            raise Crash("power cut")  # … and the transaction is rolled back
        return counts

    _, items = conversation_items(path, None, {}, 10_000)
    with pytest.raises(Crash):
        run_import(workspace.sessions, items, crashing, batch_size=10)
    with workspace.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Conversation)) == 10
        per_conversation = session.execute(
            select(Message.conversation_id, func.count()).group_by(Message.conversation_id)
        ).all()
        assert len(per_conversation) == 10 and all(n == 3 for _, n in per_conversation)

    _, items = conversation_items(path, None, {}, 10_000)
    resumed = run_import(workspace.sessions, items, ingest_conversations, batch_size=10).to_dict()
    assert (resumed["imported"], resumed["duplicates"], resumed["messages"]) == (15, 10, 45)
    with workspace.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Message)) == 75
