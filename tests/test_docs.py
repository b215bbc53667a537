"""Docs are part of the product: every setting and every command must be documented."""

from __future__ import annotations

from pathlib import Path

import typer

from tandemdesk.cli import app
from tandemdesk.config import Settings

DOCS = Path(__file__).resolve().parents[1] / "docs"


def _commands(group: object, prefix: str) -> list[str]:
    found = []
    for name, command in getattr(group, "commands", {}).items():
        path = f"{prefix} {name}"
        if hasattr(command, "commands"):
            found += _commands(command, path)
        else:
            found.append(path)
    return found


def test_every_setting_is_documented() -> None:
    text = (DOCS / "settings.md").read_text()
    missing = [name for name in Settings.model_fields if f"TANDEMDESK_{name.upper()}" not in text]
    assert not missing, f"document these settings in docs/settings.md: {missing}"


def test_every_setting_has_help_text() -> None:
    assert all(field.description for field in Settings.model_fields.values())


def test_every_command_is_documented() -> None:
    root = typer.main.get_command(app)
    text = (DOCS / "cli.md").read_text()
    commands = _commands(root, "tandemdesk")
    assert len(commands) >= 7
    missing = [c for c in commands if f"`{c}" not in text]
    assert not missing, f"document these commands in docs/cli.md: {missing}"
