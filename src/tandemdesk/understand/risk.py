"""Risk signals: the high-stakes messages a person must see, named, scored and shown.

Why a component of its own: a product that caught fire, a charge the customer never made,
closing a deceased relative's account or a message that reads as hopelessness are rare,
so an intent model trained on ordinary history never learns them, and distress or urgency
scores mix them with ordinary frustration. A policy needs to gate on *what* is at stake
(``risk_in: [self_harm, safety_hazard]``), and the person it goes to needs to see the words
that raised it — hence named categories, a severity score per category and evidence spans.

Why rules: every category must work in en/de/fr/es on day one, without training data, and
every decision must be explainable. The patterns are written for *meaning in context*
rather than single words ("caught fire", not "fire"; a relative's death, not "died"), so
figurative use ("this deal is fire", "my battery died", "Akku ist tot", "je meurs d'envie")
does not match. Where people paraphrase most (self-harm, fraud), patterns are frames — a
wish, plan or thought followed by a way of dying; a payment followed by "I never …"; "in
<place>, I've never been there" — each written in all four languages, with word stems
(``beerdig…``, ``enterr…``) rather than single forms. Hazard and legal words are
negatable ("nothing caught fire", "no need for lawyers") and hazard words are not an
incident in a question ("could it overheat?"); fraud patterns carry their own negation
("a charge I never made").

How the text is read: casefolded, accents stripped (``überhitzt`` = ``uberhitzt`` =
``ueberhitzt``, ``décédé`` = ``decede``), typographic apostrophes and dashes made plain,
zero-width characters dropped and whitespace collapsed — with a map from every folded
character back to the original one, so evidence offsets always point into the text the
caller passed. An ASCII message with single spaces needs no map (its lower-case form has
the same offsets). One trie search for the patterns' required words then names the few
patterns that can match (none, for most calm messages); see ``_Lexicon``.

Scores are per category (a category's score is its strongest match), fixed by severity:
self-harm 0.95 (hopelessness phrases 0.8–0.85), safety hazards 0.8–0.9, a person
depending on medicine or care 0.7 (domestic violence 0.85), fraud 0.7–0.75, bereavement
0.65, legal threats 0.55. Every score is ≥ 0.5, so "detected" means "a pattern matched".

Known limits (``bench/risk_signals.py``): on fresh messages in ordinary words recall is
0.90–1.00 per category, but a deliberately unusual paraphrase is missed one time in four
or five ("the heater cord went up in smoke" was, before it became tuning data); a joke or a
third person's situation ("my elderly neighbour") can fire; leetspeak is not decoded.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any, Self

from tandemdesk.understand.base import Component, ComponentState, Evidence, Score
from tandemdesk.understand.errors import TrainingDataError
from tandemdesk.understand.prefilter import LEXICONS, LiteralIndex
from tandemdesk.understand.registry import register
from tandemdesk.understand.text import DEFAULT_MAX_CHARS
from tandemdesk.understand.waits import COUNT_EN

CATEGORIES: tuple[str, ...] = (
    "self_harm", "safety_hazard", "fraud", "bereavement", "legal_threat", "vulnerable",
)  # fmt: skip

# ----------------------------------------------------------------------------- folding

_PLAIN: dict[str, str] = {
    "\u2019": "'", "\u2018": "'", "\u201b": "'", "\u02bc": "'", "\u2032": "'", "`": "'",
    "\u00b4": "'", "\u201c": '"', "\u201d": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u00e6": "ae", "\u0153": "oe", "\u00f8": "o", "\u0142": "l", "\u0111": "d",
    "\u00fe": "th", "\u00f0": "d", "\u0131": "i",
}  # fmt: skip
_SENTINEL = "\x00"  # in the one-to-one table: "this character needs the full fold"


def fold_char(ch: str) -> str:
    """The folded form of one character: lower-case ASCII, ``""`` or ``" "``.

    Format characters (zero-width joiners, soft hyphens, bidi marks) and combining marks
    vanish, so ``k\\u200dill`` reads ``kill`` and a decomposed ``é`` reads ``e``; any other
    whitespace or control character is a space; letters lose their accents and case (``ß``
    is ``ss``); a character without an ASCII reading (emoji, other scripts) is a space.
    """
    if ch in _PLAIN:
        return _PLAIN[ch]
    category = unicodedata.category(ch)
    if category in ("Cf", "Mn", "Me"):
        return ""
    if ch.isspace() or category.startswith("C"):
        return " "
    if ch.isascii():
        return ch.lower()
    folded = unicodedata.normalize("NFKD", ch.casefold())
    folded = "".join(_PLAIN.get(c, c) for c in folded if not unicodedata.combining(c))
    folded = unicodedata.normalize("NFKD", folded.lower())
    out = "".join(c for c in folded if not unicodedata.combining(c))
    return out if out.isascii() and out.isprintable() else " "


class _OneToOne(dict[int, str]):
    """``str.translate`` table: a character's fold when it is one character, else a sentinel."""

    def __missing__(self, code: int) -> str:
        folded = fold_char(chr(code))
        value = folded if len(folded) == 1 else _SENTINEL
        self[code] = value
        return value


_ONE_TO_ONE = _OneToOne()


@lru_cache(maxsize=4096)
def _fold_cached(ch: str) -> str:
    return fold_char(ch)


def fold(text: str) -> tuple[str, list[int] | None]:
    """``text`` casefolded, accent-free, ASCII, single-spaced, and where each char came from.

    The second value maps each folded position to its position in ``text``; ``None`` means
    "the same position" (the common case, which needs no list).
    """
    if text.isascii() and text.isprintable() and "  " not in text:
        return text.lower(), None
    folded = text.translate(_ONE_TO_ONE)
    if _SENTINEL not in folded and "  " not in folded:
        return folded, None
    chars: list[str] = []
    index: list[int] = []
    for position, ch in enumerate(text):
        for piece in _fold_cached(ch):
            if piece == " " and (not chars or chars[-1] == " "):
                continue
            chars.append(piece)
            index.append(position)
    return "".join(chars), index


# ----------------------------------------------------------------------------- patterns

NEGATABLE = 1
"""A negation word just before the match (same clause, ≤ 3 words) cancels it."""
HYPOTHETICAL = 2
"""A modal or question word just before the match cancels it ("could it overheat?")."""

_UMLAUTS = {"ä": "ae?", "ö": "oe?", "ü": "ue?", "ß": "ss"}


def _ascii_pattern(pattern: str) -> str:
    """A pattern written with accents, for the folded text (``ü`` also matches ``ue``)."""
    out = []
    for ch in pattern:
        if ch in _UMLAUTS:
            out.append(_UMLAUTS[ch])
        elif ch.isascii():
            out.append(ch)
        else:
            out.append(fold_char(ch))
    return "".join(out)


@dataclass(frozen=True, slots=True)
class RiskPattern:
    """One way of saying a risk: category, severity, words for humans, the regex, guards."""

    category: str
    weight: float
    detail: str
    pattern: str
    guards: int = 0


# Shared word lists (already folded: no accents, lower case).
KIN_EN = (
    r"husband|wife|partner|spouse|fianc[eé]e?|boyfriend|girlfriend|mum|mom|mother|mommy|mummy"
    r"|dad|daddy|father|son|daughter|child|baby|brother|sister|grandma|grandmother|granny|nan"
    r"|nana|grandad|granddad|grandpa|grandfather|grandson|granddaughter|aunt|auntie|uncle"
    r"|cousin|nephew|niece|friend|parents?|mother[- ]in[- ]law|father[- ]in[- ]law"
    r"|stepfather|stepmother|stepdad|stepmum|stepmom"
)
# German relatives by grammatical gender, with their inflected forms ("meinen Verlobten"):
# "sie" and "er" refer back to them (``_then_died_de``); ``KIN_DE`` is both and the rest.
_KIN_DE_SHE = (
    r"frau|ehefrau|partnerin|lebensgefährtin|verlobten?|mutter|mama|mutti|tochter|schwester"
    r"|oma|großmutter|urgroßmutter|enkelin|tante|großtante|cousine|nichte|freundin"
    r"|schwiegermutter|stiefmutter|schwägerin"
)
_KIN_DE_HE = (
    r"mann|ehemann|partner|lebensgefährten?|verlobte[nr]|vater|papa|vati|sohn|bruder|opa"
    r"|großvater|urgroßvater|enkel|onkel|großonkel|cousin|neffe|freund|schwiegervater"
    r"|stiefvater|schwager"
)
KIN_DE = rf"{_KIN_DE_SHE}|{_KIN_DE_HE}|kind|baby|eltern"
KIN_FR = (
    r"mari|femme|époux|épouse|compagnon|compagne|conjointe?|fiancée?|mère|maman|père|papa"
    r"|fils|fille|enfant|bébé|frère|sœur|soeur|grand-mère|grand mère|grand-père|grand père"
    r"|mamie|mamy|papi|papy|tante|oncle|cousine?|neveu|nièce|amie?|parents|beau-père"
    r"|belle-mère"
)
KIN_ES = (
    r"marido|esposo|esposa|mujer|pareja|novio|novia|madre|mamá|padre|papá|hijo|hija|niño"
    r"|niña|bebé|hermano|hermana|abuela|abuelo|tía|tío|primo|prima|amigo|amiga|suegra|suegro"
    r"|padres|sobrino|sobrina|nieto|nieta"
)
_MY_EN = r"(?:my|our|his|her|their)"
_CANT = r"(?:can'?t|cannot|can not|couldn'?t|could not)"
_DONT = r"(?:don'?t|dont|do not)"
# Spelled out in full (not "(?:i|we) (?:never|…)"), so the prefilter's required words are
# "i never", "we didn't" … rather than "order" or "payment", which most banking texts contain.
_I_NOT_EN = "(?:" + "|".join(
    f"{who} {not_}" for who in ("i", "we")
    for not_ in ("never", "didn't", "didnt", "did not", "don't", "dont", "do not")
) + ")"  # fmt: skip
_THEY_NOT_EN = "(?:" + "|".join(
    f"{who} {not_}" for who in ("she", "he", "they") for not_ in ("never", "didn't", "did not")
) + ")"  # fmt: skip
_I_HAVE_NOT_EN = "(?:" + "|".join(
    f"{who} {not_}" for who in ("i have", "i've", "ive", "we have", "we've")
    for not_ in ("never", "not")
) + "|i haven't|i havent|we haven't)"  # fmt: skip
_MONEY_NOUNS_EN = (
    r"charges?|payments?|purchases?|transactions?|orders?|withdrawals?|debits?|transfers?"
    r"|subscriptions?|bookings?|direct debits?|card payments?"
)
_BODY_EN = (
    r"hands?|fingers?|thumbs?|arms?|legs?|face|skin|mouth|lips?|eyes?|feet|foot|head|neck"
    r"|scalp|ears?|nose|tongue|wrists?|knees?|chest|back|child|son|daughter|baby|kid|toddler"
    r"|dog|cat"
)
# Bones and joints people break or sprain: "broke his wrist", "s'est cassé la cheville".
_BONES_EN = (
    r"wrists?|arms?|legs?|ankles?|feet|foot|hands?|fingers?|thumbs?|toes?|nose|jaw|ribs?"
    r"|collarbone|hip|shoulder|elbow|knee|skull|back|neck|tooth|teeth|bones?"
)
_BONES_DE = (
    r"arm|bein|hand|handgelenk|knöchel|sprunggelenk|fuß|finger|zeh|nase|rippe|rippen"
    r"|schlüsselbein|hüfte|schulter|ellbogen|ellenbogen|knie|kiefer|zahn|schädel|wirbel"
)
_BONES_FR = (
    r"cheville|bras|jambe|poignet|main|pied|nez|côte|côtes|clavicule|hanche|épaule|coude"
    r"|genou|doigt|orteil|dent|dents|mâchoire|crâne|dos|nuque"
)
_BONES_ES = (
    r"brazo|pierna|muñeca|tobillo|mano|pie|nariz|costilla|costillas|clavícula|cadera|hombro"
    r"|codo|rodilla|dedo|diente|dientes|mandíbula|cráneo|espalda|cuello"
)
_DEVICE_PARTS_EN = (
    r"plugs?|sockets?|cables?|cords?|chargers?|wires?|wiring|adapters?|outlets?|batter(?:y|ies)"
    r"|casing|case|plastic|housing|connectors?|ports?|leads?|power ?banks?|extension leads?"
)


# A word in quotes is said in jest ("my son « piraté » my wish list"): not the thing itself.
UNQUOTED = r"(?<![«\"“‘'])(?<![«\"“‘'] )"
NOT_CLOSED = r"(?!\s?[»\"”’'])"
# "hacked together a packing list" is made in a hurry (texts are read accent-folded, so the
# French and Spanish patterns see English "hacked" too)
NOT_PUT_TOGETHER = r"(?! (?:together|up|out|around)\b)"


def _words(*alternatives: str) -> str:
    """One pattern from alternatives, each matched as whole words (one per line reads well)."""
    return r"\b(?:" + "|".join(alternatives) + r")\b"


# A person's ashes ("we're taking dad's ashes up the mountain", "seine Asche verstreuen"),
# not a stove's or a fire pit's ("spread the ashes from the fire pit"); also a distress cue
# (``emotion``), so written once.
ASHES = (
    r"(?:scatter|scattering|spread|spreading|sprinkle|sprinkling|bury|burying|take|taking)"
    r" (?:the last of )?(?:his|her|their|(?:my |our )?\w+'s) ashes"
    r"|(?:seine|ihre|papas|mamas|omas|opas) asche"
    r"|(?:disperser|répandre|dispersé|disperserons|répandrons) ses cendres"
    r"|(?:esparcir|echar|tirar|esparcimos|llevar) sus cenizas"
)
# Money trouble said plainly, the refund or order all that stands between the customer and
# the end of the month ("it's all I've got left until payday", "mon compte est à découvert",
# "das Konto ist im Minus", "tengo la cuenta en números rojos"): a vulnerable customer, and
# also a distress cue (``emotion``), so written once. Not the shop account ("mein Konto ist
# noch leer"), a price ("is €4.95 everything I have left to pay?"), a way to pay ("lo único
# que tengo para pagar es PayPal") or a negation ("das Konto ist nicht im Minus").
MONEY_TROUBLE = (
    r"(?:all|everything|the only money) (?:i'?ve|i have) (?:got )?left (?:until|till|before)"
    r" (?:payday|pay day|the end of the month|i get paid|my next pay\w*)"
    r"|(?:completely |totally |flat |stone )?broke (?:until|till) (?:payday|pay day|the end of"
    r" the month|i get paid)"
    r"|(?<!says )(?<!say )(?<!shows )i (?:literally |now |just )?(?:have|'ve got|got) no money"
    r" left(?! on| in)|(?:my |the )?(?:bank |current )?account(?:'s| is) (?:now )?overdrawn"
    r"|bank account(?:'s| is) (?:now )?empty(?! in| on)|(?:i'?m|i am) (?:now )?overdrawn(?! on)"
    r"|(?:i'?ve got|i have|i'?ve) (?:two|three|four|five|six|\d) kids to feed"
    r"|(?:my )?rent (?:has )?bounced"
    r"|(?:i'?m|i am) (?:completely |totally |absolutely |proper )?skint"
    r"|(?:ich bin|bin) (?:total |völlig |komplett )?blank(?! (?:gezogen|poliert))"
    r"|(?:je suis|mon compte est|compte (?:est )?(?:encore |déjà )?) ?dans le rouge"
    r"|(?:estoy|ando|me quedé|me he quedado) sin un (?:duro|peso|euro|centavo|mango)"
    r"|(?:ich bin|bin) finanziell (?:\w+ )?am ende|(?:bank|giro)?konto ist (?:(?:komplett|total"
    r"|völlig|schon|wieder|tief) )?(?:im minus|überzogen)(?! angezeigt)|(?:bankkonto|girokonto)"
    r" ist (?:komplett |total |völlig )?leer|(?:bin|ich bin) (?:total |völlig |komplett )?pleite"
    r"|compte (?:est )?(?:(?:encore|déjà|complètement|totalement) )?à découvert"
    r"|c'est tout ce qui me reste (?:pour (?:vivre|manger|finir le mois|tenir))"
    r"|je suis (?:complètement |totalement )?à sec|je n'ai (?:plus|pas) un (?:sou|rond|centime)"
    r"|il ne me reste (?:plus )?(?:rien|pas un (?:sou|centime)) pour"
    r"|financièrement,? je n'y arrive plus|je n'y arrive plus financièrement"
    r"|(?:cuenta|saldo) (?:\w+ )?en (?:números|numeros) rojos|no tengo ni un (?:peso|duro|euro"
    r"|centavo)(?! de)|(?:lo único|lo unico) que (?:tengo|me queda) para (?:llegar a fin de mes"
    r"|comer|vivir)|al límite con el dinero"
    r"|(?<!pedido )(?<!paquete )(?<!envio )no llego (?:ni )?a fin de mes"
)
_END = r"(?= *(?:$|[.!,;:)]))"  # the phrase ends its clause: "I can't go on." not "… on waiting"
_HL = NEGATABLE | HYPOTHETICAL
# An age of 70 or more said of oneself: each spelling is its own alternative, as a first
# letter shared by all of them would make the prefilter run the pattern on every message.
_AGE = r"(?:[7-9]\d|1[01]\d)"
_NOT_A_MEASURE = (
    r"(?!\s*%)(?!\s*(?:percent|minutes|mins|miles|km|euros?|pounds?|dollars?|quid|prozent"
    r"|minuten|kilometer|euro|kilo|kg)\b)"
)


# "Jemand anderes ist in meinem Konto" is someone in the account, not an address kept in it
# ("… als zweite Lieferadresse eingetragen", "… gespeichert", a review of suite 15's fixes).
_NOT_STORED_DE = (
    r"(?![^.!?]{0,50}\b(?:eingetragen|gespeichert|hinterlegt|angelegt|vermerkt|hinzugefügt))"
)
# Things that explode in Spanish: "la batería explotó", not "la casilla está explotada" (a full
# inbox) or "me explotó la cabeza" (suite 15).
_EXPLODING_ES = (
    r"batería|bateria|cargador|pila|bombona|cartucho|hornillo|infiernillo|linterna|power ?bank"
    r"|móvil|movil|teléfono|aparato|estufa|enchufe|termo|olla|calentador|lámpara|frontal"
)


# A word in the gap before "gestorben" that makes it no death: a thing's owner ("Mein Sohn
# sein Handy ist … gestorben"), "fast" or "vor Lachen" ("ist vor Lachen fast gestorben").
_NOT_DEATH_DE = (
    r"(?!(?:sein|seine|ihr|ihre|fast|beinahe|halb|spiel)\b)"
    r"(?!vor (?:lachen|schreck|langeweile|angst|hitze|kälte|scham)\b)"
)


# "… für meine Mutter. Sie ist am Sonntag gestorben" / "Leider ist sie …" / "Sie starb …":
# the relative named with "mein/meine/…" (not "Hallo Frau Schmidt", "Mann, das nervt") and
# last in its sentence (no other noun's article after it: "Meine Schwester hat die
# Pflanzenlampe bestellt. Sie ist nach einem Monat gestorben" is the lamp), then the pronoun
# of the relative's gender ("Die Powerbank ist für meinen Bruder. Sie ist …" is the power
# bank), and no device words around it ("Sie ist nach drei Tagen gestorben, der Akku lädt
# nicht mehr", "Er ist nach zwei Ladezyklen gestorben"). "nicht gestorben" is none.
_DEVICE_DE = (
    r"akku|display|bildschirm|lädt|laden|ladezyklen?|licht|garantie|reparatur|defekt|kaputt"
    r"|schalter|batterie|lampe|router|handy|laptop|uhr|pumpe|kamera|drucker|radio|powerbank"
    r"|kopfhörer|\w*(?:lampe|leuchte|maschine|gerät|pumpe|pflanze|blume|orchidee|kaktus)"
)
_DIED_DE = rf"(?<!nicht )(?<!nie )gestorben(?![^.!?]{{0,60}}\b(?:{_DEVICE_DE})\b)"


def _then_died_de(kin: str, pronoun: str) -> str:
    """A relative of ``kin`` named, and in the next sentence or clause ``pronoun`` died."""
    named = (  # from the sentence's start: no device or plant named before the relative
        rf"(?:^|(?<=[.!?] ))(?:(?!\b(?:{_DEVICE_DE})\b)[^.!?]){{0,120}}?"
        rf"(?:mein|meine|meinen|meinem|meiner|unser|unsere|unseren|unserem|unserer) (?:\w+ )?"
        rf"(?:{kin})\b(?:(?!\b(?:die|der|das|den|dem|eine?[mnrs]?)\b)[^.!?]){{0,60}}"
    )
    died = (
        rf"(?:(?:\w+ ){{1,2}}(?:ist|war) {pronoun}|{pronoun} (?:ist|war))"
        rf"(?: {_NOT_DEATH_DE}(?!(?:{_DEVICE_DE})\b)\w+){{0,8}} {_DIED_DE}"
        rf"|{pronoun} (?:starb|verstarb)"
    )
    return rf"{named}(?:[-.!?,;:()]+ ?)+(?:{died})"  # folded text: "…" is "...", "–" is "-"


# Up to N characters in the same sentence: a point inside an amount is not a sentence end
# ("a payment of £389.00 ... that I don't recognise" is one sentence). Only the point: a
# comma is a character of the sentence already, and a second way to match it made a text
# of many digit commas take seconds (one alternative per character keeps it linear).
def _within(n: int) -> str:
    return rf"(?:[^.!?]|(?<=\d)\.(?=\d)){{0,{n}}}?"


PATTERNS: tuple[RiskPattern, ...] = (
    # ------------------------------------------------------------------ self_harm
    RiskPattern("self_harm", 0.95, "talks of ending their life", _words(
        r"kill(?:ing)? (?:myself|my self)(?! laughing| with laughter)",
        r"(?:end|ending) (?:my life|my own life|it all)",
        r"take my life|taking my life|take my own life|taking my own life",
        r"(?<!not )(?<!pas )suicid\w*|sucid\w*|suisid\w*|suicdal",
        r"self[- ]?harm\w*",
        r"(?:hurt|harm|cut)(?:ing)? (?:myself|my self)",
        r"end it (?:tonight|all|for good)",
    )),
    RiskPattern("self_harm", 0.95, "wishes to be dead", _words(
        r"want to die|wanna die|going to die|ready to die|wish to die",
        r"wish (?:i|i'd) (?:was|were|had) (?:dead|never been born)",
        r"better off (?:dead|without me)",
        r"(?:rather be dead|rather die)",
        r"nothing (?:left )?to live for",
        rf"{_DONT} want to (?:live|be alive|exist)|{_DONT} wanna (?:live|be alive|exist)",
        rf"{_DONT} want to be here any ?more|{_DONT} wanna be here any ?more",
        # "i dont think i want to be here anymore": without a negation the phrase is not said
        r"(?:want|wanna) to be (?:here|around|alive) any ?more",
        r"not worth living",
        r"(?:no point|no reason) (?:in |to )?(?:keep |go on |carry on )?(?:living|live|going on"
        r"|carrying on|being alive)",
        rf"{_DONT} want to wake up|{_DONT} wanna wake up",
        r"better off if i (?:wasn'?t|was not|weren'?t|were not|was gone|were gone|didn'?t exist)",
        r"(?:nobody|no one|noone) (?:would|will|'d) (?:even )?(?:notice|care|miss me)",
        # frames: a wish, a plan or a thought, followed by death ("I keep thinking about
        # ending it", "I'd rather be dead", "it would be better if I wasn't here")
        r"(?:want|wanna|wish|would like|'d like|would rather|'d rather|rather)(?: to)?"
        r"(?: just| really| honestly| simply| only)* (?:end it all|end my life"
        r"|end everything|kill myself(?! laughing)|not be (?:here|around|alive)|never wake up"
        r"|not wake up"
        r"|disappear forever|disappear for good|sleep forever)",
        r"(?:think|thinking|thought|thoughts|planning|plan|planned|considering|decided)"
        r"(?: about| of| on| to)?(?: \w+)? (?:ending it(?! with| now| early| today| here)"
        r"|ending my life|ending everything|ending things|end (?:it all|my life|everything"
        r"|things)|killing myself"
        r"|kill myself(?! laughing)|taking my (?:own )?life|take my (?:own )?life)",
        r"(?:go to sleep|sleep) and (?:never|not) wake up",
        r"(?:take|taking|took|swallow\w*) (?:all|all of) (?:my|the) (?:pills|tablets|meds"
        r"|medication|sleeping pills)|overdos\w*",
        r"(?:life|living|it all)(?:'s| is)?(?: just)? (?:not|no longer|isn'?t|is not) worth"
        r" (?:it|living)",
        r"stop existing|cease to exist",
        r"i'?m ending (?:it|things|everything)(?! with| now| early| today| here)",
        r"(?:should|could|might as well|will|gonna|going to) (?:just )?end (?:it all|things all"
        rf"|it{_END}|things{_END})",
        r"(?:my |)life (?:has no meaning|is meaningless|is pointless|has no point)",
        r"(?:better off|be better|would be better|'d be better) (?:for everyone |for all )?"
        r"(?:if i (?:wasn'?t|was not|weren'?t|were not|was gone|were gone|didn'?t exist"
        r"|died)|without me|dead)",
        r"(?:won'?t|will not|not going to|i'?ll not|not) be (?:here|around|alive) (?:much longer"
        r"|for much longer|for long|anymore|any more|next week|next month|tomorrow)",
        r"(?:i'?ll|i will) be (?:around|here|alive) (?:much longer|for much longer)",
        r"(?:no|any|a) (?:reason|point) (?:to|in|for) (?:me )?(?:live|living|keep living|go on"
        r"|going on|carry on|carrying on|be alive|being alive|stay alive)",
        r"what'?s the point (?:of|in) (?:living|life|going on|being alive)",
        r"thoughts of (?:suicide|ending (?:it|my life)|dying|killing myself|hurting myself)",
    )),
    RiskPattern("self_harm", 0.8, "sounds hopeless", _words(
        rf"{_CANT} go on(?: any ?more| any longer| living)?{_END}",
        r"(?:there'?s|there is|theres|i see) no point (?:any ?more|in anything|in life)",
        rf"{_DONT} see the point (?:of|in) (?:anything|living|going on|life)",
        r"i (?:feel|am|'m) (?:so |completely |totally |utterly )?hopeless",
        r"giv(?:e|ing) up on (?:life|everything)",
        r"(?:done with|tired of|sick of) (?:life|living|being alive)",
        r"disappear (?:forever|for good)",
        r"(?:there'?s|there is|i see|see) no way out",
        rf"{_DONT} want to (?:go on|carry on)(?: any ?more| like this| living)?{_END}",
        r"lost (?:the|my|all) will to live",
        rf"nothing (?:really )?matters (?:any ?more|now|to me now|to me any ?more){_END}",
        # warning signs said in passing: goodbyes said, belongings given away
        r"(?:giving|given|gave) (?:all |most )?(?:of )?my (?:stuff|things|belongings|possessions)"
        r" away",
        r"(?:won'?t|will not) (?:be )?need(?:ing)? (?:\w+ ){0,3}(?:for )?much longer",
        r"(?:said|saying) (?:my )?goodbyes? to (?:everyone|everybody|all my|my family)",
        # not money said plainly ("I have nothing left, no money for rent": hardship, not
        # crisis; the vulnerable patterns read that)
        rf"i (?:have|'ve got|'ve|ve) nothing left{_END}(?!.{{0,40}}\b(?:money|rent|pay|bills?"
        r"|account|card|balance|food|cash|savings|bank)\b)",
    )),
    RiskPattern("self_harm", 0.95, "talks of ending their life (de)", _words(
        r"selbstmord\w*|suizid\w*",
        r"mich (?:umbringen|umzubringen|töten|zu töten)|bring(?:e)? mich (?:\w+ ){0,3}um",
        r"(?:mir|mich) (?:\w+ ){0,2}(?:das|mein) leben (?:zu )?nehmen",
        r"(?:nicht|nie) (?:mehr|wieder) aufwachen",
        r"keine kraft mehr(?: zu| zum)? leben",
        r"(?:wäre|wär|bin) ich (?:lieber |besser |einfach )?tot|lieber tot|besser tot",
        r"(?:wenn|dass) ich (?:bald |dann |demnächst )?nicht mehr (?:da|hier|am leben)"
        r" (?:wäre|bin|sei)",
        r"nicht mehr (?:da|hier|am leben) sein",
        r"(?:halte|ertrage) (?:das|mein) leben nicht mehr",
        r"alle (?:meine |die )?(?:tabletten|pillen|medikamente) (?:zu )?(?:nehmen|schlucken)"
        r"|überdosis",
        r"leben (?:ist )?(?:es )?(?:nicht|kaum) mehr (?:lebens)?wert",
        r"(?:aufhören zu|nicht mehr) existieren",
        r"(?:keinen|kein) grund (?:mehr )?(?:zu|zum) leben",
        r"(?:keinen|kein) sinn (?:mehr )?(?:im|in meinem) leben|leben hat keinen sinn",
        r"lebensmüde",
        r"(?:will|möchte|würde|wollte) (?:(?!für )\w+ ){0,3}sterben",
        r"ni(?:ch|cht) mehr leben",
        r"etwas antun|was antun|etwas anzutun|was anzutun|mich ritzen",
        r"schluss mit (?:allem|meinem leben|dem leben)",
        r"(?:allem|meinem leben|dem ganzen) ein ende (?:setzen|machen|bereiten)",
    )),
    RiskPattern("self_harm", 0.85, "sounds hopeless (de)", _words(
        r"alles (?:hat )?keinen sinn mehr|(?:leben|das alles) hat keinen sinn",
        rf"ich kann (?:einfach |echt |wirklich )?nicht mehr(?: weiter)?{_END}",
        r"hoffnungslos|keinen ausweg mehr",
        rf"ich will (?:einfach |echt |wirklich |ehrlich gesagt )?nicht mehr{_END}",
        r"(?:keine lust|keine kraft|kein bock) mehr auf (?:gar )?(?:nichts|das leben)",
        r"(?:wofür|wozu|warum) ich (?:\w+ ){0,3}(?:noch )?aufstehen soll",
        r"nichts (?:hat|spielt) (?:\w+ )?mehr (?:eine |irgendeine )?(?:bedeutung|rolle)"
        rf"(?: für mich| in meinem leben)?{_END}",
        r"(?:hab|habe) mit allem abgeschlossen|mich von allen verabschiedet"
        r"|verschenke (?:gerade )?(?:alle )?meine sachen",
    )),
    RiskPattern("self_harm", 0.95, "talks of ending their life (fr)", _words(
        r"(?<!not )(?<!pas )suicid\w*|me (?:suicider|tuer)",
        r"mettre fin à (?:mes jours|ma vie)",
        r"en finir avec (?:la vie|ma vie|tout)",
        r"(?:envie|besoin) de mourir|je veux (?:juste )?mourir",
        r"(?:plus|pas) envie de vivre|(?:ne )?veux plus vivre",
        r"(?:n'?|n )?en peux plus de vivre",
        r"me faire du mal",
        r"(?:veux|voudrais) plus (?:me )?réveiller",
        r"plus la force de vivre",
        r"mieux sans moi|si je n'(?:étais|était) plus là",
        # not "je ne serai plus là samedi, livrez lundi" (away from home)
        rf"(?:ne )?(?:serai|serais) plus là(?:{_END}"
        r"| pour (?:en profiter|l'ouvrir|le voir|les voir))"
        r"|(?:ne )?(?:serai|serais) (?:bientôt|sans doute|probablement) plus là"
        r"|(?:ne )?(?:serai|serais) plus là (?:\w+ ){0,4}de toute (?:façon|manière)",
        r"(?:aucune|pas de|plus de|plus aucune) raison de vivre",
        r"disparaître (?:pour toujours|à jamais|définitivement)",
        r"(?:pense|penser|pensé|songe) à en finir|(?:envie|besoin) d'en finir",
        r"(?:prendre|avaler) (?:tous )?(?:mes|les) (?:cachets|médicaments|comprimés|pilules)"
        r"|surdose",
        r"la vie ne vaut (?:plus )?(?:rien|pas la peine|le coup)",
        r"(?:ma|la) vie n'a plus (?:de|aucun) sens",
        r"cesser d'exister|ne plus exister",
        r"(?:voudrais|veux|aimerais|souhaite) (?:juste |simplement |seulement )?mourir",
        r"marre de (?:la |ma )?vie",
        r"ne vaut (?:plus )?la peine d'être vécue",
    )),
    RiskPattern("self_harm", 0.8, "sounds hopeless (fr)", _words(
        rf"(?:je |j')?(?:n'?|n )?en peux plus{_END}",
        rf"(?:veux|vais) en finir{_END}",
        r"plus aucun espoir",
        r"(?:je suis|je me sens) désespérée?",
        r"ça ne sert (?:plus )?à rien de vivre",
        rf"(?:plus|pas) envie de rien{_END}|plus (?:le )?goût à rien|plus (?:le )?goût de vivre",
        r"(?:j'ai )?dit adieu à tout le monde|je donne toutes mes affaires",
        r"(?:plus (?:grand[- ]chose|rien) (?:n'?)?a|rien n'a plus) (?:d'|de l'|de |aucune )?"
        rf"importance(?: (?:maintenant|désormais|pour moi|dans ma vie))?{_END}",
    )),
    RiskPattern("self_harm", 0.95, "talks of ending their life (es)", _words(
        r"(?<!not )(?<!no )suicid\w*|quitarme la vida|matarme",
        r"no quiero (?:seguir )?vivi\w*",
        r"quiero morir(?:me)?|(?:ganas|deseos) de morir(?:me)?",
        r"hacerme daño",
        r"no vale la pena vivir",
        r"acabar con mi vida",
        rf"no quiero despertar(?:me)?(?: mañana| nunca| más)?{_END}",
        r"mejor sin mí",
        r"no tengo fuerzas (?:para|de) vivir",
        r"(?:ninguna|ni una|no hay|no tengo) (?:razón|motivo) para (?:seguir )?vivi(?:r|endo)",
        r"(?:mejor|preferiría) (?:estar )?muert[oa]|estaría mejor muert[oa]",
        r"(?:ya )?no estaré (?:aquí|por aquí)",
        r"(?:no quiero|quiero dejar de) existir",
        r"(?:tomarme|tomar|tragarme) todas (?:mis|las) (?:pastillas|pastis)|sobredosis",
        r"la vida (?:ya )?no vale (?:la pena|nada)",
        r"(?:mi|la) vida (?:ya )?no tiene (?:ningún )?sentido",
        r"no tengo (?:nada )?por (?:lo )?que vivir",
        r"(?:terminar|acabar) con mi vida|no tengo ganas de vivir|quitarme de en medio",
    )),
    RiskPattern("self_harm", 0.8, "sounds hopeless (es)", _words(
        rf"no puedo más{_END}",
        r"no puedo más con (?:esto|mi vida|la vida)",
        r"no aguanto más (?:esta vida|vivir|la vida)",
        r"(?:ya )?no tiene sentido (?:nada|vivir|seguir)|nada tiene sentido",
        r"acabar con todo",
        rf"(?:(?:ya )?nada (?:me )?importa (?:ya|nada)|ya nada (?:me )?importa){_END}",
        r"sin (?:ninguna )?esperanza",
        r"desaparecer para siempre",
        rf"(?:ya )?no quiero seguir(?: así| adelante)?{_END}|no tengo ganas de nada{_END}",
        r"me he despedido de todos|no creo que (?:siga|esté) por aquí"
        r"|(?:regalando|he regalado) (?:todas )?mis cosas",
    )),
    # ------------------------------------------------------------------ safety_hazard
    RiskPattern("safety_hazard", 0.9, "product caught fire", _words(
        r"(?:caught|catch|catches|catching|cought|caugh|cuaght) (?:on )?fire",
        r"caught alight|went alight",
        r"set (?:\w+ ){0,3}(?:on fire|alight|ablaze)|set fire to",
        r"burst into flames|went up in flames|in flames|flames (?:came|coming|shot)",
        r"(?:went up|burst|exploded|turned|go|went) (?:in|into) a (?:ball of (?:fire|flames)"
        r"|fireball)",
        r"went up in smoke",
        r"started a fire|fire broke out|caused a fire|fire hazard",
        r"burn(?:ed|t) (?:the \w+ )?down",
    ), _HL),
    RiskPattern("safety_hazard", 0.85, "smoke from the product", _words(
        r"smoke (?:came|comes|coming|come|was coming|is coming|pouring|poured|billowing"
        r"|started|rising|from|out of)",
        r"(?:started|began|was|is|it's|its|kept) smoking",
        r"puff of smoke|full of smoke|smoke everywhere",
        r"there was smoke|there is smoke|there's smoke",
        r"(?:emit|emits|emitting|emitted|gave off|giving off|gives off) smoke",
    ), _HL),
    RiskPattern("safety_hazard", 0.8, "burning smell", _words(
        r"(?:burning|burnt|burned|electrical) (?:plastic |rubber )?smell",
        r"smell(?:s|ed|ing)? (?:of |like )?(?:burning|burnt|smoke|melting plastic)",
    ), _HL),
    RiskPattern("safety_hazard", 0.85, "product overheated", _words(
        r"(?:overheat|over heat|overheet|overhet|overhaet)\w*(?! protection| cut-?off)",
        r"(?:hot|heat) (?:\w+ ){0,3}(?:it |that )?(?:melted|melting)",
        r"(?:plug|socket|outlet|stecker|steckdose|prise|enchufe|toma)\w* (?:is|ist|est|está"
        r"|was|war|était|estaba) (?:\w+ )?(?:black|blackened|schwarz|noire?|negro|negra"
        r"|quemad[oa]|verkohlt|carbonisée?)",
        r"too hot to (?:touch|hold)|dangerously hot|scalding hot|red hot",
        # a device that got hot (not "the oven gets really hot", "the tent got really hot")
        r"(?:batter(?:y|ies)|charger|power ?bank|cable|plug|socket|adapter|lamp|lantern|headlamp"
        r"|torch|compartment|heater|motor|device|phone)s? (?:\w+ )?(?:got|became|went)"
        r" (?:super|really|very|so|extremely|crazy|insanely) hot",
        r"scorch(?:ed|ing)|burn mark|scorch marks?|black marks?|singed|charred",
        r"(?:strip|socket|plug|outlet|charger|cable|adapter|wire|wiring|motor|lead)s? (?:\w+ )"
        r"{0,2}burn(?:t|ed) out",
    ), _HL),
    RiskPattern("safety_hazard", 0.85, "product melted", _words(
        rf"(?:{_DEVICE_PARTS_EN}) (?:has |have |had |is |was |got |were )?(?:\w+ )?"
        r"(?:melted|melting)",
        r"melted (?:the |my )?(?:plug|socket|cable|cord|wire|plastic|casing|outlet)",
    ), _HL),
    RiskPattern("safety_hazard", 0.85, "sparks", _words(
        r"sparks? (?:came|coming|flew|flying|shot|out|from)",
        r"sparking|(?:emitted|throwing|threw|gave off|saw|were) sparks",
    ), _HL),
    RiskPattern("safety_hazard", 0.9, "product exploded", _words(
        r"explod(?:ed|es|ing)|explosion|blew up in",
    ), _HL),
    RiskPattern("safety_hazard", 0.9, "electric shock", _words(
        r"electric(?:al)? shock|electrocut\w*",
        r"(?:got|get|getting|was) (?:a bit |badly )?shocked(?! (?:by|at|to|when|how|that))",
        r"(?:gave|giving|gives|got|get|getting) (?:me |him |her |us |them )?(?:a |an )?"
        r"(?:electric |electrical |nasty )?shock(?! (?:at|by|to see|when|seeing))",
    ), _HL),
    RiskPattern("safety_hazard", 0.9, "someone was hurt", _words(
        r"(?:burn(?:ed|t|s|ing)?|scald(?:ed|ing|s)?|cut|injur(?:ed|es|ing)|hurt) "
        rf"{_MY_EN}(?: \w+'s)? (?:{_BODY_EN})",
        rf"(?:{KIN_EN}|kids?|toddler) (?:got|was|were|has been|have been) (?:badly |severely "
        r"|seriously )?(?:burned|burnt|scalded|injured|electrocuted)",
        r"(?:got|was|were|been|is|are) (?:badly |seriously |severely )?(?:injured|scalded"
        r"|electrocuted)",
        r"(?:first|second|third)[- ]degree burns?|burns (?:on|to) (?:my|his|her|their)",
        r"chemical burns?",
        r"(?:rushed|taken|went|go|ended up) to (?:the )?(?:hospital|emergency)",
        r"(?:rushed|taken|went|go) to a&e|(?:rushed|taken|went) to the er",
        r"needed (?:medical )?treatment|bleeding badly|won'?t stop bleeding",
        rf"(?:needed|need|had|got|getting|required) (?:(?:{COUNT_EN}|some) )?stitches",
        rf"(?:{COUNT_EN}) stitches (?:in|on|to) {_MY_EN} (?:{_BODY_EN}|{_BONES_EN})",
        rf"(?:cut|sliced|split) {_MY_EN} (?:\w+ )?open|blood everywhere",
        rf"(?:broke|broken|breaking|fractured|fracturing|sprained|dislocated) (?:{_MY_EN}|an?)"
        rf" (?:\w+ )?(?:{_BONES_EN})",
        rf"(?:a |an )?(?:broken|fractured) (?:{_BONES_EN})|fractures?(?! in the)",
        rf"(?:gave|given|giving|left) (?:me|him|her|them|us|{_MY_EN} \w+) (?:a |an )?(?:\w+ )?"
        r"(?:burns?|cuts?|gash|blisters?|injur(?:y|ies)|wound)",
        r"(?:in|at|to|from) a&e",
        # taken there, not working there ("I work in urgent care and need shoes")
        r"(?:rushed|taken|went|go|ended up|had to go|night|nights) (?:at|to|in) urgent care",
        r"covered in (?:blisters|burns)",
        # a person fell a height (not "the parcel fell two metres off the van")
        rf"(?:\bi|\bhe|\bshe|\bwe|{_MY_EN} (?:\w+ )?(?:{KIN_EN}|kids?|friend|partner))"
        r" fell (?:about |around |nearly |almost |over |more than )?"
        r"(?:\d+(?:[.,]\d+)?|two|three|four|five|six|ten) ?(?:metres|meters|m|feet|foot|ft)\b"
        r"(?! short)",
    ), NEGATABLE),
    RiskPattern("safety_hazard", 0.9, "allergen eaten or not declared", _words(
        # an allergy beside what was eaten or contained: "severe nut allergy and the bars
        # you sent contain nuts … he ate one" (the word "allergic" alone is a question)
        r"\w*al?lerg(?:y|ies|ic|ie|ien|isch\w*|ique|iques|ia|ias|ico|ica)\b[^.!?]{0,80}"
        r"\b(?:contains?|contained|containing|ate|eaten|eating|traces? of|gegessen|enth(?:ä|a)lt"
        r"|enthielt|enthalten|spuren von|contient|contenait|mangé|traces de|contiene|contenía"
        r"|comió|comido|trazas de)",
        r"(?:contains?|contained|ate|eaten|gegessen|enth(?:ä|a)lt|enthielt|contient|contenait"
        r"|mangé|contiene|contenía|comió|comido)\b[^.!?]{0,80}\b\w*al?lerg(?:y|ies|ic|ie|ien"
        r"|isch\w*|ique|iques|ia|ias|ico|ica)",
    ), _HL),
    RiskPattern("safety_hazard", 0.9, "allergic reaction", _words(
        r"allergic reaction|anaphyla\w*|epipen|epi pen|went into (?:anaphylactic )?shock",
        r"broke out in (?:a rash|hives)",
        r"swollen (?:face|lips|eyes|throat|tongue)",
        r"(?:face|lips|eyes|throat|tongue) (?:swelled|swollen)",
    ), _HL),
    RiskPattern("safety_hazard", 0.9, "a child swallowed a part", _words(
        r"swallow(?:ed|s)? (?!(?:the |a |my )?card)(?:a|the|one|some|part|parts|piece|pieces"
        r"|small|tiny|battery|button|magnet|bead)(?: \w+)?",
        r"chok(?:ed|ing) on|choking hazard",
        r"(?<!atm )(?<!machine )(?<!it )swallowed (?:it|one|them)",
    ), _HL),
    RiskPattern("safety_hazard", 0.85, "battery swelling", _words(
        r"batter(?:y|ies)(?: [\w-]+){0,4} (?:is |are |has |have |was |started )?(?:swelling|swollen"
        r"|swelled|bulging|bloated|puffed|puffing|expanding|expanded|leaking acid)",
        r"(?:swollen|bulging|bloated|puffed up) batter(?:y|ies)",
    ), _HL),
    RiskPattern("safety_hazard", 0.9, "gas leak", _words(
        r"gas leak|leaking gas|smell(?:s|ed)? (?:of )?gas|carbon monoxide",
    ), NEGATABLE),
    RiskPattern("safety_hazard", 0.9, "product caught fire (de)", _words(
        r"feuer gefangen|fing feuer|in flammen|in brand (?:geraten|gesetzt)|abgebrannt",
        r"(?:einen|ein|als) feuerball|stichflamme",
        r"brandgeruch|brand verursacht|brandgefahr",
        r"(?:hat|ist|hatte) (?:\w+ )?gebrannt|zu brennen|brennt" + _END,
    ), _HL),
    RiskPattern("safety_hazard", 0.85, "smoke or burning smell (de)", _words(
        r"rauch(?:t|te|en)?|geraucht|qualm\w*|gequalmt|verschmort\w*",
        r"(?:wie|nach) verbrannt\w* (?:plastik|kunststoff)",
        r"(?:roch|riecht|riechts|stinkt|stank) (?:\w+ )?(?:verbrannt\w*|angebrannt\w*"
        r"|verschmort\w*|nach rauch|nach brand|verkohlt\w*)",
        r"(?:steckdose|mehrfachsteckdose|stecker|kabel|netzteil|ladegerät|adapter)\w* (?:\w+ )"
        r"{0,3}durchgebrannt",
    ), _HL),
    RiskPattern("safety_hazard", 0.85, "overheated, melted or sparked (de)", _words(
        r"überhitz(?!ungsschutz)\w*",
        r"heiß zum anfassen|gefährlich heiß|brennend heiß|gluht|glueht",
        r"(?:stecker|steckdose|kabel|ladegerät|netzteil|akku|gehäuse|plastik|kunststoff"
        r"|adapter|buchse|mehrfachsteckdose)\w* (?:\w+ ){0,3}(?:geschmolzen|geschmort"
        r"|schmilzt|angeschmolzen)",
        r"funken|funkenflug|explodiert|explosion",
    ), _HL),
    RiskPattern("safety_hazard", 0.9, "electric shock or injury (de)", _words(
        r"stromschlag|elektrischen schlag|(?:eine|einen) gewischt|angesengt|versengt"
        r"|verkohlt\w*",
        r"(?:einen|nen) (?:elektrischen |kräftigen )?schlag (?:bekommen|gekriegt|abbekommen)",
        r"verbrannt|verbrüht|verbrennung\w*|brandblase\w*",
        r"(?:mich|sich|kind|sohn|tochter|baby|hand|finger|arm|bein|gesicht)(?: \w+){0,4} "
        r"(?:verletzt|geschnitten)",
        r"verletzung(?:en)?|notaufnahme|blutet stark|stark blutet|und blutet|genäht werden"
        r"|(?:wurde|musste) (?:\w+ )?genäht",
        rf"(?:sich|mir|ihm|ihr|uns) (?:\w+ ){{0,3}}(?:{_BONES_DE})\w* (?:\w+ )?(?:gebrochen"
        r"|angebrochen|verstaucht|ausgerenkt)",
        r"(?:arm|bein|knochen|handgelenk\w*|knöchel|rippen|schlüsselbein|hüft|nasenbein"
        r"|schädel|wirbel)bruch\w*",
        r"(?:hand|finger|arm|bein|fuß|gesicht)\w* (?:\w+ ){0,2}(?:aufgeschnitten|aufgeschlitzt"
        r"|verbrüht)",
        r"allergische\w* (?:reaktion|schock)|anaphyla\w*",
        r"verschluckt|erstickt|erstickungsgefahr",
        # a person fell ("meine Tochter ist zwei Meter tief gestürzt", not "die App ist
        # abgestürzt"), an injury got ("hat sich eine Verstauchung zugezogen")
        rf"(?:ich bin|bin ich|(?:mein|meine) (?:{KIN_DE}) (?:ist|war))"
        r" (?:(?!aber|und|doch|die|der|das)\w+ ){0,5}(?:gestürzt|hingefallen)",
        r"(?:verstauchung|gehirnerschütterung|platzwunde|bänderriss) (?:\w+ )?(?:zugezogen"
        r"|geholt|erlitten)",
        r"gasgeruch|gasleck|riecht (?:\w+ ){0,2}nach gas|stinkt (?:\w+ ){0,2}nach gas",
    ), _HL),
    RiskPattern("safety_hazard", 0.85, "battery swelling (de)", _words(
        r"(?:akku|batterie)\w* (?:[\w-]+ ){0,4}(?:aufgebläht|aufgequollen|gebläht|dick geworden"
        r"|ausgelaufen)",
        r"aufgeblähte\w* (?:akku|batterie)",
    ), _HL),
    RiskPattern("safety_hazard", 0.9, "product caught fire (fr)", _words(
        r"pris feu|prend feu|prendre feu|a brûlé|en flammes|incendie|départ de feu",
        r"(?:une|en) boule de feu|(?:grosse |énorme )?flamme (?:est sortie|a jailli|m'a)",
    ), _HL),
    RiskPattern("safety_hazard", 0.85, "smoke or burning smell (fr)", _words(
        r"(?<!gris )(?<!détecteur de )(?<!detecteur de )fumée",
        r"(?:ça|ca|il|elle|qui|ils) fume|(?:commencé|commence|mis|met) à fumer|(?:a|ont) fumé",
        r"(?:sent|sentait|sentent) (?:fort |très fort |vraiment )?(?:le )?(?:brûlé|cramé"
        r"|plastique brûlé|gaz)",
        r"odeur de (?:brûlé|cramé|plastique brûlé|fumée|gaz)|fuite de gaz",
    ), _HL),
    RiskPattern("safety_hazard", 0.85, "overheated, melted or sparked (fr)", _words(
        r"surchauff\w*",
        r"chauffe (?:énormément|beaucoup trop|anormalement|trop|dangereusement)",
        r"brûlant\w*",
        r"(?:prise|câble|chargeur|fil|adaptateur|batterie|boîtier|plastique|coque|connecteur"
        r"|multiprise)s? (?:\w+ ){0,3}fondue?s?",
        r"étincelle\w*|explos(?:é|ée|és|ées|ion)",
    ), _HL),
    RiskPattern("safety_hazard", 0.9, "electric shock or injury (fr)", _words(
        r"décharge électrique|électrocut\w*|choc électrique",
        r"(?:pris|prend|prendre|reçu) (?:une|des) (?:petite |grosse )?décharges?",
        r"réaction allergique|choc anaphylactique|anaphyla\w*",
        r"avalée? (?:une?|des|la|le|les|l') ?(?:\w+ )?(?:pièce|pile|bouton|aimant|bille"
        r"|morceau|partie|petit\w*)",
        r"s'?est étouffée?",
        r"blessure\w*|brûlure\w*|aux urgences|cloques?\b",
        # "la boucle a lâché … ma fille a chuté d'environ deux mètres … une entorse au
        # poignet" (suite 15)
        # a sprain someone got, not "une chevillère pour une entorse à la cheville"
        r"(?:fait|fais|eu|avec|attrapé) une (?:\w+ )?entorses? (?:au|à la|à l'|aux|du|de la"
        rf"|de l') ?(?:{_BONES_FR})",
        # a person fell (not "le colis est tombé de deux mètres", "résiste à une chute de")
        rf"(?:je suis|j'ai|il est|elle est|il a|elle a|on est|nous sommes|(?:ma|mon) (?:{KIN_FR})"
        r" (?:a|est)) (?:\w+ )?(?:chuté|tombée?)"
        r" (?:d'environ |de |d'une hauteur de |d'|de plus de )(?:\w+ ?)?(?:mètres?|m)\b",
        r"(?:s'?est|me suis|se sont|t'es) (?:\w+ )?(?:blessée?s?|brûlée?s?|coupée?s?)",
        r"(?:a|ont) blessé|saigne (?:beaucoup|abondamment)|points de suture",
        r"(?:s'?est|me suis|se sont|t'es|s'était|m'étais|s'étaient) (?:\w+ )?(?:cassée?s?"
        r"|fracturée?s?|foulée?s?|démise?s?|luxée?s?) (?:la |le |les |l'|un |une )?"
        rf"(?:{_BONES_FR})",
        r"fractur(?:e|es|ée|ées)\b(?: \w+){0,2} (?:de |du |des |à |au |aux )?(?:la |l')?"
        rf"(?:{_BONES_FR})",
        r"(?:s'?est|me suis|se sont) (?:ouvert|entaillé|coupé|brûlé) (?:la|le|les) (?:main|doigt"
        r"|bras|pied|jambe|visage|mains|doigts)",
        r"(?:multiprise|prise|chargeur|câble|transfo|adaptateur|appareil)s? (?:\w+ ){0,2}"
        r"(?:a |ont )?grillée?s?|traces (?:noires|de brûlé)",
    ), _HL),
    RiskPattern("safety_hazard", 0.85, "battery swelling (fr)", _words(
        # the battery's own phrase ("la batterie externe a gonflé", "la batterie de la lampe
        # frontale a gonflé"), not "la batterie tient et le matelas est gonflé"
        r"batterie(?: (?:externe|portable|frontale|du \w+|de (?:la |l'|mon |ma |sa )?\w+)){0,3}"
        r" (?:a |est |s'?est )?(?:\w+ )?(?:gonflée?|déformée?|bombée?)",
        r"gonfle\w* (?:de )?la batterie",
    ), _HL),
    RiskPattern("safety_hazard", 0.85, "battery swelling (es)", _words(
        r"(?:batería|pila)(?: (?:externa|portátil|del \w+|de (?:la |el |mi )?\w+)){0,2}"
        r" (?:está |se ha |se )?(?:hinchad[oa]|hinchó|inflad[oa]|deformad[oa]|abombad[oa])",
    ), _HL),
    RiskPattern("safety_hazard", 0.9, "product caught fire (es)", _words(
        r"(?:se )?prendió fuego|se incendió|incendio|en llamas|salieron llamas",
        r"(?:empezó|empieza|comenzó|comienza) a arder|está ardiendo",
        r"se quemó (?:el|la|todo)",
        r"(?:una|en) bola de fuego|(?:soltó|hizo|salió|echó) una llamarada",
    ), _HL),
    RiskPattern("safety_hazard", 0.85, "smoke or burning smell (es)", _words(
        r"(?:sale|salió|salía|echa|echó|echaba|saca|sacó|soltó|suelta|echar|largó|larga"
        r"|largaba) humo",
        r"humo (?:sale|salió|por)",
        r"(?:olor|huele|olía|olió)(?: mucho| muchísimo| fuerte)? a (?:quemado|humo"
        r"|plástico quemado|gas)|fuga de gas",
        r"se (?:puso|pone|ponía) (?:muy |súper |super |re |demasiado )caliente|ardiendo",
    ), _HL),
    RiskPattern("safety_hazard", 0.85, "overheated, melted or sparked (es)", _words(
        r"se (?:sobre)?calienta (?:muchísimo|demasiado|un montón)|sobrecalent\w*",
        r"(?:enchufe|cable|cargador|batería|adaptador|carcasa|plástico|toma|regleta)s? "
        r"(?:\w+ ){0,3}(?:se )?(?:derriti\w*|derretid\w*|fundi\w*|fundid\w*)",
        # a thing that exploded, not an inbox or a head ("tengo la casilla explotada", "me
        # va a explotar la cabeza": suite 15)
        r"chispas|chispazo|explosión",
        rf"(?:{_EXPLODING_ES})s? (?:\w+ ){{0,3}}(?:explot\w+|estall\w+|revent\w+)"
        rf"|(?:explot\w+|estall\w+) (?:\w+ ){{0,2}}(?:el |la |mi )?(?:{_EXPLODING_ES})"
        r"(?! (?:a|de|con) (?:notificaciones|mensajes|correos|llamadas|spam))",
        # said without the thing ("lo estaba cargando y explotó"), not of an inbox, a price or
        # a head ("mi correo ha explotado de spam", "el precio explotó", "me explotó la cabeza")
        r"(?<!precio )(?<!precios )(?<!ventas )(?<!cabeza )(?<!mente )(?<!entrada )(?<!correo )"
        r"(?<!casilla )(?<!buzón )(?<!cabeza me )(?:explotó|ha explotado|explotaron|estalló)"
        r"(?! (?:de|con|a|la cabeza|mi cabeza|el cerebro|los oídos|la mente|mi mente)\b)",
    ), _HL),
    RiskPattern("safety_hazard", 0.9, "electric shock or injury (es)", _words(
        r"descarga eléctrica|calambrazo|me dio (?:un )?calambre|electrocut\w*",
        r"(?:me|le|nos|les) dio (?:una )?descarga|(?:me|le|nos|les) dio (?:la )?corriente",
        r"reacción alérgica|choque anafiláctico|anafila\w*",
        r"se (?:tragó|ha tragado|atragantó)|atragant\w*",
        r"me (?:quemé|he quemado)|(?:me|le|se) quemó|quemadura\w*",
        r"(?:se|me|le) (?:ha )?(?:herido|lastimado|lesionado|cortado)|se cortó|me corté",
        r"sangrando|urgencias|puntos de sutura",
        r"(?:se|me|le|te|nos|les) (?:ha |he |han |has |había |habia )?(?:roto|rompió|rompí"
        r"|rompieron|fracturado|fracturó|fracturé|torcido|torció|dislocado|dislocó) (?:el |la "
        rf"|los |las |un |una )?(?:{_BONES_ES})",
        rf"(?:{_BONES_ES}) (?:rot[oa]|fracturad[oa])|fractura de (?:{_BONES_ES})",
        r"se (?:abrió|cortó|quemó) (?:la|el) (?:mano|dedo|brazo|pierna|cara|cabeza|pie)",
        # a person fell a height, a sprain got ("se cayó desde dos metros", "se hizo un
        # esguince de muñeca"), not "el paquete se cayó" or "una tobillera para un esguince"
        rf"(?:me caí|nos caímos|me he caído|(?:mi|el|la|su) (?:{KIN_ES}) (?:se cayó|se ha caído))"
        r" (?:\w+ ){0,2}(?:desde |de )(?:unos |casi |más de )?(?:\w+ ?)?(?:metros?|m)\b",
        rf"(?:me hice|se hizo|me he hecho|se ha hecho) un (?:\w+ )?esguince (?:de|en) (?:la |el )?"
        rf"(?:{_BONES_ES})",
    ), _HL),
    RiskPattern("safety_hazard", 0.85, "battery swelling (es)", _words(
        r"batería (?:está |se ha |se )?(?:\w+ )?(?:hinchad[ao]|inflad[ao]|abombad[ao]|hinchó)",
        r"(?:hinchó|hinchada) la batería",
    ), _HL),
    # ------------------------------------------------------------------ fraud
    RiskPattern("fraud", 0.75, "a transaction they did not make", _words(
        rf"{_I_NOT_EN} (?:\w+ )?(?:make|made|authori[sz]e|authori[sz]ed|order|ordered|place"
        r"|placed|buy|bought|purchase|purchased|recogni[sz]e|approve|approved|request"
        r"|requested|sign up for|signed up for|withdraw|withdrew|initiate|initiated|agree to)"
        rf" (?:this|that|these|those|the|a|an|any|such|my)? ?(?:\w+ )?(?:{_MONEY_NOUNS_EN})",
        rf"(?:{_MONEY_NOUNS_EN})\b{_within(70)}\b(?:{_I_NOT_EN}|{_I_HAVE_NOT_EN}) (?:\w+ )?"
        r"(?:make|made|authori[sz]\w*|order\w*|place\w*|buy|bought|purchas\w*|recogni[sz]\w*"
        r"|approv\w*|request\w*|sign\w* up|agree\w*|subscrib\w*)",
        rf"(?:{_MONEY_NOUNS_EN})\b{_within(40)}(?:aren'?t|are not|isn'?t|is not|weren'?t"
        r"|were not|wasn'?t|was not) mine",
        # "a £212 payment to you on my card from yesterday that wasnt me", not "the payment
        # failed but it wasn't me doing anything wrong" or "that wasn't me, my toddler …"
        # (the denial spelled out whole, so the prefilter keys on it, not on "payment")
        rf"(?:{_MONEY_NOUNS_EN})\b(?:(?!\bbut\b)[^.,;!?]){{0,70}}?\b(?:wasn't me|wasnt me"
        r"|was not me|weren't me|werent me|were not me)(?= *(?:$|[.!?;]|, (?!(?:my|our) )))",
        r"(?:don'?t|dont|do not|didn'?t) recogni[sz]e (?:this|that|these|those|the|a|an|any)"
        rf" (?:\w+ ){{0,2}}(?:{_MONEY_NOUNS_EN}|charge|debit|withdrawal|purchase)",
        r"(?:wasn'?t|was not|weren'?t|were not) (?:made|authori[sz]ed|ordered) by me",
        r"(?:in|from|at) [\w ]{2,24}?,? (?:and )?(?:i'?ve|i have|we'?ve|we have) never been"
        r" (?:there|to)",
        r"(?:i'?ve |i have |we'?ve |we have )?never lived (?:there|at that address"
        r"|at this address)",
        # "a delivery address in Manchester I've never lived at" (suite 15)
        r"address\b[^.!?]{0,60}?\b(?:i'?ve|i have|we'?ve|we have) never lived (?:at|in)"
        r"(?= *(?:$|[.,;!?]))",
        # "a reset email I never asked for": someone else asked (suite 15), not "the reset
        # email never came"
        r"(?:reset|password|login|log-in|sign-in|verification|security) (?:e-?mails?|links?"
        r"|codes?|texts?|messages?) (?:that )?(?:i|we) (?:never|didn'?t|did not) (?:ask\w*"
        r"|request\w*)",
        # "I got 'your password was changed' … I didn't change anything"
        # (the notice's words: not "my password stopped working and I didn't change it")
        r"password (?:was|has been|had been|got) (?:\w+ )?changed\b[^!?]{0,100}?\b(?:i|we)"
        r" (?:never|didn'?t|did not|haven'?t|have not)"
        r" (?:\w+ )?changed? (?:it|anything|a thing|my password)",
        rf"(?:{_MONEY_NOUNS_EN})\b{_within(80)}\bno idea what (?:that|this|it) is",
        r"someone (?:is |keeps |has been |was |kept )?(?:trying|tried|tries) to (?:log ?in"
        r"|sign in|access|reset|change|get into|use|take)",
        r"somebody (?:is |keeps |has been |was |kept )?(?:trying|tried|tries) to (?:log ?in"
        r"|sign in|access|reset|change|get into|use|take)",
        r"without (?:me|us) (?:knowing|realising|realizing|noticing|agreeing)",
        r"tricked into|duped into|conned into|scammed into",
        r"(?:never heard of|don'?t know|do not know) (?:this|that|the|these|a|an)? ?(?:company"
        r"|merchant|shop|store|business|seller|retailer|website)",
        r"(?:company|merchant|shop|store|business|seller|retailer|website) (?:that )?(?:i'?ve"
        r"|i have|we'?ve|we have) never heard of",
        r"(?:said|claimed|saying|claiming|pretended|pretending) (?:he |she |they )?(?:was from"
        r"|were from|to be from|was with|was calling from|were calling from) (?:your|the|my)"
        r" (?:bank|company|team|support|fraud team|security team)",
        r"(?:gave|given|shared|told|sent) (?:\w+ ){0,3}(?:login |security |verification "
        r"|one-time |otp )?(?:code|pin|password|passcode) to",
        r"fake (?:\w+ )?(?:email|e-mail|text|sms|message|website|site|call|caller|link|page)",
        r"(?:definitely|certainly|absolutely|really|never ever) (?:didn'?t|did not|never)"
        r" (?:make|made|authori[sz]e\w*|order\w*|buy|bought|purchas\w*)",
        # "a second order on my account … that I definitely did not place" (the order
        # first: "I definitely did not place the order twice" is a duplicate, not fraud)
        rf"(?:{_MONEY_NOUNS_EN})\b{_within(70)}\b(?:that|which) (?:i|we) (?:definitely|certainly"
        r"|absolutely|really) (?:didn'?t|did not|never) (?:make|made|authori[sz]\w*|order\w*"
        r"|place\w*|buy|bought|purchas\w*)",
        rf"(?:{_MONEY_NOUNS_EN})\b{_within(40)}\b{_THEY_NOT_EN}"
        r" (?:make|made|authori[sz]\w*|order\w*|buy|bought|purchas\w*)",
    )),
    RiskPattern("fraud", 0.75, "unauthorised use", _words(
        r"un ?authori[sz]ed|unauthori[sz]ied|not authori[sz]ed by me",
        r"without my (?:permission|consent|authori[sz]ation|knowledge|approval)",
    )),
    RiskPattern("fraud", 0.75, "someone else used their account or card", _words(
        r"(?:someone|somebody)'s (?:got|gotten|been) (?:into|in to|in|using|accessing) (?:my|our)"
        r" (?:\w+ ){0,2}(?:account|card|email|login|profile|details)",
        # "I think somebody else has got into it" (the account): "else" says who
        r"(?:someone|somebody|some one) else(?:'s| has| had| must have| might have)? (?:got"
        r"|gotten|been|logged|broken) (?:into|in to) (?:it\b|(?:my|our) (?:\w+ ){0,2}(?:account"
        r"|email|login|profile|details))",
        r"(?:someone|somebody) else (?:is|was|has been) (?:logged )?in(?:to)? (?:my|our) (?:\w+ )?"
        r"account|(?:someone|somebody) else (?:has|had|got) access to (?:my|our) (?:\w+ )?account",
        r"(?:someone|somebody|some one|a stranger|a thief|thieves|a hacker|hackers|scammers?"
        r"|fraudsters?) (?:has |have |had |is |was |must have |might have |may have )?(?:used"
        r"|using|use|stolen|stole|took|taken|accessed|got into|hacked|cloned|copied|opened"
        r"|changed|logged into|logged in to|signed into) (?:my|our) (?:\w+ ){0,2}(?:card|account"
        r"|details|identity|password|phone|number|login|credit|bank|paypal|email|data"
        r"|information|info)",
        r"(?:account|card|details) (?:is being|was|has been|got|is) (?:accessed|used|taken over)"
        r" by (?:someone|somebody|a stranger)",
        r"(?:card|cards|details)(?:'s| is| was| has| have| got)?(?: been)? (?:cloned|copied"
        r"|skimmed|duplicated)|(?:cloned|copied|skimmed) (?:my|our) (?:card|details)",
        r"(?:someone|somebody|some one) (?:has |have |had )?(?:\w+ ){0,3}with my (?:card"
        r"|account|details)",
        r"someone (?:has )?(?:ordered|bought|purchased|placed|made) (?:\w+ ){0,4}(?:on|with"
        r"|using|from|through) my (?:account|card)",
        # Irish English "someone's after using my card" (has just used)
        r"(?:someone|somebody)(?:'s| is| has been)? after (?:using|taking|getting into|ordering"
        r"(?: \w+)? (?:on|with)) (?:my|our) (?:\w+ ){0,2}(?:card|account|details)",
        r"my ex(?:-\w+)?(?:'s| is| has| has been| keeps| kept| still)? (?:\w+ ){0,2}(?:using"
        r"|used) my (?:card|account|details)",
        r"somebody (?:has )?(?:ordered|bought|purchased|placed|made) (?:\w+ ){0,4}(?:on|with"
        r"|using|from|through) my (?:account|card)",
    )),
    RiskPattern("fraud", 0.7, "hacked, phishing or fraud", _words(
        # not "hacked together a packing list"
        rf"{UNQUOTED}hack(?:ed|ing){NOT_CLOSED}{NOT_PUT_TOGETHER}|hakced|hackd"
        r"|hacker|accont (?:got |was )?hacked",
        r"compromised|taken over",
        r"phishing|phish\w*|scam(?:med|mer|mers)?",
        r"fraud\w*(?! (?:protection|prevention|department|team|policy|detection))",
        r"frau?dulent",
        r"pretending to be (?:you|your|from)|impersonat\w*|posing as (?:you|your)",
        r"fake (?:email|e-mail|text|sms|message|website|site|call|link)",
        r"identity theft|stolen identity|identity (?:was |has been |got )?stolen",
        r"(?:card|cards|wallet|purse|details|phone) (?:was |were |has been |have been |got )?"
        r"(?:stolen|skimmed|cloned)",
        r"stolen (?:card|credit card|debit card|wallet|details|phone)",
        r"(?:account|card|loan|credit) in my name",
    ), NEGATABLE),
    RiskPattern("fraud", 0.75, "a transaction they did not make (de)", _words(
        r"(?:zahlung|abbuchung|bestellung|kauf|lastschrift)\w*\b[^.!?]{0,60}?(?:war ich nicht"
        r"|das war nicht ich)",
        r"(?:nicht|nie|niemals) (?:\w+ ){0,3}(?:getätigt|veranlasst|autorisiert|genehmigt"
        r"|beauftragt|aufgegeben|abgeschlossen)",
        r"nie (?:\w+ ){0,3}(?:bestellt|gekauft)",
        r"(?:zahlung|abbuchung|bestellung|überweisung|transaktion|lastschrift|belastung)\w*\b"
        rf"{_within(60)}(?:nicht|nie) (?:gemacht|getätigt|veranlasst|autorisiert|bestellt"
        r"|aufgegeben)",
        r"nicht von mir (?:stamm\w*|sind|ist|kommen|veranlasst|getätigt|gemacht)",
        r"(?:das|die|der) (?:war|waren) (?:ich|wir) nicht",
        r"(?:unbekannte|unerklärliche|fremde|merkwürdige|unberechtigte) (?:abbuchung|zahlung"
        r"|transaktion|belastung|lastschrift|bestellung|überweisung)\w*",
        r"erkenne (?:diese|die|den|das) (?:\w+ )?nicht",
        # "… aber ich habe diesen Monat nichts bei Ihnen bestellt": a place or a time may
        # stand between "nichts" and the verb, not "weiter"/"anderes"/"sonst" (then something
        # was ordered) nor "online" (how they pay); "noch/bisher nichts": not yet a customer
        r"(?:abbuchung|zahlung|belastung|lastschrift|kreditkartenabrechnung|kontoauszug"
        rf"|abrechnung)\w*\b{_within(60)}(?<!noch )(?<!bisher )(?<!bislang )(?:gar |überhaupt )?"
        r"(?:nichts|nix|nie|nie was|nie etwas) (?:(?!weiter|anderes|sonst|zusätzlich|online)"
        r"\w+ ){0,3}(?:bestellt|gekauft|getätigt|veranlasst|autorisiert)",
        rf"(?:nichts|nix|nie was|nie etwas) (?:bestellt|gekauft)\b{_within(60)}(?:abbuchung"
        r"|belastung|lastschrift|abgebucht|belastet)",
    )),
    RiskPattern("fraud", 0.75, "unauthorised use (de)", _words(
        r"nicht autorisiert\w*|unautorisiert\w*|unberechtigt\w*",
        r"ohne (?:meine|mein) (?:zustimmung|erlaubnis|wissen|einverständnis|genehmigung)",
        r"jemand hat (?:\w+ ){0,3}(?:mit )?(?:meine|mein|meinen|meiner|meinem) (?:\w+ ){0,1}"
        r"(?:karte|kreditkarte"
        r"|bankkarte|konto|daten|account|identität|passwort|zugang)",
        r"jemand hat sich (?:\w+ ){0,3}(?:eingeloggt|angemeldet|zugriff verschafft)",
        # "Ich glaube, jemand anderes ist in meinem Kundenkonto unterwegs" (suite 15)
        r"(?:jemand|jemand anderes|jemand anders|jemand fremdes|ein fremder|fremde|unbekannte)"
        r" (?:ist|sind|war|waren) (?:\w+ ){0,2}in (?:meinem|meinen|unserem) \w*(?:konto"
        rf"|account|profil)\b{_NOT_STORED_DE}",
        r"(?:ist|war) (?:da |wohl |offenbar |anscheinend |vielleicht )?(?:jemand anderes"
        r"|jemand anders|jemand fremdes|ein fremder) in (?:meinem|meinen|unserem) \w*(?:konto"
        rf"|account|profil)\b{_NOT_STORED_DE}",
        r"(?:jemand anderes|jemand anders|jemand fremdes|ein fremder) hat sich (?:\w+ ){0,3}"
        r"(?:eingeloggt|angemeldet)",
        # "„Ihr Passwort wurde geändert“ … ich habe nichts geändert"
        r"passwort\w* (?:(?:wurde|ist|sei) (?:\w+ )?geändert|(?:\w+ )?geändert (?:wurde|worden))"
        r"\b[^!?]{0,100}?\b(?:ich|wir) (?:habe|hab|haben) (?:es |das |ihn )?(?:aber |doch )?"
        r"(?:nichts|nix|nicht|nie|mein passwort nicht) (?:\w+ )?geändert",
        # "Hat jemand Zugriff auf mein Kundenkonto?" (suite 14, after an order not placed):
        # someone who has access, not who could get it ("kann meine Frau Zugriff … haben"),
        # nor a question about when ("…, wenn ich als Gast bestelle?") or a request ("hat wer
        # Zugang zu meinem Konto, der mir die Adresse ändern kann?")
        r"(?:hat|haben) (?:da |sich )?(?:jemand|wer|irgendwer|irgendjemand|fremde|ein fremder"
        r"|unbekannte) (?:\w+ )?(?:zugriff|zugang) (?:auf|zu) (?:mein|meine|meinem|meinen)"
        r" \w*(?:konto|account|karte|kontodaten|kartendaten|zugangsdaten)\b"
        r"(?![^.!?]{0,60}\b(?:wenn|falls|sobald|der mir|die mir)\b)",
        r"(?:hat|haben) (?:da |sich )?(?:jemand|wer|irgendwer|irgendjemand|fremde|ein fremder"
        r"|unbekannte) (?:\w+ ){0,2}(?:auf|in) (?:mein|meine|meinem|meinen) \w*(?:konto|account)"
        r" (?:zugegriffen|eingeloggt)",
        # said as a statement: "Ich glaube, jemand hat Zugang zu meinem Kundenkonto"
        r"(?:jemand|jemand fremdes|ein fremder|fremde|unbekannte) (?:hat|haben) (?:\w+ )?"
        r"(?:zugriff|zugang) (?:auf|zu) (?:mein|meine|meinem|meinen)"
        r" \w*(?:konto|account|karte|kontodaten|kartendaten|zugangsdaten)\b",
        r"(?:hat|haben) (?:\w+ )?(?:jemand|wer|irgendwer|irgendjemand|fremde) (?:\w+ )?"
        r"(?:meine|mein|meinen|meiner|meinem) (?:\w+ )?(?:karte|kreditkarte|bankkarte|konto"
        r"|kontodaten|daten|account|zugang|identität)\w* (?:\w+ )?(?:benutzt|verwendet"
        r"|missbraucht|genutzt|gehackt)",
        r"(?:konto|account|profil|zugang) (?:wurde|ist) (?:\w+ )?(?:übernommen|gekapert)",
        r"wer hat (?:\w+ )?(?:meine|meiner) (?:\w+ )?(?:karte|kreditkarte|bankkarte)\w*"
        r" (?:\w+ )?(?:benutzt|verwendet|missbraucht|genutzt)",
        r"(?:war|bin) (?:noch )?nie (?:dort|da|in \w+) gewesen|ich war (?:noch )?nie (?:dort|da)",
        r"jemand versucht (?:[\w,]+ ){0,2}(?:mein|meine|meinen|sich)",
        r"(?:firma|händler|shop|geschäft|unternehmen|laden|webseite)\w*,? die ich nicht kenne",
        r"unbekannte\w* (?:firma|händler|shop|unternehmen|empfänger)",
        r"karte\w* (?:wurde |ist )?(?:geklont|kopiert|ausgespäht|dupliziert)",
    )),
    RiskPattern("fraud", 0.7, "hacked, phishing or fraud (de)", _words(
        r"gehackt|gehakt|betrug|betrüger\w*|betrogen|phishing\w*",
        r"identitätsdiebstahl|identität (?:wurde )?gestohlen",
        r"(?:karte|kreditkarte|geldbörse|handy) (?:wurde |ist )?gestohlen|gestohlene\w* karte",
        r"missbraucht|missbrauch",
        r"angeblich von (?:ihnen|euch|ihrer|ihrem)|gefälschte\w* (?:e-?mail|sms|nachricht"
        r"|webseite|website|seite|anruf|link)",
    ), NEGATABLE),
    RiskPattern("fraud", 0.75, "a transaction they did not make (fr)", _words(
        r"jamais habité (?:là|la-bas|là-bas|à cette adresse)",
        r"(?:paiement|prélèvement|achat|débit|commande)s?\b[^.!?]{0,60}?(?:c'était pas moi"
        r"|ce n'était pas moi|c'est pas moi)",
        r"(?:ne )?reconnais pas (?:ce|cette|ces|le|la|les|l'|un|une) ?(?:débit|paiement|prélèvement"
        r"|achat|transaction|commande|opération|virement|retrait)",
        r"(?:débit|paiement|prélèvement|achat|transaction|commande|opération|virement|retrait)"
        rf"s?\b{_within(70)}(?:que )?(?:je |j')?(?:n'ai jamais|n'ai pas|n ai jamais|n ai pas"
        r"|nai jamais|nai pas|n'avons jamais|n'avons pas) (?:\w+ )?(?:effectuée?s?|faite?s?"
        r"|passée?s?|commandée?s?|autorisée?s?|validée?s?|demandée?s?|souscrite?s?)",
        r"(?:jamais passé|pas passé|jamais effectué|pas effectué|jamais autorisé|pas autorisé"
        r"|jamais fait|pas fait|jamais validé|pas validé|jamais commandé|pas commandé)"
        r" (?:cette|ce|ces|cet) (?:\w+ )?(?:commande|paiement|achat|débit|prélèvement"
        r"|transaction|opération|virement)",
        r"n'ai jamais (?:commandé|acheté|autorisé|payé) (?:ça|cela|ceci)",
        # a charge (not "le paiement a échoué", "bon d'achat", "retrait en magasin") and
        # nothing ordered, not "rien … pour l'instant / d'avance / en ligne" (not yet a
        # customer, or how they pay)
        r"(?:débit|prélèvement|transaction|opération|virement)"
        rf"s?\b{_within(70)}(?:je |j')?(?:n'ai|n ai|nai|n'avons) (?:plus |jamais )?rien (?:\w+ )?"
        r"(?:commandé|acheté|payé|effectué|autorisé)(?! (?:pour l'instant|encore|d'avance"
        r"|en ligne|avec))",
    )),
    RiskPattern("fraud", 0.75, "unauthorised use (fr)", _words(
        r"non autorisée?s?",
        r"sans (?:mon|ma) (?:accord|autorisation|consentement|permission)",
        r"quelqu'?un a (?:\w+ ){0,2}(?:utilisé|payé avec|pris|accédé à) (?:ma|mon|mes)",
        r"quelqu'?un s'?est connecté",
        r"quelqu'?un (?:d'autre )?a (?:\w+ ){0,2}(?:commandé|acheté|passé (?:une |des )?commandes?)"
        r" (?:avec|sur|depuis|à partir de) (?:mon|ma) (?:compte|carte)",
        r"c(?:e n)?'est pas moi qui (?:l'ai|les ai|ai) (?:passée?s?|commandée?s?|faite?s?"
        r"|payée?s?|validée?s?)",
        # "quelqu'un d'autre est dans mon compte", "un mail de réinitialisation que je n'ai
        # jamais demandé", "mot de passe a été modifié … je n'ai rien changé"
        r"(?<!si )(?<!est-ce que )quelqu'?un (?:d'autre )?(?:est|était|a été) (?:\w+ )?(?:dans"
        r"|sur) mon compte|(?<!si )(?<!est-ce que )quelqu'?un est entré dans mon compte",
        r"(?:e-?mail|mail|lien|code|sms)s? (?:de réinitialisation|de connexion|de vérification)"
        r" (?:\w+ )?que je n'ai (?:jamais |pas )demandée?s?",
        r"mot de passe (?:a été|est) (?:modifié|changé)\b[^!?]{0,100}?(?:je n'ai (?:rien|jamais"
        r" rien) (?:modifié|changé)|je ne l'ai (?:pas|jamais) (?:modifié|changé))",
        r"qui a (?:\w+ )?(?:utilisé|pris|payé avec) (?:ma|mes) cartes?",
        r"quelqu'?un (?:essaie|essaye|a essayé|tente|a tenté) de",
        r"quelqu'?un a (?:commandé|acheté|payé) (?:\w+ ){0,4}(?:sur|avec|depuis) (?:mon|ma)"
        r" (?:compte|carte)",
        r"sans que je (?:le sache|sois au courant|donne mon accord)",
        r"je n'y suis jamais allée?",
        r"(?:société|entreprise|marchand|commerçant|boutique|site) (?:que je ne connais pas"
        r"|inconnue?)",
        r"prétendait être|se disait de|se présentant comme|se faisait passer",
        r"carte (?:\w+ )?(?:a été |est )?(?:clonée|copiée|dupliquée)",
    )),
    RiskPattern("fraud", 0.7, "hacked, phishing or fraud (fr)", _words(
        rf"{UNQUOTED}(?:piraté\w*|hacké\w*){NOT_CLOSED}{NOT_PUT_TOGETHER}|piratage",
        r"fraude|frauduleu(?:x|se|ses)",
        r"escroqu\w*|arnaqu\w*|arnaque|hameçonnage|phishing",
        r"usurpation d'identité|vol d'identité",
        r"(?:carte|portefeuille|téléphone) (?:\w+ )?(?:a été |ont été )?volée?s?",
        r"se faisait passer pour|se faisant passer pour|faux (?:mail|e-mail|sms|message|site)",
    ), NEGATABLE),
    RiskPattern("fraud", 0.75, "a transaction they did not make (es)", _words(
        r"no (?:\w+ ){0,2}(?:hice|he hecho|realicé|he realizado|autoricé|he autorizado"
        r"|reconozco|pedí|he pedido|solicité|he solicitado)",
        r"nunca he (?:hecho|realizado|autorizado|pedido|solicitado) (?:este|esta|estos|estas"
        r"|ese|esa)",
        r"(?:cargo|cobro|pago|compra|pedido|transacción|movimiento)s? (?:\w+ ){0,3}"
        r"(?:desconocid[oa]s?|que no reconozco|que no son míos|que no son mías)",
        rf"(?:cargo|cobro|adeudo|pago|transacción|movimiento)s?\b{_within(70)}\b(?:nunca|jamás)"
        r" (?:he |había )?(?:comprado|pedido|hecho|realizado|autorizado) nada",
        rf"(?:cargo|cobro|adeudo|transacción|movimiento|cobraron|cargaron)s?\b{_within(70)}"
        r"\bno (?:les |le |te |os |lo )?(?:he |había |hemos )?(?:comprado|pedido|hecho|realizado"
        r"|autorizado|compro|pido) nada(?! más| mas| aún| aun| todavía| todavia)",
    )),
    RiskPattern("fraud", 0.75, "unauthorised use (es)", _words(
        r"no autorizad[oa]s?",
        r"sin (?:mi )?(?:permiso|consentimiento|autorización|conocimiento)",
        r"sin (?:saberlo|que yo lo sepa|enterarme)",
        r"alguien (?:intenta|está intentando|ha intentado|intentó) ",
        r"nunca he estado (?:allí|ahí|allá)",
        r"(?:empresa|comercio|tienda|web) (?:que no conozco|desconocida)",
        r"(?:decía|dijo|decían|dijeron) ser de",
        r"alguien (?:ha )?(?:pidió|pedido|compró|comprado|pagó|pagado) (?:\w+ ){0,4}(?:con|en"
        r"|desde) mi (?:cuenta|tarjeta)",
        r"(?:clonado|copiado|clonaron|copiaron) (?:la|mi) tarjeta|tarjeta (?:clonada|copiada)",
        r"quién (?:ha )?(?:usado|usó|utilizado|utilizó|ha utilizado) mi tarjeta",
        r"(?:mi ex|alguien) se quedó con (?:mi|mis) tarjetas?(?! regalo)",
        r"(?:pago|cargo|cobro|compra|pedido)s?\b[^.!?]{0,60}?no (?:fui|he sido) yo",
        r"(?:cambiado|cambiaron|cambió) (?:el|mi|la) (?:email|e-mail|correo|contraseña)"
        r"[^!?]{0,60}?(?:yo no (?:he sido|fui)|no (?:he sido|fui) yo)",
        r"nunca (?:he vivido|viví) (?:ahí|allí|allá|en esa dirección)",
        # "alguien más está en mi cuenta", "un correo para restablecer la contraseña que no
        # pedí"
        r"(?<!si )alguien más (?:está|estuvo|ha estado|entró|ha entrado) (?:en|dentro de)"
        r" mi cuenta",
        r"(?:correo|email|e-mail|enlace|link|código|sms) (?:para restablecer|de restablecimiento"
        r"|de recuperación|de verificación|de acceso)[^.!?]{0,40}?que (?:yo )?(?:no|nunca)"
        r" (?:he )?(?:pedí|pedido|solicité|solicitado)",
        r"(?:cargo|cobro|pago|compra|pedido|transacción|movimiento)s? (?:\w+ ){0,3}que (?:yo )?"
        r"(?:nunca|no) (?:he hecho|he pedido|hice|realicé|pedí|autoricé|he autorizado)",
        r"(?:web|página) falsa|sitio falso",
        r"alguien (?:\w+ ){0,1}(?:usó|ha usado|está usando|utilizó|ha utilizado|entró"
        r"|accedió|ha entrado|pagó con|ha pagado con|compró con|ha comprado con) (?:a |en )?"
        r"(?:mi|mis)",
    )),
    RiskPattern("fraud", 0.7, "hacked, phishing or fraud (es)", _words(
        rf"{UNQUOTED}(?:hacke\w*|jaquea\w*|pirate(?:ad[ao]|aron|o)\w*){NOT_CLOSED}"
        rf"{NOT_PUT_TOGETHER}",
        r"fraude|fraudulent[oa]s?|estaf(?!eta)\w*|phishing",
        r"suplantación de identidad|robo de identidad",
        r"(?:robaron|han robado|roban|robó) (?:\w+ ){0,2}(?:tarjeta|datos|cuenta|identidad"
        r"|cartera|teléfono|móvil)",
        r"tarjeta robada",
        r"(?:haciéndose|hacerse|se hacen|se hacía|se hace) pasar por",
        r"correo falso|sms falso|mensaje falso",
    ), NEGATABLE),
    # ------------------------------------------------------------------ bereavement
    RiskPattern("bereavement", 0.65, "someone died", _words(
        r"passed away|deceased|decease|bereave\w*|funerals?",
        r"(?:he|she) (?:has |had |just |recently |sadly |suddenly )?(?:died|passed away|is dying)",
        rf"(?:{KIN_EN})(?:'?s)? memorial(?! day)|(?:a|the) memorial service",
        r"terminal (?:cancer|illness|diagnosis)|only (?:weeks|days|months) (?:left )?to live",
        r"(?:after|since|following) (?:his|her|their) (?:death|passing)",
        rf"(?:buried|bury|burying) (?:my|our|his|her) (?:{KIN_EN})|burial",
        r"(?:we|i|we've|i've) (?:just )?(?:buried|cremated) (?:him|her|them)",
        rf"(?:{KIN_EN})'s estate",
        r"only (?:weeks|days|months) left",
        r"death certificate|probate|executor of|condolences|memorial service|obituary",
        r"who (?:has |had |just )?(?:died|passed)",
        rf"(?:late|dead) (?:{KIN_EN})(?:'?s)?",
        rf"(?:{KIN_EN})(?:,? (?:she|he|who|they))? (?:has |had |just |recently |sadly "
        r"|suddenly )?(?:died|passed away|passed|is dead|was killed|is dying|is terminally ill"
        r"|is in hospice|is in palliative care)",
        rf"(?:death of|passing of|loss of) {_MY_EN} (?:{KIN_EN})",
        rf"(?:lost my|lost our|lost his|lost her) (?:{KIN_EN})(?!'s|\w)",
        # "we lost her in march", "I lost him to cancer": a person lost at a time
        r"(?:we|i)(?:'ve| have)? (?:just |sadly |recently )?lost (?:her|him) (?:in (?!the )\w+"
        r"|in the (?:spring|summer|autumn|fall|winter)"
        r"|last (?:week|month|year|spring|summer|autumn|fall|winter)|to (?:cancer|covid|a \w+)"
        r"|(?:a few|a couple of|two|three|\d+) (?:days|weeks|months|years) ago|recently)",
        r"terminally ill|hospice|palliative",
    )),
    # "for my husband Geoff's birthday. Geoff died very suddenly": a relative named, then
    # the name died (a thing "died suddenly" too: "the left earbud died suddenly")
    RiskPattern("bereavement", 0.65, "a named relative died", _words(
        rf"(?:{KIN_EN}) (?P<name>[a-z]{{3,}})(?:'?s)?\b[^!?]{{0,120}}?\b(?P=name)"
        r" (?:has |had |just |sadly |very |quite |so )*(?:suddenly |unexpectedly |peacefully )?"
        r"(?:died|passed away)",
    )),
    RiskPattern("bereavement", 0.65, "someone died (de)", _words(
        r"verstorben\w*|verstarb",
        rf"(?:{KIN_DE})\b(?: {_NOT_DEATH_DE}\w+){{0,4}} gestorben",
        # "Meine Oma ist vor zwei Wochen ganz plötzlich und unerwartet gestorben"
        rf"(?:{KIN_DE}) (?:ist|sind|war)(?: {_NOT_DEATH_DE}\w+){{0,8}} gestorben",
        rf"(?:{KIN_DE}) (?:ist tot|sind tot|war tot|ist leider tot|ist jetzt tot)",
        # "ein Geschenk für meine Mutter. Sie ist am Wochenende ganz plötzlich gestorben"
        # (``_then_died_de``)
        _then_died_de(_KIN_DE_SHE, "sie"),
        _then_died_de(_KIN_DE_HE, "er"),
        rf"(?:unseren|unsere|unser|meinen|meine|mein) (?:{KIN_DE})(?: \w+){{0,5}} verloren",
        r"(?:liegt|ist) im sterben",
        r"beerdigung|trauerfeier|trauerfall|todesfall|sterbeurkunde|beisetzung|erbschein",
        r"nachlass\w*|tod meine[rs]?|tod unsere[rs]?|tod des|tod der",
        r"ums leben gekommen|palliativ\w*|hospiz",
        r"beerdig\w*|begraben|beigesetzt",
    )),
    RiskPattern("bereavement", 0.65, "someone died (fr)", _words(
        r"décédée?s?|décès",
        rf"(?:{KIN_FR})\b(?: \w+){{0,3}} (?:est|sont) morte?s?",
        rf"(?:{KIN_FR})\b(?: \w+){{0,3}} (?:est en train de mourir|nous a quitté\w*)",
        r"(?:il|elle) nous a quitté\w* (?:il y a|hier|la semaine|le mois|cette|ce|subitement"
        r"|brutalement)",
        rf"perdu (?:notre|mon|ma|nos|mes) (?:{KIN_FR})",
        r"obsèques|funérailles|enterr\w*|acte de décès|défunte?s?",
        rf"(?:{KIN_FR}),? (?:qui est )?morte? (?:en|le|il y a|hier|récemment|subitement|ce"
        r"|cette)",
        r"en fin de vie|soins palliatifs|condoléances",
    )),
    RiskPattern("bereavement", 0.65, "someone died (es)", _words(
        r"falleci\w*|fallecid[oa]s?",
        r"(?:que|quien) (?:ha )?(?:murió|muerto|falleció)",
        r"herencia de (?:mi|nuestr[oa])",
        rf"(?:{KIN_ES})\b(?: \w+){{0,3}} (?:murió|ha muerto|se murió|está muriendo"
        r"|se está muriendo|está muert[oa])",
        rf"(?:perdimos|perdí|he perdido|hemos perdido) a (?:mi|nuestro|nuestra|mis|nuestros)"
        rf" (?:{KIN_ES})",
        r"funeral|entierro|enterr\w*|velorio|sepelio|certificado de defunción|defunción"
        r"|difunt[oa]s?",
        r"cuidados paliativos|en paz descanse",
    )),
    RiskPattern("bereavement", 0.65, "someone's ashes", _words(ASHES)),
    # ------------------------------------------------------------------ legal_threat
    RiskPattern("legal_threat", 0.55, "lawyer or legal action", _words(
        r"lawyers?(?! (?:drama|show|series|film|movie|game|costume|book))(?!'s (?:invoice|bill"
        r"|fees?|office|address))|attorneys?|solicitors?|barristers?",
        r"breach of (?:contract|the consumer)|pursue (?:this|it|the matter) legally"
        r"|pursue legal",
        r"legal (?:action|proceedings|steps|notice|team|advice|department|dispute)",
        r"sue you|sue your|sue u|sue them|sue the company|sue this company|to sue|gonna sue"
        r"|will sue|i'll sue|suing|lawsuit|law suit",
        r"small[- ]claims|(?:to|in|see you in|take you to) court|court (?:case|action|order"
        r"|claim)",
        r"consumer (?:protection|rights|affairs|ombudsman|council|agency)|trading standards",
        r"ombudsman|better business bureau|bbb|ftc|attorney general",
        r"cease and desist|letter before action|class action",
    ), NEGATABLE),
    RiskPattern("legal_threat", 0.55, "lawyer or legal action (de)", _words(
        r"anwalt|anwälte\w*|anwältin|rechtsanwalt\w*|rechtsanwält\w*",
        r"verklag\w*|einklagen|klage (?:einreichen|erheben|ein)|klage (?:\w+ ){1,3}ein",
        r"vertragsbruch|(?:juristisch|rechtlich|gerichtlich) (?:\w+ ){0,2}vorgehen",
        r"(?:oder|sonst|dann) (?:ich )?klage(?: ich)?(?! über)",
        r"rechtlichen? schritte|juristische\w* schritte",
        r"vor gericht|gericht(?:lich\w*)?",
        r"verbraucherzentrale|verbraucherschutz\w*|schlichtungsstelle",
        r"mahnbescheid|abmahnung|strafanzeige|anzeige erstatten",
    ), NEGATABLE),
    RiskPattern("legal_threat", 0.55, "lawyer or legal action (fr)", _words(
        r"avocate?s?",
        r"poursuivre en justice|poursuites(?: judiciaires)?|en justice|action en justice",
        r"tribunal|tribunaux|mise en demeure|huissier",
        r"procédure (?:judiciaire|en justice)|voie judiciaire",
        r"rupture de contrat|saisir (?:la justice|les tribunaux)",
        r"vous poursui(?:s|vre|vrai|vrais)",
        r"(?:un|le|en|au|d'un|mon) procès(?![- ]verbal)",
        r"ufc|que choisir|dgccrf|60 millions de consommateurs",
        r"protection des consommateurs|association de consommateurs",
        r"médiateur|conciliateur|porter plainte|déposer (?:une )?plainte",
        r"(?:porte|porterai|portons|porterons) plainte",
        # Québec: a complaint to the consumer protection office or at small claims (not
        # "j'ai déposé plainte au commissariat" for a theft, nor the law's name in a question)
        r"(?:dépose|déposerai|déposerons|déposons) (?:une |ma )?plainte (?:contre vous"
        r"|contre votre|à l'office|auprès de l'office|aux petites créances|à l'opc)",
        r"(?:m'adresserai|irai|aller|m'adresser) aux petites créances",
    ), NEGATABLE),
    RiskPattern("legal_threat", 0.55, "lawyer or legal action (es)", _words(
        r"abogad[oa]s?",
        r"demandar\w*|(?:poner|pondré|interponer|presentar|presentaré) (?:una )?demanda",
        r"(?:una|la|mi) demanda(?! de)|(?:los|les|le|te|la|os) (?:demando|demandaré|denuncio"
        r"|denunciaré)",
        r"denuncia\w*|tribunal\w*|juzgado\w*|acciones legales|medidas legales|vía judicial",
        r"a juicio|juicio contra|incumplimiento de contrato",
        r"ocu|facua|omic|defensa del consumidor",
        # a complaint to a Latin American consumer agency (not "según Profeco, …")
        r"(?:queja|denuncia|reclamación|reclamo|demanda)s? (?:\w+ ){0,3}(?:profeco|sernac"
        r"|indecopi|condusef)|(?:acudiré|iré|acudir|ir|reportar|reportaré|reportarlos)"
        r" (?:\w+ ){0,2}(?:a |con )?(?:la )?(?:profeco|sernac|indecopi|condusef)",
        r"(?:oficina|organismo|autoridades|departamento) de consumo",
        r"(?:reclamación|denuncia|queja) (?:en|a|ante) consumo",
        r"hoja de reclamaciones|burofax",
    ), NEGATABLE),
    # ------------------------------------------------------------------ vulnerable
    RiskPattern("vulnerable", 0.7, "depends on medicine or equipment", _words(
        rf"(?:{_MY_EN}(?: \w+'s)?|need|needs|rely on|relies on|depend on|depends on"
        r"|run out of|ran out of|without) (?:\w+ )?(?:insulin|medication|medications"
        r"|medicine|medicines|meds|prescriptions?|inhaler|epipen|oxygen|wheelchair"
        r"|mobility scooter|hearing aids?|dialysis|catheter|glucose monitor|pacemaker"
        r"|ventilator|feeding tube|stoma|chemo)",
        # the medicine named first: "the insulin for my daughter", "her inhaler"
        rf"(?:insulin|medication|medicine|meds|inhaler|epipen|oxygen) (?:for|of) {_MY_EN}"
        rf" (?:{KIN_EN})",
    )),
    RiskPattern("vulnerable", 0.7, "a condition where delay harms", _words(
        rf"(?:i'?m|i am|im|(?:{_MY_EN} )?(?:{KIN_EN}) (?:is|has been)) (?:\w+ )?(?:disabled"
        r"|blind|deaf|housebound|bedbound|bed[- ]?ridden|terminally ill|immunocompromised"
        r"|diabetic|epileptic|in a wheelchair(?![- ]accessible)|visually impaired"
        r"|hard of hearing|partially sighted|registered blind|on dialysis|on oxygen)",
        r"disabilit(?:y|ies)",
        r"disabled (?:person|people|customer|child|son|daughter|mother|father|husband|wife"
        r"|veteran|badge|access)",
        r"wheelchair user|(?:use|uses|using) a wheelchair|oxygen (?:tank|concentrator|supply"
        r"|machine)",
        r"screen reader|dialysis|chemo(?:therapy)?|type 1 diabetes",
        r"dementia|alzheimer'?s?",
    )),
    RiskPattern("vulnerable", 0.7, "someone is in hospital", _words(
        rf"(?:i'?m|i am|(?:{_MY_EN} )?(?:{KIN_EN}) (?:is|has been|was)) (?:\w+ )?(?:in hospital"
        r"|in the hospital|hospitali[sz]ed|in intensive care|in icu)",
        r"(?:liegt|liege|bin|ist|wurde) (?:\w+ ){0,3}(?:im krankenhaus|auf der intensivstation"
        r"|ins krankenhaus eingeliefert)",
        r"(?:je suis|il est|elle est|(?:ma|mon) \w+ est|a été) (?:\w+ )?(?:hospitalisée?"
        r"|à l'hôpital|en réanimation|aux soins intensifs)",
        r"(?:está|estoy|ha sido|fue) (?:\w+ )?(?:ingresad[oa]|hospitalizad[oa])|(?:está|estoy)"
        r" (?:\w+ )?en (?:el hospital|la uci|cuidados intensivos)",
    )),
    RiskPattern("vulnerable", 0.7, "elderly and alone", _words(
        r"elderly(?! care)|pensioner|senior citizen",
        r"(?:[7-9]\d|eighty\w*|ninety\w*)(?: years old| yo| year old)?,? (?:and )?(?:i )?"
        r"(?:live |living )?(?:alone|on my own|by myself)",
        r"(?:[7-9]\d|eighty\w*|ninety\w*)(?: years old| yo| year old)?,? (?:and )?(?:lives|living)"
        r" (?:all )?(?:alone|on (?:her|his) own|by (?:herself|himself))",
        rf"(?:she|he|{_MY_EN} (?:{KIN_EN})) (?:has|has got|'s got) (?:type [12] )?diabetes",
        r"(?:[7-9]\d|eighty\w*|ninety\w*)[- ]years?[- ]old (?:\w+ ){0,2}(?:lives?|living)"
        r" (?:alone|on (?:her|his|my) own|by (?:herself|himself|myself))",
        r"recovering from (?:surgery|an operation|a stroke|cancer)|just had (?:an operation"
        r"|surgery)|(?:can'?t|cannot) get out of bed",
    )),
    # An age of 70 or more, said of oneself (each spelling its own alternative: a shared
    # first letter would make the prefilter run this pattern on every message).
    RiskPattern("vulnerable", 0.7, "an elderly customer", _words(
        rf"i'm {_AGE}(?: years old| year old| yrs old| yo)?{_NOT_A_MEASURE}",
        rf"im {_AGE}(?: years old| year old| yrs old| yo)?{_NOT_A_MEASURE}",
        rf"i am {_AGE}(?: years old| year old| yrs old| yo)?{_NOT_A_MEASURE}",
        rf"ich bin {_AGE}(?: jahre alt)?{_NOT_A_MEASURE}",
        rf"j'ai {_AGE} ans(?! d)",
        rf"jai {_AGE} ans(?! d)",
        rf"tengo {_AGE} años(?! de)",
        r"(?:eye|eyes) (?:are|is) (?:not good|bad|poor|failing)|(?:partially|nearly) blind",
        r"sehe (?:sehr |ganz |kaum |nur noch )?schlecht(?! aus)",
    )),
    RiskPattern("vulnerable", 0.85, "domestic violence", _words(
        r"domestic (?:violence|abuse)",
        r"abusive (?:partner|ex|husband|wife|relationship|boyfriend|girlfriend)",
        r"(?:fleeing|escaped|escaping|leaving|left) (?:an? |my )?(?:abusive|violent)",
        r"restraining order|women'?s (?:refuge|shelter)|stalk(?:er|ing)",
        r"(?:ex|partner|husband|wife|boyfriend|girlfriend) (?:is|was|has been) (?:\w+ )?"
        r"(?:abusive|violent)",
    )),
    RiskPattern("vulnerable", 0.7, "money trouble said plainly", _words(MONEY_TROUBLE)),
    RiskPattern("vulnerable", 0.7, "severe financial hardship", _words(
        rf"{_CANT} (?:afford to )?(?:feed|buy food for) (?:my|our|the) (?:kids|children|family"
        r"|son|daughter|baby)",
        rf"{_CANT} afford (?:food|to eat(?! out)|groceries|rent|nappies|diapers|formula|heating)",
        rf"{_CANT} (?:buy|pay for) (?:food|groceries)",
        r"no money (?:left )?(?:for|to buy) (?:food|rent|groceries|heating)",
        r"nothing (?:left )?for food",
        r"food bank|homeless|being evicted|evicted|eviction|skipping meals",
        r"haven'?t eaten (?:in|for) (?:days|two days)",
    )),
    # a job just lost or the rent unpaid ("got made redundant this morning", "me quedé sin
    # laburo", "no llego ni al alquiler"); not "lost my job number", "Arbeitslosenversicherung"
    # or "me despidieron con un hasta pronto" (said goodbye)
    RiskPattern("vulnerable", 0.7, "lost their job", _words(
        r"(?:lost|losing) (?:my|our|his|her) (?:job|jobs|income)(?! (?:\w+ )?(?:number|ref\w*"
        r"|id|sheet|card|ticket))",
        r"(?:got|been|was|were) (?:just )?(?:made redundant|laid off|let go)(?! of)",
        r"(?:i'?m|i am|we'?re|we are) (?:now )?(?:unemployed|jobless)|out of work since",
        r"(?:meine?n?|die|den) (?:arbeit|stelle|job|arbeitsplatz) verloren|arbeitslos(?:e[rn]?)?",
        r"perdu (?:mon|son|notre) (?:emploi|travail|boulot|job)|au chômage",
        r"(?:je viens de me faire|je me suis fait|j'ai été) licenci\w*",
        r"(?:perdí|he perdido|perdió) (?:mi|el|su) (?:trabajo|empleo|laburo|chamba|curro)",
        r"me (?:despidieron|echaron) del (?:trabajo|curro|empleo)|me (?:acaban de|han) despedir"
        r"|me han despedido|desde que me (?:echaron|despidieron)|desemplead[oa]",
        r"estoy en (?:el )?paro",
    ), NEGATABLE),
    # unguarded: the negation is the hardship ("ich kann die Miete nicht mehr zahlen", "me
    # quedé sin laburo")
    RiskPattern("vulnerable", 0.7, "without work or rent", _words(
        r"(?:me quedé|quedé|se quedó) sin (?:trabajo|empleo|laburo|chamba|curro)",
        rf"{_CANT} (?:afford|pay|make) (?:the |my |our )?rent",
        r"miete nicht (?:mehr )?(?:zahlen|bezahlen)",
        r"(?:n'arrive (?:plus )?à|ne peux (?:plus )?) (?:payer|régler) (?:mon|le|notre) loyer",
        r"no llego (?:ni )?al alquiler",  # "a fin de mes": MONEY_TROUBLE
    )),
    # someone coming out of hospital, or who cannot walk far; not a nurse's shift ("I'm not
    # home from the hospital until 8am", "komme erst um 20 Uhr aus dem Krankenhaus")
    RiskPattern("vulnerable", 0.7, "comes out of hospital or has reduced mobility", _words(
        r"discharged from (?:the )?hospital|(?:gets|getting|got|comes|coming|came) (?:home )?"
        r"(?:out of|from) (?:the )?hospital",
        r"aus (?:dem krankenhaus|der klinik) entlassen|(?:kommt|kam|kommen) (?:\w+ ){0,3}aus dem"
        r" krankenhaus",
        r"(?:sort|sortira|sortie?|sortir) de l'hôpital",
        rf"(?:{KIN_FR}) (?:\w+ )?(?:rentre|revient|rentrera|reviendra) de l'hôpital",
        r"(?:sale|salga|saldrá|salió) del hospital",
        r"(?:le|la) dan (?:el )?alta (?:del|en el) hospital",
        rf"a (?:mi|mis|su|nuestra|nuestro) (?:{KIN_ES}) (?:le|la|lo) (?:dan|darán|dieron) (?:el )?"
        r"(?:de )?alta",
        r"(?:reduced|limited) mobility|wheelchair user",
        r"mobilité réduite|movilidad reducida|gehbehindert\w*|eingeschränkt\w* mobilität",
    ), NEGATABLE),
    RiskPattern("vulnerable", 0.7, "depends on medicine or care (de)", _words(
        r"(?:mein|meine|meinen|meiner|sein|seine|ihr|ihre|brauche|benötige|angewiesen auf"
        r"|ohne)\w* (?:\w+ ){0,2}(?:insulin|medikament\w*|medizin|tabletten|arznei\w*|rezept"
        r"|rollstuhl|sauerstoff\w*|hörgerät\w*|inhalator|dialyse|rollator)",
        r"(?:insulin|medikament(?:e|en)?|inhalator|sauerstoff) (?:meiner|meines|meinem"
        rf"|für meine\w*|von meine\w*) (?:{KIN_DE})\b",
        r"dialyse|chemo\w*|rollstuhl\w*|rollator|sauerstoffgerät|sauerstoffkonzentrator",
        r"schwerbehindert\w*|behinderung|pflegebedürftig\w*|pflegegrad|bettlägerig",
        r"(?:bin|ist) (?:\w+ )?(?:behindert|blind|gehörlos|sehbehindert)",
        r"demenz|alzheimer",
    )),
    RiskPattern("vulnerable", 0.85, "domestic violence (de)", _words(
        r"häusliche\w* gewalt|gewalttätig\w*|frauenhaus|kontaktverbot|annäherungsverbot",
        r"stalker|stalking",
    )),
    RiskPattern("vulnerable", 0.7, "hardship or elderly and alone (de)", _words(
        r"(?:kinder|familie) (?:\w+ )?nicht (?:mehr )?ernähren",
        r"kein geld (?:mehr )?für (?:essen|lebensmittel|miete|heizung)",
        r"obdachlos\w*|zwangsräumung",
        r"(?:[7-9]\d|1[01]\d)(?:-jährige\w*| jahre alt)? (?:\w+ )?(?:und )?(?:lebe?|wohne?|lebt"
        r"|wohnt) (?:ganz |völlig )?allein",
        r"kein (?:essen|geld für essen|lebensmittel) (?:\w+ ){0,4}kaufen",
        r"kann (?:\w+ ){0,3}kein essen",
        r"hochbetagt|pflegeheim",
        r"frisch operiert|nach (?:einer|meiner) (?:op|operation)|komme nicht aus dem bett",
    )),
    RiskPattern("vulnerable", 0.7, "depends on medicine or care (fr)", _words(
        r"(?:mon|ma|mes|son|sa|ses|besoin de|sans) (?:\w+ )?(?:insuline|médicaments?"
        r"|traitement|ordonnance|fauteuil roulant|oxygène|appareil auditif|dialyse|inhalateur)",
        rf"(?:insuline|médicaments?|inhalateur|oxygène) (?:de|pour) (?:ma|mon|mes|notre|nos)"
        rf" (?:{KIN_FR})\b",
        r"handicap\w*|fauteuil roulant|personnes? âgées?",
        r"(?:concentrateur|bouteille|bonbonne) d'oxygène",
        r"je suis (?:\w+ )?(?:aveugle|malvoyante?|sourde?|malentendante?|diabétique"
        r"|handicapée?|alitée?|dépendante?)",
        r"dialyse|chimio\w*|démence|alzheimer",
    )),
    RiskPattern("vulnerable", 0.85, "domestic violence (fr)", _words(
        r"violences? (?:conjugales?|domestiques?)",
        r"(?:conjoint|mari|compagnon|ex) violent",
        r"ordonnance de protection|harcèlement",
    )),
    RiskPattern("vulnerable", 0.7, "hardship (fr)", _words(
        r"(?:nourrir|donner à manger à) mes enfants",
        r"plus (?:de quoi|d'argent pour) (?:\w+ ){0,2}manger",
        r"sans[- ]abri|sdf|expulsée? de (?:mon|notre) logement|expulsion",
        r"(?:[7-9]\d|1[01]\d) ans,? (?:et )?(?:je )?vi(?:s|t) (?:toute )?seule?",
        r"(?:ne peux pas|ne peux plus|n'ai pas de quoi) (?:\w+ )?acheter (?:à manger|de la "
        r"nourriture)",
        r"banque alimentaire|restos du c(?:œ|oe)ur",
        r"je sors d'une opération|ne peux pas me lever",
    )),
    RiskPattern("vulnerable", 0.7, "depends on medicine or care (es)", _words(
        r"(?:mi|mis|su|sus|necesito|sin) (?:\w+ )?(?:insulina|medicamentos?|medicinas?"
        r"|medicación|tratamiento|receta|silla de ruedas|oxígeno|audífonos?|inhalador"
        r"|diálisis)",
        rf"(?:insulina|medicamentos?|medicinas?|medicación|inhalador|oxígeno) (?:de|para) (?:mi|mis"
        rf"|nuestr[oa]s?) (?:{KIN_ES})\b",
        r"silla de ruedas|discapacidad|discapacitad[oa]s?|minusválid[oa]s?",
        r"(?:concentrador|tanque|bombona|botella) de oxígeno",
        r"personas? mayor(?:es)?|ancian[oa]s?|tercera edad",
        r"soy (?:\w+ )?(?:ciega?o?|sord[oa]|diabétic[oa]|dependiente)",
        r"diálisis|quimio\w*|demencia|alzhéimer|alzheimer",
    )),
    RiskPattern("vulnerable", 0.85, "domestic violence (es)", _words(
        r"violencia (?:doméstica|de género|machista)",
        r"maltrat(?:o|ador|adora|ada|ado)|orden de alejamiento",
    )),
    RiskPattern("vulnerable", 0.7, "hardship (es)", _words(
        r"(?:dar(?:les?)? de comer|alimentar) a mis hijos",
        r"no tengo (?:dinero )?(?:para|ni para) comer",
        r"sin hogar|desahuci\w*|banco de alimentos",
        r"(?:[7-9]\d|1[01]\d) años,? (?:y )?viv(?:o|e) (?:completamente )?sol[oa]",
        r"(?:va|anda|está|vive) con oxígeno",
        r"no (?:puedo|tengo para) comprar comida",
        r"recién operad[oa]|me acaban de operar|no puedo levantarme de la cama",
    )),
)  # fmt: skip

# Negation and modal words, folded. A negation must stand within three words before the
# match, in the same clause: "nothing caught fire" — but not "it won't charge and it caught
# fire", where "and" opens a new clause.
_NEGATION = re.compile(
    r"\b(?:no|not|nothing|never|none|nobody|without|neither|nor|didn'?t|doesn'?t|don'?t|dont"
    r"|didnt|doesnt|isn'?t|wasn'?t|hasn'?t|haven'?t|hadn'?t|won'?t|wouldn'?t|kein\w*|nicht"
    r"|nichts|nie|niemals|ohne|pas|rien|aucune?|jamais|sans|ni|nada|nunca|ningun\w*|sin"
    r"|tampoco)\b"
)
_MODAL = re.compile(
    r"\b(?:could|can(?!')|might|may|would|should|does|do|is it|risk of|chance of|prevent|protect"
    r"|protection|against|könnte|kann|kann es|schutz|peut|pourrait|risque|contre|puede"
    r"|podría|riesgo|contra)\b"
)
_CLAUSE = re.compile(r"[.,;:!?()\"]|\b(?:and|but|so|then|und|aber|dann|et|mais|puis|y|pero)\b")
_POST_NEGATION = re.compile(r" (?:nicht|not|pas)\b")
_WINDOW = 40


def _cancelled(folded: str, start: int, end: int, guards: int) -> bool:
    """Whether a negation (or, for hazards, a modal) just before the match cancels it."""
    before = folded[max(0, start - _WINDOW) : start]
    clause = _CLAUSE.split(before)[-1]
    near = " ".join(clause.split()[-3:])
    if guards & NEGATABLE and (
        _NEGATION.search(near)
        or _NEGATION.search(folded, start, end)  # "es hat nichts gebrannt"
        or _POST_NEGATION.match(folded, end, end + 7)  # "der Akku überhitzt nicht"
    ):
        return True
    return bool(guards & HYPOTHETICAL and _MODAL.search(near))


class _Lexicon:
    """The patterns, compiled one by one, and one literal scan that says which to run
    (``prefilter.LiteralIndex``: a banking message often contains one common word of a
    category, and scanning the whole category's alternation then cost ~0.1 ms)."""

    def __init__(self, patterns: Sequence[RiskPattern]) -> None:
        self.patterns = tuple(patterns)

    @cached_property
    def compiled(self) -> list[tuple[RiskPattern, re.Pattern[str]]]:
        return [(p, re.compile(_ascii_pattern(p.pattern))) for p in self.patterns]

    @cached_property
    def _index(self) -> LiteralIndex:
        return LiteralIndex((regex for _, regex in self.compiled), LEXICONS)

    def candidates(self, folded: str) -> list[int]:
        """Indices of the patterns that may match ``folded`` (ASCII, lower case), in order."""
        return self._index.candidates(folded)

    def scan(
        self, folded: str, negation: bool = True, prefilter: bool = True
    ) -> list[tuple[RiskPattern, int, int]]:
        """Every (pattern, start, end) in ``folded`` that no guard cancels."""
        found: list[tuple[RiskPattern, int, int]] = []
        chosen = self.candidates(folded) if prefilter else range(len(self.compiled))
        for i in chosen:
            pattern, regex = self.compiled[i]
            for m in regex.finditer(folded):
                start, end = m.span()
                if negation and pattern.guards and _cancelled(folded, start, end, pattern.guards):
                    continue
                found.append((pattern, start, end))
        return found


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    return _Lexicon(PATTERNS)


# ----------------------------------------------------------------------------- values


@dataclass(frozen=True, slots=True)
class RiskReading:
    """The risks one message carries: categories with scores (strongest first) and evidence.

    ``evidence`` has one entry per matched span: ``source`` ``"risk.<category>"``,
    ``detail`` in words, ``start``/``end``/``text`` into the original text, ``weight`` the
    pattern's score.
    """

    categories: tuple[tuple[str, float], ...] = ()
    evidence: tuple[Evidence, ...] = ()

    @property
    def value(self) -> float:
        """The strongest category's score, 0.0 when none."""
        return self.categories[0][1] if self.categories else 0.0

    @property
    def label(self) -> str | None:
        """The strongest category, ``None`` when none."""
        return self.categories[0][0] if self.categories else None

    @property
    def names(self) -> tuple[str, ...]:
        """The detected category names, strongest first."""
        return tuple(category for category, _ in self.categories)

    @property
    def seen(self) -> tuple[tuple[str, float, str], ...]:
        """(category, score, what was seen in words) per category, strongest first: what a
        decision quotes and a hand-off leads with."""
        said: dict[str, str] = {}
        for e in self.evidence:
            said.setdefault(e.source.removeprefix("risk."), e.detail)
        return tuple((c, p, said.get(c, c.replace("_", " "))) for c, p in self.categories)

    @property
    def score(self) -> Score:
        """The reading as a ``Score(kind="risk")`` for ``decide``."""
        return Score("risk", self.label, self.value, self.evidence)

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "label": self.label,
            "categories": [{"category": c, "score": s} for c, s in self.categories],
            "evidence": [
                {
                    "source": e.source,
                    "detail": e.detail,
                    "start": e.start,
                    "end": e.end,
                    "text": e.text,
                    "weight": e.weight,
                }
                for e in self.evidence
            ],
        }


NO_RISK = RiskReading()


def _windows(text: str, max_chars: int) -> list[tuple[int, str]]:
    """The parts of ``text`` to read: all of it, or its head and tail (3/4 + 1/4) when long."""
    if len(text) <= max_chars:
        return [(0, text)]
    head = (max_chars * 3) // 4
    tail = max_chars - head
    return [(0, text[:head]), (len(text) - tail, text[-tail:])]


def _outermost(
    found: list[tuple[RiskPattern, int, int]],
) -> list[tuple[RiskPattern, int, int]]:
    """Matches without the ones inside a same-category match at least as strong.

    Patterns run one by one, so "want to kill myself" is found whole (a wish frame) and as
    "kill myself"; the reader needs it once.
    """
    if len(found) < 2:
        return found
    ordered = sorted(found, key=lambda f: (f[1], -f[2], -f[0].weight))
    kept: list[tuple[RiskPattern, int, int]] = []
    for pattern, start, end in ordered:
        inside = any(
            k.category == pattern.category and ks <= start and end <= ke
            and k.weight >= pattern.weight for k, ks, ke in kept
        )  # fmt: skip
        if not inside:
            kept.append((pattern, start, end))
    return kept


def read_risk(text: str, max_chars: int = DEFAULT_MAX_CHARS, negation: bool = True) -> RiskReading:
    """The ``RiskReading`` of one text (``RiskDetector.analyse`` for one, without fitting)."""
    if not isinstance(text, str) or not text:
        return NO_RISK
    lexicon = _lexicon()
    evidence: list[Evidence] = []
    best: dict[str, float] = {}
    for offset, part in _windows(text, max_chars):
        folded, index = fold(part)
        for pattern, start, end in _outermost(lexicon.scan(folded, negation)):
            if index is not None:
                start, end = index[start], index[end - 1] + 1
                while end < len(part) and unicodedata.combining(part[end]):
                    end += 1  # a decomposed accent belongs to its letter
            start, end = start + offset, end + offset
            category = pattern.category
            evidence.append(Evidence(f"risk.{category}", pattern.detail, start, end,
                                     text[start:end], pattern.weight))  # fmt: skip
            best[category] = max(best.get(category, 0.0), pattern.weight)
    if not best:
        return NO_RISK
    order = {c: i for i, c in enumerate(CATEGORIES)}
    categories = tuple(sorted(best.items(), key=lambda kv: (-kv[1], order[kv[0]])))
    return RiskReading(categories, tuple(sorted(evidence, key=lambda e: e.start or 0)))


# ----------------------------------------------------------------------------- component


def _as_categories(label: Any) -> tuple[str, ...]:
    """A label as category names: a name, a sequence of names, or ``""``/``None`` for none."""
    if label is None or label == "":
        return ()
    names = (label,) if isinstance(label, str) else tuple(label)
    unknown = [n for n in names if n not in CATEGORIES]
    if unknown:
        raise TrainingDataError(
            f"unknown risk categories {unknown}; known: {', '.join(CATEGORIES)}"
        )
    return tuple(str(n) for n in names)


@register("risk", "risk.rules.v1")
class RiskDetector(Component):
    """The risk patterns as a component: nothing to learn, ``fit`` checks and freezes them.

    ``fit`` validates labels when given (each a category name or a sequence of them) and
    records the categories and pattern count, so a saved model states what it detects.
    ``analyse`` gives ``RiskReading``s, ``predict`` the detected category names.
    ``negation`` turns the negation and modal guards off (for measuring what they save).
    """

    def __init__(self, max_chars: int = DEFAULT_MAX_CHARS, negation: bool = True) -> None:
        self.max_chars = max_chars
        self.negation = negation

    def fit(self, texts: Sequence[str], labels: Sequence[Any] | None = None) -> Self:
        if self.max_chars < 64:
            raise ValueError(f"max_chars must be at least 64, got {self.max_chars}")
        if labels is not None:
            if len(labels) != len(texts):
                raise TrainingDataError("risk labels need one entry per text")
            for label in labels:
                _as_categories(label)
        self.categories_ = list(CATEGORIES)
        # Compiling here makes a broken pattern fail at start-up, not on a customer's message.
        self.n_patterns_ = len(_lexicon().compiled)
        return self

    def analyse(self, texts: Sequence[str]) -> list[Any]:
        self._check_fitted()
        return [read_risk(text, self.max_chars, self.negation) for text in texts]

    def predict(self, texts: Sequence[str]) -> list[Any]:
        return [reading.names for reading in self.analyse(texts)]

    def get_state(self) -> ComponentState:
        self._check_fitted()
        return ComponentState(meta={"categories": self.categories_,
                                    "n_patterns": self.n_patterns_})  # fmt: skip

    def set_state(self, state: ComponentState) -> None:
        categories = [str(c) for c in state.meta.get("categories", [])]
        unknown = [c for c in categories if c not in CATEGORIES]
        if unknown:
            raise ValueError(f"risk categories {unknown} are not part of this tandemdesk version")
        self.categories_ = categories
        self.n_patterns_ = int(state.meta.get("n_patterns", len(PATTERNS)))

    @classmethod
    def example_data(cls) -> tuple[list[str], list[Any]]:
        rows: list[tuple[str, tuple[str, ...]]] = [
            ("I can't go on anymore", ("self_harm",)),
            ("The charger caught fire last night", ("safety_hazard",)),
            ("There is a charge on my card I never made", ("fraud",)),
            ("My husband passed away and I need to close his account", ("bereavement",)),
            ("I will contact my lawyer", ("legal_threat",)),
            ("My insulin was in that parcel", ("vulnerable",)),
            ("Where is my parcel?", ()),
            ("This deal is fire!", ()),
        ]
        return [t for t, _ in rows], [list(c) for _, c in rows]


@lru_cache(maxsize=1)
def default_detector() -> RiskDetector:
    """The shipped detector, fitted and ready (rules only: nothing to load)."""
    return RiskDetector().fit([])
