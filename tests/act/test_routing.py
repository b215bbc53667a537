"""Routing to people: the hard rules, the fallbacks that say so, and the emotional balance."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tandemdesk.act.load import AssignmentRecord, emotional_load_report, gini
from tandemdesk.act.routing import (
    AgentState,
    RoutingNeed,
    RoutingSettings,
    emotional_load,
    route,
    route_least_busy,
)
from tandemdesk.act.simulation import simulate, synthetic_stream
from tandemdesk.decide import default_policy
from tandemdesk.demo import catalog
from tandemdesk.models import Agent
from tandemdesk.orchestrator_act import routing_settings

NOW = datetime(2025, 3, 10, 14, 0, tzinfo=UTC)


def ago(minutes: float) -> datetime:
    return NOW - timedelta(minutes=minutes)


def agent(agent_id: str, **kw: object) -> AgentState:
    base: dict[str, object] = {
        "name": agent_id.upper(),
        "skills": ("returns",),
        "languages": ("en",),
        "capacity": 5,
    }
    base.update(kw)
    return AgentState(agent_id, **base)  # type: ignore[arg-type]


def demo_agents() -> list[AgentState]:
    return [
        AgentState(
            a["external_id"],
            a["name"],
            a["role"],
            tuple(a["skills"]),
            tuple(a["languages"]),
            a["capacity"],
        )
        for a in catalog.agents()
    ]


def test_capacity_activity_and_availability_are_respected() -> None:
    agents = [
        agent("a", open_conversations=5),
        agent("b", available=False),
        agent("c", active=False),
        agent("d", open_conversations=4),
    ]
    result = route(RoutingNeed("returns", ("returns",)), agents, NOW)
    assert result.agent_id == "d"
    why = {c.agent_id: c.excluded for c in result.candidates}
    assert why == {"a": "full", "b": "unavailable", "c": "inactive", "d": None}
    assert "Routed to D" in result.reason and "returns" in result.reason


def test_a_crisis_goes_over_capacity_rather_than_wait() -> None:
    """A new user's shop: a customer who wrote that they saw no point in anything reached the
    crisis queue, and waited unassigned because its three senior agents were at capacity.
    A queue with a response protocol (``over_capacity``) does not wait for a free seat; every
    other rule still holds (role, availability), and other queues still wait."""
    seniors = [
        agent("s1", role="senior_agent", open_conversations=6),
        agent("s2", role="senior_agent", open_conversations=5),
        agent("s3", role="senior_agent", available=False),
        agent("j1", role="agent"),
    ]
    crisis = RoutingNeed("crisis", roles=("senior_agent",), distress=0.9, over_capacity=True)
    result = route(crisis, seniors, NOW)
    assert result.agent_id == "s2" and "capacity" in result.fallbacks
    assert "over capacity" in result.reason
    waits = route(RoutingNeed("crisis", roles=("senior_agent",), distress=0.9), seniors, NOW)
    assert waits.agent_id is None and "at capacity" in waits.reason
    nobody = route(crisis, [agent("s3", role="senior_agent", available=False)], NOW)
    assert nobody.agent_id is None
    # a review's: only when every other fallback leaves nobody; never to capacity 0
    need = RoutingNeed("returns", skills=("returns",), distress=0.9, over_capacity=True)
    full_specialist = agent("spec", open_conversations=5)
    free_colleague = agent("free", skills=("billing",), open_conversations=0)
    plain = RoutingNeed("returns", skills=("returns",), distress=0.9)
    assert route(need, [full_specialist, free_colleague], NOW).agent_id == (
        route(plain, [full_specialist, free_colleague], NOW).agent_id
    )
    boss = agent("boss", role="senior_agent", capacity=0)
    assert route(crisis, [boss, seniors[0]], NOW).agent_id == "s1"


def test_nobody_qualified_is_none_with_a_reason() -> None:
    agents = [agent("a", open_conversations=5), agent("b", skills=("billing",))]
    result = route(RoutingNeed("returns", ("returns",)), agents, NOW)
    assert result.agent_id is None
    assert result.reason.startswith("Nobody can take this conversation for queue returns")
    assert "1 at capacity" in result.reason and "1 without the queue's skills" in result.reason
    assert route(RoutingNeed("returns"), [], NOW).agent_id is None


def test_language_preferred_and_fallback_said() -> None:
    agents = [agent("a"), agent("b", languages=("en", "de"), open_conversations=3)]
    german = route(RoutingNeed("returns", ("returns",), language="de-AT"), agents, NOW)
    assert german.agent_id == "b"  # speaks German despite more open conversations
    assert german.candidates[0].excluded == "language"
    assert german.fallbacks == ()
    spanish = route(RoutingNeed("returns", ("returns",), language="es"), agents, NOW)
    assert spanish.agent_id == "a"
    assert spanish.fallbacks == ("language",)
    assert "Nobody qualified speaks es" in spanish.reason


def test_back_office_roles_do_not_take_customer_work_unless_the_queue_asks() -> None:
    agents = [
        agent("disp", role="dispatcher", skills=("logistics",)),
        agent("log", role="logistics", skills=("logistics",)),
        agent("z", skills=("logistics",), open_conversations=4),
    ]
    assert route(RoutingNeed("orders", ("logistics",)), agents, NOW).agent_id == "z"
    dispatch = RoutingNeed("dispatch", ("logistics",), roles=("dispatcher",))
    assert route(dispatch, agents, NOW).agent_id == "disp"


def test_abusive_goes_only_to_experienced_roles() -> None:
    agents = [
        agent("junior", skills=()),
        agent("senior", role="senior_agent", skills=(), open_conversations=3),
    ]
    need = RoutingNeed("protected", abusive=True, distress=0.9)
    result = route(need, agents, NOW)
    assert result.agent_id == "senior"
    assert result.candidates[0].excluded == "not_experienced"
    # no senior free → nobody, never the junior as a fallback
    busy = [agents[0], agent("senior", role="senior_agent", open_conversations=5)]
    none = route(need, busy, NOW)
    assert none.agent_id is None and "not senior enough" in none.reason
    assert route_least_busy(need, busy, NOW).agent_id is None


def test_the_policys_warning_queue_names_who_is_experienced_enough_for_abuse() -> None:
    """A shop that lists its team leads in the protected queue gets them for abuse; a queue
    naming other roles never makes them eligible for abuse (the protection holds wherever an
    abusive message lands)."""
    shipped = default_policy()
    leads = shipped.queues["protected"].model_copy(update={"roles": ["team_lead"]})
    policy = shipped.model_copy(update={"queues": {**shipped.queues, "protected": leads}})
    settings = routing_settings(policy, RoutingSettings())
    assert settings.experienced_roles == ("team_lead",)
    agents = [agent("lead", role="team_lead", skills=()), agent("junior", skills=())]
    need = RoutingNeed("protected", roles=("team_lead",), abusive=True, distress=0.9)
    assert route(need, agents, NOW, settings).agent_id == "lead"
    assert route_least_busy(need, agents, NOW, settings).agent_id == "lead"
    dispatch = RoutingNeed("dispatch", roles=("dispatcher",), abusive=True, distress=0.9)
    nobody = route(dispatch, [agent("disp", role="dispatcher", skills=())], NOW, settings)
    assert nobody.agent_id is None
    assert [c.excluded for c in nobody.candidates] == ["not_experienced"]
    assert routing_settings(default_policy(), RoutingSettings()).experienced_roles == (
        "senior_agent",
        "supervisor",
    )


def test_same_customer_stays_with_their_agent() -> None:
    agents = [
        agent("a"),
        agent("b", open_conversations=3, distressed_contacts=(ago(5), ago(10))),
    ]
    need = RoutingNeed("returns", ("returns",), distress=0.6, previous_agent_id="b")
    result = route(need, agents, NOW)
    assert result.agent_id == "b" and "open conversation" in result.reason
    full = [agents[0], agent("b", open_conversations=5)]
    moved = route(need, full, NOW)
    assert moved.agent_id == "a" and "current agent could not take it" in moved.reason


def test_balancing_picks_the_lowest_emotional_load() -> None:
    agents = [
        agent("a", distressed_contacts=(ago(10), ago(20)), open_conversations=1),
        agent("b", abusive_contacts=(ago(100),), open_conversations=2),
        agent("c", distressed_contacts=(ago(5),), open_conversations=0),
    ]
    settings = RoutingSettings()
    loads = {a.id: emotional_load(a, NOW, settings) for a in agents}
    assert loads["b"] < loads["c"] < loads["a"]  # 2·2^(-100/60) ≈ 0.63 < 0.94 < 1.68
    result = route(RoutingNeed("returns", ("returns",), distress=0.8), agents, NOW)
    assert result.agent_id == "b" and "lowest recent emotional load (0.63)" in result.reason
    # the baseline ignores load: fewest open conversations
    assert route_least_busy(RoutingNeed("returns", distress=0.8), agents, NOW).agent_id == "c"
    # outside the window a contact no longer counts
    old = agent("x", distressed_contacts=(ago(settings.window_minutes + 1),))
    assert emotional_load(old, NOW, settings) == 0.0


def test_cool_down_after_abuse_unless_nobody_else() -> None:
    cooling = agent("a", role="senior_agent", last_abusive_at=ago(10))
    rested = agent("b", role="senior_agent", open_conversations=4, distressed_contacts=(ago(1),))
    heavy = RoutingNeed("returns", ("returns",), distress=0.85)
    result = route(heavy, [cooling, rested], NOW)
    assert result.agent_id == "b"
    assert result.candidates[0].excluded == "cool_down" and "Skipped A" in result.reason
    # a calm conversation is fine for someone cooling down
    assert route(RoutingNeed("returns", ("returns",)), [cooling, rested], NOW).agent_id == "a"
    # nobody else qualifies: the cooling agent gets it, and the reason says so
    alone = route(heavy, [cooling], NOW)
    assert alone.agent_id == "a" and alone.fallbacks == ("cool_down",)
    assert "cool-down was set aside" in alone.reason
    # after the cool-down the agent is eligible again
    assert route(heavy, [agent("a", last_abusive_at=ago(31))], NOW).fallbacks == ()


def test_routing_is_deterministic_and_ties_break_by_open_then_idle_then_id() -> None:
    agents = [agent("c"), agent("b"), agent("a", open_conversations=1)]
    need = RoutingNeed("returns", ("returns",), distress=0.6)
    results = {route(need, agents, NOW).agent_id for _ in range(5)}
    assert results == {"b"}
    assert (
        route(need, list(reversed(agents)), NOW).to_dict()
        == route(need, list(reversed(agents)), NOW).to_dict()
    )
    idle = [agent("b", last_assigned_at=ago(1)), agent("c", last_assigned_at=ago(30))]
    assert route(need, idle, NOW).agent_id == "c"


def test_agent_state_from_a_stored_agent() -> None:
    stored = Agent(
        external_id="ag-02", name="Jonas", role="senior_agent", skills=["billing"],
        languages=["de"], capacity=8, active=True,
    )  # fmt: skip
    state = AgentState.from_agent(stored, open_conversations=2)
    assert (state.id, state.role, state.skills, state.open_conversations) == (
        "ag-02", "senior_agent", ("billing",), 2,
    )  # fmt: skip


def test_gini_and_load_report() -> None:
    assert gini([]) == 0.0 and gini([0, 0]) == 0.0 and gini([3, 3, 3]) == 0.0
    assert gini([0, 0, 0, 10]) == pytest.approx(0.75)
    with pytest.raises(ValueError):
        gini([-1, 2])
    report = emotional_load_report(
        [AssignmentRecord("a", True), AssignmentRecord("a", True, True), AssignmentRecord("b")],
        agent_ids=["a", "b", "c"],
    )
    assert [(x.agent_id, x.conversations, x.distressed) for x in report.agents] == [
        ("a", 2, 2), ("b", 1, 0), ("c", 0, 0),
    ]  # fmt: skip
    assert report.gini_distressed == pytest.approx(2 / 3) and report.max_distressed == 2


def test_balanced_spreads_distress_more_evenly_than_least_busy() -> None:
    start = datetime(2025, 1, 6, 8, tzinfo=UTC)
    team = [
        AgentState(f"t{i}", f"T{i}", role, ("general",), langs, cap)
        for i, (role, langs, cap) in enumerate(
            [("supervisor", ("en", "de"), 4), ("senior_agent", ("en", "fr"), 6),
             ("agent", ("en",), 8), ("agent", ("en", "de"), 8), ("agent", ("en", "fr"), 8),
             ("agent", ("en",), 6), ("agent", ("en", "es"), 8), ("agent", ("en", "de"), 8)]
        )
    ]  # fmt: skip
    stream = synthetic_stream(
        600, 7, start, mean_gap_minutes=2.0, queues={"general": ("general",)},
        queue_weights={"general": 1.0},
    )  # fmt: skip
    one_team = {s: simulate(stream, team, s) for s in ("balanced", "least_busy")}
    demo_stream = synthetic_stream(1500, 11, start)
    demo = {s: simulate(demo_stream, demo_agents(), s) for s in ("balanced", "least_busy")}
    for label, runs in (("one team", one_team), ("demo agents", demo)):
        b, lb = runs["balanced"].report, runs["least_busy"].report
        print(
            f"{label}: Gini of distressed conversations per agent: balanced "
            f"{b.gini_distressed:.3f} vs least_busy {lb.gini_distressed:.3f}; of distressed "
            f"share {b.gini_distressed_share:.3f} vs {lb.gini_distressed_share:.3f}"
        )
        assert runs["balanced"].unassigned == runs["least_busy"].unassigned == 0
        assert len(runs["balanced"].assignments) == len(runs["least_busy"].assignments)
    # one shared queue: the router alone decides, and balancing clearly wins
    assert one_team["balanced"].report.gini_distressed < 0.7 * (
        one_team["least_busy"].report.gini_distressed
    )
    # demo skills pin much of the spread (who can take "orders" at all), still lower
    # hard work is shared beyond the queue's skills (``share_margin``), so the specialists of
    # the busiest queue no longer take most of it: the count spreads far more evenly, while
    # each agent's distressed *share* of their own work stays about as even as before
    b, lb = demo["balanced"].report, demo["least_busy"].report
    assert b.gini_distressed < 0.5 * lb.gini_distressed
    assert b.gini_distressed_share < 1.2 * lb.gini_distressed_share
    strict = simulate(demo_stream, demo_agents(), "balanced", RoutingSettings(share_margin=None))
    assert b.gini_distressed < strict.report.gini_distressed
    # abusive conversations only ever reached experienced roles
    roles = {a.id: a.role for a in demo_agents()}
    assert {roles[r.agent_id] for r in demo["balanced"].assignments if r.abusive} <= {
        "senior_agent", "supervisor",
    }  # fmt: skip
