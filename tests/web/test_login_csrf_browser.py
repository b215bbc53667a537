"""Login CSRF in a real Chromium: a page on another site that posts the attacker's username
and password to the console's ``/login`` (so the victim would work, unaware, in the attacker's
account) is refused, and the browser gets no session. The victim opened the login page
before, so a form cookie exists: the browser withholds it (``SameSite=Strict``) and the
server refuses the other site's ``Origin``."""

from __future__ import annotations

from tests.web.conftest import needs_chromium

pytestmark = needs_chromium

ATTACK = """<!doctype html><html><body>
<form id="f" method="post" action="{base}/login">
  <input name="username" value="sue"><input name="password" value="sue's password">
  <input name="login_csrf" value="a-guess">
</form>
<script>document.getElementById("f").submit()</script>
</body></html>"""


def test_a_login_posted_from_another_site_is_refused(page, server) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    base = server[0]
    page.goto("/login")  # the victim's browser holds a login-form cookie for the console
    evil = "http://evil.example/"
    page.route(evil, lambda route: route.fulfill(content_type="text/html",
                                                 body=ATTACK.format(base=base)))  # fmt: skip
    with page.expect_navigation(url=f"{base}/login"):
        page.goto(evil)
    expect(page.locator("p.error")).to_contain_text("came from another site")
    assert not [c for c in page.context.cookies() if c["name"] == "tandemdesk_session"]
    # the console's own form still works in the same browser
    page.fill("input[name=username]", "sue")
    page.fill("input[name=password]", "sue's password")
    page.click("button[type=submit]")
    expect(page).to_have_url(f"{base}/supervisor")
    assert [c for c in page.context.cookies() if c["name"] == "tandemdesk_session"]
