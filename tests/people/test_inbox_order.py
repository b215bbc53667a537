"""The inbox's order, most pressing first, is decided by the database over every matching
conversation — not over the newest 2,000, where a backlog's longest-waiting customers
dropped out of the inbox altogether. On SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import insert, select, update

from tandemdesk.inbox import ConversationFilters, list_conversations
from tandemdesk.models import Conversation, Customer, Message
from tandemdesk.orchestrator import Orchestrator
from tandemdesk.timeutil import utcnow
from tests.orchestrator.conftest import intent_model, message, shop  # noqa: F401 - fixtures

DISTRESSED = "I am desperate, my father's medication was in that parcel and nobody answers me"
CALM = "Could you tell me where my order NW-1001 is? Thanks"


def _age(shop: Orchestrator, conversation_id: int, hours: float) -> None:  # noqa: F811
    then = utcnow() - timedelta(hours=hours)
    with shop.workspace.sessions.begin() as session:
        session.execute(update(Message).where(Message.conversation_id == conversation_id)
                        .values(sent_at=then))  # fmt: skip
        session.execute(update(Conversation).where(Conversation.id == conversation_id)
                        .values(updated_at=then, created_at=then))  # fmt: skip


def test_a_long_waiting_distressed_customer_leads_even_behind_a_big_backlog(
    shop: Orchestrator,  # noqa: F811
) -> None:
    upset = shop.handle(message(DISTRESSED, email="old@example.org"))
    _age(shop, upset.conversation_id, 48)
    calm = shop.handle(message(CALM, email="calm@example.org"))
    with shop.workspace.sessions.begin() as session:  # 2,100 newer open conversations
        customer = session.scalar(select(Customer.id).where(Customer.email == "calm@example.org"))
        session.execute(insert(Conversation), [
            {"customer_id": customer, "channel": "email", "status": "open"}
            for _ in range(2_100)
        ])  # fmt: skip
    with shop.workspace.sessions() as session:
        page = list_conversations(session, ConversationFilters(limit=3))
        second = list_conversations(session, ConversationFilters(limit=3, offset=1))
    assert page["count"] == 2_102
    assert page["data"][0]["id"] == upset.conversation_id, page["data"][0]
    assert page["data"][0]["band"] == 2 and page["data"][0]["waiting_since"] is not None
    assert second["data"][0]["id"] == page["data"][1]["id"]  # pages follow the same order
    assert calm.conversation_id in {row["id"] for row in page["data"]}  # waiting comes next


def test_the_database_orders_as_the_rows_read(shop: Orchestrator) -> None:  # noqa: F811
    """Band first (the rows' own ``band``), then the longest waiting, then the newest."""
    made = [
        shop.handle(message(CALM, email="a@example.org")),
        shop.handle(message(DISTRESSED, email="b@example.org")),
        shop.handle(message("you are useless idiots, f*** you", email="c@example.org")),
        shop.handle(message(CALM, email="d@example.org")),
    ]
    for hours, result in zip((5, 1, 3, 30), made, strict=True):
        _age(shop, result.conversation_id, hours)
    with shop.workspace.sessions() as session:
        rows = list_conversations(session, ConversationFilters())["data"]
    keys = [(-row["band"], row["waiting_since"] or "~", -row["id"]) for row in rows]
    assert keys == sorted(keys)
    assert {row["id"] for row in rows} == {r.conversation_id for r in made}


def test_a_closed_or_resolved_conversation_waits_for_nobody(shop: Orchestrator) -> None:  # noqa: F811
    """An imported "closed" conversation whose customer wrote last is history, not a reply
    owed: listed with ``status=all`` it has no wait and is no reply-target breach."""
    made = shop.handle(message(CALM, email="old@example.org"))
    _age(shop, made.conversation_id, 30)
    with shop.workspace.sessions.begin() as session:
        session.execute(update(Conversation).where(Conversation.id == made.conversation_id)
                        .values(status="closed"))  # fmt: skip
    with shop.workspace.sessions() as session:
        [row] = list_conversations(session, ConversationFilters(status="all"))["data"]
    assert row["status"] == "closed" and row["waiting_since"] is None
