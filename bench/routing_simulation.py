"""The routing simulation on the demo shop: how evenly hard contacts are spread, and who waits.

Builds a fresh demo workspace (``init --demo``: its traffic, its team with their shifts, the
shop's hours and first-reply targets) unless ``--database-url`` / ``--workspace-dir`` name an
existing one, then replays its traffic through ``tandemdesk simulate routing`` (the same
code, ``people.replay.simulate_routing``) in two scenarios and prints one line per figure:

1. **The demo as it is** — the whole year of its traffic (``--days 365``), at its own volume,
   with its team on their shifts. Targets: Gini of distressed contacts per agent ≤ 0.15 with
   balanced routing and at least 2× lower than least-busy.
2. **Short of seats** — the last 30 days at ``--busy-volume`` (3) times the traffic, each
   agent working one conversation at a time (an ``--agents`` file with capacity 1): the
   condition in which the waiting list's order matters. Target: distressed customers'
   median wait ≤ 0.5× calm customers'. (At the demo's own volume nobody waits for a seat —
   fifteen agents for about seven conversations a day — so both medians are 0 s there and
   the ratio says nothing; that scenario prints them anyway.)

    .venv/bin/python bench/routing_simulation.py [--busy-volume 3]
        [--database-url URL --workspace-dir DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import select

STRATEGIES = ("balanced", "least-busy", "round-robin")


def _workspace(url: str | None, folder: str | None, scratch: Path) -> Any:
    from tandemdesk.config import Settings
    from tandemdesk.workspace import init_workspace

    if url and folder:
        return init_workspace(Settings(database_url=url, workspace_dir=Path(folder)))
    from tandemdesk.demo.load import load_demo

    settings = Settings(
        database_url=f"sqlite:///{scratch / 'demo.db'}", workspace_dir=scratch / "ws"
    )
    workspace = init_workspace(settings)
    started = time.perf_counter()
    load_demo(workspace, scratch / "ws" / "demo", seed=7)
    print(f"demo workspace built in {time.perf_counter() - started:.0f} s (init --demo, seed 7)")
    return workspace


def _one_seat_each(workspace: Any, path: Path) -> Path:
    """The workspace's team with their shifts, each working one conversation at a time."""
    from tandemdesk.models import Agent

    with workspace.sessions() as session:
        rows = [
            {"external_id": a.external_id, "name": a.name, "role": a.role, "skills": a.skills,
             "languages": a.languages, "capacity": min(a.capacity, 1), "active": a.active,
             "shift": a.shift}
            for a in session.scalars(select(Agent))
        ]  # fmt: skip
    path.write_text(json.dumps(rows), encoding="utf-8")
    return path


def _print(label: str, result: dict[str, Any], cores: int) -> None:
    s = result["strategies"]
    b, lb, rr = s["balanced"], s["least-busy"], s["round-robin"]
    period = f"{str(result['since'])[:10]}..{str(result['until'])[:10]}"
    where = (f"{label}: {result['to_people']:,} conversations to people of "
             f"{result['conversations']:,}, {period}, {result['agents']} agents, "
             f"volume x{result['volume']:g}, {cores} cores")  # fmt: skip
    print(where)
    for name, figures in s.items():
        print(
            f"  {name:<11} gini_distressed {figures['gini_distressed']:.3f}  gini_abusive "
            f"{figures['gini_abusive']:.3f}  max_hourly_exposure {figures['max_hourly_exposure']:g}"
            f"  distressed_median_wait_s {figures['distressed_median_wait_s']:.0f}  "
            f"calm_median_wait_s {figures['calm_median_wait_s']:.0f}  distressed_mean_wait_s "
            f"{figures['distressed_mean_wait_s']:.0f}  calm_mean_wait_s "
            f"{figures['calm_mean_wait_s']:.0f}  sla_breaches {figures['sla_breaches']}"
        )
    ratio = lb["gini_distressed"] / b["gini_distressed"] if b["gini_distressed"] else float("inf")
    print(f"  gini_distressed balanced {b['gini_distressed']:.3f} (target <= 0.15: "
          f"{'met' if b['gini_distressed'] <= 0.15 else 'NOT met'}); least-busy / balanced "
          f"{ratio:.2f}x (target >= 2: {'met' if ratio >= 2 else 'NOT met'}); round-robin "
          f"{rr['gini_distressed']:.3f}")  # fmt: skip
    d, c = b["distressed_median_wait_s"], b["calm_median_wait_s"]
    verdict = ("both 0 s: nobody waited for a seat in the median case" if d == c == 0
               else f"{d / c:.2f}x (target <= 0.5: {'met' if d <= 0.5 * c else 'NOT met'})" if c
               else "calm 0 s")  # fmt: skip
    print(f"  distressed / calm median wait, balanced: {verdict}; least-busy "
          f"{lb['distressed_median_wait_s']:.0f} s / {lb['calm_median_wait_s']:.0f} s")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url")
    parser.add_argument("--workspace-dir")
    parser.add_argument("--busy-volume", type=float, default=3.0)
    args = parser.parse_args()
    from tandemdesk.people.replay import simulate_routing

    cores = len(os.sched_getaffinity(0))
    with tempfile.TemporaryDirectory(prefix="routing-sim-") as scratch:
        workspace = _workspace(args.database_url, args.workspace_dir, Path(scratch))
        started = time.perf_counter()
        year = simulate_routing(workspace, days=365, strategies=STRATEGIES)
        print(f"(replayed in {time.perf_counter() - started:.0f} s)")
        _print("demo as it is, a year", year, cores)
        month = simulate_routing(workspace, days=30, strategies=STRATEGIES)
        _print("demo as it is, the last 30 days", month, cores)
        agents = _one_seat_each(workspace, Path(scratch) / "one-seat.json")
        busy = simulate_routing(workspace, days=30, agents_file=agents, strategies=STRATEGIES,
                                volume=args.busy_volume)  # fmt: skip
        _print("short of seats, the last 30 days", busy, cores)
        workspace.close()


if __name__ == "__main__":
    main()
