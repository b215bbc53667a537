"""Corrections feed the product: overrides of automated answers become a policy suggestion a
lead can try in shadow mode with one command; edited drafts give each answer an acceptance
rate and flag the answer people keep rewriting."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from tandemdesk import accounts, actions
from tandemdesk.api.app import create_app
from tandemdesk.decide import default_policy, default_policy_text, parse_policy
from tandemdesk.learn import model_store
from tandemdesk.learn.drafts import classify, draft_acceptance
from tandemdesk.learn.suggestions import (
    Override,
    insert_rule_text,
    patch_policy_text,
    policy_suggestions,
    suggest,
    suggested_policy_text,
    try_suggestion,
)
from tandemdesk.listen import imports
from tandemdesk.models import Decision
from tandemdesk.orchestrator import Orchestrator
from tandemdesk.policies import save_policy
from tandemdesk.timeutil import utcnow
from tandemdesk.understand.training import TrainedModel
from tests.orchestrator.conftest import message

CUSTOMERS = [f"buyer{i}@example.org" for i in range(4)]


def shop_policy(min_confidence: float | None = None) -> str:
    """The shipped policy (comments and all) automating only what the shop has an answer
    for: where an order is."""
    lines = [
        line for line in default_policy_text().splitlines()
        if not re.match(r"^  (?!order_status)\w+:\s*\{.*answer: (kb|mac)-", line)
    ]  # fmt: skip
    text = "\n".join(lines) + "\n"
    return (
        text if min_confidence is None else patch_policy_text(text, "order_status", min_confidence)
    )


def with_orders(shop: Orchestrator, folder: Path, model: TrainedModel) -> None:
    """Four more customers with a parcel on its way (so 'where is my order' is answered),
    and the shop's model stored as the workspace's (shadow mode re-reads with it)."""
    now = utcnow()
    rows = []
    for i, email in enumerate(CUSTOMERS):
        order = {"order_number": f"NW-60{i}"}
        rows += [
            {"customer": {"email": email, "name": f"Buyer {i}"}, "type": "order_placed",
             "occurred_at": (now - timedelta(days=2)).isoformat(),
             "data": {**order, "total": 40, "currency": "EUR"}},
            {"customer": {"email": email}, "type": "order_shipped",
             "occurred_at": (now - timedelta(days=1)).isoformat(),
             "data": {**order, "carrier": "DHL", "tracking_number": f"JJD00{i}",
                      "eta": (now + timedelta(days=2)).date().isoformat()}},
        ]  # fmt: skip
    path = folder / "orders.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    imports.import_events(shop.workspace, path)
    model_store.register(shop.workspace, model)
    save_policy(shop.workspace, shop_policy())
    shop.mark_stale()


def decision_of(shop: Orchestrator, message_id: int) -> Decision:
    with shop.workspace.sessions() as session:
        return session.scalars(select(Decision).where(Decision.message_id == message_id)).one()


def overrule_automation(shop: Orchestrator) -> list[float]:
    """Three automated order-status answers that agents say a person should have sent."""
    confidences = []
    for email in CUSTOMERS[:3]:
        result = shop.handle(message("where is my order", email=email))
        assert result.action == "automate", result.explanation
        confidences.append(float(result.inputs["confidence"]))
        decision = decision_of(shop, result.message_id)
        actions.do_override_decision(
            shop.workspace, decision.id, "route_to_human", "customer was upset", "a1"
        )
    return confidences


def test_overrides_become_a_suggestion_tried_in_shadow_mode(
    shop: Orchestrator, intent_model: TrainedModel, tmp_path: Path
) -> None:
    with_orders(shop, tmp_path, intent_model)
    assert policy_suggestions(shop.workspace) == []
    confidences = overrule_automation(shop)
    with shop.workspace.sessions() as session:  # overruled twice counts once
        first = session.scalars(select(Decision.id).order_by(Decision.id)).first()
    assert first is not None
    actions.do_override_decision(shop.workspace, first, "route_to_human", "again", "a2")

    [found] = policy_suggestions(shop.workspace)
    assert found.id == "raise_threshold.order_status" and found.overrides == 3
    assert found.languages == {"en": 3} and found.people == 2
    assert found.proposed is not None and found.proposed > max(confidences)
    assert "'order status' in English to a person 3 times this week" in found.text
    assert f"from 0.80 to {found.proposed:.2f}" in found.text
    assert policy_suggestions(shop.workspace, minimum=4) == []

    trial = try_suggestion(shop.workspace, found.id)
    assert (trial.overrides_matched, trial.overrides_checked) == (3, 3)
    assert trial.report.total >= 3 and trial.report.confusion["automate"].get("automate", 0) == 0
    written = trial.file.read_text(encoding="utf-8")
    assert written.startswith("# tandemdesk decision policy"), "comments kept"
    assert parse_policy(written).min_confidence("order_status") == found.proposed
    assert trial.to_dict()["apply"] == f"tandemdesk policy apply {trial.file}"


def test_cli_and_api_show_and_try_suggestions(
    shop: Orchestrator, intent_model: TrainedModel, tmp_path: Path
) -> None:
    with_orders(shop, tmp_path, intent_model)
    overrule_automation(shop)
    run = [sys.executable, "-m", "tandemdesk", "policy"]
    listed = subprocess.run([*run, "suggestions", "--json"], capture_output=True, text=True)
    assert listed.returncode == 0, listed.stderr
    [suggestion] = json.loads(listed.stdout)["suggestions"]
    tried = subprocess.run([*run, "try", suggestion["id"]], capture_output=True, text=True)
    assert tried.returncode == 0, tried.stderr
    assert "3 would now go the way people wanted" in " ".join(tried.stdout.split())
    missing = subprocess.run([*run, "try", "raise_threshold.nothing"], capture_output=True,
                             text=True)  # fmt: skip
    assert missing.returncode == 2 and "no suggestion" in missing.stderr + missing.stdout

    lead = accounts.create_token(shop.workspace, "supervisor", "lead")
    agent = accounts.create_token(shop.workspace, "agent", "agent", agent="a1")
    with TestClient(create_app(shop.workspace, orchestrator=shop)) as client:
        headers = {"Authorization": f"Bearer {lead}"}
        got = client.get("/v1/policy/suggestions", headers=headers)
        assert got.status_code == 200 and got.json()["suggestions"][0]["applicable"] is True
        assert client.get("/v1/policy/suggestions",
                          headers={"Authorization": f"Bearer {agent}"}).status_code == 403  # fmt: skip
        assert client.get("/v1/policy/suggestions?days=0", headers=headers).status_code == 422
        shadow = client.post(f"/v1/policy/suggestions/{suggestion['id']}/shadow", headers=headers)
        assert shadow.status_code == 200, shadow.text
        assert (
            shadow.json()["overrides_matched"] == 3 and "min_confidence" in shadow.json()["policy"]
        )
        unknown = client.post("/v1/policy/suggestions/raise_threshold.x/shadow", headers=headers)
        assert unknown.status_code == 404 and unknown.json()["error"]["code"]


def test_suggestions_from_overrides_in_each_direction() -> None:
    policy = default_policy()
    now = utcnow()

    def override(i: int, intent: str, frm: str, to: str, confidence: float, language: str) -> Override:  # fmt: skip
        return Override(i, i, intent, language, confidence, frm, to, "rule_x", f"a{i % 2}", now)

    overrides = [override(i, "order_status", "automate", "route_to_human", 0.82 + i / 100, "de")
                 for i in range(13)] + [override(99, "order_status", "automate",
                 "route_to_human", 0.9, "en")]  # fmt: skip
    overrides += [override(20 + i, "invoice_request", "draft_for_agent", "automate", 0.66, "en")
                  for i in range(3)]  # fmt: skip
    overrides += [override(30 + i, "damaged_item", "route_to_human", "automate", 0.9, "fr")
                  for i in range(3)]  # fmt: skip
    overrides += [override(40 + i, "refund_request", "route_to_human", "draft_for_agent", 0.9,
                           "en") for i in range(2)]  # below the minimum # fmt: skip
    found = {s.id: s for s in suggest(overrides, policy, days=7)}
    raised = found["raise_threshold.order_status"]
    assert raised.proposed == 0.95 and raised.overrides == 14
    assert "(13 of 14 in German)" in raised.text
    sure = [override(50 + i, "password_reset", "automate", "route_to_human", 1.0, "fr")
            for i in range(3)]  # fmt: skip
    [rule] = suggest(sure, policy, days=30)
    assert rule.id == "route_language.password_reset.fr" and rule.applicable
    assert "a rule sending 'password reset' in French to a person" in rule.text
    patched = parse_policy(suggested_policy_text(default_policy_text(), rule))
    ids = [r.id for r in patched.rules]
    assert ids[0] == "suggested_password_reset_fr"  # "rule_x" is not in the policy: first
    # applied, it is no longer offered (found in the console: offered again, its shadow try
    # then failed "rule id … is used twice"); nor is a raise the live threshold already made
    assert suggest(sure, patched, days=30) == []
    raised_live = parse_policy(patch_policy_text(default_policy_text(), "order_status", 0.95))
    assert "raise_threshold.order_status" not in {s.id for s in suggest(overrides, raised_live, 7)}
    lowered = found["lower_threshold.invoice_request"]
    assert lowered.proposed == 0.65 and lowered.applicable
    assert not found["automate_intent.damaged_item"].applicable
    assert not any(s.startswith("review_rule.") for s in found)


def test_a_rule_goes_just_before_the_rule_that_was_overruled() -> None:
    text = default_policy_text()
    rule = {"id": "suggested_x", "when": {"intent_in": ["order_status"], "language_in": ["de"]},
            "action": "route_to_human"}  # fmt: skip
    patched = insert_rule_text(text, "automate_routine", rule)
    ids = [r.id for r in parse_policy(patched).rules]
    assert ids[ids.index("automate_routine") - 1] == "suggested_x"
    assert "    when:\n      intent_in: [order_status]\n      language_in: [de]\n" in patched
    assert patched.startswith("# tandemdesk decision policy")


def test_patching_keeps_comments_and_refuses_nothing_silently() -> None:
    text = default_policy_text()
    patched = patch_policy_text(text, "order_status", 0.9)
    assert patched.count("\n") == text.count("\n")
    assert (
        "order_status:           {min_confidence: 0.9, answer: mac-where-is-my-order, checks: [order_in_transit]}"
        in (patched)
    )
    assert parse_policy(patched).min_confidence("order_status") == 0.9
    block = (
        "version: 1\nname: b\nautomatable_intents:\n  order_status:\n    answer: x\n"
        "rules:\n  - {id: all, when: {always: true}, action: route_to_human}\n"
    )
    assert parse_policy(patch_policy_text(block, "order_status", 0.85)).min_confidence(
        "order_status"
    ) == pytest.approx(0.85)


def test_draft_acceptance_per_answer(
    shop: Orchestrator, intent_model: TrainedModel, tmp_path: Path
) -> None:
    with_orders(shop, tmp_path, intent_model)
    save_policy(shop.workspace, shop_policy(0.99))
    shop.mark_stale()
    drafted = []
    for email in CUSTOMERS:
        result = shop.handle(message("where is my order", email=email))
        assert result.action == "draft_for_agent", result.explanation
        drafted.append(result)
    decisions = [decision_of(shop, r.message_id) for r in drafted]
    texts = [d.handoff["answer"]["text"] for d in decisions]
    actions.do_reply(shop.workspace, drafted[0].conversation_id, texts[0], "a1")  # as is
    edited = texts[1].replace("Hi", "Hello there,")
    actions.do_edit_draft(shop.workspace, decisions[1].id, edited, "a1")
    actions.do_reply(shop.workspace, drafted[2].conversation_id, "Let me check with DHL.", "a1")
    [row] = draft_acceptance(shop.workspace)
    assert row.item_id == "mac-where-is-my-order"
    assert (row.offered, row.sent_as_is, row.edited, row.replaced, row.unused) == (4, 1, 1, 1, 1)
    assert row.acceptance_rate == pytest.approx(1 / 3) and row.flagged
    assert row.to_dict()["example"]["sent"] in ("Let me check with DHL.", edited)


def test_classify() -> None:
    assert classify("Hello  there", "Hello there ") == ("sent_as_is", 1.0)
    assert (
        classify("Your order NW-1 ships today", "Your order NW-1 ships today!")[0] == "sent_as_is"
    )
    assert (
        classify("Your order NW-1 ships today.", "Hi! Your order NW-1 ships tomorrow.")[0]
        == "edited"
    )
    assert classify("Your order ships today.", "Please call us.")[0] == "replaced"
    assert classify("x", None) == ("unused", None)
