"""Words that name nothing: function words and the greetings and sign-offs of support mail,
in the languages the shipped models speak (en, de, fr, es).

Why a list: class-based TF-IDF alone still ranked "my refund" and "verify my" first on
BANKING77 (a function word beside a topic word is as rare elsewhere as the topic word), and
a topic named "to cancel" reads worse than "cancel". The list only *lowers* such words
(``topic_model`` scores them last and never joins them into bigrams), so a topic made of
nothing else ("thanks", "danke") is still named by them.
"""

from __future__ import annotations

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

_EN_SUPPORT = """hi hello hey dear team thanks thank thx please pls regards kind best cheers
sir madam hello there just got get ve im dont cant didnt doesnt isnt wont ive id ll
would could can will shall may might also still already yet didn isn hasn don doesn wasn
haven aren won couldn shouldn wouldn weren hadn ll ve re need want use using used make
did does tell know like help way tried try able possible ok okay thing things"""

# scikit-learn's English list holds words that name support topics: keep those
_NAMING = frozenset(
    {"top", "bill", "amount", "fire", "call", "show", "move", "find", "give", "empty", "system",
     "interest", "detail", "name", "part", "back", "full", "side", "found", "front"}
)  # fmt: skip

_DE = """aber alle allem allen aller alles als also am an ander andere anderen auch auf aus bei
bin bis bist da damit dann das dass dem den denn der des dich die dir doch dort du durch
ein eine einem einen einer eines er es etwas euch euer für gegen hab habe haben hat hatte
hier hin hinter ich ihm ihn ihnen ihr ihre ihrem ihren im in ins ist ja jetzt kann kein
keine können könnte man mein meine meinem meinen meiner mich mir mit muss nach nicht noch
nun nur ob oder ohne schon sehr sein seine sich sie sind so soll über um und uns unser
unsere unter vom von vor war waren was weil wenn wer werde werden wie wieder will wir
wird wo wurde würde zu zum zur hallo guten tag liebe lieber sehr geehrte geehrter damen
herren danke dank vielen bitte gruß grüße grüßen freundlichen mfg lg vg moin servus team"""

_FR = """au aux avec ce ces cette dans de des du elle en est et eux il ils je la le les leur
lui ma mais me même mes moi mon ne nos notre nous on ou où par pas pour qu que qui sa se
ses son sur ta te tes toi ton tu un une vos votre vous été être avoir ai as avez avons ont
suis es sommes êtes sont était ça cela ceci très plus bien aussi donc alors si
bonjour bonsoir salut madame monsieur cher chère équipe merci remercie svp plaît
cordialement salutations bonne journée"""

_ES = """a al algo algunos ante antes como con contra cual cuando de del desde donde durante
e el él ella ellos en entre era es esa ese eso esta está están este esto estoy fue ha
hay he la las le les lo los me mi mis mucho muy más nada ni no nos o os otra otro para
pero poco por porque que qué quien se sea ser si sí sin sobre su sus también te tengo ti
tu tú un una uno unos y ya yo hola buenas buenos días estimado estimada equipo gracias
muchas favor saludos atentamente cordialmente"""

STOP_WORDS: frozenset[str] = (frozenset(ENGLISH_STOP_WORDS) - _NAMING) | frozenset(
    " ".join((_EN_SUPPORT, _DE, _FR, _ES)).split()
)
