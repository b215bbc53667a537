"""Card numbers and IBANs through the live API and the console: masked at rest and on every
read path; revealing one is for leads and admins only, and every reveal is audited."""

from __future__ import annotations

import re

from sqlalchemy import text

from tandemdesk import accounts
from tests.api.conftest import Api, assert_error
from tests.web.test_console_pages import login

CARD = "4111 1111 1111 1111"
IBAN = "DE89 3704 0044 0532 0130 00"
TEXT = f"My card {CARD} was charged twice, refund to {IBAN} please"
RAW_PIECES = ("4111 1111", "1111 1111 1111", "3704 0044", "DE89")


def _no_raw_numbers(body: str) -> None:
    for piece in RAW_PIECES:
        assert piece not in body, f"{piece!r} leaked"


def _audit_rows(api: Api) -> list[tuple[int, str, str, str]]:
    with api.shop.workspace.engine.connect() as connection:
        rows = connection.execute(
            text("SELECT message_id, actor, role, reason FROM pii_reveals ORDER BY id")
        ).all()
    return [(r[0], r[1], r[2], r[3]) for r in rows]


def _message_id(api: Api, conversation_id: int) -> int:
    detail = api.client.get(f"/v1/conversations/{conversation_id}", headers=api.as_role("admin"))
    (masked,) = [m for m in detail.json()["messages"] if m["masked"]]
    return int(masked["id"])


def test_every_read_path_shows_the_masked_text(api: Api) -> None:
    routed = api.post_message(TEXT, email="pay@example.org")
    cid = routed["conversation_id"]
    with api.shop.workspace.engine.connect() as connection:
        stored = connection.execute(
            text(
                "SELECT text, text_protected FROM messages WHERE conversation_id = :c "
                "AND author = 'customer'"
            ),
            {"c": cid},
        ).one()
    assert "**** **** **** 1111" in stored[0] and "DE** **** **** **** **30 00" in stored[0]
    _no_raw_numbers(stored[0])
    _no_raw_numbers(stored[1])
    admin = api.as_role("admin")
    detail = api.client.get(f"/v1/conversations/{cid}", headers=admin)
    assert detail.status_code == 200
    assert "**** **** **** 1111" in detail.text
    _no_raw_numbers(detail.text)  # messages, decisions, handoff, understanding
    for path in ("/v1/customers/pay@example.org", "/v1/conversations?limit=50",
                 "/v1/decisions", "/v1/alerts"):  # fmt: skip
        response = api.client.get(path, headers=admin)
        assert response.status_code == 200, (path, response.text)
        _no_raw_numbers(response.text)
    accounts.create_user(api.shop.workspace, "lead", "lead's password", "supervisor")
    login(api, "lead", "lead's password")
    page = api.client.get(f"/conversations/{cid}")
    assert page.status_code == 200 and "**** **** **** 1111" in page.text
    _no_raw_numbers(page.text)
    _no_raw_numbers(api.client.get("/inbox").text)


def test_reveal_needs_a_lead_and_is_audited(api: Api) -> None:
    routed = api.post_message(TEXT, email="pay@example.org")
    message_id = _message_id(api, routed["conversation_id"])
    url = f"/v1/messages/{message_id}/reveal"
    for role in ("agent", "integration"):
        assert_error(api.client.post(url, json={}, headers=api.as_role(role)), 403, "forbidden")
    assert_error(api.client.post(url, json={}), 401)
    assert _audit_rows(api) == [], "a refused reveal reveals nothing and records nothing"

    response = api.client.post(url, json={"reason": "chargeback 77"},
                               headers=api.as_role("supervisor"))  # fmt: skip
    assert response.status_code == 200, response.text
    assert response.headers["cache-control"] == "no-store"
    body = response.json()
    assert body["text"] == TEXT and body["message_id"] == message_id
    assert _audit_rows(api) == [(message_id, "supervisor test", "supervisor", "chargeback 77")]
    assert api.client.post(url, headers=api.as_role("admin")).status_code == 200  # no body

    audit = api.client.get(f"/v1/pii/reveals?message_id={message_id}",
                           headers=api.as_role("supervisor")).json()  # fmt: skip
    assert audit["count"] == 2
    assert [r["actor"] for r in audit["data"]] == ["admin test", "supervisor test"]
    assert audit["data"][1]["reason"] == "chargeback 77"
    assert_error(api.client.get("/v1/pii/reveals", headers=api.as_role("agent")), 403)

    plain = api.post_message("Where is my order NW-5001?", email="plain@example.org")
    detail = api.client.get(f"/v1/conversations/{plain['conversation_id']}",
                            headers=api.as_role("admin")).json()  # fmt: skip
    plain_id = next(m["id"] for m in detail["messages"] if m["author"] == "customer")
    assert_error(api.client.post(f"/v1/messages/{plain_id}/reveal",
                                 headers=api.as_role("admin")), 404, "not_found")  # fmt: skip
    assert_error(api.client.post("/v1/messages/999999/reveal", headers=api.as_role("admin")),
                 404, "not_found")  # fmt: skip
    long_reason = {"reason": "x" * 501}
    assert_error(api.client.post(url, json=long_reason, headers=api.as_role("admin")), 422)
    assert len(_audit_rows(api)) == 2


def test_console_reveal_button_for_leads_only(api: Api) -> None:
    routed = api.post_message(TEXT, email="pay@example.org")
    cid = routed["conversation_id"]
    message_id = _message_id(api, cid)
    workspace = api.shop.workspace
    accounts.create_user(workspace, "ann", "ann's password", "agent", agent="a1")
    login(api, "ann", "ann's password")
    page = api.client.get("/inbox")
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert csrf is not None
    refused = api.client.post(f"/messages/{message_id}/reveal",
                              data={"csrf_token": csrf.group(1)})  # fmt: skip
    assert_error(refused, 403, "forbidden")

    accounts.create_user(workspace, "lead", "lead's password", "supervisor")
    login(api, "lead", "lead's password")
    page = api.client.get(f"/conversations/{cid}")
    assert "Reveal (recorded)" in page.text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token is not None
    forged = api.client.post(f"/messages/{message_id}/reveal", data={"reason": "x"})
    assert_error(forged, 403, "forbidden")
    shown = api.client.post(f"/messages/{message_id}/reveal",
                            data={"reason": "bank asked", "csrf_token": token.group(1)})  # fmt: skip
    assert shown.status_code == 200 and shown.headers["cache-control"] == "no-store"
    assert CARD in shown.text and IBAN in shown.text and "audit #" in shown.text
    audit = api.client.get("/supervisor/reveals")
    assert audit.status_code == 200
    assert "lead" in audit.text and "bank asked" in audit.text and f"#{message_id}" in audit.text
    _no_raw_numbers(audit.text)
    assert _audit_rows(api) == [(message_id, "lead", "supervisor", "bank asked")]
    one = api.client.get(f"/supervisor/reveals?message_id={message_id}")
    assert one.status_code == 200 and "bank asked" in one.text
    assert api.client.get("/supervisor/reveals?message_id=99999999999999999999").status_code == 422
