""" "I already did that": the customer tried the self-service step, and it failed.

Why this exists: a routine request is answered automatically with the shop's article or
macro for it: how to reset a password, unsubscribe, download an invoice, print a return
label, when Club points arrive, the tracking number. A customer who writes "checked my spam
folder twice, please resend the link", "the invoice button gives error 500" or "I read
your FAQ, it's been five weeks" has already done what that answer would tell them. Sending
it anyway is the bot "answering" a request it cannot settle (issue 13: answers that settle
the request or are not sent). The policy reads this as ``tried_already`` and drafts for a
person instead (``decide/default_policy.yaml``: ``tried_already_draft``).

What counts, in en/de/fr/es, read on the dialogue module's canonical text (accents off,
lower case, apostrophes straight, ``-`` a space):

* an attempt: "already tried / clicked / requested", "tried twice", "dreimal geklickt",
  "j'ai réessayé", "ya lo intenté", "done that 3 times", "did everything the FAQ says";
* a look that found nothing: "checked my spam folder", "im Spam nachgeschaut", "tracking has
  shown the same status for days", "still no points";
* the step's own failure: the link expired or gives an error, "something went wrong", a
  blank PDF, a portal that rejects the order number, a button that does nothing, an
  unsubscribe that did not take ("I unsubscribed", "je me suis désabonnée"), a new password
  that is refused;
* asking for it to be redone by the shop: "resend the link", "nochmal schicken",
  "renvoyer le lien", "¿me lo pueden reenviar?";
* a change only the shop can make, which the article cannot: the invoice reissued in a
  company's name or as one for several orders ("a nombre de mi empresa", "une seule facture
  regroupant"), the account's e-mail changed because the old address no longer exists.

Look-alikes that must not count (tested): "I tried the boots on", "I already ordered a tent",
"I've checked the size chart", "how can I set a new password", "ya pedí una tienda", "could
you check on your end", "I keep getting your emails, how do I unsubscribe?", "is my code
expired?" (a yes/no question about it is skipped in ``dialogue``). Words of looking
("checked", "geschaut", "vérifié", "revisé") count only with what was looked at: the spam
folder, the tracking, the account.

Measured (``bench/tried_already.py``): two fresh sets written for this by helpers who saw no
code; the first was tuned on, the second scored once.
"""

from __future__ import annotations

from tandemdesk.understand.waits import COUNT_EN, COUNT_ES, COUNT_FR

# How many times: "twice", "3 times", "dreimal", "x-mal", "plusieurs fois", "varias veces".
# The counting words are the ones every rule that counts shares (``waits``); German says it
# in one word ("dreimal"), and these canonical texts carry no accents ("funfmal").
TIMES = (
    rf"(?:twice|(?:{COUNT_EN}|a couple of|multiple|so many|a hundred) times"
    r"|zweimal|dreimal|viermal|funfmal|zehnmal|hundertmal|mehrmals|mehrfach|x mal|\d+ mal"
    rf"|(?:{COUNT_FR}|cent) fois|(?:{COUNT_ES}|muchas|mil) veces)"
)

# What a customer looks at when they check for themselves (not the size chart).
_LOOKED_AT = (
    r"(?:spam|junk|promotions?|inbox|tracking|account|my orders|faq|help page|help centre"
    r"|help center|spamordner|spam ordner|posteingang|sendungsverfolgung|konto|kundenkonto"
    r"|bestellungen|hilfe|spams|courriers? indesirables?|indesirables|boite|suivi|compte"
    r"|mes commandes|aide|correo no deseado|no deseados|bandeja|carpeta|seguimiento|cuenta"
    r"|mis pedidos|ayuda|preguntas frecuentes|link|lien|enlace|courier|carrier|transporteur"
    r"|paketdienst|zusteller|mensajeria|transportista|paqueteria|club|seccion|apartado"
    r"|l'espace|espace)"
)
# What the shop's self-service hands out.
_SELF_SERVICE = (
    r"(?:link|code|button|page|portal|pdf|label|qr code|invoice|download|form|website|site"
    r"|app|etikett|rechnung|formular|seite|lien|bouton|etiquette|facture|formulaire"
    r"|enlace|boton|etiqueta|factura|formulario|pagina)"
)
# Not negated: "I haven't seen the tracking number yet".
_NOT_NEGATED = r"(?<!n't )(?<!not )(?<!never )"

PATTERNS: tuple[str, ...] = (
    # ---- en
    r"\b(?:already|allready|alredy) (?:tried|clicked|reset|followed|unsubscribed|opted out"
    r"|pressed|hit|went through|cleared|restarted|reinstalled|contacted|written|wrote|emailed"
    r"|called)\b",
    rf"\b(?:already|allready|alredy) (?:checked|looked|searched|looked through|gone through)"
    rf"(?: \w+){{0,3}} {_LOOKED_AT}\b",
    rf"\b(?:checked|looked|searched) (?:with|on|under|in|at) (?:\w+ ){{0,2}}{_LOOKED_AT}\b",
    r"\b(?:first thing i did|that's what i did|which i did|i did that|did that already"
    r"|followed (?:the |your )?(?:\w+ ){0,2}(?:link|steps|instructions))\b",
    r"\b(?:did the|done the) (?:reset|steps|unsubscribe|return)\b",
    r"\bset (?:a |my )?new password(?: \w+){0,2} (?:but|still|and still|and now)\b",
    r"\b(?:with the new password|new password (?:doesn't|does not|won't|isn't|is not))\b",
    r"\blogged (?:out and (?:back )?in|back in)\b",
    r"\bstill (?:the )?(?:old|same) (?:\w+ ){0,2}(?:points|balance|status|thing)\b",
    r"\b(?:issue|send|make|do) (?:me |us )?(?:a |an )?(?:corrected|amended|new corrected)"
    r" (?:one|invoice|copy)\b",
    r"\b(?:qr code|code|label|barcode)(?: \w+){0,4} (?:invalid|not valid)\b",
    r"\b(?:couldn't|could not|can't|cannot|wouldn't|won't) scan\b|\b(?:couldn't|could not)"
    r" read (?:it|the|my) (?:\w+ )?(?:code|label|qr|barcode)\b",
    r"\b(?:document|invoice|file) not available\b",
    rf"\b(?:done|did|tried) (?:that|this|it|all that|everything)(?: \w+){{0,3}} (?:already"
    rf"|again|{TIMES})\b",
    r"\b(?:did|done|followed|tried) (?:everything|all the steps|every step|the steps)\b",
    r"\b(?<!can )(?<!could )(?<!should )(?<!do )(?<!may )(?:i|i've|i have|ive) (?:read|followed"
    r"|did what|checked) (?:the |your )?(?:faq"
    r"|help page|help centre|help center|help article|instructions|guide)\b",
    r"\b(?:like|as) (?:the |your )?(?:faq|help page|help centre|help center|article|guide)"
    r" (?:says|said|explains|told me)\b",
    r"\b(?:checked|searched|looked in|looked through|went through|checked in) (?:my |the |in my"
    r" |in the |all my )?(?:spam|junk|promotions?)\b",
    r"\b(?:spam|junk)(?: folder| mail| box)? (?:too|as well|also|already|included)\b",
    r"\b(?:spam|junk)(?: \w+){0,3} (?:checked|searched|looked through|gone through)\b",
    rf"\b(?:tried|clicked|requested|pressed|reset|unsubscribed|asked|done it|did it|hit|checked"
    rf"|entered|typed|copied|pasted|printed)(?: \w+){{0,5}} {TIMES}\b",
    r"\b(?:tried again|retried|cleared (?:the |my )?(?:cache|cookies|browser))\b",
    rf"\b{_SELF_SERVICE}(?: \w+){{0,3}} (?:expired|has expired|had expired"
    r"|doesn't work|does not work|didn't work|did not work|is broken|was broken|is invalid"
    r"|isn't working|is not working|not working|gives an error|gave an error|throws an error"
    r"|shows an error|does nothing|doesn't do anything|did nothing|is blank|prints blank"
    r"|comes out blank|won't print|wont print|doesn't print|won't open|wont open|doesn't open"
    r"|won't load|won't download|doesn't download)\b",
    r"\b(?:prints?|printed|comes out|came out|opens|opened)(?: \w+){0,2} (?:blank|empty)\b",
    r"\b(?:says|said|shows|showed|get|got|getting|message|error|just)(?: \w+){0,2} something"
    r" went wrong\b",
    r"\b(?:(?:page|order|order number|number|file|document|item|account|user) not found"
    r"|error 404|error 500|404|500 error|an error message|error message)\b",
    r"\b(?:keeps?|kept) (?:saying|telling me|showing|giving me|rejecting|refusing|failing)\b",
    rf"\b{_SELF_SERVICE}(?: \w+){{0,3}} (?:rejects|rejected|refuses|refused|won't accept"
    r"|doesn't accept|does not accept|didn't accept)\b",
    r"\b(?:resend|re send|send (?:it|them|the (?:link|code|email|e mail|mail|invoice|label))"
    r" again|send (?:me )?(?:another|a new|a fresh) (?:link|code|email|e mail|mail))\b",
    r"\b(?:i|i've|i have|ive) (?:unsubscribed|opted out|turned off|switched off|unticked"
    r"|unchecked)\b",
    r"\b(?:(?:i've|i have|ive|already) (?:set|changed|reset|created|made) (?:a |my |the )?"
    r"new password|i changed (?:my |the )?password)\b",
    rf"\b{_NOT_NEGATED}(?:seen|checked|looked at|refreshed) (?:the |my |your )?tracking"
    r"(?: page| link| number)?\b",
    r"\bstill (?:shows?|showing|says|saying) (?:\w+ ){0,2}(?:0|zero|no|the old) (?:\w+ )?"
    r"(?:points?|balance)\b",
    r"\b(?:not|doesn't show up|doesn't appear|does not appear|isn't listed|is not listed)"
    r" (?:\w+ ){0,2}(?:in|under|on) my orders\b",
    # ---- en: a change only the shop can make (the article cannot): an invoice reissued in
    # another name or for several orders, the account's e-mail address changed
    r"\b(?:reissue|re issue)\b|\b(?:amend|correct|change|update|redo)(?: \w+){0,3}"
    r" (?:invoice|receipt)\b",
    r"\b(?:invoice|receipt)(?: \w+){0,6} (?:in the name of|made out to|addressed to|to my"
    r" company|to our company|under my company|in my company's name)\b",
    r"\b(?:one|a single|single|combined|one combined) invoice (?:for|covering|with) (?:both"
    r"|all|the two|my two)\b",
    r"\b(?:old|former|previous|work) (?:e mail|email|email address|e mail address|address)"
    r"(?: \w+){0,6} (?:no longer exists|doesn't exist|does not exist|i no longer have|i don't"
    r" have access|i can't access|has been closed|was closed)\b",
    r"\bchange (?:the |my )?(?:login |account )?(?:e mail|email)(?: address)? (?:on|for|of|in)"
    r" (?:my|the) account\b",
    # the new value given ("change my email to jo@…", "set the password to Winter2026": an
    # address or a token with digits, not "to log in"), or someone else's account ("change
    # his password"): the how-to cannot do it for them
    r"\b(?:change|update|set|switch|reset)(?: \w+){0,3} (?:e mail|email|email address|e mail"
    r" address|password|login) to (?:\w*\d\w*|\w+ \w+ (?:com|org|net|de|fr|es|mx|ie|co|uk"
    r"|ch|at|be|it))\b",
    r"\b(?:change|update|reset) (?:his|her) (?:e mail|email|password|login|account)\b",
    # ---- the tracking says delivered, and nothing came: the tracking or the delivery-times
    # answer is what the customer already read (a new user's shop automated "Tracking says
    # delivered yesterday but the box isn't here" with its delivery-times article)
    # (the canonical text has no punctuation: gaps are counted in words, and what did not
    # come must be the parcel, not "the blue one" or "la factura")
    r"\b(?:says|said|shows|showed|showing|saying|marked|listed|status)(?: is| says| as)?"
    r"(?: \S+){0,3} (?<!would be )(?<!will be )(?<!should be )delivered(?: \S+){0,10}"
    r" (?:but|yet|though|however)(?: \S+){0,4} (?:isn't here|is not here|not here"
    r"|never (?:got|received|arrived|came|turned up)(?! the (?!parcel|package|box|order)\w)"
    r"|(?:haven't|have not|didn't|did not|i've not|ive not) (?:got|get|received|receive"
    r"|arrive|come)(?: (?:it|anything|a thing|the (?:parcel|package|box|order)|my (?:parcel"
    r"|package|box|order)))?(?! (?:the|a|an|my|your|any) (?!parcel|package|box|order)\w)"
    r"|nothing (?:here|arrived|came|has arrived)|no (?:parcel|package|box|sign of it))\b",
    r"\b(?:(?:laut|in der|die|der) (?:sendungsverfolgung|tracking|status|paketverfolgung)"
    r"(?: sagt| zeigt)?(?: \S+){0,4} (?:zugestellt|geliefert)|als (?:zugestellt|geliefert)"
    r" (?:markiert|angezeigt|gemeldet))(?: \S+){0,10} aber(?: \S+){0,5} (?:nichts"
    r" (?:angekommen|da|bekommen|erhalten|gekommen)|nicht angekommen|nie angekommen"
    r"|kein paket|(?:paket|es|sie) (?:\S+ )?(?:nicht da|nie erhalten|nicht erhalten"
    r"|nie bekommen))\b",
    r"\b(?:indique|affiche|marque|dit|note|indiquee?|affichee?|marquee?)(?: comme)?"
    r"(?: \S+){0,6} livree?s?(?: \S+){0,10} mais(?: \S+){0,5} (?:rien recu|jamais recu"
    r"|rien (?:n'est )?arrive|jamais arrive|aucun colis|pas (?:recu|eu) (?:le|mon) colis)\b",
    r"\b(?:dice|pone|aparece|marca|figura|sale)(?: como)?(?: \S+){0,3} entregad[oa]s?"
    r"(?: \S+){0,10} pero(?: \S+){0,4} (?:no (?:me )?(?:ha llegado|llego|he recibido|recibi)"
    r"(?: (?:nada|el paquete|el pedido|la caja))?(?! (?:la|el|los|las|un|una|mi|mis)"
    r" (?!paquete|pedido|caja)\w)|nunca (?:llego|recibi)|no (?:tengo|hay) nada)\b",
    # ---- several languages: tracking that has not moved, "for the third time"
    r"\b(?:tracking|suivi|seguimiento|sendungsverfolgung|trackingnummer|tracking number)"
    r"(?: \w+){0,10} (?:hasn't moved|has not moved|hasn't changed|has not changed|not moved"
    r"|unchanged|stuck|the same thing|the same status|exactly the same|unverandert|derselbe"
    r"|dasselbe|der gleiche|die gleiche|den gleichen|n'a pas bouge|pas bouge|la meme chose"
    r"|toujours pareil|dit toujours pareil|sigue igual|lleva una semana igual|no se mueve"
    r"|no ha cambiado|no cambia|lo mismo|meme statut|mismo estado|gleichen status"
    r"|selben status|derselbe status|tut sich nix|tut sich nichts|rien ne bouge)\b",
    r"\b(?:for the|zum|pour la|por) (?:third|fourth|fifth|3rd|4th|5th|dritten|vierten"
    r"|funften|troisieme|quatrieme|cinquieme|tercera|cuarta|quinta) (?:time|mal|fois|vez)\b",
    # ---- de
    r"\b(?:schon|bereits|scho)(?: \w+){0,4} (?:versucht|probiert|angefordert|geklickt"
    r"|gemacht|abgemeldet|zuruckgesetzt|ausprobiert|nachgefragt|geschrieben|angerufen"
    r"|ausgeloggt|abgetippt|eingegeben|gepruft|geprueft|kontrolliert)\b",
    rf"\b(?:schon|bereits|scho)(?: \w+){{0,2}} (?:in |im |in den |in die |ins )?{_LOOKED_AT}"
    r"(?: \w+){0,2} (?:gecheckt|geschaut|gschaut|nachgeschaut|nachgschaut|nachgesehen"
    r"|kontrolliert|gepruft|durchsucht)\b",
    r"\b(?:spam|spamordner|junk)(?: ordner)?(?: \w+){0,3} (?:gecheckt|geschaut|gschaut"
    r"|nachgeschaut|nachgschaut|nachgesehen|kontrolliert|gepruft|durchsucht|durchgeschaut"
    r"|gesucht)\b",
    rf"\b{TIMES}(?: \w+){{0,5}} (?:geklickt|versucht|probiert|angefordert|gemacht|zuruckgesetzt"
    r"|abgemeldet|abgetippt|eingegeben|reinkopiert|kopiert|eingetippt|nachgeschaut|ausgedruckt"
    r"|gedruckt|heruntergeladen|runtergeladen)\b",
    r"\b(?:nochmal|nochmals|erneut|noch einmal)(?: \w+){0,2} (?:versucht|probiert|nachgeschaut"
    r"|nachgesehen|geschaut|gecheckt)\b",
    rf"\b(?:geklickt|versucht|probiert|angefordert|gedruckt|ausgedruckt)(?: \w+){{0,2}} {TIMES}\b",
    rf"\b(?:beim|bei der|bei|auf der seite des|auf der seite der) (?:\w+ ){{0,1}}{_LOOKED_AT}"
    r"(?: \w+){0,2} (?:geschaut|nachgeschaut|nachgesehen|gecheckt|angerufen|nachgefragt)\b",
    r"\b(?:hilfeartikel|hilfeseite|faq|anleitung)(?: \w+){0,4} (?:gemacht|befolgt|versucht)\b",
    r"\b(?:button|knopf)(?: \w+){0,2} fehlt\b",
    r"\b(?:ab und wieder angemeldet|aus und wieder eingeloggt|neu eingeloggt|wieder eingeloggt"
    r"|neu angemeldet)\b",
    r"\bimmer noch (?:\w+ ){0,3}(?:alte|gleiche|selbe)\b",
    r"\b(?:korrigierte rechnung|rechnung (?:\w+ ){0,2}korrigieren|neue rechnung ausstellen)\b",
    r"\bneue[sm]? (?:passwort|pw|kennwort)(?: \w+){0,3} (?:geht nicht|funktioniert nicht"
    r"|klappt nicht|wird nicht akzeptiert)\b",
    r"\bneue[sm]? (?:pw|passwort|kennwort)(?: \w+){0,4} (?:gesetzt|vergeben|erstellt|angelegt)"
    r"(?: \w+){0,6} (?:trotzdem|aber|immer noch|geht nicht|funktioniert nicht|klappt nicht)\b",
    r"\b(?:alles|allem) (?:versucht|probiert|gemacht|befolgt)\b",
    r"\bwie (?:in der|im|auf der|es in der) (?:faq|hilfe|anleitung|hilfeseite)"
    r" (?:beschrieben|steht|angegeben)\b",
    r"\b(?:nochmal|nochmals|erneut|noch einmal)(?: \w+){0,2} (?:schicken|senden|zuschicken"
    r"|zusenden|verschicken)\b",
    r"\b(?:schickt|schicken sie|sendet|senden sie)(?: \w+){0,3} (?:nochmal|nochmals|erneut"
    r"|noch einmal)\b",
    rf"\b{_SELF_SERVICE}(?: \w+){{0,3}} (?:abgelaufen|ungultig|funktioniert nicht"
    r"|geht nicht|klappt nicht|macht nichts|macht nix|macht einfach nichts|macht einfach nix"
    r"|tut nichts|ist leer|bleibt leer|lasst sich nicht|laesst sich nicht"
    r"|nimmt (?:\w+ ){0,3}nicht an|akzeptiert (?:\w+ ){0,3}nicht)\b",
    r"\b(?:fehlermeldung|fehler 404|fehler 500|nicht gefunden|fehlerseite)\b",
    r"\b(?:habe|hab|hob) (?:mich |i )?(?:\w+ ){0,6}(?:abgemeldet|ausgetragen)\b",
    r"\bhaken(?: \w+){0,4} (?:langst|schon|bereits|seit \w+) (?:raus|entfernt|weg)\b",
    r"\btaucht (?:\w+ ){0,5}(?:nicht|gar nicht|nirgends) auf\b",
    r"\b(?:immer noch|noch immer|weiterhin) (?:\w+ ){0,2}(?:keine|null|0) (?:punkte|clubpunkte)"
    r" (?:\w+ ){0,3}(?:obwohl|trotz|angezeigt|zu sehen)\b",
    r"\brechnung(?: \w+){0,6} (?:auf (?:den namen|meine firma|unsere firma|die firma|meinen"
    r" namen)|umschreiben|korrigieren|neu ausstellen|andern)\b",
    r"\b(?:eine|einer) (?:gemeinsame|einzige|zusammengefasste) rechnung\b",
    r"\b(?:alte|alten|fruhere|fruheren|ehemalige|hinterlegte) (?:e mail|mail|mailadresse"
    r"|e mail adresse|firmenadresse|adresse)(?: \w+){0,8} (?:gibt(?:s| es) nicht mehr"
    r"|existiert nicht mehr|habe ich nicht mehr|hab ich nicht mehr)\b",
    r"\b(?:e mail|mail|mailadresse|e mail adresse)(?: \w+){0,3} (?:andern|umstellen"
    r"|aktualisieren)\b",
    r"\b(?:e mail|email|mail)(?: adresse)?(?: \w+){0,3} (?:auf|in) (?:\w+ ){0,6}(?:andern"
    r"|aendern|umstellen|abandern)\b",
    r"\b(?:andern|aendern|abandern) sie (?:\w+ ){0,3}(?:e mail|email|mail)(?: adresse)?"
    r"(?: \w+){0,3} (?:auf|in|zu)\b",
    # his account, asked of the shop ("Ändern Sie seine E-Mail", "Können Sie sein Passwort
    # zurücksetzen?"), not "wie kann man sein Passwort ändern"
    r"\b(?:(?:andern|aendern|zurucksetzen) sie|(?:konnen|koennen|konnten|koennten) sie)"
    r" (?:bitte )?(?:\w+ )?(?:sein|seine|seinen) (?:passwort|kennwort|e mail|email)\b",
    # ---- fr
    r"\bdeja (?:essaye|clique|demande|tente|reinitialise|desabonne|desinscrit|ecrit|appele"
    r"|relance|contacte|tout fait|tout essaye)\b",
    rf"\bdeja (?:verifie|regarde|cherche|fouille)(?: \w+){{0,3}} {_LOOKED_AT}\b",
    r"\b(?:verifie|regarde|fouille|checke|cherche)(?: \w+){0,2} (?:les |mes |dans les"
    r" |dans mes |le |mon |dans le |dans mon )?(?:spams?|courriers? indesirables?"
    r"|indesirables|courrier indesirable)\b",
    rf"\b(?:essaye|clique|demande|tente|reessaye|verifie|tape|saisi|copie)(?: \w+){{0,4}}"
    rf" {TIMES}\b",
    r"\b(?:reessaye|re essaye|retente|essaye (?:encore|a nouveau|de nouveau))\b",
    r"\bessaye (?:sur|avec|depuis) (?:\w+ ){0,2}(?:pc|ordinateur|telephone|portable|navigateur"
    r"|chrome|firefox|safari|appli|application|mobile)\b",
    r"\b(?:tout (?:essaye|fait|tente)|fait tout ce (?:qui|que|qu'il|qu'on)|suivi (?:les"
    r"|toutes les) (?:etapes|instructions))\b",
    r"\b(?:j'ai lu|comme (?:dit|indique|explique)(?: dans)?) (?:la |le |votre |vos )?"
    r"(?:faq|aide|article|page d'aide)\b",
    r"\b(?:renvoyer|renvoyez|renvoyez moi|renvoie|renvoies|reenvoyer|reenvoyez)(?: \w+){0,2}"
    r" (?:le |un |une |nouveau |nouvel |la )*(?:lien|mail|e mail|email|code|courriel)\b",
    rf"\b{_SELF_SERVICE}(?: \w+){{0,3}} (?:a expire|ne marche pas|ne fonctionne pas|invalide"
    r"|marche pas|fonctionne pas|ne fait rien|fait rien|est vide|s'ouvre pas|ne s'ouvre pas"
    r"|ne s'imprime pas|s'imprime pas|refuse|n'accepte pas)\b",
    r"\b(?:message d'erreur|page d'erreur|erreur 404|erreur 500|introuvable)\b",
    r"\b(?:affiche|indique|met|donne|renvoie|j'ai eu|j'obtiens)(?: \w+){0,2} une erreur\b",
    r"\b(?:je me suis|j'ai) (?:deja |bien )?(?:desabonnee?|desinscrite?|decoche|desactive)\b",
    r"\b(?:continue|continuent) d'(?:arriver|etre envoyes)\b",
    r"\b(?:case|newsletter)(?: \w+){0,3} (?:decochee|decoche|desactivee)\b",
    r"\bj'ai (?:deja |bien )?(?:change|reinitialise|modifie) (?:le |mon )?mot de passe\b",
    r"\bnouveau mot de passe(?: \w+){0,3} (?:marche pas|ne fonctionne|fonctionne pas|refuse"
    r"|n'est pas)\b",
    rf"\b(?:regarde|verifie|consulte) (?:dans|sur|chez) (?:\w+ ){{0,3}}{_LOOKED_AT}\b",
    r"\b(?:deconnecte et reconnecte|me suis reconnecte)\b",
    r"\b(?:affiche|indique|montre|dit) toujours (?:le|la|les) (?:meme|memes|ancien|ancienne)\b",
    r"\b(?:editer|emettre|refaire) (?:une |en )?(?:nouvelle|facture corrigee)\b"
    r"|\bfacture corrigee\b|\ben editer une nouvelle\b",
    r"\b(?:n'ont pas pu|pas pu|impossible de) (?:scanner|lire) (?:le |l'|mon |ma )?(?:\w+ )?"
    r"(?:code|etiquette|qr)\b",
    r"\b(?:imprime|scanne)(?: \w+){0,2} (?:deux|trois|plusieurs) fois\b",
    r"\btoujours (?:aucun|pas de|zero|0) (?:\w+ ){0,1}points? (?:\w+ ){0,3}(?:alors que|pourtant"
    r"|sur mon compte|dans mon espace)\b",
    r"\bfacture(?: \w+){0,4} (?:au nom de|a l'ordre de|de ma societe|de mon"
    r" entreprise|pour ma societe|pour mon entreprise)\b",
    r"\b(?:seule|unique) facture (?:regroupant|pour|avec)\b",
    r"\b(?:refaire|modifier|corriger|changer) (?:la |ma |une )?facture\b",
    r"\b(?:ancienne|ancien) (?:adresse|mail|e mail|email|adresse mail)(?: \w+){0,6}"
    r" (?:n'existe plus|n'existe pas|je n'ai plus acces|plus acces|fermee)\b",
    r"\b(?:changer|changez|modifiez|remplacez) (?:mon |l'|l |d')?(?:adresse )?(?:e mail|mail"
    r"|email|courriel)\b",
    r"\b(?:changez|modifiez|reinitialisez|(?:pouvez|pourriez) vous (?:changer|modifier"
    r"|reinitialiser)) (?:son|sa) (?:mot de passe|e mail|mail|email|compte)\b",
    # ---- es
    r"\bya (?:intente|probe|solicite|hice (?:eso|todo|lo que|clic|click)|lo hice|restableci"
    r"|cambie|me di de baja|di de baja|me desuscribi|escribi|llame|reclame|contacte)\b",
    r"\bya he (?:intentado|probado|hecho (?:eso|todo|lo que)|solicitado|restablecido|cambiado"
    r"|escrito|llamado)\b",
    rf"\bya (?:revise|mire|busque|chequee|he revisado|he mirado|he buscado)(?: \w+){{0,5}}"
    rf" {_LOOKED_AT}\b",
    rf"\b(?:revise|chequee|busque)(?: \w+){{0,3}} {_LOOKED_AT}\b",
    rf"\b(?:intente|probe|solicite|di click|di clic|hice clic|hice click|clique|revise|copie"
    rf"|escribi)(?: \w+){{0,4}} {TIMES}\b",
    r"\bprobe (?:de nuevo|varias veces|(?:en|con|desde) (?:el |la |mi |otro |otra )?(?:movil"
    r"|ordenador|pc|computadora|navegador|celular|app|tablet))\b",
    r"\b(?:he vuelto a|volvi a|vuelvo a|lo volvi a)(?: \w+)? (?:entrar|intentar|probar"
    r"|descargar|cargar|solicitar|iniciar)\b|\b(?:lo intente|intente) de nuevo\b",
    r"\b(?:hice todo|probe todo|he hecho todo|he probado todo|segui (?:los|todos los) pasos)\b",
    r"\b(?:ya lo lei|ya lei|como dice) (?:en )?(?:la |el |las |los |su )?(?:faq|ayuda|articulo"
    r"|preguntas frecuentes)\b",
    r"\b(?:reenvien|reenvienme|reenviarme|reenviarmelo|reenviarmela|volver a (?:enviar|mandar)"
    r"|vuelvan a (?:enviar|mandar)|mandar(?:me)?lo de nuevo|enviar(?:me)?lo de nuevo"
    r"|(?:mandar|enviar)(?:me)?(?:lo|la)? de nuevo"
    r"|me (?:lo |la )?(?:pueden |podeis |puede |podrian |podrias )?reenviar)\b",
    r"\b(?:mandan|mandais|manden|envian|enviais|envien) (?:otro|otra|uno nuevo|una nueva)"
    r"(?: (?:enlace|link|codigo|correo|email|mail|etiqueta|factura)\b|$)",
    rf"\b{_SELF_SERVICE}(?: \w+){{0,3}} (?:caduco|caducado|expiro|expirado|no funciona"
    r"|no sirve|vencio|vencido|da error|no hace nada|esta en blanco|sale en blanco|no se abre"
    r"|no se imprime|no se descarga|no reconoce|no acepta|rechaza)\b",
    r"\b(?:me sale un error|sale un error|me da error|me da un error|mensaje de error"
    r"|pagina de error|no encontrado|no encontrada)\b",
    r"\b(?:me di de baja|me desuscribi|me desinscribi|desmarque|desactive)\b",
    r"\b(?:cambie|restableci|reestableci|puse) (?:la |mi )?(?:contrasena|clave)\b",
    r"\bsigo sin poder (?:entrar|acceder|iniciar)\b",
    r"\bno (?:me )?aparecen? (?:en )?(?:mis pedidos|mi cuenta|la cuenta)\b",
    r"\bsiguen? sin (?:aparecer|cargar|verse|salir)\b",
    r"\bni en (?:el |la )?(?:spam|correo no deseado|no deseados)\b",
    r"\b(?:restablecer|dar de baja|borrar|resetear)(?:me|la|lo|las|los|mela|melo)? ustedes\b",
    r"\b(?:no pudieron|no pudo|no podian|no pueden) (?:leer|escanear)\b",
    r"\b(?:codigo|etiqueta|qr)(?: \w+){0,4} no (?:es|era) valido\b",
    r"\bfactura corregida\b|\b(?:emitir|hacer|mandar|enviar)(?:me)? (?:una )?(?:nueva factura"
    r"|factura nueva)\b",
    r"\bsigo con (?:los|el|la|las) (?:mismos|mismo|misma|mismas)\b",
    r"\bfactura(?: \w+){0,4} a nombre de\b",
    r"\b(?:una sola|una unica|una misma) factura\b",
    r"\b(?:cambiar|modificar|corregir|rehacer|cambiarme) (?:la |mi )?factura\b",
    r"\b(?:correo|email|mail|e mail) (?:antiguo|viejo|anterior)(?: \w+){0,6} (?:ya no existe"
    r"|no existe|ya no tengo|no tengo acceso)\b",
    r"\b(?:cambiar|cambiarme|actualizar|actualizarme|modificar) (?:el |mi )?(?:correo|email"
    r"|mail|e mail)\b",
    # the imperative a customer writes ("cambienme", "cámbienle el correo"), not "se cambia"
    r"\b(?<!se )(?:cambien|cambienme|cambienle|cambieme|cambiele|cambiame|cambiale|actualicen"
    r"|modifiquen) (?:el |mi |su |la )?(?:correo|email|mail|e mail)\b",
    r"\b(?:cambiar|cambiarle|cambien|cambienle|cambiele|cambiale|restablecer|restablezcan)"
    r" (?:su|la) (?:contrasena|clave)(?: \w+){0,3} (?:de|a) mi (?:papa|mama|padre|madre"
    r"|abuela|abuelo|hijo|hija|esposo|esposa|mujer|marido|hermano|hermana|tio|tia|suegra"
    r"|suegro)\b",
    r"\b(?:(?:contrasena|clave) nueva|nueva (?:contrasena|clave))(?: \w+){0,3} no (?:funciona"
    r"|sirve|me deja|vale|va)\b",
)
