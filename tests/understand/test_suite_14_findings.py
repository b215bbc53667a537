"""Suite 14 ("the customer's own data decides") found three things the words of a message
missed: an order the customer never placed in German, a death told by "sie" after the
relative was named, and money trouble said plainly. Each is said here in other words than
the suite's, beside the calm look-alikes a review found the first patterns flagging."""

from __future__ import annotations

import pytest

from tandemdesk.understand.emotion import default_model, surface_cues
from tandemdesk.understand.intent import _asks
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
        "Hat irgendwer Zugang zu meinem Konto? Da ist eine Bestellung über 300 €.",
        "Ich glaube, es haben Fremde Zugriff auf meine Kontodaten.",
        "Hat sich jemand Zugriff auf mein Konto verschafft? Da ist eine Bestellung, die ich "
        "nicht kenne.",
        "Hat ein Fremder Zugriff auf mein Kundenkonto? Eine Bestellung über 400 Euro.",
        "Hat da jemand auf mein Kundenkonto zugegriffen? Die Adresse ist eine andere.",
        "Ich glaube, jemand hat Zugang zu meinem Kundenkonto. Die E-Mail-Adresse ist neu.",
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
        "Hat jemand Zugriff auf meine Bestelldaten, wenn ich als Gast bestelle?",
        "Hat jemand anderes Zugriff auf mein Kundenkonto, wenn ich mich im Familienkonto anmelde?",
        "Hat wer Zugang zu meinem Kundenkonto, der mir kurz die Lieferadresse ändern kann?",
    ],
)
def test_asking_about_access_is_not_fraud(text: str) -> None:
    assert "fraud" not in _categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "Die Jacke war für meinen Opa gedacht. Er ist letzte Nacht im Krankenhaus gestorben.",
        "Wann kommt das Paket? Es ist ein Geschenk für meine Schwester. Sie ist gestern "
        "gestorben und ich weiß nicht, was ich damit machen soll.",
        "Die Jacke war für meine Mutter. Leider ist sie am Sonntag gestorben.",
        "Das Paket war für meinen Vater. Gestern ist er ganz plötzlich gestorben.",
        "Die Jacke war für meine Mutter, sie ist am Sonntag gestorben.",
        "Das war für meine Mama... Sie ist am Freitag gestorben.",
        "Das Zelt war für meinen Lebensgefährten. Er ist im Urlaub gestorben.",
        "Der Schal war für meine Oma. Sie starb am Montag.",
        # the guard against "nicht gestorben" is only the word right before it
        "Mein Opa ist vor nicht einmal zwei Wochen gestorben, die Bestellung war für ihn.",
    ],
)
def test_a_relative_then_she_or_he_died_is_a_bereavement_in_german(text: str) -> None:
    assert "bereavement" in _categories(text)


@pytest.mark.parametrize(
    "text",
    [
        # a thing of the other gender, a thing named after the relative, a device after it
        "Die Powerbank ist für meinen Bruder. Sie ist nach zwei Tagen gestorben, der Akku hält "
        "nichts.",
        "Meine Schwester hat die Pflanzenlampe bestellt. Sie ist nach einem Monat gestorben.",
        "Die Stirnlampe war ein Geschenk für meine Frau. Sie ist nach drei Tagen gestorben, der "
        "Akku lädt nicht mehr.",
        "Der Router ist für meinen Vater. Er ist gestern einfach gestorben, kein Licht mehr.",
        # a joke, a negation, "Frau"/"Mann" as address or interjection
        "Das Zelt war für meine Mutter. Sie ist fast gestorben vor Lachen, als es umfiel.",
        "Meine Tochter hat die Stirnlampe. Sie ist nicht gestorben, nur der Schalter klemmt.",
        "Hallo Frau Schmidt, danke für die neue Powerbank. Sie ist leider auch schon gestorben.",
        "Mann, das nervt. Er ist schon wieder gestorben, der Laptop-Akku.",
        # a device or a plant named before the relative (a second review)
        "Die Stirnlampe ist für meine Tochter. Sie ist nach zwei Tagen gestorben.",
        "Die Orchidee war für meine Schwester. Leider ist sie nach einer Woche gestorben.",
    ],
)
def test_she_died_about_a_thing_or_a_joke_is_not(text: str) -> None:
    assert "bereavement" not in _categories(text)


MONEY_TROUBLE = [
    "When will the refund land? It's all I have left till payday and the kids need feeding.",
    "My bank account is overdrawn, I really need that refund back this week.",
    "I'm completely broke until payday, when does the refund come?",
    "Ich bin finanziell am Ende, das Konto ist komplett im Minus. Wann kommt die Erstattung?",
    "Ich bin total pleite, bitte erstatten Sie das Geld schnell.",
    "Mon compte est à découvert, quand arrive le remboursement ?",
    "Je suis à sec, c'est tout ce qui me reste pour finir le mois.",
    "Tengo la cuenta en números rojos, ¿cuándo me devolvéis el dinero?",
    "No tengo ni un peso, necesito ese reembolso para comer.",
    "My account is overdrawn because you charged me twice and I've two kids to feed.",
    "My rent bounced after you charged me twice, please refund it today.",
    "No llego a fin de mes y me habéis cobrado dos veces el pedido.",
]


@pytest.mark.parametrize("text", MONEY_TROUBLE)
def test_money_trouble_said_plainly_is_a_vulnerable_customer_and_distress(text: str) -> None:
    assert "vulnerable" in _categories(text)
    assert "cue.hardship" in _cues(text)
    assert default_model().analyse([text])[0].distress >= DISTRESS_THRESHOLD


@pytest.mark.parametrize(
    "text",
    [
        "Is this all I have left on my gift card?",
        "Is 120 points all I have left for the voucher? Just checking before I order.",
        "Is the €4.95 everything I have left to pay or is there customs on top?",
        "We've got three hungry kids to feed after the hike, is the big pot back in stock?",
        "Hi, the bill has gone out to my old email address, could you resend the invoice?",
        "My gift card account is in the red? It shows -3.20 after the return.",
        "I'll wait until payday and order the tent then.",
        "Mein Konto ist noch leer, keine Bestellungen sichtbar.",
        "Finanziell am Ende macht es keinen Unterschied, ob ich per Rechnung zahle, oder?",
        "Die Zahlung wurde abgelehnt, aber das Konto ist nicht überzogen.",
        "C'est tout ce qui me reste à faire ? Renvoyer le colis ?",
        "Mon compte est pas à découvert et pourtant la carte est refusée, bizarre.",
        "Lo único que tengo para pagar es PayPal, ¿se puede?",
        "No me cobraron ni un euro de envío, ¡gracias!",
        "El cupón no funciona, no tengo ni un euro de descuento en el carrito.",
        "Vous n'aurez plus un centime de moi si la livraison est encore en retard.",
        "My gift card says I have no money left, but I only used it once.",
        "I'm overdrawn on my store credit apparently? The checkout says -5.",
    ],
)
def test_money_words_in_a_calm_request_are_no_hardship(text: str) -> None:
    assert "vulnerable" not in _categories(text)
    assert "cue.hardship" not in _cues(text)


@pytest.mark.parametrize(
    "text",
    [
        "Roughly when should it turn up? We're off at the end of the month, so no panic.",
        "Not worried, just curious when it comes.",
        "Keine Angst, ist nicht eilig, nur eine Frage zur Lieferung.",
        "Ich bin nicht besorgt, nur neugierig, wann die Lieferung kommt.",
        "Pas de panique, c'est juste pour savoir quand il arrive.",
        "Je ne suis pas inquiète, je voulais juste savoir si la veste existe en bleu.",
        "No estoy preocupada, solo quería saber cuándo llega.",
    ],
)
def test_worry_waved_away_is_no_worry(text: str) -> None:
    assert "cue.worry" not in _cues(text)


def test_worry_said_is_still_worry() -> None:
    assert "cue.worry" in _cues("I'm really worried, no sign of the parcel at all")
    assert "cue.worry" in _cues("no, I'm panicking, the medication is in that parcel")
    assert "cue.worry" in _cues("J'ai peur que le colis soit perdu")
    assert "cue.worry" in _cues("Comment ne pas paniquer quand le colis a disparu ?")
    # exasperation more often than despair in British English: the weight of "wits' end"
    assert "cue.despair" in _cues("Honestly I'm at the end of my tether with this")


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("Grüß Gott, ich wollt nur fragen, wo mein Paket grad ist.", True),
        ("I wanted to know when it ships.", True),
        ("I was wondering if you ship to Norway.", True),
        ("Je voulais savoir où en est mon colis.", True),
        ("Hola, quería saber por dónde anda mi paquete", True),
        ("I wanted to say thanks for the quick delivery.", False),
        ("Ich wollte mich nur bedanken.", False),
        ("Je voulais vous remercier.", False),
    ],
)
def test_a_question_asked_indirectly_asks(text: str, asks: bool) -> None:
    """Suite 14: the sentence "ich wollt nur fragen, wo mein Paket grad ist" read order status
    at 0.98 but did not count as one that asks, so its message went out of scope."""
    assert _asks(text) is asks
