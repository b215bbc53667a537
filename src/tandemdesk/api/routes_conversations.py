"""Conversations: the inbox list, one conversation, and what people do with it — assign,
reply, resolve, reopen, CSAT, and the corrections learning feeds on.

An agent sees and acts on their own conversations only (``access.py``); supervisors and
admins see all. Routes that act on one conversation (or one decision) take an ``Actor``:
the caller, already checked against that conversation, with the agent id actions record.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field
from sqlalchemy import select

from tandemdesk import access, actions
from tandemdesk.accounts import Principal
from tandemdesk.api.auth import AGENT, INTEGRATION, require
from tandemdesk.api.fields import DbId, Email, Intent, Language, Offset, Queue, Text
from tandemdesk.api.schemas import (
    AssignIn,
    CsatIn,
    DraftIn,
    IntentIn,
    OverrideIn,
    ReopenIn,
    ReplyIn,
    ResolveIn,
)
from tandemdesk.api.services import Services, services
from tandemdesk.composer import fill_for_conversation
from tandemdesk.errors import ForbiddenError, NotFoundError
from tandemdesk.inbox import ConversationFilters, conversation_detail, list_conversations
from tandemdesk.models import Decision

router = APIRouter(prefix="/v1", tags=["conversations"])


@dataclass(frozen=True)
class Actor:
    """A caller allowed to work on the conversation of the request."""

    svc: Services
    principal: Principal
    agent: str | None  # their agent's external id, recorded as "who did it"


def _actor(svc: Services, principal: Principal, conversation_id: DbId, method: str) -> Actor:
    """Reading needs the conversation to be (or have been) the agent's; changing it (any
    POST) needs them to be its current assignee (403 ``not_assignee``, ``access.py``)."""
    access.check_conversation(svc.workspace, principal, conversation_id)
    if method not in ("GET", "HEAD"):
        access.check_acts_on(svc.workspace, principal, conversation_id)
    return Actor(svc, principal, access.agent_external_id(svc.workspace, principal))


def conversation_actor(
    request: Request,
    conversation_id: DbId,
    principal: Principal = AGENT,
    svc: Services = Depends(services),
) -> Actor:
    return _actor(svc, principal, conversation_id, request.method)


def decision_actor(
    request: Request,
    decision_id: DbId,
    principal: Principal = AGENT,
    svc: Services = Depends(services),
) -> Actor:
    with svc.workspace.sessions() as session:
        conversation_id = session.scalar(
            select(Decision.conversation_id).where(Decision.id == decision_id)
        )
    if conversation_id is None:
        raise NotFoundError(f"no decision {decision_id}")
    return _actor(svc, principal, conversation_id, request.method)


ListedStatus = Literal["open", "pending", "resolved", "closed", "all"]
"""What the list filters on: an unknown status is a 422, not an empty list."""

CONVERSATION = Depends(conversation_actor)
DECISION = Depends(decision_actor)


@router.get("/conversations")
def get_conversations(
    queue: Queue | None = None,
    status: ListedStatus | None = Query(
        None, description="open (default: open or pending), pending, resolved, closed or all"
    ),
    assignee: Email | None = Query(None, description="agent external id or email, or 'none'"),
    min_distress: float | None = Query(None, ge=0, le=1),
    intent: Intent | None = None,
    language: Language | None = None,
    limit: int = Query(50, ge=1, le=500),
    offset: Offset = 0,
    principal: Principal = AGENT,
    svc: Services = Depends(services),
) -> dict[str, Any]:
    """Conversations, most pressing first (urgent, distressed or abusive; then longest wait)."""
    filters = ConversationFilters(queue, status, assignee, min_distress, intent, language,
                                  limit, offset)  # fmt: skip
    scope = access.inbox_scope(principal)
    with svc.workspace.sessions() as session:
        return list_conversations(
            session, filters, scope, svc.distressed(), svc.orchestrator.policy
        )


def conversation_reader(
    conversation_id: DbId,
    principal: Principal = Depends(require("agent", "integration")),
    svc: Services = Depends(services),
) -> Actor:
    """Reading only: an integration reads every conversation (it is sent their events and
    replies by webhook, ``access.check_read_conversation``); people as ``conversation_actor``."""
    access.check_read_conversation(svc.workspace, principal, conversation_id)
    return Actor(svc, principal, None)


@router.get("/conversations/{conversation_id}")
def get_conversation(
    conversation_id: DbId, actor: Actor = Depends(conversation_reader)
) -> dict[str, Any]:
    """One conversation with its messages, decisions, handoff packet and the customer's
    orders and events."""
    with actor.svc.workspace.sessions() as session:
        return conversation_detail(session, conversation_id, actor.svc.distressed())


@router.post("/conversations/{conversation_id}/assign")
def assign(
    conversation_id: DbId,
    body: AssignIn,
    principal: Principal = AGENT,
    svc: Services = Depends(services),
) -> dict[str, Any]:
    """Supervisors assign anyone; an agent can only take an unassigned conversation (or
    one that is theirs) themselves (``actions.do_assign`` checks it as it claims it)."""
    supervisor = principal.at_least("supervisor")
    if not supervisor and principal.agent_id is None:
        raise ForbiddenError("your login is not linked to an agent")
    target = body.agent or access.agent_external_id(svc.workspace, principal)
    if target is None:
        raise ForbiddenError("your login is not linked to an agent; name one with 'agent'")
    taken_by = None if supervisor else principal.agent_id
    actions.do_assign(svc.workspace, conversation_id, target, body.reason, taken_by=taken_by)
    return {"conversation_id": conversation_id, "assignee": target}


@router.post("/conversations/{conversation_id}/reply", status_code=201)
def reply(conversation_id: DbId, body: ReplyIn, actor: Actor = CONVERSATION) -> dict[str, Any]:
    """Send the agent's text; one that still contains ``{{…}}`` is refused (422,
    ``unfilled_placeholder``): fill it with ``…/fill`` or write the words in."""
    message_id = actions.do_reply(actor.svc.workspace, conversation_id, body.text, actor.agent)
    return {"conversation_id": conversation_id, "message_id": message_id}


class FillIn(BaseModel):
    text: Text = Field(description="A macro's body, or any text with {{…}}.")
    language: Language | None = Field(
        default=None, description="The macro's language (dates, amounts); default: customer's."
    )


@router.post("/conversations/{conversation_id}/fill")
def fill(conversation_id: DbId, body: FillIn, actor: Actor = CONVERSATION) -> dict[str, Any]:
    """A macro with its ``{{placeholders}}`` filled from this customer's facts and signed by
    the caller; ``unfilled`` says which are left and why (the reply refuses them)."""
    with actor.svc.workspace.sessions() as session:
        filled = fill_for_conversation(
            session, conversation_id, body.text, body.language, actor.agent
        )
    return {"conversation_id": conversation_id, "text": filled.text, "unfilled": filled.missing}


@router.post("/conversations/{conversation_id}/resolve")
def resolve(
    conversation_id: DbId, actor: Actor = CONVERSATION, body: ResolveIn | None = None
) -> dict[str, Any]:
    """Resolve; with ``confirm_intent`` the agent confirms the intent, which then trains."""
    confirm = body is not None and body.confirm_intent
    outcome = actions.do_resolve(
        actor.svc.workspace, conversation_id, actor.agent, confirm_intent=confirm,
        by_person=actor.principal.role != "integration",
    )  # fmt: skip
    return {"conversation_id": conversation_id, "status": "resolved", **outcome}


@router.post("/conversations/{conversation_id}/reopen")
def reopen(conversation_id: DbId, body: ReopenIn, actor: Actor = CONVERSATION) -> dict[str, Any]:
    actions.do_reopen(actor.svc.workspace, conversation_id, body.reason)
    return {"conversation_id": conversation_id, "status": "open"}


@router.post("/conversations/{conversation_id}/csat", dependencies=[INTEGRATION])
def csat(conversation_id: DbId, body: CsatIn, svc: Services = Depends(services)) -> dict[str, Any]:
    """The customer's rating (from a survey tool: integrations and supervisors, not agents)."""
    actions.do_csat(svc.workspace, conversation_id, body.score, body.comment)
    return {"conversation_id": conversation_id, "csat": body.score}


@router.post("/conversations/{conversation_id}/intent")
def correct_intent(
    conversation_id: DbId, body: IntentIn, actor: Actor = CONVERSATION
) -> dict[str, Any]:
    """What the customer really wanted; the next ``retrain`` learns from it. An intent the
    workspace does not know is refused (422, with the closest known ones) unless ``new``."""
    actions.do_correct_intent(
        actor.svc.workspace, conversation_id, body.intent, actor.agent, new=body.new
    )
    return {"conversation_id": conversation_id, "intent": body.intent.strip()}


@router.post("/decisions/{decision_id}/override")
def override(decision_id: DbId, body: OverrideIn, actor: Actor = DECISION) -> dict[str, Any]:
    """Say what the decision should have been (feeds the policy review)."""
    actions.do_override_decision(
        actor.svc.workspace, decision_id, body.action, body.reason, actor.agent
    )
    return {"decision_id": decision_id, "action": body.action}


@router.post("/decisions/{decision_id}/draft")
def edit_draft(decision_id: DbId, body: DraftIn, actor: Actor = DECISION) -> dict[str, Any]:
    """Send (or only record) an edited version of the AI's draft."""
    message_id = actions.do_edit_draft(
        actor.svc.workspace, decision_id, body.text, actor.agent, body.send
    )
    return {"decision_id": decision_id, "message_id": message_id}
