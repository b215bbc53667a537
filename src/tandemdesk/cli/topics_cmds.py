"""``tandemdesk topics``: what customers write about, how each topic is going, what is rising
and where the knowledge base has gaps."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import typer
from rich.table import Table

from tandemdesk.cli.output import console, print_json
from tandemdesk.config import get_settings
from tandemdesk.timeutil import parse_timestamp
from tandemdesk.workspace import open_workspace


def _when(value: str | None, name: str) -> datetime | None:
    from tandemdesk.errors import InvalidRecordError

    if value is None:
        return None
    try:
        return parse_timestamp(value)
    except (ValueError, TypeError) as e:
        raise InvalidRecordError(f"--{name}: not a date or time: {value!r}") from e


def _pct(value: float | None) -> str:
    return "" if value is None else f"{value:.0%}"


def topics(
    since: str | None = typer.Option(
        None, help="Start of the range (a date or ISO time, UTC unless given): all history."
    ),
    until: str | None = typer.Option(
        None, help="End of the range (exclusive); default: just after the newest message."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print as JSON."),
    assignments: bool = typer.Option(
        False, "--assignments", help="With --json: every message's [message_id, topic_id]."
    ),
    limit: int = typer.Option(30, help="Show at most this many topics (JSON has all)."),
) -> None:
    """Discover the topics of the customers' messages (all languages), with volume, trend,
    automation, distress, repeat contacts and CSAT; rising topics and knowledge gaps."""
    from tandemdesk.learn.topics import resolve_range, topic_report
    from tandemdesk.policies import active_policy

    if assignments and not as_json:
        from tandemdesk.errors import InvalidRecordError

        raise InvalidRecordError("--assignments lists every message: use it with --json")
    workspace = open_workspace(get_settings())
    start, end = resolve_range(workspace, _when(since, "since"), _when(until, "until"), None)
    distressed = active_policy(workspace)[0].thresholds.distress
    report = topic_report(workspace, start, end, distressed, assignments=assignments)
    if as_json:
        print_json(report)
        return
    render(report, limit)


def render(report: dict[str, Any], limit: int) -> None:
    r = report["range"]
    console.print(
        f"[bold]{len(report['topics'])} topics[/] in {report['messages']:,} customer messages "
        f"({report['in_topics']:,} in a topic), {r['since'][:16]} → {r['until'][:16]}",
        highlight=False,
    )
    for alert in report["alerts"]:
        console.print(f"[bold red]rising[/]: {alert['text']}", highlight=False)
    if not report["topics"]:
        console.print("no customer messages in a topic in this range (--since, --until)")
        return
    period = report["trend_period_days"]
    table = Table("id", "topic", "messages", f"last {period:g} d (before)", "automated",
                  "distressed", "repeat", "CSAT", "main intent")  # fmt: skip
    for topic in report["topics"][:limit]:
        trend = topic["trend"]
        main = topic["intents"][0]["intent"] if topic["intents"] else ""
        csat = topic["csat"]["average"]
        table.add_row(
            str(topic["id"]), topic["label"], f"{topic['size']:,}",
            f"{trend['current']} ({trend['previous']})", _pct(topic["automation_rate"]),
            _pct(topic["distressed_share"]), _pct(topic["repeat_share"]),
            "" if csat is None else f"{csat:.2f}", main,
        )  # fmt: skip
    console.print(table)
    if len(report["topics"]) > limit:
        console.print(f"… and {len(report['topics']) - limit} smaller topics (--limit, --json)")
    for gap in report["knowledge_gaps"]:
        console.print(f"[bold yellow]knowledge gap[/]: {gap['text']}", highlight=False)
