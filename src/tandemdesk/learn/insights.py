"""What supervisors watch: automation, deflection, first-contact resolution, handle time,
CSAT, queue waits, distress mix and each agent's emotional load — over a time range, plus
the same figures bucketed over time for the console's charts.

Every figure is read from the rows the write path leaves (decisions, outcomes, assignments,
messages), so an insight can always be traced back to the conversations behind it. The
range is half-open ``[since, until)`` in UTC. Figures are computed in Python over the rows of
the range — simple, identical on SQLite and PostgreSQL, and fast enough for a console over
months of a mid-size team; a data warehouse is the place for years of a large one.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tandemdesk.act.load import AssignmentRecord, emotional_load_report
from tandemdesk.decide.vocabulary import HUMAN_ACTIONS
from tandemdesk.inbox import DISTRESSED, OPEN, mood
from tandemdesk.learn.insights_history import ImportedHistory, imported_history
from tandemdesk.models import Agent, Assignment, Conversation, Decision, Message, Outcome


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _percentile(values: Sequence[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 1)


def bucket_size(since: datetime, until: datetime) -> timedelta:
    """Hours for a range up to three days, days up to four months, weeks beyond (a chart of
    24–120 points)."""
    span = until - since
    if span <= timedelta(days=3):
        return timedelta(hours=1)
    return timedelta(days=1) if span <= timedelta(days=120) else timedelta(weeks=1)


def _bucket(at: datetime, since: datetime, size: timedelta) -> int:
    return int((at - since) / size)


def insights(
    session: Session, since: datetime, until: datetime, distressed: float = DISTRESSED
) -> dict[str, Any]:
    """All supervisor figures for ``[since, until)``; ``distressed``: the live policy's
    distress threshold (what counts as a distressed message or contact)."""
    decisions = session.execute(
        select(Decision.conversation_id, Decision.action, Decision.distress, Decision.abusive,
               Decision.created_at, Decision.queue)
        .where(Decision.created_at >= since, Decision.created_at < until)
    ).all()  # fmt: skip
    outcomes = session.execute(
        select(Outcome.kind, Outcome.value, Outcome.created_at, Outcome.conversation_id).where(
            Outcome.created_at >= since,
            Outcome.created_at < until,
            Outcome.kind.in_(("resolved", "csat", "reopened")),
        )
    ).all()
    assignments = session.execute(
        select(Assignment.agent_id, Assignment.conversation_id, Assignment.distress,
               Assignment.abusive, Assignment.assigned_at)
        .where(Assignment.assigned_at >= since, Assignment.assigned_at < until)
    ).all()  # fmt: skip
    actions = Counter(row.action for row in decisions)
    past = imported_history(session, since, until)  # imported tickets count too
    past_automated = sum(1 for _, bot in past.messages if bot)
    total = len(decisions) + len(past.messages)
    human = sum(actions[a] for a in HUMAN_ACTIONS) + len(past.messages) - past_automated
    return {
        "range": {"since": since.isoformat(), "until": until.isoformat()},
        "messages": total,
        "live_messages": len(decisions),
        "imported": past.to_dict(),
        "decisions": dict(actions),
        "automation_rate": _share(actions["automate"] + past_automated, total),
        "human_share": _share(human, total),
        "deflection": _deflection(decisions, {row.conversation_id for row in assignments}),
        **_resolution(outcomes, past),
        "queue_waits": queue_waits(session, since, until),
        "distress_mix": _distress_mix(decisions, distressed),  # live only: imports unscored
        "agents": agent_load(session, assignments, distressed),
        "series": series(decisions, outcomes, since, until, distressed, past),
    }


def _deflection(decisions: Sequence[Any], assigned: set[int]) -> float | None:
    """Conversations the bot closed the loop on: only automated answers, nobody assigned."""
    per_conversation: dict[int, set[str]] = defaultdict(set)
    for row in decisions:
        per_conversation[row.conversation_id].add(row.action)
    deflected = sum(
        1
        for cid, acts in per_conversation.items()
        if acts <= {"automate", "ask_clarifying_question"} and "automate" in acts
        and cid not in assigned
    )  # fmt: skip
    return _share(deflected, len(per_conversation))


def _resolution(outcomes: Sequence[Any], past: ImportedHistory | None = None) -> dict[str, Any]:
    resolved = [row.value for row in outcomes if row.kind == "resolved"]
    # a resolution the customer reopened later did not hold: not first contact, whatever
    # was known when it was recorded (a lead saw "100%" beside two reopened conversations)
    reopened_at: dict[int, list[Any]] = {}
    for row in outcomes:
        if row.kind == "reopened":
            reopened_at.setdefault(row.conversation_id, []).append(row.created_at)
    held = [
        row.value.get("first_contact") and not any(
            at > row.created_at for at in reopened_at.get(row.conversation_id, ()))
        for row in outcomes if row.kind == "resolved"
    ]  # fmt: skip
    scores = [float(row.value.get("score", 0)) for row in outcomes if row.kind == "csat"]
    if past is not None:
        scores += [score for _, score in past.csat]
    handle = [float(v["handle_seconds"]) for v in resolved if v.get("handle_seconds") is not None]
    return {
        "resolved": len(resolved) + (len(past.resolved) if past is not None else 0),
        "reopened": sum(1 for row in outcomes if row.kind == "reopened"),
        "first_contact_resolution": _share(sum(1 for h in held if h), len(resolved)),
        "handle_time": {
            "median_seconds": round(statistics.median(handle), 1) if handle else None,
            "p90_seconds": _percentile(handle, 0.9),
            "count": len(handle),
        },
        "csat": {
            "average": round(statistics.fmean(scores), 2) if scores else None,
            "satisfied_share": _share(sum(1 for s in scores if s >= 4), len(scores)),
            "count": len(scores),
        },
    }


def _distress_mix(decisions: Sequence[Any], distressed: float) -> dict[str, int]:
    """Each decision in one band (abusive first): the bands add up to the decisions."""
    mix = {"calm": 0, "uneasy": 0, "distressed": 0, "abusive": 0}
    for row in decisions:
        mix["abusive" if row.abusive else mood(row.distress, distressed)] += 1
    return mix


def open_by_queue(session: Session) -> dict[str, int]:
    """Open conversations per queue (``none``: not routed to a queue)."""
    return {
        queue or "none": int(count)
        for queue, count in session.execute(
            select(Conversation.queue, func.count())
            .where(Conversation.status.in_(OPEN))
            .group_by(Conversation.queue)
        )
    }


def queue_waits(session: Session, since: datetime, until: datetime) -> dict[str, Any]:
    """Per queue: conversations open now, and how long routed customers waited for a person's
    first reply (median and p90 over conversations routed in the range)."""
    open_now = open_by_queue(session)
    routed = session.execute(
        select(Decision.conversation_id, Decision.queue, func.min(Decision.created_at))
        .where(
            Decision.created_at >= since,
            Decision.created_at < until,
            Decision.action.in_(HUMAN_ACTIONS),
        )
        .group_by(Decision.conversation_id, Decision.queue)
    ).all()
    first_reply = dict(
        session.execute(
            select(Message.conversation_id, func.min(Message.sent_at))
            .where(
                Message.conversation_id.in_([cid for cid, _, _ in routed] or [-1]),
                Message.author == "agent",
            )
            .group_by(Message.conversation_id)
        ).all()
    )
    waits: dict[str, list[float]] = defaultdict(list)
    for cid, queue, routed_at in routed:
        answered = first_reply.get(cid)
        if answered is not None and answered >= routed_at:
            waits[queue or "none"].append((answered - routed_at).total_seconds())
    queues = sorted(set(open_now) | set(waits))
    return {
        queue: {
            "open": int(open_now.get(queue, 0)),
            "first_reply_median_seconds": _percentile(waits[queue], 0.5),
            "first_reply_p90_seconds": _percentile(waits[queue], 0.9),
            "answered": len(waits[queue]),
        }
        for queue in queues
    }


def agent_load(session: Session, assignments: Sequence[Any], distressed: float) -> dict[str, Any]:
    """Each active agent's conversations, distressed and abusive ones in the range, what is
    open on them now, and how evenly the distressed ones were spread (Gini)."""
    agents = session.scalars(select(Agent).where(Agent.active).order_by(Agent.name)).all()
    open_now = dict(
        session.execute(
            select(Conversation.assignee_id, func.count())
            .where(Conversation.status.in_(OPEN))
            .group_by(Conversation.assignee_id)
        ).all()
    )
    names = {agent.id: agent.external_id for agent in agents}
    report = emotional_load_report(
        (
            AssignmentRecord(
                names.get(row.agent_id, str(row.agent_id)),
                row.distress >= distressed,
                bool(row.abusive),
            )
            for row in assignments
        ),
        names.values(),
    )
    by_id = {load.agent_id: load for load in report.agents}
    return {
        "gini_distressed": round(report.gini_distressed, 3),
        "max_distressed": report.max_distressed,
        "per_agent": [
            {
                "external_id": agent.external_id,
                "name": agent.name,
                "role": agent.role,
                "capacity": agent.capacity,
                "open": int(open_now.get(agent.id, 0)),
                "conversations": by_id[agent.external_id].conversations,
                "distressed": by_id[agent.external_id].distressed,
                "abusive": by_id[agent.external_id].abusive,
            }
            for agent in agents
        ],
    }


def series(
    decisions: Sequence[Any],
    outcomes: Sequence[Any],
    since: datetime,
    until: datetime,
    distressed: float,
    past: ImportedHistory | None = None,
) -> dict[str, Any]:
    """Per time bucket: volume, automation rate, distressed share and average CSAT (imported
    history adds to volume, automation and CSAT; distress is scored for live messages only)."""
    size = bucket_size(since, until)
    count = max(1, int((until - since) / size + 0.999))
    volume = [0] * count
    automated = [0] * count
    distressed_count = [0] * count
    csat: list[list[float]] = [[] for _ in range(count)]
    for row in decisions:
        b = min(count - 1, _bucket(row.created_at, since, size))
        volume[b] += 1
        automated[b] += row.action == "automate"
        distressed_count[b] += row.distress >= distressed
    for row in outcomes:
        if row.kind == "csat":
            csat[min(count - 1, _bucket(row.created_at, since, size))].append(
                float(row.value.get("score", 0))
            )
    scored = list(volume)  # what the distressed share is a share of
    if past is not None:
        for at, bot in past.messages:
            b = min(count - 1, _bucket(at, since, size))
            volume[b] += 1
            automated[b] += bot
        for at, score in past.csat:
            csat[min(count - 1, _bucket(at, since, size))].append(score)
    return {
        "bucket_seconds": int(size.total_seconds()),
        "starts": [(since + i * size).isoformat() for i in range(count)],
        "volume": volume,
        "automation_rate": [_share(a, v) for a, v in zip(automated, volume, strict=True)],
        "distressed_share": [_share(d, v) for d, v in zip(distressed_count, scored, strict=True)],
        "csat": [round(statistics.fmean(c), 2) if c else None for c in csat],
    }


def decision_log(
    session: Session,
    since: datetime,
    until: datetime,
    action: str | None = None,
    rule_id: str | None = None,
    limit: int = 100,
) -> list[dict[str, Any]]:
    """The newest decisions with their reasons, filtered (what supervisors audit)."""
    query = (
        select(Decision)
        .where(Decision.created_at >= since, Decision.created_at < until)
        .order_by(Decision.id.desc())
        .limit(limit)
    )
    if action:
        query = query.where(Decision.action == action)
    if rule_id:
        query = query.where(Decision.rule_id == rule_id)
    return [
        {
            "id": d.id,
            "conversation_id": d.conversation_id,
            "message_id": d.message_id,
            "action": d.action,
            "queue": d.queue,
            "rule_id": d.rule_id,
            "intent": d.intent,
            "distress": round(d.distress, 3),
            "abusive": d.abusive,
            "explanation": d.explanation,
            "created_at": d.created_at.isoformat(),
        }
        for d in session.scalars(query)
    ]


#: Risks a supervisor is told about at once, besides threats to staff.
ALERT_RISKS: frozenset[str] = frozenset({"self_harm"})


def safety_alerts(
    session: Session, since: datetime, until: datetime, limit: int = 20, scan: int = 2_000
) -> list[dict[str, Any]]:
    """Threats to staff and customers who may be in crisis, newest first: what the
    supervisor must see now, whatever the decision was (a shop's own policy that answers
    one automatically included).

    Read from the decisions' stored inputs (``threat``, ``risks``) among the newest ``scan``
    decisions of the range — the same rows the decision log shows."""
    query = (
        select(Decision)
        .where(Decision.created_at >= since, Decision.created_at < until)
        .order_by(Decision.id.desc())
        .limit(scan)
    )
    alerts: list[dict[str, Any]] = []
    for d in session.scalars(query):
        inputs = d.inputs or {}
        risks = [r[0] for r in inputs.get("risks", []) if r and r[0] in ALERT_RISKS]
        reasons = (["threat to staff"] if inputs.get("threat") else []) + [
            r.replace("_", " ") for r in risks
        ]
        if reasons:
            alerts.append(
                {
                    "conversation_id": d.conversation_id,
                    "queue": d.queue,
                    "reasons": reasons,
                    "explanation": d.explanation,
                    "created_at": d.created_at.isoformat(),
                }
            )
            if len(alerts) >= limit:
                break
    return alerts
