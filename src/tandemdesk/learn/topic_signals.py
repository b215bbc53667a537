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

from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any, Protocol

import numpy as np
from scipy.stats import binomtest

WINDOW = timedelta(hours=24)
BASELINE = timedelta(days=7)
MIN_COUNT = 10
MIN_RATIO = 2.0
ALPHA = 0.01
GAP_MIN_SHARE = 0.01  # a gap is worth a lead's time from 1% of the messages (and MIN_COUNT)
LOW_AUTOMATION = 0.2
HIGH_REPEAT = 0.15
DOMINANT = 0.5
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


def knowledge_gaps(
    topics: Sequence[Mapping[str, Any]],
    intent_of: Mapping[int, str | None],
    rows: Sequence[Row],
    articles: Sequence[Any],
) -> list[dict[str, Any]]:
    """Frequent intents and topics the knowledge base has no article for, and frequent
    topics with little automation and many repeat contacts.

    ``articles``: rows with ``external_id``, ``title``, ``intents`` and ``kind`` (a macro
    is an agent's reply, not an article a customer or the bot can be given)."""
    covered = {i for a in articles if a.kind == "article" for i in (a.intents or [])}
    floor = max(MIN_COUNT, GAP_MIN_SHARE * len(rows))
    gaps: list[dict[str, Any]] = []
    counts = Counter(intent_of.get(r.id) for r in rows)
    counts.pop(None, None)
    for intent, count in counts.most_common():
        if count >= floor and intent not in covered:
            gaps.append({
                "kind": "intent_without_article", "intent": intent, "messages": count,
                "text": f"intent '{intent}': {count} messages and no knowledge-base article",
            })  # fmt: skip
    for topic in topics:
        if topic["size"] < floor:
            continue
        main = topic["intents"][0] if topic["intents"] else None
        if main and main["share"] >= DOMINANT and main["intent"] not in covered:
            gaps.append({
                "kind": "topic_without_article", "topic_id": topic["id"],
                "label": topic["label"], "intent": main["intent"], "messages": topic["size"],
                "text": f"'{topic['label']}' ({topic['size']} messages, mostly "
                        f"'{main['intent']}'): no knowledge-base article",
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
