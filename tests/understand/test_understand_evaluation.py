"""Evaluation figures are right on hand-checked cases, and the report works offline."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from understand_synthetic import make_examples

from tandemdesk.understand import calibration
from tandemdesk.understand.errors import TrainingDataError
from tandemdesk.understand.evaluation import evaluate, evaluate_detailed, write_report
from tandemdesk.understand.training import TrainedModel, train_classifier


def test_coverage_at_precision_by_hand() -> None:
    confidence = np.array([0.99, 0.95, 0.90, 0.80, 0.70, 0.60, 0.50, 0.40, 0.30, 0.20])
    correct = np.array([1, 1, 1, 1, 0, 1, 1, 0, 0, 0], dtype=bool)
    # precision of the top k: 1, 1, 1, 1, .8, .833, .857, .75, .667, .6
    assert calibration.coverage_at_precision(confidence, correct, 0.99) == 0.4
    assert calibration.coverage_at_precision(confidence, correct, 0.85) == 0.7
    assert calibration.coverage_at_precision(confidence, correct, 0.5) == 1.0
    assert calibration.pick_threshold(confidence, correct, 0.85) == (0.5, True)
    assert calibration.coverage_at_precision(confidence[4:5], correct[4:5], 0.9) == 0.0
    threshold, reachable = calibration.pick_threshold(confidence[4:5], correct[4:5], 0.9)
    assert not reachable and threshold > 0.7


def test_ties_are_never_split() -> None:
    confidence = np.array([0.9, 0.9, 0.9, 0.5])
    correct = np.array([1, 1, 0, 1], dtype=bool)
    assert calibration.coverage_at_precision(confidence, correct, 0.99) == 0.0
    assert calibration.coverage_at_precision(confidence, correct, 0.6) == 1.0


def test_expected_calibration_error_by_hand() -> None:
    confidence = np.array([0.95, 0.95, 0.55, 0.55])
    correct = np.array([1, 1, 1, 0], dtype=bool)
    # bin (0.933, 1]: |0.95 - 1| * 1/2 ; bin (0.533, 0.6]: |0.55 - 0.5| * 1/2
    assert calibration.expected_calibration_error(confidence, correct) == pytest.approx(0.05)


@pytest.fixture(scope="module")
def model() -> TrainedModel:
    texts, labels = make_examples(per_class=25, classes=["billing", "delivery", "password"])
    return train_classifier(texts, labels, target_precision=0.95)


def test_evaluate_reports_rates_in_unit_interval(model: TrainedModel) -> None:
    texts, labels = make_examples(per_class=15, seed=5, classes=["billing", "delivery", "password"])
    metrics = evaluate(model, texts, labels)
    assert metrics["n"] == 45
    assert metrics["accuracy"] >= 0.9
    for key in ("accuracy", "macro_f1", "ece", "answered_share"):
        assert 0.0 <= metrics[key] <= 1.0
    assert set(metrics["coverage_at_precision"]) == {"0.90", "0.95", "0.99"}
    assert metrics["per_class"]["billing"]["support"] == 15
    assert metrics["messages_per_second"] > 0
    assert metrics["unseen_labels"] == []


def test_out_of_scope_metrics(model: TrainedModel) -> None:
    texts, labels = make_examples(per_class=10, seed=6, classes=["billing", "cancel"])
    # "cancel" was never trained: call it out of scope; it should mostly be abstained on
    labels = ["oos" if y == "cancel" else y for y in labels]
    detailed = evaluate_detailed(model, texts, labels, out_of_scope_label="oos")
    metrics = detailed.metrics
    predictions = model.analyse(texts)
    is_oos = np.array([y == "oos" for y in labels])
    abstained = np.array([p.abstained for p in predictions])
    assert metrics["oos_recall"] == pytest.approx(abstained[is_oos].mean())
    ok = [p.label == y for p, y in zip(predictions, labels, strict=True)]
    assert metrics["in_scope_accuracy"] == pytest.approx(np.mean(np.array(ok)[~is_oos]))
    assert metrics["oos_recall"] >= 0.5
    assert metrics["unseen_labels"] == ["oos"]


def test_report_is_offline_html_with_relative_images(model: TrainedModel, tmp_path: Path) -> None:
    texts, labels = make_examples(per_class=8, seed=7, classes=["billing", "delivery", "password"])
    result = evaluate_detailed(model, texts, labels)
    page = write_report(tmp_path / "report", result, title="<b>test</b>")
    html = page.read_text()
    images = re.findall(r'<img src="([^"]+)"', html)
    assert sorted(images) == ["confusion_matrix.png", "coverage_precision.png"]
    for image in images:
        assert (page.parent / image).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "http://" not in html and "https://" not in html
    assert "&lt;b&gt;test&lt;/b&gt;" in html  # escaped


def test_mismatched_lengths_are_an_error(model: TrainedModel) -> None:
    with pytest.raises(TrainingDataError):
        evaluate(model, ["a", "b"], ["billing"])


def test_multi_label_evaluation() -> None:
    texts, labels = make_examples(per_class=20, classes=["billing", "password", "cancel"])
    model = train_classifier(texts, [[y] for y in labels], multi_label=True)
    test_texts, test_labels = make_examples(per_class=5, seed=8, classes=["billing", "cancel"])
    test_texts.append("I was charged twice on my card and I forgot my password")
    test_labels.append("billing|password")
    gold = [y.split("|") for y in test_labels]
    metrics = evaluate(model, test_texts, gold)
    assert metrics["multi_label"] is True and metrics["n"] == 11
    assert metrics["subset_accuracy"] >= 0.8
    assert 0.0 <= metrics["micro_f1"] <= 1.0 and metrics["micro_f1"] >= 0.8
