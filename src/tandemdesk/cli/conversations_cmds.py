"""``tandemdesk conversations …`` and ``tandemdesk retrain``: outcomes and corrections from
the command line (the console and API call the same ``do_*`` functions)."""

from __future__ import annotations

import typer
from rich.table import Table

from tandemdesk import actions
from tandemdesk.cli.output import console, print_json
from tandemdesk.config import get_settings
from tandemdesk.workspace import open_workspace

app = typer.Typer(help="Resolve, rate and correct conversations.", no_args_is_help=True)
AgentOpt = typer.Option(None, "--agent", help="The agent doing it (external id or email).")


@app.command("reply")
def reply(
    conversation: int = typer.Argument(..., help="Conversation id."),
    text: str = typer.Argument(..., help="The reply."),
    agent: str | None = AgentOpt,
) -> None:
    """Send an agent's reply."""
    message_id = actions.do_reply(open_workspace(get_settings()), conversation, text, agent)
    console.print(f"reply stored as message {message_id}")


@app.command("resolve")
def resolve(
    conversation: int = typer.Argument(..., help="Conversation id."),
    agent: str | None = AgentOpt,
    confirm_intent: bool = typer.Option(
        False, "--confirm-intent", help="The intent is right: it becomes a training example."
    ),
) -> None:
    """Mark a conversation resolved (records handle time and first-contact resolution)."""
    value = actions.do_resolve(
        open_workspace(get_settings()), conversation, agent, confirm_intent=confirm_intent
    )
    console.print(f"resolved: {value}")


@app.command("reopen")
def reopen(
    conversation: int = typer.Argument(..., help="Conversation id."),
    reason: str = typer.Option("", help="Why it is open again."),
) -> None:
    """Reopen a conversation (the resolution did not hold)."""
    actions.do_reopen(open_workspace(get_settings()), conversation, reason)
    console.print("reopened")


@app.command("csat")
def csat(
    conversation: int = typer.Argument(..., help="Conversation id."),
    score: float = typer.Argument(..., help="1 (bad) to 5 (great)."),
) -> None:
    """Record the customer's satisfaction rating."""
    actions.do_csat(open_workspace(get_settings()), conversation, score)
    console.print("rating stored")


@app.command("correct-intent")
def correct_intent(
    conversation: int = typer.Argument(..., help="Conversation id."),
    intent: str = typer.Argument(..., help="What the customer really wanted."),
    agent: str | None = AgentOpt,
    new: bool = typer.Option(False, "--new", help="An intent the workspace does not know yet."),
) -> None:
    """Correct the intent; the next `tandemdesk retrain` learns from it."""
    workspace = open_workspace(get_settings())
    actions.do_correct_intent(workspace, conversation, intent, agent, new=new)
    console.print("intent corrected")


@app.command("override")
def override(
    decision: int = typer.Argument(..., help="Decision id."),
    action: str = typer.Argument(
        ..., help="automate, draft_for_agent, route_to_human, ask_clarifying_question"
    ),
    reason: str = typer.Option("", help="Why the decision was wrong."),
    agent: str | None = AgentOpt,
) -> None:
    """Record that a decision should have been different."""
    actions.do_override_decision(open_workspace(get_settings()), decision, action, reason, agent)
    console.print("override recorded")


def retrain(
    task: str = typer.Option("intent", help="intent or urgency"),
    folds: int = typer.Option(5, help="Cross-validation folds both models are compared on."),
    margin: float = typer.Option(
        0.01, help="How much worse (accuracy, macro-F1) the candidate may be and still win."
    ),
    gate_rows: int = typer.Option(
        20_000, help="Compare on the newest N confirmed conversations (0: all of them)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
) -> None:
    """Train a new model from what people confirmed (imported labels, corrections, confirmed
    resolutions) and promote it only when it is not worse than the active one on data neither
    was trained on (cross-validation of both, with a 95% confidence interval)."""
    from tandemdesk.learn.retrain import retrain as run

    report = run(
        open_workspace(get_settings()), task, folds=folds, margin=margin, gate_rows=gate_rows
    )
    if as_json:
        print_json(report)
        return
    verdict = "promoted" if report["promoted"] else "kept the active model"
    console.print(f"retrain {task}: {report['reason']}")
    gate = report["gate"]
    if gate:
        table = Table("", "candidate", "active", "difference (95% interval)")
        for key in ("accuracy", "macro_f1"):
            lo, hi = gate["difference"][f"{key}_ci"]
            table.add_row(
                key, f"{gate['candidate'][key]:.3f}", f"{gate['active'][key]:.3f}",
                f"{gate['difference'][key]:+.3f} [{lo:+.3f}, {hi:+.3f}]",
            )  # fmt: skip
        console.print(table)
        changed = [r for r in gate["per_intent"] if r["change"]][:12]
        if changed:
            intents = Table("intent", "messages", "active", "candidate", "change",
                            title="per intent (share right, biggest changes first)")  # fmt: skip
            for row in changed:
                intents.add_row(row["intent"], str(row["support"]), f"{row['active']:.2f}",
                                f"{row['candidate']:.2f}", f"{row['change']:+.2f}")  # fmt: skip
            console.print(intents)
    console.print(
        f"v{report['candidate']['version']} {verdict} "
        f"(trained on {report['examples']:,} confirmed conversations)"
    )
