"""Shared rendering for CLI commands: JSON or rich, and one way to report errors."""

from __future__ import annotations

import json
import sys
from typing import Any

import typer
from rich.console import Console

from tandemdesk.errors import TandemError

console = Console()
err_console = Console(stderr=True)

EXIT_UNUSABLE = 2


def print_json(data: Any) -> None:
    """Machine-readable output on stdout (dates as ISO strings)."""
    sys.stdout.write(json.dumps(data, default=str, ensure_ascii=False, indent=2) + "\n")


def fail(error: TandemError, as_json: bool = False) -> typer.Exit:
    """Report an expected error in one line (or as the JSON error shape) and exit 2."""
    if as_json:
        print_json(error.to_dict())
    else:
        err_console.print(f"[bold red]error[/]: {error.message}", highlight=False)
    return typer.Exit(EXIT_UNUSABLE)


def run_guarded(app: typer.Typer) -> int:
    """Run the app; an uncaught ``TandemError`` becomes one line (or the JSON error shape)
    and exit code 2. Usage errors are Typer's own (a message and exit code 2)."""
    try:
        app()
    except TandemError as e:
        if "--json" in sys.argv:
            print_json(e.to_dict())
        else:
            err_console.print(f"[bold red]error[/]: {e.message}", highlight=False)
        return EXIT_UNUSABLE
    return 0
