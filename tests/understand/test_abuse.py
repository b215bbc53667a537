"""Abuse toward agents: lexicon evidence, directed vs undirected, the shipped model."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from tandemdesk.understand import registry
from tandemdesk.understand.abuse import (
    AbuseDetector,
    default_model,
    lexicon_evidence,
    lexicon_score,
)
from tandemdesk.understand.errors import TrainingDataError

SHARED_DATA = Path(
    os.environ.get(
        "TANDEMDESK_SHARED_DATA", Path(__file__).resolve().parents[2].parent / "shared" / "data"
    )
)
MODEL_DIR = Path(__file__).resolve().parents[2] / "src/tandemdesk/understand/default_models/abuse"


def categories(text: str) -> set[str]:
    return {e.detail for e in lexicon_evidence(text)}


@pytest.mark.parametrize(
    ("text", "category", "term"),
    [
        ("I will find you", "threat", "I will find you"),
        ("I know where you live", "threat", "I know where you live"),
        ("Ich weiß, wo du wohnst", "threat", "Ich weiß, wo du wohnst"),
        ("je vais te retrouver", "threat", "je vais te retrouver"),
        ("you fucking idiot", "insult", "you fucking idiot"),
        ("you're a f***ing moron", "insult", "you're a f***ing moron"),
        ("you are useless", "insult", "you are useless"),
        ("du bist ein Arschloch", "insult", "du bist ein Arschloch"),
        ("Sie Idiot", "insult", "Sie Idiot"),
        ("espèce de connard", "insult", "espèce de connard"),
        ("vous êtes nuls", "insult", "vous êtes nuls"),
        ("Fuck you", "harassment", "Fuck you"),
        ("halt die Fresse", "harassment", "halt die Fresse"),
        ("ta gueule", "harassment", "ta gueule"),
        ("this is a fucking joke", "profanity", "fucking"),
        ("So eine Scheiße", "profanity", "Scheiße"),
        ("putain de colis", "profanity", "putain"),
        ("eres un inútil", "insult", "eres un inútil"),
        ("te voy a encontrar", "threat", "te voy a encontrar"),
        ("let me explain this slowly", "condescension", "let me explain this slowly"),
        ("este puto paquete", "profanity", "puto"),
    ],
)
def test_lexicon_finds_the_term(text: str, category: str, term: str) -> None:
    evidence = lexicon_evidence(text)
    assert any(e.detail == category and e.text == term for e in evidence), evidence
    for e in evidence:
        assert e.start is not None and text[e.start : e.end] == e.text


@pytest.mark.parametrize(
    "text",
    [
        "the app is useless",  # about a thing, not a person
        "Thanks, you're amazing",
        "Where is my parcel?",
        "I feel stupid for ordering the wrong size",
        "Das Paket ist beschädigt",
        "Le colis est arrivé cassé",
    ],
)
def test_lexicon_ignores_non_abuse(text: str) -> None:
    assert lexicon_score(lexicon_evidence(text)) < 0.45


def test_directed_abuse_outranks_frustrated_swearing() -> None:
    frustrated = lexicon_score(lexicon_evidence("this is a f***ing joke"))
    insult = lexicon_score(lexicon_evidence("you f***ing idiot"))
    threat = lexicon_score(lexicon_evidence("I will find you"))
    assert frustrated < insult < threat


def test_contract_on_synthetic_data(tmp_path: Path) -> None:
    assert registry.get("abuse", "abuse.linear.v1") is AbuseDetector
    texts, labels = AbuseDetector.example_data()
    model = AbuseDetector()
    assert model.fit(texts, labels) is model
    proba = model.predict_proba(texts)
    assert proba.shape == (len(texts), 2)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    assert model.predict(texts) == labels
    model.save(tmp_path / "abuse")
    again = AbuseDetector.load(tmp_path / "abuse")
    assert again.predict(texts) == labels
    np.testing.assert_allclose(again.score(texts), model.score(texts))


def test_fit_rejects_unusable_labels() -> None:
    with pytest.raises(TrainingDataError, match="both"):
        AbuseDetector().fit(["a", "b"], ["ok", "ok"])
    with pytest.raises(TrainingDataError, match="neither"):
        AbuseDetector().fit(["a", "b"], ["ok", "maybe"])


@pytest.fixture(scope="module")
def shipped() -> AbuseDetector:
    if not (MODEL_DIR / "manifest.json").exists():
        pytest.fail(f"the default abuse model is missing from {MODEL_DIR}: run build_defaults")
    return default_model()


def test_shipped_model_scores_and_explains(shipped: AbuseDetector) -> None:
    size = sum(p.stat().st_size for p in MODEL_DIR.rglob("*") if p.is_file())
    assert size < 4_000_000
    polite, swearing, insult, threat = shipped.analyse(
        ["Thanks for your help, have a nice day", "this is a fucking joke",
         "you fucking idiot", "I know where you live, you will regret this"]
    )  # fmt: skip
    assert polite.value < swearing.value < min(insult.value, threat.value)
    assert polite.label is None and swearing.label is None
    assert insult.label == "abusive" and threat.label == "abusive"
    assert any(e.source == "lexicon.threat" for e in threat.evidence)
    assert any(e.source == "model.abuse.linear.v1" for e in polite.evidence)


def test_shipped_model_catches_german_and_french(shipped: AbuseDetector) -> None:
    labels = shipped.predict(["Du bist so ein Arschloch", "espèce de connard", "Merci beaucoup"])
    assert labels == ["abusive", "abusive", "ok"]


@pytest.mark.shared_data
def test_shipped_model_on_davidson_sample(shipped: AbuseDetector) -> None:
    if not (SHARED_DATA / "davidson_hate_offensive").exists():
        pytest.skip(f"needs the public data set in {SHARED_DATA} (../shared/data)")
    from sklearn.metrics import f1_score

    from tandemdesk.understand.build_defaults import davidson_split, load_davidson

    texts, classes = load_davidson(SHARED_DATA)
    _, test = davidson_split(len(texts))
    test = test[:2000]
    truth = np.array([classes[i] != 2 for i in test], dtype=int)
    proba = shipped.predict_proba([texts[i] for i in test])[:, 1]
    assert f1_score(truth, proba >= 0.5, average="macro") > 0.88


@pytest.mark.parametrize(
    "text",
    [
        "Richten Sie Ihrem Kollegen aus, dass ich ihn morgen abpasse.",
        "Noch eine Ausrede und dann schlag ich dem Kerl am Telefon eine rein.",
        "Je vous jure que je vais coincer celle qui m'a raccroché au nez.",
        "Dites à votre conseiller que je l'attendrai à la sortie.",
        "A ese tal Pablo lo espero a la salida, que lo sepa.",
        "Busco al tipo que me atendió y le rompo la cara.",
        # found by a person trying the demo (the harm named after "I will", separable verbs)
        "Your agent Tom is a useless idiot. If I see him I'll break his legs.",
        "I will find your agent and kill him",
        "Ich komme vorbei und schlag euch alle zusammen.",
        "Your driver better hide, I'm going to break his nose.",
        "Wenn ich euren Fahrer sehe, schlage ich ihn zusammen.",
        "Je vais retrouver votre livreur et lui casser les dents.",
    ],
)
def test_threats_without_an_insult_word_are_threats(text: str) -> None:
    score = default_model().analyse([text])[0]
    assert score.label == "abusive" and any(e.detail == "threat" for e in score.evidence), score


@pytest.mark.parametrize(
    "text",
    [
        "Je retrouve celui qui m'a vendu le sac, il était très sympa.",
        "Der Paketbote wird sich wundern, wie schwer das Paket ist.",
        "Espero a la salida del colegio a mi hija, ¿podéis entregar después?",
        "Ich erkläre es Ihnen gerne noch einmal: die Bestellung fehlt.",
        "I'll break it to my wife gently that the tent is late.",
        "My son broke his leg hiking, so I need to return the boots.",
        "Ich schlage vor, dass Sie das Paket zusammen mit der Rechnung schicken.",
        "Ich schlage euch vor, die Bestellung zusammen abzuholen.",
        "I'll see you at the store tomorrow and we can sort the return together.",
    ],
)
def test_look_alikes_of_threats_are_calm(text: str) -> None:
    assert default_model().analyse([text])[0].label is None


@pytest.mark.parametrize(
    "text",
    ["Ich bringe mich um", "ich bringe mich heute um", "Ich will mich umbringen",
     "Danke, pass auf dich auf!"],
)  # fmt: skip
def test_self_harm_and_a_friendly_goodbye_are_no_threat_to_staff(text: str) -> None:
    """Said of oneself, "umbringen" is a crisis (risk reads it), not a threat to staff."""
    score = default_model().analyse([text])[0]
    assert not any(e.detail == "threat" for e in score.evidence) and score.label is None


def test_the_addressee_pattern_grouped_by_first_letter_finds_what_the_plain_one_does() -> None:
    """``abuse._ADDRESSEE`` is the word list grouped by first letter (speed); whether a text
    names someone must be what the plain alternation says, in any case and language."""
    import json
    import re

    from tandemdesk.understand import abuse

    plain = re.compile(rf"\b(?:{abuse._ADDRESSEE_WORDS})\b", re.IGNORECASE)
    fixtures = Path(__file__).resolve().parents[1] / "fixtures"
    texts = [
        json.loads(line)["text"]
        for path in sorted(fixtures.glob("abuse_*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    words = [w.replace("\\w*", "x").replace("\\w+", "x") for w in abuse._ADDRESSEE_WORDS.split("|")]
    texts += [f"ok {w} ok" for w in words] + [f"ok {w}s ok" for w in words] + ["Yours", "ſie"]
    texts += [text.upper() for text in texts]
    assert len(texts) > 1000
    found = [abuse._ADDRESSEE.search(text) is not None for text in texts]
    assert found == [plain.search(text) is not None for text in texts]
    assert 0 < sum(found) < len(found)
