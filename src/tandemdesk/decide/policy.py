"""The decision policy: what users may write in the YAML file, validated with pydantic.

Why a file and not settings or code: who answers a customer is a business decision that
supervisors change (a new intent becomes routine, a threshold is too eager). A file can be
reviewed, diffed, versioned and tried in shadow mode (``shadow.compare``) before it goes
live, and ``Decision.policy_hash`` records which exact policy decided each message.

Shape (``version: 1``): ``thresholds``, ``automatable_intents`` (intent → ``min_confidence``,
the ``answer`` item(s) that answer it, ``needs_action``, the fact ``checks``), ``fact_checks``
(the shop's return window and lateness the checks read), ``intent_names`` (what customers
read for an intent, per language: the options of a clarifying question), ``queues`` (who may
work them), and ordered ``rules`` — the first
rule whose ``when`` conditions all hold decides. Every model forbids unknown fields, so a
typo is an error listing the allowed words rather than a setting silently ignored.

Checks that need the whole file (queue names, unknown intents, duplicate rule ids) live in
``check_references``, which returns located problems so ``loading`` can report their lines.
"""

from __future__ import annotations

import hashlib
import re
import string
from collections.abc import Collection
from difflib import get_close_matches
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from tandemdesk.decide.people import Hours, Minutes, People
from tandemdesk.decide.vocabulary import (
    BY_INTENT,
    HUMAN_ACTIONS,
    NUMBERS_FOR,
    PLACEHOLDERS,
    Action,
    FactCheck,
    RiskCategory,
    SmallTalk,
    UrgencyLevel,
)

Unit = Annotated[float, Field(ge=0.0, le=1.0)]
"""A score or confidence in [0, 1]."""

Loc = tuple[str | int, ...]
Problem = tuple[Loc, str]
"""Where in the file (a pydantic-style path) and what is wrong, in words."""

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_NAME_HINT = "use lower-case letters, digits and _, starting with a letter"
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")
Sentiment = Literal["negative", "neutral", "positive"]


class _Strict(BaseModel):
    """Frozen, and unknown fields are errors (typos must not be silently ignored)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Thresholds(_Strict):
    """The numbers rules refer to with the word ``threshold`` — change them in one place."""

    distress: Unit = 0.6
    abuse: Unit = 0.5
    urgency: UrgencyLevel = "high"
    repeat_contacts: Annotated[int, Field(ge=1)] = 2
    intent_confidence: Unit = 0.8
    risk: Unit = 0.5


Days = Annotated[int, Field(ge=0, le=3650)]


class FactCheckSettings(_Strict):
    """The shop's own numbers the fact checks (``IntentSettings.checks``) read: a parcel is
    late ``late_after_days`` after its delivery estimate, a return is routine within
    ``return_window_days`` of delivery, loyalty points are due ``points_after_days`` after
    it. Defaults: the demo shop's (a conservative 30-day returns shop)."""

    return_window_days: Days = 30
    late_after_days: Days = 1
    points_after_days: Days = 14


class IntentSettings(_Strict):
    """One automatable intent: how sure the model must be, and which answer to use.

    ``answer``: the knowledge item id (or a list of ids) that answers this intent — that
    item, in the customer's language, is the answer; retrieval only picks among the listed
    ones (``act.answers.compose_answer``). ``language_fallback``: when the customer's
    language has no version of the item, answer in English (flagged) instead of handing
    over. ``needs_action``: the request needs a person to *do* something (cancel an order,
    change an address): it is never answered automatically — with a how-to or a macro that
    claims it was done — only drafted for an agent, so ``Signals.automatable`` is false.
    ``checks``: what the customer's own facts must say for the request to be routine
    (``vocabulary.FACT_CHECKS``: ``order_in_transit`` for "where is my order", ``returnable``
    …); an objection hands the message to a person with it as the reason. Unset, the
    built-in checks of the intent's name apply (the demo shop's intents); ``[]``: none.
    """

    min_confidence: Unit | None = None
    answer: str | list[str] | None = None
    language_fallback: bool = False
    needs_action: bool = False
    checks: list[FactCheck] | None = None

    @field_validator("answer")
    @classmethod
    def _answer_ids(cls, value: str | list[str] | None) -> str | list[str] | None:
        ids = [value] if isinstance(value, str) else value or []
        if any(not item.strip() for item in ids) or value == []:
            raise ValueError("answer names a knowledge item id, or a non-empty list of ids")
        return value

    @property
    def answer_ids(self) -> tuple[str, ...]:
        """The ``answer`` ids as a tuple (one id or a list in the file)."""
        if self.answer is None:
            return ()
        return (self.answer,) if isinstance(self.answer, str) else tuple(self.answer)


class Queue(_Strict):
    """A named queue and who may work it (``act`` routes; ``decide`` only names the queue).

    ``roles``: an agent's role must be one of these (empty: any role). ``skills``: an agent
    needs at least one of these (empty: any agent). ``intents``: messages with these intents
    land here when a rule says ``queue: by_intent``. ``show_warning``: the console warns
    before showing the message (abusive text). ``protocol``: what the agent must do first
    (a crisis queue's response protocol); the hand-off shows it above everything else.
    """

    description: str = ""
    roles: list[str] = Field(default_factory=list)
    skills: list[str] = Field(default_factory=list)
    intents: list[str] = Field(default_factory=list)
    show_warning: bool = False
    protocol: str | None = None
    # people (issue 16): when the queue is staffed and how fast a first reply is due
    hours: Hours | None = None
    first_reply_minutes: dict[UrgencyLevel, Minutes] | None = None


class Conditions(_Strict):
    """The ``when`` block of a rule: every condition given must hold (logical AND).

    ``*_at_least`` / ``*_below`` compare a signal with a number or with ``threshold`` (the
    matching entry of ``thresholds``); ``confidence_*`` may say ``intent_threshold`` (the
    intent's ``min_confidence``). ``always: true`` is the catch-all for the last rule.
    """

    always: Literal[True] | None = None
    abuse_at_least: Unit | Literal["threshold"] | None = None
    abuse_below: Unit | Literal["threshold"] | None = None
    distress_at_least: Unit | Literal["threshold"] | None = None
    distress_below: Unit | Literal["threshold"] | None = None
    urgency_at_least: UrgencyLevel | Literal["threshold"] | None = None
    urgency_below: UrgencyLevel | Literal["threshold"] | None = None
    contacts_at_least: Annotated[int, Field(ge=1)] | Literal["threshold"] | None = None
    contacts_below: Annotated[int, Field(ge=1)] | Literal["threshold"] | None = None
    open_conversations_at_least: Annotated[int, Field(ge=1)] | None = None
    confidence_at_least: Unit | Literal["intent_threshold"] | None = None
    confidence_below: Unit | Literal["intent_threshold"] | None = None
    intent_in: Annotated[list[str], Field(min_length=1)] | None = None
    intent_not_in: Annotated[list[str], Field(min_length=1)] | None = None
    intent_automatable: bool | None = None
    intent_abstained: bool | None = None
    intent_model_available: bool | None = None
    has_second_intent: bool | None = None
    language_in: Annotated[list[str], Field(min_length=1)] | None = None
    channel_in: Annotated[list[str], Field(min_length=1)] | None = None
    sentiment_in: Annotated[list[Sentiment], Field(min_length=1)] | None = None
    has_pii: bool | None = None
    has_agent: bool | None = None
    risk_in: Annotated[list[RiskCategory], Field(min_length=1)] | None = None
    risk_at_least: Unit | Literal["threshold"] | None = None
    risk_below: Unit | Literal["threshold"] | None = None
    threat: bool | None = None
    out_of_scope: bool | None = None
    small_talk_in: Annotated[list[SmallTalk], Field(min_length=1)] | None = None
    wants_person: bool | None = None
    vague: bool | None = None
    tried_already: bool | None = None
    intent_from_sentence: bool | None = None
    asked_before: bool | None = None

    @field_validator("language_in", "channel_in")
    @classmethod
    def _lower(cls, value: list[str] | None) -> list[str] | None:
        return None if value is None else [v.strip().lower() for v in value]

    @model_validator(mode="after")
    def _meaningful(self) -> Conditions:
        given = self.given()
        if not given:
            raise ValueError(
                "a rule needs at least one condition; write `always: true` for a catch-all rule"
            )
        if "always" in given and len(given) > 1:
            raise ValueError("`always: true` cannot be combined with other conditions")
        return self

    _given: dict[str, Any] = PrivateAttr(default_factory=dict)

    def model_post_init(self, context: Any, /) -> None:
        # Computed once: rules are matched for every message of a batch.
        self._given = {k: v for k, v in self.model_dump().items() if v is not None}

    def given(self) -> dict[str, Any]:
        """The conditions this rule sets, in vocabulary order (the order sentences use)."""
        return dict(self._given)


class Rule(_Strict):
    """One rule: if all ``when`` conditions hold, take ``action`` (first match wins).

    ``acknowledge_handover``: the customer is told, in their language, that a person will
    take over (for actions that involve a person; e.g. when they asked for one).
    """

    id: str
    when: Conditions
    action: Action
    queue: str | None = None
    explain: str | None = None
    acknowledge_handover: bool = False

    @field_validator("id")
    @classmethod
    def _id_shape(cls, value: str) -> str:
        if not _NAME.match(value):
            raise ValueError(f"rule id {value!r}: {_NAME_HINT} (e.g. distressed_to_person)")
        return value

    @field_validator("explain")
    @classmethod
    def _explain_shape(cls, value: str | None) -> str | None:
        if value is not None:
            template_fields(value)
        return value


class Policy(_Strict):
    """A whole policy file. Build it with ``loading.load_policy`` (located, friendly errors)."""

    version: Literal[1]
    name: str = "unnamed policy"
    description: str = ""
    thresholds: Thresholds = Field(default_factory=Thresholds)
    automatable_intents: dict[str, IntentSettings] = Field(default_factory=dict)
    fact_checks: FactCheckSettings = Field(default_factory=FactCheckSettings)
    intent_names: dict[str, dict[str, str]] = Field(default_factory=dict)
    queues: dict[str, Queue] = Field(default_factory=lambda: {"general": Queue()})
    default_queue: str = "general"
    rules: Annotated[list[Rule], Field(min_length=1)]
    people: People = Field(default_factory=People)  # hours, first replies, breaks, alerts

    _hash: str = PrivateAttr(default="")

    @field_validator("automatable_intents", mode="before")
    @classmethod
    def _empty_settings(cls, value: Any) -> Any:
        # `order_status:` with nothing after it means "automatable, default settings".
        if isinstance(value, dict):
            return {k: ({} if v is None else v) for k, v in value.items()}
        return value

    @field_validator("intent_names")
    @classmethod
    def _names_shape(cls, value: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
        # Customers read these inside a question: a language code and a plain phrase each.
        for intent, names in value.items():
            for language, name in names.items():
                if not _LANGUAGE.match(language):
                    raise ValueError(
                        f"intent_names.{intent}: {language!r} is not a language code "
                        "(two or three lower-case letters: en, de, fr, es)"
                    )
                if not name.strip() or "{" in name or "}" in name:
                    raise ValueError(
                        f"intent_names.{intent}.{language}: write the name customers read, "
                        "without braces"
                    )
        return {i: {k: v.strip() for k, v in names.items()} for i, names in value.items()}

    def model_post_init(self, context: Any, /) -> None:
        canonical = self.model_dump_json().encode()
        self._hash = hashlib.sha256(canonical).hexdigest()[:16]

    @property
    def content_hash(self) -> str:
        """Hash of the validated content: comments and layout do not change it."""
        return self._hash

    def min_confidence(self, intent: str | None) -> float:
        """The confidence ``intent`` needs to be automated (its own, else the default)."""
        settings = self.automatable_intents.get(intent) if intent else None
        if settings is not None and settings.min_confidence is not None:
            return settings.min_confidence
        return self.thresholds.intent_confidence

    def answer_ids(self, intent: str | None) -> tuple[str, ...]:
        """The knowledge items the policy names to answer ``intent`` (empty: none named)."""
        settings = self.automatable_intents.get(intent) if intent else None
        return settings.answer_ids if settings is not None else ()

    def needs_action(self, intent: str | None) -> bool:
        """Whether ``intent`` needs a person to do something (never answered automatically)."""
        settings = self.automatable_intents.get(intent) if intent else None
        return settings is not None and settings.needs_action

    def language_fallback(self, intent: str | None) -> bool:
        """Whether ``intent`` may be answered in English when the customer's language lacks
        its answer."""
        settings = self.automatable_intents.get(intent) if intent else None
        return settings is not None and settings.language_fallback

    def warned_roles(self) -> tuple[str, ...]:
        """The roles of the queues that warn before showing a message (abusive text): who
        the shop lets take abuse, wherever an abusive message lands (empty: no such queue
        names roles, and routing keeps its default experienced roles)."""
        roles = (
            role for queue in self.queues.values() if queue.show_warning for role in queue.roles
        )
        return tuple(dict.fromkeys(roles))

    def queue_for(self, intent: str | None) -> str:
        """The queue that lists ``intent`` in its ``intents``, else ``default_queue``."""
        if intent is not None:
            for name, queue in self.queues.items():
                if intent in queue.intents:
                    return name
        return self.default_queue


def template_fields(template: str) -> set[str]:
    """The placeholder names of an ``explain`` template; bad syntax or names raise ValueError.

    Only bare ``{name}`` is allowed: values are pre-formatted strings, and refusing
    attribute access and format specs keeps a user's template from reaching into objects.
    """
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as e:
        raise ValueError(f"explain template is not valid ({e}); write {{{{ for a brace") from e
    names: set[str] = set()
    for _, name, spec, conversion in parsed:
        if name is None:
            continue
        if spec or conversion:
            raise ValueError(f"write {{{name}}} without a format or conversion in explain")
        if name not in PLACEHOLDERS:
            hint = suggest(name, PLACEHOLDERS)
            raise ValueError(
                f"unknown placeholder {{{name}}} in explain{hint}; "
                f"allowed: {', '.join(PLACEHOLDERS)}"
            )
        names.add(name)
    return names


def suggest(word: str, choices: Collection[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest of ``choices``, else nothing."""
    close = get_close_matches(word, list(choices), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def check_references(policy: Policy, known_intents: Collection[str] | None) -> list[Problem]:
    """Problems that need the whole file: names that must exist, ids that must be unique."""
    problems: list[Problem] = []
    queues = set(policy.queues)
    if policy.default_queue not in queues:
        problems.append(
            (("default_queue",), f"unknown queue {policy.default_queue!r}; {_queues(queues)}")
        )
    for name in policy.queues:
        if not _NAME.match(name):
            problems.append((("queues", name), f"queue name {name!r}: {_NAME_HINT}"))
    seen_intent: dict[str, str] = {}
    for name, queue in policy.queues.items():
        for intent in queue.intents:
            if intent in seen_intent:
                problems.append(
                    (
                        ("queues", name, "intents"),
                        f"intent {intent!r} is already in queue {seen_intent[intent]!r}; "
                        "an intent can belong to one queue only",
                    )
                )
            seen_intent.setdefault(intent, name)
    seen_rule: set[str] = set()
    for index, rule in enumerate(policy.rules):
        problems += _check_rule(policy, index, rule, queues, seen_rule)
        seen_rule.add(rule.id)
    if known_intents is not None:
        problems += unknown_intents(policy, set(known_intents))
    return problems


def unknown_answers(
    policy: Policy, known: Collection[str], intents: Collection[str] | None
) -> list[Problem]:
    """An ``answer`` must name an article or macro that exists (``known``: every item's id
    and the id its language versions share): a typo there would otherwise hand every such
    customer to a person with "not in the knowledge base" and nobody would see why
    automation dropped. Intents outside ``intents`` (when given) are skipped: the workspace
    does not have them, which is reported on its own."""
    problems: list[Problem] = []
    for intent, settings in policy.automatable_intents.items():
        if intents is not None and intent not in intents:
            continue  # the workspace has no such intent: reported as a warning instead
        for n, item in enumerate(settings.answer_ids):
            if item not in known:
                loc: Loc = ("automatable_intents", intent, "answer")
                if isinstance(settings.answer, list):
                    loc = (*loc, n)
                problems.append(
                    (
                        loc,
                        f"no article or macro {item!r} in this workspace"
                        f"{suggest(item, known)}; import it (tandemdesk import articles) "
                        "or name an existing one",
                    )
                )
    return problems


def _queues(queues: Collection[str]) -> str:
    return f"defined queues: {', '.join(sorted(queues)) or '(none)'}"


def _check_rule(
    policy: Policy, index: int, rule: Rule, queues: set[str], seen: set[str]
) -> list[Problem]:
    loc: Loc = ("rules", index)
    problems: list[Problem] = []
    if rule.id in seen:
        problems.append(((*loc, "id"), f"rule id {rule.id!r} is used twice; ids must be unique"))
    if rule.queue is not None and rule.queue != BY_INTENT and rule.queue not in queues:
        problems.append(
            (
                (*loc, "queue"),
                f"unknown queue {rule.queue!r}{suggest(rule.queue, queues)}; "
                f"{_queues(queues)}, or {BY_INTENT}",
            )
        )
    given = rule.when.given()
    if rule.explain is not None:
        used = template_fields(rule.explain)
        missing = [
            f"{{{sorted(NUMBERS_FOR[c])[0]}}} (the rule uses {c})"
            for c in given
            if c in NUMBERS_FOR and not used & NUMBERS_FOR[c]
        ]
        if missing:
            problems.append(
                (
                    (*loc, "explain"),
                    "the sentence must show the numbers the rule decides on; add "
                    + ", ".join(missing),
                )
            )
    if rule.action not in HUMAN_ACTIONS and rule.queue is not None:
        problems.append(
            ((*loc, "queue"), f"{rule.action} involves no person, so it takes no queue")
        )
    if rule.acknowledge_handover and rule.action not in HUMAN_ACTIONS:
        problems.append(
            (
                (*loc, "acknowledge_handover"),
                f"{rule.action} involves no person, so there is no handover to acknowledge",
            )
        )
    if rule.action == "reply_courtesy" and "small_talk_in" not in given:
        problems.append(
            (
                (*loc, "when"),
                "a reply_courtesy rule must say which small talk it answers "
                "(`small_talk_in: [thanks, greeting, …]`): a courtesy reply to a request "
                "would ignore it",
            )
        )
    if rule.action == "automate":
        listed = given.get("intent_in")
        if given.get("intent_automatable") is not True and not listed:
            problems.append(
                (
                    (*loc, "when"),
                    "an automate rule must name what it automates: add "
                    "`intent_automatable: true` or `intent_in: [...]`",
                )
            )
        for intent in listed or []:
            if policy.needs_action(intent):
                problems.append(
                    (
                        (*loc, "when", "intent_in"),
                        f"automate rule lists {intent!r}, which needs_action (a person must "
                        "do it): use draft_for_agent or route_to_human",
                    )
                )
            if intent not in policy.automatable_intents:
                problems.append(
                    (
                        (*loc, "when", "intent_in"),
                        f"automate rule lists {intent!r}, which is not in automatable_intents "
                        "(add it there with its min_confidence and answer)",
                    )
                )
    return problems


def intent_places(policy: Policy) -> list[tuple[Loc, str]]:
    """Every place the policy names an intent, with the intent."""
    places: list[tuple[Loc, str]] = [
        (("automatable_intents", i), i) for i in policy.automatable_intents
    ]
    places += [(("intent_names", i), i) for i in policy.intent_names]
    for name, queue in policy.queues.items():
        places += [(("queues", name, "intents", n), i) for n, i in enumerate(queue.intents)]
    for index, rule in enumerate(policy.rules):
        for field in ("intent_in", "intent_not_in"):
            values: list[str] = getattr(rule.when, field) or []
            places += [(("rules", index, "when", field, n), i) for n, i in enumerate(values)]
    return places


def unknown_intents(policy: Policy, known: set[str]) -> list[Problem]:
    """The intents the policy names that the workspace does not know (its model's labels and
    its history's), as errors for ``load_policy``."""
    listing = ", ".join(sorted(known)) or "(none: no intent model is trained)"
    return [
        (loc, f"unknown intent {intent!r}{suggest(intent, known)}; known intents: {listing}")
        for loc, intent in intent_places(policy)
        if intent not in known
    ]
