"""The n-grams ``TextFeatures`` counts, computed fast and shared between models and batches.

Why this module: the pipeline featurises the same message three times (intent, emotion and
abuse all use TF-IDF word 1–2-grams and ``char_wb`` 2–5-grams with identical settings), and
scikit-learn's analyzer is a pure-Python loop that was the largest single cost of a batch.
Three things make it cheaper without changing a single feature value:

1. ``char_wb`` n-grams are built per *word* and a word's n-grams are reused (support text
   repeats its words), with slices instead of scikit-learn's append loop. The output is the
   same list in the same order — ``tests/understand/test_speed_equivalence.py`` checks it
   against scikit-learn's own analyzer. N-grams are numbered (``NgramTable``) so a text's counts
   are two small arrays, and a model maps each distinct n-gram to its column only once.
2. The numbering lasts across batches (one ``NgramTable`` per analyzer configuration for the
   process): looking an n-gram up in a model's 150,000-term vocabulary cost more than the
   rest of featurising it, and support messages reuse the same words day after day, so after
   the first messages a word's n-gram ids and their columns are array lookups. The table is
   a pure function of the text (nothing in it can go stale) and is started afresh past
   ``MAX_GRAMS`` / ``MAX_WORDS``, so memory stays bounded; a lock keeps it consistent when
   several threads understand at once.
3. Inside ``with shared_analysis():`` each text's counts are kept per analyzer
   configuration, so the second and third model to see a text only look its n-grams up in
   their own vocabulary. That cache lives for the ``with`` block only (the pipeline opens one
   per chunk of messages).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from itertools import repeat
from threading import Lock
from typing import Any

import numpy as np

Grams = Callable[[str], list[str]]
MAX_GRAMS = 400_000  # ~60 MB of n-grams before the lasting table starts afresh
MAX_WORDS = 100_000


class NgramTable:
    """One analyzer configuration's n-grams in a batch: each gets a small integer id.

    Why ids: a text's n-gram counts become two small arrays once, and each model then maps
    every *distinct* n-gram of the batch to its vocabulary column once (``columns``),
    instead of looking up every n-gram of every text again.
    """

    __slots__ = ("grams", "lock", "table", "words")

    def __init__(self) -> None:
        self.table: dict[str, int] = {}
        self.grams: list[str] = []
        self.words: dict[str, list[int]] = {}
        self.lock = Lock()

    @property
    def full(self) -> bool:
        return len(self.grams) > MAX_GRAMS or len(self.words) > MAX_WORDS

    def ids(self, grams: list[str]) -> list[int]:
        """The ids of ``grams`` (new ones numbered in order of appearance)."""
        table = self.table
        new = [gram for gram in dict.fromkeys(grams) if gram not in table]
        if new:
            table.update(zip(new, range(len(self.grams), len(self.grams) + len(new)), strict=True))
            self.grams += new
        return list(map(table.__getitem__, grams))

    def counted(self, grams: list[str]) -> tuple[list[int], Iterable[int]]:
        """The ids of ``grams``' distinct n-grams in order of first occurrence, and their
        counts: ``Counter(self.ids(grams))``, counting the strings first so that only
        distinct n-grams are numbered and looked up (the word block's n-grams are mostly
        distinct, so this is one lookup per n-gram instead of three)."""
        found = Counter(grams)
        table = self.table
        new = [gram for gram in found if gram not in table]
        if new:
            table.update(zip(new, range(len(self.grams), len(self.grams) + len(new)), strict=True))
            self.grams += new
        return list(map(table.__getitem__, found)), found.values()

    def columns_for(self, vocabulary: dict[str, int], known: np.ndarray) -> np.ndarray:
        """Per n-gram id, its column in ``vocabulary`` (-1 when absent): ``known`` (what the
        caller kept from earlier calls on this table) extended to every id numbered since.
        The caller keeps the result (``tfidf.TfidfRows``, next to its vocabulary)."""
        with self.lock:
            if len(known) < len(self.grams):
                new = self.grams[len(known) :]
                lookup = np.fromiter(map(vocabulary.get, new, repeat(-1)), np.int32, len(new))
                known = np.concatenate([known, lookup])
            return known


# analyzer key → its lasting n-gram table (replaced by a fresh one once full)
_LASTING: dict[Hashable, NgramTable] = {}
_LASTING_LOCK = Lock()


def _lasting(key: Hashable) -> NgramTable:
    with _LASTING_LOCK:
        seen = _LASTING.get(key)
        if seen is None or seen.full:
            seen = _LASTING[key] = NgramTable()
        return seen


_Counts = tuple[np.ndarray, np.ndarray]  # a text's n-gram ids and their counts


class _Block:
    """One ``shared_analysis`` block: the tables it started with and each text's counts.

    The block keeps the table it first used, so a table started afresh meanwhile (by
    another thread) cannot mix two numberings within one batch.
    """

    __slots__ = ("other", "seen", "texts")

    def __init__(self) -> None:
        self.seen: dict[Hashable, NgramTable] = {}
        self.texts: dict[Hashable, dict[str, _Counts]] = {}
        self.other: dict[Hashable, dict[Any, Any]] = {}  # ``block_cache``


_SHARED: ContextVar[_Block | None] = ContextVar("tandemdesk_ngrams", default=None)


@contextmanager
def shared_analysis() -> Iterator[None]:
    """Share n-gram counts between feature extractors with the same settings in this block.

    Nested blocks reuse the outer cache; leaving the outermost block frees it.
    """
    if _SHARED.get() is not None:
        yield
        return
    token = _SHARED.set(_Block())
    try:
        yield
    finally:
        _SHARED.reset(token)


def block_cache(key: Hashable) -> dict[Any, Any] | None:
    """A dict that lives as long as the current ``shared_analysis`` block (None outside one),
    for other per-text work the pipeline's components would each repeat
    (``prefilter.SharedScan``). What it holds must be a pure function of ``key`` and the
    text it is filed under: then nothing in it can go stale, and it is freed with the block."""
    block = _SHARED.get()
    return None if block is None else block.other.setdefault(key, {})


def _word_grams(tokens: list[str], low: int, high: int) -> list[str]:
    """scikit-learn's ``_word_ngrams`` without stop words: the tokens (when ``low`` is 1),
    then every 2-gram, every 3-gram … up to ``high``, each in text order, joined by a space.
    ``map``/``zip`` instead of its slice-and-join loop: the same strings, a third of the time."""
    grams = list(tokens) if low == 1 else []
    for n in range(max(low, 2), min(high, len(tokens)) + 1):
        grams += map(" ".join, zip(*(tokens[i:] for i in range(n)), strict=False))  # shorter tails
    return grams


def _char_wb_grams(word: str, low: int, high: int) -> list[str]:
    """scikit-learn's ``_char_wb_ngrams`` for one word: padded with spaces, short words once."""
    padded = f" {word} "
    size = len(padded)
    grams: list[str] = []
    for n in range(low, high + 1):
        if n >= size:  # the whole padded word, once, and no longer n-grams
            grams.append(padded)
            break
        grams += [padded[i : i + n] for i in range(size - n + 1)]
    return grams


class NgramCounter:
    """Counts one feature block's n-grams per text, as the fitted vectorizer would.

    ``params`` are the vectorizer's ``get_params()``; ``fallback`` its ``build_analyzer()``,
    used for any setting the fast path does not reproduce exactly (e.g. the single-character
    analyzer of emoji-only training data).
    """

    def __init__(self, params: dict[str, Any], fallback: Grams) -> None:
        low, high = (int(n) for n in params["ngram_range"])
        standard = (
            params.get("input", "content") == "content"
            and params.get("preprocessor") is None
            and params.get("tokenizer") is None
            and params.get("strip_accents") is None
            and params.get("stop_words") is None
            and bool(params.get("lowercase", True))
        )
        self._low, self._high = low, high
        self._analyzer = fallback
        self._char_wb = standard and params.get("analyzer") == "char_wb" and 1 <= low <= high
        # the word analyzer's tokens (lower case, then ``token_pattern``), when it is standard
        self._tokens: Callable[[str], list[str]] | None = None
        pattern = params.get("token_pattern")
        if standard and params.get("analyzer") == "word" and 1 <= low <= high and pattern:
            compiled = re.compile(pattern)
            if compiled.groups <= 1:  # scikit-learn refuses more; one group: ``findall``'s
                self._tokens = compiled.findall
        # Only an analyzer that is a pure function of these settings may share counts.
        self.key: Hashable | None = None
        if self._char_wb:
            self.key = ("char_wb", low, high)
        elif standard and params.get("analyzer") == "word":
            self.key = ("word", low, high, params.get("token_pattern"))

    def _counted(self, text: str, seen: NgramTable) -> tuple[list[int], Iterable[int]]:
        """The text's distinct n-gram ids in order of first occurrence in scikit-learn's
        analyzer order, and their counts (``seen.lock`` held)."""
        if self._char_wb:
            counted = Counter(self._ids(text, seen))
            return list(counted), counted.values()
        if self._tokens is not None:
            return seen.counted(_word_grams(self._tokens(text.lower()), self._low, self._high))
        return seen.counted(self._analyzer(text))

    def _ids(self, text: str, seen: NgramTable) -> list[int]:
        """The text's ``char_wb`` n-gram ids in scikit-learn's analyzer order."""
        ids: list[int] = []
        words = seen.words
        for word in text.lower().split():
            found = words.get(word)
            if found is None:
                found = words[word] = seen.ids(_char_wb_grams(word, self._low, self._high))
            ids += found
        return ids

    def _seen(self, block: _Block | None) -> tuple[NgramTable, dict[str, _Counts] | None]:
        """The n-gram table to number with, and the block's per-text cache (if shared)."""
        if self.key is None:  # an analyzer of its own: numbered afresh, nothing kept
            return NgramTable(), None
        if block is None:
            return _lasting(self.key), None
        seen = block.seen.get(self.key)
        if seen is None:
            seen = block.seen[self.key] = _lasting(self.key)
        return seen, block.texts.setdefault(self.key, {})

    def encode(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray, NgramTable]:
        """N-gram ids and counts of all texts, concatenated, with each text's length.

        Within a text, ids are in order of first occurrence (as ``Counter`` keeps them), so
        the feature matrix built from them has the same column order as before.
        """
        seen, cache = self._seen(_SHARED.get())
        ids: list[np.ndarray] = []
        counts: list[np.ndarray] = []
        for text in texts:
            found = None if cache is None else cache.get(text)
            if found is None:
                with seen.lock:
                    keys, values = self._counted(text, seen)
                size = len(keys)
                found = (
                    np.fromiter(keys, np.int32, size),
                    np.fromiter(values, np.float32, size),
                )
                if cache is not None:
                    cache[text] = found
            ids.append(found[0])
            counts.append(found[1])
        lengths = np.fromiter(map(len, ids), np.int64, len(ids))
        empty = [np.empty(0, np.int32)]
        return (
            np.concatenate(ids or empty),
            np.concatenate(counts or empty).astype(np.float32, copy=False),
            lengths,
            seen,
        )
