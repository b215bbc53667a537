"""Field mapping: which column of a user's file holds which field of ours.

Users bring exports whose columns are named anything (BANKING77: ``text,category``; Bitext:
``instruction,intent``; a helpdesk: ``Ticket ID, Body``). ``--field text=instruction`` says it
explicitly; otherwise a short list of common aliases is tried, exact names first, then
ignoring case, spaces and hyphens (a helpdesk export's ``Email``, ``Ticket ID``). The plan is
made once from the header, so an unknown mapped column fails before any row is read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from tandemdesk.errors import UnusableInputError

CONVERSATION_FIELDS: dict[str, tuple[str, ...]] = {
    "conversation_id": ("conversation_id", "conversation", "ticket_id", "thread_id", "external_id"),
    "text": ("text", "message", "body", "content"),
    "author": ("author", "sender", "author_role"),
    "sent_at": ("sent_at", "timestamp", "time", "date"),
    "created_at": ("created_at", "created", "created_date", "date_created"),
    "channel": ("channel",),
    "subject": ("subject", "title"),
    "intent": ("intent", "label", "category"),
    "priority": ("priority",),
    "status": ("status",),
    "csat": ("csat", "satisfaction"),
    "customer_external_id": ("customer_external_id", "customer_id"),
    "customer_email": ("customer_email", "email"),
    "customer_phone": ("customer_phone", "phone"),
    "customer_name": ("customer_name", "name"),
    "language": ("language", "lang"),
    "message_id": ("message_id",),
    "thread_key": ("thread_key",),
    "reply": ("reply", "agent_reply"),
}

EVENT_FIELDS: dict[str, tuple[str, ...]] = {
    "external_id": ("external_id", "event_id", "id"),
    "type": ("type", "event", "event_type"),
    "occurred_at": ("occurred_at", "timestamp", "time", "date"),
    "customer_external_id": ("customer_external_id", "customer_id"),
    "customer_email": ("customer_email", "email"),
    "customer_phone": ("customer_phone", "phone"),
    "data": ("data",),
}

AGENT_FIELDS: dict[str, tuple[str, ...]] = {
    "external_id": ("external_id", "agent_id", "id"),
    "name": ("name",),
    "email": ("email",),
    "role": ("role",),
    "skills": ("skills",),
    "languages": ("languages",),
    "capacity": ("capacity",),
    "active": ("active",),
}


def parse_field_options(options: Iterable[str]) -> dict[str, str]:
    """``["text=instruction", "intent=category"]`` → ``{"text": "instruction", ...}``."""
    mapping: dict[str, str] = {}
    for option in options:
        ours, sep, theirs = option.partition("=")
        if not sep or not ours.strip() or not theirs.strip():
            raise UnusableInputError(
                f"--field takes OURS=THEIRS, e.g. text=instruction; got {option!r}"
            )
        mapping[ours.strip()] = theirs.strip()
    return mapping


@dataclass(frozen=True)
class ColumnPlan:
    """For each of our fields, the user's column that holds it (only the ones present)."""

    columns: dict[str, str]
    extra: tuple[str, ...]

    def pick(self, row: Mapping[str, object]) -> dict[str, object]:
        return {ours: row.get(theirs) for ours, theirs in self.columns.items()}


def plan_columns(
    header: Sequence[str],
    fields: Mapping[str, tuple[str, ...]],
    mapping: Mapping[str, str],
    required: tuple[str, ...] = (),
) -> ColumnPlan:
    """Decide once, from the header, which column feeds which field."""
    unknown = [ours for ours in mapping if ours not in fields]
    if unknown:
        raise UnusableInputError(
            f"unknown field {unknown[0]!r} in --field; known fields: {', '.join(fields)}"
        )
    present = set(header)
    columns: dict[str, str] = {}
    for ours, theirs in mapping.items():
        if theirs not in present:
            raise UnusableInputError(
                f"column {theirs!r} (for --field {ours}={theirs}) is not in the file; "
                f"columns: {', '.join(header)}"
            )
        columns[ours] = theirs
    taken = set(columns.values())
    loose: dict[str, str] = {}
    for name in header:
        loose.setdefault(_loose(name), name)
    for ours, aliases in fields.items():
        if ours in columns:
            continue
        for alias in aliases:
            found = alias if alias in present else loose.get(alias)
            if found is not None and found not in taken:
                columns[ours] = found
                taken.add(found)
                break
    for ours in required:
        if ours not in columns:
            raise UnusableInputError(
                f"no {ours} column (columns: {', '.join(header)}); "
                f"map one with --field {ours}=COLUMN"
            )
    extra = tuple(name for name in header if name and name not in taken)
    return ColumnPlan(columns, extra)


def _loose(name: str) -> str:
    """``" Ticket-ID "`` → ``"ticket_id"``: how a header is compared with an alias."""
    return re.sub(r"[\s-]+", "_", name.strip().lower())
