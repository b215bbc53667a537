"""Suite 15 ("the everyday routine") found a password reset asked for by someone who says
another person got into the account (answered with the reset article), the same said in
German and a climbing fall in French that named no risk, a Spanish full inbox read as an
explosion, "that's all" in German, French and Spanish, and "an actual member of your team".
Each is said here in other words than the suite's, beside the calm look-alikes."""

from __future__ import annotations

import pytest

from tandemdesk.understand.dialogue import DialogueActDetector
from tandemdesk.understand.risk import read_risk
from tandemdesk.understand.urgency import UrgencyRules


def _categories(text: str) -> set[str]:
    return {category for category, _ in read_risk(text).categories}


@pytest.mark.parametrize(
    "text",
    [
        "Can you reset my password? I got a password reset link I didn't request this morning.",
        "There was a login code I never asked for in my texts and now my email is changed.",
        "I think someone else has got into my account, the address is one I've never lived at.",
        "Your email said my password was changed yesterday, but I didn't change anything.",
        "Somebody else must have logged into it, there are orders I do not know.",
        "Mein Passwort wurde geändert, sagt Ihre Mail, aber ich habe nichts geändert.",
        "Ich glaube, jemand Fremdes ist in meinem Kundenkonto, da steht eine neue Adresse.",
        "Jemand anders war in meinem Konto und hat die E-Mail-Adresse geändert.",
        # a review of the first patterns: the most natural wordings
        "I got an email saying my password was changed. I didn't change it.",
        "I think someone else is logged into my account, there's an order to Leeds.",
        "Someone else's been into my account and changed the address.",
        "Da ist jemand anderes in meinem Account unterwegs, Bestellungen, die ich nicht kenne.",
        "Ich habe eine Mail bekommen, dass mein Passwort geändert wurde, aber ich habe nichts "
        "geändert.",
        "Jemand anderes hat sich in mein Kundenkonto eingeloggt.",
    ],
)
def test_someone_else_in_the_account_is_fraud(text: str) -> None:
    assert "fraud" in _categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "I asked for a password reset email but it never came, can you resend it?",
        "My password stopped working this morning and I didn't change it. Can you reset it?",
        "The reset link I requested has expired, please send a new one.",
        "I changed my password last week and now I've forgotten it.",
        "Ich habe mein Passwort geändert und jetzt komme ich nicht mehr rein.",
        "Mein Passwort funktioniert nicht mehr, obwohl ich nichts geändert habe.",
        "Ist jemand in meinem Team für Rückfragen zuständig? Dann melde ich mich dort.",
        "Please ship it to my son's student house in Leeds, a place I've never lived in.",
        "It's a gift for my daughter's new flat, which I've never lived at.",
        "Jemand anderes ist in meinem Kundenkonto als zweite Lieferadresse eingetragen, das ist "
        "meine Tochter.",
        "Someone else has been into my garden and taken the parcel from the porch.",
    ],
)
def test_a_password_problem_of_ones_own_is_not_fraud(text: str) -> None:
    assert "fraud" not in _categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "Mon fils s'est fait une entorse à la cheville, la semelle s'est décollée en pleine descente.",
        "La sangle a cédé et il a chuté de trois mètres dans le bloc.",
        "Le mousqueton s'est ouvert, je suis tombée de deux mètres.",
        "La corde a glissé, elle est tombée de 2m.",
        "Il s'est fait une vilaine entorse au poignet quand la fixation a lâché.",
    ],
)
def test_a_fall_or_a_sprain_from_a_product_is_a_safety_hazard_in_french(text: str) -> None:
    assert "safety_hazard" in _categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "Le prix de la tente a chuté depuis ma commande, vous remboursez la différence ?",
        "Une petite entorse à la règle : pourriez-vous accepter le retour au 31e jour ?",
        "Tengo la casilla explotada de correos suyos, dadme de baja del boletín.",
        "Mi bandeja de entrada está explotada, ¿cómo me desuscribo?",
        "Mi correo ha explotado de spam desde que me suscribí.",
        "El precio explotó desde que hice el pedido, ¿me devolvéis la diferencia?",
        "Me explotó la cabeza con tanto correo, dadme de baja.",
        "Le colis est tombé d'environ deux mètres du camion, la tente va bien.",
        "Est-ce que ce casque résiste à une chute de deux mètres ?",
        "Je cherche une chevillère pour une entorse à la cheville de l'an dernier.",
    ],
)
def test_a_falling_price_or_a_full_inbox_is_no_hazard(text: str) -> None:
    assert "safety_hazard" not in _categories(text)
    assert UrgencyRules().fit([]).predict([text])[0] != "urgent"


@pytest.mark.parametrize(
    "text",
    [
        "La batería externa explotó anoche en la mesa.",
        "El cargador ha explotado.",
        "Lo estaba cargando y explotó.",
        "El powerbank estalló mientras cargaba.",
        "La batería está explotada e hinchada.",
    ],
)
def test_a_thing_that_exploded_is_still_a_hazard_in_spanish(text: str) -> None:
    assert "safety_hazard" in _categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "Danke dir, das war's auch schon.",
        "Merci, c'est tout ce dont j'avais besoin.",
        "Vale, gracias, eso era todo.",
        "Great, thanks, that was all.",
    ],
)
def test_thanks_and_thats_all_is_small_talk(text: str) -> None:
    assert DialogueActDetector().fit([]).analyse([text])[0].small_talk == "thanks"


def test_a_member_of_the_team_is_a_person() -> None:
    acts = (
        DialogueActDetector()
        .fit([])
        .analyse(
            ["Can I talk to a member of your team about this?", "A member of your team called me."]
        )
    )
    assert [a.wants_person for a in acts] == [True, False]


@pytest.mark.parametrize(
    "text",
    [
        "Where's my refund? I'm skint till Friday.",
        "Ich bin total blank, wann kommt die Erstattung?",
        "Mon compte est dans le rouge, le remboursement arrive quand ?",
        "Estoy sin un duro, ¿cuándo me devuelven el dinero?",
    ],
)
def test_money_slang_is_money_trouble(text: str) -> None:
    """Left by suite 14's review: money trouble said in slang."""
    assert "vulnerable" in _categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "Die Klinge ist blank poliert, ist das normal?",
        "Le voyant de la batterie est dans le rouge, c'est normal ?",
        "The label was blank when it arrived.",
    ],
)
def test_slang_words_about_things_are_no_money_trouble(text: str) -> None:
    assert "vulnerable" not in _categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "¿cuándo llega? no estoy nada preocupada jaja",
        "Not at all worried, just curious when it ships.",
        "Je ne suis pas du tout inquiète, juste curieuse.",
    ],
)
def test_worry_waved_away_with_at_all_is_no_worry(text: str) -> None:
    from tandemdesk.understand.emotion import surface_cues

    assert "cue.worry" not in {e.source for e in surface_cues(text)[1]}


@pytest.mark.parametrize(
    "text",
    [
        "Je pense que quelqu'un d'autre est dans mon compte, il y a une adresse inconnue.",
        "J'ai reçu un mail de réinitialisation que je n'ai jamais demandé.",
        "Votre mot de passe a été modifié, dit le mail. Je n'ai rien changé !",
        "Creo que alguien más está en mi cuenta, hay pedidos que no conozco.",
        "Me llegó un correo para restablecer la contraseña que no pedí.",
    ],
)
def test_someone_else_in_the_account_is_fraud_in_french_and_spanish(text: str) -> None:
    """The review of suite 15's fixes: the same said in the other two languages."""
    assert "fraud" in _categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "The harness buckle failed and my daughter fell about 2 metres.",
        "Meine Tochter ist beim Klettern zwei Meter tief gestürzt.",
        "Er hat sich dabei eine Verstauchung zugezogen, die Bindung ist einfach aufgegangen.",
        "Mi hija se cayó desde dos metros cuando cedió el arnés.",
        "Se hizo un esguince de muñeca cuando se rompió la correa.",
    ],
)
def test_a_person_who_fell_or_sprained_is_a_safety_hazard(text: str) -> None:
    assert "safety_hazard" in _categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "The parcel fell two metres off the van but the tent is fine.",
        "Die App ist abgestürzt, als ich bestellen wollte.",
        "Mein Handy ist runtergefallen, gibt es eine Hülle dafür?",
        "Ich suche eine Bandage für eine Verstauchung.",
        "El paquete se cayó de dos metros, pero la tienda está bien.",
        "Busco una tobillera para un esguince de tobillo.",
    ],
)
def test_things_that_fell_and_sprains_asked_about_are_no_hazard(text: str) -> None:
    assert "safety_hazard" not in _categories(text)


@pytest.mark.parametrize(
    "text",
    [
        # a second review's look-alikes of the falls, sprains and takeovers
        "I dropped 2 m of the cable from my order, can I get a longer one?",
        "She fell 2 metres short of the finish line, the shoes were great though.",
        "Meine Frau war begeistert, aber die Vase ist runtergefallen.",
        "Ich bin im Spiel abgestürzt, als ich bestellen wollte.",
        "Schützt der Helm auch vor einer Gehirnerschütterung?",
        "La lámpara se cayó de un metro y se rompió la pantalla.",
        "¿Sirve esta tobillera para alguien con un esguince de tobillo?",
        "Est-ce que quelqu'un d'autre est dans mon compte si je partage mon mot de passe ?",
        "Si alguien más está en mi cuenta, ¿cómo lo veo?",
        "Le mot de passe a été modifié comme demandé, mais je n'ai pas encore modifié l'adresse.",
    ],
)
def test_look_alikes_of_falls_and_takeovers_are_calm(text: str) -> None:
    assert not ({"safety_hazard", "fraud"} & _categories(text))
