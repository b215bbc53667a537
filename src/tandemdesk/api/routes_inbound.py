"""``POST /v1/inbound/email``: mail providers that POST the raw message (MIME) to a URL
deliver here; the same path as the IMAP poller (``listen.inbound_mail``)."""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse

from tandemdesk.api.auth import INTEGRATION
from tandemdesk.api.services import Services, services
from tandemdesk.errors import InvalidRecordError
from tandemdesk.listen.delivery import Delivery
from tandemdesk.listen.inbound_mail import receive_mail

router = APIRouter(prefix="/v1", tags=["messages"])


@router.post(
    "/inbound/email",
    dependencies=[INTEGRATION],
    status_code=201,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"message/rfc822": {"schema": {"type": "string", "format": "binary"}}},
        }
    },
)
async def inbound_email(request: Request, svc: Services = Depends(services)) -> JSONResponse:
    """One raw e-mail (the body, as received: ``message/rfc822`` or any binary type).

    Answers 201 with the outcome: ``handled`` (decided and answered like an API message, the
    result included), ``auto_reply`` (a bounce or out-of-office: stored, never answered) or
    ``ours`` (our own reply's copy); 422 ``invalid_record`` for bytes that are no e-mail."""
    raw = await request.body()
    loop = asyncio.get_running_loop()

    def handle(delivery: Delivery) -> Any:
        # the batcher runs on this event loop; the mail is parsed and stored on a thread
        return asyncio.run_coroutine_threadsafe(svc.batcher.submit(delivery), loop).result()

    outcome = await asyncio.to_thread(receive_mail, svc.workspace, raw, handle)
    if outcome.outcome == "rejected":
        raise InvalidRecordError(f"not an e-mail we can read: {outcome.reason}")
    status = 200 if (outcome.result or {}).get("duplicate") else 201
    return JSONResponse(outcome.to_dict(), status_code=status)
