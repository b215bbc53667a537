"""Write paths for what the business knows: customer events, articles/macros, agents.

Each takes a batch of validated records inside the caller's transaction. Events are
append-only facts (idempotent on their key); articles and agents are upserted on their
external id, so re-importing an edited knowledge base updates it instead of duplicating.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from tandemdesk.listen.articles import placeholders
from tandemdesk.listen.bulk import insert_rows
from tandemdesk.listen.identity import IdentityResolver, backdate_customers
from tandemdesk.listen.ingest import CHUNK, BatchCounts
from tandemdesk.listen.readers import Parsed
from tandemdesk.listen.records import AgentRecord, ArticleRecord, EventRecord, content_key
from tandemdesk.models import Agent, Article, CustomerEvent, table_of
from tandemdesk.timeutil import utcnow


def ingest_events(session: Session, items: Sequence[Parsed[EventRecord]]) -> BatchCounts:
    """Append events not seen before; an event for an unknown customer creates the customer
    (the business's own data is authoritative about who its customers are)."""
    counts = BatchCounts()
    resolver = IdentityResolver(session)
    resolver.preload(item.record.customer for item in items)
    keys = [item.record.dedup_key() for item in items]
    seen: set[str] = set()
    for start in range(0, len(keys), CHUNK):
        chunk = keys[start : start + CHUNK]
        seen.update(
            session.scalars(
                select(CustomerEvent.dedup_key).where(CustomerEvent.dedup_key.in_(chunk))
            )
        )
    fresh: list[tuple[EventRecord, str]] = []
    for item, key in zip(items, keys, strict=True):
        if key in seen:
            counts.duplicates += 1
            continue
        seen.add(key)
        fresh.append((item.record, key))
    owners = resolver.resolve_many([record.customer for record, _ in fresh])
    earliest: dict[int, datetime] = {}
    for (record, _), owner in zip(fresh, owners, strict=True):
        earliest[owner] = min(record.occurred_at, earliest.get(owner, record.occurred_at))
    backdate_customers(session, earliest)
    rows = [
        {
            "customer_id": owner,
            "type": record.type,
            "occurred_at": record.occurred_at,
            "data": record.data,
            "dedup_key": key,
        }
        for (record, key), owner in zip(fresh, owners, strict=True)
    ]
    if rows:
        insert_rows(session, table_of(CustomerEvent), rows)
    counts.imported = len(rows)
    counts.customers = resolver.created
    return counts


Upserted = TypeVar("Upserted", Article, Agent)


def _upsert(
    session: Session,
    model: type[Upserted],
    rows: list[dict[str, Any]],
    compare: Sequence[str],
) -> BatchCounts:
    """Insert new rows, update the ones whose ``compare`` columns changed, count the rest."""
    counts = BatchCounts()
    by_id = {row["external_id"]: row for row in rows}
    current: dict[str, Upserted] = {
        obj.external_id: obj
        for obj in session.scalars(select(model).where(model.external_id.in_(list(by_id))))
    }
    fresh = [row for ext, row in by_id.items() if ext not in current]
    if fresh:
        session.execute(insert(model), fresh)
    counts.imported = len(fresh)
    for ext, obj in current.items():
        row = by_id[ext]
        if all(getattr(obj, name) == row[name] for name in compare):
            counts.duplicates += 1
            continue
        session.execute(update(model).where(model.id == obj.id).values(row))
        counts.updated += 1
    counts.duplicates += len(rows) - len(by_id)
    return counts


def ingest_articles(session: Session, items: Sequence[Parsed[ArticleRecord]]) -> BatchCounts:
    rows = []
    for item in items:
        record = item.record
        data = record.model_dump()
        rows.append(
            {
                **data,
                "placeholders": placeholders(record.body),
                "content_hash": content_key(sorted(data.items())),
                "updated_at": utcnow(),
            }
        )
    return _upsert(session, Article, rows, ["content_hash"])


def ingest_agents(session: Session, items: Sequence[Parsed[AgentRecord]]) -> BatchCounts:
    rows = [item.record.model_dump() for item in items]
    return _upsert(session, Agent, rows, list(AgentRecord.model_fields))
