"""When the customer's own facts say a question is not routine, whatever the text says.

"Where is my order?" is routine while the parcel is on its way. If the timeline says it was
delivered ten days ago, the customer is really telling us it never arrived: a cheerful "your
order is on its way" would be wrong and hurtful. So before any item is chosen, the checks of
the message's intent read the facts; the first that objects returns a sentence, and the answer
becomes a handover with that sentence as its reason.

Which checks an intent gets is the policy's to say (``automatable_intents.<intent>.checks``:
names from ``CHECKS``), because intents are named after the shop's own history: a shop whose
"where is my parcel" intent is ``wismo`` must be able to give it ``order_in_transit``, or a
parcel delivered ten days ago would be answered "on its way". An intent the policy gives no
``checks`` keeps the built-in ones of the same name (``DEFAULT_CHECKS``, the demo shop's
intent names); ``checks: []`` turns them off. One check runs for every intent: a message
quoting an order that is not in the customer's history is handed over rather than answered
about another order.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from types import MappingProxyType

from tandemdesk.act.answers_facts import CustomerFacts, OrderFacts
from tandemdesk.decide.policy import Policy

Check = Callable[[CustomerFacts, "AnswerRules"], str | None]
"""A rule: ``None`` when the facts allow an automated answer, else the reason they do not."""

DEFAULT_SENDERS: Mapping[str, str] = MappingProxyType(
    {
        "en": "Customer Support",
        "de": "Ihr Kundenservice",
        "fr": "Le service client",
        "es": "Atención al cliente",
    }
)
"""Who signs automated answers (``{{agent.first_name}}``): a team, never a made-up person."""

AGENT_ONLY_TAGS = frozenset({"agent-only", "agent_only", "no-auto"})
"""Items with one of these tags are never sent automatically (e.g. a macro that says "I've
issued your refund": true when an agent did it, a false promise from automation)."""


def _ago(facts: CustomerFacts, at: datetime) -> str:
    days = (facts.as_of.date() - at.date()).days
    when = {0: "today", 1: "yesterday"}.get(days, f"{days} days ago")
    return f"{when} ({at.date().isoformat()})"


def _finished(order: OrderFacts, facts: CustomerFacts) -> str | None:
    """The order left the normal flow: cancelled, being returned or refunded."""
    if order.cancelled_at is not None and order.status == "cancelled":
        return f"order {order.number} was cancelled {_ago(facts, order.cancelled_at)}"
    stages = (
        ("refunded", order.refunded_at, "was refunded"),
        ("returned", order.returned_at, "was returned"),
        ("return_requested", order.return_requested_at, "has a return under way since"),
    )
    for status, at, words in stages:
        if order.status == status and at is not None:
            return f"order {order.number} {words} {_ago(facts, at)}"
    return None


def unknown_mentioned_order(facts: CustomerFacts, rules: AnswerRules) -> str | None:
    """The message quotes an order number this customer does not have."""
    if facts.mentioned_order and facts.order is None:
        return facts.missing_order_reason()
    return None


def order_in_transit(facts: CustomerFacts, rules: AnswerRules) -> str | None:
    """ "Where is my order" is routine only while the order is on its way and on time, and
    while the wait the customer counts is a parcel's: counted in minutes or hours for a
    parcel that left days ago, it is most often another delivery. A customer who may be
    waiting for two orders (``CustomerFacts.awaited``: on their way, or delivered or sent
    again in the last days) and names neither may mean either: an answer about one (suite
    14: "where's my order?" answered with the DPD parcel while the customer waited for the
    Royal Mail one; a review: "it was meant to come yesterday" answered with the parcel
    that left today, not the one marked delivered yesterday) is right half the time."""
    order = facts.order
    if order is None:
        return facts.missing_order_reason()
    if not facts.mentioned_order and len(facts.awaited) > 1:
        return (
            f"the customer may be waiting for {len(facts.awaited)} orders "
            f"({', '.join(facts.awaited)}) and the message does not say which"
        )
    finished = _finished(order, facts)
    if finished:
        return finished
    if order.delivered_at is not None:
        return f"order {order.number} was delivered {_ago(facts, order.delivered_at)}"
    if order.exception:
        return f"order {order.number} has an open delivery exception ({order.exception})"
    if order.shipped_at is None:
        return f"no shipment found for order {order.number}"
    if facts.counted_wait and order.shipped_at.date() < facts.as_of.date():
        return (
            f"the customer counts the wait in minutes or hours ('{facts.counted_wait}'), but "
            f"order {order.number} shipped {_ago(facts, order.shipped_at)}: the message may be "
            "about another delivery (a courier or a food order)"
        )
    if order.eta is not None:
        late_from = order.eta + timedelta(days=rules.late_after_days)
        if facts.as_of.date() > late_from:
            return (
                f"order {order.number} is late: its delivery estimate "
                f"({order.eta.isoformat()}) has passed"
            )
    return None


def returnable(facts: CustomerFacts, rules: AnswerRules) -> str | None:
    """A return is routine for a delivered order inside the return window (or no order yet:
    the how-to article answers that)."""
    order = facts.order
    if order is None:
        return None
    finished = _finished(order, facts)
    if finished:
        return finished
    if order.delivered_at is None:
        return f"order {order.number} has not been delivered yet"
    days = (facts.as_of - order.delivered_at).days
    if days > rules.return_window_days:
        return (
            f"order {order.number} was delivered {days} days ago, outside the "
            f"{rules.return_window_days}-day return window"
        )
    return None


def not_shipped(facts: CustomerFacts, rules: AnswerRules) -> str | None:
    """Cancelling or changing the address is routine only before the parcel leaves."""
    order = facts.order
    if order is None:
        return None
    finished = _finished(order, facts)
    if finished:
        return finished
    if order.shipped_at is not None:
        return f"order {order.number} has already shipped {_ago(facts, order.shipped_at)}"
    return None


def points_not_yet_due(facts: CustomerFacts, rules: AnswerRules) -> str | None:
    """Missing Club points are routine only while they are not due yet: the help article's
    "points are credited N days after delivery" settles that; past it, the article can only
    say "contact us", which the customer just did.

    Which order: the quoted one; else the customer's latest, when it was delivered longer
    ago than that and no points were credited for it ("where are my points from my order?
    it's been weeks" names no number), or whatever its points when the customer says some
    are missing (they may mean an older order). A question only about points in general
    (the balance, how they work: ``understand.points_questions``) is the article's, unless
    the shop sends this customer's points (``earns_points``) and the latest order's are
    overdue (suite 16: every demo customer whose last order came over 14 days ago was handed
    over for "how many points have I got?"). No order at all: the article answers, unless
    the customer says points are missing.
    """
    order = facts.order
    if order is None or order.delivered_at is None:
        return "the customer says points are missing" if facts.points_missing_said else None
    days = (facts.as_of - order.delivered_at).days
    if days <= rules.points_after_days:
        if facts.points_missing_said and not facts.mentioned_order and facts.order_count > 1:
            return (  # the latest order's are not due yet, but an older one may be meant
                f"the customer says points are missing and has {facts.order_count} orders"
            )
        return None
    if facts.mentioned_order:
        return (
            f"order {order.number} was delivered {days} days ago, so its points were due "
            f"after {rules.points_after_days} days"
        )
    if facts.points_missing_said:
        return (
            f"the customer says points are missing, and the latest order, {order.number}, was "
            f"delivered {days} days ago (points are due after {rules.points_after_days} days)"
        )
    if order.points_credited_at is None and (
        facts.earns_points or not facts.points_asked_in_general
    ):
        return (
            f"the latest order, {order.number}, was delivered {days} days ago and no points "
            f"were credited for it (due after {rules.points_after_days} days)"
        )
    return None


def account_not_locked_for_security(facts: CustomerFacts, rules: AnswerRules) -> str | None:
    """A lock after too many attempts is routine (reset the password); any other is not."""
    if facts.account_locked and facts.lock_reason not in rules.routine_lock_reasons:
        return f"the account is locked ({facts.lock_reason or 'reason unknown'})"
    return None


CHECKS: Mapping[str, Check] = MappingProxyType(
    {
        "order_in_transit": order_in_transit,
        "returnable": returnable,
        "not_shipped": not_shipped,
        "points_not_yet_due": points_not_yet_due,
        "account_not_locked": account_not_locked_for_security,
    }
)
"""The checks a policy may name (``decide.vocabulary.FACT_CHECKS``)."""

DEFAULT_CHECKS: Mapping[str, tuple[Check, ...]] = MappingProxyType(
    {
        "*": (unknown_mentioned_order,),
        "order_status": (order_in_transit,),
        "return_request": (returnable,),
        "size_exchange": (returnable,),
        "cancel_order": (not_shipped,),
        "change_address": (not_shipped,),
        "password_reset": (account_not_locked_for_security,),
        "loyalty_points": (points_not_yet_due,),
        "account_access": (account_not_locked_for_security,),
    }
)
"""Intent → its checks when the policy names none for it; ``"*"`` runs for every intent,
first."""


@dataclass(frozen=True)
class AnswerRules:
    """The knobs of grounded answers; every default is a conservative shop's choice.

    - ``return_window_days``: a return request after this many days since delivery is not
      routine (the demo shop's policy: 30).
    - ``late_after_days``: days after the delivery estimate before a parcel counts as late.
    - ``points_after_days``: days after delivery when an order's loyalty points are due (the
      demo shop's Club: 14); missing points for an order delivered longer ago are not routine.
    - ``routine_lock_reasons``: account-lock reasons a password answer may handle.
    - ``agent_only_tags``: items never sent automatically.
    - ``prefer_personal``: among candidates tagged with the intent, try items that state the
      customer's order facts (order/shipment/refund placeholders) before generic ones.
    - ``senders``: who signs, per language (``en`` is used for languages not listed).
    - ``checks``: intent → routine checks (see ``DEFAULT_CHECKS``).
    """

    return_window_days: int = 30
    late_after_days: int = 1
    points_after_days: int = 14
    routine_lock_reasons: frozenset[str] = frozenset({"too_many_attempts"})
    agent_only_tags: frozenset[str] = AGENT_ONLY_TAGS
    prefer_personal: bool = True
    senders: Mapping[str, str] = field(default_factory=lambda: DEFAULT_SENDERS)
    checks: Mapping[str, tuple[Check, ...]] = field(default_factory=lambda: DEFAULT_CHECKS)

    def sender_for(self, language: str) -> str | None:
        """The signature for an answer in ``language``."""
        return self.senders.get(language) or self.senders.get("en")

    def not_routine(self, intent: str | None, facts: CustomerFacts) -> str | None:
        """The first objection of the intent's checks, or ``None`` when the facts allow it."""
        checks = (*self.checks.get("*", ()), *(self.checks.get(intent, ()) if intent else ()))
        for check in checks:
            reason = check(facts, self)
            if reason:
                return reason
        return None


DEFAULT_RULES = AnswerRules()


def rules_for(policy: Policy) -> AnswerRules:
    """The answer rules a policy sets: its own numbers (``fact_checks:``), and for every
    intent naming ``checks``, those in place of the built-in ones of its name."""
    named = {
        intent: tuple(CHECKS[name] for name in settings.checks)
        for intent, settings in policy.automatable_intents.items()
        if settings.checks is not None
    }
    numbers = policy.fact_checks
    return replace(
        DEFAULT_RULES,
        return_window_days=numbers.return_window_days,
        late_after_days=numbers.late_after_days,
        points_after_days=numbers.points_after_days,
        checks=MappingProxyType({**DEFAULT_CHECKS, **named}),
    )
