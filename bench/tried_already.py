""" "I already tried that" (``understand/tried_already.py``): caught and false flags.

Figures, one line each:
- the two fresh sets (``tests/fixtures/tried_already_fresh_{1,2}.jsonl``), written for this by
  helpers who saw no code: customers who already did what the bot's article would tell them
  (``tried``) and first requests on the same six intents, some with the same words in
  another sense (``first_time``); per language and per intent. The first set was tuned on;
  the second was scored once before it was tuned on (24 of 48 caught, 1 of 48 first
  requests flagged: the figure for text nobody tuned to);
- flags on calm requests: the demo shop's fresh in-scope requests
  (``tests/fixtures/demo_intents_fresh.jsonl``), BANKING77 test and Bitext (a flag there
  moves an automatic answer to a draft a person approves), with the words that fired.
Cost: ``bench/dialogue_acts.py`` times the whole dialogue step, this check included.

    .venv/bin/python bench/tried_already.py [--show]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from pathlib import Path

from tandemdesk.understand.build_defaults import shared_data_dir
from tandemdesk.understand.dialogue import default_detector

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures"


def fresh_set(name: str, show: bool) -> None:
    rows = [json.loads(line) for line in (FIXTURES / name).read_text().splitlines()]
    acts = default_detector().analyse([r["text"] for r in rows])
    counts: Counter[tuple[str, str, bool]] = Counter()
    for row, act in zip(rows, acts, strict=True):
        for group in ("all", row["language"], row["intent"]):
            counts[(group, row["label"], act.tried_already)] += 1
        if show and act.tried_already != (row["label"] == "tried"):
            print(f"    {'missed' if act.tried_already is False else 'flagged'}: {row['text']!r}")
    groups = ["all", *sorted({r["language"] for r in rows}), *sorted({r["intent"] for r in rows})]
    for group in groups:
        caught, missed = counts[(group, "tried", True)], counts[(group, "tried", False)]
        flagged, calm = counts[(group, "first_time", True)], counts[(group, "first_time", False)]
        print(f"{name} {group:<24} tried caught {caught:>3}/{caught + missed:<3} "
              f"first requests flagged {flagged:>2}/{flagged + calm}")  # fmt: skip


def calm(name: str, texts: list[str], show: bool) -> None:
    acts = default_detector().analyse(texts)
    hits = [(t, a.tried_words) for t, a in zip(texts, acts, strict=True) if a.tried_already]
    print(f"calm flags {name:<28} {len(hits):>4}/{len(texts):<6} ({len(hits) / len(texts):.2%})")
    for text, said in hits if show else ():
        print(f"    {said} | {text[:120]!r}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--show", action="store_true", help="print every miss and flag")
    args = parser.parse_args()
    for name in ("tried_already_fresh_1.jsonl", "tried_already_fresh_2.jsonl"):
        fresh_set(name, args.show)
    demo = FIXTURES / "demo_intents_fresh.jsonl"
    calm("demo fresh in-scope requests", [json.loads(x)["text"] for x in demo.open()], args.show)
    data = shared_data_dir()
    if not (data / "banking77").exists():
        sys.exit(f"BANKING77 not found under {data}: set TANDEMDESK_SHARED_DATA")
    with (data / "banking77" / "test.csv").open(encoding="utf-8") as handle:
        calm("BANKING77 test", [r["text"] for r in csv.DictReader(handle)], args.show)
    bitext = data / "bitext_cs" / "Bitext_Sample_Customer_Support_Training_Dataset.csv"
    with bitext.open(encoding="utf-8") as handle:
        calm("Bitext", [r["instruction"] for r in csv.DictReader(handle)], args.show)


if __name__ == "__main__":
    main()
