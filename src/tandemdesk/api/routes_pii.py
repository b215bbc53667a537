"""Masked payment data: reveal one message's original (leads and admins, audited) and read
the audit. Card numbers and IBANs are masked at rest (``protect/store.py``), so every other
route shows them masked without doing anything."""

from __future__ import annotations

from typing import Annotated, Any

from annotated_types import MaxLen
from fastapi import APIRouter, Depends, Query, Response
from pydantic import BaseModel

from tandemdesk.accounts import Principal
from tandemdesk.api.auth import AGENT
from tandemdesk.api.fields import TEXT, DbId, Offset
from tandemdesk.api.services import Services, services
from tandemdesk.protect.reveal import MAX_REASON_CHARS, list_reveals, reveal_message

router = APIRouter(prefix="/v1", tags=["pii"])

Reason = Annotated[str, MaxLen(MAX_REASON_CHARS), TEXT]


class RevealIn(BaseModel):
    """Why the full number is needed (kept in the audit; optional but expected)."""

    reason: Reason = ""


@router.post("/messages/{message_id}/reveal")
def reveal(
    message_id: DbId,
    response: Response,
    body: RevealIn | None = None,
    principal: Principal = AGENT,
    svc: Services = Depends(services),
) -> dict[str, Any]:
    """The original text of a message whose card numbers or IBANs are masked. Team leads
    (supervisors) and admins only; every reveal is recorded (who, when, which message, why)
    and readable at ``GET /v1/pii/reveals``."""
    revealed = reveal_message(
        svc.workspace, principal, message_id, body.reason if body is not None else ""
    )
    response.headers["Cache-Control"] = "no-store"
    return revealed.to_dict()


@router.get("/pii/reveals")
def reveals(
    message_id: DbId | None = None,
    conversation_id: DbId | None = None,
    limit: int = Query(100, ge=1, le=1000),
    offset: Offset = 0,
    principal: Principal = AGENT,
    svc: Services = Depends(services),
) -> dict[str, Any]:
    """The reveal audit, newest first (team leads and admins)."""
    data, count = list_reveals(
        svc.workspace,
        principal,
        message_id=message_id,
        conversation_id=conversation_id,
        limit=limit,
        offset=offset,
    )
    return {"data": data, "count": count}
