"""The chat widget's API as a shop's page uses it: keys bound to origins, visitor tokens,
answers, the hand-over with a wait estimate, live replies by Server-Sent Events, rate limits,
and nothing of the agents' side reaching the browser."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tandemdesk.api import routes_widget
from tandemdesk.channels.widget import RateLimiter
from tests.api.conftest import Api, assert_error

SHOP = "https://shop.example"
VISITOR = "visitor-0123456789"


def _key(api: Api, origins: list[str] | None = None) -> str:
    made = api.client.post("/v1/widget-keys", json={"name": "shop", "origins": origins or [SHOP]},
                           headers=api.as_role("admin"))  # fmt: skip
    assert made.status_code == 201, made.text
    assert made.json()["key"] in made.json()["snippet"] and "secret" not in made.json()
    return str(made.json()["key"])


def _session(api: Api, key: str, origin: str | None = SHOP, **extra: Any):  # type: ignore[no-untyped-def]
    headers = {"Origin": origin} if origin else {}
    return api.client.post("/widget/v1/session", json={"key": key, "visitor_id": VISITOR, **extra},
                           headers=headers)  # fmt: skip


def _say(api: Api, key: str, token: str, text: str, **extra: Any):  # type: ignore[no-untyped-def]
    return api.client.post(
        "/widget/v1/messages",
        json={"key": key, "visitor_id": VISITOR, "token": token, "text": text, **extra},
        headers={"Origin": SHOP},
    )


def test_keys_bind_the_widget_to_its_origins(api: Api) -> None:
    assert_error(api.client.post("/v1/widget-keys", json={"origins": [SHOP]},
                                 headers=api.as_role("agent")), 403)  # fmt: skip
    assert_error(api.client.post("/v1/widget-keys", json={"origins": ["shop.example/*"]},
                                 headers=api.as_role("admin")), 422)  # fmt: skip
    key = _key(api)
    assert_error(_session(api, key, origin="https://evil.example"), 403, "forbidden")
    assert_error(_session(api, key, origin=None), 403, "forbidden")
    ok = _session(api, key)
    assert ok.status_code == 200 and ok.headers["access-control-allow-origin"] == SHOP
    assert ok.json()["token"] and ok.json()["messages"] == []
    allowed = api.client.options("/widget/v1/messages", headers={"Origin": SHOP})
    assert allowed.headers.get("access-control-allow-origin") == SHOP
    other = api.client.options("/widget/v1/messages", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in other.headers
    # a token is for one visitor (and e-mail): another's is refused
    forged = _say(api, key, ok.json()["token"], "hello there", email="someone@example.org")
    assert_error(forged, 403, "forbidden")
    assert (
        api.client.delete(f"/v1/widget-keys/{key}", headers=api.as_role("admin")).status_code == 204
    )
    assert_error(_session(api, key), 403)
    script = api.client.get("/widget.js")
    assert script.status_code == 200 and "javascript" in script.headers["content-type"]
    assert len(script.content) < 16_000 and b"http" not in script.content.split(b"*/", 1)[1]


def test_a_visitor_chats_and_sees_the_agent_reply_live(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = _key(api)
    token = _session(api, key, email="mia@example.org").json()["token"]
    upset = _say(api, key, token, "I am so upset and stressed, my order never came and I am "
                 "in tears", email="mia@example.org")  # fmt: skip
    assert upset.status_code == 201, upset.text
    answer = upset.json()
    assert answer["handover"] and "person" in answer["handover"]
    assert set(answer) == {"message_id", "reply", "options", "handover"}
    # the conversation is the customer's own (identity joined by the e-mail), on the chat channel
    conversations = api.client.get("/v1/conversations?status=all",
                                   headers=api.as_role("supervisor")).json()["data"]  # fmt: skip
    mine = [c for c in conversations if c["customer"]["email"] == "mia@example.org"]
    assert mine and mine[0]["channel"] == "chat"
    conversation_id = mine[0]["id"]
    api.client.post(f"/v1/conversations/{conversation_id}/assign", json={"agent": "a1"},
                    headers=api.as_role("supervisor"))  # fmt: skip
    replied = api.client.post(
        f"/v1/conversations/{conversation_id}/reply",
        json={"text": "So sorry, Mia: your parcel arrives Friday."},
        headers=api.as_role("agent"),
    )  # fmt: skip (Ann's token)
    assert replied.status_code in (200, 201), replied.text
    monkeypatch.setattr(routes_widget, "STREAM_SECONDS", 0.5)
    monkeypatch.setattr(routes_widget, "POLL_SECONDS", 0.1)
    params = {"key": key, "visitor_id": VISITOR, "token": token, "email": "mia@example.org"}
    with api.client.stream("GET", "/widget/v1/events", params=params,
                           headers={"Origin": SHOP}) as stream:  # fmt: skip
        assert stream.headers["content-type"].startswith("text/event-stream")
        events = [json.loads(line[5:]) for line in stream.iter_lines() if line.startswith("data:")]
    said = [(e["from"], e["text"]) for e in events]
    assert said[0] == ("you", "I am so upset and stressed, my order never came and I am in tears")
    assert ("Ann", "So sorry, Mia: your parcel arrives Friday.") in said
    for event in events:  # nothing of the agents' side: no e-mail, decision, hand-off or queue
        assert set(event) == {"id", "from", "text", "at"}
    again = api.client.get("/widget/v1/events", params={**params, "token": "0" * 64},
                           headers={"Origin": SHOP})  # fmt: skip
    assert_error(again, 403)


def test_visitors_are_rate_limited(api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(routes_widget, "LIMITER", RateLimiter(limit=2, seconds=60))
    monkeypatch.setattr(routes_widget, "ADDRESS_LIMITER", RateLimiter(limit=3, seconds=60))
    key = _key(api)
    token = _session(api, key).json()["token"]
    assert _say(api, key, token, "hello, a question about sizes").status_code == 201
    assert _say(api, key, token, "do the boots run small?").status_code == 201
    third = _say(api, key, token, "and the jackets?")
    assert_error(third, 429) and int(third.headers["retry-after"]) > 0
    # a new visitor id from the same address: its own share, but the address's bound holds
    other = {"key": key, "visitor_id": "visitor-abcdef0123"}
    token2 = api.client.post("/widget/v1/session", json=other,
                             headers={"Origin": SHOP}).json()["token"]  # fmt: skip
    said = {**other, "token": token2, "text": "hello from another id"}
    first = api.client.post("/widget/v1/messages", json=said, headers={"Origin": SHOP})
    assert first.status_code == 201, first.text
    assert_error(api.client.post("/widget/v1/messages", json=said, headers={"Origin": SHOP}), 429)


def test_the_rate_limiter_forgets_idle_visitors() -> None:
    """Each visitor id costs memory; ids are free to make, so ones idle for a whole window
    are forgotten (the limit still holds for those who keep talking)."""
    limiter = RateLimiter(limit=2, seconds=60)
    for i in range(1000):
        assert limiter.retry_after(f"visitor-{i}", now=0.0) == 0
    assert limiter.retry_after("visitor-0", now=30.0) == 0
    assert limiter.retry_after("visitor-0", now=31.0) > 0  # two within the minute already
    assert len(limiter) == 1000
    assert limiter.retry_after("late-visitor", now=61.0) == 0
    assert len(limiter) == 2  # visitor-0 (seen at 30) and late-visitor
    assert limiter.retry_after("visitor-0", now=62.0) == 0  # its call at 0 left the window
    assert limiter.retry_after("visitor-0", now=63.0) > 0


def test_a_bad_last_event_id_is_ignored(api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    """``Last-Event-ID`` is whatever the client sends: a bad one resumes from ``after``."""
    monkeypatch.setattr(routes_widget, "STREAM_SECONDS", 0.3)
    monkeypatch.setattr(routes_widget, "POLL_SECONDS", 0.1)
    key = _key(api)
    token = _session(api, key).json()["token"]
    said = _say(api, key, token, "hello, a question about sizes")
    assert said.status_code == 201, said.text
    params = {"key": key, "visitor_id": VISITOR, "token": token}
    for header, expect in (
        ("abc", True),
        ("9" * 40, True),
        (str(said.json()["message_id"]), False),
    ):
        answer = api.client.get("/widget/v1/events", params=params,
                                headers={"Origin": SHOP, "Last-Event-ID": header})  # fmt: skip
        assert answer.status_code == 200, answer.text
        assert ('"from": "you"' in answer.text) is expect, header


def test_a_typed_e_mail_learns_nothing_of_that_customer(api: Api) -> None:
    """Anyone can type anyone's e-mail into a chat: the conversation joins that customer for
    the agents (marked unverified), but no answer tells the browser their name or orders."""
    key = _key(api)
    token = _session(api, key, email="mia@example.org").json()["token"]
    asked = _say(api, key, token, "Hi, where is my order NW-5001?", email="mia@example.org")
    assert asked.status_code == 201, asked.text
    reply = asked.json()["reply"] or ""
    for secret in ("Mia", "NW-5001", "DHL", "JJD"):
        assert secret not in reply, (secret, reply)
    conversations = api.client.get("/v1/conversations?status=all",
                                   headers=api.as_role("supervisor")).json()["data"]  # fmt: skip
    mine = next(c for c in conversations if c["customer"]["email"] == "mia@example.org")
    same = api.client.post("/v1/messages", headers=api.as_role("integration"), json={
        "customer": {"email": "mia@example.org"}, "channel": "email",
        "text": "Hi, where is my order NW-5001?"})  # fmt: skip
    assert "NW-5001" in (same.json()["reply"] or "") or same.json()["action"] != "automate", (
        "the same question through a trusted channel may use her facts"
    )
    from tandemdesk import accounts
    from tests.web.test_console_pages import login

    accounts.create_user(api.shop.workspace, "lead", "lead password", "supervisor")
    login(api, "lead", "lead password")
    page = api.client.get(f"/conversations/{mine['id']}")
    assert "e-mail not verified" in page.text


def test_the_handover_note_says_one_minute_in_the_singular() -> None:
    """Found in the widget: "innerhalb von etwa 1 Minuten" (and "1 minutes" in en/fr/es)."""
    from tandemdesk.channels.widget import handover_note

    assert handover_note("de", 50).endswith("innerhalb von etwa 1 Minute.")
    assert handover_note("en", 40).endswith("within about 1 minute.")
    assert handover_note("es", 600).endswith("en 10 minutos aproximadamente.")
    assert handover_note("fr", None).endswith("dès que possible.")
