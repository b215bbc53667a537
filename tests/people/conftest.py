"""The small shop of the orchestrator tests and its API, for the people tests."""

from tests.api.conftest import api  # noqa: F401 - fixtures
from tests.orchestrator.conftest import intent_model, shop  # noqa: F401 - fixtures
