"""Abuse aimed at staff in en/de/fr/es: GermEval, MLMA, HateCheck, calm support, fresh set, speed.

Measures the model shipped in ``understand/default_models/abuse`` (rebuild with
``python -m tandemdesk.understand.build_defaults --only abuse``). Every threshold comes from
the model's manifest, picked by the build on *training* data (``abuse_data``): the model's
GermEval threshold (macro-F1-best on GermEval train's held-out 20%) and the combined score's
0.5, the default policy's ``abuse`` threshold. Nothing here is tuned.

Figures, one line each (figure | data set | cores):
- GermEval 2018 test, OFFENSE vs OTHER: macro-F1 of the model alone at its GermEval
  threshold, and of the combined score (``value >= 0.5``);
- MLMA French, seeded 20% test side (the build trains on the other 80%): precision, recall;
- multilingual HateCheck de/fr/es (a test suite, never trained on): per functionality, the
  share labelled abusive and precision/recall of ``abusive`` vs ``label_gold`` (hateful);
- false flags on 2,000 calm support messages (BANKING77 test + Bitext without ``W`` tags);
- our fresh held-out support set (``tests/fixtures/abuse_fresh.jsonl``): abusive flagged,
  calm flagged, per language; and the calm rows of the fresh sets written for other
  components (sarcasm and urgency, distress), never used for abuse;
- ``analyse`` ms/message on the BANKING77 test texts (median of ``--runs``).

    .venv/bin/python bench/abuse_multilingual.py [--runs 5] [--functionalities] [--model DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
from sklearn.metrics import f1_score, precision_score, recall_score
from timing import batch_rate

from tandemdesk.understand import abuse_data, emotion_data
from tandemdesk.understand.abuse import AbuseDetector
from tandemdesk.understand.artifacts import read_manifest
from tandemdesk.understand.build_defaults import PACKAGE_MODELS, shared_data_dir

FRESH = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "abuse_fresh.jsonl"
# fresh support text written for other components, never used for abuse: its calm rows
OTHER_FRESH = ("sarcasm_urgency_fresh.jsonl", "distress_fresh.jsonl")


def flagged(model: AbuseDetector, texts: list[str]) -> np.ndarray:
    """1 where the combined score reaches 0.5 (the label ``abusive``)."""
    return np.array([s.label == "abusive" for s in model.analyse(texts)], dtype=int)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5, help="timing runs (median reported)")
    parser.add_argument(
        "--functionalities", action="store_true", help="one line per HateCheck functionality"
    )
    parser.add_argument("--model", type=Path, default=PACKAGE_MODELS / "abuse",
                        help="a saved abuse model (default: the shipped one)")  # fmt: skip
    args = parser.parse_args()
    data = shared_data_dir()
    if not (data / "germeval2018").exists():
        sys.exit(f"shared data not found under {data}: set TANDEMDESK_SHARED_DATA")
    cores = f"cores={os.cpu_count()}"
    folder = args.model
    model = AbuseDetector.load(folder)
    offense = float(read_manifest(folder).thresholds["germeval_offense"])

    texts, labels = abuse_data.load_germeval("test", data)
    p = model.predict_proba(texts)[:, 1]
    where = f"GermEval 2018 test ({len(texts):,})"
    f1 = f1_score(labels, (p >= offense).astype(int), average="macro")
    print(f"germeval macro-F1, model at its threshold {offense}: {f1:.4f} | {where} | {cores}")
    f1 = f1_score(labels, flagged(model, texts), average="macro")
    print(f"germeval macro-F1, combined value >= 0.5: {f1:.4f} | {where} | {cores}")

    texts, labels = abuse_data.mlma_split("test", data)
    where = f"MLMA fr 20% test split ({len(texts):,}, seed {abuse_data.SPLIT_SEED})"
    for name, predicted in (
        (f"model at {offense}", (model.predict_proba(texts)[:, 1] >= offense).astype(int)),
        ("combined >= 0.5", flagged(model, texts)),
    ):
        print(
            f"mlma fr {name}: precision {precision_score(labels, predicted):.3f} "
            f"recall {recall_score(labels, predicted):.3f} "
            f"macro-F1 {f1_score(labels, predicted, average='macro'):.3f} | {where} | {cores}"
        )

    for language in abuse_data.HATECHECK_LANGUAGES:
        cases = abuse_data.load_hatecheck(language, data)
        predicted = flagged(model, [c["text"] for c in cases])
        gold = np.array([c["gold"] == "hateful" for c in cases], dtype=int)
        where = f"multilingual HateCheck {language} ({len(cases):,})"
        print(
            f"hatecheck {language} combined >= 0.5: precision "
            f"{precision_score(gold, predicted, zero_division=0):.3f} recall "
            f"{recall_score(gold, predicted):.3f} | {where} | {cores}"
        )
        groups: dict[str, list[int]] = defaultdict(list)
        for i, case in enumerate(cases):
            groups[case["functionality"]].append(i)
        for functionality, members in sorted(groups.items()):
            share = float(predicted[members].mean())
            kind = "recall" if functionality.endswith("_h") else "flagged (false)"
            if args.functionalities:
                print(
                    f"hatecheck {language} {functionality}: {kind} {share:.3f} "
                    f"({len(members)}) | {where} | {cores}"
                )

    calm = abuse_data.calm_support(data)
    false_flags = int(flagged(model, calm).sum())
    print(
        f"calm false flags (value >= 0.5): {false_flags} of {len(calm):,} "
        f"({false_flags / len(calm):.2%}) | BANKING77 test + Bitext non-W, 1,000 each | {cores}"
    )

    rows = [json.loads(line) for line in FRESH.read_text(encoding="utf-8").splitlines() if line]
    predicted = flagged(model, [r["text"] for r in rows])
    abusive = np.array([r["abusive"] for r in rows])
    where = f"fresh support set ({len(rows)}: {int(abusive.sum())} abusive)"
    print(
        f"fresh abusive flagged: {predicted[abusive].mean():.1%}; calm flagged: "
        f"{int(predicted[~abusive].sum())} of {int((~abusive).sum())} | {where} | {cores}"
    )
    for language in ("en", "de", "fr", "es"):
        mine = np.array([r["language"] == language for r in rows])
        print(
            f"fresh {language}: abusive flagged {int(predicted[mine & abusive].sum())}"
            f"/{int((mine & abusive).sum())}, calm flagged {int(predicted[mine & ~abusive].sum())}"
            f"/{int((mine & ~abusive).sum())} | {where} | {cores}"
        )

    calm_fresh = [
        str(r["text"])
        for name in OTHER_FRESH
        for r in map(json.loads, (FRESH.parent / name).read_text(encoding="utf-8").splitlines())
        if r.get("label") in ("calm", "not_sarcastic") or r.get("distressed") is False
    ]
    hits = int(flagged(model, calm_fresh).sum())
    print(f"other fresh calm support messages flagged: {hits} of {len(calm_fresh)} | "
          f"{', '.join(OTHER_FRESH)} (calm, sincere, not distressed) | {cores}")  # fmt: skip

    banking = emotion_data.load_banking77_calm("test", data)
    model.analyse(banking)  # warm the n-gram table, as a running service has
    rate = batch_rate(model.analyse, banking, args.runs)
    print(
        f"analyse: {1000 / rate:.4f} ms/message (median of {args.runs}) "
        f"| BANKING77 test ({len(banking):,}) | {cores}"
    )


if __name__ == "__main__":
    main()
