"""``GET /v1/insights/topics``: the voice of the customer for leads (topics, their figures,
rising topics and knowledge gaps). Thin: ``learn.topics.topic_report`` does the work."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from fastapi import APIRouter, Depends, Query

from tandemdesk.api.auth import SUPERVISOR
from tandemdesk.api.services import Services, services
from tandemdesk.errors import InvalidRecordError
from tandemdesk.learn.topics import resolve_range, topic_report

router = APIRouter(prefix="/v1", tags=["insights"])
DEFAULT_SPAN = timedelta(days=90)
MAX_SPAN = timedelta(days=400)


@router.get("/insights/topics", dependencies=[SUPERVISOR])
def get_topics(
    since: datetime | None = None,
    until: datetime | None = None,
    assignments: bool = Query(False, description="Add every message's [message_id, topic_id]."),
    svc: Services = Depends(services),
) -> dict[str, Any]:
    """Topics of the customers' messages in ``[since, until)`` (default: the 90 days up to
    the newest message), each with volume, trend, automation rate, distressed share, repeat
    contacts and CSAT; rising topics (``alerts``) and ``knowledge_gaps``."""
    start, end = resolve_range(svc.workspace, since, until, DEFAULT_SPAN)
    if end - start > MAX_SPAN:
        raise InvalidRecordError("ask for at most 400 days at a time")
    return topic_report(svc.workspace, start, end, svc.distressed(), assignments=assignments)
