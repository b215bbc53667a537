"""Logging in and out, who am I, and the admin's users and tokens."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse

from tandemdesk import accounts, accounts_admin
from tandemdesk.accounts import Principal
from tandemdesk.api.auth import (
    ADMIN,
    check_same_origin,
    client_address,
    current_principal,
    end_session,
    start_session,
)
from tandemdesk.api.fields import ExternalId, Username
from tandemdesk.api.schemas import LoginIn, TokenIn, UserIn
from tandemdesk.api.services import Services, services

router = APIRouter(prefix="/v1", tags=["accounts"])


@router.post("/session")
async def login(body: LoginIn, request: Request, svc: Services = Depends(services)) -> JSONResponse:
    """Log in with a username and password: sets the session cookie and returns the CSRF
    token that must accompany changes made with it. Failed logins are throttled per account
    and per client address: 429 ``too_many_attempts`` with ``Retry-After`` (seconds), even
    for the right password, until the lockout ends. A post from another site is 403."""
    check_same_origin(request)
    token = await accounts.login_async(
        svc.workspace, body.username, body.password, client_address(request)
    )
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
def create_token(body: TokenIn, svc: Services = Depends(services)) -> dict[str, Any]:
    """A new API token; shown once, stored only as a digest. An ``agent`` token names its
    agent (``agent``: external id or email)."""
    token = accounts.create_token(svc.workspace, body.role, body.name, body.agent)
    return {"token": token, "role": body.role, "agent": body.agent,
            "prefix": token[: accounts.TOKEN_PREFIX_CHARS]}  # fmt: skip


@router.get("/tokens", dependencies=[ADMIN])
def list_tokens(svc: Services = Depends(services)) -> dict[str, Any]:
    """Every token (never the secret): id, name, role, prefix, agent, revoked or active."""
    data = accounts_admin.list_tokens(svc.workspace)
    return {"data": data, "count": len(data)}


@router.post("/tokens/{ref}/revoke", dependencies=[ADMIN])
def revoke_token(ref: ExternalId, svc: Services = Depends(services)) -> dict[str, Any]:
    """Revoke a token by id or prefix (``td_AbC12…``); its next request is a 401."""
    return accounts_admin.revoke_token(svc.workspace, ref)


@router.get("/users", dependencies=[ADMIN])
def list_users(svc: Services = Depends(services)) -> dict[str, Any]:
    """Every console user, with role, agent and whether they are active."""
    data = accounts_admin.list_users(svc.workspace)
    return {"data": data, "count": len(data)}


@router.post("/users/{username}/deactivate", dependencies=[ADMIN])
def deactivate_user(username: Username, svc: Services = Depends(services)) -> dict[str, Any]:
    """Switch a login off: it cannot log in, and its open sessions end now."""
    return accounts_admin.set_active(svc.workspace, username, active=False)


@router.post("/users/{username}/reactivate", dependencies=[ADMIN])
def reactivate_user(username: Username, svc: Services = Depends(services)) -> dict[str, Any]:
    """Switch a login on again (it logs in anew; its failed-login count is cleared)."""
    return accounts_admin.set_active(svc.workspace, username, active=True)


@router.post("/users", status_code=201, dependencies=[ADMIN])
def create_user(body: UserIn, svc: Services = Depends(services)) -> dict[str, Any]:
    user = accounts.create_user(
        svc.workspace, body.username, body.password, body.role, body.name, body.agent
    )
    return {"username": body.username.strip().lower(), "role": user.role, "name": user.name,
            "agent_id": user.agent_id}  # fmt: skip
