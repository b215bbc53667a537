"""``tandemdesk widget create|list|revoke``: the chat widget's keys, and the tag to embed."""

from __future__ import annotations

import typer

from tandemdesk.cli.output import console, print_json
from tandemdesk.config import get_settings
from tandemdesk.db import transaction
from tandemdesk.workspace import open_workspace

app = typer.Typer(help="Chat widget keys for the shop's website.", no_args_is_help=True)


@app.command("create")
def create(
    origin: list[str] = typer.Option(
        ..., "--origin", help="A page origin the widget is on (https://shop.example); repeat."
    ),
    name: str = typer.Option("", help="What the key is for."),
    server: str = typer.Option(
        "http://127.0.0.1:8000", help="The address visitors' browsers reach tandemdesk at."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the key as JSON."),
) -> None:
    """Make a key for pages on the given origins and print the <script> tag to embed."""
    from tandemdesk.api.routes_widget import snippet
    from tandemdesk.channels import widget

    workspace = open_workspace(get_settings())
    with transaction(workspace.sessions) as session:
        made = widget.public(widget.create_key(session, name, origin))
    made["snippet"] = snippet(made["key"], server.rstrip("/"))
    if as_json:
        print_json(made)
        return
    console.print(f"widget key [bold]{made['key']}[/] for {', '.join(made['origins'])}")
    console.print("Put this on the shop's pages:")
    console.print(f"  {made['snippet']}", markup=False, highlight=False, soft_wrap=True)


@app.command("list")
def list_keys(as_json: bool = typer.Option(False, "--json", help="Print as JSON.")) -> None:
    """The widget keys, their origins and whether they work."""
    from tandemdesk.channels import widget

    workspace = open_workspace(get_settings())
    with workspace.sessions() as session:
        keys = [widget.public(k) for k in widget.list_keys(session)]
    if as_json:
        print_json({"data": keys})
        return
    for key in keys:
        state = "active" if key["active"] else "revoked"
        origins = ", ".join(key["origins"])
        console.print(f"{key['key']}  {state:<7}  {key['name'] or '-'}  {origins}", highlight=False)


@app.command("revoke")
def revoke(key: str = typer.Argument(..., help="The key to switch off (at once).")) -> None:
    """Switch a key off: pages carrying it can no longer start or continue a chat."""
    from tandemdesk.channels import widget

    workspace = open_workspace(get_settings())
    with transaction(workspace.sessions) as session:
        widget.revoke_key(session, key)
    console.print(f"widget key {key} revoked")
