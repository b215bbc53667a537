"""THE write path for a live message: listen → understand → decide → act, stored safely.

One message, in order:
1. ``store``: the message is stored (customer resolved, threaded) and marked ``pending`` in
   its own transaction — from here on it can never be lost.
2. ``understand`` (pure): intent, language, emotion and distress, urgency, abuse, PII.
3. ``decide`` (pure): the live policy's first matching rule, with its sentence.
4. ``act``: a grounded answer from the knowledge base and the customer's own data (or, if
   none clears the bar, a handover that says why), or a person chosen by routing with the
   handoff packet they read.
5. ``record``: decision, bot reply, assignment and the message's ``handled`` mark in one
   transaction. ``decisions.message_id`` is unique, so a retried or re-delivered message is
   never answered twice; a crash between 1 and 5 leaves the message ``failed`` (or
   ``pending``), and ``retry_pending`` picks it up again.
Events are emitted after the commit (``events.py``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from tandemdesk import events
from tandemdesk.act.answers import Answer, compose_answer
from tandemdesk.act.answers_facts import facts_from_timeline, mentioned_order_number
from tandemdesk.act.answers_kb import KnowledgeBase, items_from_articles
from tandemdesk.act.clarify import clarifying_question
from tandemdesk.act.handoff import build_handoff
from tandemdesk.act.llm import LLMSettings, rewrite_answer
from tandemdesk.act.routing import RoutingNeed, RoutingResult, RoutingSettings, route
from tandemdesk.db import transaction
from tandemdesk.decide import Policy, decide
from tandemdesk.learn.model_store import load_pipeline
from tandemdesk.listen.delivery import Delivery, store_message
from tandemdesk.listen.identity import IdentityResolver
from tandemdesk.listen.timeline import customer_timeline
from tandemdesk.models import (
    Agent,
    Article,
    Assignment,
    Conversation,
    Decision,
    Message,
)
from tandemdesk.policies import active_policy
from tandemdesk.situation import agent_states, customer_events, decision_context
from tandemdesk.timeutil import utcnow
from tandemdesk.understand.pipeline import Pipeline, Understanding
from tandemdesk.workspace import Workspace

PERSON_ACTIONS = ("route_to_human", "draft_for_agent")
MAX_ATTEMPTS = 5
TREND_MESSAGES = 10


@dataclass(frozen=True)
class HandleResult:
    """What happened to one message: the decision and its reasons, the reply or the person."""

    message_id: int
    conversation_id: int
    customer_id: int
    action: str
    queue: str | None
    rule_id: str
    explanation: str
    inputs: dict[str, Any]
    reply: str | None = None
    answer: dict[str, Any] | None = None
    assigned_agent: str | None = None
    routing_reason: str | None = None
    handoff: dict[str, Any] | None = None
    understanding: dict[str, Any] = field(default_factory=dict)
    duplicate: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class _Acted:
    """What ``act`` produced before it is recorded."""

    action: str
    queue: str | None
    explanation: str
    reply: str | None = None
    answer: dict[str, Any] | None = None
    routing: RoutingResult | None = None
    handoff: dict[str, Any] | None = None


def _result_from(decision: Decision, reply: str | None, agent: str | None) -> HandleResult:
    return HandleResult(
        message_id=decision.message_id,
        conversation_id=decision.conversation_id,
        customer_id=int(decision.inputs.get("customer_id", 0)),
        action=decision.action,
        queue=decision.queue,
        rule_id=decision.rule_id,
        explanation=decision.explanation,
        inputs=decision.inputs,
        reply=reply,
        answer=decision.handoff.get("answer") if decision.handoff else None,
        assigned_agent=agent,
        routing_reason=decision.handoff.get("routing_reason") if decision.handoff else None,
        handoff=decision.handoff.get("packet") if decision.handoff else None,
        understanding=decision.understanding,
        duplicate=True,
    )


class Orchestrator:
    """Handles live messages for one workspace; models, policy and KB are loaded once."""

    def __init__(
        self,
        workspace: Workspace,
        pipeline: Pipeline | None = None,
        policy: Policy | None = None,
        routing: RoutingSettings | None = None,
    ) -> None:
        self.workspace = workspace
        self.pipeline = pipeline if pipeline is not None else load_pipeline(workspace)
        if policy is None:
            self.policy, self.policy_version = active_policy(workspace)
        else:
            self.policy, self.policy_version = policy, None
        self.routing = routing or RoutingSettings()
        self._kb: KnowledgeBase | None = None
        settings = workspace.settings
        self.llm = (
            LLMSettings(
                base_url=settings.llm_base_url,
                model=settings.llm_model,
                api_key=settings.llm_api_key,
                timeout=settings.llm_timeout,
            )
            if settings.llm_base_url
            else None
        )

    @property
    def kb(self) -> KnowledgeBase:
        if self._kb is None:
            with self.workspace.sessions() as session:
                self._kb = KnowledgeBase(items_from_articles(session.scalars(select(Article))))
        return self._kb

    # ---- the one entry point -------------------------------------------------------------
    def handle(self, delivery: Delivery) -> HandleResult:
        """Run one message through the whole flow; a re-delivery returns the first result."""
        message_id, duplicate = self._store(delivery)
        if duplicate:
            existing = self._existing(message_id)
            if existing is not None:
                return existing
        return self._process_safely(message_id)

    def retry_pending(self) -> list[HandleResult]:
        """Handle again every live message a crash left ``pending`` or ``failed``."""
        with self.workspace.sessions() as session:
            ids = list(
                session.scalars(
                    select(Message.id)
                    .where(Message.handling.in_(("pending", "failed")))
                    .where(Message.attempts < MAX_ATTEMPTS)
                    .order_by(Message.id)
                )
            )
        results = []
        for message_id in ids:
            with transaction(self.workspace.sessions) as session:
                session.execute(
                    update(Message)
                    .where(Message.id == message_id)
                    .values(attempts=Message.attempts + 1)
                )
            results.append(self._process_safely(message_id))
        return results

    # ---- steps ---------------------------------------------------------------------------
    def _store(self, delivery: Delivery) -> tuple[int, bool]:
        with transaction(self.workspace.sessions) as session:
            stored = store_message(session, IdentityResolver(session), delivery)
            assert stored.message_id is not None
            if not stored.duplicate:
                session.execute(
                    update(Message)
                    .where(Message.id == stored.message_id)
                    .values(handling="pending", attempts=1)
                )
        events.emit(
            "message.received", {"message_id": stored.message_id, "duplicate": stored.duplicate}
        )
        return stored.message_id, stored.duplicate

    def _existing(self, message_id: int) -> HandleResult | None:
        with self.workspace.sessions() as session:
            decision = session.scalars(
                select(Decision).where(Decision.message_id == message_id)
            ).first()
            if decision is None:
                return None
            reply = (
                session.get(Message, decision.reply_message_id)
                if decision.reply_message_id
                else None
            )
            agent = (
                session.get(Agent, decision.assigned_agent_id)
                if decision.assigned_agent_id
                else None
            )
            return _result_from(
                decision, reply.text if reply else None, agent.name if agent else None
            )

    def _process_safely(self, message_id: int) -> HandleResult:
        try:
            return self._process(message_id)
        except Exception:
            with transaction(self.workspace.sessions) as session:
                session.execute(
                    update(Message)
                    .where(Message.id == message_id, Message.handling != "handled")
                    .values(handling="failed")
                )
            raise

    def _process(self, message_id: int) -> HandleResult:
        existing = self._existing(message_id)
        if existing is not None:
            return existing
        with self.workspace.sessions() as session:
            message = session.get(Message, message_id)
            assert message is not None
            conversation = message.conversation
            history = list(
                session.scalars(
                    select(Message.text)
                    .where(Message.conversation_id == conversation.id, Message.author == "customer")
                    .where(Message.id < message.id)
                    .order_by(Message.id.desc())
                    .limit(TREND_MESSAGES - 1)
                )
            )[::-1]
            understood = self.pipeline.understand([*history, message.text])
            understanding = understood[-1]
            intent = self._intent(understanding)
            context = decision_context(session, conversation, message, intent)
            decision = decide(understanding, context, self.policy)
            acted = self._act(
                session, message, conversation, understanding, understood, intent, decision
            )
        return self._record(message_id, understanding, intent, decision, acted)

    @staticmethod
    def _intent(understanding: Understanding) -> str | None:
        prediction = understanding.intent
        return None if prediction is None or prediction.abstained else prediction.label

    def _act(
        self,
        session: Any,
        message: Message,
        conversation: Conversation,
        understanding: Understanding,
        understood: list[Understanding],
        intent: str | None,
        decision: Any,
    ) -> _Acted:
        acted = _Acted(decision.action, decision.queue, decision.explanation)
        language = understanding.language.label or conversation.customer.language
        if acted.action in ("automate", "draft_for_agent"):
            facts = facts_from_timeline(
                conversation.customer,
                customer_events(session, conversation.customer_id),
                mentioned_order_number(message.text),
                now=message.sent_at,
            )
            outcome = compose_answer(intent, message.text, language, facts, self.kb)
            if isinstance(outcome, Answer):
                acted.answer = outcome.to_dict()
                if acted.action == "automate":
                    acted.reply = outcome.text
                    acted.explanation = f"{decision.explanation} Then {outcome.explain()}."
                    if self.llm is not None:  # optional warmer wording; facts are checked
                        rewrite = rewrite_answer(outcome, message.text, self.llm, facts)
                        acted.reply = rewrite.text
                        acted.answer["rewritten"] = rewrite.rewritten
                        acted.answer["rewrite_note"] = rewrite.reason
            else:
                acted.answer = {"none": outcome.to_dict()}
                if acted.action == "automate":  # do not guess: hand over and say why
                    acted.action = "route_to_human"
                    acted.queue = self.policy.queue_for(intent)
                    acted.explanation = (
                        f"Sent to a person: {outcome.explain()}, so this request the policy "
                        f"would answer automatically (rule {decision.rule_id}) was not guessed at."
                    )
        if acted.action == "ask_clarifying_question":
            acted.reply = clarifying_question(understanding, language)
        if acted.action in PERSON_ACTIONS:
            acted.queue = acted.queue or self.policy.queue_for(intent)
            acted.routing = self._route(session, conversation, understanding, acted.queue, language)
            entries = customer_timeline(session, str(conversation.customer_id), limit=50).entries
            bot_said = list(
                session.scalars(
                    select(Message.text)
                    .where(Message.conversation_id == conversation.id, Message.author == "bot")
                    .order_by(Message.id)
                )
            )
            suggestions = [acted.answer] if acted.answer and "none" not in acted.answer else []
            packet = build_handoff(
                conversation.customer, entries, understood, acted.explanation, bot_said, suggestions
            )
            acted.handoff = packet.to_dict()
        return acted

    def _route(
        self,
        session: Any,
        conversation: Conversation,
        understanding: Understanding,
        queue: str,
        language: str | None,
    ) -> RoutingResult:
        spec = self.policy.queues.get(queue)
        previous = (
            session.get(Agent, conversation.assignee_id) if conversation.assignee_id else None
        )
        need = RoutingNeed(
            queue=queue,
            skills=tuple(spec.skills) if spec else (),
            roles=tuple(spec.roles) if spec else (),
            language=language,
            distress=understanding.distress.value,
            abusive=understanding.abuse.label is not None,
            urgency=understanding.urgency.label or "normal",
            previous_agent_id=previous.external_id if previous else None,
        )
        now = utcnow()
        return route(need, agent_states(session, now, self.routing), now, self.routing)

    def _record(
        self,
        message_id: int,
        understanding: Understanding,
        intent: str | None,
        decision: Any,
        acted: _Acted,
    ) -> HandleResult:
        now = utcnow()
        try:
            with transaction(self.workspace.sessions) as session:
                message = session.get(Message, message_id)
                assert message is not None
                conversation = message.conversation
                reply_id = self._store_reply(session, message, acted.reply, now)
                agent = self._assign(session, conversation, understanding, acted, now)
                inputs = {**decision.inputs, "customer_id": conversation.customer_id}
                stored = Decision(
                    message_id=message_id,
                    conversation_id=conversation.id,
                    action=acted.action,
                    queue=acted.queue,
                    rule_id=decision.rule_id,
                    explanation=acted.explanation,
                    inputs=inputs,
                    understanding=understanding.to_dict(),
                    intent=intent,
                    distress=understanding.distress.value,
                    abusive=understanding.abuse.label is not None,
                    policy_version=self.policy_version,
                    reply_message_id=reply_id,
                    assigned_agent_id=agent.id if agent else None,
                    handoff={
                        "answer": acted.answer,
                        "routing_reason": acted.routing.reason if acted.routing else None,
                        "packet": acted.handoff,
                    },
                    created_at=now,
                )
                session.add(stored)
                conversation.queue = acted.queue
                conversation.intent = conversation.intent or intent
                conversation.status = "resolved" if acted.action == "automate" else "open"
                conversation.updated_at = max(conversation.updated_at, now)
                message.handling = "handled"
                session.flush()
                customer_id = conversation.customer_id
        except IntegrityError:  # handled meanwhile by another worker: never answer twice
            existing = self._existing(message_id)
            if existing is None:
                raise
            return existing
        result = HandleResult(
            message_id=message_id,
            conversation_id=stored.conversation_id,
            customer_id=customer_id,
            action=acted.action,
            queue=acted.queue,
            rule_id=decision.rule_id,
            explanation=acted.explanation,
            inputs=stored.inputs,
            reply=acted.reply,
            answer=acted.answer,
            assigned_agent=agent.name if agent else None,
            routing_reason=acted.routing.reason if acted.routing else None,
            handoff=acted.handoff,
            understanding=stored.understanding,
        )
        events.emit("decision.made", {"message_id": message_id, "action": acted.action})
        if agent is not None:
            events.emit("conversation.handed_off", {"conversation_id": stored.conversation_id})
        return result

    @staticmethod
    def _store_reply(
        session: Any, message: Message, reply: str | None, now: datetime
    ) -> int | None:
        if reply is None:
            return None
        bot = Message(
            conversation_id=message.conversation_id,
            author="bot",
            text=reply,
            sent_at=max(now, message.sent_at),
            channel=message.channel,
            dedup_key=f"reply-to:{message.id}",
            attachments=[],
            meta={"in_reply_to_message": message.id},
            attempts=0,
        )
        session.add(bot)
        session.flush()
        return int(bot.id)

    @staticmethod
    def _assign(
        session: Any,
        conversation: Conversation,
        understanding: Understanding,
        acted: _Acted,
        now: datetime,
    ) -> Agent | None:
        if acted.routing is None or acted.routing.agent_id is None:
            return None
        agent = session.scalars(
            select(Agent).where(Agent.external_id == acted.routing.agent_id)
        ).one()
        if conversation.assignee_id != agent.id:
            session.add(
                Assignment(
                    conversation_id=conversation.id,
                    agent_id=agent.id,
                    queue=acted.queue,
                    reason=acted.routing.reason,
                    distress=understanding.distress.value,
                    abusive=understanding.abuse.label is not None,
                    assigned_at=now,
                )
            )
            conversation.assignee_id = agent.id
        return agent  # type: ignore[no-any-return]
