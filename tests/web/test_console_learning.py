"""The learning page: a lead reads the suggestions people's overrides argue for, tries one in
shadow mode with one button, and sees draft acceptance per answer; agents cannot open it."""

from __future__ import annotations

import re
from pathlib import Path

from tandemdesk import accounts
from tandemdesk.understand.training import TrainedModel
from tests.api.conftest import Api, assert_error
from tests.learn.test_feedback import CUSTOMERS, decision_of, overrule_automation, with_orders
from tests.orchestrator.conftest import message
from tests.web.test_console_pages import login


def test_a_lead_tries_a_suggestion_from_the_learning_page(
    api: Api, intent_model: TrainedModel, tmp_path: Path
) -> None:
    with_orders(api.shop, tmp_path, intent_model)
    overrule_automation(api.shop)
    accounts.create_user(api.shop.workspace, "lead", "lead's pw", "supervisor")
    login(api, "lead", "lead's pw")
    policy = api.client.get("/supervisor/policy")
    assert "Suggestions from overrides</a>" in policy.text  # the policy page points to them
    page = api.client.get("/supervisor/learning")
    assert page.status_code == 200
    text = " ".join(page.text.split())
    assert "&#39;order status&#39; in English to a person 3 times this week" in text
    assert "Try in shadow mode" in text and 'href="/supervisor/learning"' in text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert csrf is not None
    forged = api.client.post("/supervisor/learning/try",
                             data={"suggestion": "raise_threshold.order_status"})  # fmt: skip
    assert_error(forged, 403, "forbidden")
    tried = api.client.post("/supervisor/learning/try", data={
        "suggestion": "raise_threshold.order_status", "csrf_token": csrf.group(1)})  # fmt: skip
    assert tried.status_code == 200
    shown = " ".join(tried.text.split())
    assert (
        "Of the 3 overruled messages, <strong>3</strong> would now go the way people wanted"
        in shown
    )
    assert "tandemdesk policy apply" in shown and "min_confidence" in shown
    unknown = api.client.post("/supervisor/learning/try", data={
        "suggestion": "raise_threshold.nothing", "csrf_token": csrf.group(1)})  # fmt: skip
    assert unknown.status_code == 404 and "no suggestion" in unknown.text


def test_agents_cannot_open_the_learning_page(api: Api) -> None:
    accounts.create_user(api.shop.workspace, "ann", "agent's pw", "agent", agent="a1")
    login(api, "ann", "agent's pw")
    assert_error(api.client.get("/supervisor/learning"), 403, "forbidden")


def test_overruling_on_the_conversation_page_feeds_the_suggestions(
    api: Api, intent_model: TrainedModel, tmp_path: Path
) -> None:
    with_orders(api.shop, tmp_path, intent_model)
    automated = [api.shop.handle(message("where is my order", email=email))
                 for email in CUSTOMERS[:3]]  # fmt: skip
    assert {r.action for r in automated} == {"automate"}
    accounts.create_user(api.shop.workspace, "lead", "lead's pw", "supervisor")
    login(api, "lead", "lead's pw")
    for result in automated:
        page = api.client.get(f"/conversations/{result.conversation_id}")
        assert "Overrule" in page.text
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        assert csrf is not None
        decision = decision_of(api.shop, result.message_id)
        done = api.client.post(f"/decisions/{decision.id}/override", data={
            "action": "route_to_human", "reason": "wanted a person",
            "csrf_token": csrf.group(1)})  # fmt: skip
        assert done.status_code == 200 and "the decision should have been different" in done.text
    wrong = api.client.post(f"/decisions/{decision.id}/override",
                            data={"action": "explode", "csrf_token": csrf.group(1)})  # fmt: skip
    assert "unknown action" in wrong.text
    learning = " ".join(api.client.get("/supervisor/learning").text.split())
    assert "&#39;order status&#39; in English to a person 3 times this week" in learning
