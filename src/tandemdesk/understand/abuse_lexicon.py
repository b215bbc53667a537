"""The abuse lexicon: phrases aimed at a person, in en/de/fr/es, as explainable evidence.

Why a lexicon next to the model: a policy that moves a message to a protected queue must say
why, and "matched 'I know where you live' (threat)" is an explanation a supervisor can
check. The categories are what the decide layer reads: ``threat`` (violence, turning up at
the shop or office with menace, going after a named person) marks a message urgent;
``harassment`` (slurs, sexualised abuse, "f*** you"); ``insult`` (addressed: "you idiot",
"eres un inútil"; an insulting noun alone counts less); ``condescension`` (talking down to
the agent: "let me explain this slowly so even you can follow", "are you even able to
read?", sarcastic praise); ``profanity`` — swearing about a *situation* ("this f***ing
parcel", "diese scheiß Lieferung", "este puto paquete") — which is listed but weighs almost
nothing: frustration without a target is not abuse of staff.

Patterns are matched on the text ``obfuscation.reveal`` returns (disguises undone, accents
folded), and are folded the same way when compiled, so "imbécil" in a pattern also matches
"imbecil" and "1mb3c1l". Weights are the category's strength; the detector combines them
with the model (``abuse.py``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cached_property

import numpy as np

from tandemdesk.understand.base import Evidence
from tandemdesk.understand.obfuscation import Revealed, fold
from tandemdesk.understand.prefilter import LEXICONS, LiteralIndex

# ---------------------------------------------------------------- building blocks
# Disguised spellings ("f***", "sh!t") are undone by ``obfuscation.reveal`` first.
_F = r"fuck|fuk|fck|phuck|fook|feck"
_FING = rf"(?:{_F})(?:ing|in'?|ed|er)?"
# Nouns that insult a person wherever they appear.
_INSULT_NOUNS = (
    r"idiots?|morons?|imbeciles?|cretins?"
    # "retard" is also French for a delay ("encore un retard de livraison")
    r"|(?<!un )(?<!le )(?<!du )(?<!en )(?<!de )(?<!ce )(?<!mon )(?<!ton )(?<!son )(?<!au )"
    r"(?<!gros )(?<!long )(?<!votre )(?<!notre )(?<!leur )(?<!d')(?<!l')(?<!\bdes )"
    r"(?<!\bles )(?<!\bces )(?<!\bnos )(?<!\bvos )retards?(?! de\b| d'| du\b| des\b| à\b| sur\b)"
    r"|dumbass\w*|dipshits?|jerks?|losers?|scum"
    r"|assholes?|arseholes?|bastards?|pricks?|twats?|wankers?|tossers?|muppets?|dickheads?"
    r"|arschl(?:och|öcher)|vollidiot(?:en)?|idiot(?:en)?|(?:voll|blech|ober)?depp(?:en)?|trottel"
    r"|wichser|spast(?:i|en)?"
    r"|missgeburt|penner|versager|schwachkopf|dummkopf|hohlkopf|vollpfosten|pfeifen?|nichtsnutz"
    r"|spatzenhirn|erbsenhirn|hirni|dödel|doedel|hohlbirnen?|dumpfbacken?|volltrottel"
    r"|schwachmat(?:en)?|knalltüten?|flachpfeifen?|dumme (?:kuh|gans|nuss|ziege)"
    r"|blöde (?:kuh|gans|nuss|ziege)"
    r"|halfwits?|nitwits?|dimwits?|numpt(?:y|ies)|simpletons?|buffoons?|dunces?|nincompoops?"
    r"|knobheads?|bellends?|waste of (?:space|oxygen|air|skin)"
    r"|connards?|connasses?|abrutis?|imbéciles?|crétins?|débiles?|enculés?|enfoirés?"
    r"|bouffons?|guignols?|tocards?|incapables?|branquignols?|boulets?|andouilles?"
    r"|sous-doués?|sous-douées?|branleurs?|bras cassés|pauvre tache|abrutie?s?"
    r"|idiotas?|imbécil(?:es)?|gilipollas|pendej[oa]s?|subnormal(?:es)?|capull[oa]s?|cabr[oó]n(?:es"
    r"|as?)?"
    r"|estúpid[oa]s?|tont[oa]s? del culo|mam[oó]n(?:es)?|pelotud[oa]s?|boludo|huev[oó]n|tarad[oa]s?"
    r"|retrasad[oa]s?|cretin[oa]s?|payas[oa]s?|inept[oa]s?|ignorantes?|cenutrios?|zoquetes?"
    r"|zopencos?|mendrugos?|cabestros?|sinvergüenzas?|majader[oa]s?|energúmen[oa]s?|lerd[oa]s?"
    r"|tarugos?"
)
_INSULT_ADJECTIVES = (
    r"clowns?|amateurs?|jokers?|useless|stupid|dumb|pathetic|incompetent|clueless|worthless"
    r"|brainless|thick|stupidest|dumbest|thickest|laziest|rudest|most useless|most incompetent"
    r"|dimmest|dim-witted|half-witted|slow-witted|gormless|dense|densest"
    r"|unfähig\w*|dumm\w*|blöd\w*|inkompetent\w*|nutzlos\w*|bescheuert\w*"
    r"|dämlich\w*|bekloppt\w*"
    r"|unfähig|incompétents?|nuls?|nulles?|stupides?|bêtes?"
    r"|inútil(?:es)?|incompetentes?|tont[oa]s?|estúpid[oa]s?|patétic[oa]s?|incapaces|incapaz"
)
_INSULT_WORDS = rf"{_INSULT_NOUNS}|{_INSULT_ADJECTIVES}"
_YOU = (
    r"you|u|ya|your|you're|youre|ur|du|sie|ihr|dich|dir|euch|tu|vous|toi|t'es|vous êtes"
    r"|tú|usted|ustedes|vosotros|vosotras|eres|sois|es usted|son ustedes"
)
# Words that may stand between "you" and the insult: articles and intensifiers.
_FILLER = (
    rf"a|an|such|so|real|really|total|totally|complete|completely|absolute|absolutely|bunch of"
    rf"|utter|fucking|{_FING}|ein|eine|einen|einer|echt|voll|so|totale?r?|dummer|blöder"
    r"|verdammter|verdammte|scheiß|un|une|des|vraiment|complètement|pauvre|sale|espèce d'"
    r"|espèce de|bande d'|bande de|putain de|gros|grosse|una?|unos|unas|muy|tan|menud[oa]"
    r"|pedazo de|puto|puta|putos|maldit[oa]s?|jodid[oa]s?|completamente|totalmente|más"
    r"|de verdad|realmente|panda de|manada de|par de|too|wirklich|zu|viel zu|einfach|völlig|total"
    r"|ganz|schon|doch|mal|einfach nur|nur|ja|wohl|komplett|qu'un|qu'une|que des|vraiment trop"
    r"|trop"
)
_PERSON = (
    r"you|u|ya|him|her|them|your (?:family|kids|children|wife|husband|staff|agents?|manager|boss)"
    r"|(?-i:[A-Z][a-z]+)|that (?:agent|guy|girl|woman|man|lady|bitch|idiot)"
)
_ADVERB = (
    r"without (?:a )?doubt|honestly|really|truly|officially|definitely|clearly|seriously|literally"
    r"|probably|easily|by far|undoubtedly|simply|just|wirklich|echt|ehrlich|ohne zweifel|vraiment"
    r"|franchement|sans doute|sinceramente|realmente|de verdad|sin duda"
)
# Up to four words between a staff member and "is/was": not a verb of saying, not a thing.
_BETWEEN = (
    r"(?: (?!(?:said|says|told|tells|claims|claimed|thinks|thought|the|it|this|that|which|app"
    r"|website|site|system|product|service|order|parcel|sagte|sagt|meinte|dit|disait|dijo|dice)\b)"
    r"\w+){0,4}"
)
# "hurt someone", "kill whoever": each pair spelled out, so the prefilter needs the pair.
_HURT_ANYONE = "|".join(
    f"{verb} {whom}"
    for verb in ("hurt", "kill", "stab", "shoot", "punch", "beat up", "attack")
    for whom in ("someone", "somebody", "people", "everyone", "anyone", "the staff", "whoever",
                 "you all", "all of you", "one of you")
)  # fmt: skip
_I_WILL = r"(?:i(?:'ll| will| am going to|'m going to|'m gonna| gonna| shall)|we(?:'ll| will))"
_PLACE_EN = r"(?:your|the|ur) (?:office|shop|store|branch|warehouse|depot|building|headquarters|hq)"

LEXICON: tuple[tuple[str, float, str], ...] = (
    # -------------------------------------------------------------- threats
    ("threat", 0.95,
     rf"\b{_I_WILL} (?:come and |come over and |personally )?(?:kill|murder|hurt|beat up|beat"
     rf"|strangle"
     rf"|stab|shoot|punch|slap|smash) (?:{_PERSON})(?!')\b"),
    ("threat", 0.95,
     rf"\b{_I_WILL} (?:come and |personally )?(?:find|hunt down|hunt|destroy|come for|come after"
     r"|go after|track down) (?:you|u|ya|your (?:family|kids|children|wife|husband)"
     r"|(?-i:[A-Z][a-z]+)(?!'))(?! (?:a|an|the|my|our|some|all|your|any)\b)\b"),
    ("threat", 0.95,
     rf"\b{_I_WILL}\b[^.!?]{{0,60}}\b(?:{_HURT_ANYONE})\b"),
    # "I will find your agent and kill him", "if I see him I'll break his legs": the harm
    # named after "I will", to a pronoun or a body part of someone else
    ("threat", 0.95,
     rf"\b{_I_WILL} (?:find|catch|get|track down|hunt down|come for|go after|wait for|see)"
     r"\b[^.!?]{0,40}\band (?:kill|murder|stab|shoot|strangle|beat up|punch|hurt|smash|break)"
     r" (?:you|u|him|her|them)\b"
     rf"|\b{_I_WILL} (?:\w+ ){{0,2}}(?:break|smash|snap|bust|kick in) (?:your|ur|his|her|their)"
     r" (?:legs?|neck|face|arms?|jaw|nose|teeth|head|skull|kneecaps?|bones|ribs)\b"),
    ("threat", 0.95,
     rf"\b{_I_WILL} make (?:you pay|you suffer|you regret|you bleed|her pay|him pay|her suffer"
     r"|him suffer|them pay)\b"),
    ("threat", 0.95,
     r"\bi know where (?:you|u|she|he|they|\w+) (?:live|lives|work|works|park|parks)\b"
     r"|\bi know (?:when|what time) (?:you|she|he|\w+) (?:finish\w*|leaves?|gets? off)\b"
     # the staff's own hours ("I know what time your people clock off"), not a delivery's
     # ("I know what time your drivers finish, so will the parcel come before 6?")
     r"|\bi know (?:when|what time) (?:your|ur) (?:\w+ )?(?:people|staff|team|workers|employees"
     r"|agents?|lot) (?:clock off|knock off)\b"
     # "a shame if something happened" to the agent's side, or said and left there; not a
     # gift sender's worry ("a shame if anything happened to it in the post")
     r"|\b(?:a )?(?:real |such a |great )?(?:shame|pity) if (?:something|anything) (?:happened"
     r"|were to happen|was to happen|happens) to (?:you|ur|your|the (?:staff|team|shop"
     r"|warehouse|office|drivers?))\b"
     r"|\b(?:would|'d|will) be a (?:real |such a |great )?(?:shame|pity) if (?:something|anything)"
     r" (?:happened|were to happen|was to happen)(?= *(?:[.!]|$))"
     r"|\bi(?:'ve| have)? found (?:your|ur) (?:home|personal|private) address\b"
     # where the staff live, found out: "I've got your CEO's home address", "die Frau, die
     # mir geantwortet hat, wohnt in …", "ya sé en qué colonia viven varios de ustedes",
     # "sa maison à Wavre. Le monde est petit." Tied to a person who answered or to their
     # home: "Found you on Instagram" is how new customers introduce themselves, and "I've
     # got your home address wrong on the order" is a typo
     r"|\bi(?:'ve| have)? (?:got|found) (?:your|ur) (?!(?:shop|store|company)'s)\w+(?:'s|s')"
     r" (?:home|personal|private) address(?:es)?\b(?![^.!?]{0,40}(?:wrong|by mistake|on the"
     r" (?:label|parcel)|return address|\?))"
     r"|\b(?:die|der) \w+,? (?:die|der) mir (?:\w+ ){0,4}(?:geantwortet|geschrieben) hat,? wohnt\b"
     r"|\bj'ai retrouvé (?:le|son|sa|leur) (?:nom|profil|adresse|maison)[^.!?]{0,80}\b(?:la"
     r" personne|l'agent|le conseiller|la conseillère|l'employée?) qui m'a répondu\b"
     r"|\b(?:sa|son|leur) (?:maison|appart\w*|adresse|domicile) à [\w-]+\.? *(?:le monde est"
     r" petit|petit monde)\b"
     r"|\bya sé en (?:qu[eé]|cu[aá]l) (?:colonia|barrio|calle|zona|ciudad|pueblo) viven"
     r" (?:varios de |algunos de |todos )?(?:ustedes|vosotros|los de|las de|sus empleados"
     r"|vuestros empleados|los que)\b"
     r"|\b(?:ce serait|ça serait) dommage qu'il (?:vous|t') arrive quelque chose\b"
     r"|\b(?:ce serait|ça serait) dommage qu'il arrive quelque chose à (?:votre|vos|ton|tes)\b"
     r"|\bsería una (?:pena|lástima) que (?:le |les )?pas(?:ara|e) algo a (?:su|sus|tu|tus"
     r"|vuestr[oa]s?)\b"
     r"|\bschade,? wenn (?:ihrem|ihrer|deinem|deiner|eurem|eurer) \w+ (?:etwas|was)"
     r" (?:passiert|zustößt)"
     r"|\b(?:ce serait|ça serait) dommage qu'il (?:leur|lui) arrive quelque chose(?= *(?:[.!]|$))"
     r"|\bsería una pena (?:que (?:te|os) pas(?:ara|e) algo|cruzarnos)\b"
     r"|\bsería una pena que (?:le|les) pas(?:ara|e) algo(?= *(?:[.!]|$))"
     r"|\bwäre (?:doch )?schade,? wenn (?:dir|euch) (?:etwas|was) (?:passiert|zustößt)"
     r"|\bwäre (?:doch )?schade,? wenn (?:ihnen|ihm|ihr) (?:etwas|was) (?:passiert|zustößt)"
     r"(?= *(?:[.!]|$))"
     r"|\bdann reden wir anders(?: miteinander)?\b"
     r"|\bi know what car (?:you|she|he|\w+) drives?\b"
     r"|\bwatch your back\b|\byou(?:'d| had) better watch (?:out|yourself)\b"
     r"|\byou(?:'re| are) (?:so )?dead\b|\byou(?:'re| are) going to (?:pay|regret|bleed)\b"
     r"|\byou(?:'ll| will) (?:pay for|regret) (?:this|it)\b|\bi hope you (?:die|get hurt|burn)\b"
     r"|\b(?:go (?:and )?)?kill yourself\b|\bkys\b|\bi(?:'ll| will) get you for this\b"
     rf"|\b(?:burn|torch|blow up|bomb|smash up|trash) (?:down )?{_PLACE_EN}\b"
     r"|\bbreak your (?:legs?|neck|face|arms?|jaw)\b|\bsmash your (?:face|head)\b"
     r"|\bmake sure (?:\w+ ){0,8}(?:can'?t|cannot|won'?t be able to|never) (?:use|walk|work|type)"
     r" (?:(?:his|her|their|your) (?:hands|arms|legs|fingers) )?(?:\w+ ){0,3}again\b"
     r"|\b(?:smash|wreck|trash|tear|burn) (?:the|your|this|that) (?:place|store|shop|office"
     r"|branch) (?:up|down|apart)\b"
     r"|\b(?:smash|wreck|trash) up (?:the|your|this|that) (?:place|store|shop|office|branch)\b"
     r"|\b(?:i'll|i will|i'm going to|i am going to|i'm gonna) be waiting (?:outside"
     r"|in the car park|in the parking lot"
     r"|at the (?:back|staff) (?:door|entrance)|for (?:her|him|them|you) (?:outside|after)"
     r"|for whoever (?:walks|comes|steps|gets) out|for whoever leaves"
     r"|for the first (?:one |person )?(?:of you )?(?:who|that|to) (?:walk|come|step|leave)s?)\b"
     r"|\bsomeone (?:should|will|is going to|needs to) teach you a lesson\b"
     r"|\b(?:someone|somebody|people|your staff) (?:will get hurt|is going to get hurt"
     r"|is gonna get hurt"
     r"|are going to get hurt|will get killed|is going to get killed|will get stabbed)\b"
     r"|\bwait\w* (?:for|on) (?:her|him|(?-i:[A-Z][a-z]+)) (?:outside|after her shift"
     r"|after his shift"
     r"|after their shift|after work|when she leaves|when he leaves|when she finishes"
     r"|when he finishes"
     r"|at the exit|at the staff door|at the back door)\b"
     r"|\b(?:wait\w*|see|find|catch|visit|meet|follow)\b[^.!?]{0,40}\b(?:after|when|once) (?:her"
     r"|his|your|their) shift\b"
     r"|\bi(?:'ll| will| am going to|'m going to|'m gonna) (?:pay (?:you|her"
     r"|him) a (?:little )?visit|follow (?:you|her|him) home)\b"),
    ("threat", 0.95,
     r"\b(?:i(?:'ll| will| am| am going to|'m going to|'m gonna|'m)|we(?:'ll| will| are|'re)) "
     # "I'll find out where your warehouse is and come down there in person. You really
     # won't enjoy that visit": the coming may follow finding the place, and "you won't enjoy
     # that visit" may be the next sentence (not "come back", not a visit to the dentist)
     r"(?:find out where (?:\w+ ){1,4}?(?:is|are) and )?"
     r"(?:come(?! back)|coming(?! back)|be coming(?! back)|show(?:ing)? up|turn(?:ing)? up"
     r"|drop(?:ping)? by|be there"
     r"|drive (?:up|down|over|round)|driving (?:up|down|over|round)"
     r"|pay(?:ing)? (?:a|you a) visit)\b"
     r"(?:[^.!?]{0,60}[.!?]\s+(?:\w+ ){0,3}?you(?: really| truly)? (?:won'?t|will not) (?:enjoy"
     r"|like) (?:that|the|my|this|our) visit|[^.!?]{0,60}"
     r"(?:\band then(?: we'll see| you'll see)?\s*(?:\.\.\.|…)|you'll see|you will see"
     r"|you'll regret|\band (?:i'?ll |i will |we'?ll )?make (?:you|u) (?:regret|pay|suffer)\b"
     r"(?! (?:for the|less|more|the difference|extra|twice))"
     r"|you will regret|you'll be sorry|you will be sorry|won't be pretty|wont be pretty"
     r"|won't be nice"
     r"|won't be pleasant|sort this out (?:myself|in person|personally|the hard way)"
     r"|face to face with (?:whoever|the person responsible|the one responsible|the guy"
     r"|the idiot)"
     r"|sort you out|(?:and |i'?ll |i will |we'?ll |we will )(?:sort out|deal with) whoever"
     r"|with a bat|with a knife|with a gun"
     r"|with my friends|with my mates|with my boys"
     r"|with my brothers"
     r"|with a crowbar|things will get (?:ugly|nasty)|see what happens"
     r"|with a baseball bat|with my baseball bat|with a cricket bat|with my bat|with a hammer"
     r"|with a machete|with a weapon|with a blade))"),
    ("threat", 0.6,
     r"\b(?:find out|found out|know|knows|finding out) where (?:that|your|the|this) (?:\w+ ){0,2}"
     r"(?:agent|guy|girl|woman|man|lady|manager|driver|colleague|employee|person) (?:lives|works"
     r"|parks)\b"),
    ("threat", 0.6,
     rf"\bi know where {_PLACE_EN} is\b|\bi(?:'ll| will) (?:pay"
     rf"|be paying) {_PLACE_EN} a (?:little )?visit\b"),
    ("threat", 0.95,
     r"\b(?:ich (?:finde|kriege|krieg|erwische|erwisch|hol|schnapp|bring|mach|mache|kill|zerleg"
     r"|verprügel)"
     r" (?:dich|euch)(?: (?:um|fertig|kalt|platt|alle))?\b"
     r"|ich bring (?:dich|euch|sie|ihn) um|ich (?:mach|mache) (?:sie|ihn) (?:fertig|kalt|platt)"
     r"|ich wei(?:ß|ss),? wo (?:du wohnst|sie wohnen|ihr wohnt|\w+ wohnt|du arbeitest|sie arbeitet"
     r"|er arbeitet)"
     r"|ich wei(?:ß|ss),? wann (?:du|sie|er|\w+) (?:feierabend|schluss) (?:hast|hat)"
     r"|das wirst du bereuen|das werdet ihr bereuen|das werden sie (?:noch )?bereuen"
     r"|ihr werdet (?:es )?bereuen|pass(?: bloß| lieber) auf dich auf"
     r"|ich warte (?:nach (?:ihrer|seiner|deiner|der) schicht|(?:vor|an) der tür"
     r"|draußen) auf (?:dich|sie|ihn|\w+)"
     r"|ich warte auf (?:dich|sie|ihn|\w+) nach (?:ihrer|seiner|deiner|der) schicht"
     r"|(?<!mich )(?<!sich )(?<!uns )(?:abstechen|abknallen|umbringen|verprügeln|aufschlitzen"
     r"|kaltmachen)\b"
     r"|(?:zünd|fackel|brenn)\w* (?:euren|den|deinen) laden (?:an|ab|nieder)"
     r"|ich bring\w* (?!mich\b|sich\b|uns\b)(?:\w+ ){1,5}um\b"
     r"|(?:schlag|schlage|hau|haue|prügel|prügle)(?: ich)? (?:dich|euch|sie|ihn)(?: alle| beide)?"
     r"(?: \w+)? zusammen\b|zusammen(?:schlagen|hauen|prügeln|treten)\b"
     r"|(?:dann|sonst) (?:gibt es|gibt's) ärger\b"
     r"|(?:ich komme?|komme? ich|ich bin|bin ich|ich steh\w*|steh\w* ich)(?: \w+){0,4}"
     r" (?:vorbei|vor der tür|vor eurer tür|vor ihrer tür|in (?:die|eure"
     r"|ihre) filiale|in euren laden|zu euch|bei euch)"
     r"[^.!?]{0,40}(?:und dann\s*(?:\.\.\.|…)|dann (?:knallt|kracht|gibt) es|dann seht ihr"
     r"|dann ist (?:was )?los"
     r"|dann gnade euch|das wird (?:nicht )?(?:lustig|schön)"
     r"|(?:und )?dann wird(?:'s| es)(?: \w+){0,4} (?:richtig |sehr |echt )?(?:ungemütlich"
     r"|unangenehm|hässlich))"
     r"|wir sehen uns (?:nach|vor) (?:deiner|ihrer|seiner) schicht"
     r"|(?:wenn|sobald|falls) ich (?:dich|euch|den|die|ihn) (?:\w+ )?(?:erwische|kriege|finde"
     r"|in die finger kriege)"
     r"|(?:hau|schlag|knall) (?:dir|euch|ihm|ihr) (?:eine|eins) (?:rein|runter|auf die fresse)"
     r"|(?:hau|schlag|polier) (?:dir|euch|ihm|ihr) (?:die fresse|in die fresse|die zähne|die nase)"
     r"|ich warte (?:\w+ ){0,2}(?:nach (?:feierabend|der schicht|ihrer schicht|seiner schicht"
     r"|dienstschluss)"
     r"|vor (?:dem|eurem|ihrem|deinem) (?:laden|geschäft|büro|haus|eingang)|draußen"
     r"|am hinterausgang))"),
    ("threat", 0.6,
     r"\bich wei(?:ß|ss),? wo (?:eure|ihre|die) (?:filiale|firma|büro|zentrale) ist\b"
     r"|\bich wei(?:ß|ss),? wo (?:euer|ihr) (?:büro|laden|geschäft|lager) ist\b"),
    ("threat", 0.95,
     r"\b(?:je vais (?:te|vous|la|le|les) (?:retrouver|tuer|buter|défoncer|frapper|égorger|crever)"
     r"|(?:te|vous|lui|leur) (?:casser|péter|exploser|défoncer) (?:la|les) (?:gueule"
     r"|figure|tête|dents|jambes|bras|côtes)"
     r"|(?:je |j'vais |je vais )(?:casse|casser|pète|péter|défonce|défoncer|explose|exploser)"
     r" la (?:gueule|figure|tête) (?:à|au|aux)"
     r"|je vais (?:t|l|vous)'?(?: )?attendre (?:à la sortie|après (?:son|ton|votre|leur) (?:service"
     r"|travail|boulot)|devant)"
     r"|je sais où (?:tu (?:habites|vis|bosses|travailles)|vous (?:habitez|vivez|travaillez)|(?:il"
     r"|elle) (?:habite|vit|travaille))"
     r"|je sais à quelle heure (?:tu|vous|elle|il) (?:finis|finissez|finit|sors|sortez|sort)"
     r"|tu vas (?:le )?regretter|vous allez (?:le )?regretter|tu vas (?:le )?payer"
     r"|vous allez (?:le )?payer"
     r"|fais gaffe à toi|faites gaffe à vous|t'es un homme mort|vous êtes morts?"
     r"|(?:cramer|brûler|faire sauter|foutre le feu à) (?:votre|ton|le|la) (?:magasin|agence"
     r"|boutique|bureau)"
     r"|ça va (?:très |vraiment |super )?mal finir pour (?:toi|vous|elle|lui|eux)"
     r"|vous allez le sentir passer"
     r"|tu vas le sentir passer"
     r"|je (?:vais )?(?:l|t|vous )'?attendr\w* (?:à la sortie|après (?:son|ton|votre) (?:service"
     r"|travail|boulot)|devant)"
     r"|je (?:vais )?(?:passer|venir|débarquer|viens|passe|débarque)(?: \w+){0,4} (?:à|au|aux|dans"
     r"|chez) (?:votre |ton |l'|le |la |vous)?"
     r"[^.!?]{0,40}(?:et là\s*(?:\.\.\.|…)|et (?:là )?vous allez voir|et (?:là )?tu vas voir"
     r"|ça va (?:très |vraiment |super )?mal finir|ça va chauffer))\b"),
    ("threat", 0.6,
     r"\bje sais où (?:se trouve|est) (?:votre|ton|la) (?:magasin|agence|boutique|bureau)\b"
     r"|\bje vais vous rendre (?:une petite )?visite\b"),
    # finding the agent's own address ("j'ai trouvé votre adresse personnelle"); a visit
    # only as a warning ("avant que je passe vous rendre une petite visite"), not a visit to
    # the shop ("je passe vous rendre visite au magasin samedi"); the second person only
    # (Spanish "su" and German "ihre" are also "her": "tengo su dirección particular")
    ("threat", 0.95,
     r"\b(?:j'ai trouvé|je connais|je sais) (?:votre|ton|ta) adresse (?:personnelle|perso|privée)\b"
     r"|\bich (?:habe|hab|kenne) (?:deine|eure) (?:private|privat)\w* adresse\b"
     r"|\b(?:encontré|sé|conozco) (?:tu|vuestra) dirección(?: personal| particular)?\b"),
    ("threat", 0.6,
     r"\bavant que je (?:ne )?(?:passe|vienne) (?:vous|te) rendre (?:une )?petite visite\b"),
    ("threat", 0.95,
     r"\b(?:(?:te|os|le|la|lo|les) voy a (?:encontrar|matar|buscar|reventar|pegar|partir la cara"
     r"|romper la cara|dar una paliza|hacer daño)"
     r"|(?:te|os|le|la|lo|les) vamos a (?:encontrar|matar|buscar|reventar)"
     r"|sé dónde (?:vives|vive|viven|vivís|trabajas|trabaja|trabajan)"
     r"|sé a qué hora (?:sales|sale|terminas|termina)"
     r"|(?:te|os|se) (?:vas|van|vais) a arrepentir|lo vas a pagar|lo van a pagar|lo vais a pagar"
     r"|te (?:mato|reviento)|(?:te|os|le|les|la|lo) (?:parto|rompo|reviento|partiré|romperé"
     r"|voy a partir|voy a romper)"
     r" (?:la cara|la boca|las piernas|los dientes|la crisma|el cuello)|estás muerto|estáis muertos"
     r"|ten cuidado cuando salgas|cuídate la espalda|(?:quemar|incendiar) (?:vuestra|tu|su"
     r"|la) (?:tienda|oficina|sucursal)"
     r"|(?:la|lo|te|os) (?:voy a esperar|esperaré) (?:a la salida|después de su turno"
     r"|después de tu turno|fuera)"
     r"|esper\w* a \w+ (?:a la salida|después de su turno|fuera de la tienda|en la puerta)"
     r"|a la salida de (?:su|tu) (?:turno|trabajo)"
     r"|(?:voy a|iré a|me paso por|paso por|me voy a pasar por)(?: \w+){0,4} (?:tu|vuestra|su"
     r"|la) (?:tienda|oficina|sucursal|local)"
     r"[^.!?]{0,40}(?:y entonces\s*(?:\.\.\.|…)|y (?:ya )?vas a ver|y (?:ya )?van a ver|ya verás"
     r"|ya veréis|y se va a armar))\b"),
    ("threat", 0.6,
     r"\bsé dónde (?:está|queda) (?:vuestra|tu|su) (?:tienda|oficina|sucursal)\b"),
    # Lying in wait for a named or described member of staff, and hitting "the guy who
    # answered": threats without an insult word, in de/fr/es.
    ("threat", 0.95,
     r"\b(?:abpass\w*|auflauer\w*|lauer\w* (?:ihr|ihm|dir|euch) auf)\b"
     r"|\b(?:schlag|schlage|hau|haue|box|boxe|verprügel|verpruegel)\w* ich (?:dem|den|der|die"
     r"|diesem|diesen|dieser) (?:typen?|kerl|tussi|frau|mann|mitarbeiter\w*|idioten?|clown)\b"
     r"|\b(?:je vais|(?:je )?(?:vous |te )?jure que je) (?:retrouver|retrouve|choper|chope"
     r"|attraper|attrape|coincer|coince)"
     r" (?:celui|celle|ceux|la personne|le type|la fille|le mec|la nana|votre (?:employée?"
     r"|conseill(?:er|ère)))\b"
     r"|\bje (?:l|les|vous|t)'?(?: )?attendrai (?:à|a) la sortie\b"
     r"|\b(?:la|lo|le|te|os|les) espero (?:a la salida|fuera|en la puerta|después del trabajo)\b"
     r"|\b(?:busco|buscaré|voy a buscar) (?:al|a la) (?:que|tío|tía|tipo|empleado|empleada)\b"
     r"[^.!?]{0,40}\b(?:parto|rompo|reviento|pego|partiré|romperé)\b"),
    ("threat", 0.6,
     r"\b(?:die|der|sie|er) wird sich (?:noch )?wundern\b"
     r"|\b(?:elle|il) fera moins (?:la maligne|le malin|la fière|le fier)\b"
     r"|\bya (?:verá|verás|veréis|verán) lo que es bueno\b"
     r"|\b(?:os|te|se) (?:vais|vas|va|van) a enterar\b"
     r"|\bsé dónde (?:está|queda|están) (?:vuestro|vuestra|su|tu) (?:almacén|tienda|oficina"
     r"|sucursal|local|nave)\b"
     r"|\bje sais où (?:se trouve|est|sont) (?:votre|vos|ton|ta) (?:entrepôt|magasin|boutique"
     r"|bureaux?|agence|dépôt)\b"
     r"|\bich wei(?:ß|ss),? wo (?:euer|eure|ihr|ihre) (?:lager|filiale|laden|büro|zentrale)"
     r" (?:ist|steht)\b"),
    # Exposing the agent: their name or photo spread online, their job at stake (suite 9:
    # "your name and your LinkedIn photo go on every review site"). Praise is not this: a
    # name put in a review to thank the agent ("I'll put your name in my 5-star review", "je
    # le poste sur Facebook avec mon avis") has no "every site / everywhere / all the
    # networks", which the threat has; a product's photo posted beside one's own neither.
    ("threat", 0.95,
     r"\byour (?:full |first )?(?:name|face|photo|picture)(?: and (?:your )?(?:\w+ ){0,2}(?:photo"
     r"|picture|face|name))? (?:(?:will |are going to |is going to |are gonna |is gonna |is "
     r"|are )?(?:go|goes|going|end up)(?: up)? (?:on every|all over|everywhere|online)"
     r"|(?:will|'ll) be (?:all over|everywhere|on every))\b"
     r"|\b(?:post|publish|plaster|spread|leak)(?:ing)? your (?:full |first )?(?:name|face|photo"
     r"|picture|linkedin)\b(?: and (?:your )?\w+)?(?: \w+){0,2}? (?:online|everywhere|all over"
     r"|on every|on all|on social media)\b"
     r"|\b(?:everyone|the whole world|the internet) (?:will|is going to|is gonna) know who you"
     r" are\b"
     # "J'ai noté votre prénom. Si …, je le publie partout": "je" and the pronoun before the
     # verb (not "La Poste"), and everywhere as where it goes
     r"|\b(?:votre|ton) (?:prénom|nom|photo|visage)\b[^\n]{0,100}?\bje (?:vais )?(?:le |la |les"
     r" |l'|l’)(?:publie|publierai|poste|posterai|balance|balancerai|affiche|afficherai|diffuse"
     r"|diffuserai|mets|mettrai|publier|poster|balancer|afficher|diffuser|mettre)\b"
     r"(?: \w+){0,2} (?:partout|sur (?:tous )?les réseaux|sur internet)"
     r"|\bje (?:vais )?(?:publier|poster|mettre|balancer|afficher|diffuser|publie|poste|mets"
     r"|balance|affiche|diffuse) (?:votre|ton) (?:prénom|nom|photo)(?: et (?:votre|ton) \w+)?"
     r"(?: \w+){0,2} (?:partout|sur (?:tous )?les réseaux|sur internet|sur facebook)"
     r"|\b(?:tu|su) (?:nombre|foto|cara)\b[^\n]{0,100}?\b(?:(?:lo|la|los|las) (?:subo|subiré"
     r"|publico|publicaré|pongo|pondré|voy a subir|voy a publicar|voy a poner|difundo|difundiré)"
     r"|voy a (?:subirlos|subirlo|subirla|publicarlos|publicarlo|ponerlos|ponerlo))\b(?: \w+){0,2}"
     r" (?:a |en )?(?:todas las redes|las redes|redes sociales|internet)"
     r"|\b(?:voy a )?(?:publicar|subir|poner|difundir|publico|subo|pongo|difundo) tu (?:nombre"
     r"|foto|cara)(?: y tu \w+)?(?: \w+){0,2} (?:a |en )?(?:todas las redes|las redes"
     r"|redes sociales|internet)"
     r"|\bpara que todo el mundo sepa quién (?:eres|es usted)\b"
     r"|\b(?:ihren|deinen|ihr|dein) (?:namen|foto|gesicht)\b[^\n]{0,100}?\b(?:und|ich)"
     r" (?:poste|stelle|veröffentliche|verbreite) (?:ihn|es|das)\b(?: \w+){0,4}"
     r" (?:online|ins netz|ins internet|überall)"
     r"|\bich (?:poste|stelle|veröffentliche|verbreite) (?:ihren|deinen|dein|ihr) (?:namen|foto)"
     r"(?: und (?:ihr|dein) \w+)?(?: \w+){0,2} (?:online|ins netz|ins internet|überall)"),
    ("threat", 0.6,
     r"\b(?:we'll|we will|let's) see if you (?:still have|keep) (?:a|your) job\b"
     r"|\bon verra si (?:vous gardez|tu gardes) (?:votre|ton) (?:poste|travail|boulot|place"
     r"|job)\b"
     r"|\bmal sehen,? ob (?:sie|du) (?:ihren|deinen) (?:job|arbeitsplatz|posten) (?:noch )?"
     r"behalten\b"
     r"|\ba ver si (?:conservas|conserva|mantienes|mantiene) (?:tu|su) (?:trabajo|puesto"
     r"|empleo|chamba)\b"),
    # "Si mon colis n'est pas là demain, je passe m'expliquer avec vos magasiniers": a visit
    # to have it out with staff, as the condition's consequence (not "je passerai
    # m'expliquer avec le vendeur pour l'échange")
    ("threat", 0.95,
     r"\bsi\b[^.!?]{0,80}\bje (?:passe|vais passer|viens|vais venir|débarque|vais débarquer"
     r"|passerai|viendrai) m'expliquer avec\b"),
    # -------------------------------------------------------------- harassment
    ("harassment", 0.85,
     rf"\b(?:(?:{_F}) (?:you|u|off|yourself|ur mum|your mother)\b|screw you|go to hell"
     rf"|shut (?:the {_F} )?up"
     r"|stfu|gtfo|piss off|suck my|eat shit|bitch\w*|whores?|sluts?|cunts?|motherfucker\w*"
     r"|son of a bitch"
     r"|fick dich|fickt euch|verpiss dich|verpisst euch|halt (?:die|deine|dein"
     r"|dein verdammtes) (?:fresse|maul|klappe)"
     r"|leck mich|fotzen?|schlampen?|hurensohn|hurensöhne|geh sterben|hure\b"
     r"|va te faire (?:foutre|enculer)|allez vous faire (?:foutre|enculer)|ta gueule|fermez? (?:la"
     r"|vos gueules)"
     r"|ferme[- ]la|salopes?|putes?\b|fils de pute|nique ta mère|va chier|casse[- ]toi|enculé de"
     r"|vete a la mierda|idos a la mierda|que te (?:jodan|den)|jódete|hij[oa]s? de (?:puta|perra)"
     r"|(?:eres|sois|es) una? (?:puta|zorra)|zorras?|cállate|callaos|chinga tu madre"
     r"|me cago en tu (?:madre|puta madre)|h\.d\.p"
     # "hdp" said to someone, not a product's "HDP version"
     r"|(?:sois|son|eres|sos) (?:todos |todas )?(?:unos? |unas? )?hdps?|hdps?(?= *(?:[.!,]|$))"
     r"|(?:la )?puta madre que (?:te|os|los|les|lo|la) (?:parió|pario|trajo)"
     r"|vete al carajo|métetelo por el culo)\b"),
    # -------------------------------------------------------------- insults
    # "bist du komplett hohl??": said to "du" or "ihr" only ("die Zeltstangen, sie sind
    # komplett hohl" is a product question)
    ("insult", 0.8,
     r"\b(?:bist du|du bist|seid ihr|ihr seid)(?: (?:denn|eigentlich|echt|komplett|total"
     r"|völlig|so|ganz))* hohl\b(?! \w+(?:en|t)\b)"),
    ("insult", 0.8,
     rf"\b(?:{_YOU})(?: (?:guys|people|lot|all|two|folks|leute|alle|gens|lot of))?"
     r"(?: (?:are|r|re|were|bist|sind|seid|es|êtes|êtes vraiment|sois|eres|son|sont|est))?"
     rf"(?: (?:{_FILLER})){{0,3}} (?:{_INSULT_WORDS})\b"),
    ("insult", 0.8,
     rf"\b(?:pauvre con|espèce de con|bande de cons|(?:espèce d(?:e |')|bande d(?:e |')"
     rf"|sale |pauvre |what an? |such an? |bunch of |what a bunch of |ihr |sie |du "
     rf"|ihr (?:seid )?(?:doch |echt |alle )?"
     rf"|was für (?:ein|eine|einen)? ?|quel(?:le)? (?:bande d(?:e |'))?|menud[oa]s? |panda de "
     rf"|vaya )"
     rf"(?:(?:{_FILLER}) ){{0,2}}(?:{_INSULT_NOUNS}|clowns|amateurs|jokers|incompetents"
     rf"|idiots))\b"),
    ("insult", 0.8,
     rf"\b(?:{_YOU})(?: (?:are|r|re|bist|sind|seid|es|êtes|eres|sois|son))?(?: (?:{_ADVERB}))?"
     r" (?:the|el|la|le|der|die|das|los|les)"
     rf" (?:\w+ ){{0,2}}(?:most |más |plus |meist\w* )?(?:{_INSULT_WORDS})\b"),
    ("insult", 0.8,
     r"\b(?:are|r) (?:you|u) (?:\w+ )?(?:stupid|dumb|thick|an idiot|a moron|retarded|brain ?dead"
     r"|an imbecile)\b"
     r"|\b(?:bist du|sind sie|seid ihr) (?:\w+ )?(?:dumm|blöd|bescheuert|behindert|ein idiot"
     r"|bekloppt)\b"
     r"|\b(?:t'es|tu es|vous êtes|êtes-vous|es-tu) (?:\w+ )?(?:con|débile|idiot|stupide|abruti)\b"
     r"|\b(?:eres|sois|es usted) (?:\w+ )?(?:tont[oa]|idiota|estúpid[oa]|imbécil|subnormal"
     r"|retrasad[oa])\b"),
    ("insult", 0.8,
     r"\b(?:t'es |tu es |vous êtes |vous etes |espèce de |pauvre |bande de |sale |gros |grosse "
     r"|quel |quelle )(?:(?:vraiment|complètement|trop|qu'un|qu'une|un|une|des|gros|grosse"
     r"|putain de) )*"
     r"(?:cons?|connes?)\b"),
    ("insult", 0.8,
     r"\b(?:your|the|that|this) (?:agent|staff|employee|colleague|advisor|adviser"
     r"|representative|operator|woman|person|bloke|manager|guy on|guy at|girl on|girl at"
     r"|lady on|lady at|man on|man at)"
     rf"{_BETWEEN} (?:is|was|are|were|seems)"
     r" (?:a |an |such an? |a total |a complete |an absolute |completely |totally |so |really "
     r"|just )?"
     rf"(?:{_INSULT_WORDS})\b"
     r"|\b(?:der|die|ihr|ihre|euer|eure|dieser|diese) (?:mitarbeiter\w*|kolleg\w*|typ am|typ an"
     r"|typ von|dame"
     r"|berater\w*)"
     rf"{_BETWEEN} (?:ist|war|sind|waren) (?:ein |eine |so |total |echt |völlig |einfach )?"
     rf"(?:{_INSULT_WORDS})\b"
     r"|\b(?:le|la|votre|ton|ce|cette) (?:conseill\w+|employé\w*|agent|type au|type du|mec au"
     r"|mec du|collègue|vendeu\w+)"
     rf"{_BETWEEN} (?:est|était) (?:un |une |vraiment |complètement |totalement )?"
     rf"(?:{_INSULT_WORDS})\b"
     r"|\b(?:el|la|su|vuestro|vuestra|tu|ese|esa) (?:emplead[oa]|agente|chic[oa]"
     r"|compañer[oa]|operadora?|dependient[ea])"
     rf"{_BETWEEN} (?:es|era|fue) (?:un |una |muy |tan |un puto |una puta )?"
     rf"(?:{_INSULT_WORDS})\b"),
    ("insult", 0.8,
     rf"\b(?:{_INSULT_NOUNS}|clowns?|jokers?|muppets?) (?:on|at|in|from) (?:your|the)"
     r" (?:phone|phone line|chat|live chat|counter|helpline|hotline|call centre|call center)\b"),
    ("insult", 0.5,
     rf"\b(?:{_INSULT_ADJECTIVES}) (?:people|staff|agents?|employees?|support team|muppets|monkeys"
     r"|leute|mitarbeiter\w*|gens|employés|conseillers?|empleados|agentes|personal)\b"),
    ("insult", 0.8,
     rf"(?:^|[.!?¿¡] |\b(?:hey|oi|listen|look|oye|mira|escucha|écoute|écoutez|hör zu|hören sie"
     rf"|hey du),? )"
     rf"(?:{_INSULT_NOUNS})\s*(?:[,!?]|$)"),
    ("insult", 0.45, rf"\b(?:{_INSULT_NOUNS})\b"),
    # -------------------------------------------------------------- condescension
    ("condescension", 0.75,
     r"\b(?:let me|i'?ll|i will|i'm going to) (?:explain|say|spell|put|type|go through) (?:this|it"
     r"|that|things)? ?"
     r"(?:(?:out|again|to you|for you|one more time) )*(?:very |really |nice and |extra )?(?:slowly"
     r"|simply|in simple terms"
     r"|in small words|in words you understand)\b"
     r"|\bso (?:that )?(?:even you|even u|even a child|even a toddler) (?:can|could|will"
     r"|might) (?:follow|understand|get it|keep up)\b"
     r"|\beven (?:a|my) (?:child|kid|toddler|five[- ]year[- ]old|5[- ]year[- ]old|monkey|chimp|dog"
     r"|grandma)"
     r" (?:could|can|would|knows?|understands?)\b"
     r"|\b(?:are|r) (?:you|u) (?:even |actually |really )?(?:able to read|able to understand"
     r"|able to think"
     r"|able to follow|capable of reading|capable of understanding|capable of thinking"
     r"|capable of following)\b"
     r"|\bcan(?:'t| not)? (?:you|u|you even|u even|you actually|you really|you at least) read\b"
     r"|\bdo (?:you|u) (?:even )?(?:know how to read|understand english|speak english)\b"
     r"|\bdid (?:you|u) (?:even read|even look|even bother|actually read|actually look)\b"
     r"|\bdo (?:you|u) (?:even read|actually read)\b|\bdo (?:you|u) even (?:work here"
     r"|know your (?:job|own))\b"
     r"|\b(?:wow|oh|well|gosh|great|brilliant|amazing|oh brilliant|oh great|oh wow)[,.!]* what (?:a"
     r"|an) (?:genius|brilliant|great|helpful|clever|smart"
     r"|insightful|amazing) "
     r"(?:answer|reply|response|idea|move|suggestion)\b"
     r"|\bdid (?:a child|a kid|a toddler|a monkey|a chimp|an intern|your child|your kid|your dog"
     r"|your toddler) (?:write|type|send) (?:it"
     r"|this|that)\b"
     r"|\b(?:thanks|thank you|nice (?:one|job|work)|well done|great job),? (?:genius|einstein"
     r"|captain obvious|sherlock)\b"
     r"|\bwho (?:hired|trained) (?:you|u)\b"
     r"|\b(?:use|engage) your brain\b|\btry to keep up\b"
     r"|\b(?:anyone|someone|somebody) (?:there )?with (?:a|half a|a functioning) brain\b"
     r"|\bread (?:it|my (?:message|email)) again,? (?:slowly|carefully this time)\b"
     r"|\bpay attention this time\b"
     r"|\b(?:tried|tries|trying|did|do|doing) your (?:very )?(?:little|tiny|wee) best\b"
     # an ability compared ("could have delivered my boots by now"), not a hazard ("a child
     # with a nut allergy could have eaten this")
     r"|\ba (?:toddler|child|kid|monkey|chimp|snail|tortoise|five[- ]year[- ]old) with an?"
     r" (?:\w+ ){0,2}(?:could|would) have (?:done|delivered|found|sent|sorted|managed|handled"
     r"|packed|answered|fixed|written|figured|shipped|drawn|made|built|designed)\b"
     # the question ends there ("…draw you a picture?"), not "a diagram of where the crack is"
     r"|\b(?:do|shall|should|must) i (?:draw|need to draw|have to draw) you a (?:picture"
     r"|diagram|map)(?=\s*[?!.]|\s*$)"),
    ("condescension", 0.75,
     r"\b(?:ich erklär\w*(?:'s)?|lass(?:en sie)? mich|ich schreib\w*(?:'s)?) (?:es |das |dir "
     r"|ihnen |euch |jetzt "
     r"|nochmal |noch einmal )*"
     r"(?:ganz |extra |sehr )?(?:langsam|einfach|in einfachen worten)\b"
     r"|\b(?:damit|dass|sodass) (?:es )?(?:sogar|selbst|auch) (?:du|sie|ihr"
     r"|ein kind) (?:es )?(?:verstehst|verstehen|versteht|kapierst|kapieren|mitkommst|mitkommen)\b"
     r"|\b(?:können|kannst|könnt) (?:sie|du|ihr) (?:überhaupt |eigentlich |denn |nicht )*lesen\b"
     r"|\bselbst (?:ein|mein) (?:kind|kleinkind|affe|fünfjähriger|hund) (?:würde|könnte|hätte|kann"
     r"|versteht)\b"
     r"|\b(?:wow|na|oh),? (?:was für eine|welch eine?|so eine) (?:geniale|tolle|brillante|super"
     r"|großartige|kluge) (?:antwort|idee|leistung)\b"
     r"|\bhat (?:das )?(?:ein kind|ein affe|ihr praktikant) (?:das )?geschrieben\b"
     r"|\b(?:danke|bravo|toll gemacht),? (?:genie|einstein|sherlock)\b"
     r"|\b(?:lesen|denken) (?:ist|scheint) (?:wohl |echt )?nicht (?:ihre|deine|eure) stärke\b"
     r"|^\W*(?:na|also|hör mal|hoer mal|pass auf),? (?:schätzchen|schaetzchen|mäuschen"
     r"|maeuschen|süße|suesse|kleine|kleiner|junge|mädchen|maedchen)\b"
     r"|\bwer hat (?:sie|dich|euch) (?:eigentlich )?eingestellt\b|\bhat man (?:ihnen|dir"
     r"|euch) (?:das )?nicht beigebracht\b"
     r"|\b(?:langsam|nochmal|noch einmal) zum mitschreiben\b"
     # explaining "mit kurzen Wörtern" talks down; "mit einfachen Wörtern" is also a
     # customer's own request, and "mit kleinen Wörtern beschriftet" a compass's print
     r"|\b(?:erklär|schreib|sag)\w*[^.!?]{0,60}?\bmit (?:ganz )?kurzen wörtern\b"
     r"|\b(?:soll|muss) ich (?:ihnen|dir|euch) (?:erst )?(?:ein|ne) (?:bild|bildchen|zeichnung)"
     r" malen(?=\s*[?!.]|\s*$)"
     r"|\b(?:so viel|soviel|diese) geballte\w* (?:ahnungslosigkeit|inkompetenz|unfähigkeit"
     r"|dummheit|blödheit)\b"),
    ("condescension", 0.75,
     r"\b(?:je vais|laissez-moi|laisse-moi) (?:vous |te )?(?:l')?(?:expliquer|réexpliquer"
     r"|répéter) (?:très |tout |bien )?(?:lentement|doucement|simplement)\b"
     r"|\bpour que (?:même )?(?:vous|tu|un enfant) (?:puissiez|puisses|puisse) (?:comprendre"
     r"|suivre)\b"
     r"|\bmême un (?:enfant|gamin|gosse|singe|bébé) (?:comprendrait|pourrait|saurait|aurait"
     r"|comprend)\b"
     r"|\b(?:vous savez|tu sais|savez-vous|sais-tu|vous savez au moins"
     r"|tu sais au moins) (?:au moins |seulement |même )*lire\b"
     r"|\bquelle (?:réponse|idée) (?:géniale|brillante|de génie|intelligente)\b"
     r"|\bc'est un (?:enfant|gamin|singe|stagiaire) qui (?:a écrit|l'a écrit|a répondu)\b"
     r"|\b(?:bravo|merci),? (?:le génie|einstein|sherlock|champion)\b"
     r"|\bqui (?:vous|t)'a (?:embauché|recruté|formé)\b|\bon vous a (?:pas )?formés?\b"
     r"|\b(?:faut-il|faut il|dois-je|dois je|il faut) (?:que je )?vous (?:faire|fasse)"
     r" un dessin(?=\s*[?!.]|\s*$)"),
    ("condescension", 0.75,
     r"\b(?:te|se|os) lo (?:voy a )?(?:explicar|explico|repetir|repito) (?:muy |bien )?(?:despacio"
     r"|despacito|lentamente|clarito)\b"
     r"|\bpara que (?:hasta |incluso )?(?:tú|usted|vosotros|un niño) (?:lo )?(?:entiendas|entienda"
     r"|entendáis|puedas seguir)\b"
     r"|\b(?:sabes|sabe|sabéis|saben) (?:siquiera |al menos |acaso )?leer\b"
     r"|\b(?:hasta|incluso) un (?:niño|crío|mono|bebé) (?:lo )?(?:entendería|podría|sabría"
     r"|entiende)\b"
     r"|\bqué respuesta (?:tan |más )?(?:genial|brillante|inteligente)\b"
     r"|\b(?:lo|la|te lo) (?:escribió|ha escrito) un (?:niño|crío|mono)\b"
     r"|\b(?:te|se|os) lo (?:explico|voy a explicar|digo|repito) como (?:a )?(?:un|una) (?:nene"
     r"|nena|niño|niña|crío|cría|bebé)\b"
     # the question that talks down, not a customer offering a sketch ("les hago un dibujito
     # con las medidas del pie")
     r"|\b(?:o|y) (?:te|le|les|os) hago un dibujito(?= *\?)"
     r"|\bhay que (?:hacer|dibujar)(?:te|le|les|os) un dibujito\b"
     r"|\b(?:gracias|bravo),? (?:genio|einstein|lumbrera|sherlock)\b|\bquién (?:te|le"
     r"|os) (?:contrató|ha contratado)\b"),
    ("condescension", 0.45,
     r"\b(?:listen|look|okay|ok),? (?:sweetie|sweetheart|honey|darling|little (?:girl|boy|lady)|pal"
     r"|buddy|mate)\b"
     r"|\bit'?s not (?:rocket science|brain surgery)\b"
     r"|\bdas ist (?:doch )?keine raketenwissenschaft\b"),
    # Comparisons and sarcasm that insult or talk down without a listed word, and menace
    # said as a warning (a colleague's way home, "sonst knallt's"), in en/de/fr/es.
    ("insult", 0.8,
     r"\b(?:brains?|iq|intelligence|attention span|common sense) of an? (?:\w+ ){0,2}(?:houseplant"
     r"|plant|goldfish|rock|brick|potato|doorknob|turnip|cabbage|sponge|peanut|gnat|stone"
     r"|plank)\b"
     r"|\b(?:hirn|verstand|iq) (?:wie|von) (?:einem|einer|ner|nem) (?:\w+ )?(?:erbse|stein"
     r"|kartoffel|goldfisch|toastbrot|amöbe|amoebe)\b"
     r"|\bcerveau (?:de|d') ?(?:un |une )?(?:moineau|huître|huitre|poisson rouge|bulot|limace"
     r"|mouche)\b"
     r"|\bcerebro de (?:un |una )?(?:mosquito|ameba|guisante|gallina|mosca|piedra)\b"),
    ("insult", 0.8,
     rf"\b(?:vaya|menud[oa]) (?:\w+ ){{0,2}}de (?:{_INSULT_NOUNS}|inútiles|incompetentes)\b"
     rf"|\bqué (?:\w+ ){{0,2}}de (?:{_INSULT_NOUNS}|inútiles|incompetentes)\b"
     # the singular said to the person ("qué pedazo de inútil eres"), not of a thing
     r"|\b(?:qué|vaya|menud[oa]) (?:\w+ ){0,2}de (?:inútil|incompetente) (?:eres|sos|es usted)\b"
     r"|\b(?:el|la|los|las) que (?:me|nos) (?:atendió|atendio|contestó|contesto|respondió"
     r"|respondio|ha atendido|ha contestado|escribió|escribio)(?: \w+){0,3} (?:es|era|son)"
     rf" (?:un |una |muy |tan |un puto |una puta )?(?:{_INSULT_WORDS})\b"
     r"|\b(?:whoever|(?<=the )(?:guy|girl|woman|man|person|one|idiot|clown) who) (?:wrote"
     r"|answered|handled|replied|served|sent|dealt)\w*(?: \w+){0,4} (?:is|was|has|needs)"
     rf" (?:a |an |the |such an? |to be )?(?:{_INSULT_WORDS}|sacked|fired)\b"),
    ("condescension", 0.75,
     r"\bdid (?:your|ur) (?:mum|mom|mother|mummy|mommy|dad|daddy|mate) (?:help you|write|type"
     r"|do)\b"
     r"|\b(?:is there|isn't there|get me|put me through to|can i (?:talk|speak) to) an adult"
     r" (?:there|i could|i can|who|to talk|in (?:the|your) (?:building|office|team))\b"
     r"|\b(?:reading|thinking|listening|understanding) (?:clearly |obviously |really )?(?:isn't"
     r"|is not|doesn't seem to be|wasn't|isnt) (?:really )?your (?:strong suit|forte|thing"
     r"|strength)\b"
     r"|\b(?:explain\w*|say\w*|spell\w*|put\w*)(?: it| this| that)?(?: to you)? like an? "
     r"(?:child|kid|toddler|five[- ]year[- ]old|5[- ]year[- ]old)\b"
     r"|\b(?:explain\w*|say\w*|spell\w*|put\w*)(?: it| this| that)? like you(?:'re| are) an? "
     r"(?:child|kid|toddler|five[- ]year[- ]old|5[- ]year[- ]old)\b"
     r"|\b(?:congratulations|congrats|well done|bravo) (?:on|for) (?:finding|managing|reading"
     r"|working out|figuring out)\b"
     r"|\bist da (?:vielleicht |denn |irgendwo )?(?:ein|eine) erwachsene\w*\b"
     r"|\b(?:denken|lesen|zuhören|verstehen) (?:ist|scheint) (?:wohl |echt |halt )?nicht"
     r" (?:so )?(?:ihr|dein|euer) ding\b"
     r"|\bwie (?:einem|für ein|bei einem) (?:kind|kleinkind|fünfjährigen|fuenfjaehrigen)"
     r" (?:erklären|erklärt|erkläre)\b"
     r"|\b(?:il y a|y a-t-il|y a t il|passez-moi) un adulte (?:dans|à qui|avec qui|qui|chez)\b"
     r"|\b(?:lire|réfléchir|comprendre|écouter),? (?:ce )?n'est (?:vraiment |visiblement )?pas"
     r" (?:votre|ton) (?:fort|truc)\b"
     r"|\bcomme (?:à|a) un (?:enfant|gamin|gosse) de (?:cinq|5|six|6|trois|3) ans\b"
     r"|\b(?:visiblement|apparemment|manifestement),? c'est trop (?:compliqué|dur|difficile)"
     r" pour (?:vous|toi)\b"
     r"|\blaissez faire les (?:grands|adultes)\b"
     r"|\b(?:hay|habrá) (?:algún|alguna|un|una) adult[oa] (?:con (?:quien|el que)|ahí|allí"
     r"|que)\b"
     r"|\b(?:leer|pensar|entender|escuchar) no es lo (?:tuyo|suyo|vuestro)\b"
     r"|\bcomo (?:a|si fueras|si fuera) un (?:niño|crío|bebé) (?:de (?:cinco|5|seis|6|tres|3)"
     r" años|pequeño)\b"
     r"|\b(?:enhorabuena|felicidades) por (?:encontrar|saber|conseguir)\b"),
    ("threat", 0.6,
     r"\b(?:dann|sonst|und dann) (?:knallt|kracht|scheppert)(?:'s| es)\b"
     r"|\b(?:nachts|abends) (?:lieber |besser )?nicht (?:mehr )?allein\w*\b"
     r"|\bich wei(?:ß|ss),? wann (?:sie|ihr|du) (?:feierabend|schluss|dienstschluss)"
     r" (?:haben|habt|hast|machen|macht)\b"
     r"|\bje sais où (?:habite|travaille|vit|se gare|dort|mange) (?:votre|ton|ta|la|le|\w+)\b"
     r"|\bfai\w* (?:bien )?attention (?:à (?:elle|lui|toi|vous)|en (?:rentrant|sortant|partant)"
     r"|(?:le|ce) soir|la nuit)\b"
     r"|\bsé dónde (?:aparca|aparcas|aparcan|duerme|duermes|come|vive tu|vive su)\b"
     r"|\bnever feel safe\b|\b(?:careful|watch out|watch yourself) (?:walking|going|getting)"
     r" (?:home|to your car|back)\b|\bend up in (?:hospital|the hospital|a wheelchair)\b"
     r"|\bfinir (?:à|a) l'hôpital\b|\bacabar\w* en el hospital\b"
     r"|\b(?:im|ins) krankenhaus (?:landen|enden)\b"),
    # -------------------------------------------------------------- profanity (undirected)
    ("profanity", 0.1,
     rf"\b(?:{_FING}|shit\w*|shite|crap|damn\w*|wtf|bloody|bullshit|scheiß\w*|scheiss\w*"
     r"|verdammt\w*|kacke|merde|putain|bordel|chiant\w*|joder|mierda|puto|puta|putos|putas|coño"
     r"|hostias?|carajo|maldit[oa]s?|jodid[oa]s?|chingad\w*)\b"),
)  # fmt: skip


# "I'm such an idiot", "ich bin so blöd", "je suis bête", "me siento tonto": the customer
# speaking of themselves. Insult matches that start inside such a span are not evidence.
_SELF = (
    r"\b(?:i'm|im|i am|i was|i feel|i felt|i feel like|i look like|ich bin|ich war|ich fühle mich"
    r"|ich komme mir|je suis|j'étais|je me sens|je me suis senti|soy|fui|me siento|me sentí"
    # the customer's own family or friends, spoken of fondly or not: not the staff
    r"|my (?:son|daughter|husband|wife|partner|boyfriend|girlfriend|dad|mum|mom|brother|sister"
    r"|kids?|friend|flatmate|roommate|boss|neighbou?r) (?:is|was|are|can be)"
    r"|mein (?:sohn|mann|freund|bruder|vater|partner|nachbar) (?:ist|war)"
    r"|meine (?:tochter|frau|freundin|schwester|mutter|partnerin|nachbarin) (?:ist|war)"
    r"|mon (?:fils|mari|copain|frère|père|ami|voisin) est|ma (?:fille|femme|copine|sœur|soeur"
    r"|mère|amie|voisine) est"
    r"|mi (?:hijo|hija|marido|mujer|novio|novia|hermano|hermana|padre|madre|amigo|amiga"
    r"|vecino|vecina) es)"
    r"(?: (?:such|so|a|an|like|a total|a complete|an absolute|really|total|complete|wie|ein|eine"
    r"|so|total|echt|un|une|vraiment|complètement|tan|un|una|como|muy|bien|voll|super)){0,3}"
    rf" (?:{_INSULT_WORDS}|{_INSULT_NOUNS})\b"
)


class Lexicon:
    """The compiled lexicon with its prefilter; ``evidence`` and ``score`` read it."""

    def __init__(self, entries: Sequence[tuple[str, float, str]] = LEXICON) -> None:
        self.entries = tuple(entries)

    @cached_property
    def compiled(self) -> tuple[tuple[str, float, re.Pattern[str]], ...]:
        return tuple(
            (name, weight, re.compile(fold(pattern), re.IGNORECASE))
            for name, weight, pattern in self.entries
        )

    @cached_property
    def _self(self) -> re.Pattern[str]:
        return re.compile(fold(_SELF), re.IGNORECASE)

    @cached_property
    def filters(self) -> LiteralIndex:
        """Exact shortcut per pattern (see ``prefilter``): skip a scan whose words are absent."""
        return LiteralIndex((pattern for _, _, pattern in self.compiled), LEXICONS)

    def evidence(
        self, revealed: Revealed, original: str, filters: LiteralIndex | None = None
    ) -> list[Evidence]:
        """Every match, strongest first within overlaps; spans index ``original``.

        ``filters`` replaces the prefilters (a test compares against the full scan).
        """
        text = revealed.text
        found: list[tuple[int, int, float, str]] = []  # spans in the revealed text
        which = (filters or self.filters).which(text)
        for (name, weight, pattern), may_match in zip(self.compiled, which, strict=True):
            if not may_match:
                continue
            for m in pattern.finditer(text):
                if not any(s <= m.start() and m.end() <= e and w >= weight for s, e, w, _ in found):
                    found.append((m.start(), m.end(), weight, name))
        selves = [m.span() for m in self._self.finditer(text)] if found else []
        evidence = []
        for start, end, weight, name in found:
            if name == "insult" and any(s <= start < e for s, e in selves):
                continue
            first, last = revealed.span(start, end)
            evidence.append(
                Evidence(f"lexicon.{name}", name, first, last, original[first:last], weight)
            )
        return evidence


def lexicon_score(evidence: Sequence[Evidence]) -> float:
    """Noisy-OR over categories, each counted once at its strongest match."""
    best: dict[str, float] = {}
    for e in evidence:
        if e.source.startswith("lexicon."):
            best[e.detail] = max(best.get(e.detail, 0.0), e.weight or 0.0)
    return 1.0 - float(np.prod([1.0 - w for w in best.values()]))


DEFAULT_LEXICON = Lexicon()
