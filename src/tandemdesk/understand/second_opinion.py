"""A second opinion on distress, from a multilingual encoder, where the fast model is weakest.

Why: the fast distress model (``emotion``: TF-IDF heads) is trained on words; outside
English it sees few of them, so a German message full of despair could score as calm.
This component encodes the message with multilingual-e5-small (``encoder``) and reads
distress from the vector with one logistic *head* trained on the same pooled en/de/fr/es
labels as the fast model; the message's learned distress becomes the mean of the head's
and the fast model's. The cue lexicon still adds its noisy-OR on top, and the reading's
evidence names the encoder's part.

Which messages: by ``scope`` (``TANDEMDESK_SECOND_OPINION``) — ``off`` (the default),
``other_languages`` (every message detected in a language other than English) or ``all``.
Why off by default: the encoder costs 20–60 ms a message on 2 cores against ~0.3 ms for
all the fast models together; on the demo's traffic (40% not English) ``other_languages``
took live handling from 88 to 52 messages/s one by one and from 342 to 31 in bursts
(``bench/orchestrator.py``), and issue 13 bounds the live path's slowdown at 10%. A shop
whose traffic is far below that (most are: a million conversations a year is a message
every 30 seconds) should turn it on; the figures per language are in
``bench/emotion_multilingual.py``.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Self

import numpy as np
from scipy.special import expit

from tandemdesk.understand import emotion
from tandemdesk.understand.base import Component, ComponentState, Evidence, Score
from tandemdesk.understand.encoder import (
    DIM,
    ENCODER_NAME,
    Encoder,
    encode_or_refuse,
    shared_encoder,
)
from tandemdesk.understand.errors import ArtifactError, TrainingDataError
from tandemdesk.understand.registry import register

SCOPES = ("other_languages", "all", "off")
_log = logging.getLogger(__name__)
DEFAULT_MODEL_DIR = "default_models/second_opinion"
_SOURCE = "model.second_opinion.e5"
_DETAIL = (
    f"distress read again by a multilingual encoder ({ENCODER_NAME}), averaged with the "
    "fast model's"
)


def scope_from_environment() -> str:
    """``TANDEMDESK_SECOND_OPINION`` (see ``SCOPES``); an unknown value is an error."""
    scope = os.environ.get("TANDEMDESK_SECOND_OPINION", "off").strip().lower()
    if scope not in SCOPES:
        raise ValueError(f"TANDEMDESK_SECOND_OPINION={scope!r}: use one of {', '.join(SCOPES)}")
    return scope


def chosen_rows(languages: Sequence[Score], scope: str) -> list[int]:
    """The rows the encoder reads: by ``scope``; ``other_languages`` keeps every row in a
    detected language other than English (an undetermined one is too short to be worth
    ~20 ms: "ok", "👍", an order number)."""
    if scope == "off":
        return []
    if scope == "all":
        return list(range(len(languages)))
    return [i for i, lang in enumerate(languages) if lang.label not in (None, "en")]


@register("second_opinion", "second_opinion.e5.v1")
class SecondOpinion(Component):
    """Distress from encoder vectors (the ``head``), averaged with the fast model's score.

    ``fit(texts, labels)`` encodes the texts; ``fit_vectors`` trains from vectors already
    computed (the build encodes in batches and reports progress). ``labels`` are 0/1
    distress. Why an equal average and not a learnt stacker: the fast model has seen every
    pooled row in training, so its scores there are surer than on new text, and a stacker
    fitted on them trusted it too much (BRIGHTER test de 0.83 against 0.87 for the average,
    XED fr 0.69 against 0.74 — ``bench/emotion_multilingual.py``'s data).
    """

    def __init__(self, c: float = 1.0) -> None:
        self.c = c

    # ------------------------------------------------------------------ training
    def fit(self, texts: Sequence[str], labels: Sequence[Any] | None = None) -> Self:
        if labels is None or len(labels) != len(texts) or not texts:
            raise TrainingDataError("the second opinion needs one 0/1 distress label per text")
        vectors = encode_or_refuse(texts, "to train the second opinion")
        return self.fit_vectors(vectors, np.asarray(labels, dtype=int))

    def fit_vectors(
        self, vectors: np.ndarray, y: np.ndarray, weight: np.ndarray | None = None
    ) -> Self:
        """The head: one logistic regression from the vectors to distress."""
        from sklearn.linear_model import LogisticRegression

        y = np.asarray(y, dtype=int)
        if len(set(y.tolist())) < 2:
            raise TrainingDataError("the second opinion needs distressed and calm examples")
        head = LogisticRegression(C=self.c, max_iter=3000)
        head.fit(vectors, y, sample_weight=weight)
        self.head_ = head.coef_[0].astype(np.float32)
        self.head_bias_ = float(head.intercept_[0])
        return self

    # ------------------------------------------------------------------ predicting
    def combine(self, vectors: np.ndarray, fast: np.ndarray) -> np.ndarray:
        """Per row: the mean of the head's distress probability and the fast score."""
        self._check_fitted()
        head = expit(vectors.astype(np.float64) @ self.head_ + self.head_bias_)
        return np.asarray((head + np.asarray(fast, dtype=np.float64)) / 2.0)

    def predict(self, texts: Sequence[str]) -> list[Any]:
        """Distress probabilities for every text (the encoder reads them all)."""
        return [float(p) for p in self.distress(texts, scope="all")]

    def analyse(self, texts: Sequence[str]) -> list[Any]:
        return [Score("distress", None, float(p), ()) for p in self.predict(texts)]

    def distress(self, texts: Sequence[str], scope: str = "all") -> np.ndarray:
        """Whole distress (cues included) as the pipeline would give it, for benchmarks.

        ``scope`` picks the rows as in the pipeline (languages detected here)."""
        from tandemdesk.understand.language import LanguageDetector

        readings = emotion.default_model().analyse(texts)
        rows = chosen_rows(LanguageDetector().fit([]).analyse(texts), scope)
        revised = self.revise(texts, readings, rows)
        return np.array([reading.distress for reading in revised])

    def revise(
        self,
        texts: Sequence[str],
        readings: Sequence[emotion.EmotionReading],
        rows: Sequence[int],
        encoder: Encoder | None = None,
        vectors: np.ndarray | None = None,
    ) -> list[emotion.EmotionReading]:
        """``readings`` with the chosen ``rows``' distress re-read; the others unchanged.

        ``vectors``: the rows' encodings when the caller has them (the pipeline encodes
        once for distress and intent), else they are encoded here. Without an encoder (it
        failed to load) or when encoding fails, the readings stand as they are (logged): a
        second opinion never costs a message its first."""
        out = list(readings)
        if vectors is None:
            vectors = encode_rows(texts, rows, encoder)
        if not rows or vectors is None:
            return out
        fast = np.array([emotion.learned_part(out[i]) for i in rows])
        combined = self.combine(vectors, fast)
        for i, value in zip(rows, combined.tolist(), strict=True):
            evidence = Evidence(_SOURCE, _DETAIL, weight=round(value, 4))
            out[i] = emotion.with_learned(out[i], value, evidence)
        return out

    # ------------------------------------------------------------------ persistence
    def get_state(self) -> ComponentState:
        self._check_fitted()
        return ComponentState(
            arrays={"head": self.head_},
            meta={"encoder": ENCODER_NAME, "dim": DIM, "head_bias": self.head_bias_},
        )

    def set_state(self, state: ComponentState) -> None:
        if state.meta.get("encoder") != ENCODER_NAME or int(state.meta.get("dim", 0)) != DIM:
            raise ArtifactError(
                f"this second opinion was trained on encoder {state.meta.get('encoder')!r}, "
                f"not {ENCODER_NAME!r}: rebuild it"
            )
        head = np.asarray(state.arrays["head"], dtype=np.float32)
        if head.shape != (DIM,) or not np.isfinite(head).all():
            raise ArtifactError(f"the second opinion's head {head.shape} is damaged")
        self.head_ = head
        self.head_bias_ = float(state.meta["head_bias"])

    @classmethod
    def example_data(cls) -> tuple[list[str], list[Any]]:
        texts, labels = emotion.EmotionClassifier.example_data()
        negative = set(emotion.NEGATIVE_EMOTIONS)
        return texts, [int(bool(negative & set(label))) for label in labels]


def encode_rows(
    texts: Sequence[str], rows: Sequence[int], encoder: Encoder | None = None
) -> np.ndarray | None:
    """The encoder's vectors of ``texts[rows]``; ``None`` when there are no rows, no
    encoder (it failed to load) or encoding fails (logged): the fast models then stand."""
    encoder = encoder or (shared_encoder() if rows else None)
    if not rows or encoder is None:
        return None
    try:
        return encoder.encode([texts[i] for i in rows])
    except Exception as e:  # the C engine's failure is not the message's
        _log.error("the encoder failed on %d messages, fast models only: %s", len(rows), e)
        return None


@lru_cache(maxsize=1)
def default_model() -> SecondOpinion | None:
    """The second opinion shipped inside the package; ``None`` (logged) when it is missing or
    unreadable, so the fast models' distress stands instead of the server not starting."""
    folder = Path(str(resources.files("tandemdesk.understand"))) / DEFAULT_MODEL_DIR
    try:
        return SecondOpinion.load(folder)
    except (ArtifactError, OSError, ValueError, KeyError) as e:
        _log.error("the second opinion in %s cannot be loaded, fast models only: %s", folder, e)
        return None


__all__ = [
    "SCOPES",
    "SecondOpinion",
    "chosen_rows",
    "default_model",
    "encode_rows",
    "scope_from_environment",
]
