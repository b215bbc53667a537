"""Suite 13 ("what real inboxes contain") found what business mail carries besides the
customer's words. Each class is said here in other words than the suite's, with the calm
look-alikes that must stay as they were."""

from __future__ import annotations

import pytest

from tandemdesk.understand.abuse import default_model as default_abuse
from tandemdesk.understand.boilerplate import without_boilerplate
from tandemdesk.understand.dialogue import analyse_text
from tandemdesk.understand.novelty import known_words
from tandemdesk.understand.other_business import named_business
from tandemdesk.understand.pipeline import Pipeline
from tandemdesk.understand.risk import read_risk

ROUTINE_WITH_BOILERPLATE = [
    # en: a disclaimer that says "unauthorised", "immediately", "legally privileged"
    "Hi, could you tell me where order NW-555101 has got to?\n\nThanks,\nPaul\n\n"
    "Paul Ashby | Operations Lead | Fenwick Marine Ltd\nT: 0191 555 0182 | www.fenwick.example\n\n"
    "This message is confidential and may be legally privileged. If you are not the intended "
    "recipient, notify us immediately; any unauthorised use or disclosure is prohibited.",
    # de: Geschäftsführer, Amtsgericht, "unbefugte Weitergabe", "sofort"
    "Hallo, wo ist meine Bestellung NW-555102?\n\nGruß\nAnke Roth\n--\nRoth Elektro GmbH\n"
    "Tel. 0711 555 01 02 · www.roth-elektro.example\nGeschäftsführer: Anke Roth · Amtsgericht "
    "Stuttgart HRB 1234\n\nDiese Nachricht ist vertraulich. Sollten Sie nicht der vorgesehene "
    "Empfänger sein, informieren Sie bitte sofort den Absender. Jede unbefugte Weitergabe ist "
    "untersagt.",
    # fr: "non autorisée", "immédiatement"
    "Bonjour, où en est ma commande NW-555103 ?\n\nCordialement,\nLuc Martin\n\nCe courriel est "
    "strictement confidentiel. Si vous avez reçu ce message par erreur, merci d'en avertir "
    "immédiatement l'expéditeur. Toute diffusion non autorisée est interdite.",
    # es: "Abogada" in the signature, "AVISO LEGAL", "inmediatamente"
    "Hola, ¿dónde está mi pedido NW-555104?\n\nSaludos,\nRosa Vidal\nAbogada | Vidal Legal S.L.\n"
    "Tel. 91 555 01 04\n\nAVISO LEGAL: este mensaje puede contener información confidencial. Si "
    "usted no es el destinatario, comuníquelo inmediatamente y proceda a su destrucción.",
]


ROUTINE_WITH_BOILERPLATE += [
    # a second review's: signatures without a usual sign-off, phones in other shapes
    "Hi,\n\nwhere is order NW-12345?\n\nPaul Ashby\nSolicitor\nAshby & Co Solicitors LLP\n0113 496 0000",
    "Bonjour,\n\noù en est ma commande NW-32345 ?\n\nCdlt\nLuc Martin\nAvocat au barreau de Lyon"
    "\n04 78 12 34 56",
    "Hola,\n\n¿dónde está mi pedido NW-42345?\n\nUn cordial saludo\nRosa Pérez\nAbogada\n612 345 678",
]


@pytest.mark.parametrize("text", ROUTINE_WITH_BOILERPLATE)
def test_a_companys_disclaimer_and_signature_are_not_read_as_the_customers_words(
    text: str,
) -> None:
    read = without_boilerplate(text)
    assert len(read) == len(text)  # spans still point into the message
    assert "NW-" in read and "?" in read  # the request stays
    for word in ("unauthorised", "unbefugte", "non autorisée", "Abogada", "immediately",
                 "sofort", "immédiatement", "inmediatamente", "Amtsgericht", "Solicitor",
                 "Avocat"):  # fmt: skip
        assert word not in read
    risk = read_risk(read)
    assert risk.label is None, risk


def test_the_pipeline_reads_without_boilerplate_but_redacts_the_whole_message() -> None:
    text = ROUTINE_WITH_BOILERPLATE[0]
    [understood] = Pipeline().understand([text])
    assert understood.risk.label is None
    assert understood.urgency.label in ("low", "normal")
    assert "0191 555 0182" not in understood.redacted_text  # the signature's phone: PII


KEPT = [
    # a threat written where a signature would be
    "Refund NW-555105 today.\n--\nMick | I know where your manager parks and I have time",
    # a sentence below a "___" line, in the third person
    "Sigo esperando el reembolso.\n\nAtte.\nA. Rodríguez\n___\n"
    "Ya sé en qué barrio viven los de atención al cliente.",
    # a forwarded company mail's headers: who sent it is evidence
    "where is it?\n\n---------- Forwarded message ---------\nFrom: Otto <service@otto.example>\n"
    "Date: Mon, 30 Nov 2026\nSubject: Deine Bestellung",
    # an address the customer gives, introduced by a line ending in ":"
    "Bitte ändern Sie die Lieferadresse.\n\nNeue Adresse:\nMühlweg 3\n72070 Tübingen\n"
    "Tel. 07071 555 0199",
    # a P.S. after the signature
    "Where is NW-555106?\n\nKate\nKate Lowe | Lowe & Co Ltd | 020 7946 0555\n\n"
    "PS my mum passed away last week, this was for her",
]


# A customer's own words that look like boilerplate: read whole.
KEPT_WHOLE = [
    "Dernier avertissement : sans remboursement d'ici vendredi, mon avocat saisira le tribunal.",
    "Aviso legal: si no me devuelven el dinero, los denuncio.",
    "Disclaimer: I love your shop, but where is my order NW-555108?",
    "Die Rechnung bitte auf Bauer GmbH, Hauptstraße 12, 87435 Kempten, USt-IdNr. DE298765432."
    " Können Sie die Rechnung neu ausstellen?",
    "Please put the invoice on Hale Ltd, registered in England, company number 0812345.",
    # a review's: terse requests whose lines look like a signature's, and one formula of a
    # disclaimer in a customer's sentence
    "Hallo\n\nPasswort zurücksetzen geht nicht\nKonto: anna@mail.example\n\nDanke",
    "Hallo,\n\nRücksendung am 03.12.2025 abgeschickt\nGeld noch nicht da\n\nGruß\nAnke",
    "Hello\n\nOrder NW-12345 never arrived\nTracking says delivered 02/12/2026\n\nRegards\nPaul",
    "Hi\n\nT-shirt arrived torn\nsleeve ripped at the seam\n\nThanks",
    "Hi,\n\nOrder 4471 | jacket | wrong size\nExchange to L\n\nThanks",
    "Hello,\n\nInvoice for order NW-12345 needed\nBilling: Miller Ltd, 4 High St, Leeds\n\nThanks",
    "Bonjour, avant d'imprimer l'étiquette retour, faut-il garder la boîte d'origine",
    "Hola, antes de imprimir la etiqueta quería saber si el envío es gratis",
    "Hallo, falls Sie nicht der richtige Ansprechpartner sind: wo ist mein Paket NW-22347",
    "Hi,\n\nThis email contains my confidential card details, please delete them.\n\nThanks",
    "Hallo,\n\nvon meinem Handy aus geht der Login nicht\n\nDanke",
    "Hi,\n\nConfidentiality notice: don't share my new address. Please change NW-12347\n\nThanks",
    # a second review's: a thanks at the top is no sign-off, a postscript and the details a
    # customer gives after one are read
    "Hi\nthanks for the reply\nthe courier left it at 12 Park Road instead of 21 Park Road\n\nwhat now",
    "Hola,\n\ngracias por responder\nmandarlo a Calle Mayor 5, 28013 Madrid\n\nSaludos",
    "Hi,\n\nthe parcel arrived damaged, NW-12345.\n\nThanks\nPaul\n\nPS also charged twice, see www.imgur.com/a/xyz",
    "Hallo,\n\nbitte die Erstattung überweisen\n\nDanke\nAnke\n\nIBAN DE89 3704 0044 0532 0130 00",
]


@pytest.mark.parametrize("text", KEPT_WHOLE)
def test_a_customers_own_warning_or_company_details_are_read(text: str) -> None:
    assert without_boilerplate(text) == text


@pytest.mark.parametrize("text", KEPT)
def test_what_the_customer_wrote_around_a_signature_stays_read(text: str) -> None:
    read = without_boilerplate(text)
    for keep in ("I know where your manager parks", "From: Otto", "Mühlweg 3", "passed away",
                 "Ya sé en qué barrio viven"):  # fmt: skip
        if keep in text:
            assert keep in read


@pytest.mark.parametrize(
    "text",
    [
        "Sent from my iPhone", "Von meinem iPhone gesendet", "Envoyé depuis mon mobile Orange",
        "Enviado desde mi Samsung Galaxy", "Get Outlook for Android", "Enviado desde mi móvil",
        "Sent from Yahoo Mail on Android", "Sent from my Galaxy S23 Ultra",
        "Gesendet mit der WEB.DE Mail App", "Envoyé à partir de Outlook pour Android",
    ],
)  # fmt: skip
def test_a_phones_footer_is_blanked(text: str) -> None:
    message = f"Where is my order NW-555107?\n\n{text}"
    assert text not in without_boilerplate(message)


def test_a_line_like_a_footer_that_names_no_device_stays() -> None:
    message = "Sent from your warehouse on Monday\nstill not here"
    assert without_boilerplate(message) == message


KNOWN = known_words(
    str.split("where is my order northwind parcel tracking bestellung pedido commande")
)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("where is it? see below\nFrom: Amazon.co.uk <shipment-tracking@amazon.co.uk>",
         "Amazon.co.uk"),
        ("wo bleibt das?\nVon: Otto <service@otto.example>", "Otto"),
        ("¿dónde está?\nDe: El Corte Inglés <pedidos@elcorteingles.es>", "El Corte Inglés"),
        ("et alors ?\nDe : Fnac <ne-pas-repondre@fnac.example>", "Fnac"),
        # the shop's own notice, a carrier's, and a person's forwarded mail name no company
        ("where is it?\nFrom: Northwind <no-reply@northwind.example>", None),
        ("where is it?\nFrom: DHL Paket <noreply@dhl.example>", None),
        ("can you send an invoice?\nFrom: Declan Moran <treasurer@ramblers.example>", None),
        # a person at a firm's robot-like address, and a review platform acting for the shop
        ("nobody answered, where is it?\nFrom: Paul Ashby <info@fenwick-marine.example>", None),
        ("see below\nFrom: Trustpilot <noreply@trustpilot.com>", None),
    ],
)  # fmt: skip
def test_a_forwarded_robot_mail_names_the_company_it_is_from(text: str, name: str | None) -> None:
    assert named_business(text, KNOWN) == name


RISKS = [
    ("the boots were for my brother Malcolm. Malcolm died very suddenly on Tuesday", "bereavement"),
    ("Meine Oma ist vor zwei Wochen ganz plötzlich und unerwartet gestorben", "bereavement"),
    ("a second order on my account that I definitely did not place", "fraud"),
    ("he's 91 and lives on his own", "vulnerable"),
    ("she's 84 and lives alone na", "vulnerable"),
    ("mein Opa ist 86 und wohnt völlig allein", "vulnerable"),
    ("ma grand-mère a 90 ans, vit toute seule", "vulnerable"),
    ("mi abuelo tiene 85 años, vive solo y anda con oxígeno", "vulnerable"),
    ("my dad has diabetes and can't feel his feet", "vulnerable"),
    ("la linterna largó humo y a mi hijo le salió una ampolla", "safety_hazard"),
]
CALM = [
    "my phone died suddenly so I couldn't track the parcel",
    "the headlamp died suddenly on the second night, can I return it?",
    "I definitely did not expect it so soon, thanks!",
    "is this sleeping bag warm enough for a 70 and over hiking group?",
    "el hornillo se puso caliente como debe, todo bien",
    # a review's
    "It just died suddenly after 2 weeks",
    "The left earbud died suddenly",
    "Mein Sohn sein Handy ist nach 2 Tagen gestorben",
    "I definitely did not place the order twice, your website did it",
    "Tracking shows it was left at an address that I've never heard of, where is my parcel?",
    "She can barely walk in these heels, they rub so much",
    "I have diabetes, are your merino socks suitable for diabetics?",
    "My dog has diabetes, do you sell the cooling mat?",
    "She paid the 80 by herself, can you refund her card?",
    "Me salió una ampolla con las botas nuevas, ¿puedo cambiarlas?",
    # a second review's
    "for my husband Geoff's birthday. Geoff passed his driving test so he needs the bigger bag",
    "Meine Mutter ist vor Lachen fast gestorben, als sie die Jacke sah",
    "Mein Vater ist vor Schreck fast gestorben",
]


@pytest.mark.parametrize(("text", "category"), RISKS)
def test_risks_said_in_business_mail(text: str, category: str) -> None:
    risk = read_risk(text)
    assert risk.label == category, risk


@pytest.mark.parametrize("text", CALM)
def test_their_calm_look_alikes_stay_calm(text: str) -> None:
    risk = read_risk(text)
    assert risk.label is None, risk


THREATS = [
    "Regards, Tom | I've got your director's home address",
    "Die Kollegin, die mir gestern geschrieben hat, wohnt in Altona, oder?",
    "Le conseiller qui m'a répondu ? J'ai retrouvé son profil LinkedIn et son adresse à Namur."
    " Sa maison à Namur. Le monde est petit.",
    "Ya sé en qué barrio viven los de atención al cliente.",
    "Der Mann, der mir gestern geantwortet hat, wohnt in Ottensen, stimmt's?",
]


@pytest.mark.parametrize("text", THREATS)
def test_finding_out_where_staff_live_is_a_threat(text: str) -> None:
    [abuse] = default_abuse().analyse([text])
    assert abuse.label == "abusive", abuse
    assert any(e.source.endswith("threat") for e in abuse.evidence), abuse.evidence


@pytest.mark.parametrize(
    "text",
    [
        "I found your jacket on Instagram, is it in stock?",
        "Die Frau von nebenan wohnt in Nr. 5, bitte dort abgeben",
        "J'ai retrouvé le ticket de caisse, la personne qui m'a répondu était très aimable",
        "Ya sé en qué talla quedo, gracias",
        # a review's: how new customers introduce themselves, a typo, a tent pole
        "Found you on Instagram, do you ship to Ireland?",
        "Hab Sie auf Instagram gefunden, liefern Sie auch nach Österreich?",
        "Los encontré en Instagram, ¿hacen envíos a Canarias?",
        "No sé en qué calle vive exactamente mi hermano",
        "I've got your home address wrong on the order, can you fix it?",
        "Die Zeltstangen: sie sind komplett hohl, ist das normal?",
        # a second review's
        "Ya sé en qué calle viven los abuelos, ¿lo pueden mandar allí?",
        "I've got your driver's home address wrong on the label, sorry",
    ],
)
def test_their_look_alikes_are_no_threat(text: str) -> None:
    [abuse] = default_abuse().analyse([text])
    assert abuse.label is None, abuse


@pytest.mark.parametrize(
    "text",
    [
        "All sorted now, thanks, but the second parcel still hasn't come",
        "Thanks, it worked. Could you also send the invoice",
        "Hat geklappt, danke. Wo ist meine andere Bestellung?",
        "Tout est réglé merci, mais pas pour la deuxième commande",
        "Ya quedó, gracias, pero me falta la factura",
        # a review's: a request or a problem after the thanks, without "but" or "?"
        "It worked, thanks! Need the invoice for my company as well.",
        "Thanks, it worked. I want to return the other one.",
        "Problem solved thanks. The other parcel is missing.",
        "It worked thanks. Cancel my subscription",
        "Hat geklappt, danke. Wann kommt die Erstattung",
        "Hat sich erledigt, danke. Ich möchte die Bestellung stornieren.",
        "Ça a marché merci. Le colis est arrivé cassé.",
        "Merci, c'est réglé. Envoyez-moi la facture",
        "Ya quedó, gracias. Necesito la factura.",
        "Ya quedó gracias, el pedido llegó incompleto",
        "Problem solved, thanks for cancelling my order without asking",
        "it worked until the update. thanks",
    ],
)
def test_a_thanks_with_a_request_or_a_problem_is_not_small_talk(text: str) -> None:
    assert analyse_text(text).small_talk is None


def test_blanking_that_would_leave_only_small_talk_reads_the_message_whole() -> None:
    text = "Hi there, thank you so much for the help\n\nThanks,\nOrder 4471 | jacket | wrong size\nExchange to L"
    assert analyse_text(without_boilerplate(text)).small_talk is not None  # the blanked view
    [understood] = Pipeline().understand([text])
    assert understood.dialogue.small_talk is None
