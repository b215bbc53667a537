"""The working day over the API (issue 15): take and release a conversation, internal notes
and hand-overs, a customer's earlier conversations, and search with paging over
conversations and decisions. The console calls the same functions (``web/console_work.py``).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field

from tandemdesk import access, actions_work
from tandemdesk.accounts import Principal
from tandemdesk.api.auth import AGENT, SUPERVISOR
from tandemdesk.api.fields import (
    DbId,
    Email,
    Intent,
    Language,
    Note,
    Queue,
    Status,
)
from tandemdesk.api.fields import (
    Search as Words,
)
from tandemdesk.api.services import Services, services
from tandemdesk.errors import ForbiddenError, NotFoundError
from tandemdesk.models import Conversation
from tandemdesk.search import (
    PER_PAGE,
    Search,
    conversation_notes,
    customer_history,
    search_conversations,
    search_decisions,
)

router = APIRouter(prefix="/v1", tags=["work"])


@router.post("/conversations/{conversation_id}/take")
def take(
    conversation_id: DbId, principal: Principal = AGENT, svc: Services = Depends(services)
) -> dict[str, Any]:
    """Take a free conversation from one of your queues (403 if another agent has it or its
    queue is not yours; a lead assigns with ``…/assign``)."""
    if principal.agent_id is None:
        raise ForbiddenError("your login is not linked to an agent")
    actions_work.do_take(svc.workspace, conversation_id, principal.agent_id,
                         actions_work.take_queues(svc.workspace, svc.orchestrator.policy,
                                                  principal))  # fmt: skip
    return {"conversation_id": conversation_id,
            "assignee": access.agent_external_id(svc.workspace, principal)}  # fmt: skip


@router.post("/conversations/{conversation_id}/release")
def release(
    conversation_id: DbId, principal: Principal = AGENT, svc: Services = Depends(services)
) -> dict[str, Any]:
    """Give the conversation back to its queue (its assignee or a lead)."""
    access.check_conversation(svc.workspace, principal, conversation_id)
    access.check_acts_on(svc.workspace, principal, conversation_id)
    actions_work.do_release(svc.workspace, conversation_id, principal.name)
    return {"conversation_id": conversation_id, "assignee": None}


class NoteIn(BaseModel):
    text: Note = Field(description="For colleagues only; never sent to the customer.")
    to_queue: Queue | None = Field(default=None, description="Hand over to this queue.")
    to_agent: Email | None = Field(
        default=None, description="Hand over to this agent (external id or e-mail)."
    )


@router.get("/conversations/{conversation_id}/notes")
def notes(
    conversation_id: DbId, principal: Principal = AGENT, svc: Services = Depends(services)
) -> dict[str, Any]:
    access.check_conversation(svc.workspace, principal, conversation_id)
    with svc.workspace.sessions() as session:
        data = conversation_notes(session, conversation_id)
    return {"data": data, "count": len(data)}


@router.post("/conversations/{conversation_id}/notes", status_code=201)
def add_note(
    conversation_id: DbId,
    body: NoteIn,
    principal: Principal = AGENT,
    svc: Services = Depends(services),
) -> dict[str, Any]:
    """An internal note; with ``to_queue`` or ``to_agent`` also a hand-over (which, like any
    change, needs the conversation's assignee or a lead)."""
    access.check_conversation(svc.workspace, principal, conversation_id)
    if body.to_queue or body.to_agent:
        access.check_acts_on(svc.workspace, principal, conversation_id)
    note_id = actions_work.do_note(
        svc.workspace, conversation_id, body.text, principal.name, principal.agent_id,
        to_queue=body.to_queue, to_agent=body.to_agent,
        queues=set(svc.orchestrator.policy.queues),
    )  # fmt: skip
    return {"conversation_id": conversation_id, "note_id": note_id}


@router.get("/conversations/{conversation_id}/history")
def history(
    conversation_id: DbId,
    limit: int = Query(20, ge=1, le=200),
    principal: Principal = AGENT,
    svc: Services = Depends(services),
) -> dict[str, Any]:
    """The same customer's other conversations, newest first."""
    access.check_conversation(svc.workspace, principal, conversation_id)
    with svc.workspace.sessions() as session:
        conversation = session.get(Conversation, conversation_id)
        if conversation is None:  # a lead may ask for one that does not exist
            raise NotFoundError(f"no conversation {conversation_id}")
        return customer_history(session, conversation.customer_id, conversation_id, limit)


def _search(
    text: Words | None = None,
    customer: Words | None = None,
    intent: Intent | None = None,
    status: Status | None = None,
    queue: Queue | None = None,
    language: Language | None = None,
    mood: Status | None = Query(None, description="distressed, uneasy or calm"),
    assignee: Email | None = Query(None, description="agent external id or email, or 'none'"),
    action: Status | None = None,
) -> Search:
    return Search(text or "", customer or "", intent or "", status or "", queue or "",
                  language or "", mood or "", assignee or "", action or "")  # fmt: skip


@router.get("/search/conversations")
def find_conversations(
    s: Search = Depends(_search),
    page: int = Query(1, ge=1, le=1_000_000),
    per_page: int = Query(PER_PAGE, ge=1, le=200),
    principal: Principal = AGENT,
    svc: Services = Depends(services),
) -> dict[str, Any]:
    """Conversations matching words in a message (``text``), a customer's name or e-mail
    (``customer``), ``intent``, ``status`` (open by default, or ``all``), ``queue``,
    ``language``, ``mood`` and ``assignee``; newest activity first, one page with the total
    (``count``, ``paging``). An agent searches their own conversations."""
    with svc.workspace.sessions() as session:
        return search_conversations(session, s, access.inbox_scope(principal), page, per_page,
                                    svc.distressed())  # fmt: skip


@router.get("/search/decisions", dependencies=[SUPERVISOR])
def find_decisions(
    s: Search = Depends(_search),
    page: int = Query(1, ge=1, le=1_000_000),
    per_page: int = Query(PER_PAGE, ge=1, le=200),
    svc: Services = Depends(services),
) -> dict[str, Any]:
    """The decision log, newest first, with the same filters plus ``action``."""
    with svc.workspace.sessions() as session:
        return search_decisions(session, s, page, per_page, svc.distressed())
