"""The demo workspace generator: a year of Northwind Outfitters' support, reproducibly.

``generate_demo`` writes the files that ``tandemdesk init --demo`` imports (conversations,
events, knowledge base, macros, agents); ``iter_history`` streams any number of
conversations in the same shape for import benchmarks, in constant memory. Both are driven
by one ``random.Random(seed)`` and a fixed reference date, so the same seed gives
byte-identical output on any machine and any day.

The history is produced customer by customer: each customer gets an account, some quiet
orders, and a few conversations whose facts (order numbers, tracking, amounts) are made
true in their event history first (see ``scenarios``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tandemdesk.demo import catalog
from tandemdesk.demo.history import DEFAULT_CONVERSATIONS, History
from tandemdesk.demo.knowledge import write_knowledge

DEMO_TOPUP = 300
"""Conversations ``init --demo`` adds to the 2,400 for the long tail in de/fr/es (an eighth
more; see ``History.topup``)."""


@dataclass(frozen=True, slots=True)
class DemoFiles:
    """Where ``generate_demo`` wrote the workspace, and how much of each it wrote."""

    root: Path
    conversations: Path
    events: Path
    articles: Path  # a directory of Markdown files with YAML front matter
    macros: Path
    agents: Path
    customer_count: int
    conversation_count: int
    message_count: int
    event_count: int
    article_count: int
    macro_count: int
    agent_count: int


def iter_history(n: int, seed: int = 7) -> Iterator[dict[str, Any]]:
    """Stream ``n`` conversation dicts (the ``conversations.jsonl`` shape), lazily.

    Memory stays constant whatever ``n`` (one customer is held at a time, no event is
    built), so this feeds the 100,000-conversation import benchmark. Conversations come
    grouped by customer, each customer's in time order.
    """
    history = History(seed, with_events=False)
    for _, conversations in history.customers(n, idle=False):
        yield from conversations


def generate_demo(
    out_dir: Path, seed: int = 7, conversations: int = DEFAULT_CONVERSATIONS, topup: int = 0
) -> DemoFiles:
    """Write the demo workspace files into ``out_dir`` (created if needed) and count them.

    ``topup`` more conversations follow the ``conversations``: the long tail of intents in
    German, French and Spanish (``History.topup``), so the demo's intent model has examples
    of every routine request in every language. ``init --demo`` asks for ``DEMO_TOPUP``.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    history = History(seed, with_events=True)
    all_conversations: list[dict[str, Any]] = []
    all_events: list[dict[str, Any]] = []
    customers = 0
    for _, rows in history.customers(conversations, idle=True):
        customers += 1 if rows else 0
        all_conversations.extend(rows)
        all_events.extend(history.world.events)
    for _, rows in history.topup(topup) if topup > 0 else ():
        customers += 1
        all_conversations.extend(rows)
        all_events.extend(history.world.events)
    all_conversations.sort(key=lambda row: (row["created_at"], row["external_id"]))
    all_events.sort(key=lambda row: (row["occurred_at"], row["external_id"]))
    paths = {name: out_dir / f"{name}.jsonl" for name in ("conversations", "events", "agents")}
    _write_jsonl(paths["conversations"], all_conversations)
    _write_jsonl(paths["events"], all_events)
    agents = catalog.agents()
    _write_jsonl(paths["agents"], agents)
    articles_dir = out_dir / "articles"
    macros_path = out_dir / "macros.jsonl"
    article_count, macro_count = write_knowledge(articles_dir, macros_path)
    return DemoFiles(
        root=out_dir,
        conversations=paths["conversations"],
        events=paths["events"],
        articles=articles_dir,
        macros=macros_path,
        agents=paths["agents"],
        customer_count=customers,
        conversation_count=len(all_conversations),
        message_count=sum(len(row["messages"]) for row in all_conversations),
        event_count=len(all_events),
        article_count=article_count,
        macro_count=macro_count,
        agent_count=len(agents),
    )


def _write_jsonl(path: Path, rows: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")))
            handle.write("\n")
