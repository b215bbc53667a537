"""`tandemdesk test-conversations` as an automation expert runs it: a real process against a
small SQLite workspace, exit 0 / 1 / 2, and the live workspace left as it was."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select

from tandemdesk.config import Settings
from tandemdesk.models import Conversation, Customer, Message
from tests.cli.test_cli_imports import run

EVENTS = [
    {"customer": "ana@shop.example", "type": "order_placed",
     "occurred_at": "2026-01-02T10:00:00Z", "data": {"order": "NW-1001"}},
    {"customer": "ana@shop.example", "type": "order_shipped",
     "occurred_at": "2026-01-03T10:00:00Z", "data": {"order": "NW-1001", "carrier": "DHL"}},
]  # fmt: skip

# No intent model in this workspace: the policy never automates, so "automate" must fail.
PASSING = """\
cases:
  - id: known-customer
    customer: ana@shop.example
    text: "Where is my parcel NW-1001?"
    language: en
    tags: [routine]
    expect: {action_not: [automate], flags_not: [abusive, threat]}
  - id: inline-facts
    channel: chat
    text: "Where is my parcel NW-2002?"
    facts: {name: Bo, orders: [{number: NW-2002, status: shipped, carrier: UPS, eta: +1d}]}
    expect: {action_not: [automate], flags_not: [abusive]}
"""

FAILING = """\
- id: wants-automation
  text: "Where is my parcel?"
  tags: [routine]
  expect: {action: automate}
- id: fine
  text: "Where is my parcel?"
  expect: {flags_not: [threat]}
"""


def _counts(settings: Settings) -> tuple[int, int, int]:
    engine = create_engine(settings.database_url)
    with engine.connect() as connection:
        counts = tuple(
            connection.scalar(select(func.count()).select_from(model.__table__))
            for model in (Customer, Conversation, Message)
        )
    engine.dispose()
    return counts  # type: ignore[return-value]


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_passing_failing_and_unusable_suites(settings: Settings, tmp_path: Path) -> None:
    events = tmp_path / "events.jsonl"
    events.write_text("".join(json.dumps(e) + "\n" for e in EVENTS))
    assert run(settings, "import", "events", str(events)).returncode == 0
    before = _counts(settings)

    passing = tmp_path / "pass.yaml"
    passing.write_text(PASSING)
    result = run(settings, "test-conversations", str(passing))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 of 2 cases passed" in result.stdout
    assert "failing cases" not in result.stdout
    assert _counts(settings) == before  # the cases ran in a scratch workspace

    failing = tmp_path / "fail.yaml"
    failing.write_text(FAILING)
    result = run(settings, "test-conversations", str(failing))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "1 failing cases" in result.stdout and "wants-automation" in result.stdout
    assert "action automate" in result.stdout and "1 of 2 cases passed" in result.stdout
    as_json = run(settings, "test-conversations", str(failing), "--json")
    assert as_json.returncode == 1
    report = json.loads(as_json.stdout)
    assert report["summary"]["failed"] == 1
    [failure] = report["failures"]
    assert failure["id"] == "wants-automation" and failure["line"] == 1
    assert failure["problems"][0]["expected"] == "action automate"
    assert failure["got"]["action"] != "automate" and failure["got"]["explanation"]

    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "- id: a\n  text: hi\n  expect: {flags: [sad]}\n"
        "- id: b\n  text: hi\n  customer: nobody@shop.example\n"
        "- id: c\n  text: hi\n  expect: {queue: vip}\n"
    )
    result = run(settings, "test-conversations", str(bad))
    assert result.returncode == 2, result.stdout + result.stderr
    assert "line 3 (a): expect.flags: unknown flag 'sad'" in result.stderr
    assert "Traceback" not in result.stderr
    # the workspace-dependent checks come once the file itself is valid
    bad.write_text(
        "- id: b\n  text: hi\n  customer: nobody@shop.example\n"
        "- id: c\n  text: hi\n  expect: {queue: vip}\n"
    )
    result = run(settings, "test-conversations", str(bad), "--json")
    assert result.returncode == 2
    errors = json.loads(result.stdout)["error"]["details"]["errors"]
    assert [(e["line"], e["case"]) for e in errors] == [(1, "b"), (4, "c")]
    assert "no customer matches" in errors[0]["error"]
    assert "no queue 'vip'" in errors[1]["error"] and "protected" in errors[1]["error"]

    neither = run(settings, "test-conversations")
    assert neither.returncode == 2 and "--demo" in neither.stderr
