"""What suite 9 (``tests/fixtures/suites/fresh_9.yaml``, written black-box, scored once at 70
of 96 with 4 wrong automated replies) found, each with look-alikes written here that must
stay as they were. The suite's own texts are pinned in ``tests/demo``; these are other
wordings of the same classes, so a pattern that only fits the suite's sentence fails here.
"""

from __future__ import annotations

import pytest

from tandemdesk.understand.abuse import default_model as default_abuse
from tandemdesk.understand.abuse import is_threat
from tandemdesk.understand.dialogue import default_detector
from tandemdesk.understand.emotion import default_model as default_emotion
from tandemdesk.understand.emotion import sarcasm
from tandemdesk.understand.language import detect_language
from tandemdesk.understand.novelty import known_words
from tandemdesk.understand.other_business import named_business
from tandemdesk.understand.risk import read_risk


@pytest.mark.parametrize(
    ("text", "risk"),
    [
        # a charge never made, with words between "nothing" and "ordered" (a German customer
        # got a clarifying question: the one distressed case of suite 9 no person saw)
        (
            "Auf dem Kontoauszug ist eine Lastschrift von 89 € an euch, ich hab aber seit März"
            " nichts mehr bei euch gekauft.",
            "fraud",
        ),
        (
            "Un prélèvement de 50 € chez vous, alors que je n'ai plus rien commandé depuis un an.",
            "fraud",
        ),
        ("Me aparece un cargo de 30 € suyo y no les compro nada desde hace meses.", "fraud"),
        # a review's: paying, not yet a customer; who used shared data; medicine for a trip
        (
            "Die Zahlung mit PayPal klappt nicht, darum habe ich bisher nichts bei euch bestellt.",
            None,
        ),
        ("Le paiement par carte a échoué, donc je n'ai rien commandé pour l'instant.", None),
        ("J'ai un bon d'achat, je n'ai rien acheté avec, est-il encore valable ?", None),
        ("Sobre el pago contra reembolso: no he comprado nada aún, ¿cómo funciona?", None),
        ("Wer hat meinen Account zuletzt genutzt, ich oder meine Frau? Wir teilen ihn.", None),
        ("Qui a utilisé mes coordonnées pour m'inscrire à votre newsletter ?", None),
        ("Ich suche eine Medikamententasche für meinen Rucksack, welche passt?", None),
        ("Vous avez une pochette isotherme pour l'insuline de mon chat ?", None),
        ("Busco un neceser para la medicación para mis vacaciones.", None),
        (
            "J'ai déposé plainte au commissariat pour le vol de mon vélo, il me faut la facture.",
            None,
        ),
        ("Según Profeco, ¿el precio debe incluir IVA?", None),
        (
            "Da ist eine Abbuchung von 59 €, obwohl ich diesen Monat nichts bei euch bestellt"
            " habe.",
            "fraud",
        ),
        ("Wer hat meine Kreditkarte benutzt? Da ist eine Zahlung an Sie.", "fraud"),
        ("Un prélèvement de 80 € apparaît, or je n'ai rien commandé chez vous.", "fraud"),
        ("Qui a utilisé ma carte ? Je vois un paiement chez vous.", "fraud"),
        ("Me cobraron 70 € y no les he comprado nada este año.", "fraud"),
        ("¿Quién usó mi tarjeta? Tengo un cargo suyo.", "fraud"),
        ("Die Abbuchung ist korrekt, aber ich habe nichts weiter bestellt.", None),
        ("Le paiement est passé, je n'ai rien d'autre commandé depuis.", None),
        ("Wer hat meine Bestellung bearbeitet? Da fehlt ein Teil.", None),
        # the medicine named before the relative it is for
        ("The insulin for my daughter was in that parcel.", "vulnerable"),
        ("Die Kühltasche mit dem Insulin meiner Mutter war im Paket.", "vulnerable"),
        ("Les médicaments de mon fils étaient dans le colis.", "vulnerable"),
        ("Ahí venía la insulina de mi papá.", "vulnerable"),
        ("Do you sell insulin cooling cases?", None),
        ("¿Venden bolsas para insulina?", None),
        # legal steps outside France and Spain (Québec, Mexico)
        ("Je vais déposer une plainte aux petites créances.", "legal_threat"),
        ("Je déposerai ma plainte à l'Office de la protection du consommateur.", "legal_threat"),
        ("Voy a poner una queja en Profeco.", "legal_threat"),
    ],
)
def test_risks_said_another_way(text: str, risk: str | None) -> None:
    names = read_risk(text).names
    assert (risk in names) if risk else names == (), names


@pytest.mark.parametrize(
    ("text", "needs_the_shop"),
    [
        # the new value given, or someone else's account: the how-to cannot do it for them
        ("Please change the email on the account to jo@example.org", True),
        ("Can you set my password to Winter2026?", True),
        ("My mum can't use computers, please reset her password for her.", True),
        ("Ändern Sie bitte die E-Mail meines Kontos auf neu@example.de.", True),
        ("Können Sie sein Passwort zurücksetzen? Mein Vater kommt nicht rein.", True),
        ("Modifiez l'adresse e-mail de mon compte, la nouvelle est a@example.fr", True),
        ("Cámbienme el correo a nuevo@example.mx por favor", True),
        ("¿Pueden cambiarle la contraseña de mi abuela?", True),
        # the plain how-to questions the article answers
        ("How do I change my password?", False),
        ("I want to change my password to something stronger, how?", False),
        ("Wie ändere ich meine E-Mail-Adresse?", False),
        ("Comment réinitialiser mon mot de passe ?", False),
        ("¿Cómo cambio mi contraseña?", False),
        # a review's: "to" + a purpose, "one's" password, the impersonal how-to
        ("How do I reset my password to log in?", False),
        ("Can I update my email to get the newsletter?", False),
        ("How does someone reset their password if they forget it?", False),
        ("Wie kann man sein Passwort ändern?", False),
        ("Comment réinitialiser son mot de passe ?", False),
        ("Comment modifier son adresse de livraison ?", False),
        ("¿Cómo se cambia el correo de la cuenta?", False),
        ("¿Cómo puedo restablecer la contraseña de mi cuenta?", False),
    ],
)
def test_a_change_the_shop_must_make_is_not_answered_with_a_how_to(
    text: str, needs_the_shop: bool
) -> None:
    assert default_detector().analyse([text])[0].tried_already is needs_the_shop


@pytest.mark.parametrize(
    ("text", "vague"),
    [
        ("Bestellung", True),
        ("pedido", True),
        ("my order pls", True),
        ("ma commande svp", True),
        ("where is my order?", False),
        ("order status", False),
        ("Bestellung stornieren", False),
        ("mi pedido no llega", False),
        ("Ich habe eine Frage zur Bestellung", True),
        # a review's: "order" as a verb, or a real question
        ("Can I order this?", False),
        ("I want to order again", False),
        ("Is my order in?", False),
    ],
)
def test_the_order_named_and_nothing_else_is_vague(text: str, vague: bool) -> None:
    """A lone "Bestellung" read as order status at 0.84 and got the tracking: a question
    back ("about your order: where it is, or …?") is what a person would ask."""
    assert default_detector().analyse([text])[0].vague is vague


@pytest.mark.parametrize(
    ("text", "kind"),
    [("dale, gracias!", "thanks"), ("joya, gracias", "thanks"), ("dale", "acknowledgement"),
     ("dale con la devolución, ¿cómo hago?", None), ("Sale?", None), ("Va?", None)],
)  # fmt: skip
def test_latin_american_spanish_thanks(text: str, kind: str | None) -> None:
    assert default_detector().analyse([text])[0].small_talk == kind


THREATS = [
    "If this isn't fixed your name and photo will be all over Twitter.",
    "I'm posting your full name on every review site I can find.",
    "J'ai votre nom, je vais le poster sur les réseaux.",
    "Tengo tu nombre. Voy a subirlo a todas las redes.",
    "Ich habe Ihren Namen notiert und stelle ihn überall online.",
    "Si rien n'arrive demain, je passe m'expliquer avec le livreur.",
    "Your name and photo are going online tonight.",
    "Je vais publier votre nom sur Facebook.",
    "Voy a publicar tu nombre en todas las redes.",
    "Ich poste Ihren Namen überall online.",
]
CALM = [
    "If this isn't sorted I'll post a review on Google and Trustpilot.",
    "Your name is on the delivery note, is that right?",
    "Je publierai un avis sur Google si le colis n'arrive pas.",
    "Votre photo de profil est floue, je mets la mienne sur Facebook ?",
    "¿Tu foto de perfil? Yo subo la mía a Instagram siempre.",
    "Hast du dein Foto schon hochgeladen? Ich lade die Rechnung auf Google Drive hoch.",
    "Ce ne sera pas pour tout de suite, je sais.",
    "Could you draw me a picture of how the tent poles fit?",
    "I did my best to pack it, a child with a tape gun could do better than me haha",
    # a review's: praise with the agent's name, a product's photo, a visit for an exchange
    "Your name will be on my 5-star review!",
    "I'll share your name on Facebook to say thanks, you were brilliant.",
    "Votre nom de famille est mal écrit sur l'étiquette, et La Poste indique sur internet"
    " que le colis est retourné.",
    "Votre prénom ? Je le poste sur Facebook avec mon avis 5 étoiles, merci !",
    "La chaqueta no se parece nada a su foto: la voy a poner en Facebook al lado de la mía.",
    "Ihr Foto vom Produkt ist super – stellen Sie es auch auf Instagram?",
    "Je connais l'adresse de votre magasin, est-ce que je peux y retirer ma commande ?",
    "Je passerai au magasin samedi, ce ne sera pas pour discuter, juste récupérer mon colis.",
    "Je passerai m'expliquer avec le vendeur pour l'échange de taille.",
    "A child with a nut allergy could have eaten this, the label says nothing!",
    "Soll ich Ihnen ein Bild malen, wo genau der Riss ist? Ein Foto ist unscharf.",
]


def test_exposing_the_agent_online_is_a_threat_and_reviews_are_not() -> None:
    model = default_abuse()
    assert all(is_threat(s) for s in model.analyse(THREATS)), THREATS
    assert [t for t, s in zip(CALM, model.analyse(CALM), strict=True) if s.label] == []


@pytest.mark.parametrize(
    "text",
    [
        "Nochmal langsam zum Mitschreiben: Das. Paket. Fehlt.",
        "Muss ich Ihnen erst ein Bild malen?",
        "Faut-il vous faire un dessin ?",
        "A child with a crayon could have drawn a better map than your website.",
        "Thanks for trying your little best, I suppose.",
    ],
)
def test_talking_down_to_the_agent(text: str) -> None:
    assert default_abuse().analyse([text])[0].label == "abusive"


@pytest.mark.parametrize(
    ("text", "distressed"),
    [
        ("I'm so tired. I don't know what else to do, nobody answers.", True),
        ("Ich weiß nicht, was ich noch tun soll, das Paket ist seit Wochen weg.", True),
        ("Je ne sais plus quoi faire, personne ne répond.", True),
        ("I don't know what to do with the return label, can you help?", False),
        ("I'm tired of waiting, where is my order?", False),
        ("I don't know what else to do with my old tent, do you take them back?", False),
        ("I'm so tired after hiking 20 km in these boots, great boots!", False),
    ],
)
def test_out_of_options_is_distress(text: str, distressed: bool) -> None:
    assert (default_emotion().analyse([text])[0].distress >= 0.6) is distressed


def test_a_german_question_with_english_words_is_german() -> None:
    """ "Hey, kurze Frage zu my order – wann kommt die denn an? Thanks!" was answered in
    English: the German words it used were not in the detector's word list."""
    assert (
        detect_language("Hey, kurze Frage zu my order, wann kommt die denn an? Thanks!").code
        == "de"
    )
    assert detect_language("Quick question, when does my order come?").code == "en"


def test_an_app_of_another_company_in_spanish() -> None:
    known = known_words(str.split("mi la app de del pedido cuenta contraseña no llega"))
    assert named_business("se me bloqueó la app del BBVA, cómo la restablezco", known) == "BBVA"
    assert named_business("mi pedido del Lunes no llega", known) is None


@pytest.mark.parametrize(
    ("text", "sarcastic"),
    [
        ("olvidé la contraseña otra vez 🙃 ¿cómo la cambio?", True),  # "otra vez": a complaint
        ("third time asking for the invoice 🙃", True),
        ("Hoy es 17 y el tracking sigue igual. Genial 🙃", True),
        ("Where is my parcel?? 🙄", True),  # the eye roll is at someone, whatever the words
        ("me olvidé la contraseña 🙃 cómo la cambio?", False),  # laughing at oneself
        ("hab mein Passwort vergessen 🙃 wie setze ich es zurück?", False),
    ],
)
def test_the_upside_down_face_is_sarcasm_only_beside_a_complaint(
    text: str, sarcastic: bool
) -> None:
    """ "se me olvidó la contraseña 🙃" went to a person as sarcastic (suite 9); every sarcastic
    🙃 in the fixtures stands beside a complaint, and still counts."""
    assert (sarcasm(text) is not None) is sarcastic
