"""Build ``Understanding`` objects directly, so decide tests never run the ML models."""

from __future__ import annotations

from tandemdesk.understand.base import Evidence, IntentPrediction, Score
from tandemdesk.understand.dialogue import DialogueAct
from tandemdesk.understand.emotion import EmotionReading
from tandemdesk.understand.pii import PiiSpan
from tandemdesk.understand.pipeline import Understanding
from tandemdesk.understand.risk import RiskReading

NO_MODEL = "__no_intent_model__"


def understanding(
    intent: str | None = "order_status",
    confidence: float = 0.95,
    *,
    distress: float = 0.1,
    abuse: float = 0.0,
    urgency: str | None = "normal",
    urgency_score: float = 0.3,
    language: str | None = "en",
    sentiment: str = "neutral",
    secondary: str | None = None,
    pii: bool = False,
    candidates: tuple[tuple[str, float], ...] | None = None,
    risks: tuple[tuple[str, float], ...] = (),
    threat: bool = False,
    out_of_scope: bool = False,
    small_talk: str | None = None,
    wants_person: bool = False,
    vague: bool = False,
    tried: str | None = None,
    read_from: str | None = None,
    other_business: str | None = None,
) -> Understanding:
    """A message understood as given; ``intent=None`` means the model abstained,
    ``intent=NO_MODEL`` that the workspace has no intent model."""
    prediction: IntentPrediction | None
    if intent == NO_MODEL:
        prediction = None
    else:
        top_k = candidates or ((intent or "order_status", confidence), ("refund_request", 0.02))
        prediction = IntentPrediction(
            label=intent,
            confidence=confidence,
            top_k=top_k,
            abstained=intent is None or out_of_scope,
            secondary=secondary,
            threshold=0.5,
            out_of_scope=out_of_scope,
            read_from=read_from,
            other_business=other_business,
        )
    reading = EmotionReading(
        sentiment=sentiment,
        sentiment_scores=(("negative", 0.2), ("neutral", 0.6), ("positive", 0.2)),
        emotions=(),
        distress=distress,
        evidence=(),
    )
    spans = (PiiSpan("EMAIL", 0, 5, "a@b.c"),) if pii else ()
    return Understanding(
        redacted_text="[EMAIL] where is my order?" if pii else "where is my order?",
        language=Score("language", language, 0.99, abstained=language is None),
        intent=prediction,
        emotion=reading,
        distress=reading.distress_score,
        urgency=Score("urgency", urgency, urgency_score),
        abuse=Score(
            "abuse",
            "abusive" if abuse >= 0.6 else None,
            abuse,
            (Evidence("lexicon.threat", "threat", 0, 4, "kill", 0.95),) if threat else (),
        ),
        pii=spans,
        risk=RiskReading(
            risks, tuple(Evidence(f"risk.{c}", c.replace("_", " "), weight=p) for c, p in risks)
        ),
        dialogue=DialogueAct(small_talk, wants_person, _tried_evidence(tried), vague, bool(tried)),
    )


def _tried_evidence(tried: str | None) -> tuple[Evidence, ...]:
    if tried is None:
        return ()
    return (Evidence("dialogue.tried_already", "already tried", 0, len(tried), tried),)
