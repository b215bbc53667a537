"""The server's log: one line per request, every server error with its traceback, and never
a card number, an IBAN, an e-mail address, a token or a customer's words — whatever the
customer sends and whatever fails (``tandemdesk.logs``, ``api/edge.py``,
``api/store_errors.py``). The log is captured as ``serve`` writes it, at level debug.
"""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from sqlalchemy import text

from tandemdesk import accounts
from tandemdesk.logs import configure_logging, remove_logging, scrub
from tests.api.conftest import Api, assert_error

CARD = "4111 1111 1111 1111"
CARD_DIGITS = "4111111111111111"
IBAN = "DE89 3704 0044 0532 0130 00"
EMAIL = "juniper.secret@example.net"
WORDS = "marmalade lighthouse"  # a customer's words, unlikely anywhere else
SECRETS = ("4111", "DE89", "3704", "juniper", "example.net", "marmalade", "lighthouse")


@pytest.fixture
def server_log() -> Iterator[io.StringIO]:
    stream = io.StringIO()
    level = logging.getLogger().level
    configure_logging("debug", "text", stream=stream)
    yield stream
    remove_logging()
    logging.getLogger().setLevel(level)


def hostile(text: str, **extra: object) -> dict[str, object]:
    return {"customer": {"email": EMAIL, "name": "Juniper"}, "text": text, **extra}


def assert_clean(log: str, api: Api) -> None:
    for secret in (*SECRETS, *api.tokens.values()):
        assert secret not in log, f"{secret!r} leaked into the log:\n{log}"
    assert CARD_DIGITS not in log.replace(" ", "")


def test_hostile_messages_leave_no_customer_data_in_any_log_line(
    api: Api, server_log: io.StringIO
) -> None:
    feed = api.as_role("integration")
    cases = [
        hostile(f"{WORDS} my card {CARD}\x00 and IBAN {IBAN}"),  # NUL: 422
        hostile(f"{WORDS} {CARD} " + "x" * 200_000),  # oversize text: 422
        hostile(f"{WORDS}, card {CARD}, IBAN {IBAN}, mail me at {EMAIL}"),  # stored: 201
        hostile(WORDS, meta={"card": CARD, "note": f"{EMAIL}\x00"}),  # NUL in meta: 422
        hostile(WORDS, meta={"blob": f"{CARD} " * 1_000_000}),  # 10 MB: 413
        hostile(WORDS, channel=f"{EMAIL}-{CARD}"),  # too long a channel: 422
    ]
    statuses = []
    for body in cases:
        response = api.client.post(
            "/v1/messages",
            content=json.dumps(body),
            headers={**feed, "content-type": "application/json"},
        )
        statuses.append(response.status_code)
    assert statuses == [422, 422, 201, 422, 413, 422]
    login = api.client.post("/v1/session", json={"username": f"{EMAIL}\x00", "password": CARD})
    assert 400 <= login.status_code < 500
    log = server_log.getvalue()
    assert_clean(log, api)
    request_lines = [line for line in log.splitlines() if " request method=" in line]
    assert len(request_lines) == len(cases) + 1
    integration = accounts.from_token(api.shop.workspace, api.tokens["integration"])
    assert integration is not None
    assert "status=201" in request_lines[2]
    assert f"principal=token:{integration.token_id}" in request_lines[2]
    assert "path=/v1/messages" in request_lines[0]


def test_a_request_line_has_method_route_status_duration_and_caller_in_json(
    api: Api, server_log: io.StringIO
) -> None:
    configure_logging("info", "json", stream=server_log)
    api.post_message(f"{WORDS}: where is my order?", email=EMAIL)
    conversation_id = (
        api.shop.workspace.sessions()
        .execute(text("SELECT id FROM conversations ORDER BY id DESC"))
        .scalar()
    )
    api.client.get(f"/v1/conversations/{conversation_id}", headers=api.as_role("admin"))
    api.client.get(f"/v1/customers/{EMAIL}", headers=api.as_role("admin"))
    lines = [json.loads(line) for line in server_log.getvalue().splitlines()]
    requests = [line for line in lines if line["logger"] == "tandemdesk.requests"]
    assert [r["path"] for r in requests] == [
        "/v1/messages",
        f"/v1/conversations/{conversation_id}",
        "/v1/customers/{key}",  # the key is an e-mail address: never in the log
    ]
    first = requests[0]
    assert {"method", "path", "status", "duration_ms", "principal"} <= set(first)
    assert first["method"] == "POST" and first["status"] == 201
    assert isinstance(first["duration_ms"], float) and first["duration_ms"] > 0
    admin = accounts.from_token(api.shop.workspace, api.tokens["admin"])
    assert admin is not None and requests[1]["principal"] == f"token:{admin.token_id}"
    assert_clean(server_log.getvalue(), api)


def _failing_routes(app: FastAPI, api: Api) -> None:
    """A bug (an exception quoting customer data) and a real store error (a duplicate
    identity, whose PostgreSQL message names the e-mail address)."""

    @app.get("/v1/test/bug")
    def bug() -> None:
        raise RuntimeError(f"failed on {EMAIL} paying with {CARD} from {IBAN}")

    @app.get("/v1/test/store")
    def store() -> None:
        with api.shop.workspace.engine.begin() as connection:
            customer = connection.execute(
                text("INSERT INTO customers (name, attributes, created_at) "
                     "VALUES (:name, '{}', CURRENT_TIMESTAMP) RETURNING id"),
                {"name": WORDS},
            ).scalar()  # fmt: skip
            insert = text(
                "INSERT INTO identities (customer_id, kind, value) VALUES (:c, 'email', :v)"
            )
            connection.execute(insert, {"c": customer, "v": EMAIL})
            connection.execute(insert, {"c": customer, "v": EMAIL})

    app.router.routes.insert(0, app.router.routes.pop())
    app.router.routes.insert(0, app.router.routes.pop())


def test_a_server_error_is_a_500_in_the_shape_logged_once_with_its_traceback_and_masked(
    api: Api, server_log: io.StringIO
) -> None:
    app = api.client.app
    assert isinstance(app, FastAPI)
    _failing_routes(app, api)
    response = api.client.get("/v1/test/bug")  # TestClient raises if the error escaped
    assert_error(response, 500, "internal_error")
    assert api.client.get("/healthz").status_code == 200  # the server carries on
    log = server_log.getvalue()
    assert log.count("Traceback (most recent call last)") == 1
    assert "RuntimeError: failed on [EMAIL] paying with [CARD] from [IBAN]" in log
    assert "status=500" in log
    assert_clean(log, api)


def test_a_store_error_answers_409_and_logs_class_and_sqlstate_only(
    api: Api, server_log: io.StringIO
) -> None:
    app = api.client.app
    assert isinstance(app, FastAPI)
    _failing_routes(app, api)
    assert_error(api.client.get("/v1/test/store"), 409, "conflict")
    log = server_log.getvalue()
    assert "store refused GET /v1/test/store: IntegrityError" in log
    assert_clean(log, api)


def test_the_filter_masks_what_a_repr_glues_to_a_number() -> None:
    line = scrub(f"value {'x' + chr(0) + CARD_DIGITS + chr(0)!r} and {IBAN.replace(' ', '')}")
    assert CARD_DIGITS not in line and "DE89" not in line
    assert scrub(f"mail:{EMAIL}\\n") == "mail:[EMAIL] "


def test_a_console_page_is_logged_with_the_person_who_asked(
    api: Api, server_log: io.StringIO
) -> None:
    user = accounts.create_user(api.shop.workspace, "lead", "lead's password", "supervisor")
    login = api.client.post("/v1/session", json={"username": "lead", "password": "lead's password"})
    assert login.status_code == 200
    page = api.client.get("/inbox")
    assert page.status_code == 200
    lines = [line for line in server_log.getvalue().splitlines() if "path=/inbox" in line]
    assert lines and f"principal=user:{user.user_id}" in lines[-1], server_log.getvalue()
    assert "lead's password" not in server_log.getvalue()
