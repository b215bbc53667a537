"""Micro-batching of live messages: concurrent ``POST /v1/messages`` share one
``Orchestrator.handle_many`` call.

Why: handling a burst costs far less per message than one by one (one transaction, one
pipeline call, one read of the agents' state), and a single writer thread keeps SQLite
free of lock contention. Nothing waits on purpose: while one batch is being handled, the
requests arriving meanwhile queue up and form the next batch, so a lone request is handled
at once and a busy server batches by itself.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from typing import Any, TypeVar

from tandemdesk.listen.delivery import Delivery
from tandemdesk.orchestrator import Orchestrator
from tandemdesk.orchestrator_record import BatchError, HandleResult

log = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass
class _Waiting:
    delivery: Delivery
    future: asyncio.Future[HandleResult] = field(repr=False)


class MessageBatcher:
    """Collects deliveries and hands them to the orchestrator on one worker thread."""

    def __init__(
        self,
        orchestrator: Orchestrator,
        max_batch: int = 32,
        on_batch: Callable[[int], None] | None = None,
    ) -> None:
        self.orchestrator = orchestrator
        self.max_batch = max_batch
        self.on_batch = on_batch
        self._queue: asyncio.Queue[_Waiting] | None = None
        self._worker: asyncio.Task[None] | None = None
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="handle")

    async def start(self) -> None:
        self._queue = asyncio.Queue()
        self._worker = asyncio.create_task(self._run(), name="message-batcher")

    async def stop(self) -> None:
        if self._worker is not None:
            self._worker.cancel()
            await asyncio.gather(self._worker, return_exceptions=True)
        self._executor.shutdown(wait=True)

    async def run(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run ``fn`` on the handling thread, between batches (recovery uses the same
        orchestrator, which is not shared between threads)."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, partial(fn, *args, **kwargs))

    async def submit(self, delivery: Delivery) -> HandleResult:
        """Handle one delivery (batched with whatever else is waiting); its own result."""
        if self._queue is None:
            raise RuntimeError("the message batcher is not started")
        future: asyncio.Future[HandleResult] = asyncio.get_running_loop().create_future()
        await self._queue.put(_Waiting(delivery, future))
        return await future

    async def _run(self) -> None:
        assert self._queue is not None
        loop = asyncio.get_running_loop()
        while True:
            batch = [await self._queue.get()]
            while len(batch) < self.max_batch and not self._queue.empty():
                batch.append(self._queue.get_nowait())
            deliveries = [waiting.delivery for waiting in batch]
            if self.on_batch is not None:
                self.on_batch(len(batch))
            try:
                results = await loop.run_in_executor(
                    self._executor, self.orchestrator.handle_many, deliveries
                )
                for waiting, result in zip(batch, results, strict=True):
                    _settle(waiting.future, result=result)
            except BatchError as error:
                for position, waiting in enumerate(batch):
                    failed = error.errors.get(position)
                    _settle(waiting.future, result=error.results[position], error=failed)
            except Exception as error:  # the whole batch failed: every caller hears why
                log.exception("handling a batch of %d messages failed", len(batch))
                for waiting in batch:
                    _settle(waiting.future, error=error)


def _settle(
    future: asyncio.Future[HandleResult],
    result: HandleResult | None = None,
    error: BaseException | None = None,
) -> None:
    if future.done():  # the caller went away (client disconnected)
        return
    if error is not None or result is None:
        future.set_exception(error or RuntimeError("no result for this message"))
    else:
        future.set_result(result)
