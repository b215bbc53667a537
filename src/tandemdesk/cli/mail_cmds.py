"""``tandemdesk mail poll``: read the IMAP mailbox (TANDEMDESK_IMAP_URL) and handle new mail."""

from __future__ import annotations

import signal
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import typer

from tandemdesk.cli.output import console, print_json
from tandemdesk.config import get_settings
from tandemdesk.workspace import Workspace, open_workspace

if TYPE_CHECKING:
    from tandemdesk.channels.mailbox import MailboxSettings
    from tandemdesk.listen.delivery import Delivery

app = typer.Typer(help="The support mailbox (incoming e-mail over IMAP).", no_args_is_help=True)


@app.command("poll")
def poll(
    once: bool = typer.Option(False, "--once", help="Handle what is there now, then exit."),
    as_json: bool = typer.Option(False, "--json", help="With --once: print the counts as JSON."),
) -> None:
    """Handle new mail like API messages (bounces and auto-replies are never answered);
    without --once, keep reading (IDLE where the server offers it) until stopped.
    `tandemdesk worker` does the same beside the deliveries when TANDEMDESK_IMAP_URL is set."""
    from tandemdesk.channels.mailbox import MailboxSettings
    from tandemdesk.errors import UnusableInputError
    from tandemdesk.orchestrator import Orchestrator

    settings = get_settings()
    if not settings.imap_url:
        raise UnusableInputError("set TANDEMDESK_IMAP_URL=imap://user:password@host:port/FOLDER")
    mailbox = MailboxSettings.from_url(settings.imap_url, settings.imap_processed)
    workspace = open_workspace(settings)
    orchestrator = Orchestrator(workspace)
    try:
        _poll(mailbox, workspace, orchestrator.handle, once, as_json, settings.imap_poll_seconds)
    finally:  # the understanding helper and the database connections end with the command
        orchestrator.close()
        workspace.close()


def _poll(
    mailbox: MailboxSettings,
    workspace: Workspace,
    handle: Callable[[Delivery], Any],
    once: bool,
    as_json: bool,
    poll_seconds: float,
) -> None:
    """One pass (``--once``, with its report) or read until SIGTERM / Ctrl-C."""
    from tandemdesk.channels.mailbox import MailboxPoller, connect, poll_once

    if once:
        conn = connect(mailbox)
        try:
            report = poll_once(conn, mailbox, workspace, handle)
        finally:
            conn.logout()
        if as_json:
            print_json(report.to_dict())
            return
        console.print(
            f"{report.fetched} mail(s): {report.handled} handled, {report.auto_replies} "
            f"automatic replies kept unanswered, {report.ours} of our own, {report.rejected} "
            f"unreadable (flagged in the mailbox), {report.failed} left for a retry"
        )
        return
    poller = MailboxPoller(workspace, mailbox, handle, poll_seconds)

    def stop(*_: Any) -> None:
        poller.stop.set()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    console.print(f"reading {mailbox.folder} at {mailbox.host}:{mailbox.port} (Ctrl-C stops)")
    poller.run()
