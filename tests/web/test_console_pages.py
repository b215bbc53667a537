"""The console's pages without a browser: login redirects, escaping, CSRF on forms."""

from __future__ import annotations

import html
import json
import re
from datetime import timedelta
from pathlib import Path

from tandemdesk import accounts
from tandemdesk.listen import imports
from tandemdesk.timeutil import utcnow
from tests.api.conftest import Api, assert_error

SCRIPT = "<script>alert(1)</script> I am so upset and stressed, my order never came. I am in tears."


def login_form(api: Api, username: str, password: str) -> dict[str, str]:
    """The login form's fields, with the token the form page hands out (login CSRF)."""
    form = api.client.get("/login")
    token = re.search(r'name="login_csrf" value="([^"]+)"', form.text)
    assert token is not None, form.text
    return {"username": username, "password": password, "login_csrf": token.group(1)}


def login(api: Api, username: str, password: str) -> None:
    api.client.cookies.clear()
    response = api.client.post("/login", data=login_form(api, username, password),
                               follow_redirects=False)  # fmt: skip
    assert response.status_code == 303, response.text


def test_pages_send_strangers_to_the_login(api: Api) -> None:
    for path in ("/inbox", "/supervisor", "/conversations/1", "/supervisor/policy"):
        response = api.client.get(path, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"].startswith("/login")
    wrong = api.client.post("/login", data=login_form(api, "x", "y"))
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


def test_a_macro_comes_filled_and_a_reply_with_placeholders_is_shown_back(api: Api) -> None:
    """The composer's macro is filled server-side from the customer's facts and signed by the
    agent; "Send" with a ``{{…}}`` left shows the page again with the reason and the text."""
    routed = api.post_message("I am so upset and stressed, my order NW-5001 never came.")
    cid = routed["conversation_id"]
    agent = {"Ann Agent": "a1", "Ben Agent": "a2", "Sue Senior": "s1"}[routed["assigned_agent"]]
    accounts.create_user(api.shop.workspace, "me", "agent's pw", "agent", agent=agent)
    login(api, "me", "agent's pw")
    page = api.client.get(f"/conversations/{cid}")
    assert page.status_code == 200
    fill = re.search(r'class="suggest" data-fill="([^"]*)"', page.text)
    assert fill is not None, page.text
    filled = html.unescape(fill.group(1))
    assert filled.startswith("Hi Mia, order NW-5001 is on its way with DHL, tracking ")
    assert "{{" not in filled and "{{customer.first_name}}" not in page.text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert csrf is not None
    text = "Hi {{customer.first_name}}, your parcel arrives Friday."
    refused = api.client.post(f"/conversations/{cid}/reply",
                              data={"text": text, "csrf_token": csrf.group(1)})  # fmt: skip
    assert refused.status_code == 422 and "text/html" in refused.headers["content-type"]
    assert 'role="alert"' in refused.text and "replace it with the real text" in refused.text
    assert f">{html.escape(text, quote=False)}</textarea>" in refused.text  # not lost
    detail = api.client.get(f"/v1/conversations/{cid}").json()
    assert [m["author"] for m in detail["messages"]] == ["customer"]
    sent = api.client.post(f"/conversations/{cid}/reply", follow_redirects=False,
                           data={"text": filled, "csrf_token": csrf.group(1)})  # fmt: skip
    assert sent.status_code == 303


def test_counts_on_pages_are_singular_for_one() -> None:
    """Found reading the console: "0 orders" beside "1 orders", "retrying (1 attempts)",
    "1 people", and "Customer for new today"."""
    from tandemdesk.learn.suggestions import _times
    from tandemdesk.web.console import counted, templates

    assert (counted(1, "order"), counted(3, "order")) == ("1 order", "3 orders")
    assert counted(1, "person", "people") == "1 person" and counted(2, "person", "people") == (
        "2 people"
    )
    assert (_times(1), _times(3)) == ("once", "3 times")
    page = templates.env.from_string(
        '{% if tenure == "new today" %}New customer today{% else %}Customer for {{ tenure }}'
        '{% endif %} · {{ n|counted("order") }}'
    )
    assert page.render(tenure="new today", n=1) == "New customer today · 1 order"


def test_a_macro_for_the_routine_case_is_flagged_where_the_case_is_not(
    api: Api, tmp_path: Path
) -> None:
    """Found in the console: "order … is on its way, estimate 12 October" was offered two
    months after that date, where the bot itself had refused because the parcel is late."""
    now = utcnow()
    events = tmp_path / "events.jsonl"
    events.write_text("\n".join(json.dumps(e) for e in [
        {"customer": {"email": "late@example.org", "name": "Lea Late"}, "type": "order_placed",
         "occurred_at": (now - timedelta(days=30)).isoformat(), "data": {"order_number": "NW-7001"}},
        {"customer": {"email": "late@example.org"}, "type": "order_shipped",
         "occurred_at": (now - timedelta(days=25)).isoformat(),
         "data": {"order_number": "NW-7001", "carrier": "DHL", "tracking_number": "JJD1",
                  "eta": (now - timedelta(days=20)).date().isoformat()}},
    ]) + "\n")  # fmt: skip
    imports.import_events(api.shop.workspace, events)
    late = api.post_message("where is my order NW-7001?", "late@example.org")
    assert late["action"] != "automate", late
    calm = api.post_message("I am so upset and stressed, my order NW-5001 never came.")
    accounts.create_user(api.shop.workspace, "lead", "lead's pw", "supervisor")
    login(api, "lead", "lead's pw")
    page = api.client.get(f"/conversations/{late['conversation_id']}").text
    caution = re.search(r'id="macro-caution">([^<]*)<', page)
    assert caution is not None and "NW-7001 is late" in html.unescape(caution.group(1)), page
    assert (
        'id="macro-caution"' not in api.client.get(f"/conversations/{calm['conversation_id']}").text
    )


def test_the_conversation_page_shows_the_subject(api: Api) -> None:
    """A body that only says "as per subject" is read with its subject; the person reading
    the conversation must see that subject too."""
    routed = api.post_message(
        "As per subject. Thanks", channel="email", subject="Where is my order <NW-5001>?"
    )
    accounts.create_user(api.shop.workspace, "sup", "supervisor pw", "supervisor")
    login(api, "sup", "supervisor pw")
    page = api.client.get(f"/conversations/{routed['conversation_id']}")
    assert "Subject: <strong>Where is my order &lt;NW-5001&gt;?</strong>" in page.text
