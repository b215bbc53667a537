"""Orchestrators beside others (processes, workers): a running orchestrator follows the workspace: a policy made live and an article added by
another process (no events reach it) are used within ``REFRESH_SECONDS``; an event from its
own process makes it look before the very next batch."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from tandemdesk import orchestrator as orchestrator_module
from tandemdesk.db import transaction
from tandemdesk.decide import default_policy_text
from tandemdesk.learn.model_store import register
from tandemdesk.learn.model_versions import folder_of
from tandemdesk.listen.business import ingest_articles
from tandemdesk.listen.delivery import Delivery
from tandemdesk.listen.identity import IdentityResolver
from tandemdesk.listen.readers import Parsed
from tandemdesk.listen.records import ArticleRecord, CustomerRef, MessageRecord
from tandemdesk.models import Customer
from tandemdesk.orchestrator import Orchestrator
from tandemdesk.policies import save_policy
from tandemdesk.understand.training import TrainedModel, train_classifier
from tests.orchestrator.conftest import EXAMPLES, message


def add_password_article(shop: Orchestrator) -> None:
    # the id the default policy names for password_reset (the policy chooses the answer)
    record = ArticleRecord(external_id="kb-password-reset", title="Reset your password",
                           body="Use the 'Forgot password' link.", intents=["password_reset"])  # fmt: skip
    with transaction(shop.workspace.sessions) as session:
        ingest_articles(session, [Parsed(line=1, record=record)])


def test_changes_made_elsewhere_are_picked_up_after_the_interval(
    shop: Orchestrator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(orchestrator_module, "REFRESH_SECONDS", 3600.0)
    # saved before any message labels a conversation: the default policy names intents
    # this small shop does not know yet
    v2 = default_policy_text().replace("name: default", "name: v2")
    version = save_policy(shop.workspace, v2)
    before = shop.handle(message("I forgot my password", email="p1@example.org"))
    assert before.answer is None or "none" in before.answer  # no article for it yet
    add_password_article(shop)
    within = shop.handle(message("reset my password please", email="p2@example.org"))
    assert within.answer is None or "none" in within.answer  # cached, inside the interval
    assert shop.policy.name == "default"
    monkeypatch.setattr(orchestrator_module, "REFRESH_SECONDS", 0.0)
    after = shop.handle(message("reset my password please", email="p3@example.org"))
    assert after.answer is not None and after.answer.get("item_id") == "kb-password-reset", after
    assert shop.policy.name == "v2" and shop.policy_version == version.version


def test_mark_stale_makes_the_next_batch_look(shop: Orchestrator) -> None:
    shop.handle(message("I forgot my password", email="p1@example.org"))
    add_password_article(shop)
    shop.mark_stale()  # what the server does on knowledge.changed / policy.changed
    after = shop.handle(message("reset my password please", email="p2@example.org"))
    assert after.answer is not None and after.answer.get("item_id") == "kb-password-reset", after


def test_a_customer_created_by_another_process_meanwhile_is_not_an_error(
    shop: Orchestrator, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another process creates the same new customer while this worker handles its message:
    both looked the customer up and found nobody, and this insert loses the unique-key race.
    (Two server workers claim identities first and wait for each other; an import does not.)
    """
    original = IdentityResolver.preload
    raced: list[bool] = []

    def preload_then_lose_the_race(self, refs):  # type: ignore[no-untyped-def]
        found = original(self, refs)
        if not raced:
            raced.append(True)  # an import stores the same new customer now
            with shop.workspace.sessions() as session, session.begin():
                IdentityResolver(session).resolve_many([CustomerRef(external_id="cus_race")])
        return found

    monkeypatch.setattr(IdentityResolver, "preload", preload_then_lose_the_race)
    mine = shop.handle(
        Delivery(
            customer=CustomerRef(external_id="cus_race"),
            message=MessageRecord(text="where is my order"),
            channel="chat",
        )
    )
    assert raced and mine.action
    with shop.workspace.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Customer)) == 2  # Mia and one


class _DeadlockDetected(Exception):
    """What psycopg raises when PostgreSQL breaks a deadlock by failing one transaction."""

    sqlstate = "40P01"


def test_a_deadlock_with_another_worker_is_tried_again(
    shop: Orchestrator, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = orchestrator_module.store_messages
    broken: list[bool] = []

    def deadlocked_once(*args, **kwargs):  # type: ignore[no-untyped-def]
        if not broken:
            broken.append(True)
            raise OperationalError("INSERT INTO identities …", {}, _DeadlockDetected())
        return original(*args, **kwargs)

    monkeypatch.setattr(orchestrator_module, "store_messages", deadlocked_once)
    result = shop.handle(message("where is my order NW-5001?", email="dee@example.org"))
    assert broken and result.action and not result.duplicate


def _renamed(model_texts: dict[str, list[str]], prefix: str) -> TrainedModel:
    texts = [t for ts in model_texts.values() for t in ts] * 2
    labels = [prefix + label for label, ts in model_texts.items() for _ in ts] * 2
    model = train_classifier(texts, labels, task="intent", target_precision=0.8, out_of_scope=False)
    model.component.threshold_ = 0.5  # type: ignore[attr-defined]
    return model


def test_a_model_version_made_live_elsewhere_is_used_and_a_broken_one_is_not(
    shop: Orchestrator, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``retrain`` or ``models activate`` in another process: a running server used the old
    model until it was restarted (found using the demo as a team lead would). Now the next
    message after ``REFRESH_SECONDS`` is read by the new version; a version whose folder
    breaks under the workspace leaves the one in use serving, and ``model_problems`` says so."""
    monkeypatch.setattr(orchestrator_module, "REFRESH_SECONDS", 0.0)
    register(shop.workspace, _renamed(EXAMPLES, "v1_"))
    live = Orchestrator(shop.workspace)  # follows the workspace's models, as `serve` does
    try:
        first = live.handle(message("I forgot my password", email="m1@example.org"))
        assert first.inputs["intent"] == "v1_password_reset", first.inputs
        v2 = register(shop.workspace, _renamed(EXAMPLES, "v2_"))  # `retrain` elsewhere
        second = live.handle(message("I forgot my password", email="m2@example.org"))
        assert second.inputs["intent"] == "v2_password_reset", second.inputs
        assert live.model_problems == {}
        v3 = register(shop.workspace, _renamed(EXAMPLES, "v3_"))
        for part in (folder_of(shop.workspace, v3) / "components").rglob("*.npz"):
            part.write_bytes(b"not a model")  # the files broke after activation
        third = live.handle(message("I forgot my password", email="m3@example.org"))
        assert third.inputs["intent"] == "v2_password_reset", third.inputs
        assert "intent model v3 unusable" in live.model_problems["intent"]
        assert v2.version == 2
    finally:
        live.close()
