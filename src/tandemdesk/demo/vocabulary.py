"""The shape of a language's phrase bank, the registry of banks, and text helpers.

Messages are composed from parts (greeting, order context, the ask, emotions, a second
issue, closing, sign-off) so a handful of sentences per slot multiply into tens of thousands
of distinct messages. Templates use ``str.format`` fields; every field in ``CONTEXT_KEYS``
is present in every conversation's context, so any template can be used anywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from random import Random
from typing import TypedDict, TypeVar

T = TypeVar("T")

Texts = tuple[str, ...]

#: Every field a template may use (the generator fills all of them for each conversation).
CONTEXT_KEYS: Texts = (
    "first",
    "last",
    "order",
    "order_digits",  # the order number as customers also write it: "104233"
    "order_lower",  # "nw104233"
    "order_plain",  # "NW104233"
    "order_date",
    "product",
    "product2",
    "size",
    "new_size",
    "amount",
    "charged",
    "diff",
    "carrier",
    "tracking",
    "ship_date",
    "eta",
    "delivered_date",
    "days",
    "giftcode",
    "promo",
    "points",
    "city",
    "prev_date",
    "agent",
    "company",
    "bot",
)

EMOTION_KINDS: Texts = (
    "frustrated",
    "repeat",
    "urgent_delivery",
    "urgent_general",
    "money_worry",
    "vulnerable",
    "positive",
    "abusive",
)
GROUPS: Texts = ("delivery", "product", "money", "account", "info", "complaint")


class CustomerTexts(TypedDict):
    """What customers say, by slot."""

    greet_formal: Texts
    greet_casual: Texts
    order_context: Texts
    asks: dict[str, Texts]  # intent -> the request, written out (email, web form, phone)
    chats: dict[str, Texts]  # intent -> the request, typed into a chat box
    subjects: dict[str, Texts]  # intent -> email subject lines
    also: dict[str, Texts]  # secondary intent -> "and also …" sentence
    emotions: dict[str, Texts]  # EMOTION_KINDS -> sentences
    details: dict[str, Texts]  # GROUPS -> supporting detail sentences
    closings: Texts
    signoffs: Texts
    chat_openers: Texts
    chat_order_replies: Texts
    phone_openers: Texts
    replies_good: Texts
    replies_bad: dict[str, Texts]  # GROUPS and "general" -> "that did not solve it"
    thanks: Texts
    quote_header: str  # "On {date}, … wrote:" above a quoted reply


class MoreTexts(TypedDict, total=False):
    """More wordings for some customer slots (``wording_<lang>``), added to the bank's own."""

    order_context: Texts
    asks: dict[str, Texts]
    chats: dict[str, Texts]
    chat_openers: Texts
    chat_order_replies: Texts


class StaffTexts(TypedDict):
    """What agents and the assistant say, by slot."""

    agent_greet: Texts
    chat_hello: Texts
    empathy: dict[str, Texts]  # mood -> opening sentence
    body: dict[str, Texts]  # intent -> the substantive answer
    also_done: Texts
    followup: Texts
    final: Texts
    close: Texts
    sign: Texts
    phone_hello: Texts
    bot_greet: Texts
    bot_answer: dict[str, Texts]  # only intents the assistant settles alone
    bot_handoff: Texts
    bot_ask_order: Texts


@dataclass(frozen=True, slots=True)
class Pack:
    """One language's complete phrase bank."""

    language: str
    c: CustomerTexts
    s: StaffTexts


def money(lang: str, cents: int, currency: str) -> str:
    """An amount as a customer of that language writes it (``€89.90`` / ``89,90 €``)."""
    whole, frac = divmod(cents, 100)
    if lang == "en":
        symbol = "£" if currency == "GBP" else "€"
        return f"{symbol}{whole}.{frac:02d}"
    symbol = "£" if currency == "GBP" else "€"
    return f"{whole},{frac:02d} {symbol}"


_NO_ACCENTS = str.maketrans("éèêàâîïôûùçäöüßáíóúñÉÈÀÇÄÖÜ", "eeeaaiiouuuaousaiounEEACAOU")


def sloppy(text: str, rng: Random) -> str:
    """Write like someone on a phone in a hurry: lowercase, no accents, a typo or two.

    Words with digits or capitals (order numbers, tracking and discount codes) are never
    misspelt, only lowercased, so extraction has to be case-insensitive but never has to
    guess a code.
    """
    roll = rng.random()
    if roll < 0.55:
        text = text.lower()
    if rng.random() < 0.35:
        text = text.translate(_NO_ACCENTS)
    if rng.random() < 0.5:
        text = text.replace("'", "").replace("’", "").rstrip(".!")
    for _ in range(1 + int(rng.random() * 2)):
        i = int(rng.random() * (len(text) - 1))
        a, b = text[i], text[i + 1]
        if a.isalpha() and b.isalpha() and a != b:
            start, end = text.rfind(" ", 0, i) + 1, text.find(" ", i)
            word = text[start : end if end != -1 else len(text)]
            if not any(ch.isdigit() or ch.isupper() for ch in word):  # codes stay intact
                text = f"{text[:i]}{b}{a}{text[i + 2 :]}"
    return text


def pick(rng: Random, options: Sequence[T]) -> T:
    """A uniform choice without ``Random.choice``'s per-call overhead."""
    return options[int(rng.random() * len(options))]


def widen(texts: CustomerTexts, more: MoreTexts) -> CustomerTexts:
    """``texts`` with ``more``'s wordings appended to the same slots (a new copy).

    Appending never changes how many random numbers composing a message draws (``pick``
    draws one whatever the length), so the demo's customers, orders and events stay the
    same for a seed; only the words change.
    """
    out = texts.copy()
    out["order_context"] = texts["order_context"] + more.get("order_context", ())
    out["chat_openers"] = texts["chat_openers"] + more.get("chat_openers", ())
    out["chat_order_replies"] = texts["chat_order_replies"] + more.get("chat_order_replies", ())
    out["asks"] = _widen_bank("asks", texts["asks"], more.get("asks", {}))
    out["chats"] = _widen_bank("chats", texts["chats"], more.get("chats", {}))
    return out


def _widen_bank(name: str, base: dict[str, Texts], extra: dict[str, Texts]) -> dict[str, Texts]:
    unknown = set(extra) - set(base)
    if unknown:
        raise ValueError(f"{name}: no such intent in the phrase bank: {sorted(unknown)}")
    return {intent: texts + extra.get(intent, ()) for intent, texts in base.items()}


def _packs() -> dict[str, Pack]:
    from tandemdesk.demo import (
        staff_de,
        staff_en,
        staff_fr,
        text_de,
        text_en,
        text_es,
        text_fr,
        wording_de,
        wording_en,
        wording_es,
        wording_fr,
    )

    return {
        "en": Pack("en", widen(text_en.CUSTOMER, wording_en.MORE), staff_en.STAFF),
        "de": Pack("de", widen(text_de.CUSTOMER, wording_de.MORE), staff_de.STAFF),
        "fr": Pack("fr", widen(text_fr.CUSTOMER, wording_fr.MORE), staff_fr.STAFF),
        "es": Pack("es", widen(text_es.CUSTOMER, wording_es.MORE), text_es.STAFF),
    }


PACKS: dict[str, Pack] = _packs()
