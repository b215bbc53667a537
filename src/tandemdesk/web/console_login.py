"""The console's login form: throttled like the API's, and safe from login CSRF.

Login CSRF (another site posting *its* username and password into a visitor's browser, who
then works — and types customer data — in the attacker's account) is stopped twice: the form
carries a random token that must match a ``SameSite=Strict`` cookie set with the form (a
cross-site post sends no such cookie and cannot read the token), and a post whose ``Origin``
or ``Sec-Fetch-Site`` names another site is refused outright.

Throttled attempts are answered 429 with ``Retry-After`` and a sentence a person can read.
"""

from __future__ import annotations

import hmac
import secrets
from typing import Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from tandemdesk import accounts
from tandemdesk.api.auth import check_same_origin, client_address, start_session
from tandemdesk.api.services import services as _svc
from tandemdesk.errors import ForbiddenError, TandemError, TooManyAttemptsError

LOGIN_CSRF_COOKIE = "tandemdesk_login_csrf"
router = APIRouter(include_in_schema=False)


def _templates(request: Request) -> Jinja2Templates:
    from tandemdesk.web.console import templates  # one Jinja environment for the console

    return templates


def _safe_next(target: str | None) -> str:
    """Where to go after logging in: only a path on this site (no ``//evil.example``)."""
    if target and target.startswith("/") and not target.startswith(("//", "/\\")):
        return target
    return "/"


def _form(
    request: Request,
    error: str | None = None,
    status: int = 200,
    next_path: str | None = None,
    headers: dict[str, str] | None = None,
) -> HTMLResponse:
    """The login page with a fresh form token, set as a cookie beside it."""
    token = secrets.token_urlsafe(24)
    context: dict[str, Any] = {"error": error, "login_csrf": token,
                               "next": _safe_next(next_path)}  # fmt: skip
    response = _templates(request).TemplateResponse(
        request, "login.html", context, status_code=status, headers=headers
    )
    response.set_cookie(
        LOGIN_CSRF_COOKIE,
        token,
        max_age=3600,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/login",
    )
    return response


@router.get("/login")
def login_page(request: Request, error: str | None = None, next: str | None = None) -> Response:
    return _form(request, error, next_path=next)


@router.post("/login")
async def login(
    request: Request,
    username: str = Form(""),
    password: str = Form(""),
    login_csrf: str = Form(""),
    next: str = Form("/"),
) -> Response:
    """Log in from the form; every refusal shows the form again with a readable reason."""
    cookie = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    try:
        check_same_origin(request)
        if not cookie or not hmac.compare_digest(cookie, login_csrf):
            raise ForbiddenError("this login form expired or came from another site")
    except ForbiddenError:
        message = "This login form expired or came from another site. Please log in again."
        return _form(request, message, status=403, next_path=next)
    try:
        token = await accounts.login_async(
            _svc(request).workspace, username, password, client_address(request)
        )
    except TooManyAttemptsError as error:
        seconds = int(error.details["retry_after"])
        minutes = f"{(seconds + 59) // 60} minutes" if seconds > 90 else f"{seconds} seconds"
        message = f"Too many failed logins. For your safety, please wait {minutes} and try again."
        return _form(request, message, 429, next, {"Retry-After": str(seconds)})
    except TandemError as error:
        return _form(request, error.message, status=error.http_status, next_path=next)
    response = RedirectResponse(_safe_next(next), status_code=303)
    start_session(request, response, token)
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/login")
    return response
