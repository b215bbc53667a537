# ruff: noqa: E501
"""English help-centre articles about accounts, payments, the Club, privacy and gear care."""

from __future__ import annotations

from tandemdesk.demo.kb_en_orders import Article

ARTICLES: tuple[Article, ...] = (
    ("kb-password-reset", "Resetting your password", ("password_reset",), ("account", "login"), """
1. On the login page, click **Forgot password?**
2. Enter the email address of your account.
3. Open the email from Northwind Outfitters and click the link within **60 minutes**.

## The email doesn't arrive
- Check your spam or promotions folder.
- Make sure you use the address you registered with (it may be an old one).
- Request only one link at a time: each new request makes the previous link invalid.

Still nothing after 15 minutes? Contact us and we'll send the link manually.
"""),
    ("kb-account-locked", "I can't log in / my account is locked", ("account_access", "password_reset"), ("account", "login", "security"), """
After **5 failed login attempts** we lock the account for 30 minutes to protect it. You
can wait, or reset your password to unlock it straight away.

If you changed your email address recently, log in with the new one. If you think someone
else has accessed your account, contact us immediately: we'll lock it and help you secure
it.
"""),
    ("kb-double-charge", "I've been charged twice", ("double_charge", "billing_error"), ("billing", "payments"), """
Often what looks like a double charge is a **pre-authorisation**: when a payment fails and
you try again, your bank may reserve the amount twice. The reservation that wasn't used
disappears by itself within 5-7 business days.

If both amounts have actually been **debited** (not "pending"), contact us with your order
number and a screenshot of your statement. We'll refund the duplicate the same day.
"""),
    ("kb-billing-errors", "The amount charged doesn't match my order", ("billing_error", "promo_code"), ("billing",), """
Compare your order confirmation (under **My orders**) with your statement. Common reasons
for a difference:
- a discount code that was entered but not applied;
- shipping costs for orders under €50;
- currency conversion by your bank for cards in another currency.

If we charged too much, we refund the difference to your payment method.
"""),
    ("kb-payment-methods", "Which payment methods can I use?", ("payment_declined", "product_question"), ("payments",), """
We accept Visa, Mastercard, American Express, PayPal, Apple Pay, Google Pay and Klarna
(pay in 30 days) in most countries. Payments are processed securely; we never see or
store your full card number.
"""),
    ("kb-payment-declined", "My payment was declined", ("payment_declined",), ("payments", "checkout"), """
Payments are declined by the bank, not by us. The most common reasons:
- the **3-D Secure** confirmation in your banking app timed out;
- the card's online or daily limit is reached;
- the billing address doesn't match the card.

A declined attempt is never charged; any reserved amount is released by your bank. Try
again, or use another method such as PayPal.
"""),
    ("kb-invoices", "Getting an invoice or a VAT invoice", ("invoice_request",), ("billing", "invoices"), """
Your invoice is emailed when your order ships and can be downloaded any time under
**My orders** > **Invoice**. For a company invoice with your VAT number, add the company
details at checkout, or contact us within 30 days of the order and we'll reissue it.
"""),
    ("kb-gift-cards", "Gift cards", ("gift_card_problem",), ("gift-cards", "payments"), """
Gift cards are sent by email within 15 minutes of payment, to the recipient's address if
you entered one, and are valid for **3 years**. Enter the code (NWGC-XXXX-XXXX) at
checkout under **Gift card or voucher**; the remaining balance stays on the card.

If the code is shown as invalid, check for mix-ups between O and 0. If it still doesn't
work, contact us with the code and we'll check it.
"""),
    ("kb-discount-codes", "My discount code doesn't work", ("promo_code",), ("promotions", "checkout"), """
- Only **one code per order** can be used, and codes don't apply to gift cards.
- Most codes have a minimum order value and an end date: see the email they came in.
- Welcome codes work for the first order of a new account only.

Forgot to enter a valid code? Contact us within 14 days of the order and we'll refund the
discount.
"""),
    ("kb-club-points", "Northwind Club points", ("loyalty_points",), ("loyalty", "club"), """
Every Club member earns **1 point per euro** spent. Points are credited **14 days after
delivery** (once the return period for most orders has passed) and are worth €0.05 each at
checkout. Points expire 24 months after they were earned. Your current balance is shown in
your account under **Club → My points**.

Points missing for an order that was delivered more than 14 days ago? Contact us with the
order number.
"""),
    ("kb-club-membership", "Club membership: Trail and Summit plans", ("subscription_change", "loyalty_points"), ("club", "subscription"), """
**Trail** is free: points, member prices and birthday vouchers.
**Summit** costs €4.99 a month: double points, free express shipping, 100-day returns
and a free repair every year.

You can switch to Trail or cancel Summit any time under **My account** > **Membership**;
the change takes effect at the end of the month you have paid for.
"""),
    ("kb-data-deletion", "Deleting your account and personal data (GDPR)", ("data_deletion_request",), ("privacy", "gdpr", "account"), """
You can ask us to delete your account and personal data at any time under **My account**
> **Privacy**, or by contacting us. We confirm the request and complete it within
**30 days**.

We have to keep invoices and order records required for accounting and tax law (usually
10 years), but they are no longer linked to a customer account or used for marketing.
"""),
    ("kb-privacy", "How we use your data", ("data_deletion_request", "newsletter_unsubscribe"), ("privacy", "gdpr"), """
We use your data to deliver your orders, handle returns and support requests and, if you
agreed, to send you our newsletter. Support conversations are kept for 3 years so we can
help you with warranty claims. You can ask for a copy of your data or its deletion at any
time.
"""),
    ("kb-newsletter", "Unsubscribing from emails", ("newsletter_unsubscribe",), ("marketing", "email"), """
Every newsletter has an **Unsubscribe** link at the bottom. You can also switch off
marketing emails under **My account** > **Communication**. It can take up to 48 hours
for emails that were already scheduled to stop. Order and shipping emails are always sent.
"""),
    ("kb-complaints", "How to make a complaint", ("complaint_escalation",), ("complaints", "escalation"), """
We're sorry if we've let you down. Reply to any of our emails or use the contact form and
write **complaint** in the subject: a team lead reads every complaint and answers within
**2 working days**. If you're not satisfied with our answer, you can contact the EU's
online dispute resolution platform or your national consumer centre.
"""),
    ("kb-tent-care", "Caring for your tent", ("product_question", "warranty_claim"), ("products", "care", "tents"), """
- Pitch the tent at home once before your trip to check all parts.
- Never pack it away wet for more than a day: mould damages the coating.
- Clean with lukewarm water and a sponge only, no detergents or washing machine.
- Store it loosely in a dry place, not in its compression bag.

Spare poles, pegs and repair kits are available for all our tents.
"""),
    ("kb-waterproof-ratings", "What waterproof ratings mean", ("product_question",), ("products", "waterproofing"), """
The hydrostatic head (in mm) tells how much water pressure a fabric withstands. 1,500 mm is
showerproof, 10,000 mm is waterproof in normal rain, 20,000 mm and more is for
long days in storms. Breathability (g/m²/24h) matters as much on the move. All our
"Shell" and "Rain" jackets are fully taped and waterproof; softshells are water-resistant
only.
"""),
    ("kb-down-care", "Washing down jackets and sleeping bags", ("product_question",), ("products", "care", "down"), """
Wash down at 30 °C on a gentle cycle with a special down wash, then tumble dry on low heat
with two clean tennis balls until completely dry (this can take three hours). Store
sleeping bags loosely in the large storage sack, never compressed.
"""),
    ("kb-boot-fit", "Breaking in hiking boots", ("product_question", "size_exchange"), ("products", "footwear"), """
Wear new boots around the house and on short walks for a week before a long hike.
Lace them firmly over the instep so your heel doesn't lift. Pressure points at the toes
usually mean the boot is too short: exchange them while they're unused.
"""),
)  # fmt: skip
