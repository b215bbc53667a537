"""``tandemdesk serve``: the HTTP API and the console."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import typer

from tandemdesk.cli.output import console
from tandemdesk.config import get_settings
from tandemdesk.errors import UnusableInputError
from tandemdesk.workspace import open_workspace


def serve(
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
    port: int = typer.Option(8000, help="Port to listen on."),
    simulate: float = typer.Option(
        0.0,
        "--simulate",
        help="Feed this many simulated demo messages a minute (0: none), to see it move.",
    ),
    workers: int = typer.Option(
        1,
        min=1,
        help="Processes serving requests. Each handles its own batches; 2 on a 2-core machine "
        "uses both cores (metrics are added up across them).",
    ),
    log_level: str | None = typer.Option(
        None,
        help="debug, info, warning or error (default: TANDEMDESK_LOG_LEVEL, info): info logs "
        "one line per request and every server error with its traceback.",
    ),
) -> None:
    """Run the HTTP API and the console until stopped (Ctrl-C)."""
    import uvicorn

    from tandemdesk.api.app import SIMULATE_ENV, create_app
    from tandemdesk.api.lifeline import MASTER_ENV
    from tandemdesk.api.metrics import MULTIPROCESS_ENV
    from tandemdesk.logs import configure_logging

    workspace = open_workspace(get_settings())  # fails here, clearly, if not initialised
    if simulate > 0:
        from tandemdesk.demo.load import is_demo_workspace

        if not is_demo_workspace(workspace):
            # found onboarding a bank: the simulation gave real customers the demo's orders,
            # had made-up agents answer and resolve real conversations, and queued e-mails
            workspace.close()
            raise UnusableInputError(
                "--simulate feeds the demo shop's made-up customers, orders and agent replies "
                "and is only for a workspace made by `tandemdesk init --demo`; this one is not "
                "(it would write that traffic into your data)"
            )
    log_level = (log_level or workspace.settings.log_level).lower()
    configure_logging(log_level, workspace.settings.log_format)
    os.environ["TANDEMDESK_LOG_LEVEL"] = log_level  # the workers configure theirs from it
    console.print(f"tandemdesk is running at [bold]http://{host}:{port}/[/] (Ctrl-C stops it)")
    console.print(f"  API docs: http://{host}:{port}/docs")
    if simulate > 0:
        console.print(f"  simulating about {simulate:g} customer messages a minute")
    from tandemdesk.channels.worker import serve_delivers

    deliver = serve_delivers(workspace.settings, workspace.engine.dialect.name)
    if deliver:
        console.print("  replies are delivered by this server too (no `tandemdesk worker` needed)")
    if not workspace.settings.smtp_url:  # found by a new user: their e-mails failed unseen
        console.print(
            "  [yellow]no mail server (TANDEMDESK_SMTP_URL): replies to e-mail customers "
            "fail (`tandemdesk deliveries list`; `deliveries resend ID` once it is set)[/]"
        )
    if workers == 1:
        app = create_app(workspace, simulate_per_minute=simulate, deliver=deliver)
        uvicorn.run(
            app, host=host, port=port, log_level=log_level, access_log=False, log_config=None
        )
        return
    workspace.close()
    metrics_dir = Path(tempfile.mkdtemp(prefix="tandemdesk-metrics-"))
    os.environ[MULTIPROCESS_ENV] = str(metrics_dir)
    os.environ[SIMULATE_ENV] = str(simulate / workers)
    # the workers use the cores; a helper process each would only add copying
    os.environ.setdefault("TANDEMDESK_UNDERSTANDING_HELPER", "false")
    os.environ[MASTER_ENV] = str(os.getpid())  # the workers die with this process (lifeline)
    try:
        uvicorn.run(
            "tandemdesk.api.lifeline:worker_app",
            factory=True,
            workers=workers,
            host=host,
            port=port,
            log_level=log_level,
            access_log=False,
            log_config=None,  # our handler (tandemdesk.logs), redacting every line
        )
    finally:
        shutil.rmtree(metrics_dir, ignore_errors=True)
