"""What masking card numbers and IBANs at rest costs an import, and what the broken-quote
safe CSV reader costs, on the public sets (issue 17 items 5-6).

    .venv/bin/python bench/pii_masking.py

Prints, medians of several runs (the machine is shared: read the ratios):
- mask_payment_data per message on BANKING77 and Bitext, against find_pii alone;
- iter_csv (strict quoting, replay of broken rows) against a bare csv.reader;
- importing BANKING77's train.csv into a fresh SQLite workspace with masking, against the
  same import with ``protect_rows`` switched off (the ratio is the price of masking).
"""

from __future__ import annotations

import csv
import io
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import tandemdesk.listen.ingest as ingest
from tandemdesk.config import Settings
from tandemdesk.listen import imports
from tandemdesk.listen.sources import FileSource, iter_csv
from tandemdesk.understand.pii import find_pii
from tandemdesk.understand.pii_mask import MASKED_TYPES, mask_payment_data
from tandemdesk.workspace import init_workspace

DATA = Path(os.environ.get("TANDEMDESK_SHARED_DATA", Path(__file__).parents[2] / "shared/data"))
BANKING = DATA / "banking77" / "train.csv"
BITEXT = DATA / "bitext_cs" / "Bitext_Sample_Customer_Support_Training_Dataset.csv"
CORES = os.cpu_count()


def median_seconds(run: Callable[[], Any], repeat: int = 7) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def masking_cost() -> None:
    with BITEXT.open() as handle:
        bitext = list(csv.DictReader(handle))
    with BANKING.open() as handle:
        sets = {
            "banking77 train": [r["text"] for r in csv.DictReader(handle)],
            "bitext instructions": [r["instruction"] for r in bitext],
            "bitext responses": [r["response"] for r in bitext],
        }
    for name, texts in sets.items():
        masked = median_seconds(partial(_mask_all, texts))
        found = median_seconds(partial(_find_all, texts))
        print(f"mask_payment_data {masked / len(texts) * 1e6:.1f} us/message "
              f"(find_pii alone {found / len(texts) * 1e6:.1f} us, ratio {masked / found:.2f}) "
              f"on {name} ({len(texts):,} messages), {CORES} cores")  # fmt: skip


def csv_cost() -> None:
    for path in (BANKING, BITEXT):

        def bare(p: Path = path) -> int:
            with p.open("rb") as raw:
                text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
                return sum(1 for _ in csv.reader(text))

        ours = median_seconds(partial(_rows, path))
        plain = median_seconds(bare)
        print(f"iter_csv {ours * 1000:.0f} ms vs bare csv.reader {plain * 1000:.0f} ms "
              f"(ratio {ours / plain:.1f}) on {path.name}, {CORES} cores")  # fmt: skip


def _mask_all(texts: list[str]) -> object:
    return [mask_payment_data(x) for x in texts]


def _find_all(texts: list[str]) -> object:
    return [find_pii(x, MASKED_TYPES) for x in texts]


def _rows(path: Path) -> int:
    return sum(1 for _ in iter_csv(FileSource(path)))


def import_once(masking: bool) -> float:
    original = getattr(ingest, "protect_rows")  # noqa: B009 - swapped out to time without it
    if not masking:
        setattr(ingest, "protect_rows", lambda session, rows: 0)  # noqa: B010
    try:
        with tempfile.TemporaryDirectory() as folder:
            settings = Settings(database_url=f"sqlite:///{folder}/bench.db",
                                workspace_dir=Path(folder) / "ws")  # fmt: skip
            workspace = init_workspace(settings)
            start = time.perf_counter()
            imports.import_conversations(workspace, BANKING, fields={"intent": "category"})
            elapsed = time.perf_counter() - start
            workspace.close()
            return elapsed
    finally:
        setattr(ingest, "protect_rows", original)  # noqa: B010


def import_cost() -> None:
    with_mask = statistics.median(import_once(True) for _ in range(3))
    without = statistics.median(import_once(False) for _ in range(3))
    print(f"import banking77 train into SQLite: {with_mask:.2f} s with masking, "
          f"{without:.2f} s without (ratio {with_mask / without:.2f}), {CORES} cores")  # fmt: skip


if __name__ == "__main__":
    masking_cost()
    csv_cost()
    import_cost()
