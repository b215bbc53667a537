"""Issue 5's load check: sustained ``POST /v1/messages`` against ``tandemdesk serve`` on
loopback, from a second process, for ``--seconds`` per backend. The client is ``wrk``
(``apt-get install -y wrk``: C, light, so the server gets the CPU it would have in
production); without it, httpx in this process (which takes a good share of a core).

For each backend a fresh demo workspace is built (``init --demo``), an integration token
created, and ``tandemdesk serve`` started as its own process. Then ``--concurrency`` clients
post the demo stream's messages (demo-style opening messages from known and new customers)
back to back, each waiting for its answer (a closed loop, keep-alive connections), for the
whole duration after a short warm-up. ``tandemdesk serve --workers N`` (default 2: both
cores) serves. Printed: messages/s, p50/p99 latency as the client saw
it, errors (any status other than 201/200 or a failed connection), and the server's mean
batch size. The load generator shares the 2 cores with the server.

    .venv/bin/python bench/http_load.py [--seconds 60] [--concurrency 8] [--workers 2]
        [--backends sqlite postgresql]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import re
import shutil
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
from timing import percentile

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


WRK_SCRIPT = """
local bodies = {}
for line in io.lines(os.getenv("BODIES")) do bodies[#bodies + 1] = line end
local i = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
request = function()
  i = i + 1
  return wrk.format(nil, "/v1/messages", nil, bodies[(i % #bodies) + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %.3f %.3f\\n", summary.requests, e.status,
    e.connect + e.read + e.write + e.timeout, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000))
end
"""


def wait_ready(
    base: str, server: subprocess.Popen[bytes], stderr: Path, seconds: float = 60.0
) -> None:
    """Return once ``/readyz`` answers 200; poll every 0.3 s after any other answer or a
    failed connection. Raise, with the server's stderr, if it exits or the deadline passes."""

    def failure(reason: str) -> RuntimeError:
        output = stderr.read_text(encoding="utf-8", errors="replace")[-8000:].rstrip()
        return RuntimeError(f"tandemdesk serve {reason}; its stderr:\n{output or '(empty)'}")

    deadline = time.monotonic() + seconds
    last = "no answer yet"
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise failure(f"exited with code {server.returncode} before it was ready")
        try:
            response = httpx.get(f"{base}/readyz", timeout=2)
            if response.status_code == 200:
                return
            last = f"HTTP {response.status_code}"
        except httpx.HTTPError as e:
            last = f"{type(e).__name__}: {e}"
        time.sleep(0.3)
    raise failure(f"not ready after {seconds:.0f} s (last /readyz: {last})")


def start_server(
    url: str, workspace_dir: Path, workers: int, workdir: Path, extra: dict[str, str] | None = None
) -> tuple[subprocess.Popen[bytes], str]:
    """Start ``tandemdesk serve`` on a free port and return it with its base URL once ready.

    Shared by the HTTP benches so each starts, waits for and stops the server the same way.
    stderr goes to a file in ``workdir``, not a pipe: nobody drains a pipe during the run (a
    full one would stall the server), and a file can be read while the server still runs. A
    server that never gets ready is stopped before the error is raised, not left running.
    """
    port = free_port()
    env = {**os.environ, "TANDEMDESK_DATABASE_URL": url,
           "TANDEMDESK_WORKSPACE_DIR": str(workspace_dir), **(extra or {})}  # fmt: skip
    stderr = workdir / f"serve-{port}.stderr"
    with stderr.open("wb") as sink:
        server = subprocess.Popen(
            [sys.executable, "-m", "tandemdesk", "serve", "--port", str(port),
             "--workers", str(workers)],
            env=env, stdout=subprocess.DEVNULL, stderr=sink,
        )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        wait_ready(base, server, stderr)
    except BaseException:
        stop_server(server)
        raise
    return server, base


def stop_server(server: subprocess.Popen[bytes]) -> None:
    """Stop the server as Ctrl-C would, so it shuts down its workers cleanly."""
    server.send_signal(signal.SIGINT)
    server.wait(timeout=30)


def mean_batch(base: str, token: str) -> float:
    text = httpx.get(f"{base}/metrics", headers={"Authorization": f"Bearer {token}"}).text
    count = re.search(r"tandemdesk_handling_batch_size_count (\S+)", text)
    total = re.search(r"tandemdesk_handling_batch_size_sum (\S+)", text)
    return float(total.group(1)) / float(count.group(1)) if count and total else 0.0


def load_with_wrk(
    base: str, token: str, seconds: float, concurrency: int, workdir: Path
) -> dict[str, float]:
    """wrk (C, Debian's package): the lightest client, so the server gets the CPU."""
    bodies = workdir / "bodies.jsonl"
    bodies.write_text(
        "\n".join(json.dumps(b) for b in islice(live_messages(seed=1234), 50_000)) + "\n"
    )
    script = workdir / "post.lua"
    script.write_text(WRK_SCRIPT)
    env = {**os.environ, "BODIES": str(bodies), "TOKEN": token}

    def wrk(duration: float) -> str:
        command = ["wrk", "-t1", f"-c{concurrency}", f"-d{duration:.0f}s", "-s", str(script), base]
        return subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout

    wrk(WARMUP_SECONDS)  # models, caches and connections warm; not measured
    line = next(x for x in wrk(seconds).splitlines() if x.startswith("RESULT"))
    n, status_errors, socket_errors, p50, p99 = (float(x) for x in line.split()[1:])
    return {"n": n, "errors": status_errors + socket_errors, "p50": p50, "p99": p99}


async def load_with_httpx(
    base: str, token: str, seconds: float, concurrency: int
) -> dict[str, float]:
    """Python's httpx when wrk is not installed (it takes a good share of the CPU itself)."""
    next_body = iter(list(islice(live_messages(seed=1234), 50_000)))
    latencies: list[float] = []
    errors = 0
    headers = {"Authorization": f"Bearer {token}"}
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, headers=headers, limits=limits, timeout=30) as c:
        measure_from = time.perf_counter() + WARMUP_SECONDS
        stop = measure_from + seconds

        async def client() -> None:
            nonlocal errors
            while (now := time.perf_counter()) < stop:
                try:
                    response = await c.post("/v1/messages", json=next(next_body))
                    failed = response.status_code not in (200, 201)
                except httpx.HTTPError:
                    failed = True
                if now >= measure_from:
                    latencies.append((time.perf_counter() - now) * 1000)
                    errors += failed

        await asyncio.gather(*(client() for _ in range(concurrency)))
    latencies.sort()
    n = len(latencies)
    return {"n": n, "errors": errors, "p50": statistics.median(latencies),
            "p99": percentile(latencies, 0.99)}  # fmt: skip


def run(backend: str, seconds: float, concurrency: int, workers: int, workdir: Path) -> None:
    url = fresh_database(backend, workdir, "tandemdesk_bench_http")
    settings = Settings(database_url=url, workspace_dir=workdir / f"ws-{backend}")
    workspace = init_workspace(settings)
    load_demo(workspace, workdir / f"demo-{backend}")
    token = create_token(workspace, "integration", "load test")
    workspace.close()
    server, base = start_server(url, settings.workspace_dir, workers, workdir)
    try:
        if shutil.which("wrk"):
            client, result = "wrk", load_with_wrk(base, token, seconds, concurrency, workdir)
        else:
            client = "httpx"
            result = asyncio.run(load_with_httpx(base, token, seconds, concurrency))
        batch = mean_batch(base, token)
    finally:
        stop_server(server)
    print(f"{backend}: {result['n'] / seconds:.0f} messages/s over {seconds:.0f} s "
          f"({concurrency} {client} connections, {workers} server workers), "
          f"p50 {result['p50']:.1f} ms, p99 {result['p99']:.1f} ms, "
          f"errors {result['errors']:.0f} of {result['n']:.0f}, mean batch {batch:.1f}  "
          "(target ≥ 200 msg/s, p99 ≤ 100 ms, 0 errors)")  # fmt: skip


def main() -> None:
    logging.getLogger("httpx").setLevel(logging.WARNING)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2, help="server processes")
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgresql"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for backend in args.backends:
            run(backend, args.seconds, args.concurrency, args.workers, Path(tmp))


if __name__ == "__main__":
    main()
