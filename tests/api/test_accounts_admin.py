"""Accounts that can be switched off, effective on the next request, and tokens tied to an
agent; and only a conversation's current assignee (or a lead) acts on it."""

from __future__ import annotations

import re
from typing import Any

from tandemdesk import accounts, accounts_admin
from tests.api.conftest import Api, assert_error

DISTRESSED = "I am so upset and stressed, my order never came and I am in tears."


def _login(api: Api, username: str, password: str) -> dict[str, str]:
    api.client.cookies.clear()
    response = api.client.post("/v1/session", json={"username": username, "password": password})
    assert response.status_code == 200, response.text
    return {"X-CSRF-Token": response.json()["csrf_token"]}


def test_a_revoked_token_is_refused_on_its_next_request(api: Api) -> None:
    admin = api.as_role("admin")
    made = api.client.post("/v1/tokens", json={"role": "integration", "name": "bridge"},
                           headers=admin).json()  # fmt: skip
    bearer = {"Authorization": f"Bearer {made['token']}"}
    assert api.client.get("/v1/me", headers=bearer).status_code == 200  # and now remembered
    assert made["prefix"] == made["token"][:10]
    # revoked by another process (the CLI) straight in the store: no server cache hides it
    revoked = accounts_admin.revoke_token(api.shop.workspace, made["prefix"])
    assert revoked["active"] is False and revoked["revoked_at"]
    assert_error(api.client.get("/v1/me", headers=bearer), 401, "unauthenticated")
    listed = api.client.get("/v1/tokens", headers=admin).json()
    mine = [t for t in listed["data"] if t["name"] == "bridge"]
    assert len(mine) == 1 and mine[0]["active"] is False and "token" not in mine[0]
    # and through the API, by id
    other = api.client.post("/v1/tokens", json={"role": "integration"}, headers=admin).json()
    ids = {t["prefix"]: t["id"] for t in api.client.get("/v1/tokens", headers=admin).json()["data"]}
    done = api.client.post(f"/v1/tokens/{ids[other['prefix']]}/revoke", headers=admin)
    assert done.status_code == 200 and done.json()["active"] is False
    gone = {"Authorization": f"Bearer {other['token']}"}
    assert_error(api.client.get("/v1/me", headers=gone), 401, "unauthenticated")
    assert_error(api.client.post("/v1/tokens/td_/revoke", headers=admin), 422, "invalid_record")
    assert_error(api.client.post("/v1/tokens/td_zzzzzzz/revoke", headers=admin), 404)
    assert_error(api.client.post("/v1/tokens/999999/revoke", headers=admin), 404, "not_found")
    huge = api.client.post("/v1/tokens/99999999999999999999999/revoke", headers=admin)
    assert_error(huge, 404, "not_found")  # beyond the id column: no token, not a 500


def test_a_deactivated_user_is_logged_out_at_once_and_cannot_log_in(api: Api) -> None:
    workspace = api.shop.workspace
    admin = api.as_role("admin")
    accounts.create_user(workspace, "ann", "ann's password", "agent", agent="a1")
    headers = _login(api, "ann", "ann's password")
    assert api.client.get("/v1/me", headers=headers).json()["name"] == "Ann Agent"
    off = api.client.post("/v1/users/ann/deactivate", headers=admin)
    assert off.status_code == 200 and off.json()["active"] is False
    assert_error(api.client.get("/v1/me", headers=headers), 401, "unauthenticated")
    api.client.cookies.clear()
    refused = api.client.post("/v1/session", json={"username": "ann", "password": "ann's password"})
    assert_error(refused, 401, "unauthenticated")  # the same words as a wrong password
    users = {u["username"]: u for u in api.client.get("/v1/users", headers=admin).json()["data"]}
    assert users["ann"]["active"] is False and users["ann"]["agent"] == "a1"
    on = api.client.post("/v1/users/ann/reactivate", headers=admin)
    assert on.status_code == 200 and on.json()["active"] is True
    headers = _login(api, "ann", "ann's password")  # a new login works; the old cookie stays dead
    assert api.client.get("/v1/me", headers=headers).status_code == 200
    assert_error(api.client.post("/v1/users/nobody/deactivate", headers=admin), 404, "not_found")


def test_the_last_admin_cannot_be_switched_off(api: Api) -> None:
    workspace = api.shop.workspace
    accounts.create_user(workspace, "root", "root's password", "admin")
    refused = api.client.post("/v1/users/root/deactivate", headers=api.as_role("admin"))
    assert_error(refused, 409, "conflict")
    accounts.create_user(workspace, "root2", "root's password", "admin")
    assert api.client.post("/v1/users/root/deactivate", headers=api.as_role("admin")).is_success


def test_an_agent_token_acts_as_its_agent_and_must_name_one(api: Api) -> None:
    admin = api.as_role("admin")
    routed = api.post_message(DISTRESSED)
    owner = {"Ann Agent": "a1", "Ben Agent": "a2", "Sue Senior": "s1"}[routed["assigned_agent"]]
    made = api.client.post("/v1/tokens", json={"role": "agent", "agent": owner}, headers=admin)
    assert made.status_code == 201, made.text
    bearer = {"Authorization": f"Bearer {made.json()['token']}"}
    inbox = api.client.get("/v1/conversations", headers=bearer).json()
    assert [c["id"] for c in inbox["data"]] == [routed["conversation_id"]]
    assert api.client.get("/v1/me", headers=bearer).json()["agent_id"] is not None
    nameless = api.client.post("/v1/tokens", json={"role": "agent"}, headers=admin)
    assert "--agent" in assert_error(nameless, 422, "invalid_record")["message"]
    unknown = api.client.post("/v1/tokens", json={"role": "agent", "agent": "zed@x.org"},
                              headers=admin)  # fmt: skip
    assert_error(unknown, 404, "not_found")


def test_an_agent_login_without_an_agent_record_is_refused_with_the_fix(api: Api) -> None:
    body = {"username": "nobody@example.org", "password": "long enough", "role": "agent"}
    refused = api.client.post("/v1/users", json=body, headers=api.as_role("admin"))
    message = assert_error(refused, 404, "not_found")["message"]
    assert "import agents" in message and "--agent" in message


def _reassigned(api: Api) -> tuple[int, str, str, dict[str, Any]]:
    """A conversation routed to one agent, then reassigned by a lead to another."""
    routed = api.post_message(DISTRESSED)
    cid = routed["conversation_id"]
    first = {"Ann Agent": "a1", "Ben Agent": "a2", "Sue Senior": "s1"}[routed["assigned_agent"]]
    second = "a2" if first != "a2" else "a1"
    workspace = api.shop.workspace
    accounts.create_user(workspace, "was", "was's password", "agent", agent=first)
    accounts.create_user(workspace, "now", "now's password", "agent", agent=second)
    moved = api.client.post(f"/v1/conversations/{cid}/assign", json={"agent": second},
                            headers=api.as_role("supervisor"))  # fmt: skip
    assert moved.status_code == 200, moved.text
    return cid, first, second, routed


def test_only_the_current_assignee_or_a_lead_acts_on_a_conversation(api: Api) -> None:
    cid, _, _, _ = _reassigned(api)
    headers = _login(api, "was", "was's password")
    detail = api.client.get(f"/v1/conversations/{cid}", headers=headers)
    assert detail.status_code == 200  # they may still read what they worked on
    decision_id = detail.json()["decisions"][0]["id"]
    attempts = [
        (f"/v1/conversations/{cid}/reply", {"text": "I'm on it."}),
        (f"/v1/conversations/{cid}/resolve", None),
        (f"/v1/conversations/{cid}/intent", {"intent": "damaged_item"}),
        (f"/v1/conversations/{cid}/reopen", {"reason": "x"}),
        (f"/v1/decisions/{decision_id}/override", {"action": "automate", "reason": "x"}),
        (f"/v1/decisions/{decision_id}/draft", {"text": "Hello", "send": True}),
    ]
    for path, body in attempts:
        error = assert_error(api.client.post(path, json=body, headers=headers), 403, "not_assignee")
        assert "Ben Agent" in error["message"] or "Ann Agent" in error["message"], error
        assert error["details"]["conversation_id"] == cid
    headers = _login(api, "now", "now's password")
    reply = api.client.post(f"/v1/conversations/{cid}/reply", json={"text": "I'm on it."},
                            headers=headers)  # fmt: skip
    assert reply.status_code == 201, reply.text
    lead = api.client.post(f"/v1/conversations/{cid}/resolve", headers=api.as_role("supervisor"))
    assert lead.status_code == 200, lead.text


def test_the_console_tells_a_former_assignee_why_not(api: Api) -> None:
    cid, _, _, _ = _reassigned(api)
    api.client.cookies.clear()
    form = api.client.get("/login").text
    token = re.search(r'name="login_csrf" value="([^"]+)"', form)
    assert token is not None
    api.client.post("/login", data={"username": "was", "password": "was's password",
                                    "login_csrf": token.group(1)})  # fmt: skip
    page = api.client.get(f"/conversations/{cid}")
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert page.status_code == 200 and csrf is not None
    refused = api.client.post(f"/conversations/{cid}/reply",
                              data={"text": "Still mine?", "csrf_token": csrf.group(1)})  # fmt: skip
    assert refused.status_code == 403
    assert "only its assignee or a lead can act on it" in refused.text
    assert "Still mine?" in refused.text  # the agent's text is not lost
    resolved = api.client.post(f"/conversations/{cid}/resolve",
                               data={"csrf_token": csrf.group(1)})  # fmt: skip
    assert "only its assignee or a lead can act on it" in resolved.text
    detail = api.client.get(f"/v1/conversations/{cid}", headers=api.as_role("supervisor"))
    assert detail.json()["status"] != "resolved" and not detail.json()["outcomes"]
