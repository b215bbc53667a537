"""The console's delivery page (supervisors): the outbox by state, the dead letters with a
Re-send button, and (admins) the webhook subscriptions with their add and delete forms.

Same functions as the JSON API (``channels.outbox``, ``channels.webhooks``); a refused
action comes back as a message on the page, never a half-done change."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from tandemdesk.api.auth import check_csrf
from tandemdesk.api.services import services as _svc
from tandemdesk.channels import outbox, webhooks
from tandemdesk.db import transaction
from tandemdesk.errors import TandemError
from tandemdesk.timeutil import utcnow
from tandemdesk.web.console import _page, _who

router = APIRouter(include_in_schema=False)
PAGE = "/supervisor/deliveries"
DbId = Annotated[int, Path(ge=1, le=2**31 - 1)]


def _back(notice: str = "", error: str = "", status: str = "") -> Response:
    query = f"?status={quote(status)}&" if status else "?"
    query += f"notice={quote(notice)}" if notice else f"error={quote(error)}"
    return RedirectResponse(PAGE + query, status_code=303)


@router.get(PAGE)
def deliveries_page(
    request: Request,
    status: str = "dead",
    notice: str | None = None,
    error: str | None = None,
) -> HTMLResponse:
    principal = _who(request, "supervisor")
    status = status if status in (*outbox.STATUSES, "all") else "dead"
    with _svc(request).workspace.sessions() as session:
        found = outbox.list_deliveries(session, None if status == "all" else status, limit=100)
        hooks = [webhooks.public(s) for s in webhooks.listing(session)]
    return _page(request, "deliveries.html", principal, found=found, status=status,
                 statuses=outbox.STATUSES, resendable=outbox.RESENDABLE, hooks=hooks,
                 events=outbox.EVENTS, notice=notice, error=error)  # fmt: skip


@router.post(PAGE + "/{delivery_id}/resend")
def resend_post(request: Request, delivery_id: DbId, csrf_token: str = Form("")) -> Response:
    _who(request, "supervisor")
    check_csrf(request, csrf_token)
    try:
        outbox.resend_now(_svc(request).workspace.sessions, delivery_id)
    except TandemError as e:
        return _back(error=e.message)
    return _back(notice=f"Delivery {delivery_id} will be sent again now.")


@router.post("/supervisor/webhooks")
def webhook_create(
    request: Request,
    url: str = Form(""),
    event_names: list[str] = Form(default_factory=list, alias="events"),
    secret: str = Form(""),
    csrf_token: str = Form(""),
) -> Response:
    _who(request, "admin")
    check_csrf(request, csrf_token)
    try:
        with transaction(_svc(request).workspace.sessions) as session:
            made = webhooks.create(session, url.strip(), event_names, secret or None, "", utcnow())
            shown = made.secret
    except TandemError as e:
        return _back(error=e.message)
    outbox.forget_subscriptions()
    return _back(notice=f"Webhook added. Its signing secret (shown once): {shown}")


@router.post("/supervisor/webhooks/{subscription_id}/delete")
def webhook_delete(request: Request, subscription_id: DbId, csrf_token: str = Form("")) -> Response:
    _who(request, "admin")
    check_csrf(request, csrf_token)
    try:
        with transaction(_svc(request).workspace.sessions) as session:
            webhooks.delete(session, subscription_id, utcnow())
    except TandemError as e:
        return _back(error=e.message)
    outbox.forget_subscriptions()
    return _back(notice=f"Webhook {subscription_id} deleted; its waiting calls are cancelled.")
