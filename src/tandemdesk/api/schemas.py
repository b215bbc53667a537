"""Request bodies of the JSON API, named by what they carry (responses are the plain dicts
the read functions build, documented in docs/api.md)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from tandemdesk.listen.records import CustomerRef


class MessageIn(BaseModel):
    """A customer message from any channel."""

    customer: CustomerRef = Field(description="Who wrote: any of external_id, email, phone.")
    text: str = Field(description="The message as the customer wrote it.")
    channel: str = Field(default="api", description="email, chat, web, phone, api …")
    external_id: str | None = Field(
        default=None, description="The channel's id of this message (deduplicates deliveries)."
    )
    sent_at: datetime | None = None
    subject: str | None = None
    conversation_external_id: str | None = Field(
        default=None, description="Continue this conversation (the channel's id for it)."
    )
    thread_key: str | None = Field(default=None, description="A chat session or thread id.")
    in_reply_to: str | None = None
    references: list[str] = Field(default_factory=list)
    attachments: list[dict[str, Any]] = Field(default_factory=list)
    meta: dict[str, Any] = Field(default_factory=dict)


class EventIn(BaseModel):
    customer: CustomerRef
    type: str
    occurred_at: datetime | str
    data: dict[str, Any] = Field(default_factory=dict)
    external_id: str | None = None


class EventsIn(BaseModel):
    events: list[EventIn] = Field(min_length=1, max_length=10_000)


class ReplyIn(BaseModel):
    text: str = Field(min_length=1)


class AssignIn(BaseModel):
    agent: str | None = Field(
        default=None, description="Agent external id or email; omitted: yourself."
    )
    reason: str = ""


class ReopenIn(BaseModel):
    reason: str = ""


class CsatIn(BaseModel):
    score: float
    comment: str = ""


class ResolveIn(BaseModel):
    confirm_intent: bool = Field(
        False, description="The conversation's intent is right: it becomes a training example."
    )


class IntentIn(BaseModel):
    intent: str = Field(min_length=1)


class OverrideIn(BaseModel):
    action: str
    reason: str = ""


class DraftIn(BaseModel):
    text: str = Field(min_length=1)
    send: bool = True


class ArticleIn(BaseModel):
    title: str
    body: str
    kind: str = "article"
    language: str = "en"
    intents: list[str] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)


class LoginIn(BaseModel):
    username: str
    password: str


class TokenIn(BaseModel):
    role: str
    name: str = ""
    agent: str | None = None  # an agent token's agent (external id or email)


class UserIn(BaseModel):
    username: str
    password: str
    role: str
    name: str = ""
    agent: str | None = None


class PolicyIn(BaseModel):
    content: str = Field(min_length=1, description="The policy YAML text.")
