"""A whole shift in a real headless Chromium (Debian's ``chromium``, driven by Playwright):
an agent takes a conversation from their queue, reads the hand-off and the customer's
history, sends a filled macro, leaves a note, resolves and reopens; a lead searches, pages,
reassigns and reads the decision log; an admin reads the shadow table, makes a policy live
after its confirmation and rolls it back. Screenshots of the main pages go to
``TANDEMDESK_TEST_ARTIFACTS`` (or the test's temporary folder), printed at the end.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import httpx
from sqlalchemy import update

from tandemdesk import accounts
from tandemdesk.decide import default_policy_text
from tandemdesk.models import Agent
from tandemdesk.orchestrator import Orchestrator
from tandemdesk.policies import active_policy, save_policy
from tests.web.conftest import needs_chromium

pytestmark = needs_chromium
DISTRESSED = "I am so upset and stressed, where is my order NW-5001? I am in tears."
VOUCHERS = 55  # more than one page (50) of search results


def _post(base: str, token: str, text: str, email: str = "mia@example.org") -> dict:  # type: ignore[type-arg]
    response = httpx.post(f"{base}/v1/messages", timeout=30,
                          json={"customer": {"email": email}, "text": text, "channel": "chat"},
                          headers={"Authorization": f"Bearer {token}"})  # fmt: skip
    assert response.status_code == 201, response.text
    return dict(response.json())


def _log_in(page, username: str, password: str) -> None:  # type: ignore[no-untyped-def]
    page.goto("/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")


def _log_out(page) -> None:  # type: ignore[no-untyped-def]
    page.click("form.who button")
    page.wait_for_url(re.compile(r"/login"))


def test_a_whole_shift(page, server, shop: Orchestrator, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    base, token = server
    workspace = shop.workspace
    shots = Path(os.environ.get("TANDEMDESK_TEST_ARTIFACTS") or tmp_path / "artifacts")
    shots.mkdir(parents=True, exist_ok=True)
    accounts.create_user(workspace, "ada", "ada's password", "admin")
    lead = {"Authorization": f"Bearer {accounts.create_token(workspace, 'supervisor', 'lead')}"}
    save_policy(workspace, default_policy_text(), by="setup")  # v1: what was live before

    earlier = _post(base, token, "Hi, where is my order NW-5001?")
    for n in range(VOUCHERS):
        _post(base, token, f"Question about voucher code V{n:03d}", email=f"buyer{n}@example.org")
    routed = _post(base, token, DISTRESSED)
    cid = routed["conversation_id"]
    assert routed["assigned_agent"] == "Ann Agent", routed
    with workspace.sessions.begin() as session:  # Ann is away: the waiting list skips her
        session.execute(update(Agent).where(Agent.external_id == "a1").values(presence="away"))
    released = httpx.post(f"{base}/v1/conversations/{cid}/release", headers=lead, timeout=30)
    assert released.status_code == 200, released.text  # free in the queue: Ann takes it

    # --- the agent -----------------------------------------------------------------------
    _log_in(page, "ann", "ann's password")
    free = page.locator(f"#free li[data-conversation='{cid}']")
    expect(free).to_be_visible()
    page.screenshot(path=str(shots / "1-agent-inbox.png"), full_page=True)
    free.locator("button", has_text="Take").click()
    expect(page.locator(".flash")).to_have_text("You have this conversation now.")
    expect(page.locator("#assignee")).to_contain_text("Ann Agent")
    expect(page.locator("#handoff")).to_be_visible()  # the hand-off packet
    expect(page.locator("#customer")).to_contain_text("NW-5001")  # orders and events
    history = page.locator(f"#history a[href='/conversations/{earlier['conversation_id']}']")
    expect(history).to_be_visible()  # the customer's earlier conversation
    page.click("button.suggest >> text=Where is my order")  # a macro, filled server-side
    box = page.locator("#reply-text")
    expect(box).to_have_value(re.compile(r"^Hi Mia, order NW-5001 is on its way with DHL"))
    assert "{{" not in box.input_value()
    page.click("#reply form[action$='/reply'] button[type=submit]")
    expect(page.locator(".flash")).to_have_text("Reply sent.")
    expect(page.locator("#messages li.msg.agent")).to_contain_text("on its way with DHL")
    page.fill("#note-text", "Dispatch: please check the depot scan for NW-5001.")
    page.click("#notes button[type=submit]")
    expect(page.locator(".flash")).to_contain_text("Note saved")
    expect(page.locator("#notes .note")).to_contain_text("depot scan")
    expect(page.locator("#messages")).not_to_contain_text("depot scan")  # never to the customer
    page.screenshot(path=str(shots / "2-conversation.png"), full_page=True)
    page.click("#reply form.inline button")
    expect(page.locator(".flash")).to_have_text("Resolved.")
    page.click("#reopen button")
    expect(page.locator(".flash")).to_contain_text("Reopened")
    expect(page.locator("h1 small")).to_contain_text("open")
    _log_out(page)
    with workspace.sessions.begin() as session:  # Ben comes on duty: the lead reassigns to him
        session.execute(update(Agent).where(Agent.external_id == "a2").values(active=True))

    # --- the lead ------------------------------------------------------------------------
    _log_in(page, "sue", "sue's password")
    page.goto("/inbox")
    page.fill("input[name=text]", "voucher")
    page.select_option("select[name=status]", "all")
    page.click("form.search button[type=submit]")
    showing = page.locator(".paging .showing").first
    expect(showing).to_have_text(f"Showing 1–50 of {VOUCHERS}")
    page.screenshot(path=str(shots / "3-lead-search.png"), full_page=True)
    page.locator("a[rel=next]").first.click()
    expect(showing).to_have_text(f"Showing 51–{VOUCHERS} of {VOUCHERS}")
    expect(page.locator("ol.inbox li.row")).to_have_count(VOUCHERS - 50)
    page.goto(f"/conversations/{cid}")
    page.select_option("select[name=agent]", "a2")
    page.click("form.assign button")
    expect(page.locator(".flash")).to_have_text("Assigned.")
    expect(page.locator("#assignee")).to_contain_text("Ben Agent")
    page.goto("/supervisor/decisions?text=voucher")
    expect(page.locator(".paging .showing").first).to_have_text(f"Showing 1–50 of {VOUCHERS}")
    expect(page.locator("#decision-log tbody tr")).to_have_count(50)
    page.screenshot(path=str(shots / "4-decision-log.png"), full_page=True)
    missing = page.goto("/conversations/999999")  # a page for people, with a way back
    assert missing is not None and missing.status == 404
    expect(page.locator(".error-page")).to_contain_text("Not found")
    expect(page.locator(".error-page a[href='/supervisor']")).to_be_visible()
    page.screenshot(path=str(shots / "5-error-page.png"))
    _log_out(page)

    # --- the admin: shadow table, make it live, roll back ---------------------------------
    _log_in(page, "ada", "ada's password")
    page.goto("/supervisor/policy")
    policy = page.locator("form textarea[name=content]").last
    changed = policy.input_value().replace("distress: 0.6", "distress: 0.3")
    assert changed != policy.input_value()
    policy.fill(changed)
    page.click("button[value=shadow]")
    expect(page.locator("#shadow")).to_be_visible()
    expect(page.locator("#shadow")).to_contain_text("recent conversations")
    page.screenshot(path=str(shots / "6-shadow-table.png"), full_page=True)
    page.click("button[value=apply]")
    expect(page.locator("#confirm")).to_contain_text("Make this policy live?")
    assert active_policy(workspace)[1] == 1, "asking changes nothing"
    page.click("#confirm button[value=confirm]")
    expect(page.locator("p.ok").last).to_contain_text("Policy version 2 is live")
    assert active_policy(workspace)[1] == 2
    page.goto("/supervisor/policy/history")
    page.click("li[data-version='1'] button")
    expect(page.locator("p.ok[role=status]")).to_contain_text("Version 1's text is live again")
    assert active_policy(workspace)[1] == 3
    page.screenshot(path=str(shots / "7-policy-history.png"), full_page=True)
    print(f"screenshots: {shots}")
