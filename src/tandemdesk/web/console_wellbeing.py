"""The console's people pages: the lead's wellbeing view (exposure per agent over time,
alerts, who is here, the waiting list with reply due times) and every agent's own presence
switch and breaks.

The wellbeing page requires a supervisor (``_who(request, "supervisor")``): an agent's
exposure is never shown to other agents. Console activity counts as presence
(``people.presence.do_seen``): every full page an agent opens marks them seen — the live
refreshes of a tab left open do not.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, FastAPI, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from tandemdesk.api.auth import check_csrf, optional_principal
from tandemdesk.api.services import services as _svc
from tandemdesk.errors import ForbiddenError, TandemError
from tandemdesk.models import Agent
from tandemdesk.people import presence, waiting, wellbeing
from tandemdesk.timeutil import utcnow
from tandemdesk.web.charts import line_chart
from tandemdesk.web.console import _page, _who, templates

router = APIRouter(include_in_schema=False)
log = logging.getLogger(__name__)
RANGES = {"24h": timedelta(days=1), "7d": timedelta(days=7), "30d": timedelta(days=30)}
QUIET = ("/static", "/v1", "/inbox/rows", "/supervisor/live", "/health", "/metrics")


def _rules(request: Request) -> presence.PresenceRules:
    return presence.PresenceRules.of(_svc(request).orchestrator.policy.people)


@router.get("/supervisor/wellbeing")
def wellbeing_page(request: Request) -> HTMLResponse:
    """Leads only: exposure per agent with a daily trend, alerts, presence, waiting list."""
    principal = _who(request, "supervisor")
    span = request.query_params.get("range", "7d")
    span = span if span in RANGES else "7d"
    svc = _svc(request)
    policy = svc.orchestrator.policy
    until = utcnow()
    with svc.workspace.sessions() as session:
        report = wellbeing.exposure_report(session, policy, until - RANGES[span], until)
        queue = waiting.waiting_list(session, policy, limit=50)
    top = max((max(a["trend"], default=0.0) for a in report["agents"]), default=0.0) or 1.0
    days = report["days"]
    for agent in report["agents"]:
        agent["chart"] = line_chart(
            f"{agent['name']}: weighted hard contacts per day", agent["trend"],
            days[0][5:] if days else "", days[-1][5:] if days else "", top=top, percent=False,
        )  # fmt: skip
    waits = [
        {"w": w, "sla": waiting.sla_state(policy, w.queue, w.urgency, w.since, until)}
        for w in queue
    ]
    team = presence.team_presence(svc.workspace, _rules(request))
    return _page(request, "wellbeing.html", principal, r=report, range=span,
                 ranges=list(RANGES), waits=waits, team=team)  # fmt: skip


def _my_agent(request: Request) -> tuple[Any, int]:
    principal = _who(request)
    if principal.agent_id is None:
        raise ForbiddenError("your login is not an agent's: presence is for agents")
    return principal, principal.agent_id


@router.get("/presence")
def presence_page(request: Request, error: str | None = None) -> HTMLResponse:
    principal, agent_id = _my_agent(request)
    svc = _svc(request)
    with svc.workspace.sessions() as session:
        agent = session.get(Agent, agent_id)
        assert agent is not None
        mine = presence.describe(agent, utcnow(), _rules(request))
    return _page(request, "presence.html", principal, p=mine, error=error)


def _then(request: Request, do: Callable[[], Any]) -> Response:
    try:
        do()
    except TandemError as error:
        # quoted like every console flash: the message may quote what was typed ('a&b#c')
        return RedirectResponse(f"/presence?error={quote(error.message)}", status_code=303)
    return RedirectResponse("/presence", status_code=303)


@router.post("/presence")
def set_presence(
    request: Request, presence_value: str = Form("", alias="presence"), csrf_token: str = Form("")
) -> Response:
    _, agent_id = _my_agent(request)
    check_csrf(request, csrf_token)
    workspace = _svc(request).workspace
    return _then(request, lambda: presence.do_set_presence(workspace, agent_id, presence_value))


@router.post("/presence/break")
def start_break(
    request: Request, minutes: float = Form(10), csrf_token: str = Form("")
) -> Response:
    _, agent_id = _my_agent(request)
    check_csrf(request, csrf_token)
    workspace = _svc(request).workspace
    return _then(request, lambda: presence.do_start_break(workspace, agent_id, minutes))


@router.post("/presence/break/end")
def end_break(request: Request, csrf_token: str = Form("")) -> Response:
    _, agent_id = _my_agent(request)
    check_csrf(request, csrf_token)
    workspace = _svc(request).workspace
    return _then(request, lambda: presence.do_end_break(workspace, agent_id))


def people_summary(request: Request) -> dict[str, Any]:
    """The lead's line on the supervisor page: today's wellbeing alerts and overdue first
    replies (a template global, so the supervisor page needs no new context)."""
    svc = _svc(request)
    policy = svc.orchestrator.policy
    until = utcnow()
    with svc.workspace.sessions() as session:
        report = wellbeing.exposure_report(session, policy, until - timedelta(days=1), until)
        overdue = sum(
            1 for w in waiting.waiting_list(session, policy)
            if (waiting.sla_state(policy, w.queue, w.urgency, w.since, until) or {}).get("state")
            == "breached"
        )  # fmt: skip
    return {
        "alerts": report["alerts"][:3],
        "alert_count": len(report["alerts"]),
        "overdue": overdue,
    }


templates.env.globals["people_summary"] = people_summary


def mount(app: FastAPI) -> None:
    """The pages, and console activity as presence (full pages only, see the module doc)."""
    app.include_router(router)

    @app.middleware("http")
    async def _seen(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        if request.method == "GET" and not request.url.path.startswith(QUIET):
            principal = optional_principal(request)
            if principal is not None and principal.kind == "user" and principal.agent_id:
                try:
                    presence.do_seen(_svc(request).workspace, principal.agent_id)
                except Exception:  # presence must never break a page
                    log.exception("recording console activity failed")
        return response
