"""What suite 11 (``tests/fixtures/suites/fresh_11.yaml``, black-box, scored once: "what is
said in passing") found, said other ways: written for this test, not copied from the suite,
with calm look-alikes that must stay as they were."""

from __future__ import annotations

import pytest

from tandemdesk.understand.abuse import lexicon_evidence
from tandemdesk.understand.emotion import surface_cues
from tandemdesk.understand.intent import _asks
from tandemdesk.understand.other_business import named_business
from tandemdesk.understand.risk import read_risk
from tandemdesk.understand.waits import short_wait

RISKS_SAID_IN_PASSING = [
    # fraud: a payment the customer did not make, or a card someone else has
    ("there's an €80 charge from you on my statement and it wasn't me", "fraud"),
    ("How do I change my email? My ex has been using my card on your site", "fraud"),
    ("creo que alguien está usando mi tarjeta, ¿cómo cambio la contraseña?", "fraud"),
    ("mi ex se quedó con mis tarjetas y no sé qué compró", "fraud"),
    # hardship: the customer just lost their job
    ("I was laid off last week, can I still cancel the boots?", "vulnerable"),
    ("lost my job on friday so i need to send the tent back", "vulnerable"),
    ("Ich bin seit Montag arbeitslos, kann ich die Bestellung noch stornieren?", "vulnerable"),
    ("Hab meinen Job verloren, geht eine Rücksendung ohne Kosten?", "vulnerable"),
    ("je suis au chômage depuis lundi, je peux annuler ?", "vulnerable"),
    ("perdí mi empleo, ¿puedo devolver la chaqueta?", "vulnerable"),
    # out of hospital, mobility, insulin
    ("my dad gets out of hospital on Friday, will the cushion arrive by then?", "vulnerable"),
    ("Meine Mutter kommt am Dienstag aus dem Krankenhaus, ist der Rollator dann da?", "vulnerable"),
    ("ma mère rentre de l'hôpital demain, le colis arrive quand ?", "vulnerable"),
    ("a mi abuelo le dan de alta el viernes, ¿llega antes el pedido?", "vulnerable"),
    ("my insulin has to stay cold, will the cool bag do?", "vulnerable"),
    ("is the chair OK for someone with limited mobility?", "vulnerable"),
    ("ich bin 82 und wohn allein, klingeln Sie bitte lange", "vulnerable"),
    # a battery that swelled, a smell of burning plastic
    ("la batterie de la lampe frontale a gonflé, je peux la renvoyer ?", "safety_hazard"),
    ("la batería del frontal se ha hinchado, ¿qué hago?", "safety_hazard"),
    ("Beim Laden gab es einen Geruch nach verbranntem Plastik", "safety_hazard"),
    # ashes
    ("we're scattering her ashes on Saturday, will the bag come before?", "bereavement"),
    ("on va disperser ses cendres dimanche, le colis arrivera avant ?", "bereavement"),
    ("vamos a esparcir sus cenizas el domingo, ¿llega antes?", "bereavement"),
    # said other ways, found by the review
    ("el pago de 80 euros no fui yo", "fraud"),
    ("le paiement de 80 €, c'était pas moi", "fraud"),
    ("die Zahlung über 80 Euro war ich nicht", "fraud"),
    ("my ex used my card to buy a stove", "fraud"),
    ("I was let go last week, can I cancel?", "vulnerable"),
    ("je viens de me faire licencier, je peux annuler ?", "vulnerable"),
    ("Me acaban de despedir, ¿puedo devolverlo?", "vulnerable"),
    ("cuando mi madre salga del hospital lo va a necesitar", "vulnerable"),
    ("je viens de sortir de l'hôpital et je ne peux pas porter le colis", "vulnerable"),
    ("we're taking dad's ashes up the mountain next week", "bereavement"),
]

CALM = [
    "I've been using my card with you for years, can I add a second one?",
    "the payment was me, I just forgot about it",
    "I lost my password, how do I reset it?",
    "is the hospital-grade first aid kit in stock?",
    "the battery lasts a whole weekend, brilliant",
    "la batterie tient tout le week-end",
    "I'm out of office until Monday, please ship after that",
    "Die Jacke riecht neu, ist das normal?",
    "which bag fits the most?",
    # the review's: what the first patterns misread
    "Mi hija está usando mi tarjeta para sus pedidos, ¿dónde está el último pedido?",
    "My husband wants to order too - he is using my account for now. Where is my tent?",
    "I've lost my job number for the repair, but where is my new order?",
    "En la tienda me despidieron con un 'hasta pronto' muy majo. ¿Cuándo llega el pedido?",
    "Ich bin Pfleger und komme erst um 20 Uhr aus dem Krankenhaus. Wo ist mein Paket?",
    "I'm a nurse on nights so I'm not home from the hospital until 8am",
    "¿Puedo echar las cenizas de la estufa al compost?",
    "Can I spread the ashes from the fire pit on my veg patch?",
    "La pompe est top : la batterie tient et le matelas est gonflé en deux minutes.",
    "Ich arbeite bei der Arbeitslosenversicherung",
    "¿Cuándo lo dan de alta en la web?",
    "Is the mobility scooter rain cover back in stock?",
    "Don't worry, I haven't lost my job or anything, I just want to return the boots",
    "The payment failed twice but it wasn't me doing anything wrong",
    "Con una sola pila el colchón queda inflado",
    "Die neuen Bremsbeläge riechen beim Einfahren nach verbranntem Gummi, ist das normal?",
    "Do you sell insulin cooling cases?",
]


@pytest.mark.parametrize(("text", "category"), RISKS_SAID_IN_PASSING)
def test_a_risk_said_in_passing_is_read(text: str, category: str) -> None:
    assert category in {found for found, _ in read_risk(text).categories}, text


@pytest.mark.parametrize("text", CALM)
def test_calm_look_alikes_carry_no_risk(text: str) -> None:
    assert read_risk(text).categories == (), text


THREATS = [
    "Sort it today. It'd be a shame if anything happened to your shop.",
    "Shame if something happened to your shop.",
    "It would be a pity if anything were to happen.",
    "I know what time your staff clock off at the warehouse.",
    "I've found your home address, funny what's online.",
    "je connais votre adresse perso, pensez-y",
    "remboursez-moi avant que je passe vous rendre une petite visite",
    "sé tu dirección particular, así que devuélveme el dinero",
]
TALKING_DOWN = [
    ("te lo explico como a una niña: quiero mi dinero", "condescension"),
    ("Ich schreibe es Ihnen diesmal mit ganz kurzen Wörtern: Geld zurück.", "condescension"),
    ("¿Hay que hacerles un dibujito? Les hago un dibujito si quieren", "condescension"),
    ("sois unos hdp", "harassment"),
]
NOT_ABUSE = [
    "it would be a shame if the jacket sold out before payday",
    "What a shame, something happened to the parcel on the way",
    "Erklären Sie es mir bitte mit einfachen Wörtern, wie die Rücksendung geht?",
    "Bitte schicken Sie es per DHL, damit es auch bei Ihnen ankommt",
    "¿me lo explican como a un niño? no entiendo lo del reembolso",
    "I know what time the shop opens, but not the phone line",
    "j'ai trouvé votre adresse de retour sur le site, merci",
    # the review's: what the first patterns misread
    "It'd be a shame if anything happened to it in the post, it's a gift - could you double box it?",
    "I know what time your drivers finish, so will the parcel come before 6?",
    "Je passe vous rendre visite au magasin samedi pour essayer les chaussures.",
    "Quiero que llegue a casa de mi madre; tengo su dirección particular pero no el código postal.",
    "Ich habe ihre private Adresse als Lieferadresse angegeben, es ist ein Geschenk.",
    "les hago un dibujito con las medidas del pie si quieren",
    "Is the HDP version compatible with the old lid?",
    "Der Kompass ist mit kleinen Wörtern beschriftet, gibt es eine größere Ausgabe?",
]


@pytest.mark.parametrize("text", THREATS)
def test_veiled_threats_are_threats(text: str) -> None:
    assert "threat" in {e.detail for e in lexicon_evidence(text)}, text


@pytest.mark.parametrize(("text", "kind"), TALKING_DOWN)
def test_talking_down_and_abbreviated_insults_are_read(text: str, kind: str) -> None:
    assert kind in {e.detail for e in lexicon_evidence(text)}, text


@pytest.mark.parametrize("text", NOT_ABUSE)
def test_calm_look_alikes_are_not_abuse(text: str) -> None:
    assert lexicon_evidence(text) == [], text


DISOWNED = [
    "can you reset my broadband password? it's a sky one, not from you lot",
    "Der Router ist nicht von euch, aber wisst ihr, wie das WLAN-Passwort geht?",
    "la montre n'est pas de chez vous, mais comment je la réinitialise ?",
    "el router no es de ustedes, ¿cómo cambio la contraseña?",
    "Ich habe die Uhr nicht bei euch bestellt, sondern bei Amazon, wie stelle ich sie um?",
    "this one isn't yours, it's an EE router, how do I reset it?",
    "I didn't buy it from you but can you tell me how to reset the watch?",
]
NOT_DISOWNED = [
    "is this parcel from you? there's no sender on it",
    "Ich habe nichts von euch bekommen",
    "nicht von euch erhalten, wo ist das Paket?",
    "je n'ai rien reçu de chez vous",
    # the review's: the shop's people or fault, not a thing
    "Ya sé que la culpa no es de ustedes, pero ¿dónde está mi pedido?",
    "Ich kann mich seit gestern nicht bei Ihnen anmelden",
    "Je ne commanderai plus jamais chez vous si ça continue",
    "Not one of you lot has replied to my emails, where is my order?",
    "Meine Retoure ist laut Tracking noch nicht bei Ihnen angekommen",
    "Mon colis retour n'est toujours pas chez vous d'après le suivi ?",
    "The delay wasn't from you, it was the courier",
    "Ich habe die Rechnung noch nicht von Ihnen zugeschickt bekommen.",
]


@pytest.mark.parametrize("text", DISOWNED)
def test_a_thing_the_customer_says_is_not_this_shops_is_another_business(text: str) -> None:
    assert named_business(text, frozenset()) is not None, text


@pytest.mark.parametrize("text", NOT_DISOWNED)
def test_the_shop_itself_or_a_question_about_it_is_not_disowning(text: str) -> None:
    assert named_business(text, frozenset()) is None, text


QUESTIONS = [
    "how do i send them back", "wo is mein paket grad", "comment on se désabonne",
    "cómo la restablezco", "can i still return it", "wie melde ich mich vom Newsletter ab",
    "wo finde ich meine Rechnung", "donde esta mi pedido", "wie bekomme ich mein Geld zurück",
]  # fmt: skip
NOT_QUESTIONS = [
    "when I opened the box the pole was bent", "como siempre, todo perfecto",
    "these boots are killing me lol", "this is my second order from you",
    "Leider gibt es ein Problem mit der Jacke", "no puedo entrar a mi cuenta desde ayer",
    "I know how to set it up", "llegó como lo pedí", "en cuanto llegue lo pruebo",
    "lo que tengo es una talla M",
    # the review's
    "I love how much room the tent has", "My boots got soaked and so is my tent",
    "Hola, puedo confirmar que el pedido llegó bien", "Danke, habt ihr super gemacht",
    "Vous ne savez pas combien je suis content de la tente", "¡Cómo me gusta esta chaqueta!",
    "c'est pour moi ou est-ce pour offrir",
]  # fmt: skip


@pytest.mark.parametrize("text", QUESTIONS)
def test_a_question_without_its_question_mark_still_asks(text: str) -> None:
    assert _asks(text)


@pytest.mark.parametrize("text", NOT_QUESTIONS)
def test_a_story_or_a_statement_is_not_a_question(text: str) -> None:
    assert not _asks(text)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("the courier app says 20 mins away for an hour now", "for an hour"),
        (
            "seit einer halben Stunde steht der Fahrer angeblich vor der Tür",
            "seit einer halben Stunde",
        ),
        ("ça fait 45 min que le livreur est « à proximité »", "ça fait 45 min"),
        ("el repartidor lleva media hora dando vueltas", "lleva media hora"),
        ("I've been waiting 45 mins for my deliveroo, where is it", "waiting 45 mins"),
        ("my dominos is 40 mins late", "40 mins late"),
        ("Ich warte schon eine Stunde auf den Lieferando-Fahrer", "warte schon eine Stunde"),
        ("una hora esperando al repartidor de Glovo", "una hora esperando"),
    ],
)
def test_a_wait_counted_in_minutes_or_hours_is_read(text: str, said: str) -> None:
    assert short_wait(text) == said


@pytest.mark.parametrize(
    "text",
    ["it's been 3 days", "seit zwei Wochen unterwegs", "depuis 48 heures", "hace una semana",
     "delivered within 24 hours they said", "a 10 minute job for your team",
     "I was on hold for 40 mins so I'm messaging instead - where's my order?",
     "Le colis est en cours de livraison depuis 8h ce matin"],
)  # fmt: skip
def test_a_parcels_wait_a_phone_wait_or_a_time_of_day_is_no_short_wait(text: str) -> None:
    assert short_wait(text) is None


def _cues(text: str) -> set[str]:
    return {e.detail for e in surface_cues(text)[1]}


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("I've barely slept since the parcel went missing, it's her present", "despair"),
        ("haven't slept in two nights over this order", "despair"),
        ("Ich habe kaum geschlafen, weil das Paket nicht kommt", "despair"),
        ("trois nuits blanches à cause de ce colis", "despair"),
        ("no he dormido nada pensando en el pedido", "despair"),
        ("honestly I don't expect anything to go right any more", "hopeless"),
        ("bei mir klappt gerade eh nichts mehr, schickt es halt irgendwann", "hopeless"),
        ("estoy cansada de luchar por todo, hagan lo que puedan", "hopeless"),
        ("it's our first Christmas without our mum, the scarf was for her", "bereavement"),
        ("c'est le premier Noël des enfants sans leur papa", "bereavement"),
        ("es el primer cumpleaños de mi hija sin su abuela", "bereavement"),
        ("we'll scatter dad's ashes up there in June", "bereavement"),
        ("Es la primera Navidad sin mi madre", "bereavement"),
        ("It's the first Christmas without him", "bereavement"),
        ("I haven’t slept since Sunday", "despair"),  # the apostrophe phones type
        ("I haven't slept a wink", "despair"),
    ],
)
def test_understated_distress_is_read(text: str, cue: str) -> None:
    assert cue in _cues(text), text


@pytest.mark.parametrize(
    "text",
    [
        "can't sleep in this tent, it's far too cold, can I exchange it?",
        "the sleeping bag kept me warm, slept like a baby",
        "first birthday party without a bouncy castle, do you sell them?",
        "expect the parcel on Monday?",
        "ich schlafe im Zelt immer gut",
        # the review's: product complaints the first cues read as despair or grief
        "To be honest I don't expect things to get better once the leather softens",
        "It's my first father's day without my ex nagging, treating myself to a new tent!",
        "Bei der Stirnlampe klappt gar nichts mehr, der Schalter reagiert nicht",
        "J'en ai marre de me battre avec cette fermeture éclair",
        "Estoy harto de pelear por todo con la cremallera",
        "C'est le premier anniversaire du petit sans sa tétine",
        "I haven't slept in the bag yet, can I still return it",
        "Ich schlaf im Zelt nicht mehr so gut seit die Matte Luft verliert",
        "Je voudrais échanger la chemise de nuit blanche",
    ],
)
def test_calm_look_alikes_carry_no_distress_cue(text: str) -> None:
    assert not _cues(text) & {"despair", "hopeless", "bereavement"}, text
