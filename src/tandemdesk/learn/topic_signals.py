"""What a lead must be told about topics: spikes (a topic rising now, tested, not eyeballed)
and knowledge gaps (what people keep answering by hand). Pure functions over what
``learn.topics`` read; no database.

Spikes: the topic's share of the last ``window`` of messages against its share of the
``baseline`` before it, a one-sided binomial test with a Bonferroni correction over the
topics (a share, not a count, so a busy Monday does not make every topic "spike"), and also
at least ``min_count`` messages and a rise of at least ``min_ratio`` in messages per hour —
a significant rise from 1 to 3 messages is not news, nor is +20% on a large topic.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any, Protocol

import numpy as np
from scipy.stats import binomtest

from tandemdesk.learn.topic_words import STOP_WORDS

WINDOW = timedelta(hours=24)
BASELINE = timedelta(days=7)
MIN_COUNT = 10
MIN_RATIO = 2.0
ALPHA = 0.01
GAP_MIN_SHARE = 0.01  # a gap is worth a lead's time from 1% of the messages (and MIN_COUNT)
LOW_AUTOMATION = 0.2
HIGH_REPEAT = 0.15
DOMINANT = 0.5
_WORDS = re.compile(r"[^\W\d_]{2,}")
DISTRESS_SAMPLE = 20_000  # imported messages scored for distress (all of the last day)


class Row(Protocol):
    id: int
    sent_at: datetime


def _ratio_text(ratio: float) -> str:
    return f"{ratio:.0f}×" if ratio >= 3 else f"{ratio:.1f}×"


def spikes(
    rows: Sequence[Row],
    labels: np.ndarray,
    topics: Sequence[Mapping[str, Any]],
    distress: Mapping[int, float],
    distressed: float,
    since: datetime,
    until: datetime,
    window: timedelta = WINDOW,
    baseline: timedelta = BASELINE,
    min_count: int = MIN_COUNT,
    min_ratio: float = MIN_RATIO,
    alpha: float = ALPHA,
) -> list[dict[str, Any]]:
    """Topics rising significantly in the last ``window``, strongest evidence first. Empty
    when the range holds less than one ``window`` of history before it."""
    cut = until - window
    start = max(since, cut - baseline)
    base_hours = (cut - start) / timedelta(hours=1)
    if base_hours < window / timedelta(hours=1) or not topics:
        return []
    at = np.array([r.sent_at.timestamp() for r in rows]) if rows else np.zeros(0)
    recent = at >= cut.timestamp()
    before = (at >= start.timestamp()) & ~recent
    n_recent, n_before = int(recent.sum()), int(before.sum())
    if n_recent == 0:
        return []
    window_hours = window / timedelta(hours=1)
    alerts: list[dict[str, Any]] = []
    for topic in topics:
        mine = labels == topic["id"]
        k_recent, k_before = int((mine & recent).sum()), int((mine & before).sum())
        if k_recent < min_count:
            continue
        ratio = (k_recent / window_hours) / (max(k_before, 0.5) / base_hours)
        expected_share = (k_before + 0.5) / (n_before + 1)
        p_value = float(binomtest(k_recent, n_recent, expected_share, "greater").pvalue)
        if ratio < min_ratio or p_value >= alpha / len(topics):
            continue
        ids = [rows[int(i)].id for i in np.flatnonzero(mine & recent)]
        share = sum(distress.get(i, 0.0) >= distressed for i in ids) / len(ids)
        hours = round(window_hours)
        if k_before == 0:
            text = (f"'{topic['label']}' is new: {k_recent} messages in {hours} h, none in the "
                    f"{base_hours / 24:.0f} days before, {share:.0%} distressed")  # fmt: skip
        else:
            text = (
                f"'{topic['label']}' up {_ratio_text(ratio)} in {hours} h, {share:.0%} distressed"
            )
        alerts.append({
            "topic_id": topic["id"], "label": topic["label"], "text": text,
            "recent": k_recent, "baseline_per_day": round(k_before * 24 / base_hours, 2),
            "ratio": round(ratio, 2) if k_before else None, "p_value": p_value,
            "distressed_share": round(share, 4),
        })  # fmt: skip
    alerts.sort(key=lambda a: a["p_value"])
    return alerts


def _article_words(articles: Sequence[Any]) -> list[set[str]]:
    return [set(_WORDS.findall(f"{a.title} {a.body}".lower())) for a in articles]


def _mentioned(topic: Mapping[str, Any], article_words: list[set[str]]) -> bool:
    """Whether some article uses at least two of the topic's first four naming words (all
    of them when it has fewer): a lexical test, in the topic's own languages."""
    words = [w for term in topic["terms"][:4] for w in term.split() if w not in STOP_WORDS]
    words = list(dict.fromkeys(words))[:4]
    need = min(2, len(words))
    return need > 0 and any(sum(w in seen for w in words) >= need for seen in article_words)


def knowledge_gaps(
    topics: Sequence[Mapping[str, Any]],
    intent_of: Mapping[int, str | None],
    rows: Sequence[Row],
    articles: Sequence[Any],
) -> list[dict[str, Any]]:
    """What people keep answering by hand, largest first:

    - an intent asked ``floor`` times or more with no article (a macro is an agent's reply,
      not an article a customer or the bot can be given), naming the topics it leads;
    - a topic no intent covers (none holds ``DOMINANT`` of it), mostly of messages that
      open a conversation (``opening_share`` ≥ 0.5: requests, not "still nothing?"), that
      no article mentions — what customers ask that nobody planned for;
    - a topic with little automation and many repeat contacts.

    Small talk ("thanks!", ``small_talk_share`` ≥ 0.5) is never a gap. ``articles``: rows
    with ``title``, ``body``, ``intents`` and ``kind``; ``floor``: ``MIN_COUNT`` messages
    and ``GAP_MIN_SHARE`` of all."""
    real = [a for a in articles if a.kind == "article"]
    covered = {i for a in real for i in (a.intents or [])}
    article_words = _article_words(real)
    floor = max(MIN_COUNT, GAP_MIN_SHARE * len(rows))
    substantive = [t for t in topics if (t.get("small_talk_share") or 0.0) < 0.5]
    gaps: list[dict[str, Any]] = []
    counts = Counter(intent_of.get(r.id) for r in rows)
    counts.pop(None, None)
    for intent, count in counts.most_common():
        if count < floor or intent in covered:
            continue
        led = [t["label"] for t in substantive
               if t["intents"] and t["intents"][0]["intent"] == intent
               and t["intents"][0]["share"] >= DOMINANT]  # fmt: skip
        where = f" (topics: {'; '.join(led[:3])})" if led else ""
        gaps.append({
            "kind": "intent_without_article", "intent": intent, "messages": count,
            "topics": led,
            "text": f"intent '{intent}': {count} messages and no knowledge-base article{where}",
        })  # fmt: skip
    for topic in substantive:
        if topic["size"] < floor:
            continue
        main = topic["intents"][0] if topic["intents"] else None
        unplanned = main is None or main["share"] < DOMINANT
        asked = (topic.get("opening_share") or 0.0) >= 0.5  # requests, not follow-ups
        if unplanned and asked and not _mentioned(topic, article_words):
            gaps.append({
                "kind": "topic_without_article", "topic_id": topic["id"],
                "label": topic["label"], "messages": topic["size"],
                "text": f"'{topic['label']}': {topic['size']} messages that no intent covers "
                        "and no knowledge-base article mentions",
            })  # fmt: skip
        automation, repeat = topic["automation_rate"], topic["repeat_share"]
        if (automation or 0.0) < LOW_AUTOMATION and (repeat or 0.0) >= HIGH_REPEAT:
            gaps.append({
                "kind": "low_automation_repeat", "topic_id": topic["id"],
                "label": topic["label"], "messages": topic["size"],
                "automation_rate": automation, "repeat_share": repeat,
                "text": f"'{topic['label']}': {automation or 0:.0%} automated and "
                        f"{repeat:.0%} repeat contacts ({topic['size']} messages)",
            })  # fmt: skip
    return gaps
