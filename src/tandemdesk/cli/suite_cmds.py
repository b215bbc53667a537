"""``tandemdesk test-conversations``: a conversation test suite against the live policy and
models, run before changing either. Exit 0 when every case passes, 1 when any fails, 2 when
the file cannot be used (every bad case listed with its line)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.table import Table

from tandemdesk.cli.output import console, print_json
from tandemdesk.config import get_settings
from tandemdesk.errors import UnusableInputError
from tandemdesk.workspace import open_workspace

if TYPE_CHECKING:
    from tandemdesk.learn.conversation_suite import SuiteReport

EXIT_FAILED = 1
DEMO_SUITE = "conversation_tests.yaml"


def demo_suite_path() -> Path:
    """The demo shop's suite shipped inside the package (``--demo``)."""
    return Path(str(resources.files("tandemdesk.demo").joinpath(DEMO_SUITE)))


def test_conversations(
    file: Path | None = typer.Argument(None, help="A suite of cases: YAML, or JSONL (.jsonl)."),
    demo: bool = typer.Option(
        False, "--demo", help="Run the demo shop's shipped suite (for `init --demo` workspaces)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the whole report as JSON."),
) -> None:
    """Run a conversation test suite through the live policy and models (in a scratch
    workspace: nothing is written to this one); list the failures and exit 1 on any."""
    from tandemdesk.learn.conversation_suite import load_suite
    from tandemdesk.learn.suite_runner import run_suite

    if (file is None) == (not demo):
        raise UnusableInputError("give a suite FILE or --demo (one of them)")
    path = demo_suite_path() if demo else file
    assert path is not None
    suite = load_suite(path)
    live = open_workspace(get_settings())
    try:
        if as_json:
            report = run_suite(live, suite)
        else:
            with console.status(f"Running {len(suite.cases)} cases …") as status:
                report = run_suite(
                    live,
                    suite,
                    progress=lambda done, total: status.update(f"Case {done} of {total} …"),
                )
    finally:
        live.close()
    if as_json:
        print_json(report.to_dict())
    else:
        _render(report)
    if report.failures:
        raise typer.Exit(EXIT_FAILED)


def _render(report: SuiteReport) -> None:
    from tandemdesk.learn.conversation_suite import short

    failures = report.failures
    if failures:
        table = Table(title=f"{len(failures)} failing cases", show_lines=True)
        for column in ("case", "text", "expected", "got", "why (the decision)"):
            table.add_column(column, overflow="fold")
        for outcome in failures:
            got = outcome.observed
            table.add_row(
                f"{outcome.case.key}\nline {outcome.case.line}",
                short(outcome.case.spec.text, 60),
                "\n".join(p.expected for p in outcome.problems),
                "\n".join(p.got for p in outcome.problems),
                f"{got.rule_id}: {short(got.explanation, 140)}" if got else "crashed",
            )
        console.print(table)
    summary = report.summary()
    colour = "red" if failures else "green"
    console.print(
        f"[bold {colour}]{summary['passed']} of {summary['cases']} cases passed[/]"
        + (f", {summary['crashed']} crashed" if summary["crashed"] else "")
    )
    distress = summary["distress_to_person"]
    if distress["cases"]:
        console.print(
            f"distressed customers who reached a person: {distress['reached_person']} of "
            f"{distress['cases']} ({distress['share']:.0%})"
        )
    console.print(
        f"wrong automated replies: {summary['wrong_automated_replies']}"
        f" (all wrong bot replies, courtesy replies included: {summary['wrong_bot_replies']})"
    )
    for title, tallies in (("tag", summary["by_tag"]), ("language", summary["by_language"])):
        parts = [f"{name} {t['passed']}/{t['passed'] + t['failed']}" for name, t in tallies.items()]
        console.print(f"by {title}: " + ", ".join(parts), highlight=False)
    console.print(f"distress second opinion: {summary['second_opinion']} "
                  "(TANDEMDESK_SECOND_OPINION)", highlight=False)  # fmt: skip
