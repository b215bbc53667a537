"""The persisted domain: one ORM class per concept, used everywhere (no parallel DTOs).

Rules that matter for the rest of the code:
- A *customer* is a person; their *identities* (email, phone, external id, chat handle) are
  how channels name them. Identity resolution means: find the customer by any identity.
- A *conversation* belongs to one customer and holds *messages* in time order.
- *Customer events* are what the business knows (orders, shipments, logins) and join the
  conversations in the customer's timeline.
- Every table that an import fills has a natural key (``external_id`` or ``dedup_key``) so
  re-importing the same file adds nothing.
- All datetimes are aware UTC (``UTCDateTime`` restores the zone SQLite drops).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

from tandemdesk.timeutil import as_utc, stored_utc, utcnow


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored as UTC and always read back timezone-aware."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else stored_utc(value)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else as_utc(value)


JSONType = JSON().with_variant(JSONB(), "postgresql")


class Base(DeclarativeBase):
    """Declarative base; Alembic migrations are written against this metadata."""


def table_of(model: type[Base]) -> Table:
    """The Core table behind a model, for the bulk ``INSERT``s of the import path."""
    return cast(Table, model.__table__)


class Customer(Base):
    __tablename__ = "customers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    external_id: Mapped[str | None] = mapped_column(String(200), unique=True)
    name: Mapped[str | None] = mapped_column(String(300))
    email: Mapped[str | None] = mapped_column(String(320), index=True)
    phone: Mapped[str | None] = mapped_column(String(40))
    language: Mapped[str | None] = mapped_column(String(16))
    attributes: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    identities: Mapped[list[Identity]] = relationship(back_populates="customer")
    conversations: Mapped[list[Conversation]] = relationship(back_populates="customer")


class Identity(Base):
    """One way a channel names a customer; (kind, value) is unique across customers."""

    __tablename__ = "identities"
    __table_args__ = (UniqueConstraint("kind", "value", name="uq_identities_kind_value"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # email | phone | external | <channel>
    value: Mapped[str] = mapped_column(String(320))

    customer: Mapped[Customer] = relationship(back_populates="identities")


class Conversation(Base):
    __tablename__ = "conversations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    external_id: Mapped[str | None] = mapped_column(String(200), unique=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    channel: Mapped[str] = mapped_column(String(30), default="api")
    subject: Mapped[str | None] = mapped_column(String(500))
    status: Mapped[str] = mapped_column(String(20), default="open")
    priority: Mapped[str | None] = mapped_column(String(20))
    intent: Mapped[str | None] = mapped_column(String(120), index=True)
    csat: Mapped[float | None] = mapped_column(Float)
    thread_key: Mapped[str | None] = mapped_column(String(300), index=True)
    source: Mapped[str] = mapped_column(String(30), default="api")
    labels: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    queue: Mapped[str | None] = mapped_column(String(60), index=True)
    assignee_id: Mapped[int | None] = mapped_column(
        ForeignKey("agents.id", name="fk_conversations_assignee_id_agents"), index=True
    )

    customer: Mapped[Customer] = relationship(back_populates="conversations")
    messages: Mapped[list[Message]] = relationship(
        back_populates="conversation", order_by="Message.sent_at, Message.id"
    )


class Message(Base):
    __tablename__ = "messages"
    __table_args__ = (
        UniqueConstraint("conversation_id", "dedup_key", name="uq_messages_conversation_dedup"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id"), index=True)
    author: Mapped[str] = mapped_column(String(20))  # customer | agent | bot
    text: Mapped[str] = mapped_column(Text)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    channel: Mapped[str | None] = mapped_column(String(30))
    external_id: Mapped[str | None] = mapped_column(String(500), unique=True)
    dedup_key: Mapped[str] = mapped_column(String(40))
    attachments: Mapped[list[dict[str, Any]]] = mapped_column(JSONType, default=list)
    meta: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    # live messages only: "pending" until the orchestrator has decided and acted, then
    # "handled"; "failed" after a crash, picked up again by the retry, or "superseded" when
    # the conversation moved past it before the retry (imports stay None); "rejected" when
    # refused as invalid (never retried), "dead" after too many attempts (recovery.py)
    handling: Mapped[str | None] = mapped_column(String(20), index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # recovery: the lease of a message being handled, or the back-off of a failed one
    retry_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    failed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(String(300))
    # PII protection: when ``text`` has a card number or IBAN masked, the original, encrypted
    # (``protect/vault.py``); deferred, so only the audited reveal ever loads it
    text_protected: Mapped[str | None] = mapped_column(Text, deferred=True)

    conversation: Mapped[Conversation] = relationship(back_populates="messages")


class CustomerEvent(Base):
    """Something the business knows happened to a customer (order shipped, plan changed …)."""

    __tablename__ = "customer_events"
    __table_args__ = (Index("ix_customer_events_customer_time", "customer_id", "occurred_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    type: Mapped[str] = mapped_column(String(80))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    data: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    dedup_key: Mapped[str] = mapped_column(String(200), unique=True)


class Agent(Base):
    __tablename__ = "agents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    external_id: Mapped[str] = mapped_column(String(200), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    email: Mapped[str | None] = mapped_column(String(320), unique=True)
    role: Mapped[str] = mapped_column(String(40), default="agent")
    skills: Mapped[list[str]] = mapped_column(JSONType, default=list)
    languages: Mapped[list[str]] = mapped_column(JSONType, default=list)
    capacity: Mapped[int] = mapped_column(Integer, default=5)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # people (0009, ``people/presence.py``): the agent's own switch, console activity, a
    # recovery break, and the shift they work (business hours, for the simulation and leads)
    presence: Mapped[str] = mapped_column(String(20), default="online", server_default="online")
    presence_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    break_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    break_reason: Mapped[str | None] = mapped_column(String(300))
    shift: Mapped[dict[str, Any] | None] = mapped_column(JSONType)


class Article(Base):
    """A knowledge-base article or a macro (canned reply with ``{{placeholders}}``)."""

    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    external_id: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(20), default="article")  # article | macro
    title: Mapped[str] = mapped_column(String(500))
    body: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(16), default="en")
    intents: Mapped[list[str]] = mapped_column(JSONType, default=list)
    tags: Mapped[list[str]] = mapped_column(JSONType, default=list)
    placeholders: Mapped[list[str]] = mapped_column(JSONType, default=list)
    content_hash: Mapped[str] = mapped_column(String(40))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ModelVersion(Base):
    """A trained model folder in the workspace; one version per task is active.

    The folder holds the arrays and manifest (``understand.artifacts``); this row is what the
    workspace knows about it: where it is, how it scored, and whether messages use it.
    """

    __tablename__ = "model_versions"
    __table_args__ = (UniqueConstraint("task", "version", name="uq_model_versions_task_version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    task: Mapped[str] = mapped_column(String(60))
    version: Mapped[int] = mapped_column(Integer)
    path: Mapped[str] = mapped_column(String(500))  # relative to the workspace folder
    component: Mapped[str] = mapped_column(String(80))
    profile: Mapped[str] = mapped_column(String(20), default="fast")
    examples: Mapped[int] = mapped_column(Integer, default=0)
    data_fingerprint: Mapped[str] = mapped_column(String(80), default="")
    metrics: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    active: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    activated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class PolicyVersion(Base):
    """A policy file as it was when stored; exactly one is live, others may run in shadow."""

    __tablename__ = "policy_versions"
    __table_args__ = (UniqueConstraint("version", name="uq_policy_versions_version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200), default="")
    content: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    active: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # policy history: who stored it (a login, a token's name, "cli") and why ("rollback to v3")
    created_by: Mapped[str | None] = mapped_column(String(200), nullable=True)
    note: Mapped[str | None] = mapped_column(String(500), nullable=True)


class Decision(Base):
    """What the orchestrator decided for one message, and why (explanations are data)."""

    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("messages.id"), unique=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id"), index=True)
    action: Mapped[str] = mapped_column(String(40), index=True)
    queue: Mapped[str | None] = mapped_column(String(60))
    rule_id: Mapped[str] = mapped_column(String(80))
    explanation: Mapped[str] = mapped_column(Text)
    inputs: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    understanding: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    intent: Mapped[str | None] = mapped_column(String(120), index=True)
    distress: Mapped[float] = mapped_column(Float, default=0.0)
    abusive: Mapped[bool] = mapped_column(Boolean, default=False)
    policy_version: Mapped[int | None] = mapped_column(Integer)
    reply_message_id: Mapped[int | None] = mapped_column(ForeignKey("messages.id"))
    assigned_agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    handoff: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


class Assignment(Base):
    """A conversation given to an agent; the emotional weight it carried feeds load balancing."""

    __tablename__ = "assignments"
    __table_args__ = (Index("ix_assignments_agent_time", "agent_id", "assigned_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id"), index=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id"))
    queue: Mapped[str | None] = mapped_column(String(60))
    reason: Mapped[str] = mapped_column(Text, default="")
    distress: Mapped[float] = mapped_column(Float, default=0.0)
    abusive: Mapped[bool] = mapped_column(Boolean, default=False)
    assigned_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    released_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Outcome(Base):
    """How a conversation went: resolution, reopen, CSAT, handle time, agent corrections."""

    __tablename__ = "outcomes"
    __table_args__ = (Index("ix_outcomes_conversation_kind", "conversation_id", "kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id"))
    # resolved | reopened | csat | correction.intent | correction.decision | correction.draft
    kind: Mapped[str] = mapped_column(String(40))
    value: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


class User(Base):
    """A person who logs in to the console: an agent, a supervisor or an admin.

    An agent's user points at their ``Agent`` row, so "my queue" means the conversations
    routing gave that agent.
    """

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(200), unique=True)
    name: Mapped[str] = mapped_column(String(300), default="")
    password_hash: Mapped[str] = mapped_column(String(300))
    role: Mapped[str] = mapped_column(String(20))  # agent | supervisor | admin
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ApiToken(Base):
    """A bearer token for an integration (or a script); only its SHA-256 is stored."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(20))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # accounts security (0006): the agent an agent-role token acts as, and the token's
    # first characters, so a person can name it (``tokens revoke td_AbC12``) without the rest
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    prefix: Mapped[str | None] = mapped_column(String(16), index=True)


class LoginSession(Base):
    """A console login: the cookie holds the token, the store only its SHA-256."""

    __tablename__ = "login_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)


# --- accounts security (issue 17): login throttling ---------------------------------------


class LoginThrottle(Base):
    """Failed logins of one account or one client address, and until when it is locked.

    In the database, not in a process, so ``serve --workers N`` shares one count. The key is
    a SHA-256 of ``account:<username>`` or ``address:<ip>``: unknown usernames are counted
    like known ones (so the throttle does not tell which exist) and no login name is stored.
    """

    __tablename__ = "login_throttles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(10))  # account | address
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_failure_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)


# ---- delivery outbox and webhooks (issue 14: replies leave, other tools hear) -------------


class WebhookSubscription(Base):
    """Another tool that wants to hear about events; the secret signs what it receives."""

    __tablename__ = "webhook_subscriptions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    url: Mapped[str] = mapped_column(String(2000))
    events: Mapped[list[str]] = mapped_column(JSONType, default=list)
    # kept as written: signing needs the secret itself, a hash would not do
    secret: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(String(300), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Delivery(Base):
    """One thing that must leave: a message to the customer's channel or a webhook call.

    Written in the same transaction as what causes it (the transactional outbox), claimed by
    a worker with a lease, and moved pending → sending → sent, or failed (retried after a
    backoff) → dead after the last attempt. ``key`` is fixed at creation and sent with every
    attempt (the e-mail's Message-ID, the webhook's ``Tandemdesk-Delivery``), so a receiver
    can drop a repeat after a crash between sending and marking.
    """

    __tablename__ = "deliveries"
    __table_args__ = (Index("ix_deliveries_due", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # message | webhook
    message_id: Mapped[int | None] = mapped_column(ForeignKey("messages.id"), unique=True)
    subscription_id: Mapped[int | None] = mapped_column(
        ForeignKey("webhook_subscriptions.id"), index=True
    )
    conversation_id: Mapped[int | None] = mapped_column(Integer, index=True)
    channel: Mapped[str] = mapped_column(String(30))  # email | api | chat | … | webhook
    event: Mapped[str | None] = mapped_column(String(60))
    key: Mapped[str] = mapped_column(String(300), unique=True)
    payload: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    # pending | sending | sent | failed | dead | cancelled
    status: Mapped[str] = mapped_column(String(20), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    claim: Mapped[str | None] = mapped_column(String(40))
    last_error: Mapped[str | None] = mapped_column(Text)
    response_status: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


# ---- PII protection (issue 17): who revealed a masked card number or IBAN, and when ----


class PiiReveal(Base):
    """One look at a message's original text behind its masked payment data (the audit).

    Written in the same transaction that reads the original, so no reveal goes unrecorded.
    """

    __tablename__ = "pii_reveals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("messages.id"), index=True)
    conversation_id: Mapped[int] = mapped_column(Integer, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    actor: Mapped[str] = mapped_column(String(200))  # the username or token name
    role: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text, default="")
    revealed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


# ---- chat widget (issue 14): a website's public key and the origins it may be used from ----


class WidgetKey(Base):
    """A chat widget key: public (it is in the shop's page source), so what it allows is bounded
    by the origins listed here; ``secret`` signs each visitor's token and never leaves."""

    __tablename__ = "widget_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    origins: Mapped[list[str]] = mapped_column(JSONType, default=list)
    secret: Mapped[str] = mapped_column(String(64))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


# ---- console workflow (issue 15): notes between agents, hand-overs, search indexes ----


class ConversationNote(Base):
    """An internal note on a conversation, from one person to the next: never sent to the
    customer. ``handed_to_queue`` / ``handed_to_agent_id`` say where the note passed the work
    (customer service hands a parcel question to dispatch with a note, and back)."""

    __tablename__ = "conversation_notes"
    __table_args__ = (Index("ix_conversation_notes_conversation", "conversation_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id"))
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    author: Mapped[str] = mapped_column(String(300))  # who wrote it, as the console shows them
    text: Mapped[str] = mapped_column(Text)
    handed_to_queue: Mapped[str | None] = mapped_column(String(60))
    handed_to_agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


# the inbox's "status, newest first" and the decision log's conversation lookups (0014)
Index("ix_conversations_status_updated", Conversation.status, Conversation.updated_at)
Index("ix_conversations_assignee_status", Conversation.assignee_id, Conversation.status)
# PostgreSQL only: trigram indexes answer ``lower(…) LIKE '%words%'`` (search.py, 0014)
for _name, _column in (
    ("ix_messages_text_trgm", Message.text),
    ("ix_customers_name_trgm", Customer.name),
    ("ix_customers_email_trgm", Customer.email),
):
    Index(
        _name, func.lower(_column), postgresql_using="gin",
        postgresql_ops={"lower_1": "gin_trgm_ops"},
    ).ddl_if(dialect="postgresql")  # fmt: skip
# the inbox's order reads each open conversation's latest decision and last messages (0014)
Index("ix_decisions_conversation_id_id", Decision.conversation_id, Decision.id)
Index("ix_messages_conversation_author_sent", Message.conversation_id, Message.author,
      Message.sent_at)  # fmt: skip
# "newest activity first" over every status (a search) walks this and stops (0014)
Index("ix_conversations_updated", Conversation.updated_at, Conversation.id)
