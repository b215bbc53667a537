"""The store's own errors, answered in the one error shape and logged without customer text
(and two kinds of bad input found below the edge: a number out of range, a late validation).

The edge (``api/fields.py``) refuses what the store cannot keep, so these should be rare: a
limit the edge does not know yet, a race between two writers, a database that went away.
When one happens, the client hears what kind of problem it was (422: a value the store
refuses; 409: it conflicts with something stored; 503: the database is unavailable, retry)
and the log gets the error class, the SQLSTATE and where it happened — never the statement's
parameters (the engine hides them, ``db.make_engine``) nor the driver's message, which can
quote a stored value (PostgreSQL's ``Key (email)=(…) already exists``).
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from sqlalchemy import exc

from tandemdesk.api.errors import error_body

log = logging.getLogger("tandemdesk.store")

# Python errors a driver raises for a value it cannot send (wrapped in StatementError)
_VALUE_ERRORS = (OverflowError, ValueError, UnicodeEncodeError, TypeError)


def describe(error: exc.StatementError) -> dict[str, str]:
    """What may be logged about a store error: its classes and SQLSTATE, nothing else."""
    orig = error.orig
    return {
        "error": type(error).__name__,
        "cause": type(orig).__name__ if orig is not None else "-",
        "sqlstate": str(getattr(orig, "sqlstate", None) or "-"),
    }


def classify(error: exc.StatementError) -> tuple[int, str, str]:
    """(status, code, message) for a client."""
    if isinstance(error, exc.DataError) or (
        not isinstance(error, exc.DBAPIError) and isinstance(error.orig, _VALUE_ERRORS)
    ):
        return (
            422,
            "invalid_request",
            "a value does not fit the store (too long, out of range, or with characters "
            "it refuses)",
        )
    if isinstance(error, exc.IntegrityError):
        return 409, "conflict", "this conflicts with something already stored; reload and retry"
    if isinstance(error, exc.OperationalError):
        return 503, "database_unavailable", "the database is busy or unreachable; retry shortly"
    return 500, "internal_error", "something went wrong on our side; it has been logged"


async def _store_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, exc.StatementError)
    status, code, message = classify(error)
    facts = describe(error)
    route = getattr(request.scope.get("route"), "path", "-")
    log.log(
        logging.ERROR if status >= 500 else logging.WARNING,
        "store refused %s %s: %s (%s, sqlstate %s)",
        request.method,
        route,
        facts["error"],
        facts["cause"],
        facts["sqlstate"],
    )
    headers = {"Retry-After": "1"} if status == 503 else None
    return JSONResponse(error_body(code, message), status_code=status, headers=headers)


async def _overflow(request: Request, error: Exception) -> JSONResponse:
    """A number or date past what the store or ``datetime`` can hold (sqlite3 raises
    ``OverflowError`` unwrapped): the client's value, so a 422; logged with its traceback
    because the edge should have refused it first."""
    route = getattr(request.scope.get("route"), "path", "-")
    log.warning("out of range on %s %s", request.method, route, exc_info=error)
    body = error_body("invalid_request", "a number or a date is out of range")
    return JSONResponse(body, status_code=422)


async def _late_validation(request: Request, error: Exception) -> JSONResponse:
    """A pydantic model built inside a route from the client's values refused them (the
    schema let them through): the client's input, so a 422 with each field's problem."""
    assert isinstance(error, ValidationError)
    route = getattr(request.scope.get("route"), "path", "-")
    log.warning("late validation error on %s %s: %s", request.method, route, error.title)
    problems = [
        {"field": ".".join(str(p) for p in item["loc"]) or "request",
         "problem": str(item["msg"]).removeprefix("Value error, ")}
        for item in error.errors(include_input=False)
    ]  # fmt: skip
    first = problems[0] if problems else {"field": "request", "problem": "invalid"}
    body = error_body("invalid_request", f"{first['field']}: {first['problem']}", errors=problems)
    return JSONResponse(body, status_code=422)


def install_store_errors(app: FastAPI) -> None:
    app.add_exception_handler(exc.StatementError, _store_error)
    app.add_exception_handler(OverflowError, _overflow)
    app.add_exception_handler(ValidationError, _late_validation)
