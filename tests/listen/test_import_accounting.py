"""Imports never crash on hostile files and their summaries always add up.

read = imported + duplicates + updated + rejected, for every kind of import: a record that
vanishes uncounted (BANKING77's rows that differ only by surrounding spaces once did) or a
file that stops the run (an e-mail nested 2,000 MIME levels deep once did) is a bug here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import tandemdesk.listen.email as email_module
from tandemdesk.cli import app
from tandemdesk.listen import imports
from tandemdesk.listen.runner import ImportSummary
from tandemdesk.workspace import Workspace
from tests.conftest import shared_data


def _adds_up(summary: ImportSummary) -> dict[str, int]:
    data = summary.to_dict()
    parts = data["imported"] + data["duplicates"] + data["updated"] + data["rejected_total"]
    assert parts == data["read"], data
    assert summary.balanced
    return data


def _nested_email(depth: int) -> str:
    head = (
        "From: deep@example.org\nTo: support@example.com\nSubject: deep\n"
        "Message-ID: <deep@example.org>\nMIME-Version: 1.0\n"
    )
    opening = "".join(
        f'Content-Type: multipart/mixed; boundary="b{i}"\n\n--b{i}\n' for i in range(depth)
    )
    closing = "".join(f"--b{i}--\n" for i in reversed(range(depth)))
    return head + opening + "Content-Type: text/plain\n\nhello\n" + closing


@pytest.mark.shared_data
def test_banking77_train_summary_accounts_for_every_row(workspace: Workspace) -> None:
    path = shared_data("banking77", "train.csv")
    data = _adds_up(imports.import_conversations(workspace, path, fields={"intent": "category"}))
    # 10,003 rows; four repeat an earlier row but for surrounding spaces: duplicates, not lost
    assert (data["read"], data["imported"], data["duplicates"], data["rejected_total"]) == (
        10_003,
        9_999,
        4,
        0,
    )


@pytest.mark.shared_data
def test_public_sets_summaries_add_up(workspace: Workspace) -> None:
    banking = shared_data("banking77", "test.csv")
    first = _adds_up(
        imports.import_conversations(workspace, banking, fields={"intent": "category"})
    )
    assert first["read"] == 3_080
    again = _adds_up(
        imports.import_conversations(workspace, banking, fields={"intent": "category"})
    )
    assert (again["read"], again["duplicates"]) == (3_080, 3_080)
    bitext = shared_data("bitext_cs", "Bitext_Sample_Customer_Support_Training_Dataset.csv")
    data = _adds_up(
        imports.import_conversations(
            workspace, bitext, fields={"text": "instruction", "reply": "response"}
        )
    )
    assert data["read"] == data["imported"] + data["duplicates"] > 0


def test_fixture_imports_add_up(workspace: Workspace, fixtures_dir: Path) -> None:
    data = fixtures_dir / "imports"
    for run in range(2):  # the second run: everything is a duplicate or an update
        summaries = [
            imports.import_agents(workspace, data / "agents.csv"),
            imports.import_conversations(workspace, data / "conversations.jsonl"),
            imports.import_conversations(workspace, data / "messages.csv"),
            imports.import_conversations(workspace, data / "zendesk.json"),
            imports.import_events(workspace, data / "events.csv"),
            imports.import_events(workspace, data / "events.jsonl"),
            imports.import_articles(workspace, data / "articles"),
            imports.import_email(workspace, fixtures_dir / "email"),
        ]
        for summary in summaries:
            counted = _adds_up(summary)
            assert counted["read"] > 0
            if run == 1:
                assert counted["imported"] == 0, counted


def test_deep_mime_is_one_rejected_file_not_a_crash(workspace: Workspace, tmp_path: Path) -> None:
    folder = tmp_path / "mail"
    folder.mkdir()
    (folder / "a_deep.eml").write_text(_nested_email(2_000))
    (folder / "b_nested_50.eml").write_text(_nested_email(50))
    (folder / "c_fine.eml").write_text(
        "From: ok@example.org\nTo: support@example.com\nSubject: hi\n"
        "Message-ID: <ok@example.org>\n\nWhere is my parcel?\n"
    )
    data = _adds_up(imports.import_email(workspace, folder))
    assert (data["read"], data["imported"], data["rejected_total"]) == (3, 1, 2)
    errors = {Path(r["file"]).name: r["error"] for r in data["rejected"]}
    assert "nested MIME sections" in errors["a_deep.eml"]
    assert "nested more than 40 levels" in errors["b_nested_50.eml"]


def test_recursion_in_the_mail_parser_is_refused_per_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The section count is the first line of defence; past it, Python's own recursion
    limit still ends in a per-file refusal."""
    monkeypatch.setattr(email_module, "MAX_MIME_CONTAINERS", 10**6)
    with pytest.raises(email_module.InvalidRecordError, match="nested too deeply"):
        email_module.parse_email(_nested_email(2_000).encode())


def test_unterminated_quote_rejects_its_row_and_keeps_the_rest(
    workspace: Workspace, tmp_path: Path
) -> None:
    path = tmp_path / "broken.csv"
    path.write_text(
        "text,category\n"
        "my card is lost,lost_card\n"
        '"where is my parcel,delivery\n'  # line 3: the quote is never closed
        "cancel my order,cancel\n"
        '"multi\nline question",other\n'
        'refund please,refund\n"stray" quote,other\n'  # line 8: text after a closing quote
        "last one,other\n"
    )
    data = _adds_up(imports.import_conversations(workspace, path))
    rejected = {r["line"]: r["error"] for r in data["rejected"]}
    assert set(rejected) == {3, 8}
    assert "broken quoting" in rejected[3]
    assert (data["read"], data["imported"]) == (7, 5)


def test_cli_summary_shows_every_bucket(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text('text\nhello there\n  hello there  \n"broken\nbye now\n')
    runner = CliRunner()
    result = runner.invoke(app, ["import", "conversations", str(path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {k: data[k] for k in ("read", "imported", "duplicates", "updated")} == {
        "read": 4,
        "imported": 2,
        "duplicates": 1,
        "updated": 0,
    }
    assert data["rejected_total"] == 1
    table = runner.invoke(app, ["import", "conversations", str(path)])
    assert table.exit_code == 0, table.output
    for label in ("records read", "imported", "updated", "duplicates", "rejected"):
        assert label in table.output
