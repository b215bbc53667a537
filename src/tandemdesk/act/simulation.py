"""Replay a stream of conversations through a router, to compare routing strategies offline.

Why a simulation: whether balancing emotional load actually spreads it — and what it costs
in waiting — is an empirical question that depends on skills, languages, capacity, shifts
and business hours; this replays a stream against the real routers (``routing.STRATEGIES``)
with the same team, and measures the spread (``load.emotional_load_report``), the worst
hour any agent had, the waits of distressed and calm customers and the first-reply targets
missed.

The model is deliberately simple and says so:

- a conversation arrives and joins the waiting list; it is given to a person when someone
  present (on their shift, ``Service.shifts``), not on a recovery break, qualified and with
  a free seat (capacity) takes it — as in the product, presence decides, not the clock —
  its *wait* is the time until then, and a first reply is late when that is after its due
  time (business minutes of the queue's hours, ``decide.people.due_at``);
- it holds the seat for its handle time, then resolves, and the seat frees;
- the waiting list is served whenever something changes (an arrival, a seat freeing, a
  shift starting, a break ending): by priority (urgent, distressed or
  abusive first, then waiting longest) with the balanced strategy, first come first served
  with the baselines — as most helpdesks do;
- with the balanced strategy an agent takes a recovery break after an abusive or very
  distressed conversation (``Service.recovery``), and routing gives them nothing meanwhile.

Pure and deterministic: no clock, no database; ``synthetic_stream`` makes a seeded stream and
``people.replay`` builds one from a workspace's own traffic.
"""

from __future__ import annotations

import bisect
import heapq
import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

import numpy as np

from tandemdesk.act.load import AssignmentRecord, LoadReport, emotional_load_report
from tandemdesk.act.routing import (
    STRATEGIES,
    AgentState,
    RoutingNeed,
    RoutingResult,
    RoutingSettings,
)
from tandemdesk.decide.people import BusinessHours, RecoveryBreak, due_at
from tandemdesk.inbox import severity_band

Strategy = str
Router = Callable[[RoutingNeed, Sequence[AgentState], datetime, RoutingSettings], RoutingResult]
ROUTERS: dict[str, Router] = {**STRATEGIES, "least_busy": STRATEGIES["least-busy"]}
PRIORITY_STRATEGIES = ("balanced",)  # the others serve the waiting list first come first served

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
    conversation_id: int | None = None


@dataclass(frozen=True, slots=True)
class Service:
    """The time rules of the desk: queues' business hours, first-reply targets (minutes, by
    queue and urgency), agents' shifts (``None``: always present) and the recovery break."""

    queue_hours: Mapping[str, BusinessHours | None] = field(default_factory=dict)
    first_reply: Callable[[str, str], int] = lambda queue, urgency: 240
    shifts: Mapping[str, BusinessHours | None] = field(default_factory=dict)
    recovery: RecoveryBreak | None = None

    def hours(self, queue: str) -> BusinessHours | None:
        return self.queue_hours.get(queue)


@dataclass(frozen=True, slots=True)
class Served:
    """One arrival's fate: who took it and when (None: nobody by the end of the run)."""

    arrival: Arrival
    agent_id: str | None
    taken_at: datetime | None
    due: datetime | None

    @property
    def wait_seconds(self) -> float | None:
        return None if self.taken_at is None else (self.taken_at - self.arrival.at).total_seconds()

    @property
    def breached(self) -> bool:
        if self.due is None:
            return False
        return self.taken_at is None or self.taken_at > self.due


@dataclass(frozen=True, slots=True)
class SimulationResult:
    """Who got what: the assignments, what never found anyone, and the load report."""

    strategy: str
    assignments: tuple[AssignmentRecord, ...]
    unassigned: int
    waited: int
    report: LoadReport
    per_agent: dict[str, dict[str, int]] = field(default_factory=dict)
    served: tuple[Served, ...] = ()
    max_hourly_exposure: float = 0.0
    max_hourly_agent: str | None = None
    distressed_median_wait_s: float = 0.0
    calm_median_wait_s: float = 0.0
    sla_breaches: int = 0
    breaks: int = 0
    waits: dict[str, float] = field(default_factory=dict)  # means and 90th percentiles

    def summary(self) -> dict[str, Any]:
        """The figures ``tandemdesk simulate routing --json`` prints for a strategy."""
        r = self.report
        return {
            "gini_distressed": round(r.gini_distressed, 4),
            "gini_abusive": round(r.gini_abusive, 4),
            "gini_distressed_share": round(r.gini_distressed_share, 4),
            "max_hourly_exposure": round(self.max_hourly_exposure, 3),
            "max_hourly_agent": self.max_hourly_agent,
            "distressed_median_wait_s": round(self.distressed_median_wait_s, 1),
            "calm_median_wait_s": round(self.calm_median_wait_s, 1),
            "sla_breaches": self.sla_breaches,
            **{k: round(v, 1) for k, v in self.waits.items()},
            "conversations": len(self.served),
            "assigned": len(self.assignments),
            "unassigned": self.unassigned,
            "waited": self.waited,
            "recovery_breaks": self.breaks,
            "per_agent": self.per_agent,
        }


@dataclass
class _Live:
    """Mutable per-agent state during a run (``AgentState`` stays immutable)."""

    state: AgentState
    distressed: list[datetime] = field(default_factory=list)
    abusive: list[datetime] = field(default_factory=list)
    week: list[tuple[datetime, float]] = field(default_factory=list)
    open: int = 0
    last_assigned: datetime | None = None
    break_until: datetime | None = None
    present_ever: bool = False


def priority_key(need: RoutingNeed, at: datetime, settings: RoutingSettings) -> tuple[Any, ...]:
    """The waiting list's order: urgent, distressed or abusive first, then some distress,
    then the rest; within a band, the one waiting longest. The bands are the inbox's own
    (``inbox.severity_band``, as the live waiting list uses), so the simulation cannot drift
    from what the desk does."""
    band = severity_band(need.distress, need.urgency, need.abusive, settings.distressed_threshold)
    return (-band, at)


def _boundaries(
    hours: Iterable[BusinessHours | None], start: datetime, end: datetime
) -> list[datetime]:
    """Every opening and closing instant of these schedules between ``start`` and ``end``."""
    out: set[datetime] = set()
    for schedule in hours:
        if schedule is None:
            continue
        cursor = start
        while cursor < end:
            spans = schedule.open_spans(cursor)
            if not spans:
                break
            for a, b in spans:
                if a > end:
                    break
                out.update((a, b))
            cursor = spans[-1][1] + timedelta(seconds=1)
    return sorted(t for t in out if start <= t <= end)


def simulate(
    stream: Iterable[Arrival],
    agents: Sequence[AgentState],
    strategy: Strategy = "balanced",
    settings: RoutingSettings | None = None,
    service: Service | None = None,
) -> SimulationResult:
    """Assign every arrival with ``strategy``; measure spread, exposure, waits and SLAs.

    ``agents`` give skills, roles, languages and capacity; their open conversations and
    exposure start from the given state and evolve as the stream is assigned.
    """
    settings = settings or RoutingSettings()
    service = service or Service()
    router = ROUTERS[strategy]
    prioritise = strategy in PRIORITY_STRATEGIES
    recovery = service.recovery if prioritise else None
    arrivals = sorted(stream, key=lambda a: a.at)
    live = {
        a.id: _Live(a, list(a.distressed_contacts), list(a.abusive_contacts),
                    open=a.open_conversations, last_assigned=a.last_assigned_at)
        for a in agents
    }  # fmt: skip
    window = timedelta(minutes=settings.window_minutes)
    week = timedelta(days=settings.exposure_days)
    resolutions: list[tuple[datetime, int, str, bool]] = []  # (time, serial, agent, heavy)
    waiting: list[tuple[tuple[Any, ...], int, Arrival, datetime | None]] = []
    records: list[AssignmentRecord] = []
    served: list[Served] = []
    hourly: dict[tuple[str, datetime], float] = defaultdict(float)
    waited = 0
    breaks = 0
    serial = 0

    def present(item: _Live, now: datetime) -> bool:
        shift = service.shifts.get(item.state.id)
        return shift is None or shift.is_open(now)

    def snapshot(now: datetime) -> list[AgentState]:
        cutoff, week_cutoff = now - window, now - week
        out = []
        for item in live.values():
            item.distressed = [t for t in item.distressed if t >= cutoff]
            item.abusive = [t for t in item.abusive if t >= cutoff]
            item.week = [(t, w) for t, w in item.week if t >= week_cutoff]
            here = present(item, now)
            item.present_ever = item.present_ever or here
            out.append(
                replace(
                    item.state,
                    open_conversations=item.open,
                    distressed_contacts=tuple(item.distressed),
                    abusive_contacts=tuple(item.abusive),
                    last_assigned_at=item.last_assigned,
                    presence="online" if here else "offline",
                    break_until=item.break_until,
                    exposure=sum(w for _, w in item.week),
                )
            )
        return out

    def assign(
        arrival: Arrival, due: datetime | None, now: datetime, agents_now: list[AgentState]
    ) -> bool:
        nonlocal serial
        need = arrival.need
        result = router(need, agents_now, now, settings)
        if result.agent_id is None:
            return False
        item = live[result.agent_id]
        item.open += 1
        item.last_assigned = now
        distressed = need.distress >= settings.distressed_threshold
        weight = 0.0
        if need.abusive:
            item.abusive.append(now)
            weight = settings.abusive_weight
        elif distressed:
            item.distressed.append(now)
            weight = settings.distressed_weight
        if weight:
            item.week.append((now, weight))
            hourly[result.agent_id, now.replace(minute=0, second=0, microsecond=0)] += weight
        heavy = recovery is not None and (
            (need.abusive and recovery.after_abusive)
            or (recovery.after_distress is not None and need.distress >= recovery.after_distress)
        )
        serial += 1
        done = now + timedelta(minutes=arrival.handle_minutes)
        heapq.heappush(resolutions, (done, serial, result.agent_id, heavy))
        records.append(AssignmentRecord(result.agent_id, distressed, need.abusive))
        served.append(Served(arrival, result.agent_id, now, due))
        for i, state in enumerate(agents_now):  # later arrivals of this round see the seat taken
            if state.id == result.agent_id:
                agents_now[i] = replace(state, open_conversations=item.open, last_assigned_at=now,
                                        exposure=state.exposure + weight)  # fmt: skip
        return True

    def serve(now: datetime, only: int | None = None) -> None:
        """Give free seats to the waiting list in its order (``only``: just that entry —
        a new arrival, when nothing else changed since the last pass). The list is kept in
        its order and a pass stops when no seat is left: re-sorting it for every arrival made
        replaying 10,000 imported conversations on a small team run for minutes."""
        if not waiting:
            return
        agents_now = snapshot(now)
        if not any(_free(a, now) for a in agents_now):
            return
        if only is not None:
            at = next(i for i, entry in enumerate(waiting) if entry[1] == only)
            if assign(waiting[at][2], waiting[at][3], now, agents_now):
                del waiting[at]
            return
        still = []
        for position, entry in enumerate(waiting):
            if not any(_free(a, now) for a in agents_now):
                still.extend(waiting[position:])
                break
            if not assign(entry[2], entry[3], now, agents_now):
                still.append(entry)
        waiting[:] = still

    def resolve_until(moment: datetime) -> bool:
        nonlocal breaks
        freed = False
        while resolutions and resolutions[0][0] <= moment:
            done, _, agent_id, heavy = heapq.heappop(resolutions)
            item = live[agent_id]
            item.open -= 1
            if heavy and recovery is not None and recovery.minutes > 0:
                item.break_until = done + timedelta(minutes=recovery.minutes)
                heapq.heappush(wakeups, item.break_until)
                breaks += 1
            freed = True
        return freed

    if not arrivals:
        return _result(strategy, records, served, waited, agents, settings, hourly, breaks, live)
    horizon = arrivals[-1].at + timedelta(days=3)
    schedules = [*service.queue_hours.values(), *service.shifts.values()]
    wakeups: list[datetime] = _boundaries(schedules, arrivals[0].at, horizon)
    heapq.heapify(wakeups)
    index = 0
    now = arrivals[0].at
    while index < len(arrivals) or (waiting and (resolutions or wakeups)):
        candidates = [t for t in (
            arrivals[index].at if index < len(arrivals) else None,
            resolutions[0][0] if resolutions else None,
            wakeups[0] if wakeups else None,
        ) if t is not None]  # fmt: skip
        if not candidates:
            break
        now = max(now, min(candidates))
        if now > horizon:
            break
        changed = False
        while wakeups and wakeups[0] <= now:
            heapq.heappop(wakeups)
            changed = True
        changed = resolve_until(now) or changed
        if changed:
            serve(now)
        while index < len(arrivals) and arrivals[index].at <= now:
            arrival = arrivals[index]
            need = arrival.need
            minutes = service.first_reply(need.queue, need.urgency)
            due = due_at(arrival.at, minutes, service.hours(need.queue))
            key = priority_key(need, arrival.at, settings) if prioritise else ((0,), arrival.at)
            bisect.insort(waiting, (key, index, arrival, due), key=_order)
            index += 1
            before = len(waiting)
            serve(now, only=index - 1)
            waited += len(waiting) == before  # not seated on arrival
    for _, _, arrival, due in waiting:
        served.append(Served(arrival, None, None, due))
    return _result(strategy, records, served, waited, agents, settings, hourly, breaks, live)


def _order(entry: tuple[tuple[Any, ...], int, Arrival, datetime | None]) -> tuple[Any, ...]:
    """The waiting list's order: priority key, then arrival."""
    return (entry[0], entry[1])


def _result(
    strategy: str,
    records: list[AssignmentRecord],
    served: list[Served],
    waited: int,
    agents: Sequence[AgentState],
    settings: RoutingSettings,
    hourly: Mapping[tuple[str, datetime], float],
    breaks: int,
    live: Mapping[str, _Live],
) -> SimulationResult:
    counted = [
        a.id for a in agents
        if _customer_facing(a, settings) and (live[a.id].present_ever or not served)
    ]  # fmt: skip
    report = emotional_load_report(records, counted)
    per_agent = {
        x.agent_id: {"conversations": x.conversations, "distressed": x.distressed,
                     "abusive": x.abusive}
        for x in report.agents
    }  # fmt: skip
    worst = max(hourly.items(), key=lambda kv: kv[1], default=None)

    def median_wait(pick: Callable[[RoutingNeed], bool]) -> float:
        waits = [s.wait_seconds for s in served if pick(s.arrival.need)]
        known = [w for w in waits if w is not None]
        return float(statistics.median(known)) if known else 0.0

    threshold = settings.distressed_threshold

    def distressed(n: RoutingNeed) -> bool:
        return n.distress >= threshold and not n.abusive

    def calm(n: RoutingNeed) -> bool:
        return n.distress < threshold and not n.abusive

    waits: dict[str, float] = {}
    for label, pick in (("distressed", distressed), ("calm", calm)):
        known = [
            s.wait_seconds for s in served if pick(s.arrival.need) and s.wait_seconds is not None
        ]
        waits[f"{label}_mean_wait_s"] = float(np.mean(known)) if known else 0.0
        waits[f"{label}_p90_wait_s"] = float(np.percentile(known, 90)) if known else 0.0
    name = "least-busy" if strategy == "least_busy" else strategy
    return SimulationResult(
        name,
        tuple(records),
        sum(1 for s in served if s.agent_id is None),
        waited,
        report,
        per_agent,
        tuple(served),
        max_hourly_exposure=worst[1] if worst else 0.0,
        max_hourly_agent=worst[0][0] if worst else None,
        distressed_median_wait_s=median_wait(distressed),
        calm_median_wait_s=median_wait(calm),
        sla_breaches=sum(1 for s in served if s.breached),
        breaks=breaks,
        waits=waits,
    )


def _free(agent: AgentState, now: datetime) -> bool:
    """Whether the agent could take anything now (present, not on a break, a free seat)."""
    return (
        agent.active
        and agent.available
        and agent.presence == "online"
        and (agent.break_until is None or agent.break_until <= now)
        and agent.open_conversations < agent.capacity
    )


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
