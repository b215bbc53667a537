"""Run every component on a batch of messages: the one call ``decide`` and the CLI need.

Each message gets language, intent (when the workspace has an intent model, with its
out-of-scope judgement), emotional state (sentiment, emotions, distress), urgency, abuse,
risk signals (crisis, safety, fraud, bereavement, legal, vulnerable), dialogue acts (small
talk, "I want a person") and personal data, every part with its confidence and evidence.
Where a shop turns it on, distress of the messages the fast model reads worst (not in
English) is read again by a multilingual encoder (``second_opinion``).
Models see the raw text (what they were trained on); the redacted text is what the result
carries for analytics, logs and any LLM.

Urgency: the transparent rules always run and name what fired; when the workspace learned an
urgency model from its own priority labels, the higher of the two levels wins and both are
in the evidence — a learned "low" never hides a rule that saw "my child is allergic". Safety
raises urgency too (``SAFETY_LEVELS``): a threat to staff or a customer in crisis is urgent,
a safety hazard or fraud at least high, with the reason in the evidence.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from tandemdesk.errors import InvalidRecordError
from tandemdesk.understand import abuse, dialogue, emotion, risk
from tandemdesk.understand import second_opinion as opinion
from tandemdesk.understand.base import Evidence, IntentPrediction, Score
from tandemdesk.understand.boilerplate import without_boilerplate
from tandemdesk.understand.dialogue import DialogueAct
from tandemdesk.understand.emotion import EmotionReading
from tandemdesk.understand.encoder import shared_encoder
from tandemdesk.understand.language import LanguageDetector
from tandemdesk.understand.ngrams import shared_analysis
from tandemdesk.understand.pii import PiiRedactor, PiiSpan, Redaction
from tandemdesk.understand.risk import RiskReading
from tandemdesk.understand.text import is_blank
from tandemdesk.understand.training import TrainedModel
from tandemdesk.understand.urgency import LEVEL_FLOOR, LEVELS, UrgencyRules, level_of_label

MAX_INPUT_CHARS = 1_000_000
# Messages understood together: intent, emotion and abuse share each text's n-gram counts
# within a chunk (``shared_analysis``), so this bounds that cache. 4,096 is the intent
# model's own featurisation chunk, so chunking changes no model input.
_CHUNK = 4_096


NO_RISK = RiskReading((), ())
NO_DIALOGUE_ACT = DialogueAct(None, False, ())


@dataclass(frozen=True, slots=True)
class Understanding:
    """What tandemdesk understood of one message."""

    redacted_text: str
    language: Score
    intent: IntentPrediction | None
    emotion: EmotionReading
    distress: Score
    urgency: Score
    abuse: Score
    pii: tuple[PiiSpan, ...]
    risk: RiskReading = NO_RISK
    dialogue: DialogueAct = NO_DIALOGUE_ACT

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able data (``--json`` output, stored with decisions).

        Written out rather than ``dataclasses.asdict``: that deep-copies every evidence
        tuple recursively and cost more than deciding the message.
        """
        reading = self.emotion
        return {
            "redacted_text": self.redacted_text,
            "language": _score(self.language),
            "intent": None if self.intent is None else _intent(self.intent),
            "emotion": {
                "sentiment": reading.sentiment,
                "sentiment_scores": [list(pair) for pair in reading.sentiment_scores],
                "emotions": [list(pair) for pair in reading.emotions],
                "distress": reading.distress,
                "evidence": [_evidence(e) for e in reading.evidence],
            },
            "distress": _score(self.distress),
            "urgency": _score(self.urgency),
            "abuse": _score(self.abuse),
            "pii": [{"type": s.type, "start": s.start, "end": s.end} for s in self.pii],
            "risk": self.risk.to_dict(),
            "dialogue": self.dialogue.to_dict(),
        }


def _evidence(e: Evidence) -> dict[str, Any]:
    return {"source": e.source, "detail": e.detail, "start": e.start, "end": e.end,
            "text": e.text, "weight": e.weight}  # fmt: skip


def _score(score: Score) -> dict[str, Any]:
    return {
        "kind": score.kind,
        "label": score.label,
        "value": score.value,
        "evidence": [_evidence(e) for e in score.evidence],
        "abstained": score.abstained,
    }


def _intent(p: IntentPrediction) -> dict[str, Any]:
    return {
        "label": p.label,
        "confidence": p.confidence,
        "top_k": [list(pair) for pair in p.top_k],
        "abstained": p.abstained,
        "secondary": p.secondary,
        "threshold": p.threshold,
        "out_of_scope": p.out_of_scope,
        "novelty": p.novelty,
        "read_from": p.read_from,
        "other_business": p.other_business,
    }


_RANK = {level: i for i, level in enumerate(LEVELS)}


def _stronger(rules: Score, learned: IntentPrediction) -> Score:
    """Combine rule and learned urgency: the higher level wins, both are evidence.

    The model speaks the history's own labels ("P1", "Highest"); ``level_of_label`` puts
    them on the rules' scale, and a label it does not know leaves the rules to decide and
    says so. When the learned level wins, the score rises to at least that level's floor,
    so level and score never disagree.
    """
    level = level_of_label(learned.label) if learned.label else None
    said = f"learned level {learned.label} ({learned.confidence:.2f})"
    if learned.label and level is None:
        said += ": not a priority name tandemdesk knows, so the rules decide"
    elif level is not None and level != learned.label:
        said += f", i.e. {level}"
    evidence = (
        *rules.evidence,
        Evidence("model.urgency", said, weight=learned.confidence),
    )
    label, value = rules.label, rules.value  # the rules always name one of ``LEVELS``
    if level is not None and _RANK[level] > _RANK[str(label)]:
        label, value = level, max(value, LEVEL_FLOOR[level])
    return Score("urgency", label, value, evidence)


# Safety raises urgency: a threat to staff or a customer in crisis is answered first, a
# hazard or fraud soon. (category or "threat", the level it lifts urgency to at least)
SAFETY_LEVELS: tuple[tuple[str, str], ...] = (
    ("threat", "urgent"),
    ("self_harm", "urgent"),
    ("safety_hazard", "high"),
    ("fraud", "high"),
)


def _safety_raised(urgency: Score, abuse_score: Score, reading: RiskReading) -> Score:
    """Urgency at least the level a threat or a serious risk calls for, with the reason."""
    seen = {category for category, _ in reading.categories}
    if abuse.is_threat(abuse_score):
        seen.add("threat")
    if not seen:
        return urgency
    label, value, evidence = str(urgency.label), urgency.value, urgency.evidence
    for cause, level in SAFETY_LEVELS:
        if cause in seen and _RANK[level] > _RANK.get(label, -1):
            label, value = level, max(value, LEVEL_FLOOR[level])
            evidence = (*evidence, Evidence(f"rule.safety.{cause}", f"{cause} → {level}"))
    return urgency if label == urgency.label else Score("urgency", label, value, evidence)


@dataclass
class Pipeline:
    """All components, loaded once; ``understand`` is batch-first like every component."""

    intent: TrainedModel | None = None
    urgency_model: TrainedModel | None = None
    emotion_model: emotion.EmotionClassifier = field(default_factory=emotion.default_model)
    abuse_model: abuse.AbuseDetector = field(default_factory=abuse.default_model)
    language: LanguageDetector = field(default_factory=lambda: LanguageDetector().fit([]))
    pii: PiiRedactor = field(default_factory=lambda: PiiRedactor().fit([]))
    urgency_rules: UrgencyRules = field(default_factory=lambda: UrgencyRules().fit([]))
    risk_detector: risk.RiskDetector = field(default_factory=risk.default_detector)
    dialogue_detector: dialogue.DialogueActDetector = field(
        default_factory=dialogue.default_detector
    )
    second_opinion: opinion.SecondOpinion | None = field(default_factory=opinion.default_model)
    second_opinion_scope: str = field(default_factory=opinion.scope_from_environment)

    def __post_init__(self) -> None:
        if self.second_opinion_scope != "off":  # loaded now (server start), not mid-message
            shared_encoder()

    def encoder_checks(self) -> dict[str, str]:
        """What ``/readyz`` says of the encoder: ``second_opinion`` is off, on (for which
        messages) or on but unusable (fast models only; the log says why), and with it on,
        ``intent_second_opinion``: whether the active intent model has the encoder's head."""
        scope = self.second_opinion_scope
        if scope == "off":
            return {"second_opinion": "off"}
        if self.second_opinion is None or shared_encoder() is None:
            return {"second_opinion": f"{scope} but unavailable, see the server log: fast "
                    "models only"}  # fmt: skip
        checks = {"second_opinion": f"ok ({scope})"}
        if self.intent is not None:
            checks["intent_second_opinion"] = (
                "ok" if self.intent.head is not None
                else "none: the intent model was trained with the setting off (retrain)"
            )  # fmt: skip
        return checks

    def understand(self, texts: Sequence[str]) -> list[Understanding]:
        """Understand a batch; a blank or oversized text is a clear error, not a guess."""
        for position, text in enumerate(texts, start=1):
            if not isinstance(text, str) or is_blank(text):
                raise InvalidRecordError(f"message {position} has no text to understand")
            if len(text) > MAX_INPUT_CHARS:
                raise InvalidRecordError(
                    f"message {position} is {len(text):,} characters; the limit is "
                    f"{MAX_INPUT_CHARS:,}"
                )
        if not texts:
            return []
        texts = list(texts)
        results: list[Understanding] = []
        for start in range(0, len(texts), _CHUNK):
            with shared_analysis():
                results += self._understand(texts[start : start + _CHUNK])
        return results

    def _quoted_without_pii(self, intent: IntentPrediction | None) -> IntentPrediction | None:
        """The sentence an intent was read from is quoted to people (the decision's
        explanation, ``understand --json``): redacted like the message itself (a review
        found "placed by iain.mackay@example.com?" quoted beside a redacted text)."""
        if intent is None or intent.read_from is None:
            return intent
        return dataclasses.replace(intent, read_from=self.pii.redact([intent.read_from])[0])

    def _without_boilerplate(self, given: list[str]) -> list[str]:
        """What the components read (``boilerplate``). A signature's lines are kept when
        blanking them would leave a message that is nothing but small talk while it is not
        without that: "Hi⏎⏎Thanks,⏎Order 4471 | jacket | wrong size⏎Exchange to L" is a
        request, whatever its lines look like, and small talk gets a courtesy reply that
        closes the conversation ("Danke!⏎⏎Nina⏎⏎Von meinem iPhone gesendet" is small talk
        either way)."""
        texts = [without_boilerplate(text) for text in given]
        changed = [row for row, text in enumerate(texts) if text != given[row]]
        blanked = self.dialogue_detector.analyse([texts[row] for row in changed])
        only_small_talk = [row for row, act in zip(changed, blanked, strict=True) if act.small_talk]
        lighter = [without_boilerplate(given[row], signatures=False) for row in only_small_talk]
        kept = self.dialogue_detector.analyse(lighter)
        for row, light, act in zip(only_small_talk, lighter, kept, strict=True):
            if act.small_talk is None:
                texts[row] = light
        return texts

    def _understand(self, given: list[str]) -> list[Understanding]:
        """One chunk of valid texts, inside one ``shared_analysis`` block. Every component
        but PII redaction reads a text without its disclaimers and signature contact block
        (``boilerplate``: the customer did not write them to us); the same length, so spans
        point into the text as given."""
        texts = self._without_boilerplate(given)
        languages: list[Score] = self.language.analyse(texts)
        # the encoder reads the chosen rows once; distress and intent share the vectors
        head = self.intent is not None and self.intent.head is not None
        rows = opinion.chosen_rows(languages, self.second_opinion_scope)
        if self.second_opinion is None and not head:
            rows = []
        vectors = opinion.encode_rows(texts, rows)
        intents: list[IntentPrediction | None] = [None] * len(texts)
        if self.intent is not None:
            intents = list(self.intent.analyse(texts, vectors, rows))
        emotions: list[EmotionReading] = self.emotion_model.analyse(texts)
        if self.second_opinion is not None and vectors is not None:
            emotions = self.second_opinion.revise(texts, emotions, rows, vectors=vectors)
        abuses: list[Score] = self.abuse_model.analyse(texts)
        urgencies: list[Score] = self.urgency_rules.analyse(texts)
        if self.urgency_model is not None:
            learned = self.urgency_model.analyse(texts)
            urgencies = [_stronger(r, u) for r, u in zip(urgencies, learned, strict=True)]
        redactions: list[Redaction] = self.pii.analyse(given)
        intents = [self._quoted_without_pii(intent) for intent in intents]
        risks: list[RiskReading] = self.risk_detector.analyse(texts)
        acts: list[DialogueAct] = self.dialogue_detector.analyse(texts)
        urgencies = [
            _safety_raised(u, a, r) for u, a, r in zip(urgencies, abuses, risks, strict=True)
        ]
        parts = zip(
            languages, intents, emotions, abuses, urgencies, redactions, risks, acts, strict=True
        )
        return [
            Understanding(
                redacted_text=redaction.text,
                language=language,
                intent=intent,
                emotion=reading,
                distress=reading.distress_score,
                urgency=urgency,
                abuse=abuse_score,
                pii=redaction.spans,
                risk=risk_reading,
                dialogue=act,
            )
            for language, intent, reading, abuse_score, urgency, redaction, risk_reading, act in (
                parts
            )
        ]
