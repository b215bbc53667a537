"""The promotion gate decides on data neither side was trained on: a candidate that learnt
corrected labels wins, one that learnt garbage loses, an identical one ties (and passes).
Replaced by "always promote" the garbage test fails; by "never promote" the other two do."""

from __future__ import annotations

import random

import pytest

from tandemdesk.learn.gate import Configuration, judge, paired_bootstrap, per_intent

# three intents a bag of words separates; "refund" is the one the active side got wrong
WORDS = {
    "refund": ["refund", "money back", "reimburse", "return my money", "charge back"],
    "delivery": ["parcel", "courier", "tracking", "shipment", "delivery"],
    "password": ["password", "login", "sign in", "reset link", "account locked"],
}
FILLER = ["please", "today", "hello", "thanks", "asap", "again", "my order", "quickly"]
COMPONENT = "intent.linear.v1"
PARAMS = {"embeddings": "none", "seed": 0}


def dataset(n_per_intent: int = 40) -> tuple[list[int], list[str], list[str]]:
    rng = random.Random(3)
    ids, texts, labels = [], [], []
    for intent, words in WORDS.items():
        for i in range(n_per_intent):
            text = f"{rng.choice(FILLER)} {rng.choice(words)} {rng.choice(FILLER)} {i}"
            ids.append(len(ids) + 1)
            texts.append(text)
            labels.append(intent)
    return ids, texts, labels


def configuration(ids: list[int], labels: list[str]) -> Configuration:
    return Configuration(COMPONENT, PARAMS, dict(zip(ids, labels, strict=True)))


def test_a_candidate_trained_on_corrected_labels_is_promoted() -> None:
    ids, texts, truth = dataset()
    # what the active model learnt: most refund requests filed under delivery
    old = ["delivery" if y == "refund" and i % 4 else y for i, y in enumerate(truth)]
    result = judge(ids, texts, truth, configuration(ids, truth), configuration(ids, old), folds=4)
    assert result.promoted, result.reason
    assert result.figures["difference"]["accuracy_ci"][0] > 0  # really better, not a tie
    refund = next(r for r in result.per_intent if r["intent"] == "refund")
    assert refund["candidate"] > refund["active"] + 0.5
    assert result.per_intent[0]["intent"] == "refund"  # biggest change first


def test_a_candidate_trained_on_shuffled_labels_is_not_promoted() -> None:
    ids, texts, truth = dataset()
    garbage = truth[:]
    random.Random(5).shuffle(garbage)
    result = judge(
        ids, texts, truth, configuration(ids, garbage), configuration(ids, truth), folds=4
    )
    assert not result.promoted, result.reason
    assert result.figures["difference"]["accuracy_ci"][1] < 0
    assert "worse" in result.reason


def test_the_same_configuration_on_the_same_labels_ties_and_passes() -> None:
    ids, texts, truth = dataset(20)
    same = configuration(ids, truth)
    result = judge(ids, texts, truth, same, configuration(ids, truth), folds=3)
    assert result.promoted
    assert result.figures["difference"]["accuracy"] == 0
    assert result.figures["difference"]["accuracy_ci"] == [0.0, 0.0]
    assert result.candidate == result.active


def test_the_active_side_learns_only_the_rows_it_had() -> None:
    """New confirmed conversations train only the candidate: rows the active configuration
    has no label for are scored for both sides but never taught to the active one."""
    ids, texts, truth = dataset()
    known = {i: y for i, y in zip(ids, truth, strict=True) if y != "password"}
    active = Configuration(COMPONENT, PARAMS, known)  # it never saw a password request
    result = judge(ids, texts, truth, configuration(ids, truth), active, folds=4)
    password = next(r for r in result.per_intent if r["intent"] == "password")
    assert password["active"] == 0.0 and password["candidate"] > 0.8
    assert result.promoted


def test_bootstrap_interval_contains_the_difference_and_narrows_with_data() -> None:
    rng = random.Random(1)
    truth = [rng.choice("abc") for _ in range(400)]
    better = [y if rng.random() < 0.9 else "a" for y in truth]
    worse = [y if rng.random() < 0.8 else "b" for y in truth]
    small = paired_bootstrap(truth[:80], better[:80], worse[:80], resamples=500)
    large = paired_bootstrap(truth, better, worse, resamples=500)
    for figures in (small, large):
        lo, hi = figures["difference"]["accuracy_ci"]
        assert lo <= figures["difference"]["accuracy"] <= hi
    assert (large["difference"]["accuracy_ci"][1] - large["difference"]["accuracy_ci"][0]) < (
        small["difference"]["accuracy_ci"][1] - small["difference"]["accuracy_ci"][0]
    )
    rows = per_intent(["a", "a", "b"], ["a", "a", "a"], ["b", "a", "b"])
    assert rows == [
        {"intent": "b", "support": 1, "active": 1.0, "candidate": 0.0, "change": -1.0},
        {"intent": "a", "support": 2, "active": 0.5, "candidate": 1.0, "change": 0.5},
    ]


def test_too_few_rows_for_any_fold_is_a_clear_error() -> None:
    from tandemdesk.understand.errors import TrainingDataError

    with pytest.raises(TrainingDataError, match="no fold"):
        judge([1, 2], ["a b", "c d"], ["x", "x"], configuration([1, 2], ["x", "x"]),
              configuration([1, 2], ["x", "x"]), folds=2)  # fmt: skip
