"""Labelled examples from the workspace's own history (``train --from-workspace``, ``retrain``).

**Only labels a person stands behind train a model.** A live conversation's intent is the
model's own guess until a person says otherwise; training on it teaches the model what it
already believes (its mistakes included) and hides them from the next comparison. So an
example's label comes from one of:

- an import (``conversations.source == "import"``): labels the business wrote;
- an agent's correction (``correction.intent`` outcome);
- a resolution on which the agent confirmed the intent (``resolved`` outcome with
  ``intent_confirmed``).

Every such event has a time (imports: before anything else), so the labels *as they were*
at any moment can be replayed (``as_of``): the promotion gate retrains the active model's
configuration on what it knew when it was trained.

Why the *first customer message* of each conversation: that is what the live flow classifies
(the opening of a conversation decides who handles it), and later messages ("thanks!",
"any news?") carry the conversation's label without saying anything about it. A chat often
opens with nothing but "hi" or "hola buenas": such small talk (``understand/dialogue``) says
nothing about the request either, so the first customer message that is more than small talk
is taken — a model taught that "hi" means "order status" answers greetings at 0.99 and takes
every greeting for a known request.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select

from tandemdesk.errors import UnusableInputError
from tandemdesk.models import Conversation, Message, Outcome
from tandemdesk.understand.datafiles import LabelledData
from tandemdesk.understand.dialogue import analyse_text
from tandemdesk.workspace import Workspace

LABEL_COLUMNS = {"intent": Conversation.intent, "urgency": Conversation.priority}
IMPORTED = "import"
# what a record (import shape) may say about where its label came from; "model" never trains
MODEL_SOURCES = frozenset({"model", "prediction", "predicted", "auto"})


@dataclass
class Examples:
    """Human-confirmed examples with the conversation each came from (oldest first)."""

    conversation_ids: list[int] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)

    def data(self, task: str) -> LabelledData:
        return LabelledData(texts=list(self.texts), labels=list(self.labels),
                            origin=f"workspace:{task}")  # fmt: skip

    def by_id(self) -> dict[int, int]:
        """conversation id → row."""
        return {cid: row for row, cid in enumerate(self.conversation_ids)}


@dataclass(frozen=True, slots=True)
class _Event:
    at: datetime
    label: str


def _check_task(task: str) -> None:
    if task not in LABEL_COLUMNS:
        raise UnusableInputError(
            f"the workspace has labels for {', '.join(LABEL_COLUMNS)}, not {task!r}; "
            "train other tasks from a labelled file (--data)"
        )


def confirmed_labels(
    workspace: Workspace,
    task: str = "intent",
    as_of: datetime | None = None,
    through_conversation: int | None = None,
) -> dict[int, str]:
    """conversation id → the label people had confirmed (at ``as_of``, default now).

    ``through_conversation`` leaves out imported conversations stored after it (their ids
    are larger): what a model trained earlier could not have seen.
    """
    _check_task(task)
    column = LABEL_COLUMNS[task]
    events: defaultdict[int, list[_Event]] = defaultdict(list)
    first_from: dict[int, str | None] = {}
    with workspace.sessions() as session:
        if task == "intent":
            rows = session.execute(
                select(Outcome.conversation_id, Outcome.kind, Outcome.value, Outcome.created_at)
                .where(Outcome.kind.in_(("correction.intent", "resolved")))
                .order_by(Outcome.created_at, Outcome.id)
            )
            for conversation_id, kind, value, at in rows:
                value = value or {}
                if kind == "correction.intent" and value.get("to"):
                    first_from.setdefault(conversation_id, value.get("from"))
                    events[conversation_id].append(_Event(at, str(value["to"])))
                elif kind == "resolved" and value.get("intent_confirmed") and value.get("intent"):
                    events[conversation_id].append(_Event(at, str(value["intent"])))
        imported = session.execute(
            select(Conversation.id, column).where(
                Conversation.source == IMPORTED, column.is_not(None)
            )
        )
        labels: dict[int, str] = {}
        for conversation_id, label in imported:
            if through_conversation is not None and conversation_id > through_conversation:
                continue
            # a later correction changed the column: the import said what it corrected
            original = first_from.get(conversation_id, label)
            if original:
                labels[conversation_id] = str(original)
    for conversation_id, happened in events.items():
        seen = [e for e in happened if as_of is None or e.at <= as_of]
        if seen:
            labels[conversation_id] = seen[-1].label
    return labels


def confirmed_examples(
    workspace: Workspace,
    task: str = "intent",
    as_of: datetime | None = None,
    through_conversation: int | None = None,
) -> Examples:
    """(first customer message that is more than small talk, confirmed label) per
    conversation whose label a person stands behind, oldest conversation first."""
    labels = confirmed_labels(workspace, task, as_of, through_conversation)
    examples = Examples()
    if not labels:
        return examples
    last_conversation = None  # the conversation whose example is taken
    with workspace.sessions() as session:
        rows = session.execute(
            select(Message.conversation_id, Message.text)
            .where(Message.author == "customer")
            .order_by(Message.conversation_id, Message.sent_at, Message.id)
            .execution_options(yield_per=5000)
        )
        for conversation_id, text in rows:
            label = labels.get(conversation_id)
            if label is None or conversation_id == last_conversation or not is_request(text):
                continue
            last_conversation = conversation_id
            examples.conversation_ids.append(int(conversation_id))
            examples.texts.append(text)
            examples.labels.append(label)
    return examples


def workspace_examples(workspace: Workspace, task: str = "intent") -> LabelledData:
    """The human-confirmed examples of ``task`` (see the module docstring), oldest first."""
    _check_task(task)
    examples = confirmed_examples(workspace, task)
    if not examples.texts:
        raise UnusableInputError(
            f"no conversations labelled with {task} by people in the workspace (imported "
            "labels, agent corrections or confirmed resolutions); import labelled history "
            f"(name the column that holds the {task}: `tandemdesk import conversations FILE "
            f"--field {task}=Category`) or correct some conversations first"
        )
    return examples.data(task)


def is_request(text: str) -> bool:
    """Whether a customer message can stand for its conversation's label: not small talk."""
    return analyse_text(text).small_talk is None


def _model_labelled(record: Mapping[str, Any]) -> bool:
    labels = record.get("labels") or {}
    source = record.get("intent_source") or (labels.get("intent_source") if isinstance(
        labels, Mapping) else None)  # fmt: skip
    return str(source or "").lower() in MODEL_SOURCES


def record_examples(records: Iterable[Mapping[str, Any]], task: str = "intent") -> LabelledData:
    """What ``workspace_examples`` takes, from conversation records in the import shape
    (``conversations.jsonl``: ``messages`` with ``author`` and ``text``, the label under
    ``task``), for code that trains from files as ``init --demo`` trains from the store.
    A record whose ``intent_source`` says a model labelled it is skipped."""
    field_name = {"intent": "intent", "urgency": "priority"}[task]
    data = LabelledData(origin=f"records:{task}")
    for record in records:
        label = record.get(field_name)
        if label is None or _model_labelled(record):
            continue
        first = next(
            (m["text"] for m in record["messages"]
             if m["author"] == "customer" and is_request(m["text"])),
            None,
        )  # fmt: skip
        if first is not None:
            data.texts.append(first)
            data.labels.append(str(label))
    return data
