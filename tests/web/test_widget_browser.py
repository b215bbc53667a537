"""The chat widget in Debian's Chromium, on the demo's sample shop page: a visitor leaves
their e-mail, writes as an upset customer, is told a person will take over, and sees the
agent's reply arrive live (Server-Sent Events) without reloading."""

from __future__ import annotations

import httpx

from tandemdesk import accounts
from tandemdesk.channels import widget
from tandemdesk.db import transaction
from tandemdesk.orchestrator import Orchestrator
from tests.web.conftest import needs_chromium

pytestmark = needs_chromium
UPSET = "I am so upset and stressed, my order never came and I am in tears"


def test_a_visitor_chats_from_the_shop_page(page, server, shop: Orchestrator) -> None:  # type: ignore[no-untyped-def]
    """The session the widget opens on "open" can answer after the one the e-mail starts (as
    on a busy server, which made this test flaky in CI); its stale token must not replace the
    right one, or the live stream is refused and the agent's reply never arrives."""
    from playwright.sync_api import Route, expect

    base, _ = server
    with transaction(shop.workspace.sessions) as session:
        widget.create_key(session, "demo", [base])
    held: list[Route] = []  # the session opened before the e-mail is typed: answered last

    def hold_the_first(route: Route) -> None:
        if held or route.request.method != "POST":
            route.continue_()
        else:
            held.append(route)

    page.route("**/widget/v1/session", hold_the_first)
    page.goto("/demo/shop")
    page.locator("#tandemdesk-widget .open").click()
    page.locator("#tandemdesk-widget .email").fill("mia@example.org")
    page.locator("#tandemdesk-widget .text").fill(UPSET)
    page.locator("#tandemdesk-widget form button").click()
    chat = page.locator("#tandemdesk-widget .log")
    expect(chat.locator(".msg.you")).to_contain_text("so upset", timeout=15_000)
    expect(chat.locator(".note")).to_contain_text("person", timeout=15_000)
    assert len(held) == 1
    with page.expect_response("**/widget/v1/session"):  # its token is for no e-mail: ignored
        held[0].continue_()

    sup = accounts.create_token(shop.workspace, "supervisor", "lead")
    agent = accounts.create_token(shop.workspace, "agent", "ann", agent="a1")
    listed = httpx.get(f"{base}/v1/conversations", params={"status": "all"},
                       headers={"Authorization": f"Bearer {sup}"}).json()["data"]  # fmt: skip
    conversation = next(c for c in listed if c["customer"]["email"] == "mia@example.org")
    httpx.post(f"{base}/v1/conversations/{conversation['id']}/assign", json={"agent": "a1"},
               headers={"Authorization": f"Bearer {sup}"})  # fmt: skip
    reply = httpx.post(f"{base}/v1/conversations/{conversation['id']}/reply",
                       json={"text": "Mia, I'm sorry. Your parcel arrives on Friday."},
                       headers={"Authorization": f"Bearer {agent}"})  # fmt: skip
    assert reply.status_code in (200, 201), reply.text
    expect(chat.locator(".msg.them")).to_contain_text("arrives on Friday", timeout=15_000)
    expect(chat.locator(".msg.them .who")).to_contain_text("Ann")
