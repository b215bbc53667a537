"""A shop's own intent names get the fact checks its policy attaches to them.

Found reading the answer path for a shop onboarding its own history: the checks that stop
"your order is on its way" for a parcel delivered, late or cancelled were keyed on the demo's
intent names, so a shop whose "where is my order" intent is called ``wismo`` had none, and its
customers were told a delivered parcel was on its way. The policy now names the checks per
intent (``automatable_intents.<intent>.checks``), and ``policy check`` warns of an answer that
states order facts with nothing checking them.
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from tandemdesk.decide import PolicyError
from tandemdesk.listen import imports
from tandemdesk.orchestrator import Orchestrator
from tandemdesk.policies import check_policy, check_policy_with_warnings, save_policy
from tandemdesk.timeutil import utcnow
from tandemdesk.understand.pipeline import Pipeline
from tandemdesk.understand.training import TrainedModel, train_classifier
from tests.orchestrator.conftest import EXAMPLES, message

POLICY = """\
version: 1
automatable_intents:
  wismo: {{min_confidence: 0.5, answer: mac-where-is-my-order{checks}}}
rules:
  - id: routine
    when: {{intent_automatable: true, confidence_at_least: intent_threshold}}
    action: automate
  - id: rest
    when: {{always: true}}
    action: route_to_human
"""


@pytest.fixture(scope="module")
def intent_model() -> TrainedModel:
    """The shop's own names: "where is my order" is ``wismo`` in its history."""
    names = {"order_status": "wismo"}
    texts = [t for ts in EXAMPLES.values() for t in ts] * 2
    labels = [names.get(label, label) for label, ts in EXAMPLES.items() for _ in ts] * 2
    model = train_classifier(texts, labels, task="intent", target_precision=0.8, out_of_scope=False)
    model.component.threshold_ = 0.5  # type: ignore[attr-defined]  # a flow test (conftest)
    return model


def _deliver(shop: Orchestrator, tmp_path: Path) -> None:
    events = tmp_path / "delivered.jsonl"
    events.write_text(json.dumps({
        "customer": {"email": "mia@example.org"}, "type": "order_delivered",
        "occurred_at": (utcnow() - timedelta(hours=6)).isoformat(),
        "data": {"order_number": "NW-5001", "carrier": "DHL"},
    }) + "\n")  # fmt: skip
    imports.import_events(shop.workspace, events)


def test_the_policys_checks_guard_a_shops_own_intent(
    shop: Orchestrator, intent_model: TrainedModel, tmp_path: Path
) -> None:
    workspace = shop.workspace
    _, warnings = check_policy_with_warnings(workspace, POLICY.format(checks=""))
    [warning] = [w for w in warnings if "fact check" in w]
    assert "automatable_intents.wismo: its answer 'mac-where-is-my-order' states" in warning
    assert "add checks: [order_in_transit]" in warning

    checked = POLICY.format(checks=", checks: [order_in_transit]")
    assert not [w for w in check_policy_with_warnings(workspace, checked)[1] if "fact check" in w]
    save_policy(workspace, checked)
    live = Orchestrator(workspace, pipeline=Pipeline(intent=intent_model))
    on_its_way = live.handle(message("where is my order NW-5001?"))
    assert on_its_way.action == "automate", on_its_way.explanation  # the check allows it
    assert on_its_way.reply is not None and "on its way" in on_its_way.reply

    _deliver(shop, tmp_path)
    delivered = live.handle(message("where is my order NW-5001? still nothing here"))
    assert delivered.action == "route_to_human", delivered.explanation
    assert delivered.reply is None
    # "today" or "yesterday": the delivery was six hours ago, and CI may run just after midnight
    assert "order NW-5001 was delivered" in delivered.explanation

    # `checks: []` is the shop's choice: not warned about
    none = check_policy_with_warnings(workspace, POLICY.format(checks=", checks: []"))[1]
    assert not [w for w in none if "fact check" in w], none


def test_an_unknown_check_is_an_error_listing_the_names(shop: Orchestrator) -> None:
    with pytest.raises(PolicyError) as error:
        check_policy(shop.workspace, POLICY.format(checks=", checks: [in_transit]"))
    message = error.value.message
    assert "line 3, automatable_intents.wismo.checks" in message, message
    assert "order_in_transit, returnable, not_shipped" in message and "'in_transit'" in message
