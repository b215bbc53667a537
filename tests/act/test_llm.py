"""The optional LLM rewrite: the HTTP contract against a local fake endpoint, and the fallbacks.

The fake is a real ``http.server`` on 127.0.0.1 (random port) in a thread: what a third party
owns (the model server) is faked at its wire format, and nothing leaves the machine. It
records each request and answers as the test tells it (a rewrite, a 500, silence, garbage).
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from tandemdesk.act.answers import (
    Answer,
    CustomerFacts,
    KnowledgeBase,
    KnowledgeItem,
    compose_answer,
    facts_from_timeline,
)
from tandemdesk.act.llm import LLMSettings, Rewrite, build_request, check_rewrite, rewrite_answer
from tandemdesk.models import Customer, CustomerEvent

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
TRACKING = "JJD0099887766"
MACRO = KnowledgeItem(
    id="mac-wismo",
    kind="macro",
    title="Where is my order (in transit)",
    body=(
        "Hi {{customer.first_name}},\n\nyour order {{order.number}} shipped with "
        "{{shipment.carrier}}. Tracking number: {{shipment.tracking_number}}; estimated "
        "delivery: {{shipment.eta}}.\n\nBest regards,\n{{agent.first_name}}"
    ),
    intents=("order_status",),
)
CUSTOMER_TEXT = (
    "Hello, where is my order NW-1001?? Call me on +49 170 1234567 or write to "
    "anna.berg@example.org.\nThanks, Anna Berg"
)
GOOD_REWRITE = (
    "Hi {{customer.first_name}}, thanks so much for checking in! Good news: your order NW-1001 "
    f"is on its way with DHL. You can follow it with tracking number {TRACKING}; it should "
    "reach you by 12 March 2026.\n\nWarm wishes,\nCustomer Support"
)


@dataclass
class FakeModel:
    """What the fake endpoint answers, and what it was sent."""

    status: int = 200
    content: str = GOOD_REWRITE
    raw: bytes | None = None  # sent as-is instead of a chat completion
    delay: float = 0.0
    requests: list[dict[str, Any]] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)


@pytest.fixture
def fake() -> Iterator[tuple[FakeModel, str]]:
    model = FakeModel()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            body = json.loads(self.rfile.read(length))
            model.requests.append({"path": self.path, "headers": dict(self.headers), "body": body})
            if model.delay:
                model.release.wait(model.delay)
            if model.raw is not None:
                payload = model.raw
            else:
                message = {"role": "assistant", "content": model.content}
                payload = json.dumps({"choices": [{"index": 0, "message": message}]}).encode()
            try:
                self.send_response(model.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
            except OSError:  # the client gave up (timeout test)
                pass

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield model, f"http://127.0.0.1:{server.server_address[1]}/v1"
    finally:
        model.release.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def grounded() -> tuple[Answer, CustomerFacts]:
    events = [
        CustomerEvent(
            type="order_placed",
            occurred_at=NOW - timedelta(days=2),
            data={"order_number": "NW-1001", "total": 59.0, "currency": "EUR"},
        ),
        CustomerEvent(
            type="order_shipped",
            occurred_at=NOW - timedelta(days=1),
            data={
                "order_number": "NW-1001",
                "carrier": "DHL",
                "tracking_number": TRACKING,
                "eta": "2026-03-12",
            },
        ),
    ]
    person = Customer(name="Anna Berg", email="anna.berg@example.org", language="en")
    facts = facts_from_timeline(person, events, "NW-1001", now=NOW)
    answer = compose_answer("order_status", CUSTOMER_TEXT, "en", facts, KnowledgeBase([MACRO]))
    assert isinstance(answer, Answer), answer
    return answer, facts


def rewrite(url: str, **settings: Any) -> Rewrite:
    answer, facts = grounded()
    config = LLMSettings(base_url=url, model="local-7b", api_key="sk-test", **settings)
    return rewrite_answer(answer, CUSTOMER_TEXT, config, facts)


def test_request_shape_carries_no_personal_data(fake: tuple[FakeModel, str]) -> None:
    model, url = fake
    result = rewrite(url)
    assert result.rewritten, result.reason
    assert result.text.startswith("Hi Anna, thanks so much")  # the name is filled back in
    assert TRACKING in result.text and "NW-1001" in result.text
    assert result.citation == "Where is my order (in transit) (mac-wismo)"

    (sent,) = model.requests
    assert sent["path"] == "/v1/chat/completions"
    assert sent["headers"]["Authorization"] == "Bearer sk-test"
    body = sent["body"]
    assert body["model"] == "local-7b" and body["stream"] is False
    assert [m["role"] for m in body["messages"]] == ["system", "user"]
    wire = json.dumps(body, ensure_ascii=False)
    for private in ("Anna", "Berg", "anna.berg@example.org", "170 1234567"):
        assert private not in wire
    user = body["messages"][1]["content"]
    assert "{{customer.first_name}}" in user and TRACKING in user and "NW-1001" in user
    assert "[NAME]" in user and "[EMAIL]" in user and "[PHONE]" in user
    assert "mac-wismo" in user  # the source is named so the model keeps to it


def test_build_request_is_pure_and_redacts() -> None:
    answer, facts = grounded()
    body = build_request(answer, CUSTOMER_TEXT, LLMSettings("http://x/v1", "m"), facts)
    assert "Anna" not in json.dumps(body) and body["max_tokens"] > 0


def test_server_error_falls_back(fake: tuple[FakeModel, str]) -> None:
    model, url = fake
    model.status = 500
    result = rewrite(url)
    answer, _ = grounded()
    assert not result.rewritten and result.text == answer.text
    assert result.reason == "the model endpoint answered HTTP 500"
    assert "grounded answer kept" in result.explain()


def test_timeout_falls_back_quickly(fake: tuple[FakeModel, str]) -> None:
    model, url = fake
    model.delay = 5.0
    started = time.monotonic()
    result = rewrite(url, timeout=0.3)
    assert time.monotonic() - started < 2.0
    assert not result.rewritten
    assert result.reason == "the model did not answer within 0.3 s"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (GOOD_REWRITE.replace(TRACKING, "your tracking number"), f"dropped facts: {TRACKING}"),
        (GOOD_REWRITE.replace("DHL", "the carrier"), "dropped facts: DHL"),
        (GOOD_REWRITE + " We'll also refund €10 within 24 hours.", "added facts"),
        (
            GOOD_REWRITE.replace("Hi {{customer.first_name}}", "Hi there"),
            "dropped the placeholders",
        ),
        ("", "empty reply"),
    ],
)
def test_rewrites_that_change_the_facts_fall_back(
    fake: tuple[FakeModel, str], content: str, reason: str
) -> None:
    model, url = fake
    model.content = content
    result = rewrite(url)
    assert not result.rewritten and result.reason is not None
    assert reason in result.reason
    assert result.text == grounded()[0].text


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"<html>not json</html>", "malformed JSON"),
        (b'{"choices": []}', "no choices[0].message.content"),
    ],
)
def test_malformed_responses_fall_back(
    fake: tuple[FakeModel, str], raw: bytes, reason: str
) -> None:
    model, url = fake
    model.raw = raw
    result = rewrite(url)
    assert not result.rewritten and result.reason is not None and reason in result.reason


def test_unreachable_or_misconfigured_endpoint_never_raises() -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    closed = rewrite(f"http://127.0.0.1:{port}/v1", timeout=2)
    assert not closed.rewritten and closed.reason is not None
    assert closed.reason.startswith("the model endpoint is unreachable")
    wrong = rewrite("file:///etc/passwd")
    assert not wrong.rewritten and wrong.reason is not None and "http://" in wrong.reason


def test_check_rewrite_reads_facts_not_layout() -> None:
    article = KnowledgeItem(
        id="kb-password-reset",
        kind="article",
        title="Resetting your password",
        body="1. Click Forgot password?\n2. Open our email and click the link within 60 minutes.",
        intents=("password_reset",),
    )
    facts = facts_from_timeline(Customer(name="Anna Berg"), [], None, now=NOW)
    answer = compose_answer(
        "password_reset", "forgot my password", "en", facts, KnowledgeBase([article])
    )
    assert isinstance(answer, Answer)
    prose = "No worries! Click Forgot password?, then use the link in our email within 60 minutes."
    assert check_rewrite(answer, prose) is None
    assert check_rewrite(answer, prose.replace("60 minutes", "an hour")) == (
        "the rewrite dropped facts: 60"
    )
