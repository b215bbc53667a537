"""What every request of one server shares: the workspace, the orchestrator (models, policy
and knowledge loaded once), the message batcher, the metrics and the credentials cache."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from fastapi import Request

from tandemdesk.api.auth import PrincipalCache
from tandemdesk.api.batcher import MessageBatcher
from tandemdesk.api.metrics import Metrics
from tandemdesk.orchestrator import Orchestrator
from tandemdesk.policies import known_intents
from tandemdesk.workspace import Workspace

INTENTS_SECONDS = 60.0  # how stale the console's list of intents to correct to may be


@dataclass
class Services:
    workspace: Workspace
    orchestrator: Orchestrator
    batcher: MessageBatcher
    metrics: Metrics
    principals: PrincipalCache
    _intents: tuple[float, list[str]] | None = field(default=None, repr=False)

    def intent_labels(self) -> list[str]:
        """The intents a person can correct a message to (``policies.known_intents``),
        re-read at most once every ``INTENTS_SECONDS``: it reads every label the history
        holds, too costly on a large workspace for each conversation page shown."""
        now = time.monotonic()
        if self._intents is None or now - self._intents[0] > INTENTS_SECONDS:
            self._intents = (now, sorted(known_intents(self.workspace) or []))
        return self._intents[1]

    def distressed(self) -> float:
        """The distress threshold of the policy the orchestrator decides with: what the
        console and the insights call distressed is what it sends to a person as such.

        Read, not refreshed: the orchestrator picks up a new policy itself, between batches
        on its own thread; refreshing it from a request thread could swap the policy in the
        middle of a batch."""
        return self.orchestrator.policy.thresholds.distress

    @classmethod
    def build(cls, workspace: Workspace, orchestrator: Orchestrator | None = None) -> Services:
        orchestrator = orchestrator or Orchestrator(workspace)
        metrics = Metrics(workspace)
        return cls(
            workspace=workspace,
            orchestrator=orchestrator,
            batcher=MessageBatcher(orchestrator, on_batch=metrics.batch_size.observe),
            metrics=metrics,
            principals=PrincipalCache(workspace),
        )


def services(request: Request) -> Services:
    found: Services = request.app.state.services
    return found
