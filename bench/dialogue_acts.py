"""Small talk and "wants a person" (``understand/dialogue.py``): cost, false alarms, recall.

Figures, one line each: ms/message on the BANKING77 test texts (median of ``--runs``);
small-talk and wants-a-person rates on calm support requests (BANKING77 test, Bitext without
its two contact-support intents); recall on Bitext's ``contact_human_agent`` (never tuned
on); HINT3 test: wants-a-person flags outside its agent/lead intents (the rules were tuned on
HINT3 *train* phrasings only); held-out accuracy on ``tests/fixtures/dialogue_fresh.jsonl``
(odd lines). Data: BANKING77 (Casanueva et al. 2020, CC-BY-4.0), Bitext customer support
(CDLA-Sharing-1.0), HINT3 (Arora et al. 2020, ODbL) from ``../shared/data``.

    .venv/bin/python bench/dialogue_acts.py [--runs 7]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import sys
import time
from pathlib import Path

from tandemdesk.understand.build_defaults import shared_data_dir
from tandemdesk.understand.dialogue import default_detector

FIXTURE = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "dialogue_fresh.jsonl"
CONTACT_INTENTS = ("contact_human_agent", "contact_customer_service")


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7, help="timing runs (median reported)")
    args = parser.parse_args()
    data = shared_data_dir()
    if not (data / "banking77").exists():
        sys.exit(f"BANKING77 not found under {data}: set TANDEMDESK_SHARED_DATA")
    cores = f"cores={os.cpu_count()}"
    detector = default_detector()
    banking = [row["text"] for row in _csv(data / "banking77" / "test.csv")]
    where = f"BANKING77 test ({len(banking):,})"

    detector.analyse(banking[:200])  # warm: the prefilter is built on first use
    # Wall time counts other processes on a shared machine; CPU time is this code's own cost.
    for clock, what in ((time.perf_counter, "wall"), (time.process_time, "CPU")):
        timings = []
        for _ in range(args.runs):
            started = clock()
            detector.analyse(banking)
            timings.append(clock() - started)
        ms = statistics.median(timings) / len(banking) * 1000
        print(
            f"analyse cost ({what} time): {ms:.4f} ms/message (median of {args.runs}) | "
            f"{where} | {cores}"
        )

    bitext = _csv(data / "bitext_cs" / "Bitext_Sample_Customer_Support_Training_Dataset.csv")
    calm = {
        where: banking,
        "Bitext without contact intents": [
            r["instruction"] for r in bitext if r["intent"] not in CONTACT_INTENTS
        ],
    }
    for name, texts in calm.items():
        acts = detector.analyse(texts)
        small = sum(a.small_talk is not None for a in acts) / len(texts)
        person = sum(a.wants_person for a in acts) / len(texts)
        vague = [t for t, a in zip(texts, acts, strict=True) if a.vague]
        label = f"{name} ({len(texts):,})" if name != where else name
        print(f"small-talk rate on calm requests: {small:.4%} | {label} | {cores}")
        print(f"wants-a-person rate on calm requests: {person:.4%} | {label} | {cores}")
        print(
            f"vague rate on calm requests: {len(vague) / len(texts):.4%} | {label} | {cores}"
            + (f" | e.g. {vague[0]!r}" if vague else "")
        )

    asks = [r["instruction"] for r in bitext if r["intent"] == "contact_human_agent"]
    recall = sum(a.wants_person for a in detector.analyse(asks)) / len(asks)
    print(
        f"wants-a-person recall: {recall:.4f} | Bitext contact_human_agent ({len(asks)}) | {cores}"
    )

    hint3 = data / "hint3_oos" / "dataset" / "v2" / "test"
    if not hint3.exists():
        hint3 = data / "hint3_oos" / "v2" / "test"
    rows = [row for path in sorted(hint3.glob("*.csv")) for row in _csv(path)]
    if rows:
        others = [
            r["sentence"] for r in rows if "AGENT" not in r["label"] and r["label"] != "LEAD_GEN"
        ]
        flagged = sum(a.wants_person for a in detector.analyse(others))
        print(
            f"wants-a-person flags outside agent/lead intents: {flagged} of {len(others):,} | "
            f"HINT3 test | {cores}"
        )

    lines = FIXTURE.read_text(encoding="utf-8").splitlines()
    held = [json.loads(line) for i, line in enumerate(lines) if i % 2 == 1]
    acts = detector.analyse([row["text"] for row in held])
    for field in ("small_talk", "wants_person"):
        right = sum(getattr(a, field) == row[field] for a, row in zip(acts, held, strict=True))
        print(
            f"held-out accuracy, {field}: {right / len(held):.4f} | "
            f"dialogue_fresh.jsonl odd lines ({len(held)}) | {cores}"
        )


if __name__ == "__main__":
    main()
