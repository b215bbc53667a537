"""Train a classifier from texts and labels — pure functions, no database.

Why a thin layer over the component: the component knows how to learn; this module knows
what a *usable* training set is (two labels at least, no blank texts, labels of the right
shape), which profile means which parameters, and what a model folder must record to be
audited later (data fingerprint, held-out metrics, the abstention threshold, warnings).
The CLI, the future ``--from-workspace`` path and ``learn`` (retraining) all call
``train_classifier`` with plain lists, wherever the examples came from.
"""

from __future__ import annotations

import logging
import time
import warnings
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np

from tandemdesk.understand import artifacts, registry
from tandemdesk.understand.base import ClassifierComponent, Component, IntentPrediction
from tandemdesk.understand.datafiles import LabelledData, read_labelled_file
from tandemdesk.understand.embeddings import get_embedder
from tandemdesk.understand.errors import ArtifactError, TrainingDataError
from tandemdesk.understand.intent_head import IntentHead, train_head
from tandemdesk.understand.text import is_blank

__all__ = [
    "PROFILES",
    "LabelledData",
    "TrainedModel",
    "load_model",
    "read_labelled_file",
    "train_classifier",
    "validate_examples",
]

Profile = Literal["fast", "accurate"]
DEFAULT_COMPONENT = "intent.linear.v1"
PROFILES: dict[str, dict[str, Any]] = {
    # fast: no torch; TF-IDF + WordLlama static embeddings (BANKING77 ≈ 93.0%, >2k msg/s)
    "fast": {"embeddings": "wordllama", "embedding_weight": 1.5},
    # accurate: the optional torch extra; TF-IDF + MiniLM sentence embeddings
    "accurate": {"embeddings": "minilm", "embedding_weight": 1.5},
}
_SHOWN = 5
_log = logging.getLogger(__name__)


@dataclass
class TrainedModel:
    """A fitted classifier plus what its model folder records about it."""

    component: ClassifierComponent
    task: str
    profile: str
    training: dict[str, Any] = field(default_factory=dict)
    head: IntentHead | None = None
    """The encoder's second opinion (``intent_head``), when trained with ``encoder_head``."""

    @property
    def labels(self) -> list[str]:
        return list(self.component.classes_)

    @property
    def metrics(self) -> dict[str, Any]:
        """Held-out figures measured on training data during ``fit``."""
        return dict(getattr(self.component, "held_out_metrics_", {}))

    @property
    def thresholds(self) -> dict[str, float]:
        """The abstention cut and, when learnt, the novelty at which a text is out of scope."""
        thresholds = {
            "abstain_below": float(getattr(self.component, "threshold_", 0.0)),
            "target_precision": float(getattr(self.component, "target_precision", 0.0)),
        }
        novelty = getattr(self.component, "novelty_", None)
        if novelty is not None:
            thresholds["out_of_scope_novelty_at_least"] = float(novelty.threshold)
        return thresholds

    def analyse(
        self, texts: Sequence[str], vectors: np.ndarray | None = None, rows: Sequence[int] = ()
    ) -> list[IntentPrediction]:
        """Predictions; with ``vectors`` (the encoder's, one per row in ``rows``) and a
        ``head``, those rows read the average of both models (``intent_head``)."""
        if self.head is None or vectors is None or not len(rows):
            return list(self.component.analyse(texts))
        blend = np.full((len(texts), len(self.labels)), np.nan)
        blend[list(rows)] = self.head.proba(vectors)
        return list(self.component.analyse(texts, blend=blend))  # type: ignore[call-arg]

    def predict(self, texts: Sequence[str]) -> list[Any]:
        return self.component.predict(texts)

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        return self.component.predict_proba(texts)

    def save(self, directory: str | Path) -> Path:
        """Write the model folder (see ``artifacts``)."""
        components: dict[str, Component] = {"main": self.component}
        if self.head is not None:
            components["encoder_head"] = self.head
        artifacts.save_model(
            directory,
            components,
            task=self.task,
            labels=self.labels,
            thresholds=self.thresholds,
            metrics={"held_out": self.metrics},
            training={**self.training, "profile": self.profile},
        )
        return Path(directory)


def load_model(directory: str | Path) -> TrainedModel:
    """Read a model folder written by ``TrainedModel.save``."""
    manifest, components = artifacts.load_model(directory, optional=("encoder_head",))
    component = components.get("main")
    if not isinstance(component, ClassifierComponent):
        raise ArtifactError(f"{directory} does not hold a text classifier")
    head = components.get("encoder_head")
    if not isinstance(head, IntentHead):
        head = None
    elif head.classes_ != list(component.classes_):
        _log.error("%s: the encoder head's intents are not the model's; the fast model "
                   "serves alone (retrain to rebuild it)", directory)  # fmt: skip
        head = None
    training = dict(manifest.training)
    profile = str(training.pop("profile", "fast"))
    return TrainedModel(component, manifest.task, profile, training, head)


def _where(indices: list[int]) -> str:
    shown = ", ".join(str(i + 1) for i in indices[:_SHOWN])
    return shown + (" …" if len(indices) > _SHOWN else "")


def validate_examples(texts: Sequence[Any], labels: Sequence[Any], multi_label: bool) -> None:
    """Refuse data no classifier can learn from, naming examples by 1-based position."""
    if len(texts) != len(labels):
        raise TrainingDataError(f"{len(texts)} texts but {len(labels)} labels")
    blank = [i for i, t in enumerate(texts) if not isinstance(t, str) or is_blank(t)]
    if blank:
        raise TrainingDataError(f"{len(blank)} example(s) have an empty text (#{_where(blank)})")
    if multi_label:
        bad = [
            i for i, y in enumerate(labels) if isinstance(y, str) or not isinstance(y, list | tuple)
        ]
        if bad:
            raise TrainingDataError(
                f"multi-label data needs a list of labels per example (#{_where(bad)})"
            )
        distinct = {str(x) for y in labels for x in y}
    else:
        bad = [i for i, y in enumerate(labels) if not isinstance(y, str) or not y.strip()]
        if bad:
            raise TrainingDataError(f"{len(bad)} example(s) have no label (#{_where(bad)})")
        distinct = set(labels)
    if len(distinct) < 2:
        found = f" (only {next(iter(distinct))!r})" if distinct else ""
        raise TrainingDataError(f"need at least two labels to train a classifier{found}")


def _out_of_scope_record(model: ClassifierComponent) -> dict[str, Any] | None:
    """How the out-of-scope threshold was picked and what the simulation measured."""
    novelty = getattr(model, "novelty_", None)
    if novelty is None:
        return None
    return {k: v for k, v in novelty.meta().items() if k != "intercept"}


def train_classifier(
    texts: Sequence[str],
    labels: Sequence[Any],
    task: str = "intent",
    profile: Profile | str = "fast",
    target_precision: float = 0.95,
    multi_label: bool = False,
    seed: int = 0,
    component: str = DEFAULT_COMPONENT,
    encoder_head: bool = False,
    **params: Any,
) -> TrainedModel:
    """Validate, fit (with held-out calibration and threshold), and describe a classifier.

    ``profile`` picks the features (``PROFILES``); ``params`` override component
    parameters (e.g. ``c=1.0``). Warnings raised while fitting (labels with one example)
    are re-emitted and recorded in the model's ``training.warnings``. ``encoder_head``
    also trains the encoder's second opinion (``intent_head``; single-label only), when
    the workspace reads some messages with the encoder (``TANDEMDESK_SECOND_OPINION``).
    """
    if profile not in PROFILES:
        raise TrainingDataError(f"unknown profile {profile!r}; known: {', '.join(PROFILES)}")
    if not 0.0 < target_precision <= 1.0:
        raise TrainingDataError("target precision must be in (0, 1], e.g. 0.95")
    validate_examples(texts, labels, multi_label)
    config = {**PROFILES[profile], **params}
    get_embedder(str(config.get("embeddings", "none")))  # a missing extra fails before fitting
    cls = registry.get("intent", component)
    arguments = {**config, "target_precision": target_precision, "multi_label": multi_label}
    model = cls(**{**arguments, "seed": seed})
    if not isinstance(model, ClassifierComponent):
        raise TrainingDataError(f"{component} is not a trainable classifier")
    started = time.perf_counter()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model.fit(list(texts), list(labels))
    for warning in caught:
        warnings.warn(warning.message, warning.category, stacklevel=2)
    counts = Counter(x for y in labels for x in ([y] if isinstance(y, str) else y))
    training = {
        "fingerprint": artifacts.fingerprint(texts, labels),
        "n_examples": len(texts),
        "n_labels": len(counts),
        "smallest_label": min(counts.values()),
        "multi_label": multi_label,
        "seed": seed,
        "seconds": round(time.perf_counter() - started, 3),
        "threshold_reachable": bool(getattr(model, "threshold_reachable_", True)),
        "out_of_scope": _out_of_scope_record(model),
        "warnings": [str(w.message) for w in caught],
    }
    head = None
    if encoder_head and multi_label:
        training["encoder_head"] = {"trained": False, "why": "a multi-label model has none"}
    elif encoder_head:
        head, training["encoder_head"] = train_head(texts, labels, model.classes_, seed)
    return TrainedModel(model, task, str(profile), training, head)
