"""Replies by e-mail: the message as the customer's mail client threads it, sent over SMTP.

Threading: ``In-Reply-To`` is the customer's latest mail before the reply, ``References``
every Message-ID the conversation has seen (theirs and ours), the subject ``Re: …``. Our
own ``Message-ID`` is made from the delivery's key, fixed when the reply was stored, so a
retry after a crash sends the same id and the receiving side shows one mail, not two.

The sender keeps one SMTP connection per sending thread and reuses it (a handshake per
mail would cost more than the mail); a broken connection is dropped and the next mail opens
a new one.
"""

from __future__ import annotations

import contextlib
import html
import os
import re
import smtplib
import ssl
import threading
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, parseaddr
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tandemdesk.errors import ConfigError
from tandemdesk.timeutil import utcnow

SCHEMES = {"smtp": 25, "smtp+starttls": 587, "smtps": 465}


@dataclass(frozen=True)
class SmtpServer:
    """Where and how to send: parsed from ``TANDEMDESK_SMTP_URL``."""

    host: str
    port: int
    security: str  # plain | starttls | tls
    user: str | None = None
    password: str | None = None

    @classmethod
    def from_url(cls, url: str) -> SmtpServer:
        """``smtp://[user:password@]host:port``, ``smtp+starttls://…`` or ``smtps://…``."""
        parts = urlsplit(url)
        if parts.scheme not in SCHEMES:
            raise ConfigError(
                f"TANDEMDESK_SMTP_URL must start with smtp://, smtp+starttls:// or smtps://, "
                f"not {parts.scheme or '(none)'}://"
            )
        if not parts.hostname:
            raise ConfigError("TANDEMDESK_SMTP_URL has no host (smtp://host:port)")
        try:
            port = parts.port or SCHEMES[parts.scheme]
        except ValueError as e:
            raise ConfigError(f"TANDEMDESK_SMTP_URL has a bad port: {e}") from None
        security = {"smtp": "plain", "smtp+starttls": "starttls", "smtps": "tls"}[parts.scheme]
        return cls(
            host=parts.hostname,
            port=port,
            security=security,
            user=unquote(parts.username) if parts.username else None,
            password=unquote(parts.password) if parts.password else None,
        )


class FolderSender:
    """Writes each mail as an ``.eml`` file into a folder instead of sending it
    (``TANDEMDESK_SMTP_URL=file:///path/to/folder``): the demo's and a developer's mail server,
    so e-mail replies leave (and can be opened) without one. The file is named by the mail's
    Message-ID and written atomically; a retry overwrites it, so each mail is there once."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.server = SmtpServer(host=str(folder), port=0, security="file")

    def send(self, message: EmailMessage) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        stem = re.sub(r"[^A-Za-z0-9._@-]", "_", str(message["Message-ID"] or "mail").strip("<>"))
        final = self.folder / f"{stem[:150]}.eml"
        partial = self.folder / f".{final.name}.partial"
        partial.write_bytes(bytes(message))
        os.replace(partial, final)

    def close_thread(self) -> None:
        """Nothing held open."""


def mail_sender(url: str, timeout: float) -> SmtpSender | FolderSender:
    """The sender ``TANDEMDESK_SMTP_URL`` names: a mail server, or (``file://``) a folder."""
    parts = urlsplit(url)
    if parts.scheme == "file":
        if not parts.path:
            raise ConfigError("TANDEMDESK_SMTP_URL=file:///path/to/folder needs a folder")
        return FolderSender(Path(unquote(parts.path)))
    return SmtpSender(SmtpServer.from_url(url), timeout)


def sender_address(mail_from: str) -> tuple[str, str]:
    """``'Team <addr>'`` → (team name, address); a bare address has no name."""
    name, address = parseaddr(mail_from)
    if "@" not in address:
        raise ConfigError(f"TANDEMDESK_MAIL_FROM is not an address: {mail_from!r}")
    return name, address


def message_id_for(key: str, address: str) -> str:
    """Our Message-ID (without brackets) for a delivery key, on the sender's domain."""
    return f"td-{key}@{address.rpartition('@')[2]}"


@dataclass(frozen=True)
class OutgoingMail:
    """Everything a reply mail says, read from the store by the sender."""

    to: str
    display_name: str
    from_address: str
    subject: str | None
    text: str
    key: str
    in_reply_to: str | None
    references: list[str]
    automatic: bool = False  # the bot wrote it: marked so auto-responders stay quiet


def reply_subject(subject: str | None) -> str:
    """``Re: <subject>`` once, however many times the thread was answered."""
    subject = (subject or "").strip()
    if not subject:
        return "Re: your message"
    return subject if subject.lower().startswith("re:") else f"Re: {subject}"


def _html(text: str) -> str:
    paragraphs = [p for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    body = "".join(f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)
    return f'<!doctype html><html><body style="font-family:sans-serif">{body}</body></html>'


def compose(mail: OutgoingMail) -> EmailMessage:
    """The MIME message: plain text plus an HTML alternative, threaded."""
    msg = EmailMessage()
    msg["From"] = formataddr((mail.display_name, mail.from_address))
    msg["To"] = mail.to
    msg["Subject"] = reply_subject(mail.subject)
    msg["Date"] = format_datetime(utcnow())
    msg["Message-ID"] = f"<{message_id_for(mail.key, mail.from_address)}>"
    if mail.in_reply_to:
        msg["In-Reply-To"] = _bracketed(mail.in_reply_to)
    if mail.references:
        msg["References"] = " ".join(_bracketed(r) for r in mail.references[-20:])
    if mail.automatic:  # RFC 3834: an out-of-office must not answer our bot (mail loops)
        msg["Auto-Submitted"] = "auto-replied"
    msg.set_content(mail.text)
    msg.add_alternative(_html(mail.text), subtype="html")
    return msg


def _bracketed(message_id: str) -> str:
    """``<id>`` once: ids parsed from mail are stored bare, an API client may send
    ``<abc@mail.example>`` as its message id (``<<abc@…>>`` threads nowhere)."""
    return f"<{message_id.strip().removeprefix('<').removesuffix('>')}>"


def check_address(value: str) -> str:
    """A recipient address, or ``ValueError`` (then the delivery cannot succeed)."""
    Address(addr_spec=value)  # raises on what no server would accept
    return value


class SmtpSender:
    """Sends mails over one reused connection per thread."""

    def __init__(self, server: SmtpServer, timeout: float) -> None:
        self.server = server
        self.timeout = timeout
        self._local = threading.local()

    def _connect(self) -> smtplib.SMTP:
        s = self.server
        context = ssl.create_default_context()
        client: smtplib.SMTP
        if s.security == "tls":
            client = smtplib.SMTP_SSL(s.host, s.port, timeout=self.timeout, context=context)
        else:
            client = smtplib.SMTP(s.host, s.port, timeout=self.timeout)
            if s.security == "starttls":
                client.starttls(context=context)
        if s.user:
            client.login(s.user, s.password or "")
        return client

    def send(self, message: EmailMessage) -> None:
        """Send, on this thread's connection (reconnecting once if it went stale)."""
        for fresh in (False, True):
            client: smtplib.SMTP | None = getattr(self._local, "client", None)
            if client is None or fresh:
                self.close_thread()
                client = self._connect()
                self._local.client = client
            try:
                client.send_message(message)
                return
            except smtplib.SMTPServerDisconnected:
                self._local.client = None
                if fresh:
                    raise
            except Exception:
                self.close_thread()  # a half-done transaction: start clean next time
                raise

    def close_thread(self) -> None:
        """Close this thread's connection, if any."""
        client: smtplib.SMTP | None = getattr(self._local, "client", None)
        self._local.client = None
        if client is not None:
            with contextlib.suppress(Exception):  # a broken connection: nothing to save
                client.quit()
