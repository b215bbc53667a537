"""Policy suggestions from decision overrides: what people keep overruling becomes a change a
lead can try in shadow mode with one command.

Why from overrides and not from model scores: an override (``correction.decision``) is a
person saying "this should have gone another way", with the numbers the decision compared
stored beside it. When the same intent is overruled in the same direction again and again,
the policy, not the person, is what is wrong:

- automated, then taken back by a person → raise that intent's ``min_confidence`` just
  above the confidences people overruled ("raise its threshold to 0.9?");
- drafted or sent to a person, then said to be automatable → lower it to the lowest
  confidence people accepted (never below ``FLOOR``), or, for an intent the policy does not
  automate, say so (a person must name its answer);
- anything else (a rule's queue, a clarifying question) → shown for review, not patched.

A suggestion's id is stable (``raise_threshold.order_status``) while the same overrides hold,
so ``tandemdesk policy try raise_threshold.order_status`` names what the lead read. Trying
it writes the patched policy to ``<workspace>/policies/`` (comments kept where the line is in
the usual one-line form), replays history through both policies (``learn/shadow``) and
counts how many of the overruled decisions would now go the way the person wanted.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import select

from tandemdesk.decide import Context, ShadowReport, decide, parse_policy
from tandemdesk.decide.policy import Policy
from tandemdesk.errors import NotFoundError, UnusableInputError
from tandemdesk.models import Agent, Decision, Message, Outcome
from tandemdesk.policies import active_policy, active_policy_text
from tandemdesk.timeutil import utcnow
from tandemdesk.understand.language import NAMES as LANGUAGE_NAMES
from tandemdesk.workspace import Workspace

FLOOR = 0.5  # never suggest automating below this confidence
CEILING = 0.99
STEP = 0.05  # thresholds are suggested in steps of 0.05 (0.85, 0.9 …)
AUTOMATE = "automate"


@dataclass
class Override:
    """One overruled decision with what it compared."""

    decision_id: int
    message_id: int
    intent: str | None
    language: str | None
    confidence: float | None
    from_action: str
    to_action: str
    rule_id: str
    by: str | None
    at: datetime


@dataclass
class Suggestion:
    """A change to the live policy that the overrides argue for."""

    id: str
    kind: str  # raise_threshold | lower_threshold | automate_intent | review_rule
    intent: str | None
    text: str
    overrides: int
    from_action: str
    to_action: str
    languages: dict[str, int] = field(default_factory=dict)
    current: float | None = None
    proposed: float | None = None
    rules: list[str] = field(default_factory=list)
    decision_ids: list[int] = field(default_factory=list)
    people: int = 0
    language: str | None = None  # the language a new rule is for (``route_language``)

    @property
    def applicable(self) -> bool:
        """Whether ``try`` can patch the policy (the others need a person's edit)."""
        return self.proposed is not None or self.kind == "route_language"

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "applicable": self.applicable}


def _times(n: int) -> str:
    return "once" if n == 1 else f"{n} times"


def _words(intent: str | None) -> str:
    return (intent or "unknown").replace("_", " ")


def read_overrides(workspace: Workspace, since: datetime, until: datetime) -> list[Override]:
    """Every ``correction.decision`` of the range with its decision's stored inputs."""
    found: list[Override] = []
    with workspace.sessions() as session:
        outcomes = session.execute(
            select(Outcome.value, Outcome.created_at, Agent.external_id)
            .outerjoin(Agent, Agent.id == Outcome.agent_id)
            .where(Outcome.kind == "correction.decision", Outcome.created_at >= since,
                   Outcome.created_at < until)
            .order_by(Outcome.id)
        ).all()  # fmt: skip
        ids = {int(v["decision_id"]) for v, _, _ in outcomes if (v or {}).get("decision_id")}
        decisions: dict[int, Decision] = {}
        chunk = sorted(ids)
        for start in range(0, len(chunk), 500):
            for d in session.scalars(
                select(Decision).where(Decision.id.in_(chunk[start : start + 500]))
            ):
                decisions[d.id] = d
        latest = {int((v or {}).get("decision_id") or 0): (v, at, by) for v, at, by in outcomes}
        for value, at, by in latest.values():  # a decision overruled twice counts once
            decision = decisions.get(int((value or {}).get("decision_id") or 0))
            if decision is None:
                continue
            inputs = decision.inputs or {}
            confidence = inputs.get("confidence")
            found.append(
                Override(
                    decision_id=decision.id,
                    message_id=decision.message_id,
                    intent=decision.intent or inputs.get("intent"),
                    language=inputs.get("language"),
                    confidence=float(confidence) if confidence is not None else None,
                    from_action=str(value.get("from") or decision.action),
                    to_action=str(value["to"]),
                    rule_id=str(value.get("rule_id") or decision.rule_id),
                    by=by,
                    at=at,
                )
            )
    return found


def _up(value: float) -> float:
    return round(min(CEILING, math.ceil(round(value / STEP, 6)) * STEP), 2)


def _down(value: float) -> float:
    return round(max(FLOOR, math.floor(round(value / STEP, 6)) * STEP), 2)


def _language_phrase(languages: Counter[str], total: int) -> str:
    if not languages:
        return ""
    top, n = languages.most_common(1)[0]
    name = LANGUAGE_NAMES.get(top, top)
    if n == total:
        return f" in {name}"
    return f" ({n} of {total} in {name})" if n / total >= 0.6 else ""


def _period(days: float) -> str:
    return "this week" if days == 7 else f"in the last {days:g} days"


TO_WORDS = {
    "route_to_human": "sent {what} to a person",
    "draft_for_agent": "had {what} drafted for a person instead",
    "ask_clarifying_question": "had the customer asked what {what} meant instead",
}


def _action_words(action: str) -> str:
    return {"route_to_human": "a person", "draft_for_agent": "a person as a draft",
            "ask_clarifying_question": "a clarifying question"}.get(action, action)  # fmt: skip


def _suggestion(
    direction: str, intent: str | None, items: list[Override], policy: Policy, days: float
) -> Suggestion | None:
    """The suggestion one group of overrides (same direction and intent) argues for."""
    languages = Counter(o.language for o in items if o.language)
    where, when, n = _language_phrase(languages, len(items)), _period(days), len(items)
    confidences = [o.confidence for o in items if o.confidence is not None]
    to_action = Counter(o.to_action for o in items).most_common(1)[0][0]
    settings = policy.automatable_intents.get(intent) if intent else None
    current = policy.min_confidence(intent) if intent else None
    base = Suggestion(
        id="", kind="", intent=intent, text="", overrides=n, from_action=items[0].from_action,
        to_action=to_action, languages=dict(languages), current=current,
        rules=sorted({o.rule_id for o in items}), decision_ids=[o.decision_id for o in items],
        people=len({o.by for o in items if o.by}),
    )  # fmt: skip
    what = f"'{_words(intent)}'{where}"
    if (
        direction == "raise"
        and settings is not None
        and confidences
        and max(confidences) >= CEILING
    ):
        # sure to the last digit: no threshold separates these, a rule must
        top = languages.most_common(1)[0][0] if languages else None
        scope = top if top and languages[top] / n >= 0.6 else None
        if suggested_rule_id(intent, scope) in {rule.id for rule in policy.rules}:
            return None  # applied already: the rule is live (trying it again would clash)
        name = LANGUAGE_NAMES.get(scope or "", scope or "")
        done = TO_WORDS.get(to_action, "overruled {what}").format(what=what)
        return replace(
            base,
            id=f"route_language.{intent}.{scope or 'all'}",
            kind="route_language",
            language=scope,
            text=(
                f"People {done} {_times(n)} {when} after it was automated, at a "
                f"confidence no threshold can stop (up to {max(confidences):.2f}): "
                f"add a rule sending '{_words(intent)}'"
                f"{' in ' + name if scope else ''} to {_action_words(to_action)}?"
            ),
        )
    if direction == "raise" and settings is not None and confidences and current is not None:
        if current > max(confidences):
            return None  # the live threshold already sends every one of these to a person
        proposed = _up(max(max(confidences) + 0.01, current + STEP))
        done = TO_WORDS.get(to_action, "overruled {what}").format(what=what)
        return replace(
            base,
            id=f"raise_threshold.{intent}",
            kind="raise_threshold",
            proposed=proposed,
            text=(
                f"People {done} {_times(n)} {when} after it was automated "
                f"(confidence {min(confidences):.2f}–{max(confidences):.2f}): "
                f"raise its threshold from {current:.2f} to {proposed:.2f}?"
            ),
        )
    if direction == "lower" and settings is not None and confidences and current:
        proposed = _down(min(confidences))
        if proposed >= current:
            return None
        return replace(
            base,
            id=f"lower_threshold.{intent}",
            kind="lower_threshold",
            proposed=proposed,
            text=(
                f"People said {what} should have been automated {_times(n)} {when} "
                f"(confidence {min(confidences):.2f}–{max(confidences):.2f}, below "
                f"its threshold {current:.2f}): lower it to {proposed:.2f}?"
            ),
        )
    if direction == "lower":
        return replace(
            base,
            id=f"automate_intent.{intent}",
            kind="automate_intent",
            text=(
                f"People said {what} should have been automated {_times(n)} {when}, "
                "but the policy does not automate it: list it under "
                "automatable_intents with its answer?"
            ),
        )
    rule = items[0].rule_id
    return replace(
        base,
        id=f"review_rule.{rule}.{intent or 'none'}.{to_action}",
        kind="review_rule",
        text=(
            f"People changed rule '{rule}' from {items[0].from_action} to "
            f"{to_action} for {what} {_times(n)} {when}: review the rule?"
        ),
    )


def suggest(
    overrides: list[Override], policy: Policy, days: float, minimum: int = 3
) -> list[Suggestion]:
    """Group overrides by intent and direction; one suggestion per group of ``minimum``+."""
    groups: defaultdict[tuple[str, str | None], list[Override]] = defaultdict(list)
    for o in overrides:
        if o.from_action == o.to_action:
            continue
        if o.from_action == AUTOMATE:
            direction = "raise"
        elif o.to_action == AUTOMATE:
            direction = "lower"
        else:
            direction = f"review:{o.rule_id}:{o.from_action}:{o.to_action}"
        groups[(direction, o.intent)].append(o)
    found: list[Suggestion] = []
    for (direction, intent), items in groups.items():
        if len(items) >= minimum:
            made = _suggestion(direction, intent, items, policy, days)
            if made is not None:
                found.append(made)
    return sorted(found, key=lambda s: (-s.overrides, s.id))


def policy_suggestions(workspace: Workspace, days: float = 7, minimum: int = 3) -> list[Suggestion]:
    """Suggestions from the last ``days`` of overrides against the live policy."""
    if days <= 0 or minimum < 1:
        raise UnusableInputError("--days must be positive and --min at least 1")
    until = utcnow()
    policy, _ = active_policy(workspace)
    return suggest(read_overrides(workspace, until - timedelta(days=days), until), policy,
                   days, minimum)  # fmt: skip


_FLOW = (
    r"^(?P<indent>[ \t]+){intent}(?P<sep>:[ \t]*)\{{(?P<body>[^}}\n]*)\}}(?P<tail>[ \t]*(#.*)?)$"
)


def patch_policy_text(text: str, intent: str, min_confidence: float) -> str:
    """The policy text with ``automatable_intents.<intent>.min_confidence`` changed.

    The usual one-line form (``order_status: {min_confidence: 0.8, answer: …}``) is edited
    in place, so the file's comments survive; any other layout is rewritten from the parsed
    document (valid, but without comments)."""
    value = f"{min_confidence:.2f}".rstrip("0").rstrip(".")
    pattern = re.compile(_FLOW.format(intent=re.escape(intent)), re.MULTILINE)
    match = pattern.search(text)
    if match is not None:
        body = match.group("body")
        if re.search(r"min_confidence:\s*[0-9.]+", body):
            body = re.sub(r"min_confidence:\s*[0-9.]+", f"min_confidence: {value}", body, count=1)
        else:
            body = f"min_confidence: {value}, {body.strip()}" if body.strip() else (
                f"min_confidence: {value}")  # fmt: skip
        line = f"{match.group('indent')}{intent}{match.group('sep')}{{{body}}}{match.group('tail')}"
        patched = text[: match.start()] + line + text[match.end() :]
    else:
        document = yaml.safe_load(text) or {}
        document.setdefault("automatable_intents", {}).setdefault(intent, {})
        document["automatable_intents"][intent] = {
            **(document["automatable_intents"][intent] or {}),
            "min_confidence": float(value),
        }
        patched = yaml.safe_dump(document, sort_keys=False, allow_unicode=True)
    check = parse_policy(patched)
    if abs(check.min_confidence(intent) - float(value)) > 1e-9:
        raise UnusableInputError(f"could not set {intent}'s min_confidence in the policy")
    return patched


def insert_rule_text(text: str, before: str, rule: dict[str, Any]) -> str:
    """The policy text with ``rule`` just before the rule ``before`` (and the comment lines
    right above it), comments kept; rewritten from the parsed document when the rules are
    not in the usual ``- id: …`` form."""
    lines = text.splitlines(keepends=True)
    at = next((i for i, line in enumerate(lines)
               if re.match(rf"^\s*- id:\s*{re.escape(before)}\s*$", line)), None)  # fmt: skip
    if at is not None:
        indent = lines[at][: lines[at].index("-")]
        while at > 0 and lines[at - 1].strip().startswith("#"):
            at -= 1
        block = yaml.safe_dump([rule], sort_keys=False, allow_unicode=True, width=1000,
                               default_flow_style=None)  # fmt: skip
        body = "".join(indent + line + "\n" for line in block.splitlines())
        patched = "".join(lines[:at]) + body + "\n" + "".join(lines[at:])
    else:
        document = yaml.safe_load(text) or {}
        rules = document.setdefault("rules", [])
        index = next((i for i, r in enumerate(rules) if r.get("id") == before), 0)
        rules.insert(index, rule)
        patched = yaml.safe_dump(document, sort_keys=False, allow_unicode=True)
    if rule["id"] not in {r.id for r in parse_policy(patched).rules}:
        raise UnusableInputError(f"could not add rule {rule['id']} to the policy")
    return patched


def suggested_rule_id(intent: str | None, language: str | None) -> str:
    """The id of the rule a ``route_language`` suggestion adds (how it is known applied)."""
    return f"suggested_{intent}_{language or 'all'}"[:80]


def suggested_policy_text(text: str, suggestion: Suggestion) -> str:
    """The live policy text with the suggestion applied (``UnusableInputError`` when the
    suggestion needs a person's edit)."""
    if suggestion.intent and suggestion.proposed is not None:
        return patch_policy_text(text, suggestion.intent, suggestion.proposed)
    if suggestion.kind == "route_language" and suggestion.intent and suggestion.rules:
        when: dict[str, Any] = {"intent_in": [suggestion.intent]}
        if suggestion.language:
            when["language_in"] = [suggestion.language]
        rule = {
            "id": suggested_rule_id(suggestion.intent, suggestion.language),
            "when": when,
            "action": suggestion.to_action,
            "explain": "Sent to a person in the {queue} queue: people kept overruling automatic "
            "answers to '{intent}' in {language} (a rule suggested from their overrides)",
        }
        if suggestion.to_action not in ("route_to_human", "draft_for_agent"):
            rule.pop("explain")
        return insert_rule_text(text, suggestion.rules[0], rule)
    raise UnusableInputError(
        f"suggestion {suggestion.id} needs a person's edit of the policy (it names no number "
        "to change); edit `tandemdesk policy show` and run `policy diff --shadow`"
    )


@dataclass
class Trial:
    """A suggestion tried in shadow mode."""

    suggestion: Suggestion
    file: Path
    report: ShadowReport
    overrides_matched: int
    overrides_checked: int

    def to_dict(self) -> dict[str, Any]:
        return {"suggestion": self.suggestion.to_dict(), "file": str(self.file),
                "shadow": self.report.to_dict(), "summary": self.report.summary(),
                "overrides_matched": self.overrides_matched,
                "overrides_checked": self.overrides_checked,
                "apply": f"tandemdesk policy apply {self.file}"}  # fmt: skip


def _matched(workspace: Workspace, suggestion: Suggestion, candidate: Policy) -> tuple[int, int]:
    """How many of the overruled messages the candidate would now decide as people did."""
    from tandemdesk.learn.model_store import load_pipeline

    with workspace.sessions() as session:
        rows = session.execute(
            select(Decision.id, Message.text, Message.channel)
            .join(Message, Message.id == Decision.message_id)
            .where(Decision.id.in_(suggestion.decision_ids[:500]))
        ).all()
    if not rows:
        return 0, 0
    wanted = dict.fromkeys((r[0] for r in rows), suggestion.to_action)
    understood = load_pipeline(workspace).understand([r[1] for r in rows])
    matched = 0
    for (decision_id, _, channel), u in zip(rows, understood, strict=True):
        action = decide(u, Context(channel=channel or "api"), candidate).action
        to = wanted[decision_id]
        matched += action == to or (to != AUTOMATE and action != AUTOMATE)
    return matched, len(rows)


def try_suggestion(
    workspace: Workspace, suggestion_id: str, days: float = 7, minimum: int = 3,
    limit: int = 2000,
) -> Trial:  # fmt: skip
    """Write the suggestion's policy and compare it with the live one in shadow mode."""
    from tandemdesk.learn.shadow import shadow_report

    found = {s.id: s for s in policy_suggestions(workspace, days, minimum)}
    suggestion = found.get(suggestion_id)
    if suggestion is None:
        known = ", ".join(found) or "none right now"
        raise NotFoundError(f"no suggestion {suggestion_id!r} (current: {known})")
    text = suggested_policy_text(active_policy_text(workspace), suggestion)
    folder = Path(workspace.settings.workspace_dir) / "policies"
    folder.mkdir(parents=True, exist_ok=True)
    safe_id = re.sub(r"[^\w.-]+", "_", suggestion.id)  # an intent may be "Shipping delay"
    path = folder / f"suggestion-{safe_id}-{utcnow():%Y%m%d%H%M%S}.yaml"
    path.write_text(text, encoding="utf-8")
    report = shadow_report(workspace, path, limit)
    matched, checked = _matched(workspace, suggestion, parse_policy(text))
    return Trial(suggestion, path, report, matched, checked)
