# ruff: noqa: E501
"""More ways English-speaking customers word the same requests (written for tandemdesk).

``text_en`` has the shop's typical wording; this adds how people also write: terse, casual,
politely roundabout, dry ("taking the long way round"), with order numbers as ``104233``,
``nw104233`` or ``NW104233``. The demo's intent model learns from this history, so a
request worded in a way the phrase bank never used is a request it is unsure about; the
look-alike intents (delivery problems next to order status, a locked account next to a
password reset) get the same spread of registers, or the model would learn "casual means
where-is-my-order".
"""

from __future__ import annotations

from tandemdesk.demo.vocabulary import MoreTexts

MORE: MoreTexts = {
    "order_context": (
        "Order no. {order_digits}.", "Re: {order_lower}", "My order is {order_plain}.",
        "Order number: {order_digits}", "It's order {order_digits}, placed on {order_date}.",
    ),
    "asks": {
        "order_status": (
            "Any update on order {order_digits}? It's been a few days and I haven't heard anything.",
            "Has my order shipped yet? I never got a dispatch email.",
            "Just checking in on {order_lower}, is it on its way?",
            "Could you give me the tracking number for my order? I can't find it anywhere.",
            "I ordered on {order_date} and I'm wondering when I can expect it.",
            "Is my parcel still coming? Nothing in the post yet.",
            "Not to be impatient, but my order seems to be taking the long way round. Any news?",
            "What's the estimated delivery date for order {order}?",
            "Can you check whether {order_plain} has left your warehouse?",
            "My order still says processing, has it actually been sent?",
            "When should my {product} turn up?",
            "i ordered the {product} last week n still havent got it, when is it coming",
            "Has the {product} been posted yet? I'd love to know roughly when it will arrive.",
            "Is there a tracking link for my order? The confirmation email doesn't have one.",
            "Is the {product} on its way yet? I'd need it by the weekend.",
            "Just wondering if my order has gone out yet, thanks!",
        ),
        "password_reset": (
            "I can't remember my password. How do I get a new one?",
            "Could you send me a link to reset my password?",
            "The 'forgot password' email never reaches me. Is there another way to reset it?",
            "I need to change my password but the reset page just gives me an error.",
            "The reset link you emailed me doesn't open, it says the token is invalid.",
            "i need a new password, the reset mail doesnt come through",
        ),
        "invoice_request": (
            "Could I have a copy of the invoice for {order_digits}?",
            "My accountant needs a receipt for order {order}. Could you email it to me?",
            "Can you reissue the invoice for my order with my company name and VAT number?",
            "I can't find the invoice for my last order in my account, where is it?",
            "Please send me a receipt for the {product}.",
            "Is it possible to get an invoice made out to my employer for {order_lower}?",
        ),
        "return_request": (
            "I'd like to send back the {product}, what do I need to do?",
            "Can I still return something if I've opened the box?",
            "The {product} isn't for me after all. How do returns work?",
            "How long do I have to send something back?",
            "Do you have a returns form, or do I just post it back to you?",
            "I'd like to return part of order {order_digits}.",
            "the {product} isnt what i hoped, can i return it?",
        ),
        "loyalty_points": (
            "How many Club points do I have at the moment?",
            "My points for order {order_digits} never appeared. Could you check?",
            "When will the points from my last order show up?",
            "Can I use my Club points on my next order?",
            "I should have got {points} points for my last purchase but my balance hasn't moved.",
            "where are my club points for {order_lower}",
            "When are loyalty points added after delivery?",
        ),
        "newsletter_unsubscribe": (
            "I'd like to stop receiving your newsletter, please.",
            "Can you remove me from your marketing list? I get far too many emails.",
            "I clicked unsubscribe but I'm still getting promotional emails.",
            "Please don't send me any more offers by email.",
            "How do I turn off the promo emails but keep the order updates?",
            "no more newsletters please, my inbox is drowning",
            "Please remove my email address from your mailing list.",
            "Take my address off your promotional mailings, thanks.",
            "I don't want any more adverts by email.",
            "Please strike me off your mailing list.",
            "Where do I opt out of the promotional emails?",
        ),
        "delivery_problem": (
            "Tracking says it was delivered but I never got it.",
            "The driver left a note saying nobody was home, but I was in all day.",
            "My parcel is being sent back to you according to the tracking. Why?",
            "The tracking for {order_digits} has shown an error for days.",
            "The courier marked it as delivered to a neighbour I don't know.",
            "The courier says my address can't be found, but it's correct.",
            "{carrier} claims my address doesn't exist and is sending the parcel back.",
        ),
        "refund_request": (
            "You've had my return for over a week now, when do I get my money?",
            "Still waiting for the refund on {order_digits}.",
            "has my refund for the {product} gone through yet?",
        ),
        "account_access": (
            "I can't sign in to my account even with the right password.",
            "My account says it's locked, how do I unlock it?",
        ),
        "cancel_order": (
            "I want to cancel {order_digits}, I ordered it twice by mistake.",
            "Please stop order {order} before it's sent out.",
        ),
        "change_address": (
            "Can you send order {order_digits} to a different address? I'll be away that week.",
            "wrong postcode on {order_lower}, can you fix it before it ships?",
        ),
        "damaged_item": ("The {product} came with a broken zip.", "the {product} turned up smashed to bits"),
        "missing_item": ("One item from {order_digits} wasn't in the parcel.",),
        "subscription_change": ("How do I cancel my Summit plan?", "I'd like to downgrade my Club membership to the free tier.", "Please unsubscribe me from Summit, I don't want to pay monthly any more.", "How do I end my Summit subscription?", "I want to stop my paid Club plan and go back to Trail."),
        "data_deletion_request": ("Please erase my account and everything you store about me.", "Delete my customer account, please, and any data you hold on me.", "I'd like my account removed completely, not just the emails."),
        "product_question": ("Does the {product2} come in other colours?", "Does the {product2} run small or true to size?", "Is the {product2} suitable for a trek of several days?"),
        "promo_code": ("My voucher code {promo} won't apply at checkout.",),
        "billing_error": ("I was charged more than the price shown at checkout.",),
        "double_charge": ("The payment went through twice for {order_digits}.",),
        "size_exchange": ("Could I swap the {product} for one size up?",),
        "wrong_item": ("The parcel had something else in it, not my {product}.",),
        "payment_declined": ("My card keeps getting rejected at checkout.",),
        "gift_card_problem": ("The balance on my gift card isn't showing.",),
        "warranty_claim": ("The sole on my {product} has come off after a few months, is that covered?",),
        "complaint_escalation": ("I'd like to raise a formal complaint.",),
        "price_match": ("The {product} is on sale now, can I get the difference back?",),
    },
    "chats": {
        "order_status": (
            "has {order_lower} shipped yet", "tracking number for my order pls", "any eta on {order_digits}?",
            "wheres my stuff", "is my order on its way", "order {order_digits} - any news?",
            "hi when will my parcel come", "still nothing in the post...", "did my order go out yet?",
            "hey is {order_plain} dispatched", "when do i get my {product}", "eta for my order?",
        ),
        "password_reset": (
            "how do i reset my password", "no reset email", "pw reset link broken",
            "need a new password pls", "forgot my pwd", "reset link expired again",
        ),
        "invoice_request": (
            "invoice for {order_lower}?", "can i get a receipt", "need vat invoice",
            "receipt pls for {order_digits}", "how do i get my invoice",
        ),
        "return_request": (
            "how do returns work", "want to send this back", "return {order_lower} pls",
            "can i return it if i opened it", "return label?", "how long do i have to return",
        ),
        "loyalty_points": (
            "points balance?", "no points for {order_lower}", "when do points get added",
            "how do i use my points", "club points missing",
        ),
        "newsletter_unsubscribe": (
            "unsubscribe", "too many emails, stop pls", "take me off the mailing list",
            "how do i stop the newsletters", "no more promo emails",
        ),
        "delivery_problem": ("says delivered but its not here", "courier couldnt find my house", "parcel returned to sender??", "tracking says exception"),
        "refund_request": ("refund still not here", "when is my money coming back"),
        "account_access": ("cant sign in", "account locked again"),
        "cancel_order": ("cancel {order_lower} pls", "dont ship my order, cancel it"),
        "change_address": ("change delivery address on {order_lower}",),
        "damaged_item": ("arrived smashed",),
        "missing_item": ("something missing from my box",),
        "subscription_change": ("end my summit membership",),
        "data_deletion_request": ("close my account and delete my data",),
        "product_question": ("does the {product2} run small?",),
        "promo_code": ("promo {promo} not valid?",),
        "billing_error": ("wrong amount charged",),
        "double_charge": ("charged 2x",),
        "size_exchange": ("swap for a bigger size",),
        "wrong_item": ("this isnt what i ordered",),
    },
    "chat_order_replies": ("{order_digits}", "its {order_lower}", "order {order_plain}"),
}  # fmt: skip
