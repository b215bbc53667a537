"""The bounded YAML loader policies are read with: what it refuses, fast, and what it keeps
(line numbers, anchors used sensibly, the shipped policy)."""

from __future__ import annotations

import time
from importlib import resources

import pytest
import yaml

from tandemdesk.decide.errors import PolicyError
from tandemdesk.decide.loading import parse_policy
from tandemdesk.decide.safe_yaml import MAX_DEPTH, YamlLimitError, compose_and_load


def billion_laughs(levels: int = 9, width: int = 9) -> str:
    text = "a: &a [" + ",".join(['"lol"'] * width) + "]\n"
    for previous, name in zip("abcdefghijklmnop", "bcdefghijklmnopq", strict=False):
        if len(text.splitlines()) == levels:
            break
        text += f"{name}: &{name} [" + ",".join([f"*{previous}"] * width) + "]\n"
    return text


def test_an_alias_bomb_is_refused_in_milliseconds() -> None:
    started = time.perf_counter()
    with pytest.raises(YamlLimitError, match="aliases"):
        compose_and_load(billion_laughs())
    assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize(
    "text",
    ["a: " + "[" * 5000 + "]" * 5000, "a:\n" + "".join("  " * i + f"k{i}:\n" for i in range(80))],
)
def test_deep_nesting_is_refused_not_a_recursion_error(text: str) -> None:
    with pytest.raises(YamlLimitError, match=f"deeper than {MAX_DEPTH}"):
        compose_and_load(text)


@pytest.mark.parametrize("text", ["a: &x [*x]\n", "x: &a\n  b: *a\n"])
def test_an_alias_inside_itself_is_refused(text: str) -> None:
    with pytest.raises(YamlLimitError, match="contains it"):
        compose_and_load(text)


def test_a_few_aliases_and_line_numbers_still_work() -> None:
    root, data = compose_and_load("base: &b {x: 1}\none: *b\ntwo: *b\n")
    assert data == {"base": {"x": 1}, "one": {"x": 1}, "two": {"x": 1}}
    assert isinstance(root, yaml.MappingNode) and root.value[2][0].start_mark.line == 2


def test_the_shipped_policy_loads_and_a_bomb_is_a_policy_error() -> None:
    shipped = resources.files("tandemdesk.decide").joinpath("default_policy.yaml").read_text()
    assert parse_policy(shipped).rules
    with pytest.raises(PolicyError, match="refused"):
        parse_policy(billion_laughs() + "rules: *i\n")
