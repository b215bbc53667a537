"""Abuse toward agents in en/de/fr/es: threats, insults, harassment, condescension.

Why this exists: agents' wellbeing is part of the job. A policy can route an abusive message
to a senior agent, blur it, or count it in wellbeing insights; every such action must be
explainable, so the score comes with the phrases and the model output behind it.

Why a model *and* a lexicon: the lexicon (``abuse_lexicon``) explains — "matched 'I know
where you live' (threat)" — but only knows the phrases it lists; the model (logistic
regression on TF-IDF word and character n-grams) generalises to wordings nobody listed and,
through character n-grams shared across languages plus our own Spanish examples, to Spanish,
for which no open abuse training set exists. It is trained on tweets (Davidson, en),
GermEval 2018 (de), MLMA (fr), calm text (XED subtitles, BANKING77 train) and our own
support-desk examples in four languages (``data/abuse_support.jsonl``, weighted up: they
are the only rows that look like abuse *of staff*).

Both read the text ``obfuscation.reveal`` returns, so "f***", "1d10t", "i d i o t",
zero-width characters and missing accents don't hide a word.

How they combine: the model's probability ``p`` is mapped so that ``model_threshold``
(picked on held-out training data by the build) becomes 0.5, and that contribution is
noisy-OR'd with the lexicon's. Swearing about a situation ("this f***ing parcel") is not
abuse of staff, and tweet-trained models score it high; so when a message addresses nobody
(no "you", no staff member, no directed lexicon match) the model's contribution is scaled
by ``undirected_weight`` and cannot flag it alone. Undirected profanity has its own
near-zero lexicon weight.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Self

import numpy as np
from scipy.special import expit

from tandemdesk.understand.abuse_lexicon import DEFAULT_LEXICON, LEXICON, lexicon_score
from tandemdesk.understand.base import ClassifierComponent, ComponentState, Evidence, Score
from tandemdesk.understand.errors import TrainingDataError
from tandemdesk.understand.features import TextFeatures
from tandemdesk.understand.obfuscation import Revealed, reveal
from tandemdesk.understand.registry import register
from tandemdesk.understand.text import DEFAULT_MAX_CHARS, prepare_text

__all__ = [
    "LEXICON",
    "AbuseDetector",
    "default_model",
    "lexicon_evidence",
    "lexicon_score",
    "normalise",
]

DEFAULT_MODEL_DIR = "default_models/abuse"
CLASSES: list[str] = ["ok", "abusive"]
DIRECTED = frozenset({"threat", "harassment", "insult", "condescension"})
# Someone the message speaks to or about: a person pronoun, a staff noun (matched on the
# revealed, accent-folded text). Spanish often drops "tú"; its verbs are left to the lexicon.
# Not English "ya" (you): it is Spanish "already", and made 57 Spanish texts of the fixtures
# "aimed at someone" ("dónde anda el pinche paquete? ya lo mandaron": flagged abusive).
_ADDRESSEE_WORDS = (
    r"you|your|yours|yourself|yourselves|u|ur|youre|y'all|he|she|him|her"
    r"|du|dich|dir|dein\w*|sie|ihnen|ihr|euch|euer\w*|eure\w*"
    r"|tu|te|toi|ton|ta|tes|t'\w+|vous|votre|vos|elle|lui"
    r"|ti|tus|usted(?:es)?|vosotr[oa]s|os|vuestr[oa]s?|contigo|eres|sois|ella"
    r"|agents?|staff|employees?|colleagues?|manager|rep|operators?|people|guys?|lady|woman|girl"
    r"|mitarbeiter\w*|kolleg\w*|berater\w*|herr|frau|dame|typen?|kerl|tussi|hotline"
    r"|conseill\w*|employes?|madame|monsieur"
    r"|agentes?|emplead[oa]s?|chic[oa]|senora?|tio|tia"
)


def _by_first_letter(words: str) -> re.Pattern[str]:
    """``\\b(?:w1|w2|…)\\b``, case-insensitive, its alternatives grouped by first letter.

    Why: most messages name nobody, and ``re`` then tried all ~80 alternatives at every
    word boundary (case-insensitively it cannot skip one by its first letter): 11 us of
    every message's abuse reading. Grouped, it tries one per letter (3.7 us). ``x(?:a|b)``
    matches what ``xa|xb`` does, so whether the text has a match is unchanged (the only use).
    """
    groups: dict[str, list[str]] = {}
    for word in words.split("|"):
        groups.setdefault(word[0], []).append(word[1:])
    body = "|".join(f"{re.escape(first)}(?:{'|'.join(rest)})" for first, rest in groups.items())
    return re.compile(rf"\b(?:{body})\b", re.IGNORECASE)


_ADDRESSEE = _by_first_letter(_ADDRESSEE_WORDS)


def normalise(text: str) -> str:
    """Undo tweet/HTML noise so tweets and support messages look alike to the model."""
    text = html.unescape(text)
    text = re.sub(r"https?://\S+", " ", text)
    text = re.sub(r"@\w+", "@user", text)
    return re.sub(r"\bRT\b:?", " ", text)


_COMPILED = DEFAULT_LEXICON.compiled
_FILTERS = DEFAULT_LEXICON.filters  # module-level so a test can swap in the full scan


def lexicon_evidence(text: str) -> list[Evidence]:
    """Every lexicon match in ``text`` (disguises undone), spans indexing ``text``."""
    return DEFAULT_LEXICON.evidence(reveal(text), text, _FILTERS)


def _as_abusive(label: Any) -> int:
    """1 for abusive/offensive/hate labels (or truthy numbers), 0 for ok/neither/none."""
    text = str(label).strip().lower()
    if text in {"1", "true", "abusive", "offensive", "hate", "abuse", "yes"}:
        return 1
    if text in {"0", "false", "ok", "neither", "none", "no", "clean"}:
        return 0
    raise TrainingDataError(f"abuse label {label!r} is neither abusive (1) nor ok (0)")


@register("abuse", "abuse.linear.v1")
class AbuseDetector(ClassifierComponent):
    """Logistic regression on TF-IDF (``ok``/``abusive``) combined with the lexicon.

    ``predict_proba`` is the model alone (for evaluation against labels); ``predict`` and
    ``analyse`` use the combined score ``1 - (1 - lexicon) * (1 - gate * m(p))`` against
    ``threshold``, where ``m`` maps ``model_threshold`` to 0.5 and ``gate`` is 1 for a
    message aimed at someone, ``undirected_weight`` otherwise.
    """

    def __init__(
        self,
        max_features: int = 150_000,
        c: float = 8.0,
        class_weight: str | None = "balanced",
        model_threshold: float = 0.5,
        undirected_weight: float = 0.4,
        threshold: float = 0.5,
        max_chars: int = DEFAULT_MAX_CHARS,
        seed: int = 0,
    ) -> None:
        self.max_features = max_features
        self.c = c
        self.class_weight = class_weight
        self.model_threshold = model_threshold
        self.undirected_weight = undirected_weight
        self.threshold = threshold
        self.max_chars = max_chars
        self.seed = seed

    def _features(self) -> TextFeatures:
        return TextFeatures(embeddings="none", max_features=self.max_features)

    def _reveal(self, texts: Sequence[str]) -> list[tuple[str, Revealed]]:
        """Each text as shown (bounded, HTML entities undone) and its revealed form."""
        shown = [html.unescape(prepare_text(t, self.max_chars)) for t in texts]
        return [(text, reveal(text)) for text in shown]

    def _prepare(self, texts: Sequence[str]) -> list[str]:
        return [normalise(revealed.text) for _, revealed in self._reveal(texts)]

    def fit(
        self,
        texts: Sequence[str],
        labels: Sequence[Any] | None = None,
        sample_weight: Sequence[float] | None = None,
    ) -> Self:
        """Fit the model; ``sample_weight`` lets scarce in-domain rows count for more."""
        from sklearn.linear_model import LogisticRegression

        if labels is None or len(labels) != len(texts):
            raise TrainingDataError("abuse training needs one label per text")
        if sample_weight is not None and len(sample_weight) != len(texts):
            raise TrainingDataError("abuse training needs one sample weight per text")
        y = np.array([_as_abusive(label) for label in labels])
        if y.min() == y.max():
            raise TrainingDataError("abuse training needs both abusive and ok examples")
        prepared = self._prepare(texts)
        self.features_ = self._features().fit(prepared)
        model = LogisticRegression(
            C=self.c, solver="liblinear", class_weight=self.class_weight, random_state=self.seed
        )
        weights = None if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
        model.fit(self.features_.transform(prepared), y, sample_weight=weights)
        self.weights_ = model.coef_[0].astype(np.float16).astype(np.float32)
        self.bias_ = float(model.intercept_[0])
        self.classes_ = list(CLASSES)
        return self

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """Model probabilities ``(n, 2)`` over ``["ok", "abusive"]`` (no lexicon)."""
        self._check_fitted()
        return self._proba_prepared(self._prepare(texts))

    def _proba_prepared(self, prepared: list[str]) -> np.ndarray:
        x = self.features_.transform(prepared)
        p = expit(np.asarray(x @ self.weights_, dtype=np.float64) + self.bias_)
        return np.column_stack([1.0 - p, p])

    def model_contribution(self, p: np.ndarray) -> np.ndarray:
        """``p`` mapped piecewise-linearly so that ``model_threshold`` becomes 0.5."""
        t = min(max(self.model_threshold, 1e-6), 1.0 - 1e-6)
        return np.where(p < t, 0.5 * p / t, 0.5 + 0.5 * (p - t) / (1.0 - t))

    def predict(self, texts: Sequence[str]) -> list[Any]:
        return [s.label or "ok" for s in self.analyse(texts)]

    def score(self, texts: Sequence[str]) -> np.ndarray:
        """The combined abuse score in [0, 1] per text."""
        return np.array([s.value for s in self.analyse(texts)])

    def analyse(self, texts: Sequence[str]) -> list[Any]:
        """``Score(kind="abuse")``: label ``abusive`` at ≥ threshold, evidence listed."""
        self._check_fitted()
        revealed = self._reveal(texts)  # once: the model and the lexicon read the same text
        model_p = self._proba_prepared([normalise(r.text) for _, r in revealed])[:, 1]
        contribution = self.model_contribution(model_p)
        results: list[Score] = []
        for (shown, seen), p, m in zip(revealed, model_p, contribution, strict=True):
            evidence = DEFAULT_LEXICON.evidence(seen, shown, _FILTERS)
            directed = any(e.detail in DIRECTED for e in evidence)
            aimed = directed or _ADDRESSEE.search(seen.text) is not None
            weight = float(m) if aimed else self.undirected_weight * float(m)
            value = 1.0 - (1.0 - lexicon_score(evidence)) * (1.0 - weight)
            detail = f"p(abusive)={p:.2f}" + ("" if aimed else ", aimed at nobody")
            evidence.append(Evidence(f"model.{self.name}", detail, weight=round(weight, 4)))
            label = "abusive" if value >= self.threshold else None
            results.append(Score("abuse", label, round(value, 4), tuple(evidence)))
        return results

    def get_state(self) -> ComponentState:
        self._check_fitted()
        state = self.features_.get_state()
        state.arrays["weights"] = self.weights_.astype(np.float16)
        state.meta.update(bias=self.bias_, classes=self.classes_)
        return state

    def set_state(self, state: ComponentState) -> None:
        features = self._features()
        features.set_state(state)
        weights = state.arrays["weights"].astype(np.float32)
        if weights.shape != (features.n_features,):
            raise ValueError(f"weights {weights.shape} do not fit {features.n_features} features")
        self.features_, self.weights_ = features, weights
        self.bias_ = float(state.meta["bias"])
        self.classes_ = [str(c) for c in state.meta["classes"]]

    @classmethod
    def example_data(cls) -> tuple[list[str], list[Any]]:
        rows = [
            ("you are a useless idiot", "abusive"),
            ("I will find you and make you pay", "abusive"),
            ("du bist ein Arschloch", "abusive"),
            ("espèce de connard", "abusive"),
            ("shut up you stupid bitch", "abusive"),
            ("thanks for your help today", "ok"),
            ("where is my parcel please", "ok"),
            ("danke für die schnelle Antwort", "ok"),
            ("merci pour votre aide", "ok"),
            ("the app crashes when I log in", "ok"),
        ]
        return [t for t, _ in rows] * 2, [label for _, label in rows] * 2


def is_threat(score: Score) -> bool:
    """Whether an abuse score's evidence holds a threat (violence, lying in wait, turning up
    in person): a safety matter as well as abuse — urgent, protected, the supervisor told."""
    return any(e.detail == "threat" for e in score.evidence)


@lru_cache(maxsize=1)
def default_model() -> AbuseDetector:
    """The abuse model shipped inside the package (see ``build_defaults``), loaded once."""
    folder = Path(str(resources.files("tandemdesk.understand"))) / DEFAULT_MODEL_DIR
    return AbuseDetector.load(folder)
