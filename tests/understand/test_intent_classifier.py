"""Intent: calibrated, abstains by a threshold picked on held-out training data, robust input."""

from __future__ import annotations

import sys
import warnings

import numpy as np
import pytest
from understand_synthetic import make_examples

from tandemdesk.understand import calibration
from tandemdesk.understand.base import IntentPrediction
from tandemdesk.understand.errors import MissingExtraError, TrainingDataError
from tandemdesk.understand.intent import LinearIntentClassifier, split_clauses
from tandemdesk.understand.training import train_classifier


@pytest.fixture(scope="module")
def model() -> LinearIntentClassifier:
    texts, labels = make_examples(per_class=30)
    return LinearIntentClassifier(target_precision=0.95).fit(texts, labels)


def test_learns_the_synthetic_intents(model: LinearIntentClassifier) -> None:
    texts, labels = make_examples(per_class=20, seed=99)
    predicted = model.predict(texts)
    accuracy = np.mean([p == y for p, y in zip(predicted, labels, strict=True)])
    assert accuracy >= 0.95
    proba = model.predict_proba(texts)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0, atol=1e-9)


def test_threshold_is_picked_on_held_out_training_data(model: LinearIntentClassifier) -> None:
    # small data: 5-fold cross-validation, so every training example was held out once
    assert len(model.held_confidence_) == 120
    expected, reachable = calibration.pick_threshold(
        model.held_confidence_, model.held_correct_, 0.95
    )
    assert reachable and model.threshold_ == expected
    answered = model.held_confidence_ >= model.threshold_
    assert model.held_correct_[answered].mean() >= 0.95


def test_large_data_holds_out_one_fifth() -> None:
    texts, labels = make_examples(
        per_class=800, classes=["billing", "delivery", "password", "cancel"]
    )
    clf = LinearIntentClassifier(embeddings="none").fit(texts, labels)
    assert 0.18 * len(texts) <= len(clf.held_confidence_) <= 0.22 * len(texts)


def test_target_precision_moves_the_threshold(model: LinearIntentClassifier) -> None:
    clf = LinearIntentClassifier().set_params(target_precision=0.5)
    texts, labels = make_examples(per_class=30)
    clf.fit(texts, labels)
    low = clf.threshold_
    high = clf.set_target_precision(1.0)
    assert high >= low
    assert clf.target_precision == 1.0


def test_analyse_abstains_below_threshold_and_fills_top_k(model: LinearIntentClassifier) -> None:
    results = model.analyse(["reset my password please, I am locked out", "", "🙂🙂🙂"])
    first, empty, emoji = results
    assert isinstance(first, IntentPrediction)
    assert first.label == "password" and not first.abstained
    assert first.top_k[0][0] == "password" and len(first.top_k) == 3
    assert empty.abstained and empty.label is None and empty.top_k
    for result in results:
        assert result.label is None or result.confidence >= model.threshold_
        assert result.abstained == (result.label is None)
    assert emoji.confidence < first.confidence


def test_second_intent_in_a_two_clause_message(model: LinearIntentClassifier) -> None:
    text = (
        "I was charged twice on my card this month and the invoice total is wrong. Also "
        "please reset my password"
    )
    assert split_clauses(text) == [
        "I was charged twice on my card this month",
        "the invoice total is wrong.",
        "Also please reset my password",
    ]
    two = [
        text,
        "My parcel has not arrived and the package tracking is stuck since monday. Also cancel "
        "my subscription please",
    ]
    first, second = model.analyse(two)
    assert (first.label, first.secondary) == ("billing", "password")
    assert (second.label, second.secondary) == ("delivery", "cancel")
    (single,) = model.analyse(["I was charged twice on my card this month. Thanks a lot for that"])
    assert single.label == "billing" and single.secondary is None


def test_one_label_is_a_clear_error() -> None:
    with pytest.raises(TrainingDataError, match="need at least two labels"):
        train_classifier(["a b c", "d e f"], ["x", "x"])


def test_blank_texts_are_rejected_with_positions() -> None:
    texts, labels = make_examples(per_class=5)
    texts[3] = "   \t "
    with pytest.raises(TrainingDataError, match=r"empty text \(#4\)"):
        train_classifier(texts, labels)


def test_label_with_one_example_warns_and_still_trains() -> None:
    texts, labels = make_examples(per_class=10)
    texts.append("where can I download my tax certificate")
    labels.append("tax")
    with pytest.warns(UserWarning, match="single example"):
        model = train_classifier(texts, labels)
    assert "tax" in model.labels
    assert any("single example" in w for w in model.training["warnings"])


def test_hostile_texts_do_not_crash() -> None:
    texts, labels = make_examples(per_class=10)
    garbage = bytes(range(256)).decode("latin-1")
    hostile = [
        "x" * 1_000_000,  # 1 MB
        garbage,
        "\x00\x01\x02",
        "🙂😡🔥💳",
        "Моя карта 被盗了 my card was stolen بطاقتي",
        "\ud800 lone surrogate",
    ]
    model = train_classifier(texts + hostile[:2] + hostile[3:5], labels + ["billing"] * 4)
    results = model.analyse(hostile)
    assert len(results) == len(hostile)
    assert all(0.0 <= r.confidence <= 1.0 for r in results)


def test_emoji_only_training_data_still_learns() -> None:
    texts = ["🙂🙂", "😀🙂", "🙂😀🙂", "😡😡", "😡🤬", "🤬😡😡"] * 3
    labels = ["happy"] * 3 + ["angry"] * 3
    clf = LinearIntentClassifier(embeddings="none").fit(texts, labels * 3)
    assert clf.predict(["🙂🙂🙂", "😡😡😡"]) == ["happy", "angry"]


def test_multi_label_mode() -> None:
    texts, labels = make_examples(per_class=25, classes=["billing", "password", "cancel"])
    multi = [[y] for y in labels]
    texts.append("charged twice on my card and I cannot log in to my account")
    multi.append(["billing", "password"])
    model = train_classifier(texts, multi, multi_label=True, target_precision=0.9)
    (prediction,) = model.predict(["refund the payment on my card, also reset my password"])
    assert set(prediction) <= {"billing", "password"} and "billing" in prediction
    proba = model.predict_proba(["cancel my subscription right away"])
    assert proba.shape == (1, 3) and proba[0, model.labels.index("cancel")] > 0.5
    with pytest.raises(TrainingDataError, match="list of labels"):
        train_classifier(["a", "b"], ["x", "y"], multi_label=True)


def test_accurate_profile_without_torch_says_how_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tandemdesk.understand import embeddings

    embeddings.get_embedder.cache_clear()
    monkeypatch.setitem(sys.modules, "torch", None)  # import torch → ImportError
    texts, labels = make_examples(per_class=5)
    with pytest.raises(MissingExtraError, match=r"pip install 'tandemdesk\[accurate\]'"):
        train_classifier(texts, labels, profile="accurate")
    embeddings.get_embedder.cache_clear()


def test_unknown_profile_and_bad_precision() -> None:
    texts, labels = make_examples(per_class=5)
    with pytest.raises(TrainingDataError, match="unknown profile"):
        train_classifier(texts, labels, profile="turbo")
    with pytest.raises(TrainingDataError, match="target precision"):
        train_classifier(texts, labels, target_precision=1.5)


def test_training_is_reproducible() -> None:
    texts, labels = make_examples(per_class=10)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        a = train_classifier(texts, labels, seed=3)
        b = train_classifier(texts, labels, seed=3)
    probe = ["invoice total is wrong", "where is my parcel"]
    np.testing.assert_array_equal(a.predict_proba(probe), b.predict_proba(probe))
    assert a.training["fingerprint"] == b.training["fingerprint"]
