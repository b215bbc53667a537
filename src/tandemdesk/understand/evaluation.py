"""Measure a trained classifier on labelled texts it has not seen.

Why these figures: ``accuracy`` and ``macro_f1`` compare with published results;
``ece`` says whether a confidence of 0.9 means right 90% of the time; and
``coverage_at_precision`` is the figure ``decide`` lives by — the share of messages that
could be automated while precision stays at 90/95/99%. With an out-of-scope label we also
report what the literature reports for CLINC150-style data: ``in_scope_accuracy`` (an
abstention on an in-scope message is an error) and ``oos_recall`` (an abstention on an
out-of-scope message is a success). All rates are fractions in [0, 1].
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import numpy as np
from sklearn.metrics import f1_score, precision_recall_fscore_support

from tandemdesk.understand import calibration
from tandemdesk.understand.base import IntentPrediction
from tandemdesk.understand.errors import TrainingDataError

TARGETS = (0.90, 0.95, 0.99)


class Analyser(Protocol):
    """Anything with batch ``analyse`` returning ``IntentPrediction`` (model or component)."""

    def analyse(self, texts: Sequence[str]) -> list[IntentPrediction]: ...


@dataclass
class EvaluationResult:
    """The figures plus the per-message arrays a report draws from."""

    metrics: dict[str, Any]
    gold: list[str] = field(default_factory=list)
    predicted: list[str] = field(default_factory=list)
    confidence: np.ndarray = field(default_factory=lambda: np.zeros(0))
    correct: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    labels: list[str] = field(default_factory=list)


def _rates(gold: list[str], predicted: list[str], labels: list[str]) -> dict[str, Any]:
    precision, recall, f1, support = precision_recall_fscore_support(
        gold, predicted, labels=labels, zero_division=0
    )
    return {
        label: {
            "precision": float(p),
            "recall": float(r),
            "f1": float(f),
            "support": int(s),
        }
        for label, p, r, f, s in zip(labels, precision, recall, f1, support, strict=True)
    }


def _multi_label_metrics(
    model: Any, texts: Sequence[str], gold_sets: Sequence[Any]
) -> EvaluationResult:
    started = time.perf_counter()
    predicted_sets = [set(p) for p in model.predict(texts)]
    elapsed = time.perf_counter() - started
    classes = list(model.labels if hasattr(model, "labels") else model.classes_)
    gold = [set(g) for g in gold_sets]
    y_true = np.array([[c in g for c in classes] for g in gold], dtype=int)
    y_pred = np.array([[c in p for c in classes] for p in predicted_sets], dtype=int)
    proba = model.predict_proba(texts)
    metrics = {
        "n": len(texts),
        "multi_label": True,
        "subset_accuracy": float(
            np.mean([p == g for p, g in zip(predicted_sets, gold, strict=True)])
        ),
        "micro_f1": float(f1_score(y_true, y_pred, average="micro", zero_division=0)),
        "macro_f1": float(f1_score(y_true, y_pred, average="macro", zero_division=0)),
        "ece": calibration.expected_calibration_error(proba.ravel(), y_true.ravel().astype(bool)),
        "coverage_at_precision": {
            f"{t:.2f}": calibration.coverage_at_precision(proba.ravel(), y_true.ravel(), t)
            for t in TARGETS
        },
        "messages_per_second": len(texts) / max(elapsed, 1e-9),
    }
    return EvaluationResult(metrics=metrics, labels=classes)


def evaluate_detailed(
    model: Analyser,
    texts: Sequence[str],
    labels: Sequence[Any],
    out_of_scope_label: str | None = None,
) -> EvaluationResult:
    """Like ``evaluate`` but also returns per-message arrays for ``write_report``."""
    if len(texts) != len(labels) or not texts:
        raise TrainingDataError(
            f"evaluation needs the same non-zero number of texts and labels "
            f"({len(texts)} texts, {len(labels)} labels)"
        )
    component = getattr(model, "component", model)
    if getattr(component, "multi_label", False):
        return _multi_label_metrics(model, texts, labels)
    started = time.perf_counter()
    predictions = model.analyse(texts)
    elapsed = time.perf_counter() - started
    gold = [str(y).strip() for y in labels]
    predicted = [p.top_k[0][0] for p in predictions]
    confidence = np.array([p.confidence for p in predictions], dtype=np.float64)
    correct = np.array([p == g for p, g in zip(predicted, gold, strict=True)])
    abstained = np.array([p.abstained for p in predictions])
    known = list(getattr(component, "classes_", sorted(set(predicted))))
    labels_seen = sorted(set(gold) | set(known))
    metrics: dict[str, Any] = {
        "n": len(texts),
        "accuracy": float(correct.mean()),
        "macro_f1": float(
            f1_score(gold, predicted, labels=sorted(set(gold)), average="macro", zero_division=0)
        ),
        "ece": calibration.expected_calibration_error(confidence, correct),
        "coverage_at_precision": {
            f"{t:.2f}": calibration.coverage_at_precision(confidence, correct, t) for t in TARGETS
        },
        "answered_share": float((~abstained).mean()),
        "answered_precision": float(correct[~abstained].mean()) if (~abstained).any() else None,
        "threshold": predictions[0].threshold,
        "unseen_labels": sorted(set(gold) - set(known)),
        "messages_per_second": len(texts) / max(elapsed, 1e-9),
    }
    if out_of_scope_label is not None:
        is_oos = np.array([g == out_of_scope_label for g in gold])
        said_oos = abstained | np.array([p == out_of_scope_label for p in predicted])
        in_scope_ok = correct & ~abstained & ~is_oos
        metrics["in_scope_accuracy"] = (
            float(in_scope_ok.sum() / (~is_oos).sum()) if (~is_oos).any() else None
        )
        metrics["oos_recall"] = float(said_oos[is_oos].mean()) if is_oos.any() else None
    metrics["per_class"] = _rates(gold, predicted, labels_seen)
    return EvaluationResult(metrics, gold, predicted, confidence, correct, labels_seen)


def evaluate(
    model: Analyser,
    texts: Sequence[str],
    labels: Sequence[Any],
    out_of_scope_label: str | None = None,
) -> dict[str, Any]:
    """The figures described in the module docstring, as a JSON-able dict."""
    return evaluate_detailed(model, texts, labels, out_of_scope_label).metrics


def write_report(
    directory: str | Path, result: EvaluationResult, title: str = "Evaluation"
) -> Path:
    """Confusion matrix + coverage–precision PNGs and an offline HTML page; returns its path."""
    from tandemdesk.understand.report import render_report

    return render_report(Path(directory), result, title)
