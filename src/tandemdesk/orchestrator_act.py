"""Decide and act for a batch of stored messages (the middle of ``Orchestrator.handle_many``).

Why a batch and not a loop over one-message handling: a burst of 50 messages would read the
same agents, knowledge base and customers 50 times. Here the store is read once per batch
(``situation.Situation``, ``agent_rows``, the customers' events) and kept current in
memory as each message is decided, in message order: a later message sees the earlier
ones' outcomes exactly as one-by-one handling would show them — the customer's contact just
now, a conversation resolved or assigned, and above all each agent's open work and recent
emotional load, so balancing spreads distressed messages within the burst too. The
handoff's mood trend needs the earlier customer messages understood: that is done in one
more pipeline call, only for the messages that go to a person.

Nothing here writes: ``Orchestrator`` records the returned ``Acted`` in one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import datetime
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from tandemdesk.act.answers import Answer, compose_answer
from tandemdesk.act.answers_facts import CustomerFacts, facts_from_timeline, mentioned_order_number
from tandemdesk.act.answers_rules import rules_for
from tandemdesk.act.clarify import clarifying_question
from tandemdesk.act.courtesy import handover_acknowledgement, small_talk_reply
from tandemdesk.act.handoff import build_handoff
from tandemdesk.act.llm import LLMSettings, Rewrite, rewrite_answer
from tandemdesk.act.routing import (
    RoutingNeed,
    RoutingResult,
    RoutingSettings,
    need_for_queue,
    route,
)
from tandemdesk.decide import Policy, decide
from tandemdesk.decide.vocabulary import HUMAN_ACTIONS
from tandemdesk.listen.subject_pointer import read_text
from tandemdesk.listen.timeline import customer_events, recent_entries
from tandemdesk.models import Conversation, CustomerEvent, Message
from tandemdesk.situation import Situation, agent_rows
from tandemdesk.timeutil import utcnow
from tandemdesk.understand.pipeline import Understanding

if TYPE_CHECKING:
    from tandemdesk.orchestrator import Orchestrator

TREND_MESSAGES = 10
REWRITES_AT_ONCE = 8


#: The customer an answer sees when it may not know who is writing.
_NOBODY = SimpleNamespace(name=None, email=None, language=None, attributes={})


@dataclass
class Acted:
    """One message's decision and what acting on it produced, before it is recorded."""

    message: Message
    understanding: Understanding
    intent: str | None
    decision: Any
    action: str
    queue: str | None
    explanation: str
    reply: str | None = None
    answer: dict[str, Any] | None = None
    routing: RoutingResult | None = None
    handoff: dict[str, Any] | None = None
    agent_id: int | None = None  # the routed agent's row id
    agent_name: str | None = None
    to_rewrite: tuple[Answer, CustomerFacts] | None = None  # for the optional LLM, later


def intent_of(understanding: Understanding) -> str | None:
    prediction = understanding.intent
    return None if prediction is None or prediction.abstained else prediction.label


class Roster:
    """The agents as routing sees them, read once per batch and updated after each decision.

    ``move`` mirrors what recording will change in the store: a conversation leaves or joins
    an agent's open work (assigned, reassigned, resolved by the bot); ``contact`` adds a new
    assignment's distressed or abusive contact, as ``agent_rows`` would read it back.
    """

    def __init__(self, session: Session, settings: RoutingSettings) -> None:
        self.settings = settings
        rows = agent_rows(session, utcnow(), settings)
        self.states = {state.id: state for _, state in rows}
        self.external: dict[int, str] = {row: state.id for row, state in rows}
        self.row_id = {external: row for row, external in self.external.items()}

    def route(self, need: RoutingNeed, now: datetime) -> RoutingResult:
        return route(need, list(self.states.values()), now, self.settings)

    def _bump(self, row_id: int | None, delta: int) -> None:
        state = self.states.get(self.external.get(row_id, "")) if row_id is not None else None
        if state is not None:
            self.states[state.id] = replace(
                state, open_conversations=state.open_conversations + delta
            )

    def move(self, before: tuple[int | None, bool], after: tuple[int | None, bool]) -> None:
        """A conversation went from (assignee, open) ``before`` to ``after``."""
        if before[1]:
            self._bump(before[0], -1)
        if after[1]:
            self._bump(after[0], +1)

    def contact(self, row_id: int, distress: float, abusive: bool, at: datetime) -> None:
        state = self.states[self.external[row_id]]
        if abusive:
            state = replace(
                state, abusive_contacts=(*state.abusive_contacts, at), last_abusive_at=at
            )
        elif distress >= self.settings.distressed_threshold:
            state = replace(state, distressed_contacts=(*state.distressed_contacts, at))
        self.states[state.id] = replace(state, last_assigned_at=at)


def routing_settings(policy: Policy, settings: RoutingSettings) -> RoutingSettings:
    """``settings`` with the policy's say on who may take abuse (``Policy.warned_roles``)
    and on how long console idleness takes to make an agent away or offline."""
    roles = policy.warned_roles()
    settings = replace(settings, experienced_roles=roles) if roles else settings
    people = policy.people
    return replace(
        settings,
        away_after_minutes=float(people.away_after_minutes),
        offline_after_minutes=float(people.offline_after_minutes),
    )


class BatchActor:
    """Decides and acts on one batch of messages read in ``session`` (see the module doc)."""

    def __init__(self, orchestrator: Orchestrator, session: Session, messages: Sequence[Message]):
        self.o = orchestrator
        self.session = session
        self.situation = Situation(session, messages)
        self.roster = Roster(session, routing_settings(orchestrator.policy, orchestrator.routing))
        customers = {m.conversation.customer_id for m in messages}
        self.events: dict[int, list[CustomerEvent]] = customer_events(session, customers)

    def run(self, messages: Sequence[Message], understood: Sequence[Understanding]) -> list[Acted]:
        done = [self._one(m, u) for m, u in zip(messages, understood, strict=True)]
        self._handoffs(done, dict(zip((m.id for m in messages), understood, strict=True)))
        return done

    def _one(self, message: Message, understanding: Understanding) -> Acted:
        conversation = message.conversation
        intent = intent_of(understanding)
        context = self.situation.context(conversation, message, intent)
        decision = decide(understanding, context, self.o.policy)
        acted = Acted(
            message, understanding, intent, decision,
            decision.action, decision.queue, decision.explanation,
        )  # fmt: skip
        language = understanding.language.label or conversation.customer.language
        if acted.action in ("automate", "draft_for_agent"):
            self._answer(acted, conversation, language)
        if acted.action == "ask_clarifying_question":
            acted.reply = clarifying_question(understanding, language, self.o.policy.intent_names)
        if acted.action == "reply_courtesy":
            acted.reply = small_talk_reply(understanding.dialogue.small_talk or "thanks", language)
        before = (
            self.situation.assignee.get(conversation.id),
            self.situation.is_open(conversation.id),
        )
        now = utcnow()
        if acted.action in HUMAN_ACTIONS:
            acted.queue = acted.queue or self.o.policy.queue_for(intent)
            acted.routing = self._route(conversation, understanding, acted.queue, language, now)
            if acted.routing.agent_id is not None:
                acted.agent_id = self.roster.row_id[acted.routing.agent_id]
                acted.agent_name = self.roster.states[acted.routing.agent_id].name
            if decision.acknowledge_handover:  # e.g. they asked for a person: tell them
                acted.reply = handover_acknowledgement(language)
        self.situation.note(
            message,
            intent,
            acted.action,
            acted.agent_id,
            now,
            understanding.dialogue.small_talk,
        )
        after = (
            self.situation.assignee.get(conversation.id),
            self.situation.is_open(conversation.id),
        )
        self.roster.move(before, after)
        if acted.agent_id is not None and acted.agent_id != before[0]:
            abusive = understanding.abuse.label is not None
            self.roster.contact(acted.agent_id, understanding.distress.value, abusive, now)
        return acted

    def _answer(self, acted: Acted, conversation: Conversation, language: str | None) -> None:
        message, decision = acted.message, acted.decision
        said = read_text(message)
        if (message.meta or {}).get("identity") == "unverified":
            # who is typing is not known (an e-mail typed into the chat widget): an answer
            # must not tell them a customer's name, orders or tracking
            facts = facts_from_timeline(_NOBODY, [], None, now=message.sent_at)
        else:
            facts = facts_from_timeline(
                conversation.customer,
                self.events.get(conversation.customer_id, []),
                mentioned_order_number(said),
                now=message.sent_at,
            )
        policy, intent = self.o.policy, acted.intent
        outcome = compose_answer(
            intent, said, language, facts, self.o.kb,
            answers=policy.answer_ids(intent), needs_action=policy.needs_action(intent),
            rules=rules_for(policy),
            for_draft=acted.action == "draft_for_agent",
            allow_language_fallback=policy.language_fallback(intent),
        )  # fmt: skip
        if isinstance(outcome, Answer):
            acted.answer = outcome.to_dict()
            if acted.action == "automate":
                acted.reply = outcome.text
                acted.explanation = f"{decision.explanation} Then {outcome.explain()}."
                if self.o.llm is not None:  # optional warmer wording: ``rewrite_replies``
                    acted.to_rewrite = (outcome, facts)
        else:
            acted.answer = {"none": outcome.to_dict()}
            if acted.action == "automate":  # do not guess: hand over and say why
                acted.action = "route_to_human"
                acted.queue = self.o.policy.queue_for(acted.intent)
                acted.explanation = (
                    f"Sent to a person: {outcome.explain()}, so this request the policy "
                    f"would answer automatically (rule {decision.rule_id}) was not guessed at."
                )

    def _route(
        self,
        conversation: Conversation,
        understanding: Understanding,
        queue: str,
        language: str | None,
        now: datetime,
    ) -> RoutingResult:
        previous = self.situation.assignee.get(conversation.id)
        need = need_for_queue(
            self.o.policy, queue, language=language, distress=understanding.distress.value,
            abusive=understanding.abuse.label is not None, urgency=understanding.urgency.label,
            previous_agent_id=self.roster.external.get(previous) if previous else None,
        )  # fmt: skip
        return self.roster.route(need, now)

    def _handoffs(self, done: list[Acted], understood: dict[int, Understanding]) -> None:
        """Packets for the messages going to a person: their reads and understandings batched."""
        people = [a for a in done if a.action in HUMAN_ACTIONS]
        if not people:
            return
        english = {  # the agent reads the shop's words for an intent, not its id
            intent: names["en"]
            for intent, names in self.o.policy.intent_names.items()
            if "en" in names
        }
        histories = {
            a.message.id: self.situation.history(a.message, TREND_MESSAGES - 1) for a in people
        }
        missing = {i: text for h in histories.values() for i, text in h if i not in understood}
        understood.update(
            zip(missing, self.o.pipeline.understand(list(missing.values())), strict=True)
        )
        customers = {a.message.conversation.customer_id for a in people}
        timelines = recent_entries(self.session, customers, limit=50, events=self.events)
        for acted in people:
            message = acted.message
            said = self.situation.bot_said(message.conversation_id)
            bot_said = said + [  # this batch's earlier replies
                a.reply for a in done
                if a.reply and a.message.conversation_id == message.conversation_id
                and a.message.id < message.id
            ]  # fmt: skip
            trend = [understood[i] for i, _ in histories[message.id]] + [acted.understanding]
            suggestions = [acted.answer] if acted.answer and "none" not in acted.answer else []
            queue = self.o.policy.queues.get(acted.queue or "")
            packet = build_handoff(
                message.conversation.customer,
                timelines[message.conversation.customer_id],
                trend,
                acted.explanation,
                bot_said,
                suggestions,
                protocol=queue.protocol if queue is not None else None,
                intent_names=english,
            )
            acted.handoff = packet.to_dict()


def rewrite_replies(batch: Sequence[Acted], settings: LLMSettings) -> None:
    """The optional LLM's warmer wording of the automated answers (facts are checked).

    Called once the batch's reads are done, so no database connection waits on the
    network; the calls run side by side, and ``rewrite_answer`` never raises (a slow or
    failing model leaves the grounded answer).
    """
    pending = [acted for acted in batch if acted.to_rewrite is not None]
    if not pending:
        return

    def rewrite(acted: Acted) -> Rewrite:
        assert acted.to_rewrite is not None
        answer, facts = acted.to_rewrite
        return rewrite_answer(answer, acted.message.text, settings, facts)

    with ThreadPoolExecutor(max_workers=min(REWRITES_AT_ONCE, len(pending))) as pool:
        rewrites = list(pool.map(rewrite, pending))
    for acted, done in zip(pending, rewrites, strict=True):
        assert acted.answer is not None
        acted.reply = done.text
        acted.answer["rewritten"] = done.rewritten
        acted.answer["rewrite_note"] = done.reason
