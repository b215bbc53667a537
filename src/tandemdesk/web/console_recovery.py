"""The console's failed-messages page (supervisors and admins): the dead-letter list of
``failed_messages.py`` with a Retry button per message, and the count the supervisor page
shows (``failed_banner.html``, through the ``failed_message_counts`` template global)."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from tandemdesk.api.auth import check_csrf
from tandemdesk.api.services import services as _svc
from tandemdesk.errors import TandemError
from tandemdesk.failed_messages import counts, list_failed, requeue
from tandemdesk.recovery import recover_all
from tandemdesk.web.console import _page, _who, templates

router = APIRouter(include_in_schema=False)
PAGE = "/supervisor/failed"


def failed_message_counts(request: Request) -> dict[str, int]:
    """Messages per recovery state, for the supervisor page's banner."""
    return counts(_svc(request).workspace)


templates.env.globals["failed_message_counts"] = failed_message_counts


@router.get(PAGE)
def failed_page(
    request: Request, notice: str | None = None, error: str | None = None
) -> HTMLResponse:
    principal = _who(request, "supervisor")
    workspace = _svc(request).workspace
    return _page(request, "failed_messages.html", principal, rows=list_failed(workspace),
                 states=counts(workspace), notice=notice, error=error)  # fmt: skip


@router.post(PAGE + "/{message_id}/retry")
async def retry_post(
    request: Request,
    message_id: Annotated[int, Path(ge=1, le=2**31 - 1)],
    csrf_token: str = Form(""),
) -> Response:
    """Re-queue one message and handle it now (on the handling thread), then show the list
    with what became of it."""
    _who(request, "supervisor")
    check_csrf(request, csrf_token)
    svc = _svc(request)
    try:
        requeue(svc.workspace, message_id)
        report = await svc.batcher.run(recover_all, svc.orchestrator, force=True, ids=[message_id])
    except TandemError as error:
        return RedirectResponse(f"{PAGE}?error={quote(error.message)}", status_code=303)
    if report.handled:
        notice = f"Message {message_id} was handled."
    elif report.claimed:
        notice = f"Message {message_id} failed again; see its error below."
    else:
        notice = f"Message {message_id} is being handled right now."
    return RedirectResponse(f"{PAGE}?notice={quote(notice)}", status_code=303)
