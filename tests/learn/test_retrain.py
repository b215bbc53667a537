"""``retrain`` end to end on a real store: labels an import got wrong, corrected by agents,
make a candidate that the gate promotes, with the corrected intent's gain shown; the
report's figures are the gate's, on rows neither model was trained on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tandemdesk import actions
from tandemdesk.errors import UnusableInputError
from tandemdesk.learn import model_store
from tandemdesk.learn.examples import confirmed_labels
from tandemdesk.learn.retrain import retrain
from tandemdesk.listen import imports
from tandemdesk.orchestrator import Orchestrator
from tests.orchestrator.conftest import EXAMPLES

WRONG = "damaged_item"  # filed under order_status by whoever exported the history


def import_mislabelled(shop: Orchestrator, folder: Path) -> None:
    rows = ["conversation_id,author,text,intent"]
    for copy in range(4):
        for intent, texts in EXAMPLES.items():
            label = "order_status" if intent == WRONG and copy < 3 else intent
            rows += [f'h{copy}-{intent}-{i},customer,"{t} (copy {copy})",{label}'
                     for i, t in enumerate(texts)]  # fmt: skip
    path = folder / "history.csv"
    path.write_text("\n".join(rows) + "\n")
    imports.import_conversations(shop.workspace, path)


def test_corrections_make_a_candidate_the_gate_promotes(shop: Orchestrator, tmp_path: Path) -> None:
    import_mislabelled(shop, tmp_path)
    first = retrain(shop.workspace, "intent", folds=4)
    assert first["promoted"] and first["gate"] is None and first["reason"] == "no active model yet"

    with shop.workspace.sessions() as session:
        from sqlalchemy import select

        from tandemdesk.models import Conversation

        wrong = session.scalars(
            select(Conversation.id).where(
                Conversation.external_id.like(f"h_-{WRONG}-%"),
                Conversation.intent == "order_status",
            )
        ).all()
    assert len(wrong) == 18
    for conversation_id in wrong:
        actions.do_correct_intent(shop.workspace, conversation_id, WRONG, agent="a1")

    second = retrain(shop.workspace, "intent", folds=4)
    gate = second["gate"]
    assert second["promoted"], second["reason"]
    assert gate["difference"]["accuracy_ci"][0] > 0, "really better, not a tie"
    assert gate["evaluated"] == 72 and "neither side was trained on" in second["reason"]
    damaged = next(r for r in gate["per_intent"] if r["intent"] == WRONG)
    assert damaged["candidate"] > damaged["active"] + 0.5
    versions = model_store.list_versions(shop.workspace)
    assert [(v.version, v.active) for v in versions] == [(1, False), (2, True)]
    active = model_store.load_active(shop.workspace, "intent")
    assert active is not None and active.training["gate"]["promoted"] is True
    # the active model's snapshot replays the labels it learnt (the corrections included)
    snapshot = confirmed_labels(shop.workspace, as_of=None)
    assert all(snapshot[c] == WRONG for c in wrong)


def test_retrain_refuses_what_it_cannot_judge(shop: Orchestrator, tmp_path: Path) -> None:
    with pytest.raises(UnusableInputError, match="confirmed 0 intent label"):
        retrain(shop.workspace)
    import_mislabelled(shop, tmp_path)
    with pytest.raises(UnusableInputError, match="--folds"):
        retrain(shop.workspace, folds=1)
    with pytest.raises(UnusableInputError, match="--margin"):
        retrain(shop.workspace, margin=0.5)
    with pytest.raises(UnusableInputError, match="--gate-rows"):
        retrain(shop.workspace, gate_rows=50)


@pytest.mark.usefixtures("shop")
def test_cli_retrain_json(tmp_path: Path, shop: Orchestrator) -> None:
    import_mislabelled(shop, tmp_path)
    run = [sys.executable, "-m", "tandemdesk", "retrain", "--folds", "3"]
    first = subprocess.run([*run, "--json"], capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout)["promoted"] is True
    second = subprocess.run(run, capture_output=True, text=True, timeout=300)
    assert second.returncode == 0, second.stderr
    assert "neither side was trained on" in " ".join(second.stdout.split())
    assert "difference (95% interval)" in second.stdout and "v2 promoted" in second.stdout
