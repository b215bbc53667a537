"""The console's working day (issue 15): take, release, assign and hand over conversations,
internal notes, reopen, paging and search on the inbox and the decision log, confirmations
after each action, and error pages a person can read.

Thin like ``console.py``: parse the form, check who may (``access.py``), call one ``do_*``
(``actions.py``, ``actions_work.py``) or one read (``search.py``), redirect with a flash code
(``?done=replied``: a fixed sentence, so a link cannot put words in the console's mouth).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, FastAPI, Form, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException

from tandemdesk import access, actions, actions_work
from tandemdesk.accounts import Principal
from tandemdesk.api.auth import check_csrf, optional_principal
from tandemdesk.api.services import Services
from tandemdesk.api.services import services as _svc
from tandemdesk.decide.vocabulary import ACTIONS
from tandemdesk.errors import ForbiddenError, InvalidRecordError, TandemError
from tandemdesk.search import (
    MOODS,
    PER_PAGE,
    STATUSES,
    Search,
    agents_list,
    conversation_notes,
    customer_history,
    free_in_queues,
    pressing_conversations,
    search_conversations,
    search_decisions,
)
from tandemdesk.web import console as base

router = APIRouter(include_in_schema=False)

FLASH = {
    "replied": "Reply sent.",
    "resolved": "Resolved.",
    "reopened": "Reopened: the conversation is open again.",
    "taken": "You have this conversation now.",
    "released": "Released: the conversation is back in its queue for anyone to take.",
    "assigned": "Assigned.",
    "noted": "Note saved (only colleagues see it).",
    "handed_over": "Handed over with your note.",
    "intent": "Intent corrected.",
    "overruled": "Recorded: the decision should have been different (see Learning).",
}


def flash(request: Request) -> str | None:
    """The confirmation named by ``?done=`` (unknown codes show nothing)."""
    return FLASH.get(request.query_params.get("done", ""))


def _page_number(request: Request) -> int:
    raw = request.query_params.get("page", "1")
    return min(int(raw), 10**6) if raw.isdigit() and int(raw) > 0 else 1


def _my_queues(svc: Services, principal: Principal) -> set[str] | None:
    """The queues the caller's agent works (``None``: a lead, who may take from any)."""
    return actions_work.take_queues(svc.workspace, svc.orchestrator.policy, principal)


def _choices(svc: Services) -> dict[str, Any]:
    with svc.workspace.sessions() as session:
        agents = agents_list(session)
    return {"queues": sorted(svc.orchestrator.policy.queues), "intents": svc.intent_labels(),
            "moods": MOODS, "statuses": STATUSES, "agents": agents, "actions": ACTIONS}  # fmt: skip


def inbox_context(request: Request, principal: Principal) -> dict[str, Any]:
    """The inbox: open conversations most pressing first (``search.pressing_conversations``)
    or, when words, a customer or a mood are asked for or resolved ones too, the search
    (``search.search_conversations``, newest first); one page of either with the true total.
    For an agent also what they may take from their queues."""
    svc = _svc(request)
    s = Search.from_params(request.query_params)
    page = _page_number(request)
    scope = access.inbox_scope(principal)
    policy = svc.orchestrator.policy
    distressed = svc.distressed()
    context: dict[str, Any] = {
        "search": s, "flash": flash(request), "error": request.query_params.get("error"),
        **_choices(svc),
    }  # fmt: skip
    with svc.workspace.sessions() as session:
        find = search_conversations if s.narrows() or s.status in ("resolved", "all") else (
            pressing_conversations)  # fmt: skip
        found = find(session, s, scope, page, PER_PAGE, distressed, policy)
        mode = "pressing" if find is pressing_conversations else "search"
        context |= {"inbox": found, "paging": found["paging"], "mode": mode}
        queues = _my_queues(svc, principal)
        if queues is not None:
            context["free"] = free_in_queues(session, queues, 20, distressed)
            context["my_queues"] = sorted(queues)
    return context


def conversation_extras(
    request: Request, principal: Principal, detail: dict[str, Any]
) -> dict[str, Any]:
    """What the conversation page adds for the working day: the customer's earlier
    conversations, the notes, who may do what, the menus, the confirmation."""
    svc = _svc(request)
    with svc.workspace.sessions() as session:
        history = customer_history(session, detail["customer"]["id"], exclude=detail["id"])
        notes = conversation_notes(session, detail["id"])
    try:
        access.check_acts_on(svc.workspace, principal, detail["id"])
        can_act = True
    except ForbiddenError:
        can_act = False
    return {"history": history, "notes": notes, "can_act": can_act, "flash": flash(request),
            "choices": _choices(svc)}  # fmt: skip


def _back(conversation_id: int, done: str | None = None, error: str | None = None) -> Response:
    target = f"/conversations/{conversation_id}"
    if error:
        target += f"?error={quote(error)}"
    elif done:
        target += f"?done={done}"
    return RedirectResponse(target, status_code=303)


@router.post("/conversations/{conversation_id}/take")
def take(request: Request, conversation_id: int, csrf_token: str = Form("")) -> Response:
    """An agent takes a free conversation from one of their queues (a lead: from any)."""
    principal = base._who(request)
    check_csrf(request, csrf_token)
    svc = _svc(request)
    if principal.agent_id is None:
        error = "your login is not linked to an agent, so you cannot take conversations"
        return RedirectResponse(f"/inbox?error={quote(error)}", status_code=303)
    try:
        actions_work.do_take(
            svc.workspace, conversation_id, principal.agent_id, _my_queues(svc, principal)
        )
    except TandemError as error:
        return RedirectResponse(f"/inbox?error={quote(error.message)}", status_code=303)
    return _back(conversation_id, "taken")


@router.post("/conversations/{conversation_id}/release")
def release(request: Request, conversation_id: int, csrf_token: str = Form("")) -> Response:
    principal = base._who(request)
    check_csrf(request, csrf_token)
    svc = _svc(request)
    access.check_conversation(svc.workspace, principal, conversation_id)
    try:
        access.check_acts_on(svc.workspace, principal, conversation_id)
        actions_work.do_release(svc.workspace, conversation_id, principal.name)
    except TandemError as error:
        return _back(conversation_id, error=error.message)
    if principal.at_least("supervisor"):
        return _back(conversation_id, "released")
    return RedirectResponse("/inbox?done=released", status_code=303)


@router.post("/conversations/{conversation_id}/assign")
def assign(
    request: Request, conversation_id: int, agent: str = Form(""), csrf_token: str = Form("")
) -> Response:
    """A lead gives the conversation to a named agent (or takes it from one)."""
    principal = base._who(request, "supervisor")
    check_csrf(request, csrf_token)
    svc = _svc(request)
    try:
        if not agent:
            raise InvalidRecordError("choose the agent to assign it to")
        actions.do_assign(svc.workspace, conversation_id, agent, f"assigned by {principal.name}")
    except TandemError as error:
        return _back(conversation_id, error=error.message)
    return _back(conversation_id, "assigned")


@router.post("/conversations/{conversation_id}/reopen")
def reopen(
    request: Request, conversation_id: int, reason: str = Form(""), csrf_token: str = Form("")
) -> Response:
    def do(svc: Services, me: str | None) -> None:
        why = reason.strip()[:500] or f"reopened by {me or 'a lead'}"
        actions.do_reopen(svc.workspace, conversation_id, why)

    return base._act(request, conversation_id, csrf_token, do, "reopened")


@router.post("/conversations/{conversation_id}/note")
def note(
    request: Request,
    conversation_id: int,
    text: str = Form(""),
    to_queue: str = Form(""),
    to_agent: str = Form(""),
    csrf_token: str = Form(""),
) -> Response:
    """A note for colleagues; with a queue or an agent, a hand-over (its assignee or a lead
    only; a note alone anyone who may read the conversation)."""
    principal = base._who(request)
    check_csrf(request, csrf_token)
    svc = _svc(request)
    access.check_conversation(svc.workspace, principal, conversation_id)
    handing = bool(to_queue or to_agent)
    try:
        if handing:
            access.check_acts_on(svc.workspace, principal, conversation_id)
        actions_work.do_note(
            svc.workspace, conversation_id, text, principal.name, principal.agent_id,
            to_queue=to_queue or None, to_agent=to_agent or None,
            queues=set(svc.orchestrator.policy.queues),
        )  # fmt: skip
    except TandemError as error:
        return _back(conversation_id, error=error.message)
    return _back(conversation_id, "handed_over" if handing else "noted")


@router.get("/supervisor/decisions")
def decisions(request: Request) -> HTMLResponse:
    """Every decision, newest first, searchable and paged (the supervisor page shows the
    newest fifty of its range)."""
    principal = base._who(request, "supervisor")
    svc = _svc(request)
    s = Search.from_params(request.query_params)
    with svc.workspace.sessions() as session:
        found = search_decisions(session, s, _page_number(request), PER_PAGE, svc.distressed())
    return base._page(request, "decisions.html", principal, log=found, paging=found["paging"],
                      search=s, **_choices(svc))  # fmt: skip


# ---- error pages for people (the JSON API keeps its one error shape) ------------------------

TITLES = {403: "Not yours to open", 404: "Not found", 422: "That request did not make sense",
          500: "Something went wrong on our side"}  # fmt: skip


def wants_html(request: Request) -> bool:
    """A person's browser on a console page: not the API, not a script asking for JSON."""
    path = request.url.path
    if path.startswith(("/v1/", "/static/", "/docs", "/redoc", "/openapi")):
        return False
    return "text/html" in request.headers.get("accept", "")


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    try:
        principal = optional_principal(request)
    except Exception:
        principal = None
    me = principal if principal is not None and principal.kind == "user" else None
    csrf = base._csrf(request) if me is not None else ""
    home = "/" if me is None else ("/supervisor" if me.at_least("supervisor") else "/inbox")
    response = base.templates.TemplateResponse(
        request, "error.html",
        {"me": me, "csrf": csrf, "status": status, "title": TITLES.get(status, "Error"),
         "message": message, "home": home, "back": request.headers.get("referer", "")},
    )  # fmt: skip
    response.status_code = status
    return response


def install_error_pages(app: FastAPI) -> None:
    """Console pages answer errors with a page and a way back; everything else keeps the
    handler it had (the JSON error shape of ``api/errors.py``)."""
    handlers = dict(app.exception_handlers)

    def wrap(kind: Any, describe: Any) -> None:
        previous = handlers.get(kind)
        if previous is None:
            return

        async def handle(request: Request, error: Exception) -> Response:
            if wants_html(request):
                status, message = describe(error)
                return error_page(request, status, message)
            return await previous(request, error)  # type: ignore[no-any-return]

        app.add_exception_handler(kind, handle)

    wrap(TandemError, lambda e: (e.http_status, e.message))
    wrap(HTTPException, lambda e: (e.status_code, str(e.detail)))
    wrap(RequestValidationError, lambda e: (422, "A value in the address or the form is not "
                                            "what this page expects."))  # fmt: skip
    wrap(Exception, lambda e: (500, "It has been logged. Try again, or go back."))


def mount(app: FastAPI) -> None:
    from tandemdesk.api import routes_work

    app.include_router(router)
    app.include_router(routes_work.router)  # take, release, notes, search (JSON)
    install_error_pages(app)
