"""Short, warm replies to small talk and to "I want a person", in the customer's language.

Why fixed texts and not a generated reply: "Thanks!" deserves a "You're welcome!", not a
clarifying question, and the reply must never promise what the bot cannot do ("I've fixed
it", "someone will call you in five minutes"). So these say only what is true whatever
happens next: we are glad to help, write again any time, a person from the team takes over
(the wait only when the caller knows it).

Forms of address follow ``act/clarify.py``: Sie in German, vous in French, usted in Spanish,
Lei in Italian, u in Dutch. A language we have no texts for gets English.
"""

from __future__ import annotations

import re

from tandemdesk.understand.dialogue import SMALL_TALK

DEFAULT_LANGUAGE = "en"

_REPLIES: dict[str, dict[str, str]] = {
    "en": {
        "greeting": "Hello! How can I help you today?",
        "thanks": "You're welcome! If there's anything else, just write to us.",
        "goodbye": "Goodbye, and thanks for writing to us!",
        "acknowledgement": "Glad to hear it. If you need anything else, just write to us.",
    },
    "de": {
        "greeting": "Hallo! Wie kann ich Ihnen heute helfen?",
        "thanks": "Gern geschehen! Wenn Sie noch etwas brauchen, schreiben Sie uns einfach.",
        "goodbye": "Auf Wiedersehen und danke für Ihre Nachricht!",
        "acknowledgement": "Das freut mich. "
                           "Wenn Sie noch etwas brauchen, schreiben Sie uns einfach.",
    },
    "fr": {
        "greeting": "Bonjour ! Comment puis-je vous aider aujourd'hui ?",
        "thanks": "Avec plaisir ! Si vous avez besoin d'autre chose, n'hésitez pas à nous écrire.",
        "goodbye": "Au revoir, et merci de nous avoir écrit !",
        "acknowledgement": "C'est noté. "
                           "Si vous avez besoin d'autre chose, n'hésitez pas à nous écrire.",
    },
    "es": {
        "greeting": "¡Hola! ¿En qué puedo ayudarle hoy?",
        "thanks": "¡De nada! Si necesita algo más, escríbanos cuando quiera.",
        "goodbye": "¡Hasta pronto, y gracias por escribirnos!",
        "acknowledgement": "Perfecto. Si necesita algo más, escríbanos cuando quiera.",
    },
    "it": {
        "greeting": "Buongiorno! Come posso aiutarla oggi?",
        "thanks": "Prego! Se ha bisogno di altro, ci scriva pure.",
        "goodbye": "Arrivederci, e grazie per averci scritto!",
        "acknowledgement": "Perfetto. Se ha bisogno di altro, ci scriva pure.",
    },
    "nl": {
        "greeting": "Hallo! Waarmee kan ik u vandaag helpen?",
        "thanks": "Graag gedaan! Als u nog iets nodig hebt, stuur ons gerust een bericht.",
        "goodbye": "Tot ziens, en bedankt voor uw bericht!",
        "acknowledgement": "Fijn om te horen. "
                           "Als u nog iets nodig hebt, stuur ons gerust een bericht.",
    },
    "pt": {
        "greeting": "Olá! Como posso ajudar hoje?",
        "thanks": "De nada! Se precisar de mais alguma coisa, é só nos escrever.",
        "goodbye": "Até logo, e obrigado por nos escrever!",
        "acknowledgement": "Ótimo. Se precisar de mais alguma coisa, é só nos escrever.",
    },
}  # fmt: skip

# "{wait}" is the part in brackets, or nothing when the wait is not known.
_HANDOVER: dict[str, tuple[str, str]] = {
    "en": ("Thanks — a person from our team will take over this conversation{wait}.",
           " (usually within {wait})"),
    "de": ("Danke – eine Kollegin oder ein Kollege aus unserem Team übernimmt dieses "
           "Gespräch{wait}.", " (in der Regel innerhalb von {wait})"),
    "fr": ("Merci — une personne de notre équipe va reprendre cette conversation{wait}.",
           " (en général sous {wait})"),
    "es": ("Gracias. Una persona de nuestro equipo se encargará de esta conversación{wait}.",
           " (normalmente en un plazo de {wait})"),
    "it": ("Grazie — una persona del nostro team prenderà in carico questa conversazione{wait}.",
           " (di solito entro {wait})"),
    "nl": ("Bedankt — een medewerker van ons team neemt dit gesprek over{wait}.",
           " (meestal binnen {wait})"),
    "pt": ("Obrigado — uma pessoa da nossa equipe vai assumir esta conversa{wait}.",
           " (normalmente em até {wait})"),
}  # fmt: skip

# Units of a wait written in English ("2 hours", "1 business day"), per language as
# (one, several); German in the dative that "innerhalb von" takes.
_UNITS: dict[str, dict[str, tuple[str, str]]] = {
    "en": {"minute": ("minute", "minutes"), "hour": ("hour", "hours"), "day": ("day", "days"),
           "business day": ("business day", "business days"), "week": ("week", "weeks")},
    "de": {"minute": ("Minute", "Minuten"), "hour": ("Stunde", "Stunden"), "day": ("Tag", "Tagen"),
           "business day": ("Werktag", "Werktagen"), "week": ("Woche", "Wochen")},
    "fr": {"minute": ("minute", "minutes"), "hour": ("heure", "heures"), "day": ("jour", "jours"),
           "business day": ("jour ouvré", "jours ouvrés"), "week": ("semaine", "semaines")},
    "es": {"minute": ("minuto", "minutos"), "hour": ("hora", "horas"), "day": ("día", "días"),
           "business day": ("día hábil", "días hábiles"), "week": ("semana", "semanas")},
    "it": {"minute": ("minuto", "minuti"), "hour": ("ora", "ore"), "day": ("giorno", "giorni"),
           "business day": ("giorno lavorativo", "giorni lavorativi"),
           "week": ("settimana", "settimane")},
    "nl": {"minute": ("minuut", "minuten"), "hour": ("uur", "uur"), "day": ("dag", "dagen"),
           "business day": ("werkdag", "werkdagen"), "week": ("week", "weken")},
    "pt": {"minute": ("minuto", "minutos"), "hour": ("hora", "horas"), "day": ("dia", "dias"),
           "business day": ("dia útil", "dias úteis"), "week": ("semana", "semanas")},
}  # fmt: skip
_UNIT_NAMES = {
    "minute": "minute", "min": "minute", "mins": "minute", "m": "minute",
    "hour": "hour", "hr": "hour", "hrs": "hour", "h": "hour",
    "day": "day", "d": "day", "business day": "business day", "working day": "business day",
    "week": "week", "wk": "week", "w": "week",
}  # fmt: skip
_WAIT = re.compile(
    r"^(?P<n>\d+(?:\s*[-–]\s*\d+)?|an?|one)\s*"
    r"(?P<unit>business days?|working days?|minutes?|mins?|hours?|hrs?|days?|weeks?|wks?|[mhdw])$",
    re.IGNORECASE,
)


def language_of(language: str | None) -> str:
    """The language we have texts for: ``"de-CH"`` → ``"de"``, unknown or none → English."""
    code = (language or "").strip().lower().replace("_", "-").split("-")[0]
    return code if code in _REPLIES else DEFAULT_LANGUAGE


def small_talk_reply(kind: str, language: str | None) -> str:
    """The reply to a message that is only small talk (``kind`` one of ``SMALL_TALK``)."""
    if kind not in SMALL_TALK:
        raise ValueError(f"unknown small-talk kind {kind!r}; known: {', '.join(SMALL_TALK)}")
    return _REPLIES[language_of(language)][kind]


def localise_wait(wait: str, language: str | None) -> str:
    """An English wait ("2 hours", "1 business day", "30 min") in the customer's language.

    Anything else is returned as given: the caller wrote it (perhaps already translated).
    """
    text = " ".join(wait.split())
    m = _WAIT.match(text)
    if m is None:
        return text
    n = m.group("n").lower()
    amount = "1" if n in ("a", "an", "one") else re.sub(r"\s*[-–]\s*", "–", n)
    unit_text = m.group("unit").lower()
    unit = _UNIT_NAMES.get(unit_text) or _UNIT_NAMES[unit_text.rstrip("s")]
    one, several = _UNITS[language_of(language)][unit]
    return f"{amount} {one if amount == '1' else several}"


def handover_acknowledgement(language: str | None, wait: str | None = None) -> str:
    """Tells the customer that a person takes over, with the usual wait when it is known."""
    code = language_of(language)
    sentence, within = _HANDOVER[code]
    wait = (wait or "").strip()
    part = within.format(wait=localise_wait(wait, code)) if wait else ""
    return sentence.format(wait=part)
