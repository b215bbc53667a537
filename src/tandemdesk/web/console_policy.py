"""The policy history page for leads: every stored version with who, when, why and its diff,
and a one-click rollback for admins (the rollback is itself a new version, so it can be
undone the same way). Same functions as ``tandemdesk policy history|rollback`` and the API."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from tandemdesk.api.auth import check_csrf
from tandemdesk.api.services import services as _svc
from tandemdesk.errors import ForbiddenError, TandemError
from tandemdesk.policies import policy_history, rollback_policy

router = APIRouter(include_in_schema=False)


@router.get("/supervisor/policy/history")
def history_page(
    request: Request, done: str | None = None, error: str | None = None
) -> HTMLResponse:
    from tandemdesk.web.console import _page, _who  # the console's page helpers

    principal = _who(request, "supervisor")
    entries = policy_history(_svc(request).workspace, limit=100)
    return _page(request, "policy_history.html", principal, entries=entries, done=done, error=error)


@router.post("/supervisor/policy/rollback")
def rollback(request: Request, version: int = Form(..., ge=1, le=2**31 - 1),
             csrf_token: str = Form("")) -> Response:  # fmt: skip
    from tandemdesk.web.console import _who

    principal = _who(request, "supervisor")
    check_csrf(request, csrf_token)
    if not principal.at_least("admin"):
        raise ForbiddenError("only an admin can change the live policy")
    try:
        stored = rollback_policy(_svc(request).workspace, version, by=principal.name)
    except TandemError as error:
        return _back({"error": error.message[:300]})
    return _back({"done": f"Version {version}'s text is live again, as version {stored.version}."})


def _back(message: dict[str, str]) -> Response:
    """Back to the history with a flash message (post/redirect/get: a reload re-posts nothing)."""
    return RedirectResponse(f"/supervisor/policy/history?{urlencode(message)}", status_code=303)
