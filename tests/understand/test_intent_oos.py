"""Out of scope: messages about none of the model's intents are flagged, known ones are not.

The novelty score and its threshold are learnt in ``fit`` from intents held out of training
folds (``understand/novelty.py``); texts without content are out of scope by rule. The
probe messages below were written for these tests; ``HELD_OUT_*`` were not looked at while
the method was tuned.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest
from understand_synthetic import make_examples

from tandemdesk.understand import artifacts
from tandemdesk.understand.intent import LinearIntentClassifier
from tandemdesk.understand.novelty import has_no_content
from tandemdesk.understand.training import load_model, train_classifier
from tests.conftest import shared_data

IN_SCOPE = [
    "I was charged twice for the subscription this month, please refund the payment",
    "My parcel has not arrived and the package tracking is stuck",
    "I forgot my password and I am locked out of my account",
    "Please cancel my subscription right away",
]
UNRELATED = [
    "Hello, I would like to apply for the warehouse assistant job, my CV is attached",
    "Are you hiring software developers in Berlin?",
    "Who won the football match yesterday?",
    "Can you recommend a good Italian restaurant near the station?",
]
NO_CONTENT = ["???", "...", "!!!", "🙂🙂", "k", "12345", "  42  ", "?!"]
HELD_OUT_IN_SCOPE = [
    "Hey team, the courier lost my package, where is the box?",
    "There is an extra fee on my statement, billed wrong",
    "Cannot log in to the app, the login code never comes",
]
HELD_OUT_UNRELATED = [
    "I am a student writing my thesis, could you fill in my survey?",
    "What is the capital of Australia?",
    "Dear sir, I want to sell you advertising space on my blog",
]


@pytest.fixture(scope="module")
def model() -> LinearIntentClassifier:
    texts, labels = make_examples(per_class=30)
    return LinearIntentClassifier().fit(texts, labels)


def test_no_content_rule() -> None:
    for text in [*NO_CONTENT, "", "   "]:
        assert has_no_content(text), text
    for text in ["ok", "hi", "退款", "où?", "NW-105115", "2 items missing"]:
        assert not has_no_content(text), text


def test_unrelated_and_empty_messages_are_out_of_scope(model: LinearIntentClassifier) -> None:
    results = model.analyse(IN_SCOPE + UNRELATED + NO_CONTENT)
    inside, outside = results[: len(IN_SCOPE)], results[len(IN_SCOPE) :]
    for result in inside:
        assert not result.out_of_scope and result.label is not None
        assert result.novelty is not None and result.novelty < model.novelty_.threshold  # type: ignore[union-attr]
    for result in outside:
        assert result.out_of_scope and result.abstained and result.label is None
        assert result.secondary is None and len(result.top_k) == 3
        assert result.novelty is not None and 0.0 <= result.novelty <= 1.0
    # far from every intent reads as more novel than any in-scope request
    assert min(r.novelty or 0.0 for r in outside[: len(UNRELATED)]) > max(
        r.novelty or 1.0 for r in inside
    )


def test_held_out_probes(model: LinearIntentClassifier) -> None:
    results = model.analyse(HELD_OUT_IN_SCOPE + HELD_OUT_UNRELATED)
    assert [r.out_of_scope for r in results] == [False] * 3 + [True] * 3


def test_threshold_is_learnt_and_recorded(tmp_path: Path) -> None:
    texts, labels = make_examples(per_class=30)
    trained = train_classifier(texts, labels)
    novelty = trained.component.novelty_  # type: ignore[attr-defined]
    assert 0.0 < novelty.threshold < 1.0
    assert (novelty.coef >= 0).all()  # less confident / less similar only adds novelty
    record = trained.training["out_of_scope"]
    assert record["threshold"] == novelty.threshold
    assert record["in_scope_loss_budget"] == pytest.approx(0.0075)
    assert record["simulated_in_scope_loss"] <= record["in_scope_loss_budget"]
    assert record["folds"] == 3 and record["simulated_novel"] > 0
    trained.save(tmp_path / "m")
    manifest = json.loads((tmp_path / "m" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["thresholds"]["out_of_scope_novelty_at_least"] == novelty.threshold
    assert "held-out intents" in manifest["training"]["out_of_scope"]["method"]
    loaded = load_model(tmp_path / "m")
    probe = IN_SCOPE + UNRELATED + NO_CONTENT
    assert loaded.analyse(probe) == trained.analyse(probe)


def test_stricter_budget_never_flags_more(model: LinearIntentClassifier) -> None:
    texts, labels = make_examples(per_class=30)
    loose = LinearIntentClassifier(oos_in_scope_loss=0.2).fit(texts, labels)
    assert loose.novelty_ is not None and model.novelty_ is not None
    assert loose.novelty_.threshold <= model.novelty_.threshold


def test_disabled_and_multi_label_models_have_no_novelty() -> None:
    texts, labels = make_examples(per_class=10)
    plain = LinearIntentClassifier(out_of_scope=False).fit(texts, labels)
    (result,) = plain.analyse(["???"])
    assert not result.out_of_scope and result.novelty is None
    multi = LinearIntentClassifier(multi_label=True).fit(texts, [[y] for y in labels])
    assert multi.novelty_ is None and not multi.analyse(["???"])[0].out_of_scope


def test_two_intents_get_the_rule_but_no_novelty() -> None:
    texts, labels = make_examples(per_class=10, classes=["billing", "password"])
    clf = LinearIntentClassifier().fit(texts, labels)
    assert clf.novelty_ is None
    first, second = clf.analyse(["???", "reset my password please"])
    assert first.out_of_scope and first.novelty is None
    assert not second.out_of_scope and second.label == "password"


def _as_pre_oos_folder(folder: Path) -> None:
    """Rewrite a saved model folder as the version before out-of-scope detection wrote it:
    no novelty arrays or metadata, no new parameters, no new manifest entries."""
    component = folder / "components" / "main"
    with np.load(component / "state.npz", allow_pickle=False) as saved:
        arrays = {k: saved[k] for k in saved.files if not k.startswith("novelty.")}
    with (component / "state.npz").open("wb") as handle:
        np.savez(handle, allow_pickle=False, **arrays)
    meta = json.loads((component / "state.json").read_text(encoding="utf-8"))
    for key in ("novelty", "oos_rules"):
        meta.pop(key)
    (component / "state.json").write_text(json.dumps(meta, sort_keys=True), encoding="utf-8")
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    (entry,) = manifest["components"]
    for key in ("out_of_scope", "oos_in_scope_loss"):
        entry["params"].pop(key)
    entry["files"] = {name: artifacts._sha256(component / name) for name in entry["files"]}
    manifest["thresholds"].pop("out_of_scope_novelty_at_least")
    manifest["training"].pop("out_of_scope")
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")


def test_a_model_saved_before_out_of_scope_detection_loads_and_works(tmp_path: Path) -> None:
    texts, labels = make_examples(per_class=15)
    trained = train_classifier(texts, labels)
    trained.save(tmp_path / "old")
    _as_pre_oos_folder(tmp_path / "old")
    old = load_model(tmp_path / "old")
    assert old.component.novelty_ is None  # type: ignore[attr-defined]
    results = old.analyse(["reset my password please, I am locked out", "???", UNRELATED[0]])
    assert results[0].label == "password"
    assert all(not r.out_of_scope and r.novelty is None for r in results)
    np.testing.assert_array_equal(old.predict_proba(IN_SCOPE), trained.predict_proba(IN_SCOPE))
    assert "out_of_scope_novelty_at_least" not in old.thresholds


def _banking(name: str) -> tuple[list[str], list[str]]:
    path = shared_data("banking77", name)
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return [r["text"] for r in rows], [r["category"] for r in rows]


@pytest.mark.shared_data
def test_banking77_held_out_intents_are_found_without_losing_known_ones() -> None:
    """Seed 0 of ``bench/intent_oos.py``: 20 of 77 intents unknown, the full test set."""
    texts, labels = _banking("train.csv")
    test_texts, test_labels = _banking("test.csv")
    unknown = set(np.random.default_rng(0).choice(sorted(set(labels)), 20, replace=False))
    keep = [i for i, y in enumerate(labels) if y not in unknown]
    model = train_classifier([texts[i] for i in keep], [labels[i] for i in keep])
    results = model.analyse(test_texts)
    gold = np.array(test_labels)
    novel = np.isin(gold, list(unknown))
    right = np.array([r.top_k[0][0] for r in results]) == gold
    flagged = np.array([r.out_of_scope for r in results])
    drop = right[~novel].mean() - (right & ~flagged)[~novel].mean()
    assert drop <= 0.01  # measured 0.0039 (budget 0.0075 of held-out in-scope answers)
    assert flagged[novel].mean() >= 0.08  # measured 0.111
    assert all(r.novelty is not None for r in results)
