"""The policy's word on the people who answer: business hours, first-reply targets, presence,
recovery breaks and exposure alerts (the ``people:`` block, and ``hours`` /
``first_reply_minutes`` on a queue).

Why in the policy and not in settings: when a queue is open, how fast a customer must hear
from a person and when an agent gets a breather are decisions a team lead makes and changes,
and they belong with "who answers what" — reviewed, versioned and tried in shadow mode like
the rules. Everything here is pure (no clock, no database): callers pass the time.

Shape::

    people:
      hours: {timezone: Europe/Berlin, open: {mon-fri: "08:00-20:00", sat: "09:00-14:00"}}
      first_reply_minutes: {urgent: 15, high: 60, normal: 240, low: 1440}
      away_after_minutes: 15        # console idle this long: away; offline after the next
      offline_after_minutes: 120
      recovery_break: {after_abusive: true, after_distress: 0.9, minutes: 10}
      exposure_alerts: {hourly: 4, daily: 16, hard_share_ratio: 1.6, min_contacts: 8}
    queues:
      crisis: {hours: always, first_reply_minutes: {urgent: 5, high: 5, normal: 5, low: 5}}

Without ``hours`` a queue is always open; first-reply targets count business minutes only (a
message at 23:00 to a queue opening at 08:00 with a 60-minute target is due at 09:00).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator

from tandemdesk.decide.vocabulary import UrgencyLevel

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_SPAN = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")
DEFAULT_FIRST_REPLY: dict[str, int] = {"urgent": 15, "high": 60, "normal": 240, "low": 1440}
SEARCH_DAYS = 14  # a queue that opens less often than this is treated as never open


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _days(key: str) -> list[int]:
    """``"mon-fri"`` → [0..4]; ``"sat"`` → [5]; ``"mon,wed"`` → [0, 2]."""
    out: list[int] = []
    for part in key.lower().split(","):
        part = part.strip()
        if "-" in part:
            first, last = (p.strip() for p in part.split("-", 1))
            if first not in DAYS or last not in DAYS:
                raise ValueError(f"{key!r}: days are {', '.join(DAYS)} (e.g. mon-fri)")
            a, b = DAYS.index(first), DAYS.index(last)
            out += list(range(a, b + 1)) if a <= b else [*range(a, 7), *range(0, b + 1)]
        elif part in DAYS:
            out.append(DAYS.index(part))
        else:
            raise ValueError(f"{key!r}: days are {', '.join(DAYS)} (e.g. mon-fri)")
    return out


def _spans(value: str) -> list[tuple[int, int]]:
    """``"08:00-12:00, 13:00-18:00"`` → minutes of the day; ``"closed"`` → none."""
    if value.strip().lower() == "closed":
        return []
    spans = []
    for part in value.split(","):
        match = _SPAN.match(part)
        if not match:
            raise ValueError(f"{value!r}: write opening times as HH:MM-HH:MM (or 'closed')")
        h1, m1, h2, m2 = (int(x) for x in match.groups())
        start, end = h1 * 60 + m1, h2 * 60 + m2
        if not (0 <= start < end <= 24 * 60) or m1 > 59 or m2 > 59:
            raise ValueError(f"{value!r}: each span must start before it ends, within 00:00-24:00")
        spans.append((start, end))
    return sorted(spans)


class BusinessHours(_Strict):
    """When a queue is staffed, in its own time zone (``open``: days → spans)."""

    timezone: str = "UTC"
    open: dict[str, str] = Field(default_factory=dict)

    _week: dict[int, list[tuple[int, int]]] = PrivateAttr(default_factory=dict)
    _zone: ZoneInfo = PrivateAttr(default=ZoneInfo("UTC"))

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(f"unknown time zone {value!r} (e.g. Europe/Berlin, UTC)") from error
        return value

    @field_validator("open")
    @classmethod
    def _valid_week(cls, value: dict[str, str]) -> dict[str, str]:
        for key, spans in value.items():
            _days(key), _spans(spans)
        return value

    def model_post_init(self, context: object, /) -> None:
        week: dict[int, list[tuple[int, int]]] = {d: [] for d in range(7)}
        for key, spans in self.open.items():
            for day in _days(key):
                week[day] = _spans(spans)  # a later, more specific line wins ("sat": closed)
        self._week = week
        self._zone = ZoneInfo(self.timezone)

    def _intervals(self, day: date) -> list[tuple[datetime, datetime]]:
        out = []
        for start, end in self._week[day.weekday()]:
            midnight = datetime.combine(day, time(0), tzinfo=self._zone)
            out.append(
                (
                    (midnight + timedelta(minutes=start)).astimezone(UTC),
                    (midnight + timedelta(minutes=end)).astimezone(UTC),
                )
            )
        return out

    def open_spans(self, at: datetime) -> list[tuple[datetime, datetime]]:
        """Open intervals from ``at`` on (clipped to start at ``at``), up to two weeks."""
        local = at.astimezone(self._zone).date() - timedelta(days=1)
        out = []
        for offset in range(SEARCH_DAYS + 2):
            for start, end in self._intervals(local + timedelta(days=offset)):
                if end > at:
                    out.append((max(start, at), end))
        return out

    def is_open(self, at: datetime) -> bool:
        return any(start <= at for start, _ in self.open_spans(at)[:1])

    def next_open(self, at: datetime) -> datetime | None:
        """``at`` when open, else the next opening (None: never open in two weeks)."""
        spans = self.open_spans(at)
        return spans[0][0] if spans else None

    def add_business_minutes(self, at: datetime, minutes: float) -> datetime | None:
        """The moment ``minutes`` of opening time after ``at`` have passed."""
        left = timedelta(minutes=minutes)
        for start, end in self.open_spans(at):
            if end - start >= left:
                return start + left
            left -= end - start
        return None

    def business_seconds(self, start: datetime, end: datetime) -> float:
        """Opening time between two moments (what an SLA clock counts)."""
        total = 0.0
        for a, b in self.open_spans(start):
            if a >= end:
                break
            total += (min(b, end) - a).total_seconds()
        return total


Hours = BusinessHours | Literal["always"]
Minutes = Annotated[int, Field(ge=1, le=60 * 24 * 30)]


class RecoveryBreak(_Strict):
    """A breather offered after a hard contact; routing gives the agent nothing meanwhile."""

    after_abusive: bool = True
    after_distress: Annotated[float, Field(ge=0.0, le=1.0)] | None = 0.9
    minutes: Annotated[int, Field(ge=0, le=240)] = 10


class ExposureAlerts(_Strict):
    """When the lead is told: weighted hard contacts in an hour or a day over these, or a
    share of the team's hard conversations ``hard_share_ratio`` times the fair share (with
    at least ``min_contacts`` hard contacts, so two unlucky calls are not an alert)."""

    hourly: Annotated[float, Field(gt=0)] = 4.0
    daily: Annotated[float, Field(gt=0)] = 16.0
    hard_share_ratio: Annotated[float, Field(gt=1.0)] = 1.6
    min_contacts: Annotated[int, Field(ge=1)] = 8


class People(_Strict):
    """The ``people:`` block (see the module doc)."""

    hours: Hours = "always"
    first_reply_minutes: dict[UrgencyLevel, Minutes] = Field(
        default_factory=lambda: dict(DEFAULT_FIRST_REPLY)  # type: ignore[arg-type]
    )
    away_after_minutes: Annotated[int, Field(ge=1, le=24 * 60)] = 15
    offline_after_minutes: Annotated[int, Field(ge=1, le=7 * 24 * 60)] = 120
    recovery_break: RecoveryBreak = Field(default_factory=RecoveryBreak)
    exposure_alerts: ExposureAlerts = Field(default_factory=ExposureAlerts)


def hours_of(people: People, queue_hours: Hours | None) -> BusinessHours | None:
    """A queue's business hours (its own, else the team's); None: always open."""
    chosen = queue_hours if queue_hours is not None else people.hours
    return None if chosen == "always" else chosen


def first_reply_minutes(
    people: People, queue_targets: Mapping[Any, int] | None, urgency: str | None
) -> int:
    """The first-reply target for a conversation of ``urgency`` in a queue."""
    level = urgency if urgency in DEFAULT_FIRST_REPLY else "normal"
    if queue_targets and level in queue_targets:
        return int(queue_targets[level])
    targets: Mapping[Any, int] = people.first_reply_minutes
    return int(targets.get(level, DEFAULT_FIRST_REPLY[level]))


def due_at(arrived: datetime, minutes: int, hours: BusinessHours | None) -> datetime | None:
    """When the first reply is due: ``minutes`` of business time after ``arrived``."""
    if hours is None:
        return arrived + timedelta(minutes=minutes)
    return hours.add_business_minutes(arrived, minutes)
