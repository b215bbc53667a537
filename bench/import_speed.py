"""Import throughput into SQLite and PostgreSQL, and memory as the file grows.

Generates a history with the demo generator (``iter_history``), writes it as JSONL, then
imports it through the same code path as ``tandemdesk import conversations`` into a fresh
database. Each import runs in its own process so its peak memory (max RSS) is its own.

    .venv/bin/python bench/import_speed.py                       # 100,000 conversations
    .venv/bin/python bench/import_speed.py --sizes 10000 100000  # memory flatness check
    .venv/bin/python bench/import_speed.py --backends sqlite

PostgreSQL uses TANDEMDESK_BENCH_POSTGRES_URL (default: the local server, database ``test``);
the benchmark creates and drops its own database there.
Targets (issue 2): ≥ 5,000 messages/s into SQLite, ≥ 2,000 messages/s into PostgreSQL, with
peak memory flat in the file size.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

from databases import fresh_database


def write_history(path: Path, n: int, seed: int) -> int:
    from tandemdesk.demo.generator import iter_history

    messages = 0
    with path.open("w", encoding="utf-8") as handle:
        for conversation in islice(iter_history(n, seed), n):
            messages += len(conversation["messages"])
            handle.write(json.dumps(conversation, ensure_ascii=False) + "\n")
    return messages


def child(url: str, path: str) -> None:
    """Runs in a subprocess: one import, prints its figures as JSON."""
    from tandemdesk.config import Settings
    from tandemdesk.listen.imports import import_conversations
    from tandemdesk.workspace import init_workspace

    workspace = init_workspace(Settings(database_url=url, workspace_dir=Path(path).parent / "ws"))
    started = time.perf_counter()
    summary = import_conversations(workspace, Path(path))
    elapsed = time.perf_counter() - started
    workspace.close()
    result = summary.to_dict()
    print(
        json.dumps(
            {
                "seconds": elapsed,
                "conversations": result["imported"],
                "messages": result["messages"],
                "rejected": result["rejected_total"],
                "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgresql"])
    parser.add_argument(
        "--runs", type=int, default=1, help="repeat each import; the median is printed"
    )
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--child", nargs=2, metavar=("URL", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    cores = os.cpu_count()
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        for size in args.sizes:
            history = workdir / f"history-{size}.jsonl"
            started = time.perf_counter()
            total_messages = write_history(history, size, args.seed)
            print(
                f"generated {size:,} conversations / {total_messages:,} messages "
                f"({history.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - started:.1f}s"
            )
            for backend in args.backends:
                runs = []
                for _ in range(args.runs):
                    url = fresh_database(backend, workdir, "tandemdesk_bench")
                    output = subprocess.run(
                        [sys.executable, __file__, "--child", url, str(history)],
                        check=True,
                        capture_output=True,
                        text=True,
                    ).stdout
                    runs.append(json.loads(output.strip().splitlines()[-1]))
                runs.sort(key=lambda r: r["seconds"])
                r = runs[len(runs) // 2]
                print(
                    f"import_speed backend={backend} conversations={r['conversations']:,} "
                    f"messages={r['messages']:,} seconds={r['seconds']:.1f} "
                    f"conversations_per_s={r['conversations'] / r['seconds']:,.0f} "
                    f"messages_per_s={r['messages'] / r['seconds']:,.0f} "
                    f"peak_rss_mb={r['max_rss_mb']:.0f} rejected={r['rejected']} cores={cores}"
                )
            history.unlink()


if __name__ == "__main__":
    main()
