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

import asyncio
import base64
import contextlib
import hashlib
import hmac
import os
import secrets
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from tandemdesk import login_throttle
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
TOKEN_PREFIX_CHARS = 10  # "td_" and 7 random characters: enough to name a token, not to use it
HASH_NICENESS = 10  # how much lower than the API's threads the hashing threads run


def _lower_priority() -> None:
    """Run this hashing thread at a lower CPU priority (Linux sets nice per thread), so when
    logins and API requests compete for the cores, the requests win."""
    with contextlib.suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), HASH_NICENESS)


# scrypt runs here, off the event loop and off the request threads: at most two hashes at
# once per process, at a lower priority, so a burst of logins (or of guesses the throttle
# has not stopped yet) queues behind itself instead of taking the cores from the API
_HASHING = ThreadPoolExecutor(
    max_workers=2, thread_name_prefix="password-hash", initializer=_lower_priority
)


@dataclass(frozen=True)
class Principal:
    """The caller of a request, as every permission check sees them."""

    kind: str  # user | token
    role: str
    name: str
    user_id: int | None = None
    agent_id: int | None = None
    token_id: int | None = None  # which token (the request log names the caller by it)

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


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    """A hash of a random password, checked for unknown users: a login for a name that does
    not exist costs the same scrypt as one that does, so timing cannot enumerate users."""
    return hash_password(secrets.token_urlsafe(16))


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
    without it, a user is linked to the agent whose email is their username. An agent user
    with no agent record is refused (it would see nothing), with the way to fix it."""
    _check_role(role, PEOPLE_ROLES)
    username = username.strip().lower()
    if not username:
        raise InvalidRecordError("a user needs a username")
    if len(password) < MIN_PASSWORD:
        raise InvalidRecordError(f"the password needs at least {MIN_PASSWORD} characters")
    with transaction(workspace.sessions) as session:
        if session.scalar(select(User.id).where(User.username == username)) is not None:
            raise ConflictError(f"user {username!r} already exists")
        if agent is not None:
            linked: Agent | None = find_agent(session, agent)
        else:
            linked = session.scalars(select(Agent).where(Agent.email == username)).first()
        if role == "agent" and linked is None:
            # an agent login works its agent's conversations: without one it would see nothing
            raise NotFoundError(
                f"no agent record has the email {username!r}, so this agent login would see "
                "no conversations: add the agent first ('tandemdesk import agents FILE') or "
                "name theirs with --agent EXTERNAL_ID_OR_EMAIL"
            )
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


def find_agent(session: Session, agent: str) -> Agent:
    """An agent by external id or email; a clear error naming both ways when there is none."""
    found = session.scalars(
        select(Agent).where((Agent.external_id == agent) | (Agent.email == agent.strip().lower()))
    ).first()
    if found is None:
        raise NotFoundError(
            f"no agent {agent!r} (use an agent's external id or email; add agents with "
            "'tandemdesk import agents FILE')"
        )
    return found


def create_token(workspace: Workspace, role: str, name: str = "", agent: str | None = None) -> str:
    """A new API token; the plain token is returned once and never stored (its first
    ``TOKEN_PREFIX_CHARS`` characters are, so a person can name it to revoke it).

    An ``agent`` token must name its agent (external id or email): an agent's rights are
    "their own conversations", and a token tied to nobody would see nothing."""
    _check_role(role, ROLES)
    if role == "agent" and not agent:
        raise InvalidRecordError(
            "an agent token must be tied to an agent: add --agent EMAIL (or external id)"
        )
    if agent and role != "agent":
        raise InvalidRecordError(f"only agent tokens are tied to an agent, not {role} tokens")
    token = "td_" + secrets.token_urlsafe(32)
    with transaction(workspace.sessions) as session:
        agent_id = find_agent(session, agent).id if agent else None
        session.add(
            ApiToken(
                name=name,
                role=role,
                token_hash=digest(token),
                created_at=utcnow(),
                agent_id=agent_id,
                prefix=token[:TOKEN_PREFIX_CHARS],
            )
        )
    return token


@dataclass(frozen=True)
class _Candidate:
    """What a login attempt checks the password against (a dummy for unknown users)."""

    username: str
    address: str | None
    password_hash: str
    user_id: int | None
    active: bool


def _prepare(workspace: Workspace, username: str, address: str | None) -> _Candidate:
    """Refuse a throttled attempt before hashing anything; else find the user (or not)."""
    name = username.strip().lower()
    login_throttle.check(workspace, name, address)
    with workspace.sessions() as session:
        user = session.scalars(select(User).where(User.username == name)).first()
        if user is None:
            return _Candidate(name, address, _dummy_hash(), None, False)
        return _Candidate(name, address, user.password_hash, user.id, bool(user.active))


def _finish(workspace: Workspace, candidate: _Candidate, password_ok: bool) -> str:
    """Count a failure (maybe locking), or clear the count and open a session."""
    if candidate.user_id is None or not candidate.active or not password_ok:
        login_throttle.record_failure(workspace, candidate.username, candidate.address)
        raise UnauthenticatedError("wrong username or password")
    login_throttle.clear_account(workspace, candidate.username)
    token = secrets.token_urlsafe(32)
    now = utcnow()
    with transaction(workspace.sessions) as session:
        session.add(
            LoginSession(
                user_id=candidate.user_id,
                token_hash=digest(token),
                created_at=now,
                expires_at=now + SESSION_LIFETIME,
            )
        )
    return token


def login(workspace: Workspace, username: str, password: str, address: str | None = None) -> str:
    """Check the password and open a session; returns the cookie value.

    ``TooManyAttemptsError`` (429) while the account or the client ``address`` is locked —
    even for the right password, and without hashing it. An unknown or deactivated user is
    checked against a hash all the same, and every failure reads "wrong username or
    password"."""
    candidate = _prepare(workspace, username, address)
    return _finish(workspace, candidate, verify_password(password, candidate.password_hash))


async def login_async(
    workspace: Workspace, username: str, password: str, address: str | None = None
) -> str:
    """``login`` for the server: database steps on the request threads, scrypt on the
    hashing pool, the event loop free throughout."""
    login_throttle.check_remembered(workspace, username, address)  # no thread, no query
    candidate = await asyncio.to_thread(_prepare, workspace, username, address)
    loop = asyncio.get_running_loop()
    ok = await loop.run_in_executor(_HASHING, verify_password, password, candidate.password_hash)
    return await asyncio.to_thread(_finish, workspace, candidate, ok)


def logout(workspace: Workspace, token: str) -> None:
    with transaction(workspace.sessions) as session:
        session.execute(
            update(LoginSession)
            .where(LoginSession.token_hash == digest(token))
            .values(expires_at=utcnow())
        )


# Every request runs one of these (credentials are not cached, so a revocation counts at
# once): built once, run on a plain connection — 0.15 ms instead of an ORM session's 0.9 ms.
_TOKEN = select(ApiToken.id, ApiToken.role, ApiToken.name, ApiToken.agent_id).where(
    ApiToken.token_hash == bindparam("digest"), ApiToken.revoked_at.is_(None)
)
_SESSION = (
    select(User.id, User.role, User.name, User.agent_id)
    .join(LoginSession, LoginSession.user_id == User.id)
    .where(
        LoginSession.token_hash == bindparam("digest"),
        LoginSession.expires_at > bindparam("now"),
        User.active,
    )
)


def from_token(workspace: Workspace, token: str) -> Principal | None:
    """The integration or script behind a bearer token, if it is valid."""
    with workspace.engine.connect() as connection:
        row = connection.execute(_TOKEN, {"digest": digest(token)}).first()
    if row is None:
        return None
    name = row.name or f"token {row.id}"
    return Principal("token", row.role, name, None, row.agent_id, token_id=row.id)


def from_session(workspace: Workspace, token: str) -> Principal | None:
    """The person behind a console session cookie, if the session is open."""
    with workspace.engine.connect() as connection:
        row = connection.execute(_SESSION, {"digest": digest(token), "now": utcnow()}).first()
    return Principal("user", row.role, row.name, row.id, row.agent_id) if row else None


def csrf_token(session_token: str) -> str:
    """The form token bound to a login session (cookie forms must prove they came from us)."""
    return hmac.new(session_token.encode(), b"csrf", hashlib.sha256).hexdigest()[:32]
