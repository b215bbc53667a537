"""The promotion gate on the demo: after agents correct one confused intent, is the new model
promoted, and does that intent really get better on messages neither model saw?

1. A scratch demo workspace (``init --demo``: the history is imported, v1 is trained).
2. Fresh demo traffic from other generator seeds, split in two: an *evaluation* set and a
   *live* pool; texts the history already holds are dropped from both, and live texts that
   are also in the evaluation set are dropped from the live pool (so no model learns them).
3. The confused intent: the one v1 gets right least often on the live pool (at least 20
   messages of it). Its messages arrive live (``Orchestrator.handle``, so the model labels
   them itself); agents correct the ones the model got wrong, ``--corrections`` of them
   (more live traffic is generated, seed after seed, until that many were wrong).
   The live conversations the model labelled right stay unconfirmed: they never train.
4. ``retrain`` (the gate: cross-validation of both configurations, paired bootstrap).
5. Both models, v1 and the new one, on the evaluation set: accuracy, and that intent's
   share right, before and after.

    .venv/bin/python bench/promotion_gate.py [--corrections 50] [--seeds 101 102 …]
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from collections import Counter
from pathlib import Path

from tandemdesk import actions
from tandemdesk.config import Settings
from tandemdesk.demo import generate_demo
from tandemdesk.demo.generator import DEMO_TOPUP
from tandemdesk.demo.load import load_demo
from tandemdesk.learn import model_store
from tandemdesk.learn.examples import record_examples, workspace_examples
from tandemdesk.learn.retrain import retrain
from tandemdesk.listen.delivery import Delivery
from tandemdesk.listen.records import CustomerRef, MessageRecord
from tandemdesk.models import Conversation
from tandemdesk.orchestrator import Orchestrator
from tandemdesk.understand.training import TrainedModel
from tandemdesk.workspace import init_workspace


def fresh(folder: Path, seeds: list[int], seen: set[str]) -> list[tuple[str, str]]:
    """(text, true intent) from demo traffic of ``seeds``, minus texts in ``seen``."""
    rows: list[tuple[str, str]] = []
    for seed in seeds:
        files = generate_demo(folder / f"seed{seed}", seed=seed, topup=DEMO_TOPUP)
        with files.conversations.open(encoding="utf-8") as lines:
            data = record_examples(json.loads(line) for line in lines)
        for text, label in zip(data.texts, data.labels, strict=True):
            if text not in seen:
                seen.add(text)
                rows.append((text, label))
    return rows


def recall(model: TrainedModel, rows: list[tuple[str, str]]) -> tuple[float, dict[str, float]]:
    """Accuracy and per-intent share right."""
    predicted = model.predict([t for t, _ in rows])
    n: Counter[str] = Counter()
    right: Counter[str] = Counter()
    for (_, gold), guess in zip(rows, predicted, strict=True):
        n[gold] += 1
        right[gold] += guess == gold
    return sum(right.values()) / len(rows), {k: right[k] / n[k] for k in n}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corrections", type=int, default=50)
    parser.add_argument("--live-seeds", type=int, nargs="+", default=[101, 102, 103, 104, 105, 106])
    parser.add_argument("--eval-seeds", type=int, nargs="+", default=[201, 202, 203, 204])
    args = parser.parse_args()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="tandemdesk-gate-") as scratch:
        folder = Path(scratch)
        settings = Settings(
            database_url=f"sqlite:///{folder / 'demo.db'}", workspace_dir=folder / "ws"
        )
        workspace = init_workspace(settings)
        loaded = load_demo(workspace, folder / "ws" / "demo")
        v1 = model_store.load_active(workspace, "intent")
        assert v1 is not None
        seen = set(workspace_examples(workspace, "intent").texts)
        evaluation = fresh(folder / "eval", args.eval_seeds, seen)  # first: live never has them
        live = fresh(folder / "live", args.live_seeds, seen)
        live_total = len(live)
        _, live_recall = recall(v1, live)
        support = Counter(label for _, label in live)
        confused = min((k for k in live_recall if support[k] >= 20), key=live_recall.get)  # type: ignore[arg-type]

        shop = Orchestrator(workspace)
        corrected = handled = 0
        more = iter(range(max(args.live_seeds) + 1, max(args.live_seeds) + 60))
        while corrected < args.corrections:
            for text, label in live:
                if label != confused or corrected >= args.corrections:
                    continue
                customer = CustomerRef(email=f"live{handled}@example.org")
                record = MessageRecord(text=text)
                delivery = Delivery(customer=customer, message=record, channel="email")
                result = shop.handle(delivery)
                handled += 1
                with workspace.sessions() as session:
                    stored = session.get(Conversation, result.conversation_id)
                    assert stored is not None
                    guessed = stored.intent
                if guessed != confused:
                    actions.do_correct_intent(workspace, result.conversation_id, confused, None)
                    corrected += 1
            if corrected < args.corrections:  # more live traffic until enough were wrong
                seed = next(more)
                live = fresh(folder / "live", [seed], seen)
                live_total += len(live)

        began = time.perf_counter()
        report = retrain(workspace, "intent")
        gate_seconds = time.perf_counter() - began
        v2 = model_store.load_active(workspace, "intent")
        assert v2 is not None
        before, before_per = recall(v1, evaluation)
        after_model = v2 if report["promoted"] else model_store.load_active(workspace, "intent")
        assert after_model is not None
        if not report["promoted"]:  # still measure the candidate that was registered
            from tandemdesk.learn.model_versions import folder_of
            from tandemdesk.understand.training import load_model

            version = model_store.list_versions(workspace)[-1]
            after_model = load_model(folder_of(workspace, version))
        after, after_per = recall(after_model, evaluation)
        workspace.close()
    gate = report["gate"] or {}
    diff = gate.get("difference", {})
    x_support = sum(1 for _, label in evaluation if label == confused)
    print(f"cores {os.cpu_count()}; demo history {loaded['intent_model']['examples']:,} "
          f"conversations; live traffic {live_total:,}; evaluation set {len(evaluation):,} "
          "(texts neither model was trained on)")  # fmt: skip
    print(f"confused intent: {confused} (v1 right on {live_recall[confused]:.1%} of "
          f"{support[confused]} live messages of the first seeds); handled {handled} live, "
          f"{corrected} corrected by agents")  # fmt: skip
    print(f"gate: promoted={report['promoted']} in {gate_seconds:.0f} s — {report['reason']}")
    if diff:
        moved = [r for r in gate["per_intent"] if r["intent"] == confused]
        if moved:
            r = moved[0]
            print(f"gate, {confused} in cross-validation: {r['active']:.3f} -> "
                  f"{r['candidate']:.3f} on {r['support']} messages")  # fmt: skip
    print(f"evaluation, accuracy: v1 {before:.3f} -> new {after:.3f}")
    print(f"evaluation, {confused}: v1 {before_per[confused]:.3f} -> new "
          f"{after_per[confused]:.3f} ({x_support} messages)")  # fmt: skip
    worst = sorted((after_per[k] - before_per[k], k) for k in before_per)[:3]
    print("evaluation, largest drops: " + ", ".join(f"{k} {d:+.3f}" for d, k in worst))
    print(f"total {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
