"""Logging in and out, who am I, and the admin's users and tokens."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse

from tandemdesk import accounts
from tandemdesk.accounts import Principal
from tandemdesk.api.auth import ADMIN, current_principal, end_session, start_session
from tandemdesk.api.schemas import LoginIn, TokenIn, UserIn
from tandemdesk.api.services import Services, services

router = APIRouter(prefix="/v1", tags=["accounts"])


@router.post("/session")
def login(body: LoginIn, request: Request, svc: Services = Depends(services)) -> JSONResponse:
    """Log in with a username and password: sets the session cookie and returns the CSRF
    token that must accompany changes made with it."""
    token = accounts.login(svc.workspace, body.username, body.password)
    principal = accounts.from_session(svc.workspace, token)
    assert principal is not None
    response = JSONResponse(
        {"role": principal.role, "name": principal.name, "csrf_token": accounts.csrf_token(token)}
    )
    start_session(request, response, token)
    return response


@router.delete("/session")
def logout(request: Request, _: Principal = Depends(current_principal)) -> JSONResponse:
    response = JSONResponse({"logged_out": True})
    end_session(request, response)
    return response


@router.get("/me")
def me(principal: Principal = Depends(current_principal)) -> dict[str, Any]:
    return {"kind": principal.kind, "role": principal.role, "name": principal.name,
            "agent_id": principal.agent_id}  # fmt: skip


@router.post("/tokens", status_code=201, dependencies=[ADMIN])
def create_token(body: TokenIn, svc: Services = Depends(services)) -> dict[str, str]:
    """A new API token; shown once, stored only as a digest."""
    return {"token": accounts.create_token(svc.workspace, body.role, body.name),
            "role": body.role}  # fmt: skip


@router.post("/users", status_code=201, dependencies=[ADMIN])
def create_user(body: UserIn, svc: Services = Depends(services)) -> dict[str, Any]:
    user = accounts.create_user(
        svc.workspace, body.username, body.password, body.role, body.name, body.agent
    )
    return {"username": body.username.strip().lower(), "role": user.role, "name": user.name,
            "agent_id": user.agent_id}  # fmt: skip
