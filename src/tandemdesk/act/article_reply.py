"""A help-centre article sent as a reply: plain text, with a greeting and a sign-off.

Why: an article is written for a help centre (Markdown headings, **bold**, links) and
starts without a word to the person; sent as it is, an e-mail reply read "1. On the login
page, click **Forgot password?** … ## The email doesn't arrive", unsigned, although the
README promises replies signed with the agent's or the team's name. A macro is written
as a reply already (its own greeting and ``{{agent.first_name}}``), so only articles are
framed. The Markdown is reduced to what reads well as plain text in every channel (mail,
chat, the widget): headings become lines of their own, emphasis marks go, a link keeps
its address in brackets, list markers stay.
"""

from __future__ import annotations

import re

_GREETING = {
    "en": "Hi {name},",
    "de": "Hallo {name},",
    "fr": "Bonjour {name},",
    "es": "Hola, {name}:",
}
_GREETING_NO_NAME = {"en": "Hello,", "de": "Hallo,", "fr": "Bonjour,", "es": "Hola:"}
_SIGN_OFF = {"en": "Best regards,", "de": "Viele Grüße", "fr": "Cordialement,", "es": "Un saludo,"}

_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$", re.MULTILINE)
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\(\s*([^)\s]+)(?:\s+\"[^\"]*\")?\s*\)")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", re.DOTALL)
_EMPHASIS = re.compile(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])")
_CODE = re.compile(r"`([^`]+)`")
_ITEM = re.compile(r"^[ \t]*(?:[-*+•]|\d+[.)])[ \t]+")
_RULE = re.compile(r"^[ \t]{0,3}(?:[-*_][ \t]*){3,}$", re.MULTILINE)


def plain_text(markdown: str) -> str:
    """The article's Markdown as plain text (headings, emphasis, links, code, rules)."""
    text = _IMAGE.sub(r"\1", markdown)
    text = _LINK.sub(lambda m: m.group(1) if m.group(1) == m.group(2) else
                     f"{m.group(1)} ({m.group(2)})", text)  # fmt: skip
    text = _HEADING.sub(r"\1", text)
    text = _STRONG.sub(r"\2", text)
    text = _EMPHASIS.sub(r"\2", text)
    text = _CODE.sub(r"\1", text)
    text = _RULE.sub("", text)
    return "\n\n".join(_unwrapped(p) for p in re.split(r"\n[ \t]*\n", text.strip()) if p.strip())


def _unwrapped(paragraph: str) -> str:
    """A paragraph's wrapped lines joined (a source wrapped at 90 columns must not break a
    customer's sentence in two); a list item, and a line after one ending in two spaces
    (Markdown's hard break), keep their own line."""
    lines: list[str] = []
    for line in paragraph.splitlines():
        if lines and not _ITEM.match(line) and not lines[-1].endswith("  "):
            lines[-1] = f"{lines[-1].rstrip()} {line.lstrip()}"
        else:
            lines.append(line)
    return "\n".join(line.rstrip() for line in lines)


def framed(body: str, language: str, first_name: str | None, sender: str | None) -> str:
    """``body`` (an article, placeholders filled) as a reply in ``language``: greeting,
    the article as plain text, sign-off with ``sender`` (English words for a language
    without its own)."""
    lang = language if language in _GREETING else "en"
    name = (first_name or "").strip()
    greeting = _GREETING[lang].format(name=name) if name else _GREETING_NO_NAME[lang]
    sign_off = _SIGN_OFF[lang] + (f"\n{sender}" if sender else "")
    return f"{greeting}\n\n{plain_text(body)}\n\n{sign_off}"
