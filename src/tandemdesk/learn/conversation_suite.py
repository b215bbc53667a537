"""A conversation test suite: what the live policy and models must do with given messages.

An automation expert runs one before changing the policy or a model (``tandemdesk
test-conversations FILE``): each case is a customer message with who wrote it and what a
demanding team lead expects ("distressed → a person", "thanks → a courtesy reply, never a
clarifying question", "where is my order → answered with the right order and carrier").

This module is the pure part, testable without a database: reading a suite file (YAML or
JSONL) with line-numbered errors per bad case, turning a customer's ``facts:`` into dated
events relative to now (so a suite never goes stale), deriving the flags a result shows,
comparing a result with a case's expectations, and the summary a lead reads. Running the
cases through the real write path is ``learn/suite_runner.py``.

Why flags instead of raw scores in a suite: a case says "distressed", not "distress ≥ 0.6";
the threshold is the live policy's, so a suite stays right when the policy's numbers move.
The flags added with issue 13 (risk, out of scope, small talk, asking for a person) are read
defensively from the understanding: a pipeline without them simply never raises them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from tandemdesk.decide import vocabulary
from tandemdesk.errors import UnusableInputError
from tandemdesk.timeutil import as_utc, parse_timestamp, utcnow

MAX_ERRORS = 200  # a file with more bad cases than this is reported by its first 200

BASE_FLAGS: tuple[str, ...] = (
    "distressed",  # distress ≥ the live policy's distress threshold
    "abusive",  # abuse ≥ the live policy's abuse threshold
    "threat",  # an abuse evidence that is a threat
    "urgent",  # urgency high or urgent
    "risk",  # any risk category detected
    "out_of_scope",  # about none of the intents the model knows
    "small_talk",  # nothing but small talk, of any kind
    "wants_person",  # the customer asks for a person
    "tried_already",  # the customer already tried the self-service step (or asks to redo it)
)


def allowed_flags() -> tuple[str, ...]:
    """Every flag a case may expect: the base flags, ``risk:<category>`` for each risk
    category and ``small_talk:<kind>`` for each kind of small talk the policy knows."""
    return (
        BASE_FLAGS
        + tuple(f"risk:{category}" for category in vocabulary.RISK_CATEGORIES)
        + tuple(f"small_talk:{kind}" for kind in vocabulary.SMALL_TALK)
    )


# ------------------------------------------------------------------------- relative time

_RELATIVE = re.compile(r"^\s*([+-])\s*(\d+(?:\.\d+)?)\s*(m|min|h|d|w)\s*$", re.IGNORECASE)
_UNITS = {"m": "minutes", "min": "minutes", "h": "hours", "d": "days", "w": "weeks"}

When = str | int | date | datetime


def resolve_time(value: When, now: datetime) -> datetime:
    """``-2d`` → two days before ``now``; ``+3h``, ``-30m``, ``-1w``, ``now`` likewise; an
    ISO date or time is taken as written (UTC when naive). Relative times keep a suite
    from going stale: "shipped two days ago, due tomorrow" stays true on every run."""
    if isinstance(value, datetime):
        return as_utc(value)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, 12, tzinfo=now.tzinfo)
    text = str(value).strip()
    if text.lower() == "now":
        return now
    found = _RELATIVE.match(text)
    if found:
        sign, amount, unit = found.groups()
        delta = timedelta(**{_UNITS[unit.lower()]: float(amount)})
        return now + delta if sign == "+" else now - delta
    try:
        return parse_timestamp(text)
    except ValueError:
        raise ValueError(
            f"not a time: {text!r} (write -2d, +1d, -3h, -30m, -1w, now or an ISO date)"
        ) from None


def _check_time(value: When | None) -> When | None:
    if value is not None:
        resolve_time(value, utcnow())
    return value


# ----------------------------------------------------------------------------- the format


class _Strict(BaseModel):
    """A misspelt key is an error that names the allowed ones, not a silently ignored line."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


ORDER_STATUSES = (
    "placed", "shipped", "exception", "delivered", "return_requested", "returned",
    "refunded", "cancelled",
)  # fmt: skip
OrderStatus = Literal[
    "placed", "shipped", "exception", "delivered", "return_requested", "returned",
    "refunded", "cancelled",
]  # fmt: skip


class OrderSpec(_Strict):
    """One order of an inline customer; dates are relative to the run (``-2d``) or absolute.

    ``status`` fills in the dates not given (``shipped`` → shipped a day ago, due in two
    days); dates given win. Without ``status`` the latest date given decides it.
    """

    number: str
    status: OrderStatus | None = None
    placed: When | None = None
    shipped: When | None = None
    eta: When | None = None
    delivered: When | None = None
    exception: str | None = None
    exception_at: When | None = None
    return_requested: When | None = None
    returned: When | None = None
    refunded: When | None = None
    cancelled: When | None = None
    carrier: str | None = None
    tracking: str | None = None
    total: float | None = None
    currency: str = "EUR"
    items: list[str] = Field(default_factory=list)
    refund_amount: float | None = None

    @field_validator("number", "tracking", mode="before")
    @classmethod
    def _text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int) else value

    @field_validator(
        "placed", "shipped", "eta", "delivered", "exception_at", "return_requested",
        "returned", "refunded", "cancelled",
    )  # fmt: skip
    @classmethod
    def _time(cls, value: When | None) -> When | None:
        return _check_time(value)


class EventSpec(_Strict):
    """Any other event of an inline customer (``account_locked``, ``payment_failed`` …)."""

    type: str = Field(min_length=1)
    at: When = "-1h"
    data: dict[str, Any] = Field(default_factory=dict)

    @field_validator("at")
    @classmethod
    def _time(cls, value: When) -> When:
        _check_time(value)
        return value


class FactsSpec(_Strict):
    """An inline customer: who they are and what happened to their orders."""

    name: str | None = None
    email: str | None = None
    phone: str | None = None
    language: str | None = None
    since: When | None = None
    orders: list[OrderSpec] = Field(default_factory=list)
    events: list[EventSpec] = Field(default_factory=list)

    @field_validator("since")
    @classmethod
    def _time(cls, value: When | None) -> When | None:
        return _check_time(value)

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        if value is not None and ("@" not in value or " " in value):
            raise ValueError(f"not an email address: {value!r}")
        return value


def _listed(value: Any) -> Any:
    """``action: automate`` and ``action: [automate]`` mean the same."""
    return [value] if isinstance(value, str) else value


def _unknown(kind: str, words: Iterable[str], allowed: Sequence[str]) -> None:
    bad = [w for w in words if w not in allowed]
    if bad:
        raise ValueError(
            f"unknown {kind} {', '.join(map(repr, bad))}; allowed: {', '.join(allowed)}"
        )


class Expectation(_Strict):
    """What must hold for a case to pass; every key is optional, all given must hold."""

    action: list[str] | None = None  # one of these
    action_not: list[str] = Field(default_factory=list)
    queue: str | None = None
    queue_not: list[str] = Field(default_factory=list)
    flags: list[str] = Field(default_factory=list)
    flags_not: list[str] = Field(default_factory=list)
    reply_contains: list[str] = Field(default_factory=list)
    reply_not_contains: list[str] = Field(default_factory=list)
    reply_language: str | None = None  # "any": not checked; default: the case's language
    no_reply: bool | None = None  # true: no reply at all; false: a reply must be sent

    _lists = field_validator(
        "action", "action_not", "queue_not", "flags", "flags_not", "reply_contains",
        "reply_not_contains", mode="before",
    )(_listed)  # fmt: skip

    @field_validator("action", "action_not")
    @classmethod
    def _actions(cls, value: list[str] | None) -> list[str] | None:
        _unknown("action", value or (), vocabulary.ACTIONS)
        return value

    @field_validator("flags", "flags_not")
    @classmethod
    def _flags(cls, value: list[str]) -> list[str]:
        _unknown("flag", value, allowed_flags())
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Expectation:
        both = set(self.flags) & set(self.flags_not)
        if both:
            raise ValueError(f"flags and flags_not both name {', '.join(sorted(both))}")
        if self.action and set(self.action) <= set(self.action_not):
            raise ValueError("action_not excludes every expected action")
        return self


class CaseSpec(_Strict):
    """One case as written in the file (docs/formats.md, "Conversation test suites")."""

    id: str | None = None
    name: str | None = None
    text: str
    language: str | None = None
    channel: str = "email"
    subject: str | None = None
    tags: list[str] = Field(default_factory=list)
    customer: str | None = None
    facts: FactsSpec | None = None
    expect: Expectation = Field(default_factory=Expectation)

    @field_validator("id", "name", "customer", mode="before")
    @classmethod
    def _text_id(cls, value: Any) -> Any:
        return (
            str(value) if isinstance(value, int | float) and not isinstance(value, bool) else value
        )

    @field_validator("text")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value:
            raise ValueError("text is empty")
        return value

    @field_validator("channel", "language")
    @classmethod
    def _lower(cls, value: str | None) -> str | None:
        return value.lower() if value else value

    @field_validator("tags", mode="before")
    @classmethod
    def _tags(cls, value: Any) -> Any:
        return _listed(value)

    @model_validator(mode="after")
    def _one_customer(self) -> CaseSpec:
        if self.customer and self.facts is not None:
            raise ValueError("a case names its customer by `customer:` or `facts:`, not both")
        return self


@dataclass(frozen=True)
class SuiteCase:
    """A valid case with where it is written; ``key`` names it in reports."""

    key: str
    line: int
    spec: CaseSpec

    @property
    def distress_case(self) -> bool:
        """Tagged distress, or expected to read as distressed: must reach a person."""
        return "distress" in self.spec.tags or "distressed" in self.spec.expect.flags


@dataclass(frozen=True)
class CaseError:
    line: int
    case: str | None
    error: str

    def __str__(self) -> str:
        return f"line {self.line}" + (f" ({self.case})" if self.case else "") + f": {self.error}"


class SuiteError(UnusableInputError):
    """The suite file cannot be used: every bad case is listed with its line."""

    def __init__(self, source: str, errors: Sequence[CaseError]) -> None:
        shown = list(errors[:MAX_ERRORS])
        more = len(errors) - len(shown)
        lines = "\n".join(f"  {e}" for e in shown) + (f"\n  … and {more} more" if more else "")
        noun = "problem" if len(errors) == 1 else "problems"
        super().__init__(
            f"{source}: {len(errors)} {noun}, nothing was run:\n{lines}",
            source=source,
            errors=[{"line": e.line, "case": e.case, "error": e.error} for e in shown],
        )
        self.errors = list(errors)


@dataclass(frozen=True)
class Suite:
    source: str
    cases: tuple[SuiteCase, ...]


def _describe(error: ValidationError) -> str:
    parts = []
    for item in error.errors()[:3]:
        where = ".".join(str(p) for p in item["loc"]) or "case"
        message = str(item["msg"]).removeprefix("Value error, ")
        if item["type"] == "extra_forbidden":
            message = "unknown key (a typo?)"
        parts.append(f"{where}: {message}")
    return "; ".join(parts)


def _node_line(node: yaml.Node | None, loc: Sequence[Any]) -> int | None:
    """The line (1-based) of the deepest node ``loc`` reaches in a YAML node tree."""
    line = None
    for part in loc:
        if node is None:
            break
        line = node.start_mark.line + 1
        child: yaml.Node | None = None
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value == str(part):
                    child = value
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            child = node.value[part] if part < len(node.value) else None
        node = child
    if node is not None:
        line = node.start_mark.line + 1
    return line


def _validate(
    data: Any, line: int, node: yaml.Node | None, defaults: Mapping[str, Any]
) -> SuiteCase | CaseError:
    if not isinstance(data, dict):
        return CaseError(line, None, f"a case is a mapping with `text:`, not {type(data).__name__}")
    label = data.get("id") or data.get("name")
    key = str(label) if label not in (None, "") else None
    merged = {**defaults, **data}
    try:
        spec = CaseSpec.model_validate(merged)
    except ValidationError as error:
        first = error.errors()[0]["loc"]
        return CaseError(_node_line(node, first) or line, key, _describe(error))
    return SuiteCase(key or f"line {line}", line, spec)


def _yaml_cases(
    text: str,
) -> tuple[list[tuple[Any, int, yaml.Node | None]], dict[str, Any], list[CaseError]]:
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark is not None else 1
        return [], {}, [CaseError(line, None, f"not valid YAML: {e.problem or e}")]
    except yaml.YAMLError as e:
        return [], {}, [CaseError(1, None, f"not valid YAML: {e}")]
    defaults: dict[str, Any] = {}
    items_node: yaml.Node | None = root
    if isinstance(data, dict):
        unknown = set(data) - {"cases", "defaults"}
        if unknown or "cases" not in data:
            return [], {}, [CaseError(1, None, "a suite is a list of cases, or a mapping with "
                                      "`cases:` (and optional `defaults:`)")]  # fmt: skip
        raw_defaults = data.get("defaults") or {}
        if not isinstance(raw_defaults, dict) or {"id", "text", "name"} & set(raw_defaults):
            return [], {}, [CaseError(_node_line(root, ["defaults"]) or 1, None,
                                      "`defaults:` is a mapping of case keys other than "
                                      "id, name and text")]  # fmt: skip
        defaults = raw_defaults
        items_node = next(
            (v for k, v in root.value if k.value == "cases"), None
        ) if isinstance(root, yaml.MappingNode) else None  # fmt: skip
        data = data["cases"]
    if data is None:
        return [], defaults, []
    if not isinstance(data, list) or not isinstance(items_node, yaml.SequenceNode):
        return [], {}, [CaseError(1, None, "a suite is a list of cases (`- text: …`)")]
    found = [
        (item, node.start_mark.line + 1, node)
        for item, node in zip(data, items_node.value, strict=True)
    ]
    return found, defaults, []


def _jsonl_cases(text: str) -> tuple[list[tuple[Any, int, yaml.Node | None]], list[CaseError]]:
    found: list[tuple[Any, int, yaml.Node | None]] = []
    errors: list[CaseError] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            found.append((json.loads(raw), number, None))
        except json.JSONDecodeError as e:
            errors.append(CaseError(number, None, f"not valid JSON: {e.msg} (column {e.colno})"))
    return found, errors


def parse_suite(text: str, *, source: str = "suite", jsonl: bool = False) -> Suite:
    """Validate a suite's text (YAML, or JSONL with ``jsonl``); every bad case is reported
    with its line in one ``SuiteError`` — a suite runs whole or not at all."""
    if jsonl:
        found, errors = _jsonl_cases(text)
        defaults: dict[str, Any] = {}
    else:
        found, defaults, errors = _yaml_cases(text)
    cases: list[SuiteCase] = []
    seen: dict[str, int] = {}
    for data, line, node in found:
        outcome = _validate(data, line, node, defaults)
        if isinstance(outcome, CaseError):
            errors.append(outcome)
            continue
        if outcome.key in seen:
            again = f"the id is also used on line {seen[outcome.key]}"
            errors.append(CaseError(line, outcome.key, again))
            continue
        seen[outcome.key] = line
        cases.append(outcome)
    if not errors and not cases:
        errors.append(CaseError(1, None, "the suite has no cases"))
    if errors:
        raise SuiteError(source, sorted(errors, key=lambda e: e.line))
    return Suite(source, tuple(cases))


def load_suite(path: Path) -> Suite:
    """Read and validate a suite file (``.jsonl``/``.ndjson``: JSONL; anything else: YAML)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UnusableInputError(f"suite file {path} does not exist", path=str(path)) from None
    except UnicodeDecodeError as e:
        raise UnusableInputError(f"suite file {path} is not UTF-8 text (byte {e.start})") from e
    except OSError as e:
        raise UnusableInputError(f"cannot read suite file {path}: {e.strerror}") from e
    jsonl = path.suffix.lower() in (".jsonl", ".ndjson")
    return parse_suite(text, source=str(path), jsonl=jsonl)


# ------------------------------------------------------------------------ facts → events


@dataclass(frozen=True)
class FactEvent:
    """An event of an inline customer, dated: what the import of events would store."""

    type: str
    occurred_at: datetime
    data: dict[str, Any]


_DATED = (
    "placed", "shipped", "delivered", "return_requested", "returned", "refunded", "cancelled",
    "exception_at",
)  # fmt: skip
# each status and the stages it implies, newest first
_CHAIN: dict[str, tuple[str, ...]] = {
    "placed": ("placed",),
    "shipped": ("shipped", "placed"),
    "exception": ("exception", "shipped", "placed"),
    "delivered": ("delivered", "shipped", "placed"),
    "return_requested": ("return_requested", "delivered", "shipped", "placed"),
    "returned": ("returned", "return_requested", "delivered", "shipped", "placed"),
    "refunded": ("refunded", "returned", "return_requested", "delivered", "shipped", "placed"),
    "cancelled": ("cancelled", "placed"),
}


_STAGE_GAP = timedelta(days=1, hours=2)  # a stage not given: this long before the next


def _order_times(order: OrderSpec, now: datetime) -> dict[str, datetime]:
    """Every lifecycle date of an order, the ones not given filled in from its status."""
    given = {
        name: resolve_time(value, now)
        for name in _DATED
        if (value := getattr(order, name)) is not None
    }
    if "exception_at" in given:
        given["exception"] = given.pop("exception_at")
    elif order.exception:
        given["exception"] = now - timedelta(hours=6)
    status: str = order.status or max(given, key=lambda k: given[k], default="placed")
    if "delivered" in _CHAIN[status] and "delivered" not in given:
        arrived = _arrival(order, given, status, now)
        if arrived is not None:
            given["delivered"] = arrived
    times: dict[str, datetime] = {}
    later = now
    for stage in _CHAIN[status]:  # newest first: each stage a day before the next unless given
        at = given.get(stage, later - _STAGE_GAP)
        times[stage] = at
        later = min(later, at)
    for stage, at in given.items():
        times.setdefault(stage, at)
    return times


def _arrival(
    order: OrderSpec, given: dict[str, datetime], status: str, now: datetime
) -> datetime | None:
    """When a delivered order whose delivery date is not given arrived: on its estimate, if
    that has passed, else two days after it shipped, else four after it was placed; never
    before it shipped, nor after the stages that follow delivery (given, or filled in a day
    apart up to now). None when nothing is given to go by, or no such time fits.

    Why: filled in like the other stages ("a day before the next"), an order written as
    ``{status: delivered, shipped: -70d, eta: -67d}`` arrived yesterday, 66 days late, and
    the live policy then read "delivered yesterday" into a suite case about an order that
    came two months ago (suite 16)."""
    eta = resolve_time(order.eta, now) if order.eta is not None else None
    shipped, placed = given.get("shipped"), given.get("placed")
    if eta is not None and eta <= now:
        arrived = eta
    elif shipped is not None:
        arrived = shipped + timedelta(days=2)
    elif placed is not None:
        arrived = placed + timedelta(days=4)
    else:
        return None
    later_stages = _CHAIN[status][: _CHAIN[status].index("delivered")]
    after = [given[stage] for stage in later_stages if stage in given]
    # the next stage: given, or filled in a day apart up to now
    before_next = min([now - len(later_stages) * _STAGE_GAP, *after])
    latest = before_next - _STAGE_GAP
    if shipped is not None and arrived < shipped:  # an estimate before it even left
        arrived = shipped + timedelta(days=2)
    arrived = min(arrived, latest)
    if shipped is not None and arrived <= shipped:  # squeezed: halfway to the next stage
        arrived = shipped + (before_next - shipped) / 2
    return None if shipped is not None and arrived <= shipped else arrived


def order_events(order: OrderSpec, now: datetime) -> list[FactEvent]:
    """The events an order's facts stand for, in the shape the events import stores."""
    times = _order_times(order, now)
    number = order.number.strip().upper()
    base: dict[str, Any] = {"order_number": number}
    events = []
    placed = {**base, "currency": order.currency}
    if order.total is not None:
        placed["total"] = order.total
    if order.items:
        placed["items"] = [{"name": name} for name in order.items]
    events.append(FactEvent("order_placed", times["placed"], placed))
    if "shipped" in times:
        shipped = dict(base)
        if order.carrier:
            shipped["carrier"] = order.carrier
        if order.tracking:
            shipped["tracking_number"] = order.tracking
        eta = resolve_time(order.eta, now) if order.eta is not None else None
        if eta is None and "delivered" not in times:
            eta = now + timedelta(days=2)
        if eta is not None:
            shipped["eta"] = eta.date().isoformat()
        events.append(FactEvent("order_shipped", times["shipped"], shipped))
    if "exception" in times:
        reason = order.exception or "delayed"
        events.append(
            FactEvent("delivery_exception", times["exception"], {**base, "reason": reason})
        )
    if "delivered" in times:
        delivered = {**base, **({"carrier": order.carrier} if order.carrier else {})}
        events.append(FactEvent("order_delivered", times["delivered"], delivered))
    if "return_requested" in times:
        events.append(FactEvent("return_requested", times["return_requested"], dict(base)))
    if "returned" in times:
        events.append(FactEvent("return_received", times["returned"], dict(base)))
    if "refunded" in times:
        amount = order.refund_amount if order.refund_amount is not None else order.total
        refund = {**base, "currency": order.currency}
        if amount is not None:
            refund["amount"] = amount
        events.append(FactEvent("order_refunded", times["refunded"], refund))
    if "cancelled" in times:
        events.append(FactEvent("order_cancelled", times["cancelled"], dict(base)))
    return sorted(events, key=lambda e: e.occurred_at)


def fact_events(facts: FactsSpec, now: datetime) -> list[FactEvent]:
    """All events of an inline customer: account, orders, and the extra events given."""
    events: list[FactEvent] = []
    if facts.since is not None:
        events.append(FactEvent("account_created", resolve_time(facts.since, now), {}))
    for order in facts.orders:
        events.extend(order_events(order, now))
    for extra in facts.events:
        events.append(FactEvent(extra.type, resolve_time(extra.at, now), dict(extra.data)))
    return sorted(events, key=lambda e: e.occurred_at)


# ---------------------------------------------------------------------- result → verdict


def _get(data: Any, *path: str) -> Any:
    for part in path:
        if not isinstance(data, Mapping):
            return None
        data = data.get(part)
    return data


def _number(value: Any) -> float:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0.0


def _risk_categories(understanding: Mapping[str, Any]) -> set[str]:
    """``risk.categories`` as pairs ``[[category, p], …]``, names, or ``{category: p}``."""
    raw = _get(understanding, "risk", "categories")
    if isinstance(raw, Mapping):
        return {str(k) for k, v in raw.items() if v is None or _number(v) > 0}
    found: set[str] = set()
    for item in raw if isinstance(raw, list) else ():
        if isinstance(item, str):
            found.add(item)
        elif isinstance(item, list | tuple) and item and isinstance(item[0], str):
            if len(item) < 2 or _number(item[1]) > 0:
                found.add(item[0])
        elif isinstance(item, Mapping) and isinstance(item.get("category"), str):
            found.add(item["category"])
    return found


def derive_flags(
    understanding: Mapping[str, Any], distress_threshold: float, abuse_threshold: float
) -> frozenset[str]:
    """The flags a result shows (``understanding`` is ``Understanding.to_dict()``), with the
    live policy's thresholds for distress and abuse."""
    flags: set[str] = set()
    if _number(_get(understanding, "distress", "value")) >= distress_threshold:
        flags.add("distressed")
    if _number(_get(understanding, "abuse", "value")) >= abuse_threshold:
        flags.add("abusive")
    evidence = _get(understanding, "abuse", "evidence")
    if any(_get(e, "detail") == "threat" for e in evidence or ()):
        flags.add("threat")
    if _get(understanding, "urgency", "label") in ("high", "urgent"):
        flags.add("urgent")
    risks = _risk_categories(understanding)
    if risks:
        flags.add("risk")
        flags.update(f"risk:{category}" for category in risks)
    if _get(understanding, "intent", "out_of_scope") is True:
        flags.add("out_of_scope")
    small_talk = _get(understanding, "dialogue", "small_talk")
    if isinstance(small_talk, str) and small_talk:
        flags.update(("small_talk", f"small_talk:{small_talk}"))
    if _get(understanding, "dialogue", "wants_person") is True:
        flags.add("wants_person")
    if _get(understanding, "dialogue", "tried_already") is True:
        flags.add("tried_already")
    return frozenset(flags)


@dataclass(frozen=True)
class Observed:
    """What the live flow did with a case's message, as a suite compares it."""

    action: str
    queue: str | None
    reply: str | None
    rule_id: str
    explanation: str
    flags: frozenset[str]
    reply_language: str | None = None
    intent: str | None = None
    distress: float = 0.0
    abuse: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "action": self.action, "queue": self.queue, "reply": self.reply,
            "rule_id": self.rule_id, "explanation": self.explanation,
            "flags": sorted(self.flags), "reply_language": self.reply_language,
            "intent": self.intent, "distress": self.distress, "abuse": self.abuse,
        }  # fmt: skip


def reply_language(reply: str | None) -> str | None:
    """The language a reply is written in (the best guess, however short the reply)."""
    if not reply or not reply.strip():
        return None
    from tandemdesk.understand.language import detect_language

    return detect_language(reply, min_confidence=0.0).code


def observe(
    result: Mapping[str, Any], distress_threshold: float, abuse_threshold: float
) -> Observed:
    """An ``Observed`` from ``HandleResult.to_dict()`` and the live policy's thresholds."""
    understanding = result.get("understanding") or {}
    reply = result.get("reply")
    intent = _get(understanding, "intent", "label")
    return Observed(
        action=str(result.get("action")),
        queue=result.get("queue"),
        reply=reply,
        rule_id=str(result.get("rule_id", "")),
        explanation=str(result.get("explanation", "")),
        flags=derive_flags(understanding, distress_threshold, abuse_threshold),
        reply_language=reply_language(reply),
        intent=intent if isinstance(intent, str) else None,
        distress=round(_number(_get(understanding, "distress", "value")), 3),
        abuse=round(_number(_get(understanding, "abuse", "value")), 3),
    )


ProblemKind = Literal["action", "queue", "flag", "reply", "reply_language", "error"]


@dataclass(frozen=True)
class Problem:
    """One expectation that did not hold: what was expected, what happened."""

    kind: ProblemKind
    expected: str
    got: str

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "expected": self.expected, "got": self.got}


def check(case: SuiteCase, observed: Observed) -> list[Problem]:
    """Every expectation of ``case`` that ``observed`` breaks (empty: the case passes)."""
    expect = case.spec.expect
    problems: list[Problem] = []
    if expect.action and observed.action not in expect.action:
        problems.append(Problem("action", "action " + " or ".join(expect.action), observed.action))
    if observed.action in expect.action_not:
        problems.append(Problem("action", f"action not {observed.action}", observed.action))
    if expect.queue is not None and observed.queue != expect.queue:
        problems.append(Problem("queue", f"queue {expect.queue}", f"queue {observed.queue}"))
    if observed.queue is not None and observed.queue in expect.queue_not:
        problems.append(Problem("queue", f"queue not {observed.queue}", f"queue {observed.queue}"))
    shown = ", ".join(sorted(observed.flags)) or "none"
    for flag in expect.flags:
        if flag not in observed.flags:
            problems.append(Problem("flag", f"flag {flag}", _flag_detail(flag, observed, shown)))
    for flag in expect.flags_not:
        if flag in observed.flags:
            problems.append(Problem("flag", f"not flag {flag}", f"flags {shown}"))
    problems += _reply_problems(case, observed)
    return problems


def _flag_detail(flag: str, observed: Observed, shown: str) -> str:
    if flag == "distressed":
        return f"distress {observed.distress:.2f}; flags {shown}"
    if flag == "abusive":
        return f"abuse {observed.abuse:.2f}; flags {shown}"
    return f"flags {shown}"


def _reply_problems(case: SuiteCase, observed: Observed) -> list[Problem]:
    expect = case.spec.expect
    reply = observed.reply or ""
    problems: list[Problem] = []
    if expect.no_reply is True and reply.strip():
        problems.append(Problem("reply", "no reply", f"reply {_short(reply, 60)!r}"))
    if expect.no_reply is False and not reply.strip():
        problems.append(Problem("reply", "a reply", "no reply"))
    lowered = reply.casefold()
    for needle in expect.reply_contains:
        if needle.casefold() not in lowered:
            got = f"reply {_short(reply, 60)!r}" if reply else "no reply"
            problems.append(Problem("reply", f"reply contains {needle!r}", got))
    for needle in expect.reply_not_contains:
        if reply and needle.casefold() in lowered:
            problems.append(
                Problem("reply", f"reply without {needle!r}", f"reply {_short(reply, 60)!r}")
            )
    wanted = expect.reply_language or case.spec.language
    if wanted and wanted != "any" and reply.strip() and observed.reply_language != wanted:
        problems.append(
            Problem("reply_language", f"reply in {wanted}", f"reply in {observed.reply_language}")
        )
    return problems


def _short(text: str, width: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


# ------------------------------------------------------------------------------- report


@dataclass(frozen=True)
class CaseOutcome:
    """One case's verdict: what happened (or the error it crashed with) and what failed."""

    case: SuiteCase
    observed: Observed | None
    problems: tuple[Problem, ...] = ()
    error: str | None = None

    @property
    def passed(self) -> bool:
        return self.error is None and not self.problems

    @property
    def reached_person(self) -> bool:
        return self.observed is not None and self.observed.action in vocabulary.HUMAN_ACTIONS

    @property
    def wrong_bot_reply(self) -> bool:
        """The bot replied alone (an answer or a courtesy reply) and should not have, or its
        reply failed a reply check: the failure a customer sees."""
        if self.observed is None or self.observed.action not in vocabulary.BOT_ACTIONS:
            return False
        return any(p.kind in ("action", "reply", "reply_language") for p in self.problems)

    def to_dict(self) -> dict[str, Any]:
        spec = self.case.spec
        return {
            "id": self.case.key, "line": self.case.line, "text": spec.text,
            "language": spec.language, "channel": spec.channel, "tags": spec.tags,
            "passed": self.passed, "error": self.error,
            "problems": [p.to_dict() for p in self.problems],
            "got": self.observed.to_dict() if self.observed else None,
        }  # fmt: skip


def judge(case: SuiteCase, observed: Observed) -> CaseOutcome:
    return CaseOutcome(case, observed, tuple(check(case, observed)))


def crashed(case: SuiteCase, error: BaseException) -> CaseOutcome:
    """A case whose message could not be handled: a failure with the error, not a crash."""
    message = f"{type(error).__name__}: {error}"
    return CaseOutcome(case, None, (Problem("error", "handled", message),), error=message)


@dataclass
class Tally:
    passed: int = 0
    failed: int = 0

    def add(self, ok: bool) -> None:
        if ok:
            self.passed += 1
        else:
            self.failed += 1

    def to_dict(self) -> dict[str, int]:
        return {"passed": self.passed, "failed": self.failed}


@dataclass
class SuiteReport:
    """The outcomes and the figures a lead reads first."""

    source: str
    outcomes: list[CaseOutcome]
    by_tag: dict[str, Tally] = field(default_factory=dict)
    by_language: dict[str, Tally] = field(default_factory=dict)
    second_opinion: str = "off"  # the distress second opinion's scope the run used

    def __post_init__(self) -> None:
        for outcome in self.outcomes:
            spec = outcome.case.spec
            for tag in spec.tags or ["(untagged)"]:
                self.by_tag.setdefault(tag, Tally()).add(outcome.passed)
            self.by_language.setdefault(spec.language or "(unset)", Tally()).add(outcome.passed)

    @property
    def failures(self) -> list[CaseOutcome]:
        return [o for o in self.outcomes if not o.passed]

    @property
    def passed(self) -> int:
        return sum(o.passed for o in self.outcomes)

    @property
    def distress_cases(self) -> list[CaseOutcome]:
        return [o for o in self.outcomes if o.case.distress_case]

    @property
    def distress_reached_person(self) -> int:
        return sum(o.reached_person for o in self.distress_cases)

    @property
    def distress_share(self) -> float | None:
        cases = self.distress_cases
        return self.distress_reached_person / len(cases) if cases else None

    @property
    def wrong_bot_replies(self) -> list[CaseOutcome]:
        return [o for o in self.outcomes if o.wrong_bot_reply]

    @property
    def wrong_automated(self) -> list[CaseOutcome]:
        """Automated answers (``automate``) that were wrong."""
        return [o for o in self.wrong_bot_replies if o.observed and o.observed.action == "automate"]

    def summary(self) -> dict[str, Any]:
        share = self.distress_share
        return {
            "cases": len(self.outcomes),
            "passed": self.passed,
            "failed": len(self.outcomes) - self.passed,
            "crashed": sum(o.error is not None for o in self.outcomes),
            "distress_to_person": {
                "cases": len(self.distress_cases),
                "reached_person": self.distress_reached_person,
                "share": None if share is None else round(share, 4),
            },
            "wrong_automated_replies": len(self.wrong_automated),
            "wrong_automated_cases": [o.case.key for o in self.wrong_automated],
            "wrong_bot_replies": len(self.wrong_bot_replies),
            "wrong_bot_reply_cases": [o.case.key for o in self.wrong_bot_replies],
            "by_tag": {tag: t.to_dict() for tag, t in sorted(self.by_tag.items())},
            "by_language": {lang: t.to_dict() for lang, t in sorted(self.by_language.items())},
            "second_opinion": self.second_opinion,
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "summary": self.summary(),
            "failures": [o.to_dict() for o in self.failures],
            "cases": [o.to_dict() for o in self.outcomes],
        }


def short(text: str, width: int = 60) -> str:
    """One line of at most ``width`` characters (for the failure table)."""
    return _short(text, width)
