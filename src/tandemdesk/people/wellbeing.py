"""Emotional exposure over time, and the alerts a lead gets about it.

Why exposure and not a Gini number: a lead needs to know *who* carried the hard
conversations and *when* — four abusive customers in one hour is a different day from four
spread over a week. Exposure is the distress- and abuse-weighted count of the conversations
an agent was given (``Assignment``: distressed 1, abusive 2 — routing's own weights), in
hourly and daily buckets of the team's time zone.

Alerts, read from the same rows (nothing is alerted that was not assigned, and nothing
assigned is missed):

- an hour or a day over ``ExposureAlerts.hourly`` / ``daily``;
- a share of the team's hard conversations over the range at least ``hard_share_ratio``
  times the fair share (everyone who took work in the range), with at least
  ``min_contacts`` hard contacts.

Only leads see this (``require`` supervisor on the API, the console page likewise): an
agent's exposure is about a person's strain, not a league table for colleagues.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from tandemdesk.act.load import gini
from tandemdesk.act.routing import RoutingSettings
from tandemdesk.decide import Policy
from tandemdesk.decide.people import hours_of
from tandemdesk.models import Agent, Assignment

MAX_ALERTS = 50


def _zone(policy: Policy) -> ZoneInfo:
    hours = hours_of(policy.people, None)
    return ZoneInfo(hours.timezone) if hours is not None else ZoneInfo("UTC")


def exposure_report(
    session: Any,
    policy: Policy,
    since: datetime,
    until: datetime,
    settings: RoutingSettings | None = None,
) -> dict[str, Any]:
    """Per agent: conversations, hard contacts, weighted exposure, the worst hour and day,
    a daily trend; the team's Gini; and the lead's alerts (see the module doc)."""
    settings = settings or RoutingSettings()
    zone = _zone(policy)
    rules = policy.people.exposure_alerts
    rows = session.execute(
        select(Assignment.agent_id, Assignment.assigned_at, Assignment.distress,
               Assignment.abusive)
        .where(Assignment.assigned_at >= since, Assignment.assigned_at < until)
        .order_by(Assignment.assigned_at)
    ).all()  # fmt: skip
    agents = {a.id: a for a in session.scalars(select(Agent))}
    start_day = since.astimezone(zone).date()
    days = [
        start_day + timedelta(days=i)
        for i in range((until.astimezone(zone).date() - start_day).days + 1)
    ]
    per: dict[int, dict[str, Any]] = defaultdict(lambda: {
        "conversations": 0, "distressed": 0, "abusive": 0, "exposure": 0.0,
        "hours": defaultdict(float), "days": defaultdict(float),
    })  # fmt: skip
    for agent_id, at, distress, abusive in rows:
        row = per[agent_id]
        row["conversations"] += 1
        weight = 0.0
        if abusive:
            row["abusive"] += 1
            weight = settings.abusive_weight
        elif distress >= settings.distressed_threshold:
            row["distressed"] += 1
            weight = settings.distressed_weight
        if weight:
            local = at.astimezone(zone)
            row["exposure"] += weight
            row["hours"][local.replace(minute=0, second=0, microsecond=0)] += weight
            row["days"][local.date()] += weight
    hard_total = sum(r["distressed"] + r["abusive"] for r in per.values())
    workers = [a for a in per if per[a]["conversations"]]
    fair = 1.0 / len(workers) if workers else 0.0
    out_agents = []
    alerts: list[dict[str, Any]] = []
    for agent_id in sorted(per, key=lambda a: -per[a]["exposure"]):
        row, agent = per[agent_id], agents.get(agent_id)
        name = agent.name if agent else f"agent {agent_id}"
        external = agent.external_id if agent else str(agent_id)
        hard = row["distressed"] + row["abusive"]
        share = hard / hard_total if hard_total else 0.0
        worst_hour = max(row["hours"].items(), key=lambda kv: kv[1], default=None)
        worst_day = max(row["days"].items(), key=lambda kv: kv[1], default=None)
        out_agents.append({
            "agent": external, "name": name, "role": agent.role if agent else None,
            "conversations": row["conversations"], "distressed": row["distressed"],
            "abusive": row["abusive"], "exposure": round(row["exposure"], 2),
            "share_of_hard": round(share, 3),
            "max_hour": {"at": worst_hour[0].isoformat(), "exposure": worst_hour[1]}
            if worst_hour else None,
            "max_day": {"day": worst_day[0].isoformat(), "exposure": worst_day[1]}
            if worst_day else None,
            "trend": [round(row["days"].get(d, 0.0), 2) for d in days],
        })  # fmt: skip
        for hour, value in row["hours"].items():
            if value >= rules.hourly:
                alerts.append(_alert("hourly", external, name, hour, value, (
                    f"{name} took {value:g} weighted hard contacts in the hour from "
                    f"{hour:%a %H:%M} (alert at {rules.hourly:g})")))  # fmt: skip
        for day, value in row["days"].items():
            if value >= rules.daily:
                at = datetime.combine(day, datetime.min.time(), tzinfo=zone)
                alerts.append(_alert("daily", external, name, at, value, (
                    f"{name} took {value:g} weighted hard contacts on {day:%a %d %b} "
                    f"(alert at {rules.daily:g})")))  # fmt: skip
        if hard >= rules.min_contacts and fair and share >= rules.hard_share_ratio * fair:
            alerts.append(_alert("share", external, name, until, share, (
                f"{name} took {share:.0%} of the team's hard conversations "
                f"({hard} of {hard_total}); a fair share is {fair:.0%}")))  # fmt: skip
    alerts.sort(key=lambda a: a["at"], reverse=True)
    counts = [r["distressed"] + r["abusive"] for r in (per[a] for a in workers)]
    return {
        "since": since.isoformat(),
        "until": until.isoformat(),
        "timezone": str(zone),
        "days": [d.isoformat() for d in days],
        "agents": out_agents,
        "gini_hard": round(gini(counts), 4),
        "hard_conversations": hard_total,
        "alerts": alerts[:MAX_ALERTS],
        "thresholds": rules.model_dump(),
    }


def _alert(
    kind: str, agent: str, name: str, at: datetime, value: float, text: str
) -> dict[str, Any]:
    return {"kind": kind, "agent": agent, "name": name, "at": at.astimezone(UTC).isoformat(),
            "value": round(value, 3), "text": text}  # fmt: skip
