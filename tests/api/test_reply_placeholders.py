"""Placeholders are filled or the reply is not sent: the API refuses ``{{…}}`` with a code,
and ``…/fill`` fills a macro from the customer's own facts, signed by the agent."""

from __future__ import annotations

from sqlalchemy import func, select

from tandemdesk import accounts
from tandemdesk.models import Decision, Message, Outcome
from tests.api.conftest import Api, assert_error

MACRO = ("Hi {{customer.first_name}}, order {{order.number}} is with {{shipment.carrier}} "
         "(tracking {{shipment.tracking_number}}).\n\n{{agent.first_name}}")  # fmt: skip


def _agent_login(api: Api) -> tuple[int, dict[str, str]]:
    routed = api.post_message("I am so upset and stressed, my order never came and I am in tears.")
    agent = {"Ann Agent": "a1", "Ben Agent": "a2", "Sue Senior": "s1"}[routed["assigned_agent"]]
    accounts.create_user(api.shop.workspace, "owner", "owner's password", "agent", agent=agent)
    api.client.cookies.clear()
    login = api.client.post(
        "/v1/session", json={"username": "owner", "password": "owner's password"}
    )
    return routed["conversation_id"], {"X-CSRF-Token": login.json()["csrf_token"]}


def _agent_messages(api: Api, cid: int) -> int:
    with api.shop.workspace.sessions() as session:
        return int(
            session.scalar(
                select(func.count())
                .select_from(Message)
                .where(Message.conversation_id == cid, Message.author == "agent")
            )
            or 0
        )


def test_a_reply_with_placeholders_is_refused_with_a_code(api: Api) -> None:
    cid, headers = _agent_login(api)
    for text in ("Hi {{customer.first_name}}, it ships today.", "Hi {{ first name }}!"):
        refused = api.client.post(f"/v1/conversations/{cid}/reply", headers=headers,
                                  json={"text": text})  # fmt: skip
        error = assert_error(refused, 422, "unfilled_placeholder")
        assert "replace it with the real text before sending" in error["message"]
        assert error["details"]["placeholders"] == [text[text.index("{{") : text.index("}}") + 2]]
    assert _agent_messages(api, cid) == 0
    sent = api.client.post(f"/v1/conversations/{cid}/reply", headers=headers,
                           json={"text": "Hi Mia, it ships today."})  # fmt: skip
    assert sent.status_code == 201 and _agent_messages(api, cid) == 1


def test_an_approved_draft_with_placeholders_is_refused_and_not_recorded(api: Api) -> None:
    cid, headers = _agent_login(api)
    with api.shop.workspace.sessions() as session:
        decision_id = session.scalars(
            select(Decision.id).where(Decision.conversation_id == cid)
        ).one()
    refused = api.client.post(f"/v1/decisions/{decision_id}/draft", headers=headers,
                              json={"text": "Dear {{customer.name}}, sorted.", "send": True})  # fmt: skip
    assert_error(refused, 422, "unfilled_placeholder")
    with api.shop.workspace.sessions() as session:
        edits = session.scalar(
            select(func.count()).select_from(Outcome).where(Outcome.kind == "correction.draft")
        )
    assert edits == 0 and _agent_messages(api, cid) == 0


def test_fill_puts_the_customers_facts_and_the_agents_name_in(api: Api) -> None:
    cid, headers = _agent_login(api)
    filled = api.client.post(f"/v1/conversations/{cid}/fill", headers=headers,
                             json={"text": MACRO, "language": "en"})  # fmt: skip
    assert filled.status_code == 200, filled.text
    body = filled.json()
    agent_first = {"a1": "Ann", "a2": "Ben", "s1": "Sue"}
    assert body["unfilled"] == {}
    assert body["text"].startswith(
        "Hi Mia, order NW-5001 is with DHL (tracking JJD0099887766).\n\n"
    )
    assert body["text"].rsplit("\n", 1)[1] in agent_first.values()
    refund = api.client.post(f"/v1/conversations/{cid}/fill", headers=headers,
                             json={"text": "Your refund of {{refund.amount}} is on its way."})  # fmt: skip
    assert refund.json()["text"] == "Your refund of {{refund.amount}} is on its way."
    assert refund.json()["unfilled"] == {"refund.amount": "no refund found for order NW-5001"}
