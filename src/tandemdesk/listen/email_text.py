"""Turning an email body into the text a support agent (or model) should read.

Split out of ``listen/email.py`` because it is the fiddly part: charsets that lie, HTML
that only renders, format=flowed line wrapping, and the previous messages every reply
drags along. Nothing here knows about MIME structure; it gets bytes or a string and gives
plain text back.
"""

from __future__ import annotations

import codecs
import re
from copy import copy
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from typing import Any

import lxml.html
from inscriptis.css_profiles import CSS_PROFILES
from inscriptis.html_engine import Inscriptis
from inscriptis.html_properties import Display, WhiteSpace
from inscriptis.model.config import ParserConfig
from inscriptis.model.html_element import HtmlElement
from inscriptis.model.tag import CustomHtmlTagHandlerMapping
from lxml import etree
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


# --- HTML --------------------------------------------------------------------------------
# inscriptis renders the tree; what it would show as Markdown-ish decoration (``*`` bullets,
# column-aligned tables, margins and paddings from inline CSS) is switched off, because
# support mail HTML is mostly layout and the reader wants the words.

#: Elements nested deeper than this are flattened to plain lines first: inscriptis walks
#: the tree recursively, and libxml2 gives up (silently, dropping text) past 2048 levels.
_MAX_HTML_DEPTH = 200
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
# Characters lxml refuses in text nodes; they carry no meaning in a mail body.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ZERO_LENGTH = re.compile(r"^0+(?:\.0*)?(?:[a-z]+|%)?$")
_BLOCK_DISPLAY = frozenset({
    "block", "flex", "grid", "flow-root", "list-item", "table", "table-caption", "table-row",
    "table-row-group", "table-header-group", "table-footer-group",
})  # fmt: skip
_INLINE_DISPLAY = frozenset(
    {"inline", "inline-block", "inline-flex", "inline-grid", "inline-table", "table-cell"}
)

_PLAIN_BLOCKS = (
    "section", "center", "form", "fieldset", "legend", "details", "summary", "dl", "dt", "hr",
    "table", "caption", "tr",
)  # fmt: skip
# Firefox's defaults (inscriptis' "strict" profile: no indentation for nested divs), lists
# indented by their bullet only, and tables read as text: rows are lines, cells inline.
_CSS: dict[str, Any] = {
    **CSS_PROFILES["strict"],
    **dict.fromkeys(_PLAIN_BLOCKS, HtmlElement(display=Display.block)),
    "dd": HtmlElement(display=Display.block, padding_inline=2),
    "ul": HtmlElement(display=Display.block, padding_inline=2),
    "ol": HtmlElement(display=Display.block, padding_inline=3),
    "template": HtmlElement(display=Display.none),
}


def _table_as_text(state: Any, attrs: Any = None) -> None:
    """Start/end handler for table tags: no grid, the CSS above lays the cells out."""


def _ul_start(state: Any, attrs: Any) -> None:
    state.li_counter.append("- ")


def _li_start(state: Any, attrs: Any) -> None:
    bullet = state.li_counter[-1] if state.li_counter else "- "
    if isinstance(bullet, int):
        value = str(attrs.get("value", ""))
        if value.isdigit():
            bullet = int(value)
        state.li_counter[-1] = bullet + 1
        bullet = f"{bullet}. "
    state.tags[-1].list_bullet = bullet
    state.tags[-1].write("")


_TAG_HANDLERS = CustomHtmlTagHandlerMapping(
    start_tag_mapping={
        "ul": _ul_start,
        "li": _li_start,
        **dict.fromkeys(("table", "tr", "td", "th"), _table_as_text),
    },
    end_tag_mapping=dict.fromkeys(("table", "td", "th"), _table_as_text),
)


def _apply_style(value: str, element: Any) -> None:
    """Inline CSS: only what decides whether and how text shows, never margins or padding."""
    if element.display == Display.none:
        return
    style: dict[str, str] = {}
    for declaration in value.lower().split(";"):
        name, _, setting = declaration.partition(":")
        style[name.strip()] = setting.replace("!important", "").strip()
    display = style.get("display", "")
    clipped = style.get("overflow") == "hidden" and any(
        _ZERO_LENGTH.match(style.get(size, "-")) for size in ("height", "max-height")
    )
    if display == "none" or style.get("visibility") in {"hidden", "collapse"} or clipped:
        element.display = Display.none  # preheaders, mobile-only duplicates
        return
    if display in _BLOCK_DISPLAY:
        element.display = Display.block
    elif display in _INLINE_DISPLAY:
        element.display = Display.inline
    white_space = style.get("white-space")
    if white_space in {"pre", "pre-wrap", "pre-line", "break-spaces"}:
        element.whitespace = WhiteSpace.pre
    elif white_space in {"normal", "nowrap"}:
        element.whitespace = WhiteSpace.normal


def _hide(value: str, element: Any) -> None:
    element.display = Display.none


_ATTRIBUTE_HANDLERS = {"style": _apply_style, "hidden": _hide}


def _render(element: Any) -> str:
    css = dict(_CSS)
    css["body"] = copy(_CSS["body"])  # inscriptis hangs each run's canvas on this element
    config = ParserConfig(css=css, custom_html_tag_handler_mapping=_TAG_HANDLERS)
    config.attribute_handler.attribute_mapping = _ATTRIBUTE_HANDLERS
    return normalize_text(str(Inscriptis(element, config).get_text()))


def _replace_with_text(element: Any, text: str) -> None:
    pre = element.makeelement("pre", {})
    pre.text = text
    pre.tail = element.tail
    element.getparent().replace(element, pre)


def _flatten_deep(root: Any) -> None:
    deep: list[Any] = []
    stack = [(root, 0)]
    while stack:
        element, depth = stack.pop()
        if depth >= _MAX_HTML_DEPTH:
            deep.append(element)
        else:
            stack.extend((child, depth + 1) for child in element if isinstance(child.tag, str))
    for element in deep:
        markup = lxml.html.tostring(element, encoding="unicode", with_tail=False)
        _replace_with_text(element, _flat_text(markup))


def _quote_blockquotes(root: Any) -> None:
    """Blockquotes become ``> `` lines, as in plain-text mail, so ``strip_reply`` sees them."""
    for quote in reversed(list(root.iter("blockquote"))):  # innermost first
        lines = _render(quote).split("\n")
        _replace_with_text(quote, "\n".join(f"> {line}" if line else ">" for line in lines))


_FLAT_SKIPPED = frozenset({"script", "style", "title", "template"})
_FLAT_BREAKS = frozenset({
    "address", "article", "blockquote", "br", "caption", "center", "dd", "div", "dl", "dt",
    "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "ol", "p", "pre",
    "section", "table", "tr", "ul",
})  # fmt: skip
_SPACE_RUNS = re.compile(r"\s+")


class _FlatText(HTMLParser):
    """Text with a line break at each block tag: for HTML lxml cannot give a tree for."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def _mark(self, tag: str) -> None:
        if tag in _FLAT_BREAKS:
            self.parts.append("\n")
        elif tag in {"td", "th"}:
            self.parts.append(" ")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._skipping += tag in _FLAT_SKIPPED
        self._mark(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._mark(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _FLAT_SKIPPED and self._skipping:
            self._skipping -= 1
        self._mark(tag)

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(_SPACE_RUNS.sub(" ", data))


def _flat_text(html: str) -> str:
    parser = _FlatText()
    parser.feed(html)
    parser.close()
    lines = "".join(parser.parts).split("\n")
    return normalize_text("\n".join(line.strip() for line in lines))


def html_to_text(html: str) -> str:
    """Readable plain text from an HTML body: no images, link targets or Markdown marks.

    Support mail HTML is mostly layout (Outlook tables, tracking pixels, logos), so images
    and link URLs are dropped (the link text stays), emphasis and heading marks are
    removed, table rows become lines of space-separated cells, and hidden elements
    (``display:none`` preheaders and the like) are left out. Blockquotes come out as
    ``> `` lines like quoted plain-text mail; whitespace is tidied as by ``normalize_text``.
    """
    html = _CONTROL_CHARS.sub("", html)
    parser = lxml.html.HTMLParser(huge_tree=True, remove_comments=True)
    try:
        root = lxml.html.document_fromstring(_XML_DECLARATION.sub("", html, count=1), parser=parser)
        if any(error.level == etree.ErrorLevels.FATAL for error in parser.error_log):
            return _flat_text(html)  # libxml2 stopped early (nesting too deep): text was lost
        _flatten_deep(root)
        for cell in root.iter("td", "th"):
            cell.tail = " " + (cell.tail or "")
        _quote_blockquotes(root)
        return _render(root)
    except (etree.ParserError, ValueError):  # empty document, unencodable text
        return _flat_text(html)


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
