"""The orchestrator's small shop (agents, a macro, a shipped order, a tiny intent model):
learning tests need live conversations, decisions and overrides made by the real flow."""

from tests.orchestrator.conftest import intent_model, shop  # noqa: F401
