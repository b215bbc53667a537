"""Who works on a conversation, and what colleagues tell each other about it: take, release,
hand over, internal notes (issue 15). Each is one ``do_*`` function and one transaction, like
``actions.py``; the API and the console call these.

A note is never sent to the customer: it is its own table (``conversation_notes``), not a
message, so no channel, outbox or export can pick it up by mistake. A hand-over is a note
that also moves the work — to another queue (customer service passes a parcel question to
dispatch, which takes it from its queue) or straight to a named colleague.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select

from tandemdesk import events
from tandemdesk.accounts import Principal, find_agent
from tandemdesk.actions import _release_assignments, assign_in, do_assign
from tandemdesk.api.fields import multi_line
from tandemdesk.channels.outbox import enqueue_events
from tandemdesk.db import transaction
from tandemdesk.decide.policy import Policy
from tandemdesk.errors import ForbiddenError, InvalidRecordError, NotFoundError
from tandemdesk.listen.delivery import OPEN_STATUSES
from tandemdesk.models import Agent, Conversation, ConversationNote
from tandemdesk.search import agent_queues
from tandemdesk.timeutil import utcnow
from tandemdesk.workspace import Workspace

NOTE_MAX = 5000


def take_queues(workspace: Workspace, policy: Policy, principal: Principal) -> set[str] | None:
    """The queues ``principal`` may take from (``do_take``'s ``queues``): ``None`` for a lead
    or a login with no agent, who may take from any; an agent the queues they work
    (``search.agent_queues``). One rule for the API and the console."""
    if principal.at_least("supervisor") or principal.agent_id is None:
        return None
    with workspace.sessions() as session:
        agent = session.get(Agent, principal.agent_id)
        return set() if agent is None else agent_queues(policy, agent)


def do_take(
    workspace: Workspace, conversation_id: int, agent_id: int, queues: set[str] | None
) -> None:
    """An agent takes a conversation for themselves from one of their ``queues`` (``None``:
    any queue). Free conversations only (or one already theirs): the claim is one
    conditional UPDATE (``actions.do_assign``), so two agents taking it at once cannot both
    win."""
    with workspace.sessions() as session:
        row = session.execute(
            select(
                Conversation.queue, Conversation.status, Conversation.assignee_id,
                Agent.external_id,
            )
            .join(Agent, Agent.id == agent_id)
            .where(Conversation.id == conversation_id)
        ).first()  # fmt: skip
    if row is None:
        raise NotFoundError(f"no conversation {conversation_id}")
    queue, status, assignee_id, external_id = row
    already = assignee_id == agent_id  # taking one's own again changes nothing
    # An agent takes waiting work: an open conversation in one of their queues. Anything
    # else (answered automatically, so in no queue; resolved; closed) would let any agent
    # read any customer's conversations just by taking them; a lead assigns those.
    if queues is not None and not already and status not in OPEN_STATUSES:
        raise ForbiddenError(
            f"conversation {conversation_id} is {status}, not waiting for anyone; "
            "a lead can assign it to you"
        )
    if queues is not None and queue is None and not already:
        raise ForbiddenError(
            f"conversation {conversation_id} is in no queue; a lead can assign it to you"
        )
    if queues is not None and queue is not None and queue not in queues and not already:
        raise ForbiddenError(
            f"conversation {conversation_id} is in queue {queue}, which is not one of yours "
            f"({', '.join(sorted(queues)) or 'none'}); a lead can assign it to you"
        )
    do_assign(workspace, conversation_id, external_id, "taken from the queue", taken_by=agent_id)


def _release(session: Any, conversation: Conversation, now: datetime) -> None:
    """Nobody has the conversation now (its open assignments end, as on resolving)."""
    _release_assignments(session, conversation.id, now)
    conversation.assignee_id = None
    conversation.updated_at = now


def do_release(workspace: Workspace, conversation_id: int, by: str) -> None:
    """Give a conversation back to its queue (nobody has it; anyone who works the queue may
    take it). ``by``: who released it, for the event. The caller checks that they may
    (``access.check_acts_on``: its assignee or a lead)."""
    now = utcnow()
    with transaction(workspace.sessions) as session:
        conversation = session.get(Conversation, conversation_id)
        if conversation is None:
            raise NotFoundError(f"no conversation {conversation_id}")
        if conversation.assignee_id is None:
            raise InvalidRecordError(f"conversation {conversation_id} is not assigned to anyone")
        _release(session, conversation, now)
        payload = {"conversation_id": conversation_id, "queue": conversation.queue, "by": by}
        enqueue_events(session, [("conversation.released", payload)], now)
    events.emit("conversation.released", payload)


def do_note(
    workspace: Workspace,
    conversation_id: int,
    text: str,
    author: str,
    agent_id: int | None = None,
    *,
    to_queue: str | None = None,
    to_agent: str | None = None,
    queues: set[str] | None = None,
) -> int:
    """An internal note (returns its id); with ``to_queue`` or ``to_agent`` also a hand-over.

    ``to_queue`` (one of ``queues``, the live policy's) moves the conversation there, free
    for whoever works that queue; ``to_agent`` (external id or e-mail) gives it to that
    colleague at once. Note and hand-over are one transaction: never one without the other.
    """
    text = text.strip()
    try:
        multi_line(text)  # no NUL or other control characters: every store keeps it
    except ValueError as e:
        raise InvalidRecordError(f"the note {e}") from e
    if not text:
        raise InvalidRecordError("a note needs text")
    if len(text) > NOTE_MAX:
        raise InvalidRecordError(f"a note is at most {NOTE_MAX} characters, not {len(text)}")
    if to_queue and queues is not None and to_queue not in queues:
        raise InvalidRecordError(
            f"no queue {to_queue!r}; the policy's queues: {', '.join(sorted(queues))}"
        )
    now = utcnow()
    with transaction(workspace.sessions) as session:
        conversation = session.get(Conversation, conversation_id)
        if conversation is None:
            raise NotFoundError(f"no conversation {conversation_id}")
        target = find_agent(session, to_agent) if to_agent else None
        note = ConversationNote(
            conversation_id=conversation_id,
            agent_id=agent_id,
            author=author,
            text=text,
            handed_to_queue=to_queue or None,
            handed_to_agent_id=target.id if target else None,
            created_at=now,
        )
        session.add(note)
        if to_queue or target:
            if to_queue:
                conversation.queue = to_queue
            if target is not None:
                assign_in(session, conversation, target, f"handed over by {author}", now)
            else:
                _release(session, conversation, now)
        conversation.updated_at = now
        session.flush()
        note_id = int(note.id)
        payload = {"conversation_id": conversation_id, "note_id": note_id,
                   "queue": to_queue or None,
                   "agent": target.external_id if target else None}  # fmt: skip
        kind = "conversation.handed_over" if to_queue or target else "conversation.noted"
        enqueue_events(session, [(kind, payload)], now)
    events.emit(kind, payload)
    return note_id
