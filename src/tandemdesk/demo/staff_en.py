# ruff: noqa: E501
"""English agent and assistant replies for the demo.

Each answer states the facts that the customer's event history holds (carrier, tracking
number, refund amount), so a demo reply can be checked against the timeline next to it.
"""

from __future__ import annotations

from tandemdesk.demo.vocabulary import StaffTexts

STAFF: StaffTexts = {
    "agent_greet": ("Hi {first},", "Hello {first},", "Dear {first} {last},", "Hi {first}!"),
    "chat_hello": ("Hi {first}, {agent} here from the {company} team.", "Hi {first}! This is {agent}, I'll take it from here.", "Hello {first}, my name is {agent}."),
    "empathy": {
        "calm": ("Thanks for reaching out!", "Thanks for your message.", "Thanks for your patience."),
        "neutral": ("Thanks for contacting us.", "Thank you for getting in touch."),
        "upset": (
            "I'm really sorry about this, I can understand how frustrating it is.",
            "I'm sorry we've let you down here.", "I completely understand your frustration, and I'm sorry.",
        ),
        "distressed": (
            "I'm so sorry you're having to deal with this, and thank you for telling me what's going on. I'll do everything I can to make this easy for you.",
            "I understand this is stressful, and I've made your case a priority.",
            "Please don't worry, I'm on it and I'll keep you updated personally.",
        ),
        "abusive": (
            "I understand you're upset, and I do want to help. I'd ask that we keep things respectful so I can sort this out for you.",
            "I can see this has been frustrating. I'm happy to help, but please keep the conversation respectful towards our team.",
        ),
    },
    "body": {
        "order_status": (
            "I've checked your order {order}: it was shipped on {ship_date} with {carrier} (tracking number {tracking}) and is expected to arrive by {eta}.",
            "Your parcel is on its way with {carrier}. You can follow it with tracking number {tracking}; the current estimate is {eta}.",
            "Good news: order {order} is with {carrier} and should reach you by {eta}. Tracking: {tracking}.",
        ),
        "delivery_problem": (
            "I've contacted {carrier} about parcel {tracking}. They've confirmed a delay at their depot and will deliver by {eta}. If it doesn't arrive by then, we'll send a replacement straight away.",
            "I've opened an investigation with {carrier} for tracking number {tracking} and arranged a new delivery attempt, expected by {eta}.",
        ),
        "damaged_item": (
            "I'm sorry the {product} arrived damaged. I've sent a free replacement today; you'll get the tracking number by email shortly. There's no need to send the damaged one back.",
            "I've arranged a replacement {product} for you at no cost. Please keep or recycle the damaged item.",
        ),
        "return_request": (
            "You can return the {product} within 30 days. I've emailed you a prepaid return label; just drop the parcel at any {carrier} point. Once it reaches our warehouse, we'll refund {amount} within 5 business days.",
            "I've created a return for the {product} on order {order}. The label is in your inbox, and returns are free for you.",
        ),
        "refund_request": (
            "I've checked and your return has arrived. I've just issued the refund of {amount}; depending on your bank it can take 3-5 business days to show up.",
            "The refund of {amount} for order {order} was processed today. You should see it on your statement within a few days.",
        ),
        "billing_error": (
            "You're right, the discount wasn't applied correctly. I've refunded the difference of {diff} to your original payment method.",
            "I've looked into this: you were charged {charged} instead of {amount}. The difference of {diff} has been refunded today.",
        ),
        "double_charge": (
            "I can see two payments of {amount} for order {order}. The second one was a duplicate and I've refunded it today; it should be back on your card within 3-5 business days.",
            "Sorry about the duplicate charge. I've refunded the extra {amount} today.",
        ),
        "cancel_order": (
            "I've cancelled order {order} before it left our warehouse. The full amount of {amount} will be refunded within 3-5 business days.",
            "Your order {order} is cancelled and the {amount} will be refunded to your original payment method.",
        ),
        "change_address": (
            "I've updated the delivery address for order {order} to your new address in {city}. It hasn't shipped yet, so it will go straight there.",
            "Done: order {order} will now be delivered to your address in {city}.",
        ),
        "password_reset": (
            "I've sent you a new password reset link. It's valid for 60 minutes; if you can't see it, please check your spam folder.",
            "I've reset the login on your account; you'll get an email with a link to set a new password.",
        ),
        "account_access": (
            "Your account was locked after several failed login attempts. I've unlocked it now, so you can log in again or use 'Forgot password' to set a new one.",
            "I've unlocked your account. For your security, I'd recommend setting a new password.",
        ),
        "product_question": (
            "Great question! The {product2} is one of our most popular items. All the specifications are on the product page, and if you tell me more about your trip I'm happy to help you choose.",
            "The {product2} is designed for three-season use and is covered by our 2-year warranty. Compared to the {product}, it's a bit heavier but more durable.",
        ),
        "size_exchange": (
            "No problem! I've set up an exchange from {size} to {new_size} for the {product}. Use the prepaid label in your email to send the {size} back; we'll ship the {new_size} as soon as it's scanned.",
            "I've reserved the {product} in {new_size} for you. Once we receive the {size}, we'll send it out.",
        ),
        "wrong_item": (
            "I'm sorry we sent the {product2} instead of the {product}. I've shipped the correct item today and emailed you a free return label for the {product2}.",
            "That was our mistake. The {product} is on its way to you now; please send the {product2} back with the free label I've emailed you.",
        ),
        "missing_item": (
            "I'm sorry the {product2} was missing from your parcel. I've sent it separately today at no charge.",
            "Our warehouse confirmed the {product2} wasn't packed. It's been shipped today and you'll get a tracking number by email.",
        ),
        "warranty_claim": (
            "Your {product} is covered by our 2-year warranty. I've opened a warranty claim; please send us a couple of photos of the problem and we'll arrange a repair or a replacement.",
            "I've registered a warranty claim for your {product}. Our repair team will contact you within 3 business days.",
        ),
        "gift_card_problem": (
            "I've checked gift card {giftcode}: there was an issue on our side. I've reissued it with the full balance and sent the new code to your email.",
            "The gift card {giftcode} was blocked by mistake. I've reissued it, and the new code is in your inbox.",
        ),
        "price_match": (
            "Good news: the {product} is covered by our 14-day price promise. I've refunded the difference of {diff} to your original payment method.",
            "I've applied our price promise to order {order} and refunded {diff}.",
        ),
        "invoice_request": (
            "I've attached the invoice for order {order}. You can also download all invoices under 'My orders' in your account.",
            "I've emailed you a VAT invoice for order {order}. If you need your company name added, just reply with the details.",
        ),
        "data_deletion_request": (
            "We've received your request to delete your account and personal data. We'll complete it within 30 days and confirm by email. Please note that we must keep invoices for legal accounting reasons.",
            "Your erasure request has been registered. Your account will be deleted within 30 days; you'll receive a confirmation when it's done.",
        ),
        "complaint_escalation": (
            "I'm sorry for how this has been handled. I've escalated your case to our customer care lead, who will personally follow up within 24 hours. As an apology, I've added a voucher to your account.",
            "Thank you for telling us. Your complaint about order {order} is now with our team lead, and you'll hear from her by tomorrow.",
        ),
        "loyalty_points": (
            "I've added the missing {points} Club points for order {order} to your account.",
            "Points usually appear 14 days after delivery, but I've credited the {points} points for order {order} manually.",
        ),
        "subscription_change": (
            "I've switched your membership to the free Trail plan, so you won't be charged again. You'll keep your Summit benefits until the end of the current month.",
            "Your Summit membership is cancelled and you're now on the free Trail plan.",
        ),
        "payment_declined": (
            "The payment was declined by your bank's 3-D Secure check, not by us. Please try again or use another payment method; the reserved amount will be released automatically.",
            "I can see the failed attempts. Your bank declined them, so nothing was charged. Paying by PayPal or another card usually works straight away.",
        ),
        "promo_code": (
            "The code {promo} should have worked on your order. I've refunded the discount of {diff} to you.",
            "I've applied {promo} to order {order} after the fact and refunded {diff}.",
        ),
        "newsletter_unsubscribe": (
            "I've removed your email address from all marketing emails. It can take up to 48 hours for emails already scheduled to stop.",
            "Done: you won't receive our newsletter any more.",
        ),
    },
    "also_done": ("Regarding your other question, I've taken care of that as well.", "I've also looked into your second question and sorted it.", "And your other request is done too."),
    "followup": (
        "I'm sorry it's still not resolved. I've escalated this to my team lead and we'll get back to you within 24 hours.",
        "Thanks for letting me know. I've checked again and passed this to our specialist team, who will contact you directly.",
        "I understand, and I'm sorry. I've now handled this personally and will keep an eye on it until it's sorted.",
    ),
    "final": ("You're very welcome! Have a great day.", "Glad I could help. Enjoy your gear!", "Happy to help, have a lovely trip!", "My pleasure!"),
    "close": ("Let me know if there's anything else I can do.", "If you have any other questions, just reply to this email.", "Is there anything else I can help you with?"),
    "sign": ("Best regards,\n{agent}\n{company} Customer Care", "Kind regards,\n{agent}", "Cheers,\n{agent} | {company}"),
    "phone_hello": ("Thanks for calling {company}, this is {agent}.", "{company} customer care, {agent} speaking.", "Hi, you're through to {agent} at {company}."),
    "bot_greet": ("Hi! I'm {bot}, {company}'s virtual assistant.", "Hello {first}! I'm {bot}, the digital assistant.", "Hi there, {bot} here."),
    "bot_answer": {
        "order_status": ("Your order {order} is on its way with {carrier}. Tracking number: {tracking}. Expected delivery: {eta}.",),
        "return_request": ("You can start a return for the {product} under 'My orders' > 'Return item'. Returns are free within 30 days.",),
        "cancel_order": ("Order {order} hasn't shipped yet, so I've cancelled it for you. The refund of {amount} is on its way.",),
        "password_reset": ("I've sent a password reset link to your email address. It's valid for 60 minutes.",),
        "change_address": ("I've updated the delivery address for order {order} to {city}.",),
        "invoice_request": ("You can download the invoice for order {order} under 'My orders' > 'Invoice'. I've also emailed it to you.",),
        "loyalty_points": ("Club points are added 14 days after delivery. For order {order} you'll receive {points} points.",),
        "newsletter_unsubscribe": ("Done! I've unsubscribed you from our newsletter.",),
    },
    "bot_handoff": ("I'll connect you with a colleague who can help with this.", "Let me pass you on to a member of our team, it usually takes a couple of minutes.", "I'm handing you over to a person now."),
    "bot_ask_order": ("Could you give me your order number? It starts with NW-.", "What's your order number, please?"),
}  # fmt: skip
