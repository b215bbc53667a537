"""Language detection on the short, messy messages support actually receives."""

from __future__ import annotations

import pytest

from tandemdesk.understand import registry
from tandemdesk.understand.language import (
    UNDETERMINED,
    LanguageDetector,
    detect_language,
    detect_languages,
)

SHORT = [
    ("Danke!", "de"),
    ("danke", "de"),
    ("vielen Dank", "de"),
    ("wo ist mein Paket?", "de"),
    ("ok merci", "fr"),
    ("Merci beaucoup", "fr"),
    ("Bonjour", "fr"),
    ("gracias", "es"),
    ("muchas gracias!!", "es"),
    ("where is my order", "en"),
    ("ok thanks", "en"),
    ("refund please", "en"),
    ("Grazie mille", "it"),
    ("ciao", "it"),
    ("bedankt", "nl"),
    ("dank je wel", "nl"),
    ("obrigado", "pt"),
    ("obrigada!", "pt"),
]

LONG = [
    ("My parcel never arrived and nobody answers my emails, this is the third time", "en"),
    ("Meine Bestellung ist immer noch nicht angekommen, bitte helfen Sie mir", "de"),
    ("Bonjour, je n'ai toujours pas reçu ma commande, pouvez-vous m'aider ?", "fr"),
    ("Hola, ¿dónde está mi pedido? Lo pedí hace dos semanas.", "es"),
    ("Il mio ordine non è ancora arrivato, potete aiutarmi?", "it"),
    ("Ik heb mijn pakket nog niet ontvangen, kunt u mij helpen?", "nl"),
    ("Ainda não recebi a minha encomenda, podem ajudar?", "pt"),
]


@pytest.mark.parametrize(("text", "expected"), SHORT + LONG)
def test_detects_short_and_long_messages(text: str, expected: str) -> None:
    guess = detect_language(text)
    assert guess.code == expected, guess
    assert 0.5 <= guess.confidence <= 1.0


def test_long_text_is_more_confident_than_a_single_word() -> None:
    assert detect_language(LONG[1][0]).confidence > detect_language("Danke").confidence


@pytest.mark.parametrize("text", ["👍", "🙏🙏", "", "   ", "123456", "!!!", "?", "ok", "asdfgh"])
def test_no_language_evidence_is_undetermined_not_a_crash(text: str) -> None:
    guess = detect_language(text)
    assert guess.code == UNDETERMINED
    assert guess.confidence < 0.5


def test_other_scripts_are_named_by_the_script_aware_model() -> None:
    assert detect_language("Привет, где мой заказ? Он не пришёл.").code == "ru"
    assert detect_language("我的订单在哪里").code == "zh"


def test_mixed_script_gives_an_answer_in_range() -> None:
    for text in ["Hello こんにちは", "Bestellung 注文 заказ", "thanks 👍🏽 спасибо"]:
        guess = detect_language(text)
        assert isinstance(guess.code, str)
        assert 0.0 <= guess.confidence <= 1.0


def test_threshold_controls_abstention() -> None:
    assert detect_language("hi", min_confidence=0.99).code == UNDETERMINED
    assert detect_language("hi", min_confidence=0.1).code == "en"


def test_batch_matches_single() -> None:
    texts = [t for t, _ in SHORT[:5]]
    assert detect_languages(texts) == [detect_language(t) for t in texts]


def test_component_is_registered_and_round_trips(tmp_path: object) -> None:
    from pathlib import Path

    assert registry.get("language", "language.lexicon.v1") is LanguageDetector
    texts, labels = LanguageDetector.example_data()
    detector = LanguageDetector().fit(texts, labels)
    assert detector.predict(texts) == labels
    folder = Path(str(tmp_path)) / "lang"
    detector.save(folder)
    again = LanguageDetector.load(folder)
    assert again.predict(texts) == labels
    scores = again.analyse(["👍", "Danke!"])
    assert scores[0].abstained and scores[0].label is None
    assert scores[1].label == "de" and not scores[1].abstained


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("pues nada, es un poco complicado lo mío", "es"),
        ("oye, ¿me podéis mirar una cosa?", "es"),
        ("cosa è successo al mio ordine?", "it"),
    ],
)
def test_short_spanish_is_not_read_as_italian(text: str, language: str) -> None:
    assert LanguageDetector().fit([]).analyse([text])[0].label == language
