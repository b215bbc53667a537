"""``tandemdesk policy suggestions``, ``tandemdesk policy try`` and ``tandemdesk drafts``:
what people's corrections say about the policy and the answers (thin edges over
``learn/suggestions`` and ``learn/drafts``)."""

from __future__ import annotations

import shlex

import typer
from rich.table import Table

from tandemdesk.cli.output import console, print_json
from tandemdesk.config import get_settings
from tandemdesk.workspace import open_workspace

DaysOpt = typer.Option(7.0, "--days", help="Read the overrides of the last DAYS days.")
MinOpt = typer.Option(3, "--min", help="Overrides of one intent and direction needed to suggest.")
JsonOpt = typer.Option(False, "--json", help="Print the result as JSON.")


def suggestions(days: float = DaysOpt, minimum: int = MinOpt, as_json: bool = JsonOpt) -> None:
    """Policy changes that people's decision overrides argue for (try one with
    `tandemdesk policy try ID`)."""
    from tandemdesk.learn.suggestions import policy_suggestions

    found = policy_suggestions(open_workspace(get_settings()), days, minimum)
    if as_json:
        print_json({"days": days, "suggestions": [s.to_dict() for s in found]})
        return
    if not found:
        console.print(f"no suggestions: fewer than {minimum} overrides of any one intent and "
                      f"direction in the last {days:g} days")  # fmt: skip
        return
    for s in found:
        console.print(f"[bold]{s.id}[/]  {s.text}")
        if s.applicable:
            console.print(f"  try it in shadow mode: tandemdesk policy try {shlex.quote(s.id)}")


def try_suggestion(
    suggestion: str = typer.Argument(..., help="A suggestion id from `policy suggestions`."),
    days: float = DaysOpt,
    minimum: int = MinOpt,
    limit: int = typer.Option(2000, help="Replay at most this many of the newest messages."),
    as_json: bool = JsonOpt,
) -> None:
    """Write the suggested policy to the workspace and compare it with the live one in shadow
    mode; nothing goes live until you `tandemdesk policy apply` the file it names."""
    from tandemdesk.learn.suggestions import try_suggestion as run

    trial = run(open_workspace(get_settings()), suggestion, days, minimum, limit)
    if as_json:
        print_json(trial.to_dict())
        return
    console.print(trial.suggestion.text)
    console.print(trial.report.summary())
    console.print(trial.report.actions_line())
    console.print(f"of the {trial.overrides_checked} overruled messages, "
                  f"{trial.overrides_matched} would now go the way people wanted")  # fmt: skip
    for example in trial.report.examples[:5]:
        console.print(f"- live [bold]{example.live.action}[/]: {example.live.explanation}")
        console.print(f"  try  [bold]{example.candidate.action}[/]: "
                      f"{example.candidate.explanation}")  # fmt: skip
    console.print(f"candidate written to {trial.file}\nmake it live: "
                  f"[bold]tandemdesk policy apply {trial.file}[/]")  # fmt: skip


def drafts(
    days: float = typer.Option(30.0, "--days", help="Read the drafts of the last DAYS days."),
    as_json: bool = JsonOpt,
) -> None:
    """Draft acceptance per answer: sent as is, edited, replaced or unused; answers people
    edit most are flagged."""
    from tandemdesk.learn.drafts import draft_acceptance

    rows = draft_acceptance(open_workspace(get_settings()), days)
    if as_json:
        print_json({"days": days, "answers": [r.to_dict() for r in rows]})
        return
    if not rows:
        console.print(f"no drafts with an answer in the last {days:g} days")
        return
    table = Table("answer", "drafts", "as is", "edited", "replaced", "unused", "accepted", "",
                  title=f"AI drafts per answer, last {days:g} days")  # fmt: skip
    for r in rows:
        rate = r.acceptance_rate
        table.add_row(r.item_id, str(r.offered), str(r.sent_as_is), str(r.edited),
                      str(r.replaced), str(r.unused), "—" if rate is None else f"{rate:.0%}",
                      "[red]edited most[/]" if r.flagged else "")  # fmt: skip
    console.print(table)
