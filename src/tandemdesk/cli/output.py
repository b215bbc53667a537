"""Shared rendering for CLI commands: JSON or rich, and the one way errors are reported."""

from __future__ import annotations

import json
import sys
from typing import Any

import typer
from rich.console import Console
from typer.core import TyperGroup

from tandemdesk.errors import TandemError

console = Console()
err_console = Console(stderr=True)

EXIT_UNUSABLE = 2


def print_json(data: Any) -> None:
    """Machine-readable output on stdout (dates as ISO strings)."""
    sys.stdout.write(json.dumps(data, default=str, ensure_ascii=False, indent=2) + "\n")


def report_error(error: TandemError, as_json: bool) -> None:
    """One line on stderr, or the JSON error shape on stdout with ``--json``."""
    if as_json:
        print_json(error.to_dict())
    else:
        err_console.print(f"[bold red]error[/]: {error.message}", highlight=False)


class GuardedGroup(TyperGroup):
    """The root command group: a ``TandemError`` raised by any command below becomes one line
    (or the JSON error shape) and exit code 2 — in the installed CLI and under ``CliRunner``
    alike, so commands never catch errors themselves."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        ctx.meta["tandemdesk.json"] = "--json" in args  # before the subcommand consumes them
        return super().parse_args(ctx, args)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except TandemError as error:
            report_error(error, bool(ctx.meta.get("tandemdesk.json")))
            raise typer.Exit(EXIT_UNUSABLE) from error
