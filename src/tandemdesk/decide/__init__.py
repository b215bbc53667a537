"""decide: who answers a message — the AI or a person — and one plain sentence saying why.

The policy is a YAML file users edit (``policy``, ``loading``); ``engine.decide`` applies
it to an ``Understanding`` plus a ``Context`` and returns a ``Decision`` that carries the
rule that fired, the numbers it used and the sentence for supervisors; ``shadow.compare``
shows what a candidate policy would change before anyone switches to it. Everything here is
pure (no database, no clock), so the same code decides live, in evaluation and in simulation.
"""

from tandemdesk.decide.engine import Decision, decide, decide_many
from tandemdesk.decide.errors import PolicyError
from tandemdesk.decide.loading import (
    default_policy,
    default_policy_text,
    load_policy,
    parse_policy,
    read_policy_file,
)
from tandemdesk.decide.policy import Policy
from tandemdesk.decide.shadow import ShadowExample, ShadowReport, compare
from tandemdesk.decide.signals import Context

__all__ = [
    "Context",
    "Decision",
    "Policy",
    "PolicyError",
    "ShadowExample",
    "ShadowReport",
    "compare",
    "decide",
    "decide_many",
    "default_policy",
    "default_policy_text",
    "load_policy",
    "parse_policy",
    "read_policy_file",
]
