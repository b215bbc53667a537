"""``tandemdesk import …``: conversations, events, articles, agents and email."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import typer
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from tandemdesk.cli.output import console, err_console, print_json
from tandemdesk.config import get_settings
from tandemdesk.listen import imports
from tandemdesk.listen.mapping import parse_field_options
from tandemdesk.listen.runner import ImportSummary
from tandemdesk.workspace import Workspace, open_workspace

app = typer.Typer(help="Import history and business data into the workspace.", no_args_is_help=True)

FieldOption = typer.Option(
    [], "--field", help="Map a field to your column: --field text=instruction (repeatable)."
)
JsonOption = typer.Option(False, "--json", help="Print the summary as JSON.")
FormatOption = typer.Option(
    None, "--format", help="File format; guessed from the suffix if omitted."
)

ProgressFn = Callable[[ImportSummary, int, int], None]


@contextmanager
def _progress(label: str, quiet: bool) -> Iterator[ProgressFn | None]:
    """A progress bar over the file's bytes, on a terminal only."""
    if quiet or not err_console.is_terminal:
        yield None
        return
    with Progress(
        TextColumn(f"[bold]{label}[/]"),
        BarColumn(),
        DownloadColumn(),
        TextColumn("{task.fields[done]}"),
        TimeRemainingColumn(),
        console=err_console,
        transient=True,
    ) as bar:
        task = bar.add_task(label, total=None, done="")

        def update(summary: ImportSummary, position: int, size: int) -> None:
            bar.update(task, completed=position, total=size, done=f"{summary.read:,} records")

        yield update


def report(summary: ImportSummary, as_json: bool, what: str) -> None:
    """Print the summary: JSON for machines, a table and the rejected lines for people."""
    data = summary.to_dict()
    if as_json:
        print_json(data)
        return
    table = Table(title=f"Imported {what}", show_header=False)
    # the first five add up: read = imported + updated + duplicates + rejected
    labels = {"read": "records read", "rejected_total": "rejected"}
    for key in (
        "read",
        "imported",
        "updated",
        "duplicates",
        "rejected_total",
        "messages",
        "customers_created",
        "conversations_created",
    ):
        if key in data:
            table.add_row(labels.get(key, key.replace("_", " ")), f"{data[key]:,}")
    console.print(table)
    if not summary.balanced:  # a bug, never expected: say so rather than hide records
        err_console.print(
            f"[red]warning:[/] {summary.read:,} records read but {summary.accounted:,} "
            "accounted for; please report this"
        )
    for rejection in summary.rejected[:50]:
        where = f"{rejection.file}:" if rejection.file else ""
        console.print(
            f"  [yellow]rejected[/] {where}line {rejection.line}: {rejection.error}",
            highlight=False,
        )
    if summary.rejected_total > 50:
        console.print(f"  … and {summary.rejected_total - 50:,} more (use --json for the list)")


def _workspace() -> Workspace:
    return open_workspace(get_settings())


@app.command("conversations")
def conversations(
    file: Path = typer.Argument(..., help="CSV, JSONL or a Zendesk JSON export."),
    fmt: str | None = typer.Option(
        None, "--format", help="csv, jsonl or zendesk; guessed if omitted."
    ),
    field: list[str] = FieldOption,
    as_json: bool = JsonOption,
) -> None:
    """Import past conversations (one message per CSV row, or one conversation per JSONL line)."""
    mapping = parse_field_options(field)
    workspace = _workspace()
    with _progress("conversations", as_json) as progress:
        summary = imports.import_conversations(workspace, file, fmt, mapping, progress)
    report(summary, as_json, "conversations")


@app.command("events")
def events(
    file: Path = typer.Argument(..., help="CSV or JSONL of customer events."),
    fmt: str | None = FormatOption,
    field: list[str] = FieldOption,
    as_json: bool = JsonOption,
) -> None:
    """Import customer journey events (orders, shipments, logins, plan changes …)."""
    workspace = _workspace()
    with _progress("events", as_json) as progress:
        summary = imports.import_events(workspace, file, fmt, parse_field_options(field), progress)
    report(summary, as_json, "events")


@app.command("articles")
def articles(
    path: Path = typer.Argument(..., help="A folder of Markdown files, one .md file, or JSONL."),
    as_json: bool = JsonOption,
) -> None:
    """Import knowledge-base articles and macros (canned replies with {{placeholders}})."""
    report(imports.import_articles(_workspace(), path), as_json, "articles")


@app.command("agents")
def agents(
    file: Path = typer.Argument(..., help="CSV or JSONL of agents."),
    fmt: str | None = FormatOption,
    field: list[str] = FieldOption,
    as_json: bool = JsonOption,
) -> None:
    """Import agents with their skills, languages, role and capacity."""
    workspace = _workspace()
    report(
        imports.import_agents(workspace, file, fmt, parse_field_options(field)), as_json, "agents"
    )


@app.command("email")
def email(
    path: Path = typer.Argument(..., help="An .eml file, a folder of .eml files, or an mbox file."),
    as_json: bool = JsonOption,
) -> None:
    """Import email: threads by In-Reply-To/References, strips quoted replies, lists attachments."""
    report(imports.import_email(_workspace(), path), as_json, "email")
