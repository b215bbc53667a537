"""Sarcastic customers are not calm ones, and Spanish urgency reads like the other languages.

Found with fresh messages written by people who had not seen the patterns: "Oh fantastic,
third week and still no parcel. Where is it?" scored distress 0.02-0.30 in every language
(its words are praise) and the bot answered it cheerfully; the urgency rules had no Spanish
at all ("es urgente, lo necesito mañana" was ordinary work). The fixture's ``held_out`` part
was scored once, after the patterns were written on its ``tune`` part
(``bench/sarcasm_urgency.py`` prints the figures per language).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from tandemdesk.understand import emotion
from tandemdesk.understand.urgency import UrgencyRules

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "sarcasm_urgency_fresh.jsonl"
ROWS = [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines()]


def _counts(part: str, judge: list[bool]) -> Counter[tuple[str, str]]:
    counts: Counter[tuple[str, str]] = Counter()
    for row, hit in zip(ROWS, judge, strict=True):
        if row["part"] == part and hit:
            counts[row["label"], row["language"]] += 1
    return counts


def test_sarcastic_customers_reach_the_distress_threshold_calm_ones_do_not() -> None:
    readings = emotion.default_model().analyse([r["text"] for r in ROWS])
    upset = _counts("held_out", [r.distress >= 0.6 for r in readings])
    # measured 4/3/4/4 of 10 (1 of 40 before the cue); sincere look-alikes and calm: 0
    assert sum(upset["sarcastic", lang] for lang in ("en", "de", "fr", "es")) >= 15
    assert all(upset["sarcastic", lang] >= 3 for lang in ("en", "de", "fr", "es")), upset
    assert sum(upset["calm", lang] for lang in ("en", "de", "fr", "es")) == 0
    tuned = _counts("tune", [emotion.sarcasm(r["text"]) is not None for r in ROWS])
    assert sum(v for (label, _), v in tuned.items() if label == "sarcastic") >= 35
    assert sum(v for (label, _), v in tuned.items() if label == "not_sarcastic") <= 2


SECOND = [
    json.loads(line)
    for line in (FIXTURE.parent / "sarcasm_fresh_2.jsonl").read_text(encoding="utf-8").splitlines()
]


def test_second_fresh_set_tune_part_is_read_and_its_look_alikes_are_not() -> None:
    """The second fresh set (``bench/sarcasm_urgency.py``): the patterns written on its tune
    half catch 29 of its 60 sarcastic customers (9 before); its held-out half shows how little
    a lexicon of irony generalises (5 of 60, before and after), so this pins only what was
    tuned and the cost: sincere look-alikes (real praise, "another" said kindly, "arrived in
    two days") stay unflagged but for the three known (two mock-patience phrases said
    sincerely, "encore un super achat")."""
    judged = [(r, emotion.sarcasm(r["text"]) is not None) for r in SECOND]
    tuned = sum(hit for r, hit in judged if (r["part"], r["label"]) == ("tune", "sarcastic"))
    assert tuned >= 29
    sincere = [r["text"] for r, hit in judged if hit and r["label"] == "not_sarcastic"]
    assert len(sincere) <= 4, sincere


@pytest.mark.parametrize(
    "text",
    [
        "Votre livraison « express » a mis neuf jours ouvrés, bravo.",
        "Bravo, la livraison express a mis neuf jours.",
        "Super gemacht, Größe S statt XL geschickt.",
        "Quelle chance, mes points Club ont disparu la veille de mon achat.",
        "Qué casualidad: mis puntos desaparecieron justo antes de usarlos.",
        "Great job, this is the fourth message I send about the same zip.",
        "Genial, el enlace caducó otra vez antes de llegar.",
        "Wow, amazing, my points vanished overnight.",
        # one more of the shop's template messages, quoted
        "Oh fantastic, another 'we are sorry for the delay' email. Well done.",
        "Klasse, wieder mal eine „Wir bedauern“-Mail.",
        "Bravo, encore un mail « votre colis arrive bientôt ».",
        "Genial, otro correo de 'lamentamos las molestias'.",
    ],
)
def test_praise_beside_a_wait_a_wrong_item_or_a_loss_is_sarcasm(text: str) -> None:
    assert emotion.sarcasm(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "Brilliant service, the boots arrived in two days and fit perfectly. Thank you!",
        "Super Service, die Wanderschuhe kamen nach zwei Tagen und passen perfekt. Danke!",
        "Service génial, les chaussures sont arrivées en deux jours. Merci !",
        "Servicio genial, las botas llegaron en dos días. ¡Gracias!",
        "Prima. Der Versand findet morgen statt?",
        "Brilliant, another great jacket from you!",
        "Fantastic, I ordered another 'Summit 45' backpack for my wife.",
    ],
)
def test_praise_for_a_fast_delivery_is_not_sarcasm(text: str) -> None:
    assert emotion.sarcasm(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "The hike took its toll on my old boots, do you repair soles?",
        "Is there a toll-free number I can call about my order?",
        "Ist der Rucksack 'Trail 30' wieder lieferbar? Danke",
        "Thanks for your great service so far. It's been 2 days since you got the return.",
        "Super, merci ! Et pour le retour, je fais comment ?",
        "Genial, gracias. ¿Cuándo llega mi pedido?",
    ],
)
def test_sincere_praise_and_look_alikes_are_not_sarcasm(text: str) -> None:
    assert emotion.sarcasm(text) is None


@pytest.mark.parametrize(
    "text",
    [
        # Spanish "didn't arrive" said after the verb, and "qué maravilla" (second fresh suite)
        "Enhorabuena, de verdad. El regalo de mi madre no llegó nunca.",
        "¡Qué maravilla! El pedido no ha llegado y nadie contesta.",
    ],
)
def test_spanish_praise_beside_a_parcel_that_never_came_is_sarcasm(text: str) -> None:
    assert emotion.sarcasm(text) is not None


def test_the_evidence_names_the_ironic_words() -> None:
    [reading] = emotion.default_model().analyse(
        ["Wow, great job guys, 10 days and still no parcel. Where's my order?"]
    )
    [cue] = [e for e in reading.evidence if e.source == "cue.sarcasm"]
    assert cue.text == "great job" and cue.detail == "sarcasm: praise beside a complaint"
    assert reading.distress >= 0.6


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Es urgente, necesito la tienda de campaña antes del viernes.", "explicit_urgency"),
        ("Es la tercera vez que escribo y nadie me responde.", "repeated_contact"),
        ("Me habéis cobrado dos veces el mismo pedido.", "money_lost"),
        ("Mi cuenta está bloqueada y no puedo entrar.", "account_lockout"),
        ("La linterna se sobrecalentó y me quemó la mano.", "safety"),
        ("Si no me devolvéis el dinero, hablaré con mi abogado.", "legal_threat"),
        ("La web no funciona para nada desde ayer.", "outage"),
    ],
)
def test_spanish_urgency_fires_the_same_rules(text: str, rule: str) -> None:
    [score] = UrgencyRules().fit([]).analyse([text])
    assert rule in {e.source.removeprefix("rule.") for e in score.evidence}, score


def test_spanish_calm_words_and_held_out_urgent_messages() -> None:
    model = UrgencyRules().fit([])
    [calm] = model.analyse(["No es urgente, sin prisa: ¿cuándo sale mi pedido?"])
    assert calm.label in ("low", "normal") and "calm" in str(calm.evidence)
    high = _counts("held_out", [s.label in ("high", "urgent") for s in model.analyse(
        [r["text"] for r in ROWS])])  # fmt: skip
    # measured 5 of 10 in every language (Spanish: 1 before its patterns); calm: none
    assert all(high["urgent", lang] >= 5 for lang in ("en", "de", "fr", "es")), high
    assert sum(high["calm", lang] for lang in ("en", "de", "fr", "es")) == 0
