"""Emotion on GoEmotions test: 28-label macro-F1, distress ROC-AUC, model size, speed.

Measures the model shipped in ``understand/default_models/emotion`` (rebuild it with
``python -m tandemdesk.understand.build_defaults --only emotion``). Data: GoEmotions
(Demszky et al., 2020, Apache-2.0) from ``../shared/data/goemotions`` or
``TANDEMDESK_SHARED_DATA``. One line per figure: figure, data set, cores. The macro-F1 and
ROC-AUC come from ``build_defaults.evaluate_emotion`` (the figures the build records in the
model's manifest); this script adds sentiment accuracy, model size and speed.

    .venv/bin/python bench/emotion_goemotions.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import sys

from timing import batch_rate, latencies_ms

from tandemdesk.understand.build_defaults import (
    PACKAGE_MODELS,
    evaluate_emotion,
    folder_size,
    load_goemotions,
    shared_data_dir,
)
from tandemdesk.understand.emotion import EmotionClassifier

BERT_BASE_MACRO_F1 = 0.46  # Demszky et al. 2020, same 28 labels and test split


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5, help="timing runs (median reported)")
    args = parser.parse_args()
    data = shared_data_dir()
    if not (data / "goemotions").exists():
        sys.exit(f"GoEmotions not found under {data}: set TANDEMDESK_SHARED_DATA")
    cores = f"cores={os.cpu_count()}"
    folder = PACKAGE_MODELS / "emotion"
    model = EmotionClassifier.load(folder)
    texts, _ = load_goemotions("test", data)
    _, groups = load_goemotions("test", data, taxonomy="group")
    where = f"GoEmotions test ({len(texts):,})"

    metrics = evaluate_emotion(model, data)
    f1 = metrics["macro_f1_28"]
    print(
        f"emotion macro-F1 (28 labels): {f1:.4f} "
        f"(BERT-base {BERT_BASE_MACRO_F1}, ratio {f1 / BERT_BASE_MACRO_F1:.3f}) | {where} | {cores}"
    )
    auc = metrics["distress_roc_auc_negative_group"]
    print(f"distress ROC-AUC vs 'negative' group: {auc:.4f} | {where} group taxonomy | {cores}")
    sentiment = [r.sentiment for r in model.analyse(texts)]
    single = [
        (s, g[0])
        for s, g in zip(sentiment, groups, strict=True)
        if len(g) == 1 and g[0] in ("negative", "neutral", "positive")
    ]
    accuracy = sum(s == g for s, g in single) / len(single)
    print(
        f"sentiment accuracy (single-group texts): {accuracy:.4f} | "
        f"GoEmotions test ({len(single):,}) | {cores}"
    )
    print(f"model size: {folder_size(folder) / 1e6:.2f} MB | {folder} | {cores}")

    rate = batch_rate(model.analyse, texts, args.runs)
    print(f"analyse speed: {rate:,.0f} messages/s (median of {args.runs}) | {where} | {cores}")
    single_rate = 500 / (sum(latencies_ms(model.analyse, texts[:500])) / 1000)
    print(
        f"analyse speed, one message per call: {single_rate:,.0f} messages/s | "
        f"GoEmotions test (500) | {cores}"
    )


if __name__ == "__main__":
    main()
