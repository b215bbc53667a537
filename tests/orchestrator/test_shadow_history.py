"""``policy diff --shadow``: the stored history replayed through the live and a candidate
policy — the first customer message of each conversation, once, newest conversations first."""

from __future__ import annotations

from sqlalchemy import func, select

from tandemdesk.learn.shadow import shadow_report
from tandemdesk.models import Conversation
from tandemdesk.orchestrator import Orchestrator
from tandemdesk.policies import save_policy
from tests.orchestrator.conftest import message

EVERYONE_TO_A_PERSON = """\
version: 1
rules:
  - id: everyone_to_person
    when: {always: true}
    action: route_to_human
"""


def test_shadow_replays_each_conversation_once(shop: Orchestrator) -> None:
    shop.handle(message("where is my order NW-5001?", email="mia@example.org"))
    shop.handle(message("I was charged twice, this is awful", email="oz@example.org"))
    with shop.workspace.sessions() as session:
        conversations = session.scalar(select(func.count()).select_from(Conversation))
    assert conversations
    strict = shadow_report(shop.workspace, EVERYONE_TO_A_PERSON)  # against the default
    assert strict.total == conversations, "each conversation's first message, once"
    assert strict.candidate_counts == {"route_to_human": conversations}
    assert strict.differing == conversations - strict.live_counts.get("route_to_human", 0)
    line = strict.actions_line()  # the text output's per-action counts, live → candidate
    live_people = strict.live_counts.get("route_to_human", 0)
    assert f"route_to_human {live_people:,} → {conversations:,}" in line, line
    assert shadow_report(shop.workspace, EVERYONE_TO_A_PERSON, limit=1).total == 1
    save_policy(shop.workspace, EVERYONE_TO_A_PERSON)
    same = shadow_report(shop.workspace, EVERYONE_TO_A_PERSON)
    assert same.total == conversations and same.differing == 0
