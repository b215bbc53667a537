"""A clarifying question when the model is not sure what the customer wants.

Asking is better than guessing: the two most likely intents are offered in the customer's
language, and the customer's answer threads into the same conversation and is understood
again.

The options are what customers read, never the team's intent ids ("s'agit-il de
return request ?" is neither French nor a question a customer can answer): each comes
from the policy's ``intent_names`` (intent → language → name), kept with the workspace's
intents because only the shop knows what its intents mean. Without a name for an option
in the question's language, the question is asked without options.

The names are written to follow the question's preposition with their own article
("den Stand Ihrer Bestellung", "le suivi de votre commande", "el estado de su pedido"),
so French and Spanish contract it here: *de le* → *du*, *de un* → *d'un*, *de el* → *del*.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from tandemdesk.act.answers_kb import normalize_language
from tandemdesk.understand.pipeline import Understanding

IntentNames = Mapping[str, Mapping[str, str]]
"""Intent → language → the name customers read (``Policy.intent_names``)."""

QUESTIONS = {
    "en": ("Thanks for your message! So I can help with the right thing: is it about {a} or {b}?",
           "Thanks for your message! Could you tell me a little more about what you need?"),
    "de": ("Danke für Ihre Nachricht! Damit ich richtig helfe: Geht es um {a} oder um {b}?",
           "Danke für Ihre Nachricht! Können Sie mir etwas genauer sagen, worum es geht?"),
    "fr": ("Merci pour votre message ! Pour bien vous aider : s'agit-il {a} ou {b} ?",
           "Merci pour votre message ! Pourriez-vous m'en dire un peu plus sur votre demande ?"),
    "es": ("¡Gracias por su mensaje! Para ayudarle bien: ¿se trata {a} o {b}?",
           "¡Gracias por su mensaje! ¿Podría darme un poco más de detalle sobre lo que necesita?"),
}  # fmt: skip
"""Per language: the question with two options, and the open question."""

_FR_VOWELS = tuple("aeiouyàâäéèêëîïôöûüù")


def _fr_de(name: str) -> str:
    """French *de* + a name with its article: du, des, d'un, de la, de l', de votre."""
    lower = name.lower()
    if lower.startswith("le "):
        return "du " + name[3:]
    if lower.startswith("les "):
        return "des " + name[4:]
    if lower.startswith(_FR_VOWELS):
        return "d'" + name
    return "de " + name


def _es_de(name: str) -> str:
    """Spanish *de* + a name with its article: del (de el), de la, de un."""
    return "del " + name[3:] if name.lower().startswith("el ") else "de " + name


def _as_is(name: str) -> str:
    return name


OPTION_FORMS: Mapping[str, Callable[[str], str]] = {"fr": _fr_de, "es": _es_de}
"""How a name joins the question where the preposition contracts with its article."""


def clarifying_question(
    understanding: Understanding, language: str | None, names: IntentNames | None = None
) -> str:
    """The question in the customer's language (English when we have none in theirs).

    ``names``: the policy's ``intent_names``. The two most likely intents are offered only
    when both have a name in the question's language (and the names differ); otherwise the
    open question is asked — always for a message that names nothing ("can you check
    something for me"), where the model's guesses are noise.
    """
    asked = _asked(language)
    two, open_question = QUESTIONS[asked]
    top_k = understanding.intent.top_k if understanding.intent else ()
    options = offered_options(top_k, understanding.dialogue.vague, language, names)
    if options:
        form = OPTION_FORMS.get(asked, _as_is)
        return two.format(a=form(options[0]), b=form(options[1]))
    return open_question


def _asked(language: str | None) -> str:
    wanted = normalize_language(language)
    return wanted if wanted in QUESTIONS else "en"


def offered_options(
    top_k: Sequence[tuple[str, float]] | Sequence[Sequence[Any]],
    vague: bool,
    language: str | None,
    names: IntentNames | None,
) -> list[str]:
    """The two choices a clarifying question offers (what the chat widget shows as buttons),
    in the question's language; empty when the open question is asked instead."""
    if vague:
        return []
    asked = _asked(language)
    options = [(names or {}).get(str(pair[0]), {}).get(asked, "").strip() for pair in top_k[:2]]
    if len(options) == 2 and all(options) and options[0] != options[1]:
        return options
    return []
