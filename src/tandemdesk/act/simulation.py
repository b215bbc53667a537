"""Replay a stream of conversations through a router, to compare routing strategies offline.

Why a simulation: whether balancing emotional load actually spreads it is an empirical
question that depends on skills, languages and capacity; this replays a stream against the
real router (``routing.route``) and the baseline (``routing.route_least_busy``) with the
same agents, and ``load.emotional_load_report`` measures the spread.

The model is deliberately simple: a conversation arrives, is routed, occupies one unit of
the agent's capacity for its handle time, then resolves. A conversation nobody can take
waits in a first-come line and is retried each time a conversation resolves. Pure and
deterministic: no clock, no database; ``synthetic_stream`` makes a seeded stream.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Literal

import numpy as np

from tandemdesk.act.load import AssignmentRecord, LoadReport, emotional_load_report
from tandemdesk.act.routing import (
    AgentState,
    RoutingNeed,
    RoutingResult,
    RoutingSettings,
    route,
    route_least_busy,
)

Strategy = Literal["balanced", "least_busy"]
Router = Callable[[RoutingNeed, Sequence[AgentState], datetime, RoutingSettings], RoutingResult]
ROUTERS: dict[str, Router] = {"balanced": route, "least_busy": route_least_busy}

# Queues of the demo shop (skills are alternatives) and how often each is asked for.
DEMO_QUEUES: dict[str, tuple[str, ...]] = {
    "orders": ("order_status", "delivery_problem", "cancel_order", "change_address"),
    "returns": ("returns", "size_exchange", "refunds"),
    "billing": ("billing", "double_charge", "billing_error", "refunds"),
    "technical": ("technical", "account_access", "password_reset"),
    "product": ("product_question", "warranty_claim"),
}
DEMO_QUEUE_WEIGHTS: dict[str, float] = {
    "orders": 0.35, "returns": 0.25, "billing": 0.2, "technical": 0.1, "product": 0.1,
}  # fmt: skip
DEMO_LANGUAGES: dict[str, float] = {"en": 0.6, "de": 0.2, "fr": 0.15, "es": 0.05}


@dataclass(frozen=True, slots=True)
class Arrival:
    """A conversation entering the human queue at ``at`` and taking ``handle_minutes``."""

    at: datetime
    need: RoutingNeed
    handle_minutes: float


@dataclass(frozen=True, slots=True)
class SimulationResult:
    """Who got what: the assignments, what never found anyone, and the load report."""

    strategy: str
    assignments: tuple[AssignmentRecord, ...]
    unassigned: int
    waited: int
    report: LoadReport
    per_agent: dict[str, dict[str, int]] = field(default_factory=dict)


@dataclass
class _Live:
    """Mutable per-agent state during a run (``AgentState`` stays immutable)."""

    state: AgentState
    distressed: list[datetime] = field(default_factory=list)
    abusive: list[datetime] = field(default_factory=list)
    open: int = 0
    last_assigned: datetime | None = None


def simulate(
    stream: Iterable[Arrival],
    agents: Sequence[AgentState],
    strategy: Strategy = "balanced",
    settings: RoutingSettings | None = None,
) -> SimulationResult:
    """Assign every arrival with ``strategy``; count distressed/abusive conversations per agent.

    ``agents`` give skills, roles, languages and capacity; their open conversations and
    exposure start from the given state and evolve as the stream is assigned.
    """
    settings = settings or RoutingSettings()
    router = ROUTERS[strategy]
    live = {
        a.id: _Live(
            a,
            list(a.distressed_contacts),
            list(a.abusive_contacts),
            a.open_conversations,
            a.last_assigned_at,
        )
        for a in agents
    }
    window = timedelta(minutes=settings.window_minutes)
    resolutions: list[tuple[datetime, int, str]] = []  # (time, serial, agent id)
    waiting: list[Arrival] = []
    records: list[AssignmentRecord] = []
    waited = 0
    serial = 0

    def snapshot(now: datetime) -> list[AgentState]:
        cutoff = now - window
        out = []
        for item in live.values():
            item.distressed = [t for t in item.distressed if t >= cutoff]
            item.abusive = [t for t in item.abusive if t >= cutoff]
            out.append(
                replace(
                    item.state,
                    open_conversations=item.open,
                    distressed_contacts=tuple(item.distressed),
                    abusive_contacts=tuple(item.abusive),
                    last_assigned_at=item.last_assigned,
                )
            )
        return out

    def assign(arrival: Arrival, now: datetime) -> bool:
        nonlocal serial
        need = arrival.need
        result = router(need, snapshot(now), now, settings)
        if result.agent_id is None:
            return False
        item = live[result.agent_id]
        item.open += 1
        item.last_assigned = now
        distressed = need.distress >= settings.distressed_threshold
        if need.abusive:
            item.abusive.append(now)
        elif distressed:
            item.distressed.append(now)
        serial += 1
        done = now + timedelta(minutes=arrival.handle_minutes)
        heapq.heappush(resolutions, (done, serial, result.agent_id))
        records.append(AssignmentRecord(result.agent_id, distressed, need.abusive))
        return True

    def resolve_until(moment: datetime | None) -> None:
        while resolutions and (moment is None or resolutions[0][0] <= moment):
            done, _, agent_id = heapq.heappop(resolutions)
            live[agent_id].open -= 1
            still: list[Arrival] = []
            for arrival in waiting:
                if not assign(arrival, done):
                    still.append(arrival)
            waiting[:] = still

    for arrival in sorted(stream, key=lambda a: a.at):
        resolve_until(arrival.at)
        if not assign(arrival, arrival.at):
            waiting.append(arrival)
            waited += 1
    resolve_until(None)

    report = emotional_load_report(records, [a.id for a in agents if _customer_facing(a, settings)])
    per_agent = {
        x.agent_id: {"conversations": x.conversations, "distressed": x.distressed,
                     "abusive": x.abusive}
        for x in report.agents
    }  # fmt: skip
    return SimulationResult(strategy, tuple(records), len(waiting), waited, report, per_agent)


def _customer_facing(agent: AgentState, settings: RoutingSettings) -> bool:
    """Agents whose spread counts: active and not in a back-office role."""
    return agent.active and agent.role not in settings.back_office_roles


def synthetic_stream(
    n: int,
    seed: int,
    start: datetime,
    *,
    mean_gap_minutes: float = 1.0,
    distressed_rate: float = 0.3,
    abusive_rate: float = 0.04,
    handle_minutes: float = 20.0,
    queues: Mapping[str, tuple[str, ...]] = DEMO_QUEUES,
    queue_weights: Mapping[str, float] = DEMO_QUEUE_WEIGHTS,
    languages: Mapping[str, float] = DEMO_LANGUAGES,
) -> list[Arrival]:
    """A seeded stream of conversations that reached people, shaped like the demo shop's.

    Arrivals are Poisson (exponential gaps), handle times exponential around
    ``handle_minutes`` (distressed ones take 1.5× as long: they do), distress is drawn so
    ``distressed_rate`` of conversations are distressed and a third of those highly so.
    Abusive conversations go to the protected queue (experienced roles).
    """
    rng = np.random.default_rng(seed)
    names = list(queues)
    q_p = np.array([queue_weights.get(q, 0.0) for q in names], dtype=float)
    langs = list(languages)
    l_p = np.array([languages[x] for x in langs], dtype=float)
    at = start
    out: list[Arrival] = []
    for _ in range(n):
        at += timedelta(minutes=float(rng.exponential(mean_gap_minutes)))
        language = langs[int(rng.choice(len(langs), p=l_p / l_p.sum()))]
        roll = float(rng.random())
        if roll < abusive_rate:
            need = RoutingNeed("protected", (), (), language, float(rng.uniform(0.6, 1.0)), True)
        else:
            queue = names[int(rng.choice(len(names), p=q_p / q_p.sum()))]
            if roll < abusive_rate + distressed_rate:
                high = rng.random() < 1 / 3
                distress = float(rng.uniform(0.7, 1.0) if high else rng.uniform(0.5, 0.7))
            else:
                distress = float(rng.uniform(0.0, 0.45))
            need = RoutingNeed(queue, queues[queue], (), language, distress)
        heavy = need.distress >= 0.5
        minutes = float(rng.exponential(handle_minutes * (1.5 if heavy else 1.0)))
        out.append(Arrival(at, need, max(2.0, minutes)))
    return out
