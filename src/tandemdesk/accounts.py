"""Who may use tandemdesk: console users with passwords, API tokens, login sessions.

The one write path for accounts (the CLI's ``users create`` / ``tokens create``, the console's
login and logout). Secrets are never stored: passwords as scrypt hashes (stdlib, memory-hard),
tokens and session cookies as SHA-256 digests — a token is random and long, so a fast hash
is enough and keeps every request's check to one indexed lookup.

Roles, least to most: ``agent`` (their own queue and conversations), ``supervisor`` (every
conversation, insights, policy, corrections), ``admin`` (also users and tokens). An
``integration`` token is for channels and back-office systems: it posts messages and events
and reads what it posted, nothing a person works in.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select, update

from tandemdesk.db import transaction
from tandemdesk.errors import (
    ConflictError,
    InvalidRecordError,
    NotFoundError,
    UnauthenticatedError,
)
from tandemdesk.models import Agent, ApiToken, LoginSession, User
from tandemdesk.timeutil import utcnow
from tandemdesk.workspace import Workspace

PEOPLE_ROLES = ("agent", "supervisor", "admin")
ROLES = (*PEOPLE_ROLES, "integration")
SESSION_LIFETIME = timedelta(hours=12)
MIN_PASSWORD = 8
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


@dataclass(frozen=True)
class Principal:
    """The caller of a request, as every permission check sees them."""

    kind: str  # user | token
    role: str
    name: str
    user_id: int | None = None
    agent_id: int | None = None

    def at_least(self, role: str) -> bool:
        """Whether this caller's role includes ``role`` (admin ⊇ supervisor ⊇ agent)."""
        if self.role == "integration" or role == "integration":
            return self.role == role
        return PEOPLE_ROLES.index(self.role) >= PEOPLE_ROLES.index(role)


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, **_SCRYPT)
    encode = base64.b64encode
    return f"scrypt${encode(salt).decode()}${encode(digest).decode()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    actual = hashlib.scrypt(password.encode(), salt=base64.b64decode(salt), **_SCRYPT)
    return hmac.compare_digest(actual, base64.b64decode(digest))


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _check_role(role: str, allowed: tuple[str, ...]) -> None:
    if role not in allowed:
        raise InvalidRecordError(f"unknown role {role!r}; use one of {', '.join(allowed)}")


def create_user(
    workspace: Workspace,
    username: str,
    password: str,
    role: str,
    name: str = "",
    agent: str | None = None,
) -> Principal:
    """A console user. ``agent`` (external id or email) links an agent user to their queue;
    without it, an agent user is linked to the agent whose email is their username."""
    _check_role(role, PEOPLE_ROLES)
    username = username.strip().lower()
    if not username:
        raise InvalidRecordError("a user needs a username")
    if len(password) < MIN_PASSWORD:
        raise InvalidRecordError(f"the password needs at least {MIN_PASSWORD} characters")
    with transaction(workspace.sessions) as session:
        if session.scalar(select(User.id).where(User.username == username)) is not None:
            raise ConflictError(f"user {username!r} already exists")
        key = (agent or username).lower()
        linked = session.scalars(
            select(Agent).where((Agent.external_id == (agent or "")) | (Agent.email == key))
        ).first()
        if agent is not None and linked is None:
            raise NotFoundError(f"no agent {agent!r} (use an agent's external id or email)")
        user = User(
            username=username,
            name=name or (linked.name if linked else username),
            password_hash=hash_password(password),
            role=role,
            agent_id=linked.id if linked else None,
            active=True,
            created_at=utcnow(),
        )
        session.add(user)
        session.flush()
        return Principal("user", role, user.name, user.id, user.agent_id)


def create_token(workspace: Workspace, role: str, name: str = "") -> str:
    """A new API token; the plain token is returned once and never stored."""
    _check_role(role, ROLES)
    token = "td_" + secrets.token_urlsafe(32)
    with transaction(workspace.sessions) as session:
        session.add(ApiToken(name=name, role=role, token_hash=digest(token), created_at=utcnow()))
    return token


def login(workspace: Workspace, username: str, password: str) -> str:
    """Check the password and open a session; returns the cookie value."""
    with transaction(workspace.sessions) as session:
        user = session.scalars(
            select(User).where(User.username == username.strip().lower(), User.active)
        ).first()
        if user is None or not verify_password(password, user.password_hash):
            raise UnauthenticatedError("wrong username or password")
        token = secrets.token_urlsafe(32)
        now = utcnow()
        session.add(
            LoginSession(
                user_id=user.id,
                token_hash=digest(token),
                created_at=now,
                expires_at=now + SESSION_LIFETIME,
            )
        )
    return token


def logout(workspace: Workspace, token: str) -> None:
    with transaction(workspace.sessions) as session:
        session.execute(
            update(LoginSession)
            .where(LoginSession.token_hash == digest(token))
            .values(expires_at=utcnow())
        )


def from_token(workspace: Workspace, token: str) -> Principal | None:
    """The integration or script behind a bearer token, if it is valid."""
    with workspace.sessions() as session:
        row = session.scalars(
            select(ApiToken).where(
                ApiToken.token_hash == digest(token), ApiToken.revoked_at.is_(None)
            )
        ).first()
        return Principal("token", row.role, row.name or f"token {row.id}") if row else None


def from_session(workspace: Workspace, token: str) -> Principal | None:
    """The person behind a console session cookie, if the session is open."""
    with workspace.sessions() as session:
        row = session.execute(
            select(User)
            .join(LoginSession, LoginSession.user_id == User.id)
            .where(
                LoginSession.token_hash == digest(token),
                LoginSession.expires_at > utcnow(),
                User.active,
            )
        ).scalar_one_or_none()
        return Principal("user", row.role, row.name, row.id, row.agent_id) if row else None


def csrf_token(session_token: str) -> str:
    """The form token bound to a login session (cookie forms must prove they came from us)."""
    return hmac.new(session_token.encode(), b"csrf", hashlib.sha256).hexdigest()[:32]
