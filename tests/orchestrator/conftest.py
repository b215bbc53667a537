"""Shared fixtures: a small shop (agents, a macro, one customer's shipped order) and a tiny
intent model, so orchestrator tests run the real flow in seconds."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tandemdesk.listen import imports
from tandemdesk.listen.delivery import Delivery
from tandemdesk.listen.records import CustomerRef, MessageRecord
from tandemdesk.orchestrator import Orchestrator
from tandemdesk.timeutil import utcnow
from tandemdesk.understand.pipeline import Pipeline, Understanding
from tandemdesk.understand.training import TrainedModel, train_classifier
from tandemdesk.workspace import Workspace

EXAMPLES = {
    "order_status": ["where is my order", "when will my parcel arrive", "has my package shipped yet",
                     "tracking for my order please", "my order status?", "where's my delivery"],
    "password_reset": ["I forgot my password", "reset my password please", "password link not working",
                       "how do I change my password", "new password needed", "lost my password"],
    "damaged_item": ["the item arrived broken", "my jacket is torn", "damaged product received",
                     "the box was crushed and the lamp broke", "it arrived damaged", "broken on arrival"],
}  # fmt: skip


@pytest.fixture(scope="module")
def intent_model() -> TrainedModel:
    texts = [t for ts in EXAMPLES.values() for t in ts] * 2
    labels = [label for label, ts in EXAMPLES.items() for _ in ts] * 2
    # 36 examples are too few to learn what lies outside them (every unseen word reads as
    # out of scope): these tests are about the flow, so no out-of-scope detector
    model = train_classifier(texts, labels, task="intent", target_precision=0.8, out_of_scope=False)
    # 36 examples, all held-out answers right: the picked threshold is the lowest confidence
    # seen (~0.94); these tests are about the flow, so accept what the model is 50% sure of
    model.component.threshold_ = 0.5  # type: ignore[attr-defined]
    return model


@pytest.fixture
def shop(workspace: Workspace, tmp_path: Path, intent_model: TrainedModel) -> Orchestrator:
    now = utcnow()
    agents = tmp_path / "agents.jsonl"
    agents.write_text("\n".join(json.dumps(a) for a in [
        {"external_id": "a1", "name": "Ann Agent", "role": "agent", "skills": ["logistics", "returns"],
         "languages": ["en"], "capacity": 5},
        {"external_id": "a2", "name": "Ben Agent", "role": "agent", "skills": ["logistics", "returns"],
         "languages": ["en"], "capacity": 5},
        {"external_id": "s1", "name": "Sue Senior", "role": "senior_agent", "skills": ["returns"],
         "languages": ["en"], "capacity": 5},
    ]) + "\n")  # fmt: skip
    imports.import_agents(workspace, agents)
    macros = tmp_path / "macros.jsonl"
    macros.write_text(json.dumps({
        "external_id": "mac-where-is-my-order", "kind": "macro", "title": "Where is my order", "intents": ["order_status"],
        "body": "Hi {{customer.first_name}}, order {{order.number}} is on its way with "
                "{{shipment.carrier}}, tracking {{shipment.tracking_number}}, expected {{shipment.eta}}.",
    }) + "\n")  # fmt: skip
    imports.import_articles(workspace, macros)
    events = tmp_path / "events.jsonl"
    order = {"order_number": "NW-5001"}
    events.write_text("\n".join(json.dumps(e) for e in [
        {"customer": {"email": "mia@example.org", "name": "Mia Park"}, "type": "order_placed",
         "occurred_at": (now - timedelta(days=2)).isoformat(), "data": {**order, "total": 80, "currency": "EUR"}},
        {"customer": {"email": "mia@example.org"}, "type": "order_shipped",
         "occurred_at": (now - timedelta(days=1)).isoformat(),
         "data": {**order, "carrier": "DHL", "tracking_number": "JJD0099887766",
                  "eta": (now + timedelta(days=2)).date().isoformat()}},
    ]) + "\n")  # fmt: skip
    imports.import_events(workspace, events)
    return Orchestrator(workspace, pipeline=Pipeline(intent=intent_model))


def message(
    text: str,
    email: str = "mia@example.org",
    channel: str = "chat",
    conversation: str | None = None,
    **extra: object,
) -> Delivery:
    """A customer's message; ``conversation``: the channel's id of the conversation it
    continues (a chat's), else a new one."""
    return Delivery(
        customer=CustomerRef(email=email),
        message=MessageRecord(text=text, **extra),
        channel=channel,
        conversation_external_id=conversation,
    )


def count(workspace: Workspace, model: type) -> int:
    with workspace.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def failing_on_poison(working: Pipeline) -> Pipeline:
    """``working``, except that any batch with "poison" in a text fails as a whole, the way a
    model server falling over would."""

    class Picky(Pipeline):
        def understand(self, texts: Sequence[str]) -> list[Understanding]:
            if any("poison" in t for t in texts):
                raise RuntimeError("model server fell over")
            return working.understand(texts)

    return Picky()
