"""``tandemdesk init``: create or upgrade a workspace, optionally filled with the demo."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from tandemdesk.cli.output import console, print_json
from tandemdesk.config import get_settings
from tandemdesk.workspace import init_workspace


def init(
    demo: bool = typer.Option(
        False, "--demo", help="Fill the workspace with the bundled demo company."
    ),
    seed: int = typer.Option(7, help="Seed of the demo generator (same seed, same demo)."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Create the workspace (or upgrade its schema); with --demo, load the demo company."""
    settings = get_settings()
    workspace = init_workspace(settings)
    result: dict[str, object] = {"database_url": _safe_url(settings.database_url)}
    if demo:
        from tandemdesk.demo.load import load_demo

        with console.status("Generating and importing the demo company, training its models …"):
            result["demo"] = load_demo(workspace, Path(settings.workspace_dir) / "demo", seed=seed)
    workspace.close()
    if as_json:
        print_json(result)
        return
    console.print(f"Workspace ready at [bold]{result['database_url']}[/]")
    if demo:
        loaded: dict[str, Any] = result["demo"]  # type: ignore[assignment]
        for name in ("agents", "articles", "macros", "conversations", "events"):
            counts = loaded[name]
            console.print(
                f"  {name:<14} {counts['imported']:>6,} imported"
                + (f", {counts['duplicates']:,} already there" if counts["duplicates"] else "")
                + (f", [red]{counts['rejected']:,} rejected[/]" if counts["rejected"] else "")
            )
        console.print(f"  {'messages':<14} {loaded['messages']:>6,}")
        model = loaded["intent_model"]
        console.print(
            f"  intent model v{model['version']} "
            + ("kept (a new one goes through `tandemdesk retrain` and its gate)"
               if model.get("kept") else
               f"trained on {model['examples']:,} conversations "
               f"(held-out accuracy {model['held_out_accuracy']:.1%})")
        )  # fmt: skip
        if head := model.get("encoder_head"):  # TANDEMDESK_SECOND_OPINION is on
            console.print(
                f"  with the encoder's second opinion on intent ({head['examples']:,} examples "
                f"encoded in {head['seconds']:.0f} s)" if head.get("trained") else
                f"  [yellow]without the encoder's second opinion on intent[/]: {head['why']}"
            )  # fmt: skip
        console.print("\nLog in to the console (demo logins, one per role):")
        for login in loaded["logins"]:
            console.print(
                f"  {login['role']:<11} [bold]{login['username']}[/] / {login['password']}"
            )
        console.print("\nSee one customer's whole story (identities, conversations, orders):")
        console.print(
            f"  [bold].venv/bin/tandemdesk customers show {loaded['example_customer']}[/]"
        )
        console.print("Chat with the demo shop as a visitor (after make demo starts the server):")
        console.print("  [bold]http://127.0.0.1:8000/demo/shop[/]")
        console.print("Their parcel is on its way; ask as they would (answered automatically):")
        console.print(
            f"  [bold].venv/bin/tandemdesk handle --customer {loaded['example_customer']} "
            '"Hi, where is my order?"[/]',
            soft_wrap=True,  # one line, to copy and paste
        )
        console.print("Ask what tandemdesk understands of a message:")
        console.print(
            '  [bold].venv/bin/tandemdesk understand "Where is my parcel? I need it tomorrow!"[/]'
        )


def _safe_url(url: str) -> str:
    """The URL without its password, for printing."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
