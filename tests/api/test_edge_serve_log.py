"""``tandemdesk serve`` prints one line per request, from every worker, with no customer
data, and a bad request neither gets a 5xx nor costs the client its keep-alive connection."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import httpx
import pytest

from tandemdesk import accounts
from tandemdesk.config import Settings
from tandemdesk.workspace import init_workspace
from tests.api.conftest import free_port
from tests.api.test_serve_workers import _wait_until_ready

CARD = "4111 1111 1111 1111"


def test_serve_prints_request_lines_and_keeps_the_connection(settings: Settings) -> None:
    if not settings.database_url.startswith("sqlite"):
        pytest.skip("one backend is enough for the process wiring; the API tests cover both")
    workspace = init_workspace(settings)
    token = accounts.create_token(workspace, "integration", "log test")
    workspace.close()
    port = free_port()
    env = {**os.environ, "TANDEMDESK_DATABASE_URL": settings.database_url,
           "TANDEMDESK_WORKSPACE_DIR": str(settings.workspace_dir),
           "TANDEMDESK_LOG_LEVEL": "info"}  # fmt: skip
    server = subprocess.Popen(
        [sys.executable, "-m", "tandemdesk", "serve", "--port", str(port), "--workers", "2"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_ready(server, f"{base}/readyz")
        # not a speed test: a busy machine took the first message past httpx's 5 s default
        with httpx.Client(
            base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=60
        ) as client:
            bad = client.post(
                "/v1/messages",
                json={"customer": {"email": "x@example.org"}, "text": f"card {CARD}\x00"},
            )
            assert bad.status_code == 422
            good = client.post(
                "/v1/messages",
                json={"customer": {"email": "x@example.org"}, "text": f"my card {CARD}"},
            )
            assert good.status_code == 201  # same client, the connection was kept
    finally:
        server.send_signal(signal.SIGINT)
        try:
            _, err = server.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            _, err = server.communicate()
    log = err.decode(errors="replace")
    lines = [line for line in log.splitlines() if "tandemdesk.requests request" in line]
    assert any("path=/v1/messages status=422" in line for line in lines), log
    assert any("path=/v1/messages status=201" in line for line in lines), log
    assert all("principal=" in line and "duration_ms=" in line for line in lines)
    assert "4111" not in log and "x@example.org" not in log and token not in log
