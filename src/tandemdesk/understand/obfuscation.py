"""Undo the disguises people put on abusive words: f***, b*tch, a$$hole, 1d10t, i.d.i.o.t.

Why: a customer who writes "you f***ing 1d10t" or "i d i o t" means exactly the plain word,
and neither a lexicon nor a model trained on plain spellings sees it. Zero-width characters
and Cyrillic look-alikes hide words from exact matching the same way, and "imbecil" without
its accent is still "imbécil".

How, without touching ordinary text: only a token that *could* be a disguise (a letter next
to ``* $ @ ! # | 0-9``, a letter repeated three times, single letters joined by spaces, dots
or dashes) is looked at, and it is replaced only when it then spells a word of
``DISGUISED_WORDS`` — "a1234" or "4G" stay what they are. ``*`` and ``#`` stand for any one
letter, so a masked word is replaced by the first listed word of its length that fits
(milder words first: "c**p" is "crap"); a run of three or more, which people miscount, may
stand for one fewer to two more letters. Accents and look-alikes are folded character by
character (same length), so spans found in the revealed text map back to the original.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Words worth revealing: swearing and insults in en/de/fr/es, accent-free, milder first
# where a mask is ambiguous. Nothing here is a verdict: the lexicon and model still decide.
DISGUISED_WORDS: tuple[str, ...] = (
    # en
    "crap", "damn", "shit", "shitty", "shite", "fuck", "fucks", "fucking", "fuckin",
    "fucked", "fucker", "fuckers", "motherfucker", "bullshit", "piss", "pissed", "ass",
    "arse", "asses", "asshole", "assholes", "arsehole", "dumbass", "jackass", "bitch",
    "bitches", "bastard", "bastards", "idiot", "idiots", "idiotic", "moron", "morons",
    "moronic", "stupid", "dumb", "retard", "retarded", "imbecile", "cretin", "loser",
    "losers", "useless", "incompetent", "pathetic", "dick", "dickhead", "prick", "twat",
    "wanker", "cunt", "cunts", "whore", "slut", "scum", "clown", "clowns", "stfu", "wtf",
    # de
    "scheisse", "scheiss", "scheisskerl", "kacke", "arsch", "arschloch",
    "arschlocher", "idioten", "vollidiot", "depp", "trottel", "wichser", "fotze",
    "schlampe", "hurensohn", "missgeburt", "dumm", "bloed", "blod", "penner", "spast",
    "spasti", "versager",
    # fr
    "merde", "putain", "bordel", "con", "cons", "conne", "connard", "connards", "connasse",
    "salope", "pute", "encule", "encules", "enfoire", "abruti", "abrutis", "debile",
    "imbecile", "cretins", "nul", "nuls", "bouffon", "batard",
    # es
    "mierda", "joder", "jodete", "jodan", "joda", "jodas", "jodido", "puta", "puto", "putas",
    "putos", "coño",
    "cono", "hostia", "idiota", "idiotas", "imbecil", "imbeciles", "gilipollas",
    "pendejo", "pendeja", "pendejos", "estupido", "estupida", "inutil", "inutiles",
    "cabron", "cabrona", "capullo", "subnormal", "tonto", "tonta", "zorra", "mamon",
    "imbecil", "inepto", "payaso",
)  # fmt: skip

# Characters that stand for a letter ("leet"), and masks that stand for any letter.
_LEET: dict[str, str] = {
    "0": "o", "1": "il", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "9": "g",
    "$": "s", "@": "a", "!": "il", "|": "il", "€": "e", "+": "t",
}  # fmt: skip
_MASKS = "*#%"
_INVISIBLE = "\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff"
# Letters other scripts lend to disguise Latin ones (Cyrillic and Greek look-alikes).
_LOOKALIKES = {
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i",
    "ј": "j", "ѕ": "s", "к": "k", "м": "m", "т": "t", "н": "h", "в": "b", "ο": "o",
    "α": "a", "ι": "i", "ν": "v", "κ": "k", "τ": "t", "ρ": "p",
}  # fmt: skip

_DISGUISE_CHARS = re.escape("".join(_LEET) + _MASKS)
# A text needs a closer look only if one of these can be found (the common case: no).
_SUSPECT = re.compile(
    rf"[a-z][{_DISGUISE_CHARS}]|[{_DISGUISE_CHARS}][a-z]|([a-z])\1\1"
    r"|(?<![\w])[a-z][ .\-_][a-z][ .\-_][a-z](?![\w])",
    re.IGNORECASE,
)
_TOKEN = re.compile(rf"[\w{_DISGUISE_CHARS}]+")
_SPACED = re.compile(r"(?<![\w])[^\W\d_](?:[ .\-_][^\W\d_]){2,}(?![\w])")
_REPEAT = re.compile(r"([^\W\d_])\1{2,}")


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    """Accented Latin letters → their base letter, look-alikes → Latin: one char for one."""
    table: dict[int, str] = {}
    for code in range(0x00C0, 0x0250):
        ch = chr(code)
        base = unicodedata.normalize("NFD", ch)[0]
        if base != ch and base.isascii() and base.isalpha():
            table[code] = base
    for ch, latin in _LOOKALIKES.items():
        table[ord(ch)] = latin
        table[ord(ch.upper())] = latin.upper()
    return table


def fold(text: str) -> str:
    """Accents and look-alike letters folded, one character for one ("inútil" → "inutil")."""
    return text if text.isascii() else text.translate(_fold_table())


@lru_cache(maxsize=1)
def _by_length() -> dict[int, tuple[str, ...]]:
    grouped: dict[int, list[str]] = {}
    for word in dict.fromkeys(DISGUISED_WORDS):
        grouped.setdefault(len(word), []).append(word)
    return {n: tuple(words) for n, words in grouped.items()}


def _pattern(token: str) -> re.Pattern[str]:
    """A disguised token as a regex over plain words: masks any letter, leet its letters."""
    parts = []
    for c in token:
        if c in _MASKS:
            parts.append("[a-z]")
        elif c in _LEET:
            parts.append(f"[{_LEET[c]}]")
        else:
            parts.append(re.escape(c))
    return re.compile("".join(parts))


@lru_cache(maxsize=4096)
def _plain_word(token: str) -> str | None:
    """The listed word a disguised token spells, or None (``token`` is lower-case)."""
    if token in _WORDS:
        return None  # already plain
    candidates = dict.fromkeys((token, _REPEAT.sub(r"\1", token), _REPEAT.sub(r"\1\1", token)))
    if not any(c in _LEET or c in _MASKS for c in token):
        return next((c for c in candidates if c in _WORDS), None)
    letters = sum(c.isalpha() for c in token)
    if letters < 2 and any(c.isdigit() for c in token):
        return None  # "a55", "x10": codes, not words
    if letters < 1:
        return None  # "****": could be any word
    for candidate in candidates:
        pattern = _pattern(candidate)
        for word in _by_length().get(len(candidate), ()):
            if pattern.fullmatch(word):
                return word
    return _miscounted(token)


_LONG_MASK = re.compile(rf"[{re.escape(_MASKS)}]{{3,}}")


def _miscounted(token: str) -> str | None:
    """The listed word a long mask spells when its stars were miscounted ("g*******s", nine
    characters, for the ten of "gilipollas"): a run of three or more masks stands for one
    fewer to two more letters, and the word closest in length wins (then the milder)."""
    runs = list(_LONG_MASK.finditer(token))
    if not runs:
        return None
    parts, at = [], 0
    for run in runs:
        parts.append(_pattern(token[at : run.start()]).pattern)
        n = run.end() - run.start()
        parts.append(f"[a-z]{{{n - 1},{n + 2}}}")
        at = run.end()
    parts.append(_pattern(token[at:]).pattern)
    pattern = re.compile("".join(parts))
    fits = [w for w in dict.fromkeys(DISGUISED_WORDS) if pattern.fullmatch(w)]
    return min(fits, key=lambda w: abs(len(w) - len(token)), default=None)


_WORDS = frozenset(DISGUISED_WORDS)


@dataclass(frozen=True, slots=True)
class Revealed:
    """The revealed text, and for each of its characters the original's index (None: same)."""

    text: str
    origin: tuple[int, ...] | None = None

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original text's span of ``text[start:end]``."""
        if self.origin is None:
            return start, end
        return self.origin[start], self.origin[max(start, end - 1)] + 1


def reveal(text: str) -> Revealed:
    """``text`` with disguised words spelled out, invisible characters gone, accents folded.

    Cheap when nothing is disguised (one regex search), which is nearly every message.
    """
    folded = fold(text)
    if folded.isascii() and not _SUSPECT.search(folded):
        return Revealed(folded)
    keep = [i for i, c in enumerate(folded) if c not in _INVISIBLE]
    visible = "".join(folded[i] for i in keep)
    edits: list[tuple[int, int, str]] = []
    for m in _SPACED.finditer(visible):
        joined = re.sub(r"[ .\-_]", "", m.group()).lower()
        if joined in _WORDS:
            edits.append((m.start(), m.end(), joined))
    taken = {i for s, e, _ in edits for i in range(s, e)}
    for m in _TOKEN.finditer(visible):
        start, end = m.start(), m.end()
        while end > start and visible[end - 1] in "!|":  # "idiot!" ends a sentence
            end -= 1
        if start in taken or end - start < 3:
            continue
        word = _plain_word(visible[start:end].lower())
        if word is not None:
            edits.append((start, end, word))
    if not edits and len(keep) == len(folded):
        return Revealed(folded)
    pieces: list[str] = []
    origin: list[int] = []
    at = 0
    for start, end, word in sorted(edits):
        pieces.append(visible[at:start])
        origin += keep[at:start]
        pieces.append(word)
        # each revealed letter points into the disguised span, the last one at its end
        width = end - start
        origin += [keep[start + min(k * width // len(word), width - 1)] for k in range(len(word))]
        origin[-1] = keep[end - 1]
        at = end
    pieces.append(visible[at:])
    origin += keep[at:]
    return Revealed("".join(pieces), tuple(origin))
