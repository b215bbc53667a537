"""Read a policy file and turn every mistake in it into a located, plain sentence.

Why the extra work over ``Policy.model_validate``: the people editing this file are support
leads, not Python developers. A pydantic error says ``rules.3.when.distres_at_least: Extra
inputs are not permitted``; we say ``line 42, rule 'distressed_to_person' (rules[3]),
when.distres_at_least: unknown condition (did you mean 'distress_at_least'?); allowed: …``.
Line numbers come from the YAML node tree (``yaml.compose``), which keeps each key's
position; all problems are reported at once so one edit-and-retry round fixes them.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from difflib import get_close_matches
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from tandemdesk.decide.errors import PolicyError
from tandemdesk.decide.policy import (
    Conditions,
    FactCheckSettings,
    IntentSettings,
    Loc,
    Policy,
    Problem,
    Queue,
    Rule,
    Thresholds,
    check_references,
    intent_places,
    suggest,
    unknown_answers,
)
from tandemdesk.decide.safe_yaml import YamlLimitError, compose_and_load
from tandemdesk.decide.vocabulary import ACTIONS, FACT_CHECKS, URGENCY_LEVELS
from tandemdesk.understand.language import NAMES as LANGUAGE_NAMES

DEFAULT_POLICY = "default_policy.yaml"
MAX_PROBLEMS = 20

_UNIT = "a number from 0 to 1"
_LEVELS = ", ".join(URGENCY_LEVELS)
#: What a field accepts, in words; used instead of pydantic's wording for type errors.
EXPECTED: dict[str, str] = {
    "version": "1 (the only policy format this tandemdesk reads)",
    "action": f"one of {', '.join(ACTIONS)}",
    "id": "a short name like distressed_to_person",
    "when": "a block of conditions, e.g. `distress_at_least: threshold`",
    "rules": "a list of rules, each with id, when and action",
    "distress": _UNIT,
    "abuse": _UNIT,
    "intent_confidence": _UNIT,
    "min_confidence": _UNIT,
    "urgency": f"one of {_LEVELS}",
    "repeat_contacts": "a whole number, 1 or more",
    "abuse_at_least": f"{_UNIT}, or `threshold` (thresholds.abuse)",
    "abuse_below": f"{_UNIT}, or `threshold` (thresholds.abuse)",
    "distress_at_least": f"{_UNIT}, or `threshold` (thresholds.distress)",
    "distress_below": f"{_UNIT}, or `threshold` (thresholds.distress)",
    "urgency_at_least": f"one of {_LEVELS}, or `threshold` (thresholds.urgency)",
    "urgency_below": f"one of {_LEVELS}, or `threshold` (thresholds.urgency)",
    "contacts_at_least": "a whole number, 1 or more, or `threshold` (thresholds.repeat_contacts)",
    "contacts_below": "a whole number, 1 or more, or `threshold` (thresholds.repeat_contacts)",
    "open_conversations_at_least": "a whole number, 1 or more",
    "confidence_at_least": f"{_UNIT}, or `intent_threshold` (the intent's min_confidence)",
    "confidence_below": f"{_UNIT}, or `intent_threshold` (the intent's min_confidence)",
    "intent_in": "a non-empty list of intents, e.g. [order_status, password_reset]",
    "intent_not_in": "a non-empty list of intents",
    "language_in": "a non-empty list of language codes, e.g. [en, de]",
    "channel_in": "a non-empty list of channels, e.g. [chat, web]",
    "sentiment_in": "a non-empty list of negative, neutral, positive",
    "always": "true (the catch-all rule)",
    "show_warning": "true or false",
    "return_window_days": "a whole number of days, 0 to 3650",
    "late_after_days": "a whole number of days, 0 to 3650",
    "points_after_days": "a whole number of days, 0 to 3650",
    "checks": "a list of fact checks (" + ", ".join(FACT_CHECKS) + "), or [] for none",
}
for _flag in (
    "intent_automatable",
    "intent_abstained",
    "intent_model_available",
    "has_second_intent",
    "has_pii",
    "has_agent",
    "asked_before",
):
    EXPECTED[_flag] = "true or false"


# ------------------------------------------------------------------------------ public API


def load_policy(source: str | Path, known_intents: Collection[str] | None = None) -> Policy:
    """A validated policy from a file path or from YAML text.

    A ``Path``, or a one-line string ending in ``.yaml``/``.yml`` or naming an existing
    file, is read as a file; any other string is YAML text. With ``known_intents`` (the
    intent model's labels) every intent the policy names must be one of them. Every problem
    raises ``PolicyError`` with the line, the field and what is allowed.
    """
    if isinstance(source, Path) or _looks_like_path(source):
        path = Path(source)
        return parse_policy(read_policy_file(path), known_intents, source=str(path))
    return parse_policy(source, known_intents)


def read_policy_file(path: Path) -> str:
    """The text of a policy file; a missing, unreadable or non-UTF-8 file is a ``PolicyError``."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as e:
        raise PolicyError(f"policy file {path} does not exist", path=str(path)) from e
    except UnicodeDecodeError as e:
        raise PolicyError(
            f"policy file {path} is not UTF-8 text (byte {e.start})", path=str(path)
        ) from e
    except OSError as e:
        raise PolicyError(f"cannot read policy file {path}: {e.strerror}") from e


def parse_policy(
    text: str,
    known_intents: Collection[str] | None = None,
    *,
    source: str = "policy",
    known_answers: Collection[str] | None = None,
    warnings: list[str] | None = None,
    known_channels: Collection[str] = (),
) -> Policy:
    """Validate policy YAML text; ``source`` names it in error messages.

    ``known_answers``: the workspace's knowledge item ids (an ``answer`` naming none is an
    error). ``warnings``: when given, intents the workspace does not know are located and
    appended there instead of failing — the shipped default names the demo shop's intents,
    and a workspace without them must still be able to run it (those rules never match);
    so are rules that can never match (``dead_rule_warnings``; ``known_channels``: the
    workspace's own channel names besides the built-in ones).
    """
    try:
        root, data = compose_and_load(text)  # bounded: aliases, depth (safe_yaml.py)
    except YamlLimitError as e:
        raise PolicyError(f"{source} is refused: {e}", source=source) from e
    except yaml.MarkedYAMLError as e:
        raise _syntax_error(e, source) from e
    except yaml.YAMLError as e:
        raise PolicyError(f"{source}: not valid YAML: {e}", source=source) from e
    if data is None:
        raise PolicyError(
            f"{source} is empty; start from the default policy "
            f"(tandemdesk/decide/{DEFAULT_POLICY}) and edit it",
            source=source,
        )
    if not isinstance(data, dict):
        raise PolicyError(
            f"{source}: a policy is a YAML mapping (version:, thresholds:, rules: …), "
            f"not a {type(data).__name__}",
            source=source,
        )
    problems = _duplicate_keys(root)
    policy: Policy | None = None
    try:
        policy = Policy.model_validate(data)
    except ValidationError as e:
        problems += _translate(e)
    if policy is not None:
        problems += check_references(policy, known_intents if warnings is None else None)
        if known_answers is not None:
            problems += unknown_answers(policy, known_answers, known_intents)
        if warnings is not None and known_intents is not None:
            warnings += _unknown_intent_warnings(policy, set(known_intents), root)
        if warnings is not None:
            warnings += dead_rule_warnings(policy, root, known_channels)
    if problems or policy is None:
        raise _policy_error(problems, root, data, source)
    return policy


def _unknown_intent_warnings(policy: Policy, known: set[str], root: yaml.Node | None) -> list[str]:
    """One sentence per intent the workspace does not have, with the lines naming it (a
    workspace without the demo's intents got 60 sentences, each listing every known intent)."""
    lines: dict[str, list[int]] = {}
    for loc, intent in intent_places(policy):
        if intent not in known:
            lines.setdefault(intent, []).append(_line(root, loc) or 0)
    warnings = []
    demo = _shipped_intents()
    if known and not known & demo and len(set(lines) & demo) > 1:
        # a shop with its own intents, and the shipped default's demo names still in it:
        # one sentence, not one per demo intent (27 of them drowned the ones that matter)
        theirs = sorted(set(lines) & demo)
        at = sorted({n for intent in theirs for n in lines.pop(intent)})
        warnings.append(
            f"lines {at[0]}-{at[-1]}: {len(theirs)} intents are the demo shop's "
            f"({', '.join(theirs[:4])}, …), none of this workspace's "
            f"({', '.join(sorted(known)[:6])}{', …' if len(known) > 6 else ''}): they never "
            "match here; put your own in automatable_intents, intent_names and the queues' "
            "intents lists (nothing is automated until you do)"
        )
    for intent, at in lines.items():
        first, *more = sorted(set(at))
        also = f" (also {', '.join(map(str, more))})" if more else ""
        warnings.append(
            f"line {first}{also}: unknown intent {intent!r}{suggest(intent, known)}; "
            "this workspace does not have it"
        )
    return warnings


@lru_cache(maxsize=1)
def _shipped_intents() -> frozenset[str]:
    """The intents the shipped default policy names (the demo shop's)."""
    return frozenset(intent for _, intent in intent_places(_default()))


CHANNELS = frozenset({"email", "chat", "web", "widget", "messenger", "whatsapp", "sms",
                      "phone", "api", "import"})  # fmt: skip
"""The channel names tandemdesk itself uses; a workspace's imports and API add their own."""
_CODE_OF = {name.lower(): code for code, name in LANGUAGE_NAMES.items()}
_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(?:-[a-z0-9]{2,8})?")


def dead_rule_warnings(
    policy: Policy, root: yaml.Node | None, known_channels: Collection[str] = ()
) -> list[str]:
    """Rules that can never match, said with their line: a language that is no language
    code ("German": the detector gives ``de``), a channel no message arrives on (a typo:
    "emial"), and every rule after a catch-all ``always: true``. Found by a lead: each of
    these passed ``policy check`` silently, and the rule simply never fired."""
    warnings: list[str] = []
    channels = CHANNELS | {c.lower() for c in known_channels}
    catch_all: str | None = None
    for index, rule in enumerate(policy.rules):
        where = f"line {_line(root, ('rules', index)) or 0}: rule {rule.id!r}"
        if catch_all is not None:
            warnings.append(f"{where} comes after {catch_all!r}, which matches every message:"
                            " it never runs (move it above)")  # fmt: skip
        if rule.when.always:
            catch_all = catch_all or rule.id
        for language in rule.when.language_in or []:
            if not _LANGUAGE_CODE.fullmatch(language):
                code = _CODE_OF.get(language)
                hint = f"; did you mean {code!r}?" if code else ""
                warnings.append(f"{where}: language {language!r} is not a language code (the "
                                f"detector gives codes like de, fr, es){hint}")  # fmt: skip
        for channel in rule.when.channel_in or []:
            if channel not in channels:
                warnings.append(f"{where}: no message arrives on channel {channel!r}"
                                f"{suggest(channel, channels)}")  # fmt: skip
    return warnings


def default_policy_text() -> str:
    """The shipped default policy, comments included (what users copy and edit)."""
    return resources.files("tandemdesk.decide").joinpath(DEFAULT_POLICY).read_text("utf-8")


@lru_cache(maxsize=1)
def _default() -> Policy:
    return parse_policy(default_policy_text(), source=DEFAULT_POLICY)


def default_policy(known_intents: Collection[str] | None = None) -> Policy:
    """The shipped default policy, optionally checked against the intent model's labels."""
    if known_intents is None:
        return _default()
    return parse_policy(default_policy_text(), known_intents, source=DEFAULT_POLICY)


# ------------------------------------------------------------------------------ internals


def _looks_like_path(source: str) -> bool:
    if not source.strip() or "\n" in source or ":" in source.split("/")[-1]:
        return False
    return source.endswith((".yaml", ".yml")) or Path(source).exists()


def _syntax_error(e: yaml.MarkedYAMLError, source: str) -> PolicyError:
    mark = e.problem_mark or e.context_mark
    line = mark.line + 1 if mark is not None else None
    what = " ".join(p for p in (e.context, e.problem) if p) or "unreadable YAML"
    hint = " (YAML indents with spaces, not tabs)" if "\\t" in what or "\t" in what else ""
    where = f", line {line}, column {mark.column + 1}" if mark is not None else ""
    return PolicyError(
        f"{source}{where}: YAML syntax error: {what}{hint}",
        source=source,
        problems=[{"line": line, "field": None, "problem": f"YAML syntax error: {what}{hint}"}],
    )


def _duplicate_keys(node: yaml.Node | None) -> list[Problem]:
    """YAML keeps the last of two equal keys without a word; a policy must not."""
    problems: list[Problem] = []

    def walk(node: yaml.Node | None, loc: Loc) -> None:
        if isinstance(node, yaml.MappingNode):
            first: dict[str, int] = {}
            for key, value in node.value:
                name = str(key.value)
                if name in first:
                    problems.append(
                        (
                            (*loc, name),
                            f"{name!r} appears twice (lines {first[name]} and "
                            f"{key.start_mark.line + 1}); YAML would silently keep only the last",
                        )
                    )
                first.setdefault(name, key.start_mark.line + 1)
                walk(value, (*loc, name))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                walk(item, (*loc, index))

    walk(node, ())
    return problems


def _model_at(loc: Loc) -> type[BaseModel]:
    """Which policy model a path inside the file belongs to (to list its allowed fields)."""
    parents = [p for p in loc if isinstance(p, str)]
    head = parents[0] if parents else ""
    if head == "rules":
        return Conditions if "when" in parents else Rule
    by_head: dict[str, type[BaseModel]] = {
        "thresholds": Thresholds,
        "queues": Queue,
        "automatable_intents": IntentSettings,
        "fact_checks": FactCheckSettings,
    }
    return by_head.get(head, Policy)


def _translate(error: ValidationError) -> list[Problem]:
    """Pydantic's errors → one located sentence per field (union branches merged)."""
    problems: dict[Loc, str] = {}
    for err in error.errors():
        loc: Loc = tuple(err["loc"])
        kind, got = err["type"], err.get("input")
        if kind == "extra_forbidden":
            model, name = _model_at(loc[:-1]), str(loc[-1])
            allowed = list(model.model_fields)
            what = "condition" if model is Conditions else "field"
            close = get_close_matches(name, allowed, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            problems[loc] = f"unknown {what} {name!r}{hint}; allowed: {', '.join(allowed)}"
            continue
        field_at = _expected_at(loc)
        if kind == "missing":
            name = str(loc[-1])
            hint = f": {EXPECTED[name]}" if name in EXPECTED else ""
            problems[loc] = f"missing required field {name!r}{hint}"
        elif field_at is not None and kind != "value_error":
            loc = loc[: field_at + 1]
            problems[loc] = f"expected {EXPECTED[str(loc[-1])]}, got {_show(got)}"
        else:
            message = str(err["msg"]).removeprefix("Value error, ")
            if kind not in ("value_error",) and got is not None:
                message += f", got {_show(got)}"
            problems.setdefault(loc, message)
    return list(problems.items())


def _expected_at(loc: Loc) -> int | None:
    """Index of the deepest part of ``loc`` that is a field with a known expectation.

    Deeper parts are pydantic's union branches (``float``, ``literal['threshold']``) or
    list positions; a queue *named* ``abuse`` is not the ``abuse`` threshold.
    """
    for i in range(len(loc) - 1, -1, -1):
        part = loc[i]
        if isinstance(part, str) and part in EXPECTED and part in _model_at(loc[:i]).model_fields:
            return i
    return None


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list" if value else "an empty list"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _line(root: yaml.Node | None, loc: Loc) -> int | None:
    """The line of the deepest node on ``loc`` (a key's own line for mapping entries)."""
    node, line = root, (root.start_mark.line + 1 if root is not None else None)
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            match = next(((k, v) for k, v in node.value if str(k.value) == str(part)), None)
            if match is None:
                break
            line, node = match[0].start_mark.line + 1, match[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(node.value):
                break
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            break
    return line


def _field(loc: Loc, data: Any) -> str:
    """``rule 'distressed_to_person' (rules[3]), when.distress_at_least`` for humans."""
    text, prefix = "", ""
    parts = list(loc)
    if len(parts) >= 2 and parts[0] == "rules" and isinstance(parts[1], int):
        rules = data.get("rules") if isinstance(data, dict) else None
        rule = rules[parts[1]] if isinstance(rules, list) and parts[1] < len(rules) else None
        rule_id = rule.get("id") if isinstance(rule, dict) else None
        prefix = f"rule {rule_id!r} (rules[{parts[1]}])" if rule_id else f"rules[{parts[1]}]"
        parts = parts[2:]
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    if prefix:
        return f"{prefix}, {text}" if text else prefix
    return text or "(top level)"


def _located(problems: list[Problem], root: yaml.Node | None, data: Any) -> list[dict[str, Any]]:
    """Problems with their line and a readable field, in file order."""
    return sorted(
        (
            {"line": _line(root, loc), "field": _field(loc, data), "problem": what}
            for loc, what in problems
        ),
        key=lambda p: p["line"] or 0,
    )


def _sentence(p: dict[str, Any]) -> str:
    where = f"line {p['line']}, {p['field']}" if p["line"] else str(p["field"])
    return f"{where}: {p['problem']}"


def _policy_error(
    problems: list[Problem], root: yaml.Node | None, data: Any, source: str
) -> PolicyError:
    located = _located(problems, root, data)
    lines = [_sentence(p) for p in located[:MAX_PROBLEMS]]
    if len(located) > MAX_PROBLEMS:
        lines.append(f"… and {len(located) - MAX_PROBLEMS} more")
    if len(lines) == 1:
        message = f"{source}, {lines[0]}"
    else:
        message = f"{source} has {len(located)} problems:\n" + "\n".join(f"  {x}" for x in lines)
    return PolicyError(message, source=source, problems=located)
