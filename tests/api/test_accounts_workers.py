"""Under ``serve --workers 2``: a guesser meets one count whichever worker answers, and a
token revoked from the command line is refused by both workers on the next request."""

from __future__ import annotations

import os
import subprocess
import sys

import httpx
import pytest

from tandemdesk import accounts, accounts_admin
from tandemdesk.config import Settings
from tandemdesk.workspace import init_workspace
from tests.api.conftest import free_port
from tests.api.test_serve_workers import _wait_until_ready


def test_throttle_and_revocation_hold_across_two_workers(settings: Settings) -> None:
    if not settings.database_url.startswith("sqlite"):
        pytest.skip("one backend is enough for the process wiring; the API tests cover both")
    workspace = init_workspace(settings)
    accounts.create_user(workspace, "sue@example.org", "the right one", "supervisor")
    token = accounts.create_token(workspace, "integration", "workers test")
    limit = workspace.settings.login_max_failures
    port = free_port()
    env = {**os.environ, "TANDEMDESK_DATABASE_URL": settings.database_url,
           "TANDEMDESK_WORKSPACE_DIR": str(settings.workspace_dir)}  # fmt: skip
    server = subprocess.Popen(
        [sys.executable, "-m", "tandemdesk", "serve", "--port", str(port), "--workers", "2"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_ready(server, f"{base}/readyz")
        # a new connection per attempt, so the kernel spreads them over both workers
        statuses = [
            httpx.post(f"{base}/v1/session", timeout=30,
                       json={"username": "sue@example.org", "password": f"guess {i}"}).status_code
            for i in range(limit + 4)
        ]  # fmt: skip
        assert statuses == [401] * limit + [429] * 4, statuses
        right = httpx.post(f"{base}/v1/session", timeout=30,
                           json={"username": "sue@example.org", "password": "the right one"})  # fmt: skip
        assert right.status_code == 429 and int(right.headers["Retry-After"]) >= 1
        bearer = {"Authorization": f"Bearer {token}"}
        assert all(
            httpx.get(f"{base}/v1/me", headers=bearer, timeout=30).status_code == 200
            for _ in range(6)
        )
        accounts_admin.revoke_token(workspace, token[: accounts.TOKEN_PREFIX_CHARS])
        after = [httpx.get(f"{base}/v1/me", headers=bearer, timeout=30).status_code
                 for _ in range(6)]  # fmt: skip
        assert after == [401] * 6
    finally:
        server.terminate()
        server.wait(timeout=30)
        workspace.close()
