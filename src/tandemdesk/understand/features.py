"""Text → one sparse feature matrix: TF-IDF words + TF-IDF characters (+ embeddings).

Why this mix: word 1–2-grams carry the topic ("card", "top up"), character 2–5-grams inside
word boundaries survive typos, inflections, emoji and scripts without spaces, and the
pretrained embeddings bring synonyms the training data never showed. Each block is
L2-normalised so ``embedding_weight`` is the one knob that balances them.

Why the state is vocabulary + idf: a fitted ``TfidfVectorizer`` can be rebuilt exactly from
its term list and idf vector, both plain data, so a model folder never needs pickle.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from tandemdesk.understand.base import ComponentState
from tandemdesk.understand.embeddings import get_embedder
from tandemdesk.understand.errors import ArtifactError
from tandemdesk.understand.tfidf import TfidfPart, TfidfRows

_BLOCKS = ("word", "char")
_WORD_TOKENS = r"(?u)\b\w+\b"  # single-letter words matter in support ("i", "2"): keep them


def _vectorizer(
    block: str,
    ngrams: Sequence[int],
    max_features: int | None,
    min_df: int,
    vocabulary: list[str] | None = None,
) -> TfidfVectorizer:
    common: dict[str, Any] = {
        "ngram_range": (int(ngrams[0]), int(ngrams[1])),
        "sublinear_tf": True,
        "dtype": np.float32,
        "lowercase": True,
        "strip_accents": None,
    }
    if vocabulary is not None:
        common["vocabulary"] = {term: i for i, term in enumerate(vocabulary)}
    else:
        common.update(max_features=max_features, min_df=min_df)
    if block == "word":
        common["token_pattern"] = _WORD_TOKENS
        return TfidfVectorizer(analyzer="word", **common)
    return TfidfVectorizer(analyzer="char_wb", **common)


def _join(parts: Sequence[TfidfPart], n: int) -> sparse.csr_matrix:
    """CSR matrix of the blocks side by side: each row holds block 1's entries, then 2's …

    Exactly ``sparse.hstack`` of the blocks (same entries in the same order, so products
    with it are bit-identical), written out with numpy to avoid its per-call overhead.
    """
    offsets = np.cumsum([0] + [width for *_, width in parts])
    size = sum(len(part[0]) for part in parts)
    index_dtype = np.int32 if max(size, offsets[-1]) < np.iinfo(np.int32).max else np.int64
    if n == 1:  # one message (the latency path): the row is the blocks one after another
        shifted = [part[0] + offset for part, offset in zip(parts, offsets[:-1], strict=True)]
        data = np.concatenate([part[1] for part in parts]).astype(np.float32, copy=False)
        return sparse.csr_matrix(
            (data, np.concatenate(shifted).astype(index_dtype), np.array([0, size], index_dtype)),
            shape=(1, int(offsets[-1])),
        )
    per_row = np.zeros(n, dtype=np.int64)
    for _, _, counts, _ in parts:
        per_row += counts
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(per_row, out=indptr[1:])
    indices = np.empty(size, dtype=index_dtype)
    data = np.empty(size, dtype=np.float32)
    before = indptr[:-1].copy()  # where the next block's entries of each row go
    offset = 0
    for columns, values, counts, width in parts:
        start = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(counts, out=start[1:])
        rows = np.repeat(np.arange(n), counts)
        target = before[rows] + (np.arange(len(columns)) - start[rows])
        indices[target] = columns + offset
        data[target] = values
        before += counts
        offset += width
    return sparse.csr_matrix(
        (data, indices, indptr.astype(index_dtype)),
        shape=(n, offset),
    )


class TextFeatures:
    """Fit/transform the feature blocks; ``get_state``/``from_state`` for safe persistence.

    ``embeddings`` names a frozen embedder (``none``, ``wordllama``, ``minilm``); it is loaded
    from installed packages on first use. ``dense`` passed to ``transform`` lets a caller
    that already embedded the texts (cross-validation) reuse them.
    """

    def __init__(
        self,
        word_ngrams: Sequence[int] = (1, 2),
        char_ngrams: Sequence[int] = (2, 5),
        embeddings: str = "wordllama",
        embedding_weight: float = 1.5,
        max_features: int = 200_000,
    ) -> None:
        self.word_ngrams = tuple(word_ngrams)
        self.char_ngrams = tuple(char_ngrams)
        self.embeddings = embeddings
        self.embedding_weight = float(embedding_weight)
        self.max_features = int(max_features)
        self._vectorizers: dict[str, TfidfVectorizer] = {}
        self._fast: dict[str, TfidfRows] = {}

    @property
    def n_features(self) -> int:
        n = sum(len(v.vocabulary_) for v in self._vectorizers.values())
        embedder = get_embedder(self.embeddings)
        return n + (embedder.dim if embedder is not None else 0)

    def embed(self, texts: Sequence[str]) -> np.ndarray | None:
        """The dense block (unit rows × weight), or ``None`` without embeddings."""
        embedder = get_embedder(self.embeddings)
        if embedder is None:
            return None
        return embedder.embed(texts) * np.float32(self.embedding_weight)

    def fit(self, texts: Sequence[str]) -> TextFeatures:
        # min_df=2 keeps one-off n-grams (typos, ids) out of the vocabulary on real data;
        # tiny data sets would lose most of their words, so they keep everything.
        min_df = 2 if len(texts) >= 500 else 1
        limits = {
            "word": self.max_features // 4,
            "char": self.max_features - self.max_features // 4,
        }
        grams = {"word": self.word_ngrams, "char": self.char_ngrams}
        self._vectorizers = {}
        for block in _BLOCKS:
            vec = _vectorizer(block, grams[block], limits[block], min_df if block == "char" else 1)
            try:
                vec.fit(texts)
            except ValueError:  # no token at all (emoji-only data): fall back to single chars
                vec = _vectorizer(block, (1, 1), limits[block], 1)
                vec.set_params(analyzer="char", token_pattern=None)
                vec.fit([t or " " for t in texts])
            self._vectorizers[block] = vec
        self._compile()
        return self

    def _compile(self) -> None:
        """Keep each block's fast ``transform`` (``tfidf.TfidfRows``)."""
        self._fast = {block: TfidfRows(vec) for block, vec in self._vectorizers.items()}

    def transform(self, texts: Sequence[str], dense: np.ndarray | None = None) -> sparse.csr_matrix:
        """Word block, character block and (when used) the dense block, side by side.

        The same matrix ``sparse.hstack`` of the three blocks gave, built in one step: the
        per-block matrices and the stacking were most of a single message's time.
        """
        parts = [self._fast[b].parts(texts) for b in _BLOCKS]
        if dense is None:
            dense = self.embed(texts)
        if dense is not None:
            dense = np.asarray(dense, dtype=np.float32)
            rows, columns = np.nonzero(dense)  # a sparse matrix keeps no zeros
            counts = np.bincount(rows, minlength=len(texts))
            parts.append((columns, dense[rows, columns], counts, dense.shape[1]))
        return _join(parts, len(texts))

    # ---- persistence: vocabularies as JSON, idf vectors as arrays
    def get_state(self, prefix: str = "features") -> ComponentState:
        state = ComponentState()
        for block, vec in self._vectorizers.items():
            terms = sorted(vec.vocabulary_, key=vec.vocabulary_.__getitem__)
            state.meta[f"{prefix}.{block}.vocabulary"] = terms
            state.meta[f"{prefix}.{block}.analyzer"] = vec.analyzer
            state.meta[f"{prefix}.{block}.ngram_range"] = list(vec.ngram_range)
            state.arrays[f"{prefix}.{block}.idf"] = vec.idf_.astype(np.float64)
        embedder = get_embedder(self.embeddings)
        state.meta[f"{prefix}.embedding_dim"] = embedder.dim if embedder is not None else 0
        return state

    def set_state(self, state: ComponentState, prefix: str = "features") -> None:
        self._vectorizers = {}
        for block in _BLOCKS:
            terms = state.meta[f"{prefix}.{block}.vocabulary"]
            idf = state.arrays[f"{prefix}.{block}.idf"]
            if len(terms) != len(idf) or len(set(terms)) != len(terms):
                raise ArtifactError(f"{block} vocabulary and idf do not match")
            vec = _vectorizer(block, state.meta[f"{prefix}.{block}.ngram_range"], None, 1, terms)
            analyzer = state.meta[f"{prefix}.{block}.analyzer"]
            vec.set_params(analyzer=analyzer)
            if analyzer != "word":
                vec.set_params(token_pattern=None)
            vec.idf_ = idf
            self._vectorizers[block] = vec
        self._compile()
        embedder = get_embedder(self.embeddings)
        dim = embedder.dim if embedder is not None else 0
        if dim != state.meta[f"{prefix}.embedding_dim"]:
            raise ArtifactError(
                f"model expects {self.embeddings} vectors of size "
                f"{state.meta[f'{prefix}.embedding_dim']}, the installed embedder gives {dim}"
            )
