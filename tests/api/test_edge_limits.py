"""Bad input at the edge: every value the store cannot keep is a 422 in the one error shape,
the same on SQLite and PostgreSQL, and oversized bodies, ``meta``, attachment lists and
policies are refused before they cost anything.

The cases are the ones a schemathesis run found answered 500 (issue 17): a 31-character
channel, a 501-character message id, a 301-character name, a 400-character e-mail, NUL in
any text field, ids beyond 64 bits, a year-1 date, a NUL in a login name.
"""

from __future__ import annotations

import json
import time
from typing import Any

import pytest
from annotated_types import MaxLen
from sqlalchemy import String

from tandemdesk import models
from tandemdesk.api import fields
from tests.api.conftest import Api, assert_error

CARD = "4111 1111 1111 1111"


def message(**extra: Any) -> dict[str, Any]:
    return {"customer": {"email": "mia@example.org"}, "text": "where is my order?", **extra}


def nested(depth: int) -> dict[str, Any]:
    value: dict[str, Any] = {}
    for _ in range(depth):
        value = {"a": value}
    return value


BAD_MESSAGES = {
    "channel of 31": message(channel="c" * 31),
    "external_id of 501": message(external_id="m" * 501),
    "customer name of 301": message(customer={"email": "mia@example.org", "name": "n" * 301}),
    "e-mail of 400": message(customer={"email": "a" * 390 + "@example.org"}),
    "external customer id of 201": message(customer={"external_id": "x" * 201}),
    "NUL in the text": message(text=f"my card {CARD}\x00 please"),
    "NUL in the channel": message(channel="chat\x00"),
    "NUL in the customer name": message(customer={"email": "mia@example.org", "name": "M\x00"}),
    "NUL in the subject": message(subject="order\x00"),
    "NUL in a meta value": message(meta={"note": "x\x00y"}),
    "NUL in a meta key": message(meta={"k\x00": 1}),
    "NaN in meta": message(meta={"score": float("nan")}),
    "escape character in the thread key": message(thread_key="t\x1b[31m"),
    "unpaired surrogate in the text": message(text="broken \ud800 text"),
    "year 1": message(sent_at="0001-01-01T00:00:00+01:00"),
    "year 9999": message(sent_at="9999-12-31T23:59:59Z"),
    "meta nested 30 deep": message(meta=nested(30)),
    "101 references": message(references=[f"r{i}" for i in range(101)]),
}


def test_a_value_the_store_cannot_keep_is_a_422_on_both_databases(api: Api) -> None:
    for case, body in BAD_MESSAGES.items():
        response = api.client.post(
            "/v1/messages",
            content=json.dumps(body),  # ASCII-escaped: lone surrogates and NaN travel too
            headers={**api.as_role("integration"), "content-type": "application/json"},
        )
        assert response.status_code == 422, (case, response.text)
        error = assert_error(response, 422, "invalid_request")
        assert error["details"]["errors"][0]["field"], case


def test_the_limits_fit_the_columns_they_guard() -> None:
    """Each edge type is exactly as long as the column its value is stored in."""
    pairs = {
        fields.Channel: [models.Conversation.channel, models.Message.channel],
        fields.ExternalId: [models.Customer.external_id, models.Conversation.external_id,
                            models.Agent.external_id, models.Article.external_id],
        fields.MessageExternalId: [models.Message.external_id],
        fields.Name: [models.Customer.name, models.Agent.name, models.User.name],
        fields.Email: [models.Customer.email, models.Identity.value],
        fields.Phone: [models.Customer.phone],
        fields.Language: [models.Customer.language, models.Article.language],
        fields.Subject: [models.Conversation.subject],
        fields.ThreadKey: [models.Conversation.thread_key],
        fields.Intent: [models.Conversation.intent, models.Decision.intent],
        fields.Queue: [models.Conversation.queue],
        fields.Status: [models.Conversation.status],
        fields.Action: [models.Decision.action],
        fields.RuleId: [models.Decision.rule_id],
        fields.EventType: [models.CustomerEvent.type],
        fields.Role: [models.User.role, models.ApiToken.role],
        fields.Username: [models.User.username],
        fields.TokenName: [models.ApiToken.name],
        fields.Title: [models.Article.title],
    }  # fmt: skip
    for kind, columns in pairs.items():
        limit = next(m.max_length for m in kind.__metadata__ if isinstance(m, MaxLen))
        for column in columns:
            column_type = column.property.columns[0].type
            assert isinstance(column_type, String)
            assert column_type.length == limit, (column, limit)
    dedup = models.CustomerEvent.dedup_key.property.columns[0].type
    event_id = next(m for m in fields.EventExternalId.__metadata__ if isinstance(m, MaxLen))
    assert len("id:") + event_id.max_length <= dedup.length


@pytest.mark.parametrize("path", ["/v1/conversations/{}", "/v1/conversations/{}/resolve"])
@pytest.mark.parametrize("value", [2**31, 2**64, 0, -1])
def test_ids_out_of_range_are_422_not_500(api: Api, path: str, value: int) -> None:
    method = api.client.get if "resolve" not in path else api.client.post
    response = method(path.format(value), headers=api.as_role("admin"))
    assert_error(response, 422, "invalid_request")


def test_query_and_path_text_refuse_nul(api: Api) -> None:
    admin = api.as_role("admin")
    for url in ["/v1/conversations?queue=a%00b", "/v1/customers/mia%00@example.org",
                "/v1/articles?q=%00", "/v1/decisions?action=%00"]:  # fmt: skip
        assert_error(api.client.get(url, headers=admin), 422, "invalid_request")


def test_a_year_one_range_is_422(api: Api) -> None:
    response = api.client.get(
        "/v1/insights", params={"until": "0001-01-01T00:00:00Z"}, headers=api.as_role("admin")
    )
    assert_error(response, 422, "invalid_request")


@pytest.mark.parametrize("username", ["mia\x00", "m" * 201, "\x00"])
def test_a_login_with_a_name_no_account_can_have_is_a_4xx(api: Api, username: str) -> None:
    response = api.client.post("/v1/session", json={"username": username, "password": "x" * 9})
    assert 400 <= response.status_code < 500
    assert_error(response, response.status_code)


def test_a_10_mb_meta_is_refused_before_it_is_read(api: Api) -> None:
    body = message(meta={"blob": "x" * 10_000_000})
    response = api.client.post("/v1/messages", json=body, headers=api.as_role("integration"))
    error = assert_error(response, 413, "too_large")
    assert error["details"]["limit"] == api.shop.workspace.settings.max_request_bytes


def test_a_meta_over_max_meta_bytes_is_422_and_nothing_is_stored(api: Api) -> None:
    body = message(meta={"blob": "x" * 70_000}, external_id="big-meta")
    response = api.client.post("/v1/messages", json=body, headers=api.as_role("integration"))
    error = assert_error(response, 422, "invalid_request")
    assert "max_meta_bytes" in error["message"]
    assert error["details"]["errors"][0]["field"] == "meta"
    again = api.client.post(
        "/v1/messages", json=message(external_id="big-meta"), headers=api.as_role("integration")
    )
    assert again.status_code == 201  # the refused one was not kept as a duplicate


def test_too_many_attachments_and_too_long_a_text_are_422(api: Api) -> None:
    settings = api.shop.workspace.settings
    many = message(attachments=[{"name": f"{i}.png"} for i in range(settings.max_attachments + 1)])
    long = message(text="x" * (settings.max_message_chars + 1))
    for body, field in ((many, "attachments"), (long, "text")):
        response = api.client.post("/v1/messages", json=body, headers=api.as_role("integration"))
        error = assert_error(response, 422, "invalid_request")
        assert error["details"]["errors"][0]["field"] == field


def test_a_body_sent_in_chunks_is_stopped_at_the_limit(api: Api) -> None:
    limit = api.shop.workspace.settings.max_request_bytes
    chunks = (b"x" * 65_536 for _ in range(limit // 65_536 + 2))
    response = api.client.post(
        "/v1/policy/check",
        content=chunks,
        headers={**api.as_role("admin"), "content-type": "application/json"},
    )
    assert_error(response, 413, "too_large")


def test_a_5_mb_policy_is_refused_and_a_300_kb_one_too(api: Api) -> None:
    admin = api.as_role("admin")
    huge = api.client.put("/v1/policy", json={"content": "#" * 5_000_000}, headers=admin)
    assert_error(huge, 413, "too_large")
    big = api.client.post("/v1/policy/check", json={"content": "#" * 300_000}, headers=admin)
    assert "max_policy_chars" in assert_error(big, 422, "invalid_request")["message"]


def test_a_yaml_alias_bomb_is_refused_fast(api: Api) -> None:
    bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    previous = "a"
    for name in "bcdefghi":
        bomb += f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]\n"
        previous = name
    bomb += "rules: *i\n"
    started = time.perf_counter()
    response = api.client.post(
        "/v1/policy/check", json={"content": bomb}, headers=api.as_role("admin")
    )
    assert time.perf_counter() - started < 2.0
    error = assert_error(response, 422)
    assert "aliases" in error["message"]


def test_a_negative_offset_and_an_id_sized_customer_key_answer_alike_on_both_databases(
    api: Api,
) -> None:
    admin = api.as_role("admin")
    response = api.client.get("/v1/conversations?offset=-1", headers=admin)
    assert_error(response, 422, "invalid_request")
    for key in ["99999999999999999999", "2147483648", "²"]:
        assert_error(api.client.get(f"/v1/customers/{key}", headers=admin), 404, "not_found")
