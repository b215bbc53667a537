"""Small, learnable, seeded support messages for intent tests (no shared data needed).

Each intent has its own vocabulary; messages mix it with shared filler so a classifier
must learn the intent words, and a few "hard" messages blend two intents.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

INTENTS: dict[str, tuple[list[str], list[str]]] = {
    "billing": (
        ["charged twice", "extra fee", "invoice total", "refund the payment", "billed wrong"],
        ["my card", "this month", "on my statement", "for the subscription"],
    ),
    "delivery": (
        ["parcel not arrived", "package tracking", "courier lost", "delivery late", "shipped"],
        ["my order", "since monday", "to my address", "the box"],
    ),
    "password": (
        ["reset my password", "cannot log in", "locked out", "login code", "forgot password"],
        ["my account", "the app", "on the website", "two factor"],
    ),
    "cancel": (
        ["cancel my subscription", "close my account", "stop the plan", "end my contract"],
        ["right away", "next month", "for good", "please"],
    ),
}
FILLERS = ["Hi,", "Hello,", "Hey team,", "Good morning,", "", "Quick question:"]
ENDINGS = ["Thanks.", "Please help.", "", "Any update?", "Cheers"]


def make_examples(
    per_class: int = 30, seed: int = 0, classes: list[str] | None = None
) -> tuple[list[str], list[str]]:
    """``per_class`` messages for each intent (all four by default), shuffled."""
    rng = random.Random(seed)
    rows: list[tuple[str, str]] = []
    for label in classes or list(INTENTS):
        core, context = INTENTS[label]
        for _ in range(per_class):
            text = " ".join(
                part
                for part in (
                    rng.choice(FILLERS),
                    rng.choice(core),
                    rng.choice(context),
                    rng.choice(core) if rng.random() < 0.3 else "",
                    rng.choice(ENDINGS),
                )
                if part
            )
            rows.append((text, label))
    rng.shuffle(rows)
    return [t for t, _ in rows], [y for _, y in rows]


def write_csv(
    path: Path,
    texts: list[str],
    labels: list[str],
    text_field: str = "text",
    label_field: str = "label",
) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow([text_field, label_field])
        writer.writerows(zip(texts, labels, strict=True))
    return path
