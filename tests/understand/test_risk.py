"""Risk signals: categories in en/de/fr/es with evidence into the original text, figurative and
negated uses left alone, hostile input survived, and the held-out set at its measured bar."""

from __future__ import annotations

import csv
import json
import random
import re
from pathlib import Path

import pytest

from tandemdesk.understand import registry
from tandemdesk.understand.base import Score
from tandemdesk.understand.errors import TrainingDataError
from tandemdesk.understand.pipeline import Pipeline
from tandemdesk.understand.prefilter import Prefilter
from tandemdesk.understand.risk import (
    CATEGORIES,
    NO_RISK,
    PATTERNS,
    RiskDetector,
    RiskReading,
    _lexicon,
    default_detector,
    fold,
    read_risk,
)
from tests.conftest import shared_data

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

# Held-out recall per category, as measured once on risk_heldout.jsonl (a fresh set written
# before the last tuning round and not looked at while tuning; bench/risk_signals.py prints
# it): a change that loses one of its messages drops below the bar.
HELD_OUT_RECALL = {
    "self_harm": 0.9,
    "safety_hazard": 0.9,
    "fraud": 0.95,
    "bereavement": 1.0,
    "legal_threat": 1.0,
    "vulnerable": 0.9,
}
HELD_OUT_NEGATIVES_FLAGGED = 0.0


def _rows(name: str) -> list[dict[str, object]]:
    with (FIXTURES / name).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def names(text: str) -> tuple[str, ...]:
    return read_risk(text).names


@pytest.mark.parametrize(
    ("text", "category", "span"),
    [
        ("I can't go on anymore.", "self_harm", "can't go on anymore"),
        ("Ich will nicht mehr leben", "self_harm", "nicht mehr leben"),
        ("je n'en peux plus de vivre", "self_harm", "n'en peux plus de vivre"),
        ("Ya no quiero vivir", "self_harm", "no quiero vivir"),
        ("My charger caught fire overnight", "safety_hazard", "caught fire"),
        ("Der Akku ist überhitzt", "safety_hazard", "überhitzt"),
        ("Le chargeur a pris feu", "safety_hazard", "pris feu"),
        ("Sale humo del enchufe", "safety_hazard", "Sale humo"),
        ("My toddler swallowed a piece of the toy", "safety_hazard", "swallowed a piece"),
        ("There's a charge on my card I never made", "fraud", "charge on my card I never made"),
        ("Mein Konto wurde gehackt", "fraud", "gehackt"),
        ("Mon compte a été piraté", "fraud", "piraté"),
        ("Alguien usó mi tarjeta", "fraud", "Alguien usó mi"),
        ("My husband passed away last week", "bereavement", "husband passed away"),
        ("Meine Mutter ist verstorben", "bereavement", "verstorben"),
        ("Mon père est décédé", "bereavement", "décédé"),
        ("Mi madre falleció", "bereavement", "falleció"),
        ("I will contact my lawyer", "legal_threat", "lawyer"),
        (
            "Si je ne suis pas remboursée d'ici vendredi, je vous fais un procès.",
            "legal_threat",
            "un procès",
        ),
        (
            "my son has a severe nut allergy and the bars you sent contain nuts!! he ate one",
            "safety_hazard",
            "allergy and the bars you sent contain",
        ),
        (
            "Mein Sohn hat eine Nussallergie, und die Riegel enthalten doch Nüsse.",
            "safety_hazard",
            "Nussallergie, und die Riegel enthalten",
        ),
        (
            "Mi hija tiene alergia al cacahuete y se comió una barrita",
            "safety_hazard",
            "alergia al cacahuete y se comió",
        ),
        ("Ich gehe zur Verbraucherzentrale", "legal_threat", "Verbraucherzentrale"),
        ("J'ai saisi l'UFC-Que Choisir", "legal_threat", "UFC"),
        ("Voy a hablar con la OCU", "legal_threat", "OCU"),
        ("My insulin was in that parcel", "vulnerable", "My insulin"),
        ("Mein Rollstuhl ist kaputt", "vulnerable", "Mein Rollstuhl"),
        ("Je suis victime de violences conjugales", "vulnerable", "violences conjugales"),
        ("No puedo dar de comer a mis hijos", "vulnerable", "dar de comer a mis hijos"),
        ("My wife left, I lost my job, I have nothing left.", "self_harm", "I have nothing left"),
        ("I have nothing left, no money for rent", "vulnerable", "no money for rent"),
        # a fall from a product that gave way, and the bone it broke (found end to end: the
        # harness buckle snapped and the hand-off said "damaged item")
        (
            "the strap gave way, she fell and fractured her ankle",
            "safety_hazard",
            "fractured her ankle",
        ),
        (
            "Der Klettergurt ist gerissen, mein Sohn hat sich den Arm gebrochen",
            "safety_hazard",
            "sich den Arm gebrochen",
        ),
        (
            "Le mousqueton s'est ouvert, mon mari s'est fracturé le poignet",
            "safety_hazard",
            "s'est fracturé le poignet",
        ),
        (
            "Se soltó la correa y mi hija se rompió la muñeca",
            "safety_hazard",
            "se rompió la muñeca",
        ),
        (
            "Ich hab nichts bestellt, aber auf dem Kontoauszug steht eine Abbuchung über 89 €",
            "fraud",
            "nichts bestellt, aber auf dem Kontoauszug steht eine Abbuchung",
        ),
        (
            "Die Abbuchung von 120 € kenne ich nicht, ich habe nie etwas gekauft",
            "fraud",
            "Abbuchung von 120 € kenne ich nicht, ich habe nie etwas gekauft",
        ),
        (
            "Hat vielleicht jemand meine Kreditkarte benutzt?",
            "fraud",
            "Hat vielleicht jemand meine Kreditkarte benutzt",
        ),
        ("Honestly I don't want to go on like this.", "self_harm", "don't want to go on like this"),
        (
            "Ehrlich gesagt, ich will einfach nicht mehr.",
            "self_harm",
            "ich will einfach nicht mehr",
        ),
        ("parfois j'ai juste envie d'en finir", "self_harm", "envie d'en finir"),
        ("Je n'ai plus goût à rien depuis des mois", "self_harm", "plus goût à rien"),
        ("A veces pienso en terminar con mi vida", "self_harm", "terminar con mi vida"),
        ("Ya no quiero seguir así.", "self_harm", "Ya no quiero seguir así"),
        (
            "to be honest I don't really want to be around anymore",
            "self_harm",
            "want to be around anymore",
        ),
        (
            "Ich weiß nicht, wozu ich überhaupt noch aufstehen soll",
            "self_harm",
            "wozu ich überhaupt noch aufstehen soll",
        ),
        (
            "The heater gave my son a nasty blister on his arm",
            "safety_hazard",
            "gave my son a nasty blister",
        ),
        ("we ended up in A&E last night because of it", "safety_hazard", "in A&E"),
        ("Mon mari a eu trois points de suture", "safety_hazard", "points de suture"),
        ("Meine Tochter musste genäht werden", "safety_hazard", "musste genäht"),
        ("Le dieron cinco puntos de sutura", "safety_hazard", "puntos de sutura"),
        # third fresh suite: goodbyes said, belongings given away, a takeover, stitches
        (
            "I've been giving my things away lately, I won't need them for much longer",
            "self_harm",
            "giving my things away",
        ),
        (
            "Ich habe mit allem abgeschlossen, das Paket ist mir egal",
            "self_harm",
            "habe mit allem abgeschlossen",
        ),
        (
            "Ya me he despedido de todos, el pedido me da igual",
            "self_harm",
            "me he despedido de todos",
        ),
        (
            "somebody's been into my account and changed the address",
            "fraud",
            "somebody's been into my account",
        ),
        (
            "she had four stitches in her hand after the pole broke",
            "safety_hazard",
            "had four stitches",
        ),
        (
            "My dad is in hospital and the parcel was his medication",
            "vulnerable",
            "My dad is in hospital",
        ),
        (
            "Mein Mann liegt seit gestern im Krankenhaus",
            "vulnerable",
            "liegt seit gestern im Krankenhaus",
        ),
        ("Ma fille est hospitalisée depuis lundi", "vulnerable", "Ma fille est hospitalisée"),
        ("Mi madre está ingresada desde el jueves", "vulnerable", "está ingresada"),
        # fourth fresh suite: a decision to be gone soon, a burial, "nous a quittés"
        (
            "Egal, ich weiß, dass ich demnächst nicht mehr hier bin.",
            "self_harm",
            "dass ich demnächst nicht mehr hier bin",
        ),
        (
            "Gardez l'argent, je serai probablement plus là",
            "self_harm",
            "serai probablement plus là",
        ),
        ("Ich kann wirklich nicht mehr.", "self_harm", "Ich kann wirklich nicht mehr"),
        (
            "we cremated her on Monday and her order is still coming",
            "bereavement",
            "we cremated her",
        ),
        ("Mon père nous a quittés hier", "bereavement", "père nous a quittés"),
        (
            "Il nous a quittés subitement la semaine dernière",
            "bereavement",
            "Il nous a quittés subitement",
        ),
        (
            "Da ist eine Zahlung über 59,90 € an euch auf meinem Konto, die ich nicht gemacht habe",
            "fraud",
            "Zahlung über 59,90 € an euch auf meinem Konto, die ich nicht gemacht",
        ),
        # eighth fresh suite (sarcasm around it: "Five stars for the free eyebrow removal"):
        # a fireball, blisters, a night at urgent care
        ("the lamp went up in a fireball on the table", "safety_hazard", "went up in a fireball"),
        ("his hands were covered in blisters", "safety_hazard", "covered in blisters"),
        ("we had to go to urgent care with her", "safety_hazard", "had to go to urgent care"),
        ("Der Kocher hat einen Feuerball gemacht", "safety_hazard", "einen Feuerball"),
        ("le réchaud a fait une boule de feu", "safety_hazard", "une boule de feu"),
        ("el hornillo soltó una llamarada", "safety_hazard", "soltó una llamarada"),
    ],
)
def test_category_fires_with_its_words(text: str, category: str, span: str) -> None:
    reading = read_risk(text)
    assert category in reading.names
    hits = [e for e in reading.evidence if e.source == f"risk.{category}"]
    assert any(e.text == span for e in hits), [e.text for e in hits]
    # A category's score is its strongest span's weight.
    assert max(e.weight or 0.0 for e in hits) == dict(reading.categories)[category]
    assert all(e.detail for e in hits)


@pytest.mark.parametrize(
    "text",
    [
        "This deal is fire, buying two more!",
        "You guys are killing it with the new update",
        "I'm dying to know when the collection drops",
        "My battery is dead, how do I charge the headphones?",
        "Mein Akku ist tot, wie lade ich ihn?",
        "Ma batterie est morte",
        "Mi batería está muerta",
        "The parcel is dead in the water, tracking hasn't moved",
        "Does the Fire tablet come with a case?",
        "I'd like the jacket in smoke grey",
        "Je voudrais la veste en gris fumé",
        "I got burned by your last promotion",
        "Sue from your team was great",
        "Can I add my husband as an authorised user?",
        "The chocolate melted a bit but tasted great",
        "I was shocked by how fast the delivery was",
        "What's the point of premium if shipping is slow?",
        "Je n'en peux plus d'attendre ce colis",
        "Ich will nicht mehr warten",
        "Ya no puedo esperar más",
        "Can you explain how the fraud protection works?",
        "The ATM swallowed my card",
        "I'm an elderly care nurse, is there a discount?",
        "Where is my order?",
        "I'm allergic to wool, do you have synthetic hiking socks?",
        "Do the energy bars contain nuts? My son has an allergy.",
        "Le procès-verbal de livraison indique un colis abîmé.",
        "I have nothing left on my gift card, can you check the balance?",
        "After paying twice I have nothing left in my account.",
        "The tent pole broke and the zip is broken too",
        "I broke the strap of my backpack, can I get a new one?",
        "Die Schnalle ist gebrochen, bitte Ersatz schicken",
        "El asa de la mochila se ha roto",
        "La fermeture de la veste s'est cassée",
        "Ich habe nichts bestellt, aber ein Paket bekommen",
        "Die Zahlung ist nicht durchgegangen, ich habe nichts falsch gemacht",
        "Ich will nicht mehr warten, wo ist mein Paket?",
        "Je n'ai plus envie de rien commander chez vous",
        "I don't want to go on waiting for this parcel",
        "This jacket gave me a great look for the wedding",
        "I'll be around next week to collect it",
        "I won't be needing the tent any longer, can I cancel?",
        "No creo que siga aquí el paquete, ¿lo habéis enviado?",
        "I have a few stitches loose on my jacket sleeve",
        "Le colis est à l'hôpital ?",
        "Je ne serai plus là samedi, pouvez-vous livrer lundi ?",
        "Je ne serai plus là pour réceptionner le colis, laissez-le au voisin",
        "Notre vendeur nous a quittés le mois dernier, qui gère ma commande ?",
        "The pharmacy is in the hospital building, can you deliver there?",
        "This deal is a fireball of savings, I want two",
        # a review's: where one works, a product's name
        "I work in urgent care and need comfortable shoes for 12-hour shifts",
        "I ordered a Fireball Island board game, where is it?",
        "Llamarada is the name of the stove model I want",
    ],
)
def test_figurative_and_product_words_are_not_risks(text: str) -> None:
    assert read_risk(text) == NO_RISK


@pytest.mark.parametrize(
    "text",
    [
        "Nothing caught fire, it just gets warm",
        "There was no smoke, the screen just flickers",
        "It has not overheated once",
        "Es hat nichts gebrannt.",
        "Der Akku überhitzt nicht",
        "Rien n'a pris feu",
        "Nada se quemó",
        "Could it overheat if I leave it plugged in?",
        "Does this kettle have protection against overheating?",
        "no need for lawyers, I just want my money back",
    ],
)
def test_negated_and_hypothetical_hazards_are_not_risks(text: str) -> None:
    assert read_risk(text) == NO_RISK


def test_a_negation_in_another_clause_does_not_cancel() -> None:
    assert names("It won't charge and then it caught fire") == ("safety_hazard",)
    assert names("I can't use it, it caught fire") == ("safety_hazard",)
    # Fraud patterns carry their own negation: "never made" is the risk, not its absence.
    assert names("I never made this payment") == ("fraud",)
    assert RiskDetector(negation=False).fit([]).predict(["Nothing caught fire"]) == [
        ("safety_hazard",)
    ]


def test_scores_follow_severity_and_order_strongest_first() -> None:
    reading = read_risk("My lawyer will hear about this, and honestly I want to die")
    assert reading.names == ("self_harm", "legal_threat")
    assert reading.label == "self_harm"
    assert reading.value == max(score for _, score in reading.categories) >= 0.9
    assert dict(reading.categories)["legal_threat"] < reading.value
    score = reading.score
    assert isinstance(score, Score) and score.kind == "risk" and score.label == "self_harm"
    assert score.evidence == reading.evidence
    data = reading.to_dict()
    assert data["label"] == "self_harm" and data["value"] == reading.value
    assert [c["category"] for c in data["categories"]] == list(reading.names)
    assert {"source", "detail", "start", "end", "text", "weight"} == set(data["evidence"][0])
    json.dumps(data)
    assert NO_RISK.value == 0.0 and NO_RISK.label is None and NO_RISK.to_dict()["categories"] == []


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Das Ladegerät ist ÜBERHITZT!", "ÜBERHITZT"),
        ("Der Akku ist ueberhitzt", "ueberhitzt"),
        ("Mon mari est de\u0301ce\u0301de\u0301 hier", "de\u0301ce\u0301de\u0301"),  # decomposed
        ("Ich bin lebensmüde", "lebensmüde"),
        ("Das Gerät ist heiß zum Anfassen", "heiß zum Anfassen"),
        ("My   charger\ncaught\t\tfire", "caught\t\tfire"),
        ("I want to k\u200dill myself", "want to k\u200dill myself"),
        ("My charger ｃａｕｇｈｔ ｆｉｒｅ", "ｃａｕｇｈｔ ｆｉｒｅ"),
        ("🔥🔥 my charger caught fire 🔥", "caught fire"),
        ("I don’t want to live anymore", "don’t want to live"),
        ("straße: Mein Sohn hat ein Teil verschluckt", "verschluckt"),
    ],
)
def test_evidence_points_into_the_original_text(text: str, span: str) -> None:
    reading = read_risk(text)
    assert reading.evidence, text
    for e in reading.evidence:
        assert e.start is not None and e.end is not None
        assert text[e.start : e.end] == e.text
    assert span in [e.text for e in reading.evidence]


def test_long_text_is_read_head_and_tail_with_offsets_into_the_whole() -> None:
    text = "Hello. " + "x " * 30_000 + "My charger caught fire."
    reading = read_risk(text)
    assert reading.names == ("safety_hazard",)
    e = reading.evidence[0]
    assert e.start is not None and text[e.start : e.end] == "caught fire"


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "🙂🙂🙂🔥💀",
        "x" * 200_000,
        "\u200d".join("where is my parcel"),
        "h3ll0, wh3r3 1s my p4rc3l??",
        "\x00\x01\ufffd\ud800 broken",
        "Paket 包裹 посылка",
        "ß" * 5_000,
        "\u0301" * 100,
    ],
)
def test_hostile_input_gives_no_risk_and_never_crashes(text: str) -> None:
    assert read_risk(text) == NO_RISK
    assert default_detector().analyse([text]) == [NO_RISK]


def test_random_unicode_never_crashes_and_offsets_stay_valid() -> None:
    rng = random.Random(7)
    alphabet = "abcdefire smoke kill myself fraud ßéüÀ’\u200d\u0301\n\t🔥ﬁİ,."
    for _ in range(400):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 120)))
        for e in read_risk(text).evidence:
            assert e.start is not None and e.end is not None and 0 <= e.start < e.end <= len(text)
            assert text[e.start : e.end] == e.text


def test_fold_maps_every_folded_character_to_its_source() -> None:
    for text in ["Größe Ärger", "e\u0301te\u0301  ça", "A\u200dB\n\nC", "ﬁne İstanbul", "plain"]:
        folded, index = fold(text)
        assert folded.isascii() and "  " not in folded
        positions = index if index is not None else list(range(len(folded)))
        assert len(positions) == len(folded)
        assert positions == sorted(positions)
        assert all(0 <= p < len(text) for p in positions)


def test_pipeline_refuses_blank_text_while_the_component_answers_no_risk() -> None:
    from tandemdesk.errors import InvalidRecordError

    with pytest.raises(InvalidRecordError):
        Pipeline().understand([""])
    assert default_detector().predict(["", "   "]) == [(), ()]


def test_component_contract_and_labels() -> None:
    assert registry.get("risk", "risk.rules.v1") is RiskDetector
    detector = default_detector()
    assert detector.is_fitted and detector.categories_ == list(CATEGORIES)
    assert detector.n_patterns_ == len(PATTERNS)
    texts, labels = RiskDetector.example_data()
    assert RiskDetector().fit(texts, labels).predict(texts) == [tuple(lb) for lb in labels]
    with pytest.raises(TrainingDataError, match="unknown risk categories"):
        RiskDetector().fit(["x"], [["fire"]])
    with pytest.raises(ValueError, match="max_chars"):
        RiskDetector(max_chars=10).fit([])


def test_patterns_are_well_formed_and_prefiltered() -> None:
    for pattern, regex in _lexicon().compiled:
        assert pattern.category in CATEGORIES
        assert Prefilter([regex]).active, f"{pattern.detail} cannot be prefiltered"
        assert 0.5 <= pattern.weight <= 1.0
        assert re.fullmatch(r"[\x20-\x7e]+", pattern.detail)
    assert {p.category for p in PATTERNS} == set(CATEGORIES)
    assert _lexicon().candidates("where is my parcel") == []


def test_prefilter_changes_no_result() -> None:
    texts = [str(r["text"]) for r in _rows("risk_tune.jsonl") + _rows("risk_heldout.jsonl")]
    texts += ["someone someone's fire hazard caught fire", "i don't recognise this charge"]
    for text in texts:
        folded, _ = fold(text)
        assert _lexicon().scan(folded) == _lexicon().scan(folded, prefilter=False), text


def test_tuning_set_is_read_as_labelled() -> None:
    rows = _rows("risk_tune.jsonl")
    wrong = [r for r in rows if set(names(str(r["text"]))) != set(r["categories"])]  # type: ignore[arg-type]
    # Four known: "I didnt order this, who placed this order…" (no phrase the patterns can
    # hold without firing on wrong-item complaints), a joke about a dead pet, "my elderly
    # neighbour's rent", "alle meine Tabletten" (also read as depending on medication).
    assert len(wrong) <= 4, wrong


def test_held_out_set_at_its_measured_bar() -> None:
    rows = _rows("risk_heldout.jsonl")
    assert len(rows) >= 150 and {r["language"] for r in rows} == {"en", "de", "fr", "es"}
    predicted = default_detector().predict([str(r["text"]) for r in rows])
    for category, bar in HELD_OUT_RECALL.items():
        positives = [(r, p) for r, p in zip(rows, predicted, strict=True)
                     if category in r["categories"]]  # type: ignore[operator]  # fmt: skip
        assert len(positives) >= 10
        recall = sum(category in p for _, p in positives) / len(positives)
        assert recall >= bar, f"{category} recall {recall:.3f} < {bar}"
    negatives = [p for r, p in zip(rows, predicted, strict=True) if not r["categories"]]
    flagged = sum(bool(p) for p in negatives) / len(negatives)
    assert flagged <= HELD_OUT_NEGATIVES_FLAGGED


def test_calm_support_text_rarely_fires() -> None:
    path = shared_data("bitext_cs", "Bitext_Sample_Customer_Support_Training_Dataset.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        texts = [r["instruction"] for r in csv.DictReader(handle) if "W" not in r["tags"]]
    fired = sum(bool(r.categories) for r in default_detector().analyse(texts))
    assert fired / len(texts) <= 0.005


def test_banking_fraud_intents_fire_and_calm_intents_do_not() -> None:
    path = shared_data("banking77", "test.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    readings = default_detector().analyse([r["text"] for r in rows])
    fraud_intents = {"card_payment_not_recognised", "compromised_card",
                     "direct_debit_payment_not_recognised", "cash_withdrawal_not_recognised"}  # fmt: skip
    fraud = [rd for r, rd in zip(rows, readings, strict=True) if r["category"] in fraud_intents]
    calm = [rd for r, rd in zip(rows, readings, strict=True)
            if r["category"] not in fraud_intents | {"lost_or_stolen_card", "lost_or_stolen_phone"}]  # fmt: skip
    assert sum("fraud" in rd.names for rd in fraud) / len(fraud) >= 0.35
    assert sum(bool(rd.categories) for rd in calm) / len(calm) <= 0.005
    assert all(isinstance(rd, RiskReading) for rd in readings)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("I'm 91, my eyesight is going and I can't find the invoice anywhere", "vulnerable"),
        ("Ich bin 79 und komme mit dem Handy nicht klar.", "vulnerable"),
        ("jai 88 ans, pouvez-vous m'appeler ?", "vulnerable"),
        ("tengo 77 años y no sé usar la web", "vulnerable"),
        (
            "There is a 59 euro debit from you on my bank statement but I never ordered a thing.",
            "fraud",
        ),
        (
            "Un prélèvement de 45 € apparaît sur mon compte, pourtant je n'ai jamais rien commandé.",
            "fraud",
        ),
        ("Me aparece un cargo de 60 € de vuestra tienda y jamás he comprado nada.", "fraud"),
    ],
)
def test_elderly_customers_and_charges_never_made(text: str, category: str) -> None:
    assert category in names(text)


@pytest.mark.parametrize(
    "text",
    [
        "I'm 80% sure I ordered the blue one",
        "I am 90 minutes away from your shop",
        "ich bin 75 Euro ärmer nach dieser Bestellung",
        "j'ai 80 ans de garantie ?",
        "tengo 70 años de experiencia en montaña",
        "Das Kleid sieht schlecht aus",
    ],
)
def test_numbers_that_are_not_ages_are_calm(text: str) -> None:
    assert names(text) == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ich bringe mich heute um", ("self_harm",)),
        ("Ihr Idioten, ich will nicht mehr leben", ("self_harm",)),
        ("I'd kill myself laughing at this deal lol", ()),
        ("keep the refund. nothing matters anymore.", ("self_harm",)),
        ("Nothing matters more to me than getting it by Friday", ()),
        ("c'est pour une dernière rando. plus rien n'a d'importance maintenant.", ("self_harm",)),
        ("Plus rien n'a d'importance pour moi que ce colis arrive samedi", ()),
        ("Nichts hat mehr eine Bedeutung für mich", ("self_harm",)),
        ("Die Farbe spielt keine Rolle", ()),
        ("da igual el reembolso, ya nada me importa", ("self_harm",)),
        ("No me importa nada el color", ()),
        ("Ya nada me importa el color, mándame el que sea", ()),
        ("Nothing matters now except getting the parcel before Christmas.", ()),
        ("Nichts hat mehr Bedeutung für mich als eine pünktliche Lieferung.", ()),
        ("Je ne pense pas redescendre en ville avant dimanche, pouvez-vous livrer ?", ()),
        ("No creo que vuelva a bajar de precio, así que lo compro ya.", ()),
    ],
)
def test_self_harm_said_in_passing_and_as_an_idiom(text: str, expected: tuple[str, ...]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The hair dye you used burned my scalp, I have blisters now.", ("safety_hazard",)),
        (
            "Dès que je visse la cartouche ça sent fort le gaz, on entend un sifflement",
            ("safety_hazard",),
        ),
        ("Der Kocher riecht total nach Gas, sobald ich ihn aufdrehe", ("safety_hazard",)),
        ("El hornillo huele muchísimo a gas al abrirlo", ("safety_hazard",)),
        ("I have blisters from the new boots, can I return them?", ()),
    ],
)
def test_a_burn_to_the_scalp_is_a_hazard_blisters_from_boots_are_not(
    text: str, expected: tuple[str, ...]
) -> None:
    assert names(text) == expected


def test_nothing_left_about_money_is_hardship_not_self_harm() -> None:
    """Found reading hand-offs: "I have nothing left, no money for rent" went to the crisis
    queue with a self-harm protocol; it is a customer in hardship (vulnerable)."""
    reading = read_risk("I have nothing left, no money for rent, the refund was all I had")
    assert "self_harm" not in reading.names and "vulnerable" in reading.names
    assert "self_harm" in read_risk("I have nothing left. I don't see why I keep going.").names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("There's a charge of €1,249.50 on my card I don't recognise", ("fraud",)),
        ("a payment of £389.00 to you on my statement that I never made", ("fraud",)),
        ("I paid £89.99 for the boots. I don't recognise the courier though.", ()),
    ],
)
def test_an_amount_with_decimals_does_not_end_the_sentence(
    text: str, expected: tuple[str, ...]
) -> None:
    """The fraud frames read a payment and "I don't recognise" within one sentence; the
    point or comma inside an amount is not a sentence end (suite 5's fraud report, a
    "payment of £389.00 … that I don't recognise", was missed)."""
    assert names(text) == expected


def test_a_run_of_digit_commas_is_read_in_linear_time() -> None:
    """The fraud frames' sentence window once matched a comma between digits two ways, so a
    failed match tried 2^n paths: 24 commas took 4 s, a 70-character run hours (a message
    anyone can send). A 5-second alarm turns a relapse into a failure, not a hang."""
    import signal

    def _too_slow(signum: int, frame: object) -> None:
        raise TimeoutError("read_risk backtracks on digit commas")

    digits = ",".join(["1"] * 60)
    texts = [f"payment {digits} I didn't x", f"Zahlung {digits} x", f"paiement {digits} x",
             f"cargo {digits} x", f"payment {digits.replace(',', '.')} I didn't x"]  # fmt: skip
    previous = signal.signal(signal.SIGALRM, _too_slow)
    signal.alarm(5)
    try:
        assert [names(t) for t in texts] == [()] * len(texts)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
