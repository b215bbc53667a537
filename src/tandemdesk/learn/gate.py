"""The promotion gate: is a candidate configuration at least as good as the active one, on
data neither was trained on? Pure (no database): ``retrain`` feeds it the examples.

Why cross-validation of *both* configurations: the active model was trained on most of the
history, so scoring it on any slice of that history flatters it (right after ``init --demo``
the old gate read 0.965 for the active model against 0.900 for a fair candidate, and never
promoted). Here each side is a *configuration* — a component with its parameters, and the
labels it learns from — and both are trained afresh, fold by fold, on the same rows minus
the fold, then scored on the fold with today's confirmed labels. The active configuration
learns the labels as they were when the active model was trained (``learn/examples``:
``as_of``), so what the candidate gains from new corrections is exactly what is measured.
A time split (train before T, test after) was the other choice; it puts the newest
corrections — the reason to retrain — in the test window, where no candidate learns them.

Why a paired bootstrap: both sides are scored on the same messages, so the difference per
message carries the signal and its spread is much narrower than either figure's. The
candidate is promoted when it is *not worse*: the lower end of the confidence interval of
the difference (accuracy and macro-F1) is above ``-margin`` (a non-inferiority test). An
identical configuration on identical labels gives a difference of exactly zero and passes.

Fold models are fitted without the extras that never change the top intent (one
calibration fold instead of five, no out-of-scope model): the gate compares which intent
each side picks, and this keeps it to seconds per fold.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from tandemdesk.understand import registry
from tandemdesk.understand.base import ClassifierComponent
from tandemdesk.understand.calibration import assign_folds
from tandemdesk.understand.errors import TrainingDataError

# what fold models leave out: neither changes which intent scores highest
FOLD_OVERRIDES: dict[str, Any] = {"calibration_folds": 1, "out_of_scope": False}
_CHUNK = 100  # bootstrap resamples drawn at once (bounds memory on large workspaces)


@dataclass(frozen=True)
class Configuration:
    """What is trained: a registered component, its parameters, and the labels it learns
    (conversation id → label; ids not in the map are not in its training data)."""

    component: str
    params: Mapping[str, Any]
    labels: Mapping[int, str]

    def same_training(self, other: Configuration) -> bool:
        return (
            self.component == other.component
            and dict(self.params) == dict(other.params)
            and dict(self.labels) == dict(other.labels)
        )


@dataclass
class GateResult:
    """Out-of-fold predictions of both sides and what they say."""

    truth: list[str]
    candidate: list[str]
    active: list[str]
    folds: int
    promoted: bool
    reason: str
    figures: dict[str, Any] = field(default_factory=dict)
    per_intent: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"folds": self.folds, "promoted": self.promoted, "reason": self.reason,
                "evaluated": len(self.truth), **self.figures,
                "per_intent": self.per_intent}  # fmt: skip


def fold_params(component: str, params: Mapping[str, Any]) -> dict[str, Any]:
    """The parameters a fold model is fitted with (``FOLD_OVERRIDES`` where they apply)."""
    names = set(registry.get("intent", component)().get_params())
    return {**params, **{k: v for k, v in FOLD_OVERRIDES.items() if k in names}}


def _fit_predict(
    config: Configuration, texts: Sequence[str], train: Sequence[int], test: Sequence[int],
    ids: Sequence[int],
) -> list[str] | None:  # fmt: skip
    """Fit ``config`` on rows ``train`` (its labels), predict rows ``test``; None when its
    training rows hold fewer than two labels."""
    rows = [i for i in train if ids[i] in config.labels]
    labels = [config.labels[ids[i]] for i in rows]
    if len(set(labels)) < 2:
        return None
    cls = registry.get("intent", config.component)
    model = cls(**fold_params(config.component, config.params))
    if not isinstance(model, ClassifierComponent):
        raise TrainingDataError(f"{config.component} is not a trainable classifier")
    with warnings.catch_warnings():  # single-example labels: reported when the model is trained
        warnings.simplefilter("ignore", UserWarning)
        model.fit([texts[i] for i in rows], labels)
    classes = np.asarray(model.classes_)
    scores = model.decision_function([texts[i] for i in test])  # type: ignore[attr-defined]
    return [str(c) for c in classes[np.asarray(scores).argmax(axis=1)]]


def cross_validate(
    ids: Sequence[int],
    texts: Sequence[str],
    truth: Sequence[str],
    candidate: Configuration,
    active: Configuration,
    folds: int = 5,
    seed: int = 0,
) -> tuple[list[int], list[str], list[str]]:
    """Rows scored, and each side's out-of-fold prediction for them.

    Every row's fold is fixed once (stratified by ``truth``); for each fold both sides are
    trained on the other folds' rows *they* have labels for, and both predict the fold.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        assigned = assign_folds(list(truth), folds, seed)
    identical = candidate.same_training(active)
    scored: list[int] = []
    by_candidate: list[str] = []
    by_active: list[str] = []
    for fold in range(folds):
        test = np.flatnonzero(assigned == fold).tolist()
        train = np.flatnonzero(assigned != fold).tolist()
        if not test:
            continue
        new = _fit_predict(candidate, texts, train, test, ids)
        old = new if identical else _fit_predict(active, texts, train, test, ids)
        if new is None or old is None:
            continue
        scored += test
        by_candidate += new
        by_active += old
    return scored, by_candidate, by_active


def _macro_f1(
    weights: np.ndarray, gold: np.ndarray, predicted: np.ndarray, k: int, present: np.ndarray
) -> np.ndarray:
    """Macro-F1 per weight row (a resample); classes with no gold and no prediction in the
    resample are left out for both sides alike through ``present``."""
    right = (gold == predicted).astype(np.float64)
    tp = np.stack([weights @ (right * (gold == c)) for c in range(k)], axis=1)
    gold_n = np.stack([weights @ (gold == c) for c in range(k)], axis=1)
    pred_n = np.stack([weights @ (predicted == c) for c in range(k)], axis=1)
    denominator = gold_n + pred_n
    f1 = np.divide(2 * tp, denominator, out=np.zeros_like(tp), where=denominator > 0)
    return np.asarray((f1 * present).sum(axis=1) / np.maximum(present.sum(axis=1), 1))


def paired_bootstrap(
    truth: Sequence[str],
    candidate: Sequence[str],
    active: Sequence[str],
    resamples: int = 2000,
    level: float = 0.95,
    seed: int = 0,
) -> dict[str, Any]:
    """Accuracy and macro-F1 of both sides and the candidate-minus-active difference with a
    ``level`` confidence interval (Poisson bootstrap over messages, both sides resampled
    together)."""
    labels = sorted(set(truth) | set(candidate) | set(active))
    index = {label: i for i, label in enumerate(labels)}
    gold = np.array([index[x] for x in truth])
    new = np.array([index[x] for x in candidate])
    old = np.array([index[x] for x in active])
    k = len(labels)
    rng = np.random.default_rng(seed)
    right_new, right_old = (new == gold) * 1.0, (old == gold) * 1.0
    accuracy: list[np.ndarray] = []
    macro: list[np.ndarray] = []
    for start in range(0, resamples, _CHUNK):
        weights = rng.poisson(1.0, size=(min(_CHUNK, resamples - start), len(gold))) * 1.0
        total = np.maximum(weights.sum(axis=1), 1.0)
        accuracy.append((weights @ right_new - weights @ right_old) / total)
        seen = np.stack(
            [weights @ ((gold == c) | (new == c) | (old == c)) for c in range(k)], axis=1
        ) > 0  # fmt: skip
        macro.append(
            _macro_f1(weights, gold, new, k, seen) - _macro_f1(weights, gold, old, k, seen)
        )
    acc, f1 = np.concatenate(accuracy), np.concatenate(macro)
    tail = (1 - level) / 2 * 100

    def interval(values: np.ndarray) -> list[float]:
        return [round(float(np.percentile(values, tail)), 4),
                round(float(np.percentile(values, 100 - tail)), 4)]  # fmt: skip

    n = max(len(gold), 1)
    ones, everywhere = np.ones((1, len(gold))), np.ones((1, k), dtype=bool)
    f1_new = float(_macro_f1(ones, gold, new, k, everywhere)[0])
    f1_old = float(_macro_f1(ones, gold, old, k, everywhere)[0])
    return {
        "level": level,
        "resamples": resamples,
        "candidate": {"accuracy": round(float((new == gold).sum() / n), 4),
                      "macro_f1": round(f1_new, 4)},
        "active": {"accuracy": round(float((old == gold).sum() / n), 4),
                   "macro_f1": round(f1_old, 4)},
        "difference": {
            "accuracy": round(float(right_new.mean() - right_old.mean()), 4),
            "accuracy_ci": interval(acc),
            "macro_f1": round(f1_new - f1_old, 4), "macro_f1_ci": interval(f1),
        },
    }  # fmt: skip


def per_intent(
    truth: Sequence[str], candidate: Sequence[str], active: Sequence[str]
) -> list[dict[str, Any]]:
    """Per true intent: how many, and the share each side got right (recall), biggest
    changes first."""
    rows: dict[str, list[int]] = {}
    for gold, new, old in zip(truth, candidate, active, strict=True):
        counts = rows.setdefault(gold, [0, 0, 0])
        counts[0] += 1
        counts[1] += new == gold
        counts[2] += old == gold
    result = [
        {"intent": intent, "support": n, "active": round(old / n, 4),
         "candidate": round(new / n, 4), "change": round((new - old) / n, 4)}
        for intent, (n, new, old) in rows.items()
    ]  # fmt: skip
    return sorted(result, key=lambda r: (-abs(r["change"]), r["intent"]))


def judge(
    ids: Sequence[int],
    texts: Sequence[str],
    truth: Sequence[str],
    candidate: Configuration,
    active: Configuration,
    folds: int = 5,
    margin: float = 0.01,
    level: float = 0.95,
    seed: int = 0,
) -> GateResult:
    """Cross-validate both sides and decide: promote when neither the accuracy nor the
    macro-F1 difference can be worse than ``-margin`` at ``level`` confidence."""
    scored, new, old = cross_validate(ids, texts, truth, candidate, active, folds, seed)
    gold = [truth[i] for i in scored]
    if not gold:
        raise TrainingDataError("no fold had two labels on both sides to compare")
    figures = paired_bootstrap(gold, new, old, level=level, seed=seed)
    diff = figures["difference"]
    worst = min(diff["accuracy_ci"][0], diff["macro_f1_ci"][0])
    promoted = worst >= -margin
    verdict = "not worse" if promoted else "worse"
    reason = (
        f"the candidate is {verdict} on {len(gold):,} messages neither side was trained on "
        f"({folds}-fold cross-validation of both): accuracy {figures['candidate']['accuracy']:.3f} "
        f"vs {figures['active']['accuracy']:.3f}, difference {diff['accuracy']:+.3f} "
        f"[{diff['accuracy_ci'][0]:+.3f}, {diff['accuracy_ci'][1]:+.3f}]; macro-F1 "
        f"{diff['macro_f1']:+.3f} [{diff['macro_f1_ci'][0]:+.3f}, {diff['macro_f1_ci'][1]:+.3f}] "
        f"({level:.0%} interval, margin {margin:.3f})"
    )
    figures["margin"] = margin
    return GateResult(gold, new, old, folds, promoted, reason, figures, per_intent(gold, new, old))
