"""``GET /v1/insights/topics`` and the console's topics page: leads and admins only, live
messages included, the one error shape for bad input."""

from __future__ import annotations

from datetime import timedelta

from tandemdesk import accounts
from tandemdesk.timeutil import utcnow
from tests.api.conftest import Api, assert_error
from tests.web.test_console_pages import login

LIVE = [
    "where is my parcel, it has not arrived", "my parcel is late, tracking shows nothing",
    "the parcel never came, where is it", "I forgot my password and cannot log in",
    "password reset link does not work", "please reset my password",
    "my jacket arrived broken", "the lamp was damaged in the box", "item arrived damaged",
] * 2  # fmt: skip


def test_topics_route_roles_and_shape(api: Api) -> None:
    handled = [api.post_message(text, email=f"p{i}@example.org") for i, text in enumerate(LIVE)]
    for role, status in (("agent", 403), ("integration", 403)):
        assert_error(api.client.get("/v1/insights/topics", headers=api.as_role(role)), status,
                     "forbidden")  # fmt: skip
    assert_error(api.client.get("/v1/insights/topics"), 401)
    for role in ("supervisor", "admin"):
        response = api.client.get(
            "/v1/insights/topics", params={"assignments": "true"}, headers=api.as_role(role)
        )
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["messages"] == len(LIVE)
        assert body["topics"] and all({"id", "label", "size"} <= set(t) for t in body["topics"])
        pairs = {m: t for m, t in body["assignments"]}
        assert set(pairs) == {h["message_id"] for h in handled}
        # live messages: automation and distress come from their decisions
        assert all(t["automation_rate"] is not None for t in body["topics"])
    # a message arriving later joins the cached topics (nearest micro-cluster), no refit
    since = {"since": (utcnow() - timedelta(days=1)).isoformat(), "assignments": "true"}
    first = api.client.get("/v1/insights/topics", params=since, headers=api.as_role("admin"))
    before = {m: t for m, t in first.json()["assignments"]}
    later = api.post_message("my parcel has still not arrived, where is it", email="z@example.org")
    again = api.client.get("/v1/insights/topics", params=since,
                           headers=api.as_role("supervisor")).json()  # fmt: skip
    placed = {m: t for m, t in again["assignments"]}
    assert {m: placed[m] for m in before} == before  # the same run: nobody moved
    parcel_topic = placed[handled[0]["message_id"]]
    assert placed[later["message_id"]] == parcel_topic >= 0
    naive = api.client.get("/v1/insights/topics", params={"since": "2026-01-01T00:00:00"},
                           headers=api.as_role("supervisor"))  # fmt: skip
    assert_error(naive, 422)
    backwards = api.client.get(
        "/v1/insights/topics",
        params={"since": "2026-02-01T00:00:00Z", "until": "2026-01-01T00:00:00Z"},
        headers=api.as_role("supervisor"),
    )
    assert_error(backwards, 422)


def test_topics_page_for_leads_with_charts(api: Api) -> None:
    for i, text in enumerate(LIVE):
        api.post_message(text, email=f"q{i}@example.org")
    accounts.create_user(api.shop.workspace, "lead", "lead's password", "supervisor")
    login(api, "lead", "lead's password")
    page = api.client.get("/supervisor/topics?range=30d")
    assert page.status_code == 200, page.text
    assert 'href="/supervisor/topics"' in page.text  # in the nav
    assert page.text.count("<svg") >= 3 and "topics-table" in page.text
    assert "http://" not in page.text.replace("http://www.w3.org", "")  # nothing remote
    accounts.create_user(api.shop.workspace, "ann", "agent's pw", "agent", agent="a1")
    login(api, "ann", "agent's pw")
    assert_error(api.client.get("/supervisor/topics"), 403, "forbidden")
