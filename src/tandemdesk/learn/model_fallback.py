"""The active models, or the documented fallback when one cannot be loaded.

Why not fail: a server that exits because a model folder was deleted or corrupted (a disk
error, a bad copy, a half-restored backup) leaves every customer unanswered. Without an
intent model tandemdesk still works — every message goes to a person, with its emotion,
urgency and risk read by the shipped defaults — so ``serve`` starts in that mode, logs why,
and ``/readyz`` says so (``checks.intent_model``). ``tandemdesk models activate`` refuses an
unusable folder, so this only happens when the files change under a working workspace.
"""

from __future__ import annotations

import logging

from tandemdesk.learn.model_versions import active_version, folder_of
from tandemdesk.understand.pipeline import Pipeline
from tandemdesk.understand.training import TrainedModel, load_model
from tandemdesk.workspace import Workspace

log = logging.getLogger(__name__)
TASKS = ("intent", "urgency")
FALLBACK = {
    "intent": "every message goes to a person",
    "urgency": "urgency is read by the built-in rules",
}


def load_pipeline_or_fallback(
    workspace: Workspace, serving: Pipeline | None = None
) -> tuple[Pipeline, dict[str, str]]:
    """The pipeline with the workspace's active models; a model that cannot be loaded is
    left out — or, for a running server that follows a new version (``serving``: what it
    uses now), the model it was serving is kept. Returns (pipeline, task → why its model
    is unusable)."""
    models: dict[str, TrainedModel | None] = {}
    problems: dict[str, str] = {}
    for task in TASKS:
        version = active_version(workspace, task)  # a database error is not a model's fault
        models[task] = None
        if version is None:
            continue
        try:
            models[task] = load_model(folder_of(workspace, version))
        except Exception as error:  # any failure to load means: run without it
            kept = None if serving is None else _model_of(serving, task)
            models[task] = kept
            problems[task] = f"{task} model v{version.version} unusable ({type(error).__name__})"
            log.error(
                "the active %s model (v%d) cannot be loaded: %s; %s. "
                "Fix: `tandemdesk models activate %s N` with a working version, or retrain.",
                task, version.version, error,
                "the model in use so far keeps serving" if kept is not None
                else f"starting without it: {FALLBACK[task]}", task,
            )  # fmt: skip
    pipeline = Pipeline(
        intent=models["intent"],
        urgency_model=models["urgency"],
        second_opinion_scope=workspace.settings.second_opinion,
    )
    return pipeline, problems


def _model_of(pipeline: Pipeline, task: str) -> TrainedModel | None:
    return pipeline.intent if task == "intent" else pipeline.urgency_model
