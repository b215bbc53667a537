"""Imports through the real write path, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from tandemdesk.errors import UnusableInputError
from tandemdesk.listen import imports
from tandemdesk.listen.timeline import customer_timeline
from tandemdesk.models import (
    Agent,
    Article,
    Conversation,
    Customer,
    CustomerEvent,
    Identity,
    Message,
)
from tandemdesk.workspace import Workspace


@pytest.fixture
def data(fixtures_dir: Path) -> Path:
    return fixtures_dir / "imports"


def count(workspace: Workspace, model: type) -> int:
    with workspace.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_jsonl_conversations_land_and_bad_lines_are_reported(
    workspace: Workspace, data: Path
) -> None:
    summary = imports.import_conversations(workspace, data / "conversations.jsonl")
    result = summary.to_dict()
    assert result["imported"] == 4  # c-1, c-2, c-3, c-9
    rejected = {r["line"]: r["error"] for r in result["rejected"]}
    assert set(rejected) == {4, 5, 6, 7, 8, 9, 10}
    assert "malformed JSON" in rejected[4]
    assert "empty" in rejected[5]
    assert "not an email" in rejected[6]
    assert "JSON object" in rejected[7]
    assert "at least one message" in rejected[8]
    assert "author" in rejected[9]
    assert "not a date" in rejected[10]
    assert count(workspace, Message) == 5


def test_identity_resolution_joins_email_chat_and_phone(workspace: Workspace, data: Path) -> None:
    imports.import_conversations(workspace, data / "conversations.jsonl")
    with workspace.sessions() as session:
        owners = session.scalars(
            select(Conversation.customer_id).where(
                Conversation.external_id.in_(["c-1", "c-2", "c-3"])
            )
        ).all()
        assert len(set(owners)) == 1, "email, chat and phone contact are one customer"
        identities = session.execute(
            select(Identity.kind, Identity.value).where(Identity.customer_id == owners[0])
        ).all()
        assert set(identities) == {
            ("external", "cust-1"),
            ("email", "anna.berg@example.org"),
            ("phone", "+491701234567"),
        }
        customer = session.get(Customer, owners[0])
        assert customer is not None and customer.phone == "+491701234567"


def test_reimport_is_idempotent(workspace: Workspace, data: Path) -> None:
    imports.import_conversations(workspace, data / "conversations.jsonl")
    before = (count(workspace, Conversation), count(workspace, Message), count(workspace, Customer))
    again = imports.import_conversations(workspace, data / "conversations.jsonl").to_dict()
    assert again["imported"] == 0
    assert again["duplicates"] == 4
    assert again["messages"] == 0
    assert (
        count(workspace, Conversation),
        count(workspace, Message),
        count(workspace, Customer),
    ) == before


def test_updated_export_adds_only_new_messages(workspace: Workspace, tmp_path: Path) -> None:
    first = tmp_path / "a.jsonl"
    first.write_text(
        '{"external_id": "x", "customer": {"email": "z@example.org"}, "messages": '
        '[{"text": "hello", "sent_at": "2026-01-01T00:00:00Z"}]}\n'
    )
    imports.import_conversations(workspace, first)
    first.write_text(
        '{"external_id": "x", "status": "resolved", "customer": {"email": "z@example.org"}, '
        '"messages": '
        '[{"text": "hello", "sent_at": "2026-01-01T00:00:00Z"}, '
        '{"author": "agent", "text": "hi!", "sent_at": "2026-01-01T00:05:00Z"}]}\n'
    )
    result = imports.import_conversations(workspace, first).to_dict()
    assert (result["imported"], result["updated"], result["messages"]) == (0, 1, 1)
    assert count(workspace, Message) == 2


def test_csv_groups_rows_and_rejects_bad_rows_with_their_line(
    workspace: Workspace, data: Path
) -> None:
    result = imports.import_conversations(workspace, data / "messages.csv").to_dict()
    rejected = {r["line"]: r["error"] for r in result["rejected"]}
    # line 5: empty text; line 8: a date that is no date; line 11: bytes that are not UTF-8
    assert set(rejected) == {5, 8, 11}
    assert "empty" in rejected[5]
    assert "UTF-8" in rejected[11]
    assert result["imported"] == 4  # t-1, t-2 (its good row), t-4, t-6
    with workspace.sessions() as session:
        t1 = session.scalars(select(Conversation).where(Conversation.external_id == "t-1")).one()
        assert [m.author for m in t1.messages] == ["customer", "agent", "customer"]
        t2 = session.scalars(select(Conversation).where(Conversation.external_id == "t-2")).one()
        assert "colour is wrong" in t2.messages[0].text  # a quoted multi-line field
        t4 = session.scalars(select(Conversation).where(Conversation.external_id == "t-4")).one()
        assert [m.author for m in t4.messages] == ["bot", "customer"]


def test_csv_without_id_column_is_one_conversation_per_row_and_idempotent(
    workspace: Workspace, tmp_path: Path
) -> None:
    path = tmp_path / "labelled.csv"
    path.write_text(
        "instruction,category\nwhere is my card,card_arrival\nI was charged twice,double_charge\n"
    )
    first = imports.import_conversations(
        workspace, path, fields={"text": "instruction", "intent": "category"}
    )
    assert first.to_dict()["imported"] == 2
    again = imports.import_conversations(
        workspace, path, fields={"text": "instruction", "intent": "category"}
    )
    assert (again.to_dict()["imported"], again.to_dict()["duplicates"]) == (0, 2)
    with workspace.sessions() as session:
        assert set(session.scalars(select(Conversation.intent))) == {
            "card_arrival",
            "double_charge",
        }


def test_a_helpdesk_export_with_capitalised_headers_and_bad_values(
    workspace: Workspace, tmp_path: Path
) -> None:
    """Found importing a helpdesk export as a person would: ``Email`` and ``Channel`` were
    stored as labels (aliases matched lower case only), so the customers had no identity;
    a CSAT of 9 and a status "weird" landed as they were. Headers now match ignoring case,
    spaces and hyphens; an out-of-range CSAT or unknown status rejects that row, with its
    line, and the rest lands (helpdesk names like "solved" and "on-hold" are read)."""
    path = tmp_path / "export.csv"
    path.write_text(
        "Ticket ID,Body,Email,Channel,Status,CSAT\n"
        "h-1,Where is my parcel?,anna@example.org,Email,Solved,5\n"
        "h-2,Refund please,bo@example.org,chat,weird,\n"
        "h-3,Wrong size,cy@example.org,chat,on-hold,9\n"
        "h-4,Thanks!,di@example.org,chat,New,4\n",
        encoding="utf-8",
    )
    result = imports.import_conversations(workspace, path).to_dict()
    rejected = {r["line"]: r["error"] for r in result["rejected"]}
    assert set(rejected) == {3, 4}, rejected
    assert "unknown status 'weird'" in rejected[3]
    assert "csat must be between 1 and 5, not 9" in rejected[4]
    assert result["imported"] == 2
    with workspace.sessions() as session:
        rows = session.execute(
            select(Conversation.external_id, Conversation.channel, Conversation.status,
                   Conversation.csat, Customer.email)
            .join(Customer, Customer.id == Conversation.customer_id)
            .order_by(Conversation.external_id)
        ).all()  # fmt: skip
    assert [tuple(r) for r in rows] == [
        ("h-1", "email", "resolved", 5.0, "anna@example.org"),
        ("h-4", "chat", "open", 4.0, "di@example.org"),
    ]


def test_a_helpdesk_exports_category_and_created_columns_are_read(
    workspace: Workspace, tmp_path: Path
) -> None:
    """A new user's coffee-shop export ("Ticket ID, Subject, Body, Category, Customer Email,
    Created"): ``Category`` and ``Created`` were kept as labels, so training found no intent
    and every ticket was dated at import. A column named ``intent`` still wins."""
    path = tmp_path / "export.csv"
    path.write_text(
        "Ticket ID,Body,Category,Customer Email,Created\n"
        "c-1,Please pause my subscription,Subscription pause,ann@example.org,2025-03-02T09:15:00Z\n",
        encoding="utf-8",
    )
    assert imports.import_conversations(workspace, path).to_dict()["imported"] == 1
    with workspace.sessions() as session:
        intent, created = session.execute(
            select(Conversation.intent, Conversation.created_at)
        ).one()  # fmt: skip
    assert intent == "Subscription pause"
    assert (created.year, created.month, created.day) == (2025, 3, 2)
    both = tmp_path / "both.csv"
    both.write_text("text,category,intent\nmy card is lost,cards,lost_card\n", encoding="utf-8")
    imports.import_conversations(workspace, both)
    with workspace.sessions() as session:
        assert "lost_card" in set(session.scalars(select(Conversation.intent)))


def test_unusable_inputs_fail_whole(workspace: Workspace, tmp_path: Path) -> None:
    with pytest.raises(UnusableInputError, match="no such file"):
        imports.import_conversations(workspace, tmp_path / "missing.csv")
    odd = tmp_path / "data.xml"
    odd.write_text("<x/>")
    with pytest.raises(UnusableInputError, match="--format"):
        imports.import_conversations(workspace, odd)
    no_text = tmp_path / "no_text.csv"
    no_text.write_text("a,b\n1,2\n")
    with pytest.raises(UnusableInputError, match="no text column"):
        imports.import_conversations(workspace, no_text)
    with pytest.raises(UnusableInputError, match="not in the file"):
        imports.import_conversations(workspace, no_text, fields={"text": "missing"})


def test_oversized_message_is_rejected_and_the_rest_lands(
    workspace: Workspace, tmp_path: Path
) -> None:
    path = tmp_path / "big.csv"
    huge = "x" * 10_000_000
    path.write_text(f"text\nfirst fine message\n{huge}\nlast fine message\n")
    result = imports.import_conversations(workspace, path).to_dict()
    assert result["imported"] == 2
    assert result["rejected"][0]["line"] == 3
    assert "limit" in result["rejected"][0]["error"]


def test_zendesk_export(workspace: Workspace, data: Path) -> None:
    result = imports.import_conversations(workspace, data / "zendesk.json").to_dict()
    assert result["imported"] == 2
    assert (
        result["rejected"][0]["line"] == 2
        and "at least one message" in result["rejected"][0]["error"]
    )
    with workspace.sessions() as session:
        ticket = session.scalars(
            select(Conversation).where(Conversation.external_id == "zendesk:1001")
        ).one()
        assert (ticket.status, ticket.csat, ticket.channel) == ("resolved", 5.0, "email")
        assert [m.author for m in ticket.messages] == ["customer", "agent"], (
            "internal notes are skipped"
        )
        assert ticket.messages[1].text == "Hi Tom,\n\nwe have refunded the lamp."
        assert ticket.customer.email == "tom.hale@example.net"
        chat = session.scalars(
            select(Conversation).where(Conversation.external_id == "zendesk:1003")
        ).one()
        assert (chat.status, chat.customer.email) == ("pending", "una@example.net")


def test_events_join_the_timeline(workspace: Workspace, data: Path) -> None:
    imports.import_conversations(workspace, data / "conversations.jsonl")
    result = imports.import_events(workspace, data / "events.jsonl").to_dict()
    assert result["imported"] == 4
    assert [r["line"] for r in result["rejected"]] == [5, 6]
    csv_result = imports.import_events(workspace, data / "events.csv").to_dict()
    assert csv_result["imported"] == 1 and csv_result["rejected"][0]["line"] == 3
    again = imports.import_events(workspace, data / "events.jsonl").to_dict()
    assert (again["imported"], again["duplicates"]) == (0, 4)
    with workspace.sessions() as session:
        timeline = customer_timeline(session, "ANNA.BERG@example.org")
        kinds = [(e.kind, e.title) for e in timeline.entries]
        assert kinds[0] == ("event", "order_placed")
        assert ("event", "order_delivered") in kinds
        assert [e.at for e in timeline.entries] == sorted(e.at for e in timeline.entries)
        assert len(timeline.conversations) == 3
        assert timeline.total_entries == len(timeline.entries) == 8  # 4 messages, 4 events
        delivered = session.scalars(
            select(CustomerEvent).where(CustomerEvent.type == "order_delivered")
        ).one()
        assert delivered.data == {"order": "NW-1001", "carrier": "DHL"}
        assert customer_timeline(session, "+49 170 1234567").customer.id == timeline.customer.id
        assert customer_timeline(session, "cust-1").customer.id == timeline.customer.id


def test_articles_and_macros(workspace: Workspace, data: Path) -> None:
    result = imports.import_articles(workspace, data / "articles").to_dict()
    assert result["imported"] == 3
    errors = {r["file"]: r["error"] for r in result["rejected"]}
    assert set(errors) == {"broken.md", "notitle.md", "macros.jsonl"}
    assert "no title" in errors["notitle.md"]
    with workspace.sessions() as session:
        macro = session.scalars(select(Article).where(Article.external_id == "m-tracking")).one()
        assert macro.placeholders == [
            "customer.first_name",
            "order.number",
            "shipment.carrier",
            "shipment.tracking_number",
        ]
        german = session.scalars(select(Article).where(Article.external_id == "versand")).one()
        assert (german.language, german.intents, german.title) == (
            "de",
            ["order_status"],
            "Lieferzeiten",
        )
    again = imports.import_articles(workspace, data / "articles").to_dict()
    assert (again["imported"], again["updated"], again["duplicates"]) == (0, 0, 3)


def test_agents_upsert_and_database_refusals_are_reported(workspace: Workspace, data: Path) -> None:
    result = imports.import_agents(workspace, data / "agents.csv").to_dict()
    assert result["imported"] == 2
    errors = {r["line"]: r["error"] for r in result["rejected"]}
    assert set(errors) == {4, 5}
    assert "refused" in errors[4]  # duplicate email, caught by the database
    assert "capacity" in errors[5]
    with workspace.sessions() as session:
        sam = session.scalars(select(Agent).where(Agent.external_id == "a-1")).one()
        assert (sam.skills, sam.languages, sam.capacity) == (
            ["billing", "escalations"],
            ["en", "es"],
            6,
        )


def test_customers_date_from_their_earliest_conversation_or_event(
    workspace: Workspace, data: Path
) -> None:
    imports.import_conversations(workspace, data / "conversations.jsonl")
    imports.import_events(workspace, data / "events.jsonl")
    with workspace.sessions() as session:
        anna = session.scalars(
            select(Customer).where(Customer.email == "anna.berg@example.org")
        ).one()
        # her first order (2026-02-27) is older than her first conversation (2026-03-02)
        assert anna.created_at.isoformat().startswith("2026-02-27")


def test_an_import_leaves_the_planner_statistics_current(workspace: Workspace, data: Path) -> None:
    """Without statistics PostgreSQL scans whole tables for lookups an index answers."""
    if workspace.engine.dialect.name != "postgresql":
        pytest.skip("SQLite's planner keeps no statistics to refresh")
    imports.import_conversations(workspace, data / "conversations.jsonl")
    with workspace.sessions() as session:
        analysed = dict(
            session.execute(
                text(
                    "SELECT relname, last_analyze IS NOT NULL FROM pg_stat_user_tables "
                    "WHERE relname IN ('messages', 'conversations', 'identities')"
                )
            ).all()
        )
    assert analysed == {"messages": True, "conversations": True, "identities": True}


def test_events_first_then_conversations_fill_the_customers_name_and_language(
    workspace: Workspace, tmp_path: Path
) -> None:
    """Found onboarding a bank in the README's order (events, then conversations): the
    customers the events created never got the names the conversations carried, so every
    "{{customer.first_name}}" macro was handed over. A name or language is filled, never
    overwritten."""
    events = tmp_path / "events.jsonl"
    events.write_text(
        '{"customer": {"email": "y@mail.example"}, "type": "card_ordered", '
        '"occurred_at": "2026-11-01T10:00:00Z", "data": {}}\n'
        '{"customer": {"email": "z@mail.example", "name": "Zoe Known"}, "type": "card_ordered", '
        '"occurred_at": "2026-11-01T10:00:00Z", "data": {}}\n',
        encoding="utf-8",
    )
    imports.import_events(workspace, events)
    conversations = tmp_path / "c.jsonl"
    conversations.write_text(
        '{"external_id": "c1", "customer": {"email": "y@mail.example", "name": "Yara Young", '
        '"language": "de"}, "messages": [{"text": "Wo ist meine Karte?"}]}\n'
        '{"external_id": "c2", "customer": {"email": "z@mail.example", "name": "Someone Else"}, '
        '"messages": [{"text": "card?"}]}\n',
        encoding="utf-8",
    )
    assert imports.import_conversations(workspace, conversations).to_dict()["imported"] == 2
    with workspace.sessions() as session:
        people = {c.email: (c.name, c.language) for c in session.scalars(select(Customer))}
    assert people["y@mail.example"] == ("Yara Young", "de")
    assert people["z@mail.example"][0] == "Zoe Known"  # never overwritten
