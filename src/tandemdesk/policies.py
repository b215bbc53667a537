"""The workspace's policy versions: store, validate, activate (``tandemdesk policy …``).

An invalid policy never replaces the working one: the text is validated against the
workspace's known intents *before* anything is written, and the new version becomes active
in the same transaction that deactivates the old one. Without any stored version the
shipped default policy is live.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from difflib import unified_diff
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, update

from tandemdesk import events
from tandemdesk.act.answers_fill import states_order_facts
from tandemdesk.act.answers_rules import DEFAULT_CHECKS
from tandemdesk.db import transaction
from tandemdesk.decide import (
    Policy,
    default_policy,
    default_policy_text,
    parse_policy,
    read_policy_file,
)
from tandemdesk.decide.vocabulary import FACT_CHECKS
from tandemdesk.errors import NotFoundError
from tandemdesk.learn.model_versions import active_version, folder_of
from tandemdesk.models import Article, Conversation, PolicyVersion
from tandemdesk.timeutil import utcnow
from tandemdesk.understand.artifacts import read_manifest
from tandemdesk.workspace import Workspace


def known_intents(workspace: Workspace) -> set[str] | None:
    """Intents a policy may name: the active intent model's labels and the history's labels
    (None when the workspace knows no intents yet, so nothing can be checked)."""
    intents: set[str] = set()
    with workspace.sessions() as session:
        intents.update(str(i) for i in session.scalars(select(Conversation.intent).distinct()) if i)
    active = active_version(workspace, "intent")
    if active is not None:
        intents.update(str(label) for label in read_manifest(folder_of(workspace, active)).labels)
    return intents or None


def _knowledge(workspace: Workspace) -> tuple[dict[str, set[str]] | None, set[str]]:
    """Ids a policy ``answer`` may name — every article's and macro's id, and the id its
    language versions share (``kb-returns-policy`` for ``kb-returns-policy-de``) — each with
    the intents it is written for (None when the workspace has no knowledge base yet: then
    nothing can be checked, only warned); and the ids whose text states the customer's
    order (an ``{{order.…}}``, ``{{shipment.…}}`` or ``{{refund.…}}`` placeholder)."""
    with workspace.sessions() as session:
        rows = session.execute(
            select(Article.external_id, Article.language, Article.intents, Article.placeholders)
        )
        written_for: dict[str, set[str]] = {}
        about_orders: set[str] = set()
        for external_id, language, intents, placeholders in rows:
            names = {str(external_id), str(external_id).removesuffix(f"-{language}")}
            for name in names:
                written_for.setdefault(name, set()).update(str(i) for i in intents or [])
            if states_order_facts(placeholders or []):
                about_orders |= names
    return written_for or None, about_orders


def _answers_of_other_intents(policy: Policy, written_for: dict[str, set[str]]) -> list[str]:
    """An ``answer`` that is an article or macro written for other intents only: it would
    be sent as the answer to this one (found onboarding a bank: the top-up limits question
    was answered with the exchange-rates article, ``policy check`` silent)."""
    return [
        f"automatable_intents.{intent}.answer: {item!r} is written for "
        f"{', '.join(sorted(written_for[item]))}, not {intent!r}; it would be sent as the "
        f"answer to {intent!r} (tag it with the intent in the knowledge base, or name another)"
        for intent, settings in policy.automatable_intents.items()
        for item in settings.answer_ids
        if written_for.get(item) and intent not in written_for[item]
    ]


def _unchecked_order_answers(policy: Policy, about_orders: set[str]) -> list[str]:
    """An intent answered automatically with the customer's order facts, and nothing checks
    those facts first: the shop's own "where is my parcel" intent (not named ``order_status``)
    would tell a customer whose parcel was delivered ten days ago, or is a week late, that
    it is on its way. ``checks: []`` says the shop chose none, and is not warned about."""
    warnings = []
    for intent, settings in policy.automatable_intents.items():
        if settings.needs_action or settings.checks is not None or intent in DEFAULT_CHECKS:
            continue
        stating = [item for item in settings.answer_ids if item in about_orders]
        if stating:
            warnings.append(
                f"automatable_intents.{intent}: its answer {stating[0]!r} states the "
                "customer's order, but no fact check reads the order first, so a parcel "
                "delivered, late or cancelled would be answered as routine; add checks: "
                f"[order_in_transit] (or one of {', '.join(FACT_CHECKS)}; [] for none)"
            )
    return warnings


def _unnamed_intents(policy: Policy, intents: set[str]) -> list[str]:
    """The workspace's intents the policy gives no English name (``intent_names``).

    Found onboarding a shop whose history names its intents ``wismo`` and ``login_help``:
    the hand-off told agents "Wants: wismo", and the chat's clarifying question could never
    offer them as choices (an intent is offered only by a name in the customer's language,
    never by its id). Nothing said why; this says it once, with the fix.
    """
    unnamed = sorted(i for i in intents if "en" not in policy.intent_names.get(i, {}))
    if not unnamed:
        return []
    shown = ", ".join(repr(i) for i in unnamed[:5]) + (" …" if len(unnamed) > 5 else "")
    return [
        f"intent_names: {len(unnamed)} of this workspace's intents have no name for people "
        f"({shown}): agents read the id in the hand-off, and a clarifying question cannot "
        f"offer them as choices; add e.g. intent_names: {{{unnamed[0]}: {{en: what it is "
        "about, de: …, fr: …, es: …}}"
    ]


def _read(workspace: Workspace, source: str | Path) -> tuple[str, Policy, list[str]]:
    """The policy's text, the policy validated against this workspace, and its warnings.

    Intents the workspace does not have are warnings (the shipped default names the demo
    shop's intents; elsewhere those rules simply never match); an ``answer`` naming no
    article or macro of the workspace is an error.

    A ``Path`` is a file (the CLI); a ``str`` is always the YAML itself, never a file name:
    the API and the console pass what a person typed, which must not make the server read
    its own files.
    """
    text = read_policy_file(source) if isinstance(source, Path) else source
    intents, (answers, about_orders) = known_intents(workspace), _knowledge(workspace)
    with workspace.sessions() as session:
        channels = {str(c) for c in session.scalars(select(Conversation.channel).distinct()) if c}
    warnings: list[str] = []
    policy = parse_policy(
        text,
        intents or set(),
        source=str(source) if isinstance(source, Path) else "policy",
        known_answers=answers,
        warnings=warnings,
        known_channels=channels,
    )
    if intents is None and warnings:  # one sentence, not one per place an intent is named
        warnings = [
            f"this workspace knows no intents yet (no labelled history, no intent model), so "
            f"the {len(warnings)} places the policy names an intent never match; import "
            "labelled conversations and train (tandemdesk retrain) to use them"
        ]
    warnings += _answers_of_other_intents(policy, answers or {})
    warnings += _unchecked_order_answers(policy, about_orders)
    warnings += _unnamed_intents(policy, intents or set())
    if answers is None and any(s.answer_ids for s in policy.automatable_intents.values()):
        warnings.append(
            "this workspace has no articles or macros yet, so no `answer:` can be checked and "
            "nothing is answered automatically; import them (tandemdesk import articles)"
        )
    return text, policy, warnings


def check_policy_with_warnings(
    workspace: Workspace, source: str | Path
) -> tuple[Policy, list[str]]:
    """Validate a policy file or text against this workspace (raises ``PolicyError``) and
    say what in it will not work as written here (``_read``'s warnings)."""
    _, policy, warnings = _read(workspace, source)
    return policy, warnings


def check_policy(workspace: Workspace, source: str | Path) -> Policy:
    """Validate a policy file or text against this workspace (raises ``PolicyError``)."""
    return _read(workspace, source)[1]


def save_policy(
    workspace: Workspace,
    source: str | Path,
    activate: bool = True,
    *,
    by: str | None = None,
    note: str | None = None,
    warnings: list[str] | None = None,
) -> PolicyVersion:
    """Validate, then store as the next version (and make it live when ``activate``); the
    live text again, however its trailing blank lines differ, stores nothing and returns the
    live version.

    ``by`` (a login, a token's name, ``cli``) and ``note`` go into the policy history, so a
    lead can see who changed the live policy and roll back to any earlier version.
    ``warnings``, when given, receives what in the stored text never matches here: the
    warnings of the very text stored, without reading and validating it a second time.
    """
    text, policy, found = _read(workspace, source)
    if warnings is not None:
        warnings.extend(found)
    with transaction(workspace.sessions) as session:
        live = session.scalars(select(PolicyVersion).where(PolicyVersion.active)).first()
        if activate and live is not None and live.content.rstrip() == text.rstrip():
            # the live text again (``policy show > p.yaml && policy apply p.yaml``): a new
            # version would fill the history with changes that change nothing
            return live
        latest = session.scalar(select(func.max(PolicyVersion.version))) or 0
        if activate:
            session.execute(update(PolicyVersion).values(active=False))
        version = PolicyVersion(
            version=latest + 1,
            name=policy.name,
            content=text,
            content_hash=policy.content_hash,
            active=activate,
            created_at=utcnow(),
            created_by=(by or "")[:200] or None,
            note=(note or "")[:500] or None,
        )
        session.add(version)
    events.emit("policy.changed", {"version": version.version, "active": activate})
    return version


def policy_diff(before: str, after: str, before_name: str, after_name: str) -> str:
    """A unified diff of two policy texts (what a lead reads before making one live)."""
    lines = unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile=before_name,
        tofile=after_name,
        n=2,
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


@dataclass(frozen=True)
class HistoryEntry:
    """One stored policy version as the history shows it, with what it changed."""

    version: int
    name: str
    created_at: datetime
    created_by: str | None
    note: str | None
    active: bool
    content_hash: str
    diff: str  # against the version before it (the shipped default for the first)

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "created_at": self.created_at.isoformat()}


def policy_history(workspace: Workspace, limit: int = 50) -> list[HistoryEntry]:
    """The newest ``limit`` policy versions, newest first, each with its diff."""
    with workspace.sessions() as session:
        rows = list(
            session.scalars(
                select(PolicyVersion).order_by(PolicyVersion.version.desc()).limit(limit + 1)
            )
        )
    entries: list[HistoryEntry] = []
    for row, before in zip(rows, [*rows[1:], None], strict=False):
        if len(entries) == limit:
            break
        previous_text = before.content if before is not None else default_policy_text()
        previous_name = f"v{before.version}" if before is not None else "default"
        entries.append(
            HistoryEntry(
                version=row.version,
                name=row.name,
                created_at=row.created_at,
                created_by=row.created_by,
                note=row.note,
                active=row.active,
                content_hash=row.content_hash,
                diff=policy_diff(previous_text, row.content, previous_name, f"v{row.version}"),
            )
        )
    return entries


def rollback_policy(workspace: Workspace, version: int, *, by: str | None = None) -> PolicyVersion:
    """Make an earlier version's text live again, as a new version (the history keeps every
    step, so a rollback can itself be rolled back). The text is validated again: the
    workspace may have changed since (an article it answers with deleted)."""
    with workspace.sessions() as session:
        old = session.scalar(select(PolicyVersion).where(PolicyVersion.version == version))
    if old is None:
        raise NotFoundError(f"no policy version {version}; see `tandemdesk policy history`")
    return save_policy(workspace, old.content, by=by, note=f"rollback to v{version}")


def _stored(workspace: Workspace) -> PolicyVersion | None:
    with workspace.sessions() as session:
        return session.scalars(select(PolicyVersion).where(PolicyVersion.active.is_(True))).first()


def active_policy(workspace: Workspace) -> tuple[Policy, int | None]:
    """The live policy and its stored version (None: the shipped default)."""
    stored = _stored(workspace)
    if stored is None:
        # not checked against the workspace's intents: the default names the demo's routine
        # intents, and in another workspace those simply never match (nothing is automated
        # until the user lists their own routine intents)
        return default_policy(), None
    return parse_policy(stored.content), stored.version


def active_policy_text(workspace: Workspace) -> str:
    """The live policy file as written (comments kept): where editing a new one starts."""
    stored = _stored(workspace)
    return stored.content if stored is not None else default_policy_text()
