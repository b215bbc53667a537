"""``tandemdesk retrain``: a new model from what people confirmed (imports, corrections,
confirmed resolutions), promoted only when a fair gate says it is not worse.

The gate (``learn/gate.py``) cross-validates both configurations — the candidate on today's
confirmed labels, the active model's on the labels as they were when it was trained — on the
same folds, and compares them on rows neither was trained on, with a paired-bootstrap
confidence interval. The model registered is then trained on all confirmed examples (the
gate measured its recipe; refitting on everything is what the recipe is for), and its
manifest records which labels it learnt (``labels_as_of``, ``through_conversation``) so the
next gate can replay them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from tandemdesk.errors import UnusableInputError
from tandemdesk.learn import model_store
from tandemdesk.learn.examples import Examples, confirmed_examples, confirmed_labels
from tandemdesk.learn.gate import Configuration, judge
from tandemdesk.learn.model_versions import active_version
from tandemdesk.timeutil import utcnow
from tandemdesk.understand import intent_head, registry
from tandemdesk.understand.training import (
    DEFAULT_COMPONENT,
    PROFILES,
    TrainedModel,
    train_classifier,
)
from tandemdesk.workspace import Workspace

FIGURES = ("accuracy", "macro_f1", "ece", "coverage_at_precision")


def label_snapshot(examples: Examples, at: datetime) -> dict[str, Any]:
    """What a model trained now on ``examples`` learnt from: replayed by the next gate."""
    return {"labels_as_of": at.isoformat(),
            "through_conversation": max(examples.conversation_ids, default=0)}  # fmt: skip


def train_from_workspace(
    workspace: Workspace, task: str = "intent", profile: str = "fast", seed: int = 0
) -> tuple[TrainedModel, Examples]:
    """A model on every confirmed example, with the label snapshot in its manifest."""
    at = utcnow()
    examples = _trainable_examples(workspace, task)
    return _train(examples, task, profile, seed, at, _reads_with_encoder(workspace, task)), examples


def _trainable_examples(workspace: Workspace, task: str) -> Examples:
    """Every confirmed example; an error a person can act on when they name fewer than two
    labels (nothing to tell apart). Shared by the demo's first model and ``retrain``."""
    examples = confirmed_examples(workspace, task)
    labels = len(set(examples.labels))
    if labels < 2:
        raise UnusableInputError(
            f"people have confirmed {labels} {task} label(s) in the stored history; need "
            "two or more (import labelled history, correct conversations or confirm intents "
            "when resolving)"
        )
    return examples


def _reads_with_encoder(workspace: Workspace, task: str) -> bool:
    """Whether the model also trains the encoder's head (``intent_head.wanted``)."""
    return intent_head.wanted(workspace.settings.second_opinion, task) is None


def _train(
    examples: Examples, task: str, profile: str, seed: int, at: datetime, encoder_head: bool
) -> TrainedModel:
    """A model on ``examples`` that records what it learnt from (the next gate replays it)."""
    model = train_classifier(examples.texts, examples.labels, task=task, profile=profile,
                             seed=seed, encoder_head=encoder_head)  # fmt: skip
    model.training.update(label_snapshot(examples, at))
    return model


def _active_configuration(workspace: Workspace, task: str, active: TrainedModel) -> Configuration:
    """The active model's component and parameters, learning what it learnt: the labels
    people had confirmed when it was trained (its snapshot; for a model from before
    snapshots, the labels at its version's creation)."""
    version = active_version(workspace, task)
    raw_as_of = active.training.get("labels_as_of")
    as_of = datetime.fromisoformat(raw_as_of) if raw_as_of else (
        version.created_at if version is not None else None)  # fmt: skip
    through = active.training.get("through_conversation")
    labels = confirmed_labels(workspace, task, as_of, int(through) if through else None)
    return Configuration(type(active.component).name, active.component.get_params(), labels)


def _candidate_configuration(examples: Examples, profile: str, seed: int) -> Configuration:
    cls = registry.get("intent", DEFAULT_COMPONENT)
    params = cls(**{**PROFILES[profile], "seed": seed}).get_params()
    labels = dict(zip(examples.conversation_ids, examples.labels, strict=True))
    return Configuration(DEFAULT_COMPONENT, params, labels)


def _summary(metrics: dict[str, Any]) -> dict[str, Any]:
    return {k: metrics[k] for k in FIGURES if k in metrics}


def retrain(
    workspace: Workspace,
    task: str = "intent",
    folds: int = 5,
    seed: int = 0,
    profile: str = "fast",
    margin: float = 0.01,
    level: float = 0.95,
    gate_rows: int = 20_000,
) -> dict[str, Any]:
    """Gate the candidate against the active configuration, then train and register the
    candidate (active only when promoted); returns the gate's figures and the verdict.

    ``gate_rows``: the gate cross-validates on the newest that many confirmed conversations
    (0: all of them); the model registered learns from all."""
    if not 2 <= folds <= 20:
        raise UnusableInputError("--folds must be between 2 and 20")
    if not 0.0 <= margin <= 0.2:
        raise UnusableInputError("--margin must be between 0 and 0.2 (a share, e.g. 0.01)")
    if gate_rows and gate_rows < 100:
        raise UnusableInputError("--gate-rows must be 0 (all) or at least 100")
    if profile not in PROFILES:
        raise UnusableInputError(f"unknown profile {profile!r}; known: {', '.join(PROFILES)}")
    at = utcnow()
    examples = _trainable_examples(workspace, task)
    if len(examples.texts) < 2 * folds:
        raise UnusableInputError(
            f"{len(examples.texts)} confirmed conversations are too few for {folds}-fold "
            "cross-validation; import more history or use fewer --folds"
        )
    active = model_store.load_active(workspace, task)
    gate: dict[str, Any] | None = None
    if active is None:
        promote, reason = True, "no active model yet"
    else:
        # the newest rows at most: ten fold models on 100,000 conversations would take an
        # hour, and both sides are judged on the same rows either way
        rows = slice(-gate_rows, None) if gate_rows else slice(None)
        result = judge(
            examples.conversation_ids[rows],
            examples.texts[rows],
            examples.labels[rows],
            _candidate_configuration(examples, profile, seed),
            _active_configuration(workspace, task, active),
            folds=folds,
            margin=margin,
            level=level,
            seed=seed,
        )
        promote, reason, gate = result.promoted, result.reason, result.to_dict()
    model = _train(examples, task, profile, seed, at, _reads_with_encoder(workspace, task))
    if gate is not None:
        model.training["gate"] = {k: v for k, v in gate.items() if k != "per_intent"}
    version = model_store.register(workspace, model, activate=promote)
    return {
        "task": task,
        "examples": len(examples.texts),
        "candidate": {
            "version": version.version,
            **_summary(model.metrics),
            "encoder_head": model.training.get("encoder_head"),
        },
        "promoted": promote,
        "reason": reason,
        "gate": gate,
    }
