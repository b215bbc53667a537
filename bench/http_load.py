"""Issue 5's load check: sustained ``POST /v1/messages`` against ``tandemdesk serve`` on
loopback, from this (second) process, for ``--seconds`` per backend.

For each backend a fresh demo workspace is built (``init --demo``), an integration token
created, and ``tandemdesk serve`` started as its own process. Then ``--concurrency`` clients
post the demo stream's messages (demo-style opening messages from known and new customers)
back to back, each waiting for its answer (a closed loop, keep-alive connections), for the
whole duration after a short warm-up. Printed: messages/s, p50/p99 latency as the client saw
it, errors (any status other than 201/200 or a failed connection), and the server's mean
batch size. The load generator shares the 2 cores with the server.

    .venv/bin/python bench/http_load.py [--seconds 60] [--concurrency 8]
        [--backends sqlite postgresql]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

import httpx
from databases import fresh_database

from tandemdesk.accounts import create_token
from tandemdesk.config import Settings
from tandemdesk.demo.load import load_demo
from tandemdesk.demo.stream import live_messages
from tandemdesk.workspace import init_workspace

WARMUP_SECONDS = 3.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def load(base: str, token: str, seconds: float, concurrency: int) -> dict[str, object]:
    bodies = list(islice(live_messages(seed=1234), 50_000))
    latencies: list[float] = []
    errors: list[str] = []
    next_body = iter(bodies)
    headers = {"Authorization": f"Bearer {token}"}
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, headers=headers, limits=limits, timeout=30) as c:
        start = time.perf_counter()
        measure_from = start + WARMUP_SECONDS
        stop = measure_from + seconds

        async def client() -> None:
            while (now := time.perf_counter()) < stop:
                body = next(next_body)
                try:
                    response = await c.post("/v1/messages", json=body)
                    failed = None if response.status_code in (200, 201) else response.text[:200]
                except httpx.HTTPError as error:
                    failed = repr(error)
                done = time.perf_counter()
                if now >= measure_from:
                    latencies.append(done - now)
                    if failed:
                        errors.append(failed)

        await asyncio.gather(*(client() for _ in range(concurrency)))
        metrics = (await c.get("/metrics")).text
    batches = re.search(r"tandemdesk_handling_batch_size_count (\S+)", metrics)
    handled = re.search(r"tandemdesk_handling_batch_size_sum (\S+)", metrics)
    mean_batch = float(handled.group(1)) / float(batches.group(1)) if batches and handled else 0
    return {"latencies": latencies, "errors": errors, "seconds": seconds, "batch": mean_batch}


def run(backend: str, seconds: float, concurrency: int, workdir: Path) -> None:
    url = fresh_database(backend, workdir, "tandemdesk_bench_http")
    settings = Settings(database_url=url, workspace_dir=workdir / f"ws-{backend}")
    workspace = init_workspace(settings)
    load_demo(workspace, workdir / f"demo-{backend}")
    token = create_token(workspace, "integration", "load test")
    workspace.close()
    port = free_port()
    env = {**os.environ, "TANDEMDESK_DATABASE_URL": url,
           "TANDEMDESK_WORKSPACE_DIR": str(settings.workspace_dir)}  # fmt: skip
    server = subprocess.Popen(
        [sys.executable, "-m", "tandemdesk", "serve", "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.3)
        result = asyncio.run(load(base, token, seconds, concurrency))
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
    latencies = sorted(result["latencies"])  # type: ignore[arg-type]
    errors: list[str] = result["errors"]  # type: ignore[assignment]
    n = len(latencies)
    p99 = latencies[min(n - 1, int(0.99 * n))] * 1000 if n else float("nan")
    print(f"{backend}: {n / seconds:.0f} messages/s over {seconds:.0f} s "
          f"({concurrency} concurrent clients), p50 {statistics.median(latencies) * 1000:.1f} ms, "
          f"p99 {p99:.1f} ms, errors {len(errors)} of {n}, "
          f"mean batch {result['batch']:.1f}  (target ≥ 200 msg/s, p99 ≤ 100 ms, "
          "0 errors)")  # fmt: skip
    for error in errors[:3]:  # the first few, to see what went wrong
        print(f"  error: {error}")


def main() -> None:
    logging.getLogger("httpx").setLevel(logging.WARNING)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgresql"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for backend in args.backends:
            run(backend, args.seconds, args.concurrency, Path(tmp))


if __name__ == "__main__":
    main()
