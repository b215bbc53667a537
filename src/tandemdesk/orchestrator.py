"""THE write path for live messages: listen → understand → decide → act, stored safely.

Channels deliver in bursts, so the unit is a batch (``handle_many``; ``handle`` is a batch
of one — one code path). For a batch, in order:
1. ``store``: every message is stored (customer resolved, threaded) and marked ``pending``
   in one transaction — from here on none can be lost.
2. ``understand`` (pure): intent, language, emotion and distress, urgency, abuse, PII — all
   texts in one pipeline call, made by a helper process (``understand/helper.py``) while
   this one stores the messages and reads their context, where the settings allow.
3. ``decide`` (pure): the live policy's first matching rule, with its sentence.
4. ``act`` (``orchestrator_act.py``): a grounded answer from the knowledge base and the
   customer's own data (or, if none clears the bar, a handover that says why), or a person
   chosen by routing with the handoff packet they read. The store is read once per batch and
   kept current in memory, so each message sees its predecessors' outcomes as if handled
   one by one (agents' load above all).
5. ``record`` (``orchestrator_record.py``): decisions, bot replies, assignments and the
   ``handled`` marks in one transaction. ``decisions.message_id`` is unique, so a retried
   or re-delivered message is never answered twice; a crash between 1 and 5 leaves the
   messages ``failed`` (or ``pending``), and ``retry_pending`` picks them up again.
If anything in 2–5 fails for the batch, its messages are handled again one by one, so one
bad message fails alone (marked ``failed``) and the rest are answered.
Events are emitted after the commit (``events.py``).
"""

from __future__ import annotations

import time
import weakref
from collections.abc import Collection, Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import aliased, joinedload

from tandemdesk import events
from tandemdesk.act.answers_kb import KnowledgeBase, items_from_articles
from tandemdesk.act.llm import LLMSettings
from tandemdesk.act.routing import RoutingSettings
from tandemdesk.channels.outbox import enqueue_events
from tandemdesk.db import OneConnection, one_connection
from tandemdesk.decide import Policy
from tandemdesk.learn.model_fallback import TASKS, load_pipeline_or_fallback
from tandemdesk.listen.delivery import Delivery, Stored, store_messages
from tandemdesk.listen.identity import IdentityResolver
from tandemdesk.listen.subject_pointer import read_text, text_to_read
from tandemdesk.models import (
    Agent,
    Article,
    Conversation,
    Decision,
    Message,
    ModelVersion,
    PolicyVersion,
)
from tandemdesk.orchestrator_act import Acted, BatchActor, rewrite_replies
from tandemdesk.orchestrator_record import (
    BatchError,
    HandleResult,
    record_batch,
    result_from,
)
from tandemdesk.policies import active_policy
from tandemdesk.recovery import lease_until, mark_failed
from tandemdesk.timeutil import utcnow
from tandemdesk.understand.helper import Ticket, UnderstandingHelper
from tandemdesk.understand.pii_mask import mask_payment_data
from tandemdesk.understand.pipeline import Pipeline, Understanding
from tandemdesk.workspace import Workspace

REFRESH_SECONDS = 2.0  # how stale the policy and knowledge base may be across processes
# A message alone is understood here: sending it to the helper and back cost more than the
# overlap saved (PostgreSQL, one by one: 20.7 ms with the helper, 17.9 without; from two
# messages on the helper wins: 21.7 vs 23.0 ms, and 37.4 vs 42.0 ms for twelve).


RACE_STATES = ("40P01", "40001")  # PostgreSQL: deadlock detected, serialization failure


def lost_a_race(error: DBAPIError) -> bool:
    """Whether another process wrote the same rows at the same moment: it took a unique key
    first, or PostgreSQL broke a deadlock between the two by failing this transaction (two
    workers learning overlapping identities of one new customer). Trying again finds theirs."""
    return isinstance(error, IntegrityError) or (
        getattr(error.orig, "sqlstate", None) in RACE_STATES
    )


def _stored_pair(stored: Stored) -> tuple[int, bool]:
    assert stored.message_id is not None  # a live message is always stored or found
    return stored.message_id, stored.duplicate


class Orchestrator:
    """Handles live messages for one workspace; models, policy and KB are loaded once and
    reloaded when another version is made live (``_refresh``)."""

    def __init__(
        self,
        workspace: Workspace,
        pipeline: Pipeline | None = None,
        policy: Policy | None = None,
        routing: RoutingSettings | None = None,
    ) -> None:
        self.workspace = workspace
        # a model that cannot be loaded is left out (the documented fallback: everything to
        # people), not fatal; ``model_problems`` says which and why (``/readyz`` shows it)
        self.model_problems: dict[str, str] = {}
        self._follows_models = pipeline is None  # else fixed models (tests, shadow runs)
        if pipeline is None:
            pipeline, self.model_problems = load_pipeline_or_fallback(workspace)
        self.pipeline = pipeline
        self._follows_policy = policy is None  # else a fixed policy (tests, shadow runs)
        if policy is None:
            self.policy, self.policy_version = active_policy(workspace)
        else:
            self.policy, self.policy_version = policy, None
        self._policy_stamp, self._knowledge_stamp, self._models_stamp = self._stamps()
        self._checked_at = time.monotonic()
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
        # started with the first burst (``_helper_for``): a process handling one message at
        # a time (the CLI) never forks one, and a server forks after its start-up
        self._helper: UnderstandingHelper | None = None
        self._wants_helper = settings.understanding_helper

    def close(self) -> None:
        """Stop the understanding helper, if any (it also ends with this process)."""
        if self._helper is not None:
            self._helper.close()
            self._helper = None

    def _helper_for(self, pipeline: Pipeline) -> UnderstandingHelper | None:
        """The helper holding ``pipeline``: started on first use, started again when the
        pipeline was replaced; None when the settings or the machine rule one out."""
        if self._helper is not None and self._helper.pipeline is not pipeline:
            self.close()
        if self._helper is None and self._wants_helper:
            self._helper = UnderstandingHelper.start(pipeline)
            if self._helper is None:
                self._wants_helper = False  # no second core, no fork: do not try again
            else:
                weakref.finalize(self, self._helper.close)
        return self._helper

    @property
    def kb(self) -> KnowledgeBase:
        if self._kb is None:
            with self.workspace.sessions() as session:
                self._kb = KnowledgeBase(items_from_articles(session.scalars(select(Article))))
        return self._kb

    def _stamps(self) -> tuple[Any, Any, Any]:
        """What identifies the live policy, the knowledge base's state and the active model
        versions, in one statement."""
        active_models = [
            select(ModelVersion.id)
            .where(ModelVersion.task == task, ModelVersion.active.is_(True))
            .scalar_subquery()
            for task in TASKS
        ]
        with self.workspace.sessions() as session:
            policy_id, count, newest, *models = session.execute(
                select(
                    select(PolicyVersion.id).where(PolicyVersion.active).scalar_subquery(),
                    select(func.count(Article.id)).scalar_subquery(),
                    select(func.max(Article.updated_at)).scalar_subquery(),
                    *active_models,
                )
            ).one()
        return policy_id, (count, newest), tuple(models)

    def mark_stale(self) -> None:
        """Something the orchestrator caches changed (``knowledge.changed``,
        ``policy.changed``): check before the next batch instead of waiting out the interval."""
        self._checked_at = float("-inf")

    def _refresh(self) -> None:
        """Pick up a policy made live, an article changed or a model version activated — by
        this process (API, console: they emit events the server turns into ``mark_stale``)
        or by another (``tandemdesk policy apply``, ``import articles``, ``retrain``,
        ``models activate``: seen within ``REFRESH_SECONDS``).

        At most one small statement per interval, and a reload only when something changed.
        A new model that cannot be loaded leaves the one in use serving (``model_problems``
        says why; ``/readyz`` shows it).
        """
        now = time.monotonic()
        if now - self._checked_at < REFRESH_SECONDS:
            return
        self._checked_at = now
        policy_stamp, knowledge_stamp, models_stamp = self._stamps()
        if self._follows_policy and policy_stamp != self._policy_stamp:
            self.policy, self.policy_version = active_policy(self.workspace)
        if knowledge_stamp != self._knowledge_stamp:
            self._kb = None
        if self._follows_models and models_stamp != self._models_stamp:
            # ~0.1 s to read the folders; the helper restarts with the new pipeline
            self.pipeline, self.model_problems = load_pipeline_or_fallback(
                self.workspace, serving=self.pipeline
            )
        self._policy_stamp, self._knowledge_stamp = policy_stamp, knowledge_stamp
        self._models_stamp = models_stamp

    # ---- the entry points ----------------------------------------------------------------
    def handle(self, delivery: Delivery) -> HandleResult:
        """Run one message through the whole flow; a re-delivery returns the first result."""
        try:
            return self.handle_many([delivery])[0]
        except BatchError as error:  # a batch of one: its own error, as the caller expects
            raise error.errors[0] from None

    def handle_many(self, deliveries: Sequence[Delivery]) -> list[HandleResult]:
        """Handle what arrived together; one result per delivery, in the same order.

        A delivery repeating an earlier one (here or in an earlier batch) returns the first
        result with ``duplicate=True``. If some messages fail, the others are still handled
        and recorded, then ``BatchError`` says which failed.
        """
        self._refresh()
        ticket = None  # the texts, understood beside the store and the reads
        helper = self._helper_for(self.pipeline) if len(deliveries) > 1 else None
        if helper is not None:
            # as stored: the models read the masked text (``protect/store.py``)
            ticket = helper.submit([
                text_to_read(mask_payment_data(d.message.text).text, d.subject)
                for d in deliveries
            ])  # fmt: skip
        try:
            with one_connection(self.workspace.sessions) as db:
                return self._handle_many(db, deliveries, ticket)
        finally:
            if ticket is not None:
                ticket.drop()

    def _handle_many(
        self, db: OneConnection, deliveries: Sequence[Delivery], ticket: Ticket | None = None
    ) -> list[HandleResult]:
        stored, errors = self._store(db, deliveries)
        results: list[HandleResult | None] = [None] * len(deliveries)
        # re-deliveries, read together (not one by one); a message stored by this very
        # batch and repeated in it is handled once below, not looked up
        repeats = {message_id for message_id, duplicate in stored.values() if duplicate}
        repeats -= {message_id for message_id, duplicate in stored.values() if not duplicate}
        earlier = self._existing(db, repeats)
        history = self._history_results(db, repeats - earlier.keys())
        todo: list[int] = []
        for position, (message_id, duplicate) in stored.items():
            if message_id in todo:
                continue
            if duplicate and message_id in earlier:
                results[position] = earlier[message_id]
            elif duplicate and message_id in history:
                # a copy of a message that came in with the imported history: people dealt
                # with it then; answering it now would answer the past
                results[position] = history[message_id]
            else:
                todo.append(message_id)
        handled, failed = self._process(db, todo, ticket)
        first_seen: set[int] = set()
        for position, (message_id, _) in stored.items():
            if results[position] is not None:
                continue
            if message_id in handled:
                result = handled[message_id]
                repeat = message_id in first_seen  # the same message twice in this batch
                results[position] = replace(result, duplicate=True) if repeat else result
                first_seen.add(message_id)
            else:
                errors[position] = failed[message_id]
        if errors:
            raise BatchError(results, errors)
        return [result for result in results if result is not None]

    def _history_results(
        self, db: OneConnection, message_ids: Collection[int]
    ) -> dict[int, HandleResult]:
        """For re-delivered messages without a decision: the ones that came in with the
        imported history (not waiting for the live flow — pending or failed — which the
        caller handles now), answered as such."""
        if not message_ids:
            return {}
        with db.reads() as session:
            rows = session.execute(
                select(Message.id, Conversation.id, Conversation.customer_id, Conversation.queue)
                .join(Conversation, Conversation.id == Message.conversation_id)
                .where(
                    Message.id.in_(message_ids),
                    Message.handling.is_distinct_from("pending"),
                    Message.handling.is_distinct_from("failed"),
                    # given up on or refused: a channel sending it again gets it handled
                    # again (or refused again), not called history
                    Message.handling.is_distinct_from("dead"),
                    Message.handling.is_distinct_from("rejected"),
                )
            )
            return {
                message_id: HandleResult(
                    message_id=message_id,
                    conversation_id=conversation_id,
                    customer_id=customer_id,
                    action="none",
                    queue=queue,
                    rule_id="already_in_history",
                    explanation="Not handled again: this message is part of the imported history.",
                    inputs={},
                    duplicate=True,
                )
                for message_id, conversation_id, customer_id, queue in rows
            }

    def retry_pending(self) -> list[HandleResult]:
        """Handle again, now, every live message a crash left ``pending`` past its lease or
        a failure left ``failed`` (``recovery.recover_all`` with ``force``: back-offs are
        skipped, each message tried once). A message the conversation has since moved past
        is marked ``superseded`` instead. Raises ``BatchError`` if some failed again."""
        from tandemdesk.recovery import recover_all

        report = recover_all(self, force=True)
        failed = report.failed + report.rejected + report.dead
        if failed:
            ids = sorted(report.handled + failed)
            by_id = {r.message_id: r for r in report.results}
            raise BatchError(
                [by_id.get(message_id) for message_id in ids],
                {ids.index(m): RuntimeError(f"message {m} failed again") for m in failed},
            )
        return report.results

    def handle_stored(
        self, message_ids: list[int]
    ) -> tuple[dict[int, HandleResult], dict[int, Exception]]:
        """Handle messages already stored (recovery's claim): as one batch, a failing one
        alone. Returns (id → result, id → error); failures are marked as the live path's."""
        with one_connection(self.workspace.sessions) as db:
            return self._process(db, message_ids)

    # ---- steps ---------------------------------------------------------------------------
    def _store(
        self, db: OneConnection, deliveries: Sequence[Delivery]
    ) -> tuple[dict[int, tuple[int, bool]], dict[int, Exception]]:
        """Store every delivery in one transaction; if that fails, one by one (so one bad
        delivery is refused alone). Returns (position → (message id, duplicate), errors)."""
        try:
            try:
                stored = self._store_once(db, deliveries)
            except DBAPIError as error:
                if not lost_a_race(error):
                    raise
                # another process (a second server worker, the CLI) stored the same new
                # customer or message at the same moment: a second attempt finds theirs
                stored = self._store_once(db, deliveries)
        except Exception as error:
            if len(deliveries) == 1:
                return {}, {0: error}
            out: dict[int, tuple[int, bool]] = {}
            errors: dict[int, Exception] = {}
            for position, delivery in enumerate(deliveries):
                one, failed = self._store(db, [delivery])
                if failed:
                    errors[position] = failed[0]
                else:
                    out[position] = one[0]
            return out, errors
        for message_id, duplicate in stored:
            events.emit("message.received", {"message_id": message_id, "duplicate": duplicate})
        return dict(enumerate(stored)), {}

    def _store_once(
        self, db: OneConnection, deliveries: Sequence[Delivery]
    ) -> list[tuple[int, bool]]:
        lease = lease_until(self.workspace.settings)  # recovery leaves them alone till then
        with db.transaction() as session:
            resolver = IdentityResolver(session, exclusive=True)
            stored = store_messages(
                session, resolver, deliveries, handling="pending", retry_at=lease
            )
            received = [
                ("message.received", {"message_id": one.message_id,
                                      "conversation_id": one.conversation_id,
                                      "channel": d.channel,
                                      "text": mask_payment_data(d.message.text).text})
                for d, one in zip(deliveries, stored, strict=True) if not one.duplicate
            ]  # fmt: skip
            enqueue_events(session, received, utcnow())  # webhooks: with the message
            return [_stored_pair(one) for one in stored]

    def _existing(self, db: OneConnection, message_ids: Collection[int]) -> dict[int, HandleResult]:
        """The first results of messages already decided (re-deliveries), in one query."""
        if not message_ids:
            return {}
        reply, agent = aliased(Message), aliased(Agent)
        with db.reads() as session:
            rows = session.execute(
                select(Decision, reply.text, agent.name)
                .outerjoin(reply, reply.id == Decision.reply_message_id)
                .outerjoin(agent, agent.id == Decision.assigned_agent_id)
                .where(Decision.message_id.in_(message_ids))
            )
            return {
                decision.message_id: result_from(decision, text, name)
                for decision, text, name in rows
            }

    def _process(
        self, db: OneConnection, message_ids: list[int], ticket: Ticket | None = None
    ) -> tuple[dict[int, HandleResult], dict[int, Exception]]:
        """Handle stored messages as one batch; if the batch fails, one by one, so one bad
        message is marked ``failed`` alone. Returns (id → result, id → error)."""
        if len(message_ids) > 1:
            try:
                return {r.message_id: r for r in self._process_batch(db, message_ids, ticket)}, {}
            except Exception:  # noqa: S110 - each message is retried alone below
                pass
        handled: dict[int, HandleResult] = {}
        failed: dict[int, Exception] = {}
        for message_id in message_ids:
            try:
                handled[message_id] = self._process_batch(db, [message_id])[0]
            except Exception as error:
                # failed (retried later with a back-off), rejected (invalid: never retried)
                # or dead (out of attempts): ``recovery.mark_failed``
                with db.transaction() as session:
                    mark_failed(session, message_id, error, self.workspace.settings)
                failed[message_id] = error
        return handled, failed

    def _process_batch(
        self, db: OneConnection, message_ids: list[int], ticket: Ticket | None = None
    ) -> list[HandleResult]:
        """Understand, decide, act and record ``message_ids``: all of them, or none."""
        with db.reads() as session:
            done: set[int] = set()
            messages: list[Message] = []
            for message, decided in session.execute(  # decided ones: handled meanwhile
                select(Message, Decision.message_id)
                .outerjoin(Decision, Decision.message_id == Message.id)
                .where(Message.id.in_(message_ids))
                .options(joinedload(Message.conversation).joinedload(Conversation.customer))
                .order_by(Message.id)
            ):
                if decided is None:
                    messages.append(message)
                else:
                    done.add(message.id)
            acted: list[Acted] = []
            if messages:
                actor = BatchActor(self, session, messages)  # reads first: the helper works
                understood = self._understand([read_text(m) for m in messages], ticket)
                acted = actor.run(messages, understood)
        if self.llm is not None:  # network calls: after the reads, not holding them open
            rewrite_replies(acted, self.llm)
        results = {r.message_id: r for r in self._record(db, acted)} if acted else {}
        results.update(self._existing(db, done))
        return [results[message_id] for message_id in message_ids]

    def _understand(self, texts: list[str], ticket: Ticket | None) -> list[Understanding]:
        """``texts`` understood: the helper's answers where it has them, the rest here."""
        ready = ticket.results() if ticket is not None else {}
        missing = [text for text in dict.fromkeys(texts) if text not in ready]
        if missing:
            ready.update(zip(missing, self.pipeline.understand(missing), strict=True))
        return [ready[text] for text in texts]

    def _record(self, db: OneConnection, batch: list[Acted]) -> list[HandleResult]:
        now = utcnow()
        try:
            with db.transaction() as session:
                stored = record_batch(session, batch, now, self.policy_version)
        except IntegrityError:  # handled meanwhile by another worker: never answer twice
            first = batch[0].message.id
            existing = self._existing(db, [first]).get(first) if len(batch) == 1 else None
            if existing is None:
                raise  # a batch is retried one by one
            return [existing]
        results = [
            result_from(decision, acted.reply, acted.agent_name, duplicate=False)
            for acted, decision in zip(batch, stored, strict=True)
        ]
        for acted, result in zip(batch, results, strict=True):
            events.emit("decision.made", {"message_id": result.message_id, "action": acted.action})
            if acted.agent_id is not None:
                events.emit("conversation.handed_off", {"conversation_id": result.conversation_id})
        return results
