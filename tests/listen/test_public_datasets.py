"""The public labelled data sets import with field mapping alone (no editing of the files)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tandemdesk.listen import imports
from tandemdesk.models import Conversation, Message
from tandemdesk.workspace import Workspace
from tests.conftest import shared_data

pytestmark = pytest.mark.shared_data


def test_banking77_imports_with_field_mapping(workspace: Workspace) -> None:
    path = shared_data("banking77", "test.csv")
    result = imports.import_conversations(workspace, path, fields={"intent": "category"}).to_dict()
    # 3,080 rows; "Which ATMs accept this card?" appears twice (once with a trailing space),
    # and an id-less row is known by its content, so the second one is a duplicate.
    assert (result["imported"], result["duplicates"], result["rejected_total"]) == (3079, 1, 0)
    with workspace.sessions() as session:
        intents = session.scalar(select(func.count(func.distinct(Conversation.intent))))
        assert intents == 77
    again = imports.import_conversations(workspace, path, fields={"intent": "category"}).to_dict()
    assert (again["imported"], again["duplicates"]) == (0, 3080)


def test_bitext_imports_with_replies(workspace: Workspace) -> None:
    path = shared_data("bitext_cs", "Bitext_Sample_Customer_Support_Training_Dataset.csv")
    result = imports.import_conversations(
        workspace, path, fields={"text": "instruction", "reply": "response"}
    ).to_dict()
    assert (result["imported"], result["messages"], result["rejected_total"]) == (4514, 9028, 0)
    with workspace.sessions() as session:
        assert session.scalar(select(func.count(func.distinct(Conversation.intent)))) == 27
        reply = session.scalars(
            select(Message.text).where(Message.author == "agent").limit(1)
        ).one()
        assert "\n" in reply, "multi-line quoted responses stay whole"
        labels = session.scalars(select(Conversation.labels).limit(1)).one()
        assert labels["category"] and labels["flags" if "flags" in labels else "tags"]
