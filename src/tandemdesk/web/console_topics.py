"""The console's topics page, ``/supervisor/topics``: what customers write about, in every
language, with each topic's volume, trend, automation, distress, repeat contacts and CSAT;
rising topics and knowledge gaps on top. The same report as ``tandemdesk topics`` and
``GET /v1/insights/topics``."""

from __future__ import annotations

from datetime import timedelta

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from tandemdesk.api.services import services as _svc
from tandemdesk.learn.topics import resolve_range, topic_report
from tandemdesk.web.charts import bar_chart
from tandemdesk.web.console import _page, _who
from tandemdesk.web.topic_charts import sparkline, topic_bars

router = APIRouter(include_in_schema=False)
PAGE = "/supervisor/topics"
RANGES: dict[str, timedelta | None] = {
    "7d": timedelta(days=7), "30d": timedelta(days=30), "90d": timedelta(days=90),
    "365d": timedelta(days=365), "all": None,
}  # fmt: skip
CHART_TOPICS = 15


@router.get(PAGE)
def topics_page(request: Request, range: str = "90d") -> HTMLResponse:
    """Leads only: the figures behind it are every customer's messages."""
    principal = _who(request, "supervisor")
    span = range if range in RANGES else "90d"
    svc = _svc(request)
    since, until = resolve_range(svc.workspace, None, None, RANGES[span])
    report = topic_report(svc.workspace, since, until, svc.distressed())
    top = report["topics"][:CHART_TOPICS]
    series = report["series"]
    first = series["starts"][0][:10] if series["starts"] else ""
    charts = {
        "topics": topic_bars("Messages per topic", [t["label"] for t in top],
                             [t["size"] for t in top]),
        "volume": bar_chart("Customer messages", series["volume"], first,
                            report["range"]["until"][:10]),
    }  # fmt: skip
    sparks = {t["id"]: sparkline(f"{t['label']} over time", t["series"]) for t in report["topics"]}
    return _page(request, "topics.html", principal, r=report, charts=charts, sparks=sparks,
                 range=span, ranges=list(RANGES))  # fmt: skip
