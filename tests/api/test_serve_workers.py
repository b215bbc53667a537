"""``tandemdesk serve --workers 2``: two processes share the work, messages from both land
without errors, and ``/metrics`` adds both workers' counts up."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from tandemdesk import accounts
from tandemdesk.config import Settings
from tandemdesk.workspace import init_workspace


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_two_workers_answer_every_message_and_count_them_together(settings: Settings) -> None:
    if not settings.database_url.startswith("sqlite"):
        pytest.skip("one backend is enough for the process wiring; the API tests cover both")
    workspace = init_workspace(settings)
    token = accounts.create_token(workspace, "integration", "workers test")
    workspace.close()
    port = _free_port()
    env = {**os.environ, "TANDEMDESK_DATABASE_URL": settings.database_url,
           "TANDEMDESK_WORKSPACE_DIR": str(settings.workspace_dir)}  # fmt: skip
    server = subprocess.Popen(
        [sys.executable, "-m", "tandemdesk", "serve", "--port", str(port), "--workers", "2"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    headers = {"Authorization": f"Bearer {token}"}
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/readyz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)

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
