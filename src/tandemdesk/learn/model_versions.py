"""Where a workspace keeps its model versions, and which one of a task is active.

Apart from ``model_store`` (which trains, saves and loads models) so that code that only
needs to *know* about the models — the policy check naming the intent model's labels — does
not import the whole understanding stack.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from tandemdesk.models import ModelVersion
from tandemdesk.workspace import Workspace


def models_dir(workspace: Workspace) -> Path:
    return Path(workspace.settings.workspace_dir) / "models"


def folder_of(workspace: Workspace, version: ModelVersion) -> Path:
    return models_dir(workspace) / version.path


def active_version(workspace: Workspace, task: str) -> ModelVersion | None:
    """The version of ``task`` messages are understood with, if one was trained."""
    with workspace.sessions() as session:
        return session.scalars(
            select(ModelVersion).where(ModelVersion.task == task, ModelVersion.active.is_(True))
        ).first()
