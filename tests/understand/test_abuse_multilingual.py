"""Abuse aimed at staff in en/de/fr/es: disguised words, situation swearing, held-out sets.

``tests/fixtures/abuse_fresh.jsonl`` was written after the third round of changes to the lexicon
and the model and is only ever measured, never looked at (42 of 50 abusive flagged, 0 of 20
calm; 44 of 50 after the fourth round). ``abuse_dev*.jsonl`` are the other "fresh" sets: each was
scored once, then dev..dev4 were looked at while widening the lexicon, so they are regression
checks now, not measurements; ``abuse_dev5`` was written after the fourth round and is the
latest untouched one. None of them is trained on.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from tandemdesk.understand import abuse_data
from tandemdesk.understand.abuse import AbuseDetector, default_model, lexicon_evidence
from tandemdesk.understand.artifacts import read_manifest
from tandemdesk.understand.build_defaults import PACKAGE_MODELS
from tandemdesk.understand.obfuscation import fold, reveal
from tests.conftest import shared_data

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture(scope="module")
def shipped() -> AbuseDetector:
    return default_model()


def _rows(name: str) -> list[dict[str, object]]:
    lines = (FIXTURES / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


# ------------------------------------------------------------------ disguised words


@pytest.mark.parametrize(
    ("disguised", "plain"),
    [
        ("you f***ing idiot", "you fucking idiot"),
        ("what a b*tch", "what a bitch"),
        ("you a$$hole", "you asshole"),
        ("you 1d10t", "you idiot"),
        ("you i.d.i.o.t", "you idiot"),
        ("you i d i o t", "you idiot"),
        ("you i-d-i-o-t!", "you idiot!"),
        ("you id\u200bi\u200cot", "you idiot"),  # zero-width characters
        ("you stuuuupid m0r0n", "you stupid moron"),
        ("@sshole", "asshole"),
        ("eres un imbécil", "eres un imbecil"),  # accents folded either way
        ("gilip*llas", "gilipollas"),
        ("sh!t", "shit"),
        ("du \u0410rschl\u043ech", "du Arschloch"),  # Cyrillic look-alikes
        # a long mask miscounted: one fewer or more stars than letters
        ("panda de g*******s", "panda de gilipollas"),
        ("this f*****g parcel", "this fucking parcel"),
        ("ihr A*******cher", "ihr arschlocher"),  # revealed words are lower-case, folded
    ],
)
def test_reveal_undoes_disguises(disguised: str, plain: str) -> None:
    assert reveal(disguised).text == plain


@pytest.mark.parametrize(
    "text",
    [
        "order A1234 arrived",
        "my 4G stopped working",
        "U.S.A. trip next week",
        "C++ course refund",
        "a55 is the code",
        "Where is my parcel?",
        "I paid £100 on the 3rd",
        "my card ****1234 was charged",
        "rated it ***** stars",
    ],
)
def test_reveal_leaves_ordinary_text_alone(text: str) -> None:
    assert reveal(text).text == text


def test_spans_point_into_the_original_text() -> None:
    text = "ok, you 1.d.1.o.t and a f***ing m o r o n"
    evidence = lexicon_evidence(text)
    assert evidence
    for e in evidence:
        assert e.start is not None and e.end is not None
        assert text[e.start : e.end] == e.text
    assert fold("Ça coûte 5 €") == "Ca coute 5 €"


# ------------------------------------------------------------------ categories


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("I'll be waiting for Sarah after her shift", "threat"),
        ("keep it up and I'll be waiting for whoever comes out of your office", "threat"),
        ("I'll be waiting for the first one of you to leave tonight", "threat"),
        ("I'll come in and make sure that idiot can never use his hands to type again", "threat"),
        ("je vais passer et je casse la gueule au vendeur", "threat"),
        ("ich weiß, wo eure Filiale ist, ich komme morgen vorbei und dann…", "threat"),
        ("je sais où tu habites", "threat"),
        ("sé dónde vives", "threat"),
        ("ignore me once more and I'll drive over there and you'll regret it", "threat"),
        ("I'll drive down and settle it face to face with whoever answered", "threat"),
        ("I'll drive up there and sort this out face to face with whoever's in charge", "threat"),
        ("noch eine Ausrede und ich steh bei euch vor der Tür, dann wird's ungemütlich", "threat"),
        # a new user's own test (a coffee roaster): the harm after "and", not after "I will"
        (
            "If my coffee doesn't arrive tomorrow I will come to your roastery and make you regret"
            " it.",
            "threat",
        ),
        # eighth fresh suite: the plan first, the consequence in the next sentence
        (
            "Sort my refund out today or I'll find out where your warehouse is and come down there"
            " in person. You really won't enjoy that visit, mate.",
            "threat",
        ),
        ("let me explain this slowly so even you can follow", "condescension"),
        ("are you even able to read?", "condescension"),
        ("wow, what a genius answer, did a child write it", "condescension"),
        ("können Sie überhaupt lesen?", "condescension"),
        ("vous savez lire ?", "condescension"),
        ("¿sabes leer?", "condescension"),
        ("eres un puto inútil", "insult"),
        ("pendejo, lee el mensaje", "insult"),
    ],
)
def test_categories_the_decide_layer_reads(text: str, category: str) -> None:
    found = [e for e in lexicon_evidence(text) if e.detail == category]
    assert found, lexicon_evidence(text)
    assert all(e.source == f"lexicon.{category}" for e in found)


def test_threats_are_marked_as_threats_in_the_score(shipped: AbuseDetector) -> None:
    (score,) = shipped.analyse(["te voy a encontrar y te vas a enterar"])
    assert score.label == "abusive"
    assert any(e.detail == "threat" and e.source == "lexicon.threat" for e in score.evidence)


@pytest.mark.parametrize(
    "text",
    [
        "this f***ing parcel is late again",
        "where the hell is my refund",
        "diese scheiß Lieferung kommt nie an",
        "verdammt, die App stürzt schon wieder ab",
        "ce putain de colis n'est toujours pas arrivé",
        "merde, encore un prélèvement en double",
        "este puto paquete no llega nunca",
        # eighth fresh suite: Spanish "ya" (already) was read as English "ya" (you)
        "oye dónde anda el pinche paquete? ya lo mandaron o qué onda",
        "joder, la web se ha vuelto a caer",
        "I'm so fed up, this is the third time I've asked",
        "I feel like an idiot, I ordered the wrong size",
        "ich bin so blöd, falsche Adresse angegeben",
    ],
)
def test_swearing_at_a_situation_is_not_abuse(shipped: AbuseDetector, text: str) -> None:
    (score,) = shipped.analyse([text])
    assert score.label is None and score.value < 0.5, score


def test_calm_visits_and_names_are_not_threats(shipped: AbuseDetector) -> None:
    calm = [
        "I'll come by your shop tomorrow to return the shoes",
        "please thank Sarah for her help, she finishes her shift at 5 I think",
        "ich komme morgen in die Filiale, um das Paket abzuholen",
        "je passerai à l'agence demain pour signer le contrat",
        "mañana paso por la tienda para recoger mi pedido",
        "I'll be waiting for whoever picks up the phone",
        "I know your shop is in Leeds, can I collect there?",
        "I'll drive over there to collect it myself if that's quicker",
        "we could sort this out face to face at the shop if you prefer",
        "ich stehe morgen früh vor der Tür, um das Paket anzunehmen",
        "Ich stehe um 7 vor der Tür, bei dem Regen wird es ungemütlich für den Boten",
        "I'll drive over on Saturday to sort this out face to face, is the shop open?",
        "I'll come to the shop on Friday, it would make my daughter happy to see the tents",
        "I'll come back to you tomorrow, the new jacket makes up for the wait",
        "I'll find out where the parcel is and come back to you. Thanks, you'll see it was my fault",
        "We'll come by the store tomorrow. I think you'll see the stain yourself.",
        "I'll come to the shop on Saturday. You won't like the queue though, it's always long",
        # a review's: coming back, and visits nobody threatens
        "I'll check the tracking and come back to you. You won't enjoy that conversation with the"
        " courier, sorry.",
        "I'll order again and come back next year. My kids won't enjoy the visit to the dentist.",
        "We are coming to the campsite next week. We won't enjoy that visit if the tent leaks!",
        # a review's: "make you pay" said of prices and queues, not of the speaker
        "I'm coming in on Saturday to swap the size, hope the store doesn't make you pay for the"
        " exchange.",
        "We'll come to the store on Friday; they said they won't make you pay the difference.",
        "I'll come in on Monday, the sale prices make you pay less than online.",
        "My son can't use his hands again after the frostbite?",
        # place names the tweets taught the model ("… vom Hamburger Hauptbahnhof" read 0.63)
        "Kennt ihr ein gutes Café in der Nähe vom Dortmunder Hauptbahnhof?",
        "Do you have a pick-up point near Birmingham New Street?",
    ]
    assert [s.label for s in shipped.analyse(calm)] == [None] * len(calm)


# ------------------------------------------------------------------ held-out sets


# Share of abusive rows flagged, per set. The fresh set measured 84% (42 of 50) when it was
# first scored and 88% (44 of 50) after the fourth round (new support-desk training rows,
# wider lexicon), below the 95% aimed for; abuse_dev5 was written after that round's changes
# and scored once: 62% (23 of 37), 0 of 23 calm flagged (the model before it: 54%, 2 calm).
FLAGGED_AT_LEAST = {
    "abuse_fresh.jsonl": 0.88, "abuse_dev.jsonl": 0.95, "abuse_dev2.jsonl": 0.95,
    "abuse_dev3.jsonl": 0.95, "abuse_dev4.jsonl": 0.95, "abuse_dev5.jsonl": 0.6,
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(FLAGGED_AT_LEAST))
def test_support_sets_are_flagged_and_calm_ones_are_not(shipped: AbuseDetector, name: str) -> None:
    rows = _rows(name)
    assert len(rows) >= 60 and {r["language"] for r in rows} == {"en", "de", "fr", "es"}
    assert any(r["kind"] == "situation_swearing" for r in rows)
    scores = shipped.analyse([str(r["text"]) for r in rows])
    abusive = [s for r, s in zip(rows, scores, strict=True) if r["abusive"]]
    calm = [(r["text"], s.value) for r, s in zip(rows, scores, strict=True) if not r["abusive"]]
    caught = sum(s.value >= 0.5 for s in abusive) / len(abusive)
    assert caught >= FLAGGED_AT_LEAST[name], caught
    assert [t for t, v in calm if v >= 0.5] == []


def test_training_examples_are_not_the_held_out_sets() -> None:
    trained = {r["text"].casefold() for r in abuse_data.support_examples()}
    for name in FLAGGED_AT_LEAST:
        assert not trained & {str(r["text"]).casefold() for r in _rows(name)}


# ------------------------------------------------------------------ public data


@pytest.mark.shared_data
def test_germeval_test_macro_f1_at_the_threshold_picked_on_train(shipped: AbuseDetector) -> None:
    from sklearn.metrics import f1_score

    folder = shared_data("germeval2018").parent
    threshold = read_manifest(PACKAGE_MODELS / "abuse").thresholds["germeval_offense"]
    texts, labels = abuse_data.load_germeval("test", folder)
    p = shipped.predict_proba(texts)[:, 1]
    assert f1_score(labels, p >= threshold, average="macro") >= 0.69  # measured 0.70


@pytest.mark.shared_data
def test_calm_support_messages_are_not_flagged(shipped: AbuseDetector) -> None:
    folder = shared_data("banking77").parent
    shared_data("bitext_cs")
    calm = abuse_data.calm_support(folder)
    flagged = sum(s.label == "abusive" for s in shipped.analyse(calm))
    assert len(calm) == 2_000 and flagged <= 10  # ≤ 0.5%


@pytest.mark.shared_data
@pytest.mark.parametrize("language", ["de", "fr", "es"])
def test_hatecheck_flags_are_mostly_hateful(shipped: AbuseDetector, language: str) -> None:
    """HateCheck targets groups, not staff (recall is low by design: see bench/README.md);
    what the combined score does flag should mostly be hateful."""
    folder = shared_data("mhc_hatecheck").parent
    cases = abuse_data.load_hatecheck(language, folder)
    flagged = np.array([s.label == "abusive" for s in shipped.analyse([c["text"] for c in cases])])
    gold = np.array([c["gold"] == "hateful" for c in cases])
    assert flagged.sum() > 50
    assert flagged[gold].sum() / flagged.sum() >= 0.65


def test_waiting_for_an_answer_is_calm(shipped: AbuseDetector) -> None:
    """ "I'll be waiting for your reply" read as a threat (0.70) before the support examples
    held calm ones; these wordings are not among them (0.41-0.46 before, ~0.1 now)."""
    texts = ["I'll be waiting for your response", "I'll be waiting for your update on this"]
    assert all(s.value < 0.3 for s in shipped.analyse(texts))
