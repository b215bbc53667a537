"""Out-of-scope detection of the intent model: unknown intents found, known ones kept.

BANKING77 (PolyAI, CC-BY-4.0): per seed, 20 of the 77 intents are held out as unknown; the
model trains on the other 57 intents' training rows and is tested on the whole test set,
where the held-out intents' texts are out of scope. HINT3 (Haptik, ODbL; three bots): the
test rows labelled ``NO_NODES_DETECTED`` are out of scope, the training sets have none.

Per data set: out-of-scope recall (share of out-of-scope texts flagged ``out_of_scope``),
in-scope accuracy without detection (top intent right) and with it (top intent right *and*
not flagged), and the drop between them. For comparison, the recall a plain confidence cut
(top probability) reaches at the same in-scope loss on the same test set, and the recall
the learnt novelty would reach on the test set at 1%/2%/5% in-scope loss (diagnostic
trade-off; the shipped threshold is picked on training data only). Also the extra
milliseconds per message of prediction and the extra training time.

    .venv/bin/python bench/intent_oos.py [--profile fast] [--seeds 0 1 2] [--runs 5]
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np

from tandemdesk.understand.build_defaults import shared_data_dir
from tandemdesk.understand.training import TrainedModel, train_classifier

OOS = "NO_NODES_DETECTED"
BOTS = ("curekart", "powerplay11", "sofmattress")


def read(path: Path, text: str, label: str) -> tuple[list[str], list[str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return [r[text] for r in rows], [r[label] for r in rows]


def recall_at_loss(score: np.ndarray, novel: np.ndarray, right: np.ndarray, loss: float) -> float:
    """Recall of ``score > cut`` with the cut losing at most ``loss`` of in-scope texts."""
    ranked = np.sort(score[right & ~novel])[::-1]
    allowed = int(np.floor(loss * (~novel).sum() + 1e-9))
    cut = ranked[allowed] if allowed < len(ranked) else -np.inf
    return float((score[novel] > cut).mean())


def figures(
    model: TrainedModel, texts: list[str], gold: list[str], novel: np.ndarray
) -> dict[str, float]:
    results = model.analyse(texts)
    top = np.array([r.top_k[0][0] for r in results])
    right = (top == np.array(gold)) & ~novel
    flagged = np.array([r.out_of_scope for r in results])
    novelty = np.array([np.nan if r.novelty is None else r.novelty for r in results])
    confidence = np.array([r.confidence for r in results])
    base = float(right[~novel].mean())
    kept = float((right & ~flagged)[~novel].mean())
    loss = base - kept
    out = {
        "oos_recall": float(flagged[novel].mean()),
        "in_scope_accuracy_without": base,
        "in_scope_accuracy_with": kept,
        "in_scope_accuracy_drop": loss,
        "confidence_cut_recall_at_same_loss": recall_at_loss(-confidence, novel, right, loss),
    }
    for budget in (0.01, 0.02, 0.05):
        out[f"novelty_recall_at_loss_{budget:.2f}"] = recall_at_loss(novelty, novel, right, budget)
    return out


def extra_ms(
    model: TrainedModel, plain: TrainedModel, texts: list[str], runs: int
) -> tuple[float, float]:
    """(ms/message with out-of-scope detection, extra ms/message over ``plain``, the same
    data trained with ``out_of_scope=False``): medians of alternating runs."""
    model.analyse(texts[:64])
    plain.analyse(texts[:64])

    def timed(m: TrainedModel) -> float:
        started = time.perf_counter()
        m.analyse(texts)
        return (time.perf_counter() - started) * 1000 / len(texts)

    with_oos, without = [], []
    for _ in range(runs):
        with_oos.append(timed(model))
        without.append(timed(plain))
    return statistics.median(with_oos), statistics.median(with_oos) - statistics.median(without)


def line(name: str, value: float, where: str) -> None:
    print(f"{name:<52} {value:>9.4f}   ({where})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=shared_data_dir())
    parser.add_argument("--profile", choices=("fast", "accurate"), default="fast")
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    banking = args.data / "banking77"
    if not (banking / "train.csv").is_file():
        print(f"BANKING77 not found in {banking} (set TANDEMDESK_SHARED_DATA)", file=sys.stderr)
        return 2
    cores = os.cpu_count() or 1
    train = read(banking / "train.csv", "text", "category")
    test = read(banking / "test.csv", "text", "category")
    per_seed: dict[str, list[float]] = {}
    for seed in args.seeds:
        unknown = set(np.random.default_rng(seed).choice(sorted(set(train[1])), 20, replace=False))
        keep = [i for i, y in enumerate(train[1]) if y not in unknown]
        started = time.perf_counter()
        model = train_classifier(
            [train[0][i] for i in keep], [train[1][i] for i in keep], profile=args.profile
        )
        seconds = time.perf_counter() - started
        novel = np.array([y in unknown for y in test[1]])
        where = (
            f"banking77 57 known/20 unknown seed={seed}, test n={len(novel)} "
            f"oos={int(novel.sum())}, {args.profile}, cores={cores}"
        )
        for name, value in figures(model, *test, novel).items():
            line(f"banking77 {name}", value, where)
            per_seed.setdefault(name, []).append(value)
        line("banking77 train_seconds", seconds, where)
        if seed == args.seeds[0]:
            started = time.perf_counter()
            plain = train_classifier(
                [train[0][i] for i in keep],
                [train[1][i] for i in keep],
                profile=args.profile,
                out_of_scope=False,
            )
            line("banking77 train_seconds_without_oos", time.perf_counter() - started, where)
            total, extra = extra_ms(model, plain, test[0], args.runs)
            line("banking77 analyse_ms_per_message_with_oos", total, where)
            line("banking77 extra_ms_per_message_for_oos", extra, where)
    for name, values in per_seed.items():
        line(f"banking77 mean {name}", float(np.mean(values)), f"seeds={args.seeds}")
    hint = args.data / "hint3_oos" / "v2"
    for bot in BOTS:
        train_path, test_path = (
            hint / "train" / f"{bot}_train.csv",
            hint / "test" / f"{bot}_test.csv",
        )
        if not train_path.is_file():
            print(f"HINT3 {bot} not found in {hint}", file=sys.stderr)
            continue
        model = train_classifier(*read(train_path, "sentence", "label"), profile=args.profile)
        texts, gold = read(test_path, "sentence", "label")
        novel = np.array([y == OOS for y in gold])
        where = f"hint3 {bot} test n={len(gold)} oos={int(novel.sum())}, {args.profile}"
        for name, value in figures(model, texts, gold, novel).items():
            line(f"hint3 {bot} {name}", value, where)
    return 0


if __name__ == "__main__":
    sys.exit(main())
