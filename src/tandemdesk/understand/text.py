"""Make any text safe to featurise: bounded length, no control bytes, valid Unicode.

Why here and not in each component: a 1 MB pasted log, binary garbage decoded with
replacement characters, lone surrogates from a broken export or a NUL byte must give every
component the same well-formed, bounded input. Truncation keeps the head *and* the tail,
because customers often put the question at the end of a long quoted thread.
"""

from __future__ import annotations

import re
import unicodedata

DEFAULT_MAX_CHARS = 4_000
"""Longest text a component featurises. Longer texts keep head and tail (3/4 + 1/4)."""

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]+")
_SPACE = re.compile(r"\s+")


def _is_clean(text: str, max_chars: int) -> bool:
    """True when ``prepare_text`` would return ``text`` unchanged: the common case, ~10× faster.

    Every component prepares every message, so this ran ~10 times per message. The checks
    mirror the steps below: printable means no control bytes, no lone surrogates and no
    whitespace but the plain space (which ``\\s`` and ``str.isprintable`` agree on).
    """
    return (
        len(text) <= max_chars
        and text.isprintable()
        and "\ufffd" not in text
        and "  " not in text
        and text[:1] != " "
        and text[-1:] != " "
        and unicodedata.is_normalized("NFC", text)
    )


def prepare_text(text: object, max_chars: int = DEFAULT_MAX_CHARS) -> str:
    """NFC-normalise, drop control characters, collapse whitespace, bound the length.

    Non-strings (``None``, numbers from a spreadsheet) become their ``str``; lone
    surrogates are replaced rather than crashing an encoder later.
    """
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    if _is_clean(text, max_chars):
        return text
    if len(text) > max_chars * 4:  # cut before the linear-time passes below
        text = text[: max_chars * 3] + " " + text[-max_chars:]
    text = text.encode("utf-8", "replace").decode("utf-8", "replace")
    text = unicodedata.normalize("NFC", text)
    text = _SPACE.sub(" ", _CONTROL.sub(" ", text)).strip()
    if len(text) > max_chars:
        head = (max_chars * 3) // 4
        text = text[:head] + " " + text[len(text) - (max_chars - head - 1) :]
    return text


def is_blank(text: object) -> bool:
    """True for texts with nothing to understand (empty, whitespace, control bytes only).

    That is ``not prepare_text(text, 64)``, which runs its slow path for every text over 64
    characters (1.3 us; the pipeline asks twice per message). Shortcut, exact: a printable
    text of at most 256 characters (not cut before cleaning) with a character other than a
    space or U+FFFD keeps that character through every step, and ``prepare_text``'s cut
    keeps its first and last (stripped) characters, so it is not blank.
    """
    if isinstance(text, str) and len(text) <= 256 and text.isprintable() and text.strip(" \ufffd"):
        return False
    return not prepare_text(text, max_chars=64)
