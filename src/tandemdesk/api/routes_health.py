"""Health checks (no auth: load balancers and orchestrators call them) and metrics."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Response
from fastapi.responses import JSONResponse
from sqlalchemy import text

from tandemdesk.api.auth import INTEGRATION
from tandemdesk.api.errors import error_body
from tandemdesk.api.services import Services, services
from tandemdesk.understand.encoder import shared_encoder
from tandemdesk.understand.pipeline import Pipeline

router = APIRouter(tags=["health"])


@router.get("/healthz")
def healthz() -> dict[str, str]:
    """The process is up."""
    return {"status": "ok"}


@router.get("/readyz")
def readyz(svc: Services = Depends(services)) -> JSONResponse:
    """Ready to take messages: the database answers and the models are loaded."""
    checks: dict[str, Any] = {}
    try:
        with svc.workspace.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        checks["database"] = "ok"
    except Exception as error:  # any failure means not ready; say which
        checks["database"] = f"unreachable: {type(error).__name__}"
    # The models are loaded when the server starts; an intent model is optional — without
    # one every message goes to a person — so say so, and say when the active one could not
    # be loaded (corrupt or missing files: the server started in that fallback mode).
    problems = svc.orchestrator.model_problems
    checks["models"] = "ok" if not problems else "fallback: " + "; ".join(problems.values())
    intent = svc.orchestrator.pipeline.intent
    if "intent" in problems:
        checks["intent_model"] = "unusable, see the server log: all to people"
    else:
        checks["intent_model"] = "ok" if intent is not None else "none trained: all to people"
    checks["second_opinion"] = _second_opinion(svc.orchestrator.pipeline)
    if checks["second_opinion"].startswith("ok") and intent is not None:
        checks["intent_second_opinion"] = (
            "ok" if intent.head is not None
            else "none: the intent model was trained with the setting off (retrain)"
        )  # fmt: skip
    if checks["database"] != "ok":
        return JSONResponse(error_body("not_ready", "not ready", **checks), status_code=503)
    return JSONResponse({"status": "ready", "checks": checks})


def _second_opinion(pipeline: Pipeline) -> str:
    """The encoder's distress second opinion: off, on for which messages, or turned on but
    unusable (the fast models answer alone; the server log says why)."""
    scope = pipeline.second_opinion_scope
    if scope == "off":
        return "off"
    if pipeline.second_opinion is None or shared_encoder() is None:
        return f"{scope} but unavailable, see the server log: fast models only"
    return f"ok ({scope})"


@router.get("/metrics", dependencies=[INTEGRATION])
def metrics(svc: Services = Depends(services)) -> Response:
    """Prometheus text format (scrape with a bearer token)."""
    return Response(svc.metrics.render(), media_type="text/plain; version=0.0.4")
