"""Sarcasm and urgency in en/de/fr/es on fresh support messages, and their cost in false flags.

``tests/fixtures/sarcasm_urgency_fresh.jsonl`` was written for this work by people who did
not see the patterns: its ``tune`` part (60 sarcastic customers, 60 sincere look-alikes:
praise, mixed feelings, plain complaints, routine requests using "super", "toll", "genial")
was used to write them; its ``held_out`` part (40 sarcastic, 40 urgent, 40 calm) was scored
once, after. Per language: sarcastic customers read as distressed (≥ 0.6, the live policy's
"a person answers") and the sarcasm cue alone; urgent messages at urgency high or above;
calm ones flagged by either. The same for ``tests/fixtures/sarcasm_fresh_2.jsonl``, written
later (2026-12-06) by a helper told to vary the irony as much as it could (no two messages
share an ironic phrase; 30 sarcastic and 30 sincere look-alikes per language, situations
split by halves into ``tune`` and ``held_out``): its held-out part is the honest figure for
how a lexicon of ironic praise generalises (5 of 60 before and after the patterns written on
its tune part). Then the share of calm support traffic (BANKING77 test, Bitext
without the W tag) the sarcasm cue flags, and BRIGHTER test texts it fires on (not support
text: its wording is anything but). One line per figure: figure, data set, cores.

    .venv/bin/python bench/sarcasm_urgency.py
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from tandemdesk.understand import emotion
from tandemdesk.understand import emotion_data as ed
from tandemdesk.understand.build_defaults import shared_data_dir
from tandemdesk.understand.urgency import UrgencyRules

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures"
FIXTURE_NAMES = ("sarcasm_urgency_fresh.jsonl", "sarcasm_fresh_2.jsonl")
LIVE_THRESHOLD = 0.6
LANGUAGES = ("en", "de", "fr", "es")


def _fixture_figures(name: str, cores: str) -> None:
    rows = [json.loads(line) for line in (FIXTURES / name).read_text(encoding="utf-8").splitlines()]
    texts = [r["text"] for r in rows]
    distress = [r.distress for r in emotion.default_model().analyse(texts)]
    urgent = [s.label in ("high", "urgent") for s in UrgencyRules().fit([]).analyse(texts)]
    for part in ("tune", "held_out"):
        for label in ("sarcastic", "not_sarcastic", "urgent", "calm"):
            for language in LANGUAGES:
                key = (part, label, language)
                chosen = [
                    i for i, r in enumerate(rows) if (r["part"], r["label"], r["language"]) == key
                ]
                if not chosen:
                    continue
                upset = sum(distress[i] >= LIVE_THRESHOLD for i in chosen)
                cue = sum(emotion.sarcasm(texts[i]) is not None for i in chosen)
                high = sum(urgent[i] for i in chosen)
                either = sum(distress[i] >= LIVE_THRESHOLD or urgent[i] for i in chosen)
                print(f"{label} {language}: distress ≥ {LIVE_THRESHOLD} {upset}/{len(chosen)}, "
                      f"sarcasm cue {cue}, urgency ≥ high {high}, either {either} | "
                      f"{name} {part} | {cores}")  # fmt: skip


def main() -> None:
    cores = f"{os.cpu_count()} cores"
    for name in FIXTURE_NAMES:
        _fixture_figures(name, cores)
    data = shared_data_dir()
    for name, calm in (("BANKING77 test", ed.load_banking77_calm("test", data)),
                       ("Bitext without W tag", ed.load_bitext_calm(data))):  # fmt: skip
        flagged = sum(emotion.sarcasm(t) is not None for t in calm)
        print(f"calm support messages the sarcasm cue flags: {flagged}/{len(calm):,} | {name} | "
              f"{cores}")  # fmt: skip
    for language in ("en", "de", "es"):
        brighter, _ = ed.load_brighter("test", language, data)
        fired = sum(emotion.sarcasm(t) is not None for t in brighter)
        print(f"sarcasm cue fires: {fired}/{len(brighter):,} | BRIGHTER test {language} | {cores}")


if __name__ == "__main__":
    main()
