"""The demo team's week: the shop's opening hours, who works which shift, and who is not
here right now — so the simulation, the first-reply clock and the lead's views have
something true to show (``tandemdesk init --demo``).

Northwind answers Monday to Saturday 08:00–23:00 and Sunday 10:00–18:00, Berlin time (its
customers write most in the evening). Two shifts a weekday — early 08:00–16:30, late
14:30–23:00 — and a weekend rota; each person works five days, about 40 hours, with a
senior agent or the supervisor on most shifts for the abusive and escalated conversations
(those wait for one: they never go to a junior).
"""

from __future__ import annotations

from typing import Any

from tandemdesk.decide.people import People

TIMEZONE = "Europe/Berlin"
OPENING = {"mon-sat": "08:00-23:00", "sun": "10:00-18:00"}
EARLY, LATE, SUNDAY = "08:00-16:30", "14:30-23:00", "10:00-18:00"

# external id → (days → hours); the demo's catalog.agents() ids
SHIFTS: dict[str, dict[str, str]] = {
    "ag-01": {"tue-fri": "12:00-20:30", "sat": EARLY},  # Maya, supervisor
    "ag-02": {"mon-fri": EARLY},  # Jonas, senior
    "ag-03": {"mon-thu": LATE, "sun": SUNDAY},  # Claire, senior
    "ag-04": {"mon-fri": EARLY},  # Tom
    "ag-05": {"mon-fri": LATE},  # Lena
    "ag-06": {"mon-thu": LATE, "sat": EARLY},  # Hugo
    "ag-07": {"mon-fri": EARLY},  # Priya
    "ag-08": {"tue-sat": LATE},  # Sofía
    "ag-09": {"mon-fri": LATE},  # Ben
    "ag-10": {"mon-fri": "07:00-15:30"},  # Anke, logistics (back office)
    "ag-11": {"mon-thu": LATE, "sun": SUNDAY},  # Élise
    "ag-12": {"tue-sat": EARLY},  # Sam
    "ag-13": {"mon-fri": EARLY},  # Kai
    "ag-14": {"mon-thu": EARLY, "sat": EARLY},  # Noémie
    "ag-15": {"mon-fri": "10:00-18:30"},  # Rosa, dispatcher
}
# who is not at their desk as the demo starts (the rest are online)
PRESENCE: dict[str, str] = {"ag-10": "offline", "ag-14": "away"}


def shift(external_id: str) -> dict[str, Any] | None:
    days = SHIFTS.get(external_id)
    return {"timezone": TIMEZONE, "open": days} if days else None


def people_block() -> str:
    """The demo policy's ``people:`` block (YAML), appended to the shipped default."""
    People.model_validate({"hours": {"timezone": TIMEZONE, "open": OPENING}})  # stays valid
    lines = [
        "",
        "# The demo shop's hours and first-reply targets (business minutes), added by",
        "# `tandemdesk init --demo` (docs/architecture.md, 'Looking after the people').",
        "people:",
        f'  hours: {{timezone: {TIMEZONE}, open: {{mon-sat: "08:00-23:00", sun: "{SUNDAY}"}}}}',
        "  first_reply_minutes: {urgent: 15, high: 60, normal: 240, low: 1440}",
        "  recovery_break: {after_abusive: true, after_distress: 0.9, minutes: 10}",
        "",
    ]
    return "\n".join(lines)


def apply(workspace: Any) -> dict[str, Any]:
    """Give the demo agents their shifts and presence, and make the demo policy (the shipped
    default plus ``people_block``) live — only when no policy is stored yet: ``make demo``
    run again keeps the workspace it made, so a policy a lead made live (or rolled back to)
    stays live, and the history gains no copy of the default "by unknown"."""
    from sqlalchemy import select

    from tandemdesk.db import transaction
    from tandemdesk.decide.loading import default_policy_text
    from tandemdesk.models import Agent
    from tandemdesk.policies import active_policy, save_policy
    from tandemdesk.timeutil import utcnow

    now = utcnow()
    with transaction(workspace.sessions) as session:
        for agent in session.scalars(select(Agent)):
            agent.shift = shift(agent.external_id)
            agent.presence = PRESENCE.get(agent.external_id, "online")
            agent.presence_at = now
    live = active_policy(workspace)[1]
    if live is not None:
        return {"policy_version": live, "policy_kept": True, "shifts": len(SHIFTS)}
    version = save_policy(workspace, default_policy_text() + people_block(), by="init --demo",
                          note="the demo shop's policy")  # fmt: skip
    return {"policy_version": version.version, "policy_kept": False, "shifts": len(SHIFTS)}
