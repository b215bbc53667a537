"""The text the models read for an e-mail whose body only points at its subject.

Why: "Where is my order NW-151003??" as the subject and "As per subject. Thanks" as the
body is a common way to write (suite 15: one case per language, all read out of scope and
sent to a person). The subject is not read in general: a reply's subject is often the
shop's own words ("Re: Your order NW-106200 is on its way") and, read with every message,
it chose the wrong order for "and the other one I ordered?". Only when the body says the
request is in the subject ("as per subject", "siehe Betreff", "tout est dans l'objet",
"lo dicho en el asunto"), said as a phrase of its own (not "¿pueden ver el asunto de mi
reembolso?", the matter), is the subject read: after the body, so that evidence offsets
into the body stay right and an order number in the body still comes first.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from tandemdesk.listen.delivery import normalize_subject
from tandemdesk.understand.pii_mask import mask_payment_data

if TYPE_CHECKING:
    from tandemdesk.models import Message

_POINTS_AT_SUBJECT = re.compile(
    r"(?:^|[\s(,.;:!¡¿-])(?:"
    # en
    r"(?:as )?per (?:the )?subject(?: line)?|(?:please )?see (?:the )?subject(?: line)?"
    r"|(?:details|all|everything|my question|the question|my request)(?: is| are|'s)? in (?:the )?"
    r"subject(?: line)?|(?:as )?(?:stated|mentioned|said|written) in (?:the )?subject(?: line)?"
    r"|subject (?:line )?says it all"
    # de
    r"|(?:siehe|s\.|vgl\.?|wie im|steht im|steht alles im|alles im|siehe bitte|siehe oben im)"
    r" betreff|betreff sagt alles"
    # fr
    r"|(?:voir|cf\.?|voyez|comme indiqué dans|comme dit dans|tout est dans|tout est dit dans)"
    r" (?:l'|l’|le )?objet(?: du (?:mail|message|courriel|e-mail))?|l'objet dit tout"
    # es
    r"|(?:ver|v[eé]ase|lo dicho en|como dice|como indica|seg[uú]n|todo est[aá] en"
    r"|est[aá] todo en|como pone en) (?:el )?asunto"
    r")(?=\s*(?:$|[.,;:!)]|thanks|thank you|thx|ty\b|pls|please|danke|bitte|merci|svp"
    r"|gracias|por favor))",
    re.IGNORECASE,
)


def text_to_read(body: str, subject: str | None) -> str:
    """``body``, then the subject (without "Re:", card numbers masked) when the body
    points at the subject."""
    if not subject or not _POINTS_AT_SUBJECT.search(body):
        return body
    said = normalize_subject(mask_payment_data(subject).text)
    return f"{body}\n\n{said}" if said else body


def read_text(message: Message) -> str:
    """What the models and the live answer read of a stored customer message."""
    return text_to_read(message.text, subject_of(message.meta, message.conversation.subject))


def subject_of(meta: dict[str, Any] | None, conversation_subject: str | None) -> str | None:
    """The subject a message was sent with: its own (an e-mail's, kept in its ``meta``),
    else its conversation's (a message that came with the one that opened it)."""
    own = (meta or {}).get("subject")
    return own if isinstance(own, str) and own else conversation_subject
