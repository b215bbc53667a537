"""The knowledge base as answers see it: items (articles and macros) and their retrieval.

How an item is chosen for (intent, text, language):

1. **Language first.** Only items in the customer's language compete; items in the fallback
   language (English) follow, flagged, and only when the caller's policy allows it. A reply in
   the customer's language from a slightly weaker item beats a perfect one they cannot read.
2. **Intent next.** Items tagged with the message's intent rank above untagged ones: the
   intent model saw the whole message, the knowledge base author tagged the item on purpose.
3. **Text similarity last.** TF-IDF cosine between the message and the item's title + body,
   averaged over a word block (1–2-grams: the topic) and a character block (3–5-grams inside
   words: survives "passwrot", "where si my order", inflections and compounds). The vectorisers
   are fitted once, at construction, per language on that language's items: the items that
   compete share one IDF, and a language's function words can be dropped by document
   frequency without a stop-word list per language.

The score compared with the bar is ``similarity + intent_bonus`` for tagged items (capped at
1) and plain ``similarity`` otherwise, so a tagged item still needs *some* textual overlap and
an untagged one needs a lot: an intent model's mistake alone cannot produce an answer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from tandemdesk.listen.articles import PLACEHOLDER, placeholders
from tandemdesk.understand.tfidf import TfidfRows

DEFAULT_INTENT_BONUS = 0.3
DEFAULT_FALLBACK_LANGUAGE = "en"
MAX_DOCUMENT_FREQUENCY = 0.5
WORD_TOKENS = r"(?u)\b\w+\b"  # one-letter words count too ("i", "2"), as in understand
_MARKUP = re.compile(r"[*_#>|`\[\]()]+")


def normalize_language(language: str | None, default: str = DEFAULT_FALLBACK_LANGUAGE) -> str:
    """``de-DE`` / ``DE`` / ``de_AT`` → ``de``; no language → the default."""
    if not language or not language.strip():
        return default
    return language.strip().replace("_", "-").split("-")[0].lower()


@dataclass(frozen=True, slots=True)
class KnowledgeItem:
    """One article or macro, detached from the database (the caller loads them)."""

    id: str
    kind: str  # "article" | "macro"
    title: str
    body: str
    language: str = DEFAULT_FALLBACK_LANGUAGE
    intents: tuple[str, ...] = ()
    placeholders: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()


def item_from_article(article: object) -> KnowledgeItem:
    """A ``KnowledgeItem`` from an ``Article`` row or an ``ArticleRecord`` (attributes only).

    The item id is the article's ``external_id`` — the stable name authors and explanations
    use — and the placeholders are re-read from the body when the source did not store them.
    """
    body = str(getattr(article, "body", "") or "")
    stored = getattr(article, "placeholders", None) or placeholders(body)
    return KnowledgeItem(
        id=str(getattr(article, "external_id", None) or getattr(article, "id", "")),
        kind=str(getattr(article, "kind", None) or "article"),
        title=str(getattr(article, "title", "") or ""),
        body=body,
        language=normalize_language(getattr(article, "language", None)),
        intents=tuple(str(i) for i in (getattr(article, "intents", None) or ())),
        placeholders=tuple(str(p) for p in stored),
        tags=tuple(str(t) for t in (getattr(article, "tags", None) or ())),
    )


def family_id(item: KnowledgeItem) -> str:
    """The id an item's language versions share: its own id without the ``-<language>``
    suffix translations carry (``kb-returns-policy-de`` → ``kb-returns-policy``)."""
    return item.id.removesuffix(f"-{item.language}")


def items_from_articles(articles: Iterable[object]) -> list[KnowledgeItem]:
    """``item_from_article`` over a collection, in order."""
    return [item_from_article(a) for a in articles]


@dataclass(frozen=True, slots=True)
class Match:
    """An item's standing for one question; ``score`` is what the bar is compared with."""

    item: KnowledgeItem
    score: float
    similarity: float
    intent_match: bool
    language_fallback: bool


def _document(item: KnowledgeItem) -> str:
    """What retrieval reads: title (twice: it states the question), intents, plain body."""
    body = _MARKUP.sub(" ", PLACEHOLDER.sub(" ", item.body))
    intents = " ".join(i.replace("_", " ") for i in item.intents)
    return f"{item.title}\n{item.title}\n{intents}\n{body}"


@dataclass(frozen=True, slots=True)
class _Pool:
    """One language's items and the vectorisers fitted on them (their fast ``transform``)."""

    indices: tuple[int, ...]
    word: TfidfRows
    char: TfidfRows
    word_matrix: sparse.csr_matrix
    char_matrix: sparse.csr_matrix

    def similarities(self, text: str) -> np.ndarray:
        word = (self.word_matrix @ self.word.matrix([text]).T).toarray().ravel()
        char = (self.char_matrix @ self.char.matrix([text]).T).toarray().ravel()
        return np.asarray((word + char) / 2.0, dtype=float)


def _fit_pool(indices: tuple[int, ...], documents: list[str]) -> _Pool:
    """Fit one language's vectorisers; terms in over half of a pool of 8+ items are dropped
    (the language's function words: "the", "Sie", "votre") because with a few dozen items
    IDF alone does not push them down far enough."""
    max_df = MAX_DOCUMENT_FREQUENCY if len(documents) >= 8 else 1.0
    common = {"lowercase": True, "strip_accents": "unicode", "sublinear_tf": True}
    fitted = []
    for analyzer, ngrams in (("word", (1, 2)), ("char_wb", (3, 5))):
        for df in (max_df, 1.0):  # a pool of near-identical items may prune to nothing
            vectorizer = TfidfVectorizer(analyzer=analyzer, ngram_range=ngrams, max_df=df, **common)
            if analyzer == "word":
                vectorizer.set_params(token_pattern=WORD_TOKENS)
            try:
                fitted.append((vectorizer, vectorizer.fit_transform(documents)))
                break
            except ValueError:
                continue
        else:  # nothing to index at all (items without a single word)
            raise ValueError("knowledge items have no text to index")
    (word, word_matrix), (char, char_matrix) = fitted
    return _Pool(indices, TfidfRows(word, np.float64), TfidfRows(char, np.float64),
                 word_matrix, char_matrix)  # fmt: skip


class KnowledgeBase:
    """Articles and macros, ready to rank for a question (see the module docstring).

    ``intent_bonus`` is added to the similarity of items tagged with the message's intent.
    Item ids must be unique: an explanation that cites ``kb-returns`` must mean one text.
    """

    def __init__(
        self, items: Iterable[KnowledgeItem], *, intent_bonus: float = DEFAULT_INTENT_BONUS
    ) -> None:
        self.items: tuple[KnowledgeItem, ...] = tuple(items)
        self.intent_bonus = intent_bonus
        seen: set[str] = set()
        for item in self.items:
            if item.id in seen:
                raise ValueError(f"two knowledge items share the id {item.id!r}")
            seen.add(item.id)
        self._family: dict[str, dict[str, KnowledgeItem]] = {}
        for item in self.items:  # the item itself first, then translations by suffix
            self._family.setdefault(family_id(item), {}).setdefault(item.language, item)
        self._by_id = {item.id: item for item in self.items}
        self._pools: dict[str, _Pool] = {}
        for language in sorted({item.language for item in self.items}):
            indices = tuple(i for i, item in enumerate(self.items) if item.language == language)
            documents = [_document(self.items[i]) for i in indices]
            self._pools[language] = _fit_pool(indices, documents)

    def __len__(self) -> int:
        return len(self.items)

    def variant(self, item_id: str, language: str) -> KnowledgeItem | None:
        """Item ``item_id`` in ``language`` (``None``: it has no version in that language).

        An item's versions share an id up to a language suffix (``kb-returns-policy`` and
        its German ``kb-returns-policy-de``, as the demo and most help centres export them);
        any version's id finds the others.
        """
        named = self._by_id.get(item_id)
        family = self._family.get(family_id(named) if named is not None else item_id, {})
        return family.get(normalize_language(language))

    def knows(self, item_id: str) -> bool:
        """Whether ``item_id`` names an item in any language."""
        return item_id in self._by_id or item_id in self._family

    def matches(
        self, items: Iterable[KnowledgeItem], text: str, intent: str | None, fallback: bool
    ) -> list[Match]:
        """The standing of chosen ``items`` for ``text``, scored as ``rank`` scores them."""
        chosen = list(items)
        sims: dict[str, float] = {}
        for language in {item.language for item in chosen}:
            sims.update(self.similarities(text, language))
        return [self._match(item, sims.get(item.id, 0.0), intent, fallback) for item in chosen]

    def similarities(self, text: str, language: str) -> dict[str, float]:
        """Cosine similarity of ``text`` with every item in ``language``, by item id."""
        pool = self._pools.get(normalize_language(language))
        if pool is None:
            return {}
        sims = pool.similarities(text) if text.strip() else np.zeros(len(pool.indices))
        return {self.items[i].id: float(s) for i, s in zip(pool.indices, sims, strict=True)}

    def rank(
        self,
        intent: str | None,
        text: str,
        language: str | None,
        *,
        allow_language_fallback: bool = False,
        fallback_language: str = DEFAULT_FALLBACK_LANGUAGE,
    ) -> list[Match]:
        """Every candidate in the customer's language, best first; then, when allowed, the
        fallback language's candidates, best first, flagged ``language_fallback``."""
        wanted = normalize_language(language, fallback_language)
        pools: list[tuple[str, bool]] = [(wanted, False)]
        fallback = normalize_language(fallback_language)
        if allow_language_fallback and fallback != wanted:
            pools.append((fallback, True))
        ranked: list[Match] = []
        for pool_language, flagged in pools:
            sims = self.similarities(text, pool_language)
            pool = [
                self._match(item, sims[item.id], intent, flagged)
                for item in self.items
                if item.language == pool_language
            ]
            pool.sort(key=lambda m: (m.intent_match, m.similarity), reverse=True)
            ranked.extend(pool)
        return ranked

    def _match(
        self, item: KnowledgeItem, similarity: float, intent: str | None, flagged: bool
    ) -> Match:
        tagged = intent is not None and intent in item.intents
        score = min(1.0, similarity + (self.intent_bonus if tagged else 0.0))
        return Match(item, round(score, 4), round(similarity, 4), tagged, flagged)
