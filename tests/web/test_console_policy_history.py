"""Policy work for leads: the shadow comparison as a table, "Make it live" asks first and
shows what changes, and every version is in a history with who, when, the diff and a
rollback — in the console, the API and the CLI alike."""

from __future__ import annotations

import re

from tandemdesk import accounts
from tandemdesk.decide import default_policy_text
from tandemdesk.policies import active_policy
from tests.api.conftest import Api, assert_error
from tests.web.test_console_pages import login

EVERYONE_TO_A_PERSON = (
    "version: 1\nname: people-only\nrules:\n"
    "  - id: everyone\n    when: {always: true}\n    action: draft_for_agent\n"
)


def _csrf(page: str) -> str:
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token is not None
    return token.group(1)


def test_make_it_live_asks_first_then_history_and_rollback(api: Api) -> None:
    api.post_message("Hi, where is my order NW-5001?")
    api.post_message("I am so upset and stressed, my order never came. I am in tears.")
    accounts.create_user(api.shop.workspace, "ada", "admin password", "admin")
    login(api, "ada", "admin password")
    csrf = _csrf(api.client.get("/supervisor/policy").text)

    shadow = api.client.post(
        "/supervisor/policy",
        data={"content": EVERYONE_TO_A_PERSON, "do": "shadow", "csrf_token": csrf},
    )
    assert shadow.status_code == 200, shadow.text
    main = shadow.text[shadow.text.find("<main") :]
    assert 'class="shadow-changes"' in main and "\\u2265" not in main, main[:3000]
    assert (
        "route_to_human → draft_for_agent" in shadow.text and 'href="/conversations/' in shadow.text
    )
    assert '{"total"' not in shadow.text, "the comparison is a table, not a JSON dump"

    asked = api.client.post(
        "/supervisor/policy",
        data={"content": EVERYONE_TO_A_PERSON, "do": "apply", "csrf_token": csrf},
    )
    assert "Make this policy live?" in asked.text and "+name: people-only" in asked.text
    assert active_policy(api.shop.workspace)[1] is None, "asking changes nothing"

    done = api.client.post(
        "/supervisor/policy",
        data={"content": EVERYONE_TO_A_PERSON, "do": "confirm", "csrf_token": csrf},
    )
    assert "Policy version 1 is live" in done.text
    second = default_policy_text().replace("distress: 0.6", "distress: 0.55")
    assert second != default_policy_text()
    api.client.post("/supervisor/policy", data={"content": second, "do": "confirm",
                                                "csrf_token": csrf})  # fmt: skip
    assert active_policy(api.shop.workspace)[1] == 2

    history = api.client.get("/supervisor/policy/history")
    assert history.status_code == 200
    assert history.text.count('class="card version"') == 2 and "by ada" in history.text
    assert "-  distress: 0.6" in history.text or "-  distress:" in history.text
    rolled = api.client.post(
        "/supervisor/policy/rollback", data={"version": "1", "csrf_token": csrf}
    )
    assert rolled.status_code == 200 and "text is live again, as version 3" in rolled.text
    policy, version = active_policy(api.shop.workspace)
    assert (policy.name, version) == ("people-only", 3)
    assert "rollback to v1" in rolled.text

    # the API reads the same history and rolls back too (admins only)
    listed = api.client.get("/v1/policy/history", headers=api.as_role("supervisor")).json()
    assert [v["version"] for v in listed["versions"]] == [3, 2, 1]
    assert listed["versions"][0]["note"] == "rollback to v1"
    assert listed["versions"][2]["created_by"] == "ada"
    assert_error(
        api.client.post("/v1/policy/rollback", json={"version": 2},
                        headers=api.as_role("supervisor")),
        403, "forbidden",
    )  # fmt: skip
    again = api.client.post("/v1/policy/rollback", json={"version": 2},
                            headers=api.as_role("admin"))  # fmt: skip
    assert again.status_code == 200 and again.json()["version"] == 4
    assert_error(
        api.client.post("/v1/policy/rollback", json={"version": 99},
                        headers=api.as_role("admin")),
        404,
    )  # fmt: skip


def test_supervisors_read_the_history_but_cannot_roll_back(api: Api) -> None:
    accounts.create_user(api.shop.workspace, "sue", "supervisor pw", "supervisor")
    login(api, "sue", "supervisor pw")
    page = api.client.get("/supervisor/policy/history")
    assert page.status_code == 200 and "shipped default is live" in page.text
    refused = api.client.post(
        "/supervisor/policy/rollback", data={"version": "1", "csrf_token": _csrf(
            api.client.get("/supervisor/policy").text)},
    )  # fmt: skip
    assert refused.status_code == 403
