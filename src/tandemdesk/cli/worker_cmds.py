"""``tandemdesk worker``: send the delivery outbox (replies, webhooks) until stopped."""

from __future__ import annotations

import signal
import threading
from typing import Any

import typer

from tandemdesk.cli.output import console, print_json
from tandemdesk.config import get_settings
from tandemdesk.workspace import open_workspace


def worker(
    once: bool = typer.Option(
        False, "--once", help="Send what is due now, then exit (cron, scripts, tests)."
    ),
    recover: bool = typer.Option(
        True,
        "--recover/--no-recover",
        help="Also handle again messages a crash left unhandled (loads the models).",
    ),
    as_json: bool = typer.Option(False, "--json", help="With --once: print the count as JSON."),
) -> None:
    """Deliver replies and webhooks until stopped (Ctrl-C or SIGTERM). Several may run at
    once, on several machines with PostgreSQL: each claims different deliveries."""
    from tandemdesk.channels.worker import DeliveryWorker

    workspace = open_workspace(get_settings())
    make: Any = None
    if recover:

        def make() -> Any:
            from tandemdesk.orchestrator import Orchestrator

            return Orchestrator(workspace)

    runner = DeliveryWorker(workspace, orchestrator=make)
    try:
        if once:
            runner.recover()
            handled = runner.drain(timeout=3600)
            if as_json:
                print_json({"handled": handled})
            else:
                console.print(f"{handled} deliveries handled.")
            return
        stop = threading.Event()
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: stop.set())
        mailbox = _mailbox_reader(workspace)
        console.print("tandemdesk worker is delivering (Ctrl-C stops it)")
        try:
            runner.run(stop)
        finally:
            if mailbox is not None:
                mailbox.stop.set()
    finally:
        runner.close()
        workspace.close()


def _mailbox_reader(workspace: Any) -> Any:
    """With TANDEMDESK_IMAP_URL set, the worker also reads the support mailbox (IDLE where
    offered), each mail handled like an API message; on a thread of its own, so a mail
    server that is down delays only the mail, never the deliveries."""
    settings = workspace.settings
    if not settings.imap_url:
        return None
    from tandemdesk.channels.mailbox import MailboxPoller, MailboxSettings
    from tandemdesk.orchestrator import Orchestrator

    mailbox = MailboxSettings.from_url(settings.imap_url, settings.imap_processed)
    orchestrator = Orchestrator(workspace)
    poller = MailboxPoller(workspace, mailbox, orchestrator.handle, settings.imap_poll_seconds)
    poller.start()
    console.print(f"  and reading {mailbox.folder} at {mailbox.host}:{mailbox.port}")
    return poller
