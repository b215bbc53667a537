"""The contract every understand component follows, and the values they return.

Why scikit-learn's contract (``__init__`` only stores parameters, ``fit`` returns ``self``,
learned state ends in ``_``, batch-first ``predict``): one shared test can then fit, save,
reload and compare *every* registered component, and training, evaluation and the pipeline
treat a rule set, a regex scanner and a linear model the same way.

Why ``get_state``/``set_state`` instead of pickling: a model folder is something users
send each other; it must not be able to run code when opened. A component therefore
describes its learned state as plain numpy arrays (saved with ``numpy.savez``, loaded with
``allow_pickle=False``) plus JSON, and ``artifacts`` writes and verifies the folder.

Outputs: ``predict`` gives one plain, comparable value per text (a label, a language code, a
tuple of spans) so tests and evaluation can compare them; ``analyse`` gives the rich frozen
value objects below (``IntentPrediction``, ``Score``, ``Evidence``) that ``decide`` reads and
explanations quote.
"""

from __future__ import annotations

import inspect
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Self

import numpy as np

from tandemdesk.understand.errors import NotFittedError

Label = str
"""A class label as it appears in the training data (intent name, emotion, ``"oos"``)."""


# --------------------------------------------------------------------------- value objects


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why a component said what it said: a rule that fired, a span found, a model output.

    ``source`` is a dotted, stable identifier (``"rule.all_caps"``, ``"pattern.iban"``,
    ``"model.intent.linear.v1"``) that analysts can group by; ``detail`` is for humans.
    ``start``/``end`` are character offsets into the text the component saw, when the
    evidence is a span; ``text`` is that span (components may redact it, e.g. PII).
    """

    source: str
    detail: str = ""
    start: int | None = None
    end: int | None = None
    text: str | None = None
    weight: float | None = None


@dataclass(frozen=True, slots=True)
class Score:
    """A scalar judgement of one aspect of a message (urgency, distress, abuse, language).

    ``value`` is in [0, 1] (a calibrated probability where the component can give one, else
    a documented monotone score); ``label`` is the category it belongs to (``"high"``,
    ``"anger"``, ``"en"``), ``None`` when nothing was detected. ``abstained`` means the
    component could not judge (empty text, unknown script) — not the same as a low score.
    """

    kind: str
    label: Label | None
    value: float
    evidence: tuple[Evidence, ...] = ()
    abstained: bool = False


@dataclass(frozen=True, slots=True)
class IntentPrediction:
    """What a message asks for, with the confidence ``decide`` needs to automate or not.

    ``label`` is ``None`` exactly when ``abstained`` is true: the top probability was under
    the threshold picked on held-out training data for the target precision. ``top_k`` is
    always filled (best first) so a person can see the candidates even on abstention.
    ``secondary`` is a second intent when the message seems to ask two things (multi-clause
    text and a high second probability, or a multi-label model).
    ``out_of_scope`` means the message asks for none of the model's intents (no content, or
    a ``novelty`` in [0, 1] at or above the threshold learnt from held-out intents); then
    ``label`` is ``None`` and ``abstained`` is true, and ``top_k`` still lists candidates.
    ``novelty`` is ``None`` for models trained without out-of-scope detection.
    ``read_from`` is the sentence the label was read from when the whole message was unsure
    but one of its sentences was not (a long e-mail whose story buries its one request);
    ``None`` when the whole message was read.
    ``other_business`` is the other company a message asks about ("my Monzo app", "mi
    pedido de Rappi"; ``other_business.named_business``); such a message is out of scope.
    """

    label: Label | None
    confidence: float
    top_k: tuple[tuple[Label, float], ...]
    abstained: bool
    secondary: Label | None = None
    threshold: float | None = None
    out_of_scope: bool = False
    novelty: float | None = None
    read_from: str | None = None
    other_business: str | None = None


@dataclass(slots=True)
class ComponentState:
    """Learned state as safe-to-load data: named numpy arrays plus JSON-able metadata.

    Arrays must not have ``dtype=object`` (they could not be loaded without pickle);
    vocabularies and label lists belong in ``meta``.
    """

    arrays: dict[str, np.ndarray] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)


# --------------------------------------------------------------------------- components


_EXAMPLE_TEXTS: tuple[tuple[str, Label], ...] = (
    ("I was charged twice for my order", "billing"),
    ("Why is there an extra fee on my invoice?", "billing"),
    ("Please refund the duplicate payment", "billing"),
    ("My card was billed the wrong amount", "billing"),
    ("The invoice total is wrong", "billing"),
    ("Can I get my money back for this charge?", "billing"),
    ("Where is my parcel? It has not arrived", "delivery"),
    ("The package tracking has not updated for a week", "delivery"),
    ("My delivery is late again", "delivery"),
    ("The courier left my parcel at the wrong address", "delivery"),
    ("When will my order be shipped?", "delivery"),
    ("The parcel never arrived, where is it?", "delivery"),
)


class Component(ABC):
    """Base of all understand components (intent, emotion, urgency, language, abuse, PII).

    Subclasses are registered with ``@register(kind, name)`` (see ``registry``), which sets
    ``kind`` and ``name``. ``__init__`` must only store its keyword arguments under the same
    names (``get_params`` reads them back), so a component can be rebuilt from its manifest.
    Rule-based components still implement ``fit`` (validate, set e.g. ``rules_``) so the
    shared contract holds.
    """

    kind: ClassVar[str] = ""
    name: ClassVar[str] = ""

    # ---- parameters (scikit-learn style)
    @classmethod
    def _param_names(cls) -> list[str]:
        signature = inspect.signature(cls.__init__)
        return [
            p.name
            for p in signature.parameters.values()
            if p.name != "self" and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
        ]

    def get_params(self) -> dict[str, Any]:
        """The constructor arguments, read back from attributes of the same name."""
        return {name: getattr(self, name) for name in self._param_names()}

    def set_params(self, **params: Any) -> Self:
        """Change constructor arguments (before ``fit``); unknown names are a bug."""
        valid = set(self._param_names())
        for key, value in params.items():
            if key not in valid:
                raise ValueError(f"{type(self).__name__} has no parameter {key!r}")
            setattr(self, key, value)
        return self

    # ---- learning and predicting
    @abstractmethod
    def fit(self, texts: Sequence[str], labels: Sequence[Any] | None = None) -> Self:
        """Learn from labelled texts (or validate configuration) and return ``self``."""

    @abstractmethod
    def predict(self, texts: Sequence[str]) -> list[Any]:
        """One plain, comparable output per text (label, code, tuple of spans)."""

    def analyse(self, texts: Sequence[str]) -> list[Any]:
        """One rich value object per text (``IntentPrediction``, ``Score`` …).

        Defaults to ``predict``; components override to attach confidence and evidence.
        """
        return self.predict(texts)

    @property
    def is_fitted(self) -> bool:
        """True once ``fit`` or ``load`` set learned state (attributes ending in ``_``)."""
        return any(k.endswith("_") and not k.startswith("__") for k in vars(self))

    def _check_fitted(self) -> None:
        if not self.is_fitted:
            raise NotFittedError(
                f"{self.name or type(self).__name__} is not trained yet: call fit() or load()"
            )

    # ---- safe persistence
    @abstractmethod
    def get_state(self) -> ComponentState:
        """Learned state as arrays + JSON (see ``ComponentState``)."""

    @abstractmethod
    def set_state(self, state: ComponentState) -> None:
        """Restore learned state written by ``get_state`` (parameters are already set)."""

    def save(self, directory: str | Path, **manifest: Any) -> Path:
        """Write this component as a model folder; ``manifest`` adds e.g. ``metrics``."""
        from tandemdesk.understand import artifacts

        artifacts.save_model(directory, {"main": self}, **manifest)
        return Path(directory)

    @classmethod
    def load(cls, directory: str | Path) -> Self:
        """Read a model folder written by ``save`` (raises ``ArtifactError`` if unusable)."""
        from tandemdesk.understand import artifacts

        _, components = artifacts.load_model(directory)
        component = components.get("main") or next(iter(components.values()), None)
        if not isinstance(component, cls):
            from tandemdesk.understand.errors import ArtifactError

            raise ArtifactError(f"{directory} holds {type(component).__name__}, not {cls.__name__}")
        return component

    # ---- the shared contract test uses this
    @classmethod
    def example_data(cls) -> tuple[list[str], list[Any]]:
        """A tiny labelled set that ``fit`` accepts; components override to suit their kind."""
        return [t for t, _ in _EXAMPLE_TEXTS], [label for _, label in _EXAMPLE_TEXTS]


class ClassifierComponent(Component):
    """A component that returns calibrated class probabilities over ``classes_``."""

    classes_: list[Label]

    @abstractmethod
    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """Shape ``(len(texts), len(classes_))``; rows sum to 1 (single-label)."""

    def predict(self, texts: Sequence[str]) -> list[Any]:
        proba = self.predict_proba(texts)
        return [self.classes_[i] for i in np.argmax(proba, axis=1)]
