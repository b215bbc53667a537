"""The understanding speed-ups change no result (issue 3's speed figure).

``pipeline_golden.json`` holds what the pipeline returned *before* the speed-ups (shared
n-gram analysis, prefilters, fast paths) for a set of messages; the other tests compare each
fast path with a plain reference: scikit-learn's analyzer, the former per-text TF-IDF loop
and ``sparse.hstack``, and the pipeline with chunking, caching and clause pruning undone.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from understand_synthetic import make_examples

from tandemdesk.understand import abuse, emotion, intent, ngrams, pipeline
from tandemdesk.understand.embeddings import WordLlamaEmbedder, _unit_rows, get_embedder
from tandemdesk.understand.features import TextFeatures
from tandemdesk.understand.intent import LinearIntentClassifier
from tandemdesk.understand.ngrams import NgramCounter, shared_analysis
from tandemdesk.understand.pipeline import Pipeline
from tandemdesk.understand.text import prepare_text
from tandemdesk.understand.tfidf import TfidfRows
from tandemdesk.understand.training import TrainedModel

GOLDEN = Path(__file__).with_name("pipeline_golden.json")
TEXTS = [
    "Hi, my card hasn't arrived yet, and how do I change my PIN? Thanks.",
    "I was charged twice; also my top up failed. And I need a refund by Friday",
    "cancel my subscription right away. Also reset my password please",
    "Where is my parcel? It has not arrived. Plus the invoice total is wrong",
    "YOU USELESS IDIOT!!! I know where you live",
    "Please call me on +44 20 7946 0958, card 4111 1111 1111 1111",
    "ich bin verzweifelt, mein Konto ist gesperrt und niemand antwortet seit Wochen",
    "C'est inadmissible, je vais porter plainte. Remboursement immédiatement!",
    "Привет, где моя карта?",
    "👍👍",
    "a",
    "  odd\twhite\n\nspace  ",
    "İstanbul ŞUBE Straße ÆØÅ ſ K",
    "Hi, my card hasn't arrived yet, and how do I change my PIN? Thanks.",  # a repeat
    "order " * 900,
]


def _close(got: Any, expected: Any, path: str = "") -> None:
    """Equal, with floats within 1e-6 (JSON has no tuples: compare as lists)."""
    if isinstance(expected, float) or isinstance(got, float):
        assert math.isclose(got, expected, rel_tol=0.0, abs_tol=1e-6), path
    elif isinstance(expected, dict):
        assert isinstance(got, dict) and got.keys() == expected.keys(), path
        for key in expected:
            _close(got[key], expected[key], f"{path}.{key}")
    elif isinstance(expected, list | tuple):
        assert isinstance(got, list | tuple) and len(got) == len(expected), path
        for i, (g, e) in enumerate(zip(got, expected, strict=True)):
            _close(g, e, f"{path}[{i}]")
    else:
        assert got == expected, path


def _plain(value: Any) -> Any:
    return json.loads(json.dumps(value))


@pytest.fixture(scope="module")
def bare() -> Pipeline:
    # the fast models' speed-ups are what the golden file pins; the encoder's second
    # opinion on the non-English texts is tested in test_second_opinion.py
    return Pipeline(second_opinion_scope="off")


@pytest.fixture(scope="module")
def intent_model() -> TrainedModel:
    texts, labels = make_examples(per_class=40, seed=3)
    model = LinearIntentClassifier(embeddings="none", seed=0).fit(texts, labels)
    return TrainedModel(model, "intent", "fast")


def test_pipeline_gives_what_it_gave_before_the_speedups(bare: Pipeline) -> None:
    cases = json.loads(GOLDEN.read_text(encoding="utf-8"))
    texts = [case["text"] for case in cases]
    batch = bare.understand(texts)
    for case, got in zip(cases, batch, strict=True):
        _close(_plain(got.to_dict()), case["expected"], repr(case["text"][:40]))
    for case in cases[:6]:  # one message at a time: the latency path
        _close(_plain(bare.understand([case["text"]])[0].to_dict()), case["expected"])


def _reference_tfidf(features: TextFeatures, block: str, texts: Sequence[str]) -> Any:
    """The per-text loop ``TextFeatures`` used before: scikit-learn's analyzer, Counter."""
    vec = features._vectorizers[block]
    analyzer, vocabulary = vec.build_analyzer(), vec.vocabulary_
    idf = vec.idf_.astype(np.float32)
    indices: list[int] = []
    counts: list[int] = []
    indptr = [0]
    for doc in texts:
        found = Counter(j for j in map(vocabulary.get, analyzer(doc)) if j is not None)
        indices.extend(found)
        counts.extend(found.values())
        indptr.append(len(indices))
    n = len(texts)
    columns = np.asarray(indices, dtype=np.int32)
    weights = (1.0 + np.log(np.asarray(counts, dtype=np.float32))) * idf[columns]
    rows = np.repeat(np.arange(n), np.diff(indptr))
    norms = np.sqrt(np.bincount(rows, weights=weights * weights, minlength=n))
    weights /= np.maximum(norms[rows], 1e-12).astype(np.float32)
    return sparse.csr_matrix(
        (weights, columns, np.asarray(indptr, dtype=np.int32)), shape=(n, len(vocabulary))
    )


def _reference_transform(features: TextFeatures, texts: Sequence[str]) -> Any:
    blocks = [_reference_tfidf(features, block, texts) for block in ("word", "char")]
    dense = features.embed(texts)
    if dense is not None:
        blocks.append(sparse.csr_matrix(dense))
    return sparse.hstack(blocks, format="csr", dtype=np.float32)


def _identical(a: Any, b: Any) -> bool:
    """Same shape, same entries in the same order: products with them are bit-identical."""
    return bool(
        a.shape == b.shape
        and a.dtype == b.dtype
        and np.array_equal(a.indptr, b.indptr)
        and np.array_equal(a.indices, b.indices)
        and np.array_equal(a.data, b.data)
    )


def test_features_equal_the_former_computation_with_and_without_sharing(
    intent_model: TrainedModel,
) -> None:
    texts = [prepare_text(t) for t in TEXTS]
    extractors = [
        intent_model.component.features_,  # type: ignore[attr-defined]
        emotion.default_model().features_,
        abuse.default_model().features_,
    ]
    expected = {id(f): _reference_transform(f, texts) for f in extractors}
    for f in extractors:
        assert _identical(f.transform(texts), expected[id(f)])
        assert _identical(f.transform([]), _reference_transform(f, []))
    with shared_analysis():  # all three share the counts; a second pass reads the cache
        for _ in range(2):
            for f in extractors:
                assert _identical(f.transform(texts), expected[id(f)])
                assert _identical(f.transform(texts[3:5]), _reference_transform(f, texts[3:5]))


def test_features_stay_equal_across_threads_and_a_full_table(
    intent_model: TrainedModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The n-gram numbering lasts across batches and is shared by threads; started afresh
    when full (here after a few hundred n-grams) it still numbers every batch consistently."""
    texts = [prepare_text(t) for t in TEXTS]
    features = intent_model.component.features_  # type: ignore[attr-defined]
    expected = _reference_transform(features, texts)
    monkeypatch.setattr(ngrams, "MAX_GRAMS", 300)

    def batches(offset: int) -> list[bool]:
        results = []
        for i in range(12):
            chunk = texts[(offset + i) % len(texts) :] + texts[: (offset + i) % len(texts)]
            with shared_analysis() if i % 2 else _nothing():
                got = features.transform(chunk)
            results.append(_identical(got, _reference_transform(features, chunk)))
        return results

    with ThreadPoolExecutor(max_workers=4) as pool:
        outcomes = [ok for done in pool.map(batches, range(8)) for ok in done]
    assert all(outcomes) and len(outcomes) == 96
    assert _identical(features.transform(texts), expected)


def test_wordllama_vectors_equal_its_own_embed() -> None:
    """``WordLlamaEmbedder`` pools without WordLlama's padded batches and normalises spaces
    itself (not for texts with an added token such as "<s>"): bit-identical rows."""
    embedder = get_embedder("wordllama")
    assert isinstance(embedder, WordLlamaEmbedder)
    texts = [*TEXTS, "", " ", "\u200b", "ok " * 3000, *(f"order {i} is late" for i in range(300))]
    texts += ["a <s> b", "<unk>", " </s>x  y ", "▁ already ▁▁ marked", "<s", "tab\there"]
    mine = embedder.embed(texts)
    # WordLlama's own path: padded batches of texts of every length, mask, sum, divide
    theirs = _unit_rows(embedder._model.embed(texts, norm=False, batch_size=64))
    assert mine.dtype == theirs.dtype and mine.tobytes() == theirs.tobytes()
    assert embedder.embed(TEXTS[:1]).tobytes() == theirs[:1].tobytes()


@pytest.mark.parametrize("ngrams", [(2, 5), (1, 3), (3, 3), (4, 6), (1, 1)])
@pytest.mark.parametrize("analyzer", ["char_wb", "word"])
def test_ngram_counts_equal_scikit_learns_analyzer(ngrams: tuple[int, int], analyzer: str) -> None:
    vec = TfidfVectorizer(analyzer=analyzer, ngram_range=ngrams, token_pattern=r"(?u)\b\w+\b")
    counter = NgramCounter(vec.get_params(), vec.build_analyzer())
    texts = [*TEXTS, "", " ", "ab", "a b c", "x\u00a0y\u2028z", "Ǆemal ǅ Σίσυφος ΣΑΣ"]
    for shared in (False, True):
        with shared_analysis() if shared else _nothing():
            ids, counts, lengths, seen = counter.encode(texts)
        start = 0
        for text, length in zip(texts, lengths, strict=True):
            pairs = zip(ids[start : start + length], counts[start : start + length], strict=True)
            got = [(seen.grams[i], c) for i, c in pairs]
            assert got == list(Counter(vec.build_analyzer()(text)).items()), text
            start += length


@pytest.mark.parametrize(
    "settings",
    [
        {"analyzer": "word", "ngram_range": (1, 2), "token_pattern": r"(?u)\b\w+\b"},
        {"analyzer": "char_wb", "ngram_range": (3, 5)},
        # the knowledge base's pools: accents stripped, frequent terms dropped
        {"analyzer": "word", "ngram_range": (1, 2), "strip_accents": "unicode", "max_df": 0.5},
        {"analyzer": "char_wb", "ngram_range": (3, 5), "strip_accents": "unicode"},
        {"analyzer": "word", "sublinear_tf": False, "use_idf": False, "norm": None},
    ],
)
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_tfidf_rows_equal_scikit_learns_transform(settings: dict[str, Any], dtype: type) -> None:
    vec = TfidfVectorizer(**{"sublinear_tf": True, "dtype": dtype, **settings}).fit(TEXTS[:10])
    texts = [*TEXTS, "", "Ǆemal ǅ Σίσυφος ΣΑΣ", "Où est ma commande ? déjà payé"]
    got = TfidfRows(vec, dtype).matrix(texts)
    want = vec.transform(texts)
    assert got.shape == want.shape
    assert np.abs(got - want).max() < 1e-6
    assert np.array_equal(got.getnnz(axis=1), want.getnnz(axis=1))  # no zero stored


def test_tfidf_rows_refuse_settings_they_do_not_reproduce() -> None:
    with pytest.raises(ValueError, match="l1"):
        TfidfRows(TfidfVectorizer(norm="l1").fit(TEXTS))


class _nothing:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *args: object) -> None:
        return None


def test_pipeline_batch_equals_each_component_alone_and_one_by_one(
    intent_model: TrainedModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Chunking, the shared n-gram cache and batching change nothing in the results."""
    texts, _ = make_examples(per_class=6, seed=11)
    texts = [*texts, *TEXTS]
    full = Pipeline(intent=intent_model, second_opinion_scope="off")
    batch = [u.to_dict() for u in full.understand(texts)]
    monkeypatch.setattr(pipeline, "_CHUNK", 7)  # several chunks, each with its own cache
    assert [u.to_dict() for u in full.understand(texts)] == batch
    one_by_one = [full.understand([t])[0].to_dict() for t in texts]
    assert one_by_one == batch
    abuses, risks = full.abuse_model.analyse(texts), full.risk_detector.analyse(texts)
    urgencies = [  # the rules, raised by threats and serious risks as the pipeline does
        pipeline._safety_raised(u, a, r)
        for u, a, r in zip(full.urgency_rules.analyse(texts), abuses, risks, strict=True)
    ]
    alone = {  # each component on its own, outside any shared_analysis block
        "intent": intent_model.analyse(texts),
        "emotion": full.emotion_model.analyse(texts),
        "abuse": abuses,
        "urgency": urgencies,
        "language": full.language.analyse(texts),
        "risk": risks,
        "dialogue": full.dialogue_detector.analyse(texts),
    }
    for row, result in enumerate(full.understand(texts)):
        for name, values in alone.items():
            assert getattr(result, name) == values[row], (name, texts[row])


def test_skipping_clauses_of_confident_rows_changes_no_second_intent(
    intent_model: TrainedModel,
) -> None:
    model = intent_model.component
    assert isinstance(model, LinearIntentClassifier)
    texts, _ = make_examples(per_class=10, seed=5)
    pairs = [f"{a} and also {b}" for a, b in zip(texts[::2], texts[1::2], strict=False)]
    texts = [*texts, *pairs, *TEXTS]
    proba = model.predict_proba(texts)
    prepared = [prepare_text(t, model.max_chars) for t in texts]  # as analyse gives it
    every_clause = model._clause_intents(prepared, proba)  # no rows: all texts, as before
    results = model.analyse(texts)
    for row, result in enumerate(results):
        if result.read_from is not None:
            continue  # unsure as a whole, read by a sentence or two clauses: not this search
        expected = every_clause.get(row)
        if result.abstained or expected == result.label:
            expected = None
        assert result.secondary == expected, texts[row]
    assert any(r.secondary for r in results)  # the test data does have second intents
    assert intent._SECONDARY_SUPPORT > 0


def test_emotion_rows_equal_the_numpy_version() -> None:
    model = emotion.default_model()
    rng = np.random.default_rng(0)
    proba = rng.random((300, len(model.classes_))) ** 3
    proba[:5] = model.thresholds_  # ties at exactly the threshold
    proba[5] = 0.0  # nothing over a threshold: the best ratio is taken
    for row, got in zip(proba, model._emotions(proba), strict=True):
        ratio = row / np.maximum(model.thresholds_, 1e-9)
        chosen = np.flatnonzero(ratio >= 1.0)
        if len(chosen) == 0:
            chosen = np.array([int(ratio.argmax())])
        chosen = chosen[np.argsort(-ratio[chosen], kind="stable")]
        assert got == tuple((model.classes_[i], round(float(row[i]), 4)) for i in chosen)
