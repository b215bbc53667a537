"""YAML for text that comes from outside (a policy posted to the API): PyYAML's safe loader,
bounded.

Why bounds on top of ``SafeLoader``: it never runs code, but it will build whatever the text
describes. Anchors and aliases let a few hundred bytes describe a billion nodes (the "billion
laughs": nine levels of ten aliases each); PyYAML shares the aliased objects, so loading is
quick, but everything that then walks the result — validation, the duplicate-key check,
writing it out — walks all billion and burns minutes of CPU. Nesting is the other way in:
PyYAML composes recursively, so a few thousand ``[`` end in a ``RecursionError`` instead of a
clear refusal. Here the composed node tree is measured first: more than ``MAX_DEPTH`` levels,
more than ``MAX_NODES`` nodes with every alias expanded, or an alias inside itself, and the
text is refused with a ``YamlLimitError`` before anything is constructed.
"""

from __future__ import annotations

from typing import Any

import yaml

MAX_DEPTH = 50
MAX_NODES = 100_000


class YamlLimitError(yaml.YAMLError):
    """The text is valid YAML but too deep or too large once its aliases are expanded."""


class _BoundedLoader(yaml.SafeLoader):
    """``SafeLoader`` that refuses to compose past ``MAX_DEPTH`` levels."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise YamlLimitError(f"nested deeper than {MAX_DEPTH} levels")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def expanded_size(root: yaml.Node) -> int:
    """How many nodes ``root`` stands for with every alias expanded (a shared node counts
    once per place it appears); ``YamlLimitError`` past ``MAX_NODES`` or for a cycle."""
    sizes: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, leaving = stack.pop()
        key = id(node)
        if leaving:
            total = 1 + sum(sizes[id(child)] for child in _children(node))
            if total > MAX_NODES:
                raise YamlLimitError(
                    f"stands for more than {MAX_NODES:,} values once its aliases (*name) are "
                    "expanded; write the values out instead"
                )
            sizes[key] = total
            on_path.discard(key)
            continue
        if key in sizes:
            continue
        on_path.add(key)
        stack.append((node, True))
        for child in _children(node):
            if id(child) in on_path:
                raise YamlLimitError("an alias (*name) refers to a block that contains it")
            if id(child) not in sizes:
                stack.append((child, False))
    return sizes[id(root)]


def compose_and_load(text: str) -> tuple[yaml.Node | None, Any]:
    """The node tree (for line numbers) and the Python data of one YAML document, bounded
    as the module docstring says. Raises ``yaml.YAMLError`` (``YamlLimitError`` included)."""
    loader = _BoundedLoader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return None, None
        expanded_size(root)
        return root, loader.construct_document(root)
    except RecursionError as e:  # a construct nested past Python's stack despite the bound
        raise YamlLimitError(f"nested deeper than {MAX_DEPTH} levels") from e
    finally:
        loader.dispose()
