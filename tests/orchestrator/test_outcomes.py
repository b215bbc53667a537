"""Outcomes and corrections after a decision, and retraining from them."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tandemdesk import actions
from tandemdesk.errors import ForbiddenError, InvalidRecordError, NotFoundError
from tandemdesk.learn import model_store
from tandemdesk.learn.retrain import retrain
from tandemdesk.listen import imports
from tandemdesk.models import Agent, Conversation, Decision, Message, Outcome
from tandemdesk.orchestrator import Orchestrator
from tests.orchestrator.conftest import EXAMPLES, message


def kinds(shop: Orchestrator, conversation_id: int) -> list[str]:
    with shop.workspace.sessions() as session:
        return list(
            session.scalars(
                select(Outcome.kind)
                .where(Outcome.conversation_id == conversation_id)
                .order_by(Outcome.id)
            )
        )


def test_reply_resolve_reopen_rate(shop: Orchestrator) -> None:
    result = shop.handle(
        message("the lamp arrived broken, I want a replacement", email="lee@example.org")
    )
    assert result.action == "route_to_human"
    conversation = result.conversation_id
    actions.do_reply(
        shop.workspace, conversation, "So sorry! A replacement is on its way.", agent="a1"
    )
    resolved = actions.do_resolve(shop.workspace, conversation, agent="a1")
    assert resolved["handle_seconds"] is not None and resolved["first_contact"] is True
    actions.do_reopen(shop.workspace, conversation, reason="replacement broken too")
    actions.do_csat(shop.workspace, conversation, 2)
    assert kinds(shop, conversation) == ["resolved", "reopened", "csat"]
    with shop.workspace.sessions() as session:
        stored = session.get(Conversation, conversation)
        assert stored is not None and (stored.status, stored.csat) == ("open", 2.0)
        assert [m.author for m in stored.messages] == ["customer", "agent"]
    second = actions.do_resolve(shop.workspace, conversation)
    assert second["first_contact"] is False, (
        "a reopened conversation was not solved at first contact"
    )


def test_bad_outcomes_are_clear_errors(shop: Orchestrator) -> None:
    with pytest.raises(NotFoundError):
        actions.do_resolve(shop.workspace, 9999)
    result = shop.handle(message("where is my order NW-5001?"))
    with pytest.raises(InvalidRecordError, match="between 1 and 5"):
        actions.do_csat(shop.workspace, result.conversation_id, 9)
    with pytest.raises(NotFoundError, match="no agent"):
        actions.do_resolve(shop.workspace, result.conversation_id, agent="nobody")
    with pytest.raises(InvalidRecordError, match="unknown action"):
        actions.do_override_decision(shop.workspace, 1, "teleport", "")


def test_corrections_are_recorded_and_relabel(shop: Orchestrator) -> None:
    result = shop.handle(message("where is my order NW-5001?"))
    with shop.workspace.sessions() as session:
        decision_id = session.scalars(select(Decision.id)).one()
    # the shop's intent model lives in memory, not as a workspace model version: to the
    # workspace, "damaged_item" is an intent it has not seen (api/test_api_flows.py tests
    # the refusal)
    actions.do_correct_intent(
        shop.workspace, result.conversation_id, "damaged_item", agent="a2", new=True
    )
    actions.do_override_decision(
        shop.workspace, decision_id, "route_to_human", "customer was upset"
    )
    actions.do_edit_draft(shop.workspace, decision_id, "Edited answer", agent="a2")
    assert kinds(shop, result.conversation_id) == [
        "correction.intent",
        "correction.decision",
        "correction.draft",
    ]
    with shop.workspace.sessions() as session:
        conversation = session.get(Conversation, result.conversation_id)
        assert conversation is not None and conversation.intent == "damaged_item"
        assert (
            session.scalars(select(Message.text).where(Message.author == "agent")).one()
            == "Edited answer"
        )


def test_retrain_promotes_only_when_not_worse(shop: Orchestrator, tmp_path) -> None:  # type: ignore[no-untyped-def]
    history = tmp_path / "history.csv"
    rows = ["text,intent"]
    for copy in range(4):
        for intent, texts in EXAMPLES.items():
            rows += [f'"{t} ({copy})",{intent}' for t in texts]
    history.write_text("\n".join(rows) + "\n")
    imports.import_conversations(shop.workspace, history)
    first = retrain(shop.workspace, "intent", folds=4)
    assert first["promoted"] is True and first["gate"] is None
    # nothing new was confirmed: both sides learn the same labels, so they tie and the
    # candidate is not worse (the gate itself: tests/learn/test_gate.py, test_retrain.py)
    second = retrain(shop.workspace, "intent", folds=4)
    assert second["promoted"] is True, second["reason"]
    assert second["gate"]["difference"]["accuracy_ci"] == [0.0, 0.0]
    versions = model_store.list_versions(shop.workspace)
    assert [v.version for v in versions] == [1, 2]
    assert sum(v.active for v in versions) == 1


def test_an_agent_takes_only_a_free_conversation(shop: Orchestrator) -> None:
    result = shop.handle(message("the lamp arrived broken", email="kim@example.org"))
    conversation = result.conversation_id
    with shop.workspace.sessions() as session:
        a1, a2 = (
            session.scalars(select(Agent.id).where(Agent.external_id == x)).one()
            for x in ("a1", "a2")
        )
    actions.do_assign(shop.workspace, conversation, "a1")  # a supervisor's call
    with pytest.raises(ForbiddenError, match="belongs to another agent"):
        actions.do_assign(shop.workspace, conversation, "a2", taken_by=a2)
    with pytest.raises(ForbiddenError, match="themselves"):
        actions.do_assign(shop.workspace, conversation, "a2", taken_by=a1)
    assert actions.do_assign(shop.workspace, conversation, "a1", taken_by=a1) == a1, "theirs"
    with shop.workspace.sessions() as session:
        stored = session.get(Conversation, conversation)
        assert stored is not None and stored.assignee_id == a1
