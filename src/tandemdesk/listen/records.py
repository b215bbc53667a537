"""The validated shape of what comes in, whatever the source (file import, email, API).

Readers turn raw rows into these records; a row that does not validate becomes a rejection
with its line number and the pydantic message, and never reaches the database. The field
names here are the documented file format (docs/formats.md).
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from tandemdesk.timeutil import parse_timestamp

Author = Literal["customer", "agent", "bot"]
AUTHOR_ALIASES: dict[str, Author] = {
    "customer": "customer",
    "client": "customer",
    "user": "customer",
    "end-user": "customer",
    "end_user": "customer",
    "requester": "customer",
    "agent": "agent",
    "staff": "agent",
    "admin": "agent",
    "support": "agent",
    "bot": "bot",
    "assistant": "bot",
    "system": "bot",
}


def content_key(*parts: object) -> str:
    """A stable 40-hex fingerprint of some values (used for idempotent re-imports)."""
    digest = hashlib.sha1(usedforsecurity=False)
    for part in parts:
        digest.update(repr(part).encode("utf-8", "surrogatepass"))
        digest.update(b"\x1f")
    return digest.hexdigest()


def normalize_email(value: str) -> str:
    return value.strip().lower()


def normalize_phone(value: str) -> str:
    """Digits with a leading ``+`` when international (``0044…`` → ``+44…``)."""
    text = value.strip()
    digits = "".join(ch for ch in text if ch.isdigit())
    if text.startswith("+"):
        return "+" + digits
    if digits.startswith("00"):
        return "+" + digits[2:]
    return digits


class _Record(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)


class CustomerRef(_Record):
    """How a source names a customer: any of these identifies them."""

    external_id: str | None = None
    email: str | None = None
    phone: str | None = None
    name: str | None = None
    language: str | None = None

    @field_validator("external_id", "email", "phone", "name", "language", mode="before")
    @classmethod
    def _blank_is_none(cls, value: Any) -> Any:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if "@" not in value or " " in value.strip():
            raise ValueError(f"not an email address: {value!r}")
        return normalize_email(value)

    @field_validator("phone")
    @classmethod
    def _phone(cls, value: str | None) -> str | None:
        if value is None:
            return None
        normalized = normalize_phone(value)
        if len(normalized.lstrip("+")) < 5:
            raise ValueError(f"not a phone number: {value!r}")
        return normalized

    def is_empty(self) -> bool:
        return not (self.external_id or self.email or self.phone)


class MessageRecord(_Record):
    author: Author = "customer"
    text: str
    sent_at: datetime | None = None
    external_id: str | None = None
    in_reply_to: str | None = None
    references: list[str] = Field(default_factory=list)
    attachments: list[dict[str, Any]] = Field(default_factory=list)
    meta: dict[str, Any] = Field(default_factory=dict)

    @field_validator("author", mode="before")
    @classmethod
    def _author(cls, value: Any) -> Any:
        if value is None or (isinstance(value, str) and not value.strip()):
            return "customer"
        if isinstance(value, str):
            alias = AUTHOR_ALIASES.get(value.strip().lower())
            if alias is None:
                raise ValueError(f"author must be customer, agent or bot, not {value!r}")
            return alias
        return value

    @field_validator("text")
    @classmethod
    def _text(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("message text is empty")
        if "\x00" in value:
            raise ValueError("message text contains NUL bytes (binary data?)")
        return value

    @field_validator("sent_at", mode="before")
    @classmethod
    def _sent_at(cls, value: Any) -> Any:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        return parse_timestamp(value)

    def dedup_key(self, position: int | None = None) -> str:
        """Same author, time and text in the same conversation is the same message.

        Without a time, "ok" said twice is two messages: the position in the conversation
        (stable when an export is re-imported or extended) tells them apart.
        """
        if self.sent_at is not None:
            return content_key(self.author, self.sent_at.isoformat(), self.text)
        return content_key(self.author, "", self.text, position)


CSAT_RANGE = (1.0, 5.0)
"""A satisfaction score, 1 (bad) to 5 (great): the API's, the console's and an import's."""
STATUS_SYNONYMS: dict[str, str] = {
    "open": "open", "new": "open", "pending": "pending", "hold": "pending",
    "on-hold": "pending", "on_hold": "pending", "on hold": "pending", "resolved": "resolved",
    "solved": "resolved", "closed": "closed",
}  # fmt: skip
"""The conversation statuses an import accepts, with common helpdesk names for them."""


class ConversationRecord(_Record):
    """One conversation as an import sees it (docs/formats.md, "Conversations")."""

    external_id: str | None = None
    channel: str = "import"
    customer: CustomerRef = Field(default_factory=CustomerRef)
    subject: str | None = None
    messages: list[MessageRecord]
    intent: str | None = None
    priority: str | None = None
    status: str | None = None
    csat: float | None = None
    created_at: datetime | None = None
    thread_key: str | None = None
    labels: dict[str, Any] = Field(default_factory=dict)

    @field_validator("external_id", "intent", "priority", "status", "subject", mode="before")
    @classmethod
    def _blank_is_none(cls, value: Any) -> Any:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("csat", mode="before")
    @classmethod
    def _csat(cls, value: Any) -> Any:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("csat")
    @classmethod
    def _csat_in_range(cls, value: float | None) -> float | None:
        low, high = CSAT_RANGE
        if value is not None and not low <= value <= high:
            raise ValueError(
                f"csat must be between {low:g} and {high:g}, not {value:g} "
                "(rescale it, or leave it empty)"
            )
        return value

    @field_validator("created_at", mode="before")
    @classmethod
    def _created_at(cls, value: Any) -> Any:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        return parse_timestamp(value)

    @field_validator("status")
    @classmethod
    def _status(cls, value: str | None) -> str | None:
        if value is None:
            return None
        status = STATUS_SYNONYMS.get(value.strip().lower())
        if status is None:
            raise ValueError(
                f"unknown status {value!r}; use open, pending, resolved or closed "
                "(new, hold and solved are read as open, pending and resolved)"
            )
        return status

    @field_validator("channel", mode="before")
    @classmethod
    def _channel(cls, value: Any) -> Any:
        return "import" if value is None or value == "" else str(value).lower()

    @model_validator(mode="after")
    def _has_messages(self) -> ConversationRecord:
        if not self.messages:
            raise ValueError("a conversation needs at least one message")
        return self

    def identity_key(self) -> str:
        """The external id, or a content hash so re-imports of id-less rows stay idempotent."""
        if self.external_id:
            return self.external_id
        first = self.messages[0]
        return "sha1:" + content_key(
            self.customer.email,
            self.customer.phone,
            self.customer.external_id,
            self.subject,
            first.text,
            first.sent_at,
        )


class EventRecord(_Record):
    """Something that happened to a customer (docs/formats.md, "Events")."""

    customer: CustomerRef
    type: str
    occurred_at: datetime
    data: dict[str, Any] = Field(default_factory=dict)
    external_id: str | None = None

    @field_validator("occurred_at", mode="before")
    @classmethod
    def _occurred_at(cls, value: Any) -> Any:
        return parse_timestamp(value)

    @field_validator("type")
    @classmethod
    def _type(cls, value: str) -> str:
        if not value:
            raise ValueError("event type is empty")
        return value

    @model_validator(mode="after")
    def _has_customer(self) -> EventRecord:
        if self.customer.is_empty():
            raise ValueError("an event needs a customer (external_id, email or phone)")
        return self

    def dedup_key(self) -> str:
        if self.external_id:
            return "id:" + self.external_id
        ref = self.customer
        return "sha1:" + content_key(
            ref.external_id,
            ref.email,
            ref.phone,
            self.type,
            self.occurred_at.isoformat(),
            sorted(self.data.items(), key=lambda kv: kv[0]).__repr__(),
        )


class ArticleRecord(_Record):
    """A knowledge-base article or a macro (docs/formats.md, "Articles")."""

    external_id: str
    title: str
    body: str
    kind: Literal["article", "macro"] = "article"
    language: str = "en"
    intents: list[str] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)

    @field_validator("title", "body", "external_id")
    @classmethod
    def _not_empty(cls, value: str) -> str:
        if not value:
            raise ValueError("must not be empty")
        return value

    @field_validator("intents", "tags", mode="before")
    @classmethod
    def _split(cls, value: Any) -> Any:
        return split_list(value)


class AgentRecord(_Record):
    """A person on the support team (docs/formats.md, "Agents")."""

    external_id: str
    name: str
    email: str | None = None
    role: str = "agent"
    skills: list[str] = Field(default_factory=list)
    languages: list[str] = Field(default_factory=list)
    capacity: int = Field(default=5, ge=0, le=1000)
    active: bool = True

    @field_validator("external_id", "email", mode="before")
    @classmethod
    def _text(cls, value: Any) -> Any:
        if isinstance(value, int):
            return str(value)
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        if value is not None and "@" not in value:
            raise ValueError(f"not an email address: {value!r}")
        return None if value is None else normalize_email(value)

    @field_validator("skills", "languages", mode="before")
    @classmethod
    def _split(cls, value: Any) -> Any:
        return split_list(value)


def split_list(value: Any) -> Any:
    """Lists come as JSON arrays or, from CSV, as ``a;b;c`` / ``a,b,c`` strings."""
    if value is None:
        return []
    if isinstance(value, str):
        separator = ";" if ";" in value else ","
        return [part.strip() for part in value.split(separator) if part.strip()]
    return value
