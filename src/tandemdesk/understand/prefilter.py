"""A cheap, exact "could any of these lexicon patterns match?" test, to skip full scans.

Why: urgency rules, abuse lexicons and distress cues are long case-insensitive alternations
of words. Python's ``re`` tries every alternative at every word boundary, and with
``IGNORECASE`` it cannot skip alternatives by their first letter, so scanning one message
with the urgency rules alone cost ~80 µs — although most messages match nothing.

How: every match of a pattern must contain one of a few literal strings (a "required
literal" set, read from the pattern's parse tree: e.g. ``\\b(?:fire|smoke)\\w*`` needs
"fire" or "smoke"). All the sets go into one case-sensitive trie regex that ``re`` scans in a
few µs over the lower-cased text. If it finds nothing, no pattern can match, and callers
skip their scan; when it finds something they scan exactly as before, so results never
change.

Text in any script is filtered, after ``fold_case``: ``re``'s case-insensitive matching
equates two characters when their simple lower cases are equal or are one of its few extra
pairs (``re._casefix``: ``ſ`` ~ ``s``, ``ς`` ~ ``σ``, ``µ`` ~ ``μ``), so folding the text and
the literals to one member of each such class keeps the test sound — a pattern that matches
the text leaves its literal, folded, in the folded text. (Until this was written, any text
with one non-ASCII character — every "é", "ü", "ñ", emoji or curly apostrophe — scanned every
pattern: a German, French or Spanish message cost three times an English one.) A pattern
whose structure is not understood, or a Python without ``re``'s private case tables, is
always scanned.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Sequence
from functools import cached_property, lru_cache
from threading import Lock
from typing import Any

from tandemdesk.understand.ngrams import block_cache

_sre: Any
_sre_parse: Any
_tolower: Any
_extra_cases: dict[int, tuple[int, ...]]
try:  # the standard parser ``re`` itself uses; its layout is private, hence the fallback
    _sre = importlib.import_module("re._constants")
    _sre_parse = importlib.import_module("re._parser")
except ImportError:  # pragma: no cover - another Python: no filter, always scan
    _sre = _sre_parse = None
try:  # how ``re`` compares characters case-insensitively (private too)
    _tolower = importlib.import_module("_sre").unicode_tolower
    _extra_cases = importlib.import_module("re._casefix")._EXTRA_CASES
except (ImportError, AttributeError):  # pragma: no cover - non-ASCII text is always scanned
    _tolower, _extra_cases = None, {}

Literals = frozenset[str]


@lru_cache(maxsize=1)
def _case_classes() -> tuple[dict[int, int], re.Pattern[str]]:
    """``re``'s extra case pairs as a ``str.translate`` table (each character → the lowest
    of its class: ``ſ`` → ``s``, ``σ`` → ``ς``), and a regex finding any of them."""
    classes: list[set[int]] = []
    for char, others in _extra_cases.items():
        members = {char, *others}
        for met in [c for c in classes if c & members]:  # a pair may join two classes
            classes.remove(met)
            members |= met
        classes.append(members)
    table = {char: min(c) for c in classes for char in c if char != min(c)}
    found = "".join(re.escape(chr(c)) for c in sorted(table))
    return table, re.compile(f"[{found}]" if found else "(?!)")


def fold_case(text: str) -> str | None:
    """``text`` with each character replaced by one member of its case class, so two
    characters ``re`` matches case-insensitively become the same character; the length is
    kept (a match's span is the same in both). ``None`` when this Python does not expose
    ``re``'s case tables and the text is not ASCII (then it cannot be filtered).

    ``str.lower`` is ``re``'s per-character lower case for every character but "İ", whose
    full lower case is two characters (``tests/understand/test_prefilter.py`` checks every
    code point); "Σ" lowers to "σ" or "ς" by position, one class either way.
    """
    lowered = text.lower()
    if text.isascii():
        return lowered  # the ASCII letters are the lowest of their classes
    if _tolower is None:
        return None
    if len(lowered) != len(text):
        lowered = "".join([chr(_tolower(ord(ch))) for ch in text])
    table, extra = _case_classes()
    return lowered.translate(table) if extra.search(lowered) else lowered


# Words so frequent in support messages that a pattern needing one of them is a candidate
# for most texts: a set holding one is chosen only when nothing else is required.
_FREQUENT = frozenset(
    (
        *("the", "and", "you", "your", "for", "that", "this", "with", "have", "not", "are"),
        *("was", "can", "get", "did", "done", "just", "from", "what", "when"),
        *("der", "die", "das", "und", "ich", "nicht", "mit", "ist", "noch"),
        *("les", "des", "que", "pour", "pas", "est", "une", "dans", "sur"),
        *("los", "las", "por", "una", "con", "para", "del"),
    )
)


def _best(candidates: list[Literals]) -> Literals | None:
    """The most selective set: none of its literals a frequent word (``_FREQUENT``) or
    shorter than three letters, then the longest shortest literal, then the fewest literals.

    Why the first: "did the reset" requires " the ", "did" and "reset"; by length alone
    " the " won, and the pattern ran on three texts in four (``tried_already``)."""
    if not candidates:
        return None
    return max(
        candidates,
        key=lambda s: (
            not any(len(w.strip()) < 3 or w.strip() in _FREQUENT for w in s),
            min(map(len, s)),
            -len(s),
        ),
    )


def _required(items: Sequence[tuple[Any, Any]]) -> Literals | None:
    """Literals one of which every match of this parsed sequence contains (None: unknown)."""
    candidates: list[Literals] = []
    run: list[str] = []
    for op, av in items:
        folded = fold_case(chr(av)) if op is _sre.LITERAL else None
        if folded is not None:  # (a non-ASCII literal without re's case tables bounds nothing)
            run.append(folded)
            continue
        if run:
            candidates.append(frozenset(["".join(run)]))
            run = []
        found: Literals | None = None
        if op is _sre.SUBPATTERN:
            found = _required(av[-1])
        elif op is _sre.ATOMIC_GROUP:
            found = _required(av)
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT) and av[0] >= 1:
            found = _required(av[2])
        elif op is _sre.IN and av and all(kind is _sre.LITERAL for kind, _ in av):
            folds = [fold_case(chr(v)) for _, v in av]  # "[🙃🙄]", and "a|b" parses so
            found = None if None in folds else frozenset(f for f in folds if f is not None)
        elif op is _sre.BRANCH:
            alternatives = [_required(alternative) for alternative in av[1]]
            if all(a is not None for a in alternatives):
                found = frozenset().union(*alternatives)  # type: ignore[arg-type]
        # anything else (classes, anchors, lookarounds, optional parts) requires nothing
        if found:
            candidates.append(found)
    if run:
        candidates.append(frozenset(["".join(run)]))
    return _best(candidates)


def required_literals(pattern: str, flags: int = 0) -> Literals | None:
    """The required-literal set of ``pattern`` (lower-cased), or ``None`` if there is none."""
    if _sre_parse is None:
        return None
    return _parsed_required(pattern, flags)


@lru_cache(maxsize=256)
def _parsed_required(pattern: str, flags: int) -> Literals | None:
    try:
        return _required(list(_sre_parse.parse(pattern, flags)))
    except Exception:  # an unexpected parse tree only disables the filter
        return None


def _trie(words: Iterable[str]) -> str:
    """A regex matching any of ``words``, as a trie so ``re`` can skip by each next letter."""
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        if "" in node:  # a shorter literal already matched: no need to read further
            return ""
        parts = [re.escape(ch) + build(child) for ch, child in sorted(node.items())]
        return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"

    return build(root)


Hits = tuple[tuple[int, str], ...]  # (position, shortest literal starting there)


class SharedScan:
    """One literal scan of a text for every index that joins this one, shared within a
    ``ngrams.shared_analysis`` block (the pipeline opens one per chunk of messages).

    Why: abuse, urgency, risk and the distress cues each scanned the same lower-cased
    message with a trie of their own literals, ~7 us each (BANKING77 test), most of what a
    rule component costs on a message that matches nothing. Their indexes join their
    literals to one trie here; the first to read a text scans it and keeps, per position
    where a literal starts, the shortest one there (``hits``); the others read those.

    Exact: a literal of an index that starts at a position starts with the shortest
    literal found there, so an index checks only its own literals that start with it
    (``_Starting``) and finds what its own trie would. The kept scans are a pure function of
    the text and the trie, filed under the trie (a literal joined later starts a new
    cache), and freed with the block, so they are bounded and never stale; outside a block
    (a component used alone) every index scans on its own, as before.
    """

    def __init__(self) -> None:
        self._literals: frozenset[str] = frozenset()
        self._finder: tuple[re.Pattern[str], object] | None = None  # the trie, its cache key
        self._lock = Lock()

    def join(self, literals: Iterable[str]) -> None:
        """Add an index's literals (once, when the index is first used)."""
        with self._lock:
            more = self._literals.union(literals)
            if more != self._literals:
                self._literals, self._finder = more, None

    def hits(self, lowered: str) -> Hits | None:
        """Where a joined literal starts in ``lowered``: (position, the shortest literal
        there); None outside a ``shared_analysis`` block, and for text that is not ASCII.

        Why ASCII only: a text with accents or curly quotes is folded differently by each
        reader (risk drops accents, abuse undoes disguised spellings), so they seldom read
        the same string, and a scan with the shared trie (1.5 times an index's own) then
        cost more than it saved (de/fr/es: +20 us a message). ASCII text is the same string
        to all four for 3,069 of BANKING77's 3,080 test messages."""
        if not lowered.isascii():
            return None
        finder = self._finder
        if finder is None:
            with self._lock:
                if self._finder is None:
                    trie = _trie(self._literals) if self._literals else "(?!)"
                    self._finder = (re.compile(f"(?=({trie}))"), object())
                finder = self._finder
        cache = block_cache(finder[1])  # keyed by an object, not the (large) pattern's hash
        if cache is None:
            return None
        found: Hits | None = cache.get(lowered)
        if found is None:
            found = tuple((m.start(), m.group(1)) for m in finder[0].finditer(lowered))
            cache[lowered] = found
        return found


# The lexicons every message is read with (abuse, urgency, risk, distress cues).
LEXICONS = SharedScan()


class _Starting:
    """An index's own literals by the shortest joined literal they start with (memoised:
    at most one entry per literal of the shared trie)."""

    def __init__(self, own: Iterable[str]) -> None:
        self.own = tuple(own)
        self.memo: dict[str, tuple[str, ...]] = {}

    def __call__(self, shortest: str) -> tuple[str, ...]:
        found = self.memo.get(shortest)
        if found is None:
            found = self.memo[shortest] = tuple(w for w in self.own if w.startswith(shortest))
        return found


class Prefilter:
    """``may_match(text)`` is False only when none of ``patterns`` can match ``text``.

    Built on first use: reading the patterns takes milliseconds that ``import`` (and every
    CLI start) should not pay.
    """

    def __init__(self, patterns: Iterable[str | re.Pattern[str]]) -> None:
        self._patterns = [
            (p, 0) if isinstance(p, str) else (p.pattern, int(p.flags)) for p in patterns
        ]

    @cached_property
    def _literals(self) -> frozenset[str] | None:
        """Every pattern's required literals; None when one has none (always scan)."""
        literals: set[str] = set()
        for pattern, flags in self._patterns:
            found = required_literals(pattern, flags)
            if not found:
                return None  # a pattern we cannot bound: always scan
            literals |= found
        return frozenset(literals) if literals else None

    @cached_property
    def _regex(self) -> re.Pattern[str] | None:
        return None if self._literals is None else re.compile(_trie(self._literals))

    @cached_property
    def _starting(self) -> _Starting:
        return _Starting(self._literals or ())

    @property
    def active(self) -> bool:
        """False when the patterns could not be bounded (``may_match`` is always True)."""
        return self._regex is not None

    def may_match(self, text: str) -> bool:
        if self._regex is None:
            return True
        folded = fold_case(text)
        return folded is None or self._regex.search(folded) is not None

    def _may_match_lowered(self, lowered: str) -> bool:
        return self._regex is None or self._regex.search(lowered) is not None

    def _may_match_hits(self, lowered: str, hits: Hits) -> bool:
        """``_may_match_lowered`` from a ``SharedScan`` of ``lowered`` that holds these
        literals."""
        if self._literals is None:
            return True
        starting = self._starting
        return any(lowered.startswith(w, at) for at, shortest in hits for w in starting(shortest))


class Prefilters:
    """One ``Prefilter`` per group of patterns, behind one check for all of them.

    ``which(text)`` says per group whether it may match. Most texts match no group, and
    then one search answers for all groups instead of one search per group.
    """

    def __init__(
        self,
        groups: Iterable[Iterable[str | re.Pattern[str]]],
        shared: SharedScan | None = None,
    ) -> None:
        self._listed = [list(group) for group in groups]
        self._groups = tuple(Prefilter(group) for group in self._listed)
        self._shared = shared

    @cached_property
    def _any(self) -> Prefilter:
        filterable = zip(self._groups, self._listed, strict=True)
        return Prefilter(p for f, group in filterable if f.active for p in group)

    @cached_property
    def _none(self) -> tuple[bool, ...]:
        """The answer when no filterable group can match: only the others are scanned."""
        return tuple(not f.active for f in self._groups)

    @cached_property
    def _joined(self) -> SharedScan | None:
        """``shared``, once it holds every filterable group's literals."""
        if self._shared is not None:
            self._shared.join(w for f in self._groups for w in f._literals or ())
        return self._shared

    def which(self, text: str) -> tuple[bool, ...]:
        lowered = fold_case(text)
        if lowered is None:
            return (True,) * len(self._groups)
        hits = None if self._joined is None else self._joined.hits(lowered)
        if hits is not None:  # the block's shared scan: none of its literals, no group
            if not hits:
                return self._none
            return tuple(f._may_match_hits(lowered, hits) for f in self._groups)
        if not self._any._may_match_lowered(lowered):
            return self._none
        return tuple(f._may_match_lowered(lowered) for f in self._groups)


class LiteralIndex:
    """Which of many patterns may match a text, from one scan of their required literals.

    Why not ``Prefilters`` (one yes/no search per group): a support message often contains
    one common word of a lexicon ("you", "someone", "i don't"), and then every group's search
    ran, several per message. Here every pattern's required literals (``required_literals``:
    each match contains one of them) go into one trie regex, searched at every position;
    each literal found names the patterns that need it (or need a longer literal starting
    with it — the trie keeps only the shortest), and only those run. A pattern whose
    literals are absent cannot match, so results are those of running every pattern. A
    pattern without literals is always a candidate.
    """

    def __init__(
        self, patterns: Iterable[str | re.Pattern[str]], shared: SharedScan | None = None
    ) -> None:
        self._patterns = [
            (p, 0) if isinstance(p, str) else (p.pattern, int(p.flags)) for p in patterns
        ]
        self._shared = shared

    @cached_property
    def _finder(self) -> tuple[re.Pattern[str], dict[str, tuple[int, ...]], tuple[int, ...]]:
        """The literal trie, literal → pattern indices, and patterns without literals."""
        needs = [required_literals(pattern, flags) for pattern, flags in self._patterns]
        always = tuple(i for i, literals in enumerate(needs) if not literals)
        found_as = {w for literals in needs for w in literals or ()}
        leaves = {w for w in found_as if not any(o != w and w.startswith(o) for o in found_as)}
        owners = {
            leaf: tuple(i for i, literals in enumerate(needs)
                        if literals and any(w.startswith(leaf) for w in literals))
            for leaf in leaves
        }  # fmt: skip
        if self._shared is not None:
            self._shared.join(found_as)
        return re.compile(f"(?=({_trie(found_as)}))" if found_as else "(?!)"), owners, always

    @cached_property
    def _starting(self) -> _Starting:
        return _Starting(self._finder[1])  # the leaves: no one starts with another

    def candidates(self, lowered: str) -> list[int]:
        """Indices of the patterns that may match ``lowered`` (``fold_case``'s form; ASCII
        lower case is), in order."""
        finder, owners, always = self._finder
        chosen = set(always)
        hits = None if self._shared is None else self._shared.hits(lowered)
        if hits is None:
            for m in finder.finditer(lowered):
                chosen.update(owners[m.group(1)])
            return sorted(chosen)
        starting = self._starting
        for at, shortest in hits:  # what this trie finds at ``at``: the leaf that starts there
            for leaf in starting(shortest):
                if lowered.startswith(leaf, at):
                    chosen.update(owners[leaf])
                    break
        return sorted(chosen)

    def which(self, text: str) -> tuple[bool, ...]:
        """Per pattern, in order: whether it may match ``text`` (any case)."""
        lowered = fold_case(text)
        if lowered is None:
            return (True,) * len(self._patterns)
        flags = [False] * len(self._patterns)  # not a test per pattern: most are not chosen
        for i in self.candidates(lowered):
            flags[i] = True
        return tuple(flags)
