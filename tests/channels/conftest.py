"""Real servers for the delivery tests: an SMTP server (aiosmtpd) and an HTTP webhook
receiver, both on loopback, both able to misbehave (refuse, answer 500, hang)."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from tandemdesk.channels.webhooks import verify
from tests.api.conftest import api, free_port  # noqa: F401 - fixtures
from tests.orchestrator.conftest import intent_model, shop  # noqa: F401 - fixtures

SECRET = "whsec_test_secret_0123456789"


@dataclass
class MailHandler:
    """Keeps every mail; ``refuse`` answers 451 to the next N mails, ``delay`` slows each."""

    mails: list[EmailMessage] = field(default_factory=list)
    refuse: int = 0
    delay: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.delay:
            await asyncio.sleep(self.delay)
        with self.lock:
            if self.refuse > 0:
                self.refuse -= 1
                return "451 4.3.0 try again later"
            parsed = message_from_bytes(envelope.content, policy=default)
            assert isinstance(parsed, EmailMessage)
            self.mails.append(parsed)
        return "250 OK"

    def ids(self) -> list[str]:
        with self.lock:
            return [str(m["Message-ID"]) for m in self.mails]


@dataclass
class SmtpServer:
    handler: MailHandler
    url: str


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    handler = MailHandler()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield SmtpServer(handler, f"smtp://127.0.0.1:{port}")
    finally:
        controller.stop()


@dataclass
class Call:
    headers: dict[str, str]
    body: bytes
    verified: bool


@dataclass
class Receiver:
    """A webhook receiver: answers from ``script`` in turn (``ok``, ``500``, ``hang``), then
    ``ok``; verifies every signature with ``SECRET``."""

    url: str
    calls: list[Call] = field(default_factory=list)
    script: list[str] = field(default_factory=list)
    hang_seconds: float = 3.0

    def wait_for(self, n: int, timeout: float = 10.0) -> list[Call]:
        until = time.monotonic() + timeout
        while len(self.calls) < n and time.monotonic() < until:
            time.sleep(0.02)
        return self.calls


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    port = free_port()
    state = Receiver(f"http://127.0.0.1:{port}/hook")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            headers = {k: v for k, v in self.headers.items()}
            ok = verify(SECRET, body, headers.get("Tandemdesk-Signature", ""))
            state.calls.append(Call(headers, body, ok))
            answer = state.script.pop(0) if state.script else "ok"
            if answer == "hang":
                time.sleep(state.hang_seconds)
            status = 500 if answer == "500" else 204 if ok else 400
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
