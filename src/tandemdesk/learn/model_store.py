"""Versioned models in the workspace: each training run becomes ``models/<task>/v<N>``.

The folder is written first and the database row second, in one transaction that also moves
the "active" flag, so a crash never leaves an active version without its folder, and a
half-written folder is never active. Messages are understood by the active version of each
task; an older version can be re-activated at any time (``activate``).
"""

from __future__ import annotations

from sqlalchemy import func, select, update

from tandemdesk.db import transaction
from tandemdesk.errors import NotFoundError
from tandemdesk.learn.model_versions import active_version, folder_of, models_dir
from tandemdesk.models import ModelVersion
from tandemdesk.timeutil import utcnow
from tandemdesk.understand.pipeline import Pipeline
from tandemdesk.understand.training import TrainedModel, load_model
from tandemdesk.workspace import Workspace


def register(workspace: Workspace, model: TrainedModel, activate: bool = True) -> ModelVersion:
    """Save ``model`` as the task's next version; make it the active one if asked."""
    with workspace.sessions() as session:
        latest = session.scalar(
            select(func.max(ModelVersion.version)).where(ModelVersion.task == model.task)
        )
    number = (latest or 0) + 1
    relative = f"{model.task}/v{number}"
    model.save(models_dir(workspace) / relative)
    now = utcnow()
    with transaction(workspace.sessions) as session:
        if activate:
            session.execute(
                update(ModelVersion).where(ModelVersion.task == model.task).values(active=False)
            )
        version = ModelVersion(
            task=model.task,
            version=number,
            path=relative,
            component=type(model.component).name,
            profile=model.profile,
            examples=int(model.training.get("n_examples", 0)),
            data_fingerprint=str(model.training.get("fingerprint", "")),
            metrics={"held_out": model.metrics},
            active=activate,
            created_at=now,
            activated_at=now if activate else None,
        )
        session.add(version)
    return version


def activate(workspace: Workspace, task: str, number: int) -> ModelVersion:
    """Make version ``number`` of ``task`` the one messages are understood with.

    The folder is loaded first: an unusable one raises ``ArtifactError`` (with what is wrong)
    and the active version does not change."""
    chosen = select(ModelVersion).where(ModelVersion.task == task, ModelVersion.version == number)
    with workspace.sessions() as session:
        found = session.scalars(chosen).first()
    if found is None:
        raise NotFoundError(f"no {task} model version {number}; see `tandemdesk models list`")
    # Refuse a folder that cannot be loaded (corrupted, tampered with, from a newer
    # tandemdesk) before anything changes, and outside the transaction: loading a model
    # takes seconds the database lock must not wait for.
    load_model(folder_of(workspace, found))
    with transaction(workspace.sessions) as session:
        session.execute(update(ModelVersion).where(ModelVersion.task == task).values(active=False))
        version = session.scalars(chosen).one()
        version.active = True
        version.activated_at = utcnow()
    return version


def list_versions(workspace: Workspace) -> list[ModelVersion]:
    with workspace.sessions() as session:
        return list(
            session.scalars(select(ModelVersion).order_by(ModelVersion.task, ModelVersion.version))
        )


def load_active(workspace: Workspace, task: str) -> TrainedModel | None:
    """The active model of ``task``, or None when the workspace has not trained one."""
    version = active_version(workspace, task)
    return None if version is None else load_model(folder_of(workspace, version))


def load_pipeline(workspace: Workspace | None) -> Pipeline:
    """The understanding pipeline with the workspace's active models (defaults without one)."""
    if workspace is None:  # the settings still apply (a .env file included)
        from tandemdesk.config import get_settings

        return Pipeline(second_opinion_scope=get_settings().second_opinion)
    return Pipeline(
        intent=load_active(workspace, "intent"),
        urgency_model=load_active(workspace, "urgency"),
        second_opinion_scope=workspace.settings.second_opinion,
    )
