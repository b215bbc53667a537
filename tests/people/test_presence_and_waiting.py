"""Presence, breaks and the waiting list on real databases (SQLite and PostgreSQL), through
the real flow: the orchestrator routes, actions resolve, the waiting list is served."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update

from tandemdesk import actions
from tandemdesk.act.routing import RoutingSettings, effective_presence
from tandemdesk.models import Agent, Assignment, Message
from tandemdesk.orchestrator import Orchestrator
from tandemdesk.people import presence, waiting
from tandemdesk.policies import active_policy
from tandemdesk.situation import agent_rows
from tandemdesk.timeutil import utcnow
from tests.orchestrator.conftest import message

CALM = "my jacket is torn, it arrived damaged"
DISTRESSED = "I am desperate and so worried, my parcel never came and nobody helps me, please"


def _capacity(shop: Orchestrator, **capacity: int) -> None:
    with shop.workspace.sessions.begin() as session:
        for external_id, seats in capacity.items():
            session.execute(
                update(Agent).where(Agent.external_id == external_id).values(capacity=seats)
            )


def test_routing_gives_work_only_to_agents_present(shop: Orchestrator) -> None:
    workspace = shop.workspace
    presence.do_set_presence(workspace, "a1", "away")
    presence.do_start_break(workspace, "a2", 30, "after a hard call")
    first = shop.handle(message(CALM))
    assert first.action == "route_to_human" and first.assigned_agent == "Sue Senior"
    presence.do_set_presence(workspace, "s1", "offline")
    second = shop.handle(message(CALM, email="leo@example.org"))
    assert second.assigned_agent is None
    assert second.routing_reason is not None
    for words in ("1 away", "1 on a recovery break", "1 offline"):
        assert words in second.routing_reason, second.routing_reason
    # back online: the waiting conversation gets the seat at once
    presence.do_set_presence(workspace, "a1", "online")
    with workspace.sessions() as session:
        taken = session.scalars(
            select(Assignment).where(Assignment.conversation_id == second.conversation_id)
        ).all()
    assert [a.reason.startswith("From the waiting list") for a in taken] == [True]


def test_console_idleness_turns_an_online_agent_away_then_offline(shop: Orchestrator) -> None:
    now = utcnow()
    rules = RoutingSettings()
    assert effective_presence("online", None, now, rules) == "online"  # never used the console
    assert effective_presence("online", now - timedelta(minutes=5), now, rules) == "online"
    assert effective_presence("online", now - timedelta(minutes=20), now, rules) == "away"
    assert effective_presence("online", now - timedelta(hours=3), now, rules) == "offline"
    assert effective_presence("away", now, now, rules) == "away"  # the switch wins
    with shop.workspace.sessions.begin() as session:
        session.execute(
            update(Agent).where(Agent.external_id == "a1")
            .values(last_seen_at=now - timedelta(minutes=20))
        )  # fmt: skip
    with shop.workspace.sessions() as session:
        states = {state.id: state for _, state in agent_rows(session, now, rules)}
    assert states["a1"].presence == "away" and states["a2"].presence == "online"


def test_the_most_pressing_waiting_conversation_takes_the_next_free_seat(
    shop: Orchestrator,
) -> None:
    workspace = shop.workspace
    _capacity(shop, a1=1)
    presence.do_set_presence(workspace, "a2", "offline")
    presence.do_set_presence(workspace, "s1", "offline")
    busy = shop.handle(message(CALM))
    assert busy.assigned_agent == "Ann Agent"  # her one seat is taken
    calm = shop.handle(message(CALM, email="cal@example.org"))
    upset = shop.handle(message(DISTRESSED, email="dee@example.org"))
    assert calm.assigned_agent is None and upset.assigned_agent is None
    policy, _ = active_policy(workspace)
    with workspace.sessions() as session:
        order = [w.conversation_id for w in waiting.waiting_list(session, policy)]
    assert order == [upset.conversation_id, calm.conversation_id]  # pressing first
    unsubscribe = waiting.install(workspace)  # as `serve` does
    try:
        actions.do_resolve(workspace, busy.conversation_id, "a1")  # the seat frees
    finally:
        for stop in unsubscribe:
            stop()
    with workspace.sessions() as session:
        given = session.scalars(select(Assignment).order_by(Assignment.id)).all()
    assert given[-1].conversation_id == upset.conversation_id
    assert "From the waiting list (number 1" in given[-1].reason
    assert all(a.conversation_id != calm.conversation_id for a in given)


def test_resolving_an_abusive_conversation_offers_a_recovery_break(shop: Orchestrator) -> None:
    workspace = shop.workspace
    abusive = shop.handle(message("you are useless idiots, my parcel never came, f*** you"))
    assert abusive.assigned_agent == "Sue Senior"  # only experienced roles take abuse
    policy, _ = active_policy(workspace)
    offer = presence.offer_recovery_break(workspace, abusive.conversation_id, policy.people)
    assert offer is not None and offer["agent"] == "s1" and offer["minutes"] == 10
    with workspace.sessions() as session:
        states = {s.id: s for _, s in agent_rows(session, utcnow(), RoutingSettings())}
    assert states["s1"].break_until is not None and states["s1"].break_until > utcnow()
    # the agent may decline: ending it is one call
    assert presence.do_end_break(workspace, "s1")["on_break"] is False
    calm = shop.handle(message(CALM, email="cal@example.org"))
    assert calm.conversation_id != abusive.conversation_id
    assert presence.offer_recovery_break(workspace, calm.conversation_id, policy.people) is None


def test_reply_due_times_flag_breaches_in_the_inbox(shop: Orchestrator) -> None:
    from tandemdesk.inbox import ConversationFilters, list_conversations

    workspace = shop.workspace
    late = shop.handle(message(CALM))
    fresh = shop.handle(message(CALM, email="new@example.org"))
    with workspace.sessions.begin() as session:  # the first customer wrote five hours ago
        session.execute(
            update(Message).where(Message.id == late.message_id)
            .values(sent_at=utcnow() - timedelta(hours=5))
        )  # fmt: skip
    policy, _ = active_policy(workspace)
    with workspace.sessions() as session:
        page = list_conversations(session, ConversationFilters(), None, 0.6, policy)
        without = list_conversations(session, ConversationFilters())
    rows = {row["id"]: row for row in page["data"]}
    assert rows[late.conversation_id]["sla"]["state"] == "breached"
    assert rows[late.conversation_id]["sla"]["minutes"] == 240  # normal urgency, default
    assert rows[fresh.conversation_id]["sla"]["state"] == "ok"
    assert page["overdue"] == 1 and "sla" not in without["data"][0]
    with workspace.sessions() as session:
        overdue = waiting.breaches(session, policy)
    assert [row["id"] for row in overdue] == [late.conversation_id]
