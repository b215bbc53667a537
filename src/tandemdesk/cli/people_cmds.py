"""``tandemdesk simulate routing``, ``tandemdesk agents …`` and ``tandemdesk wellbeing``:
the people who answer, from the command line (thin: each calls one function of
``tandemdesk.people``)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from tandemdesk.cli.output import console, print_json
from tandemdesk.config import get_settings
from tandemdesk.workspace import open_workspace

simulate_app = typer.Typer(help="Replay the workspace's traffic offline.", no_args_is_help=True)
agents_app = typer.Typer(help="Agents' presence, breaks and the waiting list.",
                         no_args_is_help=True)  # fmt: skip
STRATEGY_HELP = "Only this strategy: balanced, least-busy or round-robin (default: all three)."


@simulate_app.command("routing")
def simulate_routing(
    days: float = typer.Option(30.0, "--days", help="Replay the last N days of traffic."),
    agents: Path | None = typer.Option(
        None,
        "--agents",
        help="A JSON or JSONL file of agents (with optional 'shift') to "
        "simulate instead of the workspace's team.",
    ),
    strategy: str | None = typer.Option(None, "--strategy", help=STRATEGY_HELP),
    volume: float = typer.Option(
        1.0, "--volume", help="Replay this many times the traffic (what if we were busier)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Replay the last days' conversations through each routing strategy: spread of hard
    contacts, worst hour, distressed vs calm wait, first replies late."""
    from tandemdesk.people.replay import simulate_routing as run

    strategies = (strategy,) if strategy else ("balanced", "least-busy", "round-robin")
    result = run(open_workspace(get_settings()), days, agents, strategies, volume)
    if as_json:
        print_json(result)
        return
    console.print(
        f"Replayed {result['to_people']:,} conversations that reached people "
        f"(of {result['conversations']:,}) from {str(result['since'])[:10]} to "
        f"{str(result['until'])[:10]}, {result['agents']} agents"
        + (f", traffic ×{volume:g}" if volume != 1 else "")
    )
    table = Table("strategy", "Gini distressed", "Gini abusive", "max exposure in an hour",
                  "distressed median wait", "calm median wait", "first replies late")  # fmt: skip
    for name, s in result["strategies"].items():
        table.add_row(
            name, f"{s['gini_distressed']:.3f}", f"{s['gini_abusive']:.3f}",
            f"{s['max_hourly_exposure']:g} ({s['max_hourly_agent_name'] or '–'})",
            _duration(s["distressed_median_wait_s"]), _duration(s["calm_median_wait_s"]),
            str(s["sla_breaches"]),
        )  # fmt: skip
    console.print(table)


def _duration(seconds: float) -> str:
    if seconds < 60:
        return f"{seconds:.0f} s"
    return f"{seconds / 60:.0f} min" if seconds < 5400 else f"{seconds / 3600:.1f} h"


def _rules() -> Any:
    from tandemdesk.people.presence import PresenceRules
    from tandemdesk.policies import active_policy

    return PresenceRules.of(active_policy(open_workspace(get_settings()))[0].people)


@agents_app.command("presence")
def presence_cmd(
    agent: str | None = typer.Argument(None, help="An agent's external id or email."),
    state: str | None = typer.Argument(None, help="online, away or offline."),
    as_json: bool = typer.Option(False, "--json", help="Print as JSON."),
) -> None:
    """Show who is here (no arguments), or set an agent's presence."""
    from tandemdesk.people import presence

    workspace = open_workspace(get_settings())
    if agent is not None and state is not None:
        shown: Any = presence.do_set_presence(workspace, agent, state, _rules())
        rows = [shown]
    else:
        rows = presence.team_presence(workspace, _rules())
        if agent is not None:  # by name, external id or e-mail (unknown: an error)
            named = [r for r in rows if r["name"] == agent]
            if not named:
                from tandemdesk.accounts import find_agent

                with workspace.sessions() as session:
                    wanted = find_agent(session, agent).external_id
                named = [r for r in rows if r["agent"] == wanted]
            rows = named
    if as_json:
        print_json(rows)
        return
    table = Table("agent", "name", "presence", "switch", "break until", "last seen")
    for r in rows:
        table.add_row(r["agent"], r["name"], r["presence"], r["switch"],
                      (r["break_until"] or "")[:16], (r["last_seen_at"] or "")[:16])  # fmt: skip
    console.print(table)


@agents_app.command("break")
def break_cmd(
    agent: str = typer.Argument(..., help="An agent's external id or email."),
    minutes: float = typer.Option(10.0, "--minutes", help="How long."),
    end: bool = typer.Option(False, "--end", help="End the agent's break now."),
    as_json: bool = typer.Option(False, "--json", help="Print as JSON."),
) -> None:
    """Start a break for an agent (routing gives them nothing), or end it with --end."""
    from tandemdesk.people import presence

    workspace = open_workspace(get_settings())
    shown = (presence.do_end_break(workspace, agent) if end
             else presence.do_start_break(workspace, agent, minutes))  # fmt: skip
    if as_json:
        print_json(shown)
        return
    console.print(
        f"{shown['name']}: on a break until {shown['break_until']}"
        if shown["on_break"]
        else f"{shown['name']}: not on a break"
    )


@agents_app.command("serve-waiting")
def serve_waiting_cmd(as_json: bool = typer.Option(False, "--json", help="Print as JSON.")) -> None:
    """Give free seats to waiting conversations now, most pressing first."""
    from tandemdesk.people.waiting import serve_waiting

    given = serve_waiting(open_workspace(get_settings()))
    if as_json:
        print_json(given)
        return
    console.print(f"{len(given)} waiting conversation(s) given to a person")
    for g in given:
        console.print(f"  {g['conversation_id']} → {g['agent']}: {g['reason']}")


def wellbeing(
    days: float = typer.Option(7.0, "--days", help="The last N days (at most 92)."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
) -> None:
    """Each agent's emotional exposure (weighted hard contacts per hour and day) and the
    lead's alerts. Meant for leads: it names people."""
    from tandemdesk.errors import InvalidRecordError
    from tandemdesk.people.wellbeing import exposure_report
    from tandemdesk.policies import active_policy
    from tandemdesk.timeutil import utcnow

    if not 0 < days <= 92:
        raise InvalidRecordError("--days must be more than 0 and at most 92")
    workspace = open_workspace(get_settings())
    policy, _ = active_policy(workspace)
    until = utcnow()
    with workspace.sessions() as session:
        report = exposure_report(session, policy, until - timedelta(days=days), until)
    if as_json:
        print_json(report)
        return
    table = Table("agent", "conversations", "distressed", "abusive", "share of hard",
                  "worst hour", "worst day")  # fmt: skip
    for a in report["agents"]:
        table.add_row(a["name"], str(a["conversations"]), str(a["distressed"]), str(a["abusive"]),
                      f"{a['share_of_hard']:.0%}",
                      f"{a['max_hour']['exposure']:g}" if a["max_hour"] else "–",
                      f"{a['max_day']['exposure']:g}" if a["max_day"] else "–")  # fmt: skip
    console.print(table)
    for alert in report["alerts"]:
        console.print(f"[red]alert[/] {alert['text']}")
