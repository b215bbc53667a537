"""The dead-letter list over HTTP and in the console (supervisors and admins), invalid
messages never left to retry, and ``/readyz`` in the no-model fallback."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from tandemdesk import accounts
from tandemdesk.api.app import create_app
from tandemdesk.learn import model_store
from tandemdesk.models import Message
from tandemdesk.understand.pipeline import Pipeline, Understanding
from tandemdesk.understand.training import TrainedModel
from tandemdesk.workspace import Workspace
from tests.api.conftest import Api, assert_error


def broken() -> Pipeline:
    class Broken(Pipeline):
        def understand(self, texts: Sequence[str]) -> list[Understanding]:
            raise RuntimeError("model server fell over")

    return Broken()


def handling(workspace: Workspace) -> list[str | None]:
    with workspace.sessions() as session:
        return list(
            session.scalars(
                select(Message.handling).where(Message.author == "customer").order_by(Message.id)
            )
        )


def dead_message(api: Api, monkeypatch: pytest.MonkeyPatch) -> int:
    """A message that failed its only attempt (``recovery_max_attempts`` 1): dead."""
    monkeypatch.setattr(api.shop.workspace.settings, "recovery_max_attempts", 1)
    working = api.shop.pipeline
    api.shop.pipeline = broken()
    try:
        response = api.client.post(
            "/v1/messages",
            json={"customer": {"email": "mia@example.org"}, "text": "where is my order NW-5001?"},
            headers=api.as_role("integration"),
        )
        assert response.status_code == 500
    except RuntimeError:  # the test client may re-raise what the server answered with a 500
        pass
    api.shop.pipeline = working
    assert handling(api.shop.workspace) == ["dead"]
    with api.shop.workspace.sessions() as session:
        return int(session.scalars(select(Message.id)).one())


def test_the_failed_list_and_a_retry_over_the_api(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    message_id = dead_message(api, monkeypatch)
    for role in ("agent", "integration"):
        assert_error(api.client.get("/v1/messages/failed", headers=api.as_role(role)), 403)
        retry = api.client.post(f"/v1/messages/{message_id}/retry", headers=api.as_role(role))
        assert_error(retry, 403)
    listed = api.client.get("/v1/messages/failed", headers=api.as_role("supervisor")).json()
    assert listed["count"] == 1 and listed["states"]["dead"] == 1
    scraped = api.client.get("/metrics", headers=api.as_role("integration")).text
    assert 'tandemdesk_messages_waiting{state="dead"} 1.0' in scraped
    [row] = listed["data"]
    assert (row["id"], row["state"], row["attempts"]) == (message_id, "dead", 1)
    assert row["last_error"] == "RuntimeError (details in the server log)"
    assert row["preview"] == "where is my order NW-5001?"
    retried = api.client.post(f"/v1/messages/{message_id}/retry", headers=api.as_role("admin"))
    assert retried.status_code == 200, retried.text
    body = retried.json()
    assert body["handled"] == [message_id] and body["results"][0]["message_id"] == message_id
    assert handling(api.shop.workspace) == ["handled"]
    assert api.client.get("/v1/messages/failed", headers=api.as_role("admin")).json()["count"] == 0
    again = api.client.post(f"/v1/messages/{message_id}/retry", headers=api.as_role("admin"))
    assert_error(again, 409, "conflict")
    missing = api.client.post("/v1/messages/999999/retry", headers=api.as_role("admin"))
    assert_error(missing, 404, "not_found")
    huge = api.client.post(f"/v1/messages/{2**70}/retry", headers=api.as_role("admin"))
    assert_error(huge, 422)


def test_an_oversized_message_is_refused_and_not_left_to_retry(api: Api) -> None:
    response = api.client.post(
        "/v1/messages",
        json={"customer": {"email": "mia@example.org"}, "text": "a" * 1_000_001},
        headers=api.as_role("integration"),
    )
    assert_error(response, 422)
    # refused at the edge (nothing stored) or stored as rejected: never pending or failed
    assert set(handling(api.shop.workspace)) <= {"rejected"}
    listed = api.client.get("/v1/messages/failed", headers=api.as_role("supervisor")).json()
    assert listed["states"]["pending"] == listed["states"]["failed"] == 0


def _login(api: Api, username: str, password: str) -> None:
    api.client.cookies.clear()
    form = {"username": username, "password": password}
    token = re.search(r'name="login_csrf" value="([^"]+)"', api.client.get("/login").text)
    if token is not None:  # login CSRF, where the login form has it
        form["login_csrf"] = token.group(1)
    response = api.client.post("/login", data=form, follow_redirects=False)
    assert response.status_code == 303, response.text


def test_the_console_shows_failed_messages_and_retries_one(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    message_id = dead_message(api, monkeypatch)
    accounts.create_user(api.shop.workspace, "ann", "agent's pw", "agent", agent="a1")
    _login(api, "ann", "agent's pw")
    assert_error(api.client.get("/supervisor/failed"), 403, "forbidden")
    accounts.create_user(api.shop.workspace, "sup", "supervisor pw", "supervisor")
    _login(api, "sup", "supervisor pw")
    live = api.client.get("/supervisor/live")
    assert 'id="failed-banner"' in live.text and "1 failed message" in live.text
    page = api.client.get("/supervisor/failed")
    assert page.status_code == 200 and f"#{message_id}" in page.text
    assert "RuntimeError" in page.text
    forged = api.client.post(f"/supervisor/failed/{message_id}/retry", data={})
    assert forged.status_code == 403
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert csrf is not None
    done = api.client.post(
        f"/supervisor/failed/{message_id}/retry", data={"csrf_token": csrf.group(1)}
    )
    assert done.status_code == 200 and f"Message {message_id} was handled." in done.text
    assert "No failed messages." in done.text
    assert handling(api.shop.workspace) == ["handled"]
    assert 'id="failed-banner"' not in api.client.get("/supervisor/live").text


def test_serve_starts_without_a_usable_intent_model_and_says_so(
    workspace: Workspace, intent_model: TrainedModel, caplog: pytest.LogCaptureFixture
) -> None:
    version = model_store.register(workspace, intent_model)
    folder = Path(workspace.settings.workspace_dir) / "models" / version.path
    damaged = next(p for p in sorted(folder.rglob("*")) if p.suffix == ".npz")
    damaged.write_bytes(b"not a model any more")
    with caplog.at_level(logging.ERROR), TestClient(create_app(workspace)) as client:
        ready = client.get("/readyz")
        assert ready.status_code == 200, ready.text
        checks = ready.json()["checks"]
        assert checks["intent_model"] == "unusable, see the server log: all to people"
        assert checks["models"].startswith("fallback: intent model v1 unusable")
        token = accounts.create_token(workspace, "integration", "fallback test")
        answered = client.post(
            "/v1/messages",
            json={"customer": {"email": "mia@example.org"}, "text": "where is my order?"},
            headers={"Authorization": f"Bearer {token}"},
        )
        assert answered.status_code == 201 and answered.json()["action"] == "route_to_human"
    assert any(
        "intent model (v1) cannot be loaded" in r.getMessage() and "to a person" in r.getMessage()
        for r in caplog.records
    )
    # a deleted folder too
    for path in sorted(folder.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    folder.rmdir()
    with TestClient(create_app(workspace)) as client:
        checks = client.get("/readyz").json()["checks"]
        assert checks["intent_model"] == "unusable, see the server log: all to people"
