"""What a message carries that the customer did not write to us: legal disclaimers, the
contact block of a signature, "Sent from my iPhone".

Why: business mail ends in a company's boilerplate, and the models read it as the customer's
words. Suite 13 ("what real inboxes contain") found a routine "where is my order?" sent to
the fraud queue for "any unauthorised copying … is strictly forbidden", another to the legal
queue for a signature that said "Abogado", and others rated urgent for "please notify the
sender immediately" or out of scope because four lines of address and register numbers
outweighed one line of request. Such text is blanked before the message is judged: replaced
by spaces, so every evidence span still points into the message as it was. The stored
message, what the agent sees and what PII redaction reads stay whole (a signature's phone
number is still personal data).

What counts is narrow, because a missed disclaimer costs a person's look and a blanked
request costs the request (a review of the first version found terse requests blanked to
"Hi … Thanks" and answered with a courtesy line):
- a **disclaimer**: a paragraph with two of its formulas (confidential, intended recipient,
  received in error, data protection …), blanked from the first; or a line only boilerplate
  has ("Please consider the environment before printing this e-mail", a
  "CONFIDENTIALITY NOTICE:" heading). One formula is not enough: "avant d'imprimer
  l'étiquette", "falls Sie nicht der richtige Ansprechpartner sind", "this email contains my
  confidential card details" are customers' sentences;
- a **signature's contact block**: after the body and a sign-off line ("Kind regards,",
  "Cdlt", "Un saludo,") or a "--" line, or a paragraph after the body that opens with a
  name; short lines without a question, with a phone number (not a date), an address, a web
  or e-mail address, a "|" or "·" between parts, a legal form or a company register (below
  "--", a name alone will do). A line of it is blanked when it has such a detail or is a
  name or title (five words at most), never when it speaks to or about someone ("I've got
  your CEO's home address" in a signature stays read), is a postscript or a detail given
  on purpose ("New address: …", an IBAN); a forwarded mail's headers are never part of one;
- a **phone's footer**: "Sent from my iPhone", "Von meinem iPhone gesendet", "Envoyé depuis
  mon mobile", "Enviado desde mi móvil", "Get Outlook for Android".

A message that would be blank without its boilerplate is read whole; so is one that would be
nothing but small talk (``pipeline``).
"""

from __future__ import annotations

import re

from tandemdesk.understand.dialogue import small_talk_phrases
from tandemdesk.understand.prefilter import Prefilter

# A disclaimer's formulas; a paragraph needs two of them (``_DISCLAIMER_ALONE`` one).
_DISCLAIMER = re.compile(
    r"""(?:
      ^\W*(?:confidentiality\s+notice|aviso\s+de\s+(?:confidencialidad|privacidad)
        |vertraulichkeitshinweis)\s*:
    # en
    | privileged\s+(?:and|&)\s+confidential
    | this\s+(?:e-?mail|message|communication|transmission)\b[^.]{0,80}?\b(?:is|are|may\s+be
        |may\s+contain|contains?)\s+(?:\w+\s+){0,2}(?:confidential|privileged)
    | intended\s+(?:solely|only|exclusively)\s+for\s+the\s+(?:use\s+of\s+the\s+)?(?:addressee
        |named|person|individual|intended|recipient)
    | if\s+you\s+(?:are\s+not\s+the\s+intended\s+recipient|have\s+received\s+(?:this|it)\b[^.]{0,40}
        \bin\s+error)
    | (?:unauthori[sz]ed|any)\s+(?:review|use|copying|disclosure|distribution|dissemination)\b
        [^.]{0,60}\b(?:prohibited|forbidden|not\s+permitted)
    | views\s+or\s+opinions\s+(?:presented|expressed)\s+in\s+this
    # de
    | diese\s+(?:e-?mail|nachricht)\b[^.]{0,60}?\b(?:enthält|kann|ist)\s+(?:\w+\s+){0,3}vertraulich
    | (?:wenn|sollten|falls)\s+sie\s+nicht\s+der\s+(?:richtige|beabsichtigte|vorgesehene)\s+
        (?:adressat|empfänger)
    | (?:wenn|sollten|falls)\s+sie\s+diese\s+(?:e-?mail|nachricht)\s+irrtümlich
    | unbefugte\s+weitergabe|unerlaubte\s+(?:kopieren|weitergabe)
    # fr
    | ce\s+(?:message|courriel|e-?mail|mail)\b[^.]{0,80}?\b(?:sont|est|peu(?:ven)?t\s+contenir)
        \s+(?:\w+\s+){0,3}confidentiel
    | si\s+vous\s+(?:avez\s+reçu\s+ce\s+(?:message|courriel|mail|e-?mail)\s+par\s+erreur
        |n'êtes\s+pas\s+(?:le|la)\s+destinataire)
    | ne\s+vous\s+sont\s+pas\s+destinés|destinée?s?\s+exclusivement|secret\s+professionnel
    | les\s+informations\s+contenues\s+dans\s+ce\s+(?:message|courriel)
    # es
    | (?:este|el\s+presente)\s+(?:correo|mensaje|e-?mail)\b[^.]{0,120}?\b(?:contiene
        |puede\s+contener|pudiendo\s+contener|es)\s+(?:\w+\s+){0,3}confidencial
    | dirigid[oa]s?\s+exclusivamente\s+a\s+su\s+destinatari
    | la\s+información\s+contenida\s+en\s+este\s+(?:correo|mensaje)
    | si\s+(?:usted\s+)?(?:ha\s+recibido\s+este\s+(?:correo|mensaje)\s+por\s+error
        |no\s+es\s+el\s+destinatario)
    | en\s+caso\s+de\s+haber\s+recibido\s+este\s+(?:correo|mensaje)
    | queda\s+(?:prohibid[oa]|estrictamente\s+prohibid[oa])
    # a data-protection notice, not a customer invoking the law ("toutes mes données
    # personnelles (RGPD)", "gemäß DSGVO")
    | (?:le\s+)?informamos\s+(?:de\s+)?que\s+sus\s+datos|derechos\s+de\s+acceso,\s+rectificación
    )""",
    re.IGNORECASE | re.VERBOSE,
)
# Lines only boilerplate writes: enough alone.
_DISCLAIMER_ALONE = re.compile(
    r"""(?:
      consider\s+the\s+environment\s+before\s+printing
    | denken\s+sie\s+an\s+die\s+umwelt[^.]{0,40}\bausdruck
    | (?:pensez|merci\s+de\s+penser)\s+à\s+l'environnement
    | avant\s+d'imprimer\s+ce\s+(?:message|courriel|mail|e-?mail)
    | antes\s+de\s+imprimir\s+este\s+(?:correo|mensaje|e-?mail)
    )""",
    re.IGNORECASE | re.VERBOSE,
)
# A phone's or mail program's own footer, the whole line, ending in a device or mail program.
_DEVICE = (
    r"(?:iphone|ipad|android|galaxy|samsung(?:\s+galaxy)?|outlook|mail|mobile?|mobil|handy"
    r"|smartphone|phone|téléphone|portable|móvil|movil|celular|teléfono|blackberry|huawei"
    r"|xiaomi|pixel|yahoo\s+mail|gmail|tablet)"
)
_FOOTER = re.compile(
    rf"(?:sent\s+(?:from|with)\s+(?:my\s+)?|get\s+|obtenir\s+|obtener\s+"
    rf"|envoyé\s+(?:de|depuis|à\s+partir\s+de)\s+(?:mon\s+)?"
    rf"|enviado\s+desde\s+(?:mi\s+)?|gesendet\s+(?:von|mit)\s+(?:meinem\s+|der\s+)?)"
    rf"(?:[\w.-]+\s+){{0,3}}?{_DEVICE}(?:\s+(?:on|for|für|de|pour|para|app)(?:\s+\w+)?"
    rf"|(?:\s+[\w.-]+){{1,2}})?\.?"
    rf"|von\s+meinem\s+(?:[\w-]+\s+){{0,2}}?{_DEVICE}\s+gesendet\.?",
    re.IGNORECASE,
)
# A short line that closes the message ("Kind regards,", "Muchas gracias y un saludo,",
# "LG Lea"): what follows may be a signature. Read with the dialogue's own thanks, goodbye
# and greeting phrases ("Saludos,"), not "ok" or "super".
_SIGN_OFF_WORDS = 6
_SIGN_OFF_KINDS = frozenset({"thanks", "goodbye", "greeting"})
# What marks a paragraph after the sign-off as a contact block: a phone number (a leading
# "+" or 0 and groups of digits, not a date such as 02/12/2026 or 03.12.2025), a label with a
# number, a web or e-mail address, "|" or "·" between parts, a legal form, a register.
_CONTACT = re.compile(
    r"(?<![\d/.])(?!\d{1,2}[./]\d{1,2}[./]\d{2,4}\b)(?:\+\d{1,3}[\s(]|\(?0\d{1,5}\)?[ /.-]"
    r"(?:\d{2,}(?:[ .-]\d{2,}){1,4}|\d{5,}))"
    # "613-555-0148", "(555) 123-4567", a Spanish mobile "612 34 56 78"
    r"|\b\d{3}[ .-]\d{3}[ .-]\d{4}\b|\(\d{3}\)\s?\d{3}-\d{4}\b|\b[67]\d{2}(?: \d{2}){3}\b"
    r"|\b[67]\d{2} \d{3} \d{3}\b"
    r"|^(?:tel|tél|telefon|phone|fon|fax|mobil\w*|mob|m|t|tfno|móvil|cel)\.?\s*:?\s*\+?\d"
    r"|www\.|https?://|\S@\S|\s[|·]\s"
    # an address: a postcode and a town, a UK postcode, a street with its number
    r"|(?-i:\b\d{4,5}\s+[A-ZÀ-Ý][\w-]+|\b[A-Z]{1,2}\d[A-Z\d]?\s+\d[A-Z]{2}\b)"
    r"|\b\d+\w?,?\s+(?:[\w-]+\s+){0,2}(?:street|st|road|rd|place|avenue|ave|lane|way|drive"
    r"|court|straße|strasse|str|weg|platz|gasse|allee)\b"
    r"|\b(?:rue|calle|c/|avenida|av\.|plaza|paseo|carrer)\s+\w+"
    r"|\b(?:gmbh|ag|ltd|llp|llc|inc|plc|sas|sarl|s\.\s?a\.|s\.\s?l\.|s\.a\.\s?de\s+c\.v\.)(?:\W|$)"
    r"|geschäftsführ|amtsgericht|handelsregister|ust-?id|registered\s+in\s+england"
    r"|company\s+(?:registration\s+)?(?:no|number)|au\s+capital\s+de|\brcs\s",
    re.IGNORECASE | re.MULTILINE,
)
# A line that speaks to or about someone is the writer's own words, not a contact detail.
_PERSONAL = re.compile(
    r"\b(?:i|i'm|i've|i'll|my|me|you|your|we|our|ich|mich|mein\w*|du|dein\w*|euch|euer\w*"
    r"|je|j'\w+|moi|mon|ma|mes|vous|votre|vos|tu|ton|ta|yo|mi|mis|me|te|tú|usted\w*|os|su|sus"
    r"|vuestr\w*)\b",
    re.IGNORECASE,
)
# A mail header line of a forwarded or quoted message: who sent it is evidence (another
# company's shipping notice), so a paragraph with one is no signature.
_HEADER_LINE = re.compile(
    r"^\s*>?\s*(?:from|to|cc|date|sent|subject|de|à|a|para|fecha|asunto|enviado(?:\s+el)?|objet"
    r"|envoyé|von|an|gesendet|betreff|datum)\s*:",
    re.IGNORECASE | re.MULTILINE,
)
_SIGNATURE_LINE_CHARS = 120
_LINES_BELOW_DASHES = 6  # a "--" signature; more lines below it are the message itself
# A line of a contact block without a phone, address or legal form: a name, a job title, a
# team ("Teamleiter Einkauf"). A longer one is a sentence and stays read ("Ya sé en qué
# barrio viven los de atención al cliente." below a "___" line).
_NAME_OR_TITLE_WORDS = 5
_PARAGRAPH = re.compile(r"[^\n]+(?:\n[ \t]*[^\s][^\n]*)*")  # lines up to a blank one
_LINE = re.compile(r"[^\n]+")
# A one-line message can hold only a disclaimer (a contact block and a footer are lines of
# their own): most chat has neither a line break nor a word a disclaimer needs, and skips the
# search (1.1 µs a BANKING77 message, against 6.9 for a case-insensitive regex of the words).
_MAY_BE_DISCLAIMER = Prefilter([_DISCLAIMER, _DISCLAIMER_ALONE])


# A postscript is the writer's: "PS - also charged twice" after a signature stays read; so
# is a detail the customer gives on purpose ("New address: 4 High St", "IBAN DE89 …").
_GIVEN = re.compile(
    r"\b(?:new|neue|nouvelle|nueva|my|meine|mon|ma|mi)\s+(?:address|adresse|dirección"
    r"|direccion|e-?mail|lieferadresse)\b|\biban\b|\bbic\b",
    re.IGNORECASE,
)
_POSTSCRIPT = re.compile(r"^\W*(?:p\.?\s?-?s\.?|p\.?\s?d\.?|n\.?\s?b\.?|übrigens)\b", re.IGNORECASE)
_BODY_WORDS = 6  # a sign-off counts after a line of the body, not as the first words


def _blank(text: str, start: int, end: int) -> str:
    """``text`` with ``[start, end)`` replaced by spaces (line breaks kept)."""
    return text[:start] + re.sub(r"[^\n]", " ", text[start:end]) + text[end:]


def _signature_lines(paragraph: str, below_dashes: bool) -> list[tuple[int, int]]:
    """The spans (within ``paragraph``, which follows a sign-off or a "--" line) of a
    contact block's lines to blank, if it is one."""
    lines = [(m.start(), m.end()) for m in _LINE.finditer(paragraph)]
    if not lines or (below_dashes and len(lines) > _LINES_BELOW_DASHES):
        return []
    if _POSTSCRIPT.match(paragraph.lstrip()):
        return []
    if "?" in paragraph or any(
        e - s > _SIGNATURE_LINE_CHARS or paragraph[s:e].rstrip().endswith(":") for s, e in lines
    ):  # a question, prose, or a line that introduces what follows ("Neue Adresse:")
        return []
    if _HEADER_LINE.search(paragraph):
        return []
    if not _CONTACT.search(paragraph) and not (
        below_dashes and all(_name_like(paragraph[s:e]) for s, e in lines)
    ):  # below "--" a name alone is a signature too; anything else needs a contact detail
        return []
    return [
        (s, e) for s, e in lines
        if not _PERSONAL.search(line := paragraph[s:e])
        and not _POSTSCRIPT.match(line.strip())
        and not _GIVEN.search(line)
        and (_CONTACT.search(line) or len(line.split()) <= _NAME_OR_TITLE_WORDS)
    ]  # fmt: skip


def _signs_off(line: str) -> bool:
    """A short line without a question that closes the message."""
    return (
        "?" not in line
        and len(line.split()) <= _SIGN_OFF_WORDS
        and not _SIGN_OFF_KINDS.isdisjoint(small_talk_phrases(line))
    )


def _name_like(line: str) -> bool:
    """A name or a title: a few words, each capitalised ("Dean", "Teamleiter Einkauf")."""
    words = line.split()
    return 0 < len(words) <= _NAME_OR_TITLE_WORDS and all(w[:1].isupper() for w in words)


def _disclaimer_start(paragraph: str) -> int | None:
    """Where a disclaimer starts in ``paragraph``: at a line only boilerplate writes, or at
    the first of two of its formulas; None when it holds none."""
    alone = [
        line.start() + m.start() for line in _LINE.finditer(paragraph)
        if (m := _DISCLAIMER_ALONE.search(line.group())) is not None
    ]  # fmt: skip
    found = [m.start() for m in _DISCLAIMER.finditer(paragraph)]
    starts = alone[:1] + (found[:1] if len(found) >= 2 else [])
    return min(starts) if starts else None


def without_boilerplate(text: str, signatures: bool = True) -> str:
    """``text`` with disclaimers, signature contact blocks (unless ``signatures`` is false)
    and phone footers blanked (same length: spans still point into ``text``); ``text``
    itself when nothing is found or nothing else would be left."""
    if "\n" not in text and not _MAY_BE_DISCLAIMER.may_match(text):
        return text
    read = text
    signed: str | None = None  # what the last paragraph ended with: a sign-off or "--"
    body = False  # a line of the message itself was read: a sign-off may follow
    for found in _PARAGRAPH.finditer(text):
        start, end = found.span()
        paragraph = found.group()
        disclaimer = _disclaimer_start(paragraph)
        if disclaimer is not None:  # the lines before it may still be a contact block
            read = _blank(read, start + disclaimer, end)
        below = start if signed is not None else None  # where a signature may start
        dashes = signed == "--"
        if below is None and body and _name_like(paragraph.split("\n", 1)[0].strip()):
            below = start  # a signature without a sign-off: a name, then contact details
        offset = 0
        for line in paragraph.split("\n"):
            stripped = line.strip()
            line_start, offset = start + offset, offset + len(line) + 1
            if stripped in ("--", "__", "___"):
                read = _blank(read, line_start, line_start + len(line))
                below, dashes = line_start + len(line), True
            elif _FOOTER.fullmatch(stripped):
                read = _blank(read, line_start, line_start + len(line))
            elif below is None and body and _signs_off(stripped):
                below, dashes = line_start + len(line), False
            elif len(stripped.split()) >= _BODY_WORDS or "?" in stripped:
                body = True
        if signatures and below is not None and read[below:end].strip():
            for s, e in _signature_lines(read[below:end], dashes):
                read = _blank(read, below + s, below + e)
        if below is not None:
            signed = "--" if dashes and not read[below:end].strip() else "sign-off"
    return read if read.strip() else text
