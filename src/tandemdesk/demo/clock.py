"""The demo's calendar: "today" is the real today, and fast, precomputed date text.

The demo world lives up to the day it is generated: a year of history that ends today, orders
placed, shipped and late in the last days, so a newcomer's "where is my order?" meets a parcel
on its way, not one "delivered 439 days ago". The clock is read once, at import, as the start
of today (UTC); ``TANDEMDESK_DEMO_TODAY=YYYY-MM-DD`` pins it, and the same seed on the same
day gives byte-identical files. Times inside the generator are plain epoch seconds (ints are
cheap to add and compare); the ISO strings and the localised dates the messages quote come
from tables built once at import, because formatting a ``datetime`` per message would dominate
the streaming benchmark.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta


def _today() -> datetime:
    pinned = os.environ.get("TANDEMDESK_DEMO_TODAY", "").strip()
    day = date.fromisoformat(pinned) if pinned else datetime.now(UTC).date()
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


#: The demo company's "today" (the start of the day it is generated): every conversation lies
#: in the year before it.
REFERENCE = _today()
DAY = 86_400
HOUR = 3_600
REF_TS = int(REFERENCE.timestamp())
WINDOW_DAYS = 365
WINDOW_START_TS = REF_TS - WINDOW_DAYS * DAY

# Tables cover accounts opened up to four years back and estimates a month ahead.
_TABLE_START = REFERENCE - timedelta(days=4 * 365)
_TABLE_START_TS = int(_TABLE_START.timestamp())
_TABLE_DAYS = 4 * 365 + 45

_MONTHS: dict[str, tuple[str, ...]] = {
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    "de": (
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ),
    "fr": (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
    "es": (
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ),
}
_WEEKDAYS: dict[str, tuple[str, ...]] = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "de": ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"),
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    "es": ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"),
}
LANGUAGES: tuple[str, ...] = tuple(_MONTHS)


def _date_text(lang: str, day: datetime) -> str:
    month = _MONTHS[lang][day.month - 1]
    if lang == "de":
        return f"{day.day}. {month}"
    if lang == "fr":
        return f"{'1er' if day.day == 1 else day.day} {month}"
    if lang == "es":
        return f"{day.day} de {month}"
    return f"{day.day} {month}"


def _build() -> tuple[list[str], dict[str, list[str]], dict[str, list[str]]]:
    iso: list[str] = []
    dates: dict[str, list[str]] = {lang: [] for lang in LANGUAGES}
    weekday_dates: dict[str, list[str]] = {lang: [] for lang in LANGUAGES}
    for offset in range(_TABLE_DAYS):
        day = _TABLE_START + timedelta(days=offset)
        iso.append(day.strftime("%Y-%m-%dT"))
        for lang in LANGUAGES:
            text = _date_text(lang, day)
            weekday = _WEEKDAYS[lang][day.weekday()]
            dates[lang].append(text)
            sep = ", " if lang in ("de", "en") else " "
            weekday_dates[lang].append(f"{weekday}{sep}{text}")
    return iso, dates, weekday_dates


_ISO_DAYS, _DATES, _WEEKDAY_DATES = _build()
_MINUTES = tuple(f"{m // 60:02d}:{m % 60:02d}:" for m in range(24 * 60))
_SECONDS = tuple(f"{s:02d}Z" for s in range(60))


def iso(ts: int) -> str:
    """ISO-8601 UTC text (``2025-03-04T10:22:31Z``) of an epoch second, from the tables."""
    day, rest = divmod(ts - _TABLE_START_TS, DAY)
    minute, second = divmod(rest, 60)
    return _ISO_DAYS[day] + _MINUTES[minute] + _SECONDS[second]


def date_text(lang: str, ts: int) -> str:
    """How a person writing in ``lang`` names the day of ``ts`` ("3 March", "3. März")."""
    return _DATES[lang][(ts - _TABLE_START_TS) // DAY]


def weekday_text(lang: str, ts: int) -> str:
    """The day with its weekday, as an agent announces a delivery estimate."""
    return _WEEKDAY_DATES[lang][(ts - _TABLE_START_TS) // DAY]


def clamp(ts: int) -> int:
    """Keep a timestamp inside the tables (estimates far ahead, accounts far back)."""
    return max(_TABLE_START_TS, min(ts, _TABLE_START_TS + (_TABLE_DAYS - 1) * DAY))
