"""Recovery (``recovery.py``): crash leftovers are handled again without the channel
re-sending them, invalid messages are never retried, failing ones end on the dead-letter
list after N attempts, and two recoverers at once never take the same message."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, update

from tandemdesk.db import transaction
from tandemdesk.errors import ConflictError, InvalidRecordError
from tandemdesk.failed_messages import counts, list_failed, requeue
from tandemdesk.models import Decision, Message
from tandemdesk.orchestrator import Orchestrator
from tandemdesk.recovery import claim, recover_all, recover_pending
from tandemdesk.timeutil import utcnow
from tandemdesk.understand.pipeline import Pipeline, Understanding
from tests.orchestrator.conftest import count, message


class Crash(BaseException):
    """What ``kill -9`` looks like from inside: the handling stops, nothing is marked."""


def crashing() -> Pipeline:
    class Crashing(Pipeline):
        def understand(self, texts: Sequence[str]) -> list[Understanding]:
            raise Crash

    return Crashing()


def broken() -> Pipeline:
    class Broken(Pipeline):
        def understand(self, texts: Sequence[str]) -> list[Understanding]:
            raise RuntimeError("model server fell over")

    return Broken()


def states(shop: Orchestrator) -> dict[int, tuple[str | None, int]]:
    with shop.workspace.sessions() as session:
        rows = session.execute(
            select(Message.id, Message.handling, Message.attempts).where(
                Message.author == "customer"
            )
        )
        return {message_id: (state, attempts) for message_id, state, attempts in rows}


def leave_pending(shop: Orchestrator, texts: list[str]) -> None:
    """Store ``texts`` as a crash would leave them: pending, their lease run out."""
    working = shop.pipeline
    shop.pipeline = crashing()
    for i, text in enumerate(texts):
        with pytest.raises(Crash):
            shop.handle(message(text, email=f"c{i}@example.org"))
    shop.pipeline = working
    expire_leases(shop)


def expire_leases(shop: Orchestrator) -> None:
    with transaction(shop.workspace.sessions) as session:
        session.execute(update(Message).values(retry_at=utcnow() - timedelta(seconds=1)))


def test_crash_leftovers_are_handled_once_the_lease_ends(shop: Orchestrator) -> None:
    working = shop.pipeline
    shop.pipeline = crashing()
    with pytest.raises(Crash):
        shop.handle(message("where is my order NW-5001?"))
    shop.pipeline = working
    assert list(states(shop).values()) == [("pending", 1)]
    # within its lease it may still be in someone's hands: left alone
    assert recover_pending(shop).claimed == 0
    expire_leases(shop)
    report = recover_pending(shop)
    assert report.claimed == 1 and len(report.handled) == 1 and report.results[0].action
    assert list(states(shop).values()) == [("handled", 2)]
    assert count(shop.workspace, Decision) == 1
    assert recover_pending(shop).claimed == 0


def test_recover_all_takes_every_leftover_in_rounds(shop: Orchestrator) -> None:
    leave_pending(shop, [f"where is my order NW-5001? ({i})" for i in range(7)])
    report = recover_all(shop, limit=3)  # three rounds: 3 + 3 + 1
    assert report.claimed == 7 and len(report.handled) == 7
    assert {state for state, _ in states(shop).values()} == {"handled"}
    assert count(shop.workspace, Decision) == 7


def test_an_invalid_message_is_rejected_and_never_retried(shop: Orchestrator) -> None:
    working = shop.pipeline

    class Refusing(Pipeline):  # what the pipeline does with a text over its limit
        def understand(self, texts: Sequence[str]) -> list[Understanding]:
            if any("refuse me" in t for t in texts):
                raise InvalidRecordError("message 1 is 1,000,001 characters; the limit is …")
            return working.understand(texts)

    shop.pipeline = Refusing()
    with pytest.raises(InvalidRecordError):
        shop.handle(message("please refuse me, card 4111 1111 1111 1111"))
    [(state, attempts)] = states(shop).values()
    assert (state, attempts) == ("rejected", 1)
    assert recover_all(shop, force=True).claimed == 0  # not even when forced
    [shown] = list_failed(shop.workspace)
    assert shown.state == "rejected" and shown.last_error
    assert shown.last_error.startswith("invalid_record: message 1 is")


def test_a_message_that_keeps_failing_goes_to_the_dead_letter_list(
    shop: Orchestrator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shop.workspace.settings, "recovery_max_attempts", 3)
    working = shop.pipeline
    shop.pipeline = broken()
    with pytest.raises(RuntimeError):
        shop.handle(message("where is my order NW-5001?"))
    [(message_id, (state, attempts))] = states(shop).items()
    assert (state, attempts) == ("failed", 1)
    # in its back-off: a periodic round leaves it, a person's forced retry does not
    assert recover_pending(shop).claimed == 0
    assert recover_pending(shop, force=True).failed == [message_id]
    assert states(shop)[message_id] == ("failed", 2)
    report = recover_pending(shop, force=True)
    assert report.dead == [message_id]
    assert states(shop)[message_id] == ("dead", 3)
    assert recover_all(shop, force=True).claimed == 0  # dead: only a person re-queues it
    [dead] = list_failed(shop.workspace)
    assert (dead.id, dead.state, dead.attempts) == (message_id, "dead", 3)
    assert dead.last_error == "RuntimeError (details in the server log)"  # no message text
    assert counts(shop.workspace)["dead"] == 1
    # the cause fixed, a person re-queues it: fresh attempts, handled now
    shop.pipeline = working
    requeue(shop.workspace, message_id)
    report = recover_all(shop, force=True, ids=[message_id])
    assert report.handled == [message_id]
    assert states(shop)[message_id] == ("handled", 1)
    assert list_failed(shop.workspace) == []
    with pytest.raises(ConflictError):
        requeue(shop.workspace, message_id)  # answered: retrying would answer twice


def test_a_process_that_dies_on_a_message_every_time_ends_it_dead(
    shop: Orchestrator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shop.workspace.settings, "recovery_max_attempts", 2)
    leave_pending(shop, ["where is my order NW-5001?"])
    working = shop.pipeline
    shop.pipeline = crashing()
    with pytest.raises(Crash):
        recover_pending(shop)  # attempt 2: the process dies again
    shop.pipeline = working
    expire_leases(shop)
    report = recover_pending(shop)
    assert report.claimed == 0
    [dead] = list_failed(shop.workspace)
    assert dead.state == "dead" and dead.attempts == 2 and "process died" in str(dead.last_error)


def test_two_recoverers_at_once_never_claim_the_same_message(shop: Orchestrator) -> None:
    leave_pending(shop, [f"where is my order NW-5001? ({i})" for i in range(12)])
    settings = shop.workspace.settings
    start = threading.Barrier(4)
    taken: list[list[int]] = []
    errors: list[BaseException] = []

    def recoverer() -> None:
        try:
            start.wait()
            for _ in range(6):
                with transaction(shop.workspace.sessions) as session:
                    taken.append(claim(session, settings, limit=2))
        except BaseException as error:  # reported below, not lost in the thread
            errors.append(error)

    threads = [threading.Thread(target=recoverer) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    claimed = [message_id for batch in taken for message_id in batch]
    assert len(claimed) == 12 and len(set(claimed)) == 12  # each exactly once
    assert {attempts for _, attempts in states(shop).values()} == {2}


def test_two_orchestrators_recovering_together_answer_each_message_once(
    shop: Orchestrator,
) -> None:
    leave_pending(shop, [f"where is my order NW-5001? ({i})" for i in range(10)])
    other = Orchestrator(shop.workspace, pipeline=shop.pipeline)
    reports = []

    def run(orchestrator: Orchestrator) -> None:
        reports.append(recover_all(orchestrator, limit=2))

    threads = [threading.Thread(target=run, args=(o,)) for o in (shop, other)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(r.claimed for r in reports) == 10
    assert sorted(i for r in reports for i in r.handled) == sorted(states(shop))
    assert count(shop.workspace, Decision) == 10


def test_a_channel_sending_a_dead_message_again_gets_it_handled(
    shop: Orchestrator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shop.workspace.settings, "recovery_max_attempts", 1)
    working = shop.pipeline
    shop.pipeline = broken()
    with pytest.raises(RuntimeError):
        shop.handle(message("where is my order NW-5001?", external_id="chat-77"))
    assert list(states(shop).values()) == [("dead", 1)]
    shop.pipeline = working
    again = shop.handle(message("where is my order NW-5001?", external_id="chat-77"))
    assert again.rule_id != "already_in_history" and again.action == "automate"
    assert list(states(shop).values()) == [("handled", 1)]


def test_a_date_too_far_off_to_compute_with_is_rejected_not_retried(shop: Orchestrator) -> None:
    """The API refuses such dates at its edge; a channel writing through the orchestrator
    directly gets the same outcome from the second line of defence: refused once."""
    long_ago = datetime(1, 1, 1, tzinfo=UTC)
    try:
        delivery = message("where is my order NW-5001?", sent_at=long_ago)
    except ValueError:
        pytest.skip("the record itself refuses the date: nothing is stored at all")
    with pytest.raises(OverflowError):
        shop.handle(delivery)
    assert list(states(shop).values()) == [("rejected", 1)]
    assert recover_all(shop, force=True).claimed == 0
    [shown] = list_failed(shop.workspace)
    assert shown.last_error == "invalid_record: a date or number in the message is out of range"
