"""``kill -9`` of the worker (or of ``serve`` delivering in-process) while it sends: every
reply still arrives, none twice once the receiver drops repeats by Message-ID (the id is
fixed when the reply is stored, so a resend after the crash carries the same one). Real
processes, a real SMTP server, both databases; ``bench/delivery.py`` does the same with
1,000 replies."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections import Counter

import pytest
from sqlalchemy import func, select

from tandemdesk import actions
from tandemdesk.models import Delivery
from tandemdesk.orchestrator import Orchestrator
from tests.api.conftest import free_port
from tests.channels.conftest import SmtpServer
from tests.channels.test_delivery import email_conversation

REPLIES = 100
BATCH = 5


def _worker(env: dict[str, str], killed: str = "worker") -> subprocess.Popen[bytes]:
    command = ["worker", "--no-recover"]
    if killed == "serve":  # the server delivering in-process (SQLite's default; forced on PG)
        command = ["serve", "--port", str(free_port()), "--log-level", "error"]
        env = {**env, "TANDEMDESK_SERVE_DELIVERS": "on"}
    return subprocess.Popen(
        [sys.executable, "-m", "tandemdesk", *command],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip


def _wait(condition: object, timeout: float) -> None:
    until = time.monotonic() + timeout
    while not condition() and time.monotonic() < until:  # type: ignore[operator]
        time.sleep(0.02)


@pytest.mark.parametrize("killed", ["worker", "serve"])
def test_kill_9_while_delivering_loses_no_reply_and_sends_none_twice(
    shop: Orchestrator, smtp_server: SmtpServer, killed: str
) -> None:
    """The process killed is a ``tandemdesk worker`` or a ``serve`` delivering in-process;
    a worker started afterwards finishes the job."""
    workspace = shop.workspace
    conversation_id = email_conversation(shop)
    for i in range(REPLIES):
        actions.do_reply(workspace, conversation_id, f"Reply number {i}", "a1")
    with workspace.sessions() as session:
        keys = list(session.scalars(select(Delivery.key).where(Delivery.channel == "email")))
    expected = {f"<td-{key}@example.com>" for key in keys}
    assert len(expected) >= REPLIES
    smtp_server.handler.delay = 0.01  # the kill lands while mails are in flight
    env = {**os.environ, "TANDEMDESK_SMTP_URL": smtp_server.url,
           "TANDEMDESK_DELIVERY_LEASE_SECONDS": "1", "TANDEMDESK_SMTP_TIMEOUT": "0.5",
           "TANDEMDESK_WEBHOOK_TIMEOUT": "0.5", "TANDEMDESK_DELIVERY_BATCH_SIZE": str(BATCH),
           "TANDEMDESK_DELIVERY_POLL_SECONDS": "0.05"}  # fmt: skip
    first = _worker(env, killed)
    _wait(lambda: len(smtp_server.handler.mails) >= REPLIES // 3, 90)
    first.kill()  # SIGKILL: no clean-up, claims left as they were
    first.wait()
    assert 0 < len(smtp_server.handler.mails) < len(expected), "the kill came too late"

    def unsent() -> int:
        with workspace.sessions() as session:
            return int(session.scalar(
                select(func.count()).select_from(Delivery).where(Delivery.status != "sent")
            ) or 0)  # fmt: skip

    second = _worker(env)
    try:
        _wait(lambda: unsent() == 0, 90)
    finally:
        second.terminate()
        _, err = second.communicate(timeout=30)
    assert unsent() == 0, err.decode()[-2000:]
    received = Counter(smtp_server.handler.ids())
    assert set(received) == expected  # every reply arrived, and nothing else did
    repeats = sum(n - 1 for n in received.values())
    with workspace.sessions() as session:
        attempts = Counter(session.scalars(select(Delivery.attempts)))
    assert repeats <= BATCH, (
        attempts,
        err.decode()[-3000:],
    )  # only what was in flight at the kill, each with its own id
