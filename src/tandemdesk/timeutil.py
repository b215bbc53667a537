"""Time is always timezone-aware UTC inside tandemdesk.

Imports bring every kind of timestamp (ISO 8601 with or without offset, email dates, epoch
seconds); this module turns them into aware UTC datetimes or says clearly why it cannot.
"""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime


def utcnow() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(UTC)


def parse_timestamp(value: object) -> datetime:
    """Parse an imported timestamp into aware UTC.

    Accepts datetimes, ISO 8601 strings (a trailing ``Z`` too), RFC 2822 email dates and
    epoch seconds. Naive values are taken as UTC, the only safe reading for a support history.
    """
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, int | float) and not isinstance(value, bool):
        parsed = datetime.fromtimestamp(float(value), UTC)
    elif isinstance(value, str) and value.strip():
        text = value.strip()
        try:
            parsed = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
        except ValueError:
            try:
                parsed = parsedate_to_datetime(text)
            except (TypeError, ValueError, IndexError):
                if text.replace(".", "", 1).isdigit():
                    parsed = datetime.fromtimestamp(float(text), UTC)
                else:
                    raise ValueError(f"not a date/time: {value!r}") from None
    else:
        raise ValueError(f"not a date/time: {value!r}")
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def stored_utc(value: datetime) -> datetime:
    """A timestamp on its way into the store, in UTC. A naive one is refused, not guessed:
    inside tandemdesk every datetime is aware, so a naive one is a bug upstream."""
    if value.tzinfo is None:
        raise ValueError("naive datetime given to the store; use aware UTC")
    return value.astimezone(UTC)


def as_utc(value: datetime) -> datetime:
    """Re-attach UTC to a datetime read back from a store that drops the zone (SQLite)."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
