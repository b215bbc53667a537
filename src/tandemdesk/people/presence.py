"""Who is here: an agent's presence (online / away / offline) and recovery breaks.

Why two sources: the agent's own switch says what they intend ("away: in a meeting"), and
console activity says what is true (a tab left open over lunch is not a person answering).
So an agent is *online* when their switch says online and, if they work in the console,
they were seen within ``away_after_minutes``; idle longer they read as *away*, and after
``offline_after_minutes`` as *offline*. An agent who never used the console (a desk that
works through the API) is what their switch says. Routing gives work only to agents online
and not on a recovery break (``act.routing``); presence changes and breaks ending free
seats, so the waiting list is served (``people.waiting``).

A recovery break starts when an agent resolves an abusive or very distressed conversation
(``People.recovery_break``): routing gives them nothing for a few minutes. It is *offered*:
the agent can end it at once from the console or the API — a person is not benched.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update

from tandemdesk import events
from tandemdesk.accounts import find_agent
from tandemdesk.act.routing import PRESENCE, effective_presence
from tandemdesk.db import transaction
from tandemdesk.decide.people import People
from tandemdesk.errors import InvalidRecordError, NotFoundError
from tandemdesk.models import Agent, Assignment, Conversation, Decision
from tandemdesk.timeutil import utcnow
from tandemdesk.workspace import Workspace

SEEN_EVERY = timedelta(seconds=60)  # console activity is written at most once a minute
MAX_BREAK_MINUTES = 240


@dataclass(frozen=True, slots=True)
class PresenceRules:
    """How long console idleness takes to turn an agent away, then offline."""

    away_after_minutes: float = 15.0
    offline_after_minutes: float = 120.0

    @classmethod
    def of(cls, people: People) -> PresenceRules:
        return cls(float(people.away_after_minutes), float(people.offline_after_minutes))


def _agent(session: Any, agent: str | int) -> Agent:
    """By id (the console's own agent), else by external id or e-mail as every other
    command finds an agent (``accounts.find_agent``: one lookup, one error wording)."""
    if not isinstance(agent, int):
        return find_agent(session, agent)
    by_id = session.get(Agent, agent)
    if by_id is None:
        raise NotFoundError(f"no agent {agent!r} (use an agent's external id or email)")
    return by_id  # type: ignore[no-any-return]


def describe(agent: Agent, now: datetime, rules: PresenceRules) -> dict[str, Any]:
    """An agent's presence as the API, CLI and console show it."""
    on_break = agent.break_until is not None and agent.break_until > now
    return {
        "agent": agent.external_id,
        "name": agent.name,
        "switch": agent.presence,
        "presence": effective_presence(agent.presence, agent.last_seen_at, now, rules),
        "since": agent.presence_at.isoformat() if agent.presence_at else None,
        "last_seen_at": agent.last_seen_at.isoformat() if agent.last_seen_at else None,
        "on_break": on_break,
        "break_until": agent.break_until.isoformat() if on_break and agent.break_until else None,
        "break_reason": agent.break_reason if on_break else None,
        "shift": agent.shift,
    }


def do_set_presence(
    workspace: Workspace, agent: str | int, presence: str, rules: PresenceRules | None = None
) -> dict[str, Any]:
    """The agent's switch: online, away or offline. Going online also counts as being seen
    (they just acted), and serves the waiting list: a seat may have come free."""
    if presence not in PRESENCE:
        raise InvalidRecordError(f"presence must be one of {', '.join(PRESENCE)}, not {presence!r}")
    now = utcnow()
    with transaction(workspace.sessions) as session:
        row = _agent(session, agent)
        row.presence = presence
        row.presence_at = now
        if presence == "online" and row.last_seen_at is not None:
            row.last_seen_at = now
        shown = describe(row, now, rules or PresenceRules())
    events.emit("agent.presence", {"agent": shown["agent"], "presence": presence})
    if presence == "online":
        from tandemdesk.people.waiting import serve_waiting

        serve_waiting(workspace)
    return shown


def do_seen(workspace: Workspace, agent_id: int) -> None:
    """Console activity: the agent is here (written at most once a minute)."""
    now = utcnow()
    with transaction(workspace.sessions) as session:
        session.execute(
            update(Agent)
            .where(
                Agent.id == agent_id,
                Agent.last_seen_at.is_(None) | (Agent.last_seen_at < now - SEEN_EVERY),
            )
            .values(last_seen_at=now)
        )


def do_start_break(
    workspace: Workspace, agent: str | int, minutes: float, reason: str = "a break"
) -> dict[str, Any]:
    """A break the agent (or their lead) takes now: routing gives them nothing until it ends."""
    if not 0 < minutes <= MAX_BREAK_MINUTES:
        raise InvalidRecordError(
            f"a break lasts more than 0 and at most {MAX_BREAK_MINUTES} minutes"
        )
    now = utcnow()
    with transaction(workspace.sessions) as session:
        row = _agent(session, agent)
        row.break_until = now + timedelta(minutes=minutes)
        row.break_reason = reason[:300]
        shown = describe(row, now, PresenceRules())
    events.emit("agent.break", {"agent": shown["agent"], "until": shown["break_until"]})
    return shown


def do_end_break(workspace: Workspace, agent: str | int) -> dict[str, Any]:
    """End a break early ("I'm fine, give me work"); serves the waiting list."""
    now = utcnow()
    with transaction(workspace.sessions) as session:
        row = _agent(session, agent)
        row.break_until = None
        row.break_reason = None
        shown = describe(row, now, PresenceRules())
    from tandemdesk.people.waiting import serve_waiting

    serve_waiting(workspace)
    return shown


def offer_recovery_break(
    workspace: Workspace, conversation_id: int, people: People
) -> dict[str, Any] | None:
    """After a conversation is resolved: when it was abusive or very distressed, the agent
    who had it starts a recovery break (they may end it at once). Returns the offer or None.
    """
    rule = people.recovery_break
    if rule.minutes <= 0:
        return None
    now = utcnow()
    with transaction(workspace.sessions) as session:
        last = session.execute(
            select(Assignment.agent_id, Assignment.distress, Assignment.abusive)
            .where(Assignment.conversation_id == conversation_id)
            .order_by(Assignment.id.desc())
            .limit(1)
        ).first()
        if last is None:
            return None
        decided = session.execute(
            select(Decision.distress, Decision.abusive)
            .where(Decision.conversation_id == conversation_id)
        ).all()  # fmt: skip
        distress = max([last.distress, *(d.distress for d in decided)])
        abusive = bool(last.abusive) or any(d.abusive for d in decided)
        heavy_distress = rule.after_distress is not None and distress >= rule.after_distress
        if not ((abusive and rule.after_abusive) or heavy_distress):
            return None
        row = session.get(Agent, last.agent_id)
        if row is None:
            return None
        what = (
            "an abusive conversation" if abusive else f"a very distressed customer ({distress:.2f})"
        )
        until = now + timedelta(minutes=rule.minutes)
        if row.break_until is None or row.break_until < until:
            row.break_until = until
            row.break_reason = f"recovery after {what} (conversation {conversation_id})"
        offer = {"agent": row.external_id, "minutes": rule.minutes,
                 "until": row.break_until.isoformat(), "reason": row.break_reason}  # fmt: skip
    events.emit("agent.break", offer)
    return offer


def team_presence(workspace: Workspace, rules: PresenceRules) -> list[dict[str, Any]]:
    """Every active agent's presence and open work (the lead's view of who is here)."""
    from sqlalchemy import func

    from tandemdesk.listen.delivery import OPEN_STATUSES

    now = utcnow()
    with workspace.sessions() as session:
        open_work = dict(
            session.execute(
                select(Conversation.assignee_id, func.count())
                .where(
                    Conversation.status.in_(OPEN_STATUSES), Conversation.assignee_id.is_not(None)
                )
                .group_by(Conversation.assignee_id)
            ).all()
        )
        agents = session.scalars(select(Agent).where(Agent.active).order_by(Agent.name)).all()
        return [
            {**describe(a, now, rules), "role": a.role, "capacity": a.capacity,
             "open_conversations": int(open_work.get(a.id, 0))}
            for a in agents
        ]  # fmt: skip
