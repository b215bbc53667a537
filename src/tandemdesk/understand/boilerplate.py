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

What counts, conservatively, because a missed disclaimer costs a person's look and a
blanked request costs the request:
- a **disclaimer**: from a line where a confidentiality, intended-recipient, "received in
  error", company-register or "think before printing" formula starts, to the end of its
  paragraph (en/de/fr/es);
- a **signature's contact block**: a paragraph of short lines without a question that has a
  phone number, web or e-mail address, a "|" or "·" between parts, or a company's legal form,
  or that follows a "--" line; a line of it is blanked when it has such a detail or is a
  name or a title (five words at most), and never when it speaks to or about someone
  ("I've got your CEO's home address" in a signature stays read);
- a **phone's footer**: "Sent from my iPhone", "Von meinem iPhone gesendet", "Envoyé depuis
  mon mobile", "Enviado desde mi Samsung", "Get Outlook for Android".

A message that would be blank without its boilerplate is read whole.
"""

from __future__ import annotations

import re

from tandemdesk.understand.prefilter import Prefilter

# A line where a disclaimer starts (searched from the line's start, in lower case).
_DISCLAIMER = re.compile(
    r"""(?:
    # en
    # a heading only boilerplate has (not "Disclaimer:", "Aviso legal:", "Avertissement :",
    # which a customer may open with: "Dernier avertissement : … mon avocat")
      ^\W*(?:confidentiality\s+notice|aviso\s+de\s+(?:confidencialidad|privacidad)
        |vertraulichkeitshinweis)\s*:
    | privileged\s+(?:and|&)\s+confidential
    | this\s+(?:e-?mail|message|communication|transmission)\b[^.]{0,80}?\b(?:is|are|may\s+be
        |may\s+contain|contains?)\s+(?:\w+\s+){0,2}(?:confidential|privileged)
    | intended\s+(?:solely|only|exclusively)\s+for\s+the\s+(?:use\s+of\s+the\s+)?(?:addressee
        |named|person|individual|intended|recipient)
    | if\s+you\s+(?:are\s+not\s+the\s+intended\s+recipient|have\s+received\s+(?:this|it)\b[^.]{0,40}
        \bin\s+error)
    | (?:please\s+)?consider\s+the\s+environment\s+before\s+printing
    # de
    | diese\s+(?:e-?mail|nachricht)\b[^.]{0,60}?\b(?:enthält|kann|ist)\s+(?:\w+\s+){0,3}vertraulich
    | wenn\s+sie\s+nicht\s+der\s+(?:richtige|beabsichtigte|vorgesehene)\s+(?:adressat|empfänger)
    | (?:sollten|falls)\s+sie\s+(?:nicht\s+der\s+(?:richtige|vorgesehene|beabsichtigte)
        |diese\s+(?:e-?mail|nachricht)\s+irrtümlich)
    | bitte\s+denken\s+sie\s+an\s+die\s+umwelt
    # fr
    | ce\s+(?:message|courriel|e-?mail|mail)\b[^.]{0,80}?\b(?:sont|est)\s+(?:\w+\s+){0,2}
        confidentiel
    | si\s+vous\s+(?:avez\s+reçu\s+ce\s+(?:message|courriel|mail|e-?mail)\s+par\s+erreur
        |n'êtes\s+pas\s+(?:le|la)\s+destinataire)
    | (?:pensez|merci\s+de\s+penser)\s+à\s+l'environnement|avant\s+d'imprimer
    | les\s+informations\s+contenues\s+dans\s+ce\s+(?:message|courriel)
    # es
    | (?:este|el\s+presente)\s+(?:correo|mensaje|e-?mail)\b[^.]{0,120}?\b(?:contiene
        |puede\s+contener|pudiendo\s+contener|es)\s+(?:\w+\s+){0,3}confidencial
    | dirigid[oa]s?\s+exclusivamente\s+a\s+su\s+destinatari
    | la\s+información\s+contenida\s+en\s+este\s+(?:correo|mensaje)
    | si\s+(?:usted\s+)?(?:ha\s+recibido\s+este\s+(?:correo|mensaje)\s+por\s+error
        |no\s+es\s+el\s+destinatario)
    | en\s+caso\s+de\s+haber\s+recibido\s+este\s+(?:correo|mensaje)
    | antes\s+de\s+imprimir
    )""",
    re.IGNORECASE | re.VERBOSE,
)
# A phone's or mail program's own footer, the whole line, naming a device or mail program.
_FOOTER = re.compile(
    r"(?:sent\s+from|get|von|gesendet\s+von|envoyé\s+(?:de|depuis)|enviado\s+desde)\s+"
    r"(?:my\s+|meinem\s+|mon\s+|mi\s+)?[\w ]{2,32}?(?:\s+gesendet)?\.?",
    re.IGNORECASE,
)
_DEVICE = re.compile(
    r"\b(?:iphone|ipad|android|galaxy|samsung|outlook|mail|mobile?|handy|smartphone|phone"
    r"|blackberry|huawei|xiaomi|pixel|yahoo|gmail|orange|tablet)\b",
    re.IGNORECASE,
)
# What marks a paragraph as a signature's contact block.
_CONTACT = re.compile(
    r"\+?\d[\d ()./-]{6,}\d|www\.|https?://|\S@\S|\s[|·]\s|^(?:tel|tél|fax|mobile|mob|m|t)\b\.?\s*:?"
    r"|\b(?:gmbh|ag|ltd|llp|llc|inc|plc|sas|sarl|s\.\s?a\.|s\.\s?l\.|s\.a\.\s?de\s+c\.v\.)(?:\W|$)"
    # a company's register (a customer gives a VAT number in a request too: no disclaimer)
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
# A line of a contact block without a phone, address or legal form: a name, a job title, a
# team ("Teamleiter Einkauf"). A longer one is a sentence and stays read ("Ya sé en qué
# barrio viven los de atención al cliente." below a "___" line).
_NAME_OR_TITLE_WORDS = 5
_PARAGRAPH = re.compile(r"[^\n]+(?:\n[ \t]*[^\s][^\n]*)*")  # lines up to a blank one
# A one-line message can hold only a disclaimer (a contact block and a footer are lines of
# their own): most chat has neither a line break nor a word a disclaimer needs, and skips the
# search (1.1 µs a BANKING77 message, against 6.9 for a case-insensitive regex of the words).
_MAY_BE_DISCLAIMER = Prefilter([_DISCLAIMER])


def _blank(text: str, start: int, end: int) -> str:
    """``text`` with ``[start, end)`` replaced by spaces (line breaks kept)."""
    return text[:start] + re.sub(r"[^\n]", " ", text[start:end]) + text[end:]


def _signature_lines(paragraph: str, after_dashes: bool) -> list[tuple[int, int]]:
    """The spans (within ``paragraph``) of a contact block's lines to blank, if it is one."""
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", paragraph)]
    if len(lines) < 2 and not after_dashes:
        return []
    if "?" in paragraph or any(
        e - s > _SIGNATURE_LINE_CHARS or paragraph[s:e].rstrip().endswith(":") for s, e in lines
    ):  # a question, prose, or a line that introduces what follows ("Neue Adresse:")
        return []
    if _HEADER_LINE.search(paragraph) or (not after_dashes and not _CONTACT.search(paragraph)):
        return []
    return [
        (s, e) for s, e in lines
        if not _PERSONAL.search(line := paragraph[s:e])
        and (_CONTACT.search(line) or len(line.split()) <= _NAME_OR_TITLE_WORDS)
    ]  # fmt: skip


def without_boilerplate(text: str) -> str:
    """``text`` with disclaimers, signature contact blocks and phone footers blanked (same
    length: spans still point into ``text``); ``text`` itself when nothing is found or
    nothing else would be left."""
    if "\n" not in text and not _MAY_BE_DISCLAIMER.may_match(text):
        return text
    read = text
    after_dashes = False  # the paragraph before ended in a "--" line
    for found in _PARAGRAPH.finditer(text):
        start, end = found.span()
        signed = start if after_dashes else None  # where a signature starts in this one
        offset = 0
        for line in found.group().split("\n"):
            stripped = line.strip()
            line_start = start + offset
            offset += len(line) + 1
            if stripped in ("--", "__", "___"):
                signed = line_start + len(line)
                read = _blank(read, line_start, signed)
            elif _FOOTER.fullmatch(stripped) and _DEVICE.search(stripped):
                read = _blank(read, line_start, line_start + len(line))
            elif (disclaimer := _DISCLAIMER.search(line)) is not None:
                read = _blank(read, line_start + disclaimer.start(), end)
                break
        after_dashes = signed is not None and not read[signed:end].strip()
        if signed is not None and read[signed:end].strip():  # below "--": a signature
            for s, e in _signature_lines(read[signed:end], after_dashes=True):
                read = _blank(read, signed + s, signed + e)
        elif read[start:end].strip():
            for s, e in _signature_lines(read[start:end], after_dashes=False):
                read = _blank(read, start + s, start + e)
    return read if read.strip() else text
