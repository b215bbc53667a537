"""Domain events with dotted names, emitted after a commit (``message.received``,
``decision.made``, ``conversation.handed_off``, ``conversation.resolved`` …).

Side effects — metrics, notifications, the console's live updates — subscribe here instead
of being written into the write path, so the orchestrator stays one readable function and a
failing subscriber never undoes a stored decision.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable
from typing import Any

Handler = Callable[[str, dict[str, Any]], None]
_subscribers: dict[str, list[Handler]] = defaultdict(list)
log = logging.getLogger(__name__)


def subscribe(name: str, handler: Handler) -> Callable[[], None]:
    """Call ``handler(name, payload)`` for every event ``name`` (``*`` for all); returns an
    unsubscribe function."""
    _subscribers[name].append(handler)
    return lambda: _subscribers[name].remove(handler)


def emit(name: str, payload: dict[str, Any]) -> None:
    """Tell the subscribers; one that fails is logged, never raised into the write path."""
    for handler in [*_subscribers.get(name, ()), *_subscribers.get("*", ())]:
        try:
            handler(name, payload)
        except Exception:  # a subscriber's bug must not undo or block a stored decision
            log.exception("event subscriber failed for %s", name)
