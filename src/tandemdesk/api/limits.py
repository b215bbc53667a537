"""Size limits an operator sets (``config.Settings``), checked on a request body that has
already passed its schema (``api/fields.py`` holds the fixed limits: column lengths,
characters, ranges).

Why sizes: a 10 MB ``meta`` or a 5 MB policy is stored, read back on every page and every
decision, and slows everyone; nobody sends one on purpose. A refused value answers 422 in
the one error shape, naming the field and the limit, exactly as a schema violation does.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi.exceptions import RequestValidationError

from tandemdesk.config import Settings


def refuse(field: str, problem: str) -> RequestValidationError:
    """A 422 ``invalid_request`` for one field, as the schema check gives it."""
    return RequestValidationError(
        [{"loc": ("body", *field.split(".")), "msg": problem, "type": "too_long"}]
    )


def json_bytes(value: Any) -> int:
    """The stored size of a JSON value (UTF-8, compact)."""
    return len(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode())


def check_json(field: str, value: Any, limit: int) -> None:
    size = json_bytes(value)
    if size > limit:
        raise refuse(field, f"is {size:,} bytes as JSON; at most {limit:,} (max_meta_bytes)")


def check_message(
    settings: Settings, text: str, meta: dict[str, Any], attachments: list[dict[str, Any]]
) -> None:
    """A live message's text, ``meta`` and attachments list within the settings."""
    if len(text) > settings.max_message_chars:
        raise refuse(
            "text",
            f"has {len(text):,} characters; at most {settings.max_message_chars:,} "
            "(max_message_chars)",
        )
    check_json("meta", meta, settings.max_meta_bytes)
    if len(attachments) > settings.max_attachments:
        raise refuse(
            "attachments",
            f"lists {len(attachments):,}; at most {settings.max_attachments} (max_attachments)",
        )
    for position, attachment in enumerate(attachments):
        check_json(f"attachments.{position}", attachment, settings.max_meta_bytes)


def check_events(settings: Settings, data: list[dict[str, Any]]) -> None:
    """Each event's ``data`` within ``max_meta_bytes``."""
    for position, value in enumerate(data):
        check_json(f"events.{position}.data", value, settings.max_meta_bytes)


def check_policy(settings: Settings, content: str) -> None:
    """A policy text within ``max_policy_chars``."""
    if len(content) > settings.max_policy_chars:
        raise refuse(
            "content",
            f"has {len(content):,} characters; at most {settings.max_policy_chars:,} "
            "(max_policy_chars)",
        )
