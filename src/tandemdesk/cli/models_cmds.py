"""``tandemdesk models …``: the workspace's trained model versions and which are active."""

from __future__ import annotations

import typer
from rich.table import Table

from tandemdesk.cli.output import console, print_json
from tandemdesk.config import get_settings
from tandemdesk.workspace import open_workspace

app = typer.Typer(help="The workspace's trained models.", no_args_is_help=True)


@app.command("list")
def list_models(
    as_json: bool = typer.Option(False, "--json", help="Print as JSON."),
) -> None:
    """Every trained version per task, its held-out accuracy, and which one is active."""
    from tandemdesk.learn import model_store

    versions = model_store.list_versions(open_workspace(get_settings()))
    rows = [
        {
            "task": v.task,
            "version": v.version,
            "active": v.active,
            "component": v.component,
            "profile": v.profile,
            "examples": v.examples,
            "held_out_accuracy": v.metrics.get("held_out", {}).get("accuracy"),
            "created_at": v.created_at.isoformat(),
        }
        for v in versions
    ]
    if as_json:
        print_json(rows)
        return
    table = Table(
        "task", "version", "active", "component", "examples", "held-out accuracy", "created"
    )
    for row in rows:
        accuracy = row["held_out_accuracy"]
        table.add_row(
            str(row["task"]),
            f"v{row['version']}",
            "yes" if row["active"] else "",
            str(row["component"]),
            f"{row['examples']:,}",
            f"{accuracy:.3f}" if isinstance(accuracy, float) else "",
            str(row["created_at"])[:19],
        )
    console.print(table)


@app.command("activate")
def activate(
    task: str = typer.Argument(..., help="intent, urgency, …"),
    version: str = typer.Argument(..., help="The version shown by `models list`: 3 or v3."),
) -> None:
    """Make another version of a task's model the one messages are understood with."""
    from tandemdesk.errors import UnusableInputError
    from tandemdesk.learn import model_store

    number = version.strip().lower().removeprefix("v")
    if not number.isdigit():  # `models list` prints "v3"; both spellings are one version
        raise UnusableInputError(f"version {version!r} is not a version; write 3 or v3")
    chosen = model_store.activate(open_workspace(get_settings()), task, int(number))
    console.print(f"{chosen.task} model v{chosen.version} is now active")
