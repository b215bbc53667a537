"""The admin's side of accounts: list tokens and users, revoke a token, deactivate or
reactivate a user — the write path the CLI (``tokens revoke``, ``users deactivate``) and the
API (``/v1/tokens``, ``/v1/users``) share.

Effective at once: the server checks every request's token or session against the store
(``api/auth.py``), so the next request after a revocation is a 401, in every worker process.
Deactivating a user also ends their open sessions, so reactivating them later does not bring
an old cookie back to life.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from tandemdesk import login_throttle
from tandemdesk.accounts import TOKEN_PREFIX_CHARS, digest
from tandemdesk.db import transaction
from tandemdesk.errors import ConflictError, InvalidRecordError, NotFoundError
from tandemdesk.models import Agent, ApiToken, LoginSession, User
from tandemdesk.timeutil import utcnow
from tandemdesk.workspace import Workspace

log = logging.getLogger(__name__)
MIN_PREFIX = 6  # "td_" and three characters: shorter would name many tokens
MAX_ID_DIGITS = 9  # ids are INTEGER columns: a longer number names no token


def _token_dict(row: ApiToken, agent: str | None) -> dict[str, Any]:
    return {
        "id": row.id,
        "name": row.name,
        "role": row.role,
        "prefix": row.prefix,
        "agent": agent,
        "created_at": row.created_at.isoformat(),
        "revoked_at": row.revoked_at.isoformat() if row.revoked_at else None,
        "active": row.revoked_at is None,
    }


def list_tokens(workspace: Workspace) -> list[dict[str, Any]]:
    """Every token, revoked ones too (marked), oldest first; never the secret itself."""
    with workspace.sessions() as session:
        rows = session.execute(
            select(ApiToken, Agent.external_id)
            .outerjoin(Agent, Agent.id == ApiToken.agent_id)
            .order_by(ApiToken.id)
        ).all()
        return [_token_dict(token, agent) for token, agent in rows]


def _find_token(session: Session, ref: str) -> ApiToken:
    """A token by id, by the whole token, or by an unambiguous prefix of it."""
    ref = ref.strip()
    if ref.isascii() and ref.isdigit():
        found = session.get(ApiToken, int(ref)) if len(ref) <= MAX_ID_DIGITS else None
        if found is None:
            raise NotFoundError(f"no token with id {ref}")
        return found
    if len(ref) > TOKEN_PREFIX_CHARS:  # longer than what is stored: only the whole token
        whole = session.scalars(select(ApiToken).where(ApiToken.token_hash == digest(ref))).first()
        if whole is None:
            raise NotFoundError("no such token (name it by its id or prefix: 'tokens list')")
        return whole
    if len(ref) < MIN_PREFIX:
        raise InvalidRecordError(
            f"name a token by its id or at least {MIN_PREFIX} characters of it (see 'tokens list')"
        )
    matches = session.scalars(
        select(ApiToken).where(ApiToken.prefix.startswith(ref, autoescape=True))
    ).all()
    if not matches:
        raise NotFoundError(f"no token starts with {ref!r} (see 'tandemdesk tokens list')")
    if len(matches) > 1:
        ids = ", ".join(str(m.id) for m in matches)
        raise ConflictError(f"{ref!r} names {len(matches)} tokens (ids {ids}); use the id")
    return matches[0]


def revoke_token(workspace: Workspace, ref: str) -> dict[str, Any]:
    """Revoke a token (id, prefix or the token); revoking a revoked one is a no-op that
    says when it was revoked."""
    with transaction(workspace.sessions) as session:
        token = _find_token(session, ref)
        if token.revoked_at is None:
            token.revoked_at = utcnow()
            log.info("token %d (%s) revoked", token.id, token.role)
        agent = session.scalar(select(Agent.external_id).where(Agent.id == token.agent_id))
        session.flush()
        return _token_dict(token, agent)


def _user_dict(user: User, agent: str | None) -> dict[str, Any]:
    return {
        "username": user.username,
        "name": user.name,
        "role": user.role,
        "agent": agent,
        "active": bool(user.active),
        "created_at": user.created_at.isoformat(),
    }


def list_users(workspace: Workspace) -> list[dict[str, Any]]:
    """Every console user, inactive ones too (marked)."""
    with workspace.sessions() as session:
        rows = session.execute(
            select(User, Agent.external_id)
            .outerjoin(Agent, Agent.id == User.agent_id)
            .order_by(User.username)
        ).all()
        return [_user_dict(user, agent) for user, agent in rows]


def set_active(workspace: Workspace, username: str, active: bool) -> dict[str, Any]:
    """Deactivate (ending every open session at once) or reactivate a user.

    The last active admin cannot be deactivated: nobody could manage accounts afterwards
    except from the command line on the server."""
    name = username.strip().lower()
    now = utcnow()
    with transaction(workspace.sessions) as session:
        user = session.scalars(select(User).where(User.username == name)).first()
        if user is None:
            raise NotFoundError(f"no user {name!r} (see 'tandemdesk users list')")
        if not active and user.active and user.role == "admin":
            admins = session.scalar(
                select(func.count()).select_from(User).where(User.role == "admin", User.active)
            )
            if (admins or 0) <= 1:
                raise ConflictError(
                    f"{name!r} is the last active admin; make another admin before "
                    "deactivating this one"
                )
        if bool(user.active) != active:
            log.info("user %d %s", user.id, "reactivated" if active else "deactivated")
        user.active = active
        if not active:
            session.execute(
                update(LoginSession)
                .where(LoginSession.user_id == user.id, LoginSession.expires_at > now)
                .values(expires_at=now)
            )
        agent = session.scalar(select(Agent.external_id).where(Agent.id == user.agent_id))
        result = _user_dict(user, agent)
    if active:
        login_throttle.clear_account(workspace, name)  # a fresh start after reactivation
    return result
