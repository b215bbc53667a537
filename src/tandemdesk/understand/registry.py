"""Components register by kind and a versioned name, e.g. ``intent.linear.v1``.

Why versioned names: a saved model folder records the names of its components; loading it
later must build exactly that implementation, even after a better one (``.v2``) ships next to
it. An unknown name fails with a message listing the known names, so a typo is one look away
from its fix (the spaCy ``@Language.factory`` / Rasa ``register`` pattern).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from typing import TypeVar

from tandemdesk.understand.base import Component
from tandemdesk.understand.errors import UnknownComponentError

C = TypeVar("C", bound=type[Component])

_NAME_RE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+\.v[0-9]+$")
_REGISTRY: dict[str, dict[str, type[Component]]] = {}

# Modules that hold built-in components; imported on first lookup so that registering
# never depends on who imported what first. A module that does not exist (yet) is skipped.
BUILTIN_MODULES: tuple[str, ...] = (
    "tandemdesk.understand.intent",
    "tandemdesk.understand.language",
    "tandemdesk.understand.pii",
    "tandemdesk.understand.urgency",
    "tandemdesk.understand.emotion",
    "tandemdesk.understand.abuse",
    "tandemdesk.understand.risk",
    "tandemdesk.understand.dialogue",
    "tandemdesk.understand.second_opinion",
    "tandemdesk.understand.intent_head",
)
_builtins_loaded = False


def register(kind: str, name: str) -> Callable[[C], C]:
    """Class decorator: ``@register("intent", "intent.linear.v1")``.

    The name must start with the kind and end with ``.v<N>``; registering a second class
    under a taken name is a programming error (it would make old artifacts ambiguous).
    """
    if not _NAME_RE.match(name) or not name.startswith(kind + "."):
        raise ValueError(f"component name {name!r} must look like '{kind}.<what>.v<N>'")

    def decorator(cls: C) -> C:
        existing = _REGISTRY.get(kind, {}).get(name)
        same = existing is not None and (
            (existing.__module__, existing.__qualname__) == (cls.__module__, cls.__qualname__)
        )
        if existing is not None and not same:
            raise ValueError(f"component name {name!r} is already registered by {existing}")
        cls.kind = kind
        cls.name = name
        _REGISTRY.setdefault(kind, {})[name] = cls
        return cls

    return decorator


def load_builtins() -> None:
    """Import the modules of built-in components so they register themselves."""
    global _builtins_loaded
    if _builtins_loaded:
        return
    for module in BUILTIN_MODULES:
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as e:
            if e.name != module:  # a real missing dependency inside the module: surface it
                raise
    _builtins_loaded = True


def kinds() -> list[str]:
    """Registered kinds, sorted."""
    load_builtins()
    return sorted(_REGISTRY)


def names(kind: str | None = None) -> list[str]:
    """Registered names (of one kind, or all), sorted."""
    load_builtins()
    if kind is None:
        return sorted(n for by_name in _REGISTRY.values() for n in by_name)
    return sorted(_REGISTRY.get(kind, {}))


def components() -> list[type[Component]]:
    """Every registered component class, sorted by name (the shared contract test)."""
    load_builtins()
    return [cls for _, cls in sorted((n, c) for v in _REGISTRY.values() for n, c in v.items())]


def get(kind: str, name: str) -> type[Component]:
    """The class registered as ``name`` under ``kind``; else ``UnknownComponentError``."""
    load_builtins()
    by_name = _REGISTRY.get(kind)
    if by_name is None:
        raise UnknownComponentError(
            f"unknown component kind {kind!r}; known kinds: {', '.join(kinds()) or 'none'}",
            kind=kind,
        )
    cls = by_name.get(name)
    if cls is None:
        raise UnknownComponentError(
            f"unknown {kind} component {name!r}; known: {', '.join(sorted(by_name))}",
            kind=kind,
            name=name,
        )
    return cls


def get_by_name(name: str) -> type[Component]:
    """Look a class up by its full name alone (the kind is its prefix); for artifacts."""
    load_builtins()
    for by_name in _REGISTRY.values():
        if name in by_name:
            return by_name[name]
    raise UnknownComponentError(
        f"unknown component {name!r}; known: {', '.join(names()) or 'none'}", name=name
    )
