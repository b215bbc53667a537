"""How a wait or a count is said in en/de/fr/es: counting words and months, as regex
alternations for the rule lexicons to embed (``rf"(?:{COUNT_EN}) days"``), and the one wait
an answer checks, a wait counted in minutes or hours (``short_wait``).

Why one place: the sarcasm cue's complaints ("neuf jours ouvrés", "since March"), the
repeated-contact urgency rule ("llevo ocho días") and the injury rule ("seven stitches")
all count. Kept in each rule, the lists stopped at different numbers ("four" in one, "six"
in another), so the same wait was a complaint to one rule and nothing to the other.
"""

from __future__ import annotations

import re

# two to twelve in words, and the vague "several" / "a few"
_WORDS_EN = r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a few"
_WORDS_DE = r"zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|mehreren|einigen|ein paar"
_WORDS_FR = r"deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|plusieurs|quelques"
_WORDS_ES = r"dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|vari[ao]s|unos|unas"
# digits too
COUNT_EN = rf"\d+|{_WORDS_EN}"
COUNT_DE = rf"\d+|{_WORDS_DE}"
COUNT_FR = rf"\d+|{_WORDS_FR}"
COUNT_ES = rf"\d+|{_WORDS_ES}"

DAYS_EN = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"
DAYS_DE = r"montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag"
DAYS_FR = r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
DAYS_ES = r"lunes|martes|miércoles|jueves|viernes|sábado|domingo"
MONTHS_EN = r"january|february|march|april|may|june|july|august|september|october|november|december"
MONTHS_DE = r"januar|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember"
MONTHS_FR = r"janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
MONTHS_ES = (
    r"enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre"
)

# Up to 23 hours: a wait of a day or more is a parcel's, and "for 48 hours" is not a courier's.
_HOURS = r"(?:[1-9]|1\d|2[0-3])(?:[.,]5)?"
# the counting words, and one hour or half of one
_FEW_EN = rf"an?|one|half an|a couple of|{_WORDS_EN}"
_FEW_DE = rf"einer|eine|ner|'ner|einer halben|ner halben|{_WORDS_DE}"
_FEW_FR = rf"une|une demi|{_WORDS_FR}"
_FEW_ES = rf"una|media|{_WORDS_ES}"
_ABOUT_EN = r"(?:over|more than|about|around|almost|nearly|like|a good)\s+"
_ABOUT_DE = r"(?:über|mehr als|fast|knapp|gut|ca\.?|etwa|bald|schon)\s+"
_ABOUT_FR = r"(?:plus d'|plus de\s+|presque\s+|environ\s+|bien\s+|au moins\s+)"
_ABOUT_ES = r"(?:más de\s+|mas de\s+|casi\s+|como\s+|unos\s+|unas\s+|ya\s+)"
_MINUTES = r"\d{1,3}\s*(?:min|mins|minutes?|minuten|minutos?)\b"
_H_EN = rf"(?:{_HOURS}|{_FEW_EN})\s*(?:hours?|hrs?)\b"
_SHORT_WAIT = re.compile(
    r"\b(?:"
    rf"(?:for|since|waiting|waited)\s+(?:for\s+)?(?:{_ABOUT_EN})?(?:{_MINUTES}|{_H_EN}"
    rf"|\d{{1,2}}h\d{{2}})"
    rf"|(?:{_MINUTES}|{_H_EN})\s+(?:ago|late)\b"
    rf"|(?:seit|vor|warte)\s+(?:{_ABOUT_DE})?"
    rf"(?:{_MINUTES}|(?:{_HOURS}|{_FEW_DE})\s*(?:stunden?|std)\b)"
    # "depuis 8h" is a time of day: "depuis" counts hours in words only
    rf"|(?:il\s+y\s+a|y\s+a|ça\s+fait|ca\s+fait)\s+(?:{_ABOUT_FR})?"
    rf"(?:{_MINUTES}|(?:{_HOURS}|{_FEW_FR})\s*(?:heures?|h)(?:\d{{2}})?\b)"
    rf"|depuis\s+(?:{_ABOUT_FR})?(?:{_MINUTES}|(?:{_FEW_FR})\s+heures?\b"
    r"|(?:une\s+)?demi-heure|(?:trois\s+)?quarts?\s+d'heure)"
    rf"|(?:hace|desde\s+hace|lleva|llevo|llevamos)\s+(?:{_ABOUT_ES})?"
    rf"(?:{_MINUTES}|(?:{_HOURS}|{_FEW_ES})\s*(?:horas?|hrs?)\b)"
    rf"|(?:{_MINUTES}|(?:una|media|\d{{1,2}})\s+horas?)\s+esperando\b"
    r")",
    re.IGNORECASE,
)
# A wait on the phone or in a queue is not a delivery's ("on hold for 40 mins, so I'm
# writing instead"): it counts nothing about the parcel.
_ON_HOLD = re.compile(
    r"\bon hold\b|\bin (?:the|a) queue\b|warteschleife|au téléphone|en attente au|"
    r"al teléfono|en espera\b",
    re.IGNORECASE,
)


def short_wait(text: str) -> str | None:
    """The words that count a wait in minutes or hours ("for 45 mins", "seit ner Stunde",
    "il y a 40 min", "lleva una hora", "waiting 45 mins", "40 mins late"), or ``None`` (also
    when the wait is on the phone: "on hold for 40 mins").

    Why: a shop's parcel is waited for in days. A customer counting the delivery in minutes
    is most often waiting for a courier or a food order ("my dominos has been 'out for
    delivery' for 45 mins"); answering with our parcel's tracking would be about another
    delivery (``act.answers_rules.order_in_transit`` hands it over instead).
    """
    found = _SHORT_WAIT.search(text or "")
    if found is None or _ON_HOLD.search(text):
        return None
    return " ".join(found.group(0).split())
