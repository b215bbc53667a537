"""The console's pages without a browser: login redirects, escaping, CSRF on forms."""

from __future__ import annotations

from tandemdesk import accounts
from tests.api.conftest import Api, assert_error

SCRIPT = "<script>alert(1)</script> I am so upset and stressed, my order never came. I am in tears."


def login(api: Api, username: str, password: str) -> None:
    api.client.cookies.clear()
    response = api.client.post("/login", data={"username": username, "password": password},
                               follow_redirects=False)  # fmt: skip
    assert response.status_code == 303, response.text


def test_pages_send_strangers_to_the_login(api: Api) -> None:
    for path in ("/inbox", "/supervisor", "/conversations/1", "/supervisor/policy"):
        response = api.client.get(path, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"].startswith("/login")
    wrong = api.client.post("/login", data={"username": "x", "password": "y"})
    assert wrong.status_code == 401 and "wrong username or password" in wrong.text


def test_customer_text_is_escaped_and_forms_need_their_csrf_token(api: Api) -> None:
    routed = api.post_message(SCRIPT)
    accounts.create_user(api.shop.workspace, "sup", "supervisor pw", "supervisor")
    login(api, "sup", "supervisor pw")
    inbox = api.client.get("/inbox")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in inbox.text
    assert "<script>alert(1)" not in inbox.text
    page = api.client.get(f"/conversations/{routed['conversation_id']}")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text and "NW-5001" in page.text
    forged = api.client.post(f"/conversations/{routed['conversation_id']}/resolve", data={})
    assert_error(forged, 403, "forbidden")
    supervisor = api.client.get("/supervisor")
    assert supervisor.status_code == 200 and supervisor.text.count("<svg") == 4


def test_agents_cannot_open_the_supervisor_view(api: Api) -> None:
    accounts.create_user(api.shop.workspace, "ann", "agent's pw", "agent", agent="a1")
    login(api, "ann", "agent's pw")
    assert api.client.get("/inbox").status_code == 200
    assert_error(api.client.get("/supervisor"), 403, "forbidden")
