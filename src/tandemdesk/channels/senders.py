"""Which adapter sends which delivery, with what it needs read from the store beforehand.

``prepare`` reads everything a claimed batch needs in one session (messages, customers,
agents, thread ids, subscriptions), so the sending threads only talk to the outside world;
each job returns an ``Outcome`` and never raises. Channels:
- ``email``: SMTP (``email_out``);
- ``webhook``: a signed POST (``webhooks``);
- any other (``api``, ``chat``, imports' channels): nothing to push — the reply is stored
  and clients read it (``GET /v1/messages/{id}``, the conversation, the ``reply.sent``
  webhook), so the delivery is marked sent at once. A push channel (the chat widget)
  registers its own sender in ``PUSH`` instead.
"""

from __future__ import annotations

import smtplib
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from tandemdesk.channels.email_out import (
    OutgoingMail,
    check_address,
    compose,
    mail_sender,
    message_id_for,
    sender_address,
)
from tandemdesk.channels.outbox import Claimed, Outcome
from tandemdesk.channels.webhooks import WebhookSender
from tandemdesk.config import Settings
from tandemdesk.models import (
    Agent,
    Conversation,
    Delivery,
    Identity,
    Message,
    WebhookSubscription,
)

Job = Callable[[], Outcome]
PUSH: dict[str, Callable[[Claimed, dict[str, Any]], Outcome]] = {}
"""Channel name → a sender that pushes a stored reply to a live client (e.g. the widget)."""


class Senders:
    """The adapters of one worker, built from the settings once."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.smtp = (
            mail_sender(settings.smtp_url, settings.smtp_timeout) if settings.smtp_url else None
        )
        sender_address(settings.mail_from)  # a bad sender fails at start, not per mail
        for queue_from in settings.mail_from_by_queue.values():
            sender_address(queue_from)
        self.webhooks = WebhookSender(settings.webhook_timeout)

    def close(self) -> None:
        self.webhooks.close()

    def prepare(self, session: Session, batch: Sequence[Claimed]) -> list[Job]:
        """One job per claimed delivery, in order."""
        wanted = [d.message_id for d in batch if d.message_id]
        messages = {
            m.id: m
            for m in (
                session.scalars(
                    select(Message)
                    .where(Message.id.in_(wanted))
                    .options(joinedload(Message.conversation).joinedload(Conversation.customer))
                )
                if wanted
                else ()
            )
        }
        hooks = [d.subscription_id for d in batch if d.subscription_id]
        subscriptions = {
            s.id: s
            for s in (
                session.scalars(
                    select(WebhookSubscription).where(WebhookSubscription.id.in_(hooks))
                )
                if hooks
                else ()
            )
        }
        mailed = [messages[d.message_id] for d in batch
                  if d.channel == "email" and d.message_id in messages]  # fmt: skip
        threads = _threads(session, {m.conversation_id for m in mailed})
        addresses = _email_identities(
            session,
            {m.conversation.customer_id for m in mailed if not m.conversation.customer.email},
        )
        agents = _agent_names(session, mailed)
        jobs: list[Job] = []
        for d in batch:
            if d.kind == "webhook":
                jobs.append(self._webhook_job(d, subscriptions.get(d.subscription_id or -1)))
                continue
            message = messages.get(d.message_id or -1)
            if message is None:
                jobs.append(_fixed(d, "the message to send no longer exists", permanent=True))
                continue
            info = {
                "author": message.author,
                "text": message.text,
                "agent_id": (message.meta or {}).get("agent_id"),
            }
            if d.channel == "email":
                jobs.append(self._mail_job(d, message, threads, addresses, agents, info))
            elif d.channel in PUSH:
                push = PUSH[d.channel]
                jobs.append(lambda d=d, info=info, push=push: push(d, info))  # type: ignore[misc]
            else:
                jobs.append(_fixed(d, None, info=info))
        return jobs

    def _webhook_job(self, d: Claimed, subscription: WebhookSubscription | None) -> Job:
        if subscription is None or not subscription.active:
            outcome = Outcome(d, "the webhook subscription was deleted", cancelled=True)
            return lambda: outcome
        url, secret = subscription.url, subscription.secret

        def run() -> Outcome:
            try:
                status = self.webhooks.send(url, secret, d.event or "", d.key, d.payload)
            except httpx.TimeoutException:
                return Outcome(d, f"no answer from {url} within {self.settings.webhook_timeout:g}s")
            except httpx.HTTPError as e:
                return Outcome(d, f"could not reach {url}: {e}")
            if 200 <= status < 300:
                return Outcome(d, None, status)
            return Outcome(d, f"{url} answered HTTP {status}", status)

        return run

    def _mail_job(
        self,
        d: Claimed,
        message: Message,
        threads: dict[int, list[tuple[int, str, bool]]],
        addresses: dict[int, str],
        agents: dict[str, str],
        info: dict[str, Any],
    ) -> Job:
        conversation = message.conversation
        to = conversation.customer.email or addresses.get(conversation.customer_id)
        if not to:
            return _fixed(d, "the customer has no e-mail address to reply to", permanent=True)
        try:
            check_address(to)
        except ValueError:
            return _fixed(d, f"the customer's address {to!r} is not valid", permanent=True)
        if self.smtp is None:
            return _fixed(d, "no mail server: set TANDEMDESK_SMTP_URL, then re-send")
        queue_from = self.settings.mail_from_by_queue.get(conversation.queue or "")
        team, address = sender_address(queue_from or self.settings.mail_from)
        agent = agents.get(str(info.get("agent_id") or ""))
        before = [
            (message_id_for(v, address) if ours else v, ours)
            for message_id, v, ours in threads.get(conversation.id, [])
            if message_id < message.id
        ]
        earlier = [mid for mid, _ in before]
        customer_ids = [mid for mid, ours in before if not ours]
        mail = OutgoingMail(
            to=to,
            display_name=agent or team or address,
            from_address=address,
            subject=conversation.subject,
            text=message.text,
            key=d.key,
            in_reply_to=customer_ids[-1] if customer_ids else None,
            references=earlier,
            automatic=message.author == "bot",
        )
        smtp = self.smtp
        info = {**info, "email_message_id": message_id_for(d.key, address)}

        def run() -> Outcome:
            try:
                composed = compose(mail)
            except ValueError as e:  # e.g. a line break in a stored subject or agent name
                return Outcome(d, f"the reply cannot be written as a mail: {e}", permanent=True)
            try:
                smtp.send(composed)
            except smtplib.SMTPRecipientsRefused as e:
                return Outcome(d, f"the mail server refused {to}: {e.recipients}")
            except (TimeoutError, smtplib.SMTPException, OSError) as e:
                return Outcome(d, f"mail server {smtp.server.host}:{smtp.server.port}: {e!r}")
            return Outcome(d, None, info=info)

        return run


def _fixed(
    d: Claimed, error: str | None, permanent: bool = False, info: dict[str, Any] | None = None
) -> Job:
    outcome = Outcome(d, error, permanent=permanent, info=info or {})
    return lambda: outcome


def _threads(
    session: Session, conversation_ids: set[int]
) -> dict[int, list[tuple[int, str, bool]]]:
    """Per conversation, in order: (message id, their Message-ID, False) for the customer's
    mails and (message id, delivery key, True) for ours already sent."""
    if not conversation_ids:
        return {}
    found: dict[int, list[tuple[int, str, bool]]] = defaultdict(list)
    theirs = session.execute(
        select(Message.conversation_id, Message.id, Message.external_id).where(
            Message.conversation_id.in_(conversation_ids), Message.external_id.is_not(None)
        )
    )
    for conversation_id, message_id, external_id in theirs:
        found[conversation_id].append((message_id, str(external_id), False))
    ours = session.execute(
        select(Delivery.conversation_id, Delivery.message_id, Delivery.key).where(
            Delivery.conversation_id.in_(conversation_ids),
            Delivery.kind == "message",
            Delivery.channel == "email",
            Delivery.status == "sent",
        )
    )
    for ours_conversation, ours_message, key in ours:
        if ours_message is not None and ours_conversation is not None:
            found[int(ours_conversation)].append((int(ours_message), str(key), True))
    return {c: sorted(items) for c, items in found.items()}


def _email_identities(session: Session, customer_ids: set[int]) -> dict[int, str]:
    if not customer_ids:
        return {}
    rows = session.execute(
        select(Identity.customer_id, Identity.value).where(
            Identity.customer_id.in_(customer_ids), Identity.kind == "email"
        )
    )
    return {customer_id: value for customer_id, value in rows}


def _agent_names(session: Session, messages: Any) -> dict[str, str]:
    wanted = {str(m.meta.get("agent_id")) for m in messages if (m.meta or {}).get("agent_id")}
    if not wanted:
        return {}
    rows = session.execute(
        select(Agent.external_id, Agent.name).where(Agent.external_id.in_(wanted))
    )
    return {external_id: name for external_id, name in rows}
