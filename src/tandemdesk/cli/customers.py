"""``tandemdesk customers show``: the unified timeline an agent would see."""

from __future__ import annotations

import typer
from rich.table import Table
from rich.text import Text

from tandemdesk.cli.output import console, print_json
from tandemdesk.config import get_settings
from tandemdesk.listen.timeline import Timeline, customer_timeline
from tandemdesk.workspace import open_workspace

app = typer.Typer(help="Look up customers.", no_args_is_help=True)


@app.command("show")
def show(
    key: str = typer.Argument(..., help="Email, phone, external id or numeric id."),
    limit: int = typer.Option(200, help="Show at most this many of the newest timeline entries."),
    as_json: bool = typer.Option(False, "--json", help="Print the timeline as JSON."),
) -> None:
    """Print a customer's identities, conversations, messages and events in time order."""
    workspace = open_workspace(get_settings())
    with workspace.sessions() as session:
        timeline = customer_timeline(session, key, limit)
    if as_json:
        print_json(timeline.to_dict())
    else:
        render(timeline)


def render(timeline: Timeline) -> None:
    c = timeline.customer
    console.rule(f"[bold]{c.name or 'Unknown name'}[/]  (customer {c.id})")
    console.print(
        "identities: " + ", ".join(f"{kind}:{value}" for kind, value in timeline.identities),
        highlight=False,
    )
    table = Table("id", "channel", "status", "intent", "msgs", "subject", title="Conversations")
    for line in timeline.conversations:
        table.add_row(
            str(line.id),
            line.channel,
            line.status,
            line.intent or "",
            str(line.messages),
            line.subject or "",
        )
    console.print(table)
    shown = len(timeline.entries)
    console.print(f"[bold]Timeline[/] ({shown} of {timeline.total_entries} entries, oldest first)")
    for entry in timeline.entries:
        when = entry.at.strftime("%Y-%m-%d %H:%M")
        if entry.kind == "event":
            row = Text.assemble(
                f"{when}  ", ("event ", "cyan"), (entry.title, "bold cyan"), f": {entry.text}"
            )
        else:
            text = entry.text if len(entry.text) < 400 else entry.text[:400] + " …"
            style = "magenta" if entry.title == "customer" else "green"
            row = Text.assemble(
                f"{when}  ",
                (entry.title, style),
                f" (#{entry.conversation_id} {entry.channel}): {text}",
            )
        console.print(row, highlight=False)
