"""Issue 17's password-guessing check, against ``tandemdesk serve --workers 2`` on loopback.

Ordinary traffic — ``--clients`` integrations posting live messages at ``--rate`` per second
in all (paced, keep-alive) — is timed for ``--seconds`` three ways:

1. alone (the baseline);
2. while 16 guessers (another process, 16 threads) post wrong passwords for a real account to
   ``POST /v1/session`` as fast as they get answers, with the default throttle;
3. the same guessers with the throttle switched off (limits of 10^9), so every guess runs
   scrypt: what the hashing pool alone holds back.

Printed per phase: p50/p99 of the ordinary requests and their errors, the guessers' answers
(401, 429), and the p99 ratio against the baseline. Then, on the unthrottled server, the
timing of a wrong password for a known and for an unknown username (``--probes`` each,
alternating, one at a time): medians and the difference — the dummy hash makes them equal.

    .venv/bin/python bench/login_guessing.py [--seconds 15] [--rate 20] [--clients 4]
        [--backends sqlite postgresql] [--workers 2]

Before this work (issue 17): p99 71 → 998 ms with 16 guessers; unknown user 2.7 ms, known
42.6 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from itertools import islice
from pathlib import Path

import httpx
from databases import fresh_database
from http_load import start_server, stop_server
from sqlalchemy import delete
from timing import percentile

from tandemdesk.accounts import create_token, create_user
from tandemdesk.config import Settings
from tandemdesk.demo.stream import live_messages
from tandemdesk.models import LoginThrottle
from tandemdesk.workspace import init_workspace

USER, PASSWORD = "lea@example.org", "the right password"
GUESSERS = 16
LOG = {"TANDEMDESK_LOG_LEVEL": "warning"}
OFF = {"TANDEMDESK_LOGIN_MAX_FAILURES": "1000000000",
       "TANDEMDESK_LOGIN_ADDRESS_MAX_FAILURES": "1000000000"}  # fmt: skip


async def ordinary(
    base: str, token: str, seconds: float, rate: float, clients: int
) -> dict[str, float]:
    """Paced message posts: each client sends one every ``clients / rate`` seconds."""
    bodies = iter(list(islice(live_messages(seed=99), 100_000)))
    latencies: list[float] = []
    errors = 0
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=base, headers=headers, timeout=60) as client:
        stop = time.perf_counter() + seconds
        gap = clients / rate

        async def one(offset: float) -> None:
            nonlocal errors
            due = time.perf_counter() + offset
            while due < stop:
                await asyncio.sleep(max(0.0, due - time.perf_counter()))
                started = time.perf_counter()
                try:
                    response = await client.post("/v1/messages", json=next(bodies))
                    errors += response.status_code not in (200, 201)
                except httpx.HTTPError:
                    errors += 1
                latencies.append((time.perf_counter() - started) * 1000)
                due += gap

        await asyncio.gather(*(one(i * gap / clients) for i in range(clients)))
    return {"n": len(latencies), "errors": errors, "p50": statistics.median(latencies),
            "p99": percentile(latencies, 0.99)}  # fmt: skip


def guess(base: str, seconds: float) -> None:
    """The guessers' process: 16 threads, wrong passwords for a real account, back to back;
    prints the answers' status counts as one line."""
    answers: Counter[int] = Counter()
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def guesser(n: int) -> None:
        with httpx.Client(base_url=base, timeout=60) as client:
            i = 0
            while time.monotonic() < stop:
                i += 1
                body = {"username": USER, "password": f"guess-{n}-{i}"}
                try:
                    status = client.post("/v1/session", json=body).status_code
                except httpx.HTTPError:
                    status = 0
                with lock:
                    answers[status] += 1

    threads = [threading.Thread(target=guesser, args=(n,)) for n in range(GUESSERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(" ".join(f"{status}={count}" for status, count in sorted(answers.items())))


def phase(
    base: str, token: str, args: argparse.Namespace, guessers: bool
) -> tuple[dict[str, float], str]:
    """Ordinary traffic for ``args.seconds``, with the guessers' process beside it or not."""
    other = None
    if guessers:
        other = subprocess.Popen(
            [sys.executable, __file__, "--guess", base, "--seconds", str(args.seconds)],
            stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        time.sleep(1.0)  # let them get going
    result = asyncio.run(ordinary(base, token, args.seconds, args.rate, args.clients))
    answers = other.communicate(timeout=120)[0].strip() if other else "-"
    return result, answers


def probe_timing(base: str, probes: int) -> tuple[float, float]:
    """Median ms of a wrong password for the known user and for unknown ones (alternating)."""
    known: list[float] = []
    unknown: list[float] = []
    with httpx.Client(base_url=base, timeout=60) as client:
        for i in range(probes * 2 + 4):
            name = USER if i % 2 == 0 else f"nobody-{i}@example.org"
            started = time.perf_counter()
            client.post("/v1/session", json={"username": name, "password": "wrong"})
            if i >= 4:  # the first few warm the hashing pool and connections
                (known if i % 2 == 0 else unknown).append((time.perf_counter() - started) * 1000)
    return statistics.median(known), statistics.median(unknown)


def forget_failures(url: str, workdir: Path) -> None:
    workspace = init_workspace(Settings(database_url=url, workspace_dir=workdir / "ws"))
    with workspace.sessions.begin() as session:
        session.execute(delete(LoginThrottle))
    workspace.close()


def run(backend: str, args: argparse.Namespace, workdir: Path) -> None:
    url = fresh_database(backend, workdir, "tandemdesk_bench_login")
    workspace = init_workspace(Settings(database_url=url, workspace_dir=workdir / "ws"))
    create_user(workspace, USER, PASSWORD, "supervisor")
    token = create_token(workspace, "integration", "ordinary traffic")
    workspace.close()
    cores = os.cpu_count()
    line = f"({backend}, serve --workers {args.workers}, {cores} cores, {args.rate:g} msg/s)"
    server, base = start_server(url, workdir / "ws", args.workers, workdir, LOG)
    try:
        asyncio.run(ordinary(base, token, 3.0, args.rate, args.clients))  # warm-up
        alone, _ = phase(base, token, args, guessers=False)
        throttled, answers = phase(base, token, args, guessers=True)
    finally:
        stop_server(server)
    forget_failures(url, workdir)  # phase 2 locked the account; start phase 3 afresh
    server, base = start_server(url, workdir / "ws", args.workers, workdir, {**LOG, **OFF})
    try:
        asyncio.run(ordinary(base, token, 3.0, args.rate, args.clients))
        unthrottled, open_answers = phase(base, token, args, guessers=True)
        known, unknown = probe_timing(base, args.probes)
    finally:
        stop_server(server)
    phases = (("alone", alone, "-"), ("16_guessers", throttled, answers),
              ("16_guessers_no_throttle", unthrottled, open_answers))  # fmt: skip
    for name, result, guesses in phases:
        print(f"login_guessing.{name}: p50 {result['p50']:.1f} ms, p99 {result['p99']:.1f} ms, "
              f"p99 x{result['p99'] / alone['p99']:.2f} of alone, errors {result['errors']} of "
              f"{result['n']}; guessers' answers {guesses} {line}")  # fmt: skip
    print(f"login_timing: wrong password, known user {known:.1f} ms, unknown user "
          f"{unknown:.1f} ms (median of {args.probes} each), difference {known - unknown:+.1f} "
          f"ms, ratio {known / unknown:.2f} {line}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--rate", type=float, default=20.0, help="ordinary messages a second")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--probes", type=int, default=40)
    parser.add_argument("--backends", nargs="+", default=["sqlite"])
    parser.add_argument("--guess", help=argparse.SUPPRESS)  # the guessers' own process
    args = parser.parse_args()
    if args.guess:
        guess(args.guess, args.seconds)
        return
    with tempfile.TemporaryDirectory(prefix="tandemdesk-login-bench-") as tmp:
        for backend in args.backends:
            run(backend, args, Path(tmp))


if __name__ == "__main__":
    main()
