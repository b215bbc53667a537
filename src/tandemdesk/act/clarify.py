"""A clarifying question when the model is not sure what the customer wants.

Asking is better than guessing: the two most likely intents are offered in the customer's
language, and the customer's answer threads into the same conversation and is understood
again.
"""

from __future__ import annotations

from tandemdesk.understand.pipeline import Understanding

QUESTIONS = {
    "en": ("Thanks for your message! So I can help with the right thing: is it about {a} or {b}?",
           "Thanks for your message! Could you tell me a little more about what you need?"),
    "de": ("Danke für Ihre Nachricht! Damit ich richtig helfe: Geht es um {a} oder um {b}?",
           "Danke für Ihre Nachricht! Können Sie mir etwas genauer sagen, worum es geht?"),
    "fr": ("Merci pour votre message ! Pour bien vous aider : s'agit-il de {a} ou de {b} ?",
           "Merci pour votre message ! Pouvez-vous m'en dire un peu plus ?"),
    "es": ("¡Gracias por su mensaje! Para ayudarle bien: ¿se trata de {a} o de {b}?",
           "¡Gracias por su mensaje! ¿Podría darme un poco más de detalle?"),
}  # fmt: skip


def humanize(intent: str) -> str:
    """``order_status`` → ``order status`` (intent names are the team's own words)."""
    return intent.replace("_", " ").replace("-", " ")


def clarifying_question(understanding: Understanding, language: str | None) -> str:
    """The question in the customer's language (English when we have none in theirs)."""
    two, open_question = QUESTIONS.get(language or "en", QUESTIONS["en"])
    candidates = understanding.intent.top_k[:2] if understanding.intent else ()
    if len(candidates) == 2:
        return two.format(a=humanize(candidates[0][0]), b=humanize(candidates[1][0]))
    return open_question
