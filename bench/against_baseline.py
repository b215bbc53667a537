"""Run a benchmark script on an earlier commit and on this tree, alternately, and compare.

Speed targets of the form "no more than 10% slower than before" need both sides measured in
the same sitting: this machine's speed drifts ±15% over an hour, so a figure from a note
written yesterday says little. This checks out ``--rev`` into a temporary git worktree, then
runs ``SCRIPT`` from there (with that commit's ``src`` first on ``PYTHONPATH``) and from this
tree, alternating ``--rounds`` times, and prints each figure's median on both sides and their
ratio. A figure is any ``name=number`` the script prints (commas allowed), named after its
line's first word (``handle_many_speed.messages_per_s``).

    .venv/bin/python bench/against_baseline.py bench/understand_pipeline.py \\
        --rev 5b6f577 --rounds 3 -- --runs 3   # after --: the script's own arguments

``5b6f577`` is the last commit before issue 13 (judgement in every language).
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAIR = re.compile(r"(\w+)=(-?[\d,]*\d(?:\.\d+)?)%?(?=\s|$)")


def figures(output: str) -> dict[str, float]:
    """Every numeric ``name=value`` the script printed, named after its line's first word
    (``handle_many_speed.messages_per_s``; a line that starts with a figure is that figure:
    ``pipeline_messages_per_second``)."""
    found: dict[str, float] = {}
    for line in output.splitlines():
        words = line.split()
        if not words or line.startswith("#"):
            continue
        head = words[0].split("=")[0]
        for key, value in PAIR.findall(line):
            name = head if key == head else f"{head}.{key}"
            found[name] = float(value.replace(",", ""))
    return found


def run(script: Path, src: Path, args: list[str]) -> dict[str, float]:
    """One run of ``script`` with ``src`` first on the import path; its figures."""
    env = {
        "TANDEMDESK_SHARED_DATA": str(ROOT.parent / "shared" / "data"),  # the worktree's
        **os.environ,  # ../shared is elsewhere
        "PYTHONPATH": f"{src}{os.pathsep}{script.parent}",
    }
    done = subprocess.run(
        [sys.executable, str(script), *args],
        env=env, capture_output=True, text=True, check=False, cwd=src.parent,
    )  # fmt: skip
    if done.returncode != 0:
        sys.exit(f"{script} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    print(done.stdout.rstrip(), flush=True)
    return figures(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("script", type=Path, help="a script under bench/")
    parser.add_argument("--rev", required=True, help="the earlier commit to compare with")
    parser.add_argument("--rounds", type=int, default=3)
    argv = sys.argv[1:]
    cut = argv.index("--") if "--" in argv else len(argv)
    options = parser.parse_args(argv[:cut])
    extra = argv[cut + 1 :]  # after --: the script's own arguments
    script = options.script.resolve().relative_to(ROOT)
    sides: dict[str, dict[str, list[float]]] = {
        "before": defaultdict(list),
        "now": defaultdict(list),
    }
    with tempfile.TemporaryDirectory(prefix="tandemdesk-baseline-") as tmp:
        tree = Path(tmp) / "tree"
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree), options.rev],
            check=True, capture_output=True,
        )  # fmt: skip
        try:
            for round_ in range(options.rounds):
                for side, base in (("before", tree), ("now", ROOT)):
                    which = options.rev if side == "before" else "this tree"
                    print(f"# round {round_ + 1}, {side} ({which})")
                    for name, value in run(base / script, base / "src", extra).items():
                        sides[side][name].append(value)
        finally:
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)],
                check=False, capture_output=True,
            )  # fmt: skip
    cores = os.cpu_count()
    for name in sides["now"]:
        before, now = sides["before"].get(name), sides["now"][name]
        if not before:
            continue
        b, n = statistics.median(before), statistics.median(now)
        ratio = n / b if b else float("nan")
        print(
            f"compare {name}: before={b:,.2f} now={n:,.2f} ratio={ratio:.3f} "
            f"rounds={options.rounds} rev={options.rev} script={script} cores={cores}"
        )


if __name__ == "__main__":
    main()
