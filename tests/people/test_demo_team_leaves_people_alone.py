"""The demo's simulated team never works as an agent a person is logged in as: someone trying
the demo's agent login found "their" conversations answered and resolved under them."""

from __future__ import annotations

import random
from datetime import timedelta

from sqlalchemy import select, update

from tandemdesk.demo.living import PERSON_AT_DESK, agent_turn
from tandemdesk.models import Agent, Conversation
from tandemdesk.orchestrator import Orchestrator
from tandemdesk.timeutil import utcnow
from tests.orchestrator.conftest import message


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
