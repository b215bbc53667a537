"""Reading the support mailbox over IMAP: each new mail goes through ``receive_mail``.

Why IMAP and not a provider's API: every mail host offers it, self-hosted ones too. The
poller asks for unseen mail (``UID SEARCH UNSEEN``), fetches each without marking it
(``BODY.PEEK[]``), hands it on, and only then marks it processed (``\\Seen``, deleted or moved
to a folder, as ``TANDEMDESK_IMAP_PROCESSED`` says). A crash between the two at worst shows
the mail again, and the Message-ID makes the second delivery a duplicate: no mail lost, none
answered twice. Where the server offers IDLE the poller waits on it and wakes as mail
arrives; otherwise it checks every ``TANDEMDESK_IMAP_POLL_SECONDS``.

A mail that is not an e-mail at all is flagged (``\\Flagged``, ``\\Seen``) and left in the
folder for a person, with the reason in the log. A mailbox that cannot be reached (server
down, folder gone, wrong password) is a clear error for ``mail poll`` and, for the worker,
a retry with back-off that never touches the live path.
"""

from __future__ import annotations

import contextlib
import imaplib
import logging
import re
import select
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlsplit

from tandemdesk.errors import TandemError, UnusableInputError
from tandemdesk.listen.delivery import Delivery
from tandemdesk.listen.inbound_mail import receive_mail, support_addresses
from tandemdesk.workspace import Workspace

log = logging.getLogger(__name__)
_UIDS = re.compile(rb"\d+")
MAX_PER_POLL = 500


class MailboxError(TandemError):
    """The mailbox could not be read (unreachable, refused the login, no such folder)."""

    code = "mailbox_unavailable"
    http_status = 503


@dataclass(frozen=True)
class MailboxSettings:
    """Where the mailbox is and what to do with a mail once handled."""

    host: str
    port: int
    user: str
    password: str
    folder: str = "INBOX"
    tls: bool = False
    processed: str = "seen"  # seen | delete | move:FOLDER
    timeout: float = 30.0

    @classmethod
    def from_url(cls, url: str, processed: str = "seen", timeout: float = 30.0) -> MailboxSettings:
        """``imap[s]://user:password@host[:port]/FOLDER`` (user and password URL-encoded)."""
        parts = urlsplit(url)
        if parts.scheme not in ("imap", "imaps") or not parts.hostname:
            raise UnusableInputError(
                "TANDEMDESK_IMAP_URL: write imap://user:password@host:port/FOLDER "
                "(or imaps:// for TLS)"
            )
        if not parts.username or parts.password is None:
            raise UnusableInputError("TANDEMDESK_IMAP_URL: the user and password are missing")
        tls = parts.scheme == "imaps"
        return cls(
            host=parts.hostname,
            port=parts.port or (993 if tls else 143),
            user=unquote(parts.username),
            password=unquote(parts.password),
            folder=unquote(parts.path.lstrip("/")) or "INBOX",
            tls=tls,
            processed=processed,
            timeout=timeout,
        )


@dataclass
class PollReport:
    """What one look at the mailbox did."""

    fetched: int = 0
    handled: int = 0
    auto_replies: int = 0
    ours: int = 0
    rejected: int = 0
    failed: int = 0
    reasons: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "fetched": self.fetched,
            "handled": self.handled,
            "auto_replies": self.auto_replies,
            "ours": self.ours,
            "rejected": self.rejected,
            "failed": self.failed,
            "reasons": self.reasons[:20],
        }


def connect(settings: MailboxSettings) -> imaplib.IMAP4:
    """Logged in, the folder selected; any failure is a ``MailboxError`` that says which."""
    where = f"{settings.host}:{settings.port}"
    try:
        kind = imaplib.IMAP4_SSL if settings.tls else imaplib.IMAP4
        conn = kind(settings.host, settings.port, timeout=settings.timeout)
    except (OSError, imaplib.IMAP4.error) as error:
        raise MailboxError(f"cannot reach the mailbox at {where}: {error}") from None
    try:
        conn.login(settings.user, settings.password)
    except imaplib.IMAP4.error:
        conn.shutdown()
        raise MailboxError(
            f"the mailbox at {where} refused the login of {settings.user!r}"
        ) from None
    typ, _ = conn.select(_quote(settings.folder))
    if typ != "OK":
        conn.logout()
        raise MailboxError(f"the mailbox at {where} has no folder {settings.folder!r} ({_!r})")
    return conn


def _quote(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def poll_once(
    conn: imaplib.IMAP4,
    settings: MailboxSettings,
    workspace: Workspace,
    handle: Callable[[Delivery], Any],
    limit: int = MAX_PER_POLL,
) -> PollReport:
    """Handle up to ``limit`` unseen mails on an open connection."""
    report = PollReport()
    conn.noop()  # a server tells of mail that arrived since the last command only now
    typ, data = conn.uid("SEARCH", None, "UNSEEN")  # type: ignore[arg-type]
    if typ != "OK":
        raise MailboxError(f"the mailbox refused to list unseen mail: {data!r}")
    uids = _UIDS.findall(data[0] or b"")[:limit]
    support = support_addresses(workspace)
    deleted = False
    for uid in uids:
        typ, parts = conn.uid("FETCH", uid.decode(), "(BODY.PEEK[])")
        raw = next((p[1] for p in parts if isinstance(p, tuple)), None)
        if typ != "OK" or raw is None:
            continue  # gone meanwhile (another reader moved it)
        report.fetched += 1
        try:
            inbound = receive_mail(workspace, bytes(raw), handle, support)
        except Exception as error:  # the store or the models failed: leave it unseen, retry
            report.failed += 1
            log.error("mail uid %s could not be handled (%s); it stays unseen for a retry",
                      uid.decode(), type(error).__name__)  # fmt: skip
            continue
        if inbound.outcome == "rejected":
            report.rejected += 1
            report.reasons.append(inbound.reason)
            log.warning(
                "mail uid %s is not an e-mail we can read: %s", uid.decode(), inbound.reason
            )
            conn.uid("STORE", uid.decode(), "+FLAGS", "(\\Seen \\Flagged)")
            continue
        report.handled += inbound.outcome == "handled"
        report.auto_replies += inbound.outcome == "auto_reply"
        report.ours += inbound.outcome == "ours"
        deleted |= _processed(conn, uid.decode(), settings.processed)
    if deleted:
        conn.expunge()
    return report


def _processed(conn: imaplib.IMAP4, uid: str, how: str) -> bool:
    """Mark one mail done; True when it must be expunged."""
    if how == "delete":
        conn.uid("STORE", uid, "+FLAGS", "(\\Deleted)")
        return True
    if how.startswith("move:"):
        folder = _quote(how.removeprefix("move:"))
        if "MOVE" in conn.capabilities:
            conn.uid("MOVE", uid, folder)
            return False
        conn.uid("COPY", uid, folder)
        conn.uid("STORE", uid, "+FLAGS", "(\\Deleted)")
        return True
    conn.uid("STORE", uid, "+FLAGS", "(\\Seen)")
    return False


def wait_for_mail(conn: imaplib.IMAP4, seconds: float) -> None:
    """IDLE until the server announces mail or ``seconds`` pass (RFC 2177)."""
    tag = conn._new_tag()
    conn.send(tag + b" IDLE\r\n")
    if not conn.readline().startswith(b"+"):
        return
    # wait with select(), not a socket timeout: a read that times out leaves the socket's
    # file unusable ("cannot read from timed out object"), and so the whole connection
    sock = conn.socket()
    deadline = time.monotonic() + seconds
    try:
        while (left := deadline - time.monotonic()) > 0:
            if not select.select([sock], [], [], left)[0]:
                break
            line = conn.readline()
            if not line or b"EXISTS" in line or b"RECENT" in line:
                break
    finally:
        conn.send(b"DONE\r\n")
        while True:  # the end of IDLE is the tagged answer
            line = conn.readline()
            if not line or line.startswith(tag):
                break


class MailboxPoller:
    """The worker's mailbox reader: poll, then IDLE (or sleep), until ``stop`` is set."""

    def __init__(
        self,
        workspace: Workspace,
        settings: MailboxSettings,
        handle: Callable[[Delivery], Any],
        every: float = 30.0,
    ) -> None:
        self.workspace, self.settings, self.handle, self.every = workspace, settings, handle, every
        self.stop = threading.Event()
        self.last: PollReport | None = None

    def run(self) -> None:
        backoff = 1.0
        while not self.stop.is_set():
            conn = None
            try:
                conn = connect(self.settings)
                backoff = 1.0
                while not self.stop.is_set():
                    self.last = poll_once(conn, self.settings, self.workspace, self.handle)
                    if "IDLE" in conn.capabilities:
                        wait_for_mail(conn, min(self.every, 300.0))
                    else:
                        self.stop.wait(self.every)
            except (MailboxError, OSError, imaplib.IMAP4.error) as error:
                log.error("mailbox: %s; trying again in %.0f s", error, backoff)
                self.stop.wait(backoff)
                backoff = min(backoff * 2, 300.0)
            except Exception:  # e.g. the database went away: the reader must not die with it
                log.exception("mailbox: reading failed; trying again in %.0f s", backoff)
                self.stop.wait(backoff)
                backoff = min(backoff * 2, 300.0)
            finally:
                if conn is not None:
                    with contextlib.suppress(OSError, imaplib.IMAP4.error):
                        conn.logout()

    def start(self) -> threading.Thread:
        thread = threading.Thread(target=self.run, name="mailbox", daemon=True)
        thread.start()
        return thread
