"""Conversations: the inbox list, one conversation, and what people do with it — assign,
reply, resolve, reopen, CSAT, and the corrections learning feeds on.

An agent sees and acts on their own conversations only (assigned to them now or before);
supervisors and admins see all.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query

from tandemdesk import actions
from tandemdesk.accounts import Principal
from tandemdesk.api.auth import INTEGRATION, require
from tandemdesk.api.schemas import (
    AssignIn,
    CsatIn,
    DraftIn,
    IntentIn,
    OverrideIn,
    ReopenIn,
    ReplyIn,
)
from tandemdesk.api.services import Services, services
from tandemdesk.errors import ForbiddenError, NotFoundError
from tandemdesk.inbox import (
    ConversationFilters,
    conversation_detail,
    list_conversations,
    visible_to_agent,
)
from tandemdesk.models import Agent, Decision

router = APIRouter(prefix="/v1", tags=["conversations"])
AGENT_OR_ABOVE = Depends(require("agent"))


def agent_ref(svc: Services, principal: Principal) -> str | None:
    """The caller's agent external id (what actions record as "who did it")."""
    if principal.agent_id is None:
        return None
    with svc.workspace.sessions() as session:
        agent = session.get(Agent, principal.agent_id)
        return agent.external_id if agent else None


def check_access(svc: Services, principal: Principal, conversation_id: int) -> None:
    """Agents may only touch their own conversations."""
    if principal.at_least("supervisor"):
        return
    with svc.workspace.sessions() as session:
        if not visible_to_agent(session, conversation_id, principal.agent_id):
            raise ForbiddenError(f"conversation {conversation_id} is not assigned to you")


def decision_conversation(svc: Services, decision_id: int) -> int:
    with svc.workspace.sessions() as session:
        decision = session.get(Decision, decision_id)
        if decision is None:
            raise NotFoundError(f"no decision {decision_id}")
        return decision.conversation_id


@router.get("/conversations")
def get_conversations(
    queue: str | None = None,
    status: str | None = Query(None, description="open (default), pending, resolved or all"),
    assignee: str | None = Query(None, description="agent external id or email, or 'none'"),
    min_distress: float | None = Query(None, ge=0, le=1),
    intent: str | None = None,
    language: str | None = None,
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0),
    principal: Principal = AGENT_OR_ABOVE,
    svc: Services = Depends(services),
) -> dict[str, Any]:
    """Conversations, most pressing first (urgent, distressed or abusive; then longest wait)."""
    filters = ConversationFilters(queue, status, assignee, min_distress, intent, language,
                                  limit, offset)  # fmt: skip
    scope = None if principal.at_least("supervisor") else (principal.agent_id or -1)
    with svc.workspace.sessions() as session:
        return list_conversations(session, filters, agent_scope=scope)


@router.get("/conversations/{conversation_id}")
def get_conversation(
    conversation_id: int, principal: Principal = AGENT_OR_ABOVE, svc: Services = Depends(services)
) -> dict[str, Any]:
    """One conversation with its messages, decisions, handoff packet and the customer's
    orders and events."""
    with svc.workspace.sessions() as session:
        detail = conversation_detail(session, conversation_id)
    check_access(svc, principal, conversation_id)
    return detail


@router.post("/conversations/{conversation_id}/assign")
def assign(
    conversation_id: int,
    body: AssignIn,
    principal: Principal = AGENT_OR_ABOVE,
    svc: Services = Depends(services),
) -> dict[str, Any]:
    """Supervisors assign anyone; an agent can only take a conversation themselves."""
    own = agent_ref(svc, principal)
    if not principal.at_least("supervisor") and body.agent not in (None, own):
        raise ForbiddenError("agents can only assign conversations to themselves")
    target = body.agent or own
    if target is None:
        raise ForbiddenError("your login is not linked to an agent; name one with 'agent'")
    actions.do_assign(svc.workspace, conversation_id, target, body.reason)
    return {"conversation_id": conversation_id, "assignee": target}


@router.post("/conversations/{conversation_id}/reply", status_code=201)
def reply(
    conversation_id: int,
    body: ReplyIn,
    principal: Principal = AGENT_OR_ABOVE,
    svc: Services = Depends(services),
) -> dict[str, Any]:
    check_access(svc, principal, conversation_id)
    message_id = actions.do_reply(
        svc.workspace, conversation_id, body.text, agent_ref(svc, principal)
    )
    return {"conversation_id": conversation_id, "message_id": message_id}


@router.post("/conversations/{conversation_id}/resolve")
def resolve(
    conversation_id: int, principal: Principal = AGENT_OR_ABOVE, svc: Services = Depends(services)
) -> dict[str, Any]:
    check_access(svc, principal, conversation_id)
    outcome = actions.do_resolve(svc.workspace, conversation_id, agent_ref(svc, principal))
    return {"conversation_id": conversation_id, "status": "resolved", **outcome}


@router.post("/conversations/{conversation_id}/reopen")
def reopen(
    conversation_id: int,
    body: ReopenIn,
    principal: Principal = AGENT_OR_ABOVE,
    svc: Services = Depends(services),
) -> dict[str, Any]:
    check_access(svc, principal, conversation_id)
    actions.do_reopen(svc.workspace, conversation_id, body.reason)
    return {"conversation_id": conversation_id, "status": "open"}


@router.post("/conversations/{conversation_id}/csat", dependencies=[INTEGRATION])
def csat(conversation_id: int, body: CsatIn, svc: Services = Depends(services)) -> dict[str, Any]:
    """The customer's rating (from a survey tool: integrations and supervisors, not agents)."""
    actions.do_csat(svc.workspace, conversation_id, body.score, body.comment)
    return {"conversation_id": conversation_id, "csat": body.score}


@router.post("/conversations/{conversation_id}/intent")
def correct_intent(
    conversation_id: int,
    body: IntentIn,
    principal: Principal = AGENT_OR_ABOVE,
    svc: Services = Depends(services),
) -> dict[str, Any]:
    """What the customer really wanted; the next ``retrain`` learns from it."""
    check_access(svc, principal, conversation_id)
    actions.do_correct_intent(svc.workspace, conversation_id, body.intent,
                              agent_ref(svc, principal))  # fmt: skip
    return {"conversation_id": conversation_id, "intent": body.intent.strip()}


@router.post("/decisions/{decision_id}/override")
def override(
    decision_id: int,
    body: OverrideIn,
    principal: Principal = AGENT_OR_ABOVE,
    svc: Services = Depends(services),
) -> dict[str, Any]:
    """Say what the decision should have been (feeds the policy review)."""
    check_access(svc, principal, decision_conversation(svc, decision_id))
    actions.do_override_decision(svc.workspace, decision_id, body.action, body.reason,
                                 agent_ref(svc, principal))  # fmt: skip
    return {"decision_id": decision_id, "action": body.action}


@router.post("/decisions/{decision_id}/draft")
def edit_draft(
    decision_id: int,
    body: DraftIn,
    principal: Principal = AGENT_OR_ABOVE,
    svc: Services = Depends(services),
) -> dict[str, Any]:
    """Send (or only record) an edited version of the AI's draft."""
    check_access(svc, principal, decision_conversation(svc, decision_id))
    message_id = actions.do_edit_draft(svc.workspace, decision_id, body.text,
                                       agent_ref(svc, principal), body.send)  # fmt: skip
    return {"decision_id": decision_id, "message_id": message_id}
