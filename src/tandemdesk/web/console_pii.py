"""The console's side of masked payment data: a lead's Reveal button on a conversation's
masked message (``protect/reveal.py``: permission checked, every reveal audited) and the
audit page, ``/supervisor/reveals``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.responses import HTMLResponse

from tandemdesk.api.auth import check_csrf
from tandemdesk.api.services import services as _svc
from tandemdesk.protect.reveal import MAX_REASON_CHARS, list_reveals, reveal_message
from tandemdesk.web.console import _page, _who

router = APIRouter(include_in_schema=False)
AUDIT_PAGE = "/supervisor/reveals"
MessageId = Annotated[int, Path(ge=1, le=2**63 - 1)]


@router.post("/messages/{message_id}/reveal")
def reveal_post(
    request: Request,
    message_id: MessageId,
    reason: str = Form("", max_length=MAX_REASON_CHARS),
    csrf_token: str = Form(""),
) -> HTMLResponse:
    """Show one message's original text to a lead, once, on a page the browser must not
    keep (``no-store``); the reveal is recorded before the text is shown."""
    principal = _who(request)  # the role is checked by reveal_message (access.check_reveal)
    check_csrf(request, csrf_token)
    revealed = reveal_message(_svc(request).workspace, principal, message_id, reason)
    response = _page(request, "pii_reveal.html", principal, r=revealed, reason=reason.strip())
    response.headers["Cache-Control"] = "no-store"
    return response


@router.get(AUDIT_PAGE)
def reveals_page(
    request: Request, message_id: Annotated[int | None, Query(ge=1, le=2**63 - 1)] = None
) -> HTMLResponse:
    principal = _who(request, "supervisor")
    rows, total = list_reveals(_svc(request).workspace, principal, message_id=message_id, limit=500)
    return _page(request, "pii_reveals.html", principal, rows=rows, total=total,
                 message_id=message_id)  # fmt: skip
