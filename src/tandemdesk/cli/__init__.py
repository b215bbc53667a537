"""The ``tandemdesk`` command line: one command per verb, each a thin edge.

Commands parse arguments, call one function of a stage, and render its result (rich on a
terminal, JSON with ``--json``). Every expected failure is a ``TandemError``: printed as one
line (or the JSON error shape) with exit code 2, never a traceback.
"""

from __future__ import annotations

import typer

from tandemdesk.cli import (
    accounts_cmds,
    conversations_cmds,
    handle_cmds,
    learning_cmds,
    mail_cmds,
    messages_cmds,
    models_cmds,
    pii_cmds,
    serve_cmds,
    suite_cmds,
    topics_cmds,
    understand_cmds,
    understand_text,
    widget_cmds,
    worker_cmds,
)
from tandemdesk.cli import customers as customers_cmd
from tandemdesk.cli import imports as imports_cmd
from tandemdesk.cli import workspace as workspace_cmd
from tandemdesk.cli.output import GuardedGroup

app = typer.Typer(
    cls=GuardedGroup,
    name="tandemdesk",
    help="Empathy at scale for customer support: AI handles the routine, people the heart.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.command("init")(workspace_cmd.init)
app.add_typer(imports_cmd.app, name="import")
app.add_typer(customers_cmd.app, name="customers")
app.command("train")(understand_cmds.train)
app.command("evaluate")(understand_cmds.evaluate)
app.command("understand")(understand_text.understand)
app.add_typer(models_cmds.app, name="models")
app.command("handle")(handle_cmds.handle)
handle_cmds.policy_app.command("suggestions")(learning_cmds.suggestions)
handle_cmds.policy_app.command("try")(learning_cmds.try_suggestion)
app.add_typer(handle_cmds.policy_app, name="policy")
app.command("drafts")(learning_cmds.drafts)
app.add_typer(conversations_cmds.app, name="conversations")
app.command("retrain")(conversations_cmds.retrain)
app.command("serve")(serve_cmds.serve)
app.command("worker")(worker_cmds.worker)
app.add_typer(worker_cmds.deliveries_app, name="deliveries")
app.add_typer(worker_cmds.webhooks_app, name="webhooks")
app.add_typer(accounts_cmds.users_app, name="users")
app.add_typer(accounts_cmds.tokens_app, name="tokens")
app.command("test-conversations")(suite_cmds.test_conversations)
app.command("topics")(topics_cmds.topics)
app.add_typer(messages_cmds.app, name="messages")
app.add_typer(pii_cmds.app, name="pii")
app.add_typer(widget_cmds.app, name="widget")
app.add_typer(mail_cmds.app, name="mail")


from tandemdesk.cli import people_cmds  # noqa: E402 (issue 16: the people who answer)

app.add_typer(people_cmds.simulate_app, name="simulate")
app.add_typer(people_cmds.agents_app, name="agents")
app.command("wellbeing")(people_cmds.wellbeing)


def main() -> None:
    """Console-script entry point."""
    app()
