"""The server's background recovery: at start and then every ``recovery_interval_seconds``,
live messages a crash or a failure left waiting are handled again (``recovery.py``).

It runs on the message batcher's one handling thread (``MessageBatcher.run``): the
orchestrator is not shared between threads, and a recovery round then simply queues between
two live batches. Rounds are bounded (``recovery.ROUND`` messages), so thousands of crash
leftovers never hold live traffic up for more than one batch's time. Every worker of
``serve --workers N`` runs its own; the claim in ``recovery.claim`` keeps them apart.
"""

from __future__ import annotations

import asyncio
import logging

from tandemdesk.api.batcher import MessageBatcher
from tandemdesk.orchestrator import Orchestrator
from tandemdesk.recovery import ROUND, RecoveryReport, recover_pending

log = logging.getLogger(__name__)


async def recover_once(batcher: MessageBatcher, orchestrator: Orchestrator) -> RecoveryReport:
    """Rounds until nothing is due (each round on the handling thread, live batches between)."""
    total = RecoveryReport()
    tried: set[int] = set()
    while True:
        report = await batcher.run(recover_pending, orchestrator, exclude=frozenset(tried))
        total.add(report)
        tried.update(report.handled + report.failed + report.rejected + report.dead)
        if report.claimed < ROUND:
            return total


async def recover_periodically(
    batcher: MessageBatcher, orchestrator: Orchestrator, interval: float
) -> None:
    """Until cancelled: recover now, then every ``interval`` seconds. A failing round (the
    database away for a moment) is logged and tried again next time, never fatal."""
    while True:
        try:
            report = await recover_once(batcher, orchestrator)
            if report.claimed or report.superseded:
                log.warning("recovered waiting messages: %s", report.to_dict())
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("recovering waiting messages failed; trying again in %g s", interval)
        await asyncio.sleep(interval)
