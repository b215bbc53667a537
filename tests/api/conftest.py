"""The HTTP API over the small shop of the orchestrator tests, with one credential per role.

``client`` runs the real app (lifespan included: the message batcher) in-process through
Starlette's TestClient, on SQLite and PostgreSQL like every database test.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient

from tandemdesk import accounts
from tandemdesk.api.app import create_app
from tandemdesk.orchestrator import Orchestrator
from tests.orchestrator.conftest import intent_model, shop  # noqa: F401 - fixtures

PASSWORD = "correct horse battery"


@dataclass
class Api:
    client: TestClient
    shop: Orchestrator
    tokens: dict[str, str]

    def as_role(self, role: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[role]}"}

    def post_message(self, text: str, email: str = "mia@example.org", **extra: object) -> dict:
        response = self.client.post(
            "/v1/messages",
            json={"customer": {"email": email}, "text": text, "channel": "chat", **extra},
            headers=self.as_role("integration"),
        )
        assert response.status_code in (200, 201), response.text
        return response.json()


@pytest.fixture
def api(shop: Orchestrator) -> Iterator[Api]:  # noqa: F811 - the imported fixture
    workspace = shop.workspace
    tokens = {  # an agent token acts as an agent: the shop's Ann (a1)
        role: accounts.create_token(
            workspace, role, f"{role} test", agent="a1" if role == "agent" else None
        )
        for role in accounts.ROLES
    }
    with TestClient(create_app(workspace, orchestrator=shop)) as client:
        yield Api(client, shop, tokens)


def assert_error(response, status: int, code: str | None = None) -> dict:  # type: ignore[no-untyped-def]
    """The one error shape: ``{"error": {"code", "message", "details"}}``."""
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}, body
    assert set(body["error"]) == {"code", "message", "details"}, body
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    if code is not None:
        assert body["error"]["code"] == code, body
    return body["error"]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now, for a test server."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
