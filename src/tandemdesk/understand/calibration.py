"""Turn raw classifier scores into honest probabilities, and probabilities into a threshold.

Why: ``decide`` automates a reply only when the intent is right with a known precision. A
linear SVM's margins are not probabilities; a single temperature ``T`` fitted on held-out
scores (``softmax(scores / T)``) fixes their scale without changing the ranking or the
accuracy, and is two numbers in a model folder rather than a pickled calibrator. The
abstention threshold is then the lowest confidence at which held-out precision still meets
the user's target. Held-out always means *training* data the model did not see — never the
test set, which would make the reported figures a promise we cannot keep.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np
from scipy import optimize
from scipy.special import expit, log_softmax, softmax


def assign_folds(labels: Sequence[Any], n_folds: int, seed: int) -> np.ndarray:
    """Stratified fold number per example: each label's examples are dealt round-robin.

    Unlike scikit-learn's stratified splitters this never fails: a label with fewer
    examples than folds simply appears in fewer folds (a warning says it cannot be
    checked on held-out data when it has a single example).
    """
    rng = np.random.default_rng(seed)
    # multi-label examples are stratified by their first label (combinations are too rare)
    keys = np.array([y if isinstance(y, str) else min(map(str, y), default="") for y in labels])
    folds = np.empty(len(keys), dtype=np.int64)
    singles: list[str] = []
    for key in np.unique(keys):
        idx = np.flatnonzero(keys == key)
        rng.shuffle(idx)
        start = int(rng.integers(n_folds))
        folds[idx] = (start + np.arange(len(idx))) % n_folds
        if len(idx) == 1:
            singles.append(str(key))
    if singles:
        shown = ", ".join(singles[:5]) + (" …" if len(singles) > 5 else "")
        warnings.warn(
            f"{len(singles)} label(s) have a single example ({shown}): they cannot be "
            "stratified, so calibration sees them only as unseen labels; add examples",
            UserWarning,
            stacklevel=3,
        )
    return folds


def fit_temperature(scores: np.ndarray, y_index: np.ndarray) -> float:
    """The ``T`` minimising held-out cross-entropy of ``softmax(scores / T)``.

    The targets are smoothed by ``1 / (n + 2)`` (Laplace's rule of succession): after
    ``n`` held-out answers, all right, the most we can claim is ``(n + 1) / (n + 2)``.
    Without it, cleanly separable data drives ``T`` to zero and every confidence to 1.0.
    """
    n, k = scores.shape if scores.ndim == 2 else (0, 0)
    if n == 0 or k < 2:
        return 1.0
    eps = 1.0 / (n + 2)
    targets = np.full((n, k), eps / (k - 1))
    targets[np.arange(n), y_index] = 1.0 - eps

    def loss(log_t: float) -> float:
        return float(-(targets * log_softmax(scores / np.exp(log_t), axis=1)).sum(axis=1).mean())

    result = optimize.minimize_scalar(loss, bounds=(-7.0, 5.0), method="bounded")
    return float(np.exp(result.x))


def softmax_proba(scores: np.ndarray, temperature: float) -> np.ndarray:
    """Calibrated single-label probabilities from scores; rows sum to one."""
    return np.asarray(softmax(scores / temperature, axis=1))


def fit_platt(scores: np.ndarray, targets: np.ndarray) -> tuple[float, float]:
    """Shared sigmoid ``p = expit(a * s + b)`` for one-vs-rest (multi-label) scores."""
    s = scores.ravel().astype(np.float64)
    t = targets.ravel().astype(np.float64)
    if len(s) == 0 or t.min() == t.max():
        return 1.0, 0.0

    def nll(params: np.ndarray) -> float:
        z = params[0] * s + params[1]
        return float(np.mean(np.logaddexp(0.0, z) - t * z))

    result = optimize.minimize(nll, x0=np.array([1.0, 0.0]), method="L-BFGS-B")
    return float(result.x[0]), float(result.x[1])


def sigmoid_proba(scores: np.ndarray, a: float, b: float) -> np.ndarray:
    """Independent per-label probabilities for multi-label models."""
    return np.asarray(expit(a * scores + b))


def _precision_curve(confidence: np.ndarray, correct: np.ndarray) -> tuple[np.ndarray, ...]:
    """Cumulative precision at each cut by descending confidence, at tie-group ends only."""
    order = np.argsort(-confidence, kind="stable")
    conf = confidence[order]
    hits = np.cumsum(correct[order].astype(np.float64))
    counts = np.arange(1, len(conf) + 1)
    group_end = np.append(conf[1:] != conf[:-1], True)  # a threshold cannot split ties
    return conf[group_end], hits[group_end] / counts[group_end], counts[group_end]


def coverage_at_precision(confidence: np.ndarray, correct: np.ndarray, target: float) -> float:
    """Largest share of messages, taken by descending confidence, with precision ≥ target."""
    if len(confidence) == 0:
        return 0.0
    _, precision, counts = _precision_curve(np.asarray(confidence), np.asarray(correct))
    ok = np.flatnonzero(precision >= target - 1e-12)
    return float(counts[ok[-1]] / len(confidence)) if len(ok) else 0.0


def precision_coverage_curve(
    confidence: np.ndarray, correct: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(threshold, precision, coverage) at every distinct confidence, for reports."""
    conf, precision, counts = _precision_curve(np.asarray(confidence), np.asarray(correct))
    return conf, precision, counts / max(len(confidence), 1)


def pick_threshold(
    confidence: np.ndarray, correct: np.ndarray, target: float
) -> tuple[float, bool]:
    """Lowest confidence whose held-out precision (of all at or above it) meets ``target``.

    Returns ``(threshold, reachable)``. When no cut reaches the target the threshold is set
    just above the highest held-out confidence, so the model abstains unless it is more
    sure than it ever was on held-out data, and ``reachable`` is false.
    """
    if len(confidence) == 0:
        return 1.0, False
    conf, precision, _ = _precision_curve(np.asarray(confidence), np.asarray(correct))
    ok = np.flatnonzero(precision >= target - 1e-12)
    if len(ok) == 0:
        return float(min(1.0, np.nextafter(conf[0], np.inf))), False
    return float(conf[ok[-1]]), True


def expected_calibration_error(
    confidence: np.ndarray, correct: np.ndarray, bins: int = 15
) -> float:
    """ECE with equal-width bins: weighted mean |accuracy − confidence| per bin."""
    confidence = np.asarray(confidence, dtype=np.float64)
    correct = np.asarray(correct, dtype=np.float64)
    if len(confidence) == 0:
        return 0.0
    index = np.clip(np.ceil(confidence * bins).astype(int) - 1, 0, bins - 1)
    total = 0.0
    for b in range(bins):
        mask = index == b
        if mask.any():
            total += mask.mean() * abs(confidence[mask].mean() - correct[mask].mean())
    return float(total)


def best_f1_threshold(proba: np.ndarray, truth: np.ndarray) -> float:
    """The cut that maximises F1 of ``proba >= cut`` (midway between neighbouring scores)."""
    if truth.sum() == 0:
        return 1.0
    order = np.argsort(-proba, kind="stable")
    ranked, hits = proba[order], np.cumsum(truth[order].astype(np.float64))
    f1 = 2 * hits / (np.arange(1, len(ranked) + 1) + truth.sum())
    f1[:-1][ranked[1:] == ranked[:-1]] = -1.0  # a cut cannot split tied scores
    i = int(np.argmax(f1))
    return float((ranked[i] + ranked[i + 1]) / 2 if i + 1 < len(ranked) else ranked[i] * 0.999)
