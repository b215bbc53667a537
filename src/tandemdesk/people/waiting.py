"""The waiting list and first-reply targets: who gets the next free seat, and who is late.

Why a waiting list and not "route on arrival only": when every qualified agent is full,
away or on a break, a conversation waits unassigned. (Business hours do not stop routing:
whoever is present works; the hours set the first-reply clock.) The next seat that frees
(a conversation resolved or handed on, an agent coming online, a break ending) goes
to the most pressing conversation first: urgent, distressed
or abusive before some distress before the rest, and within that the one waiting longest
(the inbox's own order, ``inbox.severity_band``). ``serve_waiting`` does it; the actions that
free a seat call it, and ``tandemdesk serve`` runs it every ``SERVE_EVERY_SECONDS`` for the
changes that come with time (a break ending, an agent going idle).

First-reply targets: a conversation waiting for a person is *due* ``first_reply_minutes``
(the queue's, else the policy's ``people``, by urgency) of business time after the
customer's unanswered message; ``sla_state`` says ``ok``, ``due_soon`` (the last fifth of
the time) or ``breached``.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update

from tandemdesk import events
from tandemdesk.act.routing import RoutingSettings, need_for_queue
from tandemdesk.db import transaction
from tandemdesk.decide import Policy
from tandemdesk.decide.people import due_at, first_reply_minutes, hours_of
from tandemdesk.decide.vocabulary import HUMAN_ACTIONS
from tandemdesk.listen.delivery import OPEN_STATUSES
from tandemdesk.models import Assignment, Conversation, Customer, Decision
from tandemdesk.timeutil import utcnow
from tandemdesk.workspace import Workspace

SERVE_EVERY_SECONDS = 15.0
SCAN = 500  # waiting conversations considered per pass, most pressing first
DUE_SOON_SHARE = 0.2
log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Waiting:
    """One conversation waiting for a person."""

    conversation_id: int
    queue: str
    language: str | None
    distress: float
    abusive: bool
    urgency: str
    since: datetime
    band: int


def band_of(distress: float, urgency: str | None, abusive: bool, distressed: float) -> int:
    from tandemdesk.inbox import severity_band

    return severity_band(distress, urgency, abusive, distressed)


def waiting_list(session: Any, policy: Policy, limit: int = SCAN) -> list[Waiting]:
    """Open conversations a person should have and nobody has, most pressing first."""
    latest = (
        select(func.max(Decision.id).label("id"))
        .join(Conversation, Conversation.id == Decision.conversation_id)
        .where(Conversation.status.in_(OPEN_STATUSES), Conversation.assignee_id.is_(None))
        .group_by(Decision.conversation_id)
        .subquery()
    )
    rows = session.execute(
        select(Conversation.id, Conversation.queue, Customer.language, Decision.distress,
               Decision.abusive, Decision.inputs, Decision.action, Decision.queue,
               Decision.created_at)
        .join(Decision, Decision.conversation_id == Conversation.id)
        .join(latest, latest.c.id == Decision.id)
        .join(Customer, Customer.id == Conversation.customer_id)
        .where(Decision.action.in_(HUMAN_ACTIONS))
        .order_by(Decision.created_at)
        .limit(limit * 4)
    ).all()  # fmt: skip
    distressed = policy.thresholds.distress
    out = []
    for cid, queue, language, distress, abusive, inputs, _, decided_queue, at in rows:
        urgency = (inputs or {}).get("urgency") or "normal"
        out.append(Waiting(
            cid, queue or decided_queue or policy.default_queue,
            (inputs or {}).get("language") or language, float(distress or 0.0), bool(abusive),
            urgency, at, band_of(float(distress or 0.0), urgency, bool(abusive), distressed),
        ))  # fmt: skip
    out.sort(key=lambda w: (-w.band, w.since, w.conversation_id))
    return out[:limit]


def queue_open(policy: Policy, queue: str, now: datetime) -> bool:
    spec = policy.queues.get(queue)
    hours = hours_of(policy.people, spec.hours if spec else None)
    return hours is None or hours.is_open(now)


def serve_waiting(
    workspace: Workspace,
    policy: Policy | None = None,
    routing: RoutingSettings | None = None,
) -> list[dict[str, Any]]:
    """Give free seats to waiting conversations, most pressing first; returns who got what.

    Each claim is guarded by "nobody has it yet" in the same statement, so two processes
    serving at once cannot give one conversation twice.
    """
    from tandemdesk.orchestrator_act import Roster, routing_settings
    from tandemdesk.policies import active_policy

    if policy is None:
        policy, _ = active_policy(workspace)
    settings = routing_settings(policy, routing or RoutingSettings())
    now = utcnow()
    given: list[dict[str, Any]] = []
    with transaction(workspace.sessions) as session:
        waiting = waiting_list(session, policy)
        if not waiting:
            return []
        roster = Roster(session, settings)
        for number, item in enumerate(waiting, start=1):
            need = need_for_queue(
                policy, item.queue, language=item.language, distress=item.distress,
                abusive=item.abusive, urgency=item.urgency,
            )  # fmt: skip
            result = roster.route(need, now)
            if result.agent_id is None:
                continue
            row_id = roster.row_id[result.agent_id]
            claimed = session.execute(
                update(Conversation)
                .where(Conversation.id == item.conversation_id, Conversation.assignee_id.is_(None))
                .values(assignee_id=row_id, updated_at=now)
            )
            if claimed.rowcount == 0:  # type: ignore[attr-defined]
                continue
            reason = (
                f"From the waiting list (number {number}, "
                f"{'pressing' if item.band == 2 else 'waiting'} since {item.since:%H:%M} UTC): "
                + result.reason
            )
            session.add(Assignment(
                conversation_id=item.conversation_id, agent_id=row_id, queue=item.queue,
                reason=reason, distress=item.distress, abusive=item.abusive, assigned_at=now,
            ))  # fmt: skip
            roster.move((None, False), (row_id, True))
            roster.contact(row_id, item.distress, item.abusive, now)
            given.append({"conversation_id": item.conversation_id, "agent": result.agent_id,
                          "queue": item.queue, "reason": reason})  # fmt: skip
        if given:  # webhook subscribers hear of these as of any assignment (``channels``)
            from tandemdesk.channels.outbox import enqueue_events

            enqueue_events(session, [("conversation.assigned", {
                "conversation_id": g["conversation_id"], "agent": g["agent"],
                "queue": g["queue"], "reason": g["reason"]}) for g in given], now)  # fmt: skip
    for g in given:
        payload = {"conversation_id": g["conversation_id"], "agent": g["agent"]}
        events.emit("conversation.assigned", {**payload, "from": "waiting_list"})
    return given


async def keep_serving(workspace: Workspace, every: float = SERVE_EVERY_SECONDS) -> None:
    """The server's loop: serve the waiting list for the changes time brings (breaks end,
    agents go idle, queues open). A failing pass is logged and the loop goes on."""
    while True:
        await asyncio.sleep(every)
        try:
            await asyncio.to_thread(serve_waiting, workspace)
        except Exception:  # a bad pass must not stop the next one
            log.exception("serving the waiting list failed")


def sla_state(
    policy: Policy, queue: str | None, urgency: str | None, since: datetime | None, now: datetime
) -> dict[str, Any] | None:
    """The first-reply target of a conversation waiting since ``since`` (None: not waiting)."""
    if since is None:
        return None
    spec = policy.queues.get(queue or "")
    targets = spec.first_reply_minutes if spec and spec.first_reply_minutes else None
    minutes = first_reply_minutes(policy.people, targets, urgency)
    hours = hours_of(policy.people, spec.hours if spec else None)
    due = due_at(since, minutes, hours)
    if due is None:
        return {"due": None, "minutes": minutes, "state": "ok", "overdue_seconds": 0.0}
    left = (due - now).total_seconds()
    state = (
        "breached" if left < 0 else ("due_soon" if left < minutes * 60 * DUE_SOON_SHARE else "ok")
    )
    return {"due": due.isoformat(), "minutes": minutes, "state": state,
            "overdue_seconds": max(0.0, -left)}  # fmt: skip


def breaches(session: Any, policy: Policy, now: datetime | None = None) -> list[dict[str, Any]]:
    """Conversations whose first reply is overdue or due soon (the lead's view)."""
    from tandemdesk.inbox import ConversationFilters, list_conversations

    now = now or utcnow()
    page = list_conversations(
        session, ConversationFilters(limit=2000), None, policy.thresholds.distress, policy
    )
    return [row for row in page["data"] if row.get("sla") and row["sla"]["state"] != "ok"]


def install(workspace: Workspace) -> list[Callable[[], None]]:
    """Subscribe this process to the events that free a seat: a resolved conversation
    (with the recovery break it may bring) and one assigned by hand (the previous agent's
    seat). Returns the unsubscribe functions (``tandemdesk serve`` calls this)."""
    from tandemdesk.people.presence import offer_recovery_break
    from tandemdesk.policies import active_policy

    def resolved(_: str, payload: dict[str, Any]) -> None:
        policy, _version = active_policy(workspace)
        offer_recovery_break(workspace, int(payload["conversation_id"]), policy.people)
        serve_waiting(workspace, policy)

    def assigned(_: str, payload: dict[str, Any]) -> None:
        if payload.get("from") != "waiting_list":  # our own assignments free nothing
            serve_waiting(workspace)

    return [
        events.subscribe("conversation.resolved", resolved),
        events.subscribe("conversation.assigned", assigned),
    ]
