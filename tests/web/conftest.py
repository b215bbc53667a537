"""The console tests use the API tests' app and credentials."""

from tests.api.conftest import api  # noqa: F401 - fixture
from tests.orchestrator.conftest import intent_model, shop  # noqa: F401 - fixtures
