"""``users create`` and ``tokens create``: what they make works against the API's checks."""

from __future__ import annotations

import json

from tandemdesk import accounts
from tandemdesk.config import Settings
from tandemdesk.workspace import init_workspace
from tests.cli.test_cli_imports import run


def test_users_and_tokens_from_the_command_line(settings: Settings) -> None:
    workspace = init_workspace(settings)
    made = run(settings, "users", "create", "Lea@Example.org", "--role", "supervisor",
               "--password", "a fine password", "--json")  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert json.loads(made.stdout)["role"] == "supervisor"
    session = accounts.login(workspace, "lea@example.org", "a fine password")
    found = accounts.from_session(workspace, session)
    assert found is not None and found.role == "supervisor"
    again = run(settings, "users", "create", "lea@example.org", "--role", "agent",
                "--password", "a fine password", "--json")  # fmt: skip
    assert again.returncode == 2 and json.loads(again.stdout)["error"]["code"] == "conflict"
    short = run(settings, "users", "create", "x", "--role", "agent", "--password", "short")
    assert short.returncode == 2 and "at least 8" in short.stdout + short.stderr
    token = run(settings, "tokens", "create", "--role", "integration", "--json")
    assert token.returncode == 0, token.stderr
    principal = accounts.from_token(workspace, json.loads(token.stdout)["token"])
    assert principal is not None and principal.role == "integration"
    bad = run(settings, "tokens", "create", "--role", "superuser")
    assert bad.returncode == 2 and "unknown role" in bad.stdout + bad.stderr


def test_agents_presence_of_one_agent_by_email_or_id(settings: Settings) -> None:
    """``agents presence AGENT`` shows that agent, named as when setting it (e-mail or
    external id); an unknown one is an error, not an empty list."""
    from tandemdesk.models import Agent

    workspace = init_workspace(settings)
    with workspace.sessions.begin() as session:
        session.add(Agent(external_id="a7", name="Ann Agent", email="ann@example.org",
                          role="agent", skills=[], languages=["en"], capacity=5))  # fmt: skip
    for key in ("ann@example.org", "a7", "Ann Agent"):
        shown = run(settings, "agents", "presence", key, "--json")
        assert shown.returncode == 0, shown.stderr
        assert [r["agent"] for r in json.loads(shown.stdout)] == ["a7"], key
    unknown = run(settings, "agents", "presence", "nobody@example.org")
    assert unknown.returncode == 2 and "no agent" in unknown.stdout + unknown.stderr
