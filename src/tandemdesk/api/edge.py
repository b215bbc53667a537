"""The outermost layer of the HTTP service: one log line per request, a body size limit, and
a last catch for errors nothing else handled.

Why a catch of our own: Starlette's outermost error layer answers an unhandled exception
with a 500 and then raises it again for the server to log. uvicorn then logs the whole
exception (with whatever customer text its message carries) and closes the connection, so
the client's next request on that keep-alive connection fails too. Caught here, the client
gets the 500 in the one error shape on a connection that stays open, and the log gets the
traceback once, through the redacting filter (``tandemdesk.logs``).

The request line says who asked for what and how it went — method, route, status, duration,
principal — and never carries a body, a query string, a header or a token. The path is the
route's template with its numeric ids filled in (``/v1/conversations/12/reply``); a text
parameter stays a placeholder (``/v1/customers/{key}``: the key may be an e-mail address).
"""

from __future__ import annotations

import inspect
import logging
import time
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tandemdesk.api.errors import error_body

log = logging.getLogger("tandemdesk.requests")
errors_log = logging.getLogger("tandemdesk.api")


def _principal(scope: Scope) -> str:
    """``user:<id>`` or ``token:<id>`` of the caller (ids, never names or secrets), ``-``
    when anonymous."""
    principal: Any = (scope.get("state") or {}).get("principal")
    if principal is None:
        return "-"
    if principal.kind == "user":
        return f"user:{principal.user_id}"
    return f"token:{principal.token_id}"


def route_path(scope: Scope) -> str:
    """The route's template with numeric path parameters filled in; ``-`` when no route
    matched (the raw path of an unknown URL is anyone's text)."""
    route = scope.get("route")
    template = getattr(route, "path", None)
    if not template:
        return "-"
    path = str(template)
    for name, value in (scope.get("path_params") or {}).items():
        if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
            path = path.replace("{" + name + "}", str(value)[:20])
    return path


class EdgeMiddleware:
    """Body limit, request log and the last catch, around the whole app."""

    def __init__(
        self, app: ASGIApp, max_body_bytes: int, larger: dict[str, int] | None = None
    ) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.larger = larger or {}  # paths that take bigger bodies (raw e-mail)

    def _limit(self, scope: Scope) -> int:
        return self.larger.get(scope.get("path", ""), self.max_body_bytes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 0
        limit = self._limit(scope)
        overflow = False  # the body passed the limit: the app's answer is replaced by a 413
        received = 0
        scope.setdefault("state", {})  # where auth leaves the caller for the log line

        async def watch(message: Message) -> None:
            nonlocal status
            if overflow:
                return
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        async def limited() -> Message:
            """``receive`` that stops a body sent in chunks, without a length, at the limit:
            the app is told the client left (raising here would reach it wrapped in whatever
            middleware reads the body, as a 400), and the 413 is sent below."""
            nonlocal overflow, received
            if overflow:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    overflow = True
                    return {"type": "http.disconnect"}
            return message

        try:
            try:
                if self._declared_too_large(scope):
                    await _too_large(limit)(scope, receive, watch)
                else:
                    await self.app(scope, limited, watch)
            except Exception as error:  # the last catch: see the module docstring
                if not overflow:
                    await self._unexpected(scope, receive, watch, error, started=status != 0)
                    status = status or 500
            if overflow and status == 0:
                await _too_large(limit)(scope, receive, send)
                status = 413
        finally:
            duration = (time.perf_counter() - start) * 1000
            fields = {
                "method": scope.get("method", "-"),
                "path": route_path(scope),
                "status": status or 500,
                "duration_ms": round(duration, 1),
                "principal": _principal(scope),
            }
            level = logging.WARNING if fields["status"] >= 500 else logging.INFO
            log.log(level, "request %s", logfmt(fields), extra={"fields": fields})

    async def _unexpected(
        self, scope: Scope, receive: Receive, send: Send, error: Exception, started: bool
    ) -> None:
        """Log an error nothing handled, with its traceback, and answer it if we still can."""
        errors_log.error(
            "unhandled %s on %s %s",
            type(error).__name__,
            scope.get("method"),
            route_path(scope),
            exc_info=error,
        )
        if not started:
            response = await _unexpected_response(scope, receive, error)
            await response(scope, receive, send)

    def _declared_too_large(self, scope: Scope) -> bool:
        for key, value in scope.get("headers") or ():
            if key == b"content-length":
                try:
                    return int(value) > self._limit(scope)
                except ValueError:
                    return False
        return False


def _too_large_message(limit: int) -> str:
    return f"the request body is larger than {limit:,} bytes (max_request_bytes)"


def _too_large(limit: int) -> JSONResponse:
    body = error_body("too_large", _too_large_message(limit), limit=limit)
    return JSONResponse(body, status_code=413, headers={"Connection": "close"})


async def _unexpected_response(scope: Scope, receive: Receive, error: Exception) -> Any:
    """The app's own answer to an unexpected error (its ``Exception`` handler, which the
    console may make an HTML page), or the JSON one."""
    app = scope.get("app")
    handlers = getattr(app, "exception_handlers", {}) or {}
    handler = handlers.get(Exception) or handlers.get(500)
    if handler is not None:
        try:
            response = handler(Request(scope, receive), error)
            return await response if inspect.isawaitable(response) else response
        except Exception:  # a broken error page must not hide the error
            errors_log.exception("the error handler failed")
    body = error_body("internal_error", "something went wrong on our side; it has been logged")
    return JSONResponse(body, status_code=500)


def logfmt(fields: dict[str, Any]) -> str:
    """``key=value`` pairs, values quoted when they hold a space or a quote."""
    parts = []
    for key, value in fields.items():
        text = str(value)
        if not text or any(c in text for c in ' "='):
            text = '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
        parts.append(f"{key}={text}")
    return " ".join(parts)


def install_edge(app: FastAPI, max_body_bytes: int, larger: dict[str, int] | None = None) -> None:
    """Add the edge around everything else (call after every other middleware); ``larger``:
    paths allowed a bigger body than ``max_body_bytes`` (``/v1/inbound/email``)."""
    app.add_middleware(EdgeMiddleware, max_body_bytes=max_body_bytes, larger=larger)
