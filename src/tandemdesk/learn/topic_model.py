"""What customers write about, found without labels: texts → topics with readable names.

Pure (no database), scikit-learn style: ``TopicModel(...).fit(texts)`` leaves ``labels_``
(one topic id per text, ``-1`` for none), ``topics_`` (id, label, terms, size) and what
``assign`` needs to place new texts in the same topics.

How, and why this way (measured on BANKING77 and Bitext, see ``bench/topics.py``):

1. **Features**: the WordLlama static sentence embeddings the intent model already uses
   (``understand.embeddings``), reduced to 64 dimensions by PCA fitted on a sample. The
   TF-IDF blocks of ``understand.features`` were tried as clustering features too (SVD to
   128 dimensions, alone and beside the embeddings) and only lowered agreement with the
   true intents (NMI 0.61 alone, 0.70–0.72 mixed vs 0.73 for the embeddings alone); they
   name the topics instead (step 4), where words are what a person wants to read.
2. **Clusters**: MiniBatchKMeans into a few hundred micro-clusters (cheap at 100,000
   texts), then Ward agglomeration of their centroids: the merge tree gives every number
   of topics at once, so choosing it costs one silhouette per candidate, not one clustering.
3. **How many topics**: the candidate with the best mean silhouette (cosine) on a fixed
   sample of texts, among ``MIN_TOPICS`` … ``max_topics``. A standard, label-free rule:
   the true number of intents is never looked at.
4. **Names**: class-based TF-IDF (as BERTopic's c-TF-IDF: a term's share of the topic's
   words × log(1 + average words per topic / the term's count over all topics)) over word
   unigrams and bigrams, so names are the customers' own words in their own languages;
   words that are frequent in most topics (greetings, "please", "my") score low.

Memory stays flat in the number of texts apart from 64 floats and a few ints per text:
texts are embedded and counted in chunks of ``chunk``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

import numpy as np
from scipy import sparse

from tandemdesk.learn.topic_words import STOP_WORDS
from tandemdesk.understand.embeddings import get_embedder

MIN_TOPICS = 2
# words of letters only, not glued to digits ("NW-107499"): an order number is not a topic
_WORD_RE = re.compile(r"(?<![\w@./-])[^\W\d_]{2,}\b(?![-./@]?\w*\d)")
_ADDRESSES = re.compile(r"\S+@\S+|\w+://\S+|www\.\S+")
_BIGRAM_JOINER = " "
_PARTICLES = frozenset({"up", "in", "out", "off", "on", "down", "back"})  # "top up", "log in"


@dataclass(frozen=True)
class Topic:
    """One topic: its id, a short name, the words that characterise it and how many texts."""

    id: int
    label: str
    terms: tuple[str, ...]
    size: int

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "terms": list(self.terms), "size": self.size}


@dataclass
class TopicModelState:
    """What placing new texts needs: the projection and the topic centroids (plain arrays)."""

    mean: np.ndarray
    components: np.ndarray
    centroids: np.ndarray
    topics: list[Topic] = field(default_factory=list)


def _unit(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.where(norms > 1e-9, matrix / np.maximum(norms, 1e-9), 0.0).astype(np.float32)


class TopicModel:
    """Topics of a set of texts (see the module docstring for the method and its reasons).

    ``max_topics``: the most topics a person can read in a list; ``min_size``: smaller
    topics are dissolved into "no topic" (``None``: 0.1% of the texts, at least 3);
    ``min_similarity``: a text whose cosine to its topic's centroid is below it is in no
    topic (an outlier rather than a member).
    """

    def __init__(
        self,
        embeddings: str = "wordllama",
        dims: int = 64,
        micro_clusters: int = 400,
        max_topics: int = 150,
        min_size: int | None = None,
        min_similarity: float = 0.0,
        sample: int = 4000,
        fit_sample: int = 20_000,
        chunk: int = 10_000,
        n_terms: int = 8,
        extra_weight: float = 1.0,
        random_state: int = 0,
    ) -> None:
        self.embeddings = embeddings
        self.dims = dims
        self.micro_clusters = micro_clusters
        self.max_topics = max_topics
        self.min_size = min_size
        self.min_similarity = min_similarity
        self.sample = sample
        self.fit_sample = fit_sample
        self.chunk = chunk
        self.n_terms = n_terms
        self.extra_weight = extra_weight
        self.random_state = random_state

    # ---- features
    def _embed(self, texts: Sequence[str]) -> np.ndarray:
        embedder = get_embedder(self.embeddings)
        if embedder is None:
            raise ValueError("topics need embeddings: choose 'wordllama' or 'minilm'")
        return embedder.embed(list(texts))

    def _project(self, vectors: np.ndarray) -> np.ndarray:
        return _unit((vectors - self.mean_) @ self.components_.T)

    def transform(self, texts: Sequence[str], extra: np.ndarray | None = None) -> np.ndarray:
        """Unit vectors in the topic space, chunk by chunk (zero rows for empty texts).

        ``extra``: per text, non-negative scores that carry meaning across languages (the
        workspace's intent probabilities): their square roots, unit length, are appended
        with weight ``extra_weight`` — so two texts in two languages that the intent model
        reads alike are close even where their words share nothing."""
        width = self.components_.shape[0] + (0 if extra is None else extra.shape[1])
        out = np.zeros((len(texts), width), dtype=np.float32)
        for start in range(0, len(texts), self.chunk):
            vectors = self._embed([topic_text(t) for t in texts[start : start + self.chunk]])
            projected = self._project(vectors)
            if extra is not None:
                block = _unit(np.sqrt(np.clip(extra[start : start + len(vectors)], 0, None)))
                projected = _unit(np.hstack([projected, self.extra_weight * block]))
            projected[np.linalg.norm(vectors, axis=1) < 1e-9] = 0.0
            out[start : start + len(projected)] = projected
        return out

    def _fit_projection(self, texts: Sequence[str], rng: np.random.Generator) -> None:
        from sklearn.decomposition import PCA

        pick = rng.choice(len(texts), min(len(texts), self.fit_sample), replace=False)
        vectors = self._embed([topic_text(texts[i]) for i in pick])
        dims = max(1, min(self.dims, len(pick) - 1, vectors.shape[1]))
        pca = PCA(dims, random_state=self.random_state).fit(vectors)
        self.mean_ = pca.mean_.astype(np.float32)
        self.components_ = pca.components_.astype(np.float32)

    # ---- clustering
    def fit(self, texts: Sequence[str], extra: np.ndarray | None = None) -> TopicModel:
        """Find the topics of ``texts``; ``labels_[i]`` is text i's topic (``-1``: none).
        ``extra``: see ``transform``."""
        from scipy.cluster.hierarchy import fcluster, linkage
        from sklearn.cluster import MiniBatchKMeans

        texts = list(texts)
        rng = np.random.default_rng(self.random_state)
        n = len(texts)
        self.labels_ = np.full(n, -1, dtype=np.int32)
        self.topics_: list[Topic] = []
        self.silhouettes_: dict[int, float] = {}
        self.centroids_ = np.zeros((0, self.dims), dtype=np.float32)
        if n < 2 * MIN_TOPICS:
            self.mean_ = np.zeros(1, dtype=np.float32)
            self.components_ = np.zeros((1, 1), dtype=np.float32)
            return self
        self._fit_projection(texts, rng)
        points = self.transform(texts, extra)
        valid = np.flatnonzero(np.abs(points).sum(axis=1) > 0)
        if len(valid) < 2 * MIN_TOPICS:
            return self
        micro_count = int(min(self.micro_clusters, max(MIN_TOPICS + 1, len(valid) // 5)))
        micro = MiniBatchKMeans(
            micro_count, random_state=self.random_state, n_init=1, batch_size=4096
        ).fit(points[valid])
        micro_labels = micro.labels_
        tree = linkage(micro.cluster_centers_.astype(np.float64), "ward")
        candidates = self._candidates(micro_count)
        sample = rng.choice(len(valid), min(len(valid), self.sample), replace=False)
        best = self._choose(points[valid[sample]], micro_labels[sample], tree, candidates)
        merged = fcluster(tree, best, "maxclust") - 1  # micro-cluster → topic
        topic_of = merged[micro_labels]
        self.labels_[valid] = topic_of
        self._finish(texts, points, rng)
        return self

    def _candidates(self, micro_count: int) -> list[int]:
        top = max(MIN_TOPICS, min(self.max_topics, micro_count - 1))
        grid = np.unique(np.round(np.geomspace(MIN_TOPICS, top, 48)).astype(int))
        return [int(k) for k in grid]

    def _choose(
        self, sample: np.ndarray, micro_labels: np.ndarray, tree: np.ndarray, candidates: list[int]
    ) -> int:
        """The number of topics with the best mean silhouette on the sample (label-free)."""
        from scipy.cluster.hierarchy import fcluster
        from sklearn.metrics import silhouette_score

        distances = np.clip(1.0 - sample @ sample.T, 0.0, 2.0)
        np.fill_diagonal(distances, 0.0)
        merged_all = {k: fcluster(tree, k, "maxclust") for k in candidates}
        for k, merged in merged_all.items():
            labels = merged[micro_labels]
            if 1 < len(np.unique(labels)) < len(labels):
                score = silhouette_score(distances, labels, metric="precomputed")
                self.silhouettes_[k] = round(float(score), 4)
        if not self.silhouettes_:
            return candidates[0]
        return max(self.silhouettes_, key=lambda k: (self.silhouettes_[k], -k))

    def _finish(self, texts: list[str], points: np.ndarray, rng: np.random.Generator) -> None:
        """Centroids, outliers, small topics dissolved, ids by size, names."""
        n = len(texts)
        min_size = self.min_size if self.min_size is not None else max(3, math.ceil(n / 1000))
        raw = self.labels_
        ids = [t for t in np.unique(raw) if t >= 0]
        centroids = {t: _unit(points[raw == t].mean(axis=0, keepdims=True))[0] for t in ids}
        if self.min_similarity > 0:
            for t in ids:
                members = np.flatnonzero(raw == t)
                far = members[points[members] @ centroids[t] < self.min_similarity]
                raw[far] = -1
        sizes = {t: int((raw == t).sum()) for t in ids}
        kept = sorted((t for t in ids if sizes[t] >= min_size), key=lambda t: -sizes[t])
        renumber = np.full(max(ids, default=0) + 2, -1, dtype=np.int32)
        for new, old in enumerate(kept):
            renumber[old] = new
        self.labels_ = np.where(raw >= 0, renumber[np.maximum(raw, 0)], -1).astype(np.int32)
        self.centroids_ = np.array(
            [_unit(points[self.labels_ == t].mean(axis=0, keepdims=True))[0]
             for t in range(len(kept))],
            dtype=np.float32,
        ).reshape(len(kept), points.shape[1])  # fmt: skip
        terms = self._terms(texts, len(kept), rng)
        sizes_now = np.bincount(self.labels_[self.labels_ >= 0], minlength=len(kept))
        self.topics_ = [
            Topic(t, _label(terms[t]), tuple(terms[t]), int(sizes_now[t])) for t in range(len(kept))
        ]

    # ---- names
    def _terms(self, texts: list[str], k: int, rng: np.random.Generator) -> list[list[str]]:
        """Per topic, its ``n_terms`` most characteristic words (c-TF-IDF), counted on a
        sample of up to ``fit_sample`` texts: names need the common words, not every text."""
        from sklearn.feature_extraction.text import CountVectorizer

        if k == 0:
            return []
        inside = np.flatnonzero(self.labels_ >= 0)
        pick = np.sort(rng.choice(inside, min(len(inside), self.fit_sample), replace=False))
        counter = CountVectorizer(
            analyzer=_terms_of, min_df=2 if len(pick) >= 200 else 1, max_features=60_000,
            dtype=np.float32, binary=True,  # a word said five times in one message: one mention
        )  # fmt: skip
        try:
            counts = counter.fit_transform([topic_text(texts[i]) for i in pick])
        except ValueError:  # no word at all
            return [[] for _ in range(k)]
        onehot = sparse.csr_matrix(
            (np.ones(len(pick)), (self.labels_[pick], np.arange(len(pick)))), shape=(k, len(pick))
        )
        per_topic = np.asarray((onehot @ counts).todense(), dtype=np.float64)
        vocabulary = counter.get_feature_names_out().tolist()
        return _ctfidf_terms(per_topic, vocabulary, self.n_terms)

    # ---- new texts
    def assign(self, texts: Sequence[str], extra: np.ndarray | None = None) -> np.ndarray:
        """The fitted topic of each new text (nearest centroid; ``-1`` when none fits)."""
        if not len(self.centroids_) or not texts:
            return np.full(len(texts), -1, dtype=np.int32)
        return assign_points(self.transform(texts, extra), self.centroids_, self.min_similarity)

    def get_state(self) -> TopicModelState:
        return TopicModelState(self.mean_, self.components_, self.centroids_, list(self.topics_))


_GREETING = re.compile(
    r"^(hi|hello|hey|dear|good (morning|afternoon|evening)|hallo|guten|liebe|sehr geehrte|"
    r"moin|servus|bonjour|bonsoir|salut|cher|chère|madame|hola|buenas|buenos|estimad)\b",
    re.IGNORECASE,
)


def topic_text(text: str) -> str:
    """The part of a message that says what it is about: without the salutation line, the
    sign-off and the signature ("Dear team," … "Kind regards, Chloe"), which otherwise make
    every letter-style message of one language look alike to the embeddings."""
    if "\n>" in text or "\n-----" in text:  # a reply with the previous mail quoted below
        from tandemdesk.listen.email_text import strip_reply

        text = strip_reply(text) or text
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) <= 1:
        return text.strip()
    kept = [line for i, line in enumerate(lines) if not _is_frame(line, first=i == 0)]
    return " ".join(kept) if kept else text.strip()


def _is_frame(line: str, first: bool) -> bool:
    """A salutation, or a short line of nothing but function words and names."""
    words = line.split()
    if first and len(words) <= 6 and _GREETING.match(line):
        return True
    if len(words) > 4:
        return False
    return not any(
        w.lower() not in STOP_WORDS and not w[:1].isupper() for w in _WORD_RE.findall(line)
    )


def assign_points(points: np.ndarray, centroids: np.ndarray, min_similarity: float) -> np.ndarray:
    """Nearest centroid by cosine; ``-1`` for empty rows and rows below ``min_similarity``."""
    similarity = points @ centroids.T
    best: np.ndarray = np.asarray(similarity.argmax(axis=1), dtype=np.int32)
    empty = np.abs(points).sum(axis=1) == 0
    low = similarity[np.arange(len(points)), best] < min_similarity
    best[empty | low] = -1
    return best


def _ctfidf_terms(per_topic: np.ndarray, vocabulary: list[str], n_terms: int) -> list[list[str]]:
    """c-TF-IDF: term share in the topic × √log(1 + mean words per topic / term total)."""
    totals = per_topic.sum(axis=0)
    words_per_topic = per_topic.sum(axis=1, keepdims=True)
    average = max(1.0, float(words_per_topic.mean()))
    with np.errstate(divide="ignore", invalid="ignore"):
        tf = np.where(words_per_topic > 0, per_topic / np.maximum(words_per_topic, 1), 0.0)
        # square root: a topic's own word that other topics share ("refund" in two refund
        # topics) must still beat a rare word a quarter of its members use
        idf = np.sqrt(np.log1p(average / np.maximum(totals, 1.0)))
    # a term only a few members use does not describe the topic, however rare elsewhere
    members = np.maximum(per_topic.max(axis=1, keepdims=True), 1.0)
    weight = tf * idf * (per_topic >= np.minimum(2.0, members))
    weight[:, [i for i, term in enumerate(vocabulary) if term in STOP_WORDS]] *= 0.01
    out: list[list[str]] = []
    for row in weight:
        order = np.argsort(-row, kind="stable")[: n_terms * 3]
        out.append(_distinct([vocabulary[i] for i in order if row[i] > 0], n_terms))
    return out


def _terms_of(text: str) -> list[str]:
    """A text's words (letters only, lower case) and its bigrams of two naming words."""
    words = _WORD_RE.findall(_ADDRESSES.sub(" ", text.lower().replace("’", "'")))
    named = [w not in STOP_WORDS for w in words]
    bigrams = [
        f"{a}{_BIGRAM_JOINER}{b}"
        for (a, x), (b, y) in pairwise(zip(words, named, strict=True))
        if x and (y or b in _PARTICLES) and a != b
    ]
    return words + bigrams


def _distinct(terms: list[str], n: int) -> list[str]:
    """Drop a word already inside a chosen bigram, and a bigram whose words are both chosen."""
    chosen: list[str] = []
    for term in terms:
        words = term.split(_BIGRAM_JOINER)
        covered = {w for t in chosen for w in t.split(_BIGRAM_JOINER)}
        if len(words) == 1 and term in covered:
            continue
        if len(words) > 1 and all(w in covered for w in words):
            continue
        chosen = [t for t in chosen if not (len(words) > 1 and t in words)]
        chosen.append(term)
        if len(chosen) >= n:
            break
    return chosen


def _label(terms: Sequence[str]) -> str:
    """A short name: the first terms up to about four words (``"delivery exception, parcel"``)."""
    picked: list[str] = []
    words = 0
    for term in terms:
        size = len(re.findall(r"\S+", term))
        if picked and words + size > 4:
            break
        picked.append(term)
        words += size
    return ", ".join(picked) if picked else "(no words)"
