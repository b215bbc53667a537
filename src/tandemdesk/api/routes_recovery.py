"""The dead-letter list over HTTP, for supervisors and admins: live messages given up on
(``dead``) or refused as invalid (``rejected``), and re-queueing one (``recovery.py``)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query

from tandemdesk.api.auth import SUPERVISOR
from tandemdesk.api.services import Services, services
from tandemdesk.failed_messages import counts, list_failed, requeue
from tandemdesk.recovery import recover_all

router = APIRouter(prefix="/v1", tags=["messages"])
MessageId = Annotated[int, Path(ge=1, le=2**31 - 1, description="The message's id.")]


@router.get("/messages/failed", dependencies=[SUPERVISOR])
def failed_messages(
    limit: Annotated[int, Query(ge=1, le=1000)] = 200, svc: Services = Depends(services)
) -> dict[str, Any]:
    """Messages given up on after too many attempts (``dead``) or refused as invalid
    (``rejected``), newest first, with the last error; ``states`` counts every recovery
    state (``failed`` and ``pending`` are still being retried)."""
    rows = list_failed(svc.workspace, limit=limit)
    return {
        "data": [row.to_dict() for row in rows],
        "count": len(rows),
        "states": counts(svc.workspace),
    }


@router.post("/messages/{message_id}/retry", dependencies=[SUPERVISOR])
async def retry_message(message_id: MessageId, svc: Services = Depends(services)) -> dict[str, Any]:
    """Re-queue one message from the failed list with fresh attempts and handle it now; the
    answer says what became of it (``handled`` with the result, or failed again)."""
    requeue(svc.workspace, message_id)
    report = await svc.batcher.run(recover_all, svc.orchestrator, force=True, ids=[message_id])
    return {
        **report.to_dict(),
        "results": [result.to_dict() for result in report.results],
    }
