"""The policy file: the default loads, and every mistake is a located, plain sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from tandemdesk.decide import PolicyError, default_policy, default_policy_text, load_policy
from tandemdesk.decide.conditions import CONDITIONS
from tandemdesk.decide.policy import Conditions
from tandemdesk.decide.vocabulary import NUMBERS_FOR, SIGNAL_OF, THRESHOLD_OF, URGENCY_LEVELS
from tandemdesk.demo.intents import BY_NAME, NAMES
from tandemdesk.errors import TandemError
from tandemdesk.understand.urgency import LEVELS

KNOWN = set(NAMES)

MINIMAL = """\
version: 1
rules:
  - id: everyone_to_person
    when: {always: true}
    action: route_to_human
"""


def error_for(text: str, known: set[str] | None = KNOWN) -> PolicyError:
    with pytest.raises(PolicyError) as caught:
        load_policy(text, known)
    return caught.value


# ---------------------------------------------------------------------------- the default


def test_default_policy_validates_against_the_demo_intents() -> None:
    policy = default_policy(KNOWN)
    assert policy.version == 1 and policy.name == "default"
    assert policy.thresholds.distress == 0.6 and policy.thresholds.abuse == 0.5
    assert policy.thresholds.urgency == "high" and policy.thresholds.repeat_contacts == 2
    # Routine, low-stakes intents only: exactly those the demo's chat assistant settles alone.
    assert set(policy.automatable_intents) == {n for n, spec in BY_NAME.items() if spec.bot}
    assert policy.queues["protected"].show_warning
    assert set(policy.queues["protected"].roles) == {"senior_agent", "supervisor"}
    assert policy.queue_for("delivery_problem") == "logistics"
    assert policy.queue_for("order_status") == "logistics"
    assert policy.queue_for(None) == "general"
    ids = [r.id for r in policy.rules]
    assert ids[:3] == ["crisis_to_person", "threat_to_protected", "safety_or_legal_to_person"]
    assert ids.index("care_needed_to_person") < ids.index("abusive_to_protected")
    assert policy.rules[-1].when.always is True


def test_policy_hash_ignores_comments_but_not_content() -> None:
    text = default_policy_text()
    same = load_policy("# a new comment\n" + text)
    changed = load_policy(text.replace("distress: 0.6 ", "distress: 0.7 "))
    assert same.content_hash == default_policy().content_hash
    assert changed.content_hash != same.content_hash
    assert changed.thresholds.distress == 0.7


def test_load_from_a_file_and_from_text(tmp_path: Path) -> None:
    path = tmp_path / "policy.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    assert load_policy(path).rules[0].id == "everyone_to_person"
    assert load_policy(str(path)).rules[0].id == "everyone_to_person"
    policy = load_policy(MINIMAL)
    assert policy.name == "unnamed policy" and policy.default_queue == "general"


def test_vocabulary_tables_agree() -> None:
    """One list of conditions: the model, the evaluators and the helper tables."""
    assert set(CONDITIONS) == set(Conditions.model_fields)
    for table in (NUMBERS_FOR, SIGNAL_OF, THRESHOLD_OF):
        assert set(table) <= set(Conditions.model_fields)
    assert URGENCY_LEVELS == LEVELS


# ---------------------------------------------------------------------------- bad input


def test_unknown_intent_lists_the_known_ones() -> None:
    error = error_for(MINIMAL + "automatable_intents:\n  order_statuss: {min_confidence: 0.8}\n")
    assert error.code == "policy_invalid" and isinstance(error, TandemError)
    assert "line 7" in error.message
    assert "unknown intent 'order_statuss'" in error.message
    assert "did you mean 'order_status'" in error.message
    assert "known intents: account_access, billing_error" in error.message
    assert all(name in error.message for name in NAMES)
    # Without a list of known intents, any name is accepted.
    load_policy(MINIMAL + "automatable_intents:\n  order_statuss: {}\n", None)


def test_unknown_intent_inside_a_rule_and_a_queue() -> None:
    text = MINIMAL.replace("{always: true}", "{intent_in: [where_is_it]}") + (
        "queues:\n  general: {intents: [refunds]}\n"
    )
    error = error_for(text)
    assert "2 problems" in error.message
    assert "rules[0]), when.intent_in[0]: unknown intent 'where_is_it'" in error.message
    assert "queues.general.intents[0]: unknown intent 'refunds'" in error.message


def test_unknown_condition_lists_the_allowed_ones() -> None:
    error = error_for(MINIMAL.replace("{always: true}", "{distres_at_least: 0.6}"))
    assert "line 4, rule 'everyone_to_person' (rules[0])" in error.message
    assert "unknown condition 'distres_at_least'" in error.message
    assert "did you mean 'distress_at_least'" in error.message
    assert "allowed: always, abuse_at_least" in error.message and "has_agent" in error.message


def test_yaml_syntax_error_gives_the_line() -> None:
    broken = MINIMAL.replace("{always: true}", "{always: true")
    error = error_for(broken)
    assert "YAML syntax error" in error.message and "line 5" in error.message
    assert error.details["problems"][0]["line"] == 5
    tabs = error_for("version: 1\nrules:\n\t- id: a\n")
    assert "line 3" in tabs.message and "spaces, not tabs" in tabs.message


def test_wrong_types_say_what_was_expected() -> None:
    text = MINIMAL.replace("{always: true}", "{distress_at_least: lots, intent_in: order_status}")
    text += "thresholds:\n  distress: high\n  urgency: 3\n"
    error = error_for(text)
    problems = {p["field"]: p for p in error.details["problems"]}
    assert problems["thresholds.distress"]["problem"] == (
        "expected a number from 0 to 1, got 'high'"
    )
    assert problems["thresholds.distress"]["line"] == 7
    assert "one of low, normal, high, urgent, got 3" in problems["thresholds.urgency"]["problem"]
    cond = problems["rule 'everyone_to_person' (rules[0]), when.distress_at_least"]
    assert "a number from 0 to 1, or `threshold`" in cond["problem"] and "'lots'" in cond["problem"]
    listing = problems["rule 'everyone_to_person' (rules[0]), when.intent_in"]
    assert "a non-empty list of intents" in listing["problem"]


def test_out_of_range_and_wrong_action() -> None:
    error = error_for(MINIMAL.replace("route_to_human", "escalate") + "thresholds: {abuse: 5}\n")
    assert "action: expected one of automate, draft_for_agent, route_to_human" in error.message
    assert "got 'escalate'" in error.message
    assert "thresholds.abuse: expected a number from 0 to 1, got 5" in error.message


@pytest.mark.parametrize("text", ["", "   \n# only a comment\n"])
def test_empty_file(text: str, tmp_path: Path) -> None:
    assert "is empty" in error_for(text).message
    path = tmp_path / "empty.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PolicyError, match=r"empty\.yaml is empty; start from the default"):
        load_policy(path)


def test_a_rule_with_no_action() -> None:
    error = error_for(MINIMAL.replace("    action: route_to_human\n", ""))
    assert "line 3, rule 'everyone_to_person' (rules[0]), action" in error.message
    assert "missing required field 'action': one of automate" in error.message


def test_not_a_mapping_missing_version_and_future_version() -> None:
    assert "a YAML mapping" in error_for("- a\n- b\n").message
    assert (
        "missing required field 'version'" in error_for(MINIMAL.replace("version: 1\n", "")).message
    )
    future = error_for(MINIMAL.replace("version: 1", "version: 2"))
    assert "version: expected 1 (the only policy format" in future.message


def test_unknown_top_level_field_and_duplicate_keys() -> None:
    error = error_for(
        MINIMAL + "rulez: []\nthresholds: {distress: 0.5}\nthresholds: {abuse: 0.4}\n"
    )
    assert "unknown field 'rulez' (did you mean 'rules'?)" in error.message
    assert "'thresholds' appears twice (lines 7 and 8)" in error.message


def test_references_between_parts_are_checked() -> None:
    text = MINIMAL + (
        "  - id: everyone_to_person\n    when: {has_pii: true}\n    action: route_to_human\n"
        "    queue: nowhere\n"
        "  - id: bot_everything\n    when: {has_pii: false}\n    action: automate\n"
    )
    error = error_for(text)
    assert "rule id 'everyone_to_person' is used twice" in error.message
    assert "unknown queue 'nowhere'; defined queues: general, or by_intent" in error.message
    assert "an automate rule must name what it automates" in error.message


def test_explain_templates_are_checked() -> None:
    unknown = MINIMAL + "    explain: 'Sent to a person because {reason}'\n"
    assert "unknown placeholder {reason}" in error_for(unknown).message
    no_numbers = MINIMAL.replace("{always: true}", "{distress_at_least: threshold}")
    no_numbers += "    explain: 'Sent to a person: the customer is sad'\n"
    error = error_for(no_numbers)
    assert "must show the numbers" in error.message and "{distress}" in error.message
    attribute = MINIMAL + "    explain: '{queue.__class__}'\n"
    assert "unknown placeholder" in error_for(attribute).message


def test_conditions_need_content() -> None:
    assert "at least one condition" in error_for(MINIMAL.replace("{always: true}", "{}")).message
    combined = error_for(MINIMAL.replace("{always: true}", "{always: true, has_pii: true}"))
    assert "cannot be combined" in combined.message


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="does not exist"):
        load_policy(tmp_path / "nope.yaml")
    with pytest.raises(PolicyError, match="cannot read"):
        load_policy(tmp_path)
    bad = tmp_path / "latin1.yaml"
    bad.write_bytes(b"version: 1\nname: caf\xe9\n")
    with pytest.raises(PolicyError, match="not UTF-8"):
        load_policy(bad)


def test_rules_that_can_never_match_are_warned_with_their_line() -> None:
    """Found by a lead editing the policy: ``language_in: [German]``, ``channel_in: [emial]``
    and a rule added below the catch-all passed ``policy check`` silently and never fired."""
    from tandemdesk.decide.loading import default_policy_text, parse_policy

    clean: list[str] = []
    parse_policy(default_policy_text(), warnings=clean)
    assert clean == []  # the shipped policy has no dead rule
    text = default_policy_text().replace(
        "channel_in: [chat, web, widget, messenger, whatsapp, sms]",
        "channel_in: [chat, web, widget, messenger, whatsapp, smss]", 1,
    ) + (
        "\n  - id: german_queue\n    when: {language_in: [German, de-CH], channel_in: [emial,"
        " instagram]}\n    action: route_to_human\n"
    )  # fmt: skip
    warnings: list[str] = []
    parse_policy(text, warnings=warnings, known_channels={"instagram"})
    assert any("'smss' (did you mean 'sms'?)" in w for w in warnings), warnings
    assert any("'german_queue' comes after 'everything_else_to_person'" in w for w in warnings)
    assert any("'german' is not a language code" in w and "'de'" in w for w in warnings)
    assert any("'emial' (did you mean 'email'?)" in w for w in warnings)
    assert not any("de-ch" in w or "instagram" in w for w in warnings), warnings
    assert all(w.startswith("line ") and not w.startswith("line 0") for w in warnings)
