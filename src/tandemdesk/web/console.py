"""The console's pages. Each handler checks who is logged in, calls the same read or action
function the JSON API calls, and renders a template (Jinja2 autoescaping: customer text is
shown, never run). Forms carry the session's CSRF token; without a login, pages send you to
``/login``.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, FastAPI, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from tandemdesk import access, accounts, actions
from tandemdesk.accounts import Principal
from tandemdesk.act.answers_rules import rules_for
from tandemdesk.api.auth import (
    SESSION_COOKIE,
    check_csrf,
    end_session,
    optional_principal,
)
from tandemdesk.api.services import services as _svc
from tandemdesk.composer import ReplyFiller
from tandemdesk.decide.vocabulary import ACTIONS
from tandemdesk.errors import ForbiddenError, TandemError
from tandemdesk.inbox import ConversationFilters, conversation_detail, list_conversations
from tandemdesk.learn.insights import decision_log, insights, safety_alerts
from tandemdesk.learn.shadow import shadow_report
from tandemdesk.policies import (
    active_policy_text,
    check_policy_with_warnings,
    policy_diff,
    save_policy,
)
from tandemdesk.timeutil import utcnow
from tandemdesk.web import console_login, console_policy
from tandemdesk.web.charts import bar_chart, line_chart

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=HERE / "templates")


def counted(n: int, one: str, many: str | None = None) -> str:
    """``"1 order"``, ``"3 orders"`` (a page said "1 orders", "1 attempts", "1 people")."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


templates.env.filters["counted"] = counted
# A missing value shows as nothing, never as "None" (a customer without a name read
# "Customer None" on their conversation page).
templates.env.finalize = lambda value: "" if value is None else value
router = APIRouter(include_in_schema=False)
RANGES = {
    "24h": timedelta(days=1),
    "7d": timedelta(days=7),
    "30d": timedelta(days=30),
    "90d": timedelta(days=90),
    "1y": timedelta(days=365),
}


class LoginRequired(Exception):
    """Raised by a page when nobody is logged in; answered with a redirect to /login."""


def _who(request: Request, role: str = "agent") -> Principal:
    principal = optional_principal(request)
    if principal is None or principal.kind != "user":
        raise LoginRequired
    if not principal.at_least(role):
        raise ForbiddenError(f"this page is for the role {role}; you are {principal.role}")
    return principal


def _csrf(request: Request) -> str:
    return accounts.csrf_token(request.cookies.get(SESSION_COOKIE, ""))


def _page(request: Request, name: str, principal: Principal, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(
        request, name, {"me": principal, "csrf": _csrf(request), **context}
    )


@router.get("/")
def home(request: Request) -> Response:
    principal = optional_principal(request)
    if principal is None or principal.kind != "user":
        return RedirectResponse("/login", status_code=303)
    return RedirectResponse(
        "/supervisor" if principal.at_least("supervisor") else "/inbox", status_code=303
    )


@router.post("/logout")
def logout(request: Request, csrf_token: str = Form("")) -> Response:
    _who(request)
    check_csrf(request, csrf_token)
    response = RedirectResponse("/login", status_code=303)
    end_session(request, response)
    return response


def _inbox(request: Request, principal: Principal) -> dict[str, Any]:
    params = request.query_params
    filters = ConversationFilters(
        queue=params.get("queue") or None,
        assignee=params.get("assignee") or None,
        status=params.get("status") or None,
        limit=100,
    )
    scope = access.inbox_scope(principal)
    svc = _svc(request)
    with svc.workspace.sessions() as session:
        return list_conversations(
            session, filters, scope, svc.distressed(), svc.orchestrator.policy
        )


@router.get("/inbox")
def inbox(request: Request) -> HTMLResponse:
    principal = _who(request)
    from tandemdesk.web.console_work import inbox_context  # paging, search, take (issue 15)

    return _page(request, "inbox.html", principal, **inbox_context(request, principal),
                 query=str(request.query_params))  # fmt: skip


@router.get("/inbox/rows")
def inbox_rows(request: Request) -> HTMLResponse:
    """The list alone, for the page's live refresh."""
    principal = _who(request)
    from tandemdesk.web.console_work import inbox_context

    return _page(request, "inbox_rows.html", principal, **inbox_context(request, principal))


def _conversation_page(
    request: Request,
    principal: Principal,
    conversation_id: int,
    error: str | None = None,
    reply_text: str = "",
) -> HTMLResponse:
    """One conversation; its macros come filled with the customer's facts and signed by the
    agent looking at it (``composer``), so inserting one never pastes ``{{…}}``."""
    svc = _svc(request)
    access.check_conversation(svc.workspace, principal, conversation_id)
    me = access.agent_external_id(svc.workspace, principal)
    with svc.workspace.sessions() as session:
        detail = conversation_detail(session, conversation_id, svc.distressed())
        filler = ReplyFiller.for_conversation(session, conversation_id, me)
    for suggestion in detail["articles"]:
        if suggestion["kind"] == "macro":
            filled = filler.fill(suggestion["body"], suggestion["language"])
            suggestion["filled"], suggestion["missing"] = filled.text, filled.missing
    policy, intent = svc.orchestrator.policy, detail.get("intent")  # the bot's live policy
    caution = filler.objection(intent, rules_for(policy))
    detail["macro_caution"] = caution if detail["articles"] else None
    intents = svc.intent_labels()
    from tandemdesk.web.console_work import conversation_extras  # notes, history (issue 15)

    return _page(request, "conversation.html", principal, c=detail, intents=intents,
                 error=error, reply_text=reply_text,
                 **conversation_extras(request, principal, detail))  # fmt: skip


@router.get("/conversations/{conversation_id}")
def conversation(request: Request, conversation_id: int, error: str | None = None) -> Response:
    return _conversation_page(request, _who(request), conversation_id, error)


def _act(request: Request, conversation_id: int, token: str, do: Any, done: str = "") -> Response:
    """Run one action for a form post, then show the conversation (with the error, if any)."""
    principal = _who(request)
    check_csrf(request, token)
    svc = _svc(request)
    access.check_conversation(svc.workspace, principal, conversation_id)
    target = f"/conversations/{conversation_id}"
    try:
        access.check_acts_on(svc.workspace, principal, conversation_id)  # its assignee only
        do(svc, access.agent_external_id(svc.workspace, principal))
    except TandemError as error:
        target += f"?error={quote(error.message)}"
    else:
        target += f"?done={done}" if done else ""  # the confirmation (console_work.FLASH)
    return RedirectResponse(target, status_code=303)


@router.post("/conversations/{conversation_id}/reply")
def reply(
    request: Request, conversation_id: int, text: str = Form(""), csrf_token: str = Form("")
) -> Response:
    """Send, then show the conversation; a refused reply (``{{…}}`` left in it) shows the
    page again with the reason and the agent's text still in the box, not lost."""
    principal = _who(request)
    check_csrf(request, csrf_token)
    svc = _svc(request)
    access.check_conversation(svc.workspace, principal, conversation_id)
    try:
        access.check_acts_on(svc.workspace, principal, conversation_id)  # its assignee only
        actions.do_reply(svc.workspace, conversation_id, text,
                         access.agent_external_id(svc.workspace, principal))  # fmt: skip
    except TandemError as error:
        page = _conversation_page(request, principal, conversation_id, error.message, text)
        page.status_code = error.http_status
        return page
    return RedirectResponse(f"/conversations/{conversation_id}?done=replied", status_code=303)


@router.post("/conversations/{conversation_id}/resolve")
def resolve(
    request: Request,
    conversation_id: int,
    csrf_token: str = Form(""),
    confirm_intent: str = Form(""),
) -> Response:
    return _act(
        request,
        conversation_id,
        csrf_token,
        lambda svc, me: actions.do_resolve(
            svc.workspace, conversation_id, me, confirm_intent=bool(confirm_intent), by_person=True
        ),
        "resolved",
    )


@router.post("/conversations/{conversation_id}/intent")
def correct_intent(
    request: Request, conversation_id: int, intent: str = Form(""), csrf_token: str = Form("")
) -> Response:
    return _act(
        request, conversation_id, csrf_token,
        lambda svc, me: actions.do_correct_intent(svc.workspace, conversation_id, intent, me),
        "intent",
    )  # fmt: skip


def _supervisor_context(request: Request) -> dict[str, Any]:
    span = request.query_params.get("range", "24h")
    span = span if span in RANGES else "24h"
    until = utcnow()
    since = until - RANGES[span]
    action = request.query_params.get("action") or None
    svc = _svc(request)
    with svc.workspace.sessions() as session:
        figures = insights(session, since, until, svc.distressed())
        log = decision_log(session, since, until, action=action, limit=50)
        alerts = safety_alerts(session, since, until)
    s = figures["series"]
    # the start of the range: its day and hour for a day or three, its date beyond
    start = s["starts"][0]
    first = start[5:16].replace("T", " ") if s["bucket_seconds"] < 86_400 else start[:10]
    last = "now"
    charts = {
        "volume": bar_chart("Messages handled", s["volume"], first, last),
        "automation": line_chart("Automation rate", s["automation_rate"], first, last),
        "distress": line_chart("Distressed share", s["distressed_share"], first, last),
        "csat": line_chart("Average CSAT", s["csat"], first, last, top=5.0, percent=False),
    }
    return {"f": figures, "charts": charts, "log": log, "range": span, "ranges": list(RANGES),
            "action": action or "", "actions": ACTIONS, "alerts": alerts}  # fmt: skip


@router.get("/supervisor")
def supervisor(request: Request) -> HTMLResponse:
    principal = _who(request, "supervisor")
    return _page(request, "supervisor.html", principal, **_supervisor_context(request))


@router.get("/supervisor/live")
def supervisor_live(request: Request) -> HTMLResponse:
    """The figures alone, for the page's live refresh."""
    principal = _who(request, "supervisor")
    return _page(request, "supervisor_live.html", principal, **_supervisor_context(request))


@router.get("/supervisor/policy")
def policy_page(request: Request) -> HTMLResponse:
    principal = _who(request, "supervisor")
    text = active_policy_text(_svc(request).workspace)
    return _page(request, "policy.html", principal, text=text, result=None)


@router.post("/supervisor/policy")
def policy_post(
    request: Request,
    content: str = Form(""),
    do: str = Form("check"),
    csrf_token: str = Form(""),
) -> HTMLResponse:
    """Validate, compare in shadow mode, or (admins) make the policy live."""
    principal = _who(request, "supervisor")
    check_csrf(request, csrf_token)
    workspace = _svc(request).workspace
    result: dict[str, Any] = {"do": do}
    try:
        policy, result["warnings"] = check_policy_with_warnings(workspace, content)
        result["valid"] = f"Valid: {policy.name or 'policy'} with {len(policy.rules)} rules."
        if do in ("shadow", "apply"):  # "Make it live" first shows what would change
            result["shadow"] = shadow_report(workspace, content, limit=500).to_dict()
        if do in ("apply", "confirm") and not principal.at_least("admin"):
            raise ForbiddenError("only an admin can make a policy live")
        if do == "apply":
            live = active_policy_text(workspace)
            result["confirm"] = policy_diff(live, content, "live policy", "this policy")
        elif do == "confirm":
            version = save_policy(workspace, content, by=principal.name)
            result["applied"] = (
                f"Policy version {version.version} is live. "
                "Policy history lists every version and rolls back."
            )
    except TandemError as error:
        result["error"] = error.message
    status = 422 if "error" in result else 200
    response = _page(request, "policy.html", principal, text=content, result=result)
    response.status_code = status
    return response


def mount(app: FastAPI) -> None:
    """Add the console's pages and assets to the app."""
    app.include_router(router)
    app.include_router(console_login.router)  # /login: throttled, login-CSRF safe
    app.include_router(console_policy.router)  # policy history and rollback
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    from tandemdesk.web import console_work

    console_work.mount(app)  # take, release, notes, search, paging, error pages (issue 15)

    @app.exception_handler(LoginRequired)
    async def _to_login(request: Request, _: Exception) -> Response:
        return RedirectResponse(f"/login?next={quote(request.url.path)}", status_code=303)
