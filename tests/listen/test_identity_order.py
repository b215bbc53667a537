"""New customers are inserted in key order, so concurrent workers cannot deadlock.

Two server workers creating overlapping new customers take the unique-index locks in
statement row order; the same order in both means one waits for the other (then retries)
instead of PostgreSQL detecting a deadlock after a second. The ids must still come back
matched to the references they were created for.
"""

from __future__ import annotations

import threading
from typing import Any

import pytest
from sqlalchemy import event, func, select

from tandemdesk.listen.identity import IdentityResolver
from tandemdesk.listen.records import CustomerRef
from tandemdesk.models import Customer, Identity
from tandemdesk.workspace import Workspace


def test_new_customers_and_identities_go_in_key_order(workspace: Workspace) -> None:
    refs = [
        CustomerRef(external_id="cus-c", email="c@example.org"),
        CustomerRef(external_id="cus-a", phone="+4917000000001"),
        CustomerRef(email="no-external@example.org"),
        CustomerRef(external_id="cus-b", email="b@example.org"),
    ]
    inserted: dict[str, list[Any]] = {"customers": [], "identities": []}

    def capture(
        _conn: Any, _cursor: Any, statement: str, params: Any, _ctx: Any, _many: bool
    ) -> None:
        for table in inserted:
            if statement.startswith(f"INSERT INTO {table} "):
                inserted[table].append(params)

    event.listen(workspace.engine, "before_cursor_execute", capture)
    try:
        with workspace.sessions() as session, session.begin():
            ids = IdentityResolver(session).resolve_many(refs)
    finally:
        event.remove(workspace.engine, "before_cursor_execute", capture)

    assert inserted["customers"] and inserted["identities"]
    with workspace.sessions() as session:
        by_id = {c.id: c for c in session.scalars(select(Customer))}
        order = [c.external_id for c in sorted(by_id.values(), key=lambda c: c.id)]
        identities = list(
            session.execute(select(Identity.kind, Identity.value).order_by(Identity.id))
        )
    assert order == ["cus-a", "cus-b", "cus-c", None], "customers inserted by external id"
    assert identities == sorted(identities), "identities inserted by (kind, value)"
    # and each reference got the customer made for it
    assert [by_id[i].external_id for i in ids] == ["cus-c", "cus-a", None, "cus-b"]
    assert by_id[ids[2]].email == "no-external@example.org"
    assert by_id[ids[1]].phone == "+4917000000001"


def test_a_second_worker_waits_for_the_first_and_finds_the_new_customer(
    workspace: Workspace,
) -> None:
    """Two workers meeting the same new person at once: the second waits on the first's
    claim, then finds the customer it created — no unique-key failure, no second customer."""
    if workspace.engine.dialect.name != "postgresql":
        pytest.skip("SQLite has one writer at a time: there is nothing to claim")
    ref = CustomerRef(external_id="cus-new", email="new@example.org", phone="+4917000000009")
    found: list[int] = []
    failed: list[BaseException] = []

    def second_worker() -> None:
        try:
            with workspace.sessions() as session, session.begin():
                resolver = IdentityResolver(session, exclusive=True)
                resolver.claim([ref])
                found.append(resolver.resolve_many([ref])[0])
        except BaseException as error:  # reported by the assertion below
            failed.append(error)

    with workspace.sessions() as session, session.begin():
        resolver = IdentityResolver(session, exclusive=True)
        resolver.claim([ref])
        first = resolver.resolve_many([ref])[0]
        worker = threading.Thread(target=second_worker)
        worker.start()
        worker.join(0.5)
        assert worker.is_alive(), "the second worker waits while the first holds the claim"
    worker.join(10)
    assert not failed and found == [first]
    with workspace.sessions() as session:
        assert session.scalar(select(func.count(Customer.id))) == 1
