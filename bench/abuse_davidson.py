"""Abuse on Davidson et al. (2017) tweets: macro-F1 on the seeded 80/20 split, and speed.

Measures the model shipped in ``understand/default_models/abuse`` (rebuild with
``python -m tandemdesk.understand.build_defaults --only abuse``), trained on the 80% side of
the seed-13 split. Task: offensive-or-hate (classes 0, 1) vs neither (class 2). Data from
``../shared/data/davidson_hate_offensive`` or ``TANDEMDESK_SHARED_DATA`` (MIT licence;
tweets under Twitter's terms). One line per figure: figure, data set, cores. The model-alone
macro-F1 comes from ``build_defaults.evaluate_abuse`` (the figure the build records in the
model's manifest); this script adds the lexicon-gated decision's F1, model size and speed.

    .venv/bin/python bench/abuse_davidson.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import sys

import numpy as np
from sklearn.metrics import f1_score
from timing import batch_rate

from tandemdesk.understand.abuse import AbuseDetector
from tandemdesk.understand.build_defaults import (
    DAVIDSON_SEED,
    PACKAGE_MODELS,
    davidson_split,
    evaluate_abuse,
    folder_size,
    load_davidson,
    shared_data_dir,
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5, help="timing runs (median reported)")
    args = parser.parse_args()
    data = shared_data_dir()
    if not (data / "davidson_hate_offensive").exists():
        sys.exit(f"Davidson data not found under {data}: set TANDEMDESK_SHARED_DATA")
    cores = f"cores={os.cpu_count()}"
    folder = PACKAGE_MODELS / "abuse"
    model = AbuseDetector.load(folder)
    texts, classes = load_davidson(data)
    _, test = davidson_split(len(texts))
    test_texts = [texts[i] for i in test]
    truth = np.array([classes[i] != 2 for i in test], dtype=int)
    where = f"Davidson test split ({len(test):,}, seed {DAVIDSON_SEED})"

    f1 = evaluate_abuse(model, data)["macro_f1_offensive_or_hate_vs_neither"]
    print(
        f"abuse macro-F1, model alone (offensive-or-hate vs neither): {f1:.4f} | {where} | {cores}"
    )
    combined = np.array([label == "abusive" for label in model.predict(test_texts)])
    f1_combined = f1_score(truth, combined, average="macro")
    print(
        f"abuse macro-F1, shipped decision (combined score >= {model.threshold}): "
        f"{f1_combined:.4f} | {where} | {cores}"
    )
    print(f"model size: {folder_size(folder) / 1e6:.2f} MB | {folder} | {cores}")

    rate = batch_rate(model.analyse, test_texts, args.runs)
    print(f"analyse speed: {rate:,.0f} messages/s (median of {args.runs}) | {where} | {cores}")


if __name__ == "__main__":
    main()
