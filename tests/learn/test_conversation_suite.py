"""The conversation suite's pure part: reading files, facts → events, flags, verdicts, report."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from tandemdesk.learn.conversation_suite import (
    FactsSpec,
    Observed,
    OrderSpec,
    SuiteError,
    SuiteReport,
    allowed_flags,
    check,
    crashed,
    derive_flags,
    fact_events,
    judge,
    load_suite,
    observe,
    order_events,
    parse_suite,
    resolve_time,
)

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)

SUITE = """\
defaults:
  channel: chat
cases:
  - id: wismo
    text: "Where is NW-1?"
    language: en
    tags: [routine]
    facts:
      name: Ana Ruiz
      orders: [{number: NW-1, status: shipped, carrier: DHL, shipped: -2d, eta: +1d}]
    expect: {action: automate, reply_contains: [NW-1, dhl]}
  - text: "thanks!"
    channel: email
    expect:
      action: [reply_courtesy, automate]
      flags: ["small_talk:thanks"]
"""


def test_a_suite_reads_with_defaults_keys_and_lines() -> None:
    suite = parse_suite(SUITE, source="s.yaml")
    first, second = suite.cases
    assert (first.key, first.line, first.spec.channel) == ("wismo", 4, "chat")
    assert first.spec.expect.action == ["automate"]  # one action is a list of one
    assert first.spec.facts is not None and first.spec.facts.orders[0].carrier == "DHL"
    assert (second.key, second.line, second.spec.channel) == ("line 12", 12, "email")
    assert second.spec.expect.action == ["reply_courtesy", "automate"]


def test_a_plain_list_and_jsonl_are_suites_too(tmp_path: Path) -> None:
    assert len(parse_suite('- {text: "hi"}\n- {text: "yo"}\n').cases) == 2
    path = tmp_path / "cases.jsonl"
    path.write_text('{"id": "a", "text": "hello"}\n\n{"id": "b", "text": "where?"}\n')
    suite = load_suite(path)
    assert [(c.key, c.line) for c in suite.cases] == [("a", 1), ("b", 3)]


def _errors(text: str, jsonl: bool = False) -> list[str]:
    with pytest.raises(SuiteError) as caught:
        parse_suite(text, source="bad.yaml", jsonl=jsonl)
    error = caught.value
    assert error.code == "unusable_input"
    assert error.details["errors"] == [
        {"line": e.line, "case": e.case, "error": e.error} for e in error.errors
    ]
    return [str(e) for e in error.errors]


def test_every_bad_case_is_reported_with_its_line() -> None:
    text = """\
cases:
  - id: ok
    text: fine
  - id: typo
    text: hello
    expect:
      flags: [distresed]
  - id: nested
    text: hi
    expect:
      acton: automate
  - text: ""
  - id: ok
    text: again
  - id: both
    text: x
    customer: a@b.example
    facts: {name: A}
  - id: when
    text: x
    facts: {orders: [{number: NW-2, shipped: yesterday}]}
"""
    errors = _errors(text)
    assert errors[0].startswith("line 7 (typo): expect.flags: unknown flag 'distresed'; allowed:")
    assert "distressed" in errors[0] and "risk:self_harm" in errors[0]
    assert errors[1] == "line 11 (nested): expect.acton: unknown key (a typo?)"
    assert errors[2].startswith("line 12: text:")
    assert errors[3] == "line 13 (ok): the id is also used on line 2"
    assert errors[4].startswith("line 15 (both): ") and "not both" in errors[4]
    assert errors[5].startswith("line 21 (when): facts.orders.0.shipped:")
    assert "not a time: 'yesterday'" in errors[5]
    assert len(errors) == 6


def test_unknown_actions_syntax_errors_and_empty_files() -> None:
    [action] = _errors("- text: hi\n  expect: {action: reply_politely}\n")
    assert "unknown action 'reply_politely'" in action and "route_to_human" in action
    [syntax] = _errors("cases:\n  - text: [unclosed\n")
    assert syntax.startswith("line 3: not valid YAML")
    assert _errors("") == ["line 1: the suite has no cases"]
    assert _errors("text: hi\n")[0].startswith("line 1: a suite is a list of cases")
    [bad_json, not_a_case] = _errors('{"text": "a"}\n{oops\n"just text"\n', jsonl=True)
    assert bad_json.startswith("line 2: not valid JSON")
    assert not_a_case.startswith("line 3: a case is a mapping")
    [contradiction] = _errors("- text: x\n  expect: {flags: [urgent], flags_not: [urgent]}\n")
    assert "both name urgent" in contradiction


def test_a_missing_file_is_unusable(tmp_path: Path) -> None:
    with pytest.raises(Exception, match="does not exist"):
        load_suite(tmp_path / "nope.yaml")


def test_relative_times() -> None:
    assert resolve_time("-2d", NOW) == NOW - timedelta(days=2)
    assert resolve_time("+3h", NOW) == NOW + timedelta(hours=3)
    assert resolve_time("-30m", NOW) == NOW - timedelta(minutes=30)
    assert resolve_time("-1w", NOW) == NOW - timedelta(weeks=1)
    assert resolve_time("now", NOW) == NOW
    assert resolve_time("2026-01-02T03:04:05Z", NOW) == datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert resolve_time(date(2026, 1, 2), NOW).date() == date(2026, 1, 2)
    with pytest.raises(ValueError, match="not a time"):
        resolve_time("soon", NOW)


def test_an_order_becomes_its_lifecycle_events() -> None:
    shipped = OrderSpec(number="nw-7", status="shipped", carrier="DHL", shipped="-2d", eta="+1d")
    events = order_events(shipped, NOW)
    assert [e.type for e in events] == ["order_placed", "order_shipped"]
    placed, sent = events
    assert placed.occurred_at < sent.occurred_at == NOW - timedelta(days=2)
    assert sent.data == {"order_number": "NW-7", "carrier": "DHL", "eta": "2026-03-11"}

    # the status fills in what is not given; dates given win
    delivered = order_events(OrderSpec(number="NW-8", status="delivered", total=50), NOW)
    assert [e.type for e in delivered] == ["order_placed", "order_shipped", "order_delivered"]
    assert all(e.occurred_at < NOW for e in delivered)
    assert delivered[0].data["total"] == 50
    assert "eta" not in delivered[1].data  # delivered: no estimate to make up

    # without a status, the latest date given decides it
    cancelled = order_events(OrderSpec(number="NW-9", placed="-3h", cancelled="-1h"), NOW)
    assert [e.type for e in cancelled] == ["order_placed", "order_cancelled"]
    refunded = order_events(OrderSpec(number="NW-10", status="refunded", total=20), NOW)
    assert refunded[-1].type == "order_refunded" and refunded[-1].data["amount"] == 20


def test_facts_add_the_account_and_extra_events_in_time_order() -> None:
    facts = FactsSpec(
        since="-400d",
        orders=[OrderSpec(number="NW-1", status="placed", placed="-1h")],
        events=[{"type": "account_locked", "at": "-2h", "data": {"reason": "attempts"}}],  # type: ignore[list-item]
    )
    events = fact_events(facts, NOW)
    assert [e.type for e in events] == ["account_created", "account_locked", "order_placed"]


UNDERSTANDING = {
    "distress": {"value": 0.7},
    "abuse": {"value": 0.55, "evidence": [{"source": "lexicon.threat", "detail": "threat"}]},
    "urgency": {"label": "high"},
    "intent": {"label": None, "out_of_scope": True},
    "risk": {"categories": [["fraud", 0.8], ["legal_threat", 0.0]]},
    "dialogue": {"small_talk": "thanks", "wants_person": True},
}


def test_flags_follow_the_live_thresholds_and_read_new_parts_defensively() -> None:
    flags = derive_flags(UNDERSTANDING, distress_threshold=0.6, abuse_threshold=0.5)
    assert flags == {
        "distressed", "abusive", "threat", "urgent", "out_of_scope", "risk", "risk:fraud",
        "small_talk", "small_talk:thanks", "wants_person",
    }  # fmt: skip
    assert flags <= set(allowed_flags())
    strict = derive_flags(UNDERSTANDING, distress_threshold=0.8, abuse_threshold=0.6)
    assert "distressed" not in strict and "abusive" not in strict and "threat" in strict
    # an understanding from before issue 13 (no risk, no dialogue) raises none of them
    old = {"distress": {"value": 0.1}, "abuse": {"value": 0.0, "evidence": []}, "intent": None}
    assert derive_flags(old, 0.6, 0.5) == frozenset()
    assert derive_flags({"risk": {"categories": {"self_harm": 0.9}}}, 0.6, 0.5) == {
        "risk",
        "risk:self_harm",
    }


def _observed(**changes: object) -> Observed:
    values: dict[str, object] = {
        "action": "automate", "queue": None, "reply": "Your order NW-1 left with DHL.",
        "rule_id": "automate_routine", "explanation": "Answered automatically",
        "flags": frozenset(), "reply_language": "en", "distress": 0.2,
    }  # fmt: skip
    values.update(changes)
    return Observed(**values)  # type: ignore[arg-type]


def _case(yaml_case: str):  # type: ignore[no-untyped-def]
    return parse_suite(yaml_case).cases[0]


def test_check_names_each_broken_expectation() -> None:
    routine = parse_suite(SUITE).cases[0]
    assert check(routine, _observed()) == []  # reply checks ignore case
    wrong = check(routine, _observed(reply="Your order NW-2 left with UPS.", reply_language="de"))
    assert [(p.kind, p.expected) for p in wrong] == [
        ("reply", "reply contains 'NW-1'"),
        ("reply", "reply contains 'dhl'"),
        ("reply_language", "reply in en"),  # the case's language is the reply's
    ]
    handed = check(routine, _observed(action="route_to_human", queue="logistics", reply=None))
    assert (handed[0].expected, handed[0].got) == ("action automate", "route_to_human")
    assert [p.got for p in handed[1:]] == ["no reply", "no reply"]

    case = _case(
        "- text: x\n  language: de\n  expect: {action_not: [automate], queue: protected,"
        " queue_not: [general], flags: [distressed], flags_not: [urgent],"
        " reply_not_contains: ['_'], reply_language: any, no_reply: true}\n"
    )
    problems = check(
        case, _observed(queue="general", flags=frozenset({"urgent"}), reply="order_status?")
    )
    assert [p.expected for p in problems] == [
        "action not automate", "queue protected", "queue not general", "flag distressed",
        "not flag urgent", "no reply", "reply without '_'",
    ]  # fmt: skip
    assert problems[3].got == "distress 0.20; flags urgent"


def test_observe_reads_a_handle_result() -> None:
    result = {
        "action": "ask_clarifying_question", "queue": None, "rule_id": "unclear_ask_in_chat",
        "explanation": "Asked", "understanding": UNDERSTANDING,
        "reply": "Danke für Ihre Nachricht! Können Sie mir etwas genauer sagen, worum es geht?",
    }  # fmt: skip
    observed = observe(result, distress_threshold=0.6, abuse_threshold=0.9)
    assert observed.reply_language == "de"
    assert "distressed" in observed.flags and "abusive" not in observed.flags
    assert observe({**result, "reply": None}, 0.6, 0.5).reply_language is None


def test_the_report_counts_what_a_lead_reads_first() -> None:
    suite = parse_suite(
        """\
- {id: sad, text: "x", language: en, tags: [distress], expect: {action: route_to_human}}
- {id: sad2, text: "x", language: de, expect: {flags: [distressed]}}
- {id: calm, text: "x", language: en, tags: [routine], expect: {action: automate}}
- {id: thanks, text: "x", language: de, expect: {action: reply_courtesy, reply_contains: [gern]}}
- {id: boom, text: "x", tags: [distress]}
"""
    )
    sad, sad2, calm, thanks, boom = suite.cases
    outcomes = [
        judge(sad, _observed(action="route_to_human", reply=None)),
        judge(sad2, _observed(action="automate", flags=frozenset({"distressed"}), reply=None)),
        judge(calm, _observed(reply="wrong", reply_language="en")),
        judge(thanks, _observed(action="reply_courtesy", reply="Bitte!", reply_language="de")),
        crashed(boom, RuntimeError("database gone")),
    ]
    report = SuiteReport("demo", outcomes)
    summary = report.summary()
    assert (summary["cases"], summary["passed"], summary["failed"], summary["crashed"]) == (
        5, 3, 2, 1,
    )  # fmt: skip
    # sad reached a person; sad2 was automated; the crashed one reached nobody
    assert summary["distress_to_person"] == {"cases": 3, "reached_person": 1, "share": 0.3333}
    # an automated reply is wrong only when a check failed: calm's reply was fine (no reply
    # check), the courtesy reply missed its word
    assert summary["wrong_automated_replies"] == 0
    assert summary["wrong_bot_reply_cases"] == ["thanks"]
    assert summary["by_tag"]["distress"] == {"passed": 1, "failed": 1}
    assert summary["by_language"] == {
        "(unset)": {"passed": 0, "failed": 1},
        "de": {"passed": 1, "failed": 1},
        "en": {"passed": 2, "failed": 0},
    }
    failed = report.to_dict()["failures"]
    assert [f["id"] for f in failed] == ["thanks", "boom"]
    assert failed[1]["error"] == "RuntimeError: database gone" and failed[1]["got"] is None


def test_a_wrong_automated_answer_is_counted() -> None:
    case = _case("- {id: c, text: x, expect: {action: route_to_human}}")
    report = SuiteReport("s", [judge(case, _observed())])
    assert report.summary()["wrong_automated_cases"] == ["c"]


def test_a_delivered_order_arrives_when_it_was_due_not_yesterday() -> None:
    """Suite 16: "delivered, shipped 70 days ago, due 67 days ago" was delivered yesterday,
    and the live policy read a two-month-old order as one that had just arrived."""
    due = order_events(
        OrderSpec(number="NW-1", status="delivered", shipped="-70d", eta="-67d"), NOW
    )
    assert due[-1].type == "order_delivered"
    assert due[-1].occurred_at == NOW - timedelta(days=67)
    shipped_only = order_events(OrderSpec(number="NW-2", status="delivered", shipped="-9d"), NOW)
    assert shipped_only[-1].occurred_at == NOW - timedelta(days=7)
    # a later stage not given still comes after the delivery
    returned = order_events(OrderSpec(number="NW-3", status="returned", shipped="-3d"), NOW)
    times = {e.type: e.occurred_at for e in returned}
    assert times["order_delivered"] < times["return_requested"] < times["return_received"]
    # never before it shipped, nor after a later stage given: squeezed in between
    for spec in (
        OrderSpec(number="NW-5", status="refunded", shipped="-70d", return_requested="-69d"),
        OrderSpec(number="NW-6", status="delivered", shipped="-1d", eta="+2d"),
        OrderSpec(number="NW-7", status="delivered", shipped="-3d", eta="-5d"),
    ):
        order = [e.type for e in sorted(order_events(spec, NOW), key=lambda e: e.occurred_at)]
        assert order.index("order_shipped") < order.index("order_delivered"), spec
        assert order[-1] != "order_delivered" or spec.status == "delivered", spec
    # a delivery date given wins
    given = order_events(
        OrderSpec(number="NW-4", status="delivered", eta="-5d", delivered="-2d"), NOW
    )
    assert given[-1].occurred_at == NOW - timedelta(days=2)
