"""How a wait or a count is said in en/de/fr/es: counting words and months, as regex
alternations for the rule lexicons to embed (``rf"(?:{COUNT_EN}) days"``).

Why one place: the sarcasm cue's complaints ("neuf jours ouvrés", "since March"), the
repeated-contact urgency rule ("llevo ocho días") and the injury rule ("seven stitches")
all count. Kept in each rule, the lists stopped at different numbers ("four" in one, "six"
in another), so the same wait was a complaint to one rule and nothing to the other.
"""

from __future__ import annotations

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
