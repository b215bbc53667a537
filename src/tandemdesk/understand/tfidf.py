"""A fitted ``TfidfVectorizer``'s ``transform``, without its per-call overhead.

Why: scikit-learn validates its input and builds a matrix per block on every call, about
1 ms each — most of a single message's budget, paid once per feature block by the intent,
emotion and abuse models and twice per knowledge-base lookup. ``TfidfRows`` computes the same
numbers (counts from ``ngrams.NgramCounter``, then TF × IDF and L2-normalised rows) with a
few numpy operations over the whole batch.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from tandemdesk.understand.ngrams import NgramCounter, NgramTable

# one block of n rows: column per entry, value per entry, entries per row, width
TfidfPart = tuple[np.ndarray, np.ndarray, np.ndarray, int]


class TfidfRows:
    """What ``vectorizer.transform`` returns, for the settings tandemdesk fits with.

    Supports L2 or no normalisation, with or without sublinear TF and IDF; any other
    setting is refused at construction rather than computed differently.
    """

    def __init__(self, vectorizer: TfidfVectorizer, dtype: type = np.float32) -> None:
        params = vectorizer.get_params()
        if params["norm"] not in ("l2", None) or params.get("binary"):
            raise ValueError(f"TfidfRows does not reproduce norm={params['norm']!r} / binary")
        self.counter = NgramCounter(params, vectorizer.build_analyzer())
        self.vocabulary: dict[str, int] = vectorizer.vocabulary_
        self.idf = vectorizer.idf_.astype(dtype) if params["use_idf"] else None
        self.sublinear = bool(params["sublinear_tf"])
        self.normalise = params["norm"] == "l2"
        self.dtype = dtype
        # the columns of the n-gram table last used, kept with the vocabulary they index
        self._columns: tuple[NgramTable | None, np.ndarray] = (None, np.empty(0, np.int32))

    def _columns_of(self, table: NgramTable) -> np.ndarray:
        kept, known = self._columns
        if kept is not table:  # a table started afresh (or one of its own): from scratch
            known = np.empty(0, np.int32)
        known = table.columns_for(self.vocabulary, known)
        self._columns = (table, known)
        return known

    def parts(self, texts: Sequence[str]) -> TfidfPart:
        """The rows as flat arrays, entries of a row in the order scikit-learn keeps them.

        The n-gram → column lookup runs over the whole batch at once (``ngrams`` + numpy)
        rather than per text: the same result without a loop per n-gram.
        """
        ids, tf, lengths, table = self.counter.encode(texts)
        n = len(texts)
        columns = self._columns_of(table)[ids]
        rows = np.repeat(np.arange(n), lengths)
        known = columns >= 0
        columns, tf, rows = columns[known], tf[known].astype(self.dtype, copy=False), rows[known]
        weights = 1.0 + np.log(tf) if self.sublinear else tf
        if self.idf is not None:
            weights = weights * self.idf[columns]
        if self.normalise:
            norms = np.sqrt(np.bincount(rows, weights=weights * weights, minlength=n))
            weights /= np.maximum(norms[rows], 1e-12).astype(self.dtype)
        return columns, weights, np.bincount(rows, minlength=n), len(self.vocabulary)

    def matrix(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """The rows as a CSR matrix, one per text."""
        columns, weights, counts, width = self.parts(texts)
        indptr = np.zeros(len(texts) + 1, dtype=np.int64)
        np.cumsum(counts, out=indptr[1:])
        return sparse.csr_matrix((weights, columns, indptr), shape=(len(texts), width))
