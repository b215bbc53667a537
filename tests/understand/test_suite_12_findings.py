"""What suite 12 (``tests/fixtures/suites/fresh_12.yaml``, black-box, "quiet signals", scored
once after suite 11's fixes) found, said other ways: written for this test, not copied from
the suite, with calm look-alikes that must stay as they were."""

from __future__ import annotations

import pytest

from tandemdesk.understand.abuse import lexicon_evidence
from tandemdesk.understand.emotion import surface_cues
from tandemdesk.understand.other_business import named_business
from tandemdesk.understand.risk import read_risk

RISKS = [
    # a person lost, said as a loss at a time
    ("can you take dad off the mailing list? we lost him last year", "bereavement"),
    ("I lost her to cancer in the spring and her account still gets emails", "bereavement"),
    ("can you take my dad off the mailing list please, we lost him in the spring", "bereavement"),
    # an order to an address the customer never lived at; a payment they do not recognise
    ("there's an order on my account going to Bristol, I've never lived there", "fraud"),
    ("a payment of £64 went out yesterday, no idea what that is", "fraud"),
    ("je ne reconnais pas une transaction de 89 € d'hier", "fraud"),
    ("me cambiaron la contraseña de la cuenta esta mañana y no he sido yo", "fraud"),
    ("alguien ha cambiado el correo de mi cuenta, yo no fui", "fraud"),
    # a device that got hot, a burning rubber smell, a burn blister
    ("my headlamp battery got really hot in my pocket", "safety_hazard"),
    ("there was a burning rubber smell from the charger", "safety_hazard"),
    ("Mein Sohn hat eine Brandblase von der Heizweste", "safety_hazard"),
    ("ma fille a une cloque sur la main à cause de la lampe", "safety_hazard"),
    # oxygen, rent
    ("the bag is for my mum's oxygen concentrator, she can't go out without it", "vulnerable"),
    ("la mochila es para el concentrador de oxígeno de mi padre", "vulnerable"),
    ("I can't pay the rent this month, can I cancel the order?", "vulnerable"),
    ("Ich kann die Miete nicht mehr zahlen, bitte stornieren", "vulnerable"),
    ("desde que me echaron no llego a fin de mes", "vulnerable"),
]
CALM = [
    "we lost him in the crowd at the festival but found the tent fine",
    "I lost it in the car, can you resend the invoice?",
    "the oven gets really hot, which tray do I need?",
    "the tent got really hot in the sun, is there a cooler one?",
    "I've lived there for years, why is the address wrong?",
    "no idea what size to get, can you help?",
    "¿puedo cambiar la contraseña de la cuenta yo solo?",
    "j'ai une cloche sur mon vélo",
]


@pytest.mark.parametrize(("text", "category"), RISKS)
def test_a_quiet_risk_is_read(text: str, category: str) -> None:
    assert category in {found for found, _ in read_risk(text).categories}, text


@pytest.mark.parametrize("text", CALM)
def test_calm_look_alikes_carry_no_risk(text: str) -> None:
    assert read_risk(text).categories == (), text


@pytest.mark.parametrize(
    "text",
    [
        "Ce serait dommage qu'il vous arrive quelque chose en rentrant ce soir.",
        "Sería una pena que te pasara algo a la salida.",
        "Wäre doch schade, wenn Ihnen was passiert.",
        "Ich komme vorbei, und dann reden wir anders.",
        "Ce serait dommage qu'il arrive quelque chose à votre entrepôt. Remboursez-moi.",
        "Sería una pena que le pasara algo a su tienda.",
        "Wäre doch schade, wenn Ihrem Laden was passiert.",
    ],
)
def test_menace_said_politely_is_a_threat(text: str) -> None:
    assert "threat" in {e.detail for e in lexicon_evidence(text)}, text


@pytest.mark.parametrize(
    "text",
    [
        "ce serait dommage de rater les soldes",
        "sería una pena que se agotara la talla",
        "wäre schade, wenn die Jacke ausverkauft ist",
        "dann reden wir am Montag weiter",
        "ce serait dommage qu'il arrive quelque chose au colis, emballez-le bien",
        "sería una pena que le pasara algo al paquete, ¿lo envuelven bien?",
    ],
)
def test_calm_regret_is_not_a_threat(text: str) -> None:
    assert lexicon_evidence(text) == [], text


@pytest.mark.parametrize(
    "text",
    ["bin gerade so erschöpft von allem", "je n'ai plus la force de me battre pour ce colis",
     "ya no tengo fuerzas para reclamar", "ich hab keine Kraft mehr für das alles"],
)  # fmt: skip
def test_strength_gone_is_despair(text: str) -> None:
    assert "despair" in {e.detail for e in surface_cues(text)[1]}, text


@pytest.mark.parametrize(
    "text",
    ["der Akku hat keine Kraft mehr", "la lampe n'a plus de force", "el motor no tiene fuerza"],
)
def test_a_product_without_power_is_not_despair(text: str) -> None:
    assert "despair" not in {e.detail for e in surface_cues(text)[1]}, text


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("comment je change mon mot de passe sur le site de Decathlon ?", "Decathlon"),
        ("I ordered it on the Decathlon website, where is it?", "Decathlon"),
        ("¿cómo cambio la contraseña en la web de Falabella?", "Falabella"),
        ("Wie ändere ich das Passwort auf der Webseite von Globetrotter?", "Globetrotter"),
    ],
)
def test_another_companys_website_is_another_business(text: str, name: str) -> None:
    assert named_business(text, frozenset()) == name


@pytest.mark.parametrize(
    "text",
    ["le site de la Poste dit que le colis est bloqué", "on the website it says 3 days",
     "the app says delivered"],
)  # fmt: skip
def test_a_website_without_a_name_is_not_another_business(text: str) -> None:
    assert named_business(text, frozenset({"website", "app", "says", "site"})) is None
