"""Small talk and "I want a person": what a message *does*, not what it asks for.

Why this exists: the intent model only knows requests, so "Thanks!" got a clarifying question
and "Hallo" a guessed intent, and nobody noticed "I want to talk to a person". Both are a
small, closed set of phrasings per language, so transparent rules beat a model here: nothing
to train, every language added by writing its words down, and each decision names the words
that made it.

How, in three steps:

1. Canonical tokens. The text is folded character by character (accents off, ``ß`` → ``s``,
   curly apostrophes straight, control and zero-width characters out), lower-cased, cut into
   word tokens (plus 👍 👌 🙏 👋) and letter runs squeezed ("thaaanks" → "thanks"). Joined
   by single spaces this is the *canonical text* the rules read, so typos of case, accents,
   punctuation and emoji cost no extra patterns. Every token keeps its span in the original
   text, so the evidence points into what the customer wrote.
2. Small talk is *coverage*, not a keyword: a message is small talk only when every token
   belongs to a greeting, thanks, goodbye or acknowledgement phrase, a courtesy phrase ("for
   your help", "you too"), a filler word ("so", "much", "team") or is one name right after a
   phrase ("Thanks Sarah!"). "Hi, where is my order?" and "thanks for nothing" leave words
   uncovered, so they are not small talk. When several kinds are present the strongest wins
   (thanks, goodbye, greeting, acknowledgement): "ok thanks, bye" is thanks.
3. Wants a person: phrase patterns per language for asking for a human (speak/talk to a
   person, agent, manager …; "mit einem Mitarbeiter sprechen", "parler à un conseiller",
   "hablar con una persona"), for a bare "agent!"/"human please", and for refusing the bot
   ("stop sending me bot answers"). A person request right after a negation ("I don't want
   to talk to a human") does not count; past tense ("I spoke to an agent") never matches.

Speed: most messages are neither. The small-talk check first counts tokens outside the
small-talk vocabulary (two or more: done) and the person patterns sit behind a ``Prefilter``
over the canonical text, so a typical message costs a tokenisation and two set/trie lookups.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Self

from tandemdesk.understand import tried_already
from tandemdesk.understand.base import Component, ComponentState, Evidence
from tandemdesk.understand.prefilter import LiteralIndex, fold_case
from tandemdesk.understand.registry import register
from tandemdesk.understand.text import DEFAULT_MAX_CHARS

SMALL_TALK: tuple[str, ...] = ("greeting", "thanks", "goodbye", "acknowledgement")
# When a message holds several kinds, the first of these wins ("ok thanks, bye" is thanks).
_PRIORITY: tuple[str, ...] = ("thanks", "goodbye", "greeting", "acknowledgement")
LANGUAGES: tuple[str, ...] = ("en", "de", "fr", "es", "it", "nl", "pt", "pl", "sv", "da")
WANTS_PERSON = "wants_person"
TRIED_ALREADY = "tried_already"
MAX_SMALL_TALK_TOKENS = 24
"""Longer messages are never small talk (they say something); it also bounds the work."""

# --------------------------------------------------------------------------- canonical text


def _fold_table() -> dict[int, str]:
    """One character for one character: accents off, lower case, odd spaces and quotes plain.

    Length-preserving on purpose, so offsets in the folded text are offsets in the original.
    """
    table: dict[int, str] = {}
    for code in range(0x80, 0x250):  # Latin-1 Supplement, Latin Extended-A and -B
        char = chr(code)
        base = unicodedata.normalize("NFD", char)[0]
        if base.isascii() and base.isalpha():
            table[code] = base.lower()
        elif char.isspace():
            table[code] = " "
    for chars, plain in (
        ("ßẞ", "s"), ("łŁ", "l"), ("øØ", "o"), ("đĐð", "d"), ("æÆ", "a"), ("œŒ", "o"),
        ("ıİ", "i"), ("’‘ʼ`´′", "'"), ("“”„«»", '"'), ("‐‑‒–—―", "-"),
        ("\u00a0\u2007\u202f\u2028\u2029", " "),
    ):  # fmt: skip
        for char in chars:
            table[ord(char)] = plain
    for code in [*range(0x00, 0x20), 0x7F]:
        table[code] = " "
    return table


_FOLD = _fold_table()
# Characters that are not there for a reader: zero-width joiners and spaces, soft hyphens,
# combining accents (decomposed text) and variation selectors. They are dropped, with a map
# back to the original offsets.
_INVISIBLE = re.compile("[\u00ad\u034f\u200b-\u200f\u2060-\u2064\ufeff\ufe00-\ufe0f\u0300-\u036f]")
_EMOJI = "👍👌🙏👋🤝"
_TOKEN = re.compile(rf"[^\W_]+(?:'[^\W_]+)*|[{_EMOJI}]")
_RUN3 = re.compile(r"([^\W\d_])\1\1+")


def fold(text: str) -> tuple[str, list[int] | None]:
    """The lower-cased, accent-free form of ``text`` and, when characters were dropped, the
    original offset of each kept character (``None``: offsets are the same)."""
    if text.isascii():
        return text.translate(_FOLD).lower() if not text.isprintable() else text.lower(), None
    folded = text.translate(_FOLD).lower()
    if len(folded) != len(text):  # a character lower() expands (none in Latin scripts)
        folded = "".join(c if len(c.lower()) != 1 else c.lower() for c in text.translate(_FOLD))
    if not _INVISIBLE.search(folded):
        return folded, None
    kept = [i for i, c in enumerate(folded) if not _INVISIBLE.match(c)]
    return "".join(folded[i] for i in kept), kept


def _squeeze(token: str, known: frozenset[str]) -> str:
    """Letter runs of three or more to one (``thaaanks``) or two (``gooood``), whichever is
    a known word; else one."""
    if not _RUN3.search(token):
        return token
    one = _RUN3.sub(r"\1", token)
    if one in known:
        return one
    two = _RUN3.sub(r"\1\1", token)
    return two if two in known else one


def _undouble(token: str) -> str:
    """A small-talk word with its last letter doubled (``mercii``, ``byee``) as known."""
    if (
        len(token) > 2
        and token[-1] == token[-2]
        and token not in _VOCABULARY
        and token[:-1] in _VOCABULARY
    ):
        return token[:-1]
    return token


# --------------------------------------------------------------------------- small talk

# Phrases per kind, several languages per line. Written as people write them (accents,
# capitals): they pass through the same canonicalisation as messages. German umlauts also
# get their "ae/oe/ue, ss" spellings.
_PHRASES: dict[str, str] = {
    "greeting": """
        hi | hello | hey | hiya | howdy | heya | yo | hi there | hello there | hey there |
        good morning | good afternoon | good evening | morning | greetings | hello hello |
        goodmorning | goodafternoon | goodevening | good day | anyone here | anybody here |
        are you online | you online | anyone online | is someone there | someone there |
        anyone there | is anyone there | anybody there | anyone | anybody | are you there |
        you there |
        hallo | hallöchen | hi zusammen | hallo zusammen | moin | moin moin | servus | grüß gott |
        guten morgen | guten tag | guten abend | grüezi | grüß dich | ist da jemand |
        bonjour | bonsoir | salut | coucou | allô | allo | re bonjour | il y a quelqu'un |
        hola | buenas | buenos días | buenas tardes | buenas noches | buen día | qué tal | saludos |
        hay alguien |
        ciao | salve | buongiorno | buonasera | c'è qualcuno |
        hoi | hallo daar | goedemorgen | goedemiddag | goedenavond | dag |
        olá | oi | bom dia | boa tarde | e aí |
        cześć | dzień dobry | witam | hej | siema | dobry wieczór |
        hallå | god morgon | god dag | goddag | godmorgen | 👋
    """,
    "thanks": """
        thanks | thank you | thankyou | thank u | thx | thnx | thnks | thanx | tnx | tks | ty |
        tysm | tyvm | thank | thanxs | thankz | tnq | thanq | thnq |
        many thanks | much appreciated | appreciate it | i appreciate it |
        cheers | thanks a million | thanks a bunch | thanks a ton | thank you kindly | 🙏 |
        ta | ta very much | go raibh maith agat | merci vielmal |
        danke | danke schön | dankeschön | danke sehr | vielen dank | vielen lieben dank |
        herzlichen dank | tausend dank | besten dank | danke vielmals | merci vielmals | dankö |
        merci | merci beaucoup | merci bcp | merci bien | mci | mercii | je vous remercie |
        merci infiniment | mille mercis | un grand merci |
        gracias | muchas gracias | muchísimas gracias | mil gracias | se agradece |
        te lo agradezco | se lo agradezco | le agradezco | grax | grasias |
        grazie | grazie mille | molte grazie | ti ringrazio | la ringrazio |
        dank je | dank je wel | dank u | dank u wel | dankjewel | dankuwel | bedankt |
        hartelijk dank | thanks hoor |
        obrigado | obrigada | muito obrigado | muito obrigada | valeu | brigado | brigada |
        dziękuję | dzięki | dziekuje | dzieki | dziękuje | bardzo dziękuję |
        tack | tack så mycket | tusen tack | tak | mange tak | tusind tak
    """,
    "goodbye": """
        bye | bye bye | goodbye | good bye | bye now | bye for now | see you | see ya |
        see you later | cya |
        take care | ttyl | good night | goodnight |
        have a nice day | have a good day | have a great day |
        have a nice weekend | have a good weekend | have a great weekend | have a nice evening |
        have a good one | talk soon |
        tschüss | tschüs | tschö | auf wiedersehen | auf wiederhören | bis dann | bis bald |
        bis später | mach's gut | machs gut | gute nacht | schönen tag noch | schönen tag |
        einen schönen tag | schönes wochenende | schönen abend | ade | baba |
        schönen abend noch | einen schönen abend | schönes wochenende noch |
        au revoir | bonne journée | bonne soirée | bon week-end | bon weekend | à bientôt |
        à plus | bonne nuit | à la prochaine | adieu | bonne fin de journée |
        adiós | adios | chao | chau | hasta luego | hasta pronto | hasta mañana | nos vemos |
        que tenga un buen día | que tengas un buen día | buen fin de semana | feliz día |
        arrivederci | a presto | buona giornata | buona serata | buonanotte |
        doei | tot ziens | fijne dag | tot straks | tot later | fijn weekend |
        tchau | até logo | até mais | até breve | boa noite | tenha um bom dia |
        do widzenia | na razie | miłego dnia | pa pa |
        hej då | ha det bra | vi ses | farvel | hav en god dag | god dag videre |
        regards | best regards | kind regards | warm regards | best wishes | all the best | best |
        mit freundlichen grüßen | freundliche grüße | viele grüße | liebe grüße | beste grüße |
        schöne grüße | gruß | grüße | lg | vg | mfg | cordialement | bien cordialement |
        salutations | bien à vous | saludos cordiales | un saludo | atentamente | cordiali saluti |
        distinti saluti | met vriendelijke groet | vriendelijke groeten | groetjes | groeten |
        sincerely | yours sincerely | yours truly | yours faithfully | mit besten grüßen |
        mit lieben grüßen | mit herzlichen grüßen | herzliche grüße | servus |
        atte | cdlt | rgds | kind rgds | slds | cordial saludo | un cordial saludo | abrazo |
        un abrazo | abrazos | un fuerte abrazo | besos | bises |
        atenciosamente | abraços | cumprimentos | pozdrawiam | med vänliga hälsningar |
        vänliga hälsningar | hälsningar | mvh | venlig hilsen | med venlig hilsen | hilsen
    """,
    "acknowledgement": """
        ok | okay | okey | oki | okie | k | kk | okk | got it | understood | alright | all right |
        sounds good | great | perfect | cool | noted | fine | sure | awesome | nice | excellent |
        will do | no problem | np | no worries | right | lovely | brilliant | wonderful | brill |
        ace |
        that's fine | that's great | that's perfect | all good | makes sense | i see |
        👍 | 👌 | 🤝 |
        good job | great job | well done | good service | great service | excellent service |
        awesome service | you're amazing | you are amazing | you're the best | you are the best |
        you're great | you are great | love it | great app | nice app | i like your service |
        toller service | super service | gute arbeit | vous êtes géniaux | excellent service |
        super service | buen trabajo | excelente servicio | muy buen servicio |
        alles klar | verstanden | passt | gut | super | prima | perfekt | in ordnung | alles gut |
        geht klar | klar | okay danke | top | einverstanden | sehr gut | wunderbar |
        d'accord | d'acc | dac | entendu | compris | parfait | très bien | ça marche | nickel |
        génial | impeccable | c'est noté | bien reçu | ça roule |
        vale | de acuerdo | entendido | perfecto | genial | bien | muy bien | listo | claro |
        va bien | excelente | dale | buenísimo | joya | bárbaro | de una | órale | chévere |
        va bene | perfetto | capito | d'accordo | benissimo | ottimo |
        oké | prima | begrepen | duidelijk | helder | akkoord | in orde |
        beleza | entendi | perfeito | certo | combinado | tá bom | ta bom |
        dobrze | rozumiem | jasne | w porządku |
        okej | uppfattat | toppen | forstået | fint
    """,
    # Courtesy: allowed beside small talk, never a kind of its own.
    "courtesy": """
        for your help | for the help | for helping | for helping me | for your quick reply |
        for the quick reply | for the reply | for your reply | for your response |
        for the quick response | for the delivery | for the info | for the information |
        for everything | for that | for your time | for your support | for the support |
        for the answer | for your answer | for getting back to me | for your patience |
        for your assistance | for sorting it | for sorting it out | for sorting that |
        you've been very helpful | you've been a great help |
        you have been very helpful | very helpful | that helps | that helped | you too |
        same to you | you as well | how are you | hope you're well | hope you are well |
        hope you're doing well | i hope you are well | how's it going | i'll try |
        i will try | i'll try that | i'll try it | will try | i'll give it a try |
        i'll do that | i will do that | that's very kind | für ihre hilfe | für die hilfe |
        für die info | für die infos | für die schnelle antwort | für ihre antwort |
        für die lieferung | für alles | ihnen auch | dir auch | euch auch | gleichfalls |
        wie geht's | wie geht es ihnen | das hilft | pour votre aide | pour l'aide |
        pour la livraison | pour l'info | pour l'information | pour les infos | pour tout |
        pour votre réponse | pour la réponse | vous aussi | à vous aussi | toi aussi |
        pareillement | ça va | comment allez-vous | por su ayuda | por tu ayuda |
        por la ayuda | por la información | por la info | por todo | por el envío |
        por la entrega | por su respuesta | por la respuesta | por tu respuesta |
        igualmente | para usted también | cómo está | cómo estás | that's great | legend |
        you're a legend | you legend | you're a star | you star | lifesaver |
        you're a lifesaver | das hat geholfen | das hat mir geholfen |
        das hat mir sehr geholfen | hat geholfen | hat mir geholfen | c'est parfait |
        ça m'a aidé | ça m'a bien aidé | ça m'aide | todo perfecto | todo bien |
        todo claro | me ha ayudado | me ha ayudado mucho | me ayudó mucho | me sirvió |
        per l'aiuto | per tutto | anche a te | anche a lei | come stai | voor de hulp |
        voor je hulp | voor uw hulp | jij ook | u ook | pela ajuda | por tudo |
        pra você também | igualmente |
        bravo | very kind | so kind | you're very kind | you're so kind | that's very kind of you |
        nett | gentil | amable | amables | sehr nett | super nett | total nett | très gentil |
        trop gentil | c'est gentil |
        muy amable | muy amables | re amables | qué amables | súper amables | muy atentos |
        didn't even need a person | didn't even need a real person | didn't need a person |
        no need for a person | and no human needed | ganz ohne menschen |
        pas eu besoin d'un humain | même pas eu besoin d'un humain | pas besoin d'un humain |
        sin hablar con nadie | ni siquiera hizo falta una persona
    """,
    # That it worked or was all ("hat geklappt", "ya está resuelto", "that's all"): courtesy
    # beside small talk, but not in a question ("merci, ça fonctionne ?", "that's it?").
    "settled": """
        that solved it | that worked | it worked | that's all | that is all | that's it |
        that's all i needed | that's all i need | that's what i needed | that was all |
        that was it | that's all i wanted | that's all i wanted to know | das war's |
        c'est tout | eso es todo | that's sorted it | that sorted it | that's sorted |
        all sorted | sorted | problem solved | that did it | that did the trick |
        that's done it | that's everything | nothing else | that's all for now | das wars |
        das war es | das war alles | mehr brauche ich nicht | das war's auch schon |
        das wars auch schon | das war es auch schon | das war's schon | sonst nichts |
        problem gelöst | hat sich erledigt | erledigt | hat geklappt | hat alles geklappt |
        alles geklappt | alles erledigt | c'est tout pour moi | c'est réglé |
        problème réglé | ça a marché | rien d'autre | ce sera tout | tout est réglé |
        tout est bon | c'est tout ce qu'il me fallait | c'est tout ce dont j'avais besoin |
        c'est tout ce que je voulais savoir | c'était tout | eso era todo | eso fue todo |
        nada más | solucionado | problema resuelto | ya está | hat funktioniert |
        jetzt klappt es | klappt jetzt | funktioniert jetzt | jetzt funktioniert es |
        läuft wieder | geht wieder | klappt wieder | jetzt klappt es wieder |
        ça marche maintenant | ça fonctionne maintenant | ça fonctionne | c'est résolu |
        resuelto | ya quedó | funcionó | ya funciona | it works now | works now |
        all working now
    """,
}
# Words that may stand anywhere in small talk without saying anything: intensifiers,
# addressees, conjunctions.
_FILLER_WORDS = """
    so much very a lot lots again really u you ya all everyone everybody guys team folks there
    then now honestly franchement ehrlich
    mate dear sir madam buddy friend oh ah well and also too kindly indeed once more
    sehr vielmals nochmal nochmals auch und euch ihnen dir leute liebes ja vielen
    beaucoup encore vous tous toi et aussi bien equipe l'equipe madame monsieur
    muchas mucho muchisimas de nuevo y tambien equipo todo todos amigo amiga senor senora
    mille tante tutti e anche
    wel heel erg veel en ook
    muito muita tambem
    bardzo
    sa mycket och og
"""


def _variants(phrase: str) -> set[str]:
    """The phrase as written plus its German transliterations (ä → ae, ß → ss)."""
    spelled = phrase.replace("ß", "ss")
    spelled_out = spelled.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    return {phrase, spelled, spelled_out}


def _raw_tokens(text: str) -> list[str]:
    return _TOKEN.findall(fold(text)[0])


# Words that praise the help inside a phrase ("thanks for the quick help", "gracias por la
# ayuda tan rápida"): read as if absent, so every "for the help" phrase takes them.
_QUALIFIERS = frozenset({
    "quick", "fast", "speedy", "prompt", "swift", "schnelle", "schnellen", "rasche", "raschen",
    "rapide", "rapides", "rapida", "rapido", "tan",
})  # fmt: skip


# That what was awaited came ("got the invoice", "Erstattung ist da", "bien reçu la facture",
# "ya me llegó el reembolso"): said beside a thanks it settles the matter, as "it worked"
# does (suite 18: "got the invoice, ta very much" was answered with the invoice article).
# Alone, or with anything more ("got the refund but it's short"), it is no small talk.
_RECEIVED_THINGS = {
    "en": "invoice refund receipt email link code parcel package order money replacement voucher",
    "de": "rechnung erstattung gutschrift paket bestellung geld mail link code ersatz",
    "fr": "facture remboursement colis commande lien code mail avoir argent",
    "es": "factura reembolso paquete pedido enlace código correo dinero devolución",
}
_RECEIVED_DETERMINERS = {
    "en": ("",), "de": ("", "die ", "das ", "den ", "meine ", "mein "),
    "fr": ("la ", "le ", "ma ", "mon "), "es": ("la ", "el ", "mi "),
}  # fmt: skip
_RECEIVED_SHAPES = {
    "en": ("got the {}", "got my {}", "received the {}", "received my {}", "the {} arrived",
           "my {} arrived", "the {} came through", "the {} has arrived", "the {} is here",
           "{} received", "{} arrived", "{} landed", "{}'s landed", "the {} has landed"),
    "de": ("{} ist da", "{} ist angekommen", "{} erhalten", "{} ist eingegangen",
           "habe {} erhalten", "hab {} erhalten", "habe {} bekommen", "hab {} bekommen"),
    "fr": ("bien reçu {}", "reçu {}", "j'ai reçu {}", "j'ai bien reçu {}", "{} est arrivé",
           "{} est arrivée", "{} est bien arrivé", "{} est bien arrivée", "{} est rentré",
           "{} bien reçu", "{} bien reçue"),
    "es": ("me llegó {}", "ya me llegó {}", "me ha llegado {}", "ya me ha llegado {}",
           "recibí {}", "ya recibí {}", "he recibido {}", "{} ya llegó", "{} llegó",
           "ya llegó {}"),
}  # fmt: skip


def _received_phrases() -> list[str]:
    return [
        shape.format(determiner + thing)
        for language, shapes in _RECEIVED_SHAPES.items()
        for shape in shapes
        for determiner in _RECEIVED_DETERMINERS[language]
        for thing in _RECEIVED_THINGS[language].split()
    ]


def _phrase_table() -> dict[str, str]:
    table: dict[str, str] = {}
    blocks = [*_PHRASES.items(), ("settled", "|".join(_received_phrases()))]
    for kind, block in blocks:
        for phrase in block.split("|"):
            for variant in _variants(phrase.strip()):
                key = " ".join(t for t in _raw_tokens(variant) if t not in _QUALIFIERS)
                if key:
                    table.setdefault(key, kind)
    return table


_PHRASE_KIND = _phrase_table()
_COURTESY = frozenset({"courtesy", "settled"})  # allowed beside small talk, no kind of its own
_FILLER = frozenset(_FILLER_WORDS.split())
_VOCABULARY = frozenset(
    {token for phrase in _PHRASE_KIND for token in phrase.split(" ")} | _FILLER | _QUALIFIERS
)
_SMALL_TALK_RE = re.compile(
    r"(?<!\S)(?:"
    + "|".join(re.escape(p) for p in sorted(_PHRASE_KIND, key=lambda p: (-len(p), p)))
    + r")(?!\S)"
)

# --------------------------------------------------------------------------- wants a person

# Patterns read the canonical text: lower case, no accents (``ß`` is ``s``), no punctuation,
# single spaces. German umlauts may also be typed "ae/oe/ue".
_A_EN = r"(?:(?:a|an|the|your|some|one of your|any|a real|an actual) )?"
# "human" the adjective is no person ("a human-readable invoice", "human resources")
_HUMAN = (
    r"human(?! (?:readable|resources?|rights|error|nature|body|hair|size|scale|figures?"
    r"|figurines?))"
)
_PERSON_EN = (
    r"(?:(?:real|actual|live|human|living|proper|normal|damn|goddamn|bloody|freaking|effing"
    r"|fucking|f\w*ing) ){0,2}"
    rf"(?:{_HUMAN}(?: being| agent| operator| representative)?|hooman|person|agent|rep"
    r"|representative"
    r"|operator|manager|supervisor|someone|somebody|anyone|staff(?: member)?|employee|advisor"
    r"|adviser|associate|consultant|team member|specialist|assistant|executive|expert"
    r"|customer (?:service|support|care|assistance)(?: agent| rep| representative| team"
    r"| executive)?|support(?: team| agent)?"
    r"|someone from (?:your |the )?\w+|somebody from (?:your |the )?\w+"
    r"|member of (?:your |the )?(?:\w+ )?(?:team|staff)"
    r"|(?:(?<=your )|(?<=the ))team(?! (?:captain|manager|lead|leader|coach|at|of|in)\b))"
)
_STRONG_EN = (
    rf"(?:(?:real|actual|live|human) )?(?:{_HUMAN}(?: being| agent)?|hooman|agent|representative"
    r"|operator"
    r"|manager|supervisor|real person|actual person|live person)"
)
_PERSON_DE = (
    r"(?:(?:echte[nmr]?|richtige[nmr]?|reale[nmr]?|lebende[nmr]?|menschliche[nmr]?"
    r"|zustandige[nmr]?|zustaendige[nmr]?) )?"
    r"(?:mensch(?:en)?|mitarbeiter(?:in|innen|n)?|berater(?:in)?|kundenberater(?:in)?|person"
    r"|ansprechpartner(?:in)?|sachbearbeiter(?:in)?|vorgesetzte[nmr]?|chef(?:in)?|manager(?:in)?"
    r"|agent(?:en|in)?|support mitarbeiter\w*|kundendienst|kundenservice|jemand(?:em|en)?"
    r"|teamleitung|teamleiter(?:in)?"
    r"|operator)"
)
_ART_DE = r"(?:(?:ein|einem|einer|einen|eine|nem|ner|nen|ne|dem|der|den|die|ihrem|ihren|ihrer) )?"
_PERSON_FR = (
    r"(?:(?:vrai|vraie|veritable) )?"
    r"(?:conseill(?:er|ere)|humain|etre humain|personne(?: reelle| physique| humaine)?|agent"
    r"|operat(?:eur|rice)|responsable|interlocut(?:eur|rice)|manager|superviseur|technicien"
    r"|quelqu'un|employe|service client)"
)
_ART_FR = r"(?:(?:un|une|le|la|votre|vos) )?"
_PERSON_ES = (
    r"(?:persona(?: real| de verdad| humana)?|humano|ser humano|agente(?: real| humano)?"
    r"|asesor(?:a)?|operador(?:a)?|representante|encargad[oa]|supervisor(?:a)?|gerente"
    r"|responsable|ejecutiv[oa]|alguien(?: de verdad| real| humano)?|emplead[oa]|especialista)"
)
_ART_ES = r"(?:(?:un|una|el|la|algun|alguna|su|sus) )?"
# The bot, or its replies. "Automatic" alone is not the bot ("stop the automatic renewal"),
# nor is a machine (a coffee machine): those count only as "talking to a machine".
_BOT = (
    r"(?:bots?|robots?(?! (?:vacuum|cleaner|mower|mop|toy|kit|arm|lawn))|roboter|chatbots?|ai|ki|ia"
    r"|virtual assistant|assistant virtuel|asistente virtual"
    r"|(?:automated|automatic|canned|generic|template|copy paste|bot|robot) (?:replies|reply"
    r"|answers?|responses?)|automatische\w* antworten|standard ?antworten|textbausteine?"
    r"|bot antworten|reponses? automatiques?|reponses? de robot|respuestas automaticas"
    r"|respuestas de robot|risposte automatiche)"
)
_MACHINE = r"(?:machines?|computers?|maquinas?|maschinen?|automates?|programs?|software)"
_TALK_TO = (
    r"(?:talk|talking|speak|speaking|chat|chatting|hablar|chatear|parler|discuter|sprechen"
    r"|reden|chatten|parlare) (?:to|with|con|avec|a|mit) (?:a |an |the |this |un |una |une"
    r" |einer |einem |der |dem |le |la |el |esta |este |cette |ce )?"
)

# Asking for a person: cancelled by a negation just before ("I don't want to talk to …").
_REQUEST_PATTERNS: tuple[str, ...] = (
    # en
    rf"\b(?:speak|speaking|talk|talking|chat|chatting|converse) (?:to|with) {_A_EN}{_PERSON_EN}\b",
    r"\b(?:contact |contacting )(?:(?:a|an|some|your|one of your) )?(?:(?:live|human|real) )?"
    r"(?:agent|operator|person|human|representative|someone|somebody)\b",
    rf"\b(?:transfer me|connect me|put me|pass me|forward me|switch me|route me|hand me"
    rf"|get me) (?:through |over |on )?(?:to|with) {_A_EN}{_PERSON_EN}\b",
    rf"\bescalate(?: \w+){{0,3}} to {_A_EN}{_PERSON_EN}\b",
    # "I would like this passed to a supervisor", "please forward my complaint to a manager"
    rf"\b(?:like|want|need|please|can you|could you|would you|kindly)(?: \w+){{0,3}} (?:pass"
    rf"|passed|forward|forwarded|escalated|refer|referred|hand|handed|transfer|transferred)"
    rf"(?: (?:this|it|me|my (?:complaint|case|query|issue|request|ticket|email|message)))?"
    rf"(?: on| over| up)? to (?:a|an|your|one of your) (?:senior )?{_STRONG_EN}\b"
    rf"(?! (?:at|of|in|who|from|that)\b)",
    r"(?<!\bis )(?<!like )\b(?:someone|somebody|a person|a human) (?:made )?of flesh and blood\b"
    r"|(?<!like a )\bflesh and blood (?:person|human|agent)\b",
    rf"\b(?:want|need|get me|give me|gimme|request|demand|require|prefer|get|have) "
    rf"(?:to have )?(?:a|an|some|your) {_STRONG_EN}\b",
    r"\b(?:real|actual) (?:person|human|people|agent)\b|\blive (?:agent|person|human|operator)\b"
    r"|\bhuman (?:agent|operator|representative)\b|\bhuman being\b",
    r"\b(?:someone|somebody|anyone|anybody) (?:real|human|from (?:your|the) team"
    r"|who is (?:a )?(?:real|human))\b"
    r"(?! (?:called|rang|phoned|said|told|emailed|wrote|sent|promised|was|has|had|already"
    r"|did)\b)",
    r"\b(?:(?:a|an|some) (?:human|person|agent|real person)|human"
    r") (?:to )?(?:look|check|review"
    r"|handle|read|deal|call|take a look|go through|answer|respond|reply|help me)\b",
    rf"\bconnect(?:ing)? (?:me |us )?(?:to |with )?{_A_EN}(?:{_STRONG_EN}|customer (?:care|service"
    r"|support)|someone|somebody)\b",
    rf"(?<!missed a )(?<!got a )(?<!had a )(?<!received a )\bcall from {_A_EN}{_PERSON_EN}\b"
    r"|^(?:please )?call me(?: now| please| asap| today)*$",
    rf"\b(?:reach|get hold of|get through to) {_A_EN}(?:{_STRONG_EN}|someone|somebody)\b",
    r"\bhuman (?:help|support|assistance|contact|interaction|response|reply)\b",
    rf"\b(?:get me|give me|gimme|bring me|send me|find me) (?:a|an|some|your) (?:person|someone"
    rf"|somebody|{_HUMAN}|people)\b|\bwant\s(?:a|an) (?:person|{_HUMAN})\b(?! (?:to|who|that))",
    r"\b(?:get me|give me|gimme|bring me|find me) (?:someone|somebody)\b(?!'s)",
    # "can I get a person", "I (just) need a person" ("my mum died and I need a person"),
    # the person ending the request; not "I need a person to sign for it", "do I need a
    # person at home for the delivery?", "can I have a person collect it?"
    r"(?<!\bdo )(?<!\bdoes )(?<!\bwill )(?<!\bwould )(?<!\bif )(?<!\bwhen )"
    r"\b(?:(?:can|could|may) (?:i|we) (?:please )?(?:get|have)|i (?:really |just )?need)"
    r" (?:a|an) (?:real |actual )?(?:person|human|hooman)(?P<clause_end>)",
    r"\b(?:can|could|would|will|get|have|want|need|like|please)(?: (?:you|i|we))?(?: please)?"
    r" (?:a member of (?:staff|your team)"
    r"|a staff member)(?: please)? (?:to )?(?:look|check|review|handle|read|deal|call|take a look"
    r"|go through|answer|respond|reply|help me)\b",
    r"\b(?:someone|somebody|a person|an agent|a human|one of your (?:agents|staff|team))"
    r" (?:please )?(?:call|phone|ring) me\b|\b(?:call|ring|phone) me back\b"
    r"|\b(?:request|want|need|like|get|arrange|book|schedule) (?:a|an) (?:callback|call back"
    r"|phone call)\b|\bgive me a (?:call|ring)\b",
    r"\b(?:rufen sie mich|ruft mich|ruf mich) (?:bitte )?(?:\w+ )?(?:an|zuruck|zurueck)\b"
    r"|\b(?:um|einen|bitte um) (?:\w+ )?(?:ruckruf|rueckruf)\b",
    r"\b(?:rappelez moi|rappelez nous|appelez moi|me rappeler|etre rappele|etre rappelee)\b",
    r"\b(?:llamenme|llameme|llamame|que me llamen|que me llame|devolverme la llamada)\b",
    # someone, then (a few words on) calls me: "wenn mich jemand aus Ihrem Team kurz anruft"
    r"\b(?:someone|somebody|a person|a member of (?:staff|your team))(?: \w+){0,4} (?:calls"
    r"|phones|rings|call|phone|ring) me\b",
    r"\b(?:jemand|ein mensch|ein mitarbeiter|eine mitarbeiterin|eine person)(?: \w+){0,5}"
    r" (?:anruft|anrufen|zuruckruft|zuruckrufen|zurueckruft|zurueckrufen)\b",
    r"\b(?:quelqu'un|une personne|un conseiller|une conseillere|un humain)(?: \w+){0,5}"
    r" (?:me rappelle|m'appelle|me rappeler|m'appeler|me telephone)\b",
    r"\b(?:alguien|una persona|un agente|un asesor|una asesora)(?: \w+){0,5} (?:me llame"
    r"|me llamara|me llamase|me llamen|me devuelva la llamada|me telefonee)\b",
    r"\b(?:a|an|any) (?:real )?(?:human|person|agent|representative|operator) (?:i can|to)"
    r" (?:talk|speak|chat)\b",
    # de
    rf"\bmit {_ART_DE}{_PERSON_DE}(?: \w+){{0,3}} (?:sprechen|reden|telefonieren|chatten"
    r"|schreiben|verbunden|verbinden|kommunizieren|in kontakt)\b",
    rf"\b(?:mochte|moechte|will|wurde|wuerde|mochten|moechten|bitte|kann ich|lieber|gern|gerne)"
    rf"(?: \w+){{0,3}} mit {_ART_DE}{_PERSON_DE}(?: \w+){{0,2}} (?:klaren|klaeren|besprechen"
    r"|abklaren|abklaeren|regeln)\b",
    rf"\b(?:verbinden|verbinde|verbindet|stellen|stelle) (?:sie |s )?(?:mich |mi )?(?:bitte )?"
    rf"(?:mit|zu|durch zu) (?:an |am |a )?{_ART_DE}{_PERSON_DE}\b",
    rf"\ban {_ART_DE}{_PERSON_DE} (?:\w+ )?(?:weiterleiten|weitergeben|ubergeben|uebergeben"
    r"|eskalieren|weiterverbinden)\b",
    rf"\b(?:leiten|geben|reichen) sie (?:\w+ ){{0,3}}an {_ART_DE}{_PERSON_DE} weiter\b",
    # "dass sich jemand von Ihrem Team bei mir meldet", "ein Vorgesetzter … sich kümmert"
    r"\b(?:dass|bitte|kann|konnte|koennte|(?:ware|waere|wurde|wuerde) (?:\w+ ){0,2}wenn)"
    r"(?: sich)?(?: bitte)? (?:jemand|ein mensch|ein mitarbeiter|eine mitarbeiterin|eine person)"
    r"(?: (?:von|aus) (?:ihrem|eurem|ihrer|eurer|ihnen|euch)(?: \w+)?)?(?: \w+)?"
    r" bei (?:mir|uns) (?:meldet|melden)\b",
    r"\b(?:dass|bitte|soll|sollte|mochte|moechte|gern|gerne)(?: \w+){0,3}"
    r" (?:vorgesetzte[nr]?|teamleitung|teamleiter(?:in)?)(?: \w+){0,4} (?:kummert|kuemmert"
    r"|kummern|kuemmern|ubernimmt|uebernimmt|ubernehmen|uebernehmen)\b",
    r"\b(?:konnten|koennten|konnen|koennen|wurden|wuerden) sie mich (?:(?:bitte|heute|morgen"
    r"|abend|nachmittag|vormittag|gleich|sofort|nochmal|noch|kurz|bald|zeitnah|schnell|dringend"
    r"|mal|einmal|baldmoglichst) ){0,3}(?:zuruckrufen"
    r"|zurueckrufen|anrufen)\b",
    r"\b(?:wer|jemand|jemanden|jemandem) (?:(?:echtes|echten|echter|richtiges|menschliches)"
    r"(?= (?:schreiben|sprechen|reden|antworten|helfen|erreichen|ans|dran|ran|hier|da|bitte|ich"
    r"|oder|im|bei|von|mit|zum|zu|der|die)\b|$)|aus fleisch und blut\b)",
    rf"\b(?:einen|einem|eine|nen|nem) {_PERSON_DE} (?:sprechen|bitte|jetzt|ans telefon)\b",
    rf"\b(?:ich will|ich mochte|ich moechte|ich hatte gern|ich haette gern|ich brauche"
    rf"|ich verlange|ich wunsche|ich wuensche|geben sie mir|gib mir|kann ich|konnte ich"
    rf"|koennte ich)"
    rf"(?: \w+){{0,2}} {_ART_DE}(?:echte[nmr]? |richtige[nmr]? |reale[nmr]? )?"
    r"(?:menschen|mitarbeiter(?:in)?|berater(?:in)?|ansprechpartner(?:in)?|sachbearbeiter(?:in)?"
    r"|vorgesetzte[nr]?|chef(?:in)?|kundenberater(?:in)?)\b",
    r"\b(?:echte[nmr]?|richtige[nmr]?|reale[nmr]?|lebende[nmr]?) (?:mensch(?:en)?|person"
    r"|mitarbeiter\w*)\b",
    r"\bmit jemandem (?:aus|von) (?:ihrem|eurem|deinem|dem|ihrer|eurer|der) (?:team|kundendienst"
    r"|kundenservice|support|firma)(?: \w+){0,2} (?:besprechen|sprechen|reden|klaren|klaeren"
    r"|telefonieren)\b",
    r"\b(?:kann|konnte|koennte|konnen|koennen) (?:mich |uns )?(?:bitte )?(?:jemand|eine person"
    r"|ein mensch|ein mitarbeiter|eine mitarbeiterin|ein berater|eine beraterin)(?: \w+){0,2}"
    r" (?:anrufen|zuruckrufen|zurueckrufen|kontaktieren)\b",
    # fr
    rf"\bparler (?:a|avec|au) {_ART_FR}{_PERSON_FR}\b",
    rf"\ben (?:relation|contact) avec {_ART_FR}{_PERSON_FR}\b",
    rf"\b(?:passez|passe|passer|transferez|transferer|transfere) (?:moi |me )?(?:a |au )?"
    rf"{_ART_FR}{_PERSON_FR}\b",
    r"\b(?:je veux|je voudrais|j'aimerais|je souhaite|je demande|il me faut|donnez moi)"
    r"(?: \w+){0,2} (?:un|une) (?:vrai |vraie )?(?:humain|conseill(?:er|ere)|operat(?:eur|rice)"
    r"|agent|responsable|interlocuteur|personne reelle|vraie personne|etre humain)\b",
    r"\b(?:un|une) (?:vrai |vraie )?(?:humain|conseill(?:er|ere)|operat(?:eur|rice)|agent"
    r"|personne reelle|personne) (?:svp|stp|s'il vous plait|s'il te plait|merci)\b",
    r"\b(?:avoir|joindre|contacter) (?:un|une) (?:vrai |vraie )?(?:conseill(?:er|ere)|humain"
    r"|operat(?:eur|rice)|agent|interlocut(?:eur|rice)|personne reelle)\b",
    r"\b(?:quelqu'un|quelquun|qqn|qq1) de (?:reel|vrai|humain)\b|\bune vraie personne\b"
    r"|\bun vrai humain\b|\b(?:quelqu'un|qqn|une personne|un humain|un conseiller"
    r"|une conseillere|un etre humain) en chair et en os\b",
    # "que ma demande soit transmise à un responsable", "qu'un membre de votre service me
    # réponde"
    rf"\b(?:(?:pouvez vous|pourriez vous|merci de|veuillez|je souhaite|je voudrais|j'aimerais"
    rf"|je demande|svp|faut)(?: \w+){{0,2}} (?:transmettre|transferer|remonter|escalader"
    rf"|faire suivre|faire remonter)|transmettez|transferez|faites remonter|faites suivre"
    rf"|(?:soit|soient|etre) (?:transmise?s?|transferee?s?|remontee?s?))(?: \w+){{0,2}}"
    rf" (?:a (?:un|une|le|la|votre)|au|aupres (?:d'un|d'une|du|de la|de votre)) {_PERSON_FR}\b"
    rf"(?! (?:de ma|de mon|de mes|d'autre|de l'immeuble)\b)",
    r"\b(?:quelqu'un|quelquun|qqn|un membre|une personne|un conseiller|une conseillere"
    r"|un humain)(?: \w+){0,4} (?:me reponde|me repondre|m'ecrive)\b",
    r"(?<!\best ce )\b(?:que (?:quelqu'un|qqn|un membre|une personne|un conseiller"
    r"|une conseillere|un humain)|qu'un (?:membre|conseiller|humain)|qu'une (?:personne"
    r"|conseillere))(?: \w+){0,4} (?:me recontacte|me contacte)\b",
    r"\b(?:j'ai|on a) besoin d'(?:un|une) (?:vrai |vraie )?(?:humain|conseill(?:er|ere)"
    r"|operat(?:eur|rice)|interlocut(?:eur|rice)|personne reelle|etre humain)\b",
    # es
    rf"\b(?:hablar|habla|hable|charlar|chatear|comunicarme|comunicar|comuniqueme|comuniquenme"
    rf"|contactar|contactarme|conectar|conectarme|conecteme|transferirme|transfierame"
    rf"|pasame|pasarme|paseme|paseme) con {_ART_ES}{_PERSON_ES}\b",
    rf"\b(?:me atienda|atendido por|atendida por|atencion de"
    rf"|me (?:puede|pueden|podria|podrian) atender) {_ART_ES}{_PERSON_ES}\b",
    r"\b(?:quiero|necesito|exijo|quisiera|deseo|prefiero) (?:un|una) (?:agente|humano|asesora?"
    r"|operadora?|persona real|persona|representante|supervisora?|ser humano)\b",
    r"\b(?:alguien|persona) de verdad\b|(?<!parece una )(?<!parece un )(?<!como una )"
    r"(?<!como un )\b(?:alguien|persona|humano|agente) de carne y hueso\b",
    rf"\b(?:prefiero|preferiria|quiero|quisiera|necesito|me gustaria|puedo|podria|deseo)(?: \w+)?"
    rf" (?:tratar|tratarlo|tratarla|resolver|resolverlo|resolverla|hablarlo|verlo|gestionarlo"
    rf"|llevarlo|revisarlo) con {_ART_ES}{_PERSON_ES}\b(?! (?:de mi|de la tienda|tan)\b)",
    r"\balguien (?:de|del) (?:vuestro|su|tu|el|la) (?:equipo|servicio|atencion|soporte)"
    r"(?: \w+){0,3} (?:revise|revisara|revisase|mire|mirara|llame|conteste|contestara|responda"
    r"|respondiera|atienda|contacte|contactara|escriba|ayude|ayudara)\b",
    r"\bque (?:me conteste|me responda|me atienda|me contacte|me escriba|me ayude)(?: \w+)?"
    r" (?:alguien|una persona|un agente|un asesor|una asesora|un humano)\b(?! de mi\b)",
    r"(?<!\bcomo )(?<!repartidor )(?<!mensajero )(?<!conductor )(?<!transportista )"
    r"\b(?:podrian|podria|pueden|puede|podeis|podrias|puedes) (?:por favor )?llamarme"
    r"(?= (?:por favor|porfa|hoy|manana|esta|cuanto|lo antes|al|a este|urgente|ya|ahora|en"
    r"|para|y|que|tengo|no|alguien|una persona|un agente)\b|$)",
    r"\bcon alguien (?:de|del) (?:vuestro|su|tu|el|la) (?:equipo|servicio|atencion|soporte)\b",
    r"(?<!\bque )\bme (?:podria|puede|pueden|podrian|podeis|podrias) llamar (?:una persona|alguien"
    r"|un agente|una agente|un asesor|una asesora|un empleado|una empleada)\b",
    # it
    r"\bparlare con (?:un |una |il |la |l'|qualcuno)?(?:operatore|operatrice|persona(?: vera"
    r"| reale)?|umano|essere umano|agente|consulente|responsabile|qualcuno)\b",
    r"\b(?:passami|passatemi|mi passi|mi passa|vorrei|voglio) (?:un |una |con )?(?:operatore"
    r"|operatrice|persona vera|consulente|responsabile|essere umano)\b",
    # nl
    r"\b(?:met|tegen) (?:een |de |uw )?(?:echte? |echt )?(?:medewerk(?:er|ster)|mens|persoon"
    r"|iemand|agent|klantenservice)(?: \w+){0,2} (?:spreken|praten|chatten|bellen)\b",
    r"\b(?:(?:een|de) (?:echte? |echt )?(?:medewerk(?:er|ster)|mens|persoon)|iemand)"
    r" (?:spreken|alstublieft|aub|graag)\b",
    # pt
    r"\bfalar com (?:um |uma |o |a |algum |alguma )?(?:atendente|pessoa(?: real| de verdade)?"
    r"|humano|ser humano|agente|operador|operadora|representante|gerente|alguem)\b",
    r"\b(?:quero|preciso de|preciso) (?:um|uma) (?:atendente|humano|pessoa real|agente"
    r"|operador|operadora)\b",
    # pl
    r"\b(?:rozmawiac|porozmawiac|rozmowy|polaczyc|polacz mnie|polaczenie) z (?:\w+ )?"
    r"(?:konsultant\w*|czlowiekiem|pracownikiem|osoba|agentem|kims|doradca|operatorem)\b",
    r"\bchce (?:z )?konsultant\w*\b",
    # sv, da
    r"\b(?:prata|tala|tale|snacka|chatta|snakke|chatte) med (?:en |et |nagon |nogen )?"
    r"(?:riktig |riktigt |verklig |rigtig |rigtigt )?(?:manniska|menniska|person|handlaggare"
    r"|agent|kundtjanst|nagon|medarbetare|operator|medarbejder|menneske|kundeservice|nogen"
    r"|radgiver)\b",
)
# a person already met, not asked for ("was passed to an agent", "a été transmise à …")
_ALREADY = frozenset({"was", "were", "been", "already", "ete"})
# what may follow "can I get a person" / "I need a person" for the person to end the request
# (else "I need a person to sign for it"); punctuation counts too ("I need a person, where
# is my order?")
_ENDS_REQUEST = re.compile(
    r" (?:please|pls|plz|now|asap|here|on here|in here|on the phone|not|instead|thanks?|and)\b"
    r"|$"
)
# a comma ends it unless an aside follows ("a person, e.g. my neighbour, to sign for it")
_ASIDE = re.compile(
    r"\s*(?:e\.?g|i\.?e|preferably|ideally|maybe|perhaps|say|like|such as|not me)\b", re.I
)

# Refusing the bot, or the whole message is just "agent!" / "human please": never negated.
_ANTI_BOT_PATTERNS: tuple[str, ...] = (
    rf"\b(?:stop|no more|enough|quit|tired of|sick of|fed up with|done with|hate|dont want"
    rf"|don't want|do not want)(?: \w+){{0,3}} {_BOT}\b",
    rf"\b(?:kein|keine|keinen) {_BOT}\b",
    rf"\bnicht mit (?:dem|einem|einer|der|diesem|dieser) (?:{_BOT}|{_MACHINE})\b",
    rf"\bauf mit (?:dem|den|diesen?|ihren?|ihrem) {_BOT}\b",
    rf"\b(?:arretez|arrete|arreter|stop|marre|assez)(?: \w+){{0,3}} {_BOT}\b",
    rf"\bpas (?:un|une|de|avec (?:un|le)) {_BOT}\b",
    rf"\bno quiero (?:hablar con |chatear con )?(?:un |una |el |la |este |esta )?"
    rf"(?:{_BOT}|{_MACHINE})\b",
    rf"\b(?:stop|no more|enough|tired of|sick of|fed up with|done with|hate|dont want|don't want"
    rf"|do not want|no quiero|ne veux pas|ne veux plus|will nicht|mochte nicht|keine lust)"
    rf"(?: \w+){{0,2}} {_TALK_TO}(?:{_BOT}|{_MACHINE})\b",
    rf"\b(?:basta de|deja de|dejen de|dejar de|paren de|para de)(?: \w+){{0,3}} {_BOT}\b",
    r"^(?:(?:i want|i need|want|need|get me|give me|please|pls|plz|a|an|some|real|live|human"
    r"|now|talk to|speak to|chat with|chat|talk|customer|service|support|ein|einen|echten|bitte"
    r"|un|une|vrai"
    r"|una|el|la|por favor|quiero|svp|je veux|ich will|hello|hi) )*"
    r"(?:agent|agents|human|hooman|operator|representative|person|manager|supervisor"
    r"|customer service|someone|mitarbeiter|mensch|menschen|berater|conseiller|humain"
    r"|operateur|agente|humano|asesor|operador|operatore|medewerker|atendente)"
    r"(?: (?:please|pls|plz|now|asap|thanks|thank you|immediately|to chat|to talk|bitte|sofort"
    r"|jetzt|svp"
    r"|s'il vous plait|merci|por favor|ya|ahora|per favore|alstublieft|aub|porfa|porfis|xfa"
    r"|plis|stp))*$",
)
_NEGATION_WORDS = """
    don't dont not never without no didn't didnt won't wont nicht kein keinen keine nie
    pas jamais sans nunca sin non niet geen nao inte ikke
"""
NEGATIONS = frozenset(_NEGATION_WORDS.split())
# never the name after "Thanks" ("Danke. Nichts funktioniert jetzt." is no "Thanks Sarah!")
_NOT_A_NAME = NEGATIONS | {"nothing", "nichts", "nada", "rien", "nobody", "niemand", "nadie"}
# "Are you a real person?" asks about the bot, not for a person.
_ASKS_ABOUT_BOT = re.compile(
    r"\b(?:are you|r u|is this|is that|is it|am i (?:talking|speaking|chatting|writing) (?:to|with)"
    r"|is a|bist du|sind sie|etes vous|es tu|eres|es usted)(?: (?:a|an|really|actually|even|ein"
    r"|eine|un|une|una))* $"
)


class _Alternation:
    """Patterns scanned as one alternation (the first that matches wins at each position),
    compiled from only those whose required words the text has (``prefilter.LiteralIndex``).

    Why: one alternation of every pattern was scanned whenever any of their words occurred
    ("kein", "pas", "mich" are words of a few of them): ~0.4 ms for a German or French
    message. A pattern that matches nowhere in the text is never the alternative that
    matches at a position, so leaving it out finds the same matches
    (``tests/understand/test_dialogue.py`` compares with ``everything``).

    The three alternations (person requests, refusals, tried already) read the same
    canonical text, so one ``LiteralIndex`` of all their patterns (``_INDEX``) scans it once
    per window (``_Canonical.found``) and each takes its own part. That index may name
    a few more patterns than one per alternation would (a literal of one alternation can be
    a prefix of another's), never fewer, and a named pattern whose words are absent matches
    nowhere: the same matches, one trie scan instead of three (BANKING77 test, alternating
    runs: dialogue 24-30 -> 17 us a message).
    """

    def __init__(self, patterns: tuple[str, ...], first: int) -> None:
        self.patterns = patterns
        self.first = first  # where its patterns start in ``_INDEX``

    def for_text(self, window: _Canonical) -> re.Pattern[str] | None:
        """The alternation of the patterns that may match ``window``; None if none may."""
        found = window.found
        first, end = self.first, self.first + len(self.patterns)
        chosen = range(len(self.patterns)) if found is None else [
            i - first for i in found if first <= i < end
        ]  # fmt: skip
        return _compiled(tuple(self.patterns[i] for i in chosen)) if chosen else None

    def everything(self) -> re.Pattern[str]:
        return _compiled(self.patterns)


@lru_cache(maxsize=512)
def _compiled(patterns: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


def _sharing_one_index(
    *groups: tuple[str, ...],
) -> tuple[LiteralIndex, tuple[_Alternation, ...]]:
    """One ``LiteralIndex`` of every group's patterns, and each group's ``_Alternation``
    with where its patterns start in it (the offsets follow from the groups)."""
    starts = [sum(len(g) for g in groups[:i]) for i in range(len(groups))]
    index = LiteralIndex(tuple(p for group in groups for p in group))
    return index, tuple(_Alternation(g, s) for g, s in zip(groups, starts, strict=True))


_INDEX, (_REQUESTS, _REFUSALS, _TRIED) = _sharing_one_index(
    _REQUEST_PATTERNS, _ANTI_BOT_PATTERNS, tried_already.PATTERNS
)

# --------------------------------------------------------------------------- vague requests

# A request that names nothing: "quick question about my stuff", "can you check something
# for me", "es por lo del otro día". Every word is a function word, a filler or one of these
# generic words, and at least one of the CORE words says there is something to ask about.
# Such a message is not out of scope, only unclear: one open question settles it.
_VAGUE_CORE = """
    question questions query thing things stuff something anything matter issue problem
    complicated tricky check look
    frage fragen sache sachen ding dinge zeug etwas was problem kompliziert nachschauen
    nachsehen schauen prufen pruefen checken anliegen
    question questions truc trucs chose choses histoire l'histoire affaire l'affaire probleme
    complique compliquee verifier regarder
    pregunta preguntita preguntas cosa cosas algo asunto tema problema complicado mirar
    revisar comprobar lo
"""
# The order itself named and nothing else, in a few words ("Bestellung", "pedido", "my order
# pls"), is as unclear: the intent model read a lone "Bestellung" as order status at 0.84
# and sent the tracking (suite 9). Longer, "order" is a verb or a real question ("can I
# order this?", "is my order in?").
_ORDER_NOUNS = frozenset(
    ["order", "orders", "bestellung", "bestellungen", "commande", "commandes", "pedido", "pedidos"]
)
_ORDER_ONLY_TOKENS = 3
_VAGUE_WORDS = """
    i i'm im a an the my me mine your you it its it's this that these those about of for with
    from on to in at is are was be been have has had do does did can could would will please
    pls plz just quick quickly short little bit some one regarding concerning re again before
    earlier other day last time um uh erm hmm so well ok okay hey hi hello there order into
    out sort see need want got what's
    ich mir mich mein meine meinem meinen meiner ist es das die der den dem ein eine einen
    einer um wegen zu von mit fur fuer uber ueber kurze kurz mal bitte konnen koennen konnten
    koennten sie du also ahm aehm ah hm hmm hallo neulich letztens andere anderen etwas
    bisschen bestellung habe hab hatte haette noch eben nur geht gehts zur zum
    je j'ai ai une un le la les l mon ma mes du de des a au sur pour svp petite petit vous pouvez
    pourriez tu peux moi alors euh bon ben salut bonjour autre fois derniere c'est est peu
    commande propos l'autre l'histoire encore
    yo tengo tenia una un el la lo los las mi mis mio mia de del sobre por favor porfa para me
    podeis pueden puede podria podrias pues eh bueno hola otro dia es un poco pedido que
"""
_VAGUE_CORE_SET = frozenset(
    token for word in _VAGUE_CORE.split() for token in _TOKEN.findall(fold(word)[0])
)
_VAGUE_SET = (
    _VAGUE_CORE_SET
    | _ORDER_NOUNS
    | frozenset(token for word in _VAGUE_WORDS.split() for token in _TOKEN.findall(fold(word)[0]))
)
MAX_VAGUE_TOKENS = 16


def _vague(window: _Canonical, text: str) -> Evidence | None:
    """The whole message when it asks about something without naming it, else None."""
    tokens = window.tokens
    if not tokens or len(tokens) > MAX_VAGUE_TOKENS:
        return None
    if not _VAGUE_SET.issuperset(tokens):
        return None
    if not _VAGUE_CORE_SET.intersection(tokens) and not (
        len(tokens) <= _ORDER_ONLY_TOKENS and _ORDER_NOUNS.intersection(tokens)
    ):
        return None
    spans = window.spans()
    a, b = spans[0][0], spans[-1][1]
    return Evidence("dialogue.vague", "names nothing specific", a, b, text[a:b])


# --------------------------------------------------------------------------- tried already

_TRIED_DETAIL = "already tried, or needs the shop to do it"
_SENTENCE_END = re.compile(r"[.!?\n]")


# A yes/no question about the thing ("Is my code expired?", "¿Está caducado el enlace?")
# asks; it does not report that it failed.
_COPULA_QUESTION = re.compile(
    r"(?:^|[.!?\n]\s*)¿?\s*(?:is|are|was|were|ist|sind|war|est|est-ce|es|esta|está|son)\b"
    r"[^.!?\n]*$",
    re.IGNORECASE,
)


def _asked_about(text: str, start: int, end: int) -> bool:
    """Whether the sentence holding ``text[start:end]`` is a yes/no question about it."""
    stop = _SENTENCE_END.search(text, end)
    closing = stop.group() if stop else ""
    return closing == "?" and _COPULA_QUESTION.search(text[:start]) is not None


def _tried_already(window: _Canonical, text: str) -> list[Evidence]:
    """Evidence that the self-service step was already tried (or is asked to be redone):
    the patterns of ``tried_already``, each hit cited with its words."""
    canonical = window.canonical
    pattern = _TRIED.for_text(window)
    if pattern is None:
        return []
    spans: list[tuple[int, int]] = []  # found on the first hit: the prefilter's candidate
    evidence = []  # pattern matches in a third of BANKING77's texts, the pattern in none
    for m in pattern.finditer(canonical):
        spans = spans or window.spans()
        first, last = _token_range(canonical, m.start(), m.end())
        a, b = spans[first][0], spans[last][1]
        if not _asked_about(text, a, b):
            evidence.append(Evidence(f"dialogue.{TRIED_ALREADY}", _TRIED_DETAIL, a, b, text[a:b]))
    return evidence


# --------------------------------------------------------------------------- the analysis


@dataclass(frozen=True, slots=True)
class DialogueAct:
    """What a message does besides asking for something.

    ``small_talk`` is one of ``SMALL_TALK`` only when the message is nothing but that ("Thanks!",
    "merci beaucoup, bonne journée"); ``None`` when it also says or asks something else.
    ``wants_person`` is true when the customer asks for a human anywhere in the message.
    ``vague`` is true when the message asks about something without naming it ("can you check
    something for me"): not out of scope, only unclear — one open question settles it.
    ``tried_already`` is true when the customer says they already did the self-service step
    and it failed, or asks for it to be redone ("checked spam, please resend the link"): an
    automatic how-to would repeat what failed.
    ``evidence`` names the words behind each claim (``source`` ``"dialogue.<kind>"``,
    ``"dialogue.wants_person"`` or ``"dialogue.tried_already"``; offsets into the original
    text); nothing else is cited.
    """

    small_talk: str | None
    wants_person: bool
    evidence: tuple[Evidence, ...] = ()
    vague: bool = False
    tried_already: bool = False

    @property
    def tried_words(self) -> tuple[str, ...]:
        """The customer's words behind ``tried_already``, each once, in the order said."""
        said = (e.text or "" for e in self.evidence if e.source == f"dialogue.{TRIED_ALREADY}")
        return tuple(dict.fromkeys(said))

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able data."""
        return {
            "small_talk": self.small_talk,
            "wants_person": self.wants_person,
            "vague": self.vague,
            "tried_already": self.tried_already,
            "evidence": [
                {"source": e.source, "detail": e.detail, "start": e.start, "end": e.end,
                 "text": e.text, "weight": e.weight}
                for e in self.evidence
            ],
        }  # fmt: skip


_NOTHING = DialogueAct(None, False, ())


class _Canonical:
    """A window of a message: its canonical text, each token's span in the original, and
    the dialogue patterns that may match it (``found``: indices into ``_INDEX``; None: all)."""

    __slots__ = ("canonical", "folded", "found", "kept", "offset", "original", "tokens")

    def __init__(self, original: str, offset: int) -> None:
        self.original = original
        self.offset = offset
        self.folded, self.kept = fold(original)
        raw = _TOKEN.findall(self.folded)
        if _RUN3.search(self.folded):
            raw = [_squeeze(t, _VOCABULARY) for t in raw]
        self.tokens = raw
        self.canonical = " ".join(raw)
        folded = fold_case(self.canonical)  # every window is read by all three alternations
        self.found = None if folded is None else _INDEX.candidates(folded)

    def spans(self) -> list[tuple[int, int]]:
        """Each token's (start, end) in the whole original message."""
        spans = []
        for m in _TOKEN.finditer(self.folded):
            start, end = m.start(), m.end()
            if self.kept is not None:
                start, end = self.kept[start], self.kept[end - 1] + 1
            spans.append((start + self.offset, end + self.offset))
        return spans


def _token_range(canonical: str, start: int, end: int) -> tuple[int, int]:
    """Indexes of the first and last token a canonical-text span covers."""
    first = canonical.count(" ", 0, start)
    return first, first + canonical.count(" ", start, end)


def _small_talk(
    window: _Canonical, text: str, max_tokens: int, settled_asked: bool = False
) -> tuple[str, list[Evidence]] | None:
    """The small-talk kind of a message that is nothing else, with its evidence; else None.

    ``settled_asked``: also when a phrase saying it worked or was all is asked as a question
    ("merci, ça fonctionne ?"), which on its own is no small talk (``analyse_text`` reads
    that as vague)."""
    tokens = window.tokens
    if not tokens or len(tokens) > max_tokens:
        return None
    unknown = [i for i, token in enumerate(tokens) if token not in _VOCABULARY]
    if len(unknown) > 1:  # cheap exact pre-check: at most one name may be left over
        unknown = [i for i in unknown if _undouble(tokens[i]) == tokens[i]]
        if len(unknown) > 1:
            return None
    spans = window.spans()
    keep = [i for i, token in enumerate(tokens) if token not in _QUALIFIERS]
    tokens = [_undouble(tokens[i]) for i in keep]
    spans = [spans[i] for i in keep]
    canonical = " ".join(tokens)
    covered = [False] * len(tokens)
    found: list[tuple[str, int, int]] = []
    for m in _SMALL_TALK_RE.finditer(canonical):
        kind = _PHRASE_KIND[m.group()]
        first, last = _token_range(canonical, m.start(), m.end())
        if (
            kind == "settled"
            and not settled_asked
            and _in_question(text, spans[first][0], spans[last][1])
        ):  # "gracias, ¿ya está resuelto?" asks; "Thanks, that's all! How are you?" does not
            continue
        covered[first : last + 1] = [True] * (last - first + 1)
        if kind not in _COURTESY:
            found.append((kind, first, last))
    if not found:
        return None
    ends = {last for kind, _, last in found if kind != "acknowledgement"}  # not "Great App"
    for i, token in enumerate(tokens):
        if covered[i] or token in _FILLER:
            continue
        # One name right after a phrase ("Thanks Sarah!"), written with a capital.
        written = text[spans[i][0] : spans[i][1]]
        if (
            i - 1 in ends
            and written[:1].isupper()
            and written[1:].islower()
            and written.isalpha()
            and token not in _NOT_A_NAME
        ):
            ends = set()  # only one
            continue
        return None
    kinds = {kind for kind, _, _ in found}
    best = next(kind for kind in _PRIORITY if kind in kinds)
    evidence = [
        Evidence(f"dialogue.{kind}", kind, spans[a][0], spans[b][1],
                 text[spans[a][0] : spans[b][1]])
        for kind, a, b in found
    ]  # fmt: skip
    return best, evidence


def _in_question(text: str, start: int, end: int) -> bool:
    """Whether the sentence holding ``text[start:end]`` is a question: it ends with "?" or
    opens with "¿"."""
    after = _SENTENCE_END.search(text, end)
    if after is not None and after.group() == "?":
        return True
    opening = max(text.rfind(mark, 0, start) for mark in ".!?\n")
    return "¿" in text[opening + 1 : start]


def small_talk_phrases(text: str) -> set[str]:
    """The kinds of small-talk phrase (``SMALL_TALK``) ``text`` holds anywhere, whatever else
    it says: how an e-mail's sign-off line ("Kind regards,", "Muchas gracias y un saludo,",
    "LG Lea") is told from the message (``boilerplate``), with the one vocabulary of thanks
    and goodbyes."""
    canonical = _Canonical(text, 0).canonical
    found = {_PHRASE_KIND[m.group()] for m in _SMALL_TALK_RE.finditer(canonical)}
    return found & set(SMALL_TALK)


def _wants_person(window: _Canonical, text: str) -> list[Evidence]:
    canonical = window.canonical
    requests, refusals = _REQUESTS.for_text(window), _REFUSALS.for_text(window)
    if requests is None and refusals is None:
        return []
    hits: list[tuple[int, int, str]] = []
    pos = 0
    while requests is not None and (m := requests.search(canonical, pos)) is not None:
        pos = m.end()
        before = canonical[: m.start()].split()[-3:]
        if before and before[-1] in _ALREADY:
            continue
        inside = m.group().split()[:-1]  # "ich möchte keinen Menschen": negated within
        if (
            NEGATIONS.intersection(before)
            or NEGATIONS.intersection(inside)
            or _ASKS_ABOUT_BOT.search(canonical, 0, m.start())
        ):
            continue
        if m.groupdict().get("clause_end") is not None and not _ends_request(window, m, text):
            pos = m.start() + 1  # another pattern may read from inside ("need a human agent")
            continue
        hits.append((m.start(), m.end(), "asks for a person"))
    for m in refusals.finditer(canonical) if refusals is not None else ():
        hits.append((m.start(), m.end(), "refuses the bot"))
    if not hits:
        return []
    spans = window.spans()
    evidence = []
    reach = -1
    for start, end, detail in sorted(hits, key=lambda h: (h[0], -h[1])):
        if end <= reach:  # inside a longer hit already cited
            continue
        reach = end
        first, last = _token_range(canonical, start, end)
        a, b = spans[first][0], spans[last][1]
        evidence.append(Evidence(f"dialogue.{WANTS_PERSON}", detail, a, b, text[a:b]))
    return evidence


def _ends_request(window: _Canonical, m: re.Match[str], text: str) -> bool:
    """Whether the person asked for ends the request: a closing word follows, or in the
    original text a punctuation mark ("I need a person, where is my order?")."""
    if _ENDS_REQUEST.match(window.canonical, m.end()):
        return True
    _, last = _token_range(window.canonical, m.start(), m.end())
    after = text[window.spans()[last][1] :].lstrip()
    if after[:1] in ".!?":
        return True
    return after[:1] in ",;:" and not _ASIDE.match(after[1:])


def _windows(text: str) -> list[_Canonical]:
    """The whole text, or for a very long one its head and tail (as ``prepare_text`` keeps)."""
    if len(text) <= DEFAULT_MAX_CHARS:
        return [_Canonical(text, 0)]
    head = (DEFAULT_MAX_CHARS * 3) // 4
    tail = DEFAULT_MAX_CHARS - head
    return [_Canonical(text[:head], 0), _Canonical(text[-tail:], len(text) - tail)]


def analyse_text(text: object, max_small_talk_tokens: int = MAX_SMALL_TALK_TOKENS) -> DialogueAct:
    """The dialogue act of one message (any object: ``None`` and numbers become text)."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    windows = _windows(text)
    person: list[Evidence] = []
    tried: list[Evidence] = []
    for window in windows:
        person.extend(_wants_person(window, text))
        tried.extend(_tried_already(window, text))
    small = None
    vague = None
    if len(windows) == 1:
        small = _small_talk(windows[0], text, max_small_talk_tokens)
        if small is None and not person:
            vague = _vague(windows[0], text)
            if vague is None and _small_talk(
                windows[0], text, max_small_talk_tokens, settled_asked=True
            ):  # "thanks! that's it?": no thanks to close on, nor a request to answer
                vague = Evidence("dialogue.vague", "asks whether it is settled", 0, len(text),
                                 text)  # fmt: skip
    if small is None and not person and vague is None and not tried:
        return _NOTHING
    kind, evidence = small if small is not None else (None, [])
    if vague is not None:
        evidence.append(vague)
    return DialogueAct(kind, bool(person), tuple(evidence + person + tried), vague is not None,
                       bool(tried))  # fmt: skip


@register("dialogue", "dialogue.rules.v1")
class DialogueActDetector(Component):
    """Small talk and "wants a person" as a component: rules, nothing to learn.

    ``fit`` ignores its arguments and records the kinds and languages the rules cover (so a
    saved folder says what it was built with); ``predict`` gives ``(small_talk,
    wants_person)`` per text, ``analyse`` the ``DialogueAct`` with its evidence.
    """

    def __init__(self, max_small_talk_tokens: int = MAX_SMALL_TALK_TOKENS) -> None:
        self.max_small_talk_tokens = max_small_talk_tokens

    def fit(self, texts: Sequence[str], labels: Sequence[Any] | None = None) -> Self:
        if self.max_small_talk_tokens < 1:
            raise ValueError(
                f"max_small_talk_tokens must be at least 1, got {self.max_small_talk_tokens}"
            )
        self.kinds_ = list(SMALL_TALK)
        self.languages_ = list(LANGUAGES)
        return self

    def predict(self, texts: Sequence[str]) -> list[Any]:
        return [(act.small_talk, act.wants_person) for act in self.analyse(texts)]

    def analyse(self, texts: Sequence[str]) -> list[DialogueAct]:
        self._check_fitted()
        limit = self.max_small_talk_tokens
        return [analyse_text(text, limit) for text in texts]

    def get_state(self) -> ComponentState:
        self._check_fitted()
        return ComponentState(meta={"kinds": self.kinds_, "languages": self.languages_})

    def set_state(self, state: ComponentState) -> None:
        unknown = sorted(set(state.meta.get("kinds", [])) - set(SMALL_TALK))
        if unknown:
            raise ValueError(f"small-talk kinds {unknown} are not part of this tandemdesk version")
        self.kinds_ = list(state.meta["kinds"])
        self.languages_ = list(state.meta.get("languages", LANGUAGES))

    @classmethod
    def example_data(cls) -> tuple[list[str], list[Any]]:
        return _examples()


def _examples() -> tuple[list[str], list[Any]]:
    pairs: Iterable[tuple[str, tuple[str | None, bool]]] = (
        ("Thanks!", ("thanks", False)),
        ("Hallo", ("greeting", False)),
        ("merci beaucoup, bonne journée", ("thanks", False)),
        ("ok gracias", ("thanks", False)),
        ("Hi, where is my order?", (None, False)),
        ("can I speak to a human", (None, True)),
        ("quiero hablar con una persona", (None, True)),
        ("the person at the door signed for it", (None, False)),
    )
    texts = [t for t, _ in pairs]
    return texts, [label for _, label in pairs]


@lru_cache(maxsize=1)
def default_detector() -> DialogueActDetector:
    """The shared, fitted detector (rules only: cheap to build, safe to share)."""
    return DialogueActDetector().fit([])
