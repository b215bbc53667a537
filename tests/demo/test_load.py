"""`tandemdesk init --demo` lands the whole demo company through the real importers."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from tandemdesk.config import Settings
from tandemdesk.demo.load import load_demo
from tandemdesk.learn.model_store import load_pipeline
from tandemdesk.listen.timeline import customer_timeline
from tandemdesk.models import Conversation, Customer, Identity
from tandemdesk.workspace import Workspace


def test_demo_loads_without_rejections(workspace: Workspace, tmp_path: Path) -> None:
    # the demo's 20,000 records in the default batch size, not the small test batches
    workspace.settings = Settings(
        database_url=workspace.settings.database_url, import_batch_size=500
    )
    # training is pure and store-independent: once (on SQLite) is enough
    trains = workspace.engine.dialect.name == "sqlite"
    result = load_demo(workspace, tmp_path / "demo", seed=7, train=trains)
    for name in ("agents", "articles", "macros", "conversations", "events"):
        assert result[name]["rejected"] == 0, name
        assert result[name]["imported"] > 0, name
    assert result["conversations"]["imported"] >= 2000
    with workspace.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Customer)) >= 300
        assert session.scalar(select(func.count(func.distinct(Conversation.intent)))) >= 20
        # identity resolution joined customers who wrote on several channels
        multi_channel = session.scalar(
            select(func.count()).select_from(
                select(Conversation.customer_id)
                .group_by(Conversation.customer_id)
                .having(func.count(func.distinct(Conversation.channel)) > 1)
                .subquery()
            )
        )
        assert multi_channel and multi_channel > 50
        assert session.scalar(
            select(func.count()).select_from(Identity).where(Identity.kind == "phone")
        )
        assert result["example_customer"]
        timeline = customer_timeline(session, result["example_customer"])
        kinds = {entry.kind for entry in timeline.entries}
        assert kinds == {"message", "event"}
    if trains:
        assert result["intent_model"]["version"] == 1
        assert result["intent_model"]["held_out_accuracy"] > 0.8
        pipeline = load_pipeline(workspace)
        assert pipeline.intent is not None
        [understood] = pipeline.understand(["Where is my parcel? It should have arrived by now"])
        assert understood.intent is not None
        assert understood.intent.top_k[0][0] in {"order_status", "delivery_problem"}
