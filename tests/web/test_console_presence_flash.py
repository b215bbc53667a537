"""The presence page's refusals reach the page whole (review of issue 16's console)."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from tandemdesk import accounts
from tests.api.conftest import Api
from tests.web.test_console_pages import login


def test_a_refused_presence_comes_back_whole_even_with_url_characters(api: Api) -> None:
    accounts.create_user(api.shop.workspace, "ann", "agent's pw", "agent", agent="a1")
    login(api, "ann", "agent's pw")
    page = api.client.get("/presence")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token is not None, page.text
    typed = "away&error=forged#tail"
    answer = api.client.post("/presence", data={"presence": typed, "csrf_token": token.group(1)},
                             follow_redirects=False)  # fmt: skip
    assert answer.status_code == 303
    query = parse_qs(urlsplit(answer.headers["location"]).query)
    assert len(query["error"]) == 1 and typed in query["error"][0], query
    assert "#" not in answer.headers["location"]  # nothing cut off as a fragment
