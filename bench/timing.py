"""Timing shared by the benchmarks: batch throughput as the median of several runs (the
machines are shared and noisy; one run says little)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence


def batch_rate(
    analyse: Callable[[Sequence[str]], object], texts: Sequence[str], runs: int
) -> float:
    """Texts per second of ``analyse(texts)``, median over ``runs`` runs."""
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        analyse(texts)
        timings.append(time.perf_counter() - started)
    return len(texts) / statistics.median(timings)
