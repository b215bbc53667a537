"""One incoming e-mail, live: parsed and threaded like ``tandemdesk import email``, then
handled like an API message — unless a machine sent it.

Both the IMAP poller and ``POST /v1/inbound/email`` (providers that POST raw MIME) come
here, so a mail is understood, decided and answered the same way whichever door it used.

Never answered automatically: bounces and auto-replies (RFC 3834 ``Auto-Submitted``,
``Precedence: bulk``, out-of-office, delivery reports) — answering one starts a mail loop —
and mail from our own support addresses or agents (a copy of our own reply). They are stored
in their conversation, so a person sees the bounce, but never reach the policy.

A mail seen twice (the poller restarted before it could mark it) is stored once: its
Message-ID is the message's external id, and a re-delivery returns the first result.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import select

from tandemdesk.db import transaction
from tandemdesk.errors import InvalidRecordError
from tandemdesk.listen.delivery import Delivery, store_messages
from tandemdesk.listen.email import email_to_message, parse_email
from tandemdesk.listen.identity import IdentityResolver
from tandemdesk.models import Agent
from tandemdesk.workspace import Workspace

Outcome = Literal["handled", "auto_reply", "ours", "rejected"]


@dataclass(frozen=True)
class InboundMail:
    """What became of one mail (``handled``: the decision is in ``result``)."""

    outcome: Outcome
    message_id: str | None = None
    conversation_id: int | None = None
    reason: str = ""
    result: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "outcome": self.outcome,
            "message_id": self.message_id,
            "conversation_id": self.conversation_id,
            "reason": self.reason,
            "result": self.result,
        }


def support_addresses(workspace: Workspace) -> list[str]:
    """Addresses whose mail is ours: the settings' support addresses, the ones our replies
    are sent from (a copy of our own reply must never be answered as a customer's) and the
    agents'."""
    settings = workspace.settings
    with workspace.sessions() as session:
        agents = [email for email in session.scalars(select(Agent.email)) if email]
    senders = [settings.mail_from, *settings.mail_from_by_queue.values()]
    return [*settings.support_addresses, *senders, *agents]


def receive_mail(
    workspace: Workspace,
    raw: bytes,
    handle: Callable[[Delivery], Any],
    support: list[str] | None = None,
) -> InboundMail:
    """Take one raw mail in. ``handle`` is the live path (``Orchestrator.handle`` or the
    batcher); it is called only for a customer's own mail. A mail that is not an e-mail at
    all is ``rejected`` with the reason (the caller keeps or reports it; nothing is stored)."""
    try:
        parsed = parse_email(raw)
        customer, message = email_to_message(
            parsed, support if support is not None else support_addresses(workspace)
        )
    except InvalidRecordError as error:
        return InboundMail("rejected", reason=error.message)
    delivery = Delivery(customer=customer, message=message, channel="email", subject=parsed.subject)
    if parsed.is_auto_reply or message.author != "customer":
        outcome: Outcome = "auto_reply" if parsed.is_auto_reply else "ours"
        with transaction(workspace.sessions) as session:
            [stored] = store_messages(session, IdentityResolver(session), [delivery])
        reason = (
            "an automatic reply or bounce: stored, never answered automatically"
            if outcome == "auto_reply"
            else "mail from our own address: stored as our side of the thread"
        )
        return InboundMail(outcome, parsed.message_id, stored.conversation_id, reason)
    result = handle(delivery)
    return InboundMail(
        "handled",
        parsed.message_id,
        int(result.conversation_id),
        result=result.to_dict() if hasattr(result, "to_dict") else None,
    )
