"""How a wait or a count is said in en/de/fr/es: counting words and months, as regex
alternations for the rule lexicons to embed (``rf"(?:{COUNT_EN}) days"``).

Why one place: the sarcasm cue's complaints ("neuf jours ouvrés", "since March"), the
repeated-contact urgency rule ("llevo ocho días") and the injury rule ("seven stitches")
all count. Kept in each rule, the lists stopped at different numbers ("four" in one, "six"
in another), so the same wait was a complaint to one rule and nothing to the other.
"""

from __future__ import annotations

import re

# digits, two to twelve, and the vague "several" / "a few"
COUNT_EN = r"\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a few"
COUNT_DE = (
    r"\d+|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|mehreren|einigen|ein paar"
)
COUNT_FR = r"\d+|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|plusieurs|quelques"
COUNT_ES = r"\d+|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|vari[ao]s|unos|unas"

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

_HOURS = r"(?:[1-9]|1\d|2[0-3])"  # a day or more is a parcel's wait, not a courier's
_FEW_EN = r"an?|one|half an|two|three|four|five|six"
_FEW_DE = r"einer|ner|'ner|einer halben|ner halben|zwei|drei|vier|fünf|sechs"
_FEW_FR = r"une|une demi|deux|trois|quatre|cinq|six"
_FEW_ES = r"una|media|dos|tres|cuatro|cinco|seis"
_ABOUT_EN = r"(?:over|more than|about|around|almost|nearly|like|a good)\s+"
_ABOUT_DE = r"(?:über|mehr als|fast|knapp|gut|ca\.?|etwa|bald)\s+"
_ABOUT_FR = r"(?:plus d'|plus de |presque |environ |bien |au moins )"
_ABOUT_ES = r"(?:más de |mas de |casi |como |unos |unas |ya )"
_MINUTES = r"\d{1,3}\s*(?:min|mins|minutes?|minuten|minutos?)\b"
_SHORT_WAIT = re.compile(
    r"\b(?:"
    rf"(?:for|since)\s+(?:{_ABOUT_EN})?"
    rf"(?:{_MINUTES}|(?:{_HOURS}|{_FEW_EN})\s*(?:hours?|hrs?|mins?|minutes)\b)"
    rf"|(?:{_MINUTES}|(?:{_HOURS}|{_FEW_EN})\s+(?:hours?|hrs?|mins?|minutes))\s+ago\b"
    rf"|(?:seit|vor)\s+(?:{_ABOUT_DE})?(?:{_MINUTES}|(?:{_HOURS}|{_FEW_DE})\s*(?:stunden?|std)\b)"
    rf"|(?:depuis|il\s+y\s+a|y\s+a|ça\s+fait|ca\s+fait)\s+(?:{_ABOUT_FR})?"
    rf"(?:{_MINUTES}|(?:{_HOURS}|{_FEW_FR})\s*(?:heures?|h)\b)"
    rf"|(?:hace|desde\s+hace|lleva|llevo|llevamos)\s+(?:{_ABOUT_ES})?"
    rf"(?:{_MINUTES}|(?:{_HOURS}|{_FEW_ES})\s*(?:horas?|hrs?)\b)"
    r")",
    re.IGNORECASE,
)


def short_wait(text: str) -> str | None:
    """The words that count a wait in minutes or hours ("for 45 mins", "seit ner Stunde",
    "il y a 40 min", "lleva una hora"), or ``None``.

    Why: a shop's parcel is waited for in days. A customer counting the delivery in minutes
    is most often waiting for a courier or a food order ("my dominos has been 'out for
    delivery' for 45 mins"); answering with our parcel's tracking would be about another
    delivery (``act.answers_rules.order_in_transit`` hands it over instead).
    """
    found = _SHORT_WAIT.search(text or "")
    return " ".join(found.group(0).split()) if found else None
