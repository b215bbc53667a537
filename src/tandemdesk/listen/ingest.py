"""The write path for imported history: validated records → rows, a batch per transaction.

Why batches: a 100,000-conversation import must run at thousands of messages per second on
a laptop, so each batch costs a fixed handful of queries (look up identities, look up
existing conversations and their message keys, insert conversations, insert messages).
Why idempotent: users re-run imports after fixing a file. A conversation is known by its
external id (or a content hash), a message by ``dedup_key`` (author, time, text) inside its
conversation, so a re-import adds only what is new: an updated export brings the new
messages of known conversations, and nothing twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import case, insert, select, update
from sqlalchemy.orm import Session

from tandemdesk.listen.bulk import insert_rows
from tandemdesk.listen.identity import IdentityResolver, backdate_customers
from tandemdesk.listen.readers import Parsed
from tandemdesk.listen.records import ConversationRecord, MessageRecord
from tandemdesk.models import Conversation, Message, table_of
from tandemdesk.protect.store import protect_rows
from tandemdesk.timeutil import utcnow

CHUNK = 500


@dataclass
class BatchCounts:
    """What one batch did; the import summary adds these up."""

    imported: int = 0
    duplicates: int = 0
    updated: int = 0
    messages: int = 0
    customers: int = 0
    extra: dict[str, int] = field(default_factory=dict)

    def add(self, other: BatchCounts) -> None:
        self.imported += other.imported
        self.duplicates += other.duplicates
        self.updated += other.updated
        self.messages += other.messages
        self.customers += other.customers
        for key, value in other.extra.items():
            self.extra[key] = self.extra.get(key, 0) + value


def message_times(record: ConversationRecord, fallback: datetime) -> list[datetime]:
    """Each message's time; missing ones follow the previous message by a microsecond so the
    order of the file is kept in the timeline."""
    base = record.created_at or next((m.sent_at for m in record.messages if m.sent_at), fallback)
    times: list[datetime] = []
    previous = base - timedelta(microseconds=1)
    for message in record.messages:
        when = message.sent_at or previous + timedelta(microseconds=1)
        times.append(when)
        previous = when
    return times


def message_row(
    conversation_id: int,
    message: MessageRecord,
    when: datetime,
    channel: str,
    dedup_key: str | None = None,
) -> dict[str, Any]:
    meta = dict(message.meta)
    if message.in_reply_to:
        meta["in_reply_to"] = message.in_reply_to
    return {
        "conversation_id": conversation_id,
        "author": message.author,
        "text": message.text,
        "sent_at": when,
        "channel": channel,
        "external_id": message.external_id,
        "dedup_key": dedup_key or message.dedup_key(),
        "attachments": message.attachments,
        "meta": meta,
        "attempts": 0,
    }


def _existing_message_ids(session: Session, external_ids: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(external_ids), CHUNK):
        chunk = external_ids[start : start + CHUNK]
        found.update(
            session.scalars(select(Message.external_id).where(Message.external_id.in_(chunk))).all()  # type: ignore[arg-type]
        )
    return found


def ingest_conversations(
    session: Session, items: Sequence[Parsed[ConversationRecord]]
) -> BatchCounts:
    """Store a batch of conversation records in the caller's transaction."""
    counts = BatchCounts()
    now = utcnow()
    resolver = IdentityResolver(session)
    resolver.preload(item.record.customer for item in items)

    by_key: dict[str, list[ConversationRecord]] = {}
    for item in items:
        by_key.setdefault(item.record.identity_key(), []).append(item.record)
    keys = list(by_key)
    existing: dict[str, int] = {}
    for start in range(0, len(keys), CHUNK):
        chunk = keys[start : start + CHUNK]
        existing.update(
            (str(ext), cid)
            for cid, ext in session.execute(
                select(Conversation.id, Conversation.external_id).where(
                    Conversation.external_id.in_(chunk)
                )
            )
        )

    new_keys = [key for key in by_key if key not in existing]
    owners = resolver.resolve_many([by_key[key][0].customer for key in new_keys])
    new_rows: list[dict[str, Any]] = []
    for key, customer_id in zip(new_keys, owners, strict=True):
        records = by_key[key]
        first = records[0]
        times = [t for r in records for t in message_times(r, now)]
        new_rows.append(
            {
                "external_id": key,
                "customer_id": customer_id,
                "channel": first.channel,
                "subject": first.subject,
                "status": records[-1].status or "resolved",
                "priority": first.priority,
                "intent": first.intent,
                "csat": records[-1].csat if records[-1].csat is not None else first.csat,
                "thread_key": first.thread_key,
                "source": "import",
                "labels": first.labels,
                "created_at": first.created_at or min(times),
                "updated_at": max(times),
            }
        )
    earliest: dict[int, datetime] = {}
    for row in new_rows:
        owner, since = row["customer_id"], row["created_at"]
        earliest[owner] = min(since, earliest.get(owner, since))
    backdate_customers(session, earliest)
    if new_rows:
        table = table_of(Conversation)
        returned = session.execute(
            insert(table).returning(table.c.id, table.c.external_id), new_rows
        )
        created = {ext: cid for cid, ext in returned}
        counts.imported = len(created)
    else:
        created = {}

    known_keys: dict[int, set[str]] = {}
    existing_ids = list(existing.values())
    for start in range(0, len(existing_ids), CHUNK):
        id_chunk = existing_ids[start : start + CHUNK]
        for cid, dedup in session.execute(
            select(Message.conversation_id, Message.dedup_key).where(
                Message.conversation_id.in_(id_chunk)
            )
        ):
            known_keys.setdefault(cid, set()).add(dedup)

    wanted_external = [
        m.external_id for rs in by_key.values() for r in rs for m in r.messages if m.external_id
    ]
    taken_external = _existing_message_ids(session, wanted_external) if wanted_external else set()

    message_rows: list[dict[str, Any]] = []
    touched: dict[int, tuple[ConversationRecord, datetime]] = {}
    for key, records in by_key.items():
        conversation_id = created.get(key) or existing[key]
        seen = known_keys.setdefault(conversation_id, set())
        for index, record in enumerate(records):
            added = 0
            times = message_times(record, now)
            for position, (message, when) in enumerate(zip(record.messages, times, strict=True)):
                dedup = message.dedup_key(position)
                if dedup in seen or (message.external_id and message.external_id in taken_external):
                    continue
                seen.add(dedup)
                if message.external_id:
                    taken_external.add(message.external_id)
                message_rows.append(
                    message_row(conversation_id, message, when, record.channel, dedup)
                )
                added += 1
                if key in existing:
                    previous = touched.get(conversation_id)
                    latest = max(when, previous[1]) if previous else when
                    touched[conversation_id] = (record, latest)
            counts.messages += added
            # every record read lands in one bucket (the summary must add up): the first
            # record of a new conversation was counted as imported above; any other record
            # updated its conversation when it brought messages, else it repeated it
            # (e.g. a row that differs from an earlier one only by surrounding spaces)
            if key in existing or index > 0:
                if added:
                    counts.updated += 1
                else:
                    counts.duplicates += 1
    protect_rows(session, message_rows)  # card numbers and IBANs masked at rest
    insert_rows(session, table_of(Message), message_rows)
    for conversation_id, (record, last) in touched.items():
        # an older message arriving late must not move the conversation back in time
        values: dict[str, Any] = {
            "updated_at": case(
                (Conversation.updated_at < last, last), else_=Conversation.updated_at
            )
        }
        for name in ("status", "priority", "intent", "csat"):
            value = getattr(record, name)
            if value is not None:
                values[name] = value
        session.execute(
            update(Conversation).where(Conversation.id == conversation_id).values(values)
        )
    counts.customers = resolver.created
    return counts
