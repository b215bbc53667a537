"""What a decision looks at: the message's ``Understanding`` plus its ``Context``.

Why a separate ``Context``: the models judge one text, but "has this customer already asked
twice this week?" or "is a person already on this conversation?" come from the store. The
orchestrator counts them (decide never touches the database) and passes plain numbers, so
evaluation and simulation can decide on made-up contexts just as easily.

``Signals`` flattens both into the plain values rules compare and sentences quote; its
``inputs()`` is what a ``Decision`` stores, so an analyst can re-check any decision.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

from tandemdesk.decide.vocabulary import URGENCY_LEVELS

if TYPE_CHECKING:
    from tandemdesk.decide.policy import Policy
    from tandemdesk.understand.pipeline import Understanding


@dataclass(frozen=True, slots=True)
class Context:
    """Facts about the conversation that the text alone cannot tell.

    ``previous_contacts``: earlier contacts by this customer about the same thing within the
    last ``window_days`` days, *not* counting this message (so a first message has 0).
    ``open_conversations``: the customer's other open conversations. ``customer_language``:
    the language on the customer's record, used when the message's language is unclear.
    ``has_agent``: a person is already assigned to this conversation; ``queue`` the queue it
    is in (a follow-up to a conversation a person works stays in its queue).
    ``asked_before``: the bot already asked a clarifying question in this conversation (its
    answer is not a repeat contact, but a second unclear message goes to a person).
    """

    channel: str = "email"
    previous_contacts: int = 0
    window_days: int = 7
    open_conversations: int = 0
    customer_language: str | None = None
    has_agent: bool = False
    queue: str | None = None
    asked_before: bool = False

    def __post_init__(self) -> None:
        for name in ("previous_contacts", "open_conversations"):
            if getattr(self, name) < 0:
                raise ValueError(f"Context.{name} cannot be negative")
        if self.window_days < 1:
            raise ValueError("Context.window_days must be at least 1")
        object.__setattr__(self, "channel", self.channel.strip().lower())

    @property
    def contacts(self) -> int:
        """How many times the customer has written about this, this message included."""
        return self.previous_contacts + 1


@dataclass(frozen=True, slots=True)
class Signals:
    """The plain values rules compare: model outputs, context facts and the thresholds."""

    intent: str | None
    intent_abstained: bool
    intent_model_available: bool
    confidence: float | None
    intent_threshold: float
    automatable: bool
    candidates: tuple[tuple[str, float], ...]
    second_intent: str | None
    distress: float
    distress_threshold: float
    abuse: float
    abuse_threshold: float
    urgency: str | None
    urgency_score: float
    urgency_threshold: str
    contacts: int
    repeat_contacts: int
    window_days: int
    open_conversations: int
    channel: str
    language: str | None
    sentiment: str
    has_pii: bool
    has_agent: bool
    # Added with issue 13; defaults keep decisions stored before them replayable.
    risk: float = 0.0
    risk_threshold: float = 0.5
    risks: tuple[tuple[str, float, str], ...] = ()
    threat: bool = False
    out_of_scope: bool = False
    small_talk: str | None = None
    wants_person: bool = False
    vague: bool = False
    tried_already: str | None = None  # the customer's words: already tried, or redo it
    intent_read_from: str | None = None  # the question the intent was read from, if not all
    other_business: str | None = None  # the other company the message asks about
    current_queue: str | None = None
    asked_before: bool = False

    @property
    def urgency_rank(self) -> int:
        """Position in low < normal < high < urgent; -1 when the level is unknown."""
        return URGENCY_LEVELS.index(self.urgency) if self.urgency in URGENCY_LEVELS else -1

    def inputs(self) -> dict[str, Any]:
        """JSON-able copy stored with the decision (tuples become lists)."""
        data = {f.name: getattr(self, f.name) for f in fields(self)}  # flat: no deep copy
        data["candidates"] = [[label, p] for label, p in self.candidates]
        data["risks"] = [list(risk) for risk in self.risks]
        return data

    @property
    def risk_categories(self) -> tuple[str, ...]:
        """The risk categories detected, strongest first."""
        return tuple(category for category, _, _ in self.risks)


def _round(value: float) -> float:
    return round(float(value), 4)


def _risks(understanding: Understanding) -> tuple[tuple[str, float, str], ...]:
    """(category, score, what was seen in words) per detected risk, strongest first."""
    return tuple((c, _round(p), said) for c, p, said in understanding.risk.seen)


def _threat(understanding: Understanding) -> bool:
    """An abuse evidence that is a threat (violence, turning up in person …)."""
    from tandemdesk.understand.abuse import is_threat  # here: decide imports no models

    return is_threat(understanding.abuse)


def read_signals(understanding: Understanding, context: Context, policy: Policy) -> Signals:
    """Flatten one message's understanding and context into ``Signals`` for ``policy``."""
    prediction = understanding.intent
    abstained = prediction is not None and prediction.abstained
    label = prediction.label if prediction is not None and not abstained else None
    thresholds = policy.thresholds
    risks = _risks(understanding)
    return Signals(
        intent=label,
        intent_abstained=abstained,
        intent_model_available=prediction is not None,
        confidence=_round(prediction.confidence) if prediction is not None else None,
        intent_threshold=policy.min_confidence(label),
        automatable=label in policy.automatable_intents and not policy.needs_action(label),
        candidates=tuple((c, _round(p)) for c, p in (prediction.top_k if prediction else ())[:3]),
        second_intent=prediction.secondary if prediction is not None else None,
        distress=_round(understanding.distress.value),
        distress_threshold=thresholds.distress,
        abuse=_round(understanding.abuse.value),
        abuse_threshold=thresholds.abuse,
        urgency=understanding.urgency.label,
        urgency_score=_round(understanding.urgency.value),
        urgency_threshold=thresholds.urgency,
        contacts=context.contacts,
        repeat_contacts=thresholds.repeat_contacts,
        window_days=context.window_days,
        open_conversations=context.open_conversations,
        channel=context.channel,
        language=understanding.language.label or context.customer_language,
        sentiment=understanding.emotion.sentiment,
        has_pii=bool(understanding.pii),
        has_agent=context.has_agent,
        risk=max((p for _, p, _ in risks), default=0.0),
        risk_threshold=thresholds.risk,
        risks=risks,
        threat=_threat(understanding),
        out_of_scope=prediction is not None and prediction.out_of_scope,
        small_talk=understanding.dialogue.small_talk,
        wants_person=understanding.dialogue.wants_person,
        vague=understanding.dialogue.vague,
        tried_already=" … ".join(f"'{t}'" for t in understanding.dialogue.tried_words) or None,
        intent_read_from=prediction.read_from if prediction is not None and label else None,
        other_business=prediction.other_business if prediction is not None else None,
        current_queue=context.queue,
        asked_before=context.asked_before,
    )
