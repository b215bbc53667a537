"""Running a conversation test suite through the real write path, without touching the
live workspace (``tandemdesk test-conversations``).

Why a scratch workspace and not the live one: every case is a new message, and handling it
stores a conversation, a decision, maybe a reply and an assignment — test traffic in the
inbox, the insights and the next retrain. So the cases run in a throwaway SQLite workspace,
migrated like ``tandemdesk init`` does, holding what answers and routing need from the live
one (agents, the knowledge base's articles and macros, and the customers the cases name),
with the live workspace's pipeline and policy: ``Orchestrator(scratch, pipeline=live
models, policy=live policy)`` — the same code a channel's message goes through.

Cases must not see each other: each is its own new conversation and its own customer. A
``customer:`` case gets a copy of that live customer (name, email, phone, language,
attributes and every event: their real orders) known by a case-scoped external id, so two
cases about one customer are not "the same customer writing twice" (the repeat-contact
rule) and their email stays free for the next copy. Their past conversations are not
copied: each case is a first contact. After each case its conversation is closed, so the
agents' load is the same for every case.
"""

from __future__ import annotations

import logging
import tempfile
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from tandemdesk.db import transaction
from tandemdesk.decide import Policy
from tandemdesk.errors import NotFoundError
from tandemdesk.learn.conversation_suite import (
    CaseError,
    CaseOutcome,
    FactEvent,
    Suite,
    SuiteCase,
    SuiteError,
    SuiteReport,
    crashed,
    fact_events,
    judge,
    observe,
)
from tandemdesk.learn.model_store import load_pipeline
from tandemdesk.listen.timeline import find_customer
from tandemdesk.models import (
    Agent,
    Article,
    Conversation,
    Customer,
    CustomerEvent,
    Identity,
    table_of,
)
from tandemdesk.policies import active_policy
from tandemdesk.timeutil import utcnow
from tandemdesk.understand.pipeline import Pipeline
from tandemdesk.workspace import Workspace, init_workspace

Progress = Callable[[int, int], None]
_CHUNK = 500


def check_suite(live: Workspace, suite: Suite, policy: Policy) -> None:
    """What only the live workspace can tell: queues the policy has and customers that
    exist. Raises ``SuiteError`` with every bad case's line, before anything runs."""
    errors: list[CaseError] = []
    queues = sorted(policy.queues)
    with live.sessions() as session:
        for case in suite.cases:
            expect = case.spec.expect
            for queue in filter(None, [expect.queue, *expect.queue_not]):
                if queue not in policy.queues:
                    errors.append(CaseError(case.line, case.key,
                                            f"the live policy has no queue {queue!r}; its "
                                            f"queues: {', '.join(queues)}"))  # fmt: skip
            if case.spec.customer:
                try:
                    find_customer(session, case.spec.customer)
                except NotFoundError as error:
                    errors.append(CaseError(case.line, case.key, error.message))
    if errors:
        raise SuiteError(suite.source, errors)


def run_suite(
    live: Workspace,
    suite: Suite,
    *,
    pipeline: Pipeline | None = None,
    policy: Policy | None = None,
    progress: Progress | None = None,
) -> SuiteReport:
    """Run every case against the live workspace's models and policy in a scratch
    workspace; a case that crashes is a failed outcome with its error."""
    if policy is None:
        policy, _ = active_policy(live)
    check_suite(live, suite, policy)
    if pipeline is None:
        pipeline = load_pipeline(live)
    from tandemdesk.orchestrator import Orchestrator

    thresholds = policy.thresholds
    with tempfile.TemporaryDirectory(prefix="tandemdesk-suite-") as folder:
        settings = live.settings.model_copy(
            update={
                "database_url": f"sqlite:///{Path(folder) / 'suite.db'}",
                "workspace_dir": Path(folder) / "workspace",
                "understanding_helper": False,  # one message at a time: nothing to overlap
            }
        )
        scratch = _quiet_init(settings)
        try:
            _copy_reference_data(live, scratch)
            orchestrator = Orchestrator(scratch, pipeline=pipeline, policy=policy)
            run = uuid.uuid4().hex[:8]
            outcomes: list[CaseOutcome] = []
            for number, case in enumerate(suite.cases, start=1):
                key = f"suite-{run}-{number}"
                try:
                    ref = _customer_for(live, scratch, case, key)
                    result = orchestrator.handle(_delivery(case, ref, key))
                    observed = observe(result.to_dict(), thresholds.distress, thresholds.abuse)
                    outcomes.append(judge(case, observed))
                except Exception as error:  # a broken case fails alone
                    outcomes.append(crashed(case, error))
                _close_all(scratch)
                if progress is not None:
                    progress(number, len(suite.cases))
            orchestrator.close()
        finally:
            scratch.close()
    return SuiteReport(suite.source, outcomes, second_opinion=pipeline.second_opinion_scope)


def _quiet_init(settings: Any) -> Workspace:
    """Migrate the scratch workspace without Alembic's progress lines (a library loaded
    with the models may have set the root logger to INFO)."""
    logger = logging.getLogger("alembic")
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        return init_workspace(settings)
    finally:
        logger.setLevel(level)


def _delivery(case: SuiteCase, ref: dict[str, Any], key: str) -> Any:
    from tandemdesk.listen.delivery import Delivery
    from tandemdesk.listen.records import CustomerRef, MessageRecord

    return Delivery(
        customer=CustomerRef(**ref),
        message=MessageRecord(text=case.spec.text, external_id=f"{key}-message"),
        channel=case.spec.channel,
        subject=case.spec.subject,
        conversation_external_id=key,
    )


def _copy_reference_data(live: Workspace, scratch: Workspace) -> None:
    """Agents (routing) and articles and macros (the knowledge base), rows as they are."""
    with live.sessions() as source, transaction(scratch.sessions) as target:
        for model in (Agent, Article):
            table = table_of(model)
            rows = [dict(row._mapping) for row in source.execute(select(table))]
            for start in range(0, len(rows), _CHUNK):
                target.execute(insert(table), rows[start : start + _CHUNK])


def _customer_for(live: Workspace, scratch: Workspace, case: SuiteCase, key: str) -> dict[str, Any]:
    """Create this case's own customer in the scratch workspace; the reference to deliver
    its message with."""
    spec = case.spec
    now = utcnow()
    if spec.customer:
        with live.sessions() as source:
            original = find_customer(source, spec.customer)
            events = [
                FactEvent(e.type, e.occurred_at, dict(e.data or {}))
                for e in source.scalars(
                    select(CustomerEvent).where(CustomerEvent.customer_id == original.id)
                )
            ]
            values = {
                "name": original.name, "email": original.email, "phone": original.phone,
                "language": original.language, "attributes": dict(original.attributes or {}),
                "created_at": original.created_at,
            }  # fmt: skip
    elif spec.facts is not None:
        facts = spec.facts
        events = fact_events(facts, now)
        values = {
            "name": facts.name, "email": facts.email.lower() if facts.email else None,
            "phone": facts.phone, "language": facts.language or spec.language,
            "attributes": {}, "created_at": now,
        }  # fmt: skip
    else:  # nobody in particular: a new customer, created by the write path itself
        return {"external_id": key, "language": spec.language}
    with transaction(scratch.sessions) as session:
        _store_customer(session, key, values, events)
    return {"external_id": key}


def _store_customer(
    session: Session, key: str, values: dict[str, Any], events: list[FactEvent]
) -> None:
    customer_id = session.execute(
        insert(table_of(Customer)).values(external_id=key, **values).returning(Customer.id)
    ).scalar_one()
    session.execute(
        insert(table_of(Identity)).values(customer_id=customer_id, kind="external", value=key)
    )
    rows = [
        {
            "customer_id": customer_id,
            "type": event.type,
            "occurred_at": event.occurred_at,
            "data": event.data,
            "dedup_key": f"{key}:{position}",
        }
        for position, event in enumerate(events)
    ]
    for start in range(0, len(rows), _CHUNK):
        session.execute(insert(table_of(CustomerEvent)), rows[start : start + _CHUNK])


def _close_all(scratch: Workspace) -> None:
    """Close every case's conversation, so the next case meets agents as free as this one
    did (routing weighs their open conversations)."""
    with transaction(scratch.sessions) as session:
        session.execute(
            update(Conversation).where(Conversation.status != "closed").values(status="closed")
        )
