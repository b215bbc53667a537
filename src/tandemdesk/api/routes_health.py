"""Health checks (no auth: load balancers and orchestrators call them) and metrics."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Response
from fastapi.responses import JSONResponse
from sqlalchemy import text

from tandemdesk.api.auth import INTEGRATION
from tandemdesk.api.errors import error_body
from tandemdesk.api.services import Services, services

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
    checks.update(svc.orchestrator.pipeline.encoder_checks())
    if checks["database"] != "ok":
        return JSONResponse(error_body("not_ready", "not ready", **checks), status_code=503)
    return JSONResponse({"status": "ready", "checks": checks})


@router.get("/metrics", dependencies=[INTEGRATION])
def metrics(svc: Services = Depends(services)) -> Response:
    """Prometheus text format (scrape with a bearer token)."""
    return Response(svc.metrics.render(), media_type="text/plain; version=0.0.4")
