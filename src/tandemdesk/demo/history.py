"""The streaming core of the generator: one customer at a time, in constant memory.

Each customer gets an account, a few quiet orders, and a year of conversations: times
follow an outdoor shop's season and the hours people write, a customer who had to come back
does so on another channel within days, and each conversation's facts are made true in
the events first (``scenarios``) before its text is written (``compose``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from tandemdesk.demo import catalog
from tandemdesk.demo.clock import (
    DAY,
    HOUR,
    REF_TS,
    WINDOW_DAYS,
    WINDOW_START_TS,
    date_text,
    iso,
    weekday_text,
)
from tandemdesk.demo.compose import Plan, compose
from tandemdesk.demo.intents import (
    BY_NAME,
    INTENT_TABLE,
    MOOD_TABLE,
    SECONDARY,
    TOPUP_INTENT_TABLE,
    TOPUP_LANGUAGES,
    lookup_table,
)
from tandemdesk.demo.outcome import conversation_record
from tandemdesk.demo.scenarios import Facts, prepare, settle, settle_secondary
from tandemdesk.demo.vocabulary import PACKS, money, pick
from tandemdesk.demo.world import Customer, Order, World, scramble

DEFAULT_CONVERSATIONS = 2_400
FOLLOWUP_RATE = 0.16
SECONDARY_RATE = 0.07

# How many conversations a customer has in the year: most one or two, a few regulars many.
_COUNT_TABLE = lookup_table(
    ((0, 12), (1, 30), (2, 20), (3, 13), (4, 9), (5, 6), (6, 4), (8, 3), (10, 2), (14, 1))
)
_TOPUP_COUNT_TABLE = lookup_table(((1, 60), (2, 40)))
_BACKGROUND_TABLE = lookup_table(((0, 40), (1, 30), (2, 18), (3, 12)))
_CHANNEL_TABLE = lookup_table((("email", 45), ("chat", 30), ("web", 15), ("phone", 10)))
_LENGTHS = {
    "email": lookup_table(((1, 8), (2, 42), (3, 20), (4, 15), (5, 8), (6, 7))),
    "web": lookup_table(((1, 10), (2, 45), (3, 20), (4, 13), (5, 7), (6, 5))),
    "chat": lookup_table(((3, 30), (4, 30), (5, 20), (6, 20))),
    "phone": lookup_table(((3, 30), (4, 35), (5, 20), (6, 15))),
}
_FOLLOWUP_MOOD = lookup_table((("neutral", 24), ("upset", 55), ("distressed", 15), ("abusive", 6)))


def _season_table() -> tuple[int, ...]:
    """Days of the window weighted like an outdoor shop's year (summer, Black Friday, Christmas)."""
    month_weight = (1.1, 0.8, 1.0, 1.1, 1.2, 1.3, 1.35, 1.3, 1.0, 0.9, 1.25, 1.45)
    weighted = []
    for day in range(WINDOW_DAYS):
        ts = WINDOW_START_TS + day * DAY
        month = int(iso(ts)[5:7])
        weekday = (ts // DAY + 3) % 7  # 1970-01-01 was a Thursday
        weighted.append(
            (day, month_weight[month - 1] * (1.2 if weekday == 0 else 0.7 if weekday == 6 else 1.0))
        )
    return lookup_table(weighted, 16_384)


_DAY_TABLE = _season_table()
_HOUR_TABLE = lookup_table(
    tuple(
        enumerate(
            (1, 0.5, 0.3, 0.3, 0.4, 0.8, 2, 4, 6, 7, 8, 8, 7, 7, 7, 6, 6, 6, 7, 8, 8, 6, 4, 2)
        )
    )
)


def _agent_tables() -> dict[tuple[str, str], tuple[tuple[str, str], ...]]:
    """Who answers which language and kind of problem (skills first, anyone fluent else)."""
    group_skills = {
        "delivery": {
            "logistics",
            "order_status",
            "delivery_problem",
            "change_address",
            "cancel_order",
        },
        "product": {
            "returns",
            "size_exchange",
            "warranty_claim",
            "missing_item",
            "product_question",
        },
        "money": {
            "billing",
            "refunds",
            "double_charge",
            "billing_error",
            "gift_card_problem",
            "loyalty_points",
            "invoice_request",
        },
        "account": {"technical", "account_access", "password_reset", "data_deletion_request"},
        "info": {"product_question", "warranty_claim"},
        "complaint": {"escalations", "complaint_escalation"},
    }
    team = catalog.agents()
    tables: dict[tuple[str, str], tuple[tuple[str, str], ...]] = {}
    for lang in PACKS:
        fluent = [a for a in team if lang in a["languages"]]
        for group, skills in group_skills.items():
            skilled = [a for a in fluent if skills & set(a["skills"])] or fluent
            pool = skilled * 3 + fluent  # mostly the specialists, sometimes whoever is free
            tables[lang, group] = tuple((a["external_id"], a["name"].split()[0]) for a in pool)
    return tables


_AGENTS = _agent_tables()


class Context(dict[str, str]):
    """Template fields of one conversation, each computed on first use.

    A conversation's templates use a handful of the fields in ``CONTEXT_KEYS``; dates and
    amounts are only formatted when a template asks (``str.format_map`` calls
    ``__missing__``), which keeps the streaming generator fast.
    """

    __slots__ = ("customer", "facts", "prev_when", "when")

    def __init__(
        self, customer: Customer, facts: Facts, when: int, prev_when: int, agent: str
    ) -> None:
        order = facts.order
        super().__init__(
            first=customer.first,
            last=customer.last,
            order=order.number,
            product=facts.product.name,
            product2=facts.product2.name,
            size=facts.size,
            new_size=facts.new_size,
            carrier=order.carrier,
            tracking=order.tracking,
            giftcode=facts.giftcode,
            promo=facts.promo,
            city=facts.city,
            agent=agent,
            company=catalog.COMPANY,
            bot=catalog.BOT_NAME,
        )
        self.customer, self.facts, self.when, self.prev_when = customer, facts, when, prev_when

    def __missing__(self, key: str) -> str:
        lang, cur = self.customer.language, self.customer.currency
        facts, order, when = self.facts, self.facts.order, self.when
        if key in ("order_digits", "order_lower", "order_plain"):
            digits = order.number.removeprefix(catalog.ORDER_PREFIX)
            prefix = catalog.ORDER_PREFIX.rstrip("-")
            value = {"order_digits": digits, "order_lower": f"{prefix.lower()}{digits}",
                     "order_plain": f"{prefix}{digits}"}[key]  # fmt: skip
        elif key == "order_date":
            value = date_text(lang, order.placed)
        elif key == "amount":
            value = money(lang, facts.amount, cur)
        elif key == "charged":
            value = money(lang, order.charged, cur)
        elif key == "diff":
            value = money(lang, facts.diff, cur)
        elif key == "ship_date":
            value = date_text(lang, order.shipped or order.placed + DAY)
        elif key == "eta":
            value = weekday_text(lang, min(facts.promised, REF_TS + 20 * DAY))
        elif key == "delivered_date":
            value = date_text(lang, order.delivered or when)
        elif key == "days":
            value = str(facts.days)
        elif key == "points":
            value = str(order.total // 100)
        elif key == "prev_date":
            value = date_text(lang, self.prev_when or when - 3 * DAY)
        else:
            raise KeyError(key)
        self[key] = value
        return value


class History:
    """One customer at a time: plan their year, write their conversations, keep their events."""

    def __init__(self, seed: int, with_events: bool) -> None:
        self.world = World(seed, with_events)
        self.seed = seed
        self.conversation_serial = 0
        self.intent_table = INTENT_TABLE

    def customers(self, total: int, idle: bool) -> Iterator[tuple[Customer, list[dict[str, Any]]]]:
        """Yield (customer, conversations) until ``total`` conversations were written.

        Customers without conversations (events only) are yielded only when ``idle``.
        """
        return self._customers(total, idle, _COUNT_TABLE)

    def topup(self, total: int) -> Iterator[tuple[Customer, list[dict[str, Any]]]]:
        """Like ``customers`` after it: ``total`` more conversations by de/fr/es customers
        with one or two conversations each, about the intents ``TOPUP_INTENT_TABLE`` favours
        (see there why). It draws from the same random stream once ``customers`` is done,
        so the customers before it are the same with or without it."""
        self.world.language_table = lookup_table(TOPUP_LANGUAGES)
        self.intent_table = TOPUP_INTENT_TABLE
        return self._customers(total, False, _TOPUP_COUNT_TABLE)

    def _customers(
        self, total: int, idle: bool, counts: tuple[int, ...]
    ) -> Iterator[tuple[Customer, list[dict[str, Any]]]]:
        world, rng = self.world, self.world.rng
        remaining = total
        while remaining > 0:
            customer = world.new_customer()
            count = min(pick(rng, counts), remaining)
            times = sorted(self._moment() for _ in range(max(count, 1)))
            world.events = []
            world.open_account(customer, times[0])
            orders: list[Order] = []
            for _ in range(pick(rng, _BACKGROUND_TABLE)):
                placed = max(customer.since + DAY, self._moment() - 20 * DAY)
                orders.append(world.background_order(customer, placed))
            conversations = self._conversations(customer, times[:count], orders)
            remaining -= count
            if conversations or idle:
                yield customer, conversations

    def _moment(self) -> int:
        rng = self.world.rng
        day = _DAY_TABLE[int(rng.random() * len(_DAY_TABLE))]
        hour = _HOUR_TABLE[int(rng.random() * len(_HOUR_TABLE))]
        return WINDOW_START_TS + day * DAY + hour * HOUR + int(rng.random() * HOUR)

    def _conversations(
        self, customer: Customer, times: list[int], orders: list[Order]
    ) -> list[dict[str, Any]]:
        world, rng = self.world, self.world.rng
        pack = PACKS[customer.language]
        out: list[dict[str, Any]] = []
        prev: tuple[str, Facts, int, str, str] | None = None  # intent, facts, end, channel, id
        follow_next = False
        for i, planned in enumerate(times):
            followup, when = follow_next and prev is not None, planned
            if followup and prev is not None:
                intent = pick(rng, BY_NAME[prev[0]].followups)
                delay = (
                    (8 + rng.random() * 8) * DAY
                    if intent == "refund_request"
                    else (2 + rng.random() * 70) * HOUR
                )
                when = prev[2] + int(delay)
                for j in range(i + 1, len(times)):
                    times[j] = max(times[j], when + 6 * HOUR)
            else:
                intent = self.intent_table[int(rng.random() * len(self.intent_table))]
            when = min(when, REF_TS - 2 * HOUR)
            spec = BY_NAME[intent]
            follow_next = (
                i + 1 < len(times)
                and bool(spec.followups)
                and when + 12 * DAY < REF_TS
                and rng.random() < FOLLOWUP_RATE
            )
            facts = prepare(
                world,
                customer,
                intent,
                when,
                orders,
                prev[1].order if followup and prev else None,
                prev[2] if followup and prev else 0,
            )
            mood = pick(rng, _FOLLOWUP_MOOD if followup else MOOD_TABLE)
            channel = pick(rng, _CHANNEL_TABLE)
            if followup and prev is not None:
                while channel == prev[3]:
                    channel = pick(rng, _CHANNEL_TABLE)
            if channel == "phone" and not customer.phone:
                channel = "email" if not followup or (prev and prev[3] != "email") else "chat"
            secondary = None
            if not followup and rng.random() < SECONDARY_RATE:
                secondary = pick(rng, SECONDARY)
                if secondary == intent:
                    secondary = None
            length = pick(rng, _LENGTHS[channel])
            age = REF_TS - when
            if age < 10 * DAY and rng.random() < 0.95 - age / (11 * DAY):
                length = 1 if channel in ("email", "web") else 3  # today's queue: not answered yet
            if follow_next:
                length = min(
                    length, 1 + int(rng.random() * 2) if channel in ("email", "web") else 3
                )
            agent_id, agent = pick(rng, _AGENTS[customer.language, spec.group])
            plan = Plan(
                intent,
                spec.group,
                spec.stage != "any" or intent == "complaint_escalation",
                secondary,
                mood,
                channel,
                length,
                followup,
                follow_next,
                spec.bot,
                agent_id,
            )
            ctx = Context(customer, facts, when, prev[2] if followup and prev else 0, agent)
            composed = compose(pack, rng, plan, ctx, when)
            self.conversation_serial += 1
            conv_id = f"tkt_{scramble(self.conversation_serial, self.seed + 5)}"
            out.append(
                conversation_record(
                    rng,
                    conv_id,
                    customer,
                    plan,
                    composed,
                    facts,
                    ctx,
                    prev[4] if followup and prev else None,
                )
            )
            if not follow_next:
                settle(world, customer, intent, composed.last_ts, facts, orders)
            if secondary:
                settle_secondary(world, customer, secondary, composed.last_ts, facts)
            prev = (intent, facts, composed.last_ts, channel, conv_id)
        return out
