"""Understanding in a helper process, while the caller waits on the database.

Why: a burst of live messages is stored, then its context is read, then it is understood.
Understanding needs only the texts, yet the store and the reads are mostly waiting for
the database's answers (about a third of a burst's time on PostgreSQL). A second process,
a fork of this one holding the very same pipeline, understands the texts meanwhile on the
machine's other core: bench/orchestrator.py measured 11–16% less time per burst of 12
on PostgreSQL and on SQLite, alternating with and without the helper in one run.

It is only worth it where one process handles the messages (the CLI, ``serve`` with one
worker, a queue consumer); with as many server workers as cores the cores are busy already
and the helper would only add copying (``Settings.understanding_helper``).

The helper speeds things up and is never needed: whenever it cannot answer (no ``fork`` on
this platform, it died, another batch is using it, the texts are not the ones sent) the
caller understands the texts itself — the same pipeline, the same result. A text the
pipeline refuses (blank, too long) is refused by the caller's own call, with its error.
The helper holds the pipeline as it was at the fork: to change models, give the caller a
new pipeline (``UnderstandingHelper.pipeline`` is then not it, and the helper is not used)
rather than changing the old one in place.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import threading
from collections.abc import Sequence
from multiprocessing.connection import Connection
from typing import Any

from tandemdesk.understand.pipeline import Pipeline, Understanding

_WARM_UP = ["Hello, where is my order? It is late and I am upset.", "Bonjour, mon colis ?"]
# A helper that has not answered in this long is stuck (stopped, swapping): the batch is
# understood here instead and the helper is not used again. Generous: a burst takes ms.
ANSWER_SECONDS = 30.0


def usable_cores() -> int:
    """The cores this process may run on (a container's or ``taskset``'s share, not the
    host's): a helper needs a second one."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _serve(pipeline: Pipeline, connection: Connection, parents_end: Connection) -> None:
    """The helper's loop: texts in, ``("ok", understandings)`` or ``("error", why)`` out."""
    # the fork copied the parent's end of the pipe: closed, so the parent's death reads as
    # the end of the pipe here and the helper ends with it
    parents_end.close()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the parent to handle
    # The inherited objects are shared with the parent until written. The collector would
    # visit (write to) every one of them, and the first texts touch the models' objects:
    # freeze the former, and take the copies the latter cost now, not on the first burst.
    gc.freeze()
    pipeline.understand(_WARM_UP)
    while True:
        try:
            texts = connection.recv()
        except (EOFError, OSError):  # the parent is gone
            return
        try:
            reply: tuple[str, Any] = ("ok", pipeline.understand(texts))
        except Exception as error:  # the caller redoes it and raises it itself
            reply = ("error", repr(error))
        connection.send(reply)


class Ticket:
    """One batch's texts sent to the helper; ``results`` waits for its answer."""

    def __init__(self, helper: UnderstandingHelper, texts: list[str]) -> None:
        self._helper = helper
        self.texts = texts
        self._taken = False

    def results(self) -> dict[str, Understanding]:
        """Text → its understanding; empty if the helper failed (the caller does it all).

        Call once; later calls return nothing (the answer was handed over)."""
        if self._taken:
            return {}
        self._taken = True
        return self._helper._collect(self)

    def drop(self) -> None:
        """The batch will not use the answer (it failed before): free the helper."""
        self.results()


class UnderstandingHelper:
    """A forked process holding the caller's pipeline; one batch at a time."""

    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline  # the one the helper holds a copy of: callers check it
        # components load their models on first use: warmed here, before the fork, both
        # processes share them (copy-on-write) and neither loads them on its first burst
        pipeline.understand(_WARM_UP)
        context = multiprocessing.get_context("fork")
        self._connection, child = context.Pipe()
        self._process = context.Process(
            target=_serve,
            args=(pipeline, child, self._connection),
            name="tandemdesk-understand",
            daemon=True,
        )
        self._process.start()
        child.close()
        self._lock = threading.Lock()  # held from send to receive: one batch in flight
        self._broken = False

    @classmethod
    def start(cls, pipeline: Pipeline) -> UnderstandingHelper | None:
        """A running helper, or None where there is none to be had: no second core, no
        ``fork`` on this platform, a daemonic process (it may not have children), a fork
        that failed. The caller then understands alone, as it would anyway."""
        if usable_cores() < 2 or "fork" not in multiprocessing.get_all_start_methods():
            return None
        try:
            return cls(pipeline)
        except Exception:  # the helper is optional: never the reason the caller fails
            return None

    def submit(self, texts: Sequence[str]) -> Ticket | None:
        """Send ``texts`` to be understood; None if the helper is busy or gone."""
        if self._broken or not texts or not self._lock.acquire(blocking=False):
            return None
        try:
            self._connection.send(list(texts))
        except (OSError, ValueError):
            self._fail()
            return None
        return Ticket(self, list(texts))

    def _collect(self, ticket: Ticket) -> dict[str, Understanding]:
        try:
            if not self._connection.poll(ANSWER_SECONDS):
                raise TimeoutError("the understanding helper did not answer")
            status, payload = self._connection.recv()
        except Exception:  # dead, stuck or garbled: not used again
            self._fail()
            return {}
        except BaseException:  # interrupted (Ctrl-C): the pipe's state is unknown
            self._fail()
            raise
        self._lock.release()
        if status != "ok":
            return {}
        return dict(zip(ticket.texts, payload, strict=True))

    def _fail(self) -> None:
        """The helper died or its pipe broke: stop using it (callers understand alone)."""
        self._broken = True
        self._lock.release()
        self.close()

    def close(self) -> None:
        """Stop the helper process (it also ends with this process: it is a daemon)."""
        self._connection.close()
        if self._process.is_alive():
            self._process.terminate()
            self._process.join(timeout=1)
        if self._process.is_alive():  # stopped or stuck: SIGTERM waits, SIGKILL does not
            self._process.kill()
        self._process.join(timeout=5)
