"""The routing simulation: balanced beats the baselines on planted traffic, the waiting list
serves distressed customers first when seats are short, and ``tandemdesk simulate routing
--json`` keeps the interface other tools read."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tandemdesk.act.routing import AgentState, RoutingNeed
from tandemdesk.act.simulation import Arrival, Service, simulate
from tandemdesk.decide.people import BusinessHours, RecoveryBreak
from tandemdesk.orchestrator import Orchestrator
from tests.orchestrator.conftest import message

MONDAY = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
STRATEGIES = ("balanced", "least-busy", "round-robin")
KEYS = {"gini_distressed", "max_hourly_exposure", "distressed_median_wait_s",
        "calm_median_wait_s", "sla_breaches"}  # fmt: skip


def team() -> list[AgentState]:
    """Two logistics specialists and four colleagues, all speaking English."""
    specialists = [AgentState(f"s{i}", f"Spec {i}", skills=("logistics",), languages=("en",),
                              capacity=4) for i in range(2)]  # fmt: skip
    others = [AgentState(f"o{i}", f"Other {i}", skills=("returns",), languages=("en",),
                         capacity=4) for i in range(4)]  # fmt: skip
    return specialists + others


def planted() -> list[Arrival]:
    """Late parcels upset people: every logistics conversation is distressed, returns calm."""
    out = []
    for i in range(120):
        at = MONDAY + timedelta(minutes=6 * i)
        if i % 2:
            need = RoutingNeed("logistics", ("logistics",), language="en", distress=0.8)
        else:
            need = RoutingNeed("returns", ("returns",), language="en", distress=0.1)
        out.append(Arrival(at, need, 20.0))
    return out


def test_balanced_spreads_hard_work_that_skills_pin_on_specialists() -> None:
    runs = {s: simulate(planted(), team(), s) for s in STRATEGIES}
    balanced, least = runs["balanced"].summary(), runs["least-busy"].summary()
    assert least["per_agent"]["s0"]["distressed"] + least["per_agent"]["s1"]["distressed"] == 60
    assert least["gini_distressed"] > 0.6  # two of six agents took every distressed contact
    assert balanced["gini_distressed"] < 0.5 * least["gini_distressed"]
    assert balanced["gini_distressed"] < 0.5 * runs["round-robin"].summary()["gini_distressed"]
    assert balanced["max_hourly_exposure"] < least["max_hourly_exposure"]
    assert all(r.unassigned == 0 for r in runs.values())


def test_when_seats_are_short_distressed_customers_are_served_first() -> None:
    one_seat = [AgentState("a", "A", skills=("returns",), languages=("en",), capacity=1)]
    stream = []
    for burst in range(10):  # each hour: three calm customers, then one distressed
        start = MONDAY + timedelta(hours=burst)
        for k in range(3):
            stream.append(Arrival(start + timedelta(seconds=k), RoutingNeed(
                "returns", ("returns",), language="en", distress=0.1), 10.0))  # fmt: skip
        stream.append(Arrival(start + timedelta(seconds=5), RoutingNeed(
            "returns", ("returns",), language="en", distress=0.8), 10.0))  # fmt: skip
    service = Service(first_reply=lambda queue, urgency: 15)
    balanced = simulate(stream, one_seat, "balanced", service=service).summary()
    fifo = simulate(stream, one_seat, "least-busy", service=service).summary()
    assert balanced["distressed_median_wait_s"] <= 0.5 * balanced["calm_median_wait_s"]
    assert fifo["distressed_median_wait_s"] > fifo["calm_median_wait_s"]  # last in line
    assert balanced["sla_breaches"] <= fifo["sla_breaches"]


def test_shifts_business_hours_and_breaks_shape_the_waits() -> None:
    hours = BusinessHours(timezone="Europe/Berlin", open={"mon-fri": "09:00-17:00"})
    agent = AgentState("a", "A", skills=("returns",), languages=("en",), capacity=1)
    evening = datetime(2025, 3, 3, 20, 0, tzinfo=UTC)  # 21:00 in Berlin, closed
    stream = [
        Arrival(evening, RoutingNeed("returns", ("returns",), distress=0.95), 15.0),
        Arrival(evening + timedelta(minutes=1), RoutingNeed("returns", ("returns",)), 15.0),
    ]
    service = Service(queue_hours={"returns": hours}, first_reply=lambda q, u: 60,
                      shifts={"a": hours}, recovery=RecoveryBreak(minutes=30))  # fmt: skip
    result = simulate(stream, [agent], "balanced", service=service)
    opening = datetime(2025, 3, 4, 8, 0, tzinfo=UTC)  # 09:00 Berlin
    assert [s.taken_at for s in result.served] == [opening, opening + timedelta(minutes=45)]
    assert result.breaks == 1  # after the very distressed one: 15 min + a 30 min break
    assert result.sla_breaches == 0  # due 60 business minutes after opening: 10:00 Berlin
    assert hours.add_business_minutes(evening, 60) == opening + timedelta(hours=1)


def test_simulate_routing_json_interface(shop: Orchestrator, tmp_path: Path) -> None:
    for i, text in enumerate(["I am desperate and so worried, my parcel never came, please help",
                              "my jacket is torn, it arrived damaged",
                              "the box was crushed and the lamp broke"]):  # fmt: skip
        assert shop.handle(message(text, email=f"c{i}@example.org")).action == "route_to_human"
    env = {**os.environ, "TANDEMDESK_UNDERSTANDING_HELPER": "false"}
    run = subprocess.run(
        [sys.executable, "-m", "tandemdesk", "simulate", "routing", "--days", "30", "--json"],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert set(result["strategies"]) == set(STRATEGIES)
    for figures in result["strategies"].values():
        assert set(figures) >= KEYS
        assert figures["conversations"] == 3 and figures["unassigned"] == 0
    one = subprocess.run(
        [sys.executable, "-m", "tandemdesk", "simulate", "routing", "--strategy", "balanced",
         "--agents", str(tmp_path / "missing.json"), "--json"],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert one.returncode == 2 and "missing.json" in one.stdout + one.stderr
