"""What customers write about, how often, and what must be true in their history for it.

The weights give a long tail like a real webshop's queue: "where is my order" dominates,
GDPR erasure requests are rare. ``stage`` says which state the order must be in at the time
of the conversation (so a damaged-item complaint is always about a delivered order), and
``followups`` which intent a customer who had to write again most plausibly comes back with.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class IntentSpec:
    """One intent of the demo and the facts a conversation about it needs."""

    name: str
    weight: float  # relative frequency of first contacts
    group: str  # delivery | product | money | account | info | complaint
    stage: str  # placed | in_transit | delivered | returned | old | any
    priority: str  # the usual priority before mood is taken into account
    bot: bool  # the chat assistant can settle it alone
    followups: tuple[str, ...] = ()


INTENTS: tuple[IntentSpec, ...] = (
    IntentSpec(
        "order_status",
        170,
        "delivery",
        "in_transit",
        "normal",
        True,
        ("order_status", "delivery_problem", "complaint_escalation"),
    ),
    IntentSpec("return_request", 95, "product", "delivered", "normal", True, ("refund_request",)),
    IntentSpec(
        "delivery_problem",
        85,
        "delivery",
        "in_transit",
        "high",
        False,
        ("delivery_problem", "complaint_escalation"),
    ),
    IntentSpec(
        "refund_request",
        75,
        "money",
        "returned",
        "normal",
        False,
        ("refund_request", "complaint_escalation"),
    ),
    IntentSpec("product_question", 70, "info", "any", "low", False),
    IntentSpec(
        "damaged_item",
        55,
        "product",
        "delivered",
        "high",
        False,
        ("damaged_item", "complaint_escalation"),
    ),
    IntentSpec("cancel_order", 45, "delivery", "placed", "high", True, ("cancel_order",)),
    IntentSpec(
        "password_reset", 45, "account", "any", "normal", True, ("password_reset", "account_access")
    ),
    IntentSpec("change_address", 40, "delivery", "placed", "high", True, ("change_address",)),
    IntentSpec("size_exchange", 35, "product", "delivered", "normal", False, ("size_exchange",)),
    IntentSpec(
        "billing_error",
        30,
        "money",
        "delivered",
        "high",
        False,
        ("billing_error", "complaint_escalation"),
    ),
    IntentSpec("account_access", 30, "account", "any", "normal", False, ("account_access",)),
    IntentSpec(
        "wrong_item",
        28,
        "product",
        "delivered",
        "high",
        False,
        ("wrong_item", "complaint_escalation"),
    ),
    IntentSpec(
        "double_charge",
        25,
        "money",
        "delivered",
        "high",
        False,
        ("double_charge", "complaint_escalation"),
    ),
    IntentSpec(
        "missing_item",
        22,
        "product",
        "delivered",
        "high",
        False,
        ("missing_item", "complaint_escalation"),
    ),
    IntentSpec("invoice_request", 20, "money", "delivered", "low", True),
    IntentSpec("promo_code", 18, "money", "delivered", "low", False),
    IntentSpec("payment_declined", 16, "money", "any", "normal", False),
    IntentSpec("subscription_change", 14, "money", "any", "normal", False),
    IntentSpec("warranty_claim", 12, "product", "old", "normal", False, ("warranty_claim",)),
    IntentSpec("loyalty_points", 10, "money", "delivered", "low", True),
    IntentSpec("gift_card_problem", 9, "money", "any", "normal", False),
    IntentSpec("complaint_escalation", 8, "complaint", "any", "high", False),
    IntentSpec("price_match", 6, "money", "delivered", "low", False),
    IntentSpec("newsletter_unsubscribe", 5, "account", "any", "low", True),
    IntentSpec("data_deletion_request", 4, "account", "any", "normal", False),
)
BY_NAME: dict[str, IntentSpec] = {spec.name: spec for spec in INTENTS}
NAMES: tuple[str, ...] = tuple(spec.name for spec in INTENTS)

#: Intents that ride along as the second issue of a message ("… and I need an invoice").
SECONDARY: tuple[str, ...] = (
    "invoice_request",
    "loyalty_points",
    "password_reset",
    "change_address",
    "product_question",
    "newsletter_unsubscribe",
)

# The automatable intents rarest in the main history get the most …
_TOPUP_RAREST = {"newsletter_unsubscribe": 6.0, "loyalty_points": 4.5, "invoice_request": 4.5}
# Their look-alikes: "unsubscribe me from Summit" is not the newsletter, "delete my
# account" is not "delete my address from your list".
_TOPUP_RAREST.update({"subscription_change": 4.0, "data_deletion_request": 3.0})
_TOPUP_LOOKALIKES = frozenset({
    "delivery_problem", "refund_request", "account_access", "promo_code", "product_question",
})  # fmt: skip

#: Which emotional sentences fit which kind of problem.
EMOTIONS_BY_GROUP: dict[str, tuple[str, ...]] = {
    "delivery": ("urgent_delivery", "vulnerable"),
    "product": ("urgent_delivery", "vulnerable"),
    "money": ("money_worry", "vulnerable"),
    "account": ("urgent_general", "vulnerable"),
    "info": ("urgent_delivery",),
    "complaint": ("vulnerable", "urgent_general"),
}

MOODS: tuple[tuple[str, float], ...] = (
    ("calm", 0.33),
    ("neutral", 0.37),
    ("upset", 0.205),
    ("distressed", 0.07),
    ("abusive", 0.025),
)
PRIORITIES = ("low", "normal", "high", "urgent")


def lookup_table(weighted: Sequence[tuple[T, float]], size: int = 4096) -> tuple[T, ...]:
    """A flat table where each value appears in proportion to its weight.

    Picking ``table[int(rng.random() * len(table))]`` is one multiplication, much cheaper
    than ``random.choices`` with weights, which matters at 100,000 conversations.
    """
    total = sum(weight for _, weight in weighted)
    table: list[T] = []
    acc = 0.0
    for value, weight in weighted:
        acc += weight
        table.extend([value] * (round(acc / total * size) - len(table)))
    return tuple(table)


INTENT_TABLE = lookup_table(tuple((spec.name, spec.weight) for spec in INTENTS))

#: The routine long tail in the minority languages, for the top-up ``generate_demo`` adds.
#: In the main history a Spanish newsletter request is one conversation in a few thousand
#: (5 of ~1,100 intent weight x 7% Spanish): too few for the demo's intent model to learn
#: it, so a routine question in Spanish would go to a person for want of examples, not
#: because it is hard. The top-up gives every intent a few conversations in de/fr/es, the
#: automatable ones (which the model must be sure about) and the ones they are confused
#: with more than the rest.
TOPUP_LANGUAGES: tuple[tuple[str, float], ...] = (("de", 30), ("fr", 30), ("es", 40))
TOPUP_INTENT_TABLE = lookup_table(
    tuple(
        (
            spec.name,
            _TOPUP_RAREST.get(spec.name)
            or (3.0 if spec.bot else 2.0 if spec.name in _TOPUP_LOOKALIKES else 1.0),
        )
        for spec in INTENTS
    )
)
MOOD_TABLE = lookup_table(MOODS)
