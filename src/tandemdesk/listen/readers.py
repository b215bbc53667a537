"""Files → validated records, streaming, each with the line it came from.

A reader yields ``Parsed(line, record)`` or ``Rejection(line, error)``. Validation happens
here, so nothing invalid reaches the write path; the error text is what the user reads in
the import summary, so it names the field and the problem.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from tandemdesk.listen.mapping import (
    AGENT_FIELDS,
    CONVERSATION_FIELDS,
    EVENT_FIELDS,
    ColumnPlan,
    plan_columns,
)
from tandemdesk.listen.records import (
    AgentRecord,
    ConversationRecord,
    EventRecord,
    MessageRecord,
)
from tandemdesk.listen.sources import FileSource, Rejection, Row, iter_csv, iter_jsonl

R = TypeVar("R", bound=BaseModel)

MAX_LABEL_CHARS = 500


@dataclass(frozen=True, slots=True)
class Parsed(Generic[R]):
    line: int
    record: R


def describe(error: ValidationError) -> str:
    """One readable sentence from a pydantic error: ``messages.0.text: message text is empty``."""
    parts = []
    for item in error.errors()[:3]:
        where = ".".join(str(p) for p in item["loc"]) or "record"
        message = str(item["msg"]).removeprefix("Value error, ")
        parts.append(f"{where}: {message}")
    return "; ".join(parts)


def _too_long(text: Any, max_chars: int) -> str | None:
    if isinstance(text, str) and len(text) > max_chars:
        return f"message text is {len(text):,} characters, more than the limit of {max_chars:,}"
    return None


# --- conversations -------------------------------------------------------------------------


def _customer_from_flat(values: Mapping[str, object]) -> dict[str, object]:
    return {
        "external_id": values.get("customer_external_id"),
        "email": values.get("customer_email"),
        "phone": values.get("customer_phone"),
        "name": values.get("customer_name"),
        "language": values.get("language"),
    }


def _labels(row: Mapping[str, object], plan: ColumnPlan) -> dict[str, Any]:
    return {
        name: row[name]
        for name in plan.extra
        if isinstance(row.get(name), str) and 0 < len(str(row[name])) <= MAX_LABEL_CHARS
    }


def read_conversations_csv(
    source: FileSource, mapping: Mapping[str, str], max_chars: int
) -> Iterator[Parsed[ConversationRecord] | Rejection]:
    """One message per row; consecutive rows with the same conversation id form one
    conversation. Without an id column every row is a conversation of its own."""
    rows = iter_csv(source)
    plan: ColumnPlan | None = None
    group: list[tuple[int, dict[str, object], MessageRecord]] = []
    group_id: object = None

    def flush() -> Iterator[Parsed[ConversationRecord] | Rejection]:
        if not group:
            return
        first_line, first, _ = group[0]
        data = {
            "external_id": first.get("conversation_id"),
            "channel": first.get("channel"),
            "subject": first.get("subject"),
            "intent": first.get("intent"),
            "priority": first.get("priority"),
            "status": group[-1][1].get("status") or first.get("status"),
            "csat": group[-1][1].get("csat") or first.get("csat"),
            "created_at": first.get("created_at"),
            "thread_key": first.get("thread_key"),
            "customer": _customer_from_flat(first),
            "labels": first.get("_labels", {}),
        }
        try:
            record = ConversationRecord.model_validate(
                {**data, "messages": [m for _, _, m in group]}
            )
        except ValidationError as e:
            yield Rejection(first_line, describe(e))
            return
        yield Parsed(first_line, record)

    for item in rows:
        if isinstance(item, Rejection):
            yield item
            continue
        if plan is None:
            plan = plan_columns(list(item.data), CONVERSATION_FIELDS, mapping, required=("text",))
        values = plan.pick(item.data)
        values["_labels"] = _labels(item.data, plan)
        problem = _too_long(values.get("text"), max_chars)
        if problem:
            yield Rejection(item.line, problem)
            continue
        try:
            message = MessageRecord.model_validate(
                {
                    "author": values.get("author"),
                    "text": values.get("text") or "",
                    "sent_at": values.get("sent_at"),
                    "external_id": values.get("message_id") or None,
                }
            )
            messages = [message]
            reply = values.get("reply")
            if isinstance(reply, str) and reply.strip():
                messages.append(
                    MessageRecord(author="agent", text=reply[:max_chars], sent_at=message.sent_at)
                )
        except ValidationError as e:
            yield Rejection(item.line, describe(e))
            continue
        conversation_id = values.get("conversation_id") or None
        if conversation_id is None or conversation_id != group_id:
            yield from flush()
            group = []
            group_id = conversation_id
        group.extend((item.line, values, m) for m in messages)
        if conversation_id is None:
            yield from flush()
            group = []
    yield from flush()


def read_conversations_jsonl(
    source: FileSource, mapping: Mapping[str, str], max_chars: int
) -> Iterator[Parsed[ConversationRecord] | Rejection]:
    """One conversation per line (docs/formats.md); a line with ``text`` and no ``messages``
    is a one-message conversation, so labelled data sets import as they are."""
    for item in iter_jsonl(source):
        if isinstance(item, Rejection):
            yield item
            continue
        data = dict(item.data)
        for ours, theirs in mapping.items():
            if theirs not in data:
                yield Rejection(
                    item.line, f"field {theirs!r} (for --field {ours}={theirs}) is missing"
                )
                break
            data[ours] = data.pop(theirs)
        else:
            if "messages" not in data and "text" in data:
                data["messages"] = [
                    {
                        "text": data.pop("text"),
                        "author": data.pop("author", None),
                        "sent_at": data.get("created_at"),
                    }
                ]
            if "conversation_id" in data and "external_id" not in data:
                data["external_id"] = data.pop("conversation_id")
            if not isinstance(data.get("customer"), dict):
                flat = _customer_from_flat(data)
                if isinstance(data.get("customer"), str):
                    flat["email" if "@" in data["customer"] else "external_id"] = data["customer"]
                data["customer"] = flat
            messages = data.get("messages")
            if isinstance(messages, list):
                problem = next(
                    (
                        p
                        for m in messages
                        if isinstance(m, dict)
                        if (p := _too_long(m.get("text"), max_chars))
                    ),
                    None,
                )
                if problem:
                    yield Rejection(item.line, problem)
                    continue
            try:
                yield Parsed(item.line, ConversationRecord.model_validate(data))
            except ValidationError as e:
                yield Rejection(item.line, describe(e))


# --- events --------------------------------------------------------------------------------


def _customer_ref(value: object) -> dict[str, object] | object:
    if isinstance(value, str):
        return {"email": value} if "@" in value else {"external_id": value}
    if isinstance(value, int):
        return {"external_id": str(value)}
    return value


def read_events(
    source: FileSource, fmt: str, mapping: Mapping[str, str]
) -> Iterator[Parsed[EventRecord] | Rejection]:
    """Customer journey events from CSV (extra columns become ``data``) or JSONL."""
    if fmt == "jsonl":
        for item in iter_jsonl(source):
            if isinstance(item, Rejection):
                yield item
                continue
            data = dict(item.data)
            for ours, theirs in mapping.items():
                if theirs in data:
                    data[ours] = data.pop(theirs)
            if "customer" not in data:
                data["customer"] = _customer_from_flat(data)
            data["customer"] = _customer_ref(data["customer"])
            try:
                yield Parsed(item.line, EventRecord.model_validate(data))
            except ValidationError as e:
                yield Rejection(item.line, describe(e))
        return
    plan: ColumnPlan | None = None
    for row in iter_csv(source):
        if isinstance(row, Rejection):
            yield row
            continue
        if plan is None:
            plan = plan_columns(list(row.data), EVENT_FIELDS, mapping, required=("type",))
        values = plan.pick(row.data)
        payload: dict[str, Any] = {name: row.data[name] for name in plan.extra if row.data[name]}
        raw_data = values.get("data")
        if isinstance(raw_data, str) and raw_data.strip():
            try:
                parsed = json.loads(raw_data)
            except json.JSONDecodeError:
                yield Rejection(row.line, "data: not valid JSON")
                continue
            if isinstance(parsed, dict):
                payload.update(parsed)
        try:
            yield Parsed(
                row.line,
                EventRecord.model_validate(
                    {
                        "external_id": values.get("external_id") or None,
                        "type": values.get("type"),
                        "occurred_at": values.get("occurred_at"),
                        "customer": _customer_from_flat(values),
                        "data": payload,
                    }
                ),
            )
        except ValidationError as e:
            yield Rejection(row.line, describe(e))


# --- agents --------------------------------------------------------------------------------


def read_agents(
    source: FileSource, fmt: str, mapping: Mapping[str, str]
) -> Iterator[Parsed[AgentRecord] | Rejection]:
    """The support team: CSV (lists as ``a;b``) or JSONL."""
    rows: Iterator[Row | Rejection] = iter_jsonl(source) if fmt == "jsonl" else iter_csv(source)
    plan: ColumnPlan | None = None
    for row in rows:
        if isinstance(row, Rejection):
            yield row
            continue
        if fmt == "jsonl":
            data = {ours: row.data.get(theirs) for ours, theirs in mapping.items()} | {
                k: v for k, v in row.data.items() if k not in mapping.values()
            }
        else:
            if plan is None:
                plan = plan_columns(list(row.data), AGENT_FIELDS, mapping, required=("name",))
            data = {k: v for k, v in plan.pick(row.data).items() if v not in (None, "")}
        if not data.get("external_id"):
            data["external_id"] = data.get("email") or data.get("name")
        try:
            yield Parsed(row.line, AgentRecord.model_validate(data))
        except ValidationError as e:
            yield Rejection(row.line, describe(e))
