"""The second opinion on distress: a multilingual encoder reads again what the fast model
reads worst (with ``other_languages``, messages not in English), through the real pipeline.
It is off unless a shop turns it on (its cost per message: see second_opinion.py)."""

from __future__ import annotations

import json
import multiprocessing
from pathlib import Path

import numpy as np
import pytest

from tandemdesk.understand import emotion_data as ed
from tandemdesk.understand.encoder import shared_encoder
from tandemdesk.understand.errors import ArtifactError
from tandemdesk.understand.pipeline import Pipeline
from tandemdesk.understand.second_opinion import SecondOpinion, default_model
from tests.conftest import shared_data

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "distress_fresh.jsonl"
LIVE = 0.6  # the default policy sends distress ≥ 0.6 to a person
SOURCE = "model.second_opinion.e5"


def _sources(understanding: object) -> set[str]:
    return {e.source for e in understanding.emotion.evidence}  # type: ignore[attr-defined]


def test_the_encoder_reads_other_languages_and_english_stays_on_the_fast_path() -> None:
    german, english = Pipeline(second_opinion_scope="other_languages").understand([
        "Ich bin völlig verzweifelt, das Geschenk für meine sterbende Mutter ist verschwunden",
        "I'm completely desperate, the present for my dying mother has vanished",
    ])  # fmt: skip
    assert SOURCE in _sources(german)
    assert SOURCE not in _sources(english)
    assert german.distress.value >= LIVE
    assert german.emotion.evidence[0].source == SOURCE  # what decided comes first


def test_the_scope_setting_widens_or_switches_it_off() -> None:
    text = ["Je suis à bout, personne ne me répond depuis des semaines"]
    assert SOURCE in _sources(Pipeline(second_opinion_scope="all").understand(["hi", *text])[0])
    off = Pipeline(second_opinion_scope="off").understand(text)[0]
    assert SOURCE not in _sources(off)


def test_it_is_off_unless_turned_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TANDEMDESK_SECOND_OPINION", raising=False)
    [reading] = Pipeline().understand(["Je suis à bout, personne ne me répond"])
    assert SOURCE not in _sources(reading)
    monkeypatch.setenv("TANDEMDESK_SECOND_OPINION", "other_languages")
    [reading] = Pipeline().understand(["Je suis à bout, personne ne me répond"])
    assert SOURCE in _sources(reading)


def test_an_unknown_scope_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from tandemdesk.understand.second_opinion import scope_from_environment

    monkeypatch.setenv("TANDEMDESK_SECOND_OPINION", "sometimes")
    with pytest.raises(ValueError, match="other_languages, all, off"):
        scope_from_environment()


def _held_out(language: str) -> list[dict[str, object]]:
    rows = [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines()]
    return [r for r in rows if r["part"] == "held_out" and r["language"] == language]


def _scores(scope: str, rows: list[dict[str, object]]) -> list[float]:
    readings = Pipeline(second_opinion_scope=scope).understand([str(r["text"]) for r in rows])
    return [u.distress.value for u in readings]


def test_fresh_distress_in_german_french_and_spanish_reads_higher() -> None:
    """The held-out half of the fresh fixture (written for this work, never tuned on), as
    the live pipeline reads it. Measured: the fast model alone leaves 2 of the 15
    distressed de/fr/es messages under the live threshold (5 before the sarcasm cue caught
    "Toll, wirklich toll. Wieder kein Rückruf." and two like it), with the second opinion
    1, the ones the fast model misses rising on average by 0.22; no calm message reaches
    the threshold either way."""
    rows = [r for language in ("de", "fr", "es") for r in _held_out(language)]
    fast, second = _scores("off", rows), _scores("other_languages", rows)
    upset = [i for i, r in enumerate(rows) if r["distressed"]]
    calm = [i for i, r in enumerate(rows) if not r["distressed"]]
    missed = [rows[i]["text"] for i in upset if second[i] < LIVE]
    fast_missed = [i for i in upset if fast[i] < LIVE]
    assert len(missed) <= 1 and len(fast_missed) <= 2, missed
    assert len(missed) <= len(fast_missed)
    assert np.mean([second[i] - fast[i] for i in fast_missed]) >= 0.1
    assert not [rows[i]["text"] for i in calm if second[i] >= LIVE]


def test_it_saves_loads_and_refuses_a_damaged_or_foreign_artifact(tmp_path: Path) -> None:
    texts, labels = SecondOpinion.example_data()
    model = SecondOpinion().fit(texts, labels)
    model.save(tmp_path / "m")
    again = SecondOpinion.load(tmp_path / "m")
    vectors = np.eye(3, 384, dtype=np.float32)
    np.testing.assert_allclose(again.combine(vectors, np.full(3, 0.2)),
                               model.combine(vectors, np.full(3, 0.2)))  # fmt: skip
    state = model.get_state()
    state.meta["encoder"] = "some-other-encoder"
    with pytest.raises(ArtifactError, match="rebuild it"):
        SecondOpinion().set_state(state)
    state = model.get_state()
    state.arrays["head"] = np.full(384, np.nan, dtype=np.float32)
    with pytest.raises(ArtifactError, match="damaged"):
        SecondOpinion().set_state(state)


def test_the_shipped_model_is_there() -> None:
    assert default_model() is not None, "build it: build_defaults --only second_opinion"


def _encode_in_child(queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    encoder = shared_encoder()
    assert encoder is not None
    queue.put(encoder.encode(["bonjour", "deux"]).shape)


def test_a_forked_child_can_encode_after_its_parent_did() -> None:
    """GNU OpenMP hangs a forked child whose parent ran a parallel region (the
    understanding helper is a fork of the server): the child must run on one thread; and
    a fork while another thread holds the encoder's lock must not leave it held."""
    encoder = shared_encoder()
    assert encoder is not None
    encoder.encode(["hallo", "welt"])
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    with encoder._lock:  # as if a request thread were encoding at the fork
        child = context.Process(target=_encode_in_child, args=(queue,))
        child.start()
    child.join(timeout=60)
    hung = child.is_alive()
    if hung:
        child.kill()
    assert not hung, "the forked child hung in the encoder"
    assert queue.get(timeout=5) == (2, 384)


class _BrokenEncoder:
    def encode(self, texts: list[str]) -> np.ndarray:
        raise RuntimeError("engine failed")


def test_a_failing_encoder_leaves_the_fast_reading_and_a_second_pass_changes_nothing() -> None:
    from tandemdesk.understand.emotion import default_model as fast_model

    second = default_model()
    assert second is not None
    texts = ["Je suis désespérée", "Estoy harta \udce9 de esperar"]  # a lone surrogate too
    fast = fast_model().analyse(texts)
    kept = second.revise(texts, fast, [0, 1], encoder=_BrokenEncoder())  # type: ignore[arg-type]
    assert kept == fast
    once = second.revise(texts, fast, [0, 1])
    twice = second.revise(texts, once, [0, 1])
    assert [r.distress for r in twice] == [r.distress for r in once]
    assert [r.evidence for r in twice] == [r.evidence for r in once]


@pytest.mark.shared_data
def test_public_test_sets_with_the_second_opinion() -> None:
    """A seeded 400 of each test set, every text read by the encoder: the figures the full
    sets give (bench/emotion_multilingual.py) within sampling noise."""
    from sklearn.metrics import roc_auc_score

    data = shared_data("brighter_emotion").parent
    shared_data("xed_emotion")
    second = default_model()
    assert second is not None
    floors = {("brighter", "de"): 0.82, ("brighter", "es"): 0.88, ("xed", "fr"): 0.68}
    rng = np.random.default_rng(5)
    for (source, language), floor in floors.items():
        if source == "brighter":
            texts, labels = ed.load_brighter("test", language, data)
        else:
            texts, labels = ed.xed_split(language, "test", data)
        keep = rng.choice(len(texts), 400, replace=False)
        sample = [texts[i] for i in keep]
        auc = roc_auc_score(ed.distressed([labels[i] for i in keep]), second.distress(sample))
        assert auc >= floor, (source, language, auc)


def test_a_message_reads_the_same_alone_and_in_a_batch() -> None:
    """The live path understands one message, a burst or an import: the encoder's vector of
    a text must not depend on what else is in its batch."""
    texts = [
        "Ich bin so enttäuscht, das ist schon die dritte falsche Lieferung",
        "Hola, ¿cuándo llega mi pedido NW-1234?",
        "Je suis désespérée, mon colis pour l'anniversaire de ma fille a disparu. " * 8,
        "Danke!",
    ]
    pipeline = Pipeline(second_opinion_scope="all")
    batch = [u.distress.value for u in pipeline.understand(texts)]
    alone = [pipeline.understand([text])[0].distress.value for text in texts]
    np.testing.assert_allclose(alone, batch, atol=2e-4)


def test_a_damaged_shipped_model_leaves_the_fast_models_serving(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from tandemdesk.understand import second_opinion

    broken = tmp_path / "broken"
    (broken / "components").mkdir(parents=True)
    (broken / "manifest.json").write_text("{not json")
    monkeypatch.setattr(second_opinion, "DEFAULT_MODEL_DIR", str(broken))
    second_opinion.default_model.cache_clear()
    try:
        assert second_opinion.default_model() is None
        assert "cannot be loaded" in caplog.text
        pipeline = Pipeline(second_opinion_scope="other_languages")
        [reading] = pipeline.understand(["Ich bin verzweifelt"])
        assert SOURCE not in _sources(reading) and reading.distress.value > 0
    finally:
        second_opinion.default_model.cache_clear()
