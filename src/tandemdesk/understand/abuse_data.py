"""The abuse data sets, read one way for the build, the benchmarks and the tests.

Why one module: the build trains on some rows and the benchmarks measure on others; if each
read GermEval, MLMA or the calm support messages its own way, a figure could be measured on
rows the model was trained on. Every split here is seeded and named.

Data (``../shared/data``, see its README): Davidson et al. 2017 tweets (MIT); GermEval 2018
(CC-BY-4.0) train/test, coarse OFFENSE vs OTHER; MLMA French tweets (MIT), nearly all
hostile — ``normal`` is "ok", any other sentiment "abusive"; XED subtitles (CC-BY-4.0) as
calm de/fr/es/en negatives (lines annotated only with joy, trust, anticipation or surprise);
BANKING77 (CC-BY-4.0) train as calm support negatives; multilingual HateCheck (CC-BY-4.0)
and the calm evaluation set (BANKING77 *test* + Bitext without offensive wording) are for
measuring only. ``abuse_support.jsonl`` beside this module holds our own support-desk
examples in en/de/fr/es (abuse aimed at staff, situation swearing, frustration, calm).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Protocol

import numpy as np

from tandemdesk.understand.emotion_data import (
    generated_support,
    load_banking77_calm,
    load_bitext_calm,
)

SPLIT_SEED = 13
MLMA_TEST_SHARE = 0.2
CALM_XED_LABELS = frozenset({2, 5, 7, 8})  # anticipation, joy, surprise, trust
HATECHECK_LANGUAGES = {"de": "german", "fr": "french", "es": "spanish"}
Rows = tuple[list[str], list[int]]


def _data(data: Path | None) -> Path:
    from tandemdesk.understand.build_defaults import shared_data_dir

    return data or shared_data_dir()


def seeded_split(
    n: int, test_share: float, seed: int = SPLIT_SEED
) -> tuple[np.ndarray, np.ndarray]:
    """(train, test) indices of a seeded shuffle; the same everywhere for the same n."""
    order = np.random.default_rng(seed).permutation(n)
    cut = round((1.0 - test_share) * n)
    return np.sort(order[:cut]), np.sort(order[cut:])


def load_germeval(split: str, data: Path | None = None) -> Rows:
    """GermEval 2018 ``training`` or ``test``: texts and 1 for OFFENSE, 0 for OTHER."""
    path = _data(data) / "germeval2018" / f"germeval2018.{split}.txt"
    texts: list[str] = []
    labels: list[int] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 2 and parts[1] in ("OFFENSE", "OTHER"):
                texts.append(parts[0])
                labels.append(int(parts[1] == "OFFENSE"))
    return texts, labels


def load_mlma(language: str = "fr", data: Path | None = None) -> tuple[list[str], list[str]]:
    """MLMA tweets of one language and their ``sentiment`` string (e.g. ``offensive_hateful``)."""
    path = _data(data) / "mlma_hate" / "hate_speech_mlma" / f"{language}_dataset.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [r["tweet"] for r in rows], [r["sentiment"] for r in rows]


def mlma_split(part: str, data: Path | None = None) -> Rows:
    """French MLMA, seeded 80/20 ``train``/``test``: 0 for plain ``normal``, else 1."""
    texts, sentiments = load_mlma("fr", data)
    train, test = seeded_split(len(texts), MLMA_TEST_SHARE)
    chosen = train if part == "train" else test
    return [texts[i] for i in chosen], [int(sentiments[i] != "normal") for i in chosen]


def load_xed_calm(language: str, data: Path | None = None) -> list[str]:
    """XED lines whose every label is joy, trust, anticipation or surprise (ok text)."""
    folder = _data(data) / "xed_emotion"
    if language == "en":
        path = folder / "AnnotatedData" / "en-annotated.tsv"
    else:
        path = folder / "Projections" / f"{language}-projections.tsv"
    texts: list[str] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 2:
                continue
            try:
                labels = {int(x) for x in parts[1].split(",")}
            except ValueError:
                continue
            if labels and labels <= CALM_XED_LABELS and parts[0].strip():
                texts.append(parts[0].strip())
    return texts


def calm_support(data: Path | None = None, n: int = 2_000) -> list[str]:
    """The calm evaluation set: ``n/2`` BANKING77 *test* + ``n/2`` Bitext (non-W), seeded."""
    rng = np.random.default_rng(SPLIT_SEED)
    banking = load_banking77_calm("test", data)
    bitext = load_bitext_calm(data)
    half = n // 2
    picked = [banking[i] for i in sorted(rng.choice(len(banking), half, replace=False))]
    return picked + [bitext[i] for i in sorted(rng.choice(len(bitext), n - half, replace=False))]


def load_hatecheck(language: str, data: Path | None = None) -> list[dict[str, str]]:
    """Multilingual HateCheck cases of ``de``/``fr``/``es``: functionality, text, gold label."""
    name = HATECHECK_LANGUAGES[language]
    path = _data(data) / "mhc_hatecheck" / f"hatecheck_cases_final_{name}.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            {"functionality": r["functionality"], "text": r["test_case"], "gold": r["label_gold"]}
            for r in csv.DictReader(handle)
        ]


def support_examples(path: Path | None = None) -> list[dict[str, str]]:
    """Our own support-desk examples: text, language, label (abusive/ok), kind."""
    source = (
        path or Path(str(resources.files("tandemdesk.understand"))) / "data/abuse_support.jsonl"
    )
    with source.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


# ------------------------------------------------------------------ the training set
SUPPORT_WEIGHT = 5.0  # our support-desk rows: few, but the only abuse *of staff*
GERMEVAL_WEIGHT = 4.0  # German has one source; tweets in English outnumber it 4 to 1
XED_CALM_PER_LANGUAGE = {"de": 2_000, "fr": 2_500, "es": 3_000, "en": 1_000}
BANKING77_CALM = 3_000
GENERATED_WEIGHT = 2.0
DEV_SHARE = 0.2


@dataclass
class TrainingSet:
    """Texts, labels (``abusive``/``ok``) and sample weights, with where each row came from."""

    texts: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    weights: list[float] = field(default_factory=list)
    sources: dict[str, int] = field(default_factory=dict)

    def add(self, source: str, texts: list[str], abusive: list[int], weight: float) -> None:
        self.texts += texts
        self.labels += ["abusive" if a else "ok" for a in abusive]
        self.weights += [weight] * len(texts)
        self.sources[source] = self.sources.get(source, 0) + len(texts)


def _part(n: int, part: str) -> np.ndarray:
    """Rows of a source for ``all`` (everything), ``fit`` (80%) or ``dev`` (the other 20%)."""
    if part == "all":
        return np.arange(n)
    fit, dev = seeded_split(n, DEV_SHARE)
    return fit if part == "fit" else dev


def training_set(part: str = "all", data: Path | None = None) -> TrainingSet:
    """The abuse training rows; ``fit`` leaves GermEval's and our examples' ``dev`` 20% out.

    Davidson uses its seeded 80% side (``build_defaults.davidson_split``), MLMA its 80%
    ``train`` side; the calm XED and BANKING77 rows are fixed seeded samples (their other
    rows are ``calm_dev``). No test set of any kind is read here.
    """
    from tandemdesk.understand.build_defaults import davidson_split, load_davidson

    rows = TrainingSet()
    tweets, classes = load_davidson(data)
    train, _ = davidson_split(len(tweets))
    rows.add("davidson", [tweets[i] for i in train], [int(classes[i] != 2) for i in train], 1.0)
    texts, labels = load_germeval("training", data)
    chosen = _part(len(texts), part)
    rows.add("germeval", [texts[i] for i in chosen], [labels[i] for i in chosen], GERMEVAL_WEIGHT)
    texts, labels = mlma_split("train", data)
    rows.add("mlma_fr", texts, labels, 1.0)
    rng = np.random.default_rng(SPLIT_SEED)
    for language, count in XED_CALM_PER_LANGUAGE.items():
        calm = load_xed_calm(language, data)
        picked = rng.permutation(len(calm))[:count]
        rows.add(f"xed_{language}", [calm[i] for i in picked], [0] * len(picked), 1.0)
    banking = load_banking77_calm("train", data)
    picked = np.random.default_rng(SPLIT_SEED).permutation(len(banking))[:BANKING77_CALM]
    rows.add("banking77_train", [banking[i] for i in picked], [0] * len(picked), 1.0)
    # Shop support messages that are not abusive (calm, neutral, upset): the tweets taught
    # the model slur fragments as character n-grams ("bit" of one, "igger" of another), and
    # "a bit too small" or "a bigger size" then read as abuse; BANKING77 alone did not
    # outweigh them. The demo generator's other seeds (``emotion_data.generated_support``).
    generated, _ = generated_support("fit")
    rows.add("generated_support", generated, [0] * len(generated), GENERATED_WEIGHT)
    examples = support_examples()
    chosen = _part(len(examples), part)
    rows.add(
        "support_examples",
        [examples[i]["text"] for i in chosen],
        [int(examples[i]["label"] == "abusive") for i in chosen],
        SUPPORT_WEIGHT,
    )
    return rows


def germeval_dev(data: Path | None = None) -> Rows:
    """The 20% of GermEval *train* that ``training_set("fit")`` leaves out."""
    texts, labels = load_germeval("training", data)
    chosen = _part(len(texts), "dev")
    return [texts[i] for i in chosen], [labels[i] for i in chosen]


def calm_dev(data: Path | None = None) -> list[str]:
    """BANKING77 *train* rows the training set does not use (3,000): calm support text."""
    banking = load_banking77_calm("train", data)
    order = np.random.default_rng(SPLIT_SEED).permutation(len(banking))
    return [banking[i] for i in order[BANKING77_CALM : 2 * BANKING77_CALM]]


class _Scores(Protocol):
    def predict_proba(self, texts: Sequence[str]) -> np.ndarray: ...


CALM_QUANTILE = 0.998
SUPPORT_OK_QUANTILE = 0.95


def support_dev() -> list[dict[str, str]]:
    """The 20% of our support examples that ``training_set("fit")`` leaves out."""
    examples = support_examples()
    return [examples[i] for i in _part(len(examples), "dev")]


def pick_model_threshold(model: _Scores, data: Path | None = None) -> dict[str, float]:
    """The model threshold, from a model fitted on ``training_set("fit")``: training data only.

    The largest of: the macro-F1-best threshold on GermEval's dev 20% (tweets); the 99.8th
    percentile of the model on calm BANKING77 rows it never saw (``calm_dev``), so the model
    alone flags at most ~0.2% of calm support messages; and the 95th percentile on the calm
    and frustrated rows of our own support examples' dev 20% (de/fr/es support text, which
    the English calm rows say nothing about).
    """
    from sklearn.metrics import f1_score

    texts, labels = germeval_dev(data)
    p = model.predict_proba(texts)[:, 1]
    grid = np.round(np.arange(0.2, 0.9, 0.01), 2)
    scores = [f1_score(labels, (p >= t).astype(int), average="macro") for t in grid]
    best = int(np.argmax(scores))
    calm = float(np.quantile(model.predict_proba(calm_dev(data))[:, 1], CALM_QUANTILE))
    # calm and frustrated rows; situation swearing is the addressee gate's job, not this one's
    ok = [
        r["text"] for r in support_dev() if r["label"] == "ok" and r["kind"] != "situation_swearing"
    ]
    support = float(np.quantile(model.predict_proba(ok)[:, 1], SUPPORT_OK_QUANTILE))
    return {
        "model_threshold": round(max(float(grid[best]), calm, support), 3),
        "germeval_dev_best_threshold": float(grid[best]),
        "germeval_dev_macro_f1": round(float(scores[best]), 4),
        "calm_dev_p998": round(calm, 3),
        "support_dev_ok_p95": round(support, 3),
    }


def evaluate_germeval(
    model: _Scores, threshold: float, data: Path | None = None
) -> dict[str, float]:
    """Macro-F1 on GermEval 2018 *test*, OFFENSE vs OTHER, of the model at ``threshold``."""
    from sklearn.metrics import f1_score

    texts, labels = load_germeval("test", data)
    p = model.predict_proba(texts)[:, 1]
    f1 = float(f1_score(labels, (p >= threshold).astype(int), average="macro"))
    return {"germeval_test_macro_f1_model": round(f1, 4), "germeval_threshold": threshold}
