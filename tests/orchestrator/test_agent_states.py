"""What routing reads about agents from the store: open work, recent emotional contacts
(only within the window; distressed vs abusive) and the last assignment in the window."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from tandemdesk.act.routing import RoutingSettings
from tandemdesk.listen import imports
from tandemdesk.models import Agent, Assignment, Conversation, Customer
from tandemdesk.situation import agent_rows
from tandemdesk.timeutil import utcnow
from tandemdesk.workspace import Workspace


def test_agent_states_read_load_contacts_and_last_assignment(
    workspace: Workspace, tmp_path: Path
) -> None:
    agents = tmp_path / "agents.jsonl"
    agents.write_text("\n".join(json.dumps(a) for a in [
        {"external_id": "a1", "name": "Ann", "role": "agent", "skills": ["returns"],
         "languages": ["en"], "capacity": 5},
        {"external_id": "a2", "name": "Ben", "role": "agent", "skills": ["returns"],
         "languages": ["en"], "capacity": 5},
    ]) + "\n")  # fmt: skip
    imports.import_agents(workspace, agents)
    settings = RoutingSettings()
    now = utcnow()
    inside = now - timedelta(minutes=settings.window_minutes / 2)
    outside = now - timedelta(minutes=settings.window_minutes * 2)
    with workspace.sessions() as session, session.begin():
        ann, ben = (session.query(Agent).filter_by(external_id=x).one() for x in ("a1", "a2"))
        customer = Customer(name="C")
        session.add(customer)
        session.flush()
        conversations = [
            Conversation(customer_id=customer.id, channel="chat", status=status,
                         assignee_id=ann.id, created_at=now, updated_at=now)
            for status in ("open", "pending", "resolved")
        ]  # fmt: skip
        session.add_all(conversations)
        session.flush()
        high = settings.distressed_threshold + 0.1
        low = settings.distressed_threshold - 0.1
        rows = [  # (agent, when, distress, abusive)
            (ann, outside, high, False),  # too old to weigh, and not the last in the window
            (ann, inside, high, False),
            (ann, inside + timedelta(minutes=1), low, False),  # calm: last, but no load
            (ben, inside, low, True),  # abusive, whatever the distress
            (ben, outside, high, True),
        ]
        session.add_all(
            Assignment(conversation_id=conversations[0].id, agent_id=agent.id, queue="q",
                       reason="r", distress=distress, abusive=abusive, assigned_at=at)
            for agent, at, distress, abusive in rows
        )  # fmt: skip
    with workspace.sessions() as session:
        states = {s.id: s for _, s in agent_rows(session, now, settings)}
    a1, a2 = states["a1"], states["a2"]
    assert a1.open_conversations == 2 and a2.open_conversations == 0
    assert a1.distressed_contacts == (inside,) and a1.abusive_contacts == ()
    assert a1.last_assigned_at == inside + timedelta(minutes=1)
    assert a2.abusive_contacts == (inside,) and a2.distressed_contacts == ()
    assert a2.last_abusive_at == inside and a2.last_assigned_at == inside
