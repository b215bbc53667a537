"""What a caller may see and touch beyond their role: an agent works on their own
conversations (assigned to them now or before) and sees those conversations' customers —
their whole timeline, earlier conversations included, so no customer is asked twice.

One place for the ownership rule, so the JSON API and the console cannot drift apart; the
role checks themselves are ``api/auth.require``.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, exists, or_, select

from tandemdesk.accounts import Principal
from tandemdesk.errors import ForbiddenError, NotAssigneeError, NotFoundError
from tandemdesk.models import Agent, Assignment, Conversation
from tandemdesk.workspace import Workspace


def _owns_conversation(agent_id: int, conversation_id: int) -> ColumnElement[bool]:
    return or_(
        exists().where(
            Assignment.conversation_id == conversation_id, Assignment.agent_id == agent_id
        ),
        exists().where(Conversation.id == conversation_id, Conversation.assignee_id == agent_id),
    )


def inbox_scope(principal: Principal) -> int | None:
    """Whose conversations a listing shows: everyone's for a supervisor (``None``), else
    the agent's own (an account with no agent sees none: ``-1`` matches no agent)."""
    return None if principal.at_least("supervisor") else (principal.agent_id or -1)


def check_conversation(workspace: Workspace, principal: Principal, conversation_id: int) -> None:
    """Raise ``ForbiddenError`` unless the caller may open this conversation: their own, or
    another of a customer they serve (``check_customer``). Why the customer's: the customer
    API showed an agent every conversation of their customer, while the conversation page
    linked from it refused them ("Not yours to open"); one rule, and reading the history is
    what lets an agent not ask twice. Changing it is ``check_acts_on``'s (its assignee)."""
    if principal.at_least("supervisor"):
        return
    if principal.agent_id is not None:
        with workspace.sessions() as session:
            if session.scalar(select(_owns_conversation(principal.agent_id, conversation_id))):
                return
            customer_id = session.scalar(
                select(Conversation.customer_id).where(Conversation.id == conversation_id)
            )
            if customer_id is not None and _serves(session, principal.agent_id, customer_id):
                return
    raise ForbiddenError(f"conversation {conversation_id} is not assigned to you")


def _serves(session: Any, agent_id: int, customer_id: int) -> bool:
    """Whether the agent has (or had) a conversation of this customer assigned."""
    mine = (
        select(Assignment.id)
        .join(Conversation, Conversation.id == Assignment.conversation_id)
        .where(Conversation.customer_id == customer_id, Assignment.agent_id == agent_id)
    )
    return bool(session.scalar(select(exists(mine))))


def check_acts_on(workspace: Workspace, principal: Principal, conversation_id: int) -> None:
    """Raise ``NotAssigneeError`` (403, ``not_assignee``) unless the caller may *change* this
    conversation: reply, resolve, reopen, correct. That is its current assignee, or a
    supervisor/admin — not an agent who had it before it was reassigned or released (they
    may still read it: ``check_conversation``). Integrations post through their own routes.
    """
    if principal.at_least("supervisor"):
        return
    with workspace.sessions() as session:
        row = session.execute(
            select(Conversation.assignee_id, Agent.name)
            .outerjoin(Agent, Agent.id == Conversation.assignee_id)
            .where(Conversation.id == conversation_id)
        ).first()
    if row is None:
        raise NotFoundError(f"no conversation {conversation_id}")
    assignee_id, assignee = row
    if principal.agent_id is not None and assignee_id == principal.agent_id:
        return
    now = f"is now assigned to {assignee}" if assignee else "is not assigned to anyone now"
    raise NotAssigneeError(
        f"conversation {conversation_id} {now}; only its assignee or a lead can act on it "
        "(take it if it is free, or ask a lead to assign it to you)",
        conversation_id=conversation_id,
        assignee=assignee,
    )


def check_customer(workspace: Workspace, principal: Principal, customer_id: int) -> None:
    """Raise ``ForbiddenError`` unless the caller may see this customer."""
    if principal.at_least("supervisor"):
        return
    if principal.agent_id is not None:
        with workspace.sessions() as session:
            if _serves(session, principal.agent_id, customer_id):
                return
    raise ForbiddenError("this customer has no conversation assigned to you")


def agent_external_id(workspace: Workspace, principal: Principal) -> str | None:
    """The caller's agent (what actions record as "who did it"), if their login has one."""
    if principal.agent_id is None:
        return None
    with workspace.sessions() as session:
        return session.scalar(select(Agent.external_id).where(Agent.id == principal.agent_id))


def check_read_conversation(
    workspace: Workspace, principal: Principal, conversation_id: int
) -> None:
    """Raise ``ForbiddenError`` unless the caller may *read* this conversation's messages.

    An integration may: it is sent every message and reply by webhook (``message.received``,
    ``reply.sent``) and must be able to fetch what those name (the rule before refused it an
    agent's reply, 403). People as ``check_conversation``."""
    if principal.role == "integration":
        return
    check_conversation(workspace, principal, conversation_id)


REVEAL_ROLE = "supervisor"  # team leads and admins; agents and integrations never


def check_reveal(principal: Principal) -> None:
    """Raise ``ForbiddenError`` unless the caller may see a masked card number or IBAN in
    full (``protect/reveal.py`` audits every time they do)."""
    if not principal.at_least(REVEAL_ROLE):
        raise ForbiddenError(
            "revealing masked card numbers and IBANs needs a team lead (supervisor) or admin",
            role=principal.role,
        )
