"""What corrections teach, for leads: policy suggestions from decision overrides (and trying
one in shadow mode), and draft acceptance per answer (``learn/suggestions``,
``learn/drafts``)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query

from tandemdesk.api.auth import SUPERVISOR
from tandemdesk.api.services import Services, services
from tandemdesk.learn.drafts import draft_acceptance
from tandemdesk.learn.suggestions import policy_suggestions, try_suggestion

router = APIRouter(prefix="/v1", tags=["policy", "insights"])
Days = Annotated[float, Query(gt=0, le=400, description="How many days back to read.")]
Minimum = Annotated[
    int, Query(ge=1, le=1000, alias="min", description="Overrides of one intent and direction.")
]
SuggestionId = Annotated[str, Path(min_length=1, max_length=300, pattern=r"^[a-z_]+\.[\w.\-]+$")]


@router.get("/policy/suggestions", dependencies=[SUPERVISOR])
def get_suggestions(
    days: Days = 7, minimum: Minimum = 3, svc: Services = Depends(services)
) -> dict[str, Any]:
    """Policy changes that people's decision overrides argue for, most overruled first."""
    found = policy_suggestions(svc.workspace, days, minimum)
    return {"days": days, "suggestions": [s.to_dict() for s in found]}


@router.post("/policy/suggestions/{suggestion_id}/shadow", dependencies=[SUPERVISOR])
def shadow_suggestion(
    suggestion_id: SuggestionId,
    days: Days = 7,
    minimum: Minimum = 3,
    limit: Annotated[int, Query(ge=1, le=20_000)] = 2000,
    svc: Services = Depends(services),
) -> dict[str, Any]:
    """Try a suggestion in shadow mode: the patched policy against the live one on recent
    messages, and how many overruled messages it would now decide as people did. Nothing
    goes live (``PUT /v1/policy`` with the text does that)."""
    trial = try_suggestion(svc.workspace, suggestion_id, days, minimum, limit)
    result = trial.to_dict()
    result["policy"] = trial.file.read_text(encoding="utf-8")
    result.pop("file")
    return result


@router.get("/insights/drafts", dependencies=[SUPERVISOR])
def get_draft_acceptance(days: Days = 30, svc: Services = Depends(services)) -> dict[str, Any]:
    """Per answer: AI drafts sent as is, edited, replaced or unused; the most edited flagged."""
    return {"days": days, "answers": [r.to_dict() for r in draft_acceptance(svc.workspace, days)]}
