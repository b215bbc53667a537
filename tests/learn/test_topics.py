"""Topics: the clustering agrees with real intents, spikes are found only where planted,
knowledge gaps are named, and the CLI and the API give the interfaces other tools rely on."""

from __future__ import annotations

import csv
import json
import os
import random
import re
import subprocess
import sys
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest
from sklearn.metrics import normalized_mutual_info_score
from sqlalchemy import select

from tandemdesk.config import Settings
from tandemdesk.learn.topic_model import TopicModel, topic_text
from tandemdesk.learn.topic_signals import knowledge_gaps, spikes
from tandemdesk.listen import imports
from tandemdesk.models import Message
from tandemdesk.timeutil import utcnow
from tandemdesk.workspace import Workspace
from tests.conftest import shared_data

UNTIL = datetime(2026, 6, 1, tzinfo=utcnow().tzinfo)


@dataclass
class Row:
    id: int
    sent_at: datetime


# ---- the model


def test_topics_agree_with_true_intents_on_a_banking77_sample() -> None:
    """A quick sanity check (the ≥ 0.70 figure on all 10,003 texts is bench/topics.py)."""
    path = shared_data("banking77", "train.csv")
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    chosen = sorted({r["category"] for r in rows})[:: 77 // 12][:12]
    rng = random.Random(0)
    sample = [r for r in rows if r["category"] in chosen]
    sample = rng.sample(sample, min(len(sample), 1200))
    model = TopicModel(max_topics=40).fit([r["text"] for r in sample])
    nmi = normalized_mutual_info_score([r["category"] for r in sample], model.labels_)
    assert nmi >= 0.55, nmi
    assert 4 <= len(model.topics_) <= 40  # chosen by silhouette, not told
    assert all(t.label and t.label != "(no words)" for t in model.topics_[:5])
    # the same topics for a new text like the training ones
    first = model.topics_[0]
    member = next(r["text"] for r, t in zip(sample, model.labels_, strict=True) if t == first.id)
    assert model.assign([member])[0] == first.id


def test_labels_are_the_customers_words_without_the_letter_around_them() -> None:
    texts = (
        [f"Dear team,\nmy parcel {n} never arrived, the courier lost it\nKind regards,\nAnna"
         for n in range(30)]
        + [f"I want a refund for order {n}, the refund is late" for n in range(30)]
        + [f"Mein Paket {n} ist nicht angekommen, der Kurier hat es verloren" for n in range(30)]
    )  # fmt: skip
    assert "Anna" not in topic_text(texts[0]) and "Dear" not in topic_text(texts[0])
    model = TopicModel(min_size=3).fit(texts)
    words = " ".join(t.label for t in model.topics_)
    assert "refund" in words
    assert "dear" not in words and "regards" not in words and "anna" not in words
    assert not any(ch.isdigit() for ch in words)  # order numbers name nothing


def test_empty_texts_are_in_no_topic() -> None:
    texts = ["where is my parcel"] * 10 + ["refund please for my order"] * 10 + ["", "  ", "!!!"]
    model = TopicModel(min_size=2).fit(texts)
    assert list(model.labels_[-3:]) == [-1, -1, -1]
    assert (model.labels_[:20] >= 0).all()


# ---- spikes and gaps (pure)


def _traffic(planted: int) -> tuple[list[Row], np.ndarray]:
    """8 days of three topics at a steady rate; ``planted`` extra topic-2 messages in the
    last 24 hours."""
    rng = np.random.default_rng(1)
    rows: list[Row] = []
    labels: list[int] = []
    for hour in range(8 * 24):
        at = UNTIL - timedelta(hours=8 * 24 - hour)
        for topic, rate in ((0, 3.0), (1, 2.0), (2, 0.5)):
            for _ in range(rng.poisson(rate)):
                rows.append(Row(len(rows) + 1, at + timedelta(minutes=float(rng.uniform(0, 59)))))
                labels.append(topic)
    for i in range(planted):
        rows.append(Row(len(rows) + 1, UNTIL - timedelta(minutes=10 + i * 20)))
        labels.append(2)
    return rows, np.array(labels)


TOPICS = [{"id": 0, "label": "order status"}, {"id": 1, "label": "refund"},
          {"id": 2, "label": "delivery exception"}]  # fmt: skip


def test_a_planted_spike_is_alerted_with_its_distress() -> None:
    rows, labels = _traffic(planted=40)
    distress = {r.id: 0.9 for r, t in zip(rows, labels, strict=True) if t == 2}
    alerts = spikes(rows, labels, TOPICS, distress, 0.6, UNTIL - timedelta(days=30), UNTIL)
    assert [a["topic_id"] for a in alerts] == [2]
    alert = alerts[0]
    assert alert["ratio"] >= 3 and alert["p_value"] < 1e-6
    assert alert["text"].startswith("'delivery exception' up ")
    assert "in 24 h, 100% distressed" in alert["text"]


def test_flat_traffic_raises_no_alert() -> None:
    rows, labels = _traffic(planted=0)
    assert spikes(rows, labels, TOPICS, {}, 0.6, UNTIL - timedelta(days=30), UNTIL) == []
    # and without a day of history before the last 24 hours, nothing can be tested
    late = UNTIL - timedelta(hours=30)
    assert spikes(rows, labels, TOPICS, {}, 0.6, late, UNTIL) == []


def test_knowledge_gaps_name_missing_articles_and_hand_answered_repeats() -> None:
    rows = [Row(i, UNTIL) for i in range(300)]
    intent_of = {i: ("gift_card_problem" if i < 60 else "order_status") for i in range(300)}

    def topic(
        id_: int,
        label: str,
        size: int,
        intents: list[tuple[str, float]],
        automation: float = 0.5,
        repeat: float = 0.0,
        small_talk: float = 0.0,
    ) -> dict[str, Any]:
        return {"id": id_, "label": label, "terms": label.split(", "), "size": size,
                "automation_rate": automation, "repeat_share": repeat,
                "small_talk_share": small_talk, "opening_share": 0.2 if id_ == 5 else 0.9,
                "intents": [{"intent": i, "share": s} for i, s in intents]}  # fmt: skip

    topics = [
        topic(0, "gift card, code", 60, [("gift_card_problem", 0.9)]),
        topic(1, "order, tracking", 100, [("order_status", 0.95)], automation=0.05, repeat=0.3),
        topic(2, "customs, fee, parcel", 40, [("order_status", 0.4), ("refund_request", 0.3)]),
        topic(3, "thanks, great", 40, [("order_status", 0.3)], small_talk=0.9),
        topic(4, "tracking, parcel, courier", 40, [("order_status", 0.45)]),
        topic(5, "still, nothing, waiting", 40, [("order_status", 0.3)]),  # follow-ups
    ]
    articles = [
        SimpleNamespace(title="Orders", body="Where is my parcel? Tracking and courier times.",
                        intents=["order_status"], kind="article"),
        SimpleNamespace(title="Gift cards", body="Your gift card code", intents=["gift_card_problem"],
                        kind="macro"),  # a macro is not an article a customer can be given
    ]  # fmt: skip
    gaps = knowledge_gaps(topics, intent_of, rows, articles)
    kinds = {(g["kind"], g.get("intent") or g.get("label")) for g in gaps}
    assert kinds == {
        ("intent_without_article", "gift_card_problem"),  # only a macro
        ("topic_without_article", "customs, fee, parcel"),  # no intent, no article says it
        ("low_automation_repeat", "order, tracking"),
    }, kinds  # not small talk, not the tracking topic an article covers
    gift = next(g for g in gaps if g["kind"] == "intent_without_article")
    assert gift["topics"] == ["gift card, code"] and "60 messages" in gift["text"]


# ---- the store, the CLI and the API

SUBJECTS = {
    "parcel": ["my parcel has not arrived yet", "where is my parcel, tracking shows nothing",
               "the parcel is late, still not delivered", "parcel tracking stuck for days"],
    "password": ["I forgot my password", "the password reset link does not work",
                 "cannot log in, password reset email never came", "reset my password please"],
    "refund": ["I still have not received my refund", "when will my refund be paid",
               "refund missing from my bank account", "please refund my money"],
}  # fmt: skip


def _history(path: Path, now: datetime) -> None:
    """90 conversations over 30 days in three subjects, customers writing again; then 20
    about customs fees in the last day."""
    rng = random.Random(3)
    lines = []
    for n in range(90):
        topic = list(SUBJECTS)[n % 3]
        at = now - timedelta(days=30) + timedelta(hours=n * 7.5)
        email = f"c{n % 15}@example.org"  # the same customer and subject again 4.7 days later
        lines.append({
            "external_id": f"t-{n}", "channel": "email", "customer": {"email": email},
            "messages": [{"author": "customer", "text": rng.choice(SUBJECTS[topic]),
                          "sent_at": at.isoformat()},
                         {"author": "agent", "text": "We are on it.",
                          "sent_at": (at + timedelta(minutes=30)).isoformat()}],
            "intent": {"parcel": "order_status", "password": "password_reset",
                       "refund": "refund_request"}[topic],
            "csat": 4 if topic != "refund" else 2, "status": "resolved",
        })  # fmt: skip
    for n in range(20):  # and a burst in the last day: parcels held at customs
        at = now - timedelta(hours=20) + timedelta(minutes=n * 50)
        lines.append({
            "external_id": f"burst-{n}", "channel": "chat", "customer": {"email": f"b{n}@example.org"},
            "messages": [{"author": "customer", "sent_at": at.isoformat(),
                          "text": rng.choice(["my parcel is stuck at customs, they want a fee",
                                              "customs is holding my parcel and asks for a fee",
                                              "why must I pay a customs fee for my parcel"])}],
        })  # fmt: skip
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")


@pytest.fixture
def history(workspace: Workspace, tmp_path: Path) -> Workspace:
    path = tmp_path / "history.jsonl"
    _history(path, utcnow())
    summary = imports.import_conversations(workspace, path)
    assert summary.rejected_total == 0 and summary.read == 110
    return workspace


def test_cli_topics_json_with_assignments(history: Workspace, settings: Settings) -> None:
    env = {**os.environ, "TANDEMDESK_DATABASE_URL": settings.database_url,
           "TANDEMDESK_WORKSPACE_DIR": str(settings.workspace_dir), "COLUMNS": "200"}  # fmt: skip
    run = subprocess.run(
        [sys.executable, "-m", "tandemdesk", "topics", "--json", "--assignments"],
        capture_output=True, text=True, env=env, timeout=180, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert report["topics"], report
    for topic in report["topics"]:
        assert {"id", "label", "size"} <= set(topic)
        assert isinstance(topic["id"], int) and isinstance(topic["size"], int)
        assert topic["label"]
    with history.sessions() as session:
        stored = set(session.scalars(select(Message.id).where(Message.author == "customer")))
    pairs = report["assignments"]
    assert all(isinstance(p, list) and len(p) == 2 for p in pairs)
    assert {p[0] for p in pairs} == stored
    ids = {t["id"] for t in report["topics"]} | {-1}
    assert {p[1] for p in pairs} <= ids
    sizes = {t["id"]: t["size"] for t in report["topics"]}
    assert all(sum(1 for p in pairs if p[1] == t) == size for t, size in sizes.items())
    # the refund topic carries its conversations' low CSAT; nobody was answered by the bot
    refund = next(t for t in report["topics"] if "refund" in t["label"])
    assert refund["csat"]["average"] == 2.0 and refund["automation_rate"] == 0.0
    assert any(t["repeat_share"] for t in report["topics"])
    # the burst of the last day is an alert, in the words of the report
    assert report["alerts"], report["topics"]
    text = report["alerts"][0]["text"]
    assert re.fullmatch(r"'[^']+' (up [\d.]+× in 24 h|is new: .+), \d+% distressed", text), text

    plain = subprocess.run(
        [sys.executable, "-m", "tandemdesk", "topics"], capture_output=True, text=True, env=env,
        timeout=180, check=False,
    )  # fmt: skip
    assert plain.returncode == 0 and "topics in 110 customer messages" in plain.stdout
    bad = subprocess.run(
        [sys.executable, "-m", "tandemdesk", "topics", "--since", "yesterday-ish", "--json"],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )  # fmt: skip
    assert bad.returncode == 2 and json.loads(bad.stdout)["error"]["code"]
