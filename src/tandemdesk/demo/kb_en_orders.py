# ruff: noqa: E501
"""English help-centre articles about orders, delivery and returns (Northwind's own policy).

The policies here are the ones agents quote in the demo conversations (30-day free returns,
refund within 5 business days of arrival, 14-day price promise), so retrieval can be
judged against answers that actually agree with the knowledge base.
"""

from __future__ import annotations

# (id, title, intents, tags, body)
Article = tuple[str, str, tuple[str, ...], tuple[str, ...], str]

ARTICLES: tuple[Article, ...] = (
    ("kb-returns-policy", "Our returns policy", ("return_request", "refund_request"), ("returns", "policy"), """
You can return anything you bought from Northwind Outfitters within **30 days** of delivery,
for any reason. Returns are free within the EU, the UK, Norway and Switzerland.

## What can be returned
- Unused items in their original condition, with tags attached.
- Footwear that has only been tried on indoors.
- Tents and sleeping bags that have not been used outdoors.

## What cannot be returned
- Gas cartridges (for safety reasons).
- Personalised items and opened hygiene products such as socks, unless faulty.

Summit members have **100 days** to return. Faulty items are covered by the warranty, not
by this policy: see "Warranty and repairs".
"""),
    ("kb-how-to-return", "How to return an item", ("return_request",), ("returns", "how-to"), """
1. Log in and open **My orders**.
2. Choose the order and click **Return item** next to the product.
3. Pick a reason and print the prepaid label (or show the QR code at the drop-off point).
4. Drop the parcel at any point of the carrier shown on the label.

You'll get an email when the parcel is scanned and another one when it reaches our
warehouse. Without an account? Use the order number and your email address on the
returns page.
"""),
    ("kb-refund-timing", "When will I get my refund?", ("refund_request", "return_request"), ("refunds", "returns"), """
We refund within **5 business days** after your return arrives at our warehouse. The
money goes back to the payment method you used:

| Payment method | Time until you see it |
|---|---|
| Card | 3-5 business days after the refund |
| PayPal | usually within 24 hours |
| Klarna | your invoice is adjusted within 2 days |
| Gift card | immediately, as a new gift card |

If the return was received more than 10 business days ago and you have not had the money,
contact us with your order number and we'll check with our payment provider.
"""),
    ("kb-shipping-times", "Delivery times and shipping costs", ("order_status", "product_question"), ("shipping", "delivery"), """
Orders placed before 14:00 on a working day leave our warehouse the same day.

| Destination | Delivery time | Cost |
|---|---|---|
| Germany, Austria, Netherlands, Belgium | 2-3 working days | free over €50, else €4.95 |
| France, Spain, Ireland, Denmark | 3-4 working days | free over €50, else €4.95 |
| UK, Norway, Sweden, Switzerland | 3-5 working days | free over €50, else €4.95 |

During sales and in December, allow one or two extra days. Duties for the UK, Norway and
Switzerland are included in our prices.
"""),
    ("kb-track-order", "How do I track my order?", ("order_status",), ("shipping", "tracking"), """
As soon as your order ships, we email you the carrier and a **tracking number**. You can
also find it under **My orders** > **Track parcel**.

Tracking can take up to 24 hours to show the first scan. If it has not changed for more
than 3 working days, or the estimated delivery date has passed, contact us with your order
number (it starts with NW-) and we'll ask the carrier.
"""),
    ("kb-delivery-problems", "Delivery failed, delayed or marked as delivered", ("delivery_problem", "order_status"), ("shipping", "delivery", "carriers"), """
## The carrier says nobody was home
Most carriers try again the next working day or leave the parcel at a pick-up point; the
card or the tracking page says which.

## The tracking shows an exception
An exception means the parcel is delayed (for example a damaged label or a busy depot).
We open an investigation with the carrier; if the parcel is not delivered within 5 working
days, we send a replacement or refund you.

## Marked as delivered but not received
Check with neighbours and your building's reception, and look for a delivery photo in the
tracking. If it's still missing after 48 hours, contact us and we'll start a trace.
"""),
    ("kb-damaged-item", "My item arrived damaged", ("damaged_item",), ("quality", "replacement"), """
We're sorry! Please send us a photo of the damage and of the parcel through the contact
form or by replying to your order confirmation. We'll send a **free replacement** straight
away, or refund you if you prefer. You don't need to return a damaged item unless we ask.
"""),
    ("kb-wrong-item", "I received the wrong item", ("wrong_item",), ("warehouse", "replacement"), """
Mix-ups happen rarely, but they happen. Tell us your order number and what you received.
We'll ship the right item at no cost and email you a free return label for the wrong one.
You have 30 days to send it back.
"""),
    ("kb-missing-item", "An item is missing from my parcel", ("missing_item",), ("warehouse", "shipping"), """
Large orders sometimes leave our warehouse in **more than one parcel**: check your shipping
emails for a second tracking number. If everything has arrived and an item listed on the
packing slip is missing, contact us and we'll send it separately free of charge.
"""),
    ("kb-cancel-order", "Cancelling an order", ("cancel_order",), ("orders",), """
You can cancel an order as long as it hasn't left our warehouse: open **My orders** and
click **Cancel order**, or ask our assistant in the chat. If the button is gone, the order
has shipped; you can still return it for free once it arrives.

The amount is refunded to your payment method within 3-5 business days; a card
pre-authorisation is simply released by your bank.
"""),
    ("kb-change-address", "Changing the delivery address", ("change_address",), ("orders", "shipping"), """
Until an order ships, we can change its delivery address: contact us with the order number
and the new address. Once it has shipped, the carrier's website usually lets you redirect
the parcel to a pick-up point or a neighbour.

To change the address for future orders, edit it under **My account** > **Addresses**.
"""),
    ("kb-size-exchange", "Exchanging for a different size", ("size_exchange",), ("returns", "exchanges"), """
Exchanges are free. Start a return under **My orders**, choose **Exchange** and the new
size; we reserve it for you and ship it as soon as the carrier scans your parcel. If the
new size is sold out, we refund you instead.
"""),
    ("kb-size-guide", "Size guide for clothing and footwear", ("size_exchange", "product_question"), ("sizing", "products"), """
Our clothing runs true to European sizes. Between two sizes? Take the larger one for shell
jackets (so a fleece fits underneath) and the smaller one for base layers.

For boots, measure your foot in the evening and add 1 cm for hiking socks. Our boots are
built on a medium-width last; the Alder Mid is slightly wider than the Granite Peak.
"""),
    ("kb-warranty", "Warranty and repairs", ("warranty_claim", "damaged_item"), ("warranty", "repairs"), """
Everything we sell has a **2-year warranty** against manufacturing faults. Tents,
backpacks and footwear from our own range are covered for **5 years**.

To make a claim, send us your order number, a short description and photos. We repair
where we can (zips, seams, buckles), replace when we can't, and refund if neither is
possible. Normal wear and damage from accidents aren't covered, but our repair service can
often help for a small fee.
"""),
    ("kb-price-promise", "Our 14-day price promise", ("price_match",), ("pricing",), """
If the price of an item drops on our website within **14 days** of your purchase, we
refund the difference. Contact us with your order number. We also match the price of an
identical item from an authorised retailer in your country, if it's in stock there.
The promise doesn't apply to clearance items or to competitors' member-only prices.
"""),
    ("kb-pickup-points", "Delivery to a pick-up point", ("order_status", "change_address"), ("shipping",), """
At checkout, choose **Pick-up point** and select a parcel shop or locker near you. We
email you when the parcel arrives there; you have 7 days to collect it with the code in
the email and a photo ID. Uncollected parcels come back to us and are refunded.
"""),
    ("kb-customs-duties", "Deliveries to the UK, Norway and Switzerland", ("order_status",), ("shipping", "customs"), """
Prices for the UK, Norway and Switzerland include import duties and VAT: you won't pay
anything on delivery. If a carrier asks you for a fee, please don't pay it and contact us.
Returns from these countries are free as well.
"""),
)  # fmt: skip
