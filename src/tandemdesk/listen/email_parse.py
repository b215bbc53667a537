"""Reading the parts of a parsed message: headers and MIME structure.

Split out of ``listen/email.py`` (which keeps the public API) so each file stays
readable. Everything here is defensive by design: headers from the wild are malformed
often enough that a parse failure must degrade to "unknown", never to an exception.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.errors import MessageError
from email.header import decode_header, make_header
from email.message import MIMEPart
from email.utils import getaddresses, parsedate_to_datetime
from typing import Any

from tandemdesk.errors import InvalidRecordError
from tandemdesk.listen.email_text import decode_bytes, html_to_text, unflow

#: Headers worth keeping next to the parsed fields: client, loop detection, lists, Outlook
#: threading. Everything else (Received, DKIM, …) is transport noise for support.
KEPT_HEADERS: tuple[str, ...] = (
    "Reply-To",
    "X-Mailer",
    "User-Agent",
    "Auto-Submitted",
    "X-Autoreply",
    "X-Autorespond",
    "Precedence",
    "X-Auto-Response-Suppress",
    "Return-Path",
    "List-Id",
    "List-Unsubscribe",
    "Thread-Topic",
    "Thread-Index",
    "Content-Language",
    "Importance",
    "X-Priority",
    "Organization",
)
_MAX_HEADER_VALUE = 500
_SIGNATURE_TYPES = frozenset(
    {"application/pgp-signature", "application/pkcs7-signature", "application/x-pkcs7-signature"}
)
_BODY_TYPES = frozenset({"text/plain", "text/html"})
_MESSAGE_ID = re.compile(r"<([^<>\s]+)>")
_SURROGATE = re.compile("[\udc80-\udcff]")
_MAX_DEPTH = 40  # MIME nesting deeper than this is an attack or a bug, not a message


# --- headers ---------------------------------------------------------------------------


def raw_header(msg: MIMEPart, name: str) -> str | None:
    """The header as it was on the wire (8-bit bytes smuggled as surrogates)."""
    for key, value in msg.raw_items():
        if key.lower() == name.lower():
            return str(value)
    return None


def unsmuggle(value: str) -> str:
    """Turn 8-bit header bytes the parser kept as surrogates back into real characters.

    Raw UTF-8 in headers (RFC 6532, and plenty of sloppy clients) reaches display names
    and filenames as lone surrogates; these would break any later ``.encode()``.
    """
    if not _SURROGATE.search(value):
        return value
    return decode_bytes(value.encode("utf-8", "surrogateescape"), None)


def decode_raw_header(value: str) -> str:
    """Decode a raw header ourselves: undeclared 8-bit bytes, then encoded words."""
    text = unsmuggle(value)
    try:
        return str(make_header(decode_header(text)))
    except (MessageError, ValueError, LookupError, UnicodeError):  # bad base64, bad charset
        return text


def header_text(msg: MIMEPart, name: str) -> str:
    """A header as text, or ``""``; the policy's parse first, our own decoding if it fails."""
    try:
        value = msg.get(name)
        text = "" if value is None else unsmuggle(str(value))
    except Exception:  # policy.default header classes raise on some malformed input
        raw = raw_header(msg, name)
        text = decode_raw_header(raw) if raw is not None else ""
    return " ".join(text.split())


def subject_text(msg: MIMEPart) -> str:
    subject = header_text(msg, "Subject")
    if "\ufffd" in subject:
        # Undeclared 8-bit bytes (old clients, spam) come back as U+FFFD from the policy.
        raw = raw_header(msg, "Subject")
        if raw is not None:
            subject = " ".join(decode_raw_header(raw).split())
    return subject


def addresses(msg: MIMEPart, name: str) -> list[tuple[str | None, str]]:
    """(display name, lowercased address) pairs; unusable entries are skipped."""
    pairs: list[tuple[str, str]] = []
    try:
        for header in msg.get_all(name) or []:
            pairs += [(item.display_name, item.addr_spec) for item in header.addresses]
    except Exception:  # fall back to the lenient old parser on raw values
        raw = [
            decode_raw_header(value)
            for key, value in msg.raw_items()
            if key.lower() == name.lower()
        ]
        pairs = getaddresses(raw)
    result: list[tuple[str | None, str]] = []
    for display, address in pairs:
        address = address.strip().strip("<>").lower()
        if "@" not in address or any(ch.isspace() for ch in address):
            continue
        display = " ".join(unsmuggle(display or "").split()).strip("\"'")
        result.append((display or None, address))
    return result


def message_ids(value: str) -> list[str]:
    """``<id>`` tokens without brackets; a lone bare token counts too (some clients)."""
    found = _MESSAGE_ID.findall(value)
    if not found and value.strip() and len(value.split()) == 1:
        found = [value.strip().strip("<>")]
    return [item for item in found if item]


def parse_date(value: str) -> datetime | None:
    """Date header as aware UTC; ``None`` when missing or unparseable (never raises)."""
    if not value:
        return None
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if parsed.tzinfo is None:  # "-0000": time is UTC, zone unknown (RFC 5322 3.3)
        parsed = parsed.replace(tzinfo=UTC)
    try:
        return parsed.astimezone(UTC)
    except (ValueError, OverflowError):
        return None


def kept_headers(msg: MIMEPart) -> dict[str, str]:
    kept: dict[str, str] = {}
    for name in KEPT_HEADERS:
        value = header_text(msg, name)
        if name == "Return-Path" and not value and raw_header(msg, name) is not None:
            value = "<>"  # the policy renders the null sender as an empty string
        if value or name in msg:
            kept[name] = value[:_MAX_HEADER_VALUE]
    kept["Content-Type"] = msg.get_content_type()
    return kept


# --- MIME structure ---------------------------------------------------------------------


def filename(part: MIMEPart) -> str | None:
    try:
        name = part.get_filename()
    except Exception:
        return None
    if name and "=?" in name:
        name = decode_raw_header(name)
    return unsmuggle(name) if name else None


def _is_body_candidate(part: MIMEPart) -> bool:
    return (
        part.get_content_type() in _BODY_TYPES
        and part.get_content_disposition() != "attachment"
        and filename(part) is None
    )


def part_text(part: MIMEPart) -> str:
    """Decoded text of a leaf text part, HTML converted, format=flowed undone."""
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    text = decode_bytes(payload, part.get_content_charset())
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if part.get_content_type() == "text/html":
        return html_to_text(text)
    if str(part.get_param("format", "", header="content-type")).lower() == "flowed":
        delsp = str(part.get_param("delsp", "", header="content-type")).lower() == "yes"
        return unflow(text, delsp=delsp)
    return text


def _contains(part: MIMEPart, content_type: str) -> bool:
    if part.is_multipart() and part.get_content_maintype() == "multipart":
        return any(_contains(sub, content_type) for sub in part.iter_parts())
    return part.get_content_type() == content_type and _is_body_candidate(part)


def _choose_alternative(parts: list[MIMEPart]) -> MIMEPart | None:
    """Plain text if it says something, else HTML, else the last (richest) part."""
    for wanted in ("text/plain", "text/html"):
        for part in parts:
            if not _contains(part, wanted):
                continue
            if wanted == "text/plain" and not part.is_multipart() and not part_text(part).strip():
                continue  # an empty plain part next to real HTML (some web mailers)
            return part
    return parts[-1] if parts else None


def _related_root(part: MIMEPart, parts: list[MIMEPart]) -> MIMEPart | None:
    start = part.get_param("start", None, header="content-type")
    if isinstance(start, str):
        for sub in parts:
            if (sub.get("Content-ID") or "").strip() == start.strip():
                return sub
    return parts[0] if parts else None


def _attachment(part: MIMEPart) -> dict[str, Any]:
    size = 0
    try:
        if part.get_content_type() == "message/rfc822":
            inner = part.get_payload()
            items = inner if isinstance(inner, list) else []
            size = sum(len(sub.as_bytes()) for sub in items if isinstance(sub, MIMEPart))
        else:
            payload = part.get_payload(decode=True)
            size = len(payload) if isinstance(payload, bytes) else 0
    except Exception:  # a broken part still gets listed, just without a size
        size = 0
    return {"filename": filename(part), "content_type": part.get_content_type(), "size": size}


def _walk(
    part: MIMEPart,
    bodies: list[MIMEPart],
    attachments: list[dict[str, Any]],
    *,
    body_allowed: bool,
    depth: int,
) -> None:
    """Collect body parts and attachment descriptions in document order.

    ``body_allowed`` is False inside alternatives we did not choose and inside the
    resources of multipart/related: their text parts are other renderings of the same
    body, but their images and files are still attachments.
    """
    content_type = part.get_content_type()
    if depth > _MAX_DEPTH:  # refused, not cut: a silently emptied body would lose the message
        raise InvalidRecordError(
            f"refused: MIME parts nested more than {_MAX_DEPTH} levels deep", limit=_MAX_DEPTH
        )
    if content_type == "message/rfc822" or part.get_content_maintype() != "multipart":
        if content_type in _SIGNATURE_TYPES:
            return
        if _is_body_candidate(part):
            if body_allowed:
                bodies.append(part)
            return
        attachments.append(_attachment(part))
        return
    parts = list(part.iter_parts())
    if content_type == "multipart/alternative":
        chosen = _choose_alternative(parts)
    elif content_type == "multipart/related":
        chosen = _related_root(part, parts)
    else:
        for sub in parts:
            _walk(sub, bodies, attachments, body_allowed=body_allowed, depth=depth + 1)
        return
    for sub in parts:
        allowed = body_allowed and sub is chosen
        _walk(sub, bodies, attachments, body_allowed=allowed, depth=depth + 1)


def collect_parts(msg: MIMEPart) -> tuple[list[MIMEPart], list[dict[str, Any]]]:
    """The body parts to read, and the attachment descriptions, in document order."""
    bodies: list[MIMEPart] = []
    attachments: list[dict[str, Any]] = []
    _walk(msg, bodies, attachments, body_allowed=True, depth=0)
    return bodies, attachments
