"""Distress in en/de/fr/es: ROC-AUC on BRIGHTER, XED and GoEmotions, the live threshold on
fresh support messages and on calm support traffic, and the speed of ``analyse``.

Measures the model shipped in ``understand/default_models/emotion`` (rebuild it with
``python -m tandemdesk.understand.build_defaults --only emotion``) or ``--model DIR``.
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
from pathlib import Path

from sklearn.metrics import roc_auc_score
from timing import batch_rate

from tandemdesk.understand import emotion_data as ed
from tandemdesk.understand.build_defaults import PACKAGE_MODELS, evaluate_emotion, shared_data_dir
from tandemdesk.understand.emotion import EmotionClassifier

LIVE_THRESHOLD = 0.6
FIXTURE = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "distress_fresh.jsonl"


def _auc(model: EmotionClassifier, texts: list[str], labels: list[list[str]]) -> float:
    return float(roc_auc_score(ed.distressed(labels), model.distress(texts)))


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

    for language in ("en", "de", "es"):
        texts, labels = ed.load_brighter("test", language, data)
        print(f"distress ROC-AUC: {_auc(model, texts, labels):.4f} | BRIGHTER test "
              f"{language} ({len(texts):,}) | {cores}")  # fmt: skip
    for language in ("fr", "de", "es"):
        texts, labels = ed.xed_split(language, "test", data)
        print(f"distress ROC-AUC: {_auc(model, texts, labels):.4f} | XED {language} held-out "
              f"15% ({len(texts):,}, seed {ed.XED_SEED}) | {cores}")  # fmt: skip
    metrics = evaluate_emotion(model, data)
    print(f"distress ROC-AUC vs 'negative' group: {metrics['distress_roc_auc_negative_group']:.4f}"
          f" | GoEmotions test (5,427) | {cores}")  # fmt: skip
    print(f"emotion macro-F1 (28 labels): {metrics['macro_f1_28']:.4f} | GoEmotions test "
          f"(5,427) | {cores}")  # fmt: skip

    rows = [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines()]
    scores = model.distress([r["text"] for r in rows])
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
        share = float((model.distress(texts) >= LIVE_THRESHOLD).mean())
        print(f"calm support messages at distress ≥ {LIVE_THRESHOLD}: {share:.2%} | {name} "
              f"({len(texts):,}) | {cores}")  # fmt: skip

    texts = ed.load_banking77_calm("test", data)
    timed = [("this model", model)]
    if args.compare is not None:
        timed.append((f"compared {args.compare}", EmotionClassifier.load(args.compare)))
    for name, timed_model in timed:
        timed_model.analyse(texts[:64])  # warm-up: n-gram numbering, lazy loads
        rate = batch_rate(timed_model.analyse, texts, args.runs)
        print(f"EmotionClassifier.analyse: {1000 / rate:.3f} ms/message ({name}, median of "
              f"{args.runs}) | BANKING77 test ({len(texts):,}) | {cores}")  # fmt: skip


if __name__ == "__main__":
    main()
