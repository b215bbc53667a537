"""Writes of what the business knows, one record at a time from the API: customer events
(orders, shipments …) and knowledge-base articles.

Bulk files go through ``tandemdesk import``; these reuse the same ingest functions, so an
event posted live and the same event in a later export are one event, and an article saved
in the console is the same row an import would update.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, select

from tandemdesk import events
from tandemdesk.db import transaction
from tandemdesk.errors import NotFoundError
from tandemdesk.listen.business import ingest_articles, ingest_events
from tandemdesk.listen.readers import Parsed
from tandemdesk.listen.records import ArticleRecord, EventRecord
from tandemdesk.models import Article
from tandemdesk.workspace import Workspace


def do_add_events(workspace: Workspace, records: Sequence[EventRecord]) -> dict[str, int]:
    """Append events (idempotent on their key); unknown customers are created."""
    items = [Parsed(line=i + 1, record=r) for i, r in enumerate(records)]
    with transaction(workspace.sessions) as session:
        counts = ingest_events(session, items)
    events.emit("events.added", {"count": counts.imported})
    return {
        "imported": counts.imported,
        "duplicates": counts.duplicates,
        "customers_created": counts.customers,
    }


def do_save_article(workspace: Workspace, record: ArticleRecord) -> dict[str, Any]:
    """Create or update an article or macro by its external id."""
    with transaction(workspace.sessions) as session:
        counts = ingest_articles(session, [Parsed(line=1, record=record)])
    events.emit("knowledge.changed", {"external_id": record.external_id})
    return {"created": bool(counts.imported), "updated": bool(counts.updated)}


def do_delete_article(workspace: Workspace, external_id: str) -> None:
    with transaction(workspace.sessions) as session:
        if session.scalar(select(Article.id).where(Article.external_id == external_id)) is None:
            raise NotFoundError(f"no article {external_id!r}")
        session.execute(delete(Article).where(Article.external_id == external_id))
    events.emit("knowledge.changed", {"external_id": external_id})
