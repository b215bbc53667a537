"""The console tests use the API tests' app and credentials; the browser tests share one
server (uvicorn in a thread) and one headless Chromium page."""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from sqlalchemy import update

from tandemdesk import accounts
from tandemdesk.api.app import create_app
from tandemdesk.models import Agent
from tandemdesk.orchestrator import Orchestrator
from tests.api.conftest import api, free_port  # noqa: F401 - fixture
from tests.orchestrator.conftest import intent_model, shop  # noqa: F401 - fixtures

CHROMIUM = os.environ.get("TANDEMDESK_CHROMIUM", "/usr/bin/chromium")
needs_chromium = pytest.mark.skipif(
    not Path(CHROMIUM).exists() and shutil.which("chromium") is None,
    reason="needs Debian's chromium (apt-get install -y chromium; .ci/run installs it)",
)


@pytest.fixture
def server(shop: Orchestrator, database_url: str) -> Iterator[tuple[str, str]]:  # noqa: F811
    if not database_url.startswith("sqlite"):
        pytest.skip("browser tests run on SQLite; the API tests cover PostgreSQL")
    workspace = shop.workspace
    with workspace.sessions.begin() as session:  # one agent on duty: the routing is known
        session.execute(update(Agent).where(Agent.external_id != "a1").values(active=False))
    accounts.create_user(workspace, "ann", "ann's password", "agent", agent="a1")
    accounts.create_user(workspace, "sue", "sue's password", "supervisor")
    token = accounts.create_token(workspace, "integration", "browser test")
    port = free_port()
    config = uvicorn.Config(
        create_app(workspace, orchestrator=shop), port=port, log_level="warning"
    )
    runner = uvicorn.Server(config)
    thread = threading.Thread(target=runner.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not runner.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    if not runner.started:
        runner.should_exit = True
        thread.join(timeout=10)
        if thread.is_alive():
            pytest.fail(f"uvicorn did not start on port {port} within 20 s")
        pytest.fail(f"uvicorn's thread ended before it started on port {port}; see the log")
    yield f"http://127.0.0.1:{port}", token
    runner.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def page(server: tuple[str, str]) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium"),
            args=["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                  "--disable-background-networking", "--no-first-run"],
        )  # fmt: skip
        context = browser.new_context(base_url=server[0])
        yield context.new_page()
        browser.close()
