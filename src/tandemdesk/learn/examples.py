"""Labelled examples from the workspace's own history (``train --from-workspace``).

Why the *first customer message* of each conversation: that is what the live flow classifies
(the opening of a conversation decides who handles it), and later messages ("thanks!",
"any news?") carry the conversation's label without saying anything about it. A chat often
opens with nothing but "hi" or "hola buenas": such small talk (``understand/dialogue``) says
nothing about the request either, so the first customer message that is more than small talk
is taken — a model taught that "hi" means "order status" answers greetings at 0.99 and takes
every greeting for a known request.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import select

from tandemdesk.errors import UnusableInputError
from tandemdesk.models import Conversation, Message
from tandemdesk.understand.datafiles import LabelledData
from tandemdesk.understand.dialogue import analyse_text
from tandemdesk.workspace import Workspace

LABEL_COLUMNS = {"intent": Conversation.intent, "urgency": Conversation.priority}


def workspace_examples(workspace: Workspace, task: str = "intent") -> LabelledData:
    """(first customer message that is more than small talk, label) for every labelled
    conversation, oldest first."""
    column = LABEL_COLUMNS.get(task)
    if column is None:
        raise UnusableInputError(
            f"the workspace has labels for {', '.join(LABEL_COLUMNS)}, not {task!r}; "
            "train other tasks from a labelled file (--data)"
        )
    texts: list[str] = []
    labels: list[str] = []
    last_conversation = None  # the conversation whose example is taken
    with workspace.sessions() as session:
        rows = session.execute(
            select(Message.conversation_id, Message.text, column)
            .join(Conversation, Conversation.id == Message.conversation_id)
            .where(Message.author == "customer", column.is_not(None))
            .order_by(Message.conversation_id, Message.sent_at, Message.id)
            .execution_options(yield_per=5000)
        )
        for conversation_id, text, label in rows:
            if conversation_id == last_conversation or not is_request(text):
                continue
            last_conversation = conversation_id
            texts.append(text)
            labels.append(str(label))
    if not texts:
        raise UnusableInputError(
            f"no conversations labelled with {task} in the workspace; import labelled history first"
        )
    return LabelledData(texts=texts, labels=labels, origin=f"workspace:{task}")


def is_request(text: str) -> bool:
    """Whether a customer message can stand for its conversation's label: not small talk."""
    return analyse_text(text).small_talk is None


def record_examples(records: Iterable[Mapping[str, Any]], task: str = "intent") -> LabelledData:
    """What ``workspace_examples`` takes, from conversation records in the import shape
    (``conversations.jsonl``: ``messages`` with ``author`` and ``text``, the label under
    ``task``), for code that trains from files as ``init --demo`` trains from the store."""
    field = {"intent": "intent", "urgency": "priority"}[task]
    data = LabelledData(origin=f"records:{task}")
    for record in records:
        label = record.get(field)
        first = next(
            (m["text"] for m in record["messages"]
             if m["author"] == "customer" and is_request(m["text"])),
            None,
        )  # fmt: skip
        if label is not None and first is not None:
            data.texts.append(first)
            data.labels.append(str(label))
    return data
