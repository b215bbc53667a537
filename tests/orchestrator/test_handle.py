"""One message through listen → understand → decide → act, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tandemdesk.listen import imports
from tandemdesk.listen.delivery import store_messages
from tandemdesk.listen.identity import IdentityResolver
from tandemdesk.listen.records import CustomerRef
from tandemdesk.models import Agent, Assignment, Conversation, Customer, Decision, Message
from tandemdesk.orchestrator import Orchestrator
from tandemdesk.orchestrator_record import HandleResult
from tandemdesk.understand.pipeline import Pipeline
from tests.orchestrator.conftest import count, message


def test_routine_calm_request_is_answered_from_the_customers_own_data(shop: Orchestrator) -> None:
    result = shop.handle(message("Hi, where is my order NW-5001? Thanks"))
    assert result.action == "automate", result.explanation
    assert result.reply is not None and "JJD0099887766" in result.reply and "Mia" in result.reply
    assert result.answer is not None and result.answer["item_id"] == "mac-where-is-my-order"
    assert "Answered automatically" in result.explanation
    with shop.workspace.sessions() as session:
        conversation = session.get(Conversation, result.conversation_id)
        assert conversation is not None and conversation.status == "resolved"
        authors = [m.author for m in conversation.messages]
        assert authors == ["customer", "bot"]
        stored = session.scalars(select(Decision)).one()
        assert (stored.action, stored.rule_id) == ("automate", result.rule_id)
        assert stored.understanding["intent"]["label"] == "order_status"
        assert (
            session.scalars(select(Message.handling).where(Message.author == "customer")).one()
            == "handled"
        )


def test_distressed_customer_goes_to_a_person_even_for_a_routine_request(
    shop: Orchestrator,
) -> None:
    result = shop.handle(message(
        "WHERE IS MY ORDER?!! I am desperate and so worried, it is for my daughter's birthday, "
        "please help me, I am crying"
    ))  # fmt: skip
    assert result.action == "route_to_human", result.explanation
    assert result.reply is None
    assert result.assigned_agent in {"Ann Agent", "Ben Agent", "Sue Senior"}
    assert "distress" in result.explanation or "urgen" in result.explanation
    assert result.handoff is not None and result.handoff["summary"]
    with shop.workspace.sessions() as session:
        assignment = session.scalars(select(Assignment)).one()
        assert assignment.distress == pytest.approx(result.understanding["distress"]["value"])
        conversation = session.get(Conversation, result.conversation_id)
        assert conversation is not None and conversation.assignee_id == assignment.agent_id


def test_a_sarcastic_customer_gets_a_person_told_it_is_sarcasm(shop: Orchestrator) -> None:
    """Praise beside a complaint is not a pleased customer: no cheerful automated answer, and
    the hand-off does not report the praise as "admiration"."""
    result = shop.handle(
        message("Wow, great job guys, 10 days and still no parcel. Where is NW-5001?")
    )
    assert result.action == "route_to_human" and result.reply is None, result.explanation
    assert result.handoff is not None
    assert "sarcastic (\u201cgreat job\u201d), not pleased" in result.handoff["summary"]
    assert "admiration" not in result.handoff["summary"]


def test_abuse_goes_to_experienced_people_in_the_protected_queue(shop: Orchestrator) -> None:
    result = shop.handle(
        message("you useless idiots, I know where you live", email="angry@example.org")
    )
    assert (result.action, result.queue) == ("route_to_human", "protected")
    assert result.assigned_agent == "Sue Senior"
    with shop.workspace.sessions() as session:
        assert session.scalars(
            select(Customer.email).where(Customer.email == "angry@example.org")
        ).one()
        assert session.scalars(select(Assignment.abusive)).one() is True


def test_a_redelivered_message_is_never_answered_twice(shop: Orchestrator) -> None:
    first = shop.handle(message("where is my order NW-5001?", external_id="chat-msg-1"))
    again = shop.handle(message("where is my order NW-5001?", external_id="chat-msg-1"))
    assert again.duplicate and again.message_id == first.message_id and again.action == first.action
    assert again.reply == first.reply
    assert count(shop.workspace, Decision) == 1
    assert count(shop.workspace, Message) == 2  # the message and one reply


def test_a_crash_leaves_the_message_stored_for_retry(shop: Orchestrator) -> None:
    class Broken(Pipeline):
        def understand(self, texts):  # type: ignore[no-untyped-def]
            raise RuntimeError("model server fell over")

    working = shop.pipeline
    shop.pipeline = Broken()
    with pytest.raises(RuntimeError):
        shop.handle(message("where is my order NW-5001?"))
    with shop.workspace.sessions() as session:
        stored = session.scalars(select(Message)).one()
        assert (stored.handling, stored.attempts) == ("failed", 1)
    assert count(shop.workspace, Decision) == 0
    shop.pipeline = working
    [retried] = shop.retry_pending()
    assert retried.action == "automate"
    assert shop.retry_pending() == []
    assert count(shop.workspace, Decision) == 1


def test_unclear_chat_message_gets_a_clarifying_question(shop: Orchestrator) -> None:
    result = shop.handle(message("hmm okay so about that thing"))
    assert result.action in {"ask_clarifying_question", "route_to_human"}
    if result.action == "ask_clarifying_question":
        assert result.reply and "?" in result.reply


def test_no_grounded_answer_means_no_guess(shop: Orchestrator) -> None:
    # a routine intent, but the customer has no order: the bot must not invent one
    result = shop.handle(message("where is my order?", email="no.orders@example.org"))
    assert result.action == "route_to_human"
    assert "no grounded answer" in result.explanation
    with shop.workspace.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Agent)) == 3


def test_redeliveries_of_history_and_of_waiting_messages(
    shop: Orchestrator, tmp_path: Path
) -> None:
    """A copy of a message imported with the history is not answered again (people dealt
    with it then); a re-delivery of a message a crash left waiting is handled now."""
    history = tmp_path / "history.jsonl"
    history.write_text(json.dumps({
        "external_id": "c-old", "channel": "chat", "customer": {"email": "mia@example.org"},
        "messages": [{"author": "customer", "text": "where is my order?", "external_id": "old-1",
                      "sent_at": "2026-03-02T09:15:00Z"}],
    }) + "\n")  # fmt: skip
    imports.import_conversations(shop.workspace, history)
    waiting = message("where is my order NW-5001?", external_id="wait-1")
    with shop.workspace.sessions() as session, session.begin():  # stored, then a crash
        store_messages(session, IdentityResolver(session), [waiting], handling="pending")
    old, now = shop.handle_many([message("where is my order?", external_id="old-1"), waiting])
    assert old.duplicate and old.action == "none" and old.rule_id == "already_in_history"
    assert now.action != "none" and now.rule_id != "already_in_history"
    assert count(shop.workspace, Decision) == 1  # only the waiting one was decided


def test_the_answer_to_a_clarifying_question_is_the_request_not_a_repeat(
    shop: Orchestrator,
) -> None:
    """The bot asked "could you tell me more?"; the customer's answer is their request, not a
    second contact about it (it went to a person as one). After that answer, another message
    is a repeat contact."""

    def said(text: str, n: int) -> HandleResult:
        return shop.handle(message(text, conversation="chat-clarify", external_id=f"c-{n}"))

    asked = said("hi, quick question about my stuff", 1)
    assert asked.action == "ask_clarifying_question", asked.explanation
    answered = said("where is my order NW-5001?", 2)
    assert answered.action == "automate", answered.explanation
    again = said("where is my order NW-5001?", 3)
    assert again.rule_id == "repeat_contact_to_person", again.explanation


def test_one_clarifying_question_a_conversation(shop: Orchestrator) -> None:
    """A second message that still names nothing goes to a person, saying why, rather than
    being asked again."""
    first, second = (
        shop.handle(message(text, conversation="chat-twice", external_id=f"t-{n}"))
        for n, text in enumerate(
            ["hi, quick question about my stuff", "just a quick question about my things"]
        )
    )
    assert first.action == "ask_clarifying_question", first.explanation
    assert second.rule_id == "still_vague_to_person", second.explanation
    assert "already asked" in second.explanation


def test_a_question_asked_in_one_chat_is_no_contact_in_the_next(shop: Orchestrator) -> None:
    """An integration that sends no conversation id starts a new one per message: the
    request after the question is still a first contact."""
    asked = shop.handle(message("hi, quick question about my stuff", external_id="n-1"))
    assert asked.action == "ask_clarifying_question", asked.explanation
    answered = shop.handle(message("where is my order NW-5001?", external_id="n-2"))
    assert answered.action == "automate", answered.explanation


def test_a_greeting_answered_is_no_contact_about_the_request(shop: Orchestrator) -> None:
    """ "Hello!" got a courtesy reply; the request that follows is the first contact."""
    hello = shop.handle(message("hello!", conversation="chat-hello", external_id="h-1"))
    assert hello.action == "reply_courtesy", hello.explanation
    asked = shop.handle(
        message("where is my order NW-5001?", conversation="chat-hello", external_id="h-2")
    )
    assert asked.action == "automate", asked.explanation


def test_a_customer_known_from_events_gets_the_name_a_live_message_gives(
    shop: Orchestrator, tmp_path: Path
) -> None:
    """A customer the events import created from an e-mail alone had no name, and a live
    message that gave one did not fill it: every reply greeting "{{customer.first_name}}"
    was handed over for "the customer's first name is unknown". The name is filled, never
    overwritten, and it costs the live path no statement of its own (the identities' read
    brings the stored names: ``test_query_budget``)."""
    events = tmp_path / "nameless.jsonl"
    events.write_text(
        json.dumps({"customer": {"email": "noname@example.org"}, "type": "order_placed",
                    "occurred_at": "2026-01-01T10:00:00Z", "data": {"order_number": "NW-9"}})
        + "\n",
        encoding="utf-8",
    )  # fmt: skip
    imports.import_events(shop.workspace, events)
    named = message("where is my order NW-5001?")
    named = named.model_copy(update={"customer": CustomerRef(email="noname@example.org",
                                                             name="Nora Nameless")})  # fmt: skip
    shop.handle(named)
    renamed = message("thanks").model_copy(
        update={"customer": CustomerRef(email="mia@example.org", name="Someone Else")}
    )
    shop.handle(renamed)
    with shop.workspace.sessions() as session:
        names = dict(session.execute(select(Customer.email, Customer.name)).tuples().all())
    assert names["noname@example.org"] == "Nora Nameless"
    assert names["mia@example.org"] == "Mia Park"  # never overwritten
    # an e-mail address given as the name greets nobody: a real name later replaces it
    for name in ("ad@example.org", "Ada Real", "Someone Else"):
        shop.handle(message("hi", email="ad@example.org").model_copy(
            update={"customer": CustomerRef(email="ad@example.org", name=name)}))  # fmt: skip
    with shop.workspace.sessions() as session:
        ada = session.scalar(select(Customer.name).where(Customer.email == "ad@example.org"))
    assert ada == "Ada Real"
