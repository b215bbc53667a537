"""The live flow's set-based writes give what row-by-row writes would, on both databases.

On PostgreSQL ``insert_returning_ids``, ``insert_many`` and ``update_many`` send all rows as
one JSON parameter that the statement unpacks and casts, instead of a row per statement;
NULLs, time zones, JSON documents, quotes, non-ASCII text and the row order must come
through exactly as single-row writes store them, and what a single-row write refuses
(a text longer than its column) must still be refused, not cut.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.exc import DBAPIError, StatementError

from tandemdesk.listen.bulk import insert_many, insert_returning_ids, update_many
from tandemdesk.models import Conversation, Customer, Decision, Identity, Message, table_of
from tandemdesk.workspace import Workspace

AT = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


def _customer_with_conversations(workspace: Workspace, n: int) -> list[int]:
    with workspace.sessions() as session, session.begin():
        customer = Customer(external_id="cus-bulk", name="Bulk")
        session.add(customer)
        session.flush()
        conversations = [
            Conversation(customer_id=customer.id, channel="chat", status="open", queue="q")
            for _ in range(n)
        ]
        session.add_all(conversations)
        session.flush()
        return [c.id for c in conversations]


def test_insert_many_stores_every_row_in_order_with_its_values(workspace: Workspace) -> None:
    with workspace.sessions() as session, session.begin():
        customer = Customer(external_id="cus-ids")
        session.add(customer)
        session.flush()
        rows = [
            {"customer_id": customer.id, "kind": kind, "value": value}
            for kind, value in [("email", "o'brien@example.org"), ("phone", "+4917000000001"),
                                ("external", 'quote " and \\ backslash')]
        ]  # fmt: skip
        insert_many(session, table_of(Identity), rows)
        insert_many(session, table_of(Identity), [])  # nothing to do is not an error
    with workspace.sessions() as session:
        stored = session.execute(
            select(Identity.customer_id, Identity.kind, Identity.value).order_by(Identity.id)
        ).all()
    assert [tuple(r) for r in stored] == [(r["customer_id"], r["kind"], r["value"]) for r in rows]


def test_insert_many_keeps_json_documents_and_nulls(workspace: Workspace) -> None:
    [conversation_id] = _customer_with_conversations(workspace, 1)
    with workspace.sessions() as session, session.begin():
        message = Message(
            conversation_id=conversation_id, author="customer", text="hi", sent_at=AT,
            dedup_key="bulk-1",
        )  # fmt: skip
        session.add(message)
        session.flush()
        document = {"said": 'a "quoted" {brace} ü', "scores": [0.5, None], "nested": {"k": []}}
        insert_many(
            session,
            table_of(Decision),
            [
                {
                    "message_id": message.id, "conversation_id": conversation_id,
                    "action": "route_to_human", "queue": None, "rule_id": "r",
                    "explanation": "why", "inputs": document, "understanding": {},
                    "intent": None, "distress": 0.25, "abusive": False,
                    "policy_version": None, "reply_message_id": None,
                    "assigned_agent_id": None, "handoff": {"packet": None}, "created_at": AT,
                }
            ],
        )  # fmt: skip
    with workspace.sessions() as session:
        decision = session.scalars(select(Decision)).one()
    assert decision.inputs == document and decision.handoff == {"packet": None}
    assert decision.queue is None and decision.intent is None and decision.created_at == AT


def test_update_many_sets_each_rows_own_values_including_nulls(workspace: Workspace) -> None:
    ids = _customer_with_conversations(workspace, 3)
    later = AT + timedelta(hours=2)
    changes = [
        {"id": ids[2], "queue": None, "status": "resolved", "updated_at": later},
        {"id": ids[0], "queue": "billing", "status": "open", "updated_at": AT},
    ]
    with workspace.sessions() as session, session.begin():
        update_many(session, table_of(Conversation), changes)
        update_many(session, table_of(Conversation), [])
    with workspace.sessions() as session:
        rows = {
            c.id: (c.queue, c.status, c.updated_at) for c in session.scalars(select(Conversation))
        }
    assert rows[ids[0]] == ("billing", "open", AT)
    assert rows[ids[1]][:2] == ("q", "open"), "a row not named is left alone"
    assert rows[ids[2]] == (None, "resolved", later)


def test_insert_returning_ids_gives_each_row_its_own_id_in_row_order(
    workspace: Workspace,
) -> None:
    names = ["Zoë Ørsted", 'Ann "Nan" O\'Neil', "李雷", "Bo\\b"]
    rows = [
        {"external_id": f"cus-{9 - i}", "name": name, "email": None, "attributes": {"n": i},
         "created_at": AT + timedelta(minutes=i)}
        for i, name in enumerate(names)
    ]  # fmt: skip
    with workspace.sessions() as session, session.begin():
        ids = insert_returning_ids(session, table_of(Customer), rows)
        assert insert_returning_ids(session, table_of(Customer), []) == []
    assert len(set(ids)) == len(rows)
    with workspace.sessions() as session:
        stored = {c.id: c for c in session.scalars(select(Customer))}
    for row, customer_id in zip(rows, ids, strict=True):
        customer = stored[customer_id]
        assert (customer.external_id, customer.name, customer.email) == (
            row["external_id"],
            row["name"],
            None,
        )
        assert customer.attributes == row["attributes"]
        assert customer.created_at == row["created_at"]


def test_a_value_too_long_for_its_column_is_refused_not_cut(workspace: Workspace) -> None:
    if workspace.engine.dialect.name == "sqlite":
        pytest.skip("SQLite does not enforce VARCHAR lengths, with or without bulk writes")
    limit = table_of(Identity).c.kind.type.length
    assert limit is not None
    [conversation_id] = _customer_with_conversations(workspace, 1)
    with workspace.sessions() as session:
        customer_id = session.scalars(select(Customer.id)).one()
    writes = [
        lambda session: insert_many(
            session,
            table_of(Identity),
            [{"customer_id": customer_id, "kind": "k" * (limit + 1), "value": "v"}],
        ),
        lambda session: update_many(
            session, table_of(Conversation), [{"id": conversation_id, "status": "s" * 500}]
        ),
    ]
    for write in writes:
        with (
            pytest.raises(DBAPIError, match="too long"),
            workspace.sessions() as session,
            session.begin(),
        ):
            write(session)


def test_a_naive_timestamp_is_refused_as_a_single_write_refuses_it(
    workspace: Workspace,
) -> None:
    [conversation_id] = _customer_with_conversations(workspace, 1)
    naive = datetime(2026, 3, 1, 9, 30)
    with (
        pytest.raises((StatementError, ValueError), match="naive datetime"),
        workspace.sessions() as session,
        session.begin(),
    ):
        update_many(session, table_of(Conversation), [{"id": conversation_id, "updated_at": naive}])
