"""Language detection on the short, messy messages support actually receives."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from tandemdesk.understand import language as detection
from tandemdesk.understand import registry
from tandemdesk.understand.datafiles import read_labelled_file
from tandemdesk.understand.language import (
    UNDETERMINED,
    LanguageDetector,
    detect_language,
    detect_languages,
)
from tandemdesk.understand.text import prepare_text
from tests.conftest import shared_data

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


def _public_texts() -> list[str]:
    """BANKING77's test messages, BRIGHTER test en/de/es and XED fr texts, as written."""
    texts = read_labelled_file(shared_data("banking77", "test.csv"), label_field="category").texts
    brighter = shared_data("brighter_emotion", "track_a", "test")
    for code in ("deu", "esp", "eng"):
        with (brighter / f"{code}.csv").open(encoding="utf-8", newline="") as handle:
            texts += [row["text"] for row in csv.DictReader(handle)]
    xed = shared_data("xed_emotion", "Projections", "fr-projections.tsv")
    texts += [line.split("\t")[0] for line in xed.read_text(encoding="utf-8").splitlines()]
    return texts


@pytest.mark.shared_data
def test_words_that_settle_the_language_give_what_py3langid_would(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The shortcut past py3langid (``_decided_by_words``) changes no code and no
    confidence: every text of the public sets and of the fresh fixtures in four languages,
    detected with it and without it."""
    fixtures = Path(__file__).resolve().parents[1] / "fixtures"
    texts = [*_public_texts(), *(text for text, _ in SHORT)]
    for name in ("sarcasm_urgency_fresh.jsonl", "distress_fresh.jsonl", "abuse_fresh.jsonl"):
        lines = (fixtures / name).read_text(encoding="utf-8").splitlines()
        texts += [json.loads(line)["text"] for line in lines if line.strip()]
    texts = [prepare_text(text) for text in texts]
    settled: list[str] = []
    decided_by_words = detection._decided_by_words

    def counting(scores: dict[str, float], model_weight: float) -> str | None:
        found = decided_by_words(scores, model_weight)
        settled.extend([found] if found else [])
        return found

    monkeypatch.setattr(detection, "_decided_by_words", counting)
    fast = detect_languages(texts)
    monkeypatch.setattr(detection, "_decided_by_words", lambda *_: None)
    assert detect_languages(texts) == fast
    # the shortcut is taken, in every language compared: the comparison tests it
    assert len(settled) > len(texts) // 5 and {"en", "de", "fr", "es"} <= set(settled)
