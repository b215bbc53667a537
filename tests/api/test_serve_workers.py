"""``tandemdesk serve --workers 2``: two processes share the work, messages from both land
without errors, and ``/metrics`` adds both workers' counts up."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from tandemdesk import accounts
from tandemdesk.config import Settings
from tandemdesk.workspace import init_workspace
from tests.api.conftest import free_port


def _wait_until_ready(server: subprocess.Popen[bytes], url: str, timeout: float = 60) -> None:
    """Poll ``url`` until it answers 200; fail with the server's stderr if it exits first or
    the deadline passes."""
    deadline = time.monotonic() + timeout
    last = "no answer yet"
    while True:
        if server.poll() is not None:
            _, err = server.communicate()
            pytest.fail(
                f"the server exited with {server.returncode} before {url} answered 200:\n"
                + err.decode(errors="replace")
            )
        try:
            response = httpx.get(url, timeout=1)
            if response.status_code == 200:
                return
            last = f"HTTP {response.status_code}: {response.text[:200]}"
        except httpx.HTTPError as error:
            last = repr(error)
        if time.monotonic() >= deadline:
            server.terminate()
            try:
                _, err = server.communicate(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                _, err = server.communicate()
            pytest.fail(
                f"{url} did not answer 200 within {timeout:g} s (last: {last}); server stderr:\n"
                + err.decode(errors="replace")
            )
        time.sleep(0.2)


def test_two_workers_answer_every_message_and_count_them_together(settings: Settings) -> None:
    if not settings.database_url.startswith("sqlite"):
        pytest.skip("one backend is enough for the process wiring; the API tests cover both")
    workspace = init_workspace(settings)
    token = accounts.create_token(workspace, "integration", "workers test")
    workspace.close()
    port = free_port()
    env = {**os.environ, "TANDEMDESK_DATABASE_URL": settings.database_url,
           "TANDEMDESK_WORKSPACE_DIR": str(settings.workspace_dir)}  # fmt: skip
    server = subprocess.Popen(
        [sys.executable, "-m", "tandemdesk", "serve", "--port", str(port), "--workers", "2"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    headers = {"Authorization": f"Bearer {token}"}
    try:
        _wait_until_ready(server, f"{base}/readyz")

        def post(i: int) -> int:
            body = {"customer": {"external_id": f"cus-{i % 7}"}, "text": f"hello {i}"}
            return httpx.post(
                f"{base}/v1/messages", json=body, headers=headers, timeout=30
            ).status_code

        with ThreadPoolExecutor(8) as pool:
            statuses = list(pool.map(post, range(40)))
        assert statuses == [201] * 40
        text = httpx.get(f"{base}/metrics", headers=headers, timeout=10).text
        decided = sum(
            float(n) for n in re.findall(r"^tandemdesk_decisions_total\{[^}]*\} (\S+)", text, re.M)
        )
        assert decided == 40, text
        assert "tandemdesk_open_conversations{" in text
    finally:
        server.terminate()
        server.wait(timeout=30)
