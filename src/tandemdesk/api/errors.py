"""One JSON error shape for every failure: ``{"error": {"code", "message", "details"}}``.

``TandemError`` carries its own code and status; request validation, unknown routes and
methods are mapped here; anything else is a bug, logged with its traceback and answered with
``internal_error`` (no stack trace leaves the server).
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from starlette.exceptions import HTTPException

from tandemdesk.errors import InvalidRecordError, TandemError
from tandemdesk.listen.readers import describe

log = logging.getLogger(__name__)

HTTP_CODES = {
    400: "bad_request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    422: "invalid_request",
}


def error_body(code: str, message: str, **details: Any) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "details": details}}


def _where(loc: Any) -> str:
    return ".".join(str(part) for part in loc if part != "body") or "request"


async def _tandem(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, TandemError)
    retry = error.details.get("retry_after")  # a throttled login says when to come back
    headers = {"Retry-After": str(retry)} if retry is not None else None
    return JSONResponse(error.to_dict(), status_code=error.http_status, headers=headers)


async def _validation(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    problems = _problems(error.errors())
    first = problems[0] if problems else {"field": "request", "problem": "invalid"}
    message = f"{first['field']}: {first['problem']}"
    return JSONResponse(error_body("invalid_request", message, errors=problems), status_code=422)


async def _http(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, HTTPException)
    code = HTTP_CODES.get(error.status_code, "http_error")
    return JSONResponse(
        error_body(code, str(error.detail)), status_code=error.status_code, headers=error.headers
    )


async def _unexpected(request: Request, error: Exception) -> JSONResponse:
    # logged, with its traceback and through the redacting filter, by api/edge.py
    return JSONResponse(
        error_body("internal_error", "something went wrong on our side; it has been logged"),
        status_code=500,
    )


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(TandemError, _tandem)
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(HTTPException, _http)
    app.add_exception_handler(Exception, _unexpected)


def record_error(error: ValidationError) -> InvalidRecordError:
    """A record the body described but the store's rules refuse (``"   "`` as a message):
    ``invalid_record`` with the same ``details.errors`` as a request that fails its schema."""
    return InvalidRecordError(describe(error), errors=_problems(error.errors()))


def _problems(errors: Any) -> list[dict[str, str]]:
    """Each pydantic error as ``{"field", "problem"}``, once (a path id read by the route and
    by its dependency is reported twice)."""
    found = {
        (_where(item["loc"]), str(item["msg"]).removeprefix("Value error, ")): None
        for item in errors
    }
    return [{"field": field, "problem": problem} for field, problem in found]
