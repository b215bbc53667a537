"""The one sentence a supervisor reads: what happened to the message, and why, with numbers.

Why sentences are built here and not written freely: a supervisor must be able to trust
that "sent to a person: the customer sounds distressed (0.82 ≥ 0.60)" is the real reason
and the real numbers. A rule's ``explain`` template may only use the placeholders of
``vocabulary.PLACEHOLDERS`` (pre-formatted strings) and must quote the numbers its
conditions compare (checked when the policy loads); a rule without a template gets a
sentence assembled from its conditions' own descriptions.

Signals over their thresholds that the firing rule did not look at are appended ("; also
distressed (0.82 ≥ 0.60)"), so an abusive *and* distressed message says both even though
only the abuse rule fired.
"""

from __future__ import annotations

from tandemdesk.decide.conditions import candidates, describe, number, risks, versus, words
from tandemdesk.decide.policy import Policy, Rule, template_fields
from tandemdesk.decide.signals import Signals
from tandemdesk.decide.vocabulary import SIGNAL_OF, URGENCY_LEVELS

LEAD: dict[str, str] = {
    "automate": "Answered automatically",
    "draft_for_agent": "Drafted by AI for a person to approve",
    "route_to_human": "Sent to a person",
    "ask_clarifying_question": "Asked the customer a clarifying question",
    "reply_courtesy": "Answered the small talk with a short courtesy reply",
}


def placeholders(signals: Signals, queue: str | None, rule_id: str) -> dict[str, str]:
    """Every placeholder of the vocabulary, filled for this message."""
    s = signals
    usually = (
        f" even though '{words(s.intent)}' is usually automated"
        if s.automatable and not s.intent_abstained
        else ""
    )
    return {
        "rule_id": rule_id,
        "queue": queue or "",
        "intent": words(s.intent),
        "intent_label": s.intent or "none",
        "confidence": versus(s.confidence, s.intent_threshold),
        "intent_threshold": number(s.intent_threshold),
        "candidates": candidates(s),
        "second_intent": words(s.second_intent) if s.second_intent else "none",
        "usually_automated": usually,
        "distress": versus(s.distress, s.distress_threshold),
        "distress_threshold": number(s.distress_threshold),
        "abuse": versus(s.abuse, s.abuse_threshold),
        "abuse_threshold": number(s.abuse_threshold),
        "urgency": s.urgency or "unknown",
        "urgency_score": number(s.urgency_score),
        "urgency_threshold": s.urgency_threshold,
        "contacts": str(s.contacts),
        "repeat_contacts": str(s.repeat_contacts),
        "window_days": str(s.window_days),
        "open_conversations": str(s.open_conversations),
        "channel": s.channel,
        "language": s.language or "unknown",
        "sentiment": s.sentiment,
        "risk": versus(s.risk, s.risk_threshold),
        "risk_threshold": number(s.risk_threshold),
        "risks": risks(s),
        "small_talk": s.small_talk or "none",
        "tried": s.tried_already or "none",
        "question": _quoted(s.intent_read_from) if s.intent_read_from else "none",
        "business": _quoted(s.other_business) if s.other_business else "none",
    }


def _quoted(text: str, limit: int = 100) -> str:
    """One line, at most ``limit`` characters: a customer's sentence inside an explanation."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _main_signals(s: Signals) -> str:
    return f"intent {words(s.intent)} ({number(s.confidence)}), distress {number(s.distress)}"


def _alarms(s: Signals) -> dict[str, str]:
    """Signals at or over their thresholds, each as a short phrase with its numbers."""
    found: dict[str, str] = {}
    if s.risks:
        found["risk"] = f"risk: {risks(s)}"
    if s.threat:
        found["threat"] = "the message threatens staff"
    if s.abuse >= s.abuse_threshold:
        found["abuse"] = f"abusive toward staff ({number(s.abuse)} ≥ {number(s.abuse_threshold)})"
    if s.distress >= s.distress_threshold:
        found["distress"] = f"distressed ({number(s.distress)} ≥ {number(s.distress_threshold)})"
    if s.urgency_rank >= URGENCY_LEVELS.index(s.urgency_threshold):
        found["urgency"] = f"urgency {s.urgency} ({number(s.urgency_score)})"
    if s.contacts >= s.repeat_contacts:
        found["contacts"] = f"{s.contacts} contacts about this in {s.window_days} days"
    return found


def _mentioned(rule: Rule | None, used: set[str]) -> set[str]:
    """Signals the sentence already covers: the rule's conditions and the template's words."""
    given = rule.when.given() if rule else {}
    covered = {SIGNAL_OF[c] for c in given if c in SIGNAL_OF}
    covered |= {name for name in ("abuse", "distress", "contacts", "risk") if name in used}
    if "risks" in used:
        covered.add("risk")
    if "threat" in given:
        covered.add("threat")
    if used & {"urgency", "urgency_score"}:
        covered.add("urgency")
    return covered


def sentence(
    rule: Rule | None, signals: Signals, queue: str | None, policy: Policy, rule_id: str
) -> str:
    """The explanation for ``rule`` firing (``None``: no rule matched, a person decides)."""
    used: set[str] = set()
    where = f" in the {queue} queue" if queue else ""
    if rule is None:
        text = (
            f"Sent to a person{where}: no rule of policy '{policy.name}' matched, "
            f"and a person is the safe default ({_main_signals(signals)})"
        )
    elif rule.explain is not None:
        used = template_fields(rule.explain)
        text = rule.explain.format_map(placeholders(signals, queue, rule_id)).strip()
    else:
        facts = [describe(c, v, signals, policy.thresholds) for c, v in rule.when.given().items()]
        if not any(ch.isdigit() for fact in facts for ch in fact):
            # Flags alone ("no personal data") carry no numbers; quote the main signals.
            facts.append(_main_signals(signals))
        text = f"{LEAD[rule.action]}{where} by rule '{rule.id}': {' and '.join(facts)}"
    also = [
        phrase for name, phrase in _alarms(signals).items() if name not in _mentioned(rule, used)
    ]
    text = text.rstrip(" .;")
    if signals.intent_read_from and signals.intent and "question" not in used:
        text += f"; read from the question '{_quoted(signals.intent_read_from)}'"
    if signals.other_business and "business" not in used:
        text += f"; it asks about another company's service ('{_quoted(signals.other_business)}')"
    if also:
        text += "; also: " + ", ".join(also)
    return text[:1].upper() + text[1:] + "."
