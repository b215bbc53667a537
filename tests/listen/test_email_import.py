"""Email through the real write path: threading, identities, idempotency, on both databases."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from tandemdesk.config import Settings
from tandemdesk.listen import imports
from tandemdesk.listen.delivery import normalize_subject
from tandemdesk.models import Conversation, Message
from tandemdesk.workspace import Workspace


@pytest.fixture
def support_workspace(workspace: Workspace) -> Workspace:
    workspace.settings = Settings(
        database_url=workspace.settings.database_url, support_addresses=["support@shop.example"]
    )
    return workspace


def test_mbox_thread_becomes_one_conversation(
    support_workspace: Workspace, fixtures_dir: Path
) -> None:
    result = imports.import_email(
        support_workspace, fixtures_dir / "email" / "thread.mbox"
    ).to_dict()
    assert (result["imported"], result["conversations_created"], result["rejected_total"]) == (
        3,
        1,
        0,
    )
    with support_workspace.sessions() as session:
        conversation = session.scalars(select(Conversation)).one()
        assert conversation.channel == "email"
        assert conversation.customer.email == "mia.schmidt@example.net"
        assert [m.author for m in conversation.messages] == ["customer", "agent", "customer"]
        assert conversation.status == "open"
        assert all(">" not in m.text.splitlines()[0] for m in conversation.messages)
    again = imports.import_email(
        support_workspace, fixtures_dir / "email" / "thread.mbox"
    ).to_dict()
    assert (again["imported"], again["duplicates"]) == (0, 3)


def test_folder_of_eml_files(
    support_workspace: Workspace, fixtures_dir: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "mail"
    shutil.copytree(fixtures_dir / "email", folder)
    (folder / "thread.mbox").unlink()
    (folder / "garbage.eml").write_bytes(b"\x00\x01\x02\xff" * 50)
    result = imports.import_email(support_workspace, folder).to_dict()
    files = {Path(r["file"]).name: r["error"] for r in result["rejected"]}
    assert "auto_reply.eml" in files and "automatic reply" in files["auto_reply.eml"]
    assert "garbage.eml" in files
    assert result["imported"] == len(list(folder.glob("*.eml"))) - 2
    with support_workspace.sessions() as session:
        texts = session.scalars(select(Message.text)).all()
        assert any("ü" in t or "ä" in t or "ö" in t for t in texts), "latin-1 German decoded"


def test_subject_fallback_threads_a_reply_without_headers(
    support_workspace: Workspace, tmp_path: Path
) -> None:
    first = (
        "From: Ola <ola@example.org>\r\nTo: support@shop.example\r\nSubject: Broken zipper\r\n"
        "Message-ID: <o1@example.org>\r\nDate: Mon, 02 Mar 2026 10:00:00 +0000\r\n\r\n"
        "The zipper broke.\r\n"
    )
    second = (
        "From: Ola <ola@example.org>\r\nTo: support@shop.example\r\n"
        "Subject: AW: Re: Broken zipper\r\n"
        "Message-ID: <o2@example.org>\r\nDate: Tue, 03 Mar 2026 10:00:00 +0000\r\n\r\nAny news?\r\n"
    )
    (tmp_path / "1.eml").write_text(first)
    (tmp_path / "2.eml").write_text(second)
    result = imports.import_email(support_workspace, tmp_path).to_dict()
    assert (result["imported"], result["conversations_created"]) == (2, 1)


def test_missing_path_is_unusable(support_workspace: Workspace, tmp_path: Path) -> None:
    from tandemdesk.errors import UnusableInputError

    with pytest.raises(UnusableInputError):
        imports.import_email(support_workspace, tmp_path / "nope.mbox")


def test_normalize_subject() -> None:
    assert normalize_subject("RE: AW: Fwd:  Order   NW-1 ") == "order nw-1"
    assert normalize_subject(None) == ""


def _eml(sender: str, message_id: str, body: str) -> str:
    return (
        f"From: {sender}\nTo: support@shop.example\nSubject: Help\n"
        f"Message-ID: {message_id}\nDate: Mon, 02 Nov 2026 10:00:00 +0000\n\n{body}\n"
    )


def test_a_message_id_another_customer_sent_is_rejected_with_its_line(
    support_workspace: Workspace, tmp_path: Path
) -> None:
    """The same Message-ID from another sender is not a re-delivery (it would be dropped as
    a duplicate of someone else's mail): that file is reported, the others land."""
    folder = tmp_path / "mail"
    folder.mkdir()
    (folder / "1.eml").write_text(_eml("ana@example.org", "<same@x>", "Where is my order?"))
    (folder / "2.eml").write_text(_eml("bo@example.org", "<same@x>", "Refund please"))
    (folder / "3.eml").write_text(_eml("bo@example.org", "<other@x>", "My parcel is late"))
    result = imports.import_email(support_workspace, folder).to_dict()
    assert (result["imported"], result["rejected_total"]) == (2, 1), result
    [rejected] = result["rejected"]
    assert "another customer" in rejected["error"] and rejected["line"] == 2, rejected
    with support_workspace.sessions() as session:
        texts = {m.text for m in session.scalars(select(Message))}
    assert texts == {"Where is my order?", "My parcel is late"}
