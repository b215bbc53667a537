"""Second requests: how often a one-request message gets a false second intent, and how often
two requests joined in one message are both found.

BANKING77 (PolyAI, CC-BY-4.0): the fast intent model trains on ``train.csv``; its ``test.csv``
texts each ask one thing (false second intents are counted there). Pairs of test texts of
different intents are joined three ways — "A B" (no marker), "A? And also, B" and "A. Also B"
— and counted when the model reads A's intent with B's as the second (or the reverse). A
missed second request is an automated answer that settles half the message; a false one is
a draft a person approves.

    .venv/bin/python bench/second_intent.py [--pairs 600]
"""

from __future__ import annotations

import argparse
import random

from tandemdesk.understand.build_defaults import shared_data_dir
from tandemdesk.understand.datafiles import read_labelled_file
from tandemdesk.understand.training import train_classifier


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pairs", type=int, default=600)
    args = parser.parse_args()
    folder = shared_data_dir() / "banking77"
    train = read_labelled_file(folder / "train.csv", label_field="category")
    test = read_labelled_file(folder / "test.csv", label_field="category")
    model = train_classifier(train.texts, train.labels, task="intent", profile="fast")
    single = model.analyse(test.texts)
    false_second = sum(r.secondary is not None for r in single if not r.abstained)
    print(f"second_intent single_texts false_second={false_second / len(single):.4f} "
          f"(n={len(single)}, {false_second} texts)")  # fmt: skip
    rng = random.Random(0)
    rows = list(zip(test.texts, test.labels, strict=True))
    pairs: list[tuple[str, str, str, str]] = []
    while len(pairs) < args.pairs:
        (a, la), (b, lb) = rng.sample(rows, 2)
        if la != lb:
            pairs.append((a.rstrip(" ?.!"), la, b.rstrip(" ?.!"), lb))
    for name, join in (("plain", "{a}. {b}"), ("and_also", "{a}? And also, {b}"),
                       ("also", "{a}. Also {b}")):  # fmt: skip
        texts = [join.format(a=a, b=b[:1].lower() + b[1:]) for a, _, b, _ in pairs]
        results = model.analyse(texts)
        both = sum({r.label, r.secondary} == {la, lb} for r, (_, la, _, lb) in
                   zip(results, pairs, strict=True))  # fmt: skip
        print(f"second_intent pairs_{name} both_found={both / len(pairs):.4f} (n={len(pairs)})")


if __name__ == "__main__":
    main()
