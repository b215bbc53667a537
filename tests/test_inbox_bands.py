"""The inbox's reading of a decision: one definition of moods and urgency for every view."""

from __future__ import annotations

from tandemdesk.decide.policy import Thresholds
from tandemdesk.decide.vocabulary import URGENCY_LEVELS
from tandemdesk.inbox import mood, severity_band


def test_the_most_urgent_level_goes_to_the_top_band() -> None:
    # urgency levels are low/normal/high/urgent: "urgent" once fell through to the last band
    assert [severity_band(0.0, level, False) for level in URGENCY_LEVELS] == [0, 0, 2, 2]


def test_distressed_means_the_policy_threshold() -> None:
    threshold = Thresholds().distress
    assert mood(threshold) == "distressed" and severity_band(threshold, None, False) == 2
    assert mood(threshold - 0.01) == "uneasy" and severity_band(threshold - 0.01, None, False) == 1
    assert mood(0.0) == "calm" and severity_band(0.0, "normal", False) == 0
    assert severity_band(0.0, None, True) == 2, "abusive always at the top"
