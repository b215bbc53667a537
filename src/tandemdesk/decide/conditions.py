"""How each condition of the vocabulary is tested, and how it describes itself in words.

Every condition is a pair: ``test`` (does it hold for these signals?) and ``describe``
(the fact with its numbers, e.g. ``distress 0.82 ≥ 0.60``). The description is used when a
rule has no ``explain`` template, so even a hand-written rule without one produces a
sentence with the actual numbers. A test in ``tests/decide`` checks that this table and the
``Conditions`` model name exactly the same conditions.

Unknown values are never "safe": a missing urgency level is neither at least nor below a
level, and a missing intent confidence matches no confidence condition — so a rule that
automates on "calm and sure" does not fire on a message we know nothing about.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tandemdesk.decide.policy import Thresholds
from tandemdesk.decide.signals import Signals
from tandemdesk.decide.vocabulary import URGENCY_LEVELS


def number(value: float | None) -> str:
    """Scores in sentences: two decimals ('n/a' when there is none)."""
    return "n/a" if value is None else f"{value:.2f}"


def versus(value: float | None, limit: float) -> str:
    """``value`` with enough decimals that it visibly differs from ``limit`` when it does."""
    if value is None:
        return "n/a"
    if value != limit and f"{value:.2f}" == f"{limit:.2f}":
        return f"{value:.4f}"
    return f"{value:.2f}"


def words(label: str | None) -> str:
    """An intent label as people say it: ``order_status`` → ``order status``."""
    return "unknown" if label is None else label.replace("_", " ")


def _resolve(value: Any, threshold: Any) -> Any:
    return threshold if value in ("threshold", "intent_threshold") else value


@dataclass(frozen=True, slots=True)
class ConditionSpec:
    """One condition: whether it holds, and the fact it checked, in words."""

    test: Callable[[Signals, Any, Thresholds], bool]
    describe: Callable[[Signals, Any, Thresholds], str]


def _at_least(signal: str, threshold: str) -> ConditionSpec:
    def limit(s: Signals, v: Any, t: Thresholds) -> float:
        return float(_resolve(v, getattr(t, threshold)))

    return ConditionSpec(
        test=lambda s, v, t: getattr(s, signal) >= limit(s, v, t),
        describe=lambda s, v, t: (
            f"{signal} {versus(getattr(s, signal), limit(s, v, t))} ≥ {number(limit(s, v, t))}"
        ),
    )


def _below(signal: str, threshold: str) -> ConditionSpec:
    def limit(s: Signals, v: Any, t: Thresholds) -> float:
        return float(_resolve(v, getattr(t, threshold)))

    return ConditionSpec(
        test=lambda s, v, t: getattr(s, signal) < limit(s, v, t),
        describe=lambda s, v, t: (
            f"{signal} {versus(getattr(s, signal), limit(s, v, t))} < {number(limit(s, v, t))}"
        ),
    )


def _level(value: Any, t: Thresholds) -> int:
    return URGENCY_LEVELS.index(_resolve(value, t.urgency))


def _urgency_text(s: Signals) -> str:
    return f"urgency {s.urgency or 'unknown'} ({number(s.urgency_score)})"


def _contacts(s: Signals) -> str:
    return f"{s.contacts} contacts in {s.window_days} days"


def _confidence(below: bool) -> ConditionSpec:
    def holds(s: Signals, v: Any, t: Thresholds) -> bool:
        if s.confidence is None:
            return False
        limit = float(_resolve(v, s.intent_threshold))
        return s.confidence < limit if below else s.confidence >= limit

    def describe(s: Signals, v: Any, t: Thresholds) -> str:
        limit = float(_resolve(v, s.intent_threshold))
        sign = "<" if below else "≥"
        return f"confidence {versus(s.confidence, limit)} {sign} {number(limit)}"

    return ConditionSpec(holds, describe)


def _member(signal: str) -> ConditionSpec:
    def holds(s: Signals, v: Any, t: Thresholds) -> bool:
        value = getattr(s, signal)
        return value is not None and value in v

    return ConditionSpec(
        holds,
        lambda s, v, t: f"{signal} {getattr(s, signal) or 'unknown'} in {', '.join(map(str, v))}",
    )


def _flag(signal: str, yes: str, no: str) -> ConditionSpec:
    return ConditionSpec(
        lambda s, v, t: bool(getattr(s, signal)) == v,
        lambda s, v, t: yes if v else no,
    )


CONDITIONS: dict[str, ConditionSpec] = {
    "always": ConditionSpec(lambda s, v, t: True, lambda s, v, t: "no other rule matched"),
    "abuse_at_least": _at_least("abuse", "abuse"),
    "abuse_below": _below("abuse", "abuse"),
    "distress_at_least": _at_least("distress", "distress"),
    "distress_below": _below("distress", "distress"),
    "urgency_at_least": ConditionSpec(
        lambda s, v, t: s.urgency_rank >= _level(v, t),
        lambda s, v, t: f"{_urgency_text(s)} at or above {_resolve(v, t.urgency)}",
    ),
    "urgency_below": ConditionSpec(
        lambda s, v, t: 0 <= s.urgency_rank < _level(v, t),
        lambda s, v, t: f"{_urgency_text(s)} below {_resolve(v, t.urgency)}",
    ),
    "contacts_at_least": ConditionSpec(
        lambda s, v, t: s.contacts >= int(_resolve(v, t.repeat_contacts)),
        lambda s, v, t: f"{_contacts(s)} (≥ {_resolve(v, t.repeat_contacts)})",
    ),
    "contacts_below": ConditionSpec(
        lambda s, v, t: s.contacts < int(_resolve(v, t.repeat_contacts)),
        lambda s, v, t: f"{_contacts(s)} (< {_resolve(v, t.repeat_contacts)})",
    ),
    "open_conversations_at_least": ConditionSpec(
        lambda s, v, t: s.open_conversations >= int(v),
        lambda s, v, t: f"{s.open_conversations} open conversations (≥ {v})",
    ),
    "confidence_at_least": _confidence(below=False),
    "confidence_below": _confidence(below=True),
    "intent_in": _member("intent"),
    "intent_not_in": ConditionSpec(
        lambda s, v, t: s.intent is None or s.intent not in v,
        lambda s, v, t: f"intent {s.intent or 'unknown'} not in {', '.join(v)}",
    ),
    "intent_automatable": _flag(
        "automatable", "the intent is on the automatable list", "the intent is not automatable"
    ),
    "intent_abstained": ConditionSpec(
        lambda s, v, t: s.intent_abstained == v,
        lambda s, v, t: (
            f"the intent model is unsure (best guess {candidates(s)})"
            if v
            else "the intent model gave an answer"
        ),
    ),
    "intent_model_available": _flag(
        "intent_model_available", "an intent model is trained", "no intent model is trained yet"
    ),
    "has_second_intent": ConditionSpec(
        lambda s, v, t: (s.second_intent is not None) == v,
        lambda s, v, t: (
            f"the message also asks about {words(s.second_intent)}" if v else "one request only"
        ),
    ),
    "language_in": _member("language"),
    "channel_in": _member("channel"),
    "sentiment_in": _member("sentiment"),
    "has_pii": _flag("has_pii", "the message contains personal data", "no personal data"),
    "has_agent": _flag(
        "has_agent", "a person is already on this conversation", "no person assigned yet"
    ),
    "risk_in": ConditionSpec(
        lambda s, v, t: any(c in v and p >= s.risk_threshold for c, p, _ in s.risks),
        lambda s, v, t: (
            f"risk {risks(s)} in {', '.join(map(str, v))}"
            if s.risks
            else f"no risk signal (looked for {', '.join(map(str, v))})"
        ),
    ),
    "risk_at_least": _at_least("risk", "risk"),
    "risk_below": _below("risk", "risk"),
    "threat": _flag("threat", "the message threatens staff", "no threat"),
    "out_of_scope": _flag(
        "out_of_scope",
        "the message is about none of the intents the model knows",
        "the message is about a known intent",
    ),
    "small_talk_in": ConditionSpec(
        lambda s, v, t: s.small_talk is not None and s.small_talk in v,
        lambda s, v, t: f"the message is only small talk ({s.small_talk or 'none'})",
    ),
    "wants_person": _flag(
        "wants_person", "the customer asks for a person", "the customer did not ask for a person"
    ),
    "vague": _flag(
        "vague",
        "the message asks about something without naming it",
        "the message names what it is about",
    ),
    "tried_already": _flag(
        "tried_already",
        "the customer already tried the self-service step, asks for it to be redone, or for"
        " a change only staff can make",
        "the customer does not say they already tried",
    ),
    "asked_before": _flag(
        "asked_before",
        "a clarifying question was already asked in this conversation",
        "no clarifying question asked yet",
    ),
    "intent_from_sentence": _flag(
        "intent_read_from",
        "the intent is read from one question of a message the model is unsure of as a whole",
        "the intent is read from the whole message",
    ),
}


def risks(s: Signals) -> str:
    """The risk signals in words: ``fraud: a charge the customer did not make (0.80)``."""
    if not s.risks:
        return "none"
    return "; ".join(f"{words(c)}: {seen} ({number(p)})" for c, p, seen in s.risks)


def candidates(s: Signals) -> str:
    """The model's best guesses in words: ``'order status' 0.41 or 'refund request' 0.33``."""
    if not s.candidates:
        return "none"
    return " or ".join(f"'{words(label)}' {number(p)}" for label, p in s.candidates[:2])


def holds(name: str, value: Any, signals: Signals, thresholds: Thresholds) -> bool:
    """Whether condition ``name`` with its policy ``value`` holds for ``signals``."""
    return CONDITIONS[name].test(signals, value, thresholds)


def describe(name: str, value: Any, signals: Signals, thresholds: Thresholds) -> str:
    """The fact condition ``name`` checked, with numbers."""
    return CONDITIONS[name].describe(signals, value, thresholds)
