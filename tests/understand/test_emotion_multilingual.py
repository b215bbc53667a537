"""Distress in en/de/fr/es: the shipped model on fresh support messages and public test sets,
and loading emotion models saved before the distress head."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from tandemdesk.understand.base import ComponentState
from tandemdesk.understand.emotion import EmotionClassifier, default_model, surface_cues
from tandemdesk.understand.errors import ArtifactError, TrainingDataError
from tests.conftest import shared_data

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "distress_fresh.jsonl"
LIVE = 0.6  # the default policy sends distress ≥ 0.6 to a person
LANGUAGES = ("en", "de", "fr", "es")


def _fixture(part: str) -> list[dict[str, object]]:
    rows = [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines()]
    return [r for r in rows if r["part"] == part]


def test_fixture_is_balanced_and_split() -> None:
    for part in ("tune", "held_out"):
        rows = _fixture(part)
        for language in LANGUAGES:
            mine = [r for r in rows if r["language"] == language]
            assert sum(bool(r["distressed"]) for r in mine) >= 5, (part, language)
            assert sum(not r["distressed"] for r in mine) >= 5, (part, language)
    texts = [r["text"] for r in _fixture("tune") + _fixture("held_out")]
    assert len(set(texts)) == len(texts) >= 80


def _held_out_outcome(language: str) -> tuple[list[tuple[object, Any]], list[tuple[object, Any]]]:
    """(distressed messages under the live threshold, calm ones at or over it)."""
    rows = [r for r in _fixture("held_out") if r["language"] == language]
    scores = default_model().distress([str(r["text"]) for r in rows])
    missed = [(r["text"], s) for r, s in zip(rows, scores, strict=True)
              if r["distressed"] and s < LIVE]  # fmt: skip
    alarmed = [(r["text"], s) for r, s in zip(rows, scores, strict=True)
               if not r["distressed"] and s >= LIVE]  # fmt: skip
    return missed, alarmed


@pytest.mark.parametrize("language", LANGUAGES)
def test_held_out_distress_reaches_a_person(language: str) -> None:
    """Messages nobody tuned on (5 distressed, 5 calm per language): at most two distressed
    ones per language stay under the live threshold (sarcasm is the known miss), and at most
    two calm ones per language reach it."""
    missed, alarmed = _held_out_outcome(language)
    assert len(missed) <= 2, missed
    assert len(alarmed) <= 2, alarmed


def test_held_out_distress_overall() -> None:
    """Over the four languages: at least 14 of 20 distressed reach a person, at most 1 of
    20 calm ones does. Measured: 15 and 2 with the model before the languages' distress
    priors were balanced (calm Spanish scored like an upset film line), 14 and 0 after."""
    outcomes = [_held_out_outcome(language) for language in LANGUAGES]
    assert sum(len(missed) for missed, _ in outcomes) <= 6, outcomes
    assert sum(len(alarmed) for _, alarmed in outcomes) <= 1, outcomes


def test_routine_requests_in_every_language_stay_calm() -> None:
    """Calm German, French and Spanish requests read like English ones: the language itself
    is no sign of distress (the head once learnt it from subtitles and tweets, where over
    half the lines are upset, and sent a Spanish newsletter unsubscribe to a person)."""
    texts = [
        "Alles klar, das wars. Tschüss!",
        "Comment marchent les points du club ? Quand est-ce que je reçois les points ?",
        "Por favor, dadme de baja de la newsletter, recibo demasiados correos.",
        "¿Me podéis dar el número de seguimiento de mi pedido? No encuentro el correo.",
    ]
    scores = default_model().distress(texts)
    assert (scores < 0.5).all(), scores


def test_each_language_carries_the_reference_share_of_distress() -> None:
    from tandemdesk.understand.emotion_data import balance_languages

    labels = [["anger"], ["neutral"], ["neutral"], ["sadness"], ["fear"], ["neutral"]]
    languages = ["en", "en", "en", "es", "es", "es"]
    weights = balance_languages(labels, [1.0] * 6, languages)
    share = {lang: sum(w for w, lab, la in zip(weights, labels, languages, strict=True)
                       if la == lang and lab != ["neutral"]) / sum(
                           w for w, la in zip(weights, languages, strict=True) if la == lang)
             for lang in ("en", "es")}  # fmt: skip
    assert share["es"] == pytest.approx(share["en"]) == pytest.approx(1 / 3)
    assert sum(weights[3:]) == pytest.approx(3.0)  # a language keeps its total weight
    assert weights[:3] == [1.0, 1.0, 1.0]  # the reference is left alone


def test_grief_said_plainly_is_distress_in_every_language() -> None:
    texts = [
        "I need to send back the present, my dad died on Sunday.",
        "Mein Mann ist verstorben, bitte kündigen Sie seinen Vertrag.",
        "Ma sœur est décédée, je dois annuler sa commande.",
        "Mi abuelo falleció ayer y quiero cancelar su pedido.",
    ]
    scores = default_model().distress(texts)
    assert (scores >= LIVE).all(), scores
    for text in texts:
        assert "cue.bereavement" in {e.source for e in surface_cues(text)[1]}, text


def test_no_way_out_said_is_hopeless_but_a_lamp_that_is_out_is_not() -> None:
    """Eighth fresh suite: "Ich weiß echt nicht mehr weiter … ich seh einfach kein Licht
    mehr" read 0.59, under the live bar: "echt" broke the cue. "No light any more" is not a
    cue: a headlamp that is out says it too (a review)."""
    for text in [
        "Ich weiß echt nicht mehr weiter",
        "je ne vois aucune issue",
        "no le veo salida a nada",
    ]:
        assert "cue.hopeless" in {e.source for e in surface_cues(text)[1]}, text
    for text in [
        "Ich sehe kein Licht mehr an der Stirnlampe, ist sie kaputt?",
        "I see no light anymore when I switch the headlamp on",
    ]:
        assert surface_cues(text)[1] == [], text


def test_a_phone_that_died_is_not_a_bereavement() -> None:
    assert surface_cues("my phone died, how do I reset the app?")[1] == []


def test_close_to_tears_or_worn_out_is_despair_but_tired_batteries_are_not() -> None:
    """A third fresh suite: "Je suis tellement épuisée … J'ai juste envie de pleurer" read 0.39."""
    for text in [
        "Honestly I just want to cry, third email and nothing",
        "Ich könnte heulen, schon wieder kein Paket",
        "J'ai envie de pleurer, toujours rien reçu",
        "Estoy agotada, cuarto correo sin respuesta",
    ]:
        assert "cue.despair" in {e.source for e in surface_cues(text)[1]}, text
    assert surface_cues("The batteries are exhausted after one hike, is that normal?")[1] == []


def test_patience_said_to_be_gone_is_anger_calmly_said() -> None:
    """Fourth fresh suite: "… meine Geduld ist wirklich aufgebraucht" read 0.45."""
    for text in [
        "I'm polite, but I'm completely out of patience now",
        "Meine Geduld ist langsam am Ende",
        "Ma patience est à bout, quatrième relance",
        "Se me acabó la paciencia con este pedido",
    ]:
        assert "cue.anger" in {e.source for e in surface_cues(text)[1]}, text
    assert surface_cues("Thanks for your patience, has the order gone out?")[1] == []


def test_calm_routine_requests_stay_below_the_live_threshold() -> None:
    texts = [
        "Hallo, ich würde gern meine Telefonnummer ändern.",
        "Bonjour, je voudrais changer mon numéro de téléphone.",
        "Hola, quiero cambiar mi número de teléfono.",
        "Hi, I'd like to change my phone number.",
    ]
    scores = default_model().distress(texts)
    assert (scores < LIVE).all(), scores


def test_the_distress_head_reads_non_english_text() -> None:
    model = default_model()
    assert model.head_, "the shipped model should carry the multilingual distress head"
    upset, calm = model.distress(["Ich bin so enttäuscht und traurig, alles ist schiefgelaufen",
                                  "Ich hätte gern eine neue Kundennummer"])  # fmt: skip
    assert upset > calm + 0.3


def _legacy_state() -> tuple[EmotionClassifier, ComponentState]:
    texts, labels = EmotionClassifier.example_data()
    old = EmotionClassifier(max_features=2_000, distress_head=False).fit(texts, labels)
    state = old.get_state()
    del state.meta["distress_inputs"]  # as saved before the distress head existed
    return old, state


def test_a_model_saved_before_the_distress_head_still_loads() -> None:
    old, state = _legacy_state()
    again = EmotionClassifier(max_features=2_000)
    again.set_state(state)
    assert not again.head_
    texts = ["I'm furious", "Where is my order?"]
    np.testing.assert_allclose(again.distress(texts), old.distress(texts))


def test_an_unknown_distress_layout_is_refused_clearly() -> None:
    _, state = _legacy_state()
    state.meta["distress_inputs"] = "emotions+shouting+something-new"
    with pytest.raises(ArtifactError, match="upgrade tandemdesk or rebuild"):
        EmotionClassifier().set_state(state)


def test_sample_weights_are_checked_and_used(tmp_path: Path) -> None:
    texts, labels = EmotionClassifier.example_data()
    with pytest.raises(TrainingDataError):
        EmotionClassifier().fit(texts, labels, sample_weight=[1.0])
    plain = EmotionClassifier(max_features=2_000).fit(texts, labels)
    weights = [5.0 if "angry" in t or "furious" in t else 1.0 for t in texts]
    heavy = EmotionClassifier(max_features=2_000).fit(texts, labels, sample_weight=weights)
    assert not np.allclose(plain.weights_, heavy.weights_)
    heavy.save(tmp_path / "m")
    again = EmotionClassifier.load(tmp_path / "m")
    assert again.head_
    np.testing.assert_allclose(again.distress(texts), heavy.distress(texts))


@pytest.mark.shared_data
def test_public_test_sets_in_german_spanish_and_french() -> None:
    from sklearn.metrics import roc_auc_score

    from tandemdesk.understand import emotion_data as ed

    data = shared_data("brighter_emotion").parent
    shared_data("xed_emotion")
    model = default_model()
    floors = {("brighter", "de"): 0.78, ("brighter", "es"): 0.85, ("xed", "fr"): 0.66}
    for (source, language), floor in floors.items():
        if source == "brighter":
            texts, labels = ed.load_brighter("test", language, data)
        else:
            texts, labels = ed.xed_split(language, "test", data)
        auc = roc_auc_score(ed.distressed(labels), model.distress(texts))
        assert auc >= floor, (source, language, auc)
