"""``tandemdesk messages retry`` and ``messages failed``: live messages a crash or a failure
left waiting, handled again now, and the dead-letter list (``recovery.py``,
``failed_messages.py``)."""

from __future__ import annotations

import typer
from rich.table import Table

from tandemdesk.cli.output import console, print_json
from tandemdesk.config import get_settings
from tandemdesk.workspace import open_workspace

app = typer.Typer(
    help="Live messages waiting to be handled again, and the ones given up on.",
    no_args_is_help=True,
)


@app.command("retry")
def retry(
    message_id: int | None = typer.Option(
        None,
        "--id",
        min=1,
        help="Re-queue this message from the failed list (fresh attempts) and handle it now.",
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Handle waiting messages now: left pending by a crash, or failed (back-off skipped).

    With --id, one message from the failed list, with fresh attempts. The server does this by
    itself at start and every TANDEMDESK_RECOVERY_INTERVAL_SECONDS.
    """
    from tandemdesk.failed_messages import requeue
    from tandemdesk.orchestrator import Orchestrator
    from tandemdesk.recovery import recover_all

    workspace = open_workspace(get_settings())
    if message_id is not None:
        requeue(workspace, message_id)
    orchestrator = Orchestrator(workspace)
    try:
        ids = None if message_id is None else [message_id]
        report = recover_all(orchestrator, force=True, ids=ids)
    finally:
        orchestrator.close()
    if as_json:
        print_json(report.to_dict())
        return
    if message_id is not None and not report.claimed:
        console.print(
            f"Message {message_id} is being handled right now (pending); if its process "
            "died, recovery takes it when its lease ends."
        )
        return
    if not report.claimed and not report.superseded:
        console.print("Nothing to retry: no message is waiting.")
        return
    console.print(
        f"Retried {report.claimed}: {len(report.handled)} handled, "
        f"{len(report.failed)} failed again (retried later), "
        f"{len(report.dead)} given up on, {len(report.rejected)} refused as invalid"
        + (f"; {report.superseded} superseded by a later message" if report.superseded else "")
        + "."
    )
    if report.dead or report.rejected:
        console.print("See them with `tandemdesk messages failed`.")


@app.command("failed")
def failed(
    limit: int = typer.Option(200, min=1, help="Show at most this many, newest first."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """The dead-letter list: messages given up on (dead) or refused as invalid (rejected).

    Newest first, with the error; re-queue one with `tandemdesk messages retry --id N`.
    """
    from tandemdesk.failed_messages import counts, list_failed

    workspace = open_workspace(get_settings())
    rows = list_failed(workspace, limit=limit)
    tally = counts(workspace)
    if as_json:
        print_json({"data": [row.to_dict() for row in rows], "count": len(rows), "states": tally})
        return
    if not rows:
        console.print("No failed messages.")
    else:
        table = Table("id", "state", "attempts", "failed at", "conversation", "error", "text")
        for row in rows:
            when = row.failed_at.strftime("%Y-%m-%d %H:%M") if row.failed_at else ""
            table.add_row(
                str(row.id), row.state, str(row.attempts), when, str(row.conversation_id),
                row.last_error or "", row.preview,
            )  # fmt: skip
        console.print(table)
    console.print(
        f"{tally['dead']} dead, {tally['rejected']} rejected; waiting for a retry: "
        f"{tally['failed']} failed, {tally['pending']} pending."
    )
