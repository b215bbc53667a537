"""Bring a customer's history to the point a conversation needs, and record its outcome.

``prepare`` runs before the conversation: it picks or creates the order the customer writes
about and makes the events say what the customer will say (shipped on that date, delivered,
charged twice). ``settle`` runs after it and records what the agent promised (refund,
replacement, address change), so the next conversation or an analyst sees the same story.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tandemdesk.demo import catalog
from tandemdesk.demo.catalog import Product
from tandemdesk.demo.clock import DAY, HOUR, REF_TS, iso
from tandemdesk.demo.intents import BY_NAME
from tandemdesk.demo.vocabulary import pick
from tandemdesk.demo.world import Customer, Order, World, scramble, tracking_number

PROMO_CODES = ("WELCOME10", "TRAIL15", "SPRING20", "CLUB10", "NEWSLETTER10", "AUTUMN15")


@dataclass(slots=True)
class Facts:
    """What a conversation can quote: the order, amounts, codes, and the promised date."""

    order: Order
    product: Product
    size: str
    product2: Product
    new_size: str
    amount: int
    diff: int
    giftcode: str
    promo: str
    city: str
    days: int
    promised: int  # when the agent says it will arrive


def _order_hash(order: Order, seed: int) -> int:
    """A stable number per order, so a follow-up quotes the same codes, sizes and items."""
    return (int(order.number[len(catalog.ORDER_PREFIX) :]) * 2654435761 + seed) & 0xFFFFFFFF


def _other_product(order: Order, h: int) -> Product:
    products = catalog.PRODUCTS
    index = h % len(products)
    while any(products[index] is p for p, _ in order.items):
        index = (index + 1) % len(products)
    return products[index]


def _latest_delivered(orders: list[Order], before: int) -> Order | None:
    best: Order | None = None
    for order in orders:
        if (
            order.delivered
            and order.delivered < before
            and not order.cancelled
            and (best is None or order.delivered > best.delivered)
        ):
            best = order
    return best


def _ensure(
    world: World, customer: Customer, order: Order, stage: str, when: int, after: int
) -> None:
    """Advance an order to the state ``stage`` describes, with every step before ``when``."""
    if stage == "in_transit":
        world.ship(customer, order, when)
    elif stage in ("delivered", "old"):
        world.deliver(customer, order, when)
    elif stage == "returned":
        world.receive_return(customer, order, when, after)


def prepare(
    world: World,
    customer: Customer,
    intent: str,
    when: int,
    orders: list[Order],
    follow: Order | None,
    after: int = 0,
) -> Facts:
    """Find or create the order this conversation is about and record its history."""
    rng = world.rng
    stage = BY_NAME[intent].stage
    if follow is not None:
        order = follow
    elif stage == "placed":
        order = world.new_order(customer, when - int((0.3 + rng.random() * 14) * HOUR))
    elif stage == "in_transit":
        order = world.new_order(customer, when - int((3 + rng.random() * 5) * DAY))
    elif stage == "returned":
        order = world.new_order(customer, when - int((20 + rng.random() * 20) * DAY))
    elif stage == "old":
        placed = when - int((120 + rng.random() * 210) * DAY)
        order = world.new_order(customer, placed, pick(rng, catalog.DURABLE))
    elif stage == "delivered":
        placed = when - int((5 + rng.random() * 20) * DAY)
        main = pick(rng, catalog.SIZED) if intent == "size_exchange" else None
        order = world.new_order(
            customer,
            placed,
            main,
            n_items=2 if intent == "missing_item" else 0,
            overcharge=intent == "billing_error",
            double_charge=intent == "double_charge",
        )
    else:
        found = _latest_delivered(orders, when - DAY)
        if found is None:
            found = world.background_order(customer, when - int((10 + rng.random() * 50) * DAY))
        order = found
    if follow is None and order not in orders:
        orders.append(order)
    _ensure(world, customer, order, stage, when, after)

    h = _order_hash(order, world.seed)
    product, size = order.items[0]
    if intent == "missing_item" and len(order.items) > 1:
        product2 = order.items[1][0]
    else:
        product2 = _other_product(order, h)
    if not size:
        size = customer.apparel
    scale = catalog.SIZES["footwear" if size.startswith("EU") else "apparel"]
    position = scale.index(size)
    new_size = (
        scale[position + 1]
        if (h >> 8) % 10 < 7 and position + 1 < len(scale)
        else scale[position - 1]
    )

    amount = order.total
    diff = 0
    if intent in ("return_request", "refund_request", "price_match"):
        amount = product.price
    if intent == "billing_error":
        diff = order.charged - order.total
    elif intent == "price_match":
        diff = round(product.price * (10 + (h >> 16) % 16) / 100)
    elif intent == "promo_code":
        diff = round(order.total * 0.1)
    code = f"{h ^ 0x5A5A5A5A:08X}"
    if stage == "in_transit":
        anchor = order.shipped
    elif stage == "returned":
        anchor = order.return_received
    elif stage in ("delivered", "old"):
        anchor = order.delivered
    else:
        anchor = order.placed
    facts = Facts(
        order,
        product,
        size,
        product2,
        new_size,
        amount,
        diff,
        f"NWGC-{code[:4]}-{code[4:]}",
        PROMO_CODES[h % len(PROMO_CODES)],
        catalog.CITIES[customer.country][(h >> 12) % len(catalog.CITIES[customer.country])],
        max(1, (when - anchor) // DAY),
        max(order.eta, when + DAY),
    )
    if intent == "delivery_problem" and not order.exception:
        order.exception = min(order.shipped + int((1 + rng.random()) * DAY), when - HOUR)
        world.emit(
            customer,
            "delivery_exception",
            order.exception,
            {
                "order_number": order.number,
                "carrier": order.carrier,
                "tracking_number": order.tracking,
                "reason": ("delivery_attempt_failed", "delayed_at_depot", "address_not_found")[
                    order.exception % 3
                ],
            },
        )
    if world.with_events:
        _before(world, customer, intent, when, facts)
    return facts


def _before(world: World, customer: Customer, intent: str, when: int, facts: Facts) -> None:
    """Event-only traces that lead up to the conversation (failed logins, declined cards)."""
    erng, emit = world.erng, world.emit
    if intent == "password_reset":
        for i in range(1 + int(erng.random() * 3)):
            emit(
                customer,
                "password_reset_requested",
                when - (i + 1) * int(600 + erng.random() * 1800),
                {},
            )
    elif intent == "account_access":
        for i in range(3):
            emit(customer, "login_failed", when - 1800 + i * 60, {"reason": "wrong_password"})
        emit(customer, "account_locked", when - 1600, {"reason": "too_many_attempts"})
    elif intent == "gift_card_problem":
        emit(
            customer,
            "gift_card_purchased",
            when - int((2 + erng.random() * 20) * DAY),
            {"code": facts.giftcode, **world.money_data(5000, customer)},
        )
    elif intent == "payment_declined":
        for i in range(1 + int(erng.random() * 3)):
            emit(
                customer,
                "payment_failed",
                when - 900 + i * 120,
                {
                    **world.money_data(facts.order.total, customer),
                    "attempt": i + 1,
                    "reason": ("insufficient_funds", "3ds_failed", "card_declined")[i % 3],
                },
            )
    elif intent == "subscription_change":
        emit(
            customer,
            "subscription_renewed",
            when - int(erng.random() * 3 * DAY),
            {"plan": "Summit", **world.money_data(catalog.CLUB_PRICE, customer)},
        )
    elif intent == "promo_code":
        emit(
            customer,
            "promo_code_rejected",
            facts.order.placed - 60,
            {"code": facts.promo, "order_number": facts.order.number},
        )


def settle(
    world: World, customer: Customer, intent: str, when: int, facts: Facts, orders: list[Order]
) -> None:
    """Record what the answer promised (only when the customer did not have to come back)."""
    rng, order = world.rng, facts.order
    if intent in ("order_status", "delivery_problem") and not order.delivered:
        order.delivered = max(facts.promised - 3 * HOUR, when + 2 * HOUR)
        world.emit(
            customer,
            "order_delivered",
            order.delivered,
            {
                "order_number": order.number,
                "carrier": order.carrier,
                "tracking_number": order.tracking,
            },
        )
    elif intent == "cancel_order":
        order.cancelled = when + 900
    elif intent == "change_address" and not order.shipped:
        world.ship(customer, order, when + 2 * DAY, after=when + HOUR)
    elif intent in ("product_question", "payment_declined") and rng.random() < 0.4:
        placed = when + int((1 + rng.random() * 48) * HOUR)
        if placed < REF_TS:
            orders.append(world.background_order(customer, placed))
    if world.with_events:
        _after(world, customer, intent, when, facts)


def _after(world: World, customer: Customer, intent: str, when: int, facts: Facts) -> None:
    erng, emit, order = world.erng, world.emit, facts.order
    number, sku = order.number, facts.product.sku

    def refund(cents: int, at: int) -> None:
        emit(
            customer,
            "order_refunded",
            at,
            {
                "order_number": number,
                **world.money_data(cents, customer),
                "refund_id": f"re_{scramble(world.event_serial, world.seed + 3)}",
            },
        )

    def soon(hours: float = 2.0) -> int:
        return when + int((0.1 + erng.random() * hours) * HOUR)

    if intent in ("damaged_item", "wrong_item", "missing_item", "size_exchange"):
        replacement = facts.product2 if intent == "missing_item" else facts.product
        if intent == "size_exchange":
            emit(
                customer,
                "exchange_created",
                soon(0.3),
                {
                    "order_number": number,
                    "sku": sku,
                    "from_size": facts.size,
                    "to_size": facts.new_size,
                },
            )
        emit(
            customer,
            "replacement_shipped",
            soon(20) + (4 * DAY if intent == "size_exchange" else 0),
            {
                "order_number": number,
                "sku": replacement.sku,
                "carrier": order.carrier,
                "tracking_number": tracking_number(erng, order.carrier, customer.country),
            },
        )
    elif intent == "return_request":
        emit(
            customer,
            "return_requested",
            soon(0.3),
            {"order_number": number, "sku": sku, "reason": "changed_mind"},
        )
        received = when + int((3 + erng.random() * 5) * DAY)
        emit(customer, "return_received", received, {"order_number": number, "sku": sku})
        refund(facts.amount, received + DAY)
    elif intent in ("refund_request",):
        refund(facts.amount, soon(20))
    elif intent == "double_charge":
        refund(order.charged, soon(20))
    elif intent in ("billing_error", "price_match", "promo_code"):
        refund(facts.diff, soon(20))
    elif intent == "cancel_order":
        emit(
            customer,
            "order_cancelled",
            when + 900,
            {"order_number": number, "reason": "customer_request"},
        )
        refund(order.total, when + DAY)
    simple: dict[str, tuple[str, dict[str, Any]]] = {
        "change_address": (
            "address_changed",
            {"order_number": number, "city": facts.city, "country": customer.country},
        ),
        "password_reset": ("password_changed", {}),
        "account_access": ("account_unlocked", {}),
        "warranty_claim": ("warranty_claim_opened", {"order_number": number, "sku": sku}),
        "gift_card_problem": ("gift_card_reissued", {"old_code": facts.giftcode}),
        "invoice_request": ("invoice_sent", {"order_number": number}),
        "data_deletion_request": ("data_deletion_requested", {"due": iso(when + 30 * DAY)[:10]}),
        "complaint_escalation": ("goodwill_credit_issued", world.money_data(1500, customer)),
        "loyalty_points": (
            "loyalty_points_adjusted",
            {"order_number": number, "points": order.total // 100},
        ),
        "subscription_change": ("plan_changed", {"from": "Summit", "to": "Trail"}),
        "newsletter_unsubscribe": ("marketing_opt_out", {}),
    }
    if intent in simple:
        kind, data = simple[intent]
        emit(customer, kind, soon(), data)


def settle_secondary(
    world: World, customer: Customer, intent: str, when: int, facts: Facts
) -> None:
    """The second issue of a two-issue message is handled in the same reply."""
    if not world.with_events:
        return
    kinds: dict[str, tuple[str, dict[str, Any]]] = {
        "change_address": ("address_changed", {"city": facts.city, "country": customer.country}),
        "newsletter_unsubscribe": ("marketing_opt_out", {}),
        "invoice_request": ("invoice_sent", {"order_number": facts.order.number}),
        "loyalty_points": (
            "loyalty_points_adjusted",
            {"order_number": facts.order.number, "points": facts.order.total // 100},
        ),
        "password_reset": ("password_reset_requested", {}),
    }
    if intent in kinds:
        kind, data = kinds[intent]
        world.emit(customer, kind, when + int((0.2 + world.erng.random()) * HOUR), data)
