"""The routing simulation's input, read from a workspace: its traffic, its team and its
time rules (``tandemdesk simulate routing``).

Why replay and not a synthetic stream: whether balancing helps *this* desk depends on its
own mix of queues, languages, moods and hours. The traffic is every conversation that
started in the last ``days`` days of the workspace's history (up to its newest
conversation, so an imported history replays too) and reached a person: a live
conversation as its decision said (distress, abuse, urgency, queue); an imported one is
understood and decided now with the active models and the live policy, as it would be
today. It holds a seat (capacity counts open conversations) as long as it stayed open:
from its first to its last message (at least ``MIN_HOLD_MINUTES``, at most
``MAX_HOLD_DAYS``); a conversation of one message is modelled by channel, longer for
distressed and abusive ones.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy import func, select

from tandemdesk.act.routing import AgentState, RoutingNeed, need_for_queue
from tandemdesk.act.simulation import Arrival, Service
from tandemdesk.decide import Context, Policy, decide
from tandemdesk.decide.people import BusinessHours, first_reply_minutes, hours_of
from tandemdesk.decide.vocabulary import HUMAN_ACTIONS
from tandemdesk.errors import InvalidRecordError
from tandemdesk.models import Agent, Conversation, Decision, Message
from tandemdesk.workspace import Workspace

HANDLE_MINUTES = {"chat": 12.0, "phone": 10.0, "email": 15.0, "web": 15.0}
DISTRESSED_FACTOR, ABUSIVE_FACTOR = 1.5, 2.0
SEED = 16
MIN_HOLD_MINUTES, MAX_HOLD_DAYS = 5.0, 3.0


@dataclass(frozen=True, slots=True)
class Traffic:
    """The replayed conversations and the period they came from."""

    arrivals: list[Arrival]
    since: datetime | None
    until: datetime | None
    conversations: int  # started in the period (to people or not)


class AgentFileRow(BaseModel):
    """One agent of an ``--agents`` file (JSON list or JSONL, the import's agent fields plus
    an optional ``shift``: business hours when they work)."""

    model_config = ConfigDict(extra="ignore")

    external_id: str
    name: str = ""
    role: str = "agent"
    skills: list[str] = Field(default_factory=list)
    languages: list[str] = Field(default_factory=list)
    capacity: int = Field(default=5, ge=0)
    active: bool = True
    shift: BusinessHours | None = None


def _handle_minutes(channel: str, distress: float, abusive: bool, rng: np.random.Generator,
                    distressed: float) -> float:  # fmt: skip
    base = HANDLE_MINUTES.get(channel, 15.0)
    if abusive:
        base *= ABUSIVE_FACTOR
    elif distress >= distressed:
        base *= DISTRESSED_FACTOR
    return max(2.0, float(rng.gamma(2.0, base / 2.0)))


def traffic(
    workspace: Workspace,
    policy: Policy,
    days: float,
    pipeline: Any | None = None,
    distressed: float = 0.5,
    volume: float = 1.0,
) -> Traffic:
    """The conversations of the last ``days`` days that reached (or would reach) a person.

    ``pipeline`` understands conversations without a live decision (the workspace's active
    models when None). ``volume`` > 1 adds that many times the traffic, drawn from the same
    period's own conversations on random days (same hours of the day, same mix): "what if
    we were this busy" for staffing.
    """
    if days <= 0:
        raise InvalidRecordError("--days must be more than 0")
    if not 0 < volume <= 50:
        raise InvalidRecordError("--volume must be more than 0 and at most 50")
    with workspace.sessions() as session:
        until = session.scalar(select(func.max(Conversation.created_at)))
        if until is None:
            return Traffic([], None, None, 0)
        since = until - timedelta(days=days)
        first = (
            select(Message.conversation_id, func.min(Message.id).label("id"))
            .join(Conversation, Conversation.id == Message.conversation_id)
            .where(Message.author == "customer", Conversation.created_at >= since)
            .group_by(Message.conversation_id)
            .subquery()
        )
        rows = session.execute(
            select(Conversation.id, Conversation.channel, Conversation.queue, Message.text,
                   Message.sent_at, Conversation.priority)
            .join(first, first.c.conversation_id == Conversation.id)
            .join(Message, Message.id == first.c.id)
            .order_by(Message.sent_at, Conversation.id)
        ).all()  # fmt: skip
        spans = dict(session.execute(
            select(Message.conversation_id, func.max(Message.sent_at))
            .join(Conversation, Conversation.id == Message.conversation_id)
            .where(Conversation.created_at >= since)
            .group_by(Message.conversation_id)
        ).all())  # fmt: skip
        latest = (
            select(func.max(Decision.id))
            .where(Decision.conversation_id.in_([r[0] for r in rows]))
            .group_by(Decision.conversation_id)
        )
        decided = {
            d.conversation_id: d
            for d in session.scalars(select(Decision).where(Decision.id.in_(latest)))
        } if rows else {}  # fmt: skip
    needs: list[tuple[int, str, datetime, RoutingNeed]] = []
    todo = [r for r in rows if r[0] not in decided]
    if todo:
        if pipeline is None:
            from tandemdesk.learn.model_store import load_pipeline

            pipeline = load_pipeline(workspace)
        understood = pipeline.understand([r[3] for r in todo])
        for row, u in zip(todo, understood, strict=True):
            decision = decide(u, Context(channel=row[1] or "email"), policy)
            if decision.action not in HUMAN_ACTIONS:
                continue
            intent = None if u.intent is None or u.intent.abstained else u.intent.label
            queue = decision.queue or policy.queue_for(intent)
            abusive = u.abuse.label is not None
            need = need_for_queue(policy, queue, language=u.language.label,
                                  distress=u.distress.value, abusive=abusive,
                                  urgency=u.urgency.label)  # fmt: skip
            needs.append((row[0], row[1], row[4], need))
    for row in rows:
        d = decided.get(row[0])
        if d is None or d.action not in HUMAN_ACTIONS:
            continue
        queue = d.queue or row[2] or policy.default_queue
        inputs = d.inputs or {}
        need = need_for_queue(policy, queue, language=inputs.get("language"), distress=d.distress,
                              abusive=bool(d.abusive), urgency=inputs.get("urgency"))  # fmt: skip
        needs.append((row[0], row[1], row[4], need))
    rng = np.random.default_rng(SEED)
    arrivals = [
        Arrival(at, need, _hold(spans.get(conversation_id), at) or _handle_minutes(
                channel, need.distress, need.abusive, rng, distressed), conversation_id)
        for conversation_id, channel, at, need in needs
    ]  # fmt: skip
    arrivals += _more(arrivals, volume - 1.0, since, until, rng)
    arrivals.sort(key=lambda a: a.at)
    return Traffic(arrivals, since, until, len(rows))


def _hold(last: datetime | None, first: datetime) -> float | None:
    """Minutes the conversation stayed open, as recorded (None: one message only)."""
    if last is None or last <= first:
        return None
    minutes = (last - first).total_seconds() / 60.0
    return min(max(minutes, MIN_HOLD_MINUTES), MAX_HOLD_DAYS * 24 * 60)


def _more(arrivals: Sequence[Arrival], extra: float, since: datetime, until: datetime,
          rng: np.random.Generator) -> list[Arrival]:  # fmt: skip
    """``extra`` × the traffic again: each copy keeps a conversation's time of day and moves
    it to a random day of the period."""
    if extra <= 0 or not arrivals:
        return []
    whole, part = int(extra), extra - int(extra)
    span_days = max(1, (until - since).days)
    out: list[Arrival] = []
    for _ in range(whole + (1 if part > 0 else 0)):
        for a in arrivals:
            if len(out) >= whole * len(arrivals) and rng.random() >= part:
                continue
            day = int(rng.integers(0, span_days))
            start_day = since.replace(hour=0, minute=0, second=0, microsecond=0)
            at = start_day + timedelta(days=day) + (a.at - a.at.replace(hour=0, minute=0,
                                                    second=0, microsecond=0))  # fmt: skip
            out.append(Arrival(at, a.need, a.handle_minutes, None))
    return out


Shifts = dict[str, BusinessHours | None]


def team(workspace: Workspace, agents_file: Path | None = None) -> tuple[list[AgentState], Shifts]:
    """The agents to simulate (the workspace's, or a file's) with their shifts."""
    if agents_file is not None:
        rows = read_agents_file(agents_file)
        return (
            [AgentState(r.external_id, r.name or r.external_id, r.role, tuple(r.skills),
                        tuple(r.languages), r.capacity, r.active) for r in rows],
            {r.external_id: r.shift for r in rows},
        )  # fmt: skip
    with workspace.sessions() as session:
        stored = session.scalars(select(Agent).order_by(Agent.id)).all()
        states = [AgentState.from_agent(a) for a in stored]
        shifts = {a.external_id: _shift(a.shift) for a in stored}
    return states, shifts


def _shift(value: dict[str, Any] | None) -> BusinessHours | None:
    return BusinessHours.model_validate(value) if value else None


def read_agents_file(path: Path) -> list[AgentFileRow]:
    """A JSON list or JSONL of agents; a bad row is an error naming its line."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise InvalidRecordError(f"cannot read {path}: {error.strerror}") from error
    stripped = text.strip()
    try:
        items = json.loads(stripped) if stripped.startswith("[") else [
            json.loads(line) for line in text.splitlines() if line.strip()
        ]  # fmt: skip
    except json.JSONDecodeError as error:
        raise InvalidRecordError(
            f"{path}: not JSON or JSONL ({error.msg}, line {error.lineno})"
        ) from error
    rows = []
    for number, item in enumerate(items, start=1):
        try:
            rows.append(AgentFileRow.model_validate(item))
        except ValidationError as error:
            first = error.errors()[0]
            where = ".".join(str(x) for x in first["loc"])
            raise InvalidRecordError(f"{path}: agent {number}: {where}: {first['msg']}") from error
    if not rows:
        raise InvalidRecordError(f"{path}: no agents")
    return rows


def service(policy: Policy, shifts: dict[str, BusinessHours | None],
            recovery: bool = True) -> Service:  # fmt: skip
    """The policy's business hours, first-reply targets and recovery break, with shifts."""
    people = policy.people
    queue_hours = {name: hours_of(people, q.hours) for name, q in policy.queues.items()}

    def first_reply(queue: str, urgency: str) -> int:
        spec = policy.queues.get(queue)
        targets = spec.first_reply_minutes if spec and spec.first_reply_minutes else None
        return first_reply_minutes(people, targets, urgency)

    return Service(queue_hours, first_reply, shifts, people.recovery_break if recovery else None)


def simulate_routing(
    workspace: Workspace,
    days: float = 30.0,
    agents_file: Path | None = None,
    strategies: Sequence[str] = ("balanced", "least-busy", "round-robin"),
    volume: float = 1.0,
    pipeline: Any | None = None,
) -> dict[str, Any]:
    """``tandemdesk simulate routing``: the workspace's traffic replayed per strategy."""
    from tandemdesk.act.routing import STRATEGIES, RoutingSettings
    from tandemdesk.act.simulation import simulate
    from tandemdesk.orchestrator_act import routing_settings
    from tandemdesk.policies import active_policy

    unknown = [s for s in strategies if s not in STRATEGIES]
    if unknown:
        raise InvalidRecordError(
            f"unknown strategy {unknown[0]!r}; use one of {', '.join(STRATEGIES)}"
        )
    policy, version = active_policy(workspace)
    settings = routing_settings(policy, RoutingSettings())
    replayed = traffic(workspace, policy, days, pipeline, settings.distressed_threshold, volume)
    agents, shifts = team(workspace, agents_file)
    time_rules = service(policy, shifts)
    results = {
        name: simulate(replayed.arrivals, agents, name, settings, time_rules).summary()
        for name in strategies
    }
    names = {a.id: a.name for a in agents}
    for summary in results.values():
        summary["max_hourly_agent_name"] = names.get(summary["max_hourly_agent"] or "")
    return {
        "since": replayed.since.isoformat() if replayed.since else None,
        "until": replayed.until.isoformat() if replayed.until else None,
        "days": days,
        "volume": volume,
        "policy_version": version,
        "conversations": replayed.conversations,
        "to_people": len(replayed.arrivals),
        "agents": len(agents),
        "agents_with_shifts": sum(1 for s in shifts.values() if s is not None),
        "strategies": results,
    }
