"""Emotion on GoEmotions test: 28-label macro-F1, distress ROC-AUC, model size, speed.

Measures the model shipped in ``understand/default_models/emotion`` (rebuild it with
``python -m tandemdesk.understand.build_defaults --only emotion``). Data: GoEmotions
(Demszky et al., 2020, Apache-2.0) from ``../shared/data/goemotions`` or
``TANDEMDESK_SHARED_DATA``. One line per figure: figure, data set, cores.

    .venv/bin/python bench/emotion_goemotions.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import sys
import time

import numpy as np
from sklearn.metrics import roc_auc_score
from timing import batch_rate

from tandemdesk.understand.build_defaults import (
    PACKAGE_MODELS,
    folder_size,
    label_matrix,
    load_goemotions,
    macro_f1,
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
    texts, labels = load_goemotions("test", data)
    _, groups = load_goemotions("test", data, taxonomy="group")
    where = f"GoEmotions test ({len(texts):,})"

    predicted = model.predict(texts)
    f1 = macro_f1(label_matrix(labels, model.classes_), label_matrix(predicted, model.classes_))
    print(
        f"emotion macro-F1 (28 labels): {f1:.4f} "
        f"(BERT-base {BERT_BASE_MACRO_F1}, ratio {f1 / BERT_BASE_MACRO_F1:.3f}) | {where} | {cores}"
    )
    negative = np.array(["negative" in g for g in groups], dtype=int)
    auc = roc_auc_score(negative, model.distress(texts))
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
    started = time.perf_counter()
    for text in texts[:500]:
        model.analyse([text])
    single_rate = 500 / (time.perf_counter() - started)
    print(
        f"analyse speed, one message per call: {single_rate:,.0f} messages/s | "
        f"GoEmotions test (500) | {cores}"
    )


if __name__ == "__main__":
    main()
