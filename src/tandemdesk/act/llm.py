"""Optional: rewrite a grounded answer in a warmer tone with an OpenAI-compatible chat model.

Why the model only *rewrites*: the facts come from the knowledge base and the customer's
timeline (``answers``), never from the model. The model is given the grounded answer and its
source and asked to change the tone, and the result is checked before it is used:

- every fact of the grounded answer — each token with a digit (order ids, tracking numbers,
  amounts, dates, "60 minutes") and each filled value (the carrier) — must still be there;
- it may add no number that is not in the grounded answer, its source or the customer's text;
- personal data never leaves: the customer's name and email in the answer travel as
  ``{{customer.first_name}}``-style placeholders the model must keep (and that are filled
  back in afterwards), and the customer's text is redacted (``understand.pii`` plus the
  customer's known name and email) before it is sent.

Any failure — no endpoint, a timeout, an HTTP error, malformed JSON, a rewrite that dropped or
invented a fact — returns the grounded answer unchanged with the reason. A rewrite is a nicety;
a raised exception here would turn a good automated answer into an outage.

The endpoint is anything that speaks ``POST {base_url}/chat/completions`` (a local llama.cpp,
vLLM or Ollama server, or a hosted API); the settings are passed in (``LLMSettings``).
"""

from __future__ import annotations

import json
import re
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from tandemdesk.act.answers import Answer, CustomerFacts
from tandemdesk.act.answers_fill import PRIVATE_PLACEHOLDERS, render
from tandemdesk.listen.articles import PLACEHOLDER
from tandemdesk.understand.language import NAMES as LANGUAGE_NAMES
from tandemdesk.understand.pii import redact_text

MAX_RESPONSE_BYTES = 1_000_000
_FACT = re.compile(r"[A-Za-z]*-?\d[\w.,:/-]*")
_LIST_MARKER = re.compile(r"^\s*\d{1,2}[.)]\s", re.MULTILINE)  # "1. Click …" is layout, not a fact
_LOOPBACK = ("localhost", "127.0.0.1", "::1")

SYSTEM_PROMPT = (
    "You rewrite customer-support replies so they sound warm, personal and human, while "
    "saying exactly the same things.\n"
    "Rules:\n"
    "1. Keep every fact exactly as written: order numbers, tracking numbers, dates, amounts, "
    "durations, carrier and product names.\n"
    "2. Keep every placeholder in double curly braces, such as {{customer.first_name}}, "
    "exactly as written.\n"
    "3. Add no new facts, numbers, promises, links or apologies for things not in the reply.\n"
    "4. Write in {language}. Keep it about as long as the original.\n"
    "5. Answer with the rewritten reply only: no preamble, no quotes, no notes."
)


@dataclass(frozen=True, slots=True)
class LLMSettings:
    """Where and how to call the model; the lead wires these from ``config.Settings``.

    ``base_url`` is the API root (``http://localhost:8080/v1``); ``timeout`` is in seconds
    and bounds the connection and each read.
    """

    base_url: str
    model: str
    api_key: str | None = None
    timeout: float = 15.0
    temperature: float = 0.3
    max_tokens: int = 600


@dataclass(frozen=True, slots=True)
class Rewrite:
    """The text to send and whether it is the model's rewrite or the grounded answer."""

    text: str
    rewritten: bool
    answer: Answer  # the grounded answer; its item is the citation either way
    reason: str | None = None  # why the grounded answer was kept
    model: str | None = None

    @property
    def citation(self) -> str:
        """The source the reply is grounded in: ``How do I track my order? (kb-track-order)``."""
        return f"{self.answer.item_title} ({self.answer.item_id})"

    def explain(self) -> str:
        """One sentence for the decision log."""
        if self.rewritten:
            return f"rewritten by {self.model}; grounded in {self.citation}"
        return f"grounded answer kept ({self.reason}); grounded in {self.citation}"


def _private_values(answer: Answer, facts: CustomerFacts | None) -> list[str]:
    values = [v for k, v in answer.filled.items() if k in PRIVATE_PLACEHOLDERS]
    if facts is not None:
        values += [v for v in (facts.name, facts.first_name, facts.last_name, facts.email) if v]
        if facts.name:
            values += facts.name.split()
    # longest first so "Anna Berg" is replaced before "Anna"
    return sorted({v.strip() for v in values if len(v.strip()) >= 2}, key=len, reverse=True)


def redact_customer_text(text: str, private: list[str]) -> str:
    """The customer's text with detectable PII and their own known name and email removed."""
    redacted = redact_text(text)
    for value in private:
        pattern = re.compile(rf"(?<!\w){re.escape(value)}(?!\w)", re.IGNORECASE)
        redacted = pattern.sub("[EMAIL]" if "@" in value else "[NAME]", redacted)
    return redacted


def masked_answer(answer: Answer) -> str:
    """The grounded answer with personal values back as their placeholders."""
    keep = frozenset(PRIVATE_PLACEHOLDERS & answer.filled.keys())
    return render(answer.item.body, answer.filled, keep=keep)


def build_request(
    answer: Answer, customer_text: str, settings: LLMSettings, facts: CustomerFacts | None = None
) -> dict[str, Any]:
    """The chat-completions request body: model, messages, sampling — and no personal data."""
    language = LANGUAGE_NAMES.get(answer.language, answer.language)
    redacted = redact_customer_text(customer_text, _private_values(answer, facts))
    grounded = masked_answer(answer)
    source = f'Source ({answer.item_kind} {answer.item_id}): "{answer.item_title}"'
    if answer.item.body.strip() != grounded.strip():
        source += f"\n<<<\n{answer.item.body.strip()}\n>>>"
    user = (
        f"Customer message (personal data removed):\n<<<\n{redacted.strip()}\n>>>\n\n"
        f"Reply to rewrite:\n<<<\n{grounded.strip()}\n>>>\n\n{source}"
    )
    return {
        "model": settings.model,
        "messages": [
            {"role": "system", "content": SYSTEM_PROMPT.replace("{language}", language)},
            {"role": "user", "content": user},
        ],
        "temperature": settings.temperature,
        "max_tokens": settings.max_tokens,
        "stream": False,
    }


def _endpoint(base_url: str) -> str:
    url = base_url.strip().rstrip("/")
    if urlsplit(url).scheme not in ("http", "https"):
        raise ValueError("the model's base_url must start with http:// or https://")
    return url if url.endswith("/chat/completions") else f"{url}/chat/completions"


def _post(url: str, payload: dict[str, Any], settings: LLMSettings) -> Any:
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    if settings.api_key:
        headers["Authorization"] = f"Bearer {settings.api_key}"
    request = urllib.request.Request(  # noqa: S310 - scheme checked in _endpoint
        url, data=json.dumps(payload).encode("utf-8"), headers=headers, method="POST"
    )
    # a local model server must not be sent through the environment's HTTP proxy
    local = (urlsplit(url).hostname or "") in _LOOPBACK
    handlers = [urllib.request.ProxyHandler({})] if local else []
    opener = urllib.request.build_opener(*handlers)
    with opener.open(request, timeout=settings.timeout) as response:
        raw = response.read(MAX_RESPONSE_BYTES + 1)
    if len(raw) > MAX_RESPONSE_BYTES:
        raise ValueError("the model's response is larger than 1 MB")
    return json.loads(raw)


def _content(data: Any) -> str:
    content = data["choices"][0]["message"]["content"]
    if not isinstance(content, str):
        raise TypeError("message content is not text")
    text = content.strip()
    if text.startswith("```") and text.endswith("```"):  # some models fence their answer
        text = text.strip("`").strip()
    return text


def _facts(text: str) -> set[str]:
    """Tokens with a digit (NW-1001, 99921215607084, 29.90, 2026-03-12, 60), lower-cased."""
    plain = _LIST_MARKER.sub(" ", text)
    return {m.group(0).rstrip(".,:/-").lower() for m in _FACT.finditer(plain)}


def check_rewrite(answer: Answer, rewrite: str, allowed_extra: str = "") -> str | None:
    """Why ``rewrite`` (placeholders already filled back in) may not replace the grounded
    answer, or ``None`` when it keeps every fact and adds none."""
    if not rewrite.strip():
        return "the model returned an empty reply"
    if PLACEHOLDER.search(rewrite):
        return "the rewrite contains a placeholder that is not in the grounded answer"
    if len(rewrite) > 3 * len(answer.text) + 200:
        return "the rewrite is much longer than the grounded answer"
    lowered = rewrite.lower()
    kept = {v for k, v in answer.filled.items() if k not in PRIVATE_PLACEHOLDERS}
    dropped = sorted(v for v in kept if v.lower() not in lowered)
    dropped += sorted(_facts(answer.text) - _facts(rewrite) - {d.lower() for d in dropped})
    if dropped:
        return "the rewrite dropped facts: " + ", ".join(dropped)
    known = _facts(answer.text) | _facts(answer.item.body) | _facts(allowed_extra)
    added = sorted(_facts(rewrite) - known)
    if added:
        return "the rewrite added facts that are not in the grounded answer: " + ", ".join(added)
    return None


def _failure(error: BaseException, settings: LLMSettings) -> str:
    if isinstance(error, urllib.error.HTTPError):
        return f"the model endpoint answered HTTP {error.code}"
    timeout = isinstance(error, TimeoutError | socket.timeout) or (
        isinstance(error, urllib.error.URLError)
        and isinstance(error.reason, TimeoutError | socket.timeout)
    )
    if timeout:
        return f"the model did not answer within {settings.timeout:g} s"
    if isinstance(error, urllib.error.URLError):
        return f"the model endpoint is unreachable ({error.reason})"
    if isinstance(error, json.JSONDecodeError):
        return "the model endpoint returned malformed JSON"
    if isinstance(error, KeyError | IndexError | TypeError):
        return "the model endpoint's response has no choices[0].message.content"
    return f"the rewrite failed ({type(error).__name__}: {error})"


def rewrite_answer(
    answer: Answer,
    customer_text: str,
    settings: LLMSettings,
    facts: CustomerFacts | None = None,
) -> Rewrite:
    """Ask the model for a warmer version of ``answer``; never raises.

    ``customer_text`` is the customer's message; it is redacted here before it is sent (pass
    ``facts`` so the customer's own name and email are removed too). Returns the rewrite when
    it passes ``check_rewrite``, else the grounded answer with the reason.
    """

    def keep(reason: str) -> Rewrite:
        return Rewrite(answer.text, False, answer, reason, settings.model)

    try:
        payload = build_request(answer, customer_text, settings, facts)
        content = _content(_post(_endpoint(settings.base_url), payload, settings))
        if not content:
            return keep("the model returned an empty reply")
        wanted = set(PLACEHOLDER.findall(masked_answer(answer)))
        missing = sorted(f"{{{{{name}}}}}" for name in wanted - set(PLACEHOLDER.findall(content)))
        if missing:
            return keep("the rewrite dropped the placeholders " + ", ".join(missing))
        final = render(content, answer.filled)
        redacted = payload["messages"][1]["content"]
        problem = check_rewrite(answer, final, allowed_extra=redacted)
        if problem:
            return keep(problem)
        return Rewrite(final, True, answer, None, settings.model)
    except Exception as error:  # a rewrite is optional: every failure falls back
        return keep(_failure(error, settings))
