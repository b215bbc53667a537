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
        _the_world_lives(workspace, result["example_customer"])


def _the_world_lives(workspace: Workspace, example: str) -> None:
    """The demo's today is today: the example customer's parcel is on its way and "where is
    my order?" is answered with it; one record per person; the simulated stream writes about
    the shop's real orders and the simulated team resolves what reached a person."""
    import random
    from datetime import timedelta
    from itertools import islice

    from tandemdesk.demo.living import Shop, agent_turn, record_shop_events, shop_messages
    from tandemdesk.demo.stream import as_delivery
    from tandemdesk.listen.delivery import Delivery
    from tandemdesk.listen.records import CustomerRef, MessageRecord
    from tandemdesk.models import CustomerEvent
    from tandemdesk.orchestrator import Orchestrator
    from tandemdesk.timeutil import utcnow

    with workspace.sessions() as session:
        nameless = session.scalar(
            select(func.count()).select_from(Customer).where(Customer.name.is_(None))
        )
        assert nameless == 0, "every demo customer arrives with the shop's record of them"
        without_orders = session.scalar(
            select(func.count(func.distinct(Conversation.customer_id))).where(
                ~Conversation.customer_id.in_(select(CustomerEvent.customer_id))
            )
        )
        assert without_orders == 0, "a phone caller is the same record as their orders"
    orchestrator = Orchestrator(workspace)
    answered = orchestrator.handle(
        Delivery(
            customer=CustomerRef(email=example),
            message=MessageRecord(text="Hi, where is my order?"),
            channel="email",
        )
    )
    assert answered.action == "automate", answered.explanation
    with workspace.sessions() as session:
        shipped = [
            data
            for data, at in session.execute(
                select(CustomerEvent.data, CustomerEvent.occurred_at)
                .join(Customer, Customer.id == CustomerEvent.customer_id)
                .where(Customer.email == example, CustomerEvent.type == "order_shipped")
            )
            if at >= utcnow() - timedelta(days=7)
        ]
    assert any(
        d["order_number"] in (answered.reply or "") and d["carrier"] in (answered.reply or "")
        for d in shipped
    ), answered.reply

    shop = Shop.load(workspace)
    automated = stated_right = 0
    for body in islice(shop_messages(shop, seed=3), 40):
        record_shop_events(workspace, body)
        result = orchestrator.handle(as_delivery(body))
        if result.action == "automate" and body["intent"] == "order_status":
            automated += 1
            stated_right += str(body["order_number"]) in (result.reply or "")
    assert automated >= 3 and stated_right == automated
    resolved = agent_turn(workspace, random.Random(1), now=utcnow() + timedelta(hours=1))
    assert resolved >= 1
