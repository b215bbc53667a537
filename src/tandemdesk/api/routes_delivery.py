"""Delivery and webhooks: what left (or did not), re-sending, subscriptions, and one message
as an integration reads it.

Admins manage webhook subscriptions; supervisors see the outbox and re-send dead deliveries;
an integration token reads any message it was told about (``GET /v1/messages/{id}``).
"""

from __future__ import annotations

from typing import Annotated, Any

from annotated_types import MaxLen
from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field
from sqlalchemy import select

from tandemdesk import access
from tandemdesk.accounts import Principal
from tandemdesk.api.auth import ADMIN, SUPERVISOR, require
from tandemdesk.api.fields import LINE, DbId, Offset, Status
from tandemdesk.api.services import Services, services
from tandemdesk.channels import outbox, webhooks
from tandemdesk.db import transaction
from tandemdesk.errors import NotFoundError
from tandemdesk.models import Delivery, Message, WebhookSubscription
from tandemdesk.timeutil import utcnow

router = APIRouter(prefix="/v1", tags=["delivery"])
READER = Depends(require("agent", "integration"))
STATUS_HELP = " | ".join((*outbox.STATUSES, "all"))


class WebhookIn(BaseModel):
    url: Annotated[str, LINE] = Field(
        min_length=1, max_length=2000, description="Where to POST events."
    )
    events: Annotated[list[Annotated[str, MaxLen(80), LINE]], MaxLen(100)] = Field(
        description=f"Any of {', '.join(outbox.EVENTS)}, or '*'."
    )
    secret: Annotated[str, LINE] | None = Field(
        default=None, max_length=300, description="Signs each call; made for you if left out."
    )
    description: Annotated[str, LINE] = Field(default="", max_length=300)


@router.post("/webhooks", status_code=201, dependencies=[ADMIN])
def create_webhook(body: WebhookIn, svc: Services = Depends(services)) -> dict[str, Any]:
    """Subscribe a URL to events; the answer carries the secret (store it: shown once)."""
    with transaction(svc.workspace.sessions) as session:
        made = webhooks.create(
            session, body.url, body.events, body.secret, body.description, utcnow()
        )
        result = webhooks.public(made, with_secret=True)
    outbox.forget_subscriptions()
    return result


@router.get("/webhooks", dependencies=[ADMIN])
def list_webhooks(svc: Services = Depends(services)) -> dict[str, Any]:
    with svc.workspace.sessions() as session:
        found = [webhooks.public(s) for s in webhooks.listing(session)]
    return {"data": found, "count": len(found)}


@router.delete("/webhooks/{subscription_id}", dependencies=[ADMIN])
def delete_webhook(subscription_id: DbId, svc: Services = Depends(services)) -> dict[str, Any]:
    """Stop the subscription; calls still waiting for it are cancelled."""
    with transaction(svc.workspace.sessions) as session:
        webhooks.delete(session, subscription_id, utcnow())
    outbox.forget_subscriptions()
    return {"id": subscription_id, "deleted": True}


@router.get("/webhooks/{subscription_id}/deliveries", dependencies=[ADMIN])
def webhook_deliveries(
    subscription_id: DbId,
    status: Status | None = Query(None, description=STATUS_HELP),
    limit: int = Query(50, ge=1, le=500),
    offset: Offset = 0,
    svc: Services = Depends(services),
) -> dict[str, Any]:
    """The subscription's delivery log, newest first (kept after it is deleted)."""
    with svc.workspace.sessions() as session:
        if session.get(WebhookSubscription, subscription_id) is None:
            raise NotFoundError(f"no webhook subscription {subscription_id}")
        return outbox.list_deliveries(session, status, subscription_id, None, limit, offset)


@router.get("/deliveries", dependencies=[SUPERVISOR])
def list_deliveries(
    status: Status | None = Query(None, description=STATUS_HELP),
    conversation_id: DbId | None = None,
    limit: int = Query(50, ge=1, le=500),
    offset: Offset = 0,
    svc: Services = Depends(services),
) -> dict[str, Any]:
    """The outbox, newest first, with counts per status (``status=dead``: the dead letters)."""
    with svc.workspace.sessions() as session:
        return outbox.list_deliveries(session, status, None, conversation_id, limit, offset)


@router.post("/deliveries/{delivery_id}/resend", dependencies=[SUPERVISOR])
def resend_delivery(delivery_id: DbId, svc: Services = Depends(services)) -> dict[str, Any]:
    """A failed or dead delivery gets fresh attempts, due now, under the same idempotency
    id; a sent one is refused (409)."""
    return outbox.resend_now(svc.workspace.sessions, delivery_id)


@router.get("/messages/{message_id:int}")
def get_message(
    message_id: DbId, principal: Principal = READER, svc: Services = Depends(services)
) -> dict[str, Any]:
    """One message and how its delivery stands. Integrations read every message (they are
    sent the events that name them); agents the messages of their own conversations."""
    with svc.workspace.sessions() as session:
        row = session.execute(
            select(Message, Delivery)
            .outerjoin(Delivery, Delivery.message_id == Message.id)
            .where(Message.id == message_id)
        ).first()
    if row is None:
        raise NotFoundError(f"no message {message_id}")
    message, delivery = row
    access.check_read_conversation(svc.workspace, principal, message.conversation_id)
    return {
        "id": message.id,
        "conversation_id": message.conversation_id,
        "author": message.author,
        "text": message.text,
        "channel": message.channel,
        "sent_at": message.sent_at.isoformat(),
        "agent_id": (message.meta or {}).get("agent_id"),
        "delivery": outbox.to_public(delivery) if delivery is not None else None,
    }
