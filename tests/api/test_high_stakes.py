"""High stakes through the API: crisis, fraud, asking for a person and small talk get the
decision, the reply and the hand-off a team lead expects, and the supervisor is alerted."""

from __future__ import annotations

from sqlalchemy import select, update

from tandemdesk.act.courtesy import handover_acknowledgement
from tandemdesk.models import Agent
from tests.api.conftest import Api

CRISIS = "Honestly I can't go on anymore. The order is the least of it, I just want it all to end."


def test_a_customer_in_crisis_reaches_the_crisis_queue_and_the_supervisor_is_alerted(
    api: Api,
) -> None:
    decided = api.post_message(CRISIS, channel="chat")
    assert decided["action"] == "route_to_human" and decided["queue"] == "crisis"
    assert decided["rule_id"] == "crisis_to_person"
    assert decided["understanding"]["risk"]["label"] == "self_harm"
    assert decided["understanding"]["urgency"]["label"] == "urgent"
    assert "person" in decided["reply"]  # told, in their language, that a person comes
    packet = decided["handoff"]
    assert packet["protocol"] and "safe" in packet["protocol"]
    assert packet["summary"].startswith("Why this matters: The customer may be in crisis")
    alerts = api.client.get("/v1/alerts", headers=api.as_role("supervisor"))
    assert alerts.status_code == 200, alerts.text
    (alert,) = alerts.json()["data"]
    assert alert["conversation_id"] == decided["conversation_id"]
    assert alert["reasons"] == ["self harm"]


def test_a_customer_in_crisis_is_assigned_even_when_everyone_is_at_capacity(api: Api) -> None:
    """A new user's shop: the crisis message waited unassigned ("Nobody can take this
    conversation for queue crisis: 3 at capacity") until the lead assigned it by hand."""
    with api.shop.workspace.sessions.begin() as session:
        session.execute(update(Agent).values(capacity=1))  # one seat each, then fill it
        everyone = list(session.scalars(select(Agent.external_id)))
    for number, agent in enumerate(everyone):
        cid = api.post_message(f"Order NW-{5100 + number} please", email=f"f{number}@example.org")[
            "conversation_id"
        ]
        taken = api.client.post(f"/v1/conversations/{cid}/assign", json={"agent": agent},
                                headers=api.as_role("supervisor"))  # fmt: skip
        assert taken.status_code == 200, taken.text
    decided = api.post_message(CRISIS, channel="chat")
    assert decided["queue"] == "crisis"
    assert decided["assigned_agent"] is not None, decided["routing_reason"]
    assert "over capacity" in decided["routing_reason"]
    other = api.post_message("I am so upset, my order never came and I am in tears")
    assert other["assigned_agent"] is None  # other queues wait for a free seat


def test_a_charge_never_made_leads_the_handoff_as_fraud_not_as_an_incidental_intent(
    api: Api,
) -> None:
    decided = api.post_message(
        "There is a charge of 89 euros on my card for an order I never placed. Please refund it."
    )
    assert (decided["action"], decided["queue"]) == ("route_to_human", "billing")
    assert decided["rule_id"] == "fraud_to_person"
    summary = decided["handoff"]["summary"]
    assert summary.startswith("Why this matters: Possible fraud")
    assert "Wants:" not in summary
    assert api.client.get("/v1/alerts", headers=api.as_role("supervisor")).json()["count"] == 0


def test_asking_for_a_person_is_honoured_and_acknowledged_in_the_customers_language(
    api: Api,
) -> None:
    decided = api.post_message(
        "Ich möchte bitte mit einem echten Mitarbeiter sprechen, nicht mit einem Bot.",
        channel="chat",
    )
    assert decided["action"] == "route_to_human" and decided["rule_id"] == "asked_for_person"
    assert decided["reply"] == handover_acknowledgement("de")


def test_a_thank_you_gets_a_courtesy_reply_not_a_clarifying_question(api: Api) -> None:
    decided = api.post_message("Thanks a lot!", channel="chat")
    assert decided["action"] == "reply_courtesy" and decided["rule_id"] == "small_talk_courtesy"
    assert decided["reply"].startswith("You're welcome")


def test_small_talk_gets_a_courtesy_reply_and_only_thanks_closes_the_conversation(
    api: Api,
) -> None:
    """A greeting gets a greeting back and leaves the conversation open; a thank-you is
    answered and resolves it; with a person on the conversation, small talk stays with them."""
    admin = api.as_role("admin")

    def status(decided: dict) -> str:
        url = f"/v1/conversations/{decided['conversation_id']}"
        return str(api.client.get(url, headers=admin).json()["status"])

    greeted = api.post_message("hello? anyone there?", thread_key="chat-7")
    assert greeted["action"] == "reply_courtesy", (greeted["rule_id"], greeted["explanation"])
    assert greeted["reply"].startswith("Hello") and status(greeted) == "open"
    thanked = api.post_message("Thanks!", thread_key="chat-8")
    assert thanked["action"] == "reply_courtesy" and status(thanked) == "resolved"
    routed = api.post_message(CRISIS, thread_key="chat-9")
    assert routed["assigned_agent"], routed
    again = api.post_message("hello? anyone there?", thread_key="chat-9")
    assert again["action"] == "route_to_human" and again["reply"] is None, again["explanation"]
    assert again["queue"] == "crisis", (again["queue"], routed["queue"], again["rule_id"])
    assert again["assigned_agent"] == routed["assigned_agent"] and status(again) == "open"
