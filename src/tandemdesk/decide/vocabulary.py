"""The fixed words a policy may use: actions, conditions, threshold references, placeholders.

Why a fixed vocabulary instead of expressions (``distress > 0.6 and channel == 'chat'``): a
supervisor must be able to read any policy without knowing a language, every condition
must know how to explain itself with the numbers it looked at, and a typo must be an error
that lists the allowed words — not a condition that silently never matches.

This module is data only, so ``policy`` (validation), ``conditions`` (evaluation) and
``explain`` (sentences) share it without importing each other.
"""

from __future__ import annotations

from typing import Literal

Action = Literal[
    "automate", "draft_for_agent", "route_to_human", "ask_clarifying_question", "reply_courtesy"
]
ACTIONS: tuple[str, ...] = (
    "automate",
    "draft_for_agent",
    "route_to_human",
    "ask_clarifying_question",
    "reply_courtesy",
)
#: Actions where a person reads the message before the customer gets an answer.
HUMAN_ACTIONS: frozenset[str] = frozenset({"draft_for_agent", "route_to_human"})


#: Actions where the bot replies without a person: an answer, or a courtesy reply to small
#: talk ("thanks!" → "you're welcome"). Neither needs a queue.
BOT_ACTIONS: frozenset[str] = frozenset({"automate", "reply_courtesy"})
#: Small talk that ends a conversation: a courtesy reply to it resolves the conversation.
CLOSING_SMALL_TALK: frozenset[str] = frozenset({"thanks", "goodbye"})


def status_after(action: str, small_talk: str | None = None) -> str:
    """The conversation's status once ``action`` is recorded: an automated answer, or a
    courtesy reply to a thank-you or a goodbye, resolves it; anything else leaves it open
    (for a person, or for the customer's reply) — "hello? anyone there?" from a customer
    waiting in a queue gets a greeting back and stays in that queue."""
    if action == "automate" or (action == "reply_courtesy" and small_talk in CLOSING_SMALL_TALK):
        return "resolved"
    return "open"


#: What the risk component can detect (``understand/risk.py`` keeps the same tuple; a test
#: checks they agree). Data only here, so the policy validates without importing models.
RISK_CATEGORIES: tuple[str, ...] = (
    "self_harm", "safety_hazard", "fraud", "bereavement", "legal_threat", "vulnerable",
)  # fmt: skip
RiskCategory = Literal[
    "self_harm", "safety_hazard", "fraud", "bereavement", "legal_threat", "vulnerable"
]
#: Messages that are nothing but small talk (``understand/dialogue.py``).
SMALL_TALK: tuple[str, ...] = ("greeting", "thanks", "goodbye", "acknowledgement")
SmallTalk = Literal["greeting", "thanks", "goodbye", "acknowledgement"]


#: The customer's facts an automated answer may depend on (``act/answers_rules.py`` keeps
#: one function per name; a test checks they agree). A policy attaches them to its intents
#: (``automatable_intents.<intent>.checks``): "where is my parcel" is routine only while the
#: parcel is on its way — whatever the intent is called in the shop's own history.
FACT_CHECKS: tuple[str, ...] = (
    "order_in_transit",  # shipped and on its way: not late, delivered, cancelled, returned, held
    "returnable",  # delivered, and inside the return window
    "not_shipped",
    "points_not_yet_due",  # the order's loyalty points are not overdue
    "account_not_locked",  # not locked, or locked only after too many attempts
)
FactCheck = Literal[
    "order_in_transit", "returnable", "not_shipped", "points_not_yet_due", "account_not_locked"
]


UrgencyLevel = Literal["low", "normal", "high", "urgent"]
URGENCY_LEVELS: tuple[str, ...] = ("low", "normal", "high", "urgent")

#: ``queue: by_intent`` (the default for actions that need a person) picks the queue whose
#: ``intents`` list the message's intent, else the policy's ``default_queue``.
BY_INTENT = "by_intent"

#: Condition names whose value may be the word ``threshold``, and the threshold it means.
THRESHOLD_OF: dict[str, str] = {
    "abuse_at_least": "abuse",
    "abuse_below": "abuse",
    "distress_at_least": "distress",
    "distress_below": "distress",
    "urgency_at_least": "urgency",
    "urgency_below": "urgency",
    "contacts_at_least": "repeat_contacts",
    "contacts_below": "repeat_contacts",
    "risk_at_least": "risk",
    "risk_below": "risk",
}

#: Which signal a condition reads; a signal over its threshold that the firing rule did not
#: look at is still mentioned in the sentence ("… ; also distressed (0.82 ≥ 0.60)").
SIGNAL_OF: dict[str, str] = {
    "abuse_at_least": "abuse",
    "abuse_below": "abuse",
    "distress_at_least": "distress",
    "distress_below": "distress",
    "urgency_at_least": "urgency",
    "urgency_below": "urgency",
    "contacts_at_least": "contacts",
    "contacts_below": "contacts",
    "risk_at_least": "risk",
    "risk_below": "risk",
    "risk_in": "risk",
}

#: An ``explain`` template must show the numbers its rule decided on: a rule using the
#: condition on the left must mention at least one of the placeholders on the right.
NUMBERS_FOR: dict[str, frozenset[str]] = {
    "abuse_at_least": frozenset({"abuse"}),
    "abuse_below": frozenset({"abuse"}),
    "distress_at_least": frozenset({"distress"}),
    "distress_below": frozenset({"distress"}),
    "urgency_at_least": frozenset({"urgency", "urgency_score"}),
    "urgency_below": frozenset({"urgency", "urgency_score"}),
    "contacts_at_least": frozenset({"contacts"}),
    "contacts_below": frozenset({"contacts"}),
    "open_conversations_at_least": frozenset({"open_conversations"}),
    "confidence_at_least": frozenset({"confidence"}),
    "confidence_below": frozenset({"confidence"}),
    "intent_abstained": frozenset({"confidence", "candidates"}),
    "risk_at_least": frozenset({"risk", "risks"}),
    "risk_below": frozenset({"risk", "risks"}),
    "risk_in": frozenset({"risk", "risks"}),
}

#: Everything an ``explain`` template may write in braces, and what it becomes.
PLACEHOLDERS: dict[str, str] = {
    "rule_id": "the id of the rule that fired",
    "queue": "the queue the message goes to (empty when no person is involved)",
    "intent": "the intent in words ('order status'; 'unknown' when there is none)",
    "intent_label": "the intent's raw label (order_status)",
    "confidence": "the intent model's confidence, e.g. 0.91 ('n/a' without an intent model)",
    "intent_threshold": "the confidence this intent needs (automatable_intents or default)",
    "candidates": "the model's best guesses with confidences, for unclear messages",
    "second_intent": "a second request in the same message, in words ('none' if absent)",
    "usually_automated": "' even though 'order status' is usually automated' or nothing",
    "distress": "the distress score, e.g. 0.82",
    "distress_threshold": "thresholds.distress",
    "abuse": "the abuse score",
    "abuse_threshold": "thresholds.abuse",
    "urgency": "the urgency level (low, normal, high, urgent)",
    "urgency_score": "the urgency score behind the level",
    "urgency_threshold": "thresholds.urgency",
    "contacts": "how many times the customer has written about this, this message included",
    "repeat_contacts": "thresholds.repeat_contacts",
    "window_days": "the number of days the contacts are counted over",
    "open_conversations": "the customer's open conversations",
    "channel": "the channel (email, chat, web …)",
    "language": "the message's language code",
    "sentiment": "negative, neutral or positive",
    "risk": "the strongest risk signal's score, e.g. 0.90",
    "risk_threshold": "thresholds.risk",
    "risks": "the risk signals in words, with what was seen ('fraud: a charge the customer "
    "did not make (0.80)'; 'none')",
    "small_talk": "the kind of small talk (thanks, greeting …; 'none')",
    "tried": "the customer's words: what they already tried, or need the shop to do ('checked my"
    " spam folder'; 'none')",
    "question": "the question the intent was read from, when the whole message was unsure"
    " ('none' when it was read whole)",
    "business": "the other company the message asks about ('my Monzo app': 'Monzo'; 'none')",
}
