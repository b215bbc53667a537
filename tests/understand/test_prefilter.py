"""Shortcuts that skip work must never skip a result (see ``prefilter`` and the fast paths).

Each test runs the shortcut against the plain computation: regex prefilters against strings
generated to match each lexicon pattern, rule scans with the filters switched off,
``prepare_text`` against its step-by-step form, letter counting against ``unicodedata``.
"""

from __future__ import annotations

import random
import re
import sys
import unicodedata
from re import _constants as sre
from re import _parser as sre_parse
from typing import Any

import pytest

from tandemdesk.understand import abuse, emotion, job_application, pii, prefilter, text, urgency
from tandemdesk.understand.language import _letter_counts
from tandemdesk.understand.prefilter import Prefilter, Prefilters, required_literals

LEXICONS: dict[str, list[re.Pattern[str]]] = {
    "urgency": [re.compile(p, re.IGNORECASE) for rule in urgency.RULES for p in rule.patterns],
    "abuse": [pattern for _, _, pattern in abuse._COMPILED],
    "emotion": [pattern for _, _, pattern in emotion._COMPILED_CUES],
    "job_application": [re.compile(p, re.IGNORECASE) for p in job_application._PATTERNS],
}
_CLASS_SAMPLES = {
    sre.CATEGORY_DIGIT: "07",
    sre.CATEGORY_WORD: "aZ_9",
    sre.CATEGORY_SPACE: " ",
    sre.CATEGORY_NOT_WORD: " -'",
    sre.CATEGORY_NOT_SPACE: "x!",
    sre.CATEGORY_NOT_DIGIT: "a ",
}


def _sample(items: Any, rng: random.Random) -> str:
    """A random string the parsed pattern ``items`` may match (lookarounds ignored)."""
    out = []
    for op, av in items:
        if op is sre.LITERAL:
            out.append(chr(av))
        elif op is sre.NOT_LITERAL:
            out.append("x" if chr(av) != "x" else "y")
        elif op is sre.IN:
            choices = []
            for kind, value in av:
                if kind is sre.LITERAL:
                    choices.append(chr(value))
                elif kind is sre.RANGE:
                    choices.append(chr(rng.randint(*value)))
                elif kind is sre.CATEGORY:
                    choices.extend(_CLASS_SAMPLES.get(value, "a"))
            out.append(rng.choice(choices or ["a"]))
        elif op is sre.ANY:
            out.append("a")
        elif op is sre.BRANCH:
            out.append(_sample(rng.choice(av[1]), rng))
        elif op is sre.SUBPATTERN:
            out.append(_sample(av[-1], rng))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            low, high = av[0], min(av[1], av[0] + 2)
            out.extend(_sample(av[2], rng) for _ in range(rng.randint(low, high)))
    return "".join(out)


# Characters ``re`` matches case-insensitively with an ASCII letter, and non-ASCII company
_LOOKALIKES = {"s": "ſ", "k": "\u212a", "i": "İ", "S": "ſ", "K": "\u212a", "I": "İ"}
_NOT_ASCII = ["", " é", " 🙂", "Ça va ", "¿", "’"]


def _any_case(core: str, rng: random.Random) -> str:
    """``core`` in random case, some letters as their non-ASCII look-alikes, in non-ASCII
    company half of the time (the folded, non-ASCII path of the filters)."""
    core = "".join(c.upper() if rng.random() < 0.3 else c for c in core)
    if rng.random() < 0.5:
        core = "".join(_LOOKALIKES.get(c, c) if rng.random() < 0.3 else c for c in core)
        core = rng.choice(_NOT_ASCII) + core + rng.choice(_NOT_ASCII)
    return core


def _matching_texts(pattern: re.Pattern[str], rng: random.Random, tries: int) -> list[str]:
    parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    found = []
    for _ in range(tries):
        core = _any_case(_sample(parsed, rng), rng)
        candidate = rng.choice(["", "Hi ", "ok, "]) + core + rng.choice(["", "!", " please"])
        if pattern.search(candidate):
            found.append(candidate)
    return found


@pytest.mark.parametrize("lexicon", sorted(LEXICONS))
def test_prefilters_pass_every_text_a_pattern_matches(lexicon: str) -> None:
    rng = random.Random(lexicon)
    patterns = LEXICONS[lexicon]
    together = Prefilter(patterns)
    assert together.active  # the lexicon is bounded: the shortcut is really used
    alone = [Prefilter([p]) for p in patterns]
    grouped = Prefilters([p] for p in patterns)
    matched = 0
    for pattern, own in zip(patterns, alone, strict=True):
        for candidate in _matching_texts(pattern, rng, tries=60):
            matched += 1
            assert together.may_match(candidate), (pattern.pattern[:60], candidate)
            assert own.may_match(candidate), (pattern.pattern[:60], candidate)
            assert grouped.which(candidate)[patterns.index(pattern)], candidate
    assert matched > 20 * len(patterns)


def _cased() -> str:
    """Every character ``re`` treats as having case (``_sre.unicode_iscased``)."""
    import _sre

    return "".join(chr(c) for c in range(0x110000) if _sre.unicode_iscased(c))


def test_case_folding_equates_exactly_what_re_matches_case_insensitively() -> None:
    """The soundness of filtering non-ASCII text: for every cased character, every
    character ``re`` matches it with IGNORECASE folds to the same character, and folding
    keeps a text's length (spans line up) — "İ", whose ``str.lower`` is two characters,
    included."""
    cased = _cased()
    assert len(cased) > 2_500
    folded = prefilter.fold_case(cased)
    assert folded is not None and len(folded) == len(cased)
    assert folded == "".join(prefilter.fold_case(c) or "" for c in cased)
    for char in cased:
        for other in re.finditer(re.escape(char), cased, re.IGNORECASE):
            assert prefilter.fold_case(other.group()) == prefilter.fold_case(char), (char, other)
    assert prefilter.fold_case("ΟΔΟΣ ΣΑΣ") == prefilter.fold_case("οδοσ σας")  # final sigma
    assert [c for c in map(chr, range(0x110000)) if len(c.lower()) != 1] == ["İ"]


def test_prefilter_rejects_texts_without_the_words_and_passes_other_scripts() -> None:
    guard = Prefilter([r"\b(?:fire|smok(?:e|ing))\b", r"\bgas leak\b"])
    assert guard.active
    assert guard.may_match("There is SMOKE in the kitchen")
    assert guard.may_match("a Gas Leak!")
    assert not guard.may_match("where is my card?")
    assert not guard.may_match("où est ma carte? 🙂")  # any script is filtered
    folding = Prefilter([re.compile(r"\b(?:fire|smok(?:e|ing))\b", re.IGNORECASE)])
    assert folding.may_match("ça ſMOKE") and re.search(r"smoke", "ça ſMOKE", re.IGNORECASE)
    assert required_literals(r"\b(?:ab|cd)\w*") == frozenset({"ab", "cd"})
    assert required_literals(r"\w+") is None
    assert required_literals("[\U0001f643\U0001f644]") == {"\U0001f643", "\U0001f644"}
    assert required_literals("[^ab]") is None and required_literals("[a-z]") is None
    assert not Prefilter([r"\w+"]).active and Prefilter([r"\w+"]).may_match("x")
    kelvin = Prefilter(["\u212a"])  # the Kelvin sign matches "k" case-insensitively
    assert kelvin.may_match("k")


def test_prefilter_without_the_regex_parser_always_scans(monkeypatch: pytest.MonkeyPatch) -> None:
    assert not Prefilter([r"\bfire\b"]).may_match("rien ici, ça va")
    monkeypatch.setattr(prefilter, "_tolower", None)  # no case tables: non-ASCII is scanned
    prefilter._parsed_required.cache_clear()
    assert Prefilter([r"\bfire\b"]).may_match("rien ici, ça va")
    assert not Prefilter([r"\bfire\b"]).may_match("nothing here")
    assert Prefilter(["\u212a"]).may_match("k")  # nor bounds a pattern by a non-ASCII literal
    prefilter._parsed_required.cache_clear()
    monkeypatch.setattr(prefilter, "_sre_parse", None)
    assert not Prefilter([r"\bfire\b"]).active
    assert Prefilters([[r"\bfire\b"]]).which("nothing here") == (True,)


class _Always:
    """A filter that lets everything through: the plain, full scan."""

    def __init__(self, groups: int = 1) -> None:
        self.groups = groups

    def may_match(self, text: str) -> bool:
        return True

    def which(self, text: str) -> tuple[bool, ...]:
        return (True,) * self.groups


HAND_WRITTEN = [
    "There is smoke coming out of the charger!",
    "The boiler smells of gas since your visit",
    "Das Ladegerät brennt! Ich wurde doppelt abgebucht",
    "J'ai été débité deux fois, je vais porter plainte",
    "I need it by Friday, this is the third time I write. Still no answer",
    "I'm locked out of my account, URGENT, it is not working at all",
    "No rush, just curious: is this not urgent?",
    "you're a f***ing moron and I know where you live",
    "this is a fucking joke, shut up",
    "Fuck you, du bist ein Arschloch, espèce de connard",
    "the app is useless, useless staff, I feel stupid",
    "I'm worried and desperate, please help me, I'm at my wits' end!!!",
    "Where is my parcel? Thanks, you're amazing",
]


def _corpus() -> list[str]:
    texts = [*HAND_WRITTEN, *urgency.UrgencyRules.example_data()[0]]
    texts += [*abuse.AbuseDetector.example_data()[0]]
    texts += [*emotion.EmotionClassifier.example_data()[0]]
    rng = random.Random(7)
    for patterns in LEXICONS.values():
        for pattern in patterns:
            texts += _matching_texts(pattern, rng, tries=15)
    lookalikes = [_any_case(t, rng) for t in texts]  # non-ASCII, folded by the filters
    return texts + [t.upper() for t in texts] + [t.title() for t in texts] + lookalikes


def _surface(text: str) -> tuple[list[Any], list[float]]:
    """``surface_cues``' evidence and its shouting features (capitals, bangs)."""
    features, evidence = emotion.surface_cues(text)
    return evidence, features.tolist()


def test_rule_scans_with_and_without_prefilters_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [
        *_corpus(),
        "WHERE IS IT?!!",
        "NOT HAPPY with this at all",
        "what??!",
        "Na toll 🙄",
        "Great service 🙃",
        "Vielen Dank, wirklich großartig 🙄",
        "¡Genial! 🙃 tres semanas",
    ]

    def scan() -> list[Any]:
        return [(urgency.assess_urgency(t), abuse.lexicon_evidence(t), *_surface(t)) for t in texts]

    fast = scan()
    monkeypatch.setattr(urgency, "_RULE_FILTERS", _Always(len(urgency.RULES)))
    monkeypatch.setattr(abuse, "_FILTERS", _Always(len(abuse.LEXICON)))
    # every distress cue and sarcasm
    monkeypatch.setattr(emotion, "_CUE_FILTERS", _Always(len(emotion._COMPILED_CUES) + 1))
    monkeypatch.setattr(emotion, "_TWO_CAPITALS", re.compile(""))  # shouting: always counted
    monkeypatch.setattr(emotion, "_ANY_BANG", re.compile(""))
    full = scan()
    assert fast == full
    for found in zip(*((u.evidence, a, c) for u, a, c, _ in full), strict=True):
        assert sum(1 for f in found if f) > 10  # real matches were compared


def test_the_shared_scan_finds_what_each_index_finds_alone() -> None:
    """``prefilter.SharedScan``: inside a ``shared_analysis`` block the lexicons read one scan
    of a text; each must name exactly the patterns its own scan names, also where one
    index's literal is the start of another's ("ab" beside "abcd")."""
    from tandemdesk.understand import risk
    from tandemdesk.understand.ngrams import shared_analysis
    from tandemdesk.understand.prefilter import LiteralIndex, SharedScan

    texts = [*_corpus(), "abcd", "xabxd", "ab abcd", "abc", "nothing at all"]
    lowered = [t for t in map(prefilter.fold_case, texts) if t is not None]
    shared_indexes = [
        abuse.DEFAULT_LEXICON.filters,
        urgency._RULE_FILTERS,
        risk._lexicon()._index,
    ]
    alone = [LiteralIndex(p for p, _ in index._patterns) for index in shared_indexes]
    own = SharedScan()
    pairs = [
        (LiteralIndex([r"\bab", r"\bzz"], own), LiteralIndex([r"\bab", r"\bzz"])),
        (LiteralIndex(["abcd", "abx", "q"], own), LiteralIndex(["abcd", "abx", "q"])),
        *zip(shared_indexes, alone, strict=True),
    ]
    groups = [[r"\bab"], ["abcd|abxd"], [r"\w+"]]
    cues = [(Prefilters(groups, own), Prefilters(groups))]
    cues.append((emotion._CUE_FILTERS, Prefilters(emotion._CUE_FILTERS._listed)))
    with shared_analysis():
        for _ in range(2):  # scanned, then read from the block
            for text in lowered:
                for shared, single in pairs:
                    assert shared.candidates(text) == single.candidates(text), text
                for shared_cues, single_cues in cues:
                    assert shared_cues.which(text) == single_cues.which(text), text
    assert own.hits("xabxd") is None  # outside a block: each scans on its own


def test_pii_shortcut_changes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [*pii.PiiRedactor.example_data()[0], "no digits here", "mail@example.org", "١٢٣"]
    texts += ["Call 0151 2345678", "Flat 2, 10 Downing Street, London SW1A 2AA", "x@y"]
    fast = [pii.find_pii(t) for t in texts]
    monkeypatch.setattr(pii, "_DIGIT_OR_AT", re.compile(""))  # always "found": full scan
    assert [pii.find_pii(t) for t in texts] == fast
    assert any(fast)


def _prepare_step_by_step(value: str, max_chars: int) -> str:
    """``prepare_text`` without its fast path."""
    if len(value) > max_chars * 4:
        value = value[: max_chars * 3] + " " + value[-max_chars:]
    value = value.encode("utf-8", "replace").decode("utf-8", "replace")
    value = unicodedata.normalize("NFC", value)
    value = text._SPACE.sub(" ", text._CONTROL.sub(" ", value)).strip()
    if len(value) > max_chars:
        head = (max_chars * 3) // 4
        value = value[:head] + " " + value[len(value) - (max_chars - head - 1) :]
    return value


def test_prepare_text_fast_path_equals_the_full_steps() -> None:
    rng = random.Random(1)
    alphabet = list("ab AZ.\t\n\r\x00\x0b\x1f\x7f\x85\xa0\u2028\u3000\ufffd\ud800e\u0301éß")
    for _ in range(20_000):
        value = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 10)))
        for max_chars in (4_000, 64, 5, 3):
            assert text.prepare_text(value, max_chars) == _prepare_step_by_step(value, max_chars)
    every = "".join(chr(c) for c in range(0x30000))
    assert text.prepare_text(every) == _prepare_step_by_step(every, 4_000)


def test_is_blank_shortcut_equals_preparing_the_text() -> None:
    """``text.is_blank`` answers printable texts up to 256 characters without preparing
    them; it must say what ``not prepare_text(text, 64)`` says, around both limits too."""
    rng = random.Random(2)
    alphabet = list(" a\t\n\x00\x7f\xa0\u200b\u2028\ufffd\ud800e\u0301é")
    for size in (0, 1, 2, 5, 63, 64, 65, 200, 255, 256, 257, 400):
        for _ in range(2_000):
            if rng.random() < 0.5:
                value = "".join(rng.choice(alphabet) for _ in range(size))
            else:  # one character among spaces: the cut before cleaning can drop it
                pad = " " * rng.randrange(0, size + 1)
                value = pad + rng.choice(alphabet) + " " * rng.randrange(0, size + 1)
            assert text.is_blank(value) == (not text.prepare_text(value, 64)), repr(value)


def test_letter_counts_equal_unicode_categories() -> None:
    def plain(value: str) -> tuple[int, int]:
        letters = [c for c in value if unicodedata.category(c).startswith("L")]
        latin = [c for c in letters if 0x41 <= ord(c) <= 0x24F or 0x1E00 <= ord(c) <= 0x1EFF]
        return len(letters), len(latin)

    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    for start in range(0, len(every), 50_000):
        assert _letter_counts(every[start : start + 50_000]) == plain(every[start : start + 50_000])
    assert _letter_counts("") == (0, 0)
    ascii_ = "".join(map(chr, range(128)))  # the ASCII fast path, every character
    assert _letter_counts(ascii_) == plain(ascii_) == (52, 52)
    assert all(_letter_counts(c) == plain(c) for c in ascii_)
