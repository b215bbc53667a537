"""The voice of the customer: what customers write about, how each topic is going, what is
suddenly rising, and where the knowledge base leaves people to answer by hand.

Read from the store like every insight (``learn/insights.py``): the customers' messages of
``[since, until)`` — imported history and live alike — are grouped into topics by
``topic_model.TopicModel``; each message's handling is read from its decision when it had
one (live), else from its conversation (imported: answered by the bot alone, or not). The
figures are computed on demand (the distress of imported messages on a sample, see
``_distress_sample``); the clustering, the expensive part, is kept per process
(``_RUNS``) and reused while the messages it covered are still at least ``REUSE_SHARE`` of
the range's, new messages being placed in the existing topics by their nearest centroid.
Nothing is persisted, so nothing can go stale or need a migration.
"""

from __future__ import annotations

import statistics
import threading
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import numpy as np
from sqlalchemy import select

from tandemdesk.learn.topic_model import Scorer, Topic, TopicModel
from tandemdesk.learn.topic_signals import DISTRESS_SAMPLE, knowledge_gaps, spikes
from tandemdesk.models import Article, Conversation, Decision, Message
from tandemdesk.situation import CONTACT_WINDOW
from tandemdesk.workspace import Workspace

REUSE_SHARE = 0.8  # refit when fewer than this share of the range's messages were clustered
EXAMPLES = 3
MAX_RUNS = 4


@dataclass
class MessageRow:
    """What topics need of one customer message."""

    id: int
    text: str
    sent_at: datetime
    conversation_id: int
    customer_id: int


@dataclass
class TopicRun:
    """One clustering: the model, and the topic of every message it has seen, by id."""

    model: TopicModel
    topic_of: dict[int, int]
    across_languages: bool = False


_RUNS: dict[tuple[str, str], TopicRun] = {}
_LOCK = threading.Lock()


def resolve_range(
    workspace: Workspace,
    since: datetime | None,
    until: datetime | None,
    span: timedelta | None,
) -> tuple[datetime, datetime]:
    """``[since, until)`` with defaults: ``until`` just after the newest customer message (so
    an imported history that ended months ago still has a "last 24 hours" and a trend), never
    later than now; ``since`` ``span`` before it, or the oldest message when ``span`` is
    ``None``. Errors name what to fix."""
    from sqlalchemy import func

    from tandemdesk.errors import InvalidRecordError
    from tandemdesk.timeutil import utcnow

    for name, value in (("since", since), ("until", until)):
        if value is not None and value.tzinfo is None:
            raise InvalidRecordError(f"give '{name}' with a timezone, e.g. 2026-11-23T00:00:00Z")
    if until is None or since is None:
        with workspace.sessions() as session:
            first, last = session.execute(
                select(func.min(Message.sent_at), func.max(Message.sent_at)).where(
                    Message.author == "customer"
                )
            ).one()
        now = utcnow()
        if until is None:
            until = min(now, last + timedelta(seconds=1)) if last is not None else now
        if since is None:
            oldest = first if first is not None else until - timedelta(days=1)
            since = until - span if span is not None else oldest
    if since >= until:
        raise InvalidRecordError("'since' must be before 'until'")
    return since, until


def read_messages(workspace: Workspace, since: datetime, until: datetime) -> list[MessageRow]:
    """The customers' messages of the range, oldest first (``id`` breaks ties)."""
    query = (
        select(Message.id, Message.text, Message.sent_at, Message.conversation_id,
               Conversation.customer_id)
        .join(Conversation, Conversation.id == Message.conversation_id)
        .where(Message.author == "customer", Message.sent_at >= since, Message.sent_at < until)
        .order_by(Message.sent_at, Message.id)
    )  # fmt: skip
    with workspace.sessions() as session:
        return [MessageRow(*row) for row in session.execute(query)]


def _intent_scorer(workspace: Workspace) -> Scorer | None:
    """The active intent model's probabilities: what carries a topic across languages
    (``None`` before the workspace has trained one: topics from the text alone)."""
    from tandemdesk.learn.model_store import load_active

    model = load_active(workspace, "intent")
    if model is None:
        return None
    component = model.component
    return lambda texts: np.asarray(component.predict_proba(texts))


def assign_topics(
    workspace: Workspace, since: datetime, rows: Sequence[MessageRow], refit: bool = False
) -> tuple[TopicRun, np.ndarray]:
    """Each row's topic (``-1``: none), clustering again only when the cached run for this
    workspace and start is missing or covers too little of ``rows``."""
    hour = since.replace(minute=0, second=0, microsecond=0).isoformat()
    key = (str(workspace.settings.database_url), hour)
    with _LOCK:
        run = None if refit else _RUNS.get(key)
        known = 0 if run is None else sum(1 for r in rows if r.id in run.topic_of)
        if run is None or known < REUSE_SHARE * len(rows):
            scorer = _intent_scorer(workspace)
            model = TopicModel().fit([r.text for r in rows], scorer)
            topic_of = {r.id: int(t) for r, t in zip(rows, model.labels_, strict=True)}
            run = TopicRun(model, topic_of, across_languages=scorer is not None)
            if len(_RUNS) >= MAX_RUNS:
                _RUNS.pop(next(iter(_RUNS)))
            _RUNS[key] = run
        new = [r for r in rows if r.id not in run.topic_of]
        if new:
            placed = run.model.assign([r.text for r in new])
            run.topic_of.update({r.id: int(t) for r, t in zip(new, placed, strict=True)})
        labels = np.array([run.topic_of[r.id] for r in rows], dtype=np.int32)
    return run, labels


@dataclass
class Handling:
    """Per message: automated, distress, intent; per conversation: CSAT."""

    automated: dict[int, bool]
    distress: dict[int, float]
    intent: dict[int, str | None]
    csat: dict[int, float]


def _distress_sample(rows: list[MessageRow], recent_after: datetime) -> list[MessageRow]:
    """The imported messages whose distress is read: all of the last day (the alerts say
    how many are distressed) and an even spread of ``DISTRESS_SAMPLE`` of the others (a
    topic's distressed share is a proportion; 20,000 pin it down to a point or two, and
    scoring 100,000 cost more than finding the topics)."""
    recent = [r for r in rows if r.sent_at >= recent_after]
    older = [r for r in rows if r.sent_at < recent_after]
    step = max(1, -(-len(older) // DISTRESS_SAMPLE))
    return recent + older[::step]


def _handling(workspace: Workspace, rows: Sequence[MessageRow], recent_after: datetime) -> Handling:
    """Decisions for live messages; the conversation's record for imported ones (a person
    replied or not), and the shipped emotion model for their distress (``Handling.distress``
    has no entry for an imported message outside ``_distress_sample``)."""
    ids = [r.id for r in rows]
    conversations = sorted({r.conversation_id for r in rows})
    automated: dict[int, bool] = {}
    distress: dict[int, float] = {}
    intent: dict[int, str | None] = {}
    with workspace.sessions() as session:
        for start in range(0, len(ids), 5000):
            for message_id, action, score, decided in session.execute(
                select(Decision.message_id, Decision.action, Decision.distress, Decision.intent)
                .where(Decision.message_id.in_(ids[start : start + 5000]))
            ):  # fmt: skip
                automated[message_id] = action == "automate"
                distress[message_id] = float(score)
                intent[message_id] = decided
        authors: dict[int, set[str]] = defaultdict(set)
        labelled: dict[int, str | None] = {}
        csat: dict[int, float] = {}
        for start in range(0, len(conversations), 5000):
            chunk = conversations[start : start + 5000]
            for cid, author in session.execute(
                select(Message.conversation_id, Message.author)
                .where(Message.conversation_id.in_(chunk), Message.author != "customer")
                .distinct()
            ):  # fmt: skip
                authors[cid].add(author)
            for cid, label, rating in session.execute(
                select(Conversation.id, Conversation.intent, Conversation.csat).where(
                    Conversation.id.in_(chunk)
                )
            ):
                labelled[cid] = label
                if rating is not None:
                    csat[cid] = float(rating)
    undecided = [r for r in rows if r.id not in distress]
    scored = _distress_sample(undecided, recent_after)
    if scored:
        from tandemdesk.understand.emotion import default_model

        scores = default_model().distress([r.text for r in scored])
        distress.update({r.id: float(s) for r, s in zip(scored, scores, strict=True)})
    for r in undecided:
        automated[r.id] = authors[r.conversation_id] == {"bot"}
        intent[r.id] = labelled.get(r.conversation_id)
    for r in rows:
        if intent.get(r.id) is None:
            intent[r.id] = labelled.get(r.conversation_id)
    return Handling(automated, distress, intent, csat)


def _repeats(rows: Sequence[MessageRow], labels: np.ndarray) -> np.ndarray:
    """True where the customer had already written about the same topic within the contact
    window (``situation.CONTACT_WINDOW``, as the policy counts repeat contacts)."""
    last: dict[tuple[int, int], datetime] = {}
    out = np.zeros(len(rows), dtype=bool)
    for i, (row, topic) in enumerate(zip(rows, labels.tolist(), strict=True)):
        if topic < 0:
            continue
        key = (row.customer_id, topic)
        before = last.get(key)
        out[i] = before is not None and row.sent_at - before <= CONTACT_WINDOW
        last[key] = row.sent_at
    return out


def _share(part: float, whole: float) -> float | None:
    return round(part / whole, 4) if whole else None


def topic_report(
    workspace: Workspace,
    since: datetime,
    until: datetime,
    distressed: float,
    assignments: bool = False,
    refit: bool = False,
) -> dict[str, Any]:
    """Topics of ``[since, until)`` with their figures, spikes and knowledge gaps.

    ``distressed``: the live policy's distress threshold; ``assignments``: add every
    message's ``[message_id, topic_id]``."""
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1):  # see TopicModel.fit: spinning threads on a busy host
        return _report(workspace, since, until, distressed, assignments, refit)


def _report(
    workspace: Workspace,
    since: datetime,
    until: datetime,
    distressed: float,
    assignments: bool,
    refit: bool,
) -> dict[str, Any]:
    rows = read_messages(workspace, since, until)
    run, labels = assign_topics(workspace, since, rows, refit)
    from tandemdesk.learn.topic_signals import WINDOW

    handling = _handling(workspace, rows, until - WINDOW)
    repeats = _repeats(rows, labels)
    period = min(timedelta(days=7), (until - since) / 2)
    bucket = timedelta(days=1) if until - since <= timedelta(days=120) else timedelta(days=7)
    edges = [since + i * bucket for i in range(int((until - since) / bucket) + 1)]
    edges = [edge for edge in edges if edge < until] + [until]
    members: dict[int, list[int]] = defaultdict(list)
    for i, topic in enumerate(labels.tolist()):
        if topic >= 0:
            members[topic].append(i)
    opening = _openings(rows)
    topics = [
        _topic_figures(topic, [rows[i] for i in members[topic.id]], repeats[members[topic.id]],
                       handling, distressed, until, period, edges, opening)
        for topic in run.model.topics_
        if members[topic.id]
    ]  # fmt: skip
    topics.sort(key=lambda t: -t["size"])
    with workspace.sessions() as session:
        articles = session.execute(
            select(Article.title, Article.body, Article.intents, Article.kind)
        ).all()
    report: dict[str, Any] = {
        "range": {"since": since.isoformat(), "until": until.isoformat()},
        "messages": len(rows),
        "in_topics": int((labels >= 0).sum()),
        "trend_period_days": round(period / timedelta(days=1), 2),
        "series": {
            "bucket_seconds": int(bucket.total_seconds()),
            "starts": [edge.isoformat() for edge in edges[:-1]],
            "volume": _histogram([r.sent_at for r in rows], edges),
        },
        "topics": topics,
        "alerts": spikes(rows, labels, topics, handling.distress, distressed, since, until),
        "knowledge_gaps": knowledge_gaps(topics, handling.intent, rows, articles),
        "method": {
            "model": "wordllama embeddings → PCA → MiniBatchKMeans → Ward, k by silhouette",
            "across_languages": run.across_languages,
            "silhouettes": {str(k): v for k, v in run.model.silhouettes_.items()},
        },
    }
    if assignments:
        report["assignments"] = [[r.id, int(t)] for r, t in zip(rows, labels, strict=True)]
    return report


def _topic_figures(
    topic: Topic,
    rows: list[MessageRow],
    repeats: np.ndarray,
    handling: Handling,
    distressed: float,
    until: datetime,
    period: timedelta,
    edges: list[datetime],
    opening: set[int],
) -> dict[str, Any]:
    from tandemdesk.understand.pii import redact_text

    size = len(rows)
    scored = handling.distress
    read = [r for r in rows if r.id in scored]
    current = sum(1 for r in rows if r.sent_at >= until - period)
    previous = sum(1 for r in rows if until - 2 * period <= r.sent_at < until - period)
    conversations = {r.conversation_id for r in rows}
    scores = [handling.csat[c] for c in conversations if c in handling.csat]
    intents = Counter(handling.intent.get(r.id) for r in rows)
    intents.pop(None, None)
    examples = sorted(rows, key=lambda r: len(r.text))[size // 2 : size // 2 + EXAMPLES]
    return {
        "id": topic.id,
        "label": topic.label,
        "terms": list(topic.terms),
        "size": size,
        "conversations": len(conversations),
        "trend": {
            "current": current,
            "previous": previous,
            "change": _share(current - previous, previous),
        },
        "automation_rate": _share(sum(handling.automated.get(r.id, False) for r in rows), size),
        "distressed_share": _share(sum(scored[r.id] >= distressed for r in read), len(read)),
        "repeat_share": _share(int(repeats.sum()), size),
        "small_talk_share": _small_talk_share(rows),
        "opening_share": _share(sum(r.id in opening for r in rows), size),
        "csat": {
            "average": round(statistics.fmean(scores), 2) if scores else None,
            "count": len(scores),
        },
        "intents": [
            {"intent": name, "share": _share(count, size)} for name, count in intents.most_common(3)
        ],
        "examples": [redact_text(r.text.strip())[:240] for r in examples],
        "series": _histogram([r.sent_at for r in rows], edges),
    }


def _openings(rows: Sequence[MessageRow]) -> set[int]:
    """Ids of the messages that open their conversation (its first customer message in the
    range): what a customer came for, where a follow-up ("still nothing?") is not."""
    first: dict[int, int] = {}
    for r in rows:  # oldest first
        first.setdefault(r.conversation_id, r.id)
    return set(first.values())


def _small_talk_share(rows: Sequence[MessageRow], most: int = 200) -> float | None:
    """Share of the topic's messages that are nothing but small talk ("thanks!", "hallo?"),
    read on an even spread of at most ``most`` of them: such topics are no knowledge gap."""
    from tandemdesk.understand.dialogue import analyse_text

    spread = rows[:: max(1, -(-len(rows) // most))]
    return _share(sum(analyse_text(r.text).small_talk is not None for r in spread), len(spread))


def _histogram(times: Sequence[datetime], edges: list[datetime]) -> list[int]:
    """Messages per bucket ``[edges[i], edges[i+1])`` (for the console's charts)."""
    stamps = np.array([t.timestamp() for t in times], dtype=np.float64)
    bounds = np.array([e.timestamp() for e in edges], dtype=np.float64)
    counts, _ = np.histogram(stamps, bins=bounds)
    return [int(c) for c in counts]
