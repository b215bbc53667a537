"""How soon a message needs a person: transparent rules, and a learnable model when history
has a priority label.

Why rules first: most helpdesk histories carry no trustworthy priority label, yet a gas leak,
a lawyer or a double charge must jump the queue on day one. Every rule has a name, a weight
and multilingual patterns (en/de/fr/es); the assessment lists the rules that fired *and the
words that made them fire*, so a supervisor can see why a ticket went to the top and a policy
can gate on a named rule ("safety" → always a human).

Scoring is a noisy-OR over fired rules on top of a prior: ``score = 1 - (1 - prior) *
prod(1 - weight)``; a rule counts once however often it matches. Calm cues ("no rush",
"keine Eile", "pas urgent") lower the score. Levels: ``low`` < 0.15 ≤ ``normal`` < 0.5 ≤
``high`` < 0.8 ≤ ``urgent``. Absence of evidence gives ``normal``, not ``low``: a plain
question is ordinary work, not something to postpone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Self

import numpy as np

from tandemdesk.understand.base import Component, ComponentState, Evidence, Score
from tandemdesk.understand.prefilter import LEXICONS, LiteralIndex
from tandemdesk.understand.registry import register
from tandemdesk.understand.risk import NOT_CLOSED, NOT_PUT_TOGETHER, UNQUOTED
from tandemdesk.understand.text import prepare_text
from tandemdesk.understand.waits import COUNT_ES, DAYS_DE, DAYS_EN, DAYS_ES, DAYS_FR

LEVELS: tuple[str, ...] = ("low", "normal", "high", "urgent")
PRIOR = 0.2
CALM_FACTOR = 0.5
_LEVEL_FLOORS: tuple[tuple[float, str], ...] = (
    (0.8, "urgent"), (0.5, "high"), (0.15, "normal"), (0.0, "low"),
)  # fmt: skip

_WEEKDAYS = rf"{DAYS_EN}|the weekend|{DAYS_DE}|{DAYS_FR}"
_DIAS = DAYS_ES


_HACKED = UNQUOTED + r"(?<!\bnobody )(?<!\bno one )(?<!\bnot )(?<!\bno me )(?<!\bniemand )"
_HACKED_END = NOT_CLOSED + NOT_PUT_TOGETHER


@dataclass(frozen=True, slots=True)
class UrgencyRule:
    """A named rule: matching any pattern adds ``weight`` (or, for calm rules, lowers)."""

    name: str
    weight: float
    patterns: tuple[str, ...]
    calm: bool = False

    def compiled(self) -> re.Pattern[str]:
        return re.compile("|".join(f"(?:{p})" for p in self.patterns), re.IGNORECASE)


RULES: tuple[UrgencyRule, ...] = (
    UrgencyRule("safety", 0.85, (
        r"\b(?:fire|smoke|smoking|burn(?:ed|t|ing|s)|flames?|explod\w*|exploded|sparks?"
        r"|overheat\w*|melt(?:ed|ing))\b",
        r"\b(?:injur\w*|got hurt|hurt (?:my|his|her|their|our)|bleed\w*|hospital|ambulance"
        r"|choking|poison\w*|electric shock|electrocut\w*|unsafe|dangerous)\b",
        r"\b(?:gas leak|smell(?:s|ed)? (?:of )?gas|carbon monoxide|allergic|anaphyla\w*)\b",
        r"\b(?:feuer|brand|brennt|rauch|flammen|explodiert|funken|überhitz\w*|verletz\w*"
        r"|krankenhaus|notarzt|gasgeruch|gasleck|riecht nach gas|stromschlag|allergisch\w*"
        r"|vergiftet|gefährlich)\b",
        r"\b(?:feu|incendie|fumée|brûl\w*|explos\w*|étincelles?|surchauffe\w*|bless(?:é|ée"
        r"|ure)s?|hôpital|urgences|fuite de gaz|odeur de gaz|électrocut\w*|choc électrique"
        r"|allergi\w*|intoxi\w*|dangereu\w*)\b",
        # no "explot…": a thing that exploded is the risk component's safety hazard, which
        # raises urgency in the pipeline (``SAFETY_LEVELS``); read here as a word it also
        # made "tengo la casilla explotada" (a full inbox) urgent
        r"\b(?:fuego|incendio|humo|quem(?:ado|ada|adura|ó)\w*|llamas|chispas|explosi(?:ón|ones)"
        r"|sobrecalent\w*|se derriti\w*|herid[oa]s?|lesi(?:ón|ones)|me hice daño|hospital"
        r"|urgencias|ambulancia|fuga de gas|olor a gas|huele a gas|descarga eléctrica"
        r"|electrocut\w*|alérgic\w*|alergia|intoxica\w*|peligros[oa]s?)\b",
    )),
    UrgencyRule("legal_threat", 0.6, (
        r"\b(?:lawyers?|attorneys?|solicitors?|sue|suing|lawsuit|legal action|small claims"
        r"|(?:see|take) (?:you|this|it) to court|chargeback|consumer protection"
        r"|trading standards|ombudsman|better business bureau|bbb|ftc)\b",
        r"\b(?:anwalt|anwältin|rechtsanwalt\w*|verklagen|klage|rechtliche schritte|gericht"
        r"|verbraucherzentrale|verbraucherschutz|rückbuchung|chargeback|schlichtungsstelle)\b",
        r"\b(?:avocats?|poursuivre en justice|porter plainte|plainte|procès|tribunal"
        r"|action en justice|mise en demeure|protection des consommateurs|dgccrf"
        r"|que choisir|rétrofacturation|médiateur)\b",
        r"\b(?:abogad[oa]s?|denunciar\w*|denuncia|acciones legales|vía judicial|tribunal(?:es)?"
        r"|juzgado|demandar\w*|(?:oficina|organismos?) de(?:l)? consum\w*|defensa del consumidor"
        r"|hoja de reclamaciones|reclamación formal|contracargo|facua|(?:a|la) ocu)\b",
    )),
    UrgencyRule("money_lost", 0.5, (
        r"\b(?:charged (?:me )?(?:twice|two times|2 times|three times|3 times|double)"
        r"|double[- ]charged|duplicate (?:charge|payment)|overcharged|took my money"
        r"|unauthori[sz]ed (?:charge|transaction|payment|debit)|fraud\w*|scam\w*|stolen"
        r"|(?:still )?no refund|(?:money|payment) (?:is |has )?(?:gone|missing|lost|vanished)"
        r"|lost (?:my )?money|without my (?:consent|permission))\b",
        r"\b(?:(?:doppelt|zweimal|mehrfach) (?:abgebucht|belastet|berechnet|bezahlt|abgezogen)"
        r"|betrug|betrogen|geld (?:ist )?weg|keine rückerstattung|nicht autorisiert"
        r"|unberechtigt \w+)\b",
        r"\b(?:(?:débité|prélevé|facturé) (?:deux|2|trois|3) fois|double (?:prélèvement|débit)"
        r"|(?:pas|jamais) (?:été )?rembours\w*|fraude|arnaque\w*|escroquerie"
        r"|(?:prélèvement|paiement) non autorisé|argent (?:perdu|disparu))\b",
        r"\b(?:(?:cobrado|cargado|cobrasteis|cobraron) (?:dos|2|tres|3) veces|doble cobro"
        r"|cobro duplicado|cargo duplicado|cobrado de más|fraude|estafa\w*|robad[oa]"
        r"|sin (?:mi )?(?:consentimiento|permiso)|no autorizad[oa]|(?:todavía|aún) sin (?:el )?"
        r"reembolso|nunca (?:me )?(?:devolvieron|reembolsaron)|dinero (?:perdido|desaparecido))\b",
    )),
    UrgencyRule("explicit_urgency", 0.5, (
        r"(?<!not )(?<!isn't )(?<!pas )(?<!rien d')(?<!nicht )(?<!no es )(?<!nada )"
        r"(?<!nothing )(?<!not that )(?<!not too )(?<!not very )(?<!not really )(?<!no )"
        r"(?<!not an )(?<!pas très )(?<!pas si )(?<!pas d')"
        r"\b(?:urgent(?:ly|e|es|s)?|urgence|asap|emergency|critical|time[- ]sensitive)\b",
        r"\b(?:as soon as possible|right away|immediately)\b",
        r"(?<!nicht )(?<!nichts )(?<!kein )(?<!nicht so )\b(?:dringend\w*|eilig|notfall"
        r"|so schnell wie möglich|schnellstmöglich|sofort|umgehend)\b",
        r"\b(?:au plus vite|dès que possible|le plus rapidement possible|immédiatement"
        r"|tout de suite)\b",
        r"\b(?:urgencia|emergencia|cuanto antes|lo antes posible|inmediatamente|de inmediato"
        r"|ya mismo|enseguida|con urgencia)\b",
    )),
    UrgencyRule("deadline", 0.3, (
        rf"\b(?:by|before|until|no later than) (?:tomorrow|tonight|today|noon|({_WEEKDAYS})"
        r"|end of (?:the )?(?:day|week)|eod)\b",
        r"\b(?:today|tonight|tomorrow|within (?:24|48|\d+) hours|this (?:evening|afternoon))\b",
        rf"\b(?:bis|vor) (?:morgen|heute|{_WEEKDAYS}|ende der woche|heute abend)\b",
        r"\b(?:heute|heute abend|innerhalb von (?:24|48|\d+) stunden)\b",
        r"(?<!guten )\bmorgen\b(?! früh)",
        rf"\b(?:avant|d'ici) (?:demain|ce soir|la fin de la (?:journée|semaine)|{_WEEKDAYS})\b",
        r"\b(?:aujourd'hui|demain|ce soir|dans les (?:24|48|\d+) heures)\b",
        # "antes del viernes", "hasta el sábado", "para mañana" ("antes del el viernes" was
        # what the first form of this pattern asked for)
        rf"\b(?:(?:para|antes de|hasta) (?:mañana|esta noche|hoy)|(?:para el|antes del|hasta el)"
        rf" (?:{_DIAS}|fin de semana|final de (?:la )?semana))\b",
        r"\b(?:hoy mismo|esta noche|en (?:las próximas )?(?:24|48|\d+) horas|esta tarde)\b",
        r"(?<!esta )(?<!la )(?<!pasado )\bmañana\b",
    )),
    UrgencyRule("repeated_contact", 0.4, (
        r"\b(?:(?:second|third|fourth|fifth|\d+(?:st|nd|rd|th)) time|yet again|once again"
        r"|(?:second|third|fourth|fifth) (?:try|attempt)"
        r"|(?:three|four|five|six) (?:times|tries|attempts)"
        r"|still (?:no|not|nothing|haven't|hasn't|waiting)|no (?:one|body) (?:has )?"
        r"(?:answered|replied|responded|got back|gets back|called)"
        r"|(?:several|multiple|many|numerous|countless) (?:times|calls)"
        r"|(?:sent|written|wrote|left)(?: you)?(?: so)? (?:several|multiple|many|numerous"
        r"|countless|\d+|two|three|four|five) (?:emails|e-mails|messages|mails)"
        r"|(?:for|since) (?:weeks|days|months)|already (?:contacted|written|called|emailed))\b",
        r"\b(?:zum (?:zweiten|dritten|vierten|fünften|wiederholten|x-ten|zigsten) mal"
        r"|(?:drei|vier|fünf|sechs|zehn|x)-?mal"
        r"|schon wieder|immer noch (?:kein\w*|nicht|nichts)|mehrfach|mehrmals|keine antwort"
        r"|seit (?:wochen|tagen|monaten)|bereits (?:mehrfach|zweimal|dreimal|\d+ mal))\b",
        r"\b(?:(?:deuxième|troisième|quatrième|énième) fois|encore une fois"
        r"|(?:\d+|trois|quatre|cinq) (?:demandes|tentatives|essais|relances)"
        r"|toujours (?:pas|aucune?|rien)|(?:plusieurs|maintes) (?:fois|reprises)"
        r"|aucune réponse|pas de réponse|depuis (?:des )?(?:semaines|jours|mois)"
        r"|déjà (?:contacté|écrit|appelé|relancé))\b",
        r"\b(?:(?:segunda|tercera|cuarta|quinta|enésima) vez|una vez más"
        r"|otra vez (?:sin|no|nada|lo mismo|retrasad\w*)|(?:todavía|aún) (?:no|nada|sin)"
        r"|sigo (?:sin|esperando)|nadie (?:me )?(?:ha )?(?:responde|contesta|respondido"
        r"|contestado|ayuda)|sin respuesta|ninguna respuesta|(?:varias|muchas|tantas) veces"
        # "llevo tres semanas", "hace tres semanas que espero"; not "lo pedí hace dos días"
        # (a date, as "I ordered two days ago" is in English)
        rf"|llevo (?:{COUNT_ES}|muchas) (?:días|semanas|meses)"
        rf"|hace (?:{COUNT_ES}|muchas) (?:días|semanas|meses) que"
        r"|desde hace (?:días|semanas|meses)|ya (?:os |les |te )?(?:he|había) (?:escrito"
        r"|llamado|contactado|reclamado))\b",
    )),
    # "hacked" alone, as risk reads it: not in quotes, not "hacked together a list", not
    # "nobody hacked me" / "no me hackearon"
    UrgencyRule("account_lockout", 0.45, (
        r"\b(?:locked out|(?:account|access) (?:is |was |has been |got )?(?:locked|blocked"
        rf"|suspended|disabled|frozen|hacked|compromised)|{_HACKED}hacked{_HACKED_END})\b",
        r"\b(?:(?:konto|account|zugang) (?:ist |wurde )?(?:gesperrt|blockiert|gehackt)"
        rf"|{_HACKED}gehackt{_HACKED_END}|ausgesperrt)\b",
        r"\b(?:compte (?:est |a été )?(?:bloqué|suspendu|piraté|verrouillé|désactivé)"
        rf"|{_HACKED}piraté{_HACKED_END})\b",
        r"\b(?:(?:cuenta|acceso) (?:está |ha sido |fue |me han )?(?:bloquead[oa]|suspendid[oa]"
        rf"|hackead[oa]|pirateada|desactivad[oa])|me han hackeado|{_HACKED}hackead[oa]"
        rf"{_HACKED_END})\b",
    )),
    # "I can't log in" is most often a forgotten password — the most routine request there
    # is. It nudges urgency but, alone, never makes a message "high" (a lockout or a hacked
    # account does).
    UrgencyRule("login_trouble", 0.15, (
        r"\b(?:(?:can't|cannot|can not|unable to) (?:log ?in|sign in|access (?:my )?account))\b",
        r"\b(?:kann mich nicht (?:mehr )?(?:anmelden|einloggen))\b",
        r"\b(?:(?:ne (?:peux|parviens) (?:pas|plus)|impossible de) (?:me connecter|accéder))\b",
        r"\b(?:no (?:puedo|consigo) (?:iniciar sesión|entrar|acceder|conectarme))\b",
    )),
    UrgencyRule("outage", 0.35, (
        r"\b(?:(?:is|are|went|site|service|app) (?:completely )?down|outage"
        r"|(?:not|doesn't|does not) work(?:ing)? at all|stopped working)\b",
        r"\b(?:funktioniert (?:gar|überhaupt) nicht|ausgefallen|totalausfall|geht gar nicht)\b",
        r"\b(?:en panne|ne (?:fonctionne|marche) plus|hors service)\b",
        r"\b(?:no funciona (?:nada|para nada|en absoluto)|(?:la web|la página|la app"
        r"|la aplicación) (?:no funciona|está caída|no carga)|está caíd[oa])\b",
    )),
    UrgencyRule("calm", CALM_FACTOR, (
        r"\b(?:no rush|no hurry|not urgent|isn't urgent|whenever (?:you|it's)"
        r"|at your convenience|low priority|just (?:curious|wondering|a quick question)"
        r"|nothing urgent|not (?:that|too|very|really) urgent|no emergency|not an emergency)\b",
        r"\b(?:keine eile|nicht (?:so )?dringend|nichts dringendes|kein notfall"
        r"|wenn sie zeit haben|hat zeit)\b",
        r"\b(?:pas urgent|rien d'urgent|pas (?:très|si) urgent|pas d'urgence|pas pressé"
        r"|quand vous aurez le temps)\b",
        r"\b(?:no es urgente|(?:no es )?nada urgente|sin prisa|no hay prisa|no corre prisa"
        r"|cuando (?:puedan|podáis|puedas|tengan tiempo)|con calma)\b",
    ), calm=True),
)  # fmt: skip

_COMPILED: tuple[tuple[UrgencyRule, re.Pattern[str]], ...] = tuple(
    (rule, rule.compiled()) for rule in RULES
)
# Exact shortcuts (see ``prefilter``): a rule whose required words are absent is not
# scanned; one scan of every rule's words (``LiteralIndex``) names the rules to run, so a
# message with one rule's word ("charge") runs that rule alone. Results are the same as
# scanning every rule (checked on 11,905 texts in four languages); 20 → 17 µs a message.
_RULE_FILTERS = LiteralIndex((pattern for _, pattern in _COMPILED), LEXICONS)


def level_for(score: float) -> str:
    """The level (``low``/``normal``/``high``/``urgent``) a score falls in."""
    return next(level for floor, level in _LEVEL_FLOORS if score >= floor)


LEVEL_FLOOR: dict[str, float] = {level: floor for floor, level in _LEVEL_FLOORS}

# The priority names help desks use, on tandemdesk's scale: a workspace's learned urgency
# model speaks its history's labels ("P1", "Highest", "critical"), and a label this table
# does not know is reported, never guessed at.
_PRIORITY_NAMES: dict[str, str] = {
    **{level: level for level in LEVELS},
    "p0": "urgent", "p1": "urgent", "p2": "high", "p3": "normal", "p4": "low", "p5": "low",
    "critical": "urgent", "blocker": "urgent", "emergency": "urgent", "highest": "urgent",
    "immediate": "urgent", "major": "high", "important": "high", "medium": "normal",
    "moderate": "normal", "minor": "low", "lowest": "low", "trivial": "low",
}  # fmt: skip


@lru_cache(maxsize=256)  # a model has a handful of labels: each is mapped once
def level_of_label(label: str) -> str | None:
    """A priority label on tandemdesk's scale (``P1`` → ``urgent``), or ``None``."""
    key = " ".join(label.lower().replace("_", " ").replace("-", " ").split())
    key = key.removeprefix("priority ").removeprefix("prio ")
    if key.isdigit():  # "Priority 1" is P1
        key = f"p{key}"
    return _PRIORITY_NAMES.get(key.replace(" ", ""))


def assess_urgency(text: str, prior: float = PRIOR) -> Score:
    """Score one message with the rules: level, score in [0, 1] and the evidence per rule.

    ``prior`` is the score of a message where no rule fires (``normal`` by default).

    Each ``Evidence`` has ``source="rule.<name>"``, the matched words in ``text`` with their
    offsets, and the rule weight.
    """
    evidence: list[Evidence] = []
    fired: dict[str, float] = {}
    calm = False
    for (rule, pattern), may_match in zip(_COMPILED, _RULE_FILTERS.which(text), strict=True):
        if not may_match:
            continue
        for m in pattern.finditer(text):
            evidence.append(
                Evidence(
                    source=f"rule.{rule.name}",
                    detail=f"{rule.name} ({'lowers' if rule.calm else 'adds'} {rule.weight})",
                    start=m.start(),
                    end=m.end(),
                    text=m.group(),
                    weight=rule.weight,
                )
            )
            if rule.calm:
                calm = True
            else:
                fired[rule.name] = rule.weight
    remaining = 1.0 - prior
    for weight in fired.values():
        remaining *= 1.0 - weight
    score = 1.0 - remaining
    if calm:
        score *= CALM_FACTOR
    score = round(min(1.0, max(0.0, score)), 4)
    return Score(kind="urgency", label=level_for(score), value=score, evidence=tuple(evidence))


def fired_rules(score: Score) -> list[str]:
    """Names of the rules that fired in an assessment, in rule order, without repeats."""
    return list(dict.fromkeys(e.source.removeprefix("rule.") for e in score.evidence))


@register("urgency", "urgency.rules.v1")
class UrgencyRules(Component):
    """The rule set as a component: nothing to learn, ``fit`` only checks and freezes rules.

    ``fit`` ignores labels (it exists so the shared contract — fit, save, reload, same
    predictions — holds for rule-based components too). ``predict`` gives levels,
    ``predict_score`` the scores, ``analyse`` full ``Score`` objects with evidence.
    """

    def __init__(self, prior: float = PRIOR) -> None:
        self.prior = prior

    def fit(self, texts: Sequence[str], labels: Sequence[Any] | None = None) -> Self:
        if not 0.0 <= self.prior < 1.0:
            raise ValueError(f"prior must be in [0, 1), got {self.prior}")
        self.rules_ = [rule.name for rule in RULES]
        return self

    def predict(self, texts: Sequence[str]) -> list[Any]:
        return [score.label for score in self.analyse(texts)]

    def predict_score(self, texts: Sequence[str]) -> list[float]:
        """The urgency score in [0, 1] per text."""
        return [score.value for score in self.analyse(texts)]

    def analyse(self, texts: Sequence[str]) -> list[Any]:
        self._check_fitted()
        return [assess_urgency(prepare_text(text), self.prior) for text in texts]

    def get_state(self) -> ComponentState:
        self._check_fitted()
        weights = {rule.name: rule.weight for rule in RULES}
        return ComponentState(meta={"rules": self.rules_, "weights": weights})

    def set_state(self, state: ComponentState) -> None:
        known = {rule.name for rule in RULES}
        missing = [name for name in state.meta.get("rules", []) if name not in known]
        if missing:
            raise ValueError(f"rules {missing} are not part of this tandemdesk version")
        self.rules_ = list(state.meta["rules"])

    @classmethod
    def example_data(cls) -> tuple[list[str], list[Any]]:
        texts = [
            "There is smoke coming out of the charger!",
            "Where is my order?",
            "No rush, just a quick question about colours",
            "I was charged twice and my lawyer will hear about this",
        ]
        return texts, ["urgent", "normal", "low", "urgent"]


@register("urgency", "urgency.linear.v1")
class LearnedUrgency(Component):
    """Urgency learned from a history's priority labels, with the rules as a safety net.

    Why a wrapper around ``intent.linear.v1``: a priority label is just another single-label
    text classification, and that classifier already calibrates and saves safely. ``levels``
    names the labels from least to most urgent (e.g. ``("P4", "P3", "P2", "P1")``); every
    training label must be one of them, so the score can be the expected level.

    Why keep the rules (``combine_rules``): a history rarely holds a gas leak or a lawsuit,
    so a model trained on it would call them "normal". The final level is the higher of the
    model's and the rules' (mapped onto ``levels``), the score the higher of the two, and
    the evidence shows both.
    """

    def __init__(
        self,
        levels: Sequence[str] = LEVELS,
        combine_rules: bool = True,
        embeddings: str = "wordllama",
        c: float = 0.5,
        max_features: int = 100_000,
        seed: int = 0,
    ) -> None:
        self.levels = levels
        self.combine_rules = combine_rules
        self.embeddings = embeddings
        self.c = c
        self.max_features = max_features
        self.seed = seed

    def _model(self) -> Any:
        from tandemdesk.understand.intent import LinearIntentClassifier

        return LinearIntentClassifier(
            embeddings=self.embeddings, c=self.c, max_features=self.max_features,
            multi_intent=False, seed=self.seed, out_of_scope=False,
        )  # fmt: skip

    def fit(self, texts: Sequence[str], labels: Sequence[Any] | None = None) -> Self:
        from tandemdesk.understand.errors import TrainingDataError

        levels = [str(level) for level in self.levels]
        if labels is None or len(labels) != len(texts):
            raise TrainingDataError("urgency training needs one priority label per text")
        unknown = sorted({str(y) for y in labels} - set(levels))
        if unknown:
            raise TrainingDataError(
                f"priority labels {unknown} are not in levels {levels}: pass levels=… "
                "ordered from least to most urgent"
            )
        self.model_ = self._model().fit(texts, [str(y) for y in labels])
        return self

    def _level_values(self) -> np.ndarray:
        """Per model class, its position on the levels scale in [0, 1]."""
        levels = [str(level) for level in self.levels]
        span = max(len(levels) - 1, 1)
        return np.array([levels.index(c) / span for c in self.model_.classes_])

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """The model's calibrated probabilities over ``model_.classes_`` (no rules)."""
        self._check_fitted()
        return np.asarray(self.model_.predict_proba(texts))

    def predict(self, texts: Sequence[str]) -> list[Any]:
        return [score.label for score in self.analyse(texts)]

    def analyse(self, texts: Sequence[str]) -> list[Any]:
        proba = self.predict_proba(texts)
        values = proba @ self._level_values()
        levels = [str(level) for level in self.levels]
        results: list[Score] = []
        for row, text in enumerate(texts):
            best = int(proba[row].argmax())
            label, value = str(self.model_.classes_[best]), float(values[row])
            evidence = [
                Evidence(
                    source=f"model.{self.name}",
                    detail=f"p({label})={proba[row, best]:.2f}",
                    weight=float(proba[row, best]),
                )
            ]
            if self.combine_rules:
                rules = assess_urgency(prepare_text(text))
                position = LEVELS.index(str(rules.label)) / (len(LEVELS) - 1)
                mapped = levels[round(position * (len(levels) - 1))]
                if levels.index(mapped) > levels.index(label):
                    label = mapped
                value = max(value, rules.value)
                evidence.extend(rules.evidence)
            results.append(Score("urgency", label, round(value, 4), tuple(evidence)))
        return results

    def get_state(self) -> ComponentState:
        self._check_fitted()
        state: ComponentState = self.model_.get_state()
        return state

    def set_state(self, state: ComponentState) -> None:
        model = self._model()
        model.set_state(state)
        self.model_ = model

    @classmethod
    def example_data(cls) -> tuple[list[str], list[Any]]:
        texts, levels = [], []
        for text, level in (
            ("Smoke is coming out of the charger", "urgent"),
            ("The heater smells of gas, please help now", "urgent"),
            ("I was charged twice and need the money back today", "high"),
            ("My account is locked and I cannot log in", "high"),
            ("Where is my parcel? It is late", "normal"),
            ("How do I change my delivery address?", "normal"),
            ("No rush: which colours does the jacket come in?", "low"),
            ("Just curious whether you ship to Norway someday", "low"),
        ):
            texts.append(text)
            levels.append(level)
        return texts * 2, levels * 2
