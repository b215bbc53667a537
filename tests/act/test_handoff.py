"""The handoff packet: who, what, how they feel and how that changed, in one paragraph."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime, timedelta

from tandemdesk.act.answers_facts import facts_from_timeline
from tandemdesk.act.handoff import build_handoff, mood, tenure_text
from tandemdesk.listen.timeline import TimelineEntry
from tandemdesk.models import Customer, CustomerEvent
from tandemdesk.understand.base import IntentPrediction, Score
from tandemdesk.understand.emotion import EmotionReading
from tandemdesk.understand.pipeline import Understanding

T0 = datetime(2025, 3, 10, 9, 0, tzinfo=UTC)


def understanding(
    distress: float,
    intent: str | None = None,
    *,
    emotions: tuple[tuple[str, float], ...] = (),
    urgency: str = "normal",
    abusive: bool = False,
    secondary: str | None = None,
) -> Understanding:
    reading = EmotionReading("negative" if distress >= 0.5 else "neutral", (), emotions,
                             distress, ())  # fmt: skip
    prediction = (
        IntentPrediction(intent, 0.91, ((intent, 0.91),), False, secondary)
        if intent
        else IntentPrediction(None, 0.2, (("oos", 0.2),), True)
    )
    return Understanding(
        redacted_text="…",
        language=Score("language", "en", 0.99),
        intent=prediction,
        emotion=reading,
        distress=reading.distress_score,
        urgency=Score("urgency", urgency, 0.5),
        abuse=Score("abuse", "abusive" if abusive else None, 0.9 if abusive else 0.01),
        pii=(),
    )


def event(days_before: float, kind: str, **data: object) -> TimelineEntry:
    return TimelineEntry(T0 - timedelta(days=days_before), "event", kind, "", data=dict(data))


def customer() -> Customer:
    return Customer(id=42, name="Anna Schmidt", email="anna@example.org", language="de",
                    created_at=T0 - timedelta(days=800))  # fmt: skip


def timeline() -> list[TimelineEntry]:
    return [
        event(400, "order_placed", order_number="NW-1001", total=59.9, currency="EUR"),
        event(399, "payment_captured", order_number="NW-1001", amount=59.9, currency="EUR"),
        event(30, "order_placed", order_number="NW-1002", total=120.0, currency="EUR"),
        event(29, "order_shipped", order_number="NW-1002", carrier="DHL"),
        event(5, "order_placed", order_number="NW-1003", total="35.50", currency="EUR"),
        event(4, "order_shipped", order_number="NW-1003", carrier="DHL"),
        event(1, "order_delivered", order_number="NW-1003"),
        event(2, "login", device="ios"),
        TimelineEntry(T0, "message", "customer", "Where is my parcel?", 7, "chat"),
        TimelineEntry(T0 + timedelta(minutes=1), "message", "bot", "It is on its way.", 7),
        TimelineEntry(T0 + timedelta(minutes=9), "message", "customer", "STILL NOTHING", 7),
    ]


def test_packet_for_a_conversation_that_got_worse() -> None:
    over_time = [
        understanding(0.12, "order_status"),
        understanding(0.55, None),  # "hello??" — abstains, keeps the earlier intent
        understanding(0.86, "delivery_problem", urgency="high",
                      emotions=(("anger", 0.8), ("annoyance", 0.6), ("neutral", 0.1))),
    ]  # fmt: skip
    packet = build_handoff(
        customer(),
        timeline(),
        over_time,
        "distress 0.86 ≥ 0.7: a person answers",
        ["It is on its way."],
        [{"kind": "article", "title": "Lost parcels", "id": "kb-12"}],
    )
    card = packet.customer
    assert card.value == {"EUR": 215.4}  # three orders; payments are not counted again
    assert card.orders == 3 and card.tenure_days == 800 and card.tenure == "2 years 2 months"
    assert [o.number for o in card.recent_orders] == ["NW-1003", "NW-1002", "NW-1001"]
    # the lifecycle status, as an automated answer reads it: a payment does not move an order
    assert [o.status for o in card.recent_orders] == ["delivered", "shipped", "placed"]
    assert card.recent_events[0].title == "order_delivered"

    assert (packet.want.intent, packet.want.secondary) == ("delivery_problem", "order_status")
    feeling = packet.feeling
    assert feeling.distress == (0.12, 0.55, 0.86)
    assert feeling.moods == ("calm", "upset", "very upset") and feeling.trend == "worse"
    assert feeling.sentence.startswith("Calm → upset → very upset: getting worse")
    assert "0.12 → 0.86 over 3 messages" in feeling.sentence
    assert feeling.emotions == ("anger", "annoyance")
    assert packet.urgency == "high"

    summary = packet.summary
    assert summary.startswith("Anna Schmidt, customer for 2 years 2 months, 3 orders")
    assert "215.40 EUR" in summary and "latest NW-1003" in summary
    assert "Wants: delivery problem (also order status)." in summary
    assert "getting worse" in summary and "Urgency high." in summary
    assert "The bot already replied once; don't repeat it." in summary
    assert "Handed over: distress 0.86 ≥ 0.7: a person answers." in summary
    assert len(summary.split()) < 90  # readable in ten seconds

    data = json.loads(json.dumps(packet.to_dict()))
    assert data["customer"]["since"] == "2022-12-31T09:00:00+00:00"
    assert data["suggestions"] == [{"kind": "article", "title": "Lost parcels", "id": "kb-12"}]
    assert data["bot_messages"] == ["It is on its way."]


def test_calming_down_steady_and_unknown() -> None:
    better = build_handoff(customer(), [], [understanding(0.8, "refund_request"),
                                            understanding(0.2, "refund_request")],
                           None, [], [])  # fmt: skip
    assert better.feeling.trend == "better" and "calming down" in better.feeling.sentence
    assert better.customer.value == {} and "no recorded spend" in better.summary
    steady = build_handoff(customer(), [], [understanding(0.4), understanding(0.45)], None, [], [])
    assert steady.feeling.trend == "steady" and steady.want.intent is None
    assert "unclear" in steady.summary
    none = build_handoff(customer(), [], [], None, [], [])
    assert none.feeling.trend == "unknown" and none.urgency is None


def test_abuse_and_suggestion_objects() -> None:
    class Reply:
        def to_dict(self) -> dict[str, object]:
            return {"kind": "reply", "text": "Sorry about that."}

    packet = build_handoff(customer(), timeline(), [understanding(0.9, abusive=True)], None,
                           [], [Reply()])  # fmt: skip
    assert packet.feeling.abusive and "abusive" in packet.feeling.sentence
    assert packet.suggestions == ({"kind": "reply", "text": "Sorry about that."},)


def test_small_helpers() -> None:
    assert [tenure_text(d) for d in (0, 1, 12, 45, 365, 800)] == [
        "new today", "1 day", "12 days", "1 month", "1 year", "2 years 2 months",
    ]  # fmt: skip
    assert [mood(x) for x in (0.0, 0.3, 0.5, 0.7, 1.0)] == [
        "calm", "uneasy", "upset", "very upset", "very upset",
    ]  # fmt: skip


def test_the_packet_folds_an_order_as_an_automated_answer_does() -> None:
    """Order numbers in any case are one order, and only lifecycle events move its status,
    so the person taking over reads what the bot would have said."""
    events = [
        event(10, "order_placed", order_number="nw-2001", total=20.0, currency="EUR"),
        event(9, "order_shipped", order_number="NW-2001", carrier="DHL"),
        event(8, "review_left", order_number="NW-2001", stars=5),
    ]
    packet = build_handoff(customer(), events, [understanding(0.2, "order_status")], None, [], [])
    [order] = packet.customer.recent_orders
    assert (order.number, order.status) == ("NW-2001", "shipped")
    facts = facts_from_timeline(
        customer(),
        [CustomerEvent(type=e.title, occurred_at=e.at, data=e.data) for e in events],
        now=T0,
    )
    assert facts.order is not None and facts.order.status == order.status


def test_the_summary_names_the_request_in_the_shops_words_and_leads_with_the_stakes() -> None:
    from tandemdesk.understand.base import Evidence
    from tandemdesk.understand.risk import RiskReading

    plain = understanding(0.2, "delivery_problem")
    names = {"delivery_problem": "a delivery that went wrong"}
    packet = build_handoff(customer(), timeline(), [plain], None, [], [], intent_names=names)
    assert "Wants: a delivery that went wrong." in packet.summary and packet.why is None
    fraud = RiskReading(
        (("fraud", 0.8),),
        (Evidence("risk.fraud", "a charge the customer did not make", 0, 9, "not me", 0.8),),
    )
    risky = dataclasses.replace(plain, risk=fraud)
    packet = build_handoff(
        customer(), timeline(), [risky], None, [], [], intent_names=names, protocol="Call back."
    )
    assert packet.summary.startswith(
        "Why this matters: Possible fraud (a charge the customer did not make)."
    )
    assert "Also asks about: a delivery that went wrong." in packet.summary
    assert "Wants:" not in packet.summary
    assert (packet.risks, packet.protocol) == (("fraud",), "Call back.")


def test_an_unsure_reading_names_its_likely_requests_as_guesses() -> None:
    """A new user's shop: a widower's "close her account and stop the boxes" went to a
    person with "intent unknown"; the agent now reads the likely requests, as guesses, and
    never for a message out of scope."""
    from tandemdesk.understand.base import Evidence
    from tandemdesk.understand.risk import RiskReading

    top = (("cancel_subscription", 0.41), ("refund", 0.3), ("pause", 0.1))
    unsure = dataclasses.replace(understanding(0.7), intent=IntentPrediction(None, 0.41, top, True))
    names = {"cancel_subscription": "cancelling the subscription"}
    packet = build_handoff(customer(), timeline(), [unsure], None, [], [], intent_names=names)
    assert packet.want.maybe == ("cancel_subscription", "refund")
    assert "unclear (possibly cancelling the subscription or refund)" in packet.summary
    grief = RiskReading(
        (("bereavement", 0.9),),
        (Evidence("risk.bereavement", "a death in the family", 0, 9, "my wife died", 0.9),),
    )
    packet = build_handoff(customer(), timeline(), [dataclasses.replace(unsure, risk=grief)],
                           None, [], [], intent_names=names)  # fmt: skip
    assert "Possibly also about: cancelling the subscription or refund." in packet.summary
    from tandemdesk.understand.dialogue import DialogueAct

    hello = dataclasses.replace(  # a follow-up that says nothing is not guessed from
        understanding(0.1),
        intent=IntentPrediction(None, 0.35, (("order_status", 0.35),), True),
        dialogue=DialogueAct("greeting", False, ()),
    )
    packet = build_handoff(customer(), timeline(), [unsure, hello], None, [], [])
    assert packet.want.maybe == ("cancel_subscription", "refund")
    outside = dataclasses.replace(
        unsure, intent=IntentPrediction(None, 0.41, top, True, out_of_scope=True)
    )
    packet = build_handoff(customer(), timeline(), [outside], None, [], [])
    assert packet.want.maybe == () and "possibly" not in packet.summary
