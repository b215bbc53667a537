"""The API edge's value types: every field a request carries, bounded by what the store can
hold, declared once and shared by the request bodies, the path and the query parameters.

Why here and not in the database: PostgreSQL refuses a value longer than its column, a NUL
character, an integer past 64 bits or a JSON ``NaN``; SQLite stores most of them silently.
Checked at the edge, both answer the same 422 in the one error shape, and nothing reaches
the store (or its error log) that it cannot keep. The lengths are the columns' lengths in
``models.py`` (a test holds the two together); the limits an operator may want to change
(message text, ``meta``, attachments, body and policy size) live in the settings and are
checked by ``api/limits.py``.

Text rules: single-line values (names, ids, channels …) refuse every control character;
multi-line text (messages, replies, notes, policies) allows tab, line feed and carriage
return. Lone surrogates (``"\\ud800"`` in JSON) are refused everywhere: they cannot be
encoded as UTF-8, so no store can keep them.
"""

from __future__ import annotations

import math
import re
from datetime import UTC, datetime
from typing import Annotated, Any

from annotated_types import Ge, Le, MaxLen, MinLen
from pydantic import AfterValidator, BeforeValidator, Field

from tandemdesk.timeutil import parse_timestamp

MAX_ID = 2**31 - 1  # the ids are INTEGER columns: 32 bits on PostgreSQL (SQLite: 64)
MAX_OFFSET = 1_000_000_000
MAX_JSON_INT = 2**63 - 1  # JSON numbers past 64 bits: most readers of the data would choke
EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
LATEST = datetime(2200, 1, 1, tzinfo=UTC)
MAX_JSON_DEPTH = 20
MAX_TEXT_CHARS = 1_000_000  # the hard cap; the settings' max_message_chars is usually lower


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_ANY_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def _bad_character(value: str, multiline: bool) -> str | None:
    """A description of the first character no store should get, or None."""
    found = (_CONTROL if multiline else _ANY_CONTROL).search(value)
    if found is None:
        return None
    char, position = found.group(), found.start()
    if "\ud800" <= char <= "\udfff":
        return f"contains an unpaired surrogate U+{ord(char):04X} at position {position}"
    name = "a NUL character" if char == "\x00" else f"control character U+{ord(char):04X}"
    return f"contains {name} at position {position}"


def single_line(value: str) -> str:
    """No control characters at all (names, ids, codes, addresses)."""
    problem = _bad_character(value, multiline=False)
    if problem:
        raise ValueError(problem)
    return value


def multi_line(value: str) -> str:
    """No control characters but tab, line feed and carriage return (free text)."""
    problem = _bad_character(value, multiline=True)
    if problem:
        raise ValueError(problem)
    return value


def json_value(value: Any) -> Any:
    """A JSON value every store keeps: safe strings (keys too), finite numbers, bounded
    nesting. PostgreSQL's JSONB refuses ``\\u0000`` and ``NaN``; deep nesting exhausts its
    stack, and ours when the value is written out again."""
    stack: list[tuple[Any, int, str]] = [(value, 0, "")]
    while stack:
        item, depth, where = stack.pop()
        if depth > MAX_JSON_DEPTH:
            raise ValueError(f"nested deeper than {MAX_JSON_DEPTH} levels at {where or 'top'}")
        if isinstance(item, str):
            problem = _bad_character(item, multiline=True)
            if problem:
                raise ValueError(f"{where or 'value'} {problem}")
        elif isinstance(item, float) and not math.isfinite(item):
            raise ValueError(f"{where or 'value'} is not a finite number")
        elif isinstance(item, int) and not isinstance(item, bool) and abs(item) > MAX_JSON_INT:
            raise ValueError(f"{where or 'value'} is beyond 64 bits")
        elif isinstance(item, dict):
            for key, child in item.items():
                problem = _bad_character(str(key), multiline=False)
                if problem:
                    raise ValueError(f"a key at {where or 'top'} {problem}")
                stack.append((child, depth + 1, f"{where}.{key}" if where else str(key)))
        elif isinstance(item, list):
            stack.extend((child, depth + 1, f"{where}[{i}]") for i, child in enumerate(item))
    return value


def sane_moment(value: datetime) -> datetime:
    """A time between 1900 and 2200: a year-1 date is a client's bug, and shifting it to
    UTC overflows."""
    aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    try:
        inside = EARLIEST <= aware < LATEST
    except OverflowError:
        inside = False
    if not inside:
        raise ValueError("must be between 1900-01-01 and 2200-01-01")
    return value


def any_timestamp(value: Any) -> Any:
    """The import formats too (RFC 2822 e-mail dates, epoch seconds), parsed as imports
    parse them; ISO 8601 and datetimes are left to pydantic."""
    if isinstance(value, str) and value.strip() and not value.strip()[:1].isdigit():
        try:
            return parse_timestamp(value)
        except OverflowError as e:
            raise ValueError(f"not a date/time: {value[:40]!r}") from e
    return value


LINE = AfterValidator(single_line)
TEXT = AfterValidator(multi_line)

# --- single-line values, each as long as the column it is stored in (models.py) -----------
# Conversation.channel, Message.channel
Channel = Annotated[str, MaxLen(30), LINE]
# Customer / Conversation / Agent / Article .external_id
ExternalId = Annotated[str, MaxLen(200), LINE]
# Message.external_id (and what In-Reply-To and References name)
MessageExternalId = Annotated[str, MaxLen(500), LINE]
# CustomerEvent.dedup_key (200) is "id:" + external_id
EventExternalId = Annotated[str, MaxLen(196), LINE]
# Customer.name, Agent.name, User.name
Name = Annotated[str, MaxLen(300), LINE]
# Customer.email, Identity.value
Email = Annotated[str, MaxLen(320), LINE]
# Customer.phone
Phone = Annotated[str, MaxLen(40), LINE]
# any identity value, or a customer id (Identity.value)
CustomerKey = Annotated[str, MaxLen(320), LINE]
# Customer.language, Article.language
Language = Annotated[str, MaxLen(16), LINE]
# Conversation.subject
Subject = Annotated[str, MaxLen(500), LINE]
# Conversation.thread_key
ThreadKey = Annotated[str, MaxLen(300), LINE]
# Conversation.intent, Decision.intent
Intent = Annotated[str, MaxLen(120), LINE]
# Conversation.queue
Queue = Annotated[str, MaxLen(60), LINE]
# Conversation.status
Status = Annotated[str, MaxLen(20), LINE]
# Decision.action
Action = Annotated[str, MaxLen(40), LINE]
# Decision.rule_id
RuleId = Annotated[str, MaxLen(80), LINE]
# CustomerEvent.type
EventType = Annotated[str, MaxLen(80), LINE]
# User.role, ApiToken.role
Role = Annotated[str, MaxLen(20), LINE]
# User.username
Username = Annotated[str, MaxLen(200), LINE]
# ApiToken.name
TokenName = Annotated[str, MaxLen(200), LINE]
# hashed, never stored: bounded so that hashing one stays cheap
Password = Annotated[str, MaxLen(1024), LINE]
# Article.title
Title = Annotated[str, MaxLen(500), LINE]
# an article's intents and tags
Tag = Annotated[str, MaxLen(120), LINE]
# words to look for
Search = Annotated[str, MaxLen(200), LINE]
# becomes "idem:<key>", a Message.external_id
IdempotencyKey = Annotated[str, MaxLen(200), LINE]

# --- multi-line text ----------------------------------------------------------------------
# messages, replies, drafts, article bodies (messages: max_message_chars, api/limits.py)
Text = Annotated[str, MinLen(1), MaxLen(MAX_TEXT_CHARS), TEXT]
# reasons and comments kept beside an action
Note = Annotated[str, MaxLen(10_000), TEXT]
# a policy file (bounded further by the settings' max_policy_chars, api/limits.py)
PolicyText = Annotated[str, MinLen(1), MaxLen(MAX_TEXT_CHARS), TEXT]

# --- numbers, times and JSON ----------------------------------------------------------------
DbId = Annotated[int, Ge(1), Le(MAX_ID)]
Offset = Annotated[int, Ge(0), Le(MAX_OFFSET)]
Score = Annotated[float, Field(allow_inf_nan=False)]
Moment = Annotated[datetime, AfterValidator(sane_moment)]
# a Moment also given as an e-mail date (what the import files accept)
Timestamp = Annotated[datetime, BeforeValidator(any_timestamp), AfterValidator(sane_moment)]
JsonObject = Annotated[dict[str, Any], AfterValidator(json_value)]
