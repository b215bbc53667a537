"""Email as a channel: raw RFC 5322 messages in, ``CustomerRef`` + ``MessageRecord`` out.

Parsing only. Whoever imports mail (files, mbox exports, later IMAP) gets one
``ParsedEmail`` per message with the thread ids (Message-ID, In-Reply-To, References)
kept apart from the text, the text cut down to what this message adds, and attachments
listed but not stored (support history must not become a file store by accident).
Threading and the database are someone else's job.

Real mail is messy, so nothing here raises for a bad header or a lying charset: a
malformed Date becomes ``None``, an unknown charset falls back, and only input that is
not an email at all raises ``InvalidRecordError``.
"""

from __future__ import annotations

import mailbox
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from email import policy
from email.parser import BytesParser
from email.utils import getaddresses
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from tandemdesk.errors import InvalidRecordError, UnusableInputError
from tandemdesk.listen.email_parse import (
    addresses,
    collect_parts,
    header_text,
    kept_headers,
    message_ids,
    parse_date,
    part_text,
    subject_text,
)
from tandemdesk.listen.email_text import normalize_text, strip_reply
from tandemdesk.listen.records import Author, CustomerRef, MessageRecord

__all__ = ["ParsedEmail", "email_to_message", "iter_email_files", "parse_email"]

# At least one of these must be present for bytes to count as an email.
_MAIL_HEADERS = ("From", "To", "Cc", "Subject", "Date", "Message-ID", "Received", "MIME-Version")
_AUTO_PRECEDENCE = frozenset({"bulk", "auto_reply", "auto-reply", "junk"})
#: Bounces in plain text come from these (no report MIME type, no null sender).
_BOUNCE_SENDERS = frozenset({"mailer-daemon", "postmaster", "mail-daemon"})
#: Out-of-office subjects as the big mail programs write them, in the shop's languages.
_AUTO_SUBJECT = re.compile(
    r"\s*(?:(?:automatic reply|auto-reply|autoreply|out of office|abwesenheitsnotiz|"
    r"automatische antwort|réponse automatique|absence du bureau|respuesta automática|"
    r"fuera de la oficina|undeliverable|unzustellbar)\s*:|delivery status notification)",
    re.IGNORECASE,
)
_MBOX_FROM_ESCAPE = re.compile(rb"^>(>*From )", re.MULTILINE)
# Containers (multipart sections, attached messages) the stdlib parser descends into, one
# recursion level each: 2,000 nested ones exhaust Python's stack and the RecursionError
# used to end a whole import. Real mail, digests included, has a few dozen at most.
MAX_MIME_CONTAINERS = 200
_CONTAINER = re.compile(rb"^content-type:\s*(?:multipart|message)/", re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class ParsedEmail:
    """One email, decoded. ``text`` is what this message adds; ``full_text`` is all of it."""

    message_id: str | None
    in_reply_to: str | None
    references: list[str]
    from_name: str | None
    from_address: str | None
    to: list[str]
    cc: list[str]
    subject: str
    sent_at: datetime | None
    text: str
    full_text: str
    attachments: list[dict[str, Any]] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def is_auto_reply(self) -> bool:
        """Machine-sent mail (out-of-office, autoresponder, bounce): answer it and you loop.

        RFC 3834 ``Auto-Submitted`` other than ``no``; the de-facto ``X-Autoreply`` /
        ``X-Autorespond``; ``Precedence: bulk|auto_reply|junk``; delivery reports
        (``multipart/report``) and the null sender ``Return-Path: <>`` of bounces.
        """
        headers = {name.lower(): value.strip().lower() for name, value in self.headers.items()}
        submitted = headers.get("auto-submitted", "")
        if submitted and submitted != "no":
            return True
        for name in ("x-autoreply", "x-autorespond"):
            if name in headers and headers[name] != "no":
                return True
        if headers.get("precedence", "") in _AUTO_PRECEDENCE:
            return True
        if "list-id" in headers:  # a mailing list's or a newsletter's mail
            return True
        if headers.get("x-auto-response-suppress", "") in ("all", "oof"):  # Exchange's own
            return True
        sender = (self.from_address or "").partition("@")[0].lower()
        if sender in _BOUNCE_SENDERS or _AUTO_SUBJECT.match(self.subject or ""):
            return True
        return headers.get("content-type") == "multipart/report" or (
            headers.get("return-path") == "<>"
        )


def parse_email(data: bytes) -> ParsedEmail:
    """Parse one raw message (bytes as on the wire or in a ``.eml`` file).

    Raises ``InvalidRecordError`` only when the input is not an email at all (empty,
    binary, or no mail header); every other defect degrades to ``None`` / a fallback.
    """
    data = bytes(data)
    if not data.strip():
        raise InvalidRecordError("not an email: the input is empty")
    head_end = min(pos for pos in (data.find(b"\n\n"), data.find(b"\r\n\r\n"), 65536) if pos >= 0)
    if b"\x00" in data[:head_end]:
        raise InvalidRecordError("not an email: binary data (NUL bytes where headers should be)")
    containers = len(_CONTAINER.findall(data))
    if containers > MAX_MIME_CONTAINERS:
        raise InvalidRecordError(
            f"refused: {containers:,} nested MIME sections (multipart parts or attached "
            f"messages); at most {MAX_MIME_CONTAINERS} are read",
            limit=MAX_MIME_CONTAINERS,
        )
    try:
        return _parse(data)
    except RecursionError:  # a second line of defence: a per-file refusal, never a crash
        raise InvalidRecordError("refused: the MIME structure is nested too deeply") from None


def _parse(data: bytes) -> ParsedEmail:
    msg = BytesParser(policy=policy.default).parsebytes(data)
    if not any(name in msg for name in _MAIL_HEADERS):
        raise InvalidRecordError(
            "not an email: no From, To, Subject, Date or Message-ID header found"
        )

    sender = addresses(msg, "From")
    from_name, from_address = sender[0] if sender else (None, None)
    bodies, attachments = collect_parts(msg)
    full_text = normalize_text("\n\n".join(part_text(part) for part in bodies))
    own_ids = message_ids(header_text(msg, "Message-ID"))
    reply_ids = message_ids(header_text(msg, "In-Reply-To"))
    return ParsedEmail(
        message_id=own_ids[0] if own_ids else None,
        in_reply_to=reply_ids[0] if reply_ids else None,
        references=list(dict.fromkeys(message_ids(header_text(msg, "References")))),
        from_name=from_name,
        from_address=from_address,
        to=[address for _, address in addresses(msg, "To")],
        cc=[address for _, address in addresses(msg, "Cc")],
        subject=subject_text(msg),
        sent_at=parse_date(header_text(msg, "Date")),
        text=strip_reply(full_text) if full_text else "",
        full_text=full_text,
        attachments=attachments,
        headers=kept_headers(msg),
    )


# --- files ------------------------------------------------------------------------------


def iter_email_files(path: Path) -> Iterator[tuple[str, bytes]]:
    """Yield ``(location, raw bytes)`` for every message under ``path``.

    ``path`` may be one message file, a directory (``*.eml`` recursively, sorted), or an
    mbox (``.mbox`` suffix or a ``From `` first line; location ``file.mbox#N``, 1-based).
    Checks happen now, so a missing path raises ``UnusableInputError`` at the call, not
    at the first ``next()``. Messages are read one at a time.
    """
    path = Path(path)
    if not path.exists():
        raise UnusableInputError(f"email input not found: {path}", path=str(path))
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.suffix.lower() == ".eml" and p.is_file())
        if not files:
            raise UnusableInputError(f"no .eml files under {path}", path=str(path))
        return _iter_files(files)
    if path.is_file():
        return _iter_files([path])
    raise UnusableInputError(f"not a file or directory: {path}", path=str(path))


def _looks_like_mbox(path: Path) -> bool:
    if path.suffix.lower() == ".mbox":
        return True
    with path.open("rb") as handle:
        return handle.read(5) == b"From "


def _iter_files(files: list[Path]) -> Iterator[tuple[str, bytes]]:
    for file in files:
        if _looks_like_mbox(file):
            yield from _iter_mbox(file)
        else:
            yield str(file), file.read_bytes()


def _iter_mbox(path: Path) -> Iterator[tuple[str, bytes]]:
    """One message at a time: mailbox.mbox indexes offsets once, then reads on demand.

    Body lines starting with ``From `` are stored as ``>From `` (mboxo/mboxrd); mailbox
    leaves that escape in, and it would then look like a quoted line. Undo one level.
    """
    box = mailbox.mbox(path, create=False)
    try:
        for number, key in enumerate(box.iterkeys(), start=1):
            yield f"{path}#{number}", _MBOX_FROM_ESCAPE.sub(rb"\1", box.get_bytes(key))
    finally:
        box.close()


# --- records ----------------------------------------------------------------------------


def _support_matcher(support_addresses: Iterable[str]) -> tuple[set[str], set[str]]:
    """Exact addresses (``Name <a@b>`` accepted) and ``@domain`` entries, lowercased."""
    exact: set[str] = set()
    domains: set[str] = set()
    for entry in support_addresses:
        value = entry.strip().lower()
        if value.startswith("@"):
            domains.add(value[1:])
        elif value:
            parsed = getaddresses([value])
            exact.add(parsed[0][1].lower() if parsed and parsed[0][1] else value)
    return exact, domains


def email_to_message(
    parsed: ParsedEmail, support_addresses: Iterable[str]
) -> tuple[CustomerRef, MessageRecord]:
    """Who the customer is and what was said, as import records.

    Mail from a support address (exact, or ``@domain`` for a whole domain) is an agent
    message to the first To (then Cc) recipient who is not support; anything else is
    the customer writing. A body-less email (attachment only) is kept with its subject,
    or its attachment names, as text rather than dropped.
    """
    exact, domains = _support_matcher(support_addresses)

    def is_support(address: str | None) -> bool:
        return address is not None and (address in exact or address.rpartition("@")[2] in domains)

    meta: dict[str, Any] = {
        "subject": parsed.subject,
        "from": parsed.from_address,
        "to": list(parsed.to),
        "cc": list(parsed.cc),
    }
    if parsed.is_auto_reply:
        meta["auto_reply"] = True
    text = parsed.text
    if not text.strip():
        names = [a.get("filename") or a.get("content_type", "?") for a in parsed.attachments]
        text = parsed.subject or (f"(attachments: {', '.join(names)})" if names else "")
        meta["no_body"] = True
    if not text.strip():
        raise InvalidRecordError(
            f"email {parsed.message_id or '(no Message-ID)'} has no text, subject or attachments"
        )
    try:
        if is_support(parsed.from_address):
            recipient = next((a for a in [*parsed.to, *parsed.cc] if not is_support(a)), None)
            customer = CustomerRef(email=recipient)
            author: Author = "agent"
        else:
            customer = CustomerRef(email=parsed.from_address, name=parsed.from_name)
            author = "customer"
        record = MessageRecord(
            author=author,
            text=text,
            sent_at=parsed.sent_at,
            external_id=parsed.message_id,
            in_reply_to=parsed.in_reply_to,
            references=list(parsed.references),
            attachments=[dict(item) for item in parsed.attachments],
            meta=meta,
        )
    except ValidationError as exc:
        first = exc.errors()[0]
        raise InvalidRecordError(
            f"email {parsed.message_id or '(no Message-ID)'}: {first['msg']}",
            field=".".join(str(p) for p in first["loc"]),
        ) from exc
    return customer, record
