"""Console pages on a 100,000-conversation workspace on PostgreSQL: p50/p95 of the inbox,
the inbox's search, the decision log and a conversation page (target: p95 ≤ 200 ms each).

Builds the workspace once (COPY into a fresh database ``tandemdesk_bench_console``; reused
while it holds the asked number of conversations: ``--rebuild`` to start over), then asks each
page ``--repeat`` times through the real app (in-process, a lead's console session, rendered
HTML) and prints one line per page.

    .venv/bin/python bench/console_pages.py                    # 100,000 conversations
    .venv/bin/python bench/console_pages.py --conversations 20000 --repeat 20

PostgreSQL uses TANDEMDESK_BENCH_POSTGRES_URL (default: the local server).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).parent))
from databases import POSTGRES, fresh_database

NAME = "tandemdesk_bench_console"
QUEUES = ["general", "logistics", "products", "billing", "escalations"]


def _copy(connection, table: str, columns: list[str], rows: list[tuple]) -> None:  # type: ignore[no-untyped-def, type-arg]
    """COPY rows in (psycopg's fast path): tab-separated, ``\\N`` for NULL."""
    buffer = io.StringIO()
    for row in rows:
        cells = ("\\N" if v is None else str(v).replace("\\", "\\\\").replace("\t", "\\t")
                 .replace("\n", "\\n").replace("\r", "\\r") for v in row)  # fmt: skip
        buffer.write("\t".join(cells) + "\n")
    raw = connection.connection.driver_connection
    with (
        raw.cursor() as cursor,
        cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy,
    ):
        copy.write(buffer.getvalue())


def build(url: str, conversations: int, open_share: float = 0.05, seed: int = 7) -> None:
    """A workspace as a year of a busy shop leaves it: the demo generator's conversations
    (real-looking customers, subjects and messages, ``demo/generator.iter_history``), one
    live decision per conversation, 30 agents; ``open_share`` open or pending, the newest."""
    from itertools import islice

    from tandemdesk.config import Settings
    from tandemdesk.demo.generator import iter_history
    from tandemdesk.workspace import init_workspace

    workspace = init_workspace(Settings(database_url=url,
                                        workspace_dir=Path(tempfile.mkdtemp()) / "ws"))  # fmt: skip
    rng = random.Random(seed)
    now = datetime.now(UTC)
    agents = 30
    started = time.perf_counter()
    customers: dict[str, int] = {}
    customer_rows: list[tuple] = []  # type: ignore[type-arg]
    conv_rows: list[tuple] = []  # type: ignore[type-arg]
    message_rows: list[tuple] = []  # type: ignore[type-arg]
    decision_rows: list[tuple] = []  # type: ignore[type-arg]
    open_from = conversations - int(conversations * open_share * 3)
    for cid, item in enumerate(islice(iter_history(conversations, seed), conversations), 1):
        person = item["customer"]
        key = person.get("external_id") or person.get("email") or f"c{cid}"
        if key not in customers:
            customers[key] = len(customers) + 1
            customer_rows.append((customers[key], person.get("name"), person.get("email"),
                                  person.get("language") or "en", "{}",
                                  (now - timedelta(days=400)).isoformat()))  # fmt: skip
        created = now - timedelta(minutes=(conversations - cid) * 5 + rng.randint(0, 4))
        share = open_share * 3 if cid > open_from else 0.0  # what is still open is recent
        status = rng.choices(["resolved", "open", "pending"],
                             [1 - share, share * 0.6, share * 0.4])[0]  # fmt: skip
        intent = item.get("intent")
        queue = rng.choice(QUEUES)
        assignee = rng.randint(1, agents) if rng.random() < 0.85 else None
        conv_rows.append((cid, customers[key], item.get("channel") or "email", status, intent,
                          "api", "{}", created.isoformat(),
                          (created + timedelta(hours=1)).isoformat(), queue, assignee,
                          item.get("subject")))  # fmt: skip
        first = True
        for n, message in enumerate(item["messages"]):
            if status == "open" and n > 0:
                break  # an open conversation waits for its first answer
            message_id = len(message_rows) + 1
            sent = created + timedelta(minutes=20 * n)
            message_rows.append((message_id, cid, message["author"], message["text"],
                                 sent.isoformat(), item.get("channel") or "email",
                                 f"k{message_id}", "[]", "{}", None, 0))  # fmt: skip
            if first and message["author"] == "customer":
                first = False
                distress = round(rng.random() ** 3, 3)
                decision_rows.append((len(decision_rows) + 1, message_id, cid, rng.choice(
                    ["route_to_human", "automate", "draft_for_agent"]), queue, "bench_rule",
                    f"Bench decision for {intent} (distress {distress})",
                    json.dumps({"urgency": rng.choice(["low", "normal", "normal", "high"]),
                                "language": "en"}), "{}", intent, distress, "f", "{}",
                    sent.isoformat()))  # fmt: skip
    with workspace.engine.begin() as connection:
        _copy(connection, "agents",
              ["id", "external_id", "name", "email", "role", "skills", "languages", "capacity",
               "active", "created_at", "presence"],
              [(i, f"agent{i}", f"Agent {i}", f"agent{i}@shop.example", "agent",
                json.dumps(["logistics", "returns"]), json.dumps(["en", "de"]), 8, "t",
                now.isoformat(), "online") for i in range(1, agents + 1)])  # fmt: skip
        _copy(connection, "customers", ["id", "name", "email", "language", "attributes",
                                        "created_at"], customer_rows)  # fmt: skip
        _copy(connection, "conversations",
              ["id", "customer_id", "channel", "status", "intent", "source", "labels",
               "created_at", "updated_at", "queue", "assignee_id", "subject"],
              conv_rows)  # fmt: skip
        _copy(connection, "messages",
              ["id", "conversation_id", "author", "text", "sent_at", "channel", "dedup_key",
               "attachments", "meta", "handling", "attempts"], message_rows)  # fmt: skip
        _copy(connection, "decisions",
              ["id", "message_id", "conversation_id", "action", "queue", "rule_id", "explanation",
               "inputs", "understanding", "intent", "distress", "abusive", "handoff",
               "created_at"], decision_rows)  # fmt: skip
        for table in ("agents", "customers", "conversations", "messages", "decisions"):
            connection.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                    f"(SELECT max(id) FROM {table}))"))  # fmt: skip
    with workspace.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        c.execute(text("ANALYZE"))
    print(f"built {conversations:,} conversations, {len(customer_rows):,} customers, "
          f"{len(message_rows):,} messages in {time.perf_counter() - started:.1f} s",
          flush=True)  # fmt: skip
    workspace.close()


def _existing(url: str) -> int:
    try:
        engine = create_engine(url)
        with engine.connect() as connection:
            count = int(connection.scalar(text("SELECT count(*) FROM conversations")) or 0)
        engine.dispose()
        return count
    except Exception:  # no database yet
        return -1


def measure(url: str, repeat: int) -> list[tuple[str, float, float]]:
    import re

    from fastapi.testclient import TestClient

    from tandemdesk import accounts
    from tandemdesk.api.app import create_app
    from tandemdesk.config import Settings
    from tandemdesk.workspace import open_workspace

    workspace = open_workspace(Settings(database_url=url,
                                        workspace_dir=Path(tempfile.mkdtemp()) / "ws"))  # fmt: skip
    user = f"lead{os.getpid()}"
    accounts.create_user(workspace, user, "bench password 1", "supervisor")
    with workspace.engine.connect() as connection:
        top = int(connection.scalar(text("SELECT max(id) FROM conversations")) or 1)
    rng = random.Random(3)
    with workspace.engine.connect() as connection:
        names = [
            r[0]
            for r in connection.execute(
                text("SELECT name FROM customers WHERE name IS NOT NULL ORDER BY id LIMIT 500")
            )
        ]
    phrases = [
        "tracking",
        "refund",
        "delivered to a neighbour",
        "wrong size",
        "invoice",
        "damaged",
        "cancel my order",
        "voucher",
    ]
    pages: dict[str, Callable[[], str]] = {
        "baseline: the login page": lambda: "/login",
        "inbox (open, most pressing first)": lambda: "/inbox",
        "inbox page 7": lambda: "/inbox?page=7",
        "search: words in messages": lambda: f"/inbox?text={rng.choice(phrases)}&status=all",
        "search: customer name": lambda: f"/inbox?customer={rng.choice(names).split()[-1]}"
                                         "&status=all",
        "search: intent+queue+mood": lambda: "/inbox?intent=refund_request&queue=billing"
                                             "&mood=distressed&status=all",
        "decision log": lambda: "/supervisor/decisions",
        "decision log: words, page 3": lambda: f"/supervisor/decisions?text={rng.choice(phrases)}"
                                               "&page=3",
        "conversation page": lambda: f"/conversations/{rng.randint(1, top)}",
    }  # fmt: skip
    agent = f"agent{os.getpid()}"  # Agent 1 at the desk: their own inbox and what is free
    accounts.create_user(workspace, agent, "bench password 1", "agent", agent="agent1")
    desk: dict[str, Callable[[], str]] = {"agent's inbox (own + free to take)": lambda: "/inbox"}
    sessions = [(user, pages), (agent, desk)]
    results = []
    with TestClient(create_app(workspace)) as client:
        for username, asked in sessions:
            client.cookies.clear()
            form = client.get("/login").text
            token = re.search(r'name="login_csrf" value="([^"]+)"', form)
            assert token is not None
            login = client.post("/login", data={"username": username,
                                                "password": "bench password 1",
                                                "login_csrf": token.group(1)},
                                follow_redirects=False)  # fmt: skip
            assert login.status_code == 303, login.text
            for name, path in asked.items():
                client.get(path())  # warm
                times = []
                for _ in range(repeat):
                    started = time.perf_counter()
                    response = client.get(path())
                    times.append((time.perf_counter() - started) * 1000)
                    assert response.status_code == 200, (name, response.status_code)
                times.sort()
                p95 = times[min(len(times) - 1, round(0.95 * len(times)) - 1)]
                results.append((name, statistics.median(times), p95))
    workspace.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--conversations", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--open-share", type=float, default=0.05,
                        help="share of conversations open or pending (default 5%%)")  # fmt: skip
    args = parser.parse_args()
    url = make_url(POSTGRES).set(database=NAME).render_as_string(hide_password=False)
    if args.rebuild or _existing(url) != args.conversations:
        url = fresh_database("postgresql", Path(tempfile.gettempdir()), NAME)
        build(url, args.conversations, args.open_share)
    else:
        print(f"reusing {NAME} ({args.conversations:,} conversations)")
    cores = os.cpu_count()
    for name, p50, p95 in measure(url, args.repeat):
        verdict = "ok" if p95 <= 200 else "OVER"
        print(f"{name:<36} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  [{verdict} ≤200]  "
              f"PostgreSQL, {args.conversations:,} conversations, {cores} cores")  # fmt: skip


if __name__ == "__main__":
    main()
