"""Read a Zendesk-style ticket export.

Accepted shapes (docs/formats.md, "Zendesk export"):
- a JSON document ``{"tickets": [...], "users": [...]}`` (``users`` optional), streamed with
  ijson so a multi-gigabyte export never sits in memory, or
- JSONL with one ticket per line (``--format zendesk`` with a ``.jsonl`` file).

A ticket: ``id``, ``subject``, ``status`` (new/open/pending/hold/solved/closed), ``priority``,
``via.channel``, ``requester_id`` or an embedded ``requester`` {id, name, email, phone},
``tags``, ``created_at``, ``satisfaction_rating.score`` (good/bad or 1–5), and ``comments``
[{``author_id``, ``body`` or ``html_body``, ``public``, ``created_at``}]. Comments by the
requester are the customer's; others are agents'. Internal notes (``public: false``) are not
imported: they were never part of the conversation with the customer.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import ijson
from pydantic import ValidationError

from tandemdesk.listen.email_text import html_to_text
from tandemdesk.listen.readers import Parsed, describe
from tandemdesk.listen.records import STATUS_SYNONYMS, ConversationRecord
from tandemdesk.listen.sources import FileSource, Rejection, iter_jsonl

SATISFACTION = {"good": 5.0, "bad": 1.0}


def _users(source: FileSource) -> dict[str, dict[str, Any]]:
    users: dict[str, dict[str, Any]] = {}
    with source.path.open("rb") as handle:
        for user in ijson.items(handle, "users.item", use_float=True):
            if isinstance(user, dict) and "id" in user:
                users[str(user["id"])] = user
    return users


def ticket_to_record(
    ticket: Mapping[str, Any], users: Mapping[str, Mapping[str, Any]]
) -> dict[str, Any]:
    """Map one Zendesk ticket onto our conversation record (as a dict, validated by the caller)."""
    requester = ticket.get("requester") or {}
    requester_id = str(ticket.get("requester_id") or requester.get("id") or "")
    person = {**users.get(requester_id, {}), **requester}
    messages = []
    for comment in ticket.get("comments") or []:
        if not isinstance(comment, dict) or comment.get("public") is False:
            continue
        author_id = str(comment.get("author_id") or "")
        role = str(users.get(author_id, {}).get("role", "")).lower()
        is_customer = author_id == requester_id or role in {"end-user", "end_user"}
        text = comment.get("plain_body") or comment.get("body") or ""
        if not text and comment.get("html_body"):
            text = html_to_text(str(comment["html_body"]))
        messages.append(
            {
                "author": "customer" if is_customer else "agent",
                "text": text,
                "sent_at": comment.get("created_at"),
                "external_id": f"zendesk-comment:{comment['id']}" if comment.get("id") else None,
            }
        )
    rating = ticket.get("satisfaction_rating")
    score = rating.get("score") if isinstance(rating, dict) else None
    csat = SATISFACTION.get(score) if isinstance(score, str) else score
    via = ticket.get("via")
    return {
        "external_id": f"zendesk:{ticket['id']}" if ticket.get("id") is not None else None,
        "channel": via.get("channel") if isinstance(via, dict) else None,
        "subject": ticket.get("subject"),
        "status": STATUS_SYNONYMS.get(str(ticket.get("status", "")).lower()),
        "priority": ticket.get("priority"),
        "intent": ticket.get("type") if isinstance(ticket.get("type"), str) else None,
        "csat": csat if isinstance(csat, int | float) else None,
        "created_at": ticket.get("created_at"),
        "customer": {
            "external_id": f"zendesk-user:{requester_id}" if requester_id else None,
            "email": person.get("email"),
            "phone": person.get("phone"),
            "name": person.get("name"),
        },
        "labels": {"tags": ticket["tags"]} if ticket.get("tags") else {},
        "messages": messages,
    }


def read_zendesk(source: FileSource) -> Iterator[Parsed[ConversationRecord] | Rejection]:
    """Tickets as conversation records; ``line`` is the ticket's 1-based position (JSON)
    or its line (JSONL)."""
    if source.path.suffix.lower() in {".jsonl", ".ndjson"}:
        tickets: Iterator[tuple[int, Any]] = (
            (row.line, row.data) if not isinstance(row, Rejection) else (row.line, row)
            for row in iter_jsonl(source)
        )
        users: dict[str, dict[str, Any]] = {}
    else:
        users = _users(source)
        handle = source.open_binary()
        tickets = enumerate(ijson.items(handle, "tickets.item", use_float=True), start=1)
    try:
        for position, ticket in tickets:
            if isinstance(ticket, Rejection):
                yield ticket
                continue
            if not isinstance(ticket, dict):
                yield Rejection(position, "ticket is not a JSON object")
                continue
            try:
                yield Parsed(
                    position, ConversationRecord.model_validate(ticket_to_record(ticket, users))
                )
            except ValidationError as e:
                yield Rejection(position, f"ticket {ticket.get('id', '?')}: {describe(e)}")
    except ijson.JSONError as e:
        yield Rejection(0, f"the JSON document is broken after this point: {e}")
