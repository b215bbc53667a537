"""Risk signals (``understand/risk.py``): recall/precision on a held-out set, false positives on
calm support text, and speed.

Held-out: ``tests/fixtures/risk_heldout.jsonl`` — messages written for this purpose in
en/de/fr/es (typos, missing accents, indirect phrasings, figurative and product-word
negatives), written before the last tuning round and not looked at while tuning. Earlier
held-out waves, once measured, were moved into the tuning part ``risk_tune.jsonl`` and a
fresh wave written, so this figure is always a first look. Per category and per language: recall (of
messages carrying the category) and precision (of messages the detector gave it).

Calm text: Bitext customer-support requests without the ``W`` (offensive wording) tag —
the share of messages given any risk (target ≤ 0.5%); and BANKING77 ``test.csv`` per
intent, because several of its intents (a payment not recognised, a compromised or stolen
card) are genuine fraud cases where ``fraud`` should fire. Speed: ms/message over the
BANKING77 test texts (median of ``--runs``), and the share the prefilter lets through.
Data from ``../shared/data`` or ``TANDEMDESK_SHARED_DATA``. One line per figure.

    .venv/bin/python bench/risk_signals.py [--runs 5] [--show]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from timing import batch_rate

from tandemdesk.understand.build_defaults import shared_data_dir
from tandemdesk.understand.risk import CATEGORIES, RiskDetector, _lexicon, fold

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures"
BITEXT = "bitext_cs/Bitext_Sample_Customer_Support_Training_Dataset.csv"


def load_labelled(path: Path) -> list[dict[str, object]]:
    """The rows of a risk fixture: ``{"text", "language", "categories"}``."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def ratio(numerator: int, denominator: int) -> str:
    return f"{numerator / denominator:.3f} ({numerator}/{denominator})" if denominator else "n/a"


def held_out_figures(detector: RiskDetector, rows: list[dict[str, object]], show: bool) -> None:
    """Recall and precision per category and per language (a message counts per category)."""
    predicted = detector.predict([str(r["text"]) for r in rows])
    hits: Counter[tuple[str, str]] = Counter()
    truth_n: Counter[tuple[str, str]] = Counter()
    said_n: Counter[tuple[str, str]] = Counter()
    for row, got in zip(rows, predicted, strict=True):
        truth = set(row["categories"])  # type: ignore[call-overload]
        language = str(row["language"])
        for category in CATEGORIES:
            for key in ((category, "all"), (category, language), ("all", language)):
                truth_n[key] += category in truth
                said_n[key] += category in got
                hits[key] += category in truth and category in got
        if show and truth != set(got):
            print(f"  miss/extra: want {sorted(truth)} got {list(got)} | {row['text']}")
    where = f"risk_heldout.jsonl ({len(rows)} messages)"
    for category in CATEGORIES:
        key = (category, "all")
        print(f"risk {category} recall={ratio(hits[key], truth_n[key])} "
              f"precision={ratio(hits[key], said_n[key])} | {where}")  # fmt: skip
    for language in sorted({str(r["language"]) for r in rows}):
        key = ("all", language)
        print(f"risk language={language} recall={ratio(hits[key], truth_n[key])} "
              f"precision={ratio(hits[key], said_n[key])} | {where}")  # fmt: skip
    calm = [got for row, got in zip(rows, predicted, strict=True) if not row["categories"]]
    fired = sum(bool(got) for got in calm)
    print(f"risk held-out calm and tricky negatives flagged={ratio(fired, len(calm))} | {where}")


def bitext_figures(detector: RiskDetector, data: Path, show: bool) -> None:
    """The share of calm Bitext requests (no ``W`` tag) given any risk."""
    with (data / BITEXT).open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if "W" not in r["tags"]]
    texts = [r["instruction"] for r in rows]
    readings = detector.analyse(texts)
    fired = [(t, r) for t, r in zip(texts, readings, strict=True) if r.categories]
    by_category = Counter(c for _, r in fired for c in r.names)
    print(
        f"risk false positives on calm support text={ratio(len(fired), len(texts))} "
        f"{dict(by_category)} | bitext_cs without W ({len(texts):,}) | target <= 0.005"
    )
    if show:
        for text, reading in fired:
            print(f"  bitext: {list(reading.names)} {[e.text for e in reading.evidence]} | {text}")


def banking_figures(detector: RiskDetector, texts: list[str], intents: list[str]) -> None:
    """Per BANKING77 intent: how many messages fire, and which categories."""
    readings = detector.analyse(texts)
    total = Counter(intents)
    fired: dict[str, Counter[str]] = defaultdict(Counter)
    any_fired: Counter[str] = Counter()
    for intent, reading in zip(intents, readings, strict=True):
        any_fired[intent] += bool(reading.categories)
        fired[intent].update(reading.names)
    n = sum(any_fired.values())
    print(f"risk any category on BANKING77 test={ratio(n, len(texts))} | banking77/test.csv")
    for intent, count in any_fired.most_common():
        if count:
            print(f"risk BANKING77 intent={intent} fired={ratio(count, total[intent])} "
                  f"{dict(fired[intent])} | banking77/test.csv")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5, help="timing runs (median reported)")
    parser.add_argument("--show", action="store_true", help="print every error and hit")
    args = parser.parse_args()
    data = shared_data_dir()
    if not (data / "banking77").exists() or not (data / BITEXT).exists():
        sys.exit(f"BANKING77 or Bitext not found under {data}: set TANDEMDESK_SHARED_DATA")
    detector = RiskDetector().fit([])
    held_out_figures(detector, load_labelled(FIXTURES / "risk_heldout.jsonl"), args.show)
    bitext_figures(detector, data, args.show)

    with (data / "banking77" / "test.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    texts, intents = [r["text"] for r in rows], [r["category"] for r in rows]
    banking_figures(detector, texts, intents)

    cores = f"cores={os.cpu_count()} load1={os.getloadavg()[0]:.1f}"
    rate = batch_rate(detector.analyse, texts, args.runs)
    print(
        f"risk analyse speed: {1000 / rate:.4f} ms/message ({rate:,.0f} messages/s, median of "
        f"{args.runs}) | banking77/test.csv ({len(texts):,}) | {cores} | target <= 0.05"
    )
    cpu = []  # CPU time: on a shared, loaded machine wall time mostly measures the neighbours
    for _ in range(args.runs):
        started = time.process_time()
        detector.analyse(texts)
        cpu.append(time.process_time() - started)
    print(
        f"risk analyse CPU time: {statistics.median(cpu) / len(texts) * 1000:.4f} ms/message "
        f"(median of {args.runs}) | banking77/test.csv ({len(texts):,}) | {cores}"
    )
    scanned = sum(bool(_lexicon().candidates(fold(t)[0])) for t in texts)
    print(f"risk messages with a pattern to run={ratio(scanned, len(texts))} | banking77/test.csv")


if __name__ == "__main__":
    main()
