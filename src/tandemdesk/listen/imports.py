"""One function per kind of import: choose the reader, run the batches, return the summary.

These are what the CLI (and later the API) call; they hold no business rules of their own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

from pydantic import ValidationError
from sqlalchemy.orm import Session

from tandemdesk.errors import TandemError, UnusableInputError
from tandemdesk.listen.articles import read_articles
from tandemdesk.listen.business import ingest_agents, ingest_articles, ingest_events
from tandemdesk.listen.delivery import Delivery, store_messages
from tandemdesk.listen.email import email_to_message, iter_email_files, parse_email
from tandemdesk.listen.identity import IdentityResolver
from tandemdesk.listen.inbound_mail import support_addresses
from tandemdesk.listen.ingest import BatchCounts, ingest_conversations
from tandemdesk.listen.readers import (
    Parsed,
    describe,
    read_agents,
    read_conversations_csv,
    read_conversations_jsonl,
    read_events,
)
from tandemdesk.listen.records import ConversationRecord
from tandemdesk.listen.runner import ImportSummary, run_import
from tandemdesk.listen.sources import FileSource, Rejection, detect_format
from tandemdesk.listen.zendesk import read_zendesk
from tandemdesk.workspace import Workspace

Progress = Callable[[ImportSummary, int, int], None]
"""Called after each batch with the summary so far, bytes read and the file's size."""


def _tracking(
    source: FileSource, on_progress: Progress | None
) -> Callable[[ImportSummary], None] | None:
    if on_progress is None:
        return None
    return lambda summary: on_progress(summary, source.position(), source.size)


CONVERSATION_FORMATS = ("csv", "jsonl", "zendesk")


def conversation_items(
    path: Path, fmt: str | None, fields: Mapping[str, str], max_chars: int
) -> tuple[FileSource, Iterable[Parsed[ConversationRecord] | Rejection]]:
    """The reader for a conversations file (exposed for benchmarks and tests)."""
    source = FileSource(path)
    chosen = detect_format(path, fmt, CONVERSATION_FORMATS)
    if chosen == "csv":
        return source, read_conversations_csv(source, fields, max_chars)
    if chosen == "jsonl":
        return source, read_conversations_jsonl(source, fields, max_chars)
    if fields:
        raise UnusableInputError("--field does not apply to Zendesk exports (their shape is fixed)")
    return source, read_zendesk(source)


def import_conversations(
    workspace: Workspace,
    path: Path,
    fmt: str | None = None,
    fields: Mapping[str, str] | None = None,
    on_batch: Progress | None = None,
) -> ImportSummary:
    settings = workspace.settings
    source, items = conversation_items(path, fmt, fields or {}, settings.max_message_chars)
    return run_import(
        workspace.sessions,
        items,
        ingest_conversations,
        settings.import_batch_size,
        _tracking(source, on_batch),
    )


def import_events(
    workspace: Workspace,
    path: Path,
    fmt: str | None = None,
    fields: Mapping[str, str] | None = None,
    on_batch: Progress | None = None,
) -> ImportSummary:
    source = FileSource(path)
    chosen = detect_format(path, fmt, ("csv", "jsonl"))
    items = read_events(source, chosen, fields or {})
    return run_import(
        workspace.sessions,
        items,
        ingest_events,
        workspace.settings.import_batch_size,
        _tracking(source, on_batch),
    )


def import_articles(workspace: Workspace, path: Path) -> ImportSummary:
    """Articles are few and small: no progress bar needed."""
    return run_import(
        workspace.sessions,
        read_articles(path),
        ingest_articles,
        workspace.settings.import_batch_size,
    )


def import_agents(
    workspace: Workspace,
    path: Path,
    fmt: str | None = None,
    fields: Mapping[str, str] | None = None,
    on_batch: Progress | None = None,
) -> ImportSummary:
    source = FileSource(path)
    chosen = detect_format(path, fmt, ("csv", "jsonl"))
    items = read_agents(source, chosen, fields or {})
    return run_import(
        workspace.sessions,
        items,
        ingest_agents,
        workspace.settings.import_batch_size,
        _tracking(source, on_batch),
    )


def _email_items(path: Path, support: list[str]) -> Iterable[Parsed[Delivery] | Rejection]:
    """Each email as a delivery; auto-replies (out-of-office loops) are left out."""
    for number, (location, raw) in enumerate(iter_email_files(path), start=1):
        try:
            parsed = parse_email(raw)
            if parsed.is_auto_reply:
                yield Rejection(number, "skipped: an automatic reply", file=location)
                continue
            customer, message = email_to_message(parsed, support)
        except TandemError as e:
            yield Rejection(number, e.message, file=location)
            continue
        except ValidationError as e:
            yield Rejection(number, describe(e), file=location)
            continue
        delivery = Delivery(
            customer=customer, message=message, channel="email", subject=parsed.subject
        )
        yield Parsed(number, delivery)


def store_deliveries(session: Session, items: Sequence[Parsed[Delivery]]) -> BatchCounts:
    """Store messages in order, as one by one would: a reply threads onto the mail before it."""
    counts = BatchCounts(extra={"conversations_created": 0})
    resolver = IdentityResolver(session)
    for stored in store_messages(session, resolver, [item.record for item in items]):
        if stored.duplicate:
            counts.duplicates += 1
            continue
        counts.imported += 1
        counts.messages += 1
        counts.extra["conversations_created"] += int(stored.new_conversation)
    counts.customers = resolver.created
    return counts


def import_email(workspace: Workspace, path: Path) -> ImportSummary:
    """Import ``.eml`` files, a folder of them, or an mbox. Mail from the support addresses
    (settings), our reply senders or a known agent is our reply to the customer it was sent
    to: the same addresses as live mail (``inbound_mail.support_addresses``)."""
    return run_import(
        workspace.sessions,
        _email_items(path, support_addresses(workspace)),
        store_deliveries,
        workspace.settings.import_batch_size,
    )
