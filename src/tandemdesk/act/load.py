"""How evenly the emotional load is spread across agents: the figure wellbeing is judged by.

Why the Gini coefficient: it is one number in [0, 1] that supervisors already know from
income statistics — 0 when every agent took the same number of distressed conversations,
approaching 1 when one agent took all of them — and it does not depend on team size or on
how many conversations there were, so two routing strategies (or two weeks) compare
directly.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any


def gini(values: Sequence[float]) -> float:
    """The Gini coefficient of non-negative values (0 = perfectly even).

    Empty input or all zeros is 0.0: nobody carried anything, so nobody carried more.
    Uses the sorted-rank formula ``Σ (2i − n − 1)·x_i / (n·Σx)``, exact and O(n log n).
    """
    xs = sorted(float(v) for v in values)
    if any(x < 0 for x in xs):
        raise ValueError("gini needs non-negative values")
    n, total = len(xs), sum(xs)
    if n == 0 or total == 0:
        return 0.0
    weighted = sum((2 * i - n - 1) * x for i, x in enumerate(xs, start=1))
    return weighted / (n * total)


@dataclass(frozen=True, slots=True)
class AssignmentRecord:
    """One conversation given to one agent, as the load report counts it."""

    agent_id: str
    distressed: bool = False
    abusive: bool = False


@dataclass(frozen=True, slots=True)
class AgentLoad:
    agent_id: str
    conversations: int
    distressed: int
    abusive: int

    @property
    def distressed_share(self) -> float:
        return self.distressed / self.conversations if self.conversations else 0.0


@dataclass(frozen=True, slots=True)
class LoadReport:
    """The spread of emotional load over agents.

    ``gini_distressed`` is the headline (distressed conversations per agent);
    ``gini_distressed_share`` normalises by each agent's volume, so an agent who simply
    worked fewer hours is not read as protected; ``max_distressed`` is the worst case.
    """

    agents: tuple[AgentLoad, ...]
    gini_distressed: float
    gini_abusive: float
    gini_distressed_share: float
    gini_conversations: float
    max_distressed: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def emotional_load_report(
    assignments: Iterable[AssignmentRecord], agent_ids: Iterable[str] = ()
) -> LoadReport:
    """Count conversations per agent and how unevenly the distressed ones were spread.

    ``agent_ids`` lists agents who count even with zero assignments (an agent who was never
    given a distressed conversation is part of the spread, not missing from it).
    """
    counts: dict[str, list[int]] = {agent_id: [0, 0, 0] for agent_id in agent_ids}
    for record in assignments:
        row = counts.setdefault(record.agent_id, [0, 0, 0])
        row[0] += 1
        row[1] += int(record.distressed)
        row[2] += int(record.abusive)
    loads = tuple(AgentLoad(a, *counts[a]) for a in sorted(counts))
    return LoadReport(
        agents=loads,
        gini_distressed=gini([x.distressed for x in loads]),
        gini_abusive=gini([x.abusive for x in loads]),
        gini_distressed_share=gini([x.distressed_share for x in loads if x.conversations]),
        gini_conversations=gini([x.conversations for x in loads]),
        max_distressed=max((x.distressed for x in loads), default=0),
    )
