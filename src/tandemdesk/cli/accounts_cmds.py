"""``tandemdesk users …`` and ``tandemdesk tokens …``: who may log in and which scripts may
call the API — create, list, switch off. Thin: each command calls ``accounts`` or
``accounts_admin`` (the API's admin routes call the same functions).

A password is never required on the command line (where ``ps`` and the shell history would
keep it): on a terminal the command asks for it twice; without one it reads
``--password-stdin`` or ``TANDEMDESK_USER_PASSWORD``, and otherwise says so instead of
hanging or failing with "Aborted!".
"""

from __future__ import annotations

import sys
from typing import Any

import typer

from tandemdesk.cli.output import console, print_json
from tandemdesk.config import get_settings
from tandemdesk.errors import UnusableInputError
from tandemdesk.workspace import open_workspace

users_app = typer.Typer(help="Console users (people who log in).", no_args_is_help=True)
tokens_app = typer.Typer(help="API tokens (for integrations and scripts).", no_args_is_help=True)
PASSWORD_ENV = "TANDEMDESK_USER_PASSWORD"  # noqa: S105 - the variable's name, not a password


def read_password(given: str | None, from_stdin: bool) -> str:
    """The new user's password: given, piped, or asked for on a terminal."""
    if from_stdin:
        line = sys.stdin.readline().rstrip("\r\n")
        if not line:
            raise UnusableInputError("--password-stdin: nothing came on standard input")
        return line
    if given is not None:
        return given
    if sys.stdin.isatty():
        return str(typer.prompt("Password", hide_input=True, confirmation_prompt=True))
    raise UnusableInputError(
        "no terminal to ask for the password: pipe it with --password-stdin "
        f"(e.g. `printf '%s' \"$PW\" | tandemdesk users create …`) or set {PASSWORD_ENV}"
    )


@users_app.command("create")
def create_user(
    username: str = typer.Argument(..., help="The login name (an email works well)."),
    role: str = typer.Option(..., "--role", help="agent, supervisor or admin."),
    password: str | None = typer.Option(
        None,
        envvar=PASSWORD_ENV,
        show_envvar=True,
        help="At least 8 characters. Leave out to be asked (on a terminal).",
    ),
    password_stdin: bool = typer.Option(
        False, "--password-stdin", help="Read the password from the first line of stdin."
    ),
    name: str = typer.Option("", help="Display name."),
    agent: str | None = typer.Option(
        None, help="For agents: their agent's external id or email (default: the username)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Create a console user. An agent login must match an agent record (its email, or
    --agent), or it is refused: it would see no conversations."""
    from tandemdesk.accounts import create_user as create

    secret = read_password(password, password_stdin)
    user = create(open_workspace(get_settings()), username, secret, role, name, agent)
    result = {"username": username.strip().lower(), "role": user.role, "name": user.name,
              "linked_agent": user.agent_id is not None}  # fmt: skip
    if as_json:
        print_json(result)
        return
    linked = " (linked to their agent)" if user.agent_id else ""
    console.print(f"User [bold]{result['username']}[/] created with role {role}{linked}.")


def _print_users(users: list[dict[str, Any]]) -> None:
    for user in users:
        state = "active" if user["active"] else "[red]inactive[/]"
        agent = f" agent={user['agent']}" if user["agent"] else ""
        console.print(f"{user['username']}  {user['role']}  {state}{agent}", highlight=False)


@users_app.command("list")
def list_users(
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Every console user, with role, agent and whether they are active."""
    from tandemdesk.accounts_admin import list_users as users

    found = users(open_workspace(get_settings()))
    if as_json:
        print_json(found)
    elif not found:
        console.print("No users yet: tandemdesk users create USERNAME --role ROLE")
    else:
        _print_users(found)


def _set_active(username: str, active: bool, as_json: bool) -> None:
    from tandemdesk.accounts_admin import set_active

    user = set_active(open_workspace(get_settings()), username, active)
    if as_json:
        print_json(user)
    elif active:
        console.print(f"User [bold]{user['username']}[/] can log in again.")
    else:
        console.print(f"User [bold]{user['username']}[/] is deactivated; their sessions ended.")


@users_app.command("deactivate")
def deactivate_user(
    username: str = typer.Argument(..., help="The login name."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Switch a login off now: no new logins, open sessions end (next request is a 401)."""
    _set_active(username, False, as_json)


@users_app.command("reactivate")
def reactivate_user(
    username: str = typer.Argument(..., help="The login name."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Switch a login on again (and clear its failed-login count)."""
    _set_active(username, True, as_json)


@tokens_app.command("create")
def create_token(
    role: str = typer.Option(..., "--role", help="integration, agent, supervisor or admin."),
    name: str = typer.Option("", help="What the token is for (e.g. 'zendesk bridge')."),
    agent: str | None = typer.Option(
        None, help="For --role agent (required): the agent's email or external id."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Create an API token; it is shown once — store it now."""
    from tandemdesk.accounts import TOKEN_PREFIX_CHARS
    from tandemdesk.accounts import create_token as create

    token = create(open_workspace(get_settings()), role, name, agent)
    prefix = token[:TOKEN_PREFIX_CHARS]
    if as_json:
        print_json({"token": token, "role": role, "name": name, "agent": agent, "prefix": prefix})
        return
    console.print(
        f"[bold]{token}[/]\nSend it as 'Authorization: Bearer <token>'. Shown once.\n"
        f"To revoke it later: tandemdesk tokens revoke {prefix}",
        highlight=False,
    )


@tokens_app.command("list")
def list_tokens(
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Every token (never the secret): id, prefix, role, name, agent, active or revoked."""
    from tandemdesk.accounts_admin import list_tokens as tokens

    found = tokens(open_workspace(get_settings()))
    if as_json:
        print_json(found)
        return
    if not found:
        console.print("No tokens yet: tandemdesk tokens create --role ROLE")
    for token in found:
        state = "active" if token["active"] else f"[red]revoked {token['revoked_at'][:16]}[/]"
        agent = f" agent={token['agent']}" if token["agent"] else ""
        console.print(
            f"{token['id']}  {token['prefix'] or '(old token)'}…  {token['role']}  "
            f"{token['name'] or '-'}  {state}{agent}",
            highlight=False,
        )


@tokens_app.command("revoke")
def revoke_token(
    ref: str = typer.Argument(..., help="The token's id, its prefix (td_AbC1234) or itself."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Revoke a token now: its next request is a 401, in every server process."""
    from tandemdesk.accounts_admin import revoke_token as revoke

    token = revoke(open_workspace(get_settings()), ref)
    if as_json:
        print_json(token)
        return
    console.print(f"Token {token['id']} ({token['name'] or token['role']}) is revoked.")
