"""Failed logins, counted per account and per client address, with an exponential lockout.

Why in the database: ``serve --workers N`` runs N processes, and a guesser spread over them
must meet one count. Why both keys: per account stops a patient guesser on one login; per
address stops one client from trying a password across many logins. Why keys are digests:
an unknown username is counted exactly like a known one (so 429s do not tell which accounts
exist) and no typed login name, however long or odd, is ever stored.

A locked key is refused *before* any password is hashed, so a crowd of guessers costs one
indexed read each, not 40 ms of scrypt — real traffic keeps its latency. Each process also
remembers a lock it has read for up to ``REMEMBER_SECONDS``, so a guesser hammering a locked
account is refused from memory, without a thread or a query; an admin's reactivation (which
clears the lock in the store) therefore reaches every process within that time.

The rule: after ``max_failures`` failures the key is locked for ``base`` seconds, doubled by
each further failure up to ``cap``. Failures are forgotten ``4 × cap`` after the last one;
a successful login clears its account's count (never its address's: one valid login must
not buy an address a fresh set of guesses at other accounts).
"""

from __future__ import annotations

import hashlib
import logging
import math
import threading
import time
import weakref
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, case, delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from tandemdesk.config import Settings
from tandemdesk.db import transaction
from tandemdesk.errors import TooManyAttemptsError
from tandemdesk.models import LoginThrottle
from tandemdesk.timeutil import utcnow
from tandemdesk.workspace import Workspace

log = logging.getLogger(__name__)
REMEMBER_SECONDS = 5.0
# per database (its engine): key → (monotonic expiry, locked until)
_remembered: weakref.WeakKeyDictionary[Engine, dict[str, tuple[float, datetime]]] = (
    weakref.WeakKeyDictionary()
)
_remembered_lock = threading.Lock()


@dataclass(frozen=True)
class Rules:
    """How many failures each kind of key may have, and how long a lockout lasts."""

    account_failures: int = 5
    address_failures: int = 30
    base_seconds: float = 2.0
    cap_seconds: float = 900.0

    @classmethod
    def from_settings(cls, settings: Settings) -> Rules:
        return cls(
            settings.login_max_failures,
            settings.login_address_max_failures,
            settings.login_lockout_seconds,
            settings.login_lockout_max_seconds,
        )

    def limit(self, kind: str) -> int:
        return self.account_failures if kind == "account" else self.address_failures

    def lockout(self, kind: str, failures: int) -> timedelta | None:
        """How long a key with ``failures`` failures is locked (``None``: not yet)."""
        over = failures - self.limit(kind)
        if over < 0:
            return None
        return timedelta(seconds=min(self.base_seconds * 2 ** min(over, 40), self.cap_seconds))

    @property
    def forget_after(self) -> timedelta:
        return timedelta(seconds=4 * self.cap_seconds)


def _keys(username: str, address: str | None) -> list[tuple[str, str]]:
    """``(kind, key digest)`` of the account and, when known, of the client address."""
    found = [("account", "account:" + username.strip().lower())]
    if address:
        found.append(("address", "address:" + address))
    return [
        (kind, hashlib.sha256(key.encode("utf-8", "replace")).hexdigest()) for kind, key in found
    ]


def _upsert(session: Session) -> type[sqlite.Insert] | type[postgresql.Insert]:
    dialect = session.get_bind().dialect.name
    return postgresql.insert if dialect == "postgresql" else sqlite.insert  # type: ignore[return-value]


def check_remembered(workspace: Workspace, username: str, address: str | None) -> None:
    """Raise ``TooManyAttemptsError`` if this process read a lock on either key moments ago
    (no query: cheap enough to run on the event loop)."""
    clock, now = time.monotonic(), utcnow()
    with _remembered_lock:
        seen = _remembered.get(workspace.engine, {})
        for _, key in _keys(username, address):
            hit = seen.get(key)
            if hit is not None and hit[0] > clock and hit[1] > now:
                raise locked_error(hit[1], now)


def _remember(workspace: Workspace, key: str, until: datetime) -> None:
    with _remembered_lock:
        seen = _remembered.setdefault(workspace.engine, {})
        if len(seen) > 10_000:
            seen.clear()
        seen[key] = (time.monotonic() + REMEMBER_SECONDS, until)


def forget_remembered(workspace: Workspace) -> None:
    """Drop this process's memory of locks (time passing, as a test sees it)."""
    with _remembered_lock:
        _remembered.pop(workspace.engine, None)


def check(workspace: Workspace, username: str, address: str | None) -> None:
    """Raise ``TooManyAttemptsError`` (with ``retry_after`` seconds) if either key is locked."""
    check_remembered(workspace, username, address)
    now = utcnow()
    hashes = [key for _, key in _keys(username, address)]
    with workspace.sessions() as session:
        locks = session.execute(
            select(LoginThrottle.key_hash, LoginThrottle.locked_until).where(
                LoginThrottle.key_hash.in_(hashes), LoginThrottle.locked_until > now
            )
        ).all()
    found = [(key, until) for key, until in locks if until is not None]
    if found:
        for key, until in found:
            _remember(workspace, key, until)
        raise locked_error(max(until for _, until in found), now)


def locked_error(until: datetime, now: datetime) -> TooManyAttemptsError:
    seconds = max(1, math.ceil((until - now).total_seconds()))
    return TooManyAttemptsError(
        f"too many failed logins for this account or address; try again in {seconds} seconds",
        retry_after=seconds,
    )


def record_failure(workspace: Workspace, username: str, address: str | None) -> datetime | None:
    """Count a failed login against both keys; returns until when one is now locked, if so."""
    rules = Rules.from_settings(workspace.settings)
    now = utcnow()
    cutoff = now - rules.forget_after
    locked: datetime | None = None
    with transaction(workspace.sessions) as session:
        insert = _upsert(session)
        for kind, key in _keys(username, address):
            values = insert(LoginThrottle).values(
                key_hash=key, kind=kind, failures=1, last_failure_at=now, locked_until=None
            )
            statement = values.on_conflict_do_update(
                index_elements=[LoginThrottle.key_hash],
                set_={
                    "failures": case(
                        (LoginThrottle.last_failure_at < cutoff, 1),
                        else_=LoginThrottle.failures + 1,
                    ),
                    "last_failure_at": now,
                },
            ).returning(LoginThrottle.failures)
            failures = int(session.execute(statement).scalar_one())
            wait = rules.lockout(kind, failures)
            if wait is not None:
                until = now + wait
                # for the operator: which kind of key and how long, never the name or address
                log.warning("login throttle: %s %s… locked for %.0f s after %d failures",
                            kind, key[:8], wait.total_seconds(), failures)  # fmt: skip
                session.execute(
                    update(LoginThrottle)
                    .where(LoginThrottle.key_hash == key)
                    .values(locked_until=until)
                )
                locked = max(locked, until) if locked else until
        # forgotten failures go, so guessed usernames do not pile up
        session.execute(delete(LoginThrottle).where(LoginThrottle.last_failure_at < cutoff))
    return locked


def clear_account(workspace: Workspace, username: str) -> None:
    """Forget an account's failures (a successful login, or an admin reactivating it; other
    processes forget a lock they remember within ``REMEMBER_SECONDS``)."""
    [(_, key)] = _keys(username, None)
    with _remembered_lock:
        _remembered.get(workspace.engine, {}).pop(key, None)
    with transaction(workspace.sessions) as session:
        session.execute(delete(LoginThrottle).where(LoginThrottle.key_hash == key))
