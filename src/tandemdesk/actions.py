"""The other state changes beside the orchestrator: resolve, reopen, CSAT, agent replies and
corrections. Each is one ``do_*`` function, one transaction, one event — the API, CLI and
console call these and nothing else writes (see docs/architecture.md).

Every change that says something about how a conversation went is also an ``Outcome`` row,
so learning and insights read one table: ``resolved`` (with handle time and whether the first
contact solved it), ``reopened``, ``csat``, and ``correction.intent`` / ``correction.decision``
/ ``correction.draft`` (what a person changed about the machine's work). An intent correction
also relabels the conversation, so the next ``retrain`` learns from it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update

from tandemdesk import events
from tandemdesk.channels.outbox import enqueue_events, enqueue_messages
from tandemdesk.composer import check_filled
from tandemdesk.db import transaction
from tandemdesk.decide.vocabulary import ACTIONS
from tandemdesk.errors import ForbiddenError, InvalidRecordError, NotFoundError
from tandemdesk.listen.records import CSAT_RANGE, content_key
from tandemdesk.models import Agent, Assignment, Conversation, Decision, Message, Outcome
from tandemdesk.timeutil import utcnow
from tandemdesk.workspace import Workspace


def _conversation(session: Any, conversation_id: int) -> Conversation:
    conversation = session.get(Conversation, conversation_id)
    if conversation is None:
        raise NotFoundError(f"no conversation {conversation_id}")
    return conversation  # type: ignore[no-any-return]


def _agent(session: Any, agent: str | None) -> Agent | None:
    if agent is None:
        return None
    found = session.scalars(
        select(Agent).where((Agent.external_id == agent) | (Agent.email == agent.lower()))
    ).first()
    if found is None:
        raise NotFoundError(f"no agent {agent!r} (use an agent's external id or email)")
    return found  # type: ignore[no-any-return]


def _release_assignments(session: Any, conversation_id: int, now: datetime) -> None:
    """Whoever had the conversation no longer does (it is resolved or handed on)."""
    session.execute(
        update(Assignment)
        .where(Assignment.conversation_id == conversation_id, Assignment.released_at.is_(None))
        .values(released_at=now)
    )


def assign_in(
    session: Any, conversation: Conversation, person: Agent, reason: str, now: datetime
) -> None:
    """Within the caller's transaction: ``person`` has the conversation from ``now``.

    The previous assignment is released, and the new one carries the conversation's latest
    distress and abuse, so emotional-load balancing counts a conversation given by hand
    (``do_assign``) or handed over with a note (``actions_work.do_note``) like a routed one.
    """
    latest = session.scalars(
        select(Decision)
        .where(Decision.conversation_id == conversation.id)
        .order_by(Decision.id.desc())
        .limit(1)
    ).first()
    _release_assignments(session, conversation.id, now)
    session.add(
        Assignment(
            conversation_id=conversation.id,
            agent_id=person.id,
            queue=conversation.queue,
            reason=reason,
            distress=latest.distress if latest else 0.0,
            abusive=latest.abusive if latest else False,
            assigned_at=now,
        )
    )
    conversation.assignee_id = person.id
    conversation.updated_at = now


def _outcome(
    session: Any, conversation_id: int, kind: str, value: dict[str, Any], agent: Agent | None
) -> None:
    session.add(
        Outcome(
            conversation_id=conversation_id,
            kind=kind,
            value=value,
            agent_id=agent.id if agent else None,
            created_at=utcnow(),
        )
    )


def do_reply(
    workspace: Workspace, conversation_id: int, text: str, agent: str | None = None
) -> int:
    """An agent's reply to the customer; returns the message id.

    A text that still contains a ``{{placeholder}}`` is refused (``UnfilledPlaceholderError``):
    the customer would read it as written.
    """
    if not text.strip():
        raise InvalidRecordError("a reply needs text")
    check_filled(text)
    now = utcnow()
    with transaction(workspace.sessions) as session:
        conversation = _conversation(session, conversation_id)
        person = _agent(session, agent)
        message = Message(
            conversation_id=conversation.id,
            author="agent",
            text=text,
            sent_at=now,
            channel=conversation.channel,
            dedup_key=content_key("agent", now.isoformat(), text),
            attachments=[],
            meta={"agent_id": person.external_id} if person else {},
            attempts=0,
        )
        session.add(message)
        conversation.status = "pending"
        conversation.updated_at = now
        session.flush()
        message_id = int(message.id)
        # the promise to send it, in the same transaction (``channels.outbox``)
        enqueue_messages(session, [(message_id, conversation.id, conversation.channel)], now)
    events.emit("conversation.replied", {"conversation_id": conversation_id})
    return message_id


def do_resolve(
    workspace: Workspace,
    conversation_id: int,
    agent: str | None = None,
    confirm_intent: bool = False,
    by_person: bool = False,
) -> dict[str, Any]:
    """Mark resolved; records handle time (first assignment → now) and first-contact resolution.

    ``by``: "agent" when a person resolved it (``agent``, ``by_person``: a lead or admin
    without an agent of their own) or a person was ever assigned, else "bot".

    ``confirm_intent``: the agent says the conversation's intent is right, which makes it a
    training example (a live conversation's intent is otherwise the model's own guess and
    never trains a model: ``learn/examples.py``).
    """
    now = utcnow()
    with transaction(workspace.sessions) as session:
        conversation = _conversation(session, conversation_id)
        person = _agent(session, agent)
        if confirm_intent and not conversation.intent:
            raise InvalidRecordError(
                f"conversation {conversation_id} has no intent to confirm; correct it instead"
            )
        first_assigned = session.scalar(
            select(func.min(Assignment.assigned_at)).where(
                Assignment.conversation_id == conversation_id
            )
        )
        reopened = session.scalar(
            select(func.count())
            .select_from(Outcome)
            .where(Outcome.conversation_id == conversation_id, Outcome.kind == "reopened")
        )
        customer_messages = session.scalar(
            select(func.count())
            .select_from(Message)
            .where(Message.conversation_id == conversation_id, Message.author == "customer")
        )
        value = {
            "handle_seconds": (now - first_assigned).total_seconds() if first_assigned else None,
            "first_contact": not reopened and (customer_messages or 0) <= 1,
            "by": "agent" if person or by_person or first_assigned else "bot",
        }
        if confirm_intent:
            value.update(intent=conversation.intent, intent_confirmed=True)
        conversation.status = "resolved"
        conversation.updated_at = now
        _release_assignments(session, conversation_id, now)
        _outcome(session, conversation_id, "resolved", value, person)
        enqueue_events(session, [("conversation.resolved",
                                  {"conversation_id": conversation_id, **value})], now)  # fmt: skip
    events.emit("conversation.resolved", {"conversation_id": conversation_id, **value})
    return value


def do_reopen(workspace: Workspace, conversation_id: int, reason: str = "") -> None:
    """The customer came back: the conversation is open again and the resolution did not hold."""
    with transaction(workspace.sessions) as session:
        conversation = _conversation(session, conversation_id)
        conversation.status = "open"
        conversation.updated_at = utcnow()
        _outcome(session, conversation_id, "reopened", {"reason": reason}, None)
    events.emit("conversation.reopened", {"conversation_id": conversation_id})


def do_csat(workspace: Workspace, conversation_id: int, score: float, comment: str = "") -> None:
    """The customer's satisfaction rating, 1 (bad) to 5 (great)."""
    low, high = CSAT_RANGE
    if not low <= score <= high:
        raise InvalidRecordError(f"CSAT must be between {low:g} and {high:g}, not {score:g}")
    with transaction(workspace.sessions) as session:
        conversation = _conversation(session, conversation_id)
        conversation.csat = score
        _outcome(session, conversation_id, "csat", {"score": score, "comment": comment}, None)
    events.emit("conversation.rated", {"conversation_id": conversation_id, "score": score})


def do_correct_intent(
    workspace: Workspace,
    conversation_id: int,
    intent: str,
    agent: str | None = None,
    new: bool = False,
) -> None:
    """A person says what the customer really wanted; the next retrain learns it.

    The intent must be one the workspace knows (``policies.known_intents``, and those its
    policy names) unless the person says it is ``new``: a typo ("damaged_itme") would
    otherwise become an intent of its own at the next retrain, with one example, and the
    gate would never tell anyone."""
    if not intent.strip():
        raise InvalidRecordError("the corrected intent is empty")
    if not new:
        with workspace.sessions() as session:
            _conversation(session, conversation_id)  # a missing one is a 404 first
        _check_known_intent(workspace, intent.strip())
    with transaction(workspace.sessions) as session:
        conversation = _conversation(session, conversation_id)
        was = conversation.intent
        conversation.intent = intent.strip()
        _outcome(session, conversation_id, "correction.intent", {"from": was, "to": intent.strip()},
                 _agent(session, agent))  # fmt: skip
    events.emit("correction.intent", {"conversation_id": conversation_id, "intent": intent})


def _check_known_intent(workspace: Workspace, intent: str) -> None:
    """Refuse an intent the workspace's model, history and stored policy do not name.

    The history is asked about this one intent first (one indexed-or-not ``LIMIT 1``);
    every known intent is read only to word a refusal. The shipped default policy does
    not count: it names the demo's intents, which another workspace never had."""
    from difflib import get_close_matches

    from tandemdesk.policies import active_policy, known_intents

    with workspace.sessions() as session:
        seen = select(Conversation.id).where(Conversation.intent == intent).limit(1)
        if session.scalar(seen) is not None:
            return
    policy, stored = active_policy(workspace)
    named = set(policy.automatable_intents) | set(policy.intent_names) if stored else set()
    known = (known_intents(workspace) or set()) | named
    if not known or intent in known:  # a workspace with no intents yet: nothing to check
        return
    close = get_close_matches(intent, sorted(known), n=3, cutoff=0.6)
    hint = f" (did you mean {', '.join(close)}?)" if close else ""
    raise InvalidRecordError(
        f"'{intent}' is not an intent this workspace knows{hint}; to teach a new one, say "
        'so (API: "new": true; CLI: --new)'
    )


def do_override_decision(
    workspace: Workspace, decision_id: int, action: str, reason: str, agent: str | None = None
) -> None:
    """A person overrules a decision (e.g. "this should have been automated")."""
    if action not in ACTIONS:
        raise InvalidRecordError(f"unknown action {action!r}; use one of {', '.join(ACTIONS)}")
    with transaction(workspace.sessions) as session:
        decision = session.get(Decision, decision_id)
        if decision is None:
            raise NotFoundError(f"no decision {decision_id}")
        value = {
            "decision_id": decision_id,
            "from": decision.action,
            "to": action,
            "reason": reason,
            "rule_id": decision.rule_id,
        }
        _outcome(
            session, decision.conversation_id, "correction.decision", value, _agent(session, agent)
        )
    events.emit("correction.decision", {"decision_id": decision_id, "action": action})


def do_edit_draft(
    workspace: Workspace, decision_id: int, text: str, agent: str | None = None, send: bool = True
) -> int | None:
    """A person edits the AI's draft (and sends it): the edit is kept for learning."""
    if not text.strip():
        raise InvalidRecordError("an edited draft needs text")
    if send:
        check_filled(text)  # before the edit is recorded: a refused send records nothing
    with transaction(workspace.sessions) as session:
        decision = session.get(Decision, decision_id)
        if decision is None:
            raise NotFoundError(f"no decision {decision_id}")
        answer = (decision.handoff or {}).get("answer") or {}
        value = {"decision_id": decision_id, "draft": answer.get("text"), "sent": text,
                 "item_id": answer.get("item_id")}  # fmt: skip
        _outcome(
            session, decision.conversation_id, "correction.draft", value, _agent(session, agent)
        )
        conversation_id = decision.conversation_id
    return do_reply(workspace, conversation_id, text, agent) if send else None


def do_assign(
    workspace: Workspace,
    conversation_id: int,
    agent: str,
    reason: str = "",
    *,
    taken_by: int | None = None,
) -> int:
    """Give a conversation to an agent by hand (a supervisor's call, or an agent taking it).

    ``taken_by`` is the agent (row id) taking it for themselves: allowed only when ``agent``
    is them and nobody else has the conversation. That is checked by the same statement
    that claims it, so two agents taking one free conversation at once cannot both win.
    The previous assignment is released and the new one counts like a routed one
    (``assign_in``).
    """
    now = utcnow()
    with transaction(workspace.sessions) as session:
        conversation = _conversation(session, conversation_id)
        person = _agent(session, agent)
        assert person is not None
        if taken_by is not None:
            if person.id != taken_by:
                raise ForbiddenError("agents can only assign conversations to themselves")
            claimed = session.execute(
                update(Conversation)
                .where(
                    Conversation.id == conversation_id,
                    Conversation.assignee_id.is_(None) | (Conversation.assignee_id == taken_by),
                )
                .values(assignee_id=taken_by)
            )
            if claimed.rowcount == 0:  # type: ignore[attr-defined]
                raise ForbiddenError(f"conversation {conversation_id} belongs to another agent")
            session.refresh(conversation)
        assign_in(session, conversation, person, reason or "assigned by hand", now)
        agent_id = int(person.id)
        enqueue_events(session, [("conversation.assigned", {
            "conversation_id": conversation_id, "agent_id": agent_id,
            "agent": person.external_id, "queue": conversation.queue,
            "reason": reason or "assigned by hand"})], now)  # fmt: skip
    events.emit("conversation.assigned", {"conversation_id": conversation_id, "agent": agent})
    return agent_id
