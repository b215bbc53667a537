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


deliveries_app = typer.Typer(
    help="The delivery outbox: what left, what did not.", no_args_is_help=True
)
webhooks_app = typer.Typer(help="Webhook subscriptions of other tools.", no_args_is_help=True)


@deliveries_app.command("list")
def deliveries_list(
    status: str = typer.Option(
        "dead", help="pending, sending, sent, failed, dead, cancelled or all."
    ),
    limit: int = typer.Option(50, min=1, max=1000, help="How many, newest first."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """The outbox, newest first, with the count per state (default: the dead letters)."""
    from rich.table import Table

    from tandemdesk.channels.outbox import list_deliveries

    with open_workspace(get_settings()).sessions() as session:
        found = list_deliveries(session, status, limit=limit)
    if as_json:
        print_json(found)
        return
    table = Table("id", "what", "conversation", "status", "attempts", "last error")
    for d in found["data"]:
        what = f"webhook {d['event']}" if d["kind"] == "webhook" else f"{d['channel']} reply"
        table.add_row(str(d["id"]), what, str(d["conversation_id"] or ""), d["status"],
                      str(d["attempts"]), d["last_error"] or "")  # fmt: skip
    console.print(table)
    console.print(", ".join(f"{k} {v}" for k, v in found["by_status"].items()))


@deliveries_app.command("resend")
def deliveries_resend(
    delivery_id: int = typer.Argument(..., help="The delivery's id (deliveries list)."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Send a failed, dead or cancelled delivery again, now, under the same id."""
    from tandemdesk.channels.outbox import resend, to_public
    from tandemdesk.db import transaction
    from tandemdesk.timeutil import utcnow

    with transaction(open_workspace(get_settings()).sessions) as session:
        result = to_public(resend(session, delivery_id, utcnow()))
    if as_json:
        print_json(result)
        return
    console.print(f"delivery {delivery_id} is due again; a worker (or serve) sends it")


@webhooks_app.command("create")
def webhooks_create(
    url: str = typer.Argument(..., help="Where to POST events (http or https)."),
    event: list[str] = typer.Option(
        ..., "--event", help="An event to send (repeat it), or '*' for all."
    ),
    secret: str | None = typer.Option(
        None, help="Signing secret (16+ characters); made for you when left out."
    ),
    description: str = typer.Option("", help="What it is for."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Subscribe a URL to events; prints the secret once."""
    from tandemdesk.channels import outbox, webhooks
    from tandemdesk.db import transaction
    from tandemdesk.timeutil import utcnow

    with transaction(open_workspace(get_settings()).sessions) as session:
        made = webhooks.public(
            webhooks.create(session, url, event, secret, description, utcnow()), with_secret=True
        )
    outbox.forget_subscriptions()
    if as_json:
        print_json(made)
        return
    console.print(f"webhook {made['id']} sends {', '.join(made['events'])} to {made['url']}")
    console.print(f"signing secret (shown once): [bold]{made['secret']}[/]")


@webhooks_app.command("list")
def webhooks_list(
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """The active subscriptions."""
    from tandemdesk.channels import webhooks

    with open_workspace(get_settings()).sessions() as session:
        found = [webhooks.public(s) for s in webhooks.listing(session)]
    if as_json:
        print_json({"data": found, "count": len(found)})
        return
    for hook in found:
        console.print(f"{hook['id']}  {hook['url']}  {', '.join(hook['events'])}")


@webhooks_app.command("delete")
def webhooks_delete(
    subscription_id: int = typer.Argument(..., help="The subscription's id."),
) -> None:
    """Stop a subscription; its waiting calls are cancelled."""
    from tandemdesk.channels import webhooks
    from tandemdesk.db import transaction
    from tandemdesk.timeutil import utcnow

    with transaction(open_workspace(get_settings()).sessions) as session:
        webhooks.delete(session, subscription_id, utcnow())
    console.print(f"webhook {subscription_id} deleted")
