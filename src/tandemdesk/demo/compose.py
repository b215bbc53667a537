"""Turn a planned conversation into messages: who says what, on which channel, when.

Each channel has its own rhythm. Email is a long first message and replies hours apart
(sometimes with the previous answer quoted below); chat is short lines seconds apart with
the assistant answering first; a phone call is a transcript that starts with the agent.
Texts are assembled from the phrase bank first and formatted once, so composing a
conversation costs a few dozen cheap string operations.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from random import Random
from typing import Any

from tandemdesk.demo.clock import HOUR, REF_TS, date_text, iso
from tandemdesk.demo.intents import EMOTIONS_BY_GROUP
from tandemdesk.demo.vocabulary import Pack, Texts, pick, sloppy

_SIGNAL = {
    "urgent_delivery": "urgent",
    "urgent_general": "urgent",
    "money_worry": "money_worry",
    "vulnerable": "vulnerable",
}
# "That didn't help" replies: most intents share their group's lines; the rest get generic ones
# ("the tracking hasn't changed" is no answer to a cancelled order).
_REPLY_GROUP = {
    "cancel_order": "general", "change_address": "general", "invoice_request": "general",
    "loyalty_points": "general", "gift_card_problem": "general", "subscription_change": "general",
    "payment_declined": "general", "newsletter_unsubscribe": "general",
    "data_deletion_request": "general",
}  # fmt: skip
# Supporting details fit some intents of a group only ("I check the tracking every day"
# makes no sense when cancelling an order that has not shipped).
_DETAILS = {"cancel_order": "", "change_address": "", "warranty_claim": "", "size_exchange": ""}
_GOOD_ODDS = {"calm": 0.8, "neutral": 0.7, "upset": 0.4, "distressed": 0.55, "abusive": 0.2}


@dataclass(slots=True)
class Plan:
    """Everything decided about a conversation before its text is written."""

    intent: str
    group: str
    order_related: bool
    secondary: str | None
    mood: str
    channel: str
    length: int  # at most this many messages
    followup: bool  # the customer already wrote about this
    unresolved: bool  # the customer will have to come back
    bot_can: bool
    agent_id: str


@dataclass(slots=True)
class Composed:
    """The messages and what they reveal (for labels, status and satisfaction)."""

    messages: list[dict[str, Any]] = field(default_factory=list)
    signals: list[str] = field(default_factory=list)
    resolved: bool = False
    handled_by: str | None = None
    last_ts: int = 0


class _Writer:
    """Appends messages with timestamps and stops at the plan's length or the demo's today."""

    __slots__ = ("agent_id", "length", "out", "ts")

    def __init__(self, out: Composed, start: int, length: int, agent_id: str) -> None:
        self.out, self.ts, self.length, self.agent_id = out, start, length, agent_id

    def room(self) -> bool:
        return len(self.out.messages) < self.length

    def add(self, author: str, text: str, gap: int) -> bool:
        messages = self.out.messages
        if len(messages) >= self.length:
            return False
        ts = self.ts + gap if messages else self.ts
        if ts > REF_TS - 60:
            self.length = len(self.out.messages)
            return False
        self.ts = ts
        message: dict[str, Any] = {"author": author, "text": text, "sent_at": iso(ts)}
        if author == "agent":
            message["meta"] = {"agent_id": self.agent_id}
        messages.append(message)
        self.out.last_ts = ts
        return True


def _emotions(pack: Pack, rng: Random, plan: Plan, signals: list[str]) -> list[str]:
    emotions = pack.c["emotions"]
    out: list[str] = []
    if plan.followup and rng.random() < 0.75:
        out.append(pick(rng, emotions["repeat"]))
        signals.append("repeat_contact")
    mood = plan.mood
    if mood == "calm":
        if rng.random() < 0.35:
            out.append(pick(rng, emotions["positive"]))
    elif mood == "neutral":
        if rng.random() < 0.08:
            out.append(pick(rng, emotions["urgent_general"]))
            signals.append("urgent")
    elif mood == "upset":
        out.append(pick(rng, emotions["frustrated"]))
    elif mood == "distressed":
        kind = pick(rng, EMOTIONS_BY_GROUP[plan.group])
        out.append(pick(rng, emotions[kind]))
        signals.append(_SIGNAL[kind])
    elif mood == "abusive":
        if rng.random() < 0.5:
            out.append(pick(rng, emotions["frustrated"]))
        out.append(pick(rng, emotions["abusive"]))
        signals.append("abusive")
    return out


def _written(
    pack: Pack, rng: Random, plan: Plan, signals: list[str], greet: bool, spoken: bool = False
) -> str:
    """A first message typed in full: email, web form, or what a caller says."""
    c = pack.c
    lead: list[str] = []
    if plan.order_related and rng.random() < 0.55:
        lead.append(pick(rng, c["order_context"]))
    lead.append(pick(rng, c["asks"][plan.intent]))
    detail = _DETAILS.get(plan.intent, plan.group)
    if detail and not spoken and rng.random() < 0.3:
        lead.append(pick(rng, c["details"][detail]))
    feelings = _emotions(pack, rng, plan, signals)
    if plan.secondary:
        feelings.append(pick(rng, c["also"][plan.secondary]))
    if plan.mood in ("upset", "abusive") and feelings and rng.random() < 0.4:
        lead.insert(0, feelings.pop(0))  # anger first: "I'm fed up. Where is my order?"
    closing = pick(rng, c["closings"]) if plan.mood != "abusive" and rng.random() < 0.7 else ""
    if not greet:
        return " ".join([*lead, *feelings, closing]).strip()
    paragraphs = [" ".join(lead)]
    if feelings:
        if rng.random() < 0.5:
            paragraphs.append(" ".join(feelings))
        else:
            paragraphs[0] += " " + " ".join(feelings)
    if closing:
        paragraphs.append(closing)
    formal = plan.mood in ("calm", "neutral") and rng.random() < 0.6
    greeting = pick(rng, c["greet_formal"] if formal else c["greet_casual"])
    body = "\n\n".join(paragraphs)
    if plan.mood == "abusive" and rng.random() < 0.5:
        return f"{body}\n\n{{first}}"
    return f"{greeting}\n\n{body}\n\n{pick(rng, c['signoffs'])}"


def _agent(pack: Pack, rng: Random, plan: Plan, channel: str, first: bool) -> str:
    s = pack.s
    empathy = ""
    if plan.mood not in ("calm", "neutral") or rng.random() < 0.6:
        empathy = pick(rng, s["empathy"][plan.mood]) + " "
    body = pick(rng, s["body"][plan.intent])
    if plan.secondary:
        body += " " + pick(rng, s["also_done"])
    if channel == "chat":
        hello = pick(rng, s["chat_hello"]) + " " if first else ""
        return f"{hello}{empathy}{body}"
    if channel == "phone":
        return f"{empathy}{body}"
    greet, close, sign = pick(rng, s["agent_greet"]), pick(rng, s["close"]), pick(rng, s["sign"])
    return f"{greet}\n\n{empathy}{body}\n\n{close}\n\n{sign}"


def _agent_short(pack: Pack, rng: Random, lines: Texts, channel: str) -> str:
    s = pack.s
    line = pick(rng, lines)
    if channel in ("email", "web"):
        return f"{pick(rng, s['agent_greet'])}\n\n{line}\n\n{pick(rng, s['sign'])}"
    return line


def _quote(pack: Pack, text: str, previous: dict[str, Any], lang: str, ts: int) -> str:
    header = pack.c["quote_header"].format(date=date_text(lang, ts))
    quoted = "\n".join(f"> {line}" if line else ">" for line in previous["text"].splitlines()[:8])
    return f"{text}\n\n{header}\n{quoted}"


def compose(pack: Pack, rng: Random, plan: Plan, ctx: dict[str, str], start: int) -> Composed:
    """Write the conversation; templates are filled with ``ctx`` (all CONTEXT_KEYS)."""
    out = Composed()
    w = _Writer(out, start, plan.length, plan.agent_id)
    c, s, channel, lang = pack.c, pack.s, plan.channel, pack.language
    careless = rng.random() < (0.45 if channel == "chat" else 0.1)

    def customer(text: str, gap: int, shout: bool = False) -> bool:
        text = text.format_map(ctx)
        if shout:
            text = text.upper()
        elif careless:
            text = sloppy(text, rng)
        return w.add("customer", text, gap)

    if channel == "chat":
        # Short lines, but always leave room for the assistant to answer.
        extras = _emotions(pack, rng, plan, out.signals)
        if plan.secondary:
            extras.append(pick(rng, c["also"][plan.secondary]))
        room = max(0, plan.length - 2)
        if rng.random() < 0.3 and room > len(extras):
            customer(pick(rng, c["chat_openers"]), 0)
        shout = plan.mood in ("upset", "abusive") and rng.random() < 0.3
        customer(pick(rng, c["chats"][plan.intent]), int(4 + rng.random() * 30), shout)
        if room <= len(extras):  # fold the rest into the same line
            if extras and w.out.messages:
                last = w.out.messages[-1]
                more = " ".join(extras).format_map(ctx)
                last["text"] = f"{last['text']} {sloppy(more, rng) if careless else more}"
            extras = []
        for extra in extras:
            customer(extra, int(5 + rng.random() * 40))
        by_bot = plan.bot_can and plan.mood in ("calm", "neutral") and not plan.unresolved
        if by_bot and rng.random() < 0.6:
            greet = pick(rng, s["bot_greet"])
            if w.add(
                "bot", f"{greet} {pick(rng, s['bot_answer'][plan.intent])}".format_map(ctx), 3
            ):
                out.handled_by = "bot"
                out.resolved = customer(pick(rng, c["thanks"]), int(10 + rng.random() * 60))
            return out
        asks_order = plan.order_related and rng.random() < 0.35
        then = s["bot_ask_order"] if asks_order else s["bot_handoff"]
        w.add("bot", f"{pick(rng, s['bot_greet'])} {pick(rng, then)}".format_map(ctx), 3)
        if asks_order:
            customer(pick(rng, c["chat_order_replies"]), int(10 + rng.random() * 50))
        gap_agent = int(30 + rng.random() * 600)
        first_reply = _agent(pack, rng, plan, "chat", True)
        if w.add("agent", first_reply.format_map(ctx), gap_agent):
            out.handled_by = "agent"
        gaps = (int(15 + rng.random() * 90), int(20 + rng.random() * 120))
    elif channel == "phone":
        w.add("agent", pick(rng, s["phone_hello"]).format_map(ctx), 0)
        opener = pick(rng, c["phone_openers"])
        customer(f"{opener} {_written(pack, rng, plan, out.signals, False, spoken=True)}", 6)
        if w.add(
            "agent",
            _agent(pack, rng, plan, "phone", True).format_map(ctx),
            int(20 + rng.random() * 90),
        ):
            out.handled_by = "agent"
        gaps = (int(4 + rng.random() * 15), int(5 + rng.random() * 20))
    else:
        customer(
            _written(pack, rng, plan, out.signals, greet=channel == "email" or rng.random() < 0.4),
            0,
        )
        hours = 0.5 + rng.random() * (30 if rng.random() < 0.3 else 8)
        if w.add(
            "agent", _agent(pack, rng, plan, channel, True).format_map(ctx), int(hours * HOUR)
        ):
            out.handled_by = "agent"
        gaps = (int((0.3 + rng.random() * 30) * HOUR), int((0.5 + rng.random() * 20) * HOUR))

    if plan.unresolved or not w.room():
        return out
    good = rng.random() < _GOOD_ODDS[plan.mood]
    previous = out.messages[-1]
    if good:
        reply = pick(rng, c["replies_good"])
    else:
        reply = pick(rng, c["replies_bad"][_REPLY_GROUP.get(plan.intent, plan.group)])
        if plan.mood in ("upset", "abusive") and rng.random() < 0.5:
            reply += " " + pick(rng, c["emotions"]["frustrated"])
    text = reply.format_map(ctx)
    if channel == "email" and rng.random() < 0.25:
        text = _quote(pack, text, previous, lang, w.ts + gaps[0])
    if careless:
        text = sloppy(text, rng)
    if not w.add("customer", text, gaps[0]):
        return out
    if good:
        out.resolved = True
        w.add("agent", _agent_short(pack, rng, s["final"], channel).format_map(ctx), gaps[1])
        return out
    w.add("agent", _agent_short(pack, rng, s["followup"], channel).format_map(ctx), gaps[1])
    if customer(pick(rng, c["thanks"]), gaps[0]):
        out.resolved = True
    w.add("agent", _agent_short(pack, rng, s["final"], channel).format_map(ctx), gaps[1])
    return out
