"""Find and redact personal data in message text: emails, phones, cards, IBANs, addresses.

Why it exists: messages are stored, shown to agents, used for training and exported for
insights. Redacting before training and export keeps personal data out of models and reports.

Why it is conservative: a false positive destroys information support needs (an order
number redacted as a phone number makes the ticket unanswerable), so every detector checks
more than the shape:

- payment cards must pass the Luhn checksum and start with a known scheme digit (2-6);
- IBANs must have the right length for their country and pass the ISO 7064 mod-97 check;
- phone numbers must look like a dialled number (``+``/``00`` prefix, a leading trunk ``0``,
  the North-American ``(555) 123-4567`` shape, or a phone cue word just before them), and are
  never taken from inside an identifier like ``NW-104233`` or from a date;
- addresses need a street word and a house number (en/de/fr), or a UK postcode shape.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Self

from tandemdesk.understand.base import Component, ComponentState
from tandemdesk.understand.registry import register

PII_TYPES: tuple[str, ...] = ("EMAIL", "IBAN", "CARD", "PHONE", "ADDRESS")


@dataclass(frozen=True, slots=True)
class PiiSpan:
    """One piece of personal data: its type, character offsets and the original text."""

    type: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Redaction:
    """The redacted text (each span replaced by ``[TYPE]``) and the spans that were found."""

    text: str
    spans: tuple[PiiSpan, ...]


# --- checksums --------------------------------------------------------------------------------


def luhn_valid(digits: str) -> bool:
    """True when the digit string passes the Luhn checksum used by payment cards."""
    if not digits.isdigit():
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


# Official IBAN lengths (SWIFT IBAN registry) for the countries our users most likely meet.
_IBAN_LENGTHS: dict[str, int] = {
    "AD": 24, "AE": 23, "AT": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24, "DE": 22,
    "DK": 18, "EE": 20, "ES": 24, "FI": 18, "FR": 27, "GB": 22, "GI": 23, "GR": 27, "HR": 21,
    "HU": 28, "IE": 22, "IS": 26, "IT": 27, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27,
    "MT": 31, "NL": 18, "NO": 15, "PL": 28, "PT": 25, "RO": 24, "SE": 24, "SI": 19, "SK": 24,
    "SM": 27, "TR": 26, "BR": 29, "IL": 23, "SA": 24, "UA": 29,
}  # fmt: skip


def iban_valid(candidate: str) -> bool:
    """True for a well-formed IBAN: known length for its country and mod-97 remainder 1."""
    iban = re.sub(r"[\s-]", "", candidate).upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}", iban):
        return False
    expected = _IBAN_LENGTHS.get(iban[:2])
    if expected is not None and len(iban) != expected:
        return False
    rearranged = iban[4:] + iban[:4]
    numeric = "".join(str(int(ch, 36)) for ch in rearranged)
    return int(numeric) % 97 == 1


# --- patterns ---------------------------------------------------------------------------------

_EMAIL = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}\b"
)
_IBAN_START = re.compile(r"\b[A-Za-z]{2}\d{2}")
_CARD = re.compile(r"(?<![\w-])\d(?:[ -]?\d){12,18}(?![\w-])")
_PHONE_INTL = re.compile(
    r"(?<![\w+-])(?:\+|00)[1-9]\d{0,2}(?:[ ./-]?\(0\))?(?:[ ./-]?\d){6,13}\b(?![ ./-]?\d)"
)
_PHONE_TRUNK = re.compile(r"(?<![\w+/.-])\(?0[1-9]\d{0,4}\)?(?:[ ./-]?\d){5,11}\b(?![ ./-]?\d)")
_PHONE_NANP = re.compile(r"(?<![\w+/.-])\(?\d{3}\)?[ .-]\d{3}[ .-]\d{4}\b(?![ ./-]?\d)")
_PHONE_CUED = re.compile(
    r"(?i)\b(?:(?:tele)?phone(?: number)?|mobile(?: number)?|cell|call me(?: on| at)?|"
    r"tel(?:efon)?(?:nummer)?\.?|handy(?:nummer)?|ruf(?:e|en sie)? mich (?:an|unter)|"
    r"r[üu]ckrufnummer|t[ée]l[ée]phone|t[ée]l\.|portable|num[ée]ro de t[ée]l[ée]phone)"
    r"\s*(?:is|ist|est|:|at|on|unter|au)?\s*:?\s*(\d(?:[ ./-]?\d){6,14})\b"
)
_DATE = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$")

_EN_STREET = (
    r"street|st|road|rd|avenue|ave|lane|ln|drive|dr|boulevard|blvd|way|court|ct|place|pl|"
    r"terrace|close|crescent|square|sq|parkway|highway|hwy"
)
_CAP = r"[A-Z][a-z][A-Za-z'.-]*"
_UK_POSTCODE_RE = r"[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}"
_ADDRESS_EN = re.compile(
    rf"\b\d{{1,5}}[A-Za-z]?,?\s+(?:{_CAP}\s+){{1,4}}(?i:{_EN_STREET})\b\.?"
    r"(?:\s+(?:NW|NE|SW|SE|N|S|E|W)\b)?"
    r"(?:,?\s+(?:Apt|Apartment|Suite|Unit|Flat)\.?\s*#?\w+)?"
    rf"(?:,\s*{_CAP}(?:\s+{_CAP})?(?:,?\s*(?:[A-Z]{{2}}\s+\d{{5}}(?:-\d{{4}})?|"
    rf"{_UK_POSTCODE_RE}|\d{{5}}))?)?",
)
_DE_STREET = r"stra(?:ß|ss)e|str\.|weg|gasse|platz|allee|ring|damm|ufer|chaussee|steig|pfad"
_ADDRESS_DE = re.compile(
    rf"\b[A-ZÄÖÜ][\wäöüß-]*(?:{_DE_STREET})(?:\s+[A-ZÄÖÜ][\wäöüß-]*)?\s+\d{{1,4}}\s?[a-zA-Z]?\b"
    r"(?:,?\s+\d{5}\s+[A-ZÄÖÜ][\wäöüß-]+(?:\s+[A-ZÄÖÜ][\wäöüß-]+)?)?"
)
_ADDRESS_DE_WORDS = re.compile(
    r"\b(?:Am|An der|Auf dem|Im|In der|Zum|Zur)\s+[A-ZÄÖÜ][\wäöüß-]+\s+\d{1,4}\s?[a-z]?\b"
    r"(?=,?\s+\d{5}\s+[A-ZÄÖÜ])(?:,?\s+\d{5}\s+[A-ZÄÖÜ][\wäöüß-]+)"
)
_FR_STREET = (
    r"rue|avenue|av\.|boulevard|bd|place|chemin|all[ée]e|impasse|quai|route|cours|square|"
    r"passage|voie"
)
_ADDRESS_FR = re.compile(
    rf"(?i:\b\d{{1,4}}(?:\s?(?:bis|ter))?,?\s+(?:{_FR_STREET})\s+)"
    r"(?:(?i:de la|de l'|du|des|de|d'|la|le|les|l')\s*)?[A-ZÉÈ][\w'-]*(?:[ -][A-ZÉÈ][\w'-]*){0,3}"
    r"(?:,?\s+\d{5}\s+[A-ZÉÈ][\w'-]+(?:[ -][A-ZÉÈ][\w'-]+)*)?"
)
_UK_POSTCODE = re.compile(rf"\b{_UK_POSTCODE_RE}\b")


# --- detectors --------------------------------------------------------------------------------


def _emails(text: str) -> Iterator[tuple[int, int]]:
    for m in _EMAIL.finditer(text):
        yield m.start(), m.end()


def _ibans(text: str) -> Iterator[tuple[int, int]]:
    """Try every end position after a country+check-digit start, longest valid one wins.

    IBANs are written in groups of four with spaces, so a greedy regex swallows the next word
    ("… 0130 00 please"); the checksum, not the regex, decides where the IBAN ends.
    """
    for m in _IBAN_START.finditer(text):
        ends: list[int] = []
        count, i = 4, m.end()
        while i < len(text) and count < 34:
            if text[i].isascii() and text[i].isalnum():
                count += 1
                i += 1
                if count >= 15 and (i == len(text) or not text[i].isalnum()):
                    ends.append(i)
            elif text[i] in " -" and i + 1 < len(text) and text[i + 1].isalnum():
                i += 1
            else:
                break
        for end in reversed(ends):
            if iban_valid(text[m.start() : end]):
                yield m.start(), end
                break


# Printed card numbers are unbroken or grouped 4-4-4-4(-3) (most schemes) or 4-6-5 / 4-6-4
# (Amex, Diners). A checksum alone lets one random number in ten through.
_CARD_GROUPS: frozenset[tuple[int, ...]] = frozenset(
    {(4, 4, 4, 4), (4, 4, 4, 4, 3), (4, 6, 5), (4, 6, 4), (4, 4, 4, 1), (4, 4, 5)}
)
# An uppercase IBAN-shaped run whose checksum fails is still not a card or a phone number.
_IBAN_SHAPED = re.compile(r"\b[A-Z]{2}\d{2}(?:[ -]?[A-Z0-9]{4}){2,7}(?:[ -]?[A-Z0-9]{1,4})?\b")


def _cards(text: str) -> Iterator[tuple[int, int]]:
    for m in _CARD.finditer(text):
        groups = tuple(len(g) for g in re.split(r"[ -]", m.group()))
        if len(groups) > 1 and groups not in _CARD_GROUPS:
            continue
        digits = re.sub(r"\D", "", m.group())
        # len(set(...)) > 1: "0000 0000 0000 0000"-style fillers are not cards.
        plausible = 13 <= len(digits) <= 19 and digits[0] in "23456" and len(set(digits)) > 1
        if plausible and luhn_valid(digits):
            yield m.start(), m.end()


def _phones(text: str) -> Iterator[tuple[int, int]]:
    for pattern in (_PHONE_INTL, _PHONE_TRUNK, _PHONE_NANP):
        for m in pattern.finditer(text):
            raw = m.group()
            digits = re.sub(r"\D", "", raw)
            if _DATE.match(raw.strip("()")) or not 7 <= len(digits) <= 15:
                continue
            if pattern is _PHONE_TRUNK and len(digits) < 9:
                continue  # "0800 123" or "01.02.2024" fragments are too short to be a number
            yield m.start(), m.end()
    for m in _PHONE_CUED.finditer(text):
        if not _DATE.match(m.group(1)):
            yield m.start(1), m.end(1)


def _addresses(text: str) -> Iterator[tuple[int, int]]:
    for pattern in (_ADDRESS_EN, _ADDRESS_DE, _ADDRESS_DE_WORDS, _ADDRESS_FR, _UK_POSTCODE):
        for m in pattern.finditer(text):
            yield m.start(), m.end()


# Every pattern above needs a digit (``\d``, as they use it) or the "@" of an email, and most
# messages have neither: checking for them first saves all the scans.
_DIGIT_OR_AT = re.compile(r"[\d@]")

# Order matters: earlier detectors win overlaps (an IBAN's digits must not become a phone).
_DETECTORS: tuple[tuple[str, Callable[[str], Iterator[tuple[int, int]]]], ...] = (
    ("EMAIL", _emails),
    ("IBAN", _ibans),
    ("CARD", _cards),
    ("PHONE", _phones),
    ("ADDRESS", _addresses),
)


def find_pii(text: str, types: tuple[str, ...] = PII_TYPES) -> list[PiiSpan]:
    """Return the non-overlapping PII spans in ``text``, sorted by position.

    ``types`` restricts the search (e.g. ``("EMAIL", "CARD")``). When two detectors overlap,
    the one earlier in :data:`PII_TYPES` keeps the span.
    """
    unknown = set(types) - set(PII_TYPES)
    if unknown:
        raise ValueError(f"unknown PII type(s) {sorted(unknown)}; choose from {PII_TYPES}")
    if not _DIGIT_OR_AT.search(text):  # every detector needs a digit or "@": skip them all
        return []
    taken: list[PiiSpan] = []
    blocked = [(m.start(), m.end()) for m in _IBAN_SHAPED.finditer(text)]
    for kind, detector in _DETECTORS:
        if kind not in types:
            continue
        for start, end in detector(text):
            start, end = _trim(text, start, end)
            if end <= start or any(start < s.end and s.start < end for s in taken):
                continue
            if kind in ("CARD", "PHONE") and any(start < e and s < end for s, e in blocked):
                continue
            taken.append(PiiSpan(kind, start, end, text[start:end]))
    return sorted(taken, key=lambda s: s.start)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop surrounding spaces and trailing punctuation a pattern may have swallowed."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


def redact(text: str, types: tuple[str, ...] = PII_TYPES) -> Redaction:
    """Replace every PII span with ``[TYPE]`` (``[EMAIL]``, ``[PHONE]`` …) and list the spans."""
    spans = find_pii(text, types)
    out: list[str] = []
    cursor = 0
    for span in spans:
        out.append(text[cursor : span.start])
        out.append(f"[{span.type}]")
        cursor = span.end
    out.append(text[cursor:])
    return Redaction("".join(out), tuple(spans))


def redact_text(text: str) -> str:
    """Shorthand for ``redact(text).text``: the text with all PII replaced by placeholders."""
    return redact(text).text


@register("pii", "pii.regex.v1")
class PiiRedactor(Component):
    """PII detection as a registered component (patterns and checksums, nothing to learn).

    ``predict`` gives, per text, a tuple of ``(type, start, end)`` spans (offsets into the
    text as given: PII is searched in the raw text so redaction offsets stay valid);
    ``analyse`` gives the :class:`Redaction`; ``redact`` the redacted strings.
    """

    def __init__(self, types: Sequence[str] = PII_TYPES) -> None:
        self.types = types

    def fit(self, texts: Sequence[str], labels: Sequence[Any] | None = None) -> Self:
        unknown = set(self.types) - set(PII_TYPES)
        if unknown:
            raise ValueError(f"unknown PII type(s) {sorted(unknown)}; choose from {PII_TYPES}")
        self.types_ = tuple(t for t in PII_TYPES if t in set(self.types))
        return self

    def predict(self, texts: Sequence[str]) -> list[Any]:
        return [tuple((s.type, s.start, s.end) for s in r.spans) for r in self.analyse(texts)]

    def analyse(self, texts: Sequence[str]) -> list[Any]:
        self._check_fitted()
        return [redact("" if t is None else str(t), self.types_) for t in texts]

    def redact(self, texts: Sequence[str]) -> list[str]:
        """The texts with each PII span replaced by ``[TYPE]``."""
        return [r.text for r in self.analyse(texts)]

    def get_state(self) -> ComponentState:
        self._check_fitted()
        return ComponentState(meta={"types": list(self.types_)})

    def set_state(self, state: ComponentState) -> None:
        self.types_ = tuple(str(t) for t in state.meta["types"])

    @classmethod
    def example_data(cls) -> tuple[list[str], list[Any]]:
        texts = [
            "Mail me at jane@example.com or call +49 151 23456789",
            "Order NW-104233 was delivered on 12.03.2024",
            "Card 4111 1111 1111 1111, IBAN DE89 3704 0044 0532 0130 00",
        ]
        return texts, [("EMAIL", "PHONE"), (), ("CARD", "IBAN")]
