"""Channels post here: customer messages (handled at once, answered with the decision) and
the business's events (orders, shipments) that answers and handoffs quote."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Header
from fastapi.responses import JSONResponse
from pydantic import ValidationError

from tandemdesk.actions_business import do_add_events
from tandemdesk.api import limits
from tandemdesk.api.auth import INTEGRATION
from tandemdesk.api.errors import record_error
from tandemdesk.api.fields import IdempotencyKey
from tandemdesk.api.schemas import EventsIn, MessageIn
from tandemdesk.api.services import Services, services
from tandemdesk.errors import InvalidRecordError
from tandemdesk.listen.delivery import Delivery
from tandemdesk.listen.readers import describe
from tandemdesk.listen.records import EventRecord, MessageRecord

router = APIRouter(prefix="/v1", tags=["messages"])


def to_delivery(body: MessageIn, idempotency_key: str | None) -> Delivery:
    """The orchestrator's input; an ``Idempotency-Key`` stands in for a missing message id,
    so a retried delivery is recognised and never stored twice."""
    external_id = body.external_id or (f"idem:{idempotency_key}" if idempotency_key else None)
    try:
        message = MessageRecord(
            text=body.text,
            sent_at=body.sent_at,
            external_id=external_id,
            in_reply_to=body.in_reply_to,
            references=body.references,
            attachments=body.attachments,
            meta=body.meta,
        )
    except ValidationError as error:
        raise record_error(error) from None
    return Delivery(
        customer=body.customer,
        message=message,
        channel=body.channel,
        subject=body.subject,
        conversation_external_id=body.conversation_external_id,
        thread_key=body.thread_key,
    )


@router.post("/messages", status_code=201, dependencies=[INTEGRATION])
async def post_message(
    body: MessageIn,
    idempotency_key: Annotated[IdempotencyKey | None, Header(alias="Idempotency-Key")] = None,
    svc: Services = Depends(services),
) -> JSONResponse:
    """Take in a customer message; returns the decision, its reasons, and the reply or the
    person it went to. A repeated delivery returns the first result (200, ``duplicate``)."""
    limits.check_message(svc.workspace.settings, body.text, body.meta, body.attachments)
    result = await svc.batcher.submit(to_delivery(body, idempotency_key))
    return JSONResponse(result.to_dict(), status_code=200 if result.duplicate else 201)


@router.post("/events", dependencies=[INTEGRATION])
def post_events(body: EventsIn, svc: Services = Depends(services)) -> dict[str, int]:
    """Append customer events (idempotent: an event sent twice is stored once)."""
    limits.check_events(svc.workspace.settings, [event.data for event in body.events])
    records = []
    for position, event in enumerate(body.events):
        try:
            records.append(EventRecord.model_validate(event.model_dump()))
        except ValidationError as error:
            raise InvalidRecordError(
                f"event {position}: {describe(error)}", position=position
            ) from None
    return do_add_events(svc.workspace, records)
