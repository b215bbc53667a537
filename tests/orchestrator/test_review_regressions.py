"""Regressions found in review: nothing said twice is lost, the strongest identity wins, the
past is not answered again, small histories give a clear error."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from tandemdesk.errors import UnusableInputError
from tandemdesk.learn.retrain import retrain
from tandemdesk.listen import imports
from tandemdesk.listen.delivery import Delivery
from tandemdesk.listen.identity import IdentityResolver
from tandemdesk.listen.records import CustomerRef, MessageRecord
from tandemdesk.models import Decision, Message
from tandemdesk.orchestrator import Orchestrator
from tandemdesk.workspace import Workspace


def test_the_same_short_reply_twice_is_two_messages(shop: Orchestrator) -> None:
    def said(text: str) -> Delivery:
        return Delivery(customer=CustomerRef(email="yo@example.org"), message=MessageRecord(text=text),
                        channel="chat", thread_key="chat-session-1")  # fmt: skip

    _, second, third = (shop.handle(said(t)) for t in ("hello there", "yes", "yes"))
    assert not third.duplicate and third.message_id != second.message_id
    assert second.conversation_id == third.conversation_id, "threaded by the chat session"
    with shop.workspace.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Decision)) == 3


def test_untimed_repeats_in_an_import_all_land(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text('{"external_id": "x", "customer": {"email": "r@example.org"}, "messages": '
                    '[{"text": "ok"}, {"author": "agent", "text": "anything else?"}, {"text": "ok"}]}\n')  # fmt: skip
    assert imports.import_conversations(workspace, path).to_dict()["messages"] == 3
    assert imports.import_conversations(workspace, path).to_dict()["messages"] == 0


def test_the_strongest_identity_wins_inside_a_batch(workspace: Workspace) -> None:
    with workspace.sessions() as session, session.begin():
        resolver = IdentityResolver(session)
        phone_owner = resolver.resolve(CustomerRef(phone="+4917011112222"))
    with workspace.sessions() as session, session.begin():
        first, second = IdentityResolver(session).resolve_many(
            [CustomerRef(external_id="E1"), CustomerRef(external_id="E1", phone="+4917011112222")]
        )
    assert first == second, "one external id, one customer"
    assert first != phone_owner


def test_a_message_from_the_imported_history_is_not_answered_again(
    shop: Orchestrator, tmp_path: Path
) -> None:
    path = tmp_path / "h.jsonl"
    path.write_text('{"external_id": "old", "customer": {"email": "mia@example.org"}, "messages": '
                    '[{"text": "where is my order?", "external_id": "<old@mail>"}]}\n')  # fmt: skip
    imports.import_conversations(shop.workspace, path)
    result = shop.handle(Delivery(customer=CustomerRef(email="mia@example.org"), channel="email",
                                  message=MessageRecord(text="where is my order?", external_id="<old@mail>")))  # fmt: skip
    assert (result.action, result.duplicate) == ("none", True)
    with shop.workspace.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Decision)) == 0
        assert session.scalar(select(func.count()).select_from(Message)) == 1


def test_retrain_on_too_little_history_is_a_clear_error(
    workspace: Workspace, tmp_path: Path
) -> None:
    path = tmp_path / "small.csv"
    path.write_text("text,intent\na b,x\nc d,x\ne f,y\ng h,y\ni j,z\nk l,z\n")
    imports.import_conversations(workspace, path)
    with pytest.raises(UnusableInputError, match="too few"):
        retrain(workspace, "intent", folds=5)


def test_a_retry_does_not_answer_a_question_the_conversation_moved_past(shop: Orchestrator) -> None:
    from tandemdesk.understand.pipeline import Pipeline

    def said(text: str) -> Delivery:
        return Delivery(customer=CustomerRef(email="mia@example.org"), message=MessageRecord(text=text),
                        channel="chat", thread_key="session-9")  # fmt: skip

    class Broken(Pipeline):
        def understand(self, texts):  # type: ignore[no-untyped-def]
            raise RuntimeError("down")

    working = shop.pipeline
    shop.pipeline = Broken()
    with pytest.raises(RuntimeError):
        shop.handle(said("where is my order NW-5001?"))
    shop.pipeline = working
    shop.handle(said("the lamp arrived broken, I am so upset!!"))
    assert shop.retry_pending() == []
    with shop.workspace.sessions() as session:
        states = list(
            session.scalars(
                select(Message.handling).where(Message.author == "customer").order_by(Message.id)
            )
        )
    assert states == ["superseded", "handled"]
