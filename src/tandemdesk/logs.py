"""The server's log: one handler on the root logger, a format from the settings, and a filter
that masks personal data in every line as a second line of defence.

The first line of defence is not logging customer text at all: the request log carries the
route, status, duration and caller (``api/edge.py``), store errors their class and SQLSTATE
with the statement's parameters hidden (``api/store_errors.py``, ``db.make_engine``). The
filter catches what slips through anyway — an exception message quoting a value, a
library's debug line: card numbers, IBANs, e-mail addresses and phone numbers are replaced
by ``[CARD]``, ``[IBAN]``, ``[EMAIL]``, ``[PHONE]`` using the PII component
(``understand/pii.py``), in the message and in the traceback.

Before redacting, escape sequences a ``repr`` writes (``\\x00``, ``\\n``) and raw control
characters become spaces: glued to a card number they would hide its word boundary from the
detectors. Long digit runs that pass the Luhn check are masked whatever surrounds them.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
from typing import Any

from tandemdesk.understand.pii import luhn_valid, redact_text

_ESCAPES = re.compile(r"\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0abfnrtv])")
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_DIGIT_RUN = re.compile(r"\d(?:[ -]?\d){12,18}")
_HANDLER_NAME = "tandemdesk"


def _mask_digit_runs(text: str) -> str:
    def mask(match: re.Match[str]) -> str:
        digits = re.sub(r"\D", "", match.group())
        return "[CARD]" if luhn_valid(digits) else match.group()

    return _DIGIT_RUN.sub(mask, text)


def scrub(text: str) -> str:
    """``text`` with personal data masked (see the module docstring)."""
    if not text:
        return text
    cleaned = _CONTROLS.sub(" ", _ESCAPES.sub(" ", text))
    return _mask_digit_runs(redact_text(cleaned))


class RedactingFilter(logging.Filter):
    """Masks personal data in a record's message, traceback and stack (on the handler, so
    records from every library pass through it)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string must not lose the line
            message = f"{record.msg!r} (unformattable arguments)"
        record.msg, record.args = scrub(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = scrub(record.exc_text)
        if record.stack_info:
            record.stack_info = scrub(record.stack_info)
        return True


class _UTCFormatter(logging.Formatter):
    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(record.created))


class TextFormatter(_UTCFormatter):
    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s %(message)s")


class JsonFormatter(_UTCFormatter):
    """One JSON object per line: time, level, logger, message, the request's fields (when
    the line is a request line) and the traceback."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": self.formatTime(record),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        fields = getattr(record, "fields", None)
        if isinstance(fields, dict):
            line.update(fields)
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            line["traceback"] = record.exc_text
        return json.dumps(line, ensure_ascii=False, default=str)


def configure_logging(level: str = "info", fmt: str = "text", stream: Any = None) -> None:
    """Send every log record at ``level`` or above to ``stream`` (stderr), redacted.

    Idempotent: calling it again replaces tandemdesk's handler, leaves others alone. uvicorn
    is started with ``log_config=None`` so its own loggers come here too (no second,
    unfiltered handler)."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if handler.get_name() == _HANDLER_NAME:
            root.removeHandler(handler)
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.set_name(_HANDLER_NAME)
    handler.addFilter(RedactingFilter())
    handler.setFormatter(JsonFormatter() if fmt == "json" else TextFormatter())
    root.addHandler(handler)
    root.setLevel(level.upper())
    # uvicorn's access log would print query strings; the request log replaces it
    logging.getLogger("uvicorn.access").disabled = True
    # SQLAlchemy's statement log at debug prints every row read: customers' messages
    logging.getLogger("sqlalchemy.engine").setLevel(logging.WARNING)


def remove_logging() -> None:
    """Take tandemdesk's handler off the root logger again (tests, embedding)."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if handler.get_name() == _HANDLER_NAME:
            root.removeHandler(handler)
