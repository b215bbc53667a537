"""Card numbers and IBANs are masked at rest on both write paths, the originals sealed.

Read straight from the ``messages`` table: the number must not be in ``text`` nor (in
clear) in ``text_protected``; only the workspace's key opens the original.
"""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from pydantic import SecretStr
from sqlalchemy import insert, select, text
from typer.testing import CliRunner

from tandemdesk.cli import app
from tandemdesk.config import Settings
from tandemdesk.db import downgrade
from tandemdesk.errors import ConfigError
from tandemdesk.listen import imports
from tandemdesk.models import Conversation, Customer, Message, table_of
from tandemdesk.protect.store import mask_existing, vault_of
from tandemdesk.protect.vault import KEY_FILE, PiiVault
from tandemdesk.understand.pii_mask import mask_iban, mask_payment_data
from tandemdesk.workspace import Workspace, init_workspace

CARD = "4111 1111 1111 1111"
IBAN = "DE89 3704 0044 0532 0130 00"
TEXT = f"Please refund to my card {CARD} or my account {IBAN}, thanks"
MASKED = (
    "Please refund to my card **** **** **** 1111 or my account DE** **** **** **** **30 00, thanks"
)


def _raw_messages(workspace: Workspace) -> list[tuple[int, str, str | None]]:
    """The table as any SQL client sees it (no ORM, no deferred columns)."""
    with workspace.engine.connect() as connection:
        rows = connection.execute(
            text("SELECT id, text, text_protected FROM messages ORDER BY id")
        ).all()
    return [(r[0], r[1], r[2]) for r in rows]


def _assert_masked_at_rest(workspace: Workspace, message_id: int) -> None:
    row = next(r for r in _raw_messages(workspace) if r[0] == message_id)
    _, stored, sealed = row
    assert stored == MASKED
    assert sealed is not None and "4111" not in sealed and "3704" not in sealed
    with workspace.sessions() as session:
        assert vault_of(session).open(sealed) == TEXT


def test_masks_look_like_a_statement_and_masking_is_idempotent() -> None:
    masked = mask_payment_data(TEXT)
    assert masked.text == MASKED
    assert [s.type for s in masked.spans] == ["CARD", "IBAN"]
    assert mask_payment_data(masked.text).changed is False
    assert mask_payment_data("4111111111111111").text == "**** **** **** 1111"
    assert mask_payment_data("Amex 378282246310005").text == "Amex *** **** **** 0005"
    assert mask_iban("GB82WEST12345698765432") == "GB** **** **** **** **54 32"
    assert mask_payment_data("iban de89 3704 0044 0532 0130 00.").text == (
        "iban DE** **** **** **** **30 00."
    )
    assert mask_payment_data("card 4111-1111-1111-1111!").text == "card **** **** **** 1111!"
    # not a card: fails the Luhn check; an order number stays as written
    untouched = "Order 4111 1111 1111 1112, ref NW-104233"
    assert mask_payment_data(untouched).text == untouched


def test_vault_key_file_is_private_shared_and_rotates(tmp_path: Path) -> None:
    settings = Settings(workspace_dir=tmp_path / "ws")
    first, second = PiiVault.for_settings(settings), PiiVault.for_settings(settings)
    sealed = first.seal("secret 4111")
    assert second.open(sealed) == "secret 4111", "a second process uses the same key file"
    mode = stat.S_IMODE((tmp_path / "ws" / KEY_FILE).stat().st_mode)
    assert mode == 0o600
    old_key = (tmp_path / "ws" / KEY_FILE).read_text().strip()
    rotated = PiiVault.for_settings(
        Settings(pii_key=SecretStr(f"{Fernet.generate_key().decode()},{old_key}"))
    )
    assert rotated.open(sealed) == "secret 4111"
    stranger = PiiVault(keys=[Fernet.generate_key()])
    with pytest.raises(ConfigError, match="cannot open"):
        stranger.open(sealed)
    with pytest.raises(ConfigError, match="not a Fernet key"):
        PiiVault(keys=[b"short"]).seal("x")


def test_bulk_import_masks_at_rest(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "history.jsonl"
    path.write_text(
        json.dumps({"external_id": "c1", "customer": "ana@example.org", "text": TEXT}) + "\n"
        + json.dumps({"external_id": "c2", "customer": "bo@example.org", "text": "no numbers"})
        + "\n"
    )  # fmt: skip
    summary = imports.import_conversations(workspace, path).to_dict()
    assert summary["imported"] == 2
    rows = _raw_messages(workspace)
    _assert_masked_at_rest(workspace, rows[0][0])
    assert rows[1][1:] == ("no numbers", None)
    again = imports.import_conversations(workspace, path).to_dict()
    assert again["duplicates"] == 2, "re-importing the original text is still a duplicate"


def test_live_write_path_masks_at_rest(workspace: Workspace, tmp_path: Path) -> None:
    mail = tmp_path / "refund.eml"
    mail.write_text(
        "From: Ana <ana@example.org>\nTo: support@example.com\nSubject: refund\n"
        f"Message-ID: <refund@example.org>\n\n{TEXT}\n"
    )
    assert imports.import_email(workspace, mail).to_dict()["imported"] == 1  # store_messages
    (row,) = _raw_messages(workspace)
    _assert_masked_at_rest(workspace, row[0])


def test_customers_show_prints_the_masked_text(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "history.jsonl"
    path.write_text(json.dumps({"customer": "ana@example.org", "text": TEXT}) + "\n")
    imports.import_conversations(workspace, path)
    for extra in ([], ["--json"]):  # the rich timeline and the JSON one
        result = CliRunner().invoke(
            app, ["customers", "show", "ana@example.org", *extra], env={"COLUMNS": "250"}
        )
        assert result.exit_code == 0, result.output
        # the console's width is fixed when it is first made (another test may have made it
        # narrow), so the text may wrap: compare with the line breaks folded
        shown = " ".join(result.output.split())
        assert MASKED in shown
        assert "4111 1111" not in shown and "3704" not in shown


def _store_unmasked(workspace: Workspace) -> int:
    """A message as an older tandemdesk stored it: the number in full."""
    with workspace.sessions.begin() as session:
        customer = session.execute(
            insert(table_of(Customer)).values(email="old@example.org").returning(Customer.id)
        ).scalar_one()
        conversation = session.execute(
            insert(table_of(Conversation))
            .values(customer_id=customer, external_id="old", channel="email", status="open")
            .returning(Conversation.id)
        ).scalar_one()
        return int(
            session.execute(
                insert(table_of(Message))
                .values(
                    conversation_id=conversation,
                    author="customer",
                    text=TEXT,
                    dedup_key="old",
                    attempts=0,
                )
                .returning(Message.id)
            ).scalar_one()
        )


def test_mask_existing_command_masks_old_rows(workspace: Workspace) -> None:
    message_id = _store_unmasked(workspace)
    result = CliRunner().invoke(app, ["pii", "mask-existing", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {"scanned": 1, "masked": 1}
    _assert_masked_at_rest(workspace, message_id)
    assert mask_existing(workspace).masked == 0, "idempotent"


def test_upgrading_an_older_workspace_masks_its_messages(
    workspace: Workspace, settings: Settings
) -> None:
    downgrade(workspace.engine, "0006")
    with workspace.engine.begin() as connection:  # the 0006 schema: no text_protected yet
        connection.execute(text("INSERT INTO customers (email, attributes, created_at) "
                                "VALUES ('old@example.org', '{}', CURRENT_TIMESTAMP)"))  # fmt: skip
        customer = connection.execute(text("SELECT id FROM customers")).scalar_one()
        connection.execute(
            text(
                "INSERT INTO conversations (customer_id, channel, status, source, labels, "
                "created_at, updated_at) VALUES (:c, 'email', 'open', 'live', '{}', "
                "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            ),
            {"c": customer},
        )
        conversation = connection.execute(text("SELECT id FROM conversations")).scalar_one()
        connection.execute(
            text(
                "INSERT INTO messages (conversation_id, author, text, sent_at, dedup_key, "
                "attachments, meta, attempts) VALUES (:c, 'customer', :t, CURRENT_TIMESTAMP, "
                "'old', '[]', '{}', 0)"
            ),
            {"c": conversation, "t": TEXT},
        )
    upgraded = init_workspace(settings)
    try:
        (row,) = _raw_messages(upgraded)
        _assert_masked_at_rest(upgraded, row[0])
    finally:
        upgraded.close()


def test_a_session_without_a_workspace_vault_refuses_to_store(workspace: Workspace) -> None:
    from sqlalchemy.orm import Session

    with Session(workspace.engine) as session, pytest.raises(ConfigError, match="no PII vault"):
        vault_of(session)
    with workspace.sessions() as session:
        assert session.scalars(select(Message.id)).all() == []
