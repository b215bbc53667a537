"""Filling ``{{placeholders}}`` from the customer's facts — or saying exactly why not.

Why no defaults: a macro that reads "shipped with {{shipment.carrier}}" is a promise about the
customer's parcel. If the timeline has no shipment, writing "shipped with your carrier" would
be a guess dressed up as a fact, so an unfillable placeholder makes the item unusable and the
reason ("no shipment found for order NW-1") travels to the handover note.

The placeholders (``PLACEHOLDERS``; anything else is unknown and unfillable):

=============================  =====================================================
``customer.first_name``        first name (``attributes.first_name``, else the name's first word)
``customer.last_name``         the rest of the name
``customer.name``              full name
``customer.email``             email address
``order.number``               the order the message mentions, else the latest order
``order.status``               placed, shipped, delivered, … (in the answer's language)
``order.date``                 the day it was placed
``order.total``                total with currency (``€99.00`` / ``99,00 €``)
``order.items``                item names, comma separated
``shipment.carrier``           carrier of the shipment
``shipment.tracking_number``   tracking number
``shipment.eta``               estimated delivery day
``shipment.shipped_date``      the day it shipped
``shipment.delivered_date``    the day it was delivered
``refund.amount``              the latest refund of the order, with currency
``refund.date``                the day it was refunded
``agent.first_name``           the automated sender's name (``AnswerRules.senders``)
``agent.name``                 same as ``agent.first_name``
=============================  =====================================================

Amounts and days are formatted for the answer's language (``26 December 2023`` in English,
``26.12.2023`` in German), since the reply is read by a person, not a parser.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from tandemdesk.act.answers_facts import CustomerFacts, OrderFacts
from tandemdesk.listen.articles import PLACEHOLDER

MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
DATE_FORMATS: Mapping[str, str] = {"de": "%d.%m.%Y", "fr": "%d/%m/%Y", "es": "%d/%m/%Y"}
CURRENCY_SYMBOLS: Mapping[str, str] = {"EUR": "€", "GBP": "£", "USD": "$"}
STATUS_WORDS: Mapping[str, Mapping[str, str]] = {
    "de": {
        "placed": "bestellt",
        "shipped": "versandt",
        "delivered": "zugestellt",
        "return_requested": "Rücksendung angemeldet",
        "returned": "zurückgesendet",
        "refunded": "erstattet",
        "cancelled": "storniert",
    },
    "fr": {
        "placed": "enregistrée",
        "shipped": "expédiée",
        "delivered": "livrée",
        "return_requested": "retour demandé",
        "returned": "retournée",
        "refunded": "remboursée",
        "cancelled": "annulée",
    },
    "es": {
        "placed": "realizado",
        "shipped": "enviado",
        "delivered": "entregado",
        "return_requested": "devolución solicitada",
        "returned": "devuelto",
        "refunded": "reembolsado",
        "cancelled": "cancelado",
    },
}


class Unfillable(Exception):
    """A placeholder has no fact behind it; ``reason`` is a sentence for the handover note."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class FillContext:
    """What a placeholder may read: the facts, the answer's language and the sender name."""

    facts: CustomerFacts
    language: str
    sender: str | None


def format_day(value: date | datetime, language: str) -> str:
    """A day as people in ``language`` write it; ISO 8601 for languages we do not know."""
    day = value.date() if isinstance(value, datetime) else value
    if language == "en":
        return f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}"
    return day.strftime(DATE_FORMATS.get(language, "%Y-%m-%d"))


def format_amount(value: float, currency: str | None, language: str) -> str:
    """``€29.90`` in English, ``29,90 €`` elsewhere; unknown currencies keep their code."""
    code = (currency or "").upper()
    symbol = CURRENCY_SYMBOLS.get(code, code)
    if language == "en":
        number = f"{value:,.2f}"
        return f"{symbol}{number}" if code in CURRENCY_SYMBOLS else f"{number} {symbol}".strip()
    number = f"{value:,.2f}".replace(",", " ").replace(".", ",")
    number = number.replace(" ", "." if language == "de" else "\u202f")
    return f"{number} {symbol}".strip()


def _order(ctx: FillContext) -> OrderFacts:
    if ctx.facts.order is None:
        raise Unfillable(ctx.facts.missing_order_reason())
    return ctx.facts.order


def _shipment(ctx: FillContext) -> OrderFacts:
    order = _order(ctx)
    if order.shipped_at is None:
        raise Unfillable(f"no shipment found for order {order.number}")
    return order


def _need(value: str | None, reason: str) -> str:
    if value is None or not str(value).strip():
        raise Unfillable(reason)
    return str(value)


def _day(value: date | datetime | None, reason: str, language: str) -> str:
    """A recorded day in the customer's words, or ``Unfillable`` with ``reason``."""
    if value is None:
        raise Unfillable(reason)
    return format_day(value, language)


def _customer(attribute: str, what: str) -> Callable[[FillContext], str]:
    def resolve(ctx: FillContext) -> str:
        return _need(getattr(ctx.facts, attribute), f"the customer's {what} is unknown")

    return resolve


def _carrier(ctx: FillContext) -> str:
    order = _shipment(ctx)
    return _need(order.carrier, f"no carrier recorded for order {order.number}")


def _tracking(ctx: FillContext) -> str:
    order = _shipment(ctx)
    return _need(order.tracking_number, f"no tracking number for order {order.number}")


def _eta(ctx: FillContext) -> str:
    order = _shipment(ctx)
    return _day(order.eta, f"no delivery estimate for order {order.number}", ctx.language)


def _shipped(ctx: FillContext) -> str:
    order = _shipment(ctx)
    assert order.shipped_at is not None  # _shipment checked it
    return format_day(order.shipped_at, ctx.language)


def _delivered(ctx: FillContext) -> str:
    order = _order(ctx)
    return _day(order.delivered_at, f"order {order.number} has not been delivered", ctx.language)


def _status(ctx: FillContext) -> str:
    status = _order(ctx).status
    return STATUS_WORDS.get(ctx.language, {}).get(status, status.replace("_", " "))


def _placed(ctx: FillContext) -> str:
    order = _order(ctx)
    return _day(order.placed_at, f"no order date recorded for order {order.number}", ctx.language)


def _total(ctx: FillContext) -> str:
    order = _order(ctx)
    if order.total is None:
        raise Unfillable(f"no total recorded for order {order.number}")
    return format_amount(order.total, order.currency, ctx.language)


def _items(ctx: FillContext) -> str:
    order = _order(ctx)
    if not order.items:
        raise Unfillable(f"no items recorded for order {order.number}")
    return ", ".join(order.items)


def _refund_amount(ctx: FillContext) -> str:
    order = _order(ctx)
    if order.refund_amount is None:
        raise Unfillable(f"no refund found for order {order.number}")
    return format_amount(order.refund_amount, order.refund_currency, ctx.language)


def _refund_date(ctx: FillContext) -> str:
    order = _order(ctx)
    return _day(order.refunded_at, f"no refund found for order {order.number}", ctx.language)


def _sender(ctx: FillContext) -> str:
    return _need(ctx.sender, "no sender name is configured for automated answers")


PLACEHOLDERS: Mapping[str, Callable[[FillContext], str]] = {
    "customer.first_name": _customer("first_name", "first name"),
    "customer.last_name": _customer("last_name", "last name"),
    "customer.name": _customer("name", "name"),
    "customer.email": _customer("email", "email address"),
    "order.number": lambda ctx: _order(ctx).number,
    "order.status": _status,
    "order.date": _placed,
    "order.total": _total,
    "order.items": _items,
    "shipment.carrier": _carrier,
    "shipment.tracking_number": _tracking,
    "shipment.eta": _eta,
    "shipment.shipped_date": _shipped,
    "shipment.delivered_date": _delivered,
    "refund.amount": _refund_amount,
    "refund.date": _refund_date,
    "agent.first_name": _sender,
    "agent.name": _sender,
}
"""Placeholder name → how to fill it; see the module docstring for the list."""

PRIVATE_PLACEHOLDERS = frozenset(
    {"customer.first_name", "customer.last_name", "customer.name", "customer.email"}
)
"""Placeholders whose values are personal data: never sent to a language model."""


PERSONAL_GROUPS = frozenset({"order", "shipment", "refund"})
"""Placeholder groups that make an item *about this customer's order*."""


def states_order_facts(placeholders: Iterable[str]) -> bool:
    """Whether an item with these placeholder names states the customer's order facts (an
    answer to prefer, ``AnswerRules.prefer_personal``; one a fact check must guard)."""
    return any(str(name).split(".")[0] in PERSONAL_GROUPS for name in placeholders)


def fill_placeholders(body: str, ctx: FillContext) -> tuple[str, dict[str, str]]:
    """The body with every placeholder filled, and the values used (by placeholder name).

    Raises ``Unfillable`` with the first placeholder that has no fact behind it.
    """
    values: dict[str, str] = {}
    for name in dict.fromkeys(PLACEHOLDER.findall(body)):
        resolve = PLACEHOLDERS.get(name)
        if resolve is None:
            raise Unfillable(f"unknown placeholder {{{{{name}}}}}")
        values[name] = resolve(ctx)
    text = PLACEHOLDER.sub(lambda m: values[m.group(1)], body)
    return text, values


def render(body: str, values: Mapping[str, str], keep: frozenset[str] = frozenset()) -> str:
    """Fill ``body`` from ``values``, leaving the placeholders in ``keep`` as ``{{name}}``."""

    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        return f"{{{{{name}}}}}" if name in keep or name not in values else values[name]

    return PLACEHOLDER.sub(one, body)
