"""Automated answers grounded in the knowledge base and the customer's own data — or a reason.

One call, ``compose_answer``, turns (intent, text, language, facts, knowledge base) into either
an ``Answer`` (the filled text and the item it cites) or a ``NoAnswer`` (why not, in one
sentence the orchestrator puts in the handover note: "no shipment found for order NW-1").

Why "or a reason" and never a best effort: the promise of automation is that the routine is
answered *correctly*; anything doubtful goes to a person with the reason attached. So:

1. the intent's routine checks read the facts first (``answers_rules``): a "where is my order"
   about a parcel delivered ten days ago is not routine, whatever the text says;
2. a request that needs a person to *do* something (``needs_action``: cancel an order, change
   an address) is never answered automatically — a how-to would send the customer back to
   us, a macro saying "done" would be untrue — only drafted for an agent;
3. the policy names the answer (``answers``: ``Policy.answer_ids``): that item, in the
   customer's language (``KnowledgeBase.variant``), is the answer; with several, retrieval
   only orders them. The word overlap that ranks a whole knowledge base is not trusted to
   choose: a parcel in transit once got the "pick-up point" article that way. No version in
   the customer's language (and no allowed fallback) is a ``NoAnswer``, not another item;
4. without named items, only the items tagged with the intent compete (``answers_kb``:
   customer's language, then similarity), and those below ``min_score`` are never used;
5. the candidates are tried in order — those that state the customer's own order facts first
   (``prefer_personal``: "your order NW-1 shipped with DHL, tracking …" answers "where is my
   order" better than the how-to-track article, and step 1 has already checked those facts)
   — skipping agent-only items (except for a draft a person approves) and items whose
   ``{{placeholders}}`` the facts cannot fill (``answers_fill``); the first that fills
   completely is the answer; if none does, the best candidate's reason is returned.

Everything here is pure: the caller loads the customer, events and articles (see
``facts_from_timeline`` and ``item_from_article``) and stores the outcome.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from tandemdesk.act.answers_facts import (
    DEFAULT_ORDER_PATTERN,
    CustomerFacts,
    EventLike,
    OrderFacts,
    facts_from_timeline,
    mentioned_order_number,
)
from tandemdesk.act.answers_fill import (
    PLACEHOLDERS,
    PRIVATE_PLACEHOLDERS,
    FillContext,
    Unfillable,
    fill_placeholders,
    states_order_facts,
)
from tandemdesk.act.answers_kb import (
    DEFAULT_FALLBACK_LANGUAGE,
    KnowledgeBase,
    KnowledgeItem,
    Match,
    item_from_article,
    items_from_articles,
    normalize_language,
)
from tandemdesk.act.answers_rules import DEFAULT_RULES, AnswerRules
from tandemdesk.act.article_reply import framed
from tandemdesk.listen.articles import PLACEHOLDER
from tandemdesk.understand.language import NAMES as LANGUAGE_NAMES
from tandemdesk.understand.points_questions import asks_points_in_general, says_points_missing
from tandemdesk.understand.waits import short_wait

__all__ = [
    "DEFAULT_MIN_SCORE",
    "DEFAULT_ORDER_PATTERN",
    "PLACEHOLDERS",
    "PRIVATE_PLACEHOLDERS",
    "Answer",
    "AnswerOutcome",
    "AnswerRules",
    "CustomerFacts",
    "EventLike",
    "KnowledgeBase",
    "KnowledgeItem",
    "Match",
    "NoAnswer",
    "OrderFacts",
    "compose_answer",
    "facts_from_timeline",
    "item_from_article",
    "items_from_articles",
    "mentioned_order_number",
]

DEFAULT_MIN_SCORE = 0.35
"""The bar. With the default intent bonus (0.3) an item tagged with the intent needs a text
similarity of at least 0.05 (some overlap: "password", "Bestellung"), an untagged item 0.35
(a close paraphrase). Measured on the demo knowledge base: messages about an intent score
0.1–0.4 against its items, unrelated questions 0.05–0.2 against any item."""

NoAnswerCode = Literal[
    "not_routine", "needs_action", "no_item", "below_bar", "language", "unfillable", "agent_only"
]


@dataclass(frozen=True, slots=True)
class Answer:
    """A reply ready to send: the filled text and the item it is grounded in (the citation)."""

    text: str
    item: KnowledgeItem
    language: str
    language_fallback: bool  # True when answered in the fallback language, not the customer's
    filled: Mapping[str, str]  # placeholder → the value put in (for audit and the LLM masking)
    score: float
    similarity: float
    intent_match: bool

    @property
    def item_id(self) -> str:
        return self.item.id

    @property
    def item_kind(self) -> str:
        return self.item.kind

    @property
    def item_title(self) -> str:
        return self.item.title

    def explain(self) -> str:
        """One sentence for the decision log."""
        fallback = f", in {self.language} (fallback)" if self.language_fallback else ""
        return (
            f'answered with {self.item_kind} {self.item_id} "{self.item_title}" '
            f"(score {self.score:.2f}{fallback})"
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain data for storage: the citation, never the item body."""
        return {
            "text": self.text,
            "item_id": self.item_id,
            "item_kind": self.item_kind,
            "item_title": self.item_title,
            "language": self.language,
            "language_fallback": self.language_fallback,
            "filled": dict(self.filled),
            "score": self.score,
            "similarity": self.similarity,
            "intent_match": self.intent_match,
        }


@dataclass(frozen=True, slots=True)
class NoAnswer:
    """Why no grounded answer was given; ``reason`` is written for the agent who takes over."""

    code: NoAnswerCode
    reason: str
    item_id: str | None = None  # the best candidate, when there was one
    score: float | None = None
    tried: tuple[str, ...] = field(default=())  # "item-id: reason" for every candidate tried

    def explain(self) -> str:
        """The handover sentence: ``no grounded answer (no shipment found for order NW-1)``."""
        return f"no grounded answer ({self.reason})"

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "reason": self.reason,
            "item_id": self.item_id,
            "score": self.score,
            "tried": list(self.tried),
        }


AnswerOutcome = Answer | NoAnswer


def _language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)


def _personal(match: Match) -> bool:
    """Whether the item states the customer's own order facts (not just their name)."""
    names = match.item.placeholders or PLACEHOLDER.findall(match.item.body)
    return states_order_facts(names)


def _fallback_would_fit(
    kb: KnowledgeBase, intent: str | None, text: str, fallback: str, min_score: float
) -> bool:
    """Whether an item of the intent in the fallback language would clear the bar (for the
    reason only)."""
    return any(m.intent_match and m.score >= min_score for m in kb.rank(intent, text, fallback))


def _named(
    kb: KnowledgeBase,
    intent: str | None,
    answers: Sequence[str],
    text: str,
    wanted: str,
    fallback: str | None,
) -> list[Match] | NoAnswer:
    """The policy's answer items in the customer's language (else, when allowed, in the
    fallback language, flagged), closest to the message first — or why there are none."""
    found = [v for i in answers if (v := kb.variant(i, wanted)) is not None]
    flagged = False
    if not found and fallback is not None and fallback != wanted:
        found = [v for i in answers if (v := kb.variant(i, fallback)) is not None]
        flagged = True
    named = ", ".join(answers)
    if not found:
        if not any(kb.knows(i) for i in answers):
            return NoAnswer(
                "no_item",
                f"the policy answers {intent} with {named}, which is not in the knowledge base",
            )
        also = f" or {_language_name(fallback)}" if fallback and fallback != wanted else ""
        allowed = (
            "" if fallback else ", and the policy does not allow answering in another language"
        )
        return NoAnswer(
            "language",
            f"the policy's answer for {intent} ({named}) has no {_language_name(wanted)}"
            f"{also} version{allowed}",
        )
    unique = list(dict.fromkeys(found))
    ranked = kb.matches(unique, text, intent, flagged)
    ranked.sort(key=lambda m: m.similarity, reverse=True)  # stable: ties keep the policy's order
    return ranked


def _tagged(
    kb: KnowledgeBase,
    intent: str | None,
    text: str,
    wanted: str,
    fallback: str,
    allow_language_fallback: bool,
    min_score: float,
) -> list[Match] | NoAnswer:
    """The items tagged with the intent that clear the bar, best first — or why none does."""
    ranked = [
        m
        for m in kb.rank(
            intent,
            text,
            wanted,
            allow_language_fallback=allow_language_fallback,
            fallback_language=fallback,
        )
        if m.intent_match
    ]
    above = [m for m in ranked if m.score >= min_score]
    if above:
        return above
    blocked = not allow_language_fallback and wanted != fallback
    if blocked and not ranked and _fallback_would_fit(kb, intent, text, fallback, min_score):
        return NoAnswer(
            "language",
            f"no {_language_name(wanted)} article or macro fits this question, and the "
            f"policy does not allow answering in {_language_name(fallback)}",
        )
    if not ranked:
        if intent is None:
            return NoAnswer(
                "no_item", "no intent was recognised, so no article or macro can be chosen"
            )
        if not len(kb):
            return NoAnswer("no_item", "the knowledge base is empty")
        return NoAnswer(
            "no_item", f"no article or macro in {_language_name(wanted)} is for {intent}"
        )
    best = ranked[0]
    return NoAnswer(
        "below_bar",
        f"no article or macro fits well enough: the best, {best.item.id}, scores "
        f"{best.score:.2f} (the bar is {min_score:.2f})",
        item_id=best.item.id,
        score=best.score,
    )


def compose_answer(
    intent: str | None,
    text: str,
    language: str | None,
    facts: CustomerFacts,
    kb: KnowledgeBase,
    min_score: float = DEFAULT_MIN_SCORE,
    *,
    answers: Sequence[str] = (),
    needs_action: bool = False,
    for_draft: bool = False,
    allow_language_fallback: bool = False,
    fallback_language: str = DEFAULT_FALLBACK_LANGUAGE,
    rules: AnswerRules = DEFAULT_RULES,
) -> AnswerOutcome:
    """Answer ``text`` (about ``intent``) from ``kb`` and ``facts``, or say why not.

    ``language`` is the customer's (the message's or the profile's; ``None`` = fallback).
    ``answers``: the item ids the policy names for the intent (``Policy.answer_ids``); when
    given, one of them is the answer or there is none. ``needs_action``: the request needs a
    person to do something (``Policy.needs_action``): never an automatic answer, only a
    draft. ``rules``: the fact checks and numbers, the policy's (``rules_for``). ``for_draft``:
    the answer is a draft a person approves, so items tagged
    agent-only may be used. ``allow_language_fallback`` lets an item in
    ``fallback_language`` answer when none in the customer's language does; the answer is
    then flagged ``language_fallback``.
    """
    # what the text itself says, for the checks
    facts = replace(
        facts,
        counted_wait=short_wait(text),
        points_missing_said=says_points_missing(text),
        points_asked_in_general=asks_points_in_general(text),
    )
    objection = rules.not_routine(intent, facts)
    if objection:
        return NoAnswer("not_routine", objection)
    if needs_action and not for_draft:
        return NoAnswer(
            "needs_action",
            f"this {intent or 'request'} needs a person to carry it out; an automatic reply "
            "could only tell the customer how to ask for it, which they just did",
        )
    wanted = normalize_language(language, fallback_language)
    fallback = normalize_language(fallback_language)
    if answers:
        allowed = fallback if allow_language_fallback else None
        chosen = _named(kb, intent, answers, text, wanted, allowed)
    else:
        chosen = _tagged(kb, intent, text, wanted, fallback, allow_language_fallback, min_score)
    if isinstance(chosen, NoAnswer):
        return chosen
    if rules.prefer_personal:  # stable sort: within each group the order above holds
        chosen.sort(key=lambda m: (m.language_fallback, not _personal(m)))
    tried: list[tuple[str, NoAnswerCode, str]] = []
    for match in chosen:
        item = match.item
        if not for_draft and rules.agent_only_tags & set(item.tags):
            tried.append((item.id, "agent_only", "for agents only"))
            continue
        answer_language = item.language
        ctx = FillContext(facts, answer_language, rules.sender_for(answer_language))
        try:
            filled_text, values = fill_placeholders(item.body, ctx)
        except Unfillable as e:
            tried.append((item.id, "unfillable", e.reason))
            continue
        if item.kind == "article":  # a help-centre page: greeted, plain, signed
            filled_text = framed(filled_text, answer_language, facts.first_name, ctx.sender)
        return Answer(
            text=filled_text,
            item=item,
            language=answer_language,
            language_fallback=match.language_fallback,
            filled=values,
            score=match.score,
            similarity=match.similarity,
            intent_match=match.intent_match,
        )
    # every candidate failed: the best one's reason is the handover sentence
    _, code, reason = tried[0]
    return NoAnswer(
        code,
        reason,
        item_id=chosen[0].item.id,
        score=chosen[0].score,
        tried=tuple(f"{item_id}: {why}" for item_id, _, why in tried),
    )
