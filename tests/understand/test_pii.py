"""PII redaction: every detector has true positives and the false positives support fears."""

from __future__ import annotations

from pathlib import Path

import pytest

from tandemdesk.understand import registry
from tandemdesk.understand.pii import (
    PiiRedactor,
    find_pii,
    iban_valid,
    luhn_valid,
    redact,
    redact_text,
)


def kinds(text: str) -> list[str]:
    return [span.type for span in find_pii(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mail me at jane.doe+test@example.co.uk please", "Mail me at [EMAIL] please"),
        ("Call me on +49 151 23456789 or 030 1234567", "Call me on [PHONE] or [PHONE]"),
        ("Ruf mich an: 0151/2345678", "Ruf mich an: [PHONE]"),
        ("My number is (555) 123-4567.", "My number is [PHONE]."),
        ("+33 6 12 34 56 78", "[PHONE]"),
        ("tel. 06 12 34 56 78", "tel. [PHONE]"),
        ("phone number: 5551234567", "phone number: [PHONE]"),
        ("0044 20 7946 0958", "[PHONE]"),
        ("Card 4111 1111 1111 1111 was charged twice", "Card [CARD] was charged twice"),
        ("card 4539-1488-0343-6467", "card [CARD]"),
        ("amex 3782 822463 10005", "amex [CARD]"),
        ("4111111111111111", "[CARD]"),
        ("IBAN DE89 3704 0044 0532 0130 00 please", "IBAN [IBAN] please"),
        ("GB82 WEST 1234 5698 7654 32", "[IBAN]"),
        ("fr7630006000011234567890189", "[IBAN]"),
        ("I live at 221B Baker Street, London NW1 6XE", "I live at [ADDRESS]"),
        ("1600 Pennsylvania Avenue NW, Washington, DC 20500", "[ADDRESS]"),
        ("Lieferadresse: Hauptstraße 5, 10115 Berlin", "Lieferadresse: [ADDRESS]"),
        ("Bitte an Am Markt 3, 50667 Köln schicken", "Bitte an [ADDRESS] schicken"),
        ("J'habite au 12 rue de la Paix, 75002 Paris", "J'habite au [ADDRESS]"),
    ],
)
def test_redacts_true_positives(text: str, expected: str) -> None:
    assert redact_text(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "My order NW-104233 has not arrived",
        "Order NW-104233-2 and ticket #55812",
        "Delivered on 12.03.2024 and 2024-03-12, order 104233",
        "I was charged 3 times at 14:30 on 03/04/2024",
        "Card 4111 1111 1111 1112 was charged",  # fails Luhn
        "0000 0000 0000 0000",  # filler, not a card
        "IBAN DE89 3704 0044 0532 0130 01 please",  # fails mod-97
        "DE00 0000 0000 0000 0000 00",
        "Meine Kundennummer ist 123456789",
        "my order number is 123456789",
        "Order #123456789012 please",
        "tracking 1Z999AA10123456784",
        "it costs 1 000 000 euros",
        "I have 2 Great Danes and 3 big boxes",
        "version 10.2.3, build 20240312",
        "nobody@ is not an email, neither is a@b",
    ],
)
def test_leaves_false_positives_alone(text: str) -> None:
    assert find_pii(text) == []
    assert redact_text(text) == text


def test_checksums() -> None:
    assert luhn_valid("4111111111111111")
    assert not luhn_valid("4111111111111112")
    assert not luhn_valid("41111x1111111111")
    assert iban_valid("DE89 3704 0044 0532 0130 00")
    assert not iban_valid("DE89 3704 0044 0532 0130 01")
    assert not iban_valid("DE89 3704 0044 0532 0130")  # wrong length for Germany


def test_spans_point_into_the_original_text() -> None:
    text = "Hi, I'm jane@example.com, card 4539 1488 0343 6467, call +44 20 7946 0958."
    result = redact(text)
    assert [s.type for s in result.spans] == ["EMAIL", "CARD", "PHONE"]
    for span in result.spans:
        assert text[span.start : span.end] == span.text
    assert result.text == "Hi, I'm [EMAIL], card [CARD], call [PHONE]."


def test_type_filter_and_unknown_type() -> None:
    text = "jane@example.com +49 151 23456789"
    assert kinds(text) == ["EMAIL", "PHONE"]
    assert [s.type for s in find_pii(text, ("PHONE",))] == ["PHONE"]
    with pytest.raises(ValueError, match="unknown PII type"):
        find_pii(text, ("SSN",))


def test_iban_is_not_also_a_phone_or_card() -> None:
    assert kinds("refund to DE89370400440532013000 thanks") == ["IBAN"]


def test_component_round_trip(tmp_path: Path) -> None:
    assert registry.get("pii", "pii.regex.v1") is PiiRedactor
    texts, labels = PiiRedactor.example_data()
    redactor = PiiRedactor().fit(texts, labels)
    predicted = redactor.predict(texts)
    assert [tuple(t for t, _, _ in spans) for spans in predicted] == labels
    redactor.save(tmp_path / "pii")
    again = PiiRedactor.load(tmp_path / "pii")
    assert again.predict(texts) == predicted
    assert again.redact(["mail a@example.org"]) == ["mail [EMAIL]"]
    only_email = PiiRedactor(types=("EMAIL",)).fit([], None)
    assert only_email.redact(["a@example.org +49 151 23456789"]) == ["[EMAIL] +49 151 23456789"]
