"""Suite 14 ("the customer's own data decides") found three things the words of a message
missed: an order the customer never placed in German, a death told by "sie" after the
relative was named, and money trouble said plainly. Each is said here in other words than
the suite's, beside the calm look-alikes that must stay as they were."""

from __future__ import annotations

import pytest

from tandemdesk.understand.emotion import default_model, surface_cues
from tandemdesk.understand.risk import read_risk

DISTRESS_THRESHOLD = 0.6  # the default policy's


def _categories(text: str) -> set[str]:
    return {category for category, _ in read_risk(text).categories}


def _cues(text: str) -> set[str]:
    return {e.source for e in surface_cues(text)[1] if e.source.startswith("cue.")}


@pytest.mark.parametrize(
    "text",
    [
        "Seit gestern kommen Mails zu Bestellungen, die ich nie aufgegeben habe. Hat da jemand "
        "Zugriff auf mein Kundenkonto?",
        "Hat irgendwer Zugang zu meinem Konto? Da ist eine Bestellung über 300 €, die nicht "
        "von mir ist.",
        "Ich glaube, es haben Fremde Zugriff auf meine Kontodaten.",
    ],
)
def test_someone_with_access_to_the_account_is_fraud_in_german(text: str) -> None:
    assert "fraud" in _categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "Kann meine Frau auch Zugriff auf mein Kundenkonto bekommen?",
        "Wie bekomme ich wieder Zugriff auf mein Konto? Passwort vergessen.",
        "Ich habe keinen Zugriff auf mein Konto mehr, bitte Link schicken.",
        "Hat jemand von Ihnen schon auf meine Mail geantwortet?",
    ],
)
def test_asking_for_access_is_not_fraud(text: str) -> None:
    assert "fraud" not in _categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "Die Jacke war für meinen Opa gedacht. Er ist letzte Nacht im Krankenhaus gestorben.",
        "Wann kommt das Paket? Es ist ein Geschenk für meine Schwester. Sie ist gestern "
        "gestorben und ich weiß nicht, was ich damit machen soll.",
    ],
)
def test_a_relative_then_she_or_he_died_is_a_bereavement_in_german(text: str) -> None:
    assert "bereavement" in _categories(text)


@pytest.mark.parametrize(
    "text",
    [
        # a thing, or a figure of speech, after a relative is named
        "Die Powerbank ist für meinen Bruder. Sie ist nach zwei Tagen gestorben, der Akku hält "
        "nichts.",
        "Das Zelt war für meine Mutter. Sie ist fast gestorben vor Lachen, als es umfiel.",
        "Meine Tochter hat die Stirnlampe. Sie ist nicht gestorben, nur der Schalter klemmt.",
    ],
)
def test_she_died_about_a_thing_or_a_joke_is_not(text: str) -> None:
    assert "bereavement" not in _categories(text)


HARDSHIP = [
    "When will the refund land? It's all I have left till the end of the month and I've got "
    "three kids to feed.",
    "My bank account is overdrawn and I can't afford to pay rent until the refund comes back.",
    "Ich bin finanziell am Ende, das Konto ist komplett im Minus. Wann kommt die Erstattung?",
    "Mon compte est à découvert, ce remboursement c'est tout ce qui me reste. Quand arrive-t-il ?",
    "Tengo la cuenta en números rojos y no llego a fin de mes, ¿cuándo me devolvéis el dinero?",
]


@pytest.mark.parametrize("text", HARDSHIP)
def test_money_trouble_said_plainly_is_distress(text: str) -> None:
    assert "cue.hardship" in _cues(text)
    assert default_model().analyse([text])[0].distress >= DISTRESS_THRESHOLD


@pytest.mark.parametrize(
    "text",
    [
        "Is this all I have left on my gift card?",
        "My account is empty, where did my order history go?",
        "I'll wait until payday and order the tent then.",
        "Das ist alles, was ich habe an Infos: Bestellnummer NW-1.",
        "Mi cuenta no muestra los puntos, ¿me ayudáis?",
    ],
)
def test_money_words_in_a_calm_request_are_no_hardship(text: str) -> None:
    assert "cue.hardship" not in _cues(text)


@pytest.mark.parametrize(
    "text",
    [
        "Roughly when should it turn up? We're off at the end of the month, so no panic.",
        "Not worried, just curious when it comes.",
        "Keine Angst, ist nicht eilig, nur eine Frage zur Lieferung.",
        "Pas de panique, c'est juste pour savoir quand il arrive.",
    ],
)
def test_worry_waved_away_is_no_worry(text: str) -> None:
    assert "cue.worry" not in _cues(text)


def test_worry_said_is_still_worry() -> None:
    assert "cue.worry" in _cues("I'm really worried, no sign of the parcel at all")
    assert "cue.worry" in _cues("J'ai peur que le colis soit perdu")
    assert "cue.hopeless" in _cues("Honestly I'm at the end of my tether with this")
