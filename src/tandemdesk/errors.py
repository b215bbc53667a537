"""Every error a user can cause has a code, an HTTP status and a plain message.

One root (``TandemError``) so the CLI and the API can turn any of them into one shape:
``{"error": {"code": ..., "message": ..., "details": ...}}``. Anything else is a bug.
"""

from __future__ import annotations

from typing import Any, ClassVar


class TandemError(Exception):
    """Root of all expected errors."""

    code: ClassVar[str] = "error"
    http_status: ClassVar[int] = 400

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.details = details

    def to_dict(self) -> dict[str, Any]:
        """The JSON error shape used by the API and ``--json`` CLI output."""
        return {"error": {"code": self.code, "message": self.message, "details": self.details}}


class ConfigError(TandemError):
    """A setting is missing or wrong."""

    code = "config_error"
    http_status = 500


class UnusableInputError(TandemError):
    """A whole input cannot be used: missing file, unknown format, no text column."""

    code = "unusable_input"
    http_status = 422


class InvalidRecordError(TandemError):
    """One record (row, line, ticket) is bad; the rest of its file still lands."""

    code = "invalid_record"
    http_status = 422


class NotFoundError(TandemError):
    """The thing asked for does not exist."""

    code = "not_found"
    http_status = 404


class DatabaseError(TandemError):
    """The database cannot be reached or is not at the expected schema version."""

    code = "database_error"
    http_status = 503


class UnauthenticatedError(TandemError):
    """No valid token or login session came with the request."""

    code = "unauthenticated"
    http_status = 401


class ForbiddenError(TandemError):
    """The caller is known but their role may not do this."""

    code = "forbidden"
    http_status = 403


class ConflictError(TandemError):
    """The thing to create already exists (a username, say)."""

    code = "conflict"
    http_status = 409


class UnfilledPlaceholderError(InvalidRecordError):
    """A reply still contains ``{{placeholders}}``: sent, the customer would read them."""

    code = "unfilled_placeholder"


class TooManyAttemptsError(TandemError):
    """Too many failed logins for this account or address: wait ``retry_after`` seconds
    (the API also sends it as the ``Retry-After`` header)."""

    code = "too_many_attempts"
    http_status = 429


class NotAssigneeError(ForbiddenError):
    """An agent acted on a conversation that is not (or no longer) assigned to them."""

    code = "not_assignee"
