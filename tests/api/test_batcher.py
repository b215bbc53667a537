"""Concurrent messages share orchestrator batches, and each caller gets its own result."""

from __future__ import annotations

import asyncio

from tandemdesk.api.batcher import MessageBatcher
from tandemdesk.orchestrator import Orchestrator
from tests.orchestrator.conftest import failing_on_poison, message


def test_concurrent_submissions_are_batched_and_answered_in_place(shop: Orchestrator) -> None:
    texts = [f"where is my order {i}" for i in range(12)] + ["I forgot my password"]
    sizes: list[int] = []

    async def run() -> list[object]:
        batcher = MessageBatcher(shop, max_batch=8, on_batch=sizes.append)
        await batcher.start()
        try:
            emails = [f"c{i}@example.org" for i in range(len(texts))]
            return await asyncio.gather(
                *(batcher.submit(message(t, email=e)) for t, e in zip(texts, emails, strict=True))
            )
        finally:
            await batcher.stop()

    results = asyncio.run(run())
    assert sum(sizes) == len(texts) and max(sizes) == 8 and len(sizes) < len(texts)
    intents = [r.inputs["intent"] for r in results]  # type: ignore[attr-defined]
    assert intents == ["order_status"] * 12 + ["password_reset"]


def test_a_failing_message_fails_alone(shop: Orchestrator) -> None:
    shop.pipeline = failing_on_poison(shop.pipeline)

    async def run() -> list[object]:
        batcher = MessageBatcher(shop)
        await batcher.start()
        try:
            return await asyncio.gather(
                batcher.submit(message("where is my order")),
                batcher.submit(message("poison", email="p@example.org")),
                return_exceptions=True,
            )
        finally:
            await batcher.stop()

    good, failed = asyncio.run(run())
    assert getattr(good, "action", None) == "automate"
    assert isinstance(failed, RuntimeError) and "fell over" in str(failed)
