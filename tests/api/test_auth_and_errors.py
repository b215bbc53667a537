"""Every route: who may call it, and one error shape whatever goes wrong.

``ALLOWED`` classifies every API route; a new route that is not in it fails
``test_every_route_is_classified``, so nobody adds an endpoint without deciding who may
call it.
"""

from __future__ import annotations

import re

from sqlalchemy import select

from tandemdesk import accounts
from tandemdesk.models import Agent, Decision
from tests.api.conftest import Api, assert_error

PEOPLE = {"agent", "supervisor", "admin"}
STAFF = {"supervisor", "admin"}
FEEDS = {"integration", "supervisor", "admin"}
ALLOWED: dict[tuple[str, str], set[str] | None] = {  # None: public
    ("GET", "/healthz"): None,
    ("GET", "/readyz"): None,
    ("GET", "/metrics"): FEEDS,
    ("POST", "/v1/session"): None,
    ("DELETE", "/v1/session"): PEOPLE | {"integration"},
    ("GET", "/v1/me"): PEOPLE | {"integration"},
    ("POST", "/v1/tokens"): {"admin"},
    ("POST", "/v1/users"): {"admin"},
    ("GET", "/v1/tokens"): {"admin"},
    ("POST", "/v1/tokens/{ref}/revoke"): {"admin"},
    ("GET", "/v1/users"): {"admin"},
    ("POST", "/v1/users/{username}/deactivate"): {"admin"},
    ("POST", "/v1/users/{username}/reactivate"): {"admin"},
    ("POST", "/v1/messages"): FEEDS,
    ("POST", "/v1/events"): FEEDS,
    ("GET", "/v1/messages/failed"): STAFF,
    ("POST", "/v1/messages/{message_id}/retry"): STAFF,
    ("GET", "/v1/conversations"): PEOPLE,
    ("GET", "/v1/conversations/{conversation_id}"): PEOPLE | {"integration"},
    ("POST", "/v1/conversations/{conversation_id}/assign"): PEOPLE,
    ("POST", "/v1/conversations/{conversation_id}/reply"): PEOPLE,
    ("POST", "/v1/conversations/{conversation_id}/fill"): PEOPLE,
    ("POST", "/v1/conversations/{conversation_id}/resolve"): PEOPLE,
    ("POST", "/v1/conversations/{conversation_id}/reopen"): PEOPLE,
    ("POST", "/v1/conversations/{conversation_id}/csat"): FEEDS,
    ("POST", "/v1/conversations/{conversation_id}/intent"): PEOPLE,
    ("POST", "/v1/decisions/{decision_id}/override"): PEOPLE,
    ("POST", "/v1/decisions/{decision_id}/draft"): PEOPLE,
    ("GET", "/v1/customers/{key}"): PEOPLE,
    ("GET", "/v1/articles"): PEOPLE,
    ("GET", "/v1/articles/{external_id}"): PEOPLE,
    ("POST", "/v1/articles"): STAFF,
    ("PUT", "/v1/articles/{external_id}"): STAFF,
    ("DELETE", "/v1/articles/{external_id}"): STAFF,
    ("GET", "/v1/insights"): STAFF,
    ("GET", "/v1/decisions"): STAFF,
    ("GET", "/v1/alerts"): STAFF,
    ("GET", "/v1/policy"): STAFF,
    ("POST", "/v1/policy/check"): STAFF,
    ("POST", "/v1/policy/shadow"): STAFF,
    ("PUT", "/v1/policy"): {"admin"},
    ("POST", "/v1/webhooks"): {"admin"},
    ("GET", "/v1/webhooks"): {"admin"},
    ("DELETE", "/v1/webhooks/{subscription_id}"): {"admin"},
    ("GET", "/v1/webhooks/{subscription_id}/deliveries"): {"admin"},
    ("GET", "/v1/deliveries"): STAFF,
    ("POST", "/v1/deliveries/{delivery_id}/resend"): STAFF,
    ("GET", "/v1/messages/{message_id}"): PEOPLE | {"integration"},
    ("POST", "/v1/messages/{message_id}/reveal"): STAFF,
    ("GET", "/v1/pii/reveals"): STAFF,
    # people (issue 16): agents set their own presence and breaks ("me"); wellbeing: leads only
    ("GET", "/v1/agents/presence"): PEOPLE,
    ("PUT", "/v1/agents/{agent}/presence"): PEOPLE,
    ("POST", "/v1/agents/{agent}/break"): PEOPLE,
    ("DELETE", "/v1/agents/{agent}/break"): PEOPLE,
    ("GET", "/v1/waiting"): STAFF,
    ("POST", "/v1/waiting/serve"): STAFF,
    ("GET", "/v1/wellbeing"): STAFF,
    ("GET", "/v1/wellbeing/agents/{agent}"): STAFF,
    # the console's working day (issue 15): take, release, notes, history, search
    ("POST", "/v1/conversations/{conversation_id}/take"): PEOPLE,
    ("POST", "/v1/conversations/{conversation_id}/release"): PEOPLE,
    ("GET", "/v1/conversations/{conversation_id}/notes"): PEOPLE,
    ("POST", "/v1/conversations/{conversation_id}/notes"): PEOPLE,
    ("GET", "/v1/conversations/{conversation_id}/history"): PEOPLE,
    ("GET", "/v1/search/conversations"): PEOPLE,
    ("GET", "/v1/search/decisions"): STAFF,
    # learning from corrections, topics (issue 16), the policy's history (issue 15)
    ("GET", "/v1/policy/suggestions"): STAFF,
    ("POST", "/v1/policy/suggestions/{suggestion_id}/shadow"): STAFF,
    ("GET", "/v1/insights/drafts"): STAFF,
    ("GET", "/v1/insights/topics"): STAFF,
    ("GET", "/v1/policy/history"): STAFF,
    ("POST", "/v1/policy/rollback"): {"admin"},
    # channels (issue 14): raw mail from a provider, the chat widget's keys and its visitors
    ("POST", "/v1/inbound/email"): FEEDS,
    ("POST", "/v1/widget-keys"): {"admin"},
    ("GET", "/v1/widget-keys"): {"admin"},
    ("DELETE", "/v1/widget-keys/{key}"): {"admin"},
    # public: the key's origins and the visitor's signed token decide (channels/widget.py)
    ("POST", "/widget/v1/session"): None,
    ("POST", "/widget/v1/messages"): None,
    ("GET", "/widget/v1/events"): None,
}
SAMPLE_BODY = {"text": "hello", "intent": "order_status", "action": "automate", "score": 4,
               "content": "x", "role": "agent", "title": "t", "body": "b"}  # fmt: skip


def api_routes(api: Api) -> list[tuple[str, str]]:
    """Every route the app serves, as its OpenAPI document lists them."""
    paths = api.client.app.openapi()["paths"]  # type: ignore[attr-defined]
    return [(method.upper(), path) for path, item in paths.items() for method in item]


def concrete(path: str, ids: dict[str, str]) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: ids.get(m.group(1), "999999"), path)


def test_every_route_is_classified(api: Api) -> None:
    assert set(api_routes(api)) == set(ALLOWED)


def test_without_credentials_every_private_route_says_401_in_the_error_shape(api: Api) -> None:
    for method, path in api_routes(api):
        response = api.client.request(method, concrete(path, {}), json=SAMPLE_BODY)
        if ALLOWED[(method, path)] is None:
            assert response.status_code != 401, (method, path)
            continue
        assert_error(response, 401, "unauthenticated")
    bad = {"Authorization": "Bearer td_not-a-token"}
    assert_error(api.client.get("/v1/conversations", headers=bad), 401, "unauthenticated")


def test_each_role_reaches_exactly_its_routes(api: Api) -> None:
    """With a real conversation the agent owns, so "not yours" cannot hide a role check.
    People log in with a session (and send its CSRF token); integrations use a token."""
    routed = api.post_message("I am so upset and stressed, my order never came and I am in tears.")
    assert routed["assigned_agent"], routed
    workspace = api.shop.workspace
    with workspace.sessions() as session:
        owner = session.scalars(select(Agent).where(Agent.name == routed["assigned_agent"])).one()
        decision_id = session.scalars(select(Decision.id)).first()
    ids = {"conversation_id": str(routed["conversation_id"]), "key": "mia@example.org",
           "external_id": "mac-where-is-my-order", "decision_id": str(decision_id),
           "agent": "me"}  # fmt: skip
    for role in ("agent", "supervisor", "admin"):
        accounts.create_user(workspace, role, "long enough pw", role, agent=owner.external_id)
    for role in ("integration", "agent", "supervisor", "admin"):
        api.client.cookies.clear()
        if role == "integration":
            headers = api.as_role(role)
        else:
            login = api.client.post(
                "/v1/session", json={"username": role, "password": "long enough pw"}
            )
            headers = {"X-CSRF-Token": login.json()["csrf_token"]}
        for method, path in api_routes(api):
            allowed = ALLOWED[(method, path)]
            if allowed is None or (method, path) == ("DELETE", "/v1/session"):
                continue
            response = api.client.request(
                method, concrete(path, ids), json=SAMPLE_BODY, headers=headers
            )
            denied = response.status_code in (401, 403)
            assert denied == (role not in allowed), (role, method, path, response.text)
            if denied:
                assert_error(response, 403, "forbidden")


def test_unknown_route_wrong_method_and_bad_json_share_the_shape(api: Api) -> None:
    headers = api.as_role("integration")
    assert_error(api.client.get("/v1/nothing-here", headers=headers), 404, "not_found")
    assert_error(api.client.patch("/v1/messages", headers=headers), 405, "method_not_allowed")
    response = api.client.post(
        "/v1/messages",
        content=b"{not json",
        headers={**headers, "content-type": "application/json"},
    )
    error = assert_error(response, 422, "invalid_request")
    assert error["details"]["errors"]
    error = assert_error(
        api.client.post("/v1/messages", json={"text": "hi"}, headers=headers),
        422,
        "invalid_request",
    )
    assert "customer" in error["message"]
    error = assert_error(
        api.client.post("/v1/messages", json={"customer": {"email": "a@b.org"}, "text": "  "},
                        headers=headers),
        422, "invalid_record",
    )  # fmt: skip
    assert "empty" in error["message"]


def test_login_sessions_need_csrf_for_changes_and_end_at_logout(api: Api) -> None:
    accounts.create_user(api.shop.workspace, "sue@example.org", "a good password", "supervisor")
    wrong = api.client.post("/v1/session", json={"username": "sue@example.org", "password": "nope"})
    assert_error(wrong, 401, "unauthenticated")
    login = api.client.post(
        "/v1/session", json={"username": "SUE@example.org", "password": "a good password"}
    )
    assert login.status_code == 200 and login.json()["role"] == "supervisor"
    csrf = login.json()["csrf_token"]
    assert api.client.get("/v1/me").json()["role"] == "supervisor"
    body = {"content": "name: x"}
    assert_error(api.client.post("/v1/policy/check", json=body), 403, "forbidden")
    checked = api.client.post("/v1/policy/check", json=body, headers={"X-CSRF-Token": csrf})
    assert checked.status_code != 403
    assert api.client.delete("/v1/session", headers={"X-CSRF-Token": csrf}).status_code == 200
    assert_error(api.client.get("/v1/me"), 401, "unauthenticated")
