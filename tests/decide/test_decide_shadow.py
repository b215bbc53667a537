"""Shadow comparison: what a candidate policy would change, counted exactly."""

from __future__ import annotations

import json

from decide_factories import understanding

from tandemdesk.decide import Context, compare, default_policy, default_policy_text, load_policy
from tandemdesk.understand.pipeline import Understanding

LIVE = default_policy()
# The candidate trusts the model more for order status (0.7 instead of 0.8).
CANDIDATE = load_policy(
    default_policy_text()
    .replace("name: default", "name: eager")
    .replace("{min_confidence: 0.8, answer: mac-where-is-my-order,", "{min_confidence: 0.7,")
)
CHAT = Context(channel="chat")


def cases() -> list[tuple[Understanding, Context]]:
    return [
        (understanding("order_status", 0.95), CHAT),  # automate under both
        (understanding("order_status", 0.75), CHAT),  # draft → automate
        (understanding("order_status", 0.72), CHAT),  # draft → automate
        (understanding("order_status", 0.65), CHAT),  # draft under both
        (understanding("order_status", 0.75, distress=0.9), CHAT),  # person under both
        (understanding("refund_request", 0.9), CHAT),  # person under both
    ]


def test_counts_confusion_and_examples() -> None:
    report = compare(LIVE, CANDIDATE, iter(cases()))
    assert report.total == 6
    assert report.live_counts == {"automate": 1, "draft_for_agent": 3, "route_to_human": 2}
    assert report.candidate_counts == {"automate": 3, "draft_for_agent": 1, "route_to_human": 2}
    assert report.confusion["draft_for_agent"] == {"automate": 2, "draft_for_agent": 1}
    assert report.confusion["automate"] == {"automate": 1}
    assert report.differing == report.action_changed == 2
    assert abs(report.share_differing - 2 / 6) < 1e-9
    assert [e.index for e in report.examples] == [1, 2]
    first = report.examples[0]
    assert first.live.rule_id == "routine_but_unsure_draft"
    assert "0.75 is under the 0.80" in first.live.explanation
    assert "(0.75 ≥ 0.70)" in first.candidate.explanation
    assert "2 of 6 messages (33.3%)" in report.summary() and "'eager" in report.summary()
    json.dumps(report.to_dict())


def test_examples_are_capped_and_spread_over_kinds_of_change() -> None:
    # 30 draft → automate changes first, then one rarer person → automate change.
    many = [(understanding("order_status", 0.75), CHAT)] * 30
    repeat = (understanding("order_status", 0.95), Context(channel="chat", previous_contacts=3))
    patient = load_policy(
        default_policy_text()
        .replace("repeat_contacts: 2", "repeat_contacts: 9")
        .replace("{min_confidence: 0.8, answer: mac-where-is-my-order,", "{min_confidence: 0.7,")
    )
    capped = compare(LIVE, CANDIDATE, [*many, repeat], max_examples=3)
    assert capped.differing == 30 and len(capped.examples) == 3
    report = compare(LIVE, patient, [*many, repeat], max_examples=2)
    assert report.differing == 31 and report.confusion["route_to_human"] == {"automate": 1}
    assert [e.index for e in report.examples] == [0, 30]
    rare = report.examples[1]
    assert (rare.live.action, rare.candidate.action) == ("route_to_human", "automate")
    assert "written about this 4 times" in rare.live.explanation


def test_same_policy_changes_nothing_and_empty_input_is_fine() -> None:
    report = compare(LIVE, LIVE, cases())
    assert report.differing == 0 and report.examples == () and report.share_differing == 0
    empty = compare(LIVE, CANDIDATE, [])
    assert empty.total == 0 and empty.share_differing == 0.0 and empty.confusion == {}
