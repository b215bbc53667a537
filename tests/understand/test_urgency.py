"""Urgency rules fire by name with their evidence, in English, German and French."""

from __future__ import annotations

from pathlib import Path

import pytest

from tandemdesk.understand import emotion, registry
from tandemdesk.understand.intent import LinearIntentClassifier
from tandemdesk.understand.pipeline import Pipeline
from tandemdesk.understand.text import prepare_text
from tandemdesk.understand.training import TrainedModel
from tandemdesk.understand.urgency import (
    LEVELS,
    RULES,
    LearnedUrgency,
    UrgencyRules,
    assess_urgency,
    fired_rules,
    level_for,
    level_of_label,
)


@pytest.mark.parametrize(
    ("text", "rule", "evidence"),
    [
        ("There is smoke coming out of the charger!", "safety", "smoke"),
        ("My son had an allergic reaction to the cream", "safety", "allergic"),
        ("The boiler smells of gas since your visit", "safety", "smells of gas"),
        ("Das Ladegerät brennt!", "safety", "brennt"),
        ("Le chargeur a pris feu", "safety", "feu"),
        ("I will contact my lawyer", "legal_threat", "lawyer"),
        ("I'll file a chargeback with my bank", "legal_threat", "chargeback"),
        ("Ich schalte meinen Anwalt ein", "legal_threat", "Anwalt"),
        ("Je vais porter plainte", "legal_threat", "porter plainte"),
        ("You charged me twice for one order", "money_lost", "charged me twice"),
        ("Ich wurde doppelt abgebucht", "money_lost", "doppelt abgebucht"),
        ("J'ai été débité deux fois", "money_lost", "débité deux fois"),
        ("I need it by Friday", "deadline", "by Friday"),
        ("The party is tomorrow", "deadline", "tomorrow"),
        ("Ich brauche es bis Freitag", "deadline", "bis Freitag"),
        ("J'en ai besoin avant samedi", "deadline", "avant samedi"),
        ("Lo necesito antes del viernes", "deadline", "antes del viernes"),
        ("Hasta el sábado, por favor", "deadline", "Hasta el sábado"),
        ("¿Llega para mañana?", "deadline", "para mañana"),
        ("This is the third time I write", "repeated_contact", "third time"),
        ("Still no answer from you", "repeated_contact", "Still no"),
        ("Ich schreibe zum dritten Mal", "repeated_contact", "zum dritten Mal"),
        ("Toujours pas de réponse", "repeated_contact", "Toujours pas"),
        ("I'm locked out of my account", "account_lockout", "locked out"),
        ("Mein Konto ist gesperrt", "account_lockout", "Konto ist gesperrt"),
        ("Mon compte est bloqué", "account_lockout", "compte est bloqué"),
        ("I can't log in to my account", "login_trouble", "can't log in"),
        ("URGENT: please call", "explicit_urgency", "URGENT"),
        ("Bitte dringend zurückrufen", "explicit_urgency", "dringend"),
    ],
)
def test_named_rule_fires_with_evidence(text: str, rule: str, evidence: str) -> None:
    score = assess_urgency(text)
    assert rule in fired_rules(score)
    hits = [e for e in score.evidence if e.source == f"rule.{rule}"]
    assert any(e.text == evidence for e in hits), hits
    for e in hits:
        assert e.start is not None and e.end is not None
        assert text[e.start : e.end] == e.text


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("Where is my order?", "normal"),
        ("Guten Morgen, wo ist mein Paket?", "normal"),  # "Morgen" here is a greeting
        ("No rush, just a quick question about colours", "low"),
        ("This is not urgent", "low"),
        ("Es ist nicht dringend", "low"),
        ("Ce n'est pas urgent", "low"),
        # "urgent" said only to deny it (found end to end: "Nothing urgent at all" read high)
        ("Nothing urgent at all, just checking on my order", "low"),
        ("It's not that urgent, but where is my parcel?", "low"),
        ("Das ist nichts Dringendes, aber wo bleibt mein Paket?", "low"),
        ("Ce n'est pas très urgent mais où en est ma commande ?", "low"),
        ("No es nada urgente, pero ¿dónde está mi pedido?", "low"),
        # a date is not a wait: "I ordered it two days ago" is routine in any language
        ("Hola, ¿dónde está mi pedido? Lo pedí hace dos días", "normal"),
        ("Hace dos semanas que espero mi pedido", "high"),
        ("Llevo tres semanas esperando", "high"),
        ("I'm locked out of my account", "high"),
        ("This is the third time I write", "high"),
        ("Smoke is coming out of the charger", "urgent"),
        ("You charged me twice, third time I write, my lawyer is next", "urgent"),
    ],
)
def test_levels(text: str, level: str) -> None:
    assert assess_urgency(text).label == level


def test_more_rules_score_higher_and_stay_in_range() -> None:
    one = assess_urgency("You charged me twice")
    two = assess_urgency("You charged me twice and I need the refund by Friday")
    three = assess_urgency("You charged me twice, I need it by Friday, third time I ask")
    assert one.value < two.value < three.value <= 1.0
    assert assess_urgency("").value == pytest.approx(0.2)
    assert 0.0 <= assess_urgency("no rush " * 50).value <= 1.0


def test_a_rule_counts_once() -> None:
    once = assess_urgency("charged twice")
    repeated = assess_urgency("charged twice, charged twice, charged twice")
    assert once.value == repeated.value
    assert len(repeated.evidence) == 3


def test_levels_cover_the_scale() -> None:
    assert [level_for(x) for x in (0.0, 0.2, 0.6, 0.9)] == ["low", "normal", "high", "urgent"]
    assert len({rule.name for rule in RULES}) == len(RULES)


def test_rule_component_round_trip(tmp_path: Path) -> None:
    assert registry.get("urgency", "urgency.rules.v1") is UrgencyRules
    texts, labels = UrgencyRules.example_data()
    rules = UrgencyRules().fit(texts, labels)
    assert rules.predict(texts) == labels
    rules.save(tmp_path / "rules")
    again = UrgencyRules.load(tmp_path / "rules")
    assert again.predict(texts) == labels
    assert again.predict_score(texts) == rules.predict_score(texts)


def test_learned_urgency_uses_labels_and_keeps_the_safety_net(tmp_path: Path) -> None:
    assert registry.get("urgency", "urgency.linear.v1") is LearnedUrgency
    texts, labels = LearnedUrgency.example_data()
    model = LearnedUrgency(embeddings="none").fit(texts, labels)
    assert model.predict(texts) == labels
    scores = model.analyse(["My account is locked and I cannot log in", "no rush, colours?"])
    assert scores[0].value > scores[1].value
    # A history without fires still escalates one: the rules overrule a "low" model.
    fire = model.analyse(["the jacket caught fire"])[0]
    assert fire.label == "urgent"
    assert any(e.source == "rule.safety" for e in fire.evidence)
    model.save(tmp_path / "learned")
    again = LearnedUrgency.load(tmp_path / "learned")
    assert again.predict(texts) == model.predict(texts)


def test_learned_urgency_with_custom_levels_and_bad_labels() -> None:
    from tandemdesk.understand.errors import TrainingDataError

    texts = ["server down, nobody can work", "typo on the invoice"] * 4
    model = LearnedUrgency(levels=("P3", "P2", "P1"), embeddings="none", combine_rules=False)
    model.fit(texts, ["P1", "P3"] * 4)
    assert model.predict(["server down"]) == ["P1"]
    with pytest.raises(TrainingDataError, match="not in levels"):
        LearnedUrgency(embeddings="none").fit(texts, ["P1", "P3"] * 4)


def test_a_forgotten_password_alone_is_not_high_urgency() -> None:
    """The most routine request must stay automatable; a hacked account must not."""
    from tandemdesk.understand.urgency import assess_urgency

    assert assess_urgency("I can't log in, I forgot my password").label == "normal"
    assert assess_urgency("My account was hacked and I can't log in!").label in {"high", "urgent"}


@pytest.fixture(scope="module")
def priority_model() -> TrainedModel:
    """An urgency model learned from a help desk's own labels (P1 … P4 and one odd name)."""
    texts, labels = [], []
    for text, label in (
        ("the whole shop is down and no customer can pay", "P1"),
        ("checkout fails for every customer since this morning", "P1"),
        ("please change the colour of my invoice header", "P4"),
        ("could you update the logo on my receipts some time", "P4"),
        ("tell me a joke about parcels and penguins", "banana"),
        ("sing me a song about penguins and parcels", "banana"),
    ):
        texts += [text, text + " please"]
        labels += [label, label]
    component = LinearIntentClassifier(embeddings="none", seed=0, multi_intent=False)
    return TrainedModel(component.fit(texts, labels), "urgency", "fast")


def test_a_learned_priority_label_is_put_on_tandemdesks_scale(
    priority_model: TrainedModel,
) -> None:
    pipeline = Pipeline(urgency_model=priority_model)
    down, logo, penguin = pipeline.understand(
        [
            "the whole shop is down, no customer can pay",
            "could you update the logo on my receipts",
            "tell me a joke about penguins and parcels",
        ]
    )
    assert down.urgency.label == "urgent" and down.urgency.value >= 0.8, down.urgency
    assert any("P1" in e.detail and "urgent" in e.detail for e in down.urgency.evidence)
    # a learned "P4" never lowers what the rules saw; an unknown name is reported, not used
    assert logo.urgency.label == assess_urgency(prepare_text(logo.redacted_text)).label
    assert penguin.urgency.label in LEVELS
    assert any("not a priority name" in e.detail for e in penguin.urgency.evidence)


@pytest.mark.parametrize(
    ("label", "level"),
    [("P1", "urgent"), ("p2", "high"), ("Priority 3", "normal"), ("P4", "low"),
     ("Highest", "urgent"), ("critical", "urgent"), ("Medium", "normal"), ("urgent", "urgent"),
     ("banana", None), ("", None)],
)  # fmt: skip
def test_priority_names_map_onto_the_levels(label: str, level: str | None) -> None:
    assert level_of_label(label) == level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("Please take me off the newsletter list, I get too many emails.", "normal"),
        ("I have sent you 3 emails already and nobody answers", "high"),
        ("I wrote you several messages about this", "high"),
    ],
)
def test_receiving_many_emails_is_not_a_repeated_contact(text: str, level: str) -> None:
    """Only the customer's own repeated writing counts, not the newsletters they receive."""
    assert UrgencyRules().fit([]).analyse([text])[0].label == level


@pytest.mark.parametrize("wait", ["llevo ocho días esperando", "hace diez días que espero"])
def test_a_wait_counted_past_six_is_read_like_the_sarcasm_cue_reads_it(wait: str) -> None:
    """Both read counts from ``understand.waits``: a wait the sarcasm cue calls a complaint
    ("Genial, llevo ocho días esperando") is a repeated contact here too (the urgency list
    once stopped at "seis")."""
    assert "repeated_contact" in fired_rules(assess_urgency(wait))
    assert emotion.sarcasm(f"Genial, {wait}.") is not None
