"""Incoming e-mail, live: a provider's POST of raw MIME and a real IMAP mailbox (Debian's
Dovecot) both reach the orchestrator like an API message; bounces and auto-replies are kept
but never answered; unreadable mail is refused (API) or flagged (mailbox); a mail seen twice
is handled once; a mailbox that is gone is a clear error."""

from __future__ import annotations

import dataclasses
import imaplib
import json
import threading
import time
from collections.abc import Iterator
from email.message import EmailMessage

import pytest
from sqlalchemy import func, select

from tandemdesk.channels.mailbox import (
    MailboxError,
    MailboxPoller,
    MailboxSettings,
    connect,
    poll_once,
    wait_for_mail,
)
from tandemdesk.config import Settings
from tandemdesk.listen.inbound_mail import receive_mail
from tandemdesk.models import Decision, Message
from tandemdesk.orchestrator import Orchestrator
from tandemdesk.workspace import init_workspace
from tests.api.conftest import Api, assert_error
from tests.channels import dovecot
from tests.cli.test_cli_imports import run

RAW_HEADERS = {"Content-Type": "message/rfc822"}


def mail(text: str, sender: str = "mia@example.org", message_id: str = "<m1@mail.example>",
         **headers: str) -> bytes:  # fmt: skip
    msg = EmailMessage()
    msg["From"] = f"Mia <{sender}>"
    msg["To"] = "support@northwind.example"
    msg["Subject"] = headers.pop("Subject", "My order")
    msg["Message-ID"] = message_id
    msg["Date"] = "Sat, 05 Dec 2026 10:00:00 +0000"
    for name, value in headers.items():
        msg[name.replace("_", "-")] = value
    msg.set_content(text)
    return bytes(msg)


def test_a_provider_posts_raw_mail(api: Api) -> None:
    headers = {**api.as_role("integration"), **RAW_HEADERS}
    first = api.client.post("/v1/inbound/email", content=mail("Where is my order NW-5001?"),
                            headers=headers)  # fmt: skip
    assert first.status_code == 201, first.text
    body = first.json()
    assert body["outcome"] == "handled" and body["result"]["action"]
    again = api.client.post("/v1/inbound/email", content=mail("Where is my order NW-5001?"),
                            headers=headers)  # fmt: skip
    assert again.status_code == 200 and again.json()["result"]["duplicate"] is True
    reply = mail("And can you send the invoice too?", message_id="<m2@mail.example>",
                 In_Reply_To="<m1@mail.example>")  # fmt: skip
    threaded = api.client.post("/v1/inbound/email", content=reply, headers=headers).json()
    assert threaded["conversation_id"] == body["conversation_id"]

    away = mail("I am out of office until Monday.", message_id="<ooo@mail.example>",
                Auto_Submitted="auto-replied", Subject="Out of office")  # fmt: skip
    kept = api.client.post("/v1/inbound/email", content=away, headers=headers).json()
    assert kept["outcome"] == "auto_reply" and kept["result"] is None
    with api.shop.workspace.sessions() as session:
        stored = session.scalar(select(Message).where(Message.external_id == "ooo@mail.example"))
        assert stored is not None, "the bounce is kept in its conversation"
        decided = session.scalar(
            select(func.count()).select_from(Decision).where(Decision.message_id == stored.id)
        )
        assert decided == 0, "an automatic reply never reaches the policy"

    assert_error(api.client.post("/v1/inbound/email", content=b"\x00\x01 not mail",
                                 headers=headers), 422, "invalid_record")  # fmt: skip
    assert_error(api.client.post("/v1/inbound/email", content=mail("hi"),
                                 headers={**api.as_role("agent"), **RAW_HEADERS}), 403)  # fmt: skip


def test_a_mail_with_25_mb_of_attachments_is_handled(api: Api) -> None:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "mia@example.org", "support@x.example", "Photos"
    msg["Message-ID"] = "<big@mail.example>"
    msg.set_content("Here are the photos of the broken tent pole, order NW-5001.")
    msg.add_attachment(b"\xff" * (25 * 1024 * 1024), maintype="image", subtype="jpeg",
                       filename="pole.jpg")  # fmt: skip
    headers = {**api.as_role("integration"), **RAW_HEADERS}
    answer = api.client.post("/v1/inbound/email", content=bytes(msg), headers=headers)
    assert answer.status_code == 201, answer.text[:300]
    with api.shop.workspace.sessions() as session:
        stored = session.scalar(select(Message).where(Message.external_id == "big@mail.example"))
        assert stored is not None and stored.attachments[0]["filename"] == "pole.jpg"
        assert "data" not in stored.attachments[0], "attachments are listed, never stored"


def test_mail_from_our_sending_address_is_never_answered(shop: Orchestrator) -> None:
    """A copy of our own reply (From: TANDEMDESK_MAIL_FROM, or a queue's sender) that comes
    back to the mailbox is our side of the thread, not a customer to answer."""
    settings = shop.workspace.settings.model_copy(
        update={"mail_from": "Northwind <help@northwind.example>",
                "mail_from_by_queue": {"billing": "Billing <billing@northwind.example>"}}
    )  # fmt: skip
    workspace = dataclasses.replace(shop.workspace, settings=settings)

    def never(delivery: object) -> object:
        raise AssertionError("our own mail reached the policy")

    for sender in ("help@northwind.example", "billing@northwind.example"):
        raw = mail("Your refund is on its way.", sender=sender, message_id=f"<copy@{sender}>")
        assert receive_mail(workspace, raw, never).outcome == "ours", sender


# ------------------------------------------------------------------------- a real mailbox


@pytest.fixture
def imap() -> Iterator[dovecot.Imap]:
    if not dovecot.available():
        pytest.skip("needs Debian's Dovecot (apt-get install -y dovecot-imapd; .ci/run does)")
    with dovecot.dovecot() as server:
        yield server


def _append(server: dovecot.Imap, *raws: bytes, folder: str = "INBOX") -> None:
    conn = imaplib.IMAP4(server.host, server.port)
    conn.login("support", dovecot.PASSWORD)
    for raw in raws:
        conn.append(folder, None, None, raw)
    conn.logout()


def _flags(server: dovecot.Imap) -> list[str]:
    conn = imaplib.IMAP4(server.host, server.port)
    conn.login("support", dovecot.PASSWORD)
    _, count = conn.select("INBOX")
    data: list[object] = []
    if int(count[0] or 0):
        _, data = conn.fetch("1:*", "(FLAGS)")
    conn.logout()
    return [item.decode() for item in data if isinstance(item, bytes)]


def test_the_mailbox_is_read_once(imap: dovecot.Imap, shop: Orchestrator) -> None:
    _append(
        imap,
        mail("Where is my order NW-5001?", message_id="<a@mail.example>"),
        mail("Automatic reply: away", message_id="<b@mail.example>", Precedence="bulk"),
        b"\x00\x00 binary junk, not a mail",
    )
    settings = MailboxSettings.from_url(imap.url())
    conn = connect(settings)
    first = poll_once(conn, settings, shop.workspace, shop.handle)
    assert (first.fetched, first.handled, first.auto_replies, first.rejected) == (3, 1, 1, 1)
    second = poll_once(conn, settings, shop.workspace, shop.handle)
    assert second.fetched == 0, "handled mail is marked and not read again"
    conn.logout()
    flags = _flags(imap)
    assert sum("\\Seen" in f for f in flags) == 3 and sum("\\Flagged" in f for f in flags) == 1

    with pytest.raises(MailboxError, match="no folder 'Archive'"):
        connect(MailboxSettings.from_url(imap.url(folder="Archive")))
    with pytest.raises(MailboxError, match="cannot reach"):
        connect(MailboxSettings.from_url(f"imap://support:secret@127.0.0.1:{_closed_port()}/INBOX"))


def test_the_worker_wakes_on_new_mail(imap: dovecot.Imap, shop: Orchestrator) -> None:
    """IDLE: a mail that arrives while the poller waits is handled within seconds."""
    settings = MailboxSettings.from_url(imap.url(), processed="move:Done")
    conn = imaplib.IMAP4(imap.host, imap.port)
    conn.login("support", dovecot.PASSWORD)
    conn.create("Done")
    conn.logout()
    poller = MailboxPoller(shop.workspace, settings, shop.handle, every=60.0)
    thread = threading.Thread(target=poller.run, daemon=True)
    thread.start()
    time.sleep(1.0)  # the poller is in IDLE now
    _append(imap, mail("Hello, where is my parcel NW-5001?", message_id="<idle@mail.example>"))
    deadline = time.monotonic() + 20
    handled = False
    while time.monotonic() < deadline and not handled:
        with shop.workspace.sessions() as session:
            handled = (
                session.scalar(select(Message.id).where(Message.external_id == "idle@mail.example"))
                is not None
            )
        time.sleep(0.2)
    poller.stop.set()
    assert handled, "the mail that arrived during IDLE was not handled within 20 s"
    assert _flags(imap) == [], "processed mail was moved to Done"


def test_an_idle_without_mail_keeps_the_connection(imap: dovecot.Imap, shop: Orchestrator) -> None:
    """IDLE that ends with no mail leaves the connection usable (and its timeout set): the
    poller must not drop and re-open its connection every interval."""
    settings = MailboxSettings.from_url(imap.url(), timeout=7.0)
    conn = connect(settings)
    try:
        started = time.monotonic()
        wait_for_mail(conn, 0.5)
        assert 0.4 < time.monotonic() - started < 5
        assert conn.socket().gettimeout() == 7.0
        assert poll_once(conn, settings, shop.workspace, shop.handle).fetched == 0
    finally:
        conn.logout()


def test_a_poll_on_an_open_connection_sees_new_mail(imap: dovecot.Imap, shop: Orchestrator) -> None:
    """Without IDLE the poller keeps its connection and polls: mail that arrived since the
    last poll is found (the server announces it only in answer to a command such as NOOP)."""
    settings = MailboxSettings.from_url(imap.url())
    conn = connect(settings)
    try:
        assert poll_once(conn, settings, shop.workspace, shop.handle).fetched == 0
        _append(imap, mail("Where is my order NW-5001?", message_id="<later@mail.example>"))
        assert poll_once(conn, settings, shop.workspace, shop.handle).handled == 1
    finally:
        conn.logout()


def test_the_mailbox_reader_survives_a_database_outage(
    imap: dovecot.Imap, shop: Orchestrator, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A poll that fails on the store (the database restarting) is retried; the reader's
    thread must not end with it, or no mail would be read until the worker restarts."""
    from sqlalchemy.exc import OperationalError

    from tandemdesk.channels import mailbox

    real, failures = mailbox.support_addresses, [1]

    def flaky(workspace: object) -> list[str]:  # stands in for the database going away once
        if failures:
            failures.pop()
            raise OperationalError("SELECT agents.email", {}, Exception("server closed"))
        return real(workspace)  # type: ignore[arg-type]

    monkeypatch.setattr(mailbox, "support_addresses", flaky)
    _append(imap, mail("Where is my order NW-5001?", message_id="<outage@mail.example>"))
    poller = MailboxPoller(shop.workspace, MailboxSettings.from_url(imap.url()), shop.handle, 0.2)
    thread = poller.start()
    deadline, found = time.monotonic() + 20, None
    while time.monotonic() < deadline and found is None:
        with shop.workspace.sessions() as session:
            found = session.scalar(
                select(Message.id).where(Message.external_id == "outage@mail.example")
            )
        time.sleep(0.2)
    poller.stop.set()
    thread.join(timeout=10)
    assert found is not None, "the reader died with the failed poll"


def _closed_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_the_worker_reads_the_mailbox(imap: dovecot.Imap, shop: Orchestrator) -> None:
    """`tandemdesk worker` with TANDEMDESK_IMAP_URL reads the mailbox beside the deliveries."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "TANDEMDESK_IMAP_URL": imap.url(), "TANDEMDESK_IMAP_POLL_SECONDS": "1"}
    worker = subprocess.Popen([sys.executable, "-m", "tandemdesk", "worker", "--no-recover"],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
    try:
        _append(imap, mail("Where is my order NW-5001?", message_id="<worker@mail.example>"))
        deadline = time.monotonic() + 60
        found = None
        while time.monotonic() < deadline and found is None and worker.poll() is None:
            with shop.workspace.sessions() as session:
                found = session.scalar(
                    select(Message.id).where(Message.external_id == "worker@mail.example")
                )
            time.sleep(0.3)
    finally:
        worker.terminate()
        out, err = worker.communicate(timeout=30)
    assert found is not None, (out.decode()[-1000:], err.decode()[-2000:])
    assert b"reading INBOX" in out


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_mail_poll_once_from_the_command_line(
    imap: dovecot.Imap, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`tandemdesk mail poll --once --json` as an operator runs it (cron, a first try)."""
    init_workspace(settings).close()
    _append(imap, mail("Where is my order NW-5002?", message_id="<cli@mail.example>"))
    monkeypatch.setenv("TANDEMDESK_IMAP_URL", imap.url())
    monkeypatch.setenv("TANDEMDESK_WORKSPACE_DIR", str(settings.workspace_dir))
    polled = run(settings, "mail", "poll", "--once", "--json")
    assert polled.returncode == 0, polled.stderr
    report = json.loads(polled.stdout)
    assert (report["fetched"], report["handled"]) == (1, 1), report
    again = run(settings, "mail", "poll", "--once", "--json")
    assert json.loads(again.stdout)["fetched"] == 0
