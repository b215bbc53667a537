"""Only labels people stand behind train: imported labels, agent corrections and resolutions
whose intent an agent confirmed — never the model's own guess on a live conversation. The
labels as they were at any moment can be replayed (what the promotion gate gives the active
model). ``init --demo`` run again keeps its model instead of training around the gate."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from tandemdesk import actions
from tandemdesk.demo.load import train_demo_models
from tandemdesk.errors import InvalidRecordError
from tandemdesk.learn import model_store
from tandemdesk.learn.examples import (
    confirmed_examples,
    confirmed_labels,
    record_examples,
    workspace_examples,
)
from tandemdesk.listen import imports
from tandemdesk.orchestrator import Orchestrator
from tandemdesk.timeutil import utcnow
from tests.orchestrator.conftest import EXAMPLES, message


def import_history(shop: Orchestrator, folder: Path, copies: int = 2) -> None:
    rows = ["conversation_id,author,text,intent"]
    for copy in range(copies):
        for intent, texts in EXAMPLES.items():
            rows += [f'h{copy}-{intent}-{i},customer,"{t} ({copy})",{intent}'
                     for i, t in enumerate(texts)]  # fmt: skip
    path = folder / "history.csv"
    path.write_text("\n".join(rows) + "\n")
    imports.import_conversations(shop.workspace, path)


def test_live_guesses_never_train_corrections_and_confirmations_do(
    shop: Orchestrator, tmp_path: Path
) -> None:
    import_history(shop, tmp_path)
    imported = len(workspace_examples(shop.workspace).texts)
    assert imported == 2 * sum(len(t) for t in EXAMPLES.values())

    guessed = shop.handle(message("my lamp arrived smashed to pieces", email="a@example.org"))
    corrected = shop.handle(message("I cannot log in to my profile", email="b@example.org"))
    confirmed = shop.handle(message("is my parcel on the way", email="c@example.org"))
    labels = confirmed_labels(shop.workspace)
    for result in (guessed, corrected, confirmed):
        assert result.conversation_id not in labels, "a model's guess is no training label"
    assert len(workspace_examples(shop.workspace).texts) == imported

    before = utcnow()
    actions.do_correct_intent(shop.workspace, corrected.conversation_id, "password_reset", "a1")
    actions.do_resolve(shop.workspace, confirmed.conversation_id, "a1", confirm_intent=True)
    actions.do_resolve(shop.workspace, guessed.conversation_id, "a1")  # resolved, not confirmed
    labels = confirmed_labels(shop.workspace)
    assert labels[corrected.conversation_id] == "password_reset"
    assert labels[confirmed.conversation_id] == "order_status"
    assert guessed.conversation_id not in labels
    examples = confirmed_examples(shop.workspace)
    assert "I cannot log in to my profile" in examples.texts
    assert len(examples.texts) == imported + 2

    # replayed as they were: before the correction and the confirmation, neither existed
    earlier = confirmed_labels(shop.workspace, as_of=before - timedelta(microseconds=1))
    assert corrected.conversation_id not in earlier
    assert confirmed.conversation_id not in earlier
    assert len(earlier) == imported


def test_a_corrected_import_replays_its_original_label(shop: Orchestrator, tmp_path: Path) -> None:
    import_history(shop, tmp_path, copies=1)
    labels = confirmed_labels(shop.workspace)
    first = min(cid for cid, label in labels.items() if label == "damaged_item")
    before = utcnow()
    actions.do_correct_intent(shop.workspace, first, "order_status")
    assert confirmed_labels(shop.workspace)[first] == "order_status"
    assert confirmed_labels(shop.workspace, as_of=before)[first] == "damaged_item"
    # an import stored after a model was trained is not in what that model could know
    then = confirmed_labels(shop.workspace, as_of=before, through_conversation=first - 1)
    assert first not in then and len(then) == first - 1


def test_confirming_needs_an_intent(shop: Orchestrator, tmp_path: Path) -> None:
    path = tmp_path / "unlabelled.csv"
    path.write_text('conversation_id,author,text\nu1,customer,"something about my order"\n')
    imports.import_conversations(shop.workspace, path)
    [conversation_id] = confirmed_examples(shop.workspace).conversation_ids or [None]
    assert conversation_id is None, "an unlabelled import is no example"
    with shop.workspace.sessions() as session:
        from sqlalchemy import select

        from tandemdesk.models import Conversation

        unlabelled = session.scalars(select(Conversation.id)).one()
    with pytest.raises(InvalidRecordError, match="no intent to confirm"):
        actions.do_resolve(shop.workspace, unlabelled, confirm_intent=True)


def test_records_labelled_by_a_model_are_skipped() -> None:
    records = [
        {"intent": "order_status", "messages": [{"author": "customer", "text": "where is it"}]},
        {"intent": "order_status", "intent_source": "model",
         "messages": [{"author": "customer", "text": "where is my parcel"}]},
        {"intent": "billing", "labels": {"intent_source": "predicted"},
         "messages": [{"author": "customer", "text": "charged twice"}]},
    ]  # fmt: skip
    assert record_examples(records).texts == ["where is it"]


def test_demo_training_run_again_keeps_the_model(shop: Orchestrator, tmp_path: Path) -> None:
    """``make demo`` twice: the second run neither trains on the live conversations the model
    labelled itself nor replaces the active model without the gate."""
    import_history(shop, tmp_path)
    first = train_demo_models(shop.workspace)
    assert first["kept"] is False and first["version"] == 1
    shop.handle(message("where is my order", email="mia@example.org"))  # labelled by the model
    again = train_demo_models(shop.workspace)
    assert again["kept"] is True and again["version"] == 1
    assert [v.version for v in model_store.list_versions(shop.workspace)] == [1]
    model = model_store.load_active(shop.workspace, "intent")
    assert model is not None
    assert model.training["through_conversation"] > 0 and model.training["labels_as_of"]


def test_the_api_confirms_an_intent_when_resolving(shop: Orchestrator) -> None:
    from fastapi.testclient import TestClient

    from tandemdesk import accounts
    from tandemdesk.api.app import create_app

    confirmed = shop.handle(message("is my parcel on the way", email="e@example.org"))
    plain = shop.handle(message("where is my order", email="f@example.org"))
    lead = accounts.create_token(shop.workspace, "supervisor", "lead")
    headers = {"Authorization": f"Bearer {lead}"}
    with TestClient(create_app(shop.workspace, orchestrator=shop)) as client:
        url = "/v1/conversations/{}/resolve"
        done = client.post(url.format(confirmed.conversation_id), headers=headers,
                           json={"confirm_intent": True})  # fmt: skip
        assert done.status_code == 200, done.text
        assert done.json()["intent_confirmed"] is True
        assert client.post(url.format(plain.conversation_id), headers=headers).status_code == 200
        bad = client.post(url.format(plain.conversation_id), headers=headers,
                          json={"confirm_intent": "maybe"})  # fmt: skip
        assert bad.status_code == 422
    labels = confirmed_labels(shop.workspace)
    assert labels.get(confirmed.conversation_id) == "order_status"
    assert plain.conversation_id not in labels
