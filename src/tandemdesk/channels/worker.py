"""The delivery loop: claim what is due, send it beside the database, mark the outcomes.

One cycle is three short steps, none holding a transaction open while the network works:
1. claim a batch (one statement, ``outbox.claim_due``), committed at once;
2. read what the batch needs (``senders.prepare``) and send it on a small thread pool;
3. mark every outcome in one transaction, with the events it causes (``reply.sent``,
   ``delivery.failed``) enqueued for webhooks in that same transaction.
A worker killed anywhere loses nothing: claimed rows come back when their lease runs out and
are sent again under the same key, which the receiver uses to drop the repeat.

``tandemdesk worker`` runs ``DeliveryWorker.run`` until stopped; with SQLite, ``serve``
runs the same loop on a thread (``InProcessDelivery``), woken by the events of its own
requests. Each cycle also hands messages a crash left unhandled to the recovery step
(``tandemdesk.recovery.recover_pending``), when that module is present.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from tandemdesk import events
from tandemdesk.channels.outbox import Claimed, Outcome, claim_due, mark
from tandemdesk.channels.senders import Job, Senders
from tandemdesk.config import Settings
from tandemdesk.db import transaction
from tandemdesk.timeutil import utcnow
from tandemdesk.workspace import Workspace

log = logging.getLogger(__name__)
RECOVERY_SECONDS = 10.0  # how often a worker looks for messages a crash left unhandled
WAKE_EVENTS = (
    "decision.made",
    "conversation.replied",
    "conversation.resolved",
    "conversation.assigned",
    "message.received",
    "delivery.resend",
)


def _run(job: Job, delivery: Claimed) -> Outcome:
    """A job's outcome; a job that raises (a bug, unexpected data) is a failed attempt of its
    own delivery, never the whole batch's: the batch's sent mails must still be marked sent,
    or their lease would run out and they would leave twice."""
    try:
        return job()
    except Exception as error:
        log.exception("delivery %s failed unexpectedly", delivery.id)
        return Outcome(delivery, f"unexpected error: {error!r}")


def lease_for(settings: Settings) -> float:
    """The lease a claim needs: the setting, but never less than the slowest batch can take
    (every send of it timing out, ``concurrency`` at a time) plus a margin — a lease that runs
    out while the batch is still sending lets another worker send it again (found in review:
    20 mails, 4 at a time, 30 s timeouts is 150 s against the default 120 s)."""
    rounds = -(-settings.delivery_batch_size // max(1, settings.delivery_concurrency))
    slowest = rounds * max(settings.smtp_timeout, settings.webhook_timeout)
    return max(settings.delivery_lease_seconds, slowest * 1.5)


class DeliveryWorker:
    """Sends the outbox of one workspace; safe to run many at once (see ``outbox``)."""

    def __init__(
        self,
        workspace: Workspace,
        settings: Settings | None = None,
        orchestrator: Callable[[], Any] | None = None,
    ) -> None:
        """``orchestrator``: makes the Orchestrator recovery handles messages with (built
        on first use: it loads the models); ``None`` leaves recovery to someone else."""
        self.workspace = workspace
        self._make_orchestrator = orchestrator
        self._orchestrator: Any = None
        self.settings = settings or workspace.settings
        self.senders = Senders(self.settings)
        self.pool = ThreadPoolExecutor(
            self.settings.delivery_concurrency, thread_name_prefix="delivery"
        )
        self._recover = _recovery_hook() if orchestrator is not None else None
        self._recovered_at = float("-inf")
        self.lease_seconds = lease_for(self.settings)

    def close(self) -> None:
        self.pool.shutdown(wait=True)
        self.senders.close()
        if self._orchestrator is not None:
            self._orchestrator.close()

    def run_once(self) -> int:
        """One cycle; returns how many deliveries it handled (0: nothing was due)."""
        s = self.settings
        with transaction(self.workspace.sessions) as session:
            claimed = claim_due(session, utcnow(), s.delivery_batch_size, self.lease_seconds)
        if not claimed:
            return 0
        with self.workspace.sessions() as session:
            jobs = self.senders.prepare(session, claimed)
        outcomes = list(self.pool.map(_run, jobs, claimed))
        with transaction(self.workspace.sessions) as session:
            happened = mark(
                session,
                outcomes,
                utcnow(),
                s.delivery_max_attempts,
                s.delivery_backoff_seconds,
                s.delivery_backoff_max_seconds,
            )
        for name, data in happened:
            events.emit(name, data)
        return len(claimed)

    def drain(self, timeout: float = 30.0) -> int:
        """Cycle until nothing is due (tests, benchmarks); returns deliveries handled."""
        handled, until = 0, time.monotonic() + timeout
        while time.monotonic() < until:
            n = self.run_once()
            if n == 0:
                return handled
            handled += n
        return handled

    def recover(self) -> None:
        """Hand messages a crash left unhandled to the recovery step, at most every
        ``RECOVERY_SECONDS``.

        ``tandemdesk.recovery.recover_pending(orchestrator)`` does one bounded round; a
        worker made without an orchestrator factory (``serve``'s thread) leaves it alone.
        """
        if self._recover is None or self._make_orchestrator is None:
            return
        now = time.monotonic()
        if now - self._recovered_at < RECOVERY_SECONDS:
            return
        self._recovered_at = now
        try:
            if self._orchestrator is None:
                self._orchestrator = self._make_orchestrator()
            self._recover(self._orchestrator)
        except Exception:  # a recovery bug must not stop replies from leaving
            log.exception("recovering pending messages failed")

    def run(self, stop: threading.Event, wake: threading.Event | None = None) -> None:
        """Until ``stop`` is set: recover, deliver, and when idle wait for ``wake`` or the
        poll interval."""
        wake = wake or threading.Event()
        if self.workspace.engine.dialect.name == "postgresql":
            Wakeup(self.workspace.settings.database_url, wake, stop).start()
        while not stop.is_set():
            self.recover()
            try:
                handled = self.run_once()
            except Exception:  # the database went away a moment: try again after a pause
                log.exception("delivery cycle failed")
                handled = 0
                stop.wait(1.0)
            if handled == 0:
                wake.wait(self.settings.delivery_poll_seconds)
                wake.clear()


CHANNEL = "tandemdesk_outbox"  # PostgreSQL: a trigger notifies it on every stored delivery


class Wakeup:
    """PostgreSQL only: a thread that LISTENs for stored deliveries and sets ``wake``, so a
    worker on another machine starts sending within milliseconds instead of at its next poll.
    The notification is sent on commit by a trigger (migration 0008): the write path pays no
    statement for it. Polling stays the safety net (a lost connection, a missed notice)."""

    def __init__(self, url: str, wake: threading.Event, stop: threading.Event) -> None:
        self.url, self.wake, self.stop = url, wake, stop
        self.thread = threading.Thread(target=self._listen, name="delivery-listen", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def _listen(self) -> None:
        import psycopg
        from sqlalchemy.engine import make_url

        dsn = make_url(self.url).set(drivername="postgresql").render_as_string(False)
        while not self.stop.is_set():
            try:
                with psycopg.connect(dsn, autocommit=True) as connection:
                    connection.execute(f"LISTEN {CHANNEL}")
                    while not self.stop.is_set():
                        for _ in connection.notifies(timeout=1.0, stop_after=1):
                            self.wake.set()
            except Exception:  # the server restarted: listen again after a pause
                log.warning("delivery listener lost its connection; polling meanwhile")
                self.stop.wait(5.0)


def _recovery_hook() -> Callable[[Any], Any] | None:
    """``recovery.recover_pending``, written beside this work (imported late: it pulls in
    the orchestrator, which a delivery-only worker never needs)."""
    try:
        from tandemdesk import recovery
    except ImportError:  # pragma: no cover - present in every release since issue 14
        return None
    found: Callable[[Any], Any] | None = getattr(recovery, "recover_pending", None)
    return found


class InProcessDelivery:
    """The delivery loop on a thread of ``serve`` (SQLite: nothing else to run)."""

    def __init__(self, workspace: Workspace) -> None:
        self.worker = DeliveryWorker(workspace)
        self.stop = threading.Event()
        self.wake = threading.Event()
        self._unsubscribe = [
            events.subscribe(name, lambda *_: self.wake.set()) for name in WAKE_EVENTS
        ]
        self.thread = threading.Thread(
            target=self.worker.run, args=(self.stop, self.wake), name="delivery", daemon=True
        )

    def start(self) -> None:
        self.thread.start()

    def close(self) -> None:
        for stop in self._unsubscribe:
            stop()
        self.stop.set()
        self.wake.set()
        self.thread.join(timeout=30)
        self.worker.close()


def serve_delivers(settings: Settings, dialect: str) -> bool:
    """Whether ``serve`` runs delivery itself (``TANDEMDESK_SERVE_DELIVERS``)."""
    if settings.serve_delivers == "auto":
        return dialect == "sqlite"
    return settings.serve_delivers == "on"
