"""Topics: agreement with true intents on BANKING77, and time and memory at 100,000 messages.

1. BANKING77 (``banking77/train.csv``, 10,003 queries, 77 intents; PolyAI-LDN, CC-BY-4.0):
   ``TopicModel().fit`` on the texts alone — no labels, no intent model (one trained on these
   labels would be cheating), the number of topics chosen by the model's own rule (best
   silhouette among 2…150). Prints NMI with the true intents, the chosen number of topics,
   ARI, and time; medians over ``--seeds``.
2. Scale: for each of ``--sizes``, a fresh process generates that many customer messages of
   the demo shop (four languages; ``demo.generator.iter_history``, another seed than the
   demo workspace), then times what ``tandemdesk topics`` does with them besides reading
   the store: the clustering with names (with the intent probabilities of ``--intent-model``,
   a model folder such as the demo workspace's ``models/intent/v1``, asked about the fit
   sample only; without one, text only) and the distress of the messages ``learn.topics``
   reads it for (a sample of 20,000). Prints seconds per stage, messages/s and the
   process's peak RSS, before and after: flat memory means the peak grows by little more
   than the texts themselves.

3. End to end (``--end-to-end``): ``tandemdesk topics --json --assignments`` on the
   workspace of ``TANDEMDESK_DATABASE_URL`` / ``TANDEMDESK_WORKSPACE_DIR`` as a user runs
   it — reading the store, handling, figures, alerts, gaps and the JSON — wall time and
   the process's peak RSS (e.g. the demo workspace with 55,539 more generated
   conversations imported: ~100,000 customer messages).

    .venv/bin/python bench/topics.py [--seeds 0 1 2] [--sizes 10000 100000]
        [--intent-model /tmp/topics/ws/models/intent/v1] [--skip-banking77] [--end-to-end]
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import statistics
import subprocess
import sys
import time
from itertools import islice
from pathlib import Path
from typing import Any

from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

from tandemdesk.learn.topic_model import TopicModel
from tandemdesk.learn.topic_signals import DISTRESS_SAMPLE
from tandemdesk.understand.build_defaults import shared_data_dir


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def banking77(seeds: list[int]) -> None:
    path = shared_data_dir() / "banking77" / "train.csv"
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    texts, labels = [r["text"] for r in rows], [r["category"] for r in rows]
    TopicModel().fit(texts[:200])  # warm-up: load the embeddings once, outside the timing
    nmis, aris, ks, times = [], [], [], []
    for seed in seeds:
        started = time.perf_counter()
        model = TopicModel(random_state=seed).fit(texts)
        times.append(time.perf_counter() - started)
        nmis.append(normalized_mutual_info_score(labels, model.labels_))
        aris.append(adjusted_rand_score(labels, model.labels_))
        ks.append(len(model.topics_))
        print(f"  seed {seed}: NMI {nmis[-1]:.3f}, ARI {aris[-1]:.3f}, {ks[-1]} topics, "
              f"{(model.labels_ < 0).sum()} in no topic, {times[-1]:.1f} s")  # fmt: skip
    cores = os.cpu_count()
    print(f"BANKING77 train ({len(texts):,} texts, 77 intents never shown): "
          f"NMI {statistics.median(nmis):.3f} (min {min(nmis):.3f}), "
          f"ARI {statistics.median(aris):.3f}, topics chosen {statistics.median(ks):.0f} "
          f"(range {min(ks)}–{max(ks)}), {statistics.median(times):.1f} s, "
          f"{cores} cores")  # fmt: skip
    print("  largest topics:", "; ".join(t.label for t in model.topics_[:8]))


def demo_texts(size: int) -> list[str]:
    from tandemdesk.demo.generator import iter_history

    texts: list[str] = []
    for conversation in iter_history(10**9, seed=2024):
        texts.extend(m["text"] for m in conversation["messages"] if m["author"] == "customer")
        if len(texts) >= size:
            break
    return list(islice(texts, size))


def child(size: int, intent_model: str | None) -> None:
    """One scale run in this process (so its peak memory is its own)."""
    stages: dict[str, float] = {}
    started = time.perf_counter()
    texts = demo_texts(size)
    stages["generate"] = time.perf_counter() - started
    from tandemdesk.understand.embeddings import get_embedder
    from tandemdesk.understand.emotion import default_model
    from tandemdesk.understand.training import load_model

    get_embedder("wordllama")
    emotion = default_model()
    model = load_model(Path(intent_model)) if intent_model else None
    baseline = peak_rss_mb()
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1)  # as learn.topics does
    t0 = time.perf_counter()
    calls: list[int] = []

    def scorer(batch: list[str]) -> Any:
        calls.append(len(batch))
        return model.component.predict_proba(batch) if model is not None else None

    topics = TopicModel().fit(texts, scorer if model is not None else None)
    t1 = time.perf_counter()
    step = max(1, -(-len(texts) // DISTRESS_SAMPLE))  # as learn.topics reads distress
    for start in range(0, len(texts), 10_000 * step):
        emotion.distress(texts[start : start + 10_000 * step : step])
    t2 = time.perf_counter()
    total = t2 - t0
    print(f"{size:,} messages ({'with' if model else 'without'} intent probabilities, "
          f"{sum(calls):,} texts scored): {total:.1f} s = topics {t1 - t0:.1f} + distress of "
          f"{len(texts[::step]):,} {t2 - t1:.1f} ({size / total:,.0f} msg/s), "
          f"{len(topics.topics_)} topics, peak RSS {peak_rss_mb():,.0f} MB (models loaded: "
          f"{baseline:,.0f} MB), {os.cpu_count()} cores", flush=True)  # fmt: skip
    print("  largest topics:", "; ".join(t.label for t in topics.topics_[:8]), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--intent-model", default=None)
    parser.add_argument("--skip-banking77", action="store_true")
    parser.add_argument("--end-to-end", action="store_true")
    parser.add_argument("--child", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        child(args.child, args.intent_model)
        return
    if not args.skip_banking77:
        banking77(args.seeds)
    for size in args.sizes:
        command = [sys.executable, __file__, "--child", str(size)]
        if args.intent_model:
            command += ["--intent-model", args.intent_model]
        subprocess.run(command, check=True)
    if args.end_to_end:
        end_to_end()


def end_to_end() -> None:
    """``tandemdesk topics --json --assignments`` on the configured workspace."""
    import json

    started = time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-m", "tandemdesk", "topics", "--json", "--assignments"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    seconds = time.perf_counter() - started
    report = json.loads(run.stdout)
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"tandemdesk topics --json --assignments: {report['messages']:,} customer messages "
          f"in {seconds:.1f} s ({report['messages'] / seconds:,.0f} msg/s), "
          f"{len(report['topics'])} topics, {len(report['alerts'])} alerts, "
          f"{len(report['knowledge_gaps'])} gaps, peak RSS {child_mb:,.0f} MB, "
          f"{os.cpu_count()} cores")  # fmt: skip


if __name__ == "__main__":
    main()
