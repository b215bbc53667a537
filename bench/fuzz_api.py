"""Issue 17's long fuzz run: every operation of ``/openapi.json``, schema-following and
schema-breaking requests (Schemathesis), each sent without a token and with each role's
(admin, supervisor, agent, integration), on SQLite and on PostgreSQL.

Printed per backend: cases sent, responses 5xx (or errors escaping the app), error bodies not
in the one shape, requests the client could not even encode, and the status counts; then the
first findings, if any. The test suite runs the same probe with 2 examples per operation
(tests/api/test_edge_fuzz.py); this runs ``--examples`` (default 25: over 10,000 cases per
backend) with a random seed, printed so a run can be repeated; with both backends it also
says whether they answered the same cases with the same status counts.

    .venv/bin/python bench/fuzz_api.py [--examples 20] [--seed N] [--backends sqlite postgresql]
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import tempfile
import time
from collections import Counter
from pathlib import Path

from databases import fresh_database
from fastapi.testclient import TestClient

from tandemdesk.accounts import ROLES, create_token
from tandemdesk.api.app import create_app
from tandemdesk.api.fuzz import FuzzReport, probe
from tandemdesk.config import Settings
from tandemdesk.listen import imports
from tandemdesk.workspace import Workspace, init_workspace

AGENTS = [
    {"external_id": "a1", "name": "Ann Agent", "email": "ann@example.com", "skills": ["returns"]},
    {"external_id": "a2", "name": "Ben Agent", "skills": ["logistics"]},
]
MACRO = {
    "external_id": "mac-order",
    "kind": "macro",
    "title": "Where is my order",
    "intents": ["order_status"],
    "body": "Hi {{customer.first_name}}, it is coming.",
}
EVENT = {
    "customer": {"email": "mia@example.org", "name": "Mia Park"},
    "type": "order_placed",
    "occurred_at": "2026-11-01T10:00:00Z",
    "data": {"order_number": "NW-1"},
}


def small_world(workspace: Workspace, folder: Path) -> None:
    """Two agents, a macro and an order: enough for every route to find something."""
    for name, rows, load in (
        ("agents.jsonl", AGENTS, imports.import_agents),
        ("macros.jsonl", [MACRO], imports.import_articles),
        ("events.jsonl", [EVENT], imports.import_events),
    ):
        path = folder / name
        path.write_text("\n".join(json.dumps(row) for row in rows) + "\n")
        load(workspace, path)


def run(backend: str, examples: int, seed: int, workdir: Path) -> FuzzReport:
    url = fresh_database(backend, workdir, "tandemdesk_bench_fuzz")
    settings = Settings(database_url=url, workspace_dir=workdir / f"ws-{backend}")
    os.environ["TANDEMDESK_DATABASE_URL"] = url
    workspace = init_workspace(settings)
    small_world(workspace, workdir)
    tokens = {
        role: create_token(workspace, role, f"fuzz {role}", agent="a1" if role == "agent" else None)
        for role in ROLES
    }
    credentials: dict[str, dict[str, str]] = {"anonymous": {}} | {
        role: {"Authorization": f"Bearer {token}"} for role, token in tokens.items()
    }
    started = time.perf_counter()
    with TestClient(create_app(workspace)) as client:
        client.post(
            "/v1/messages",
            json={"customer": {"email": "mia@example.org"}, "text": "where is my order?"},
            headers=credentials["integration"],
        )  # one conversation for the id-taking routes to find
        report = probe(client, credentials, examples, random_seed=seed)
    seconds = time.perf_counter() - started
    workspace.close()
    print(
        f"fuzz_api.{backend}: {report.summary()} seconds={seconds:.0f} "
        f"examples={examples} seed={seed} cores={os.cpu_count()}"
    )
    found = Counter(str(f) for f in report.server_errors + report.shape_violations)
    for finding, times in found.most_common(20):
        print(f"  {times} x {finding}")
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=25, help="per operation and mode")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgresql"])
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(2**32)
    logging.disable(logging.WARNING)  # the store's refusals are expected here by the thousand
    with tempfile.TemporaryDirectory(prefix="tandemdesk-fuzz-") as folder:
        reports = {b: run(b, args.examples, seed, Path(folder)) for b in args.backends}
    if len(reports) == 2:  # the same cases (same seed): the same answers on both stores?
        first, second = reports.values()
        differ = {
            status: (first.statuses[status], second.statuses[status])
            for status in set(first.statuses) | set(second.statuses)
            if first.statuses[status] != second.statuses[status]
        }
        print(f"fuzz_api.same_answers: {'yes' if not differ else 'no'} differing={differ}")
    raise SystemExit(0 if all(r.ok for r in reports.values()) else 1)


if __name__ == "__main__":
    main()
