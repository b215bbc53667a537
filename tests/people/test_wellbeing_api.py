"""Exposure, the lead's alerts, and who may see them: the API and the console refuse agents
(real app, SQLite and PostgreSQL)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import timedelta

from sqlalchemy import select

from tandemdesk import accounts
from tandemdesk.models import Agent, Assignment
from tandemdesk.people.wellbeing import exposure_report
from tandemdesk.policies import active_policy
from tandemdesk.timeutil import utcnow
from tests.api.conftest import Api, assert_error
from tests.orchestrator.conftest import message
from tests.web.test_console_pages import login

CALM = "my jacket is torn, it arrived damaged"


def _plant(api: Api, rows: Sequence[tuple[str, float, bool, float]]) -> None:
    """Assignments (agent, distress, abusive, minutes ago) of one real conversation."""
    conversation_id = api.shop.handle(message(CALM, email="plant@example.org")).conversation_id
    now = utcnow()
    with api.shop.workspace.sessions.begin() as session:
        ids = {a.external_id: a.id for a in session.scalars(select(Agent))}
        for agent, distress, abusive, ago in rows:
            session.add(Assignment(
                conversation_id=conversation_id, agent_id=ids[agent], queue="products",
                reason="planted", distress=distress, abusive=abusive,
                assigned_at=now - timedelta(minutes=ago),
            ))  # fmt: skip


def _one_clock_hour(*minutes: int) -> list[float]:
    """ "Minutes ago" that all fall in the last full clock hour: exposure is counted per clock
    hour, and 2, 5 and 9 minutes ago straddle two hours in the first minutes of every hour
    (the test failed from :00 to :09)."""
    past_the_hour = utcnow().minute + utcnow().second / 60
    return [past_the_hour + 10 + m for m in minutes]


def test_exposure_alerts_for_a_heavy_hour_and_a_share_far_above_the_team(api: Api) -> None:
    heavy = [("s1", 0.9, True, m) for m in _one_clock_hour(2, 5, 9)]  # three abusive, one hour
    spread = [("a1", 0.7, False, 60 * 24 + 5 * i) for i in range(9)] + [("a2", 0.7, False, 300)]
    _plant(api, heavy + spread)
    policy, _ = active_policy(api.shop.workspace)
    until = utcnow() + timedelta(minutes=1)
    with api.shop.workspace.sessions() as session:
        report = exposure_report(session, policy, until - timedelta(days=7), until)
    agents = {a["agent"]: a for a in report["agents"]}
    assert agents["s1"]["abusive"] == 3 and agents["s1"]["exposure"] == 6.0
    assert agents["s1"]["max_hour"]["exposure"] == 6.0
    kinds = {(a["kind"], a["agent"]) for a in report["alerts"]}
    assert ("hourly", "s1") in kinds  # 6 weighted in an hour >= 4
    assert ("share", "a1") in kinds  # 9 of 13 hard conversations, a fair share is a third
    assert ("hourly", "a2") not in kinds and ("share", "a2") not in kinds
    assert len(report["days"]) == 8 and len(agents["a1"]["trend"]) == 8


def test_wellbeing_is_for_leads_only(api: Api) -> None:
    _plant(api, [("a1", 0.8, False, 10)] + [("s1", 0.9, True, m) for m in _one_clock_hour(2, 4, 6)])
    refused = api.client.get("/v1/wellbeing", headers=api.as_role("agent"))
    assert_error(refused, 403, "forbidden")
    assert_error(
        api.client.get("/v1/wellbeing/agents/a1", headers=api.as_role("agent")), 403, "forbidden"
    )
    seen = api.client.get("/v1/wellbeing", headers=api.as_role("supervisor"))
    assert seen.status_code == 200, seen.text
    assert {a["agent"] for a in seen.json()["agents"]} >= {"a1"}
    bad = api.client.get(
        "/v1/wellbeing?since=2026-01-01T00:00:00", headers=api.as_role("supervisor")
    )
    assert_error(bad, 422)
    # the console page too: an agent's login gets "forbidden", a lead's the page
    workspace = api.shop.workspace
    accounts.create_user(workspace, "ann", "correct horse battery", "agent", agent="a1")
    accounts.create_user(workspace, "lead", "correct horse battery", "supervisor")
    for user, status in (("ann", 403), ("lead", 200)):
        login(api, user, "correct horse battery")
        page = api.client.get("/supervisor/wellbeing")
        assert page.status_code == status, (user, page.status_code)
    assert "Exposure per agent" in page.text and "Ann Agent" in page.text
    lead_page = api.client.get("/supervisor")  # the lead is told on their own page
    assert 'id="people-alerts"' in lead_page.text
    assert "Sue Senior took 6 weighted hard contacts" in lead_page.text
    # an agent's own presence page, and its switch
    login(api, "ann", "correct horse battery")
    mine = api.client.get("/presence")
    assert mine.status_code == 200 and 'id="presence-now">online' in mine.text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', mine.text)
    assert csrf is not None
    api.client.post("/presence", data={"presence": "away", "csrf_token": csrf.group(1)})
    assert 'id="presence-now">away' in api.client.get("/presence").text


def test_presence_api_agents_set_their_own_and_leads_anyone(api: Api) -> None:
    agent, lead = api.as_role("agent"), api.as_role("supervisor")
    mine = api.client.put("/v1/agents/me/presence", json={"presence": "away"}, headers=agent)
    assert mine.status_code == 200 and mine.json()["presence"] == "away"
    assert_error(api.client.put("/v1/agents/a2/presence", json={"presence": "away"},
                                headers=agent), 403, "forbidden")  # fmt: skip
    assert_error(api.client.put("/v1/agents/me/presence", json={"presence": "asleep"},
                                headers=agent), 422)  # fmt: skip
    team = api.client.get("/v1/agents/presence", headers=lead).json()
    assert {r["agent"]: r["presence"] for r in team["data"]}["a1"] == "away"
    assert [
        r["agent"] for r in api.client.get("/v1/agents/presence", headers=agent).json()["data"]
    ] == ["a1"]
    started = api.client.post("/v1/agents/a2/break", json={"minutes": 15}, headers=lead)
    assert started.status_code == 200 and started.json()["on_break"] is True
    ended = api.client.delete("/v1/agents/a2/break", headers=lead)
    assert ended.json()["on_break"] is False
    # a conversation nobody present can take waits, with its due time, until someone is back
    api.client.put("/v1/agents/a2/presence", json={"presence": "offline"}, headers=lead)
    api.client.put("/v1/agents/s1/presence", json={"presence": "offline"}, headers=lead)
    posted = api.post_message(CALM, email="wait@example.org")
    assert posted["assigned_agent"] is None
    queue = api.client.get("/v1/waiting", headers=lead).json()
    assert [w["conversation_id"] for w in queue["data"]] == [posted["conversation_id"]]
    assert queue["data"][0]["sla"]["state"] == "ok"
    assert_error(api.client.get("/v1/waiting", headers=agent), 403, "forbidden")
    back = api.client.put("/v1/agents/me/presence", json={"presence": "online"}, headers=agent)
    assert back.status_code == 200
    assert api.client.get("/v1/waiting", headers=lead).json()["count"] == 0
