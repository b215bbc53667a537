"""Who answers: route a conversation that needs a person, and spread the emotional load.

Why this is more than "least busy": in an empathy-first desk the bot takes the routine, so
the conversations people get are disproportionately the upset, frightened and abusive ones.
A plain fewest-open-conversations router hands them out by accident, and the same few agents
end a shift having absorbed most of the anger. This router counts that exposure: each agent
carries a *recent emotional load* (distressed and abusive contacts, weighted, decaying with
a half-life) and the next heavy conversation goes to whoever carries the least. After an
abusive contact an agent gets a cool-down: no abusive or highly distressed conversation for
a while, unless nobody else can take it (and then the reason says so).

The rules, in the order they apply (each candidate is excluded by the first that fails):

1. active, present (online: not away, offline or on a recovery break) and with free
   capacity;
2. the right role: customer-facing work never goes to dispatch/logistics roles unless the
   queue names them; abusive conversations go only to experienced roles
   (``RoutingSettings.experienced_roles``: the orchestrator takes them from the policy's
   warning queue, so a shop that lists its team leads there gets them), never to a junior
   agent as a fallback, whatever queue the message landed in;
3. the queue's skills (any one of them: a queue lists a topic and its intents) — for a
   distressed conversation widened to colleagues without them when the specialists carry
   clearly more hard contacts lately (``RoutingSettings.share_margin``);
4. the customer's language, when anyone left speaks it (else it falls back and says so);
5. the cool-down, for abusive or highly distressed conversations (falls back, says so);
6. continuity: the agent of the customer's open conversation keeps the customer;
7. for a distressed or abusive conversation, the lowest recent emotional load; then the
   lowest exposure over the longer horizon (``AgentState.exposure``: the weighted hard
   contacts of the last ``exposure_days``, so totals even out where the traffic is too thin
   for the recent load to tell agents apart); then fewer open conversations, then the
   longest idle, then the id — so the same inputs always give the same agent. A calm
   conversation skips the load and goes by open conversations: the load decides who takes
   the *next hard one*, while routine work keeps flowing to everyone, so an agent who just
   took three angry customers gets ordinary work in between rather than an empty queue or
   nothing but anger. (Ranking calm work by load too pushed it away from the experienced
   agents: in the simulation 28 of a supervisor's 34 conversations were abusive.)

Pure: the caller passes agents' state in and stores the ``RoutingResult`` (it is data: the
chosen agent, one sentence for people, and every candidate with why it was not chosen).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal, Protocol

if TYPE_CHECKING:
    from tandemdesk.decide.policy import Policy


class StoredAgent(Protocol):
    """An agent as stored: the ORM row, or a result row with the same columns."""

    external_id: str
    name: str
    role: str
    skills: Any
    languages: Any
    capacity: int
    active: bool


EXPERIENCED_ROLES: tuple[str, ...] = ("senior_agent", "supervisor")
BACK_OFFICE_ROLES: tuple[str, ...] = ("dispatcher", "logistics")

Exclusion = Literal[
    "inactive", "unavailable", "away", "offline", "on_break", "full", "role",
    "not_experienced", "skills", "language", "cool_down",
]  # fmt: skip
PRESENCE: tuple[str, ...] = ("online", "away", "offline")


@dataclass(frozen=True, slots=True)
class RoutingSettings:
    """The knobs of routing; the defaults suit a chat/email desk with shifts of hours.

    - ``window_minutes`` (240): contacts older than this no longer count toward the load —
      half a shift; yesterday's angry caller should not decide today's routing.
    - ``half_life_minutes`` (60): a contact's weight halves every hour, so a contact ten
      minutes ago weighs far more than one three hours ago: the most recent strain counts most.
    - ``distressed_weight`` (1.0) and ``abusive_weight`` (2.0): being insulted or threatened
      costs more than comforting a worried customer, so an abusive contact counts double.
      (3.0 was tried: the experienced agents who take all the abuse then got almost no
      distressed work and everyone else more, which spread distress *less* evenly.)
    - ``cool_down_minutes`` (30): after an abusive contact, no abusive or highly distressed
      conversation for half an hour (unless nobody else qualifies).
    - ``distressed_threshold`` (0.5): distress at or above this is a *distressed* contact
      (the emotion model's own ``distressed`` label starts here).
    - ``high_distress_threshold`` (0.7): distress at or above this is *highly* distressed,
      the level at which the cool-down protects an agent. (Not the policy's "a person
      answers" threshold, 0.6 by default: routing weighs load from the emotion model's
      own label up, whatever a policy sends to people.)
    - ``load_precision`` (2): loads are compared rounded to this many decimals, so two
      agents whose loads differ by a rounding hair are a tie decided by open conversations.
    - ``share_margin`` (1.0): hard work is shared beyond the queue's skills. A distressed (not
      abusive) conversation may go to a colleague without the queue's skills who speaks the
      customer's language when the queue's specialists carry at least this much more
      weighted exposure over ``exposure_days`` (``AgentState.exposure``) than that
      colleague, or when no specialist can take it now. Why: the busiest queue's specialists
      (late parcels upset people most) otherwise absorb most of the team's distress, and
      comforting a worried customer needs a person with room for it more than a specialist
      (the handoff packet carries the facts). ``None`` keeps skills strict. Queues that name
      roles never share.
    - ``exposure_days`` (30): the longer horizon of hard contacts balancing evens out. Only
      among agents with no recent load (the first key), so a newcomer with nothing on the
      horizon takes one hard conversation, then waits for the others' turn like anyone.
      (7 days: demo year Gini 0.126, last 30 days 0.224; 30 days: 0.083 and 0.17.)
    - ``away_after_minutes`` (15) / ``offline_after_minutes`` (120): an agent who works in
      the console and has been idle this long reads as away, then offline (the live flow
      takes them from the policy's ``people``; ``effective_presence``).
    - ``experienced_roles`` / ``back_office_roles``: who may take abuse (the live flow uses
      the policy's ``Policy.warned_roles`` when it names any); who does not do
      customer-facing work unless a queue asks for them.
    """

    window_minutes: float = 240.0
    half_life_minutes: float = 60.0
    distressed_weight: float = 1.0
    abusive_weight: float = 2.0
    cool_down_minutes: float = 30.0
    distressed_threshold: float = 0.5
    high_distress_threshold: float = 0.7
    load_precision: int = 2
    share_margin: float | None = 1.0
    exposure_days: float = 30.0
    away_after_minutes: float = 15.0
    offline_after_minutes: float = 120.0
    experienced_roles: tuple[str, ...] = EXPERIENCED_ROLES
    back_office_roles: tuple[str, ...] = BACK_OFFICE_ROLES


@dataclass(frozen=True, slots=True)
class AgentState:
    """An agent as routing sees them right now (the caller assembles it from the store).

    ``distressed_contacts`` / ``abusive_contacts`` are the start times of recent distressed
    and abusive conversations (older ones may be passed; the window drops them). An abusive
    conversation is listed once, under abusive, even when it was distressed too.
    ``last_abusive_at`` may be given on its own (e.g. from a stored counter); the cool-down
    uses the later of it and the newest abusive contact.
    """

    id: str
    name: str
    role: str = "agent"
    skills: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    capacity: int = 5
    active: bool = True
    available: bool = True
    open_conversations: int = 0
    distressed_contacts: tuple[datetime, ...] = ()
    abusive_contacts: tuple[datetime, ...] = ()
    last_abusive_at: datetime | None = None
    last_assigned_at: datetime | None = None
    presence: str = "online"  # online | away | offline (``people.presence``)
    break_until: datetime | None = None  # on a recovery break until then
    exposure: float = 0.0  # weighted hard contacts over the longer horizon (exposure_days)

    @classmethod
    def from_agent(cls, agent: StoredAgent, **state: Any) -> AgentState:
        """The routing view of a stored agent; ``state`` adds the live parts (open …)."""
        return cls(
            id=agent.external_id,
            name=agent.name,
            role=agent.role,
            skills=tuple(agent.skills or ()),
            languages=tuple(agent.languages or ()),
            capacity=agent.capacity,
            active=agent.active,
            **state,
        )

    @property
    def latest_abuse(self) -> datetime | None:
        times = [*self.abusive_contacts, *([self.last_abusive_at] if self.last_abusive_at else [])]
        return max(times) if times else None


@dataclass(frozen=True, slots=True)
class RoutingNeed:
    """What the conversation needs from a person.

    ``skills`` are alternatives (an agent with any one qualifies); empty means any skill.
    ``roles`` are the queue's roles; empty means every customer-facing role. ``urgency``
    orders the waiting line (the caller's job) and is quoted in the reason; it does not
    change *who* may answer. ``previous_agent_id`` is the agent of the customer's open
    conversation, for continuity. ``over_capacity``: when everyone qualified is at capacity,
    one of them takes it anyway (a crisis queue's customer does not wait for a free seat).
    """

    queue: str
    skills: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    language: str | None = None
    distress: float = 0.0
    abusive: bool = False
    urgency: str = "normal"
    previous_agent_id: str | None = None
    over_capacity: bool = False


def need_for_queue(
    policy: Policy,
    queue: str,
    *,
    language: str | None,
    distress: float,
    abusive: bool,
    urgency: str | None,
    previous_agent_id: str | None = None,
) -> RoutingNeed:
    """What a conversation in ``queue`` needs, from the policy's queue: its skills and roles,
    and ``over_capacity`` for a queue with a response protocol (the crisis queue). One place
    for the live path, the waiting list and the replay."""
    spec = policy.queues.get(queue)
    return RoutingNeed(
        queue=queue,
        skills=tuple(spec.skills) if spec else (),
        roles=tuple(spec.roles) if spec else (),
        language=language,
        distress=float(distress),
        abusive=abusive,
        urgency=urgency or "normal",
        previous_agent_id=previous_agent_id,
        over_capacity=bool(spec and spec.protocol),
    )


@dataclass(frozen=True, slots=True)
class Candidate:
    """One agent that routing looked at: their load and why they were (not) chosen."""

    agent_id: str
    name: str
    load: float
    open_conversations: int
    excluded: Exclusion | None
    why: str
    chosen: bool = False


@dataclass(frozen=True, slots=True)
class RoutingResult:
    """The routing decision as data: who, one sentence why, and every candidate."""

    agent_id: str | None
    reason: str
    candidates: tuple[Candidate, ...]
    fallbacks: tuple[str, ...] = field(default=())  # "capacity", "language", "cool_down"
    strategy: str = "balanced"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class IdleRules(Protocol):
    @property
    def away_after_minutes(self) -> float: ...
    @property
    def offline_after_minutes(self) -> float: ...


def effective_presence(
    switch: str | None, last_seen: datetime | None, now: datetime, rules: IdleRules
) -> str:
    """The presence routing uses: the agent's switch, made away / offline by console
    idleness (an agent never seen in the console is what their switch says)."""
    chosen = switch if switch in PRESENCE else "online"
    if chosen != "online" or last_seen is None:
        return chosen
    idle = (now - last_seen).total_seconds() / 60.0
    if idle >= rules.offline_after_minutes:
        return "offline"
    return "away" if idle >= rules.away_after_minutes else "online"


def primary_language(code: str | None) -> str | None:
    """``"de-AT"`` → ``"de"``: agents list languages, not regional variants."""
    return code.strip().lower().replace("_", "-").split("-")[0] if code else None


def emotional_load(agent: AgentState, now: datetime, settings: RoutingSettings) -> float:
    """The agent's recent emotional load: weighted contacts, each halving per half-life.

    A contact in the future (clock skew) counts as just now; outside the window, not at all.
    """

    def decayed(times: Sequence[datetime], weight: float) -> float:
        total = 0.0
        for at in times:
            age = max(0.0, (now - at).total_seconds() / 60.0)
            if age <= settings.window_minutes:
                total += weight * 0.5 ** (age / settings.half_life_minutes)
        return total

    return decayed(agent.distressed_contacts, settings.distressed_weight) + decayed(
        agent.abusive_contacts, settings.abusive_weight
    )


def in_cool_down(agent: AgentState, now: datetime, settings: RoutingSettings) -> bool:
    """Whether the agent had an abusive contact within the last ``cool_down_minutes``."""
    latest = agent.latest_abuse
    return latest is not None and (now - latest).total_seconds() < settings.cool_down_minutes * 60


def _hard_exclusion(
    agent: AgentState, need: RoutingNeed, settings: RoutingSettings, now: datetime
) -> tuple[Exclusion, str] | None:
    """The first rule that rules the agent out for this need, with a sentence, or None."""
    if not agent.active:
        return "inactive", "inactive"
    if not agent.available:
        return "unavailable", "not available (offline or away)"
    if agent.presence == "away":
        return "away", "away"
    if agent.presence == "offline":
        return "offline", "offline"
    if agent.break_until is not None and agent.break_until > now:
        return "on_break", f"on a recovery break until {agent.break_until:%H:%M} UTC"
    if agent.open_conversations >= agent.capacity:
        return "full", f"at capacity ({agent.open_conversations}/{agent.capacity})"
    if need.abusive and agent.role not in settings.experienced_roles:
        return "not_experienced", (
            f"abusive conversations go only to {' or '.join(settings.experienced_roles)}"
        )
    if need.roles and agent.role not in need.roles:
        return "role", f"role {agent.role} is not in queue {need.queue}"
    if not need.roles and agent.role in settings.back_office_roles:
        return "role", f"role {agent.role} does not do customer-facing work"
    if need.skills and not set(need.skills) & set(agent.skills):
        return "skills", f"no skill of queue {need.queue} ({', '.join(need.skills)})"
    return None


def _shares(need: RoutingNeed, settings: RoutingSettings) -> bool:
    """Whether this conversation's hard work may be shared beyond the queue's skills."""
    return (
        settings.share_margin is not None
        and not need.abusive
        and bool(need.skills)
        and not need.roles
        and need.distress >= settings.distressed_threshold
    )


def _share_hard_work(
    pool: list[AgentState],
    agents: Sequence[AgentState],
    excluded: dict[str, tuple[Exclusion, str]],
    need: RoutingNeed,
    settings: RoutingSettings,
    notes: list[str],
) -> list[AgentState]:
    """The pool, widened to colleagues ruled out only by skills (see ``share_margin``)."""
    language = primary_language(need.language)

    def speaks(agent: AgentState) -> bool:
        return language is None or language in {primary_language(x) for x in agent.languages}

    wider = [a for a in agents if excluded.get(a.id, ("",))[0] == "skills" and speaks(a)]
    if not wider:
        return pool
    skilled = [a for a in pool if speaks(a)]
    least_wider = min(a.exposure for a in wider)
    margin = settings.share_margin or 0.0
    if skilled:
        least_skilled = min(a.exposure for a in skilled)
        if least_wider + margin > least_skilled:
            return pool
        notes.append(
            f"Shared beyond queue {need.queue}'s skills: its specialists carry more hard "
            f"conversations lately ({least_skilled:.1f} vs {least_wider:.1f})."
        )
    else:
        notes.append(
            f"Shared beyond queue {need.queue}'s skills: none of its specialists can take "
            "this distressed customer now."
        )
    for a in wider:
        del excluded[a.id]
    return pool + wider


def _idle_key(agent: AgentState) -> float:
    """Longest idle first: never assigned sorts before any time."""
    return agent.last_assigned_at.timestamp() if agent.last_assigned_at else float("-inf")


def _select(
    need: RoutingNeed,
    agents: Sequence[AgentState],
    now: datetime,
    settings: RoutingSettings,
    *,
    strategy: str,
    balance: bool,
) -> RoutingResult:
    loads = {a.id: emotional_load(a, now, settings) for a in agents}
    excluded: dict[str, tuple[Exclusion, str]] = {}
    for agent in agents:
        ruled_out = _hard_exclusion(agent, need, settings, now)
        if ruled_out is not None:
            excluded[agent.id] = ruled_out
    pool = [a for a in agents if a.id not in excluded]
    notes: list[str] = []
    fallbacks: list[str] = []
    if balance and _shares(need, settings):
        pool = _share_hard_work(pool, agents, excluded, need, settings, notes)

    language = primary_language(need.language)
    if pool and language:
        speakers = [a for a in pool if language in {primary_language(x) for x in a.languages}]
        if speakers:
            speaker_ids = {a.id for a in speakers}
            for a in pool:
                if a.id not in speaker_ids:
                    excluded[a.id] = ("language", f"does not speak {language}")
            pool = speakers
        else:
            fallbacks.append("language")
            notes.append(f"Nobody qualified speaks {language}, so the language was not matched.")

    weighs = need.abusive or need.distress >= settings.distressed_threshold
    heavy = need.abusive or need.distress >= settings.high_distress_threshold
    if balance and pool and heavy:
        rested = [a for a in pool if not in_cool_down(a, now, settings)]
        if rested:
            cooling = [a for a in pool if in_cool_down(a, now, settings)]
            for a in cooling:
                excluded[a.id] = ("cool_down", "cooling down after an abusive contact")
            if cooling:
                names = ", ".join(a.name for a in cooling)
                notes.append(f"Skipped {names}: cooling down after an abusive contact.")
            pool = rested
        else:
            fallbacks.append("cool_down")
            notes.append(
                "Everyone qualified is cooling down after an abusive contact, so the "
                "cool-down was set aside."
            )

    chosen: AgentState | None = None
    why_chosen = ""
    if pool and balance and need.previous_agent_id:
        chosen = next((a for a in pool if a.id == need.previous_agent_id), None)
        if chosen is not None:
            why_chosen = "they already handle this customer's open conversation"
        elif need.previous_agent_id in excluded:
            code_why = excluded[need.previous_agent_id][1]
            notes.append(f"The customer's current agent could not take it ({code_why}).")
    if pool and chosen is None:
        if balance and weighs:
            chosen = min(pool, key=lambda a: _balanced_rank(a, loads[a.id], settings))
            why_chosen = (
                f"lowest recent emotional load ({loads[chosen.id]:.2f}) of {len(pool)} qualified"
            )
        elif strategy == "round_robin":
            chosen = min(pool, key=_round_robin_rank)
            why_chosen = f"next in turn (longest since their last conversation) of {len(pool)}"
        else:
            chosen = min(pool, key=_least_busy_rank)
            why_chosen = (
                f"fewest open conversations ({chosen.open_conversations}) of {len(pool)} qualified"
            )

    candidates = tuple(
        Candidate(
            a.id,
            a.name,
            round(loads[a.id], 4),
            a.open_conversations,
            excluded[a.id][0] if a.id in excluded else None,
            excluded[a.id][1]
            if a.id in excluded
            else ("chosen: " + why_chosen if a is chosen else "qualified, ranked lower"),
            chosen=a is chosen,
        )
        for a in agents
    )
    if chosen is None and need.over_capacity:
        # the last resort, after every other fallback: one seat more for those who are full
        # (not for an agent who takes no conversations at all, capacity 0)
        lifted = [
            replace(a, capacity=a.open_conversations + 1)
            if 0 < a.capacity <= a.open_conversations
            else a
            for a in agents
        ]
        again = _select(replace(need, over_capacity=False), lifted, now, settings,
                        strategy=strategy, balance=balance)  # fmt: skip
        if again.agent_id is not None:
            return replace(
                again,
                reason=f"{again.reason} Everyone qualified was at capacity; queue {need.queue}"
                " does not wait for a free seat, so it went over capacity.",
                fallbacks=(*again.fallbacks, "capacity"),
            )
    tail = f" ({need.urgency} urgency)" if need.urgency not in ("normal", "low") else ""
    if chosen is None:
        reason = _nobody_sentence(need, excluded) + tail
    else:
        reason = f"Routed to {chosen.name} ({chosen.role}) for queue {need.queue}{tail}: "
        reason += why_chosen + "."
    if notes:
        reason += " " + " ".join(notes)
    return RoutingResult(
        chosen.id if chosen else None, reason, candidates, tuple(fallbacks), strategy
    )


def _nobody_sentence(need: RoutingNeed, excluded: dict[str, tuple[Exclusion, str]]) -> str:
    """Why nobody qualified, counted by rule: what a supervisor has to fix."""
    if not excluded:
        return f"Nobody can take this conversation for queue {need.queue}: no agents given"
    labels = {
        "inactive": "inactive",
        "unavailable": "not available",
        "away": "away",
        "offline": "offline",
        "on_break": "on a recovery break",
        "full": "at capacity",
        "role": "in another role",
        "not_experienced": "not senior enough for an abusive conversation",
        "skills": "without the queue's skills",
    }
    counts: dict[str, int] = {}
    for code, _ in excluded.values():
        counts[code] = counts.get(code, 0) + 1
    parts = [f"{n} {labels.get(code, code)}" for code, n in counts.items()]
    return f"Nobody can take this conversation for queue {need.queue}: " + ", ".join(parts)


def _balanced_rank(agent: AgentState, load: float, settings: RoutingSettings) -> tuple[Any, ...]:
    return (
        round(load, settings.load_precision),
        round(agent.exposure, settings.load_precision),
        agent.open_conversations,
        _idle_key(agent),
        agent.id,
    )


def _least_busy_rank(agent: AgentState) -> tuple[Any, ...]:
    return (agent.open_conversations, _idle_key(agent), agent.id)


def _round_robin_rank(agent: AgentState) -> tuple[Any, ...]:
    return (_idle_key(agent), agent.id)


def route(
    need: RoutingNeed,
    agents: Sequence[AgentState],
    now: datetime,
    settings: RoutingSettings | None = None,
) -> RoutingResult:
    """Choose the person for a conversation, balancing emotional load (see module doc)."""
    settings = settings or RoutingSettings()
    return _select(need, agents, now, settings, strategy="balanced", balance=True)


def route_least_busy(
    need: RoutingNeed,
    agents: Sequence[AgentState],
    now: datetime,
    settings: RoutingSettings | None = None,
) -> RoutingResult:
    """The baseline most helpdesks ship: same hard rules, then fewest open conversations.

    No load, no cool-down, no continuity; kept so the benchmark and the simulation can show
    what balancing changes, measured against the same qualification rules.
    """
    settings = settings or RoutingSettings()
    return _select(need, agents, now, settings, strategy="least_busy", balance=False)


def route_round_robin(
    need: RoutingNeed,
    agents: Sequence[AgentState],
    now: datetime,
    settings: RoutingSettings | None = None,
) -> RoutingResult:
    """Each qualified agent in turn (the longest since their last conversation), whatever
    their load: the other common baseline, for the simulation's comparison."""
    settings = settings or RoutingSettings()
    return _select(need, agents, now, settings, strategy="round_robin", balance=False)


STRATEGIES: dict[str, Any] = {
    "balanced": route,
    "least-busy": route_least_busy,
    "round-robin": route_round_robin,
}
"""The routing strategies by their public name (``tandemdesk simulate routing --strategy``)."""
