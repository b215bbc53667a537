"""Who is calling, and may they: bearer tokens for integrations, session cookies for people.

Every route but the health checks and the login itself depends on ``require(...)``; a test
walks all routes to hold us to that. A cookie-authenticated request that changes something
must also carry the CSRF token of its session (a hidden form field in the console, the
``X-CSRF-Token`` header for scripts), so another site cannot post in a logged-in browser.

Valid tokens and sessions are cached for ``CACHE_SECONDS`` so a busy integration costs one
lookup per half minute, not one per message; revoking a token takes effect within that time.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from fastapi import Depends, Request, Response

from tandemdesk import accounts
from tandemdesk.accounts import Principal
from tandemdesk.errors import ForbiddenError, UnauthenticatedError
from tandemdesk.workspace import Workspace

SESSION_COOKIE = "tandemdesk_session"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
CACHE_SECONDS = 30.0


class PrincipalCache:
    """Token and session lookups with a short memory (a dict; the process is the scope)."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self._seen: dict[tuple[str, str], tuple[float, Principal | None]] = {}

    def lookup(self, kind: str, secret: str) -> Principal | None:
        key = (kind, secret)
        hit = self._seen.get(key)
        now = time.monotonic()
        if hit is not None and now - hit[0] < CACHE_SECONDS:
            return hit[1]
        find = accounts.from_token if kind == "token" else accounts.from_session
        principal = find(self.workspace, secret)
        if len(self._seen) > 10_000:
            self._seen.clear()
        self._seen[key] = (now, principal)
        return principal

    def forget(self, kind: str, secret: str) -> None:
        self._seen.pop((kind, secret), None)


def _cache(request: Request) -> PrincipalCache:
    cache: PrincipalCache = request.app.state.services.principals
    return cache


def check_csrf(request: Request, sent: str | None) -> None:
    """A change made with a session cookie must carry that session's CSRF token."""
    if sent != accounts.csrf_token(request.cookies.get(SESSION_COOKIE, "")):
        raise ForbiddenError("missing or wrong CSRF token for this session; reload and retry")


def start_session(request: Request, response: Response, token: str) -> None:
    """Hand the browser its session cookie (HTTP-only; ``Secure`` behind HTTPS)."""
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=int(accounts.SESSION_LIFETIME.total_seconds()),
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
    )


def end_session(request: Request, response: Response) -> None:
    """Close the caller's login session, here and in the credentials cache."""
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        accounts.logout(request.app.state.services.workspace, token)
        _cache(request).forget("session", token)
    response.delete_cookie(SESSION_COOKIE)


def optional_principal(request: Request) -> Principal | None:
    """The caller, or ``None`` when the request carries no valid credentials."""
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return _cache(request).lookup("token", header[7:].strip())
    cookie = request.cookies.get(SESSION_COOKIE)
    return _cache(request).lookup("session", cookie) if cookie else None


async def current_principal(request: Request) -> Principal:
    """The caller; 401 without credentials, 403 for a cookie post without its CSRF token."""
    principal = optional_principal(request)
    if principal is None:
        raise UnauthenticatedError(
            "log in, or send an API token as 'Authorization: Bearer <token>'"
        )
    if principal.kind == "user" and request.method not in SAFE_METHODS:
        sent = request.headers.get(CSRF_HEADER)
        if sent is None and "form" in request.headers.get("content-type", ""):
            sent = str((await request.form()).get(CSRF_FIELD, ""))
        check_csrf(request, sent)
    return principal


def require(*roles: str) -> Callable[..., Any]:
    """A dependency admitting callers whose role includes any of ``roles``."""

    def check(principal: Principal = Depends(current_principal)) -> Principal:
        if not any(principal.at_least(role) for role in roles):
            raise ForbiddenError(
                f"this needs the role {' or '.join(roles)}; you are {principal.role}",
                role=principal.role,
            )
        return principal

    return check


AGENT = Depends(require("agent"))
SUPERVISOR = Depends(require("supervisor"))
ADMIN = Depends(require("admin"))
INTEGRATION = Depends(require("integration", "supervisor"))
