"""Drive an import: records in, batches written in their own transactions, a summary out.

A batch is all-or-nothing, so a crash leaves whole conversations or none (re-running the
import picks up where it stopped, since writes are idempotent). When the database refuses a
batch because of one bad record (a duplicate agent email, a value too long for a column),
the batch is replayed record by record so that record is reported with its line and the
others still land.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from pydantic import BaseModel
from sqlalchemy.exc import DataError, IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from tandemdesk.db import refresh_statistics, transaction
from tandemdesk.errors import ConflictError, DatabaseError
from tandemdesk.listen.ingest import BatchCounts
from tandemdesk.listen.readers import Parsed
from tandemdesk.listen.sources import Rejection

R = TypeVar("R", bound=BaseModel)
Writer = Callable[[Session, Sequence[Parsed[R]]], BatchCounts]

MAX_REPORTED_REJECTIONS = 1000


@dataclass
class ImportSummary:
    """What an import did. ``to_dict`` is the documented ``--json`` output."""

    counts: BatchCounts = field(default_factory=BatchCounts)
    rejected: list[Rejection] = field(default_factory=list)
    rejected_total: int = 0
    read: int = 0  # records read: each ends in exactly one bucket (``balanced``)

    def reject(self, rejection: Rejection) -> None:
        self.rejected_total += 1
        if len(self.rejected) < MAX_REPORTED_REJECTIONS:
            # in line order: a conversation's rows are checked when its last row is read,
            # after a later row's own error (a user read "214, 215, 218, 217")
            bisect.insort(self.rejected, rejection, key=lambda r: (r.file or "", r.line))

    @property
    def accounted(self) -> int:
        """Records that ended in a bucket: imported, duplicate, updated or rejected."""
        counts = self.counts
        return counts.imported + counts.duplicates + counts.updated + self.rejected_total

    @property
    def balanced(self) -> bool:
        """Whether every record read is accounted for (a record lost uncounted is a bug)."""
        return self.accounted == self.read

    def to_dict(self) -> dict[str, Any]:
        return {
            "read": self.read,
            "imported": self.counts.imported,
            "duplicates": self.counts.duplicates,
            "updated": self.counts.updated,
            "messages": self.counts.messages,
            "customers_created": self.counts.customers,
            **self.counts.extra,
            "rejected_total": self.rejected_total,
            "rejected": [r.to_dict() for r in self.rejected],
        }


def _write(
    factory: sessionmaker[Session], write: Writer[R], batch: Sequence[Parsed[R]]
) -> BatchCounts:
    try:
        with transaction(factory) as session:
            return write(session, batch)
    except OperationalError as e:
        raise DatabaseError(f"the database failed during the import: {e.orig}") from e


def run_import(
    factory: sessionmaker[Session],
    items: Iterable[Parsed[R] | Rejection],
    write: Writer[R],
    batch_size: int,
    on_batch: Callable[[ImportSummary], None] | None = None,
) -> ImportSummary:
    """Write ``items`` in batches of ``batch_size`` and report what happened."""
    summary = ImportSummary()
    batch: list[Parsed[R]] = []

    def flush() -> None:
        if not batch:
            return
        try:
            summary.counts.add(_write(factory, write, batch))
        except (IntegrityError, DataError, ConflictError):
            for item in batch:
                try:
                    summary.counts.add(_write(factory, write, [item]))
                except ConflictError as e:  # e.g. a message id another customer's mail has
                    summary.reject(Rejection(item.line, e.message))
                except (IntegrityError, DataError) as e:
                    reason = str(e.orig).strip().splitlines()[0] if e.orig else str(e)
                    summary.reject(
                        Rejection(item.line, f"the database refused this record: {reason}")
                    )
        batch.clear()
        if on_batch:
            on_batch(summary)

    for item in items:
        summary.read += 1  # a rejected record was read too: it is counted in ``rejected``
        if isinstance(item, Rejection):
            summary.reject(item)
            continue
        batch.append(item)
        if len(batch) >= batch_size:
            flush()
    flush()
    counts = summary.counts
    if counts.imported or counts.updated or counts.messages:
        refresh_statistics(factory)  # the live flow's lookups use the indexes from now on
    return summary
