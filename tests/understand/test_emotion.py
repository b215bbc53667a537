"""Emotion: the contract on synthetic data, and the shipped GoEmotions model's behaviour."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from tandemdesk.understand import registry
from tandemdesk.understand.emotion import (
    GOEMOTIONS_LABELS,
    NEGATIVE_EMOTIONS,
    SENTIMENTS,
    EmotionClassifier,
    best_f1_threshold,
    default_model,
    surface_cues,
)
from tandemdesk.understand.errors import TrainingDataError

SHARED_DATA = Path(
    os.environ.get(
        "TANDEMDESK_SHARED_DATA", Path(__file__).resolve().parents[2].parent / "shared" / "data"
    )
)
MODEL_DIR = Path(__file__).resolve().parents[2] / (
    "src/tandemdesk/understand/default_models/emotion"
)

DISTRESSED = [
    "This is the THIRD time I'm writing and NOBODY answers!!! I'm furious",
    "I'm so worried, my medication never arrived and I have none left",
    "I am desperate, you took my rent money twice and I can't pay my landlord",
    "Absolutely disgusted with how I've been treated. Unacceptable.",
    "I'm in tears, the wedding dress arrived ruined and the wedding is tomorrow",
    "I hate this, I'm so angry and disappointed",
]
CALM = [
    "Hi, could you tell me when my order will ship?",
    "Thanks so much, that worked perfectly!",
    "What are your opening hours on Saturday?",
    "Please send the invoice to my work email.",
    "Great service, I love the new jacket!",
    "Can I change the delivery address for order 1234?",
]


def test_contract_on_synthetic_data(tmp_path: Path) -> None:
    assert registry.get("emotion", "emotion.linear.v1") is EmotionClassifier
    texts, labels = EmotionClassifier.example_data()
    model = EmotionClassifier(max_features=2_000)
    assert model.fit(texts, labels) is model
    proba = model.predict_proba(texts)
    assert proba.shape == (len(texts), len(model.classes_))
    assert ((proba >= 0) & (proba <= 1)).all()
    predicted = model.predict(texts)
    assert all(isinstance(p, tuple) and p for p in predicted)
    model.save(tmp_path / "emotion")
    again = EmotionClassifier.load(tmp_path / "emotion")
    assert again.predict(texts) == predicted
    np.testing.assert_allclose(again.predict_proba(texts), proba)
    np.testing.assert_allclose(again.distress(texts), model.distress(texts))


def test_fit_rejects_unusable_labels() -> None:
    with pytest.raises(TrainingDataError):
        EmotionClassifier().fit(["a", "b"], [["joy"], ["joy"]])
    with pytest.raises(TrainingDataError):
        EmotionClassifier().fit(["a", "b"], None)


def test_best_f1_threshold_separates_a_clean_split() -> None:
    proba = np.array([0.9, 0.8, 0.3, 0.2, 0.1])
    truth = np.array([1, 1, 0, 0, 0])
    cut = best_f1_threshold(proba, truth)
    assert 0.3 < cut < 0.8
    assert best_f1_threshold(proba, np.zeros(5, dtype=int)) == 1.0


def test_surface_cues_name_their_evidence() -> None:
    features, evidence = surface_cues("I AM SO WORRIED!!! Bitte helfen Sie mir")
    assert features[0] > 0.3
    sources = {e.source for e in evidence}
    assert {"cue.shouting", "cue.worry", "cue.plea"} <= sources
    worry = next(e for e in evidence if e.source == "cue.worry")
    assert worry.text == "WORRIED"
    assert surface_cues("")[1] == []


def test_angry_and_crying_emoji_are_read_as_their_words(shipped: EmotionClassifier) -> None:
    """A new user's "¿Dónde está mi pedido? 😡😡" read calm at 0.09: the word cues sit
    between word boundaries, which no emoji has. They now weigh as "furious" and "in tears"
    do; a smile stays calm."""
    angry, crying, smiling = shipped.analyse(
        ["¿Dónde está mi pedido? 😡😡", "Where is my order? 😭", "Where is my order? 😊"]
    )
    assert [e.detail for e in surface_cues("Wo ist mein Paket 🤬")[1]] == ["anger"]
    assert angry.distress_score.value > 0.3 and crying.distress_score.value > 0.35
    assert smiling.distress_score.value < 0.2


@pytest.fixture(scope="module")
def shipped() -> EmotionClassifier:
    if not (MODEL_DIR / "manifest.json").exists():
        pytest.fail(f"the default emotion model is missing from {MODEL_DIR}: run build_defaults")
    return default_model()


def test_shipped_model_is_small_and_complete(shipped: EmotionClassifier) -> None:
    size = sum(p.stat().st_size for p in MODEL_DIR.rglob("*") if p.is_file())
    assert size < 4_000_000
    assert shipped.classes_ == list(GOEMOTIONS_LABELS)
    assert set(NEGATIVE_EMOTIONS) <= set(shipped.classes_)


def test_shipped_model_ranks_distress_above_calm(shipped: EmotionClassifier) -> None:
    distressed = shipped.distress(DISTRESSED)
    calm = shipped.distress(CALM)
    assert distressed.min() > calm.max(), (distressed, calm)
    assert distressed.mean() > 0.6
    assert calm.mean() < 0.35


def test_shipped_model_reads_emotions_and_sentiment(shipped: EmotionClassifier) -> None:
    thanks, angry, question = shipped.analyse(
        ["Thank you so much, you saved my day!", "I'm so angry, this is ridiculous", "Where is it?"]
    )
    assert thanks.emotions[0][0] == "gratitude"
    assert thanks.sentiment == "positive"
    assert angry.sentiment == "negative"
    assert {"anger", "annoyance"} & {name for name, _ in angry.emotions}
    for reading in (thanks, angry, question):
        assert [s for s, _ in reading.sentiment_scores] == list(SENTIMENTS)
        assert sum(v for _, v in reading.sentiment_scores) == pytest.approx(1.0, abs=1e-3)
        assert 0.0 <= reading.distress <= 1.0
    assert angry.distress_score.label == "distressed"
    assert thanks.distress_score.label is None


def test_cues_carry_distress_in_german_and_french(shipped: EmotionClassifier) -> None:
    calm_de, upset_de, upset_fr = shipped.distress(
        ["Wann kommt mein Paket?", "Ich bin verzweifelt und wütend!!!",
         "C'est inadmissible, je suis désespérée"]
    )  # fmt: skip
    assert upset_de > calm_de + 0.2
    assert upset_fr > calm_de + 0.2


def test_empty_and_odd_inputs(shipped: EmotionClassifier) -> None:
    readings = shipped.analyse(["", "👍", "a" * 20_000])
    assert len(readings) == 3
    assert all(0.0 <= r.distress <= 1.0 for r in readings)
    assert readings[0].sentiment == "neutral"


@pytest.mark.shared_data
def test_shipped_model_on_goemotions_sample(shipped: EmotionClassifier) -> None:
    folder = SHARED_DATA / "goemotions" / "group"
    if not folder.exists():
        pytest.skip(f"needs the public data set {folder} (../shared/data beside the repo)")
    from sklearn.metrics import roc_auc_score

    from tandemdesk.understand.build_defaults import load_goemotions

    texts, groups = load_goemotions("test", SHARED_DATA, taxonomy="group")
    texts, groups = texts[:1500], groups[:1500]
    negative = np.array(["negative" in g for g in groups], dtype=int)
    assert roc_auc_score(negative, shipped.distress(texts)) > 0.83
