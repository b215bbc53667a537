"""Shadow mode: what would a candidate policy change, measured on real messages, before it
goes live.

Why: lowering a threshold from 0.8 to 0.7 sounds small; "312 of 5,000 messages (6.2%)
would now be answered automatically instead of drafted, for example: …" is what a support
lead can actually judge. ``compare`` runs both policies on the same understood messages
(pure, no database: the caller streams ``(Understanding, Context)`` pairs from history or
from a simulation) and reports counts per action, a live × candidate confusion table and
example differences with both sentences.

A message "differs" when the action or the queue changes; the confusion table is by action.
Examples are spread over the kinds of change (one of each live → candidate pair first), so
a rare but important change is not hidden behind a hundred copies of a common one.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tandemdesk.decide.engine import Decision, decide
from tandemdesk.decide.policy import Policy
from tandemdesk.decide.signals import Context

if TYPE_CHECKING:
    from tandemdesk.understand.pipeline import Understanding


@dataclass(frozen=True, slots=True)
class ShadowExample:
    """One message the two policies treat differently, with both decisions."""

    index: int
    live: Decision
    candidate: Decision
    conversation_id: int | None = None  # set by the caller that knows where case came from

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "conversation_id": self.conversation_id,
            "live": {"action": self.live.action, "queue": self.live.queue,
                     "rule_id": self.live.rule_id, "explanation": self.live.explanation},
            "candidate": {"action": self.candidate.action, "queue": self.candidate.queue,
                          "rule_id": self.candidate.rule_id,
                          "explanation": self.candidate.explanation},
        }  # fmt: skip


@dataclass(frozen=True, slots=True)
class ShadowReport:
    """Both policies over the same messages.

    ``confusion[live_action][candidate_action]`` counts messages; ``differing`` counts
    messages whose action or queue changed; ``action_changed`` only those whose action did.
    """

    total: int
    live_policy: str
    candidate_policy: str
    live_counts: dict[str, int]
    candidate_counts: dict[str, int]
    confusion: dict[str, dict[str, int]]
    differing: int
    action_changed: int
    examples: tuple[ShadowExample, ...] = field(default=())
    #: messages per (live action, candidate action) among those that differ; a pair with the
    #: same action twice is a change of queue only
    changes: dict[tuple[str, str], int] = field(default_factory=dict)

    @property
    def share_differing(self) -> float:
        """Fraction of messages (0–1) whose action or queue would change."""
        return self.differing / self.total if self.total else 0.0

    def summary(self) -> str:
        """One line for people: how much would change."""
        return (
            f"{self.differing:,} of {self.total:,} messages ({self.share_differing:.1%}) would be "
            f"handled differently under {self.candidate_policy!r} than under "
            f"{self.live_policy!r} ({self.action_changed:,} change action)"
        )

    def actions_line(self) -> str:
        """Messages per action, live → candidate ("automate 74 → 80, …"): the shares a lead
        weighs (the text output had only the count of changes; the counts were JSON-only)."""
        actions = sorted(set(self.live_counts) | set(self.candidate_counts))
        return "actions (live → candidate): " + ", ".join(
            f"{a} {self.live_counts.get(a, 0):,} → {self.candidate_counts.get(a, 0):,}"
            for a in actions
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "live_policy": self.live_policy,
            "candidate_policy": self.candidate_policy,
            "live_counts": dict(self.live_counts),
            "candidate_counts": dict(self.candidate_counts),
            "confusion": {k: dict(v) for k, v in self.confusion.items()},
            "differing": self.differing,
            "action_changed": self.action_changed,
            "share_differing": self.share_differing,
            "changes": self.change_groups(),
            "examples": [e.to_dict() for e in self.examples],
        }

    def change_groups(self) -> list[dict[str, Any]]:
        """The changed decisions grouped by before → after action, biggest first: what a
        lead reads (count, share of all messages, and the examples of that change)."""
        groups = []
        for (before, after), count in sorted(self.changes.items(), key=lambda kv: -kv[1]):
            examples = [
                e.to_dict()
                for e in self.examples
                if (e.live.action, e.candidate.action) == (before, after)
            ]
            groups.append(
                {
                    "before": before,
                    "after": after,
                    "queue_only": before == after,
                    "count": count,
                    "share": count / self.total if self.total else 0.0,
                    "examples": examples,
                }
            )
        return groups


def _label(policy: Policy) -> str:
    return f"{policy.name} ({policy.content_hash[:8]})"


def compare(
    live: Policy,
    candidate: Policy,
    cases: Iterable[tuple[Understanding, Context]],
    max_examples: int = 10,
) -> ShadowReport:
    """Decide every case under both policies and count where they differ."""
    live_counts: Counter[str] = Counter()
    candidate_counts: Counter[str] = Counter()
    confusion: defaultdict[str, Counter[str]] = defaultdict(Counter)
    by_change: dict[tuple[str, str], list[ShadowExample]] = {}
    changes: Counter[tuple[str, str]] = Counter()
    total = differing = action_changed = 0
    for index, (understanding, context) in enumerate(cases):
        a = decide(understanding, context, live)
        b = decide(understanding, context, candidate)
        total += 1
        live_counts[a.action] += 1
        candidate_counts[b.action] += 1
        confusion[a.action][b.action] += 1
        if (a.action, a.queue) == (b.action, b.queue):
            continue
        differing += 1
        action_changed += a.action != b.action
        changes[(a.action, b.action)] += 1
        kept = by_change.setdefault((a.action, b.action), [])
        if len(kept) < max_examples:
            kept.append(ShadowExample(index, a, b))
    return ShadowReport(
        total=total,
        live_policy=_label(live),
        candidate_policy=_label(candidate),
        live_counts=dict(live_counts),
        candidate_counts=dict(candidate_counts),
        confusion={k: dict(v) for k, v in confusion.items()},
        differing=differing,
        action_changed=action_changed,
        examples=_spread(by_change, max_examples),
        changes=dict(changes),
    )


def _spread(
    by_change: dict[tuple[str, str], list[ShadowExample]], limit: int
) -> tuple[ShadowExample, ...]:
    """Round-robin over kinds of change, then back in message order."""
    chosen: list[ShadowExample] = []
    depth = 0
    while len(chosen) < limit and any(len(v) > depth for v in by_change.values()):
        for examples in by_change.values():
            if depth < len(examples) and len(chosen) < limit:
                chosen.append(examples[depth])
        depth += 1
    return tuple(sorted(chosen, key=lambda e: e.index))
