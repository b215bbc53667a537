"""The workspace's policy versions: store, validate, activate (``tandemdesk policy …``).

An invalid policy never replaces the working one: the text is validated against the
workspace's known intents *before* anything is written, and the new version becomes active
in the same transaction that deactivates the old one. Without any stored version the
shipped default policy is live.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select, update

from tandemdesk import events
from tandemdesk.db import transaction
from tandemdesk.decide import (
    Policy,
    default_policy,
    default_policy_text,
    parse_policy,
    read_policy_file,
)
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


def known_answers(workspace: Workspace) -> set[str] | None:
    """Ids a policy ``answer`` may name: every article's and macro's id, and the id its
    language versions share (``kb-returns-policy`` for ``kb-returns-policy-de``); None when
    the workspace has no knowledge base yet (then nothing can be checked, only warned)."""
    with workspace.sessions() as session:
        rows = session.execute(select(Article.external_id, Article.language)).all()
    if not rows:
        return None
    return {str(i) for i, _ in rows} | {str(i).removesuffix(f"-{lang}") for i, lang in rows}


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
    intents, answers = known_intents(workspace), known_answers(workspace)
    warnings: list[str] = []
    policy = parse_policy(
        text,
        intents or set(),
        source=str(source) if isinstance(source, Path) else "policy",
        known_answers=answers,
        warnings=warnings,
    )
    if intents is None and warnings:  # one sentence, not one per place an intent is named
        warnings = [
            f"this workspace knows no intents yet (no labelled history, no intent model), so "
            f"the {len(warnings)} places the policy names an intent never match; import "
            "labelled conversations and train (tandemdesk retrain) to use them"
        ]
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
    say what in it will never match here."""
    _, policy, warnings = _read(workspace, source)
    return policy, warnings


def check_policy(workspace: Workspace, source: str | Path) -> Policy:
    """Validate a policy file or text against this workspace (raises ``PolicyError``)."""
    return _read(workspace, source)[1]


def save_policy(workspace: Workspace, source: str | Path, activate: bool = True) -> PolicyVersion:
    """Validate, then store as the next version (and make it live when ``activate``)."""
    text, policy, _ = _read(workspace, source)
    with transaction(workspace.sessions) as session:
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
        )
        session.add(version)
    events.emit("policy.changed", {"version": version.version, "active": activate})
    return version


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
