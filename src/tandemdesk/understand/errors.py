"""Expected failures of the understand stage, each with a code and an HTTP status.

They subclass the project root ``TandemError`` so the CLI prints them as one line (exit 2)
and the API renders them in the one JSON error shape; the stage keeps its own here.
"""

from __future__ import annotations

from tandemdesk.errors import TandemError, UnusableInputError


class UnknownComponentError(TandemError):
    """A component kind or name is not registered; the message lists the known ones."""

    code = "unknown_component"
    http_status = 400


class ArtifactError(TandemError):
    """A model folder is missing, corrupted, tampered with, or from a newer format."""

    code = "artifact_invalid"
    http_status = 422


class TrainingDataError(UnusableInputError):
    """Labelled data cannot train or evaluate a model (one label, empty texts, bad rows)."""

    code = "training_data_invalid"
    http_status = 422


class NotFittedError(TandemError):
    """A component was asked to predict before ``fit`` (or ``load``)."""

    code = "not_fitted"
    http_status = 500


class MissingExtraError(TandemError):
    """An optional dependency (e.g. torch for the accurate profile) is not installed."""

    code = "missing_extra"
    http_status = 501
