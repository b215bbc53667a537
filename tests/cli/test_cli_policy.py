"""`tandemdesk policy show` then `policy check` in a workspace that is not the demo: the
shipped default must validate there (its demo intents are warnings, not errors)."""

from __future__ import annotations

import json
from pathlib import Path

from tandemdesk.config import Settings
from tests.cli.test_cli_imports import run


def test_the_default_policy_checks_in_a_fresh_workspace(
    settings: Settings, fixtures_dir: Path, tmp_path: Path
) -> None:
    imported = run(
        settings, "import", "conversations", str(fixtures_dir / "imports" / "conversations.jsonl")
    )
    assert imported.returncode == 0, imported.stderr
    shown = run(settings, "policy", "show")
    assert shown.returncode == 0, shown.stderr
    policy = tmp_path / "policy.yaml"
    policy.write_text(shown.stdout)

    checked = run(settings, "policy", "check", str(policy), "--json")
    assert checked.returncode == 0, checked.stderr
    result = json.loads(checked.stdout)
    assert result["valid"] is True
    assert any("unknown intent 'password_reset'" in w for w in result["warnings"])
    human = run(settings, "policy", "check", str(policy))
    assert human.returncode == 0 and "warning(s)" in human.stdout

    typo = tmp_path / "typo.yaml"
    assert "\nautomatable_intents:\n" in shown.stdout
    typo.write_text(  # an intent this workspace has, answered by an article it lacks
        shown.stdout.replace(
            "\nautomatable_intents:\n",
            "\nautomatable_intents:\n  delivery_problem: {min_confidence: 0.8, answer: kb-nope}\n",
        )
    )
    articles = run(settings, "import", "articles", str(fixtures_dir / "imports" / "articles"))
    assert articles.returncode in (0, 1), articles.stderr  # the fixtures hold bad files too
    failed = run(settings, "policy", "check", str(typo))
    assert failed.returncode != 0
    assert "no article or macro 'kb-nope'" in failed.stderr


def test_policy_history_and_rollback_from_the_cli(settings: Settings, tmp_path: Path) -> None:
    empty = run(settings, "policy", "history")
    assert empty.returncode == 0 and "shipped default is live" in empty.stdout
    for name in ("first", "second"):
        path = tmp_path / f"{name}.yaml"
        path.write_text(
            f"version: 1\nname: {name}\nrules:\n"
            "  - id: everyone\n    when: {always: true}\n    action: route_to_human\n"
        )
        assert run(settings, "policy", "apply", str(path)).returncode == 0
    rolled = run(settings, "policy", "rollback", "1")
    assert rolled.returncode == 0 and "rollback to v1" in rolled.stdout, rolled.stderr
    listed = json.loads(run(settings, "policy", "history", "--json").stdout)["versions"]
    assert [(v["version"], v["name"], v["active"]) for v in listed] == [
        (3, "first", True),
        (2, "second", False),
        (1, "first", False),
    ]
    assert (
        listed[1]["created_by"].startswith("cli")
        and "applied from second.yaml" in listed[1]["note"]
    )
    assert "-name: first" in listed[1]["diff"] and "+name: second" in listed[1]["diff"]
    missing = run(settings, "policy", "rollback", "9")
    assert missing.returncode != 0 and "no policy version 9" in missing.stderr
