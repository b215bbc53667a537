"""The policy's answers, requests that need a person, and the names customers read."""

from __future__ import annotations

import pytest

from tandemdesk.decide import PolicyError, default_policy, load_policy
from tandemdesk.decide.engine import decide
from tandemdesk.decide.signals import Context, read_signals
from tandemdesk.demo.intents import NAMES
from tests.decide.decide_factories import understanding

KNOWN = set(NAMES)
AUTOMATE = """\
version: 1
automatable_intents:
  order_status: {answer: mac-where-is-my-order}
  return_request: {answer: [kb-how-to-return, kb-returns-policy]}
  cancel_order: {answer: mac-cancel-confirmed, needs_action: true}
rules:
  - id: automate_routine
    when: {intent_automatable: true}
    action: automate
  - id: everyone_else
    when: {always: true}
    action: route_to_human
"""


def error_for(text: str) -> str:
    with pytest.raises(PolicyError) as caught:
        load_policy(text, KNOWN)
    return str(caught.value.message)


def test_answer_is_one_id_or_a_list() -> None:
    policy = load_policy(AUTOMATE, KNOWN)
    assert policy.answer_ids("order_status") == ("mac-where-is-my-order",)
    assert policy.answer_ids("return_request") == ("kb-how-to-return", "kb-returns-policy")
    assert policy.answer_ids("refund_request") == () and policy.answer_ids(None) == ()
    assert "answer names a knowledge item id" in error_for(
        AUTOMATE.replace("[kb-how-to-return, kb-returns-policy]", "[]")
    )


def test_needs_action_is_never_automatable() -> None:
    policy = load_policy(AUTOMATE, KNOWN)
    cancel = understanding("cancel_order", 0.99)
    signals = read_signals(cancel, Context(), policy)
    assert policy.needs_action("cancel_order") and not signals.automatable
    assert decide(cancel, Context(), policy).action == "route_to_human"
    status = understanding("order_status", 0.99)
    assert decide(status, Context(), policy).action == "automate"


def test_an_automate_rule_cannot_name_a_needs_action_intent() -> None:
    text = AUTOMATE.replace("{intent_automatable: true}", "{intent_in: [cancel_order]}")
    message = error_for(text)
    assert "automate rule lists 'cancel_order', which needs_action" in message


def test_intent_names_are_checked() -> None:
    names = "intent_names:\n  order_status: {en: where your order is, de: den Stand}\n"
    policy = load_policy(AUTOMATE + names, KNOWN)
    assert policy.intent_names["order_status"]["de"] == "den Stand"
    unknown = error_for(AUTOMATE + "intent_names:\n  order_statu: {en: where it is}\n")
    assert "intent_names.order_statu: unknown intent 'order_statu'" in unknown
    assert "did you mean 'order_status'" in unknown
    assert "not a language code" in error_for(
        AUTOMATE + "intent_names:\n  order_status: {English: where it is}\n"
    )
    assert "without braces" in error_for(
        AUTOMATE + "intent_names:\n  order_status: {en: '{intent}'}\n"
    )


def test_default_policy_names_every_demo_intent_in_four_languages() -> None:
    policy = default_policy(NAMES)
    for intent in NAMES:
        names = policy.intent_names.get(intent, {})
        assert set(names) >= {"en", "de", "fr", "es"}, intent
        assert all(intent not in name and "_" not in name for name in names.values()), names
    for intent in ("change_address", "cancel_order"):
        assert policy.needs_action(intent), intent
    assert not policy.needs_action("order_status")
