"""Request bodies of the JSON API, named by what they carry (responses are the plain dicts
the read functions build, documented in docs/api.md)."""

from __future__ import annotations

from typing import Annotated

from annotated_types import MaxLen
from pydantic import BaseModel, Field

from tandemdesk.api.fields import (
    Action,
    Channel,
    Email,
    EventExternalId,
    EventType,
    ExternalId,
    Intent,
    JsonObject,
    Language,
    MessageExternalId,
    Moment,
    Name,
    Note,
    Password,
    Phone,
    PolicyText,
    Role,
    Score,
    Subject,
    Tag,
    Text,
    ThreadKey,
    Timestamp,
    Title,
    TokenName,
    Username,
)
from tandemdesk.listen.records import CustomerRef


class CustomerIn(CustomerRef):
    """How a channel names the customer, each value as long as the store keeps it."""

    external_id: ExternalId | None = None
    email: Email | None = None
    phone: Phone | None = None
    name: Name | None = None
    language: Language | None = None


class MessageIn(BaseModel):
    """A customer message from any channel."""

    customer: CustomerIn = Field(description="Who wrote: any of external_id, email, phone.")
    text: Text = Field(description="The message as the customer wrote it.")
    channel: Channel = Field(default="api", description="email, chat, web, phone, api …")
    external_id: MessageExternalId | None = Field(
        default=None, description="The channel's id of this message (deduplicates deliveries)."
    )
    sent_at: Moment | None = None
    subject: Subject | None = None
    conversation_external_id: ExternalId | None = Field(
        default=None, description="Continue this conversation (the channel's id for it)."
    )
    thread_key: ThreadKey | None = Field(default=None, description="A chat session or thread id.")
    in_reply_to: MessageExternalId | None = None
    references: Annotated[list[MessageExternalId], MaxLen(100)] = Field(default_factory=list)
    attachments: Annotated[list[JsonObject], MaxLen(1_000)] = Field(default_factory=list)
    meta: JsonObject = Field(default_factory=dict)


class EventIn(BaseModel):
    customer: CustomerIn
    type: EventType
    occurred_at: Timestamp
    data: JsonObject = Field(default_factory=dict)
    external_id: EventExternalId | None = None


class EventsIn(BaseModel):
    events: list[EventIn] = Field(min_length=1, max_length=10_000)


class ReplyIn(BaseModel):
    text: Text


class AssignIn(BaseModel):
    agent: Email | None = Field(
        default=None, description="Agent external id or email; omitted: yourself."
    )
    reason: Note = ""


class ReopenIn(BaseModel):
    reason: Note = ""


class CsatIn(BaseModel):
    score: Score
    comment: Note = ""


class ResolveIn(BaseModel):
    confirm_intent: bool = Field(
        False, description="The conversation's intent is right: it becomes a training example."
    )


class IntentIn(BaseModel):
    intent: Intent = Field(min_length=1)
    new: bool = Field(
        default=False, description="true: an intent the workspace does not know yet, on purpose"
    )


class OverrideIn(BaseModel):
    action: Action
    reason: Note = ""


class DraftIn(BaseModel):
    text: Text
    send: bool = True


class ArticleIn(BaseModel):
    title: Title
    body: Text
    kind: Annotated[str, MaxLen(20)] = "article"
    language: Language = "en"
    intents: Annotated[list[Tag], MaxLen(100)] = Field(default_factory=list)
    tags: Annotated[list[Tag], MaxLen(100)] = Field(default_factory=list)


class LoginIn(BaseModel):
    username: Username
    password: Password


class TokenIn(BaseModel):
    role: Role
    name: TokenName = ""
    agent: Email | None = None  # an agent token's agent (external id or email)


class UserIn(BaseModel):
    username: Username
    password: Password
    role: Role
    name: Name = ""
    agent: Email | None = None


class PolicyIn(BaseModel):
    content: PolicyText = Field(description="The policy YAML text.")
