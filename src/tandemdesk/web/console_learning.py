"""The console's learning page, ``/supervisor/learning``: policy suggestions from decision
overrides (each one tried in shadow mode with one button) and draft acceptance per answer.
The same functions as ``tandemdesk policy suggestions|try`` and ``tandemdesk drafts``. Also
the conversation page's "Overrule" form, where those overrides come from."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select

from tandemdesk import access, actions
from tandemdesk.api.auth import check_csrf
from tandemdesk.api.services import services as _svc
from tandemdesk.errors import NotFoundError, TandemError
from tandemdesk.learn.drafts import draft_acceptance
from tandemdesk.learn.suggestions import policy_suggestions, try_suggestion
from tandemdesk.models import Decision
from tandemdesk.web.console import _page, _who

router = APIRouter(include_in_schema=False)
PAGE = "/supervisor/learning"
DAYS = {"7": 7.0, "30": 30.0, "90": 90.0}


def _render(request: Request, days: str, **extra: Any) -> HTMLResponse:
    principal = _who(request, "supervisor")
    workspace = _svc(request).workspace
    span = DAYS.get(days, 7.0)
    suggestions = policy_suggestions(workspace, span)
    answers = draft_acceptance(workspace, max(span, 30.0))
    return _page(request, "learning.html", principal, suggestions=suggestions, answers=answers,
                 days=days if days in DAYS else "7", **extra)  # fmt: skip


@router.get(PAGE)
def learning_page(request: Request, days: str = "7") -> HTMLResponse:
    return _render(request, days)


@router.post(PAGE + "/try")
def try_post(
    request: Request, suggestion: str = Form(""), days: str = Form("7"), csrf_token: str = Form("")
) -> HTMLResponse:
    """Try one suggestion in shadow mode and show the comparison above the list."""
    _who(request, "supervisor")
    check_csrf(request, csrf_token)
    try:
        trial = try_suggestion(_svc(request).workspace, suggestion, DAYS.get(days, 7.0))
    except TandemError as error:
        page = _render(request, days, error=error.message)
        page.status_code = error.http_status
        return page
    text = trial.file.read_text(encoding="utf-8")
    return _render(request, days, trial=trial, policy_text=text)


@router.post("/decisions/{decision_id}/override")
def override_post(
    request: Request,
    decision_id: Annotated[int, Path(ge=1, le=2**63 - 1)],
    action: str = Form(""),
    reason: str = Form("", max_length=500),
    csrf_token: str = Form(""),
) -> Response:
    """Someone who can see the conversation says its decision should have been ``action``
    (``correction.decision``: what policy suggestions are made of)."""
    principal = _who(request)
    check_csrf(request, csrf_token)
    workspace = _svc(request).workspace
    with workspace.sessions() as session:
        conversation_id = session.scalar(
            select(Decision.conversation_id).where(Decision.id == decision_id)
        )
    if conversation_id is None:
        raise NotFoundError(f"no decision {decision_id}")
    access.check_conversation(workspace, principal, conversation_id)
    target = f"/conversations/{conversation_id}"
    try:
        actions.do_override_decision(workspace, decision_id, action, reason.strip(),
                                     access.agent_external_id(workspace, principal))  # fmt: skip
    except TandemError as error:
        target += f"?error={quote(error.message)}"
    else:
        target += "?done=overruled"
    return RedirectResponse(target, status_code=303)
