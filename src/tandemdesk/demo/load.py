"""``tandemdesk init --demo``: generate the demo company and import it like a user would.

The demo goes through the same importers as a user's own files, so the first thing a newcomer
sees is also a test of the real path.
"""

from __future__ import annotations

import contextlib
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from tandemdesk import accounts
from tandemdesk.demo.generator import DEMO_TOPUP, DemoFiles, generate_demo
from tandemdesk.errors import ConflictError
from tandemdesk.learn import model_store
from tandemdesk.learn.model_versions import active_version
from tandemdesk.listen import imports
from tandemdesk.models import Conversation, Customer, CustomerEvent
from tandemdesk.timeutil import utcnow
from tandemdesk.workspace import Workspace


def example_customer(workspace: Workspace) -> str | None:
    """A customer worth looking at: one whose parcel is on its way right now (so the README's
    "Hi, where is my order?" is answered with its number, carrier and date), with several
    conversations and a rich event history; any customer with history when none is."""
    return _customer_awaiting_a_parcel(workspace) or _richest_customer(workspace)


def _customer_awaiting_a_parcel(workspace: Workspace, days: int = 6) -> str | None:
    """The customer with the most conversations among those whose latest order shipped in
    the last ``days`` days and has not been delivered (nor is late: its date is ahead)."""
    since = utcnow() - timedelta(days=days)
    with workspace.sessions() as session:
        shipped = session.execute(
            select(CustomerEvent.customer_id, CustomerEvent.data, CustomerEvent.occurred_at)
            .where(CustomerEvent.type == "order_shipped", CustomerEvent.occurred_at >= since)
            .order_by(CustomerEvent.occurred_at)
        ).all()
        candidates = {
            customer_id: str((data or {}).get("order_number"))
            for customer_id, data, _ in shipped
            if str((data or {}).get("eta", "")) >= utcnow().date().isoformat()
        }
        if not candidates:
            return None
        later = session.execute(
            select(CustomerEvent.customer_id, CustomerEvent.type, CustomerEvent.data)
            .where(
                CustomerEvent.customer_id.in_(candidates),
                CustomerEvent.type.in_(("order_delivered", "order_placed", "order_cancelled")),
            )
            .order_by(CustomerEvent.occurred_at)
        ).all()
        placed: dict[int, list[str]] = {}
        for customer_id, kind, data in later:
            number = str((data or {}).get("order_number"))
            if kind == "order_placed":
                placed.setdefault(customer_id, []).append(number)
            elif number == candidates.get(customer_id):
                candidates.pop(customer_id)  # delivered or cancelled: not on its way
        waiting = [c for c, number in candidates.items() if placed.get(c, [""])[-1] == number]
        if not waiting:
            return None
        return session.scalar(
            select(Customer.email)
            .join(Conversation, Conversation.customer_id == Customer.id)
            .where(Customer.id.in_(waiting), Customer.email.is_not(None))
            .group_by(Customer.id, Customer.email)
            .order_by(func.count(Conversation.id).desc(), Customer.id)
            .limit(1)
        )


def _richest_customer(workspace: Workspace) -> str | None:
    """Several conversations on several channels and a rich event history."""
    with workspace.sessions() as session:
        conversations = (
            select(Conversation.customer_id, func.count().label("n"))
            .group_by(Conversation.customer_id)
            .subquery()
        )
        events = (
            select(CustomerEvent.customer_id, func.count().label("n"))
            .group_by(CustomerEvent.customer_id)
            .subquery()
        )
        email = session.scalar(
            select(Customer.email)
            .join(conversations, conversations.c.customer_id == Customer.id)
            .join(events, events.c.customer_id == Customer.id)
            .where(Customer.email.is_not(None))
            .order_by(
                func.count(func.distinct(Conversation.channel)).desc(),
                (conversations.c.n + events.c.n).desc(),
                Customer.id,
            )
            .join(Conversation, Conversation.customer_id == Customer.id)
            .group_by(Customer.id, Customer.email, conversations.c.n, events.c.n)
            .limit(1)
        )
    return email


# Demo-only logins, printed by ``init --demo``: the demo runs on the user's own machine, and a
# newcomer needs to get in without reading docs. Real users come from ``users create``.
DEMO_LOGINS = (
    ("admin", "northwind-admin", "admin"),
    ("maya@northwind-outfitters.example", "northwind-supervisor", "supervisor"),
    ("tom@northwind-outfitters.example", "northwind-agent", "agent"),
)


def create_demo_users(workspace: Workspace) -> list[dict[str, str]]:
    """One login per role (the agent and supervisor are demo agents); existing ones are kept."""
    logins = []
    for username, password, role in DEMO_LOGINS:
        with contextlib.suppress(ConflictError):
            accounts.create_user(workspace, username, password, role)
        logins.append({"username": username, "password": password, "role": role})
    return logins


DEMO_ORIGINS = ("http://127.0.0.1:8000", "http://localhost:8000")


def is_demo_workspace(workspace: Workspace) -> bool:
    """Whether ``init --demo`` built this workspace (it made the demo's widget key)."""
    from tandemdesk.models import WidgetKey

    with workspace.sessions() as session:
        return session.scalar(select(WidgetKey.id).where(WidgetKey.name == "demo")) is not None


def demo_widget_key(workspace: Workspace) -> str:
    """The chat widget key of the demo's sample shop page (``/demo/shop``), made once."""
    from tandemdesk.channels import widget
    from tandemdesk.db import transaction
    from tandemdesk.models import WidgetKey

    with transaction(workspace.sessions) as session:
        key = session.scalar(select(WidgetKey.key).where(WidgetKey.name == "demo"))
        if key is None:
            key = widget.create_key(session, "demo", list(DEMO_ORIGINS)).key
    return str(key)


def train_demo_models(workspace: Workspace) -> dict[str, Any]:
    """Train the intent model on the demo history and make it active, so the first message a
    newcomer sends is understood without another step.

    Run again (``make demo`` twice), the workspace keeps the model it has: a new one goes
    through ``tandemdesk retrain`` and its gate, never around it. Either way only labels
    people confirmed train (``learn/examples``): the live conversations a simulated stream
    added are the model's own guesses.
    """
    from tandemdesk.learn.retrain import train_from_workspace

    current = active_version(workspace, "intent")
    if current is not None:
        return {
            "task": "intent",
            "version": current.version,
            "examples": current.examples,
            "held_out_accuracy": (current.metrics or {}).get("held_out", {}).get("accuracy"),
            "kept": True,
        }
    model, examples = train_from_workspace(workspace, "intent")
    version = model_store.register(workspace, model, activate=True)
    return {
        "task": "intent",
        "version": version.version,
        "examples": len(examples.texts),
        "held_out_accuracy": model.metrics.get("accuracy"),
        "kept": False,
        "encoder_head": model.training.get("encoder_head"),
    }


def load_demo(
    workspace: Workspace,
    out_dir: Path,
    seed: int = 7,
    train: bool = True,
    files: DemoFiles | None = None,
) -> dict[str, Any]:
    """Generate the demo files into ``out_dir``, import them and (unless ``train`` is false)
    train the workspace's intent model on them; return what landed.

    ``files``: demo files already generated (``out_dir`` and ``seed`` are then unused). The
    demo's world ends on the day it is generated, so its history — and the model trained on
    it — differs from one day to the next; a test that pins what the model gets wrong
    generates the files as of a fixed day and passes them here."""
    if files is None:
        files = generate_demo(out_dir, seed=seed, topup=DEMO_TOPUP)
    summaries = {
        "agents": imports.import_agents(workspace, files.agents),
        "articles": imports.import_articles(workspace, files.articles),
        "macros": imports.import_articles(workspace, files.macros),
        # the shop's records first: each customer arrives with id, email and phone together,
        # so a phone call or a chat later finds that one record (identity resolution never
        # merges two records it already made, and a phone-only call would make a second)
        "events": imports.import_events(workspace, files.events),
        "conversations": imports.import_conversations(workspace, files.conversations),
    }
    result: dict[str, Any] = {
        name: {
            "imported": s.counts.imported,
            "duplicates": s.counts.duplicates,
            "rejected": s.rejected_total,
        }
        for name, s in summaries.items()
    }
    result["messages"] = summaries["conversations"].counts.messages
    result["customers"] = files.customer_count
    result["files"] = str(files.root)
    result["example_customer"] = example_customer(workspace)
    if train:
        result["intent_model"] = train_demo_models(workspace)
    result["logins"] = create_demo_users(workspace)
    result["widget_key"] = demo_widget_key(workspace)
    from tandemdesk.demo import people as demo_people  # shifts, presence, hours (issue 16)

    result["people"] = demo_people.apply(workspace)
    return result
