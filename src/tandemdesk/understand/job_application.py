"""Job applications: messages to the shop as an employer, not to its customer service.

Why a rule beside the learnt out-of-scope score: an application ("I'd like to apply for the
sales assistant position, where do I send my CV?") shares the shop's words — the shop, a
store, "send" — so the intent model can read it as a return or an order question at 0.99,
and the novelty score, learnt from the shop's own intents, has never seen one. Every shop
gets them, in every language, and they are said in a few fixed ways (a CV, applying for a
position, "are you hiring"), so patterns in en/de/fr/es catch them without training.

A shop that *does* handle applications as an intent of its own keeps them: the intent model
turns this rule off when its training texts show such an intent (``covered_by``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence

from tandemdesk.understand.prefilter import Prefilter

_PATTERNS = (
    # en
    r"\b(?:apply|applying|application)\s+(?:for|to)\s+(?:the\s+|a\s+|an\s+|your\s+|this\s+)?"
    r"(?:[\w-]+\s+){0,3}(?:position|job|role|vacancy|opening|internship|apprenticeship)s?\b",
    r"(?:(?<=my )|(?<=attached )|(?<=enclosed ))(?:cv|c\.v\.|resume|résumé|curriculum vitae"
    r"|cover letter)\b",
    r"(?:(?<=are you )|(?<=you guys )|(?<=currently )|(?<=still )|(?<=shop )|(?<=store )"
    r"|(?<=company ))hiring\b",
    r"\b(?:job|career|employment|work)\s+(?:opportunit(?:y|ies)|openings?|vacanc(?:y|ies)"
    r"|application)\b",
    r"\b(?:love|like|want|keen|interested)(?: \w+){0,2} (?:to )?(?:work for|work at"
    r"|working for|working at) (?:you|your (?:company|shop|store|team))\b",
    # de
    r"\b(?:bewerbung\w*|initiativbewerbung|lebenslauf|stellenanzeige|stellenangebot\w*"
    r"|ausbildungsplatz|praktikumsplatz)\b",
    r"\b(?:bewerbe mich|mich\s+(?:\w+\s+){0,5}(?:zu\s+)?bewerben)\b",
    r"\b(?:stellen sie|sucht ihr|suchen sie)\s+(?:\w+\s+)?(?:mitarbeiter\w*|aushilfen?"
    r"|personal|leute)\b",
    # fr
    r"\b(?:postuler|postule|candidature|candidater|lettre de motivation|offre d'emploi"
    r"|offres d'emploi|offre de stage|recrutez|embauchez|mon cv|mon curriculum)\b",
    # es
    r"\b(?:mi cv|mi currículum|mi curriculum|currículum vitae|carta de presentación"
    r"|oferta de empleo|ofertas de empleo|oferta de trabajo|ofertas de trabajo|vacantes?"
    r"|postularme|postular a|postular para"
    r"|candidatura|solicitud de empleo|puesto de trabajo|buscáis personal|buscan personal"
    r"|(?:estáis|están) contratando|trabajar con (?:vosotros|ustedes))\b",
)
_JOB_APPLICATION = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.IGNORECASE)
# every message passes here: one scan for the patterns' required words skips the rest (the
# alternation alone cost ~9 us a message on BANKING77 test)
_PREFILTER = Prefilter(re.compile(p, re.IGNORECASE) for p in _PATTERNS)

_COVERED_SHARE = 0.2  # of one intent's training texts: that intent is about applications
_COVERED_MIN = 3


def is_job_application(text: str) -> bool:
    """Whether ``text`` applies for a job or asks about working for the shop."""
    return _PREFILTER.may_match(text) and _JOB_APPLICATION.search(text) is not None


def covered_by(
    texts: Sequence[str], labels: Sequence[str], rule: Callable[[str], bool] = is_job_application
) -> str | None:
    """The intent whose training texts ``rule`` reads (job applications by default), if the
    shop has one; ``forecast`` asks the same of weather questions.

    An intent counts when at least a fifth of its texts (and three) read so: the shop
    answers them itself, and the rule must not call them out of scope.
    """
    hits: Counter[str] = Counter()
    sizes: Counter[str] = Counter(labels)
    for text, label in zip(texts, labels, strict=True):
        if rule(text):
            hits[label] += 1
    for label, n in hits.most_common():
        if n >= _COVERED_MIN and n >= _COVERED_SHARE * sizes[label]:
            return label
    return None
