"""Masking on the way into the store, and for rows stored before masking existed.

Every message row goes through ``protect_rows`` just before it is inserted, on both write
paths (``listen/ingest.py`` for imported history, ``listen/delivery.py`` for live messages
and e-mail): the text keeps its card numbers and IBANs masked, the original is sealed with
the workspace's key into ``text_protected``. So every read (console, API, CLI, timeline,
understanding, exports) sees the masked text without knowing about it, and only
``reveal.reveal_message`` opens the original.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from tandemdesk.db import transaction
from tandemdesk.errors import ConfigError
from tandemdesk.models import Message
from tandemdesk.protect.vault import PiiVault
from tandemdesk.understand.pii_mask import mask_payment_data
from tandemdesk.workspace import PII_VAULT, Workspace

MASK_BATCH = 1000


def vault_of(session: Session) -> PiiVault:
    """The vault of the workspace this session belongs to (``Workspace`` puts it there)."""
    vault = session.info.get(PII_VAULT)
    if not isinstance(vault, PiiVault):
        raise ConfigError("this session has no PII vault: open it through a Workspace")
    return vault


def protect_rows(session: Session, rows: Sequence[dict[str, Any]]) -> int:
    """Mask the card numbers and IBANs of message ``rows`` in place and seal the originals;
    every row gets a ``text_protected`` (None when nothing was masked). Returns how many
    rows were masked."""
    masked_rows = 0
    vault: PiiVault | None = None
    for row in rows:
        masked = mask_payment_data(row["text"])
        if not masked.changed:
            row["text_protected"] = None
            continue
        vault = vault or vault_of(session)
        row["text_protected"] = vault.seal(row["text"])
        row["text"] = masked.text
        masked_rows += 1
    return masked_rows


@dataclass(frozen=True)
class MaskReport:
    scanned: int
    masked: int


def mask_existing(workspace: Workspace, batch: int = MASK_BATCH) -> MaskReport:
    """Mask the messages stored before masking existed (idempotent: a masked text has no
    card number left, and rows already protected are skipped). One transaction per batch,
    walking the ids upwards, so a large store is done in bounded memory and an interrupted
    run simply continues."""
    scanned = masked = 0
    last_id = 0
    while True:
        with transaction(workspace.sessions) as session:
            rows = session.execute(
                select(Message.id, Message.text)
                .where(Message.id > last_id, Message.text_protected.is_(None))
                .order_by(Message.id)
                .limit(batch)
            ).all()
            if not rows:
                return MaskReport(scanned, masked)
            vault = vault_of(session)
            for message_id, text in rows:
                result = mask_payment_data(text)
                if result.changed:
                    session.execute(
                        update(Message)
                        .where(Message.id == message_id)
                        .values(text=result.text, text_protected=vault.seal(text))
                    )
                    masked += 1
            scanned += len(rows)
            last_id = rows[-1][0]
