"""Timing shared by the benchmarks: batch throughput as the median of several runs (the
machines are shared and noisy; one run says little), and one-message-at-a-time latencies."""

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


def latencies_ms(analyse: Callable[[Sequence[str]], object], texts: Sequence[str]) -> list[float]:
    """Milliseconds of ``analyse([text])`` for each text, one call per text, sorted."""
    latencies = []
    for text in texts:
        started = time.perf_counter()
        analyse([text])
        latencies.append((time.perf_counter() - started) * 1000)
    latencies.sort()
    return latencies


def percentile(values: Sequence[float], share: float) -> float:
    """The nearest-rank ``share`` percentile (0.99 for p99) of ``values``, sorted or not;
    NaN when there are none, so an empty run prints as such instead of as 0 ms."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")
