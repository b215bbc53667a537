"""Customers with their unified timeline, and the knowledge base (articles and macros)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query
from pydantic import ValidationError
from sqlalchemy import select

from tandemdesk import access
from tandemdesk.accounts import Principal
from tandemdesk.actions_business import do_delete_article, do_save_article
from tandemdesk.api.auth import AGENT, SUPERVISOR
from tandemdesk.api.errors import record_error
from tandemdesk.api.fields import CustomerKey, ExternalId, Intent, Language, Search
from tandemdesk.api.schemas import ArticleIn
from tandemdesk.api.services import Services, services
from tandemdesk.errors import ConflictError, NotFoundError
from tandemdesk.listen.records import ArticleRecord
from tandemdesk.listen.timeline import customer_timeline
from tandemdesk.models import Article

router = APIRouter(prefix="/v1", tags=["customers", "articles"])


@router.get("/customers/{key}")
def get_customer(
    key: CustomerKey,
    limit: int = Query(200, ge=1, le=2000),
    principal: Principal = AGENT,
    svc: Services = Depends(services),
) -> dict[str, Any]:
    """A customer (by id, email, phone or external id) and their timeline across channels,
    orders and events. Agents see the customers of their own conversations."""
    with svc.workspace.sessions() as session:
        timeline = customer_timeline(session, key, limit=limit)
    access.check_customer(svc.workspace, principal, timeline.customer.id)
    return timeline.to_dict()


def _article(article: Article) -> dict[str, Any]:
    return {
        "external_id": article.external_id,
        "kind": article.kind,
        "title": article.title,
        "body": article.body,
        "language": article.language,
        "intents": article.intents,
        "tags": article.tags,
        "placeholders": article.placeholders,
        "updated_at": article.updated_at.isoformat(),
    }


@router.get("/articles", dependencies=[AGENT])
def list_articles(
    intent: Intent | None = None,
    language: Language | None = None,
    q: Search | None = Query(None, description="Words in the title."),
    svc: Services = Depends(services),
) -> dict[str, Any]:
    with svc.workspace.sessions() as session:
        query = select(Article).order_by(Article.kind, Article.title)
        if language:
            query = query.where(Article.language == language)
        if q:
            query = query.where(Article.title.ilike(f"%{q}%"))
        articles = [_article(a) for a in session.scalars(query)]
    if intent:
        articles = [a for a in articles if intent in a["intents"]]
    return {"data": articles, "count": len(articles)}


@router.get("/articles/{external_id}", dependencies=[AGENT])
def get_article(external_id: ExternalId, svc: Services = Depends(services)) -> dict[str, Any]:
    with svc.workspace.sessions() as session:
        article = session.scalars(select(Article).where(Article.external_id == external_id)).first()
        if article is None:
            raise NotFoundError(f"no article {external_id!r}")
        return _article(article)


def _save(svc: Services, external_id: str, body: ArticleIn) -> dict[str, Any]:
    try:
        record = ArticleRecord.model_validate({**body.model_dump(), "external_id": external_id})
    except ValidationError as error:
        raise record_error(error) from None
    saved = do_save_article(svc.workspace, record)
    return {"external_id": external_id, **saved}


@router.post("/articles", status_code=201, dependencies=[SUPERVISOR])
def create_article(
    body: ArticleIn,
    external_id: ExternalId = Query(..., description="Your id for the article."),
    svc: Services = Depends(services),
) -> dict[str, Any]:
    with svc.workspace.sessions() as session:
        if session.scalar(select(Article.id).where(Article.external_id == external_id)):
            raise ConflictError(f"article {external_id!r} exists; PUT updates it")
    return _save(svc, external_id, body)


@router.put("/articles/{external_id}", dependencies=[SUPERVISOR])
def put_article(
    external_id: ExternalId, body: ArticleIn, svc: Services = Depends(services)
) -> dict[str, Any]:
    """Create or replace the article with this id."""
    return _save(svc, external_id, body)


@router.delete("/articles/{external_id}", dependencies=[SUPERVISOR])
def delete_article(external_id: ExternalId, svc: Services = Depends(services)) -> dict[str, Any]:
    do_delete_article(svc.workspace, external_id)
    return {"external_id": external_id, "deleted": True}
