"""``tandemdesk pii …``: mask the card numbers and IBANs of messages stored before masking
existed, and read the audit of reveals."""

from __future__ import annotations

import typer
from rich.table import Table

from tandemdesk.accounts import Principal
from tandemdesk.cli.output import console, print_json
from tandemdesk.config import get_settings
from tandemdesk.workspace import open_workspace

app = typer.Typer(help="Masked card numbers and IBANs: mask old messages, read the reveal audit.",
                  no_args_is_help=True)  # fmt: skip

# whoever runs the CLI on the server can read the database anyway: an operator, not a login
OPERATOR = Principal(kind="cli", role="admin", name="cli")


@app.command("mask-existing")
def mask_existing_cmd(
    as_json: bool = typer.Option(False, "--json", help="Print the counts as JSON."),
) -> None:
    """Mask card numbers and IBANs in stored messages (originals sealed with the workspace's
    key). Idempotent; `tandemdesk init` runs it after upgrading an older workspace."""
    from tandemdesk.protect.store import mask_existing

    report = mask_existing(open_workspace(get_settings()))
    if as_json:
        print_json({"scanned": report.scanned, "masked": report.masked})
        return
    console.print(f"{report.scanned:,} messages scanned, {report.masked:,} masked")


@app.command("reveals")
def reveals_cmd(
    message: int | None = typer.Option(None, "--message", help="Only reveals of this message."),
    limit: int = typer.Option(100, "--limit", min=1, max=10_000, help="Newest N reveals."),
    as_json: bool = typer.Option(False, "--json", help="Print the audit as JSON."),
) -> None:
    """Who revealed which masked message, when and why (newest first)."""
    from tandemdesk.protect.reveal import list_reveals

    rows, total = list_reveals(
        open_workspace(get_settings()), OPERATOR, message_id=message, limit=limit
    )
    if as_json:
        print_json({"data": rows, "count": total})
        return
    table = Table(title=f"Reveals ({total:,})")
    for column in ("when (UTC)", "who", "role", "message", "conversation", "reason"):
        table.add_column(column)
    for r in rows:
        table.add_row(r["revealed_at"][:19].replace("T", " "), r["actor"], r["role"],
                      str(r["message_id"]), str(r["conversation_id"]), r["reason"])  # fmt: skip
    console.print(table)
