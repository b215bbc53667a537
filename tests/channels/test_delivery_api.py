"""The delivery routes and the console page: admins manage webhooks, supervisors see and
re-send dead deliveries, an integration reads every message it is told about."""

from __future__ import annotations

import re
import time

from sqlalchemy import select

from tandemdesk import accounts
from tandemdesk.channels.worker import DeliveryWorker
from tandemdesk.models import Delivery
from tests.api.conftest import Api, assert_error
from tests.channels.conftest import SECRET, Receiver, SmtpServer
from tests.web.test_console_pages import login


def test_admins_subscribe_list_and_delete_webhooks(api: Api, receiver: Receiver) -> None:
    body = {"url": receiver.url, "events": ["decision.made", "reply.sent"], "secret": SECRET}
    assert_error(api.client.post("/v1/webhooks", json=body, headers=api.as_role("supervisor")),
                 403, "forbidden")  # fmt: skip
    bad = {**body, "events": ["decision.made", "nope"]}
    assert_error(api.client.post("/v1/webhooks", json=bad, headers=api.as_role("admin")), 422,
                 "invalid_record")  # fmt: skip
    ftp = {**body, "url": "ftp://x"}
    assert_error(api.client.post("/v1/webhooks", json=ftp, headers=api.as_role("admin")), 422)
    made = api.client.post("/v1/webhooks", json=body, headers=api.as_role("admin"))
    assert made.status_code == 201, made.text
    hook = made.json()
    assert hook["secret"] == SECRET and hook["events"] == ["decision.made", "reply.sent"]
    listed = api.client.get("/v1/webhooks", headers=api.as_role("admin")).json()
    assert [h["id"] for h in listed["data"]] == [hook["id"]] and "secret" not in listed["data"][0]

    assert api.post_message("where is my order NW-5001?")["reply"]
    DeliveryWorker(api.shop.workspace).drain()
    log = api.client.get(f"/v1/webhooks/{hook['id']}/deliveries", headers=api.as_role("admin"))
    assert log.status_code == 200
    entries = log.json()["data"]
    assert {e["event"] for e in entries} == {"decision.made", "reply.sent"}
    assert {e["status"] for e in entries} == {"sent"}
    assert all(c.verified for c in receiver.wait_for(2))

    gone = api.client.delete(f"/v1/webhooks/{hook['id']}", headers=api.as_role("admin"))
    assert gone.status_code == 200
    assert api.client.get("/v1/webhooks", headers=api.as_role("admin")).json()["count"] == 0
    assert_error(api.client.delete(f"/v1/webhooks/{hook['id']}", headers=api.as_role("admin")),
                 404, "not_found")  # fmt: skip


def test_an_integration_reads_the_agents_reply_it_was_sent(api: Api) -> None:
    routed = api.post_message("I am so upset and stressed, my order never came and I am in tears.")
    conversation = routed["conversation_id"]
    sent = api.client.post(f"/v1/conversations/{conversation}/reply",
                           json={"text": "I am so sorry, I am on it."},
                           headers=api.as_role("supervisor"))  # fmt: skip
    assert sent.status_code == 201, sent.text
    message_id = sent.json()["message_id"]
    read = api.client.get(f"/v1/messages/{message_id}", headers=api.as_role("integration"))
    assert read.status_code == 200, read.text
    body = read.json()
    assert body["text"] == "I am so sorry, I am on it." and body["author"] == "agent"
    assert body["delivery"]["status"] == "pending"
    assert_error(api.client.get("/v1/messages/999999", headers=api.as_role("integration")), 404)
    whole = api.client.get(f"/v1/conversations/{conversation}", headers=api.as_role("integration"))
    assert whole.status_code == 200 and "I am so sorry, I am on it." in whole.text
    assert_error(api.client.post(f"/v1/conversations/{conversation}/resolve",
                                 headers=api.as_role("integration")), 403)  # fmt: skip


def test_supervisors_see_dead_deliveries_and_resend_them(api: Api) -> None:
    assert api.post_message("where is my order NW-5001?")["reply"]
    workspace = api.shop.workspace
    with workspace.sessions.begin() as session:
        delivery = session.scalars(select(Delivery)).one()
        delivery.status, delivery.last_error = "dead", "HTTP 500"
        delivery_id = delivery.id
    dead = api.client.get("/v1/deliveries?status=dead", headers=api.as_role("supervisor")).json()
    assert [d["id"] for d in dead["data"]] == [delivery_id] and dead["by_status"]["dead"] == 1
    every = api.client.get("/v1/deliveries?status=all", headers=api.as_role("supervisor")).json()
    assert every["count"] == 1
    assert_error(api.client.get("/v1/deliveries?status=lost", headers=api.as_role("supervisor")),
                 422, "invalid_record")  # fmt: skip
    again = api.client.post(
        f"/v1/deliveries/{delivery_id}/resend", headers=api.as_role("supervisor")
    )
    assert again.status_code == 200 and again.json()["status"] == "pending"
    DeliveryWorker(workspace).drain()
    assert_error(api.client.post(f"/v1/deliveries/{delivery_id}/resend",
                                 headers=api.as_role("supervisor")), 409, "conflict")  # fmt: skip


def test_the_console_page_lists_dead_letters_and_resends_them(api: Api) -> None:
    workspace = api.shop.workspace
    accounts.create_user(workspace, "sue@example.org", "correct horse battery", "admin")
    assert api.post_message("where is my order NW-5001?")["reply"]
    with workspace.sessions.begin() as session:
        delivery = session.scalars(select(Delivery)).one()
        delivery.status, delivery.last_error = "dead", "the mail server said <no>"
        delivery_id = delivery.id
    login(api, "sue@example.org", "correct horse battery")
    page = api.client.get("/supervisor/deliveries")
    assert page.status_code == 200 and "the mail server said &lt;no&gt;" in page.text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert csrf is not None
    refused = api.client.post(f"/supervisor/deliveries/{delivery_id}/resend",
                              data={"csrf_token": "wrong"}, follow_redirects=False)  # fmt: skip
    assert refused.status_code == 403
    done = api.client.post(f"/supervisor/deliveries/{delivery_id}/resend",
                           data={"csrf_token": csrf.group(1)})  # fmt: skip
    assert done.status_code == 200 and "will be sent again" in done.text
    with workspace.sessions() as session:
        assert session.get(Delivery, delivery_id).status == "pending"  # type: ignore[union-attr]
    added = api.client.post("/supervisor/webhooks", data={
        "csrf_token": csrf.group(1), "url": "http://127.0.0.1:9/hook",
        "events": ["reply.sent"]})  # fmt: skip
    assert "signing secret" in added.text and "http://127.0.0.1:9/hook" in added.text


def test_serve_delivers_by_itself_when_asked(api: Api, smtp_server: SmtpServer) -> None:
    """``serve`` on SQLite (``deliver=True``): an agent's reply in an e-mail conversation
    reaches the mail server with no worker running."""
    from fastapi.testclient import TestClient

    from tandemdesk.api.app import create_app
    from tests.channels.test_delivery import email_conversation

    workspace = api.shop.workspace
    workspace.settings = workspace.settings.model_copy(update={"smtp_url": smtp_server.url})
    conversation = email_conversation(api.shop)
    with TestClient(create_app(workspace, orchestrator=api.shop, deliver=True)) as client:
        sent = client.post(f"/v1/conversations/{conversation}/reply", json={"text": "On its way!"},
                           headers=api.as_role("supervisor"))  # fmt: skip
        assert sent.status_code == 201, sent.text
        until = time.monotonic() + 10
        while time.monotonic() < until and not any(
            "On its way!" in (m.get_body(("plain",)) or m).get_content()
            for m in list(smtp_server.handler.mails)
        ):
            time.sleep(0.05)
    (mail,) = [m for m in smtp_server.handler.mails if "Ann" not in str(m["From"])
               and "On its way!" in m.get_body(("plain",)).get_content()]  # type: ignore[union-attr]  # fmt: skip
    assert str(mail["Subject"]) == "Re: Torn jacket"


def test_the_conversation_shows_whether_each_reply_left(api: Api) -> None:
    """The agent sees it in the conversation: sending…, delivered, or not delivered and why."""
    workspace = api.shop.workspace
    accounts.create_user(workspace, "lead@example.org", "correct horse battery", "supervisor")
    answered = api.post_message("where is my order NW-5001?")
    conversation = answered["conversation_id"]
    login(api, "lead@example.org", "correct horse battery")
    assert "sending…" in api.client.get(f"/conversations/{conversation}").text
    DeliveryWorker(workspace).drain()
    assert "delivered" in api.client.get(f"/conversations/{conversation}").text
    detail = api.client.get(f"/v1/conversations/{conversation}", headers=api.as_role("integration"))
    bot = [m for m in detail.json()["messages"] if m["author"] == "bot"]
    assert bot and bot[0]["delivery"]["status"] == "sent"


def test_a_hanging_receiver_never_slows_the_live_path(api: Api, receiver: Receiver) -> None:
    """Sending happens beside the requests: with every webhook call hanging for 1 s, each
    customer message is still answered at once."""
    from fastapi.testclient import TestClient

    from tandemdesk.api.app import create_app

    workspace = api.shop.workspace
    body = {"url": receiver.url, "events": ["*"], "secret": SECRET}
    assert (
        api.client.post("/v1/webhooks", json=body, headers=api.as_role("admin")).status_code == 201
    )
    receiver.script, receiver.hang_seconds = ["hang"] * 20, 1.0
    with TestClient(create_app(workspace, orchestrator=api.shop, deliver=True)) as client:
        client.post("/v1/messages", json={"customer": {"email": "warm@example.org"},
                    "text": "hello", "channel": "chat"}, headers=api.as_role("integration"))  # fmt: skip
        took = []
        for i in range(5):
            started = time.monotonic()
            answered = client.post(
                "/v1/messages",
                json={"customer": {"email": f"c{i}@example.org"}, "text": "where is my order?",
                      "channel": "chat"},
                headers=api.as_role("integration"),
            )  # fmt: skip
            took.append(time.monotonic() - started)
            assert answered.status_code == 201, answered.text
        assert receiver.wait_for(2, timeout=5)  # the worker is busy with the hanging receiver
    assert max(took) < 1.0, took
