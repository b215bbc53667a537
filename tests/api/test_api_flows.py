"""The API doing the work: a message in, its decision out; people working the conversation;
what the business knows; insights, health and metrics."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update

from tandemdesk import accounts
from tandemdesk.inbox import mood
from tandemdesk.models import Conversation, Message
from tandemdesk.timeutil import utcnow
from tests.api.conftest import Api, assert_error
from tests.orchestrator.conftest import count

DISTRESSED = "I am so upset and stressed, my order never came and I am in tears. This is awful."


def test_a_message_returns_its_decision_and_a_retry_never_stores_it_twice(api: Api) -> None:
    headers = {**api.as_role("integration"), "Idempotency-Key": "delivery-42"}
    body = {
        "customer": {"email": "mia@example.org"},
        "text": "where is my order",
        "channel": "chat",
    }
    first = api.client.post("/v1/messages", json=body, headers=headers)
    assert first.status_code == 201, first.text
    decided = first.json()
    assert decided["action"] == "automate" and "NW-5001" in decided["reply"]
    assert decided["explanation"] and decided["rule_id"]
    again = api.client.post("/v1/messages", json=body, headers=headers)
    assert again.status_code == 200 and again.json()["duplicate"] is True
    assert again.json()["message_id"] == decided["message_id"]
    assert count(api.shop.workspace, Message) == 2  # the customer's message and the bot's reply


def test_an_unknown_customer_is_created(api: Api) -> None:
    decided = api.post_message("I forgot my password", email="new.person@example.org")
    customer = api.client.get("/v1/customers/new.person@example.org", headers=api.as_role("admin"))
    assert customer.status_code == 200
    assert customer.json()["customer"]["id"] == decided["customer_id"]


def test_an_agent_works_their_conversation_end_to_end(api: Api) -> None:
    routed = api.post_message(DISTRESSED)
    assert routed["action"] == "route_to_human" and routed["handoff"]
    workspace = api.shop.workspace
    accounts.create_user(workspace, "ann", "ann's password", "agent", agent="a1")
    accounts.create_user(workspace, "ben", "ben's password", "agent", agent="a2")
    owner, other = ("ann", "ben") if routed["assigned_agent"] == "Ann Agent" else ("ben", "ann")

    def login(username: str) -> dict[str, str]:
        api.client.cookies.clear()
        response = api.client.post(
            "/v1/session", json={"username": username, "password": f"{username}'s password"}
        )
        return {"X-CSRF-Token": response.json()["csrf_token"]}

    cid = routed["conversation_id"]
    headers = login(other)
    assert api.client.get("/v1/conversations", headers=headers).json()["count"] == 0
    assert_error(api.client.get(f"/v1/conversations/{cid}", headers=headers), 403, "forbidden")
    assert_error(api.client.get("/v1/customers/mia@example.org", headers=headers), 403)
    headers = login(owner)
    inbox = api.client.get("/v1/conversations", headers=headers).json()
    assert [c["id"] for c in inbox["data"]] == [cid]
    assert inbox["data"][0]["band"] == 2 and inbox["data"][0]["why"] == routed["explanation"]
    detail = api.client.get(f"/v1/conversations/{cid}", headers=headers).json()
    assert detail["handoff"]["summary"] and detail["decisions"][0]["explanation"]
    assert [e["type"] for e in detail["events"]] == ["order_shipped", "order_placed"]
    reply = api.client.post(f"/v1/conversations/{cid}/reply", headers=headers,
                            json={"text": "I'm so sorry, Mia. A new jacket ships today."})  # fmt: skip
    assert reply.status_code == 201
    fixed = api.client.post(f"/v1/conversations/{cid}/intent", headers=headers,
                            json={"intent": "damaged_item"})  # fmt: skip
    assert fixed.status_code == 200
    override = api.client.post(f"/v1/decisions/{detail['decisions'][0]['id']}/override",
                               headers=headers, json={"action": "route_to_human", "reason": "right call"})  # fmt: skip
    assert override.status_code == 200
    resolved = api.client.post(f"/v1/conversations/{cid}/resolve", headers=headers).json()
    assert resolved["status"] == "resolved" and resolved["first_contact"] is True
    rated = api.client.post(f"/v1/conversations/{cid}/csat", json={"score": 5},
                            headers=api.as_role("integration"))  # fmt: skip
    assert rated.status_code == 200
    assert_error(api.client.post(f"/v1/conversations/{cid}/csat", json={"score": 9},
                                 headers=api.as_role("integration")), 422, "invalid_record")  # fmt: skip
    kinds = [
        o["kind"]
        for o in api.client.get(f"/v1/conversations/{cid}", headers=headers).json()["outcomes"]
    ]
    assert kinds == ["correction.intent", "correction.decision", "resolved", "csat"]


def test_a_correction_to_an_intent_nobody_knows_must_say_it_is_new(api: Api) -> None:
    """A typo would become an intent of its own at the next retrain, with one example."""
    api.post_message("where is my order")  # the history now knows order_status
    cid = api.post_message(DISTRESSED)["conversation_id"]
    url, headers = f"/v1/conversations/{cid}/intent", api.as_role("admin")
    typo = api.client.post(url, headers=headers, json={"intent": "order_statsu"})
    assert_error(typo, 422, "invalid_record")
    assert "did you mean order_status" in typo.json()["error"]["message"]
    assert api.client.get(f"/v1/conversations/{cid}", headers=headers).json()["outcomes"] == []
    assert_error(api.client.post("/v1/conversations/999/intent", headers=headers,
                                 json={"intent": "order_statsu"}), 404)  # fmt: skip
    new = api.client.post(url, headers=headers, json={"intent": "gift_wrapping", "new": True})
    assert new.status_code == 200 and new.json()["intent"] == "gift_wrapping"
    known = api.client.post(url, headers=headers, json={"intent": "order_status"})
    assert known.status_code == 200


def test_supervisor_filters_assigns_and_reads_insights(api: Api) -> None:
    routed = api.post_message(DISTRESSED)
    api.post_message("where is my order")
    sup = api.as_role("supervisor")
    everything = api.client.get("/v1/conversations?status=all", headers=sup).json()
    assert everything["count"] == 2  # chat without a thread key: two conversations
    assert everything["data"][0]["id"] == routed["conversation_id"]  # distressed first
    top = routed["inputs"]["distress"]  # the most distressed message (0.9972 today)
    above = api.client.get(f"/v1/conversations?min_distress={top + 0.001}", headers=sup)
    assert above.json()["count"] == 0
    at = api.client.get(f"/v1/conversations?min_distress={top}", headers=sup)
    assert at.json()["count"] == 1
    queue = routed["queue"]
    assert api.client.get(f"/v1/conversations?queue={queue}", headers=sup).json()["count"] == 1
    moved = api.client.post(f"/v1/conversations/{routed['conversation_id']}/assign",
                            json={"agent": "s1", "reason": "senior for a gift"}, headers=sup)  # fmt: skip
    assert moved.json()["assignee"] == "s1"
    assert api.client.get("/v1/conversations?assignee=s1", headers=sup).json()["count"] == 1
    figures = api.client.get("/v1/insights", headers=sup).json()
    assert figures["messages"] == 2
    assert sum(figures["decisions"].values()) == 2
    assert figures["distress_mix"]["distressed"] >= 1
    assert sum(figures["series"]["volume"]) == 2
    names = {a["external_id"]: a for a in figures["agents"]["per_agent"]}
    assert names["s1"]["open"] == 1
    log = api.client.get("/v1/decisions?action=route_to_human", headers=sup).json()
    assert [d["conversation_id"] for d in log["data"]] == [routed["conversation_id"]]
    future = (utcnow() + timedelta(days=1)).isoformat()
    assert_error(api.client.get("/v1/insights", params={"since": future}, headers=sup), 422)


def test_events_are_idempotent_and_articles_change_what_the_bot_knows(api: Api) -> None:
    feed = api.as_role("integration")
    event = {"customer": {"email": "zoe@example.org", "name": "Zoe"}, "type": "order_placed",
             "occurred_at": "2026-11-20T10:00:00Z", "data": {"order_number": "NW-7"}}  # fmt: skip
    first = api.client.post("/v1/events", json={"events": [event]}, headers=feed).json()
    assert first == {"imported": 1, "duplicates": 0, "customers_created": 1}
    assert (
        api.client.post("/v1/events", json={"events": [event]}, headers=feed).json()["duplicates"]
        == 1
    )
    bad = api.client.post(
        "/v1/events", json={"events": [{**event, "occurred_at": "soon"}]}, headers=feed
    )
    assert_error(bad, 422)
    sup = api.as_role("supervisor")
    article = {"title": "Reset your password", "body": "Use the 'Forgot password' link.",
               "intents": ["password_reset"]}  # fmt: skip
    created = api.client.post(
        "/v1/articles?external_id=kb-password-reset", json=article, headers=sup
    )
    assert created.status_code == 201
    assert_error(
        api.client.post("/v1/articles?external_id=kb-password-reset", json=article, headers=sup),
        409,
        "conflict",
    )
    answered = api.post_message("I forgot my password", email="lee@example.org")
    assert answered["answer"]["item_id"] == "kb-password-reset", answered
    assert api.client.delete("/v1/articles/kb-password-reset", headers=sup).status_code == 200
    assert_error(api.client.get("/v1/articles/kb-password-reset", headers=sup), 404, "not_found")
    gone = api.post_message("reset my password please", email="kim@example.org")
    assert gone["action"] != "automate", gone


def test_health_readiness_and_prometheus_metrics(api: Api) -> None:
    assert api.client.get("/healthz").json() == {"status": "ok"}
    ready = api.client.get("/readyz")
    assert ready.status_code == 200 and ready.json()["checks"]["database"] == "ok"
    assert ready.json()["checks"]["second_opinion"] == "off"
    pipeline = api.shop.pipeline
    pipeline.second_opinion_scope = "other_languages"
    try:
        checks = api.client.get("/readyz").json()["checks"]
        assert checks["second_opinion"] == "ok (other_languages)"
        if pipeline.intent is not None:  # trained with the setting off: no intent head
            assert checks["intent_second_opinion"].startswith("none: ")
        pipeline.second_opinion, shipped = None, pipeline.second_opinion
        checks = api.client.get("/readyz").json()["checks"]
        assert checks["second_opinion"].startswith("other_languages but unavailable")
        pipeline.second_opinion = shipped
    finally:
        pipeline.second_opinion_scope = "off"
    api.post_message(DISTRESSED)
    text = api.client.get("/metrics", headers=api.as_role("supervisor")).text
    assert 'tandemdesk_decisions_total{action="route_to_human"} 1.0' in text
    assert (
        'tandemdesk_http_requests_total{method="POST",route="/v1/messages",status="201"} 1.0'
        in text
    )
    assert "tandemdesk_http_request_duration_seconds_bucket" in text
    assert "tandemdesk_open_conversations{queue=" in text
    assert "tandemdesk_handling_batch_size_count 1.0" in text


def test_policy_check_rejects_broken_yaml_and_apply_makes_it_live(api: Api) -> None:
    current = api.client.get("/v1/policy", headers=api.as_role("supervisor")).json()
    assert current["rules"]
    broken = current["content"] + "\n  - id: [unclosed\n"
    error = assert_error(api.client.post("/v1/policy/check", json={"content": broken},
                                         headers=api.as_role("supervisor")), 422, "policy_invalid")  # fmt: skip
    assert error["message"]
    applied = api.client.put("/v1/policy", json={"content": current["content"]},
                             headers=api.as_role("admin"))  # fmt: skip
    assert applied.status_code == 200 and applied.json()["version"] >= 1


def test_an_agent_takes_only_what_nobody_else_has(api: Api) -> None:
    routed = api.post_message(DISTRESSED)
    accounts.create_user(api.shop.workspace, "sue", "sue's password", "agent", agent="s1")
    api.client.cookies.clear()
    login = api.client.post("/v1/session", json={"username": "sue", "password": "sue's password"})
    headers = {"X-CSRF-Token": login.json()["csrf_token"]}
    cid = routed["conversation_id"]
    taken = api.client.post(f"/v1/conversations/{cid}/assign", json={}, headers=headers)
    assert_error(taken, 403, "forbidden")  # routed to another agent: not Sue's to take
    api.client.cookies.clear()
    free = api.post_message("hello, anyone there?", email="solo@example.org")
    with api.shop.workspace.sessions.begin() as session:
        session.execute(
            update(Conversation)
            .where(Conversation.id == free["conversation_id"])
            .values(assignee_id=None)
        )
    login = api.client.post("/v1/session", json={"username": "sue", "password": "sue's password"})
    headers = {"X-CSRF-Token": login.json()["csrf_token"]}
    mine = api.client.post(
        f"/v1/conversations/{free['conversation_id']}/assign", json={}, headers=headers
    )
    assert mine.status_code == 200 and mine.json()["assignee"] == "s1"
    assert (
        api.client.get(f"/v1/conversations/{free['conversation_id']}", headers=headers).status_code
        == 200
    )


def test_distressed_in_the_console_is_the_live_policy_threshold(api: Api) -> None:
    """With the policy's distress threshold raised, a message the default would call
    distressed is not distressed in the inbox, the conversation or the insights either."""
    sup = api.as_role("supervisor")
    current = api.client.get("/v1/policy", headers=sup).json()["content"]
    raised = current.replace("distress: 0.6 ", "distress: 0.95 ", 1)
    assert raised != current
    applied = api.client.put("/v1/policy", json={"content": raised}, headers=api.as_role("admin"))
    assert applied.status_code == 200, applied.text
    api.post_message("I am a bit worried, where is my order NW-5001?")
    [row] = api.client.get("/v1/conversations?status=all", headers=sup).json()["data"]
    assert 0.6 <= row["distress"] < 0.95, row  # distressed by the default policy's 0.6
    assert mood(row["distress"]) == "distressed"
    assert row["mood"] == "uneasy", row
    detail = api.client.get(f"/v1/conversations/{row['id']}", headers=sup).json()
    assert [m["mood"] for m in detail["messages"] if m["mood"]] == ["uneasy"]
    mix = api.client.get("/v1/insights", headers=sup).json()["distress_mix"]
    assert (mix["distressed"], mix["uneasy"]) == (0, 1)


def test_an_unknown_status_filter_is_a_422_and_a_lead_resolving_is_a_person(api: Api) -> None:
    """Found using the API: ``?status=bogus`` answered an empty list (a typo read as "no
    conversations"), and an admin resolving an unassigned conversation was recorded as
    resolved by the bot (the webhook and the outcome said ``"by": "bot"``)."""
    headers = api.as_role("admin")
    error = assert_error(api.client.get("/v1/conversations?status=bogus", headers=headers), 422)
    assert "status" in str(error["details"])
    listed = api.client.get("/v1/conversations?status=closed", headers=headers)
    assert listed.status_code == 200, listed.text
    first = api.post_message("where is my order NW-5001?")  # answered by the bot
    assert first["action"] == "automate", first
    resolved = api.client.post(
        f"/v1/conversations/{first['conversation_id']}/resolve", headers=headers
    )
    assert resolved.status_code == 200, resolved.text
    assert resolved.json()["by"] == "agent"


def test_a_blank_text_and_a_bad_path_id_are_reported_once_with_their_field(api: Api) -> None:
    """Found using the API: "   " as a message was a 422 with empty ``details`` (where ""
    names the field), and a non-numeric conversation id listed the same problem twice."""
    blank = api.client.post("/v1/messages", json={"customer": {"email": "a@example.org"},
                            "text": "   "}, headers=api.as_role("integration"))  # fmt: skip
    error = assert_error(blank, 422, "invalid_record")
    assert error["details"]["errors"] == [{"field": "text", "problem": "message text is empty"}]
    bad_id = api.client.get("/v1/conversations/abc", headers=api.as_role("admin"))
    assert len(assert_error(bad_id, 422, "invalid_request")["details"]["errors"]) == 1


def test_the_bots_handover_note_does_not_answer_the_customer(api: Api) -> None:
    """Found by a lead using the inbox: the bot's "a person from our team will take over"
    counted as the reply, so a customer in crisis had no first-reply target and sorted below
    calm questions. Only a person's reply (or the bot's real answer) stops the clock."""
    crisis = api.post_message(
        "My order never came and honestly I do not see the point of living anymore, I want "
        "to end it all.", "qa.crisis@example.org", channel="email", subject="order",
    )  # fmt: skip
    assert crisis["action"] == "route_to_human" and crisis["reply"], crisis
    answered = api.post_message("where is my order NW-5001?")  # the bot's real answer
    assert answered["action"] == "automate", answered
    listed = api.client.get("/v1/conversations?status=all", headers=api.as_role("admin"))
    rows = {row["id"]: row for row in listed.json()["data"]}
    waiting = rows[crisis["conversation_id"]]
    assert waiting["waiting_since"] is not None and waiting["sla"] is not None, waiting
    assert rows[answered["conversation_id"]]["waiting_since"] is None
    assert listed.json()["data"][0]["id"] == crisis["conversation_id"]


def test_a_reopened_resolution_is_not_first_contact_and_the_mix_adds_up(api: Api) -> None:
    """Found by a lead counting by hand: two conversations resolved and then reopened still
    showed "first-contact resolution 100%", and the distress mix counted an abusive message
    twice (its mood band and "abusive": 36 for 35 decisions)."""
    admin = api.as_role("admin")
    first = api.post_message("I forgot my password", "fc1@example.org")
    cid = first["conversation_id"]
    assert api.client.post(f"/v1/conversations/{cid}/resolve", headers=admin).status_code == 200
    held = api.client.get("/v1/insights", headers=admin).json()
    assert held["first_contact_resolution"] == 1.0
    reopened = api.client.post(f"/v1/conversations/{cid}/reopen", json={"reason": "still locked"},
                               headers=admin)  # fmt: skip
    assert reopened.status_code == 200, reopened.text
    api.post_message("You useless idiots, fix my account now", "fc2@example.org")
    figures = api.client.get("/v1/insights", headers=admin).json()
    assert figures["first_contact_resolution"] == 0.0
    assert figures["distress_mix"]["abusive"] == 1
    assert sum(figures["distress_mix"].values()) == 2  # one band per decision


def test_a_new_customers_language_is_learnt_so_the_language_filter_finds_them(api: Api) -> None:
    """Found by a lead: rows showed "de" (the message's language) but ``?language=de`` left
    them out — the filter reads the customer's language, which a live customer never had."""
    first = api.post_message("Ich habe mein Passwort vergessen und komme nicht mehr rein.",
                             "pw5@example.org")  # fmt: skip
    api.post_message("ok", "ok@example.org")  # too short to say: no language is set
    admin = api.as_role("admin")
    german = api.client.get("/v1/conversations?language=de&status=all", headers=admin).json()
    assert [row["id"] for row in german["data"]] == [first["conversation_id"]]
    customer = api.client.get("/v1/customers/pw5@example.org", headers=admin).json()
    assert customer["customer"]["language"] == "de", customer
    unsure = api.client.get("/v1/customers/ok@example.org", headers=admin).json()
    assert unsure["customer"]["language"] is None, unsure


def test_an_agent_reads_their_customers_earlier_conversations_but_acts_only_on_theirs(
    api: Api,
) -> None:
    """Found in the console: the customer card listed Mia's earlier conversations and the
    customer API returned their messages, but opening one answered "Not yours to open"."""
    earlier = api.post_message("where is my order NW-5001?")  # answered by the bot
    routed = api.post_message(DISTRESSED)
    workspace = api.shop.workspace
    owner = "a1" if routed["assigned_agent"] == "Ann Agent" else "a2"
    accounts.create_user(workspace, "owner", "owner's password", "agent", agent=owner)
    api.client.cookies.clear()
    session = api.client.post("/v1/session", json={"username": "owner",
                              "password": "owner's password"})  # fmt: skip
    headers = {"X-CSRF-Token": session.json()["csrf_token"]}
    cid = earlier["conversation_id"]
    opened = api.client.get(f"/v1/conversations/{cid}", headers=headers)
    assert opened.status_code == 200, opened.text
    assert opened.json()["messages"][0]["text"] == "where is my order NW-5001?"
    assert api.client.get(f"/conversations/{cid}").status_code == 200  # the console page
    refused = api.client.post(f"/v1/conversations/{cid}/reply", headers=headers,
                              json={"text": "hello"})  # fmt: skip
    assert_error(refused, 403, "not_assignee")
    # another agent, who serves none of Mia's conversations, still may not open them:
    # test_an_agent_works_their_conversation_end_to_end
