"""Insights count imported history: a team that imports a year of tickets sees that year's
volume, automation and CSAT, not an empty chart until live traffic arrives."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from tandemdesk.learn.insights import insights
from tandemdesk.listen import imports
from tandemdesk.timeutil import utcnow
from tandemdesk.workspace import Workspace


def _conversation(n: int, days_ago: float, replies: list[str], status: str, csat: float | None):  # type: ignore[no-untyped-def]
    start = utcnow() - timedelta(days=days_ago)
    messages = [{"author": "customer", "text": f"where is my order {n}?",
                 "sent_at": start.isoformat()}]  # fmt: skip
    for i, author in enumerate(replies, 1):
        messages.append({"author": author, "text": f"reply {i} to {n}",
                         "sent_at": (start + timedelta(minutes=i)).isoformat()})  # fmt: skip
    return {"external_id": f"t-{n}", "channel": "email",
            "customer": {"email": f"c{n}@example.org"}, "messages": messages,
            "status": status, "csat": csat}  # fmt: skip


def test_imported_history_counts_in_insights(workspace: Workspace, tmp_path: Path) -> None:
    rows = [
        _conversation(1, 2, ["bot"], "resolved", 5.0),  # answered by the bot
        _conversation(2, 3, ["agent"], "closed", 2.0),  # by a person
        _conversation(3, 4, [], "open", None),  # nobody yet: a person's work
        _conversation(4, 200, ["agent"], "closed", 4.0),  # outside 30 days, inside a year
    ]
    path = tmp_path / "history.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    summary = imports.import_conversations(workspace, path)
    assert summary.counts.imported == 4
    now = utcnow()
    with workspace.sessions() as session:
        month = insights(session, now - timedelta(days=30), now)
        year = insights(session, now - timedelta(days=365), now)
    assert month["messages"] == 3 and month["live_messages"] == 0
    assert month["imported"] == {"messages": 3, "automated": 1, "resolved": 2, "csat_count": 2}
    assert month["automation_rate"] == round(1 / 3, 4)
    assert month["human_share"] == round(2 / 3, 4)
    assert month["csat"]["average"] == 3.5 and month["resolved"] == 2
    assert sum(month["series"]["volume"]) == 3
    assert year["messages"] == 4 and year["csat"]["count"] == 3
    assert timedelta(seconds=year["series"]["bucket_seconds"]) == timedelta(weeks=1)
