"""End-to-end understanding speed: every component on every message (issue 3's speed figure).

Trains the fast-profile intent model on BANKING77 ``train.csv``, then runs the whole
pipeline — language, intent, emotion and distress, urgency, abuse, PII — over ``test.csv``.
Prints one line per figure: batch messages/s (median of ``--runs``), single-message p50/p99
latency over 1,000 messages, and each component's share of the time; then the same batch
figure on German, French and Spanish text (BRIGHTER test de/es, XED fr), which the
components read differently (other cue lists, no intent the BANKING77 model knows). ``load1`` is the
machine's one-minute load average at the end (this process included): figures from a busy,
shared machine are lower and only comparable at similar load.

    .venv/bin/python bench/understand_pipeline.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from timing import batch_rate, latencies_ms

from tandemdesk.understand.build_defaults import shared_data_dir
from tandemdesk.understand.datafiles import read_labelled_file
from tandemdesk.understand.pipeline import Pipeline
from tandemdesk.understand.training import train_classifier


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=shared_data_dir() / "banking77")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    train = read_labelled_file(args.data / "train.csv", label_field="category")
    train_texts, train_labels = train.texts, train.labels
    test_texts = read_labelled_file(args.data / "test.csv", label_field="category").texts
    intent = train_classifier(train_texts, train_labels, task="intent", profile="fast")
    pipeline = Pipeline(intent=intent)
    pipeline.understand(test_texts[:64])  # warm-up: lazy loads

    rate = batch_rate(pipeline.understand, test_texts, args.runs)
    latencies = latencies_ms(pipeline.understand, test_texts[:1000])

    parts: dict[str, Callable[[Sequence[str]], object]] = {
        "language": lambda t: pipeline.language.analyse(t),
        "intent": lambda t: intent.analyse(t),
        "emotion": lambda t: pipeline.emotion_model.analyse(t),
        "abuse": lambda t: pipeline.abuse_model.analyse(t),
        "urgency": lambda t: pipeline.urgency_rules.analyse(t),
        "pii": lambda t: pipeline.pii.analyse(t),
    }
    shares = {}
    for name, run in parts.items():
        started = time.perf_counter()
        run(test_texts)
        shares[name] = time.perf_counter() - started
    total = sum(shares.values())
    cores = os.cpu_count()
    load = os.getloadavg()[0]  # the machine may be shared: a busy one gives lower figures
    print(
        f"pipeline_messages_per_second={rate:,.0f} data=banking77/test "
        f"n={len(test_texts)} runs={args.runs} cores={cores} load1={load:.1f} "
        "(target >= 2,000)"
    )
    print(
        f"pipeline_latency_ms p50={np.percentile(latencies, 50):.2f} "
        f"p99={np.percentile(latencies, 99):.2f} data=banking77/test n=1000 cores={cores} "
        "(target p99 <= 10)"
    )
    for name, seconds in shares.items():
        print(
            f"component_share {name}={seconds / total:.0%} "
            f"({len(test_texts) / seconds:,.0f} msg/s alone)"
        )
    other = _other_languages(args.data.parent, len(test_texts))
    if other:
        rate = batch_rate(pipeline.understand, other, args.runs)
        print(
            f"pipeline_messages_per_second_de_fr_es={rate:,.0f} data=brighter/test de+es, "
            f"xed fr n={len(other)} runs={args.runs} cores={cores}"
        )


def _other_languages(data: Path, n: int) -> list[str]:
    """About ``n`` German, French and Spanish texts in equal parts (empty when absent)."""
    import csv

    texts: list[str] = []
    for code in ("deu", "esp"):
        path = data / "brighter_emotion" / "track_a" / "test" / f"{code}.csv"
        if path.exists():
            with path.open(encoding="utf-8", newline="") as handle:
                texts += [row["text"] for row in csv.DictReader(handle)][: n // 3]
    xed = data / "xed_emotion" / "Projections" / "fr-projections.tsv"
    if xed.exists():
        lines = xed.read_text(encoding="utf-8").splitlines()
        texts += [line.split("\t")[0] for line in lines if line.strip()][: n // 3]
    return [t for t in texts if t.strip()]


if __name__ == "__main__":
    main()
