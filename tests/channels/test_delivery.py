"""The outbox end to end with real servers: every outgoing message gets its delivery in the
same transaction, leaves through its channel (SMTP threaded, API/chat stored for clients),
is retried with backoff when the server refuses or hangs, dies after N attempts, and is
re-sent under the same id; webhooks are signed and verified by a real receiver."""

from __future__ import annotations

import json
import threading
import time
from email import message_from_bytes
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from tandemdesk import actions
from tandemdesk.channels import outbox, webhooks
from tandemdesk.channels.worker import DeliveryWorker
from tandemdesk.db import transaction
from tandemdesk.errors import ConfigError, UnfilledPlaceholderError
from tandemdesk.listen.delivery import Delivery as Inbound
from tandemdesk.listen.records import CustomerRef, MessageRecord
from tandemdesk.models import Conversation, Delivery, Message
from tandemdesk.orchestrator import Orchestrator
from tandemdesk.timeutil import utcnow
from tandemdesk.workspace import Workspace
from tests.channels.conftest import SECRET, Receiver, SmtpServer
from tests.orchestrator.conftest import message


def worker(workspace: Workspace, **overrides: Any) -> DeliveryWorker:
    settings = workspace.settings.model_copy(
        update={"delivery_backoff_seconds": 0.0, "delivery_concurrency": 2, **overrides}
    )
    return DeliveryWorker(workspace, settings)


def deliveries(workspace: Workspace, **where: Any) -> list[Delivery]:
    with workspace.sessions() as session:
        query = select(Delivery).order_by(Delivery.id)
        for name, value in where.items():
            query = query.where(getattr(Delivery, name) == value)
        return list(session.scalars(query))


def email_conversation(shop: Orchestrator, text: str = "my jacket is torn") -> int:
    inbound = Inbound(
        customer=CustomerRef(email="mia@example.org", name="Mia Park"),
        message=MessageRecord(text=text, external_id="first.mail@customer.example"),
        channel="email",
        subject="Torn jacket",
    )
    return shop.handle(inbound).conversation_id


def test_every_outgoing_message_is_promised_with_it_and_delivered(shop: Orchestrator) -> None:
    workspace = shop.workspace
    answered = shop.handle(message("where is my order NW-5001?"))
    assert answered.reply
    agent_reply = actions.do_reply(workspace, answered.conversation_id, "Anything else?", "a1")
    with workspace.sessions() as session:
        outgoing = set(
            session.scalars(select(Message.id).where(Message.author.in_(("bot", "agent"))))
        )
    pending = deliveries(workspace, kind="message")
    assert {d.message_id for d in pending} == outgoing and agent_reply in outgoing
    assert {d.status for d in pending} == {"pending"}
    # a refused reply stores neither the message nor a delivery
    with pytest.raises(UnfilledPlaceholderError):
        actions.do_reply(workspace, answered.conversation_id, "Hi {{customer.first_name}}")
    assert len(deliveries(workspace, kind="message")) == len(pending)
    assert worker(workspace).drain() == len(pending)
    assert {d.status for d in deliveries(workspace, kind="message")} == {"sent"}  # chat: stored


def test_an_email_reply_is_threaded_and_signed_by_its_sender(
    shop: Orchestrator, smtp_server: SmtpServer
) -> None:
    workspace = shop.workspace
    conversation_id = email_conversation(shop)
    reply_id = actions.do_reply(
        workspace, conversation_id, "Sorry!\n\nA new one is on its way.", "a1"
    )
    w = worker(workspace, smtp_url=smtp_server.url, mail_from="Northwind Support <help@nw.example>")
    w.drain()
    w.close()
    (sent,) = deliveries(workspace, message_id=reply_id)
    assert sent.status == "sent", sent.last_error
    mail = next(m for m in smtp_server.handler.mails if "Ann Agent" in str(m["From"]))
    assert str(mail["From"]) == "Ann Agent <help@nw.example>"
    assert str(mail["To"]) == "mia@example.org"
    assert str(mail["Subject"]) == "Re: Torn jacket"
    assert str(mail["Message-ID"]) == f"<td-{sent.key}@nw.example>"
    assert str(mail["In-Reply-To"]) == "<first.mail@customer.example>"
    assert "<first.mail@customer.example>" in str(mail["References"])
    assert mail.get("Auto-Submitted") is None  # a person wrote it
    plain = mail.get_body(("plain",))
    html = mail.get_body(("html",))
    assert plain is not None and "A new one is on its way." in plain.get_content()
    assert html is not None and "<p>A new one is on its way.</p>" in html.get_content()
    bots = [m for m in smtp_server.handler.mails if "Northwind Support" in str(m["From"])]
    assert all(str(m["Auto-Submitted"]) == "auto-replied" for m in bots)


def test_a_reply_that_cannot_be_a_mail_is_dead_and_its_batch_leaves_once(
    shop: Orchestrator, smtp_server: SmtpServer
) -> None:
    """A stored subject with a line break (imported data) cannot be a mail header: that reply
    is dead with the reason, and the other replies of its batch are sent and marked, once."""
    workspace = shop.workspace
    bad = email_conversation(shop)
    good = shop.handle(
        Inbound(
            customer=CustomerRef(email="leo@example.org", name="Leo Stone"),
            message=MessageRecord(text="my boots are torn", external_id="leo@customer.example"),
            channel="email",
            subject="Torn boots",
        )
    ).conversation_id
    with transaction(workspace.sessions) as session:
        conversation = session.get(Conversation, bad)
        assert conversation is not None
        conversation.subject = "Torn jacket\nBcc: someone@else.example"
    bad_reply = actions.do_reply(workspace, bad, "Sorry, Mia!", "a1")
    good_reply = actions.do_reply(workspace, good, "Sorry, Leo!", "a1")
    w = worker(workspace, smtp_url=smtp_server.url)
    w.drain()
    w.close()
    (dead,) = deliveries(workspace, message_id=bad_reply)
    assert dead.status == "dead" and "cannot be written as a mail" in (dead.last_error or "")
    (sent,) = deliveries(workspace, message_id=good_reply)
    assert sent.status == "sent", sent.last_error
    to_leo = [m for m in smtp_server.handler.mails if "Sorry, Leo!" in str(m.get_body(("plain",)))]
    assert len(to_leo) == 1


def test_a_refusing_mail_server_means_a_retry_with_the_same_message_id(
    shop: Orchestrator, smtp_server: SmtpServer
) -> None:
    workspace = shop.workspace
    conversation_id = email_conversation(shop)
    w = worker(workspace, smtp_url=smtp_server.url, delivery_backoff_seconds=0.2)
    w.drain()  # the bot's own answer, if any, leaves first
    before = len(smtp_server.handler.mails)
    reply_id = actions.do_reply(workspace, conversation_id, "We are on it.", "a1")
    smtp_server.handler.refuse = 1
    w.run_once()
    (failed,) = deliveries(workspace, message_id=reply_id)
    assert failed.status == "failed" and failed.attempts == 1
    assert "451" in (failed.last_error or "")
    assert failed.next_attempt_at > utcnow()  # backoff: not due at once
    assert w.run_once() == 0
    time.sleep(0.25)
    assert w.run_once() == 1
    (sent,) = deliveries(workspace, message_id=reply_id)
    assert sent.status == "sent" and sent.attempts == 2
    assert len(smtp_server.handler.mails) == before + 1
    assert smtp_server.handler.ids()[-1] == f"<td-{sent.key}@example.com>"
    w.close()


def test_a_mail_server_that_hangs_is_a_retry_not_a_stuck_worker(
    shop: Orchestrator, smtp_server: SmtpServer
) -> None:
    workspace = shop.workspace
    conversation_id = email_conversation(shop)
    reply_id = actions.do_reply(workspace, conversation_id, "We are on it.", "a1")
    smtp_server.handler.delay = 1.5
    w = worker(workspace, smtp_url=smtp_server.url, smtp_timeout=0.3, delivery_backoff_seconds=60)
    started = time.monotonic()
    w.run_once()
    assert time.monotonic() - started < 1.4
    (failed,) = deliveries(workspace, message_id=reply_id)
    assert failed.status == "failed" and "timed out" in (failed.last_error or "")
    w.close()


def test_without_a_mail_server_an_email_reply_waits_and_says_why(shop: Orchestrator) -> None:
    workspace = shop.workspace
    reply_id = actions.do_reply(workspace, email_conversation(shop), "Hello", "a1")
    worker(workspace, delivery_max_attempts=2).drain()
    (dead,) = deliveries(workspace, message_id=reply_id)
    assert dead.status == "dead" and "TANDEMDESK_SMTP_URL" in (dead.last_error or "")
    failed_events = [d for d in deliveries(workspace, kind="webhook")]
    assert failed_events == []  # nobody subscribed: no webhook rows


def subscribe(workspace: Workspace, url: str, events: list[str]) -> int:
    with transaction(workspace.sessions) as session:
        made = webhooks.create(session, url, events, SECRET, "test", utcnow())
        return made.id


def test_webhooks_are_signed_enqueued_with_their_event_and_verified(
    shop: Orchestrator, receiver: Receiver
) -> None:
    workspace = shop.workspace
    subscribe(workspace, receiver.url, ["message.received", "decision.made", "reply.sent"])
    result = shop.handle(message("where is my order NW-5001?"))
    queued = deliveries(workspace, kind="webhook")
    assert [d.event for d in queued] == ["message.received", "decision.made"]
    w = worker(workspace)
    w.drain()
    w.close()
    calls = receiver.wait_for(3)
    assert all(c.verified for c in calls)
    events = [c.headers["Tandemdesk-Event"] for c in calls]
    assert sorted(events) == ["decision.made", "message.received", "reply.sent"]
    ids = [c.headers["Tandemdesk-Delivery"] for c in calls]
    assert len(set(ids)) == 3
    sent = next(json.loads(c.body) for c in calls if c.headers["Tandemdesk-Event"] == "reply.sent")
    assert sent["id"] in ids and sent["data"]["text"] == result.reply
    assert sent["data"]["conversation_id"] == result.conversation_id


def test_verify_refuses_malformed_signatures_without_raising() -> None:
    """A receiver's check says no to anything that is not our header; it never raises."""
    body = b'{"event":"reply.sent"}'
    good = webhooks.sign(SECRET, body)
    assert webhooks.verify(SECRET, body, good)
    assert webhooks.verify(SECRET, body, good.replace(",", ", "))
    t = good.split(",")[0]
    for header in ("", "garbage", t, f"{t},v2=abc", f"{t},v1=\u00e9\u00e9", "t=soon,v1=00"):
        assert webhooks.verify(SECRET, body, header) is False, header
    assert not webhooks.verify(SECRET, body + b" ", good)


def test_a_failing_receiver_is_retried_then_dead_then_resent_under_the_same_id(
    shop: Orchestrator, receiver: Receiver
) -> None:
    workspace = shop.workspace
    subscribe(workspace, receiver.url, ["decision.made"])
    receiver.script = ["500", "500", "500"]
    shop.handle(message("I forgot my password"))
    w = worker(workspace, delivery_max_attempts=3)
    for _ in range(3):
        w.run_once()
    (dead,) = deliveries(workspace, kind="webhook")
    assert dead.status == "dead" and dead.attempts == 3 and dead.response_status == 500
    assert "HTTP 500" in (dead.last_error or "")
    with transaction(workspace.sessions) as session:
        outbox.resend(session, dead.id, utcnow())
    w.run_once()
    (sent,) = deliveries(workspace, kind="webhook")
    assert sent.status == "sent"
    assert {c.headers["Tandemdesk-Delivery"] for c in receiver.calls} == {dead.key}
    assert len(receiver.calls) == 4 and all(c.verified for c in receiver.calls)
    w.close()


def test_a_hanging_receiver_times_out_into_a_retry(shop: Orchestrator, receiver: Receiver) -> None:
    workspace = shop.workspace
    subscribe(workspace, receiver.url, ["decision.made"])
    receiver.script, receiver.hang_seconds = ["hang"], 1.0
    shop.handle(message("I forgot my password"))
    w = worker(workspace, webhook_timeout=0.3)
    w.run_once()
    (failed,) = deliveries(workspace, kind="webhook")
    assert failed.status == "failed" and "no answer" in (failed.last_error or "")
    w.run_once()
    assert deliveries(workspace, kind="webhook")[0].status == "sent"
    w.close()


def test_a_dead_reply_tells_subscribers(shop: Orchestrator, receiver: Receiver) -> None:
    workspace = shop.workspace
    subscribe(workspace, receiver.url, ["delivery.failed"])
    reply_id = actions.do_reply(workspace, email_conversation(shop), "Hello", "a1")
    w = worker(workspace, delivery_max_attempts=1)
    w.drain()
    (call,) = receiver.wait_for(1)
    body = json.loads(call.body)
    assert body["event"] == "delivery.failed" and body["data"]["message_id"] == reply_id
    w.close()


def test_workers_claiming_at_once_never_take_the_same_delivery(shop: Orchestrator) -> None:
    workspace = shop.workspace
    conversation_id = shop.handle(message("hello there")).conversation_id
    for i in range(40):
        actions.do_reply(workspace, conversation_id, f"reply {i}")
    total = len(deliveries(workspace, status="pending"))
    taken: list[list[int]] = [[], [], []]
    sizes: list[int] = []

    def claim(mine: list[int]) -> None:
        while True:
            with transaction(workspace.sessions) as session:
                got = outbox.claim_due(session, utcnow(), 4, 60)
            if not got:
                return
            sizes.append(len(got))
            mine.extend(d.id for d in got)

    threads = [threading.Thread(target=claim, args=(mine,)) for mine in taken]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    every = [i for mine in taken for i in mine]
    assert len(every) == len(set(every)) == total
    assert max(sizes) <= 4  # a claim takes its limit, never every due row


def test_a_claim_whose_lease_ran_out_is_taken_again_and_the_old_holder_cannot_mark_it(
    shop: Orchestrator,
) -> None:
    workspace = shop.workspace
    conversation_id = shop.handle(message("hello there")).conversation_id
    worker(workspace).drain()
    actions.do_reply(workspace, conversation_id, "one reply")
    with transaction(workspace.sessions) as session:
        (first,) = outbox.claim_due(session, utcnow(), 10, 0.2)
    with transaction(workspace.sessions) as session:
        assert outbox.claim_due(session, utcnow(), 10, 0.2) == []
    time.sleep(0.3)
    with transaction(workspace.sessions) as session:
        (again,) = outbox.claim_due(session, utcnow(), 10, 60)
    assert (again.id, again.key, again.attempts) == (first.id, first.key, 2)
    with transaction(workspace.sessions) as session:
        outbox.mark(session, [outbox.Outcome(first)], utcnow(), 8, 0, 0)  # too late: ignored
    assert deliveries(workspace, id=first.id)[0].status == "sending"


def test_backoff_doubles_with_jitter_and_is_capped() -> None:
    import random

    rng = random.Random(1)
    waits = [outbox.backoff(n, 10, 300, rng) for n in range(1, 8)]
    for n, wait in enumerate(waits, start=1):
        ceiling = min(300, 10 * 2 ** (n - 1))
        assert ceiling / 2 <= wait <= ceiling


def test_the_worker_hands_crash_leftovers_to_recovery_and_sends_their_replies(
    shop: Orchestrator,
) -> None:
    """A message a dying process left ``pending`` is answered by the worker's recovery step
    (``recovery.recover_pending``), and the answer leaves like any other."""
    from datetime import timedelta

    from sqlalchemy import update

    from tandemdesk.understand.pipeline import Pipeline, Understanding

    class Crash(BaseException):
        pass

    class Dying(Pipeline):
        def understand(self, texts: Any) -> list[Understanding]:
            raise Crash

    workspace = shop.workspace
    working, shop.pipeline = shop.pipeline, Dying()
    with pytest.raises(Crash):
        shop.handle(message("where is my order NW-5001?"))
    shop.pipeline = working
    with transaction(workspace.sessions) as session:  # its lease ran out: the process is gone
        session.execute(
            update(Message)
            .where(Message.handling == "pending")
            .values(retry_at=utcnow() - timedelta(seconds=1))
        )
    w = DeliveryWorker(workspace, orchestrator=lambda: shop)
    w.recover()
    w.drain()
    (sent,) = deliveries(workspace, kind="message")
    assert sent.status == "sent"
    with workspace.sessions() as session:
        assert session.scalar(select(Message.handling).where(Message.author == "customer")) == (
            "handled"
        )


def test_on_postgresql_a_stored_reply_wakes_an_idle_worker_at_once(shop: Orchestrator) -> None:
    """The trigger's NOTIFY (migration 0008) wakes the worker long before its next poll."""
    workspace = shop.workspace
    if workspace.engine.dialect.name != "postgresql":
        pytest.skip("LISTEN/NOTIFY is PostgreSQL's; SQLite's serve is woken in-process")
    conversation_id = shop.handle(message("hello there")).conversation_id
    w = worker(workspace, delivery_poll_seconds=30.0)
    w.drain()
    stop, wake = threading.Event(), threading.Event()
    runner = threading.Thread(target=w.run, args=(stop, wake))
    runner.start()
    try:
        time.sleep(1.0)  # listening, idle, its next poll 29 s away
        reply_id = actions.do_reply(workspace, conversation_id, "Woken?")
        until = time.monotonic() + 5
        while (
            time.monotonic() < until
            and deliveries(workspace, message_id=reply_id)[0].status != "sent"
        ):
            time.sleep(0.02)
        took = time.monotonic() - (until - 5)
        assert deliveries(workspace, message_id=reply_id)[0].status == "sent"
        assert took < 2.0, took
    finally:
        stop.set()
        wake.set()
        runner.join(10)
        w.close()


def test_smtp_urls_say_how_to_connect_and_bad_ones_say_what_is_wrong() -> None:
    from tandemdesk.channels.email_out import SmtpServer as Server
    from tandemdesk.errors import ConfigError

    plain = Server.from_url("smtp://mail.local")
    assert (plain.host, plain.port, plain.security, plain.user) == ("mail.local", 25, "plain", None)
    tls = Server.from_url("smtps://me%40shop.example:p%3Ass@smtp.shop.example")
    assert (tls.port, tls.security, tls.user, tls.password) == (
        465,
        "tls",
        "me@shop.example",
        "p:ss",
    )
    assert Server.from_url("smtp+starttls://smtp.shop.example").port == 587
    assert Server.from_url("smtp+starttls://smtp.shop.example:2525").port == 2525
    for bad, says in [("imap://x", "must start with"), ("smtp://", "no host"),
                      ("smtp://host:99999", "bad port")]:  # fmt: skip
        with pytest.raises(ConfigError, match=says):
            Server.from_url(bad)


def test_a_folder_takes_the_mail_where_there_is_no_mail_server(
    shop: Orchestrator, tmp_path: Path
) -> None:
    """`TANDEMDESK_SMTP_URL=file:///folder` (what `make demo` uses): each e-mail reply is an
    .eml file named by its Message-ID, written once even when re-sent."""
    workspace = shop.workspace
    conversation_id = email_conversation(shop)
    reply_id = actions.do_reply(workspace, conversation_id, "A new one is on its way.", "a1")
    outbox = tmp_path / "outbox"
    w = worker(workspace, smtp_url=f"file://{outbox}")
    w.drain()
    w.close()
    (sent,) = deliveries(workspace, message_id=reply_id)
    assert sent.status == "sent", sent.last_error
    files = sorted(outbox.glob("*.eml"))
    assert any(sent.key in f.name for f in files), files
    mail = message_from_bytes(next(f for f in files if sent.key in f.name).read_bytes())
    assert mail["To"] == "mia@example.org" and mail["Subject"] == "Re: Torn jacket"
    with pytest.raises(ConfigError, match="needs a folder"):
        worker(workspace, smtp_url="file://")


def test_a_message_id_sent_with_its_brackets_is_threaded_once() -> None:
    """An API client may send ``<abc@mail.example>`` as the message id (mail parsing stores
    it bare): the reply said ``In-Reply-To: <<abc@mail.example>>``, which threads nowhere."""
    from tandemdesk.channels.email_out import OutgoingMail, compose

    mail = compose(OutgoingMail(
        to="mia@example.org", display_name="Support", from_address="help@nw.example",
        subject="Help", text="Hi", key="k1", in_reply_to="<abc@mail.example>",
        references=["<abc@mail.example>", "td-k0@nw.example"],
    ))  # fmt: skip
    assert str(mail["In-Reply-To"]) == "<abc@mail.example>"
    assert str(mail["References"]) == "<abc@mail.example> <td-k0@nw.example>"
