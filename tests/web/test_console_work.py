"""The working day (issue 15) over the API and the console's forms, on SQLite and
PostgreSQL: take / release / assign, notes and hand-overs, search and paging, the customer's
earlier conversations, confirmations, reopen, and error pages for people."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from tandemdesk import accounts, search
from tandemdesk.errors import ForbiddenError
from tandemdesk.models import Agent, Conversation, ConversationNote, Message
from tandemdesk.search import agent_queues
from tests.api.conftest import Api, assert_error
from tests.web.test_console_pages import login

HTML = {"Accept": "text/html,application/xhtml+xml"}
DISTRESSED = "I am so upset and stressed, my order NW-5001 never came. I am in tears."


def _free_conversation(api: Api, text: str = DISTRESSED, email: str = "mia@example.org") -> int:
    """A conversation nobody has: routed, then released by a lead."""
    cid = int(api.post_message(text, email=email)["conversation_id"])
    with api.shop.workspace.sessions() as session:
        assigned = session.scalar(select(Conversation.assignee_id).where(Conversation.id == cid))
    if assigned is not None:
        released = api.client.post(f"/v1/conversations/{cid}/release",
                                   headers=api.as_role("supervisor"))  # fmt: skip
        assert released.status_code == 200, released.text
    return cid


def _a1_works(api: Api, cid: int) -> bool:
    with api.shop.workspace.sessions() as session:
        agent = session.scalars(select(Agent).where(Agent.external_id == "a1")).one()
        queue = session.scalar(select(Conversation.queue).where(Conversation.id == cid))
        return queue in agent_queues(api.shop.policy, agent)


def _csrf(text: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', text)
    assert found is not None, text
    return found.group(1)


def test_take_release_assign_over_the_api(api: Api) -> None:
    cid = _free_conversation(api)
    agent = api.as_role("agent")  # Ann (a1)
    assert api.client.post(f"/v1/conversations/{cid}/reply", json={"text": "hi"},
                           headers=agent).status_code == 403  # fmt: skip
    assert _a1_works(api, cid)
    taken = api.client.post(f"/v1/conversations/{cid}/take", headers=agent)
    assert taken.status_code == 200 and taken.json()["assignee"] == "a1", taken.text
    detail = api.client.get(f"/v1/conversations/{cid}", headers=agent).json()
    assert detail["assignee"]["external_id"] == "a1"
    # a lead gives it to Ben; Ann can no longer act on it, nor take it back
    moved = api.client.post(f"/v1/conversations/{cid}/assign", json={"agent": "a2"},
                            headers=api.as_role("supervisor"))  # fmt: skip
    assert moved.status_code == 200, moved.text
    assert_error(api.client.post(f"/v1/conversations/{cid}/take", headers=agent), 403)
    assert_error(api.client.post(f"/v1/conversations/{cid}/release", headers=agent),
                 403, "not_assignee")  # fmt: skip
    back = api.client.post(f"/v1/conversations/{cid}/release", headers=api.as_role("supervisor"))
    assert back.status_code == 200
    again = api.client.post(f"/v1/conversations/{cid}/release",
                            headers=api.as_role("supervisor"))  # fmt: skip
    assert_error(again, 422, "invalid_record")
    assert api.client.post(f"/v1/conversations/{cid}/take", headers=agent).status_code == 200
    assert_error(api.client.post("/v1/conversations/999999/take", headers=agent), 404)


def test_a_note_is_never_a_message_and_a_hand_over_moves_the_work(api: Api) -> None:
    cid = int(api.post_message(DISTRESSED)["conversation_id"])
    lead = api.as_role("supervisor")
    with api.shop.workspace.sessions() as session:
        messages = session.scalar(select(func.count(Message.id)))
    note = api.client.post(f"/v1/conversations/{cid}/notes",
                           json={"text": "Parcel lost? Dispatch, please check the depot."},
                           headers=lead)  # fmt: skip
    assert note.status_code == 201, note.text
    queue = next(q for q in api.shop.policy.queues if q != "general")
    handed = api.client.post(
        f"/v1/conversations/{cid}/notes",
        json={"text": "Over to you", "to_queue": queue},
        headers=lead,
    )
    assert handed.status_code == 201, handed.text
    with api.shop.workspace.sessions() as session:
        assert session.scalar(select(func.count(Message.id))) == messages  # nothing sent
        conversation = session.get(Conversation, cid)
        assert conversation is not None
        assert conversation.queue == queue and conversation.assignee_id is None
        assert session.scalar(select(func.count(ConversationNote.id))) == 2
    listed = api.client.get(f"/v1/conversations/{cid}/notes", headers=lead).json()
    assert [n["handed_to_queue"] for n in listed["data"]] == [None, queue]
    to_ben = api.client.post(
        f"/v1/conversations/{cid}/notes",
        json={"text": "Ben knows this one", "to_agent": "a2"},
        headers=lead,
    )
    assert to_ben.status_code == 201
    assert api.client.get(f"/v1/conversations/{cid}", headers=lead).json()["assignee"][
        "external_id"] == "a2"  # fmt: skip
    assert_error(api.client.post(f"/v1/conversations/{cid}/notes",
                                 json={"text": "x", "to_queue": "nowhere"}, headers=lead),
                 422, "invalid_record")  # fmt: skip
    assert_error(api.client.post(f"/v1/conversations/{cid}/notes", json={"text": "a\x00b"},
                                 headers=lead), 422)  # fmt: skip
    assert_error(api.client.post(f"/v1/conversations/{cid}/notes", json={"text": "  "},
                                 headers=lead), 422)  # fmt: skip


def test_search_pages_and_the_customers_history(api: Api) -> None:
    first = int(api.post_message("Where is my order NW-5001?")["conversation_id"])
    lead = api.as_role("supervisor")
    api.client.post(f"/v1/conversations/{first}/resolve", headers=lead)
    later = int(api.post_message(DISTRESSED)["conversation_id"])
    for n in range(4):
        api.post_message(f"Question {n} about a voucher code", email=f"buyer{n}@example.org")
    found = api.client.get("/v1/search/conversations",
                           params={"text": "VOUCHER", "per_page": 3, "status": "all"},
                           headers=lead).json()  # fmt: skip
    assert found["count"] == 4 and len(found["data"]) == 3
    assert found["paging"]["pages"] == 2 and found["paging"]["last"] == 3
    page2 = api.client.get("/v1/search/conversations",
                           params={"text": "voucher", "per_page": 3, "page": 2, "status": "all"},
                           headers=lead).json()  # fmt: skip
    assert len(page2["data"]) == 1 and page2["paging"]["first"] == 4
    ids = {r["id"] for r in found["data"]} | {r["id"] for r in page2["data"]}
    assert len(ids) == 4
    by_customer = api.client.get("/v1/search/conversations",
                                 params={"customer": "BUYER2@", "status": "all"},
                                 headers=lead).json()  # fmt: skip
    assert by_customer["count"] == 1 and by_customer["data"][0]["customer"]["email"] == (
        "buyer2@example.org")  # fmt: skip
    upset = api.client.get("/v1/search/conversations", params={"mood": "distressed"},
                           headers=lead).json()  # fmt: skip
    assert later in {r["id"] for r in upset["data"]} and first not in {
        r["id"] for r in upset["data"]
    }
    literal = api.client.get("/v1/search/conversations", params={"text": "100%_"},
                             headers=lead).json()  # fmt: skip
    assert literal["count"] == 0
    log = api.client.get("/v1/search/decisions", params={"text": "voucher"}, headers=lead).json()
    assert log["count"] == 4 and {d["customer"]["email"] for d in log["data"]} == {
        f"buyer{n}@example.org" for n in range(4)}  # fmt: skip
    assert_error(api.client.get("/v1/search/decisions", headers=api.as_role("agent")), 403)
    if first != later:  # the same customer's earlier conversation
        history = api.client.get(f"/v1/conversations/{later}/history", headers=lead).json()
        assert first in [h["id"] for h in history["data"]]


def test_a_shift_in_the_console_forms(api: Api) -> None:
    """Take from the queue, reply, note, resolve, reopen — each confirmed on the page."""
    cid = _free_conversation(api)
    assert _a1_works(api, cid)  # the shop's distressed parcel question: Ann's queue
    accounts.create_user(api.shop.workspace, "ann", "agent's pw", "agent", agent="a1")
    login(api, "ann", "agent's pw")
    inbox = api.client.get("/inbox")
    assert 'id="free"' in inbox.text and f"/conversations/{cid}/take" in inbox.text
    refreshed = api.client.get("/inbox/rows")  # the live refresh keeps what is free current
    assert f"/conversations/{cid}/take" in refreshed.text
    csrf = _csrf(inbox.text)
    taken = api.client.post(f"/conversations/{cid}/take", data={"csrf_token": csrf})
    assert taken.status_code == 200 and "You have this conversation now." in taken.text
    assert 'id="notes"' in taken.text and 'id="history"' in taken.text
    replied = api.client.post(f"/conversations/{cid}/reply",
                              data={"text": "We are on it.", "csrf_token": csrf})  # fmt: skip
    assert "Reply sent." in replied.text
    noted = api.client.post(f"/conversations/{cid}/note",
                            data={"text": "Called the depot", "csrf_token": csrf})  # fmt: skip
    assert "Note saved" in noted.text and "Called the depot" in noted.text
    resolved = api.client.post(f"/conversations/{cid}/resolve", data={"csrf_token": csrf})
    assert "Resolved." in resolved.text and 'id="reopen"' in resolved.text
    reopened = api.client.post(f"/conversations/{cid}/reopen", data={"csrf_token": csrf})
    assert "Reopened" in reopened.text
    with api.shop.workspace.sessions() as session:
        conversation = session.get(Conversation, cid)
        assert conversation is not None and conversation.status == "open"
    forged = api.client.post(f"/conversations/{cid}/note", data={"text": "x"})
    assert forged.status_code == 403


def test_people_get_error_pages_and_the_api_keeps_json(api: Api) -> None:
    accounts.create_user(api.shop.workspace, "sup", "supervisor pw", "supervisor")
    login(api, "sup", "supervisor pw")
    missing = api.client.get("/conversations/999999", headers=HTML)
    assert missing.status_code == 404 and "text/html" in missing.headers["content-type"]
    assert "Not found" in missing.text and 'href="/supervisor"' in missing.text
    bad = api.client.get("/conversations/abc", headers=HTML)
    assert bad.status_code == 422 and "text/html" in bad.headers["content-type"]
    nowhere = api.client.get("/no/such/page", headers=HTML)
    assert nowhere.status_code == 404 and "<h1>" in nowhere.text
    assert_error(api.client.get("/v1/conversations/999999", headers={
        **HTML, **api.as_role("supervisor")}), 404, "not_found")  # fmt: skip
    accounts.create_user(api.shop.workspace, "ben", "ben's pw", "agent", agent="a2")
    login(api, "ben", "ben's pw")
    cid = int(api.post_message(DISTRESSED, email="zoe@example.org")["conversation_id"])
    with api.shop.workspace.sessions() as session:
        owner = session.scalar(select(Conversation.assignee_id).where(Conversation.id == cid))
        ben = session.scalar(select(Agent.id).where(Agent.external_id == "a2"))
    if owner != ben:
        refused = api.client.get(f"/conversations/{cid}", headers=HTML)
        assert refused.status_code == 403 and 'href="/inbox"' in refused.text


def test_the_inbox_says_how_many_and_pages(api: Api) -> None:
    for n in range(3):
        api.post_message(f"Where is my parcel {n}?", email=f"p{n}@example.org")
    accounts.create_user(api.shop.workspace, "sup", "supervisor pw", "supervisor")
    login(api, "sup", "supervisor pw")
    inbox = api.client.get("/inbox")
    assert re.search(r"Showing 1–\d+ of \d+", inbox.text), inbox.text
    searched = api.client.get("/inbox", params={"text": "parcel 1"})
    assert "Showing 1–1 of 1" in searched.text and "p0@example.org" not in searched.text
    log = api.client.get("/supervisor/decisions", params={"text": "parcel"})
    assert log.status_code == 200 and "Showing 1–3 of 3" in log.text
    outside = api.client.get("/supervisor/decisions", params={"page": "999"})
    assert outside.status_code == 200 and "Showing" in outside.text


def test_words_too_common_to_count_still_page(api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past ``PROBE`` matches the search pages newest first and says "more", not a count."""
    monkeypatch.setattr(search, "PROBE", 2)
    for n in range(4):
        api.post_message(f"My voucher number {n} fails", email=f"v{n}@example.org")
    lead = api.as_role("supervisor")
    first = api.client.get("/v1/search/conversations", headers=lead,
                           params={"text": "voucher", "per_page": 3, "status": "all"}).json()  # fmt: skip
    assert first["paging"]["more"] and first["paging"]["next"] == 2 and len(first["data"]) == 3
    second = api.client.get("/v1/search/conversations", headers=lead,
                            params={"text": "voucher", "per_page": 3, "page": 2,
                                    "status": "all"}).json()  # fmt: skip
    assert len(second["data"]) == 1 and second["paging"]["next"] is None
    assert {r["id"] for r in first["data"]}.isdisjoint({r["id"] for r in second["data"]})
    log = api.client.get("/v1/search/decisions", headers=lead,
                         params={"text": "voucher", "per_page": 3}).json()  # fmt: skip
    assert log["paging"]["more"] and len(log["data"]) == 3


def test_the_inbox_puts_the_most_pressing_first_over_every_page(api: Api) -> None:
    calm = int(api.post_message("Could you send me the invoice again?", email="c@example.org")
               ["conversation_id"])  # fmt: skip
    upset = int(api.post_message(DISTRESSED, email="u@example.org")["conversation_id"])
    with api.shop.workspace.sessions() as session:
        ordered = search.pressing_conversations(session, search.Search(), per_page=1)
        assert ordered["count"] >= 2 and ordered["paging"]["pages"] == ordered["count"]
        assert ordered["data"][0]["id"] == upset and ordered["data"][0]["band"] == 2
        rest = [search.pressing_conversations(session, search.Search(), page=p, per_page=1)
                ["data"][0]["id"] for p in range(2, ordered["count"] + 1)]  # fmt: skip
    assert calm in rest and upset not in rest


def test_paging_arithmetic() -> None:
    assert search.paging(0, 1)["first"] == 0 and search.paging(0, 5)["page"] == 1
    middle = search.paging(273, 3)
    assert (middle["first"], middle["last"], middle["pages"]) == (101, 150, 6)
    assert middle["prev"] == 2 and middle["next"] == 4 and middle["around"] == [1, 2, 3, 4, 5, 6]
    assert search.paging(273, 99)["page"] == 6 and search.paging(273, 99)["last"] == 273


def test_an_agent_takes_only_from_their_queues(api: Api) -> None:
    cid = _free_conversation(api)
    with api.shop.workspace.sessions() as session:
        ann = session.scalars(select(Agent).where(Agent.external_id == "a1")).one()
        mine = agent_queues(api.shop.policy, ann)
    other = next(q for q in api.shop.policy.queues if q not in mine)
    with api.shop.workspace.sessions.begin() as session:
        conversation = session.get(Conversation, cid)
        assert conversation is not None
        conversation.queue = other
    refused = api.client.post(f"/v1/conversations/{cid}/take", headers=api.as_role("agent"))
    assert_error(refused, 403, "forbidden")
    assert "not one of yours" in refused.json()["error"]["message"]
    lead = api.client.post(f"/v1/conversations/{cid}/assign", json={"agent": "a1"},
                           headers=api.as_role("supervisor"))  # fmt: skip
    assert lead.status_code == 200  # a lead may give it to her all the same


def test_an_agent_cannot_take_what_is_not_waiting(api: Api) -> None:
    """Taking is how an agent picks up waiting work, not a way into any conversation: one
    answered automatically (in no queue) or resolved is refused (else any agent could read
    any customer's conversations by taking them); a lead may still assign it."""
    cid = _free_conversation(api)
    agent = api.as_role("agent")
    for queue, status in ((None, "open"), ("logistics", "resolved"), (None, "closed")):
        with api.shop.workspace.sessions.begin() as session:
            conversation = session.get(Conversation, cid)
            assert conversation is not None
            conversation.queue, conversation.status = queue, status
        refused = api.client.post(f"/v1/conversations/{cid}/take", headers=agent)
        assert_error(refused, 403, "forbidden")
        with api.shop.workspace.sessions() as session:
            assert session.get(Conversation, cid).assignee_id is None  # type: ignore[union-attr]
    lead = api.client.post(f"/v1/conversations/{cid}/assign", json={"agent": "a1"},
                           headers=api.as_role("supervisor"))  # fmt: skip
    assert lead.status_code == 200, lead.text


def test_customer_service_hands_a_parcel_question_to_dispatch(api: Api) -> None:
    """The seed's case: customer service and dispatch are different jobs. Ann notes what she
    knows and hands over to the dispatch queue; the dispatcher takes it from there (Ann, who
    does not work that queue, cannot), reads the note, and it never reaches the customer."""
    from tandemdesk import actions_work
    from tandemdesk.decide.policy import Policy, Queue

    policy = Policy.model_construct(queues={"dispatch": Queue(roles=["dispatcher"]),
                                            "general": Queue(),
                                            "logistics": Queue(skills=["logistics"])})  # fmt: skip
    workspace = api.shop.workspace
    with workspace.sessions.begin() as session:
        session.add(Agent(external_id="d1", name="Dan Dispatch", role="dispatcher", skills=[],
                          languages=["en"], capacity=5))  # fmt: skip
    with workspace.sessions() as session:
        dan = session.scalars(select(Agent).where(Agent.external_id == "d1")).one()
        ann = session.scalars(select(Agent).where(Agent.external_id == "a1")).one()
        assert agent_queues(policy, dan) == {"dispatch"}
        assert agent_queues(policy, ann) == {"general", "logistics"}
        dan_id, ann_id = dan.id, ann.id
    cid = _free_conversation(api)
    actions_work.do_take(workspace, cid, ann_id, agent_queues(policy, ann))  # logistics
    actions_work.do_note(workspace, cid, "Depot scan missing since Monday; please trace NW-5001.",
                         "Ann Agent", ann_id, to_queue="dispatch",
                         queues=set(policy.queues))  # fmt: skip
    with workspace.sessions() as session:
        conversation = session.get(Conversation, cid)
        assert conversation is not None
        assert (conversation.queue, conversation.assignee_id) == ("dispatch", None)
    with pytest.raises(ForbiddenError, match="not one of yours"):
        actions_work.do_take(workspace, cid, ann_id, agent_queues(policy, ann))
    actions_work.do_take(workspace, cid, dan_id, agent_queues(policy, dan))
    with workspace.sessions() as session:
        assert session.get(Conversation, cid).assignee_id == dan_id
        notes = search.conversation_notes(session, cid)
        texts = session.scalars(select(Message.text).where(Message.conversation_id == cid)).all()
    assert notes[-1]["handed_to_queue"] == "dispatch" and "Depot scan" in notes[-1]["text"]
    assert not any("Depot scan" in t for t in texts)


def test_a_customer_without_a_name_shows_no_none(api: Api) -> None:
    """A new user's shop: customers known by e-mail only read "Customer None" on their
    conversation page; a missing value now shows as nothing on every console page."""
    cid = int(api.post_message(DISTRESSED, email="nameless@example.org")["conversation_id"])
    accounts.create_user(api.shop.workspace, "sup", "supervisor pw", "supervisor")
    login(api, "sup", "supervisor pw")
    page = api.client.get(f"/conversations/{cid}", headers=HTML)
    assert page.status_code == 200 and "nameless@example.org" in page.text
    assert "None" not in re.sub(r"<[^>]+>", " ", page.text)
