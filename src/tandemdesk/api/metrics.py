"""Prometheus metrics: requests and their latency per route, decisions by action, batch
sizes, and open conversations per queue (read from the store at scrape time, so the gauge is
right even after a restart or with several servers).

Each app has its own registry, so tests can build many apps in one process.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest, multiprocess
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tandemdesk.failed_messages import counts
from tandemdesk.learn.insights import open_by_queue
from tandemdesk.workspace import Workspace

MULTIPROCESS_ENV = "PROMETHEUS_MULTIPROC_DIR"  # set by ``serve --workers N``
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)


class _QueueSizes(Collector):
    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace

    def collect(self) -> Iterator[GaugeMetricFamily]:
        gauge = GaugeMetricFamily(
            "tandemdesk_open_conversations", "Open conversations per queue", labels=["queue"]
        )
        with self.workspace.sessions() as session:
            for queue, count in open_by_queue(session).items():
                gauge.add_metric([queue], count)
        yield gauge


class _WaitingMessages(Collector):
    """Live messages per recovery state (``recovery.py``), read at scrape time: alert on
    ``dead`` above 0 (they wait for a person) or ``pending`` growing (nothing handles)."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace

    def collect(self) -> Iterator[GaugeMetricFamily]:
        gauge = GaugeMetricFamily(
            "tandemdesk_messages_waiting",
            "Live messages not handled, by state (pending, failed, dead, rejected)",
            labels=["state"],
        )
        for state, count in counts(self.workspace).items():
            gauge.add_metric([state], count)
        yield gauge


class Metrics:
    def __init__(self, workspace: Workspace) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "tandemdesk_http_requests", "HTTP requests", ["method", "route", "status"],
            registry=self.registry,
        )  # fmt: skip
        self.latency = Histogram(
            "tandemdesk_http_request_duration_seconds", "HTTP request latency", ["route"],
            buckets=LATENCY_BUCKETS, registry=self.registry,
        )  # fmt: skip
        self.decisions = Counter(
            "tandemdesk_decisions", "Decisions taken, by action", ["action"],
            registry=self.registry,
        )  # fmt: skip
        self.batch_size = Histogram(
            "tandemdesk_handling_batch_size", "Messages handled together",
            buckets=(1, 2, 4, 8, 16, 32, 64), registry=self.registry,
        )  # fmt: skip
        self.queues = _QueueSizes(workspace)
        self.registry.register(self.queues)
        self.waiting = _WaitingMessages(workspace)
        self.registry.register(self.waiting)

    def render(self) -> bytes:
        """This process's metrics — or, under ``serve --workers N`` (prometheus_client's
        multiprocess mode), all workers' added up."""
        if MULTIPROCESS_ENV not in os.environ:
            return generate_latest(self.registry)
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        registry.register(self.queues)
        registry.register(self.waiting)
        return generate_latest(registry)


class MetricsMiddleware:
    """Counts and times every request under its route template (``/v1/conversations/{id}``),
    so label values stay few whatever ids are requested."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = {"code": 500}

        async def record_status(message: Message) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, record_status)
        finally:
            route: Any = scope.get("route")
            path = getattr(route, "path", None) or "unmatched"
            self.metrics.requests.labels(scope["method"], path, str(status["code"])).inc()
            self.metrics.latency.labels(path).observe(time.perf_counter() - start)
