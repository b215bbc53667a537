"""The live policy's history: every version with who stored it, when and what it changed,
and a rollback to any of them (leads read; admins roll back, as they make policies live)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field

from tandemdesk.accounts import Principal
from tandemdesk.api.auth import ADMIN, SUPERVISOR
from tandemdesk.api.services import Services, services
from tandemdesk.policies import policy_history, rollback_policy

router = APIRouter(prefix="/v1", tags=["policy"])


class RollbackIn(BaseModel):
    """Which stored version's text becomes live again."""

    version: int = Field(ge=1, le=2**31 - 1)


@router.get("/policy/history", dependencies=[SUPERVISOR])
def get_policy_history(
    limit: int = Query(50, ge=1, le=500), svc: Services = Depends(services)
) -> dict[str, Any]:
    """Stored policy versions, newest first, each with its diff against the one before."""
    return {"versions": [entry.to_dict() for entry in policy_history(svc.workspace, limit)]}


@router.post("/policy/rollback")
def post_policy_rollback(
    body: RollbackIn, svc: Services = Depends(services), principal: Principal = ADMIN
) -> dict[str, Any]:
    """Make version ``body.version``'s text live again, stored as a new version."""
    version = rollback_policy(svc.workspace, body.version, by=principal.name)
    return {"version": version.version, "name": version.name, "note": version.note}
