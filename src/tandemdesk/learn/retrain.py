"""``tandemdesk retrain``: a new model from the stored history (corrections included), compared
with the active one on a held-out slice, promoted only if it is not worse.

The slice is held out from the candidate's training, so the candidate's figure is honest. The
active model may have seen some of those conversations when it was trained, which can only
flatter it: promotion is therefore conservative — a candidate that wins has really won. The
promoted model is exactly the one that was measured (trained without the slice).
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

from sklearn.model_selection import train_test_split

from tandemdesk.errors import UnusableInputError
from tandemdesk.learn import model_store
from tandemdesk.learn.examples import workspace_examples
from tandemdesk.understand.evaluation import evaluate
from tandemdesk.understand.training import train_classifier
from tandemdesk.workspace import Workspace

FIGURES = ("accuracy", "macro_f1", "ece", "coverage_at_precision")


def _summary(metrics: dict[str, Any]) -> dict[str, Any]:
    return {k: metrics[k] for k in FIGURES if k in metrics}


def retrain(
    workspace: Workspace,
    task: str = "intent",
    holdout: float = 0.2,
    seed: int = 0,
    profile: str = "fast",
) -> dict[str, Any]:
    """Train, compare, maybe promote; returns both models' figures and the verdict."""
    if not 0.05 <= holdout <= 0.5:
        raise UnusableInputError("--holdout must be between 0.05 and 0.5")
    data = workspace_examples(workspace, task)
    counts = Counter(data.labels)
    if len(counts) < 2:
        raise UnusableInputError(f"the stored history has only one {task} label; need two or more")
    held = math.ceil(len(data.texts) * holdout)
    if held < len(counts) or len(data.texts) - held < len(counts):
        raise UnusableInputError(
            f"{len(data.texts)} labelled conversations are too few to hold out "
            f"{holdout:.0%} and still cover all {len(counts)} labels; import more history "
            "or train without comparison (tandemdesk train --from-workspace)"
        )
    stratify = data.labels if min(counts.values()) >= 2 else None
    train_texts, test_texts, train_labels, test_labels = train_test_split(
        data.texts, data.labels, test_size=holdout, random_state=seed, stratify=stratify
    )
    candidate = train_classifier(train_texts, train_labels, task=task, profile=profile, seed=seed)
    candidate_metrics = evaluate(candidate, test_texts, test_labels)
    current = model_store.load_active(workspace, task)
    current_metrics = evaluate(current, test_texts, test_labels) if current is not None else None
    if current_metrics is None:
        promote, reason = True, "no active model yet"
    else:
        gain = candidate_metrics["accuracy"] - current_metrics["accuracy"]
        promote = gain >= 0
        reason = (
            f"the new model is {'not worse' if promote else 'worse'} on the held-out slice "
            f"(accuracy {candidate_metrics['accuracy']:.3f} vs {current_metrics['accuracy']:.3f})"
        )
    version = model_store.register(workspace, candidate, activate=promote)
    return {
        "task": task,
        "examples": len(data.texts),
        "held_out": len(test_texts),
        "candidate": {"version": version.version, **_summary(candidate_metrics)},
        "current": _summary(current_metrics) if current_metrics else None,
        "promoted": promote,
        "reason": reason,
    }
