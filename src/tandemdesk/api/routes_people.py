"""The people who answer: presence, breaks, the waiting list and (for leads only) wellbeing.

An agent sets their own presence and breaks (``me``); a supervisor may set anyone's and
sees the team, the waiting list and everyone's exposure. Wellbeing is never shown to other
agents: the routes require the supervisor role.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, Literal

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field

from tandemdesk.accounts import Principal
from tandemdesk.api.auth import AGENT, SUPERVISOR
from tandemdesk.api.services import Services, services
from tandemdesk.errors import ForbiddenError, InvalidRecordError
from tandemdesk.people import presence, waiting, wellbeing
from tandemdesk.timeutil import utcnow

router = APIRouter(prefix="/v1", tags=["people"])
DEFAULT_RANGE = timedelta(days=7)


class PresenceIn(BaseModel):
    presence: Literal["online", "away", "offline"] = Field(
        description="online: give me work; away: back soon; offline: gone for the day."
    )


class BreakIn(BaseModel):
    minutes: float = Field(gt=0, le=presence.MAX_BREAK_MINUTES, description="How long.")
    reason: str = Field(default="a break", max_length=300)


def _target(principal: Principal, agent: str) -> str | int:
    """``me`` is the caller's own agent; anyone else's needs a supervisor."""
    if agent == "me":
        if principal.agent_id is None:
            raise ForbiddenError("your login is not an agent's; name the agent")
        return principal.agent_id
    if not principal.at_least("supervisor"):
        raise ForbiddenError("agents set only their own presence (use 'me')")
    return agent


def _rules(svc: Services) -> presence.PresenceRules:
    return presence.PresenceRules.of(svc.orchestrator.policy.people)


@router.get("/agents/presence")
def get_presence(principal: Principal = AGENT, svc: Services = Depends(services)) -> dict[str, Any]:
    """The team's presence and open work (supervisors); an agent sees only themselves."""
    team = presence.team_presence(svc.workspace, _rules(svc))
    if not principal.at_least("supervisor"):
        from tandemdesk import access

        me = access.agent_external_id(svc.workspace, principal)
        team = [row for row in team if row["agent"] == me]
    return {"data": team, "count": len(team)}


@router.put("/agents/{agent}/presence")
def put_presence(
    agent: str, body: PresenceIn, principal: Principal = AGENT, svc: Services = Depends(services)
) -> dict[str, Any]:
    """Set presence (online / away / offline); online serves the waiting list."""
    return presence.do_set_presence(
        svc.workspace, _target(principal, agent), body.presence, _rules(svc)
    )


@router.post("/agents/{agent}/break")
def post_break(
    agent: str, body: BreakIn, principal: Principal = AGENT, svc: Services = Depends(services)
) -> dict[str, Any]:
    """Start a break: routing gives the agent nothing until it ends."""
    return presence.do_start_break(svc.workspace, _target(principal, agent), body.minutes,
                                   body.reason)  # fmt: skip


@router.delete("/agents/{agent}/break")
def delete_break(
    agent: str, principal: Principal = AGENT, svc: Services = Depends(services)
) -> dict[str, Any]:
    """End a break now (a recovery break is offered, never imposed)."""
    return presence.do_end_break(svc.workspace, _target(principal, agent))


@router.get("/waiting", dependencies=[SUPERVISOR])
def get_waiting(svc: Services = Depends(services)) -> dict[str, Any]:
    """Conversations waiting for a person, most pressing first, with their reply due times;
    ``overdue``: how many are past their first-reply target."""
    policy = svc.orchestrator.policy
    now = utcnow()
    with svc.workspace.sessions() as session:
        rows = waiting.waiting_list(session, policy)
    data: list[dict[str, Any]] = [
        {"conversation_id": w.conversation_id, "queue": w.queue, "language": w.language,
         "distress": round(w.distress, 3), "abusive": w.abusive, "urgency": w.urgency,
         "since": w.since.isoformat(), "band": w.band,
         "sla": waiting.sla_state(policy, w.queue, w.urgency, w.since, now)}
        for w in rows
    ]  # fmt: skip
    overdue = sum(1 for d in data if (d["sla"] or {}).get("state") == "breached")
    return {"data": data, "count": len(data), "overdue": overdue}


@router.post("/waiting/serve", dependencies=[SUPERVISOR])
def post_serve(svc: Services = Depends(services)) -> dict[str, Any]:
    """Give free seats to the waiting list now (the server also does it every few seconds)."""
    given = waiting.serve_waiting(svc.workspace, svc.orchestrator.policy)
    return {"data": given, "count": len(given)}


@router.get("/wellbeing", dependencies=[SUPERVISOR])
def get_wellbeing(
    since: datetime | None = None,
    until: datetime | None = None,
    svc: Services = Depends(services),
) -> dict[str, Any]:
    """Each agent's emotional exposure (weighted hard contacts per hour and day, a daily
    trend), the team's spread and the lead's alerts. Leads only."""
    end = until or utcnow()
    start = since or end - DEFAULT_RANGE
    if start.tzinfo is None or end.tzinfo is None:
        raise InvalidRecordError("give times with a timezone, e.g. 2026-11-23T00:00:00Z")
    if not timedelta(0) < end - start <= timedelta(days=92):
        raise InvalidRecordError("'since' must be before 'until', at most 92 days apart")
    with svc.workspace.sessions() as session:
        return wellbeing.exposure_report(session, svc.orchestrator.policy, start, end)


@router.get("/wellbeing/agents/{agent}", dependencies=[SUPERVISOR])
def get_agent_wellbeing(
    agent: str, days: int = Query(7, ge=1, le=92), svc: Services = Depends(services)
) -> dict[str, Any]:
    """One agent's exposure and alerts over the last ``days`` days. Leads only."""
    end = utcnow()
    with svc.workspace.sessions() as session:
        report = wellbeing.exposure_report(
            session, svc.orchestrator.policy, end - timedelta(days=days), end
        )
    rows = [a for a in report["agents"] if a["agent"] == agent]
    report["agents"] = rows
    report["alerts"] = [a for a in report["alerts"] if a["agent"] == agent]
    return report
