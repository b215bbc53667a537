"""Offline language detection that copes with the very short messages support sees.

Why not py3langid alone: it is a character n-gram naive Bayes model trained on long text, so
"Danke!" comes back as Danish and "ok merci" as Hungarian. Support traffic is full of such
two-word messages, and a wrong language sends a customer to the wrong queue or gets them an
answer they cannot read. So we combine three kinds of evidence:

1. a small hand-curated lexicon of very common support words and greetings per language
   (en/de/fr/es/it/nl/pt); words shared by several languages count for less;
2. a few diacritics and punctuation marks that are strong cues ("ß", "ñ", "¿", "ã");
3. py3langid restricted to the same languages, whose weight grows with the text length.

When the evidence is thin or split, we answer ``"und"`` (undetermined, the BCP-47 code) with a
low confidence rather than guess. Text in another script (Cyrillic, CJK, Arabic …) is handed to
the unrestricted py3langid model, which is reliable on scripts.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any, NamedTuple, Self

import numpy as np

from tandemdesk.understand.base import Component, ComponentState, Score
from tandemdesk.understand.registry import register
from tandemdesk.understand.text import prepare_text

SUPPORTED: tuple[str, ...] = ("en", "de", "fr", "es", "it", "nl", "pt")
#: What a person calls a language code, in sentences for them ("no German article …").
NAMES: dict[str, str] = {
    "en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian",
    "nl": "Dutch", "pt": "Portuguese", "sv": "Swedish", "pl": "Polish",
}  # fmt: skip
UNDETERMINED = "und"
#: Below this combined confidence the answer is ``"und"``.
MIN_CONFIDENCE = 0.5
_MAX_CHARS = 2_000
_MODEL_FLOOR = 1e-6  # py3langid probability floor in the combined score (log: -13.8)
_LEXICON_WEIGHT = 3.0
_MODEL_LOG_WEIGHT = 0.5
#: The most py3langid can move another language up against the best one in the combined
#: score, at full model weight: its log-probability spans [log 1e-6, 0] (a hair above, as
#: its float32 probabilities can sum to a little over 1).
_MODEL_SWING = _MODEL_LOG_WEIGHT * -math.log(_MODEL_FLOOR) + 1e-4
#: ``sum(exp(other - best))`` below this means a posterior above 0.9996, which rounds to
#: the confidence 1.0 (three decimals) however the rest is spread.
_DECIDED_REST = 1.0 / 0.9996 - 1.0

# Very common words in support messages: greetings, thanks, function words, and the nouns and
# verbs of orders, deliveries, payments and accounts. Kept short on purpose: each word must be
# frequent in support text and rare in the other languages' support text.
_LEXICON_SOURCE: dict[str, str] = {
    "en": """
        hi hello hey thanks thank you please sorry yes the a an is are was were be been it this
        that what where when why how who which my your our i we me can could would should will
        not don't doesn't didn't can't won't isn't haven't hasn't i'm it's do does did have has
        had and or but with for from to of on at by about just still already order orders
        package parcel delivery delivered shipping shipped refund return money account password
        login help issue problem invoice payment charged card cancel cancelled subscription
        received arrived yet today tomorrow yesterday week wrong broken damaged missing need
        want get got know there here any some no more than good great bye cheers regards dear
        item items email phone number address update status track tracking asap urgent
        thx thanx pls plz perfect awesome""",
    "de": """
        hallo moin servus danke dankeschön bitte ja nein nicht kein keine keinen ich du sie er
        wir ihr mein meine meinen meiner ihre ihren ist sind war waren bin bist hat habe haben
        hatte wurde wurden werden wird und oder aber mit für von zu zum zur auf bei nach noch
        schon nur auch wie wo was warum wann wer der die das den dem des ein eine einen einem
        einer es bestellung bestellungen paket lieferung geliefert versand rückerstattung geld
        konto passwort anmeldung hilfe problem rechnung zahlung karte kündigen gekündigt abo
        erhalten angekommen heute morgen gestern woche falsch kaputt beschädigt fehlt brauche
        möchte gibt gut tschüss grüße gruß freundlichen vielen dank sehr geehrte damen herren
        perfekt leider immer nichts mehr kann können könnte hier dort frage kurze kurz kommt
        denn""",
    "fr": """
        bonjour bonsoir salut merci svp oui non pas je tu il elle nous vous ils mon ma mes
        votre vos notre est sont était suis ai avez avons a été et ou mais avec pour de du des
        le la les un une au aux sur dans par chez encore déjà seulement comment où quoi
        pourquoi quand qui que qu'il c'est n'est j'ai commande commandes colis livraison livré
        expédition remboursement argent compte mot passe connexion aide problème facture
        paiement carte annuler annulé abonnement reçu arrivé aujourd'hui demain hier semaine
        mauvais cassé endommagé manque besoin veux voudrais bien beaucoup cordialement
        madame monsieur toujours rien plus peux pouvez pouvoir ici là avoir parfait""",
    "es": """
        hola buenas buenos días gracias favor por sí no yo tú él ella nosotros usted ustedes
        mi mis su sus es son era estoy está están he ha han hemos fue y o pero con para de del
        el la los las un una al en sobre todavía ya solo cómo dónde qué por qué cuándo quién
        pedido pedidos paquete entrega entregado envío reembolso dinero cuenta contraseña
        ayuda problema factura pago tarjeta cancelar cancelado suscripción recibido llegado
        hoy mañana ayer semana equivocado roto dañado falta necesito quiero bien muchas
        saludos atentamente señor señora nada más puedo puede puedes aquí allí tengo tiene
        perfecto pues poco cosa cosas lo eso esto esta este muy también porque bueno vale
        oye mira vuestro vuestra os podéis complicado""",
    "it": """
        ciao buongiorno buonasera salve grazie prego per favore sì no non io tu lui lei noi voi
        loro mio mia miei mie suo sua è sono era ero ho hai ha abbiamo avete hanno stato e o ma
        con per di del della dei delle il lo la gli le un uno una al alla in su ancora già solo
        come dove cosa perché quando chi che ordine ordini pacco consegna consegnato spedizione
        rimborso soldi conto account password accesso aiuto problema fattura pagamento carta
        annullare annullato abbonamento ricevuto arrivato oggi domani ieri settimana sbagliato
        rotto danneggiato manca bisogno voglio vorrei bene molte tante cordiali saluti signor
        signora niente più posso può potete qui lì mille perfetto""",
    "nl": """
        hallo hoi goedemorgen goedemiddag dank bedankt alstublieft alsjeblieft graag ja nee
        niet geen ik jij je u hij zij wij we mijn jouw uw ons onze is zijn was waren ben bent
        heb hebt heeft hebben had werd worden wordt en of maar met voor van naar op bij nog al
        alleen ook hoe waar wat waarom wanneer wie die dat het een de bestelling bestellingen
        pakket pakje levering geleverd verzending terugbetaling geld account wachtwoord
        inloggen hulp probleem factuur betaling kaart opzeggen geannuleerd abonnement
        ontvangen aangekomen vandaag morgen gisteren week verkeerd kapot beschadigd ontbreekt
        nodig wil goed groeten vriendelijke groet meneer mevrouw niets meer kan kunnen kunt
        hier daar wel dag doei""",
    "pt": """
        olá oi bom dia boa tarde obrigado obrigada por favor sim não eu tu ele ela nós você
        vocês meu minha meus minhas seu sua é são era estou está estão tenho tem temos foi e ou
        mas com para de do da dos das o os as um uma ao à no na nos nas em sobre ainda já só
        como onde quê porquê quando quem encomenda pedido pacote entrega entregue envio
        reembolso dinheiro conta senha ajuda problema fatura pagamento cartão cancelar
        cancelado assinatura recebi recebido chegou hoje amanhã ontem semana errado quebrado
        danificado falta preciso quero bem muito atenciosamente senhor senhora nada mais posso
        pode aqui ali perfeito""",
}

# Characters that are strong evidence for a language (value: weight per language).
_CHAR_CUES: dict[str, dict[str, float]] = {
    "ß": {"de": 2.0},
    "ä": {"de": 1.0},
    "ö": {"de": 1.0},
    "ü": {"de": 1.0},
    "ñ": {"es": 2.0},
    "¿": {"es": 2.0},
    "¡": {"es": 2.0},
    "ã": {"pt": 2.0},
    "õ": {"pt": 2.0},
    "ç": {"fr": 0.7, "pt": 0.7},
    "œ": {"fr": 2.0},
    "ê": {"fr": 0.8, "pt": 0.5},
    "è": {"fr": 0.8, "it": 0.6},
    "à": {"fr": 0.6, "it": 0.6, "pt": 0.3},
    "ù": {"fr": 0.8, "it": 0.4},
    "ì": {"it": 1.0},
    "ò": {"it": 1.0},
    "ij": {"nl": 0.5},
}

_ASCII_CUES = {cue: weights for cue, weights in _CHAR_CUES.items() if cue.isascii()}

_WORD_RE = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?", re.UNICODE)
_LATIN_RANGES = ((0x0041, 0x024F), (0x1E00, 0x1EFF))
_NOT_ASCII_LETTERS = bytes(b for b in range(128) if not chr(b).isalpha())  # deleted to count
_NOT_LATIN = re.compile("[^" + "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in _LATIN_RANGES) + "]+")


class LanguageGuess(NamedTuple):
    """A language code (ISO 639-1, or ``"und"``) and a confidence in [0, 1]."""

    code: str
    confidence: float


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, dict[str, float]]:
    """Word → {language: weight}; a word found in k lexicons weighs 1/k in each."""
    owners: dict[str, list[str]] = {}
    for lang, words in _LEXICON_SOURCE.items():
        for word in set(words.split()):
            owners.setdefault(word, []).append(lang)
    return {word: {lang: 1.0 / len(langs) for lang in langs} for word, langs in owners.items()}


@lru_cache(maxsize=2)
def _identifier(restricted: bool) -> Any:
    """A py3langid identifier with normalised probabilities (loaded once, it takes ~0.3 s)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    if restricted:
        identifier.set_languages(list(SUPPORTED))
    return identifier


def _letter_counts(text: str) -> tuple[int, int]:
    """How many letters ``text`` has, and how many of them are Latin.

    A letter is a character of Unicode category L* (``str.isalpha`` is exactly that). Why
    ``map``/``re`` instead of a loop over characters: this ran for every character of every
    message and was a fifth of language detection's time. ASCII text (most English
    messages) is counted in one ``bytes.translate`` (5.2 -> 0.5 us a message on BANKING77):
    its letters are A-Z and a-z, every one of them Latin.
    """
    if text.isascii():
        letters = len(text.encode("ascii").translate(None, _NOT_ASCII_LETTERS))
        return letters, letters
    letters = sum(map(str.isalpha, text))
    if not letters:
        return 0, 0
    return letters, sum(map(str.isalpha, _NOT_LATIN.sub("", text)))


def _lexicon_scores(words: Sequence[str], text: str) -> tuple[dict[str, float], float]:
    """Evidence per language from known words and cue characters, and the number of hits."""
    lexicon = _lexicon()
    scores = dict.fromkeys(SUPPORTED, 0.0)
    hits = 0.0
    for word in words:
        owners = lexicon.get(word)
        if owners:
            hits += max(owners.values())  # a word unique to one language is a full hit
            for lang, weight in owners.items():
                scores[lang] += weight
    lowered = text.lower()
    cues = _ASCII_CUES if lowered.isascii() else _CHAR_CUES  # the others cannot occur
    for cue, weights in cues.items():
        count = lowered.count(cue)
        if count:
            hits += 0.5
            for lang, weight in weights.items():
                scores[lang] += weight * min(count, 2)
    return scores, hits


def _decided_by_words(scores: dict[str, float], model_weight: float) -> str | None:
    """The language the known words alone settle, whatever py3langid would say; or None.

    Why: py3langid is half of detection's time (a Python loop over the text's bytes), and
    a message written with several words of one language and none of the others (a
    typical support message) gets the same answer without it: even if py3langid gave
    every other language its largest possible lead (``_MODEL_SWING``), the best one's
    posterior would stay above 0.9996 — the confidence ``detect_language`` returns is
    then 1.0 either way (it rounds to three decimals, and ``evidence`` is full). Exact,
    not an estimate: ``tests/understand/test_language.py`` compares both ways on the
    public data sets. Measured: 39% of BANKING77's test messages are settled so, and
    detection of English support text takes ~40% less time (the commit says more).
    """
    best = max(scores, key=scores.__getitem__)
    top, swing = _LEXICON_WEIGHT * scores[best], _MODEL_SWING * model_weight
    rest = 0.0
    for lang, score in scores.items():
        if lang != best:
            rest += math.exp(_LEXICON_WEIGHT * score - top + swing)
    return best if rest < _DECIDED_REST else None


def detect_language(text: str, min_confidence: float = MIN_CONFIDENCE) -> LanguageGuess:
    """Return the most likely language of ``text`` and a confidence in [0, 1].

    Answers ``LanguageGuess("und", c)`` when the text has no letters (emoji, numbers), or when
    neither the lexicon nor the statistical model is confident enough (``c < min_confidence``).
    """
    text = text[:_MAX_CHARS]  # the language is evident long before; bounds the cost
    letters, latin = _letter_counts(text)
    if not letters:
        return LanguageGuess(UNDETERMINED, 0.0)
    latin_share = latin / letters
    if latin_share < 0.5:
        # Another script dominates: py3langid's script-aware model is good at this.
        code, prob = _identifier(False).classify(text)
        confidence = float(prob) * (1.0 - latin_share)
        if confidence < min_confidence:
            return LanguageGuess(UNDETERMINED, round(confidence, 3))
        return LanguageGuess(str(code), round(confidence, 3))

    if text.isascii():  # lower case keeps ASCII words whole, and there is no "’" to replace
        words = _WORD_RE.findall(text.lower())
    else:
        words = [w.lower().replace("’", "'") for w in _WORD_RE.findall(text.replace("’", "'"))]
    lex_scores, hits = _lexicon_scores(words, text)
    # py3langid restricted to our languages; trust grows with length (it is weak below ~20
    # letters). Its probabilities are over-confident on short text, hence the damping.
    model_weight = min(1.0, letters / 40.0)
    # Without a lexicon hit, a short text is too thin to trust the model alone.
    evidence = min(1.0, 0.5 * hits + model_weight)
    decided = _decided_by_words(lex_scores, model_weight) if evidence >= 1.0 else None
    if decided is not None and min_confidence <= 1.0:
        return LanguageGuess(decided, 1.0)
    ranked = dict(_identifier(True).rank(text))
    combined: dict[str, float] = {}
    for lang in SUPPORTED:
        model_log = math.log(max(float(ranked.get(lang, 0.0)), _MODEL_FLOOR))
        combined[lang] = (_LEXICON_WEIGHT * lex_scores[lang]
                          + _MODEL_LOG_WEIGHT * model_weight * model_log)  # fmt: skip
    top = max(combined.values())
    exp = {lang: math.exp(v - top) for lang, v in combined.items()}
    total = sum(exp.values())
    best = max(exp, key=lambda lang: exp[lang])
    posterior = exp[best] / total
    confidence = round(posterior * (0.5 + 0.5 * evidence), 3)
    if confidence < min_confidence:
        return LanguageGuess(UNDETERMINED, confidence)
    return LanguageGuess(best, confidence)


def detect_languages(
    texts: Iterable[str], min_confidence: float = MIN_CONFIDENCE
) -> list[LanguageGuess]:
    """Batch form of :func:`detect_language` (same result per text)."""
    return [detect_language(text, min_confidence) for text in texts]


def covered_languages(
    texts: Sequence[str], min_share: float = 0.05, sample: int = 2_000, seed: int = 0
) -> frozenset[str]:
    """The languages that make up at least ``min_share`` of ``texts`` (a training set).

    Why: a model that learns words knows only the words of the languages its history is
    written in; the intent model's out-of-scope novelty must not read a French request to
    an English-only shop as "none of my intents" for its French words
    (``novelty.NoveltyModel``). A language under 5% of the history brings too few of its
    words for an unknown word to mean an unknown request. Detected on a seeded sample of
    at most ``sample`` texts (~0.25 ms each); undetermined texts are not counted.
    """
    chosen: Sequence[str] = texts
    if len(texts) > sample:
        rng = np.random.default_rng(seed)
        chosen = [texts[i] for i in sorted(rng.choice(len(texts), sample, replace=False))]
    codes = [g.code for g in detect_languages(chosen) if g.code != UNDETERMINED]
    if not codes:
        return frozenset()
    counts = Counter(codes)
    return frozenset(code for code, n in counts.items() if n >= min_share * len(chosen))


@register("language", "language.lexicon.v1")
class LanguageDetector(Component):
    """:func:`detect_language` as a registered component (nothing to learn).

    ``predict`` gives codes (``"und"`` when unsure); ``analyse`` gives ``Score`` objects with
    ``label=None, abstained=True`` for undetermined text. ``fit`` ignores its data: it only
    validates the threshold, so the shared fit/save/reload contract holds.
    """

    def __init__(self, min_confidence: float = MIN_CONFIDENCE) -> None:
        self.min_confidence = min_confidence

    def fit(self, texts: Sequence[str], labels: Sequence[Any] | None = None) -> Self:
        if not 0.0 <= self.min_confidence <= 1.0:
            raise ValueError(f"min_confidence must be in [0, 1], got {self.min_confidence}")
        self.languages_ = list(SUPPORTED)
        return self

    def predict(self, texts: Sequence[str]) -> list[Any]:
        self._check_fitted()
        return [g.code for g in detect_languages(map(prepare_text, texts), self.min_confidence)]

    def analyse(self, texts: Sequence[str]) -> list[Any]:
        self._check_fitted()
        guesses = detect_languages(map(prepare_text, texts), self.min_confidence)
        return [
            Score(
                "language",
                None if g.code == UNDETERMINED else g.code,
                g.confidence,
                abstained=g.code == UNDETERMINED,
            )
            for g in guesses
        ]

    def get_state(self) -> ComponentState:
        self._check_fitted()
        return ComponentState(meta={"languages": self.languages_})

    def set_state(self, state: ComponentState) -> None:
        self.languages_ = list(state.meta["languages"])

    @classmethod
    def example_data(cls) -> tuple[list[str], list[Any]]:
        texts = ["where is my order", "wo ist mein Paket?", "merci beaucoup", "👍"]
        return texts, ["en", "de", "fr", UNDETERMINED]
