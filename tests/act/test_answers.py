"""Grounded answers: facts from a realistic timeline, placeholders, language, and the refusals.

The refusals matter as much as the answers: an automated reply must never guess a fact, answer
in a language the policy does not allow, or cheerfully say "on its way" about a parcel the
timeline shows was delivered — each of those returns a ``NoAnswer`` with a readable reason.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from tandemdesk.act.answers import (
    Answer,
    AnswerRules,
    KnowledgeBase,
    KnowledgeItem,
    NoAnswer,
    compose_answer,
    facts_from_timeline,
    item_from_article,
    mentioned_order_number,
)
from tandemdesk.act.answers_fill import format_amount, format_day
from tandemdesk.models import Article, Customer, CustomerEvent

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
TRACKING = "00340434161094042557"

WISMO_EN = KnowledgeItem(
    id="mac-wismo",
    kind="macro",
    title="Where is my order (in transit)",
    body=(
        "Hi {{customer.first_name}},\n\nYour order {{order.number}} shipped with "
        "{{shipment.carrier}} and is on its way. Tracking number: {{shipment.tracking_number}}; "
        "estimated delivery: {{shipment.eta}}.\n\nBest regards,\n{{agent.first_name}}"
    ),
    language="en",
    intents=("order_status",),
    placeholders=(
        "customer.first_name",
        "order.number",
        "shipment.carrier",
        "shipment.tracking_number",
        "shipment.eta",
        "agent.first_name",
    ),
)
WISMO_DE = KnowledgeItem(
    id="mac-wismo-de",
    kind="macro",
    title="Wo ist meine Bestellung (unterwegs)",
    body=(
        "Hallo {{customer.first_name}},\n\nIhre Bestellung {{order.number}} ist mit "
        "{{shipment.carrier}} unterwegs. Sendungsnummer: {{shipment.tracking_number}}, "
        "voraussichtliche Zustellung: {{shipment.eta}}.\n\nViele Grüße\n{{agent.first_name}}"
    ),
    language="de",
    intents=("order_status",),
)
TRACK_ARTICLE = KnowledgeItem(
    id="kb-track-order",
    kind="article",
    title="How do I track my order?",
    body="As soon as your order ships, we email you the carrier and a tracking number. "
    "You can also find it under My orders > Track parcel.",
    language="en",
    intents=("order_status",),
)
REFUND_MACRO = KnowledgeItem(
    id="mac-refund",
    kind="macro",
    title="Refund issued",
    body="Hi {{customer.first_name}}, your refund of {{refund.amount}} for order "
    "{{order.number}} has been issued.",
    language="en",
    intents=("refund_request",),
)
RETURNS_ARTICLE = KnowledgeItem(
    id="kb-how-to-return",
    kind="article",
    title="How to return an item",
    body="Log in, open My orders, choose the order and click Return item. Print the prepaid "
    "return label and drop the parcel at any carrier point.",
    language="en",
    intents=("return_request",),
)
PASSWORD_ARTICLE = KnowledgeItem(
    id="kb-password-reset",
    kind="article",
    title="Resetting your password",
    body="On the login page, click Forgot password? and enter the email address of your "
    "account. Open the email and click the reset link within 60 minutes.",
    language="en",
    intents=("password_reset",),
)
KB = KnowledgeBase(
    [WISMO_EN, WISMO_DE, TRACK_ARTICLE, REFUND_MACRO, RETURNS_ARTICLE, PASSWORD_ARTICLE]
)
WISMO_TEXT = "Hi, where is my order NW-1001? It still hasn't arrived."


def event(type_: str, days_ago: float, **data: Any) -> CustomerEvent:
    return CustomerEvent(type=type_, occurred_at=NOW - timedelta(days=days_ago), data=data)


def customer(language: str = "en") -> Customer:
    return Customer(name="Anna Berg", email="anna.berg@example.org", language=language)


def in_transit(
    number: str = "NW-1001", eta: date = date(2026, 3, 12), shipped_days_ago: float = 1
) -> list[CustomerEvent]:
    """An account, an older delivered order, and ``number`` placed and then shipped."""
    return [
        event("account_created", 400, country="DE"),
        event("order_placed", 60, order_number="NW-0900", total=20.0, currency="EUR"),
        event("order_delivered", 57, order_number="NW-0900", carrier="GLS"),
        event(
            "order_placed",
            shipped_days_ago + 1,
            order_number=number,
            total=129.9,
            currency="EUR",
            items=[{"sku": "JK-1", "name": "Loftline Down Jacket", "qty": 1}],
        ),
        event(
            "payment_captured",
            shipped_days_ago + 1,
            order_number=number,
            amount=129.9,
            currency="EUR",
        ),
        event(
            "order_shipped",
            shipped_days_ago,
            order_number=number,
            carrier="DHL",
            tracking_number=TRACKING,
            eta=eta.isoformat(),
        ),
    ]


def compose(
    intent: str | None,
    text: str,
    events: list[CustomerEvent],
    language: str = "en",
    kb: KnowledgeBase = KB,
    **kwargs: Any,
) -> Answer | NoAnswer:
    facts = facts_from_timeline(customer(language), events, mentioned_order_number(text), now=NOW)
    return compose_answer(intent, text, language, facts, kb, **kwargs)


def test_facts_fold_a_realistic_timeline() -> None:
    facts = facts_from_timeline(customer(), in_transit(), None, now=NOW)
    order = facts.order
    assert order is not None
    assert (order.number, order.status) == ("NW-1001", "shipped")  # the latest order
    assert (order.carrier, order.tracking_number, order.eta) == ("DHL", TRACKING, date(2026, 3, 12))
    assert (order.total, order.currency, order.items) == (129.9, "EUR", ("Loftline Down Jacket",))
    assert (facts.first_name, facts.last_name, facts.order_count) == ("Anna", "Berg", 2)
    assert facts.tenure_days == 400


def test_facts_use_the_mentioned_order_and_ignore_the_future() -> None:
    events = [*in_transit(), event("order_delivered", -1, order_number="NW-1001")]
    facts = facts_from_timeline(customer(), events, "nw-0900", now=NOW)
    assert facts.order is not None and facts.order.number == "NW-0900"
    assert facts.order.status == "delivered"
    latest = facts_from_timeline(customer(), events, None, now=NOW).order
    assert latest is not None and latest.status == "shipped"  # tomorrow's delivery not seen


def test_order_numbers_are_found_with_a_configurable_pattern() -> None:
    assert mentioned_order_number("my order nw-104233 is late") == "NW-104233"
    assert mentioned_order_number("no order here, just 2 jackets") is None
    assert mentioned_order_number("Bestellung #A77123", r"#A\d+") == "#A77123"


def test_macro_is_filled_from_the_timeline() -> None:
    answer = compose("order_status", WISMO_TEXT, in_transit())
    assert isinstance(answer, Answer), answer
    assert (answer.item_id, answer.item_kind, answer.language) == ("mac-wismo", "macro", "en")
    assert answer.text.startswith("Hi Anna,")
    assert f"NW-1001 shipped with DHL and is on its way. Tracking number: {TRACKING}" in answer.text
    assert "estimated delivery: 12 March 2026" in answer.text
    assert answer.text.endswith("Customer Support")
    assert "{{" not in answer.text
    assert answer.filled["shipment.eta"] == "12 March 2026"
    assert not answer.language_fallback and answer.intent_match and answer.score >= 0.35
    assert "mac-wismo" in answer.explain()


def test_german_customer_gets_the_german_macro() -> None:
    text = "Hallo, wo ist meine Bestellung NW-1001? Das Paket ist noch nicht da."
    answer = compose("order_status", text, in_transit(), language="de-DE")
    assert isinstance(answer, Answer), answer
    assert (answer.item_id, answer.language, answer.language_fallback) == (
        "mac-wismo-de",
        "de",
        False,
    )
    assert "voraussichtliche Zustellung: 12.03.2026" in answer.text
    assert answer.text.endswith("Ihr Kundenservice")


def test_english_fallback_only_when_the_policy_allows_it() -> None:
    text = "Ich habe mein Passwort vergessen, die E-Mail zum Zurücksetzen kommt nicht."
    refused = compose("password_reset", text, [], language="de")
    assert isinstance(refused, NoAnswer)
    assert refused.code == "language"
    assert refused.reason == (
        "no German article or macro fits this question, "
        "and the policy does not allow answering in English"
    )
    answer = compose("password_reset", text, [], language="de", allow_language_fallback=True)
    assert isinstance(answer, Answer), answer
    assert (answer.item_id, answer.language, answer.language_fallback) == (
        "kb-password-reset",
        "en",
        True,
    )
    assert "(fallback)" in answer.explain()


def test_unfillable_placeholder_is_a_reason_not_a_guess() -> None:
    kb = KnowledgeBase([REFUND_MACRO])
    text = "When do I get my refund for order NW-1001?"
    outcome = compose("refund_request", text, in_transit(), kb=kb)
    assert isinstance(outcome, NoAnswer)
    assert outcome.code == "unfillable"
    assert outcome.reason == "no refund found for order NW-1001"
    assert outcome.tried == ("mac-refund: no refund found for order NW-1001",)
    refunded = [*in_transit(), event("order_refunded", 0.5, order_number="NW-1001", amount=129.9)]
    answer = compose("refund_request", text, refunded, kb=kb)
    assert isinstance(answer, Answer) and "€129.90 for order NW-1001" in answer.text


def test_no_shipment_means_no_order_status_answer() -> None:
    placed = [event("order_placed", 1, order_number="NW-1", total=10.0, currency="EUR")]
    outcome = compose("order_status", "where is my order NW-1?", placed)
    assert isinstance(outcome, NoAnswer)
    assert outcome.explain() == "no grounded answer (no shipment found for order NW-1)"


@pytest.mark.parametrize(
    ("extra", "reason"),
    [
        ([event("order_delivered", 10, order_number="NW-1001")], "was delivered 10 days ago"),
        ([event("order_delivered", 0.1, order_number="NW-1001")], "was delivered today"),
        (
            [event("delivery_exception", 0.5, order_number="NW-1001", reason="address_not_found")],
            "open delivery exception (address_not_found)",
        ),
        ([event("order_cancelled", 0.5, order_number="NW-1001")], "was cancelled today"),
    ],
)
def test_facts_that_contradict_the_intent_are_not_routine(
    extra: list[CustomerEvent], reason: str
) -> None:
    outcome = compose("order_status", WISMO_TEXT, in_transit(shipped_days_ago=12) + extra)
    assert isinstance(outcome, NoAnswer)
    assert outcome.code == "not_routine"
    assert reason in outcome.reason and "NW-1001" in outcome.reason


def test_late_parcel_is_not_routine() -> None:
    outcome = compose("order_status", WISMO_TEXT, in_transit(eta=date(2026, 3, 5)))
    assert isinstance(outcome, NoAnswer)
    assert outcome.reason == "order NW-1001 is late: its delivery estimate (2026-03-05) has passed"


def test_unknown_mentioned_order_is_handed_over_not_swapped() -> None:
    outcome = compose("order_status", "where is NW-999?", in_transit())
    assert isinstance(outcome, NoAnswer)
    assert outcome.reason == "order NW-999 is not in this customer's history"


def test_unrelated_question_is_below_the_bar() -> None:
    outcome = compose("order_status", "hello", in_transit())
    assert isinstance(outcome, NoAnswer)
    assert outcome.code == "below_bar"
    assert outcome.score is not None and outcome.score < 0.35
    assert "the bar is 0.35" in outcome.reason


def test_without_an_intent_no_item_answers_however_close_its_words() -> None:
    """Only items of the message's intent may answer: word overlap alone never picks one."""
    text = "How do I track my order? Where can I find the tracking number?"
    assert KB.rank(None, text, "en")[0].similarity > 0.35  # close in words ...
    outcome = compose(None, text, in_transit())
    assert isinstance(outcome, NoAnswer) and outcome.code == "no_item"  # ... still not its
    other = compose("password_reset", text, in_transit())  # an item of another intent: never
    assert isinstance(other, NoAnswer) and other.code == "below_bar"
    assert other.item_id == "kb-password-reset"


def test_order_facts_beat_the_generic_article() -> None:
    text = "How do I track my order NW-1001? Where is the tracking number?"
    ranked = KB.rank("order_status", text, "en")
    assert ranked[0].item.id == "kb-track-order"  # closer in words ...
    answer = compose("order_status", text, in_transit())
    assert isinstance(answer, Answer) and answer.item_id == "mac-wismo"  # ... the data wins
    generic = compose("order_status", text, in_transit(), rules=AnswerRules(prefer_personal=False))
    assert isinstance(generic, Answer) and generic.item_id == "kb-track-order"


def test_agent_only_items_are_skipped_with_a_reason() -> None:
    claims = KnowledgeItem(
        id="mac-label-sent",
        kind="macro",
        title="Return label sent",
        body="Hi {{customer.first_name}}, I've emailed you a return label for {{order.number}}.",
        intents=("return_request",),
        tags=("agent-only",),
    )
    kb = KnowledgeBase([claims, RETURNS_ARTICLE])
    events = [*in_transit(shipped_days_ago=3), event("order_delivered", 1, order_number="NW-1001")]
    text = "I'd like to return the jacket from order NW-1001, how do I send it back?"
    answer = compose("return_request", text, events, kb=kb)
    assert isinstance(answer, Answer) and answer.item_id == "kb-how-to-return"
    only = compose("return_request", text, events, kb=KnowledgeBase([claims]))
    assert isinstance(only, NoAnswer) and only.code == "agent_only"
    assert only.reason == "for agents only" and only.tried == ("mac-label-sent: for agents only",)


def test_return_window_is_enforced() -> None:
    text = "How do I return the jacket from NW-1001?"
    late = [*in_transit(shipped_days_ago=47), event("order_delivered", 45, order_number="NW-1001")]
    outcome = compose("return_request", text, late)
    assert isinstance(outcome, NoAnswer)
    assert "delivered 45 days ago, outside the 30-day return window" in outcome.reason
    assert isinstance(
        compose("return_request", text, late, rules=AnswerRules(return_window_days=60)), Answer
    )


def test_account_locked_for_security_is_not_routine() -> None:
    text = "I forgot my password, how do I reset it?"
    locked = [event("account_locked", 0.1, reason="suspicious_login")]
    outcome = compose("password_reset", text, locked)
    assert (
        isinstance(outcome, NoAnswer)
        and outcome.reason == "the account is locked (suspicious_login)"
    )
    routine = [event("account_locked", 0.1, reason="too_many_attempts")]
    assert isinstance(compose("password_reset", text, routine), Answer)


def test_unknown_placeholder_and_missing_name() -> None:
    odd = KnowledgeItem(
        "mac-odd",
        "macro",
        "Password help",
        "Hi {{customer.nickname}}, reset your password on the login page.",
        intents=("password_reset",),
    )
    outcome = compose("password_reset", "reset my password", [], kb=KnowledgeBase([odd]))
    assert (
        isinstance(outcome, NoAnswer)
        and outcome.reason == "unknown placeholder {{customer.nickname}}"
    )
    facts = facts_from_timeline(Customer(email="x@example.org"), [], None, now=NOW)
    nameless = compose_answer("order_status", WISMO_TEXT, "en", facts, KnowledgeBase([WISMO_EN]))
    assert isinstance(nameless, NoAnswer)  # no order at all → the routine check objects first
    assert nameless.reason == "no order found for this customer"


def test_item_from_article_reads_attributes_only() -> None:
    article = Article(
        external_id="mac-x",
        kind="macro",
        title="T",
        body="Hi {{ customer.first_name }}, order {{order.number}}.",
        language="DE",
        intents=["order_status"],
        tags=["x"],
    )
    item = item_from_article(article)
    assert item.id == "mac-x" and item.language == "de"
    assert item.placeholders == ("customer.first_name", "order.number")
    assert item.intents == ("order_status",) and item.tags == ("x",)


def test_knowledge_base_guards() -> None:
    with pytest.raises(ValueError, match="share the id"):
        KnowledgeBase([TRACK_ARTICLE, TRACK_ARTICLE])
    empty = compose("order_status", WISMO_TEXT, in_transit(), kb=KnowledgeBase([]))
    assert isinstance(empty, NoAnswer) and empty.reason == "the knowledge base is empty"


def test_amounts_and_days_read_naturally() -> None:
    assert format_amount(1299.5, "EUR", "en") == "€1,299.50"
    assert format_amount(1299.5, "EUR", "de") == "1.299,50 €"
    assert format_amount(44.85, "GBP", "en") == "£44.85"
    assert format_amount(10, "SEK", "en") == "10.00 SEK"
    assert format_day(date(2026, 3, 12), "en") == "12 March 2026"
    assert format_day(date(2026, 3, 12), "fr") == "12/03/2026"
    assert format_day(date(2026, 3, 12), "nl") == "2026-03-12"


def test_an_article_is_sent_greeted_plain_and_signed_a_macro_as_written() -> None:
    """Found reading a demo reply by e-mail: an article went out as raw Markdown ("click
    **Forgot password?** … ## The email doesn't arrive"), with no greeting or signature."""
    markdown = KnowledgeItem(
        id="kb-md", kind="article", title="Resetting your password", language="en",
        intents=("password_reset",),
        body="1. On the login page, click **Forgot password?**\n2. Open the [email](https://"
        "shop.example/help) within _60 minutes_.\n\n## The email doesn't arrive\n- Check `spam`.",
    )  # fmt: skip
    answer = compose("password_reset", "I forgot my password", [],
                     kb=KnowledgeBase([markdown]))  # fmt: skip
    assert isinstance(answer, Answer), answer
    assert answer.text == (
        "Hi Anna,\n\n1. On the login page, click Forgot password?\n2. Open the email "
        "(https://shop.example/help) within 60 minutes.\n\nThe email doesn't arrive\n"
        "- Check spam.\n\nBest regards,\nCustomer Support"
    )
    german = compose("order_status", WISMO_TEXT, in_transit(), language="de")
    assert isinstance(german, Answer) and german.item_kind == "macro"
    assert german.text.count("Ihr Kundenservice") == 1  # the macro signs itself, once


def test_plain_text_keeps_what_is_not_markdown() -> None:
    from tandemdesk.act.article_reply import framed, plain_text

    assert (
        plain_text("5 * 3 = 15, snake_case_name and 2*2") == "5 * 3 = 15, snake_case_name and 2*2"
    )
    assert framed("Bitte **so**.", "de", None, "Ihr Kundenservice") == (
        "Hallo,\n\nBitte so.\n\nViele Grüße\nIhr Kundenservice"
    )
    assert framed("Hola.", "pt", "Ana", None).startswith("Hi Ana,")


def test_an_articles_wrapped_lines_are_one_sentence_for_the_customer() -> None:
    """Found in a German reply: "fordern Sie nur einen Link an: Jede\\nneue Anfrage …" —
    the article's source was wrapped at 90 columns."""
    from tandemdesk.act.article_reply import plain_text

    source = (
        "Fordern Sie nur einen Link an: Jede\nneue Anfrage macht ihn ungültig.\n\n- eins\n- zwei"
    )
    assert plain_text(source) == (
        "Fordern Sie nur einen Link an: Jede neue Anfrage macht ihn ungültig.\n\n- eins\n- zwei"
    )
