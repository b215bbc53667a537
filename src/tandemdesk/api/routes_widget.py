"""The website chat widget: the script a shop embeds, the visitor's API (session, messages,
live events), the admins' key routes, and the demo's sample shop page.

The visitor routes carry no bearer token: the widget key (public) and the page's ``Origin``
decide which site may talk, the visitor token (``channels.widget.sign``) decides which
conversation a browser may read. Cross-origin answers name the one allowed origin
(``Access-Control-Allow-Origin``), never ``*``. A visitor's message goes through the same
batcher and orchestrator as ``POST /v1/messages`` on the ``chat`` channel.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, StreamingResponse
from pydantic import BaseModel, Field
from sqlalchemy import select

from tandemdesk.act.clarify import offered_options
from tandemdesk.api.auth import ADMIN, client_address
from tandemdesk.api.services import Services, services
from tandemdesk.channels import widget
from tandemdesk.db import transaction
from tandemdesk.errors import TooManyAttemptsError
from tandemdesk.learn.insights import queue_waits
from tandemdesk.listen.delivery import Delivery
from tandemdesk.listen.records import CustomerRef, MessageRecord
from tandemdesk.models import Agent, Conversation, Identity, Message, WidgetKey
from tandemdesk.timeutil import utcnow

router = APIRouter(tags=["widget"])
STATIC = Path(__file__).resolve().parents[1] / "web" / "static"
UNVERIFIED = "unverified"  # meta["identity"] of a message whose e-mail the visitor only typed
LIMITER = widget.RateLimiter(limit=20, seconds=60.0)
#: Per client address too: the visitor id is the browser's to choose, so a script could
#: rotate ids; an address (an office behind one NAT) gets the share of a busy team.
ADDRESS_LIMITER = widget.RateLimiter(limit=120, seconds=60.0)
STREAM_SECONDS = 300.0  # an event stream ends after this; EventSource reconnects by itself
POLL_SECONDS = 1.0


class VisitorIn(BaseModel):
    """Who is chatting, as the widget knows them."""

    key: str = Field(min_length=4, max_length=64)
    visitor_id: str = Field(min_length=8, max_length=64)
    email: str | None = Field(default=None, max_length=320)
    token: str | None = Field(default=None, max_length=128)


class WidgetMessageIn(VisitorIn):
    text: str = Field(min_length=1, max_length=5000)


class WidgetKeyIn(BaseModel):
    name: str = Field(default="", max_length=200)
    origins: list[str] = Field(min_length=1, max_length=20)


def _origin(request: Request) -> str | None:
    """The page's origin: the ``Origin`` header, or — a browser sends none on a same-origin
    GET such as the event stream — this server's own origin when the browser says the
    request is same-origin (``Sec-Fetch-Site``). Origin checks only bind browsers: any other
    client can claim any origin, and reaches only the conversation its token names."""
    origin = request.headers.get("origin")
    if origin is None and request.headers.get("sec-fetch-site") == "same-origin":
        origin = f"{request.url.scheme}://{request.url.netloc}"
    return origin


def _cors(response: Response, origin: str | None) -> Response:
    if origin:
        response.headers["Access-Control-Allow-Origin"] = origin
        response.headers["Vary"] = "Origin"
    return response


def _visitor(body: VisitorIn) -> widget.Visitor:
    """The visitor, their e-mail checked and normalised as identity resolution keeps it."""
    email = CustomerRef(email=body.email).email if body.email else None
    return widget.Visitor(widget.check_visitor_id(body.visitor_id), email)


def _checked(
    svc: Services, body: VisitorIn, origin: str | None
) -> tuple[WidgetKey, widget.Visitor]:
    """The key (for this origin) and the visitor (whose token must match)."""
    visitor = _visitor(body)
    with svc.workspace.sessions() as session:
        key = widget.active_key(session, body.key, origin)
    widget.verify(key, visitor, body.token or "")
    return key, visitor


@router.get("/widget.js", include_in_schema=False)
def widget_script() -> FileResponse:
    """The embeddable script (no build step, no CDN)."""
    return FileResponse(
        STATIC / "widget.js",
        media_type="text/javascript",
        headers={"Cache-Control": "public, max-age=300"},
    )


@router.options("/widget/v1/{path:path}", include_in_schema=False)
def preflight(path: str, request: Request, svc: Services = Depends(services)) -> Response:
    """CORS preflight: allowed for origins some active key lists."""
    origin = request.headers.get("origin")
    with svc.workspace.sessions() as session:
        known = {o for key in widget.list_keys(session) if key.active for o in key.origins}
    response = Response(status_code=204)
    if origin and widget.origin_in(origin, known):
        _cors(response, origin)
        response.headers["Access-Control-Allow-Methods"] = "GET, POST"
        response.headers["Access-Control-Allow-Headers"] = "Content-Type"
        response.headers["Access-Control-Max-Age"] = "600"
    return response  # no CORS headers for another origin: the browser refuses


@router.post("/widget/v1/session")
def start_session(body: VisitorIn, request: Request, svc: Services = Depends(services)) -> Response:
    """A visitor opens the widget: their token, and their widget conversation so far."""
    origin = _origin(request)
    visitor = _visitor(body)
    with svc.workspace.sessions() as session:
        key = widget.active_key(session, body.key, origin)
        messages = _visible_messages(session, visitor, after=0)
    token = widget.sign(key, visitor)
    payload = {"visitor_id": visitor.id, "email": visitor.email, "token": token,
               "messages": messages}  # fmt: skip
    return _cors(JSONResponse(payload), origin)


@router.post("/widget/v1/messages")
async def post_widget_message(
    body: WidgetMessageIn, request: Request, svc: Services = Depends(services)
) -> Response:
    """A visitor's message: handled like any chat message; the answer the visitor sees."""
    origin = _origin(request)
    _, visitor = _checked(svc, body, origin)
    wait = LIMITER.retry_after(visitor.id) or ADDRESS_LIMITER.retry_after(
        client_address(request) or "-"
    )
    if wait > 0:
        raise TooManyAttemptsError(
            "too many messages from this visitor; wait a moment", retry_after=int(wait) + 1
        )
    delivery = Delivery(
        customer=CustomerRef.model_validate(visitor.customer()),
        # an e-mail typed into the chat is nobody's proof: the conversation joins that
        # customer for the agents, but the bot tells this browser nothing of theirs
        message=MessageRecord(
            text=body.text, meta={"identity": UNVERIFIED} if visitor.email else {}
        ),
        channel="chat",
        thread_key=visitor.thread_key,
    )
    result = await svc.batcher.submit(delivery)
    language = (result.understanding.get("language") or {}).get("label")
    answer: dict[str, Any] = {"message_id": result.message_id, "reply": result.reply,
                              "options": [], "handover": None}  # fmt: skip
    if result.action == "ask_clarifying_question":
        intent = result.understanding.get("intent") or {}
        vague = bool((result.understanding.get("dialogue") or {}).get("vague"))
        answer["options"] = offered_options(
            [tuple(pair) for pair in intent.get("top_k") or []],
            vague,
            language,
            svc.orchestrator.policy.intent_names,
        )
    if result.assigned_agent is not None or result.action in ("route_to_human", "draft_for_agent"):
        median = await asyncio.to_thread(_median_wait, svc, result.queue)
        answer["handover"] = widget.handover_note(language, median)
    return _cors(JSONResponse(answer, status_code=201), origin)


def _median_wait(svc: Services, queue: str | None) -> float | None:
    """The queue's median first-reply time over the last 7 days (None: no data yet)."""
    now = utcnow()
    with svc.workspace.sessions() as session:
        waits = queue_waits(session, now - timedelta(days=7), now)
    value = (waits.get(queue or "none") or {}).get("first_reply_median_seconds")
    return float(value) if value is not None else None


@router.get("/widget/v1/events")
async def events(
    request: Request,
    key: str = Query(min_length=4, max_length=64),
    visitor_id: str = Query(min_length=8, max_length=64),
    token: str = Query(max_length=128),
    email: str | None = Query(default=None, max_length=320),
    after: int = Query(default=0, ge=0, le=2**62),
    svc: Services = Depends(services),
) -> Response:
    """Server-Sent Events: each new message of the visitor's widget conversation (bot answers
    and agents' replies, live), for ``STREAM_SECONDS``; ``Last-Event-ID`` resumes."""
    origin = _origin(request)
    body = VisitorIn(key=key, visitor_id=visitor_id, token=token, email=email or None)
    _, visitor = _checked(svc, body, origin)
    resume = request.headers.get("last-event-id", "").strip()  # the browser's, or anyone's
    last = int(resume) if resume.isascii() and resume.isdigit() and len(resume) < 19 else after

    async def stream() -> AsyncIterator[str]:
        nonlocal last
        deadline = asyncio.get_running_loop().time() + STREAM_SECONDS
        yield "retry: 2000\n\n"
        while asyncio.get_running_loop().time() < deadline:
            if await request.is_disconnected():
                return
            fresh = await asyncio.to_thread(_read_after, svc, visitor, last)
            for item in fresh:
                last = max(last, int(item["id"]))
                yield f"id: {item['id']}\ndata: {json.dumps(item)}\n\n"
            await asyncio.sleep(POLL_SECONDS)

    response = StreamingResponse(stream(), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-store"})  # fmt: skip
    return _cors(response, origin)


def _read_after(svc: Services, visitor: widget.Visitor, after: int) -> list[dict[str, Any]]:
    with svc.workspace.sessions() as session:
        return _visible_messages(session, visitor, after)


def _visible_messages(session: Any, visitor: widget.Visitor, after: int) -> list[dict[str, Any]]:
    """The visitor's widget conversation(s) as the visitor may see them: text, who (``you``,
    ``bot`` or an agent's first name) and when — nothing else."""
    kind, value = (
        ("email", visitor.email) if visitor.email else ("external", f"visitor:{visitor.id}")
    )
    customer_ids = select(Identity.customer_id).where(
        Identity.kind == kind, Identity.value == value
    )
    rows = session.execute(
        select(Message.id, Message.author, Message.text, Message.sent_at, Message.meta)
        .join(Conversation, Conversation.id == Message.conversation_id)
        .where(Conversation.customer_id.in_(customer_ids),
               Conversation.thread_key == visitor.thread_key, Message.id > after)
        .order_by(Message.id)
        .limit(200)
    ).all()  # fmt: skip
    agents = {
        external_id: (name or "").split(" ")[0]
        for external_id, name in session.execute(select(Agent.external_id, Agent.name))
    }
    return [
        {
            "id": message_id,
            "from": "you"
            if author == "customer"
            else (
                agents.get(str((meta or {}).get("agent_id")), "Support")
                if author == "agent"
                else "bot"
            ),
            "text": text,
            "at": sent_at.isoformat(),
        }
        for message_id, author, text, sent_at, meta in rows
        if author in ("customer", "agent", "bot")
    ]


# ----------------------------------------------------------------------------- admin: keys


@router.post("/v1/widget-keys", status_code=201, dependencies=[ADMIN])
def create_widget_key(body: WidgetKeyIn, svc: Services = Depends(services)) -> dict[str, Any]:
    """A new widget key for pages on ``origins``; the answer has the snippet to embed."""
    with transaction(svc.workspace.sessions) as session:
        key = widget.create_key(session, body.name, body.origins)
        made = widget.public(key)
    return {**made, "snippet": snippet(made["key"])}


@router.get("/v1/widget-keys", dependencies=[ADMIN])
def list_widget_keys(svc: Services = Depends(services)) -> dict[str, Any]:
    with svc.workspace.sessions() as session:
        return {"data": [widget.public(k) for k in widget.list_keys(session)]}


@router.delete("/v1/widget-keys/{key}", status_code=204, dependencies=[ADMIN])
def revoke_widget_key(key: str, svc: Services = Depends(services)) -> Response:
    with transaction(svc.workspace.sessions) as session:
        widget.revoke_key(session, key)
    return Response(status_code=204)


def snippet(key: str, server: str = "https://YOUR-TANDEMDESK") -> str:
    """The one tag a shop puts on its pages."""
    return f'<script src="{server}/widget.js" data-key="{key}" async></script>'


# ------------------------------------------------------------------------- the demo's shop


@router.get("/demo/shop", include_in_schema=False)
def demo_shop(svc: Services = Depends(services)) -> HTMLResponse:
    """Northwind Outfitters' sample page with the widget on it (the demo's key)."""
    with svc.workspace.sessions() as session:
        key = session.scalar(
            select(WidgetKey.key).where(WidgetKey.name == "demo", WidgetKey.active)
        )
    if key is None:
        return HTMLResponse(
            "<p>No demo widget key: run <code>tandemdesk init --demo</code>.</p>", status_code=404
        )
    from tandemdesk.demo.load import example_customer

    customer = example_customer(svc.workspace)
    page = (STATIC / "demo-shop.html").read_text(encoding="utf-8")
    return HTMLResponse(page.replace("{{KEY}}", key).replace("{{EXAMPLE}}", customer or ""))
