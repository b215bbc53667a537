"""The CLI as users run it: a real process, real exit codes, JSON summaries."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tandemdesk.config import Settings


def run(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TANDEMDESK_DATABASE_URL": settings.database_url, "COLUMNS": "200"}
    return subprocess.run(
        [sys.executable, "-m", "tandemdesk", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_import_json_summary_and_exit_codes(
    settings: Settings, fixtures_dir: Path, tmp_path: Path
) -> None:
    data = fixtures_dir / "imports"
    result = run(settings, "import", "conversations", str(data / "messages.csv"), "--json")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["imported"] == 4
    assert {r["line"] for r in summary["rejected"]} == {5, 8, 11}

    missing = run(settings, "import", "conversations", str(tmp_path / "nope.csv"))
    assert missing.returncode == 2
    assert "no such file" in missing.stderr and "Traceback" not in missing.stderr
    assert len(missing.stderr.strip().splitlines()) == 1

    as_json = run(settings, "import", "conversations", str(tmp_path / "nope.csv"), "--json")
    assert as_json.returncode == 2
    assert json.loads(as_json.stdout)["error"]["code"] == "unusable_input"

    bad_field = run(
        settings, "import", "conversations", str(data / "messages.csv"), "--field", "text"
    )
    assert bad_field.returncode == 2 and "OURS=THEIRS" in bad_field.stderr


def test_human_summary_and_customer_timeline(settings: Settings, fixtures_dir: Path) -> None:
    data = fixtures_dir / "imports"
    assert run(settings, "import", "agents", str(data / "agents.csv")).returncode == 0
    assert run(settings, "import", "articles", str(data / "articles")).returncode == 0
    human = run(settings, "import", "conversations", str(data / "conversations.jsonl"))
    assert human.returncode == 0
    assert "imported" in human.stdout and "line 4: malformed JSON" in human.stdout
    assert run(settings, "import", "events", str(data / "events.jsonl")).returncode == 0
    shown = run(settings, "customers", "show", "anna.berg@example.org")
    assert shown.returncode == 0, shown.stderr
    assert "order_shipped" in shown.stdout and "parcel is still not here" in shown.stdout
    as_json = json.loads(run(settings, "customers", "show", "cust-1", "--json").stdout)
    assert as_json["customer"]["email"] == "anna.berg@example.org"
    unknown = run(settings, "customers", "show", "ghost@example.org")
    assert unknown.returncode == 2 and "no customer" in unknown.stderr


def test_commands_on_an_uninitialised_database(tmp_path: Path, fixtures_dir: Path) -> None:
    fresh = Settings(database_url=f"sqlite:///{tmp_path / 'empty.db'}")
    result = run(fresh, "import", "agents", str(fixtures_dir / "imports" / "agents.csv"))
    assert result.returncode == 2 and "tandemdesk init" in result.stderr
    assert run(fresh, "init").returncode == 0
    assert (
        run(fresh, "import", "agents", str(fixtures_dir / "imports" / "agents.csv")).returncode == 0
    )
