"""Apply a policy to understood messages: the first matching rule decides, and says why.

Why "first match wins": it is how people already write escalation guides ("abusive? →
protected queue; otherwise distressed? → a person; …"), the order *is* the priority, and a
supervisor can predict the outcome by reading top to bottom. A ``Decision`` is data, not a
log line: the rule that fired, the signals and thresholds it compared (``inputs``), one
sentence for people, and the policy's hash — so a decision can be audited, queried and
replayed against another policy (``shadow``).

If no rule matches, the message goes to a person in ``default_queue``: for a support desk
an unanswered question is worse than a slower answer, so the safe default is a human.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from tandemdesk.decide.conditions import holds
from tandemdesk.decide.explain import sentence
from tandemdesk.decide.policy import Policy, Rule
from tandemdesk.decide.signals import Context, Signals, read_signals
from tandemdesk.decide.vocabulary import BY_INTENT, HUMAN_ACTIONS

if TYPE_CHECKING:
    from tandemdesk.understand.pipeline import Understanding

NO_RULE = "no_rule_matched"


@dataclass(frozen=True, slots=True)
class Decision:
    """What happens to one message and why.

    ``action``: automate | draft_for_agent | route_to_human | ask_clarifying_question.
    ``queue``: where a person picks it up (``None`` when no person is involved).
    ``rule_id``: the rule that fired (``no_rule_matched`` for the safe fallback).
    ``inputs``: the model outputs, context facts and thresholds compared (JSON-able).
    ``explanation``: one sentence for supervisors, with the actual numbers.
    ``answer``: the answer hint of an automatable intent (macro or article id), if any.
    ``acknowledge_handover``: tell the customer a person will take over (the rule says so).
    """

    action: str
    queue: str | None
    rule_id: str
    inputs: dict[str, Any]
    explanation: str
    answer: str | None
    policy_name: str
    policy_version: int
    policy_hash: str
    acknowledge_handover: bool = False

    @property
    def needs_person(self) -> bool:
        """True when a person reads the message before the customer gets a reply."""
        return self.action in HUMAN_ACTIONS

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able data (stored with the message, shown by ``--json``)."""
        return asdict(self)


def _matches(rule: Rule, signals: Signals, policy: Policy) -> bool:
    return all(
        holds(name, value, signals, policy.thresholds) for name, value in rule.when.given().items()
    )


def _queue(rule: Rule | None, signals: Signals, policy: Policy) -> str | None:
    action = rule.action if rule is not None else "route_to_human"
    if action not in HUMAN_ACTIONS:
        return None
    if rule is None or rule.queue in (None, BY_INTENT):
        if signals.has_agent and signals.current_queue in policy.queues:
            return signals.current_queue  # a follow-up stays where its person works it
        return policy.queue_for(signals.intent)
    return rule.queue


def _decide(signals: Signals, policy: Policy) -> Decision:
    rule = next((r for r in policy.rules if _matches(r, signals, policy)), None)
    queue = _queue(rule, signals, policy)
    rule_id = rule.id if rule is not None else NO_RULE
    action = rule.action if rule is not None else "route_to_human"
    return Decision(
        action=action,
        queue=queue,
        rule_id=rule_id,
        inputs=signals.inputs(),
        explanation=sentence(rule, signals, queue, policy, rule_id),
        answer=", ".join(policy.answer_ids(signals.intent)) or None,
        policy_name=policy.name,
        policy_version=policy.version,
        policy_hash=policy.content_hash,
        acknowledge_handover=rule is not None and rule.acknowledge_handover,
    )


def decide(understanding: Understanding, context: Context, policy: Policy) -> Decision:
    """Decide what happens to one understood message under ``policy``."""
    return _decide(read_signals(understanding, context, policy), policy)


def decide_many(
    understandings: Sequence[Understanding],
    contexts: Sequence[Context] | Context,
    policy: Policy,
) -> list[Decision]:
    """Decide a batch; one ``Context`` applies to all, or give one per message."""
    if isinstance(contexts, Context):
        return [decide(u, contexts, policy) for u in understandings]
    if len(contexts) != len(understandings):
        raise ValueError(
            f"decide_many got {len(understandings)} messages but {len(contexts)} contexts"
        )
    return [decide(u, c, policy) for u, c in zip(understandings, contexts, strict=True)]
