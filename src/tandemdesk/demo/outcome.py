"""How a composed conversation becomes an import record: identity, status, priority, labels.

Channels know a customer differently (chat by email, phone by number, sometimes with the
shop's customer id), statuses follow from who spoke last and how long ago, and the labels
keep the ground truth (mood, signals, the order discussed, the conversation followed up)
that evaluation of the understanding stage needs.
"""

from __future__ import annotations

from random import Random
from typing import Any

from tandemdesk.demo.clock import DAY, REF_TS
from tandemdesk.demo.compose import Composed, Plan
from tandemdesk.demo.intents import BY_NAME, PRIORITIES
from tandemdesk.demo.scenarios import Facts
from tandemdesk.demo.vocabulary import PACKS, pick
from tandemdesk.demo.world import Customer

_CSAT = {
    "calm": (5, 5, 5, 4, 4, 3),
    "neutral": (5, 4, 4, 3, 5, 4),
    "upset": (1, 2, 2, 3, 4, 5),
    "distressed": (5, 5, 4, 2, 3),
    "abusive": (1, 1, 2),
}


def conversation_record(
    rng: Random,
    conv_id: str,
    customer: Customer,
    plan: Plan,
    composed: Composed,
    facts: Facts,
    ctx: dict[str, str],
    follows: str | None,
) -> dict[str, Any]:
    """The conversation as the import file carries it: who, status, priority, labels."""
    channel = plan.channel
    ref: dict[str, Any] = {
        "external_id": None,
        "email": None,
        "phone": None,
        "name": f"{customer.first} {customer.last}",
        "language": customer.language,
    }
    if channel == "phone":
        ref["phone"] = _phone_variant(customer.phone or "", rng.random())
        known = rng.random() < 0.4
    else:
        ref["email"] = customer.email if rng.random() < 0.97 else customer.email.upper()
        if customer.phone and channel in ("email", "web") and rng.random() < 0.5:
            ref["phone"] = _phone_variant(customer.phone, rng.random())
        known = rng.random() < (0.5 if channel == "chat" else 0.65)
    if known:
        ref["external_id"] = customer.external_id
    subject = None
    if channel in ("email", "web"):
        subject = pick(rng, PACKS[customer.language].c["subjects"][plan.intent]).format_map(ctx)
        if follows and rng.random() < 0.5:
            subject = f"Re: {subject}"
    messages = composed.messages
    age = REF_TS - composed.last_ts
    last = messages[-1]["author"]
    if composed.resolved:
        status = "closed" if age > 20 * DAY and rng.random() < 0.3 else "resolved"
    elif last in ("customer", "bot"):  # waiting for a person
        status = "open" if age < 10 * DAY else "closed"
    else:
        status = "pending" if age < 3 * DAY else "closed" if plan.unresolved else "resolved"
    csat = None
    if status in ("resolved", "closed") and composed.handled_by and rng.random() < 0.4:
        csat = pick(rng, _CSAT[plan.mood])
        if plan.followup and csat > 1 and rng.random() < 0.5:
            csat -= 1
    level = PRIORITIES.index(BY_NAME[plan.intent].priority)
    if plan.mood == "distressed":
        level = 3 if rng.random() < 0.6 else max(level, 2)
    elif plan.mood in ("upset", "abusive") or plan.followup:
        level = min(3, level + (1 if rng.random() < 0.5 else 0))
    labels: dict[str, Any] = {"mood": plan.mood}
    if plan.order_related:
        labels["order_number"] = facts.order.number
    if plan.secondary:
        labels["secondary_intent"] = plan.secondary
    if follows:
        labels["follow_up_of"] = follows
    if composed.signals:
        labels["signals"] = sorted(set(composed.signals))
    if composed.handled_by:
        labels["handled_by"] = composed.handled_by
    return {
        "external_id": conv_id,
        "channel": channel,
        "customer": ref,
        "subject": subject,
        "messages": messages,
        "intent": plan.intent,
        "priority": PRIORITIES[level],
        "status": status,
        "csat": csat,
        "created_at": messages[0]["sent_at"],
        "labels": labels,
    }


def _phone_variant(phone: str, roll: float) -> str:
    """The same number as different systems write it (identity resolution normalises them)."""
    if roll < 0.6:
        return phone
    digits = phone.replace(" ", "")
    return digits if roll < 0.85 else "00" + digits[1:]
