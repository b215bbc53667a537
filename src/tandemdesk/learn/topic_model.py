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
3. **How many topics**: the mean silhouette (cosine) of each candidate among
   ``MIN_TOPICS`` … ``max_topics`` on a fixed sample of texts; the fewest topics within
   ``FLAT_TOP`` of the best. A standard, label-free rule: the true number of intents is
   never looked at.
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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

import numpy as np
from scipy import sparse

from tandemdesk.learn.topic_words import STOP_WORDS
from tandemdesk.understand.embeddings import get_embedder

MIN_TOPICS = 2
FLAT_TOP = 0.005  # silhouettes this close to the best count as a tie: take fewer topics
# words of letters only, not glued to digits ("NW-107499"): an order number is not a topic
_WORD_RE = re.compile(r"(?<![\w@./-])[^\W\d_]{2,}\b(?![-./@]?\w*\d)")
_ADDRESSES = re.compile(r"\S+@\S+|\w+://\S+|www\.\S+")
_BIGRAM_JOINER = " "
_PARTICLES = frozenset({"up", "out", "off", "down", "back"})  # "top up", "send back"
_LOG_IN = frozenset({"log", "logged", "logging", "sign", "signed", "signing", "check", "plug"})


@dataclass(frozen=True)
class Topic:
    """One topic: its id, a short name, the words that characterise it and how many texts."""

    id: int
    label: str
    terms: tuple[str, ...]
    size: int

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "terms": list(self.terms), "size": self.size}


Scorer = Callable[[list[str]], np.ndarray]


def _unit(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.where(norms > 1e-9, matrix / np.maximum(norms, 1e-9), 0.0).astype(np.float32)


class TopicModel:
    """Topics of a set of texts (see the module docstring for the method and its reasons).

    ``max_topics``: the most topics a person can read in a list; ``min_size``: smaller
    topics are dissolved into "no topic" (``None``: 0.1% of the texts, at least 3);
    ``min_similarity``: a new text whose cosine to the nearest micro-cluster is below it
    is in no topic (``assign``); ``extra_weight``: see ``fit``.
    """

    def __init__(
        self,
        embeddings: str = "wordllama",
        dims: int = 64,
        micro_clusters: int = 400,
        max_topics: int = 150,
        min_size: int | None = None,
        min_similarity: float = 0.0,
        sample: int = 2500,
        fit_sample: int = 20_000,
        chunk: int = 10_000,
        n_terms: int = 8,
        extra_weight: float = 1.5,
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

    def transform(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors in the topic space (the text part), chunk by chunk (zero rows for
        texts with nothing to embed)."""
        return self._points([topic_text(t) for t in texts])

    def _points(
        self,
        cleaned: Sequence[str],
        known: np.ndarray | None = None,
        known_vectors: np.ndarray | None = None,
    ) -> np.ndarray:
        """``transform`` of texts already cleaned; rows ``known`` reuse ``known_vectors``
        (the fit sample, embedded once for the projection: embedding is the costly part)."""
        out = np.zeros((len(cleaned), self.components_.shape[0]), dtype=np.float32)
        row_of = np.full(len(cleaned), -1, dtype=np.int64)
        if known is not None:
            row_of[known] = np.arange(len(known))
        for start in range(0, len(cleaned), self.chunk):
            stop = min(len(cleaned), start + self.chunk)
            rows = row_of[start:stop]
            vectors = np.zeros((stop - start, self.mean_.shape[0]), dtype=np.float32)
            have = np.flatnonzero(rows >= 0)
            if known_vectors is not None and len(have):
                vectors[have] = known_vectors[rows[have]]
            need = np.flatnonzero(rows < 0)
            if len(need):
                vectors[need] = self._embed([cleaned[start + int(i)] for i in need])
            projected = self._project(vectors)
            projected[np.linalg.norm(vectors, axis=1) < 1e-9] = 0.0
            out[start:stop] = projected
        return out

    def _fit_projection(self, vectors: np.ndarray) -> None:
        from sklearn.decomposition import PCA

        dims = max(1, min(self.dims, len(vectors) - 1, vectors.shape[1]))
        pca = PCA(dims, random_state=self.random_state).fit(vectors)
        self.mean_ = pca.mean_.astype(np.float32)
        self.components_ = pca.components_.astype(np.float32)

    # ---- clustering
    def fit(self, texts: Sequence[str], scorer: Scorer | None = None) -> TopicModel:
        """Find the topics of ``texts``; ``labels_[i]`` is text i's topic (``-1``: none).

        ``scorer``: texts → non-negative scores that carry meaning across languages (the
        workspace's intent probabilities). It is asked about the fit sample only: their
        square roots, unit length and weighted by ``extra_weight``, sit beside the text
        vectors while the micro-clusters are found and merged — so German and French
        messages the intent model reads alike share a topic even where their words share
        nothing — and every other text joins the micro-cluster nearest in words. At most
        ``fit_sample`` predictions, whatever the number of texts.

        The projection and the micro-clusters are fitted on a sample of ``fit_sample``
        texts; every text is then placed (one pass, chunk by chunk): time and memory grow
        with the texts only through that pass.

        One BLAS/OpenMP thread: on a busy machine (a server beside its database, or the
        2-core test machine with other work) OpenMP's waiting threads spin, and the same
        MiniBatchKMeans took 71 s with the default threads against 4 s with one."""
        from threadpoolctl import threadpool_limits

        with threadpool_limits(limits=1):
            return self._fit(texts, scorer)

    def _fit(self, texts: Sequence[str], scorer: Scorer | None) -> TopicModel:
        from scipy.cluster.hierarchy import fcluster, linkage
        from sklearn.cluster import MiniBatchKMeans

        rng = np.random.default_rng(self.random_state)
        n = len(texts)
        self.labels_ = np.full(n, -1, dtype=np.int32)
        self.topics_: list[Topic] = []
        self.silhouettes_: dict[int, float] = {}
        self.micro_centers_ = np.zeros((0, self.dims), dtype=np.float32)
        self.micro_topic_ = np.zeros(0, dtype=np.int32)
        if n < 2 * MIN_TOPICS:
            self.mean_ = np.zeros(1, dtype=np.float32)
            self.components_ = np.zeros((1, 1), dtype=np.float32)
            return self
        cleaned = [topic_text(t) for t in texts]
        pick = np.sort(rng.choice(n, min(n, self.fit_sample), replace=False))
        sample_vectors = self._embed([cleaned[i] for i in pick])
        self._fit_projection(sample_vectors)
        points = self._points(cleaned, pick, sample_vectors)
        del sample_vectors
        valid_mask = np.abs(points).sum(axis=1) > 0
        valid = np.flatnonzero(valid_mask)
        fit_rows = pick[valid_mask[pick]]
        if len(fit_rows) < 2 * MIN_TOPICS:
            return self
        micro_count = int(min(self.micro_clusters, max(MIN_TOPICS + 1, len(fit_rows) // 5)))
        fit_points = points[fit_rows]
        if scorer is not None:  # the fit sample in the merging space: text + its own scores
            scores = np.asarray(scorer([cleaned[i] for i in fit_rows]), dtype=np.float64)
            block = _unit(np.sqrt(np.clip(scores, 0, None)))
            fit_points = _unit(np.hstack([fit_points, self.extra_weight * block]))
        micro = MiniBatchKMeans(
            micro_count, random_state=self.random_state, n_init=1, batch_size=4096,
            compute_labels=False, max_iter=30,
        ).fit(fit_points)  # fmt: skip
        fit_micro = micro.predict(fit_points).astype(np.int32)
        # every other text joins the micro-cluster nearest to it in words alone
        text_centers = _unit(micro.cluster_centers_[:, : points.shape[1]])
        micro_labels = np.empty(len(valid), dtype=np.int32)
        in_fit = np.isin(valid, fit_rows)
        micro_labels[in_fit] = fit_micro  # valid and fit_rows are both in text order
        rest = valid[~in_fit]
        micro_labels[~in_fit] = np.concatenate(
            [assign_points(points[rest[i : i + self.chunk]], text_centers, -2.0)
             for i in range(0, len(rest), self.chunk)] or [np.zeros(0, dtype=np.int32)]
        )  # fmt: skip
        tree = linkage(_unit(micro.cluster_centers_).astype(np.float64), "ward")
        sample = rng.choice(len(fit_rows), min(len(fit_rows), self.sample), replace=False)
        best = self._choose(
            fit_points[sample], fit_micro[sample], tree, self._candidates(micro_count)
        )
        merged = (fcluster(tree, best, "maxclust") - 1).astype(np.int32)
        self.labels_[valid] = merged[micro_labels]
        self.micro_centers_ = text_centers.astype(np.float32)
        self._finish(cleaned, merged, rng)
        return self

    def _candidates(self, micro_count: int) -> list[int]:
        top = max(MIN_TOPICS, min(self.max_topics, micro_count - 1))
        grid = np.unique(np.round(np.geomspace(MIN_TOPICS, top, 32)).astype(int))
        return [int(k) for k in grid]

    def _choose(
        self, sample: np.ndarray, micro_labels: np.ndarray, tree: np.ndarray, candidates: list[int]
    ) -> int:
        """The fewest topics whose mean silhouette on the sample is within ``FLAT_TOP`` of
        the best (label-free). The curve is flat near its top (BANKING77: 0.217–0.221 from
        79 to 104 topics), and fewer topics are easier to read; the tolerance was set once,
        as a round number, for readability on the demo shop, not tuned on any labels."""
        from scipy.cluster.hierarchy import fcluster
        from sklearn.metrics import silhouette_score

        distances = np.clip(1.0 - sample @ sample.T, 0.0, 2.0)
        np.fill_diagonal(distances, 0.0)
        for k in candidates:
            labels = fcluster(tree, k, "maxclust")[micro_labels]
            if 1 < len(np.unique(labels)) < len(labels):
                score = silhouette_score(distances, labels, metric="precomputed")
                self.silhouettes_[k] = round(float(score), 4)
        if not self.silhouettes_:
            return candidates[0]
        best = max(self.silhouettes_.values())
        return min(k for k, score in self.silhouettes_.items() if score >= best - FLAT_TOP)

    def _finish(self, texts: list[str], merged: np.ndarray, rng: np.random.Generator) -> None:
        """Small topics dissolved, ids by size, names."""
        n = len(texts)
        min_size = self.min_size if self.min_size is not None else max(3, math.ceil(n / 1000))
        raw = self.labels_
        ids = [int(t) for t in np.unique(raw) if t >= 0]
        sizes = {t: int((raw == t).sum()) for t in ids}
        kept = sorted((t for t in ids if sizes[t] >= min_size), key=lambda t: -sizes[t])
        renumber = np.full(max(ids, default=0) + 2, -1, dtype=np.int32)
        for new, old in enumerate(kept):
            renumber[old] = new
        self.labels_ = np.where(raw >= 0, renumber[np.maximum(raw, 0)], -1).astype(np.int32)
        self.micro_topic_ = renumber[merged]
        terms = self._terms(texts, len(kept), rng)
        sizes_now = np.bincount(self.labels_[self.labels_ >= 0], minlength=len(kept))
        self.topics_ = [
            Topic(t, _label(terms[t]), tuple(terms[t]), int(sizes_now[t])) for t in range(len(kept))
        ]

    # ---- names
    def _terms(self, texts: list[str], k: int, rng: np.random.Generator) -> list[list[str]]:
        """Per topic, its ``n_terms`` most characteristic words (c-TF-IDF) in the cleaned
        ``texts``, counted on a sample of up to ``fit_sample`` of them: names need the
        common words, not every text."""
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
            counts = counter.fit_transform([texts[i] for i in pick])
        except ValueError:  # no word at all
            return [[] for _ in range(k)]
        onehot = sparse.csr_matrix(
            (np.ones(len(pick)), (self.labels_[pick], np.arange(len(pick)))), shape=(k, len(pick))
        )
        per_topic = np.asarray((onehot @ counts).todense(), dtype=np.float64)
        vocabulary = counter.get_feature_names_out().tolist()
        return _ctfidf_terms(per_topic, vocabulary, self.n_terms)

    # ---- new texts
    def assign(self, texts: Sequence[str]) -> np.ndarray:
        """The fitted topic of each new text: its nearest micro-cluster's topic (``-1`` for
        a text with nothing to embed, below ``min_similarity``, or in a dissolved topic).
        No scorer needed: the micro-clusters are in the text space."""
        from threadpoolctl import threadpool_limits

        if not len(self.micro_centers_) or not texts:
            return np.full(len(texts), -1, dtype=np.int32)
        with threadpool_limits(limits=1):
            points = self.transform(texts)
        micro = assign_points(points, self.micro_centers_, self.min_similarity)
        return np.where(micro >= 0, self.micro_topic_[np.maximum(micro, 0)], -1).astype(np.int32)


_GREETING = re.compile(
    r"^(hi|hello|hey|dear|good (morning|afternoon|evening)|hallo|guten|liebe|sehr geehrte|"
    r"moin|servus|bonjour|bonsoir|salut|cher|chère|madame|hola|buenas|buenos|estimad)\b",
    re.IGNORECASE,
)


def topic_text(text: str) -> str:
    """The part of a message that says what it is about: without the salutation line, the
    sign-off and the signature ("Dear team," … "Kind regards, Chloe"), which otherwise make
    every letter-style message of one language look alike to the embeddings."""
    text = _quoted_tail(text)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) <= 1:
        return text.strip()
    kept = [line for i, line in enumerate(lines) if not _is_frame(line, first=i == 0)]
    return " ".join(kept) if kept else text.strip()


_QUOTE_START = re.compile(r"^(>|-{3,}\s*\w)", re.MULTILINE)
_QUOTE_HEADER = re.compile(r"\n[^\n]{0,300}:\s*$")


def _quoted_tail(text: str) -> str:
    """The text without the earlier mail a reply quotes below it ("On 3 October, … wrote:",
    "> …", "-----Original Message-----"). A cut at the first quoted line, not
    ``listen.email_text.strip_reply``: this runs on every message of a history, and a
    quoted tail only needs to stop counting as the customer's words."""
    found = _QUOTE_START.search(text)
    if found is None or found.start() == 0:
        return text
    head = text[: found.start()].rstrip()
    return _QUOTE_HEADER.sub("", head) if head.count("\n") else head


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
        if x and (y or b in _PARTICLES or (b in ("in", "on") and a in _LOG_IN)) and a != b
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
    """A short name: the first terms up to about four words (``"delivery exception, parcel"``),
    function words left out unless there is nothing else ("thanks", "merci")."""
    picked: list[str] = []
    words = 0
    naming = [t for t in terms if t not in STOP_WORDS]
    for term in naming if len(naming) >= 2 else terms:
        size = len(re.findall(r"\S+", term))
        if picked and words + size > 4:
            break
        picked.append(term)
        words += size
    return ", ".join(picked) if picked else "(no words)"
