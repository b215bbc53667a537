"""Shadow mode over the stored history: what a candidate policy would change (``policy diff``).

Replays the first customer message of the newest conversations — live or imported — through
the live policy and the candidate, understanding each message again with the workspace's
active models (stored decisions may come from older models; the comparison must not mix
model changes into policy changes). Each message is replayed as a first contact on its
channel: a candidate that changes only the repeat-contact or open-conversation rules shows
no difference here.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from sqlalchemy import select

from tandemdesk.decide import Context, ShadowReport, compare
from tandemdesk.learn.model_store import load_pipeline
from tandemdesk.models import Conversation, Message
from tandemdesk.policies import active_policy, check_policy
from tandemdesk.workspace import Workspace


def shadow_report(
    workspace: Workspace, candidate_file: Path | str, limit: int = 2000
) -> ShadowReport:
    """Compare the live policy with the candidate on up to ``limit`` recent conversations."""
    candidate = check_policy(workspace, candidate_file)
    live, _ = active_policy(workspace)
    texts: list[str] = []
    contexts: list[Context] = []
    conversation_ids: list[int] = []
    recent = (
        select(Conversation.id, Conversation.channel, Conversation.created_at)
        .order_by(Conversation.created_at.desc(), Conversation.id.desc())
        .limit(limit)
        .subquery()
    )
    last_conversation = None
    with workspace.sessions() as session:
        rows = session.execute(  # every customer message of them, the first of each first
            select(recent.c.id, recent.c.channel, Message.text)
            .join(Message, Message.conversation_id == recent.c.id)
            .where(Message.author == "customer")
            .order_by(recent.c.created_at.desc(), recent.c.id.desc(), Message.sent_at, Message.id)
        )
        for conversation_id, channel, text in rows:
            if conversation_id == last_conversation:
                continue
            last_conversation = conversation_id
            if text.strip():
                texts.append(text)
                contexts.append(Context(channel=channel))
                conversation_ids.append(conversation_id)
    understood = load_pipeline(workspace).understand(texts)
    report = compare(live, candidate, zip(understood, contexts, strict=True))
    examples = tuple(
        replace(example, conversation_id=conversation_ids[example.index])
        for example in report.examples
    )  # so each example links to its conversation
    return replace(report, examples=examples)
