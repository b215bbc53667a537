"""Courtesy replies: in the customer's language and form of address, short, no promises."""

from __future__ import annotations

import re

import pytest

from tandemdesk.act.courtesy import (
    handover_acknowledgement,
    language_of,
    localise_wait,
    small_talk_reply,
)
from tandemdesk.understand.dialogue import SMALL_TALK, default_detector

LANGUAGES = ("en", "de", "fr", "es", "it", "nl", "pt")
# Things the bot cannot know when it says hello or hands over.
PROMISES = re.compile(
    r"\b(?:refund|fixed|solved|resolved|immediately|right away|call you|guarantee|promise"
    r"|sofort|erstattet|gelöst|rembours\w*|résolu|immédiatement|reembols\w*|resuelto"
    r"|inmediatamente)\b",
    re.IGNORECASE,
)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", SMALL_TALK)
def test_every_kind_has_a_short_reply_in_every_language(kind: str, language: str) -> None:
    reply = small_talk_reply(kind, language)
    assert 10 <= len(reply) <= 110
    assert reply[-1] in ".!?"
    assert not PROMISES.search(reply)
    if language != "en":
        assert reply != small_talk_reply(kind, "en")


@pytest.mark.parametrize("language", LANGUAGES)
def test_replies_differ_by_kind(language: str) -> None:
    replies = {small_talk_reply(kind, language) for kind in SMALL_TALK}
    assert len(replies) == len(SMALL_TALK)


@pytest.mark.parametrize(
    ("language", "expected"),
    [(None, "en"), ("", "en"), ("und", "en"), ("xx", "en"), ("de-CH", "de"), ("FR", "fr"),
     ("es_MX", "es"), ("pt-BR", "pt")],
)  # fmt: skip
def test_unknown_languages_get_english_and_regions_their_language(
    language: str | None, expected: str
) -> None:
    assert language_of(language) == expected
    assert small_talk_reply("thanks", language) == small_talk_reply("thanks", expected)


def test_unknown_kind_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="greeting"):
        small_talk_reply("compliment", "en")


def _everything(language: str) -> str:
    replies = [small_talk_reply(kind, language) for kind in SMALL_TALK]
    return " ".join([*replies, handover_acknowledgement(language, "2 hours")])


def test_forms_of_address_are_formal_and_consistent() -> None:
    german = _everything("de")
    assert "Sie" in german and not re.search(r"\b(?:du|dich|dir|dein\w*)\b", german)
    french = _everything("fr")
    assert "vous" in french and not re.search(r"\b(?:tu|te|toi|ton|ta|tes)\b", french)
    spanish = _everything("es")
    assert "ayudarle" in spanish and "necesita" in spanish
    assert not re.search(r"\b(?:ayudarte|necesitas|escríbenos|tú)\b", spanish)


@pytest.mark.parametrize("language", LANGUAGES)
def test_handover_says_a_person_takes_over(language: str) -> None:
    plain = handover_acknowledgement(language)
    with_wait = handover_acknowledgement(language, "2 hours")
    assert "(" not in plain and plain.endswith(".")
    assert with_wait.endswith(").") and "2" in with_wait
    assert with_wait.replace(with_wait[with_wait.index(" (") : -1], "") == plain
    assert not PROMISES.search(plain)


@pytest.mark.parametrize(
    ("language", "wait", "expected"),
    [
        ("en", "2 hours", "(usually within 2 hours)"),
        ("en", "1 business day", "(usually within 1 business day)"),
        ("de", "2 hours", "(in der Regel innerhalb von 2 Stunden)"),
        ("de", "3 days", "innerhalb von 3 Tagen"),
        ("de", "1 day", "innerhalb von 1 Tag)"),
        ("fr", "an hour", "(en général sous 1 heure)"),
        ("fr", "2 working days", "sous 2 jours ouvrés"),
        ("es", "24h", "(normalmente en un plazo de 24 horas)"),
        ("es", "30 min", "30 minutos"),
        ("it", "2-3 days", "entro 2–3 giorni"),
        ("de", "zwei Stunden", "innerhalb von zwei Stunden"),
        ("fr", "  quelques   heures ", "sous quelques heures)"),
    ],
)
def test_waits_are_said_in_the_customers_language(language: str, wait: str, expected: str) -> None:
    assert expected in handover_acknowledgement(language, wait)


def test_blank_wait_is_no_wait() -> None:
    assert handover_acknowledgement("en", "   ") == handover_acknowledgement("en")
    assert localise_wait("next week sometime", "de") == "next week sometime"


@pytest.mark.parametrize(
    ("message", "language", "start"),
    [
        ("Thanks!", "en", "You're welcome!"),
        ("danke schön 🙏", "de", "Gern geschehen!"),
        ("Bonjour", "fr", "Bonjour !"),
        ("Adiós", "es", "¡Hasta pronto"),
    ],
)
def test_detected_small_talk_gets_the_fitting_reply(
    message: str, language: str, start: str
) -> None:
    (act,) = default_detector().analyse([message])
    assert act.small_talk is not None
    assert small_talk_reply(act.small_talk, language).startswith(start)
