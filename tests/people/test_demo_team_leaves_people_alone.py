"""The demo's simulated team: it never works as an agent a person is logged in as (someone
trying the demo's agent login found "their" conversations answered and resolved under them),
and it does not bench itself with every recovery break offered."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from tandemdesk.demo.living import PERSON_AT_DESK, agent_turn
from tandemdesk.models import Agent, Conversation
from tandemdesk.orchestrator import Orchestrator
from tandemdesk.timeutil import utcnow
from tests.orchestrator.conftest import message

ABUSIVE = "you are useless idiots, my parcel never came, f*** you"


def test_the_simulated_team_skips_an_agent_at_the_console(shop: Orchestrator) -> None:
    workspace = shop.workspace
    routed = shop.handle(message("my jacket is torn, it arrived damaged"))
    assert routed.action == "route_to_human" and routed.assigned_agent, routed.explanation
    with workspace.sessions() as session:
        agent_id = session.scalar(
            select(Conversation.assignee_id).where(Conversation.id == routed.conversation_id)
        )
    later = utcnow() + timedelta(hours=1)  # well past any simulated handle time
    with workspace.sessions.begin() as session:  # the person used the console just now
        session.execute(update(Agent).where(Agent.id == agent_id).values(last_seen_at=later))
    assert agent_turn(workspace, random.Random(1), now=later) == 0
    with workspace.sessions.begin() as session:  # long gone: the simulation may work for them
        away = later - PERSON_AT_DESK - timedelta(minutes=1)
        session.execute(update(Agent).where(Agent.id == agent_id).values(last_seen_at=away))
    assert agent_turn(workspace, random.Random(1), now=later) == 1
    with workspace.sessions() as session:
        status = session.scalar(
            select(Conversation.status).where(Conversation.id == routed.conversation_id)
        )
    assert status == "resolved"


def test_simulated_agents_mostly_decline_the_recovery_break(
    shop: Orchestrator, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The demo's team takes a recovery break only now and then (``BREAK_TAKEN_SHARE``):
    taking every one offered kept the whole team off routing and the queues never moved."""
    from tandemdesk.demo import living
    from tandemdesk.people import waiting

    workspace = shop.workspace
    unsubscribe = waiting.install(workspace)  # as serve: resolving offers the break
    try:
        for share, email in ((0.0, "a@example.org"), (1.0, "b@example.org")):
            monkeypatch.setattr(living, "BREAK_TAKEN_SHARE", share)
            abusive = shop.handle(message(ABUSIVE, email=email))
            assert abusive.assigned_agent == "Sue Senior", abusive.explanation
            later = utcnow() + timedelta(hours=1)
            assert agent_turn(workspace, random.Random(1), now=later) == 1
            with workspace.sessions() as session:
                until = session.scalar(select(Agent.break_until).where(Agent.external_id == "s1"))
            on_break = until is not None and until > utcnow()
            assert on_break is (share == 1.0), (share, until)
    finally:
        for stop in unsubscribe:
            stop()
