"""``users deactivate|reactivate|list``, ``tokens list|revoke``, ``tokens create --agent``, and
how ``users create`` gets a password with and without a terminal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from tandemdesk import accounts
from tandemdesk.cli import app
from tandemdesk.config import Settings
from tandemdesk.errors import UnauthenticatedError
from tandemdesk.listen import imports
from tandemdesk.workspace import Workspace, init_workspace


def run(settings: Settings, *args: str, stdin: str = "", **env: str) -> Result:
    """The CLI in-process (``CliRunner``: stdin is no terminal, as in a person's script)."""
    environment = {"TANDEMDESK_DATABASE_URL": settings.database_url, "COLUMNS": "200",
                   "TANDEMDESK_USER_PASSWORD": None, **env}  # fmt: skip
    return CliRunner().invoke(app, list(args), input=stdin, env=environment)


@pytest.fixture
def workspace(settings: Settings, tmp_path: Path) -> Workspace:
    workspace = init_workspace(settings)
    agents = tmp_path / "agents.jsonl"
    agents.write_text(json.dumps({"external_id": "a1", "name": "Ann Agent",
                                  "email": "ann@shop.example"}) + "\n")  # fmt: skip
    imports.import_agents(workspace, agents)
    return workspace


def test_a_password_without_a_terminal_comes_from_stdin_or_the_environment(
    settings: Settings, workspace: Workspace
) -> None:
    asked = run(settings, "users", "create", "lea@example.org", "--role", "supervisor")
    assert asked.exit_code == 2
    assert "no terminal" in asked.stderr and "--password-stdin" in asked.stderr
    assert "Aborted" not in asked.stderr + asked.stdout
    piped = run(settings, "users", "create", "lea@example.org", "--role", "supervisor",
                "--password-stdin", "--json", stdin="piped password\n")  # fmt: skip
    assert piped.exit_code == 0, piped.stderr
    accounts.login(workspace, "lea@example.org", "piped password")
    env = run(settings, "users", "create", "max@example.org", "--role", "admin", "--json",
              TANDEMDESK_USER_PASSWORD="from the environment")  # fmt: skip
    assert env.exit_code == 0, env.stderr
    accounts.login(workspace, "max@example.org", "from the environment")
    empty = run(settings, "users", "create", "x@example.org", "--role", "admin",
                "--password-stdin")  # fmt: skip
    assert empty.exit_code == 2 and "nothing came on standard input" in empty.stderr


def test_an_agent_login_needs_an_agent_record(settings: Settings, workspace: Workspace) -> None:
    refused = run(settings, "users", "create", "new@shop.example", "--role", "agent",
                  "--password", "long enough")  # fmt: skip
    assert refused.exit_code == 2
    assert "no agent record" in refused.stderr and "import agents" in refused.stderr
    linked = run(settings, "users", "create", "ann@shop.example", "--role", "agent",
                 "--password", "long enough", "--json")  # fmt: skip
    assert linked.exit_code == 0 and json.loads(linked.stdout)["linked_agent"] is True


def test_tokens_tied_to_an_agent_listed_and_revoked(
    settings: Settings, workspace: Workspace
) -> None:
    nameless = run(settings, "tokens", "create", "--role", "agent")
    assert nameless.exit_code == 2 and "--agent" in nameless.stderr
    unknown = run(settings, "tokens", "create", "--role", "agent", "--agent", "zed@x.org")
    assert unknown.exit_code == 2 and "no agent 'zed@x.org'" in unknown.stderr
    made = run(settings, "tokens", "create", "--role", "agent", "--agent", "ann@shop.example",
               "--name", "ann's script", "--json")  # fmt: skip
    assert made.exit_code == 0, made.stderr
    token = json.loads(made.stdout)
    principal = accounts.from_token(workspace, token["token"])
    assert principal is not None and principal.role == "agent" and principal.agent_id
    listed = run(settings, "tokens", "list")
    assert token["prefix"] in listed.stdout and "ann's script" in listed.stdout
    assert "a1" in listed.stdout and token["token"] not in listed.stdout
    revoked = run(settings, "tokens", "revoke", token["prefix"])
    assert revoked.exit_code == 0 and "revoked" in revoked.stdout
    assert accounts.from_token(workspace, token["token"]) is None
    again = json.loads(run(settings, "tokens", "list", "--json").stdout)
    assert [t["active"] for t in again] == [False] and again[0]["revoked_at"]
    short = run(settings, "tokens", "revoke", "td_")
    assert short.exit_code == 2 and "at least 6 characters" in short.stderr


def test_users_deactivate_and_reactivate(settings: Settings, workspace: Workspace) -> None:
    accounts.create_user(workspace, "ann@shop.example", "long enough", "agent")
    session = accounts.login(workspace, "ann@shop.example", "long enough")
    off = run(settings, "users", "deactivate", "Ann@Shop.example")
    assert off.exit_code == 0 and "deactivated" in off.stdout, off.stderr
    assert accounts.from_session(workspace, session) is None  # their session ended
    with pytest.raises(UnauthenticatedError):
        accounts.login(workspace, "ann@shop.example", "long enough")
    listed = run(settings, "users", "list", "--json")
    assert json.loads(listed.stdout) == [
        {**json.loads(listed.stdout)[0], "username": "ann@shop.example", "active": False}
    ]
    on = run(settings, "users", "reactivate", "ann@shop.example")
    assert on.exit_code == 0, on.stderr
    assert accounts.from_session(workspace, session) is None  # the old cookie stays dead
    accounts.login(workspace, "ann@shop.example", "long enough")
    missing = run(settings, "users", "deactivate", "nobody")
    assert missing.exit_code == 2 and "no user 'nobody'" in missing.stderr


def test_serve_refuses_to_simulate_demo_traffic_into_a_real_workspace(
    settings: Settings, workspace: Workspace
) -> None:
    """Found onboarding a bank: ``serve --simulate`` gave real customers the demo shop's
    orders, had made-up agents answer and resolve their conversations, and queued e-mails."""
    refused = run(settings, "serve", "--simulate", "30", "--port", "0")
    assert refused.exit_code == 2, refused.output
    assert "only for a workspace made by `tandemdesk init --demo`" in refused.output
