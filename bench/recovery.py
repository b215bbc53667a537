"""Recovery of crash leftovers (``recovery.py``): how fast messages a crash left pending are
handled again, by one recoverer and by two at once (as two server workers would), that no
message is claimed twice, and what an idle round (nothing waiting) costs a server every
interval.

    .venv/bin/python bench/recovery.py [--messages 1000] [--runs 3] [--backends sqlite postgresql]

Each run stores ``--messages`` live messages in bursts of 100 with an understanding stage
that dies after the store (what ``kill -9`` leaves: ``pending``), ends their leases, and
times ``recover_all``.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, select, update

sys.path.insert(0, str(Path(__file__).parent))
from databases import fresh_database

from tandemdesk.config import Settings
from tandemdesk.db import transaction
from tandemdesk.listen.delivery import Delivery
from tandemdesk.listen.records import CustomerRef, MessageRecord
from tandemdesk.models import Decision, Message
from tandemdesk.orchestrator import Orchestrator
from tandemdesk.recovery import RecoveryReport, recover_all, recover_pending
from tandemdesk.timeutil import utcnow
from tandemdesk.understand.pipeline import Pipeline, Understanding
from tandemdesk.workspace import Workspace, init_workspace

TEXTS = ["where is my order?", "I forgot my password", "the lamp arrived broken, I am upset",
         "can I get a refund for the jacket", "my parcel is late again"]  # fmt: skip


class Crash(BaseException):
    """The process dying between the store and the answer."""


class Crashing(Pipeline):
    def understand(self, texts: Sequence[str]) -> list[Understanding]:
        raise Crash


def leave_pending(orchestrator: Orchestrator, n: int, run: int) -> None:
    working = orchestrator.pipeline
    orchestrator.pipeline = Crashing()
    for start in range(0, n, 100):
        burst = [
            Delivery(
                customer=CustomerRef(email=f"r{run}-c{i}@example.org"),
                message=MessageRecord(text=f"{TEXTS[i % len(TEXTS)]} ({run}-{i})"),
                channel="chat",
            )
            for i in range(start, min(n, start + 100))
        ]
        with contextlib.suppress(Crash):  # stored, then the "process" died
            orchestrator.handle_many(burst)
    orchestrator.pipeline = working
    with transaction(orchestrator.workspace.sessions) as session:
        session.execute(
            update(Message)
            .where(Message.handling == "pending")
            .values(retry_at=utcnow() - timedelta(seconds=1))
        )


def decided(workspace: Workspace) -> int:
    with workspace.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(Decision)) or 0)


def one_backend(backend: str, n: int, runs: int, workdir: Path) -> None:
    url = fresh_database(backend, workdir, "tandemdesk_bench_recovery")
    settings = Settings(
        database_url=url, workspace_dir=workdir / f"ws-{backend}", understanding_helper=False
    )
    workspace = init_workspace(settings)
    first = Orchestrator(workspace)
    second = Orchestrator(workspace, pipeline=first.pipeline)
    first.handle(  # warm: models, knowledge base
        Delivery(customer=CustomerRef(email="warm@example.org"),
                 message=MessageRecord(text="hello, where is my order?"), channel="chat")
    )  # fmt: skip
    one: list[float] = []
    two: list[float] = []
    twice = 0
    for run in range(runs):
        leave_pending(first, n, 2 * run)
        before = decided(workspace)
        started = time.perf_counter()
        report = recover_all(first)
        one.append(len(report.handled) / (time.perf_counter() - started))
        assert decided(workspace) - before == n == len(report.handled), report.to_dict()

        leave_pending(first, n, 2 * run + 1)
        before = decided(workspace)
        reports: list[RecoveryReport] = []

        def recover(orchestrator: Orchestrator, into: list[RecoveryReport] = reports) -> None:
            into.append(recover_all(orchestrator))

        threads = [threading.Thread(target=recover, args=(o,)) for o in (first, second)]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        two.append(n / (time.perf_counter() - started))
        handled = [i for r in reports for i in r.handled]
        twice += len(handled) - len(set(handled))
        assert decided(workspace) - before == n == len(set(handled))
    idle = []
    for _ in range(50):
        started = time.perf_counter()
        recover_pending(first)
        idle.append((time.perf_counter() - started) * 1000)
    cores = os.cpu_count()
    print(f"recovery_one {backend}: {statistics.median(one):.0f} msg/s recovered "
          f"({n} crash leftovers, median of {runs}; {cores} cores)")  # fmt: skip
    print(f"recovery_two {backend}: {statistics.median(two):.0f} msg/s with two recoverers at "
          f"once; claimed twice: {twice} (of {n * runs})")  # fmt: skip
    print(f"recovery_idle {backend}: {statistics.median(idle):.2f} ms per round with nothing "
          f"waiting (median of 50)")  # fmt: skip
    first.close()
    second.close()
    workspace.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgresql"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        for backend in args.backends:
            one_backend(backend, args.messages, args.runs, Path(workdir))


if __name__ == "__main__":
    main()
