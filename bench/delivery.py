"""Delivery (issue 14): how fast ``tandemdesk worker`` empties the outbox to a local SMTP
server and a local webhook receiver, the delay from a recorded reply (the decision) to its
arrival, and ``kill -9`` of the worker during 1,000 replies.

    .venv/bin/python bench/delivery.py [--messages 1000] [--runs 3] [--backends sqlite postgresql]
                                       [--rate 20] [--seconds 10] [--no-kill]

- ``throughput``: ``--messages`` replies (100 e-mail conversations) or webhook events are
  stored, then one ``tandemdesk worker`` process (default settings: batches of 20, 4 sending
  threads) sends them; messages/s between the first and the last arrival, median of runs.
- ``delay``: replies recorded at ``--rate`` a second for ``--seconds`` while the worker runs
  (woken by NOTIFY on PostgreSQL, polling every 0.2 s on SQLite), and the same with the
  delivery thread of ``serve`` (woken by the reply's own event); arrival time minus the
  delivery's creation time, p50/p99.
- ``kill``: ``--messages`` replies, the worker killed with SIGKILL after a third arrived, a new
  worker started; every reply must arrive, repeats (same Message-ID) are counted.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from sqlalchemy import func, select

sys.path.insert(0, str(Path(__file__).parent))
from databases import fresh_database
from http_load import free_port
from timing import percentile

from tandemdesk import actions
from tandemdesk.channels import outbox, webhooks
from tandemdesk.channels.worker import InProcessDelivery
from tandemdesk.config import Settings
from tandemdesk.db import transaction
from tandemdesk.models import Conversation, Customer, Delivery, Message
from tandemdesk.timeutil import utcnow
from tandemdesk.workspace import Workspace, init_workspace

MESSAGE_ID = re.compile(rb"^Message-ID: <([^>]+)>", re.MULTILINE | re.IGNORECASE)
SECRET = "whsec_bench_secret_0123456789"


class Mailbox:
    """aiosmtpd handler: the arrival time of every Message-ID."""

    def __init__(self) -> None:
        self.arrivals: list[tuple[str, float]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        found = MESSAGE_ID.search(envelope.content)
        self.arrivals.append((found.group(1).decode() if found else "?", time.time()))
        return "250 OK"


def webhook_receiver() -> tuple[ThreadingHTTPServer, list[tuple[str, float]], str]:
    arrivals: list[tuple[str, float]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            if webhooks.verify(SECRET, body, self.headers["Tandemdesk-Signature"]):
                arrivals.append((self.headers["Tandemdesk-Delivery"], time.time()))
            self.send_response(204)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, arrivals, f"http://127.0.0.1:{server.server_address[1]}/hook"


def conversations(workspace: Workspace, n: int, run: str) -> list[int]:
    """``n`` e-mail conversations, each opened by a customer's mail."""
    now = utcnow()
    ids = []
    with transaction(workspace.sessions) as session:
        for i in range(n):
            customer = Customer(email=f"c{run}-{i}@example.org", name=f"Customer {i}",
                                attributes={}, created_at=now)  # fmt: skip
            conversation = Conversation(customer=customer, channel="email", subject=f"Order {i}",
                                        status="open", source="bench", labels={},
                                        created_at=now, updated_at=now)  # fmt: skip
            first = Message(
                conversation=conversation, author="customer", text="Where is it?", sent_at=now,
                channel="email", external_id=f"m{run}-{i}@cust.example", dedup_key=f"{run}-{i}",
                attachments=[], meta={}, attempts=0,
            )  # fmt: skip
            session.add(first)
            session.flush()
            ids.append(int(conversation.id))
    return ids


def replies(workspace: Workspace, n: int, run: str) -> None:
    targets = conversations(workspace, 100, run)
    for i in range(n):
        actions.do_reply(workspace, targets[i % len(targets)], f"Reply {i} of run {run}.")


def events(workspace: Workspace, n: int) -> None:
    with transaction(workspace.sessions) as session:
        happened = [("decision.made", {"message_id": i, "conversation_id": i}) for i in range(n)]
        outbox.enqueue_events(session, happened, utcnow())


def unsent(workspace: Workspace) -> int:
    with workspace.sessions() as session:
        return int(session.scalar(
            select(func.count()).select_from(Delivery).where(Delivery.status != "sent")
        ) or 0)  # fmt: skip


def start_worker(env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "tandemdesk", "worker", "--no-recover"],
                            env=env, stdout=subprocess.DEVNULL)  # fmt: skip


def wait(condition: Any, timeout: float = 300) -> None:
    until = time.monotonic() + timeout
    while not condition() and time.monotonic() < until:
        time.sleep(0.02)


def rate(arrivals: list[tuple[str, float]]) -> float:
    times = sorted(t for _, t in arrivals)
    return (len(times) - 1) / (times[-1] - times[0]) if len(times) > 1 else 0.0


def drained_by_worker(workspace: Workspace, env: dict[str, str]) -> None:
    worker = start_worker(env)
    try:
        wait(lambda: unsent(workspace) == 0)
    finally:
        worker.terminate()
        worker.wait(30)


def delays(workspace: Workspace, arrivals: list[tuple[str, float]], smtp: bool) -> list[float]:
    with workspace.sessions() as session:
        made = {key: created.timestamp() for key, created in
                session.execute(select(Delivery.key, Delivery.created_at))}  # fmt: skip
    out = []
    for ident, arrived in arrivals:
        key = ident.removeprefix("td-").split("@")[0] if smtp else ident
        if key in made:
            out.append((arrived - made[key]) * 1000)
    return sorted(out)


def produce(workspace: Workspace, per_second: float, seconds: float, run: str) -> int:
    targets = conversations(workspace, 20, run)
    n = int(per_second * seconds)
    started = time.monotonic()
    for i in range(n):
        wait(lambda i=i: time.monotonic() >= started + i / per_second, 5)
        actions.do_reply(workspace, targets[i % len(targets)], f"Live reply {i}.")
    return n


def one_backend(backend: str, args: argparse.Namespace, workdir: Path) -> None:
    url = fresh_database(backend, workdir, "tandemdesk_bench_delivery")
    mailbox = Mailbox()
    smtp_port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    server, hook_arrivals, hook_url = webhook_receiver()
    env = {**os.environ, "TANDEMDESK_DATABASE_URL": url,
           "TANDEMDESK_WORKSPACE_DIR": str(workdir / f"ws-{backend}"),
           "TANDEMDESK_SMTP_URL": f"smtp://127.0.0.1:{smtp_port}",
           # local servers answer at once: short timeouts keep the lease (which must outlast
           # a batch of timeouts) short, so the worker after the kill starts within seconds
           "TANDEMDESK_SMTP_TIMEOUT": "1", "TANDEMDESK_WEBHOOK_TIMEOUT": "1",
           "TANDEMDESK_DELIVERY_LEASE_SECONDS": "5"}  # fmt: skip
    settings = Settings(database_url=url, workspace_dir=workdir / f"ws-{backend}",
                        smtp_url=env["TANDEMDESK_SMTP_URL"])  # fmt: skip
    workspace = init_workspace(settings)
    cores = os.cpu_count()
    n = args.messages

    smtp_rates, hook_rates = [], []
    for run in range(args.runs):
        mailbox.arrivals.clear()
        replies(workspace, n, f"t{run}")
        drained_by_worker(workspace, env)
        assert len({i for i, _ in mailbox.arrivals}) == n, len(mailbox.arrivals)
        smtp_rates.append(rate(mailbox.arrivals))
    with transaction(workspace.sessions) as session:
        hook = webhooks.create(session, hook_url, ["decision.made"], SECRET, "bench", utcnow())
        hook_id = hook.id
    outbox.forget_subscriptions()
    for _ in range(args.runs):
        hook_arrivals.clear()
        events(workspace, n)
        drained_by_worker(workspace, env)
        assert len({i for i, _ in hook_arrivals}) == n, len(hook_arrivals)
        hook_rates.append(rate(hook_arrivals))
    with transaction(workspace.sessions) as session:
        webhooks.delete(session, hook_id, utcnow())
    outbox.forget_subscriptions()
    print(
        f"delivery_smtp {backend}: {statistics.median(smtp_rates):.0f} msg/s to a local SMTP "
        f"server ({n} replies, 1 worker, 4 threads, median of {args.runs}; {cores} cores)"
    )
    print(
        f"delivery_webhook {backend}: {statistics.median(hook_rates):.0f} msg/s to a local "
        f"webhook receiver ({n} signed events, median of {args.runs}; {cores} cores)"
    )

    # delay: a worker process polling, then serve's woken thread
    mailbox.arrivals.clear()
    worker = start_worker(env)
    replies(workspace, 1, "warm")  # measure once the worker runs, not its start-up
    wait(lambda: unsent(workspace) == 0, 120)
    mailbox.arrivals.clear()
    made = produce(workspace, args.rate, args.seconds, "d1")
    wait(lambda: unsent(workspace) == 0, 60)
    worker.terminate()
    worker.wait(30)
    polled = delays(workspace, mailbox.arrivals, smtp=True)
    woken_by = "NOTIFY" if backend == "postgresql" else "polling every 0.2 s"
    mailbox.arrivals.clear()
    inproc = InProcessDelivery(workspace)
    inproc.start()
    produce(workspace, args.rate, args.seconds, "d2")
    wait(lambda: unsent(workspace) == 0, 60)
    inproc.close()
    woken = delays(workspace, mailbox.arrivals, smtp=True)
    print(
        f"delivery_delay_worker {backend}: p50 {percentile(polled, 0.5):.0f} ms, "
        f"p99 {percentile(polled, 0.99):.0f} ms from recorded reply to arrival at SMTP "
        f"({made} replies at {args.rate:g}/s, `tandemdesk worker`: {woken_by})"
    )
    print(
        f"delivery_delay_serve {backend}: p50 {percentile(woken, 0.5):.0f} ms, "
        f"p99 {percentile(woken, 0.99):.0f} ms (the same, sent by serve's delivery thread, "
        "woken by the reply)"
    )

    if not args.no_kill:
        mailbox.arrivals.clear()
        replies(workspace, n, "kill")
        with workspace.sessions() as session:
            expected = set(session.scalars(select(Delivery.key).where(Delivery.status != "sent")))
        first = start_worker(env)
        wait(lambda: len(mailbox.arrivals) >= n // 3, 120)
        first.kill()
        first.wait()
        at_kill = len(mailbox.arrivals)
        drained_by_worker(workspace, env)
        got = Counter(i.removeprefix("td-").split("@")[0] for i, _ in mailbox.arrivals)
        missing = len(expected - set(got))
        repeats = sum(c - 1 for c in got.values())
        print(
            f"delivery_kill {backend}: {len(set(got) & expected)} of {len(expected)} replies "
            f"delivered after kill -9 at {at_kill}, missing {missing}, repeats {repeats} "
            f"(each under its own Message-ID, dropped by the receiver)"
        )
    controller.stop()
    server.shutdown()
    workspace.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--rate", type=float, default=20.0)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--no-kill", action="store_true")
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgresql"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        for backend in args.backends:
            one_backend(backend, args, Path(workdir))


if __name__ == "__main__":
    main()
