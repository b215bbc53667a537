"""Turning an email body into the text a support agent (or model) should read.

Split out of ``listen/email.py`` because it is the fiddly part: charsets that lie, HTML
that only renders, format=flowed line wrapping, and the previous messages every reply
drags along. Nothing here knows about MIME structure; it gets bytes or a string and gives
plain text back.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from functools import lru_cache

import html2text
from mailparser_reply.parser import EmailMessage

#: Languages whose reply headers ("On … wrote:", "Am … schrieb …:", Outlook "From:/Sent:"
#: blocks) mail-parser-reply should recognise. English is always included by the library.
#: Not "pl": its Outlook pattern fires on a single "Data:" or "Do:" line in ordinary text.
REPLY_LANGUAGES: tuple[str, ...] = ("en", "de", "fr", "es", "it", "nl")

# Charsets that mail clients declare but mean something wider: decoding with the wider one
# is never wrong for text that really is in the declared one (WHATWG does the same).
_CHARSET_UPGRADES: dict[str, str] = {
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "x-sjis": "cp932",
    "euc-kr": "cp949",
    "ks_c_5601-1987": "cp949",
    "iso-2022-jp": "iso2022_jp_ext",
}

# Single-byte charsets are the ones mislabelled most often: a UTF-8 body declared as
# iso-8859-1 decodes "fine" into mojibake (Ã¼), so valid UTF-8 wins for these.
_SINGLE_BYTE = re.compile(
    r"^(?:us-?ascii|ascii|iso[-_]?8859[-_]?\d+|latin-?\d|windows-125\d|cp125\d|koi8-[ru]|"
    r"mac-?roman)$"
)

_BLANK_RUNS = re.compile(r"\n{3,}")
_HEADING = re.compile(r"^#{1,6} ", re.MULTILINE)
_TABLE_CELL_END = re.compile(r"(</t[dh]\s*>)", re.IGNORECASE)
_SEPARATOR_LINE = re.compile(r"^[_\-=*~]{5,}$")

# Lines longer than this cannot be a reply header; keeping them out of the header search
# keeps mail-parser-reply's lazy ``.+?`` patterns from going quadratic on huge HTML lines.
_MAX_HEADER_LINE = 500

# Headers mail-parser-reply misses (checked against 1.36): Gmail's Spanish attribution has
# a single space before "escribió" but the library wants two; and non-English Outlook
# separators. These end the new text just like the library's own headers.
_EXTRA_CUT_HEADERS = re.compile(
    r"^El\s[^\n]+(?:\n[^\n]+)?\sescribi[óo]\s?:$"
    r"|^-{3,}\s*(?:Original Message|Urspr[üu]ngliche Nachricht|Message d'origine"
    r"|Mensaje original|Messaggio originale|Oorspronkelijk bericht)\s*-{3,}$",
    re.MULTILINE | re.IGNORECASE,
)
# Attribution lines from other clients ("Jane Doe wrote:", "support@x schrieb:"). Too
# loose to cut on, so they only count when a ``>`` quote block follows.
_LOOSE_ATTRIBUTION = re.compile(
    r"^[^\n>]{0,300}\b(?:wrote|schrieb|a [ée]crit|escribi[óo]|ha scritto|schreef|skrev)\s?:$",
    re.MULTILINE | re.IGNORECASE,
)
# The library's "<word> … wrote:" patterns start with these words and use nested lazy
# ``.+?``: quadratic on every long line that starts with the word but never says "wrote".
_ATTRIBUTION_START = re.compile(r"^(?:>\s?)*(?:on|am|le|el|il|op)\s", re.IGNORECASE)
_ATTRIBUTION_END = re.compile(
    r"(?:wrote|schrieb|[ée]crit|escribi[óo]|scritto|schreef)[^\n]{0,200}:$", re.IGNORECASE
)
# A reply header right after one of these is a forward: the "quoted" part is the point.
_FORWARD_MARKER = re.compile(
    r"^(?:-{2,}\s*(?:Forwarded message|Weitergeleitete Nachricht|Message transf[ée]r[ée]"
    r"|Mensaje reenviado|Messaggio inoltrato|Doorgestuurd bericht)\s*-{2,}"
    r"|Begin forwarded message:|Anfang der weitergeleiteten Nachricht:"
    r"|D[ée]but du message r[ée]exp[ée]di[ée]\s?:)$",
    re.IGNORECASE,
)


def decode_bytes(data: bytes, declared: str | None) -> str:
    """Decode a body whatever its declared charset says, never raising.

    Order: valid UTF-8 beats a single-byte declaration (the usual mislabel); then the
    declared charset (widened, e.g. iso-8859-1 → windows-1252); then UTF-8; then
    windows-1252; and latin-1 as the decoder that cannot fail.
    """
    charset = (declared or "").strip().strip("\"'").lower()
    if charset and _SINGLE_BYTE.match(charset) and not data.isascii():
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    candidates: list[str] = []
    if charset:
        candidates.append(_CHARSET_UPGRADES.get(charset, charset))
        candidates.append(charset)
    candidates += ["utf-8", "cp1252"]
    for name in candidates:
        try:
            codecs.lookup(name)
            return data.decode(name)
        except (LookupError, UnicodeDecodeError, ValueError):
            continue
    return data.decode("latin-1")


def unflow(text: str, *, delsp: bool) -> str:
    """Undo RFC 3676 format=flowed wrapping (Thunderbird, Apple Mail send it by default).

    A line ending in a space continues on the next line at the same quote depth; leading
    ``>`` marks give the depth and one leading space is "stuffing". Unflowing first means
    paragraphs are whole and quote prefixes are normalised to ``> ``.
    """
    out: list[str] = []
    pending: list[str] = []
    pending_depth = 0

    def flush() -> None:
        if pending:
            prefix = ">" * pending_depth + (" " if pending_depth else "")
            out.append(prefix + "".join(pending))
            pending.clear()

    for raw in text.split("\n"):
        depth = len(raw) - len(raw.lstrip(">"))
        content = raw[depth:]
        if content.startswith(" "):
            content = content[1:]
        if pending and depth != pending_depth:
            flush()
        pending_depth = depth
        if content.endswith(" ") and content != "-- ":
            pending.append(content[:-1] if delsp else content)
        else:
            pending.append(content)
            flush()
    flush()
    return "\n".join(out)


class _PlainText(html2text.HTML2Text):
    """html2text without Markdown escaping: ``C:\\temp`` and ``1.`` stay as written."""

    def handle_data(self, data: str, entity_char: bool = False) -> None:
        # entity_char=True only switches off escape_md_section in html2text 2024–2025.
        super().handle_data(data, entity_char=True)


def html_to_text(html: str) -> str:
    """Readable plain text from an HTML body: no images, link targets or Markdown marks.

    Support mail HTML is mostly layout (Outlook tables, tracking pixels, logos), so images
    and link URLs are dropped (the link text stays), emphasis and heading marks are
    removed, and table cells become space-separated text rather than Markdown tables.
    """
    converter = _PlainText(bodywidth=0)
    converter.ignore_images = True
    converter.ignore_links = True
    converter.ignore_mailto_links = True
    converter.ignore_emphasis = True
    converter.ignore_tables = True
    converter.unicode_snob = True
    converter.ul_item_mark = "-"
    text = converter.handle(_TABLE_CELL_END.sub(r"\1 ", html))
    return _HEADING.sub("", text)


def normalize_text(text: str) -> str:
    """One line ending, no trailing blanks, at most one empty line in a row, no NULs."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    text = text.replace("\xa0", " ").lstrip("\ufeff")
    lines = [line.rstrip() for line in text.split("\n")]
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip("\n")


@dataclass(frozen=True)
class _Header:
    first: int  # first line of the reply header
    last: int  # last line of the reply header
    can_cut: bool  # may end the new text even without a quote block after it


@lru_cache(maxsize=1)
def _library_header_regex() -> re.Pattern[str]:
    """mail-parser-reply's combined reply-header pattern for ``REPLY_LANGUAGES``.

    We use the library's patterns, not its splitter: ``EmailReplyParser.read`` strips
    every line's indentation, deletes Outlook underscore separators, and its ``findall``
    over capturing groups splits French headers into bogus fragments.
    """
    pattern: re.Pattern[str] = EmailMessage(text="", languages=list(REPLY_LANGUAGES)).HEADER_REGEX
    return pattern


def _line_span(probe: str, start: int, end: int) -> tuple[int, int]:
    while start < end and probe[start] == "\n":
        start += 1
    while end > start and probe[end - 1] == "\n":
        end -= 1
    return probe.count("\n", 0, start), probe.count("\n", 0, end)


def _probe_lines(lines: list[str]) -> list[str]:
    """Lines as the header patterns see them; lines that cannot be a header are blanked.

    Same count as ``lines`` so match offsets map back to the original (indented) text.
    """
    probe = [line.strip() if len(line) <= _MAX_HEADER_LINE else "" for line in lines]
    for index, line in enumerate(probe):
        if _ATTRIBUTION_START.match(line):
            joined = line + " " + (probe[index + 1] if index + 1 < len(probe) else "")
            if not (_ATTRIBUTION_END.search(line) or _ATTRIBUTION_END.search(joined)):
                probe[index] = ""
    return probe


def _find_headers(lines: list[str]) -> list[_Header]:
    probe_lines = _probe_lines(lines)
    probe = "\n".join(probe_lines)
    found: dict[int, _Header] = {}
    patterns = (
        (_library_header_regex(), True),
        (_EXTRA_CUT_HEADERS, True),
        (_LOOSE_ATTRIBUTION, False),
    )
    for pattern, can_cut in patterns:
        for match in pattern.finditer(probe):
            if not match.group(0).strip():
                continue
            first, last = _line_span(probe, match.start(), match.end())
            if probe_lines[first].startswith(">") or first in found:
                continue  # quoted history is dropped anyway
            found[first] = _Header(first, last, can_cut)
    return sorted(found.values(), key=lambda header: header.first)


def _next_content(probe: list[str], after: int) -> int | None:
    for index in range(after + 1, len(probe)):
        if probe[index]:
            return index
    return None


def _previous_content(probe: list[str], before: int) -> str:
    for index in range(before - 1, -1, -1):
        if probe[index]:
            return probe[index]
    return ""


def strip_reply(text: str) -> str:
    """The new part of a message: no quoted history, no ``-- `` signature.

    Rules, in order: a reply header followed by a ``>`` block is an attribution (both go,
    text after them stays: bottom-posting and inline answers keep working); any other
    reply header ends the new text (top-posting, Outlook blocks without ``>``), unless it
    follows a "Forwarded message" marker; remaining ``>`` lines go; the text stops at the
    first ``-- `` line. If nothing is left the whole text is returned: a message that is
    only a quote is still a message.
    """
    lines = text.split("\n")
    probe = [line.strip() for line in lines]
    drop = [line.startswith(">") for line in probe]
    cut = len(lines)
    for header in _find_headers(lines):
        if header.first >= cut:
            break
        following = _next_content(probe, header.last)
        if following is not None and probe[following].startswith(">"):
            drop[header.first : header.last + 1] = [True] * (header.last - header.first + 1)
        elif header.can_cut and not _FORWARD_MARKER.match(_previous_content(probe, header.first)):
            cut = header.first
            break
    kept = [line for index, line in enumerate(lines[:cut]) if not drop[index]]
    for index, line in enumerate(kept):
        if line.rstrip() == "--":
            kept = kept[:index]
            break
    while kept and (not kept[-1].strip() or _SEPARATOR_LINE.match(kept[-1].strip())):
        kept.pop()
    result = normalize_text("\n".join(kept))
    return result if result.strip() else text
