"""Supervisors' reads and controls: insights over a time range, the decision log, and the
live policy with validation and a shadow comparison."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from fastapi import APIRouter, Depends, Query

from tandemdesk.accounts import Principal
from tandemdesk.api import limits
from tandemdesk.api.auth import ADMIN, SUPERVISOR
from tandemdesk.api.fields import Action, Moment, RuleId
from tandemdesk.api.schemas import PolicyIn
from tandemdesk.api.services import Services, services
from tandemdesk.errors import InvalidRecordError
from tandemdesk.learn.insights import decision_log, insights, safety_alerts
from tandemdesk.learn.shadow import shadow_report
from tandemdesk.policies import (
    active_policy,
    active_policy_text,
    check_policy_with_warnings,
    save_policy,
)
from tandemdesk.timeutil import utcnow

router = APIRouter(prefix="/v1", tags=["insights", "policy"])
DEFAULT_RANGE = timedelta(days=1)


def time_range(since: datetime | None, until: datetime | None) -> tuple[datetime, datetime]:
    """``[since, until)`` in UTC; defaults to the last 24 hours."""
    end = until or utcnow()
    start = since or end - DEFAULT_RANGE
    if start.tzinfo is None or end.tzinfo is None:
        raise InvalidRecordError("give times with a timezone, e.g. 2026-11-23T00:00:00Z")
    if start >= end:
        raise InvalidRecordError("'since' must be before 'until'")
    if end - start > timedelta(days=400):
        raise InvalidRecordError("ask for at most 400 days at a time")
    return start, end


@router.get("/insights", dependencies=[SUPERVISOR])
def get_insights(
    since: Moment | None = None,
    until: Moment | None = None,
    svc: Services = Depends(services),
) -> dict[str, Any]:
    """Automation rate, deflection, first-contact resolution, handle time, CSAT, queue waits,
    distress mix, per-agent emotional load, and the same over time (for charts)."""
    start, end = time_range(since, until)
    with svc.workspace.sessions() as session:
        return insights(session, start, end, svc.distressed())


@router.get("/decisions", dependencies=[SUPERVISOR])
def get_decisions(
    since: Moment | None = None,
    until: Moment | None = None,
    action: Action | None = None,
    rule_id: RuleId | None = None,
    limit: int = Query(100, ge=1, le=1000),
    svc: Services = Depends(services),
) -> dict[str, Any]:
    """Decisions with their reasons, newest first."""
    start, end = time_range(since, until)
    with svc.workspace.sessions() as session:
        rows = decision_log(session, start, end, action, rule_id, limit)
    return {"data": rows, "count": len(rows)}


@router.get("/alerts", dependencies=[SUPERVISOR])
def get_alerts(
    since: Moment | None = None,
    until: Moment | None = None,
    limit: int = Query(20, ge=1, le=200),
    svc: Services = Depends(services),
) -> dict[str, Any]:
    """Safety alerts, newest first: threats to staff and customers who may be in crisis."""
    start, end = time_range(since, until)
    with svc.workspace.sessions() as session:
        rows = safety_alerts(session, start, end, limit)
    return {"data": rows, "count": len(rows)}


@router.get("/policy", dependencies=[SUPERVISOR])
def get_policy(svc: Services = Depends(services)) -> dict[str, Any]:
    policy, version = active_policy(svc.workspace)
    return {
        "version": version,
        "name": policy.name,
        "rules": [rule.id for rule in policy.rules],
        "content": active_policy_text(svc.workspace),
    }


@router.post("/policy/check", dependencies=[SUPERVISOR])
def post_policy_check(body: PolicyIn, svc: Services = Depends(services)) -> dict[str, Any]:
    """Validate a policy text (nothing changes); errors come back as ``policy_invalid``."""
    limits.check_policy(svc.workspace.settings, body.content)
    policy, warnings = check_policy_with_warnings(svc.workspace, body.content)
    return {
        "valid": True,
        "name": policy.name,
        "rules": [rule.id for rule in policy.rules],
        "warnings": warnings,
    }


@router.post("/policy/shadow", dependencies=[SUPERVISOR])
def post_policy_shadow(
    body: PolicyIn,
    limit: int = Query(500, ge=10, le=5000),
    svc: Services = Depends(services),
) -> dict[str, Any]:
    """Replay recent conversations through the live and the candidate policy."""
    limits.check_policy(svc.workspace.settings, body.content)
    return shadow_report(svc.workspace, body.content, limit=limit).to_dict()


@router.put("/policy")
def put_policy(
    body: PolicyIn, svc: Services = Depends(services), principal: Principal = ADMIN
) -> dict[str, Any]:
    """Make a policy live (validated first: an invalid one never replaces the live one)."""
    limits.check_policy(svc.workspace.settings, body.content)
    version = save_policy(svc.workspace, body.content, by=principal.name)
    return {"version": version.version, "name": version.name}
