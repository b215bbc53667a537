"""Webhooks: other tools subscribe to events and receive them signed, through the outbox.

Signed as Stripe and GitHub sign theirs: ``Tandemdesk-Signature: t=<unix>,v1=<hex>`` where
``hex`` is HMAC-SHA256 of ``"<t>.<raw body>"`` with the subscription's secret; the time is
inside the signed text so a captured call cannot be replayed later. ``Tandemdesk-Delivery``
is the delivery's key, the same on every retry: the receiver's idempotency id.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import time
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

import httpx
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from tandemdesk.channels.outbox import EVENTS, forget_subscriptions
from tandemdesk.errors import InvalidRecordError, NotFoundError
from tandemdesk.models import Delivery, WebhookSubscription

SIGNATURE_HEADER = "Tandemdesk-Signature"
EVENT_HEADER = "Tandemdesk-Event"
DELIVERY_HEADER = "Tandemdesk-Delivery"
MIN_SECRET = 16


def sign(secret: str, body: bytes, timestamp: int | None = None) -> str:
    """The ``Tandemdesk-Signature`` header value for ``body``."""
    t = int(time.time()) if timestamp is None else timestamp
    mac = hmac.new(secret.encode(), f"{t}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={t},v1={mac}"


def verify(secret: str, body: bytes, header: str, tolerance: float = 300.0) -> bool:
    """What a receiver does (docs/api.md has it in ten lines): the HMAC matches and the
    time is recent."""
    try:
        fields = dict(part.strip().split("=", 1) for part in header.split(","))
        t = int(fields["t"])
        given = fields["v1"].encode()  # bytes: compare_digest refuses non-ASCII text
    except (ValueError, KeyError, UnicodeError):
        return False
    expected = hmac.new(secret.encode(), f"{t}.".encode() + body, hashlib.sha256).hexdigest()
    return abs(time.time() - t) <= tolerance and hmac.compare_digest(expected.encode(), given)


def body_of(payload: dict[str, Any]) -> bytes:
    """The raw body, the same bytes on every attempt (keys sorted, compact)."""
    return json.dumps(payload, sort_keys=True, separators=(",", ":")).encode()


# ---- subscriptions (admin) ---------------------------------------------------------------


def _check(url: str, events: list[str], secret: str | None) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InvalidRecordError(f"the webhook url must be http(s)://host/…, not {url!r}")
    unknown = [e for e in events if e not in EVENTS and e != "*"]
    if not events or unknown:
        raise InvalidRecordError(
            f"unknown events {unknown}; use some of {', '.join(EVENTS)} (or '*')"
            if unknown
            else f"name the events to send: {', '.join(EVENTS)} (or '*')",
            events=list(EVENTS),
        )
    if secret is not None and len(secret) < MIN_SECRET:
        raise InvalidRecordError(f"the secret needs at least {MIN_SECRET} characters")


def public(s: WebhookSubscription, with_secret: bool = False) -> dict[str, Any]:
    """A subscription as the API shows it; the secret only in the answer that created it."""
    out = {"id": s.id, "url": s.url, "events": list(s.events), "description": s.description,
           "active": s.active, "created_at": s.created_at.isoformat()}  # fmt: skip
    if with_secret:
        out["secret"] = s.secret
    return out


def create(
    session: Session,
    url: str,
    events: list[str],
    secret: str | None,
    description: str,
    now: datetime,
) -> WebhookSubscription:
    """A new subscription; without a secret one is made (and shown once)."""
    events = list(dict.fromkeys(e.strip() for e in events))
    _check(url, events, secret)
    subscription = WebhookSubscription(
        url=url, events=events, secret=secret or f"whsec_{secrets.token_urlsafe(24)}",
        description=description, active=True, created_at=now,
    )  # fmt: skip
    session.add(subscription)
    session.flush()
    forget_subscriptions()
    return subscription


def get(session: Session, subscription_id: int) -> WebhookSubscription:
    found = session.get(WebhookSubscription, subscription_id)
    if found is None or not found.active:
        raise NotFoundError(f"no webhook subscription {subscription_id}")
    return found


def listing(session: Session) -> list[WebhookSubscription]:
    return list(
        session.scalars(
            select(WebhookSubscription)
            .where(WebhookSubscription.active)
            .order_by(WebhookSubscription.id)
        )
    )


def delete(session: Session, subscription_id: int, now: datetime) -> None:
    """Stop sending: the subscription goes, its waiting calls are cancelled (the log of
    what was sent stays)."""
    subscription = get(session, subscription_id)
    subscription.active = False
    subscription.deleted_at = now
    forget_subscriptions()
    session.execute(
        update(Delivery)
        .where(
            Delivery.subscription_id == subscription_id,
            Delivery.status.in_(("pending", "failed")),
        )
        .values(status="cancelled", updated_at=now, last_error="subscription deleted")
    )


# ---- sending -----------------------------------------------------------------------------


class WebhookSender:
    """POSTs signed event bodies; one pooled HTTP client shared by the sending threads."""

    def __init__(self, timeout: float) -> None:
        self.client = httpx.Client(timeout=timeout, follow_redirects=False)

    def send(self, url: str, secret: str, event: str, key: str, payload: dict[str, Any]) -> int:
        """Returns the receiver's status; raises ``httpx.HTTPError`` on no answer."""
        body = body_of(payload)
        headers = {
            "Content-Type": "application/json",
            "User-Agent": "tandemdesk-webhooks/1",
            SIGNATURE_HEADER: sign(secret, body),
            EVENT_HEADER: event,
            DELIVERY_HEADER: key,
        }
        return self.client.post(url, content=body, headers=headers).status_code

    def close(self) -> None:
        self.client.close()
