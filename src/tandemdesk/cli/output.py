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
    """Run the app; an uncaught ``TandemError`` becomes a one-line message and exit code 2."""
    try:
        app(standalone_mode=False)
    except TandemError as e:
        as_json = "--json" in sys.argv
        if as_json:
            print_json(e.to_dict())
        else:
            err_console.print(f"[bold red]error[/]: {e.message}", highlight=False)
        return EXIT_UNUSABLE
    except typer.Exit as e:
        return int(e.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        err_console.print("aborted")
        return 130
    except Exception as e:  # click usage errors carry their own exit code
        import click

        if isinstance(e, click.ClickException):
            e.show()
            return int(e.exit_code)
        raise
    return 0
