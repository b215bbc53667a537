"""Recovery: live messages a crash or a failure left waiting are handled again, without the
customer's channel sending them a second time.

A live message's ``handling`` says where it stands:

- ``pending``: stored and being handled; ``retry_at`` is its *lease*. Still pending after
  the lease means the process handling it died (``kill -9``, a power cut): recovery takes it.
- ``failed``: an attempt failed; recovery takes it again at ``retry_at`` (a back-off that
  doubles from ``recovery_interval_seconds``).
- ``rejected``: refused as invalid (the 422 errors: a text over the limit …). Handling it
  again would fail the same way, so it is never retried by itself.
- ``dead``: failed ``recovery_max_attempts`` times (or its process died that often): the
  dead-letter list people see (``tandemdesk messages failed``, ``GET /v1/messages/failed``,
  the console) and re-queue (``messages retry --id N``).
- ``handled``, ``superseded``: done.

Why a claim and not a plain "select the waiting ones": ``serve --workers N``, a second
server and the CLI may all recover at once. A claim is one conditional ``UPDATE`` that moves
the rows' lease forward and counts the attempt (on PostgreSQL over rows picked ``FOR UPDATE
SKIP LOCKED``; SQLite has one writer at a time), so two recoverers never take the same
message. Even if a lease ran out while a slow batch still held a message, it would not be
answered twice: ``decisions.message_id`` is unique, and the loser reads the winner's result.

The entry point for servers and workers: ``recover_pending(orchestrator) -> RecoveryReport``
(one bounded round); ``recover_all`` repeats rounds until nothing is due (the CLI).
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, or_, select, true, update
from sqlalchemy.orm import Session, aliased

from tandemdesk.config import Settings
from tandemdesk.db import transaction
from tandemdesk.errors import InvalidRecordError, TandemError
from tandemdesk.models import Message
from tandemdesk.timeutil import utcnow

if TYPE_CHECKING:
    from tandemdesk.orchestrator import Orchestrator
    from tandemdesk.orchestrator_record import HandleResult

log = logging.getLogger(__name__)

WAITING = ("pending", "failed")  # states recovery takes (when due)
DONE = ("handled", "superseded")
ROUND = 32  # messages per round: a server interleaves live batches between rounds
MAX_BACKOFF = timedelta(hours=1)
CRASHED = "stopped while being handled (the process died?)"


@dataclass
class RecoveryReport:
    """What one recovery did; ``claimed`` counts the messages it took."""

    claimed: int = 0
    handled: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)  # will be tried again later
    rejected: list[int] = field(default_factory=list)  # invalid: never retried
    dead: list[int] = field(default_factory=list)  # moved to the dead-letter list
    superseded: int = 0
    results: list[HandleResult] = field(default_factory=list, repr=False)

    def add(self, other: RecoveryReport) -> None:
        self.claimed += other.claimed
        self.handled += other.handled
        self.failed += other.failed
        self.rejected += other.rejected
        self.dead += other.dead
        self.superseded += other.superseded
        self.results += other.results

    def to_dict(self) -> dict[str, Any]:
        return {
            "claimed": self.claimed,
            "handled": self.handled,
            "failed": self.failed,
            "rejected": self.rejected,
            "dead": self.dead,
            "superseded": self.superseded,
        }


# ---- leases and failures (the live path calls these too) --------------------------------
def lease_until(settings: Settings, now: datetime | None = None) -> datetime:
    """Until when a message being handled now is left alone by recovery."""
    return (now or utcnow()) + timedelta(seconds=settings.recovery_lease_seconds)


def backoff(settings: Settings, attempts: int) -> timedelta:
    """The wait before the next attempt: the interval, doubling per attempt, at most 1 h."""
    seconds = settings.recovery_interval_seconds * 2 ** max(attempts - 1, 0)
    return min(timedelta(seconds=seconds), MAX_BACKOFF)


def is_invalid(error: BaseException) -> bool:
    """Whether ``error`` refuses the message itself (a 422: a text over the limit …, or a
    date so far off that arithmetic on it overflows): trying again cannot help."""
    return isinstance(error, InvalidRecordError | OverflowError)


def describe(error: BaseException) -> str:
    """What people read in the dead-letter list. Our own errors carry a message written for
    people; anything else only its class, since its text may quote the customer's."""
    if isinstance(error, OverflowError):
        return "invalid_record: a date or number in the message is out of range"
    if isinstance(error, TandemError):
        return f"{error.code}: {error.message}"[:300]
    return f"{type(error).__name__} (details in the server log)"


def mark_failed(
    session: Session,
    message_id: int,
    error: BaseException,
    settings: Settings,
    now: datetime | None = None,
) -> str | None:
    """Record a failed attempt of ``message_id``: ``rejected`` when invalid, ``dead`` when
    out of attempts, else ``failed`` with the back-off. Returns the new state (None when the
    message was handled meanwhile, e.g. by another worker)."""
    now = now or utcnow()
    attempts = session.scalar(
        select(Message.attempts).where(Message.id == message_id, Message.handling.in_(WAITING))
    )
    if attempts is None:
        return None
    if is_invalid(error):
        state, retry_at = "rejected", None
    elif attempts >= settings.recovery_max_attempts:
        state, retry_at = "dead", None
    else:
        state, retry_at = "failed", now + backoff(settings, attempts)
    session.execute(
        update(Message)
        .where(Message.id == message_id, Message.handling.in_(WAITING))
        .values(handling=state, retry_at=retry_at, failed_at=now, last_error=describe(error))
    )
    log.warning(
        "message %d: attempt %d failed with %s; now %s",
        message_id, attempts, type(error).__name__, state,
    )  # fmt: skip
    return state


# ---- the claim -----------------------------------------------------------------------------
def _waiting(now: datetime, force: bool) -> Any:
    """Messages recovery may take now: pending past their lease, failed past their back-off
    (or at once with ``force``: a person asked)."""
    due = or_(Message.retry_at.is_(None), Message.retry_at <= now)
    return or_(
        and_(Message.handling == "pending", due),
        and_(Message.handling == "failed", true() if force else due),
    )


def _sweep(session: Session, settings: Settings, now: datetime, force: bool) -> int:
    """Before claiming: messages out of attempts go dead (a message that kills the process
    handling it would otherwise be taken for ever); messages the conversation moved past
    (a later customer message was handled) are superseded — answering the older question
    now would reopen or resolve the conversation behind the back of whoever has it."""
    waiting = _waiting(now, force)
    session.execute(
        update(Message)
        .where(waiting, Message.attempts >= settings.recovery_max_attempts)
        .values(handling="dead", retry_at=None, failed_at=now, last_error=CRASHED)
        .execution_options(synchronize_session=False)
    )
    newer = aliased(Message)
    moved_on = (
        select(newer.id)
        .where(
            newer.conversation_id == Message.conversation_id,
            newer.author == "customer",
            newer.id > Message.id,
            newer.handling == "handled",
        )
        .exists()
    )
    superseded = session.execute(
        update(Message)
        .where(waiting, moved_on)
        .values(handling="superseded", retry_at=None)
        .execution_options(synchronize_session=False)
    )
    return int(getattr(superseded, "rowcount", 0) or 0)


def claim(
    session: Session,
    settings: Settings,
    *,
    limit: int = ROUND,
    force: bool = False,
    ids: Collection[int] | None = None,
    exclude: Collection[int] = (),
    now: datetime | None = None,
) -> list[int]:
    """Take up to ``limit`` due messages for this process: one statement that counts the
    attempt and moves the lease forward, so no other recoverer takes them meanwhile."""
    now = now or utcnow()
    conditions = [_waiting(now, force), Message.attempts < settings.recovery_max_attempts]
    if ids is not None:
        conditions.append(Message.id.in_(list(ids)))
    if exclude:
        conditions.append(Message.id.not_in(list(exclude)))
    pick = select(Message.id).where(*conditions).order_by(Message.id).limit(limit)
    if session.get_bind().dialect.name == "postgresql":
        pick = pick.with_for_update(skip_locked=True)
    taken = session.scalars(
        update(Message)
        .where(Message.id.in_(pick.scalar_subquery()))
        .values(
            handling="pending",
            attempts=Message.attempts + 1,
            retry_at=lease_until(settings, now),
        )
        .returning(Message.id)
        .execution_options(synchronize_session=False)
    )
    return sorted(taken)


# ---- recovering ----------------------------------------------------------------------------
def recover_pending(
    orchestrator: Orchestrator,
    *,
    limit: int = ROUND,
    force: bool = False,
    ids: Collection[int] | None = None,
    exclude: Collection[int] = (),
) -> RecoveryReport:
    """One round: claim up to ``limit`` due messages and handle them as one batch (a failing
    one alone, as the live path does). Safe to call from any number of processes at once.

    ``force`` also takes failed messages still in their back-off (a person asked);
    ``ids`` limits the round to those messages; ``exclude`` skips some (already tried)."""
    settings = orchestrator.workspace.settings
    report = RecoveryReport()
    with transaction(orchestrator.workspace.sessions) as session:
        report.superseded = _sweep(session, settings, utcnow(), force)
        claimed = claim(session, settings, limit=limit, force=force, ids=ids, exclude=exclude)
    report.claimed = len(claimed)
    if not claimed:
        return report
    handled, failed = orchestrator.handle_stored(claimed)
    report.results = [handled[i] for i in claimed if i in handled]
    report.handled = [i for i in claimed if i in handled]
    if failed:
        with orchestrator.workspace.sessions() as session:
            states = dict(
                session.execute(
                    select(Message.id, Message.handling).where(Message.id.in_(list(failed)))
                ).all()
            )
        for message_id in sorted(failed):
            state = states.get(message_id)
            bucket = {"rejected": report.rejected, "dead": report.dead}.get(state or "")
            (bucket if bucket is not None else report.failed).append(message_id)
    log.info("recovery: %s", report.to_dict())
    return report


def recover_all(
    orchestrator: Orchestrator,
    *,
    force: bool = False,
    ids: Collection[int] | None = None,
    limit: int = ROUND,
) -> RecoveryReport:
    """Rounds of ``recover_pending`` until nothing is due; each message at most once per
    call (so a forced run does not spend a failing message's attempts in one go)."""
    total = RecoveryReport()
    tried: set[int] = set()
    while True:
        report = recover_pending(orchestrator, limit=limit, force=force, ids=ids, exclude=tried)
        total.add(report)
        tried.update(report.handled + report.failed + report.rejected + report.dead)
        if report.claimed < limit:
            return total
