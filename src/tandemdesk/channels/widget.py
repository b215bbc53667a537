"""The website chat widget's rules: keys, origins, visitors, rate limits, what a visitor sees.

A widget key is public (it sits in the shop's page source), so it authorises little: only
pages served from the key's origins may use it (the browser's ``Origin`` header, which a page
cannot forge), and each visitor gets a token signed with the key's secret that names their
visitor id and, if they left one, their e-mail. Everything a visitor can read is derived from
that token: the messages of *their* widget conversations, with the author as "bot" or an
agent's first name — never an agent's e-mail, the decision, the hand-off or another
customer's data.

Identity: a visitor who leaves an e-mail is that customer (identity resolution joins them to
their orders and earlier conversations); one who does not is a customer known by the visitor
id alone (``external_id`` ``visitor:<id>``).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections import OrderedDict, deque
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from tandemdesk.act.courtesy import localise_wait
from tandemdesk.errors import ForbiddenError, InvalidRecordError, NotFoundError
from tandemdesk.models import WidgetKey

KEY_PREFIX = "wk_"
VISITOR_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-")


def normalize_origin(origin: str) -> str:
    """``scheme://host[:port]`` in lower case, as browsers send ``Origin``; refuses anything
    else (a path, a wildcard, no scheme) so an allowed origin means exactly one site."""
    parts = urlsplit(origin.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.path not in ("", "/"):
        raise InvalidRecordError(
            f"{origin!r} is not an origin: write scheme://host[:port], e.g. https://shop.example"
        )
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{parts.hostname.lower()}{port}"


def origin_in(origin: str, allowed: set[str] | list[str]) -> bool:
    """Whether a request's ``Origin`` is one of ``allowed`` (a malformed one never is)."""
    try:
        return normalize_origin(origin) in allowed
    except InvalidRecordError:
        return False


def create_key(session: Session, name: str, origins: list[str]) -> WidgetKey:
    """A new key for the pages served from ``origins``."""
    if not origins:
        raise InvalidRecordError("name at least one origin the widget is embedded on")
    key = WidgetKey(
        key=KEY_PREFIX + secrets.token_urlsafe(18),
        name=name[:200],
        origins=sorted({normalize_origin(o) for o in origins}),
        secret=secrets.token_hex(32),
        active=True,
    )
    session.add(key)
    session.flush()
    return key


def list_keys(session: Session) -> list[WidgetKey]:
    return list(session.scalars(select(WidgetKey).order_by(WidgetKey.id)))


def revoke_key(session: Session, key: str) -> None:
    done = session.execute(update(WidgetKey).where(WidgetKey.key == key).values(active=False))
    if not getattr(done, "rowcount", 0):
        raise NotFoundError(f"no widget key {key!r}")


def public(key: WidgetKey) -> dict[str, Any]:
    """What an admin sees of a key (never its secret)."""
    return {"key": key.key, "name": key.name, "origins": list(key.origins),
            "active": key.active, "created_at": key.created_at.isoformat()}  # fmt: skip


def active_key(session: Session, key: str, origin: str | None) -> WidgetKey:
    """The key, if it is active and ``origin`` (the request's ``Origin``) is one of its own.
    A request without an ``Origin`` (not from a browser page) is refused too."""
    row = session.scalar(select(WidgetKey).where(WidgetKey.key == key, WidgetKey.active))
    if row is None:
        raise ForbiddenError("unknown or revoked widget key")
    if origin is None or not origin_in(origin, row.origins):
        raise ForbiddenError(
            f"this widget key is not for pages on {origin or '(no origin)'}", origin=origin
        )
    return row


@dataclass(frozen=True)
class Visitor:
    """Who is chatting: the browser's visitor id and, if they left it, their e-mail."""

    id: str
    email: str | None = None

    @property
    def thread_key(self) -> str:
        """Their widget conversation's thread (one open conversation per visitor)."""
        return f"widget:{self.id}"

    def customer(self) -> dict[str, Any]:
        """How the widget names them to identity resolution."""
        if self.email:
            return {"email": self.email}
        return {"external_id": f"visitor:{self.id}"}


def check_visitor_id(value: str) -> str:
    value = value.strip().lower()
    if not 8 <= len(value) <= 64 or not set(value) <= VISITOR_CHARS:
        raise InvalidRecordError("visitor id: 8-64 characters of a-z, 0-9 and -")
    return value


def sign(key: WidgetKey, visitor: Visitor) -> str:
    payload = f"{visitor.id}|{visitor.email or ''}".encode()
    return hmac.new(key.secret.encode(), payload, hashlib.sha256).hexdigest()


def verify(key: WidgetKey, visitor: Visitor, token: str) -> None:
    if not hmac.compare_digest(sign(key, visitor), token or ""):
        raise ForbiddenError("this visitor token does not belong to this visitor")


class RateLimiter:
    """At most ``limit`` events per ``seconds`` per visitor, in this process (a visitor is one
    browser; several workers each allowing the limit is still a small bound)."""

    def __init__(self, limit: int = 20, seconds: float = 60.0) -> None:
        self.limit, self.seconds = limit, seconds
        self._seen: OrderedDict[str, deque[float]] = OrderedDict()  # least recently seen first

    def __len__(self) -> int:
        """How many visitors it remembers (those seen within the last ``seconds``)."""
        return len(self._seen)

    def retry_after(self, who: str, now: float | None = None) -> float:
        """0 when ``who`` may go on (and counts it), else seconds to wait."""
        now = time.monotonic() if now is None else now
        seen = self._seen.setdefault(who, deque())
        self._seen.move_to_end(who)
        while seen and now - seen[0] >= self.seconds:
            seen.popleft()
        if len(seen) >= self.limit:
            return self.seconds - (now - seen[0])
        seen.append(now)
        # forget visitors idle for a whole window: bounded memory, O(1) per call
        while self._seen:
            oldest = next(iter(self._seen.values()))
            if oldest and now - oldest[-1] < self.seconds:
                break
            self._seen.popitem(last=False)
        return 0.0


#: What the widget says, in the visitor's language (English otherwise).
TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "person": "A person from our team will take over.",
        "wait": "People here usually reply within about {wait}.",
        "soon": "Someone will reply as soon as they are free.",
    },
    "de": {
        "person": "Eine Person aus unserem Team übernimmt.",
        "wait": "Hier antwortet meist jemand innerhalb von etwa {wait}.",
        "soon": "Sobald jemand frei ist, antworten wir Ihnen.",
    },
    "fr": {
        "person": "Une personne de notre équipe prend le relais.",
        "wait": "On vous répond ici en général en {wait} environ.",
        "soon": "Quelqu'un vous répondra dès que possible.",
    },
    "es": {
        "person": "Una persona de nuestro equipo se encargará.",
        "wait": "Aquí solemos responder en {wait} aproximadamente.",
        "soon": "Alguien le responderá en cuanto esté libre.",
    },
}


def handover_note(language: str | None, median_wait_seconds: float | None) -> str:
    """ "A person will take over", with the queue's real median first-reply time when known."""
    texts = TEXTS.get((language or "en")[:2], TEXTS["en"])
    if median_wait_seconds is None:
        return f"{texts['person']} {texts['soon']}"
    minutes = max(1, round(median_wait_seconds / 60))
    wait = localise_wait(f"{minutes} minutes", language)  # "1 Minute", not "1 Minuten"
    return f"{texts['person']} {texts['wait'].format(wait=wait)}"
