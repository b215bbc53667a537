"""Customers, their orders and the event history the shop records about them.

A conversation never invents facts: before it is written, the order it talks about is
brought to the state the intent needs (shipped for "where is my order", delivered for
"it arrived broken", returned for "where is my refund") and every step is recorded as an
event. What the agent promises (a refund, a replacement) is recorded after the
conversation, unless the customer had to come back, which is why they came back.

Two random streams: ``rng`` decides everything a conversation can mention; ``erng`` only
decorates events (devices, payment methods). Generating without events skips ``erng``
entirely and so yields exactly the same conversations, only faster.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from random import Random
from typing import Any

from tandemdesk.demo import catalog
from tandemdesk.demo.catalog import Product
from tandemdesk.demo.clock import DAY, HOUR, REF_TS, WINDOW_START_TS, iso
from tandemdesk.demo.intents import lookup_table
from tandemdesk.demo.vocabulary import pick

LANGUAGE_TABLE = lookup_table((("en", 60), ("de", 18), ("fr", 15), ("es", 7)))
COUNTRY_TABLE = {lang: lookup_table(rows, 100) for lang, rows in catalog.COUNTRIES.items()}
PAYMENT_METHODS = ("card", "card", "card", "paypal", "paypal", "klarna", "apple_pay")
DEVICES = ("web", "web", "ios", "android")


def scramble(serial: int, seed: int) -> str:
    """A unique, unordered-looking id (a bijection of the serial for a fixed seed)."""
    return f"{(serial * 0x9E3779B1 + seed * 0x85EBCA6B + 0x2545F491) & 0xFFFFFFFF:08x}"


def tracking_number(rng: Random, carrier: str, country: str) -> str:
    """A tracking number in the rough shape each carrier uses (random, not real)."""
    n = rng.getrandbits(60)
    if carrier == "DHL":
        return f"00340434{n % 10**12:012d}"
    if carrier in ("Royal Mail", "Correos", "An Post", "Posten", "Swiss Post"):
        letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
        return f"{letters[n % 23]}{letters[(n >> 5) % 23]}{n % 10**9:09d}{country}"
    if carrier in ("Colissimo", "Chronopost"):
        return f"6A{n % 10**11:011d}"
    if carrier == "PostNL":
        return f"3SNWO{n % 10**9:09d}"
    if carrier == "UPS":
        return f"1Z{n % 10**6:06d}68{(n >> 20) % 10**8:08d}"
    return f"{n % 10**14:014d}"


def size_for(product: Product, customer: Customer) -> str:
    """The size this customer buys this product in ("" when it has no sizes)."""
    if not product.sizing:
        return ""
    return customer.apparel if product.sizing == "apparel" else customer.shoe


@dataclass(slots=True)
class Customer:
    """A person who buys from the shop; ``ref`` is how events name them."""

    serial: int
    external_id: str
    first: str
    last: str
    email: str
    phone: str | None
    language: str
    country: str
    currency: str
    apparel: str  # people order their own size, again and again
    shoe: str
    since: int = 0
    ref: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class Order:
    """One order and the timestamps of its life so far (0 = has not happened)."""

    number: str
    placed: int
    items: list[tuple[Product, str]]
    total: int
    carrier: str
    tracking: str
    shipped: int = 0
    eta: int = 0
    delivered: int = 0
    exception: int = 0
    return_requested: int = 0
    return_received: int = 0
    cancelled: int = 0
    charged: int = 0  # what the card was debited (differs from total in a billing error)


class World:
    """The shared counters and random streams of one generated history."""

    def __init__(self, seed: int, with_events: bool) -> None:
        self.seed = seed
        self.rng = Random(seed)
        self.erng = Random(seed * 7919 + 17)
        self.with_events = with_events
        self.next_order = 104_000 + (seed % 97) * 10
        self.customer_serial = 0
        self.language_table = LANGUAGE_TABLE  # the mix new customers are drawn from
        self.event_serial = 0
        self.events: list[dict[str, Any]] = []

    # -- customers ---------------------------------------------------------------------------
    def new_customer(self) -> Customer:
        rng, serial = self.rng, self.customer_serial
        self.customer_serial += 1
        language = pick(rng, self.language_table)
        country = pick(rng, COUNTRY_TABLE[language])
        pool = catalog.NAME_POOL[country]
        first = pick(rng, catalog.FIRST_NAMES[pool])
        last = pick(rng, catalog.LAST_NAMES[pool])
        # The number makes every address unique without remembering the ones already used.
        number = (serial * 7919 + self.seed * 104_729) % 10_000 if serial < 10_000 else serial
        f, la = catalog.ascii_fold(first), catalog.ascii_fold(last)
        style = int(rng.random() * 4)
        local = (
            f"{f}.{la}{number}",
            f"{f}{la}{number}",
            f"{f[0]}.{la}.{number}",
            f"{la}.{f}{number}",
        )[style]
        email = f"{local}@{pick(rng, catalog.EMAIL_DOMAINS[country])}"
        phone = None
        if rng.random() < 0.55:
            digits = f"{(serial * 48_271_237 + self.seed * 7_919 + 12_345_678) % 100_000_000:08d}"
            code, mobile = catalog.PHONE_PREFIX[country]
            phone = f"{code} {mobile}{digits[:2]} {digits[2:5]} {digits[5:]}"
        external_id = f"cus_{scramble(serial, self.seed)}"
        apparel, shoes = catalog.SIZES["apparel"], catalog.SIZES["footwear"]
        customer = Customer(
            serial,
            external_id,
            first,
            last,
            email,
            phone,
            language,
            country,
            catalog.CURRENCY.get(country, "EUR"),
            apparel[1 + int(rng.random() * 4)],
            shoes[2 + int(rng.random() * 7)],
        )
        # the shop's own record of the person: everything it knows, so they are one customer
        customer.ref = {
            "external_id": external_id,
            "email": email,
            "name": f"{first} {last}",
            "language": language,
        }
        if phone:
            customer.ref["phone"] = phone
        return customer

    def open_account(self, customer: Customer, first_contact: int) -> None:
        """Account creation before the first contact, and a few logins (event-only)."""
        customer.since = first_contact - int(self.rng.random() * 3 * 365 * DAY) - 3 * DAY
        if not self.with_events:
            return
        erng = self.erng
        self.emit(
            customer,
            "account_created",
            customer.since,
            {"country": customer.country, "marketing_opt_in": erng.random() < 0.6},
        )
        for _ in range(int(erng.random() * 4)):
            when = WINDOW_START_TS + int(erng.random() * (REF_TS - WINDOW_START_TS))
            if when > customer.since:
                self.emit(customer, "login", when, {"device": pick(erng, DEVICES)})

    # -- events ------------------------------------------------------------------------------
    def emit(self, customer: Customer, kind: str, ts: int, data: dict[str, Any]) -> None:
        """Record an event, unless it lies after the demo's "today"."""
        if not self.with_events or ts > REF_TS:
            return
        self.event_serial += 1
        self.events.append(
            {
                "external_id": f"ev_{scramble(self.event_serial, self.seed + 1)}",
                "customer": customer.ref,
                "type": kind,
                "occurred_at": iso(ts),
                "data": data,
            }
        )

    def money_data(self, cents: int, customer: Customer) -> dict[str, Any]:
        return {"amount": round(cents / 100, 2), "currency": customer.currency}

    # -- orders ------------------------------------------------------------------------------
    def new_order(
        self,
        customer: Customer,
        placed: int,
        main: Product | None = None,
        n_items: int = 0,
        overcharge: bool = False,
        double_charge: bool = False,
    ) -> Order:
        """Place an order (and record it as paid); the main product comes first."""
        rng = self.rng
        products = catalog.PRODUCTS
        items: list[Product] = [main or pick(rng, products)]
        want = n_items or (1 if rng.random() < 0.6 else 2 if rng.random() < 0.75 else 3)
        while len(items) < want:
            extra = pick(rng, products)
            if extra not in items:
                items.append(extra)
        sized = [(p, size_for(p, customer)) for p in items]
        total = sum(p.price for p in items)
        if total < 5000:
            total += 495  # shipping below the free-shipping threshold
        self.next_order += 1 + int(rng.random() * 3)
        carrier = pick(rng, catalog.CARRIERS[customer.country])
        order = Order(
            f"{catalog.ORDER_PREFIX}{self.next_order}",
            placed,
            sized,
            total,
            carrier,
            tracking_number(rng, carrier, customer.country),
        )
        order.charged = total + (round(total * (0.1 + rng.random() * 0.1)) if overcharge else 0)
        if self.with_events:
            erng = self.erng
            method = pick(erng, PAYMENT_METHODS)
            self.emit(
                customer,
                "order_placed",
                placed,
                {
                    "order_number": order.number,
                    "items": [
                        {
                            "sku": p.sku,
                            "name": p.name,
                            "size": s or None,
                            "qty": 1,
                            "unit_price": round(p.price / 100, 2),
                        }
                        for p, s in sized
                    ],
                    "total": round(total / 100, 2),
                    "currency": customer.currency,
                    "shipping_country": customer.country,
                    "payment_method": method,
                },
            )
            paid = order.charged
            for attempt in range(2 if double_charge else 1):
                self.emit(
                    customer,
                    "payment_captured",
                    placed + 20 + attempt * int(40 + erng.random() * 120),
                    {
                        "order_number": order.number,
                        **self.money_data(paid, customer),
                        "payment_id": f"pay_{scramble(self.event_serial + 1, self.seed + 2)}",
                        "method": method,
                    },
                )
        return order

    def ship(self, customer: Customer, order: Order, before: int, after: int = 0) -> None:
        """Hand the order to the carrier some hours after it was placed (before ``before``).

        ``after`` holds it back, e.g. until the address change the customer asked for.
        """
        if order.shipped:
            return
        rng = self.rng
        order.shipped = min(order.placed + int((6 + rng.random() * 30) * HOUR), before - HOUR)
        order.shipped = max(order.shipped, after)
        order.eta = order.shipped + int((2 + rng.random() * 2) * DAY)
        self.emit(
            customer,
            "order_shipped",
            order.shipped,
            {
                "order_number": order.number,
                "carrier": order.carrier,
                "tracking_number": order.tracking,
                "eta": iso(order.eta)[:10],
            },
        )

    def deliver(self, customer: Customer, order: Order, before: int) -> None:
        if order.delivered:
            return
        self.ship(customer, order, before)
        order.delivered = min(order.eta - int(self.rng.random() * 10 * HOUR), before - HOUR)
        order.delivered = max(order.delivered, order.shipped + HOUR)
        self.emit(
            customer,
            "order_delivered",
            order.delivered,
            {
                "order_number": order.number,
                "carrier": order.carrier,
                "tracking_number": order.tracking,
            },
        )

    def receive_return(self, customer: Customer, order: Order, before: int, after: int = 0) -> None:
        """The customer asked to return the main item and the warehouse received it."""
        self.deliver(customer, order, before)
        rng = self.rng
        product = order.items[0][0]
        if not order.return_requested:
            span = max(HOUR, before - order.delivered - 4 * DAY)
            order.return_requested = order.delivered + int(rng.random() * span) + HOUR
            if after:  # asked how to return in an earlier conversation
                order.return_requested = max(order.return_requested, after + HOUR)
            self.emit(
                customer,
                "return_requested",
                order.return_requested,
                {"order_number": order.number, "sku": product.sku, "reason": "changed_mind"},
            )
        if not order.return_received:
            order.return_received = min(
                order.return_requested + int((2 + rng.random() * 4) * DAY), before - HOUR
            )
            self.emit(
                customer,
                "return_received",
                order.return_received,
                {"order_number": order.number, "sku": product.sku},
            )

    def background_order(self, customer: Customer, placed: int) -> Order:
        """An order nobody wrote about: the quiet majority of a customer's history."""
        order = self.new_order(customer, placed)
        if placed + 5 * DAY < REF_TS:
            self.deliver(customer, order, placed + 5 * DAY)
            if self.with_events and customer.serial % 3 == 0:
                self.emit(
                    customer,
                    "loyalty_points_earned",
                    order.delivered + 14 * DAY,
                    {"order_number": order.number, "points": order.total // 100},
                )
        return order
