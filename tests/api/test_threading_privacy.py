"""A channel's threading hints never put one customer's message in another's conversation.

Found using the API on the demo (two chat sessions numbered "1" by different widgets): the
second customer's message landed in the first one's conversation, and the answer carried
the first customer's hand-off — their e-mail and orders. Thread keys and reply headers are
matched within the customer's own conversations; an explicit conversation id or message id
that belongs to another customer is a 409 and stores nothing.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from tandemdesk.models import Conversation, Customer, Message
from tandemdesk.timeutil import utcnow
from tests.api.conftest import Api, assert_error


def _conversation_of(api: Api, message_id: int) -> Conversation:
    with api.shop.workspace.sessions() as session:
        message = session.get(Message, message_id)
        assert message is not None
        conversation = session.get(Conversation, message.conversation_id)
        assert conversation is not None
        session.expunge(conversation)
        return conversation


def _counts(api: Api) -> tuple[int, int, int]:
    with api.shop.workspace.sessions() as session:
        return tuple(  # type: ignore[return-value]
            int(session.scalar(select(func.count()).select_from(model)) or 0)
            for model in (Message, Conversation, Customer)
        )


def test_the_same_thread_key_from_two_customers_is_two_conversations(api: Api) -> None:
    alpha = api.post_message("I want to speak to a human please", "alpha@example.org",
                             thread_key="1")  # fmt: skip
    beta = api.post_message("Hi, I need help with my invoice", "beta@example.org", thread_key="1")
    again = api.post_message("are you there?", "alpha@example.org", thread_key="1")
    assert beta["conversation_id"] != alpha["conversation_id"]
    assert again["conversation_id"] == alpha["conversation_id"]  # the hint still threads
    assert "alpha@example.org" not in str(beta)
    assert (
        _conversation_of(api, beta["message_id"]).customer_id
        != _conversation_of(api, alpha["message_id"]).customer_id
    )


def test_a_reply_header_naming_another_customers_mail_does_not_thread(api: Api) -> None:
    first = api.post_message("where is my order?", "alpha@example.org",
                             external_id="<m1@mail.example.org>")  # fmt: skip
    forged = api.post_message("what is on my account?", "mallory@example.org",
                              in_reply_to="<m1@mail.example.org>")  # fmt: skip
    assert forged["conversation_id"] != first["conversation_id"]
    own = api.post_message("any news?", "alpha@example.org", in_reply_to="<m1@mail.example.org>")
    assert own["conversation_id"] == first["conversation_id"]


def test_another_customers_conversation_or_message_id_is_a_409_and_stores_nothing(
    api: Api,
) -> None:
    first = api.post_message("my parcel is late", "alpha@example.org",
                             conversation_external_id="widget-7", external_id="msg-1")  # fmt: skip
    before = _counts(api)
    headers = api.as_role("integration")
    for hint in ({"conversation_external_id": "widget-7"}, {"external_id": "msg-1"}):
        response = api.client.post(
            "/v1/messages",
            json={"customer": {"email": "intruder@example.org"}, "text": "my card was stolen",
                  "channel": "chat", **hint},
            headers=headers,
        )  # fmt: skip
        error = assert_error(response, 409, "conflict")
        assert "another customer" in error["message"]
        assert "alpha@example.org" not in response.text
    assert _counts(api) == before  # not the message, not the intruder as a customer
    retry = api.post_message("my parcel is late", "alpha@example.org",
                             conversation_external_id="widget-7", external_id="msg-1")  # fmt: skip
    assert retry["duplicate"] and retry["message_id"] == first["message_id"]
    follow_up = api.post_message("any news?", "alpha@example.org",
                                 conversation_external_id="widget-7")  # fmt: skip
    assert follow_up["conversation_id"] == first["conversation_id"]


def test_a_chat_follow_up_after_the_bot_resolved_it_reopens_the_conversation(api: Api) -> None:
    """Found on the demo: the bot answered a password question and resolved the chat; the
    customer's "the e-mail never comes, I'm desperate" on the same session started a new
    conversation, without the first answer beside it."""
    first = api.post_message("I forgot my password", "alpha@example.org", thread_key="s-1")
    with api.shop.workspace.sessions() as session, session.begin():
        conversation = session.get(Conversation, first["conversation_id"])
        assert conversation is not None
        conversation.status = "resolved"
    follow_up = api.post_message("the e-mail never comes, I'm desperate", "alpha@example.org",
                                 thread_key="s-1")  # fmt: skip
    assert follow_up["conversation_id"] == first["conversation_id"]
    assert _conversation_of(api, follow_up["message_id"]).status == "open"
    with api.shop.workspace.sessions() as session, session.begin():
        conversation = session.get(Conversation, first["conversation_id"])
        assert conversation is not None
        conversation.status = "resolved"
        conversation.updated_at = utcnow() - timedelta(days=30)  # a session key reused later
    later = api.post_message("hello again", "alpha@example.org", thread_key="s-1")
    assert later["conversation_id"] != first["conversation_id"]
