"""The inbox's reading of a decision: one definition of moods and urgency for every view."""

from __future__ import annotations

from tandemdesk.db import transaction
from tandemdesk.decide.policy import Thresholds
from tandemdesk.decide.vocabulary import URGENCY_LEVELS
from tandemdesk.inbox import mood, severity_band, suggested_articles
from tandemdesk.models import Article
from tandemdesk.timeutil import utcnow
from tandemdesk.workspace import Workspace


def test_the_most_urgent_level_goes_to_the_top_band() -> None:
    # urgency levels are low/normal/high/urgent: "urgent" once fell through to the last band
    assert [severity_band(0.0, level, False) for level in URGENCY_LEVELS] == [0, 0, 2, 2]


def test_distressed_means_the_policy_threshold() -> None:
    threshold = Thresholds().distress
    assert mood(threshold) == "distressed" and severity_band(threshold, None, False) == 2
    assert mood(threshold - 0.01) == "uneasy" and severity_band(threshold - 0.01, None, False) == 1
    assert mood(0.0) == "calm" and severity_band(0.0, "normal", False) == 0
    assert severity_band(0.0, None, True) == 2, "abusive always at the top"


def test_suggested_articles_are_those_listing_the_intent(workspace: Workspace) -> None:
    """The database only narrows the search: lookalike intents, LIKE's wildcards and
    non-ASCII names must not confuse it, on either database."""
    rows = [
        ("a1", "macro", "en", ["refund_status"]),
        ("a2", "article", "de", ["refund_status", "rückerstattung"]),
        ("a3", "article", "en", ["refund_status_late"]),  # a longer name, not the intent
        ("a4", "article", "en", ["refund%status"]),  # LIKE would read % as a wildcard
        ("a5", "article", "en", ["rückerstattung"]),
        ("a6", "article", "en", []),
    ]
    with transaction(workspace.sessions) as session:
        for external_id, kind, language, intents in rows:
            session.add(
                Article(external_id=external_id, kind=kind, title=external_id, body="…",
                        language=language, intents=intents, content_hash=external_id,
                        updated_at=utcnow())
            )  # fmt: skip
    with workspace.sessions() as session:
        found = suggested_articles(session, "refund_status", "de")
        assert [a["external_id"] for a in found] == ["a2", "a1"], "German first, then macros"
        umlaut = suggested_articles(session, "rückerstattung", "en")
        assert [a["external_id"] for a in umlaut] == ["a5"]  # not the German one
        spanish = suggested_articles(session, "refund_status", "es")
        assert [a["external_id"] for a in spanish] == ["a1"], "English, never German"
        assert suggested_articles(session, "refund%status", "en")[0]["external_id"] == "a4"
        assert suggested_articles(session, "refund", "en") == []
        assert suggested_articles(session, None, "en") == []
