"""The console in a real headless Chromium (Debian's ``chromium``, driven by Playwright;
no browser is downloaded): an agent sees a distressed message arrive at the top of the
inbox, opens it, reads why and the customer's orders, replies and resolves; a supervisor
sees the figures and charts update as messages come in.

Runs on SQLite only: the browser adds nothing database-specific, and the API tests cover
both databases.
"""

from __future__ import annotations

import re

import httpx

from tests.web.conftest import needs_chromium

DISTRESSED = ("I am so upset and stressed, my order never came and I am in tears. "
              "<script>window.pwned = 1</script>")  # fmt: skip
pytestmark = needs_chromium


def post(server: tuple[str, str], text: str) -> dict:  # type: ignore[type-arg]
    response = httpx.post(
        f"{server[0]}/v1/messages",
        json={"customer": {"email": "mia@example.org"}, "text": text, "channel": "chat"},
        headers={"Authorization": f"Bearer {server[1]}"},
        timeout=30,
    )
    assert response.status_code == 201, response.text
    return dict(response.json())


def log_in(page, username: str, password: str) -> None:  # type: ignore[no-untyped-def]
    page.goto("/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")


def test_agent_sees_a_distressed_message_arrive_and_resolves_it(page, server) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    calm = post(server, "Please can someone check my invoice address, it has a typo")
    log_in(page, "ann", "ann's password")
    expect(page.locator("h1")).to_have_text("My queue")
    rows = page.locator("ol.inbox li.row")
    expect(rows).to_have_count(1 if calm["assigned_agent"] else 0)
    routed = post(server, DISTRESSED)
    assert routed["action"] == "route_to_human" and routed["assigned_agent"] == "Ann Agent"
    top = rows.first
    expect(top).to_have_attribute(
        "data-conversation", str(routed["conversation_id"]), timeout=10_000
    )
    expect(top.locator(".tag.distress")).to_be_visible()
    expect(top).to_contain_text(routed["explanation"][:40])
    top.locator("a").click()
    expect(page.locator("#why")).to_contain_text("distress")
    expect(page.locator("#customer")).to_contain_text("NW-5001")
    expect(page.locator("#messages")).to_contain_text("<script>window.pwned = 1</script>")
    assert page.evaluate("window.pwned") is None
    page.fill("#reply-text", "I'm so sorry, Mia. Your parcel is with DHL and arrives Friday.")
    page.click("#reply button[type=submit]")
    expect(page.locator("#messages")).to_contain_text("arrives Friday")
    page.click("#reply form.inline button")
    expect(page.locator("h1 small")).to_contain_text("resolved")


def test_supervisor_sees_the_figures_and_charts_update(page, server) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    post(server, DISTRESSED)
    log_in(page, "sue", "sue's password")
    expect(page.locator("h1")).to_have_text("Supervisor")
    expect(page.locator("#fig-messages")).to_have_text("1")
    expect(page.locator("svg.chart")).to_have_count(4)
    total = "bars => bars.map(b => Number(b.textContent)).reduce((a, b) => a + b, 0)"
    assert page.locator("svg.chart rect.bar").evaluate_all(total) == 1
    post(server, "where is my order")
    post(server, "where is my order please")
    expect(page.locator("#fig-messages")).to_have_text("3", timeout=12_000)
    expect(page.locator("table.decisions tbody tr")).to_have_count(3)
    assert page.locator("svg.chart rect.bar").evaluate_all(total) == 3  # the volume chart


def test_agent_inserts_a_filled_macro_and_cannot_send_placeholders(page, server) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    routed = post(server, "I am so upset and stressed, where is my order NW-5001? I am in tears.")
    assert routed["assigned_agent"] == "Ann Agent", routed
    log_in(page, "ann", "ann's password")
    page.goto(f"/conversations/{routed['conversation_id']}")
    page.click("button.suggest >> text=Where is my order")
    box = page.locator("#reply-text")
    expect(box).to_have_value(re.compile(r"^Hi Mia, order NW-5001 is on its way with DHL"))
    assert "{{" not in box.input_value()
    box.fill("Hi {{customer.first_name}}, it arrives Friday.")
    page.click("#reply button[type=submit]")
    expect(page.locator("p.error[role=alert]")).to_contain_text("{{customer.first_name}}")
    expect(page.locator("#reply-text")).to_have_value(
        "Hi {{customer.first_name}}, it arrives Friday."
    )
    expect(page.locator("#messages li.msg.agent")).to_have_count(0)
    page.locator("#reply-text").fill("Hi Mia, it arrives Friday.")
    page.click("#reply button[type=submit]")
    expect(page.locator("#messages li.msg.agent")).to_contain_text("it arrives Friday")
