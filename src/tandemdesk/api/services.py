"""What every request of one server shares: the workspace, the orchestrator (models, policy
and knowledge loaded once), the message batcher, the metrics and the credentials cache."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request

from tandemdesk.api.auth import PrincipalCache
from tandemdesk.api.batcher import MessageBatcher
from tandemdesk.api.metrics import Metrics
from tandemdesk.orchestrator import Orchestrator
from tandemdesk.workspace import Workspace


@dataclass
class Services:
    workspace: Workspace
    orchestrator: Orchestrator
    batcher: MessageBatcher
    metrics: Metrics
    principals: PrincipalCache

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
