"""BANKING77 intent benchmark: accuracy, calibration, coverage and speed of a trained model.

Trains on ``banking77/train.csv`` (10,003 queries, 77 intents), evaluates on ``test.csv``
(3,080) from the shared data folder (PolyAI-LDN/task-specific-datasets, CC-BY-4.0), and
prints one line per figure. Timings are the median of ``--runs`` runs because the machines
are shared and noisy. With ``--compare`` (default) a TF-IDF-only model (no embeddings) is
measured in the same run and the ratios are printed, so the figure that matters — how much
the embeddings buy, at what cost in speed — does not depend on the machine.

    .venv/bin/python bench/understand_banking77.py [--profile fast|accurate] [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
from timing import batch_rate, latencies_ms

from tandemdesk.understand.build_defaults import shared_data_dir
from tandemdesk.understand.datafiles import read_labelled_file
from tandemdesk.understand.evaluation import evaluate
from tandemdesk.understand.training import TrainedModel, train_classifier


def read(path: Path) -> tuple[list[str], list[str]]:
    data = read_labelled_file(path, text_field="text", label_field="category")
    return data.texts, data.labels


def speed(model: TrainedModel, texts: list[str], runs: int) -> tuple[float, float, float]:
    """(messages/s batch, p50 ms, p99 ms single message): medians over ``runs``."""
    model.analyse(texts[:64])  # warm-up: first-call imports and caches
    rate = batch_rate(model.analyse, texts, runs)
    p50s, p99s = [], []
    for _ in range(runs):
        latencies = latencies_ms(model.analyse, texts[:1000])
        p50s.append(float(np.percentile(latencies, 50)))
        p99s.append(float(np.percentile(latencies, 99)))
    return rate, statistics.median(p50s), statistics.median(p99s)


def measure(
    profile: str,
    train: tuple[list[str], list[str]],
    test: tuple[list[str], list[str]],
    runs: int,
    **params: Any,
) -> dict[str, float]:
    started = time.perf_counter()
    model = train_classifier(*train, profile=profile, target_precision=0.95, **params)
    train_seconds = time.perf_counter() - started
    metrics = evaluate(model, *test)
    rate, p50, p99 = speed(model, test[0], runs)
    return {
        "accuracy": metrics["accuracy"],
        "macro_f1": metrics["macro_f1"],
        "ece": metrics["ece"],
        "coverage_at_precision_0.99": metrics["coverage_at_precision"]["0.99"],
        "coverage_at_precision_0.95": metrics["coverage_at_precision"]["0.95"],
        "answered_share_at_target_0.95": metrics["answered_share"],
        "answered_precision_at_target_0.95": metrics["answered_precision"] or 0.0,
        "messages_per_second_batch": rate,
        "latency_ms_single_p50": p50,
        "latency_ms_single_p99": p99,
        "train_seconds": train_seconds,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=shared_data_dir() / "banking77")
    parser.add_argument("--profile", choices=("fast", "accurate"), default="fast")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-compare", action="store_true", help="skip the TF-IDF-only model")
    args = parser.parse_args()
    if not (args.data / "train.csv").is_file():
        print(f"BANKING77 not found in {args.data} (set TANDEMDESK_SHARED_DATA)", file=sys.stderr)
        return 2
    train, test = read(args.data / "train.csv"), read(args.data / "test.csv")
    cores = os.cpu_count() or 1
    where = f"banking77 test n={len(test[0])}, train n={len(train[0])}, cores={cores}"
    figures = measure(args.profile, train, test, args.runs)
    for name, value in figures.items():
        print(f"{args.profile:<8} {name:<36} {value:>10.4f}   ({where})")
    if not args.no_compare:
        base = measure("fast", train, test, args.runs, embeddings="none")
        for name in ("accuracy", "messages_per_second_batch", "latency_ms_single_p99"):
            print(f"tfidf    {name:<36} {base[name]:>10.4f}   ({where})")
            print(
                f"ratio    {name + ' ' + args.profile + '/tfidf':<36} "
                f"{figures[name] / base[name]:>10.4f}   (same run)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
