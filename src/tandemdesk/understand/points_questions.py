"""What a loyalty-points message asks, in en/de/fr/es: a general question the help article
settles ("how many points have I got?", "how do points work?", "can I pay with points?"),
or points said to be missing ("where are my points from my order?", "mir fehlen Punkte",
"je n'ai pas reçu mes points", "no me han sumado los puntos").

Why: the points check (``act.answers_rules.points_not_yet_due``) sent every points question
to a person once the customer's latest order was past its points date with no points event,
whether or not the shop sends points at all (suite 16: "how many reward points have I
got?" from 385 of the demo's customers). A general question is now answered by the article
unless the shop's own data says the points are overdue; anything else — points said to be
missing, or a question this module does not recognise as general — still goes to a person.
So a wording missed here costs a routine answer, never a wrong one.
"""

from __future__ import annotations

import re

from tandemdesk.understand.dialogue import NEGATIONS, fold

_P = r"(?:[\w-]*points?|[\w-]*punkte?n?|puntos?|pts)"  # "Treuepunkte", "Club-Punkte"
_W = r"(?:\S+ )"  # any one word

_GENERAL = re.compile(
    r"\b(?:"
    # how many (I have), the balance
    rf"how many {_W}{{0,3}}{_P} (?:do |have |did )?(?:i |we )?(?:have|got|'ve got|got left)"
    rf"|how many {_W}{{0,3}}{_P} (?:are )?(?:on|in) my (?:account|card)"
    rf"|how many {_W}{{0,2}}{_P} (?:\S+ ){{0,2}}(?:racked up|collected|saved|earned) so far"
    r"|points? balance|balance of (?:my )?points"
    rf"|wie ?viele {_W}{{0,3}}{_P} (?:hab|habe|hat|haben) (?:ich|wir|i)\b"
    rf"|wie ?viele {_W}{{0,3}}{_P} (?:sind|stehen) (?:auf|in) meinem"
    r"|punktestand|punkte-?stand|punktekonto"
    rf"|combien {_W}{{0,4}}{_P} (?:\S+ ){{0,2}}(?:j'ai|ai-je|ai je|il me reste|me reste-t-il"
    r"|sur mon compte|au club|cumul\w*)"
    rf"|combien j'ai (?:de |d')?{_W}{{0,2}}{_P}|j'ai combien (?:de |d')?{_W}{{0,2}}{_P}"
    rf"|il (?:me|nous) reste combien (?:de |d')?{_W}{{0,2}}{_P}"
    r"|solde (?:de |des )?points|balance de points"
    rf"|cuantos {_W}{{0,3}}{_P} (?:\S+ ){{0,3}}(?:tengo|llevo|me quedan|acumulad\w*|hay en mi)"
    r"|saldo de puntos"
    # when points come for an order in general ("for an order", not "for my last order")
    rf"|(?:when|how long|how soon) {_W}{{0,6}}{_P} {_W}{{0,4}}(?:an order|a purchase|each order)"
    rf"|(?:wann|ab wann|wie lange) {_W}{{0,6}}{_P} {_W}{{0,3}}(?:eine|einer|jede) (?:bestellung"
    r"|kauf|einkauf)"
    rf"|(?:quand|combien de temps) {_W}{{0,6}}{_P} {_W}{{0,6}}(?:une|chaque) (?:commande|achat)"
    rf"|(?:cuando|cuanto tardan?|cuanto tiempo) {_W}{{0,6}}{_P} {_W}{{0,4}}(?:un|una|cada)"
    r" (?:pedido|compra)"
    # how they work, what they are worth, using them, expiry
    rf"|how (?:do )?{_W}{{0,3}}{_P} {_W}{{0,2}}work"
    rf"|how does (?:the )?{_W}{{0,2}}(?:club|loyalty|points?)"
    r" (?:programme |program |scheme )?work"
    rf"|(?:can|could) i (?:use|spend|redeem|pay with) {_W}{{0,2}}{_P}"
    rf"|what (?:are|is) {_W}{{0,2}}{_P} worth|what can i (?:spend|use) (?:them|{_W}{{0,2}}{_P}) on"
    rf"|do {_W}{{0,2}}{_P} expire"
    rf"|wie funktionier\w* {_W}{{0,4}}{_P}|was sind {_W}{{0,2}}{_P} wert"
    rf"|(?:kann|konnte) ich {_W}{{0,3}}{_P} {_W}{{0,3}}(?:einlosen|nutzen|verwenden|bezahlen)"
    rf"|verfallen {_W}{{0,2}}{_P}|was kann ich (?:damit|mit {_W}{{0,2}}{_P}) machen"
    rf"|comment {_W}{{0,2}}(?:fonctionne|marche)n?t? {_W}{{0,3}}{_P}"
    rf"|(?:fonctionne|marche)n?t? comment,? {_W}{{0,3}}{_P}"
    rf"|(?:puis-je|je peux|peut-on|on peut) (?:utiliser|payer avec|depenser) {_W}{{0,2}}{_P}"
    rf"|{_P} (?:\S+ ){{0,2}}(?:valent|expirent)|ca vaut combien"
    rf"|como funcionan {_W}{{0,3}}{_P}|(?:puedo|se pueden) (?:usar|pagar con|canjear|gastar)"
    rf" {_W}{{0,2}}{_P}|cuanto valen {_W}{{0,2}}{_P}|caducan {_W}{{0,2}}{_P}"
    r")"
)

_MISSING = re.compile(
    r"\b(?:"
    # en
    rf"where(?:'s| is| are| r| did| have)? (?:my|the) {_W}?{_P}|missing {_W}?{_P}"
    rf"|{_P} (?:{_W}{{0,4}}(?:are|is) )?missing|(?:didn't|didnt|did not|never|haven't|havent"
    r"|have not|not)(?: i| we)? (?:get|got|gotten|receive|received|been (?:given|credited"
    rf"|added)) (?:my |any |the |some )?{_W}?{_P}|no {_W}?{_P} (?:for|from|yet)"
    rf"|{_P} {_W}{{0,3}}(?:haven't|have not|weren't|were not|never|didn't|not|still not)"
    r" (?:been |yet )?(?:credited|added|received|show(?:n|ed|ing)?|arrived?|come through"
    r"|appear(?:ed)?)"
    rf"|still no {_W}{{0,2}}{_P}|(?:still )?waiting {_W}{{0,2}}(?:for|on) (?:my |the )?{_W}?{_P}"
    rf"|{_P} {_W}{{0,2}}(?:still )?(?:at )?zero|(?:shows|says) (?:0|zero) {_P}"
    # de
    rf"|fehl\w* (?:mir )?(?:noch )?{_W}?{_P}|{_P} {_W}{{0,3}}fehl\w*"
    rf"|wo (?:sind|bleiben) (?:meine |die )?{_W}?{_P}|{_P},? {_W}{{0,4}}wo sind (?:die|sie)"
    rf"|(?:keine|nie) {_W}?{_P} {_W}{{0,5}}(?:bekommen|erhalten|gutgeschrieben|verbucht)"
    rf"|{_P} {_W}{{0,4}}(?:nicht|nie) {_W}?(?:gutgeschrieben|angekommen|erhalten|bekommen"
    r"|verbucht|da)"
    rf"|(?:immer noch|noch immer) keine {_W}?{_P}|warte {_W}{{0,3}}auf (?:die |meine )?{_W}?{_P}"
    rf"|{_P} {_W}{{0,2}}(?:immer )?noch (?:bei |auf )?null"
    # fr
    rf"|ou (?:sont|en sont) (?:passes )?(?:mes |les )?{_P}|sont ou (?:mes |les )?{_W}?{_P}"
    rf"|{_P} {_W}?manqu\w*|manque (?:des |mes )?{_P}"
    rf"|(?:pas|jamais|rien) (?:recu|eu|ete credite\w*|vu) {_W}{{0,2}}{_P}"
    rf"|recu aucun {_P}|{_P} {_W}{{0,4}}(?:pas|jamais|toujours pas) (?:ete )?(?:credite|ajoute"
    r"|arrive|apparu)\w*"
    rf"|toujours (?:pas|aucun) (?:de |des )?{_P}|attends {_W}{{0,2}}(?:mes |les )?{_P}"
    rf"|{_P} {_W}{{0,2}}toujours a zero"
    # es
    rf"|donde (?:estan|quedaron) (?:mis |los )?{_P}|{_P},? {_W}{{0,4}}donde (?:estan|quedaron)"
    rf"|faltan? {_W}?{_P}|{_P} {_W}{{0,3}}(?:no|nunca) (?:me )?(?:han |se han )?(?:llegado|sumado"
    r"|abonado|acreditado|cargado|aparecen|aparecido|reflejado|llegaron|sumaron)"
    r"|no (?:me )?(?:han |he )?(?:dado|sumado|abonado|acreditado|recibido|llegado|dieron"
    rf"|sumaron|acreditaron|recibi|aparecen) {_W}{{0,2}}{_P}"
    rf"|(?:todavia|aun) no (?:tengo|he recibido|veo|me han \S+) (?:los |mis )?{_P}"
    rf"|sigo sin (?:los |mis )?{_P}|espero {_W}{{0,2}}(?:los |mis )?{_P}"
    rf"|{_P} {_W}{{0,2}}siguen? en cero"
    r")"
)


# Anything that doubts or complains: a general question beside it is no longer general ("how
# many points have I got? the last order didn't add any", "Mein Punktestand stimmt nicht").
_DOUBT = re.compile(
    r"\b(?:"
    + "|".join(map(re.escape, sorted(NEGATIONS)))  # the negations small talk reads
    + r"|none|nothing|wrong|only|zero|should|missing|still|yet|\w+n't"
    r"|kein\w*|nichts|falsch|stimmt|nur|null|sollte\w*|fehl\w*|noch|gezahlt"
    r"|ne|rien|aucun\w*|faux|seulement|devrai\w*|manqu\w*|toujours|bouge"
    r"|ningun\w*|nada|mal|incorrect\w*|solo|cero|deberi\w*|falt\w*|todavia|aun|actualizad\w*"
    r"|0|gone|lost|disappeared|vanished|less|fewer|verschwunden|weniger|disparu\w*|moins"
    r"|desaparec\w*|menos)\b"
)


def _folded(text: str) -> str:
    """Lower case, no accents, straight apostrophes: "didn’t", "reçu", "dónde" as typed
    without them."""
    return fold((text or "").replace("’", "'"))[0]


def says_points_missing(text: str) -> bool:
    """Whether ``text`` says some loyalty points are missing (see the module doc)."""
    return _MISSING.search(_folded(text)) is not None


def asks_points_in_general(text: str) -> bool:
    """Whether ``text`` asks about points only in general — the balance, how they work,
    using them — and says nothing that doubts or complains (see the module doc)."""
    folded = _folded(text)
    return (
        _GENERAL.search(folded) is not None
        and _MISSING.search(folded) is None
        and _DOUBT.search(folded) is None
    )
