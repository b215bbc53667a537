"""Who is calling, and may they: bearer tokens for integrations, session cookies for people.

Every route but the health checks and the login itself depends on ``require(...)``; a test
walks all routes to hold us to that. A cookie-authenticated request that changes something
must also carry the CSRF token of its session (a hidden form field in the console, the
``X-CSRF-Token`` header for scripts), so another site cannot post in a logged-in browser.

Every request's token or session is checked against the store (one indexed lookup): a
revoked token, a logged-out or deactivated user is refused on the very next request, in every
``serve --workers`` process, and after a ``tandemdesk tokens revoke`` run from another shell.
(A per-process cache once saved that lookup, but let a revoked token work for 30 s more.)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from fastapi import Depends, Request, Response

from tandemdesk import accounts
from tandemdesk.accounts import Principal
from tandemdesk.errors import ForbiddenError, UnauthenticatedError
from tandemdesk.workspace import Workspace

SESSION_COOKIE = "tandemdesk_session"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class PrincipalCache:
    """Token and session lookups. Not a cache any more (see the module's docstring): the
    name stays because ``Services`` holds one and the console calls through it."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace

    def lookup(self, kind: str, secret: str) -> Principal | None:
        find = accounts.from_token if kind == "token" else accounts.from_session
        return find(self.workspace, secret)

    def forget(self, kind: str, secret: str) -> None:
        """Nothing is remembered, so nothing to forget (kept for the callers)."""


def _cache(request: Request) -> PrincipalCache:
    cache: PrincipalCache = request.app.state.services.principals
    return cache


def check_csrf(request: Request, sent: str | None) -> None:
    """A change made with a session cookie must carry that session's CSRF token."""
    if sent != accounts.csrf_token(request.cookies.get(SESSION_COOKIE, "")):
        raise ForbiddenError("missing or wrong CSRF token for this session; reload and retry")


def check_same_origin(request: Request) -> None:
    """Login CSRF: refuse a login posted by another site's page (``Origin`` or the browser's
    ``Sec-Fetch-Site`` say so), which would log the victim's browser in as the attacker."""
    origin = request.headers.get("origin")
    # behind a proxy that rewrites Host, the host the browser saw is X-Forwarded-Host (a
    # cross-site form cannot set either header, so trusting it opens nothing)
    hosts = {request.headers.get("host", ""), request.headers.get("x-forwarded-host", "")}
    cross = request.headers.get("sec-fetch-site") == "cross-site"
    if origin is not None and (origin == "null" or urlsplit(origin).netloc not in hosts):
        cross = True
    if cross:
        raise ForbiddenError("a login must come from tandemdesk's own page", reason="cross_site")


def client_address(request: Request) -> str | None:
    """The caller's address, as the login throttle counts it (behind a proxy, run uvicorn
    with ``--forwarded-allow-ips`` so this is the client, not the proxy)."""
    return request.client.host if request.client else None


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
    """The caller, or ``None`` when the request carries no valid credentials (also left on
    ``request.state`` for the request log line, api/edge.py)."""
    header = request.headers.get("authorization", "")
    cookie = request.cookies.get(SESSION_COOKIE)
    if header.lower().startswith("bearer "):
        principal = _cache(request).lookup("token", header[7:].strip())
    else:
        principal = _cache(request).lookup("session", cookie) if cookie else None
    request.state.principal = principal
    return principal


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
