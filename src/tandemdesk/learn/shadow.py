"""Shadow mode over the stored history: what a candidate policy would change (``policy diff``).

Replays the first customer message of the newest conversations — live or imported — through
the live policy and the candidate, understanding each message again with the workspace's
active models (stored decisions may come from older models; the comparison must not mix
model changes into policy changes).
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from tandemdesk.decide import Context, ShadowReport, compare
from tandemdesk.learn.model_store import load_pipeline
from tandemdesk.models import Conversation, Message
from tandemdesk.policies import active_policy, check_policy
from tandemdesk.workspace import Workspace

BATCH = 500


def shadow_report(
    workspace: Workspace, candidate_file: Path | str, limit: int = 2000
) -> ShadowReport:
    """Compare the live policy with the candidate on up to ``limit`` recent conversations."""
    candidate = check_policy(workspace, candidate_file)
    live, _ = active_policy(workspace)
    texts: list[str] = []
    contexts: list[Context] = []
    with workspace.sessions() as session:
        conversations = session.execute(
            select(Conversation.id, Conversation.channel)
            .order_by(Conversation.created_at.desc(), Conversation.id.desc())
            .limit(limit)
        ).all()
        for conversation_id, channel in conversations:
            first = session.scalars(
                select(Message.text)
                .where(Message.conversation_id == conversation_id, Message.author == "customer")
                .order_by(Message.sent_at, Message.id)
                .limit(1)
            ).first()
            if first and first.strip():
                texts.append(first)
                contexts.append(Context(channel=channel))
    pipeline = load_pipeline(workspace)
    understood = []
    for start in range(0, len(texts), BATCH):
        understood.extend(pipeline.understand(texts[start : start + BATCH]))
    return compare(live, candidate, zip(understood, contexts, strict=True))
