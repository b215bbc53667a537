"""`train --from-workspace`, `models`, and `understand` as users run them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tandemdesk.config import Settings
from tests.cli.test_cli_imports import run


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_train_from_workspace_then_understand(settings: Settings, tmp_path: Path) -> None:
    history = tmp_path / "history.csv"
    rows = ["text,intent"]
    for i in range(6):
        rows += [
            f"I was charged twice for order {i},billing",
            f"Where is my parcel number {i},delivery",
        ]
    history.write_text("\n".join(rows) + "\n")
    assert run(settings, "import", "conversations", str(history)).returncode == 0

    trained = run(settings, "train", "--from-workspace", "--json")
    assert trained.returncode == 0, trained.stderr
    summary = json.loads(trained.stdout)
    assert (summary["examples"], summary["labels"]) == (12, 2)

    listed = json.loads(run(settings, "models", "list", "--json").stdout)
    assert [(m["task"], m["version"], m["active"]) for m in listed] == [("intent", 1, True)]

    understood = run(settings, "understand", "They charged me twice!", "--json")
    assert understood.returncode == 0, understood.stderr
    [result] = json.loads(understood.stdout)
    assert result["intent"]["top_k"][0][0] == "billing"
    assert result["language"]["label"] == "en"

    human = run(settings, "understand", "Where is my parcel?")
    assert "delivery" in human.stdout and "distress" in human.stdout

    blank = run(settings, "understand", "   ")
    assert blank.returncode == 2 and "no text" in blank.stderr
    neither = run(settings, "understand")
    assert neither.returncode == 2
    missing = run(settings, "train", "--data", str(tmp_path / "nope.csv"))
    assert missing.returncode == 2 and "--output" in missing.stderr


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_an_intent_correction_names_a_known_intent_or_says_it_is_new(
    settings: Settings, tmp_path: Path
) -> None:
    history = tmp_path / "history.csv"
    history.write_text("text,intent\nI was charged twice,billing\nWhere is my parcel,delivery\n")
    assert run(settings, "import", "conversations", str(history)).returncode == 0
    typo = run(settings, "conversations", "correct-intent", "1", "biling")
    assert typo.returncode == 2 and "did you mean billing" in typo.stderr, typo.stderr
    assert run(settings, "conversations", "correct-intent", "1", "delivery").returncode == 0
    new = run(settings, "conversations", "correct-intent", "1", "gift_wrap", "--new")
    assert new.returncode == 0, new.stderr
