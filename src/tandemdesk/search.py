"""Finding work in a big workspace: search and paging for the inbox and the decision log, a
customer's earlier conversations, the notes on a conversation, the queues an agent works.

Read-only, like ``inbox.py``. Every list answers with its true total (``count``) and one page,
so a person sees "showing 51–100 of 4,812", never a silent cut. Filters are SQL: status and
queue ride the ``(status, updated_at)`` index; words in messages and customers' names or
e-mails are ``lower(…) LIKE '%words%'`` (the same substring match on SQLite and PostgreSQL),
which PostgreSQL answers from trigram indexes (migration 0014) on 100,000 conversations.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from math import ceil
from typing import Any

from sqlalchemy import Integer, Select, and_, any_, bindparam, case, exists, func, or_, select, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session, aliased

from tandemdesk.act.routing import BACK_OFFICE_ROLES
from tandemdesk.decide.policy import Policy
from tandemdesk.decide.vocabulary import HUMAN_ACTIONS
from tandemdesk.inbox import DISTRESSED, UNEASY, URGENT, inbox_row, mood
from tandemdesk.listen.delivery import OPEN_STATUSES
from tandemdesk.models import (
    Agent,
    Conversation,
    ConversationNote,
    Customer,
    Decision,
    Message,
)
from tandemdesk.timeutil import utcnow

MOODS = ("distressed", "uneasy", "calm")
STATUSES = ("open", "pending", "resolved", "all")
PER_PAGE = 50
PROBE = 5000  # matching messages / customers looked up before a search (``Matches``)


@dataclass(frozen=True)
class Search:
    """What a person typed into the search form; empty fields do not filter."""

    text: str = ""  # words in a message
    customer: str = ""  # part of a customer's name or e-mail
    intent: str = ""
    status: str = ""  # open (default: open or pending) | pending | resolved | all
    queue: str = ""
    language: str = ""
    mood: str = ""  # distressed | uneasy | calm
    assignee: str = ""  # an agent's external id or e-mail, or "none"
    action: str = ""  # the decision log only: the decision's action

    @classmethod
    def from_params(cls, params: Any) -> Search:
        """From a query string (unknown keys ignored, every value trimmed and bounded)."""
        return cls(**{f.name: _clean(params.get(f.name)) for f in fields(cls)})

    def narrows(self) -> bool:
        """Whether this needs the search (not the "most pressing first" inbox)."""
        return bool(self.text or self.customer or self.mood)

    def query_string(self, **override: Any) -> str:
        from urllib.parse import urlencode

        values = {f.name: getattr(self, f.name) for f in fields(self)} | override
        return urlencode({k: v for k, v in values.items() if v not in ("", None)})


def _clean(value: Any) -> str:
    """A form value as a search term: control characters dropped (a NUL is not a character
    PostgreSQL can compare), trimmed, at most 200 characters."""
    return "".join(c for c in str(value or "") if c >= " ").strip()[:200]


def _like(words: str) -> str:
    escaped = words.lower().replace("!", "!!").replace("%", "!%").replace("_", "!_")
    return f"%{escaped}%"


def paging(count: int, page: int, per_page: int = PER_PAGE) -> dict[str, Any]:
    """Where a page sits: ``first``–``last`` of ``count``, and the neighbouring pages."""
    pages = max(1, ceil(count / per_page))
    page = min(max(1, page), pages)
    first = (page - 1) * per_page + 1 if count else 0
    last = min(count, page * per_page)
    around = sorted({1, pages, *range(max(1, page - 2), min(pages, page + 2) + 1)})
    return {"page": page, "pages": pages, "per_page": per_page, "count": count,
            "first": first, "last": last, "offset": (page - 1) * per_page,
            "prev": page - 1 if page > 1 else None, "next": page + 1 if page < pages else None,
            "around": around}  # fmt: skip


def _latest_distress() -> Any:
    return (
        select(Decision.distress)
        .where(Decision.conversation_id == Conversation.id)
        .order_by(Decision.id.desc())
        .limit(1)
        .scalar_subquery()
    )


def _mood_condition(wanted: str, distressed: float) -> Any:
    distress = func.coalesce(_latest_distress(), 0.0)
    uneasy = min(UNEASY, distressed)
    if wanted == "distressed":
        return distress >= distressed
    if wanted == "uneasy":
        return and_(distress >= uneasy, distress < distressed)
    return distress < uneasy


@dataclass
class Matches:
    """Words and customers looked up first, on their own tables: up to ``PROBE`` matching
    messages (a rare word: its trigram index; a common one: the first rows of a scan, which
    stop) and customers. Under the limit, the search filters by those ids — exact count,
    any page, cheap. Over it (``many``), the words are common: the search walks the
    newest first and stops after a page, and says "more than" instead of a count."""

    messages: list[tuple[int, int]] | None = None  # (message id, conversation id)
    customers: list[int] | None = None
    many: bool = False
    postgres: bool = False

    def among(self, column: Any, ids: Any) -> Any:
        """``column IN ids``; on PostgreSQL one array parameter (``= ANY(:ids)``): thousands
        of separate parameters cost the driver ~40 ms to splice into the statement."""
        wanted = sorted(set(ids)) or [-1]
        if self.postgres:
            return column == any_(bindparam(None, wanted, type_=ARRAY(Integer), unique=True))
        return column.in_(wanted)

    @classmethod
    def find(cls, session: Session, s: Search) -> Matches:
        found = cls(postgres=session.get_bind().dialect.name == "postgresql")
        _no_jit(session)
        if s.text:
            rows = session.execute(
                select(Message.id, Message.conversation_id)
                .where(func.lower(Message.text).like(_like(s.text), escape="!"))
                .limit(PROBE + 1)
            ).all()
            if len(rows) <= PROBE:
                found.messages = [(int(m), int(c)) for m, c in rows]
            else:
                found.many = True
        if s.customer:
            pattern = _like(s.customer)
            ids = session.scalars(
                select(Customer.id)
                .where(
                    or_(
                        func.lower(Customer.name).like(pattern, escape="!"),
                        func.lower(Customer.email).like(pattern, escape="!"),
                    )
                )
                .limit(PROBE + 1)
            ).all()
            if len(ids) <= PROBE:
                found.customers = [int(i) for i in ids]
            else:
                found.many = True
        return found


def conversation_filters(s: Search, distressed: float, matches: Matches | None = None) -> list[Any]:
    """The WHERE clauses of a search over conversations (joined with their customer)."""
    where: list[Any] = []
    matches = matches or Matches()
    status = s.status or "open"
    if status == "open":
        where.append(Conversation.status.in_(OPEN_STATUSES))
    elif status != "all":
        where.append(Conversation.status == status)
    if s.queue:
        where.append(Conversation.queue == s.queue)
    if s.intent:
        where.append(Conversation.intent == s.intent)
    if s.language:
        where.append(Customer.language == s.language)
    if s.customer:
        where.append(_customer_matches(s.customer, matches))
    if s.text and matches.messages is not None:
        where.append(matches.among(Conversation.id, (c for _, c in matches.messages)))
    elif s.text:
        where.append(
            exists().where(
                Message.conversation_id == Conversation.id,
                func.lower(Message.text).like(_like(s.text), escape="!"),
            )
        )
    if s.mood in MOODS:
        where.append(_mood_condition(s.mood, distressed))
    if s.assignee == "none":
        where.append(Conversation.assignee_id.is_(None))
    elif s.assignee:
        where.append(
            Conversation.assignee_id.in_(
                select(Agent.id).where(
                    (Agent.external_id == s.assignee) | (Agent.email == s.assignee.lower())
                )
            )
        )
    return where


def page_rows(
    session: Session, ids: list[int], distressed: float, policy: Policy | None
) -> list[dict[str, Any]]:
    """Inbox rows (the shape ``inbox.list_conversations`` gives) for these conversations,
    in this order: latest decision, assignee, the last customer message and whether it
    waits for an answer."""
    if not ids:
        return []
    latest = (
        select(func.max(Decision.id))
        .where(Decision.conversation_id.in_(ids))
        .group_by(Decision.conversation_id)
    )
    decisions = {
        d.conversation_id: d
        for d in session.scalars(select(Decision).where(Decision.id.in_(latest)))
    }
    found = {
        c.id: (c, customer, agent)
        for c, customer, agent in session.execute(
            select(Conversation, Customer, Agent)
            .join(Customer, Customer.id == Conversation.customer_id)
            .outerjoin(Agent, Agent.id == Conversation.assignee_id)
            .where(Conversation.id.in_(ids))
        )
    }
    last_customer_id = (
        select(func.max(Message.id))
        .where(Message.conversation_id.in_(ids), Message.author == "customer")
        .group_by(Message.conversation_id)
    )
    last_customer = {
        m.conversation_id: m
        for m in session.scalars(select(Message).where(Message.id.in_(last_customer_id)))
    }
    last_reply = dict(
        session.execute(
            select(Message.conversation_id, func.max(Message.sent_at))
            .where(Message.conversation_id.in_(ids), is_a_reply(Message.conversation_id))
            .group_by(Message.conversation_id)
        ).all()
    )
    now = utcnow()
    rows = []
    for cid in ids:
        conversation, customer, agent = found[cid]
        decision = decisions.get(cid)
        message = last_customer.get(cid)
        waiting = None
        if message is not None and conversation.status in OPEN_STATUSES:
            answered = last_reply.get(cid, message.sent_at) > message.sent_at
            waiting = None if answered else message.sent_at
        preview = message.text if message else ""
        row = inbox_row(conversation, customer, decision, agent, waiting, preview, now, distressed)
        if policy is not None:
            from tandemdesk.people.waiting import sla_state

            row["sla"] = sla_state(policy, conversation.queue, row["urgency"], waiting, now)
        rows.append(row)
    return rows


def _customer_matches(customer: str, matches: Matches) -> Any:
    """The condition "the conversation's customer matches ``customer``": the ids the trigram
    index found (PostgreSQL), else a substring of their name or e-mail."""
    if matches.customers is not None:
        return matches.among(Conversation.customer_id, matches.customers)
    pattern = _like(customer)
    return or_(
        func.lower(Customer.name).like(pattern, escape="!"),
        func.lower(Customer.email).like(pattern, escape="!"),
    )


def _no_jit(session: Session) -> None:
    """PostgreSQL's JIT compiles a plan whose estimated cost is high (a page of 50 over
    100,000 rows qualifies) and spends ~30 ms doing it: more than these queries take."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SET LOCAL jit = off"))


def _one_page(
    session: Session,
    ids: Select[Any],
    order: tuple[Any, ...],
    page: int,
    per_page: int,
    many: bool = False,
) -> tuple[list[int], int, dict[str, Any]]:
    """One page of ``ids`` and how many there are; with ``many`` (words too common to
    count, ``Matches``) one page and whether there is a next one, not a count."""
    _no_jit(session)
    if many:
        page = max(1, page)
        offset = (page - 1) * per_page
        window = ids.order_by(*order).offset(offset).limit(per_page + 1)
        rows = [int(r[0]) for r in session.execute(window)]
        more = len(rows) > per_page
        rows = rows[:per_page]
        pages: dict[str, Any] = {
                 "page": page, "pages": page + (1 if more else 0), "per_page": per_page,
                 "count": offset + len(rows), "first": offset + 1 if rows else 0,
                 "last": offset + len(rows), "offset": offset,
                 "prev": page - 1 if page > 1 else None, "next": page + 1 if more else None,
                 "around": [page], "more": True, "probe": PROBE}  # fmt: skip
        return rows, offset + len(rows), pages
    count = int(session.scalar(select(func.count()).select_from(ids.subquery())) or 0)
    pages = paging(count, page, per_page)
    found = session.execute(ids.order_by(*order).offset(pages["offset"]).limit(per_page)).all()
    return [int(r[0]) for r in found], count, pages


def search_conversations(
    session: Session,
    s: Search,
    agent_scope: int | None = None,
    page: int = 1,
    per_page: int = PER_PAGE,
    distressed: float = DISTRESSED,
    policy: Policy | None = None,
) -> dict[str, Any]:
    """One page of the conversations matching ``s``, most recently active first, with the
    total (or, for words too common to count, whether there is more: ``Matches``);
    ``agent_scope``: only this agent's (``access.inbox_scope``)."""
    matches = Matches.find(session, s)
    where = conversation_filters(s, distressed, matches)
    if agent_scope is not None:
        where.append(Conversation.assignee_id == agent_scope)
    base: Select[Any] = select(Conversation.id).where(*where)
    if s.language or (s.customer and matches.customers is None):
        base = base.join(Customer, Customer.id == Conversation.customer_id)
    order = (Conversation.updated_at.desc(), Conversation.id.desc())
    ids, count, pages = _one_page(session, base, order, page, per_page, matches.many)
    return {"data": page_rows(session, ids, distressed, policy), "count": count, "paging": pages}


def pressing_conversations(
    session: Session,
    s: Search,
    agent_scope: int | None = None,
    page: int = 1,
    per_page: int = PER_PAGE,
    distressed: float = DISTRESSED,
    policy: Policy | None = None,
) -> dict[str, Any]:
    """The inbox's order over *every* matching open conversation, in SQL (``pressing_ids``):
    one page and the true total."""
    where = conversation_filters(s, distressed)
    if agent_scope is not None:
        where.append(Conversation.assignee_id == agent_scope)
    with_customer = bool(s.language or s.customer)
    count = matching_count(session, where, with_customer)
    pages = paging(count, page, per_page)
    ids = pressing_ids(session, where, with_customer, distressed, pages["offset"], per_page)
    return {"data": page_rows(session, ids, distressed, policy), "count": count, "paging": pages}


def matching_count(session: Session, where: list[Any], with_customer: bool) -> int:
    """How many conversations match ``where`` (``with_customer``: it names the customer)."""
    counting = select(func.count(Conversation.id)).where(*where)
    if with_customer:
        counting = counting.join(Customer, Customer.id == Conversation.customer_id)
    return int(session.scalar(counting) or 0)


def _open_work(
    where: list[Any], with_customer: bool, distressed: float, for_targets: bool = False
) -> Any:
    """One row per matching conversation: its band (``inbox.severity_band`` of the latest
    decision), when the customer last wrote and when anyone else did, and (``for_targets``:
    the reply-target count) its queue and the latest decision's urgency — each lookup an
    index probe, computed once (MATERIALIZED: PostgreSQL would otherwise re-run the lookups
    in every ORDER BY term)."""
    newest = aliased(Decision)
    urgency = newest.inputs["urgency"].as_string()

    def latest(value: Any) -> Any:
        return (
            select(value)
            .where(newest.conversation_id == Conversation.id)
            .order_by(newest.id.desc())
            .limit(1)
            .correlate(Conversation)
            .scalar_subquery()
        )

    band = case(
        (or_(newest.abusive.is_(True), urgency.in_(URGENT), newest.distress >= distressed), 2),
        (newest.distress >= min(UNEASY, distressed), 1),
        else_=0,
    )
    said = select(func.max(Message.sent_at)).where(Message.conversation_id == Conversation.id)
    columns = [
        Conversation.id.label("id"),
        func.coalesce(latest(band), 0).label("band"),
        said.where(Message.author == "customer").scalar_subquery().label("asked"),
        said.where(is_a_reply(Conversation.id)).scalar_subquery().label("answered"),
        Conversation.status.label("status"),
    ]
    if for_targets:
        columns += [Conversation.queue.label("queue"), latest(urgency).label("urgency")]
    work = select(*columns).where(*where)
    if with_customer:
        work = work.join(Customer, Customer.id == Conversation.customer_id)
    return work.cte("open_work").prefix_with("MATERIALIZED")


def is_a_reply(conversation_id: Any) -> Any:
    """A message that answers the customer: a person's, or the bot's when it answered —
    not the bot's "a person will take over" (the reply of a decision that sent the
    conversation to a person), which leaves the customer waiting for that person. Counted
    as an answer, a crisis message acknowledged by the bot lost its first-reply target and
    sank to the bottom of its band."""
    handovers = select(Decision.reply_message_id).where(
        Decision.conversation_id == conversation_id,
        Decision.action.in_(HUMAN_ACTIONS),
        Decision.reply_message_id.is_not(None),
    )
    return and_(Message.author != "customer", Message.id.not_in(handovers))


def _waiting(w: Any) -> Any:
    """The customer wrote last and the conversation is open or pending: a reply is owed (an
    imported "closed" or a resolved one owes nothing, in any listing)."""
    return and_(w.c.asked.is_not(None), w.c.status.in_(OPEN_STATUSES),
                or_(w.c.answered.is_(None), w.c.answered <= w.c.asked))  # fmt: skip


def pressing_ids(
    session: Session,
    where: list[Any],
    with_customer: bool,
    distressed: float,
    offset: int,
    limit: int,
) -> list[int]:
    """A page of the matching conversations, most pressing first: urgent, distressed or
    abusive, then some distress, then the rest; within each the longest unanswered wait
    first, then the newest. The one order of the console's inbox and ``GET
    /v1/conversations`` (``inbox.list_conversations``)."""
    w = _open_work(where, with_customer, distressed)
    _no_jit(session)
    waiting = _waiting(w)
    return list(
        session.scalars(
            select(w.c.id)
            .order_by(w.c.band.desc(), case((waiting, 0), else_=1),
                      case((waiting, w.c.asked), else_=None), w.c.id.desc())
            .offset(offset)
            .limit(limit)
        )
    )  # fmt: skip


def overdue_count(
    session: Session, where: list[Any], with_customer: bool, distressed: float, policy: Policy
) -> int:
    """How many matching conversations are past their first-reply target (all of them)."""
    from tandemdesk.people.waiting import sla_state

    w = _open_work(where, with_customer, distressed, for_targets=True)
    now = utcnow()
    owed = select(w.c.queue, w.c.urgency, w.c.asked).where(_waiting(w))
    return sum(
        1
        for queue, urgency, since in session.execute(owed)
        if (sla_state(policy, queue, urgency, since, now) or {}).get("state") == "breached"
    )


def search_decisions(
    session: Session,
    s: Search,
    page: int = 1,
    per_page: int = PER_PAGE,
    distressed: float = DISTRESSED,
) -> dict[str, Any]:
    """The decision log, newest first, one page with the true total. ``text`` searches the
    message each decision was about; ``status``/``queue``/``customer``/``language`` are the
    conversation's and customer's now; ``intent``, ``mood`` and ``action`` the decision's."""
    where: list[Any] = []
    needs_customer = bool(s.customer or s.language)
    if s.action:
        where.append(Decision.action == s.action)
    if s.intent:
        where.append(Decision.intent == s.intent)
    if s.queue:
        where.append(Decision.queue == s.queue)
    if s.mood in MOODS:
        uneasy = min(UNEASY, distressed)
        where.append(
            {
                "distressed": Decision.distress >= distressed,
                "uneasy": and_(Decision.distress >= uneasy, Decision.distress < distressed),
                "calm": Decision.distress < uneasy,
            }[s.mood]
        )
    if s.status and s.status != "all":
        statuses = OPEN_STATUSES if s.status == "open" else (s.status,)
        where.append(Conversation.status.in_(statuses))
    matches = Matches.find(session, s)
    if s.text and matches.messages is not None:
        where.append(matches.among(Decision.message_id, (m for m, _ in matches.messages)))
    elif s.text:
        where.append(
            Decision.message_id.in_(
                select(Message.id).where(func.lower(Message.text).like(_like(s.text), escape="!"))
            )
        )
    if s.language:
        where.append(Customer.language == s.language)
    if s.customer:
        where.append(_customer_matches(s.customer, matches))
    if s.assignee == "none":
        where.append(Conversation.assignee_id.is_(None))
    elif s.assignee:
        where.append(
            Conversation.assignee_id.in_(
                select(Agent.id).where(
                    (Agent.external_id == s.assignee) | (Agent.email == s.assignee.lower())
                )
            )
        )
    base: Select[Any] = select(Decision.id).where(*where)
    if s.status or needs_customer or s.assignee:
        base = base.join(Conversation, Conversation.id == Decision.conversation_id)
    if s.language or (s.customer and matches.customers is None):
        base = base.join(Customer, Customer.id == Conversation.customer_id)
    ids, count, pages = _one_page(session, base, (Decision.id.desc(),), page, per_page,
                                  matches.many)  # fmt: skip
    assignee = aliased(Agent)
    rows = session.execute(
        select(Decision, Conversation, Customer, assignee, Message.text)
        .join(Conversation, Conversation.id == Decision.conversation_id)
        .join(Customer, Customer.id == Conversation.customer_id)
        .join(Message, Message.id == Decision.message_id)
        .outerjoin(assignee, assignee.id == Conversation.assignee_id)
        .where(Decision.id.in_(ids))
        .order_by(Decision.id.desc())
    ).all()
    data = [
        {
            "id": d.id,
            "conversation_id": d.conversation_id,
            "action": d.action,
            "queue": d.queue,
            "rule_id": d.rule_id,
            "intent": d.intent,
            "distress": round(d.distress, 3),
            "mood": mood(d.distress, distressed),
            "abusive": d.abusive,
            "explanation": d.explanation,
            "created_at": d.created_at.isoformat(),
            "status": c.status,
            "customer": {"id": customer.id, "name": customer.name, "email": customer.email},
            "assignee": {"external_id": a.external_id, "name": a.name} if a else None,
            "text": "" if d.abusive else said[:160],
        }
        for d, c, customer, a, said in rows
    ]
    return {"data": data, "count": count, "paging": pages}


def customer_history(
    session: Session, customer_id: int, exclude: int | None = None, limit: int = 20
) -> dict[str, Any]:
    """The customer's other conversations, newest first: what they asked before and how it
    ended (an agent reads these before answering someone who writes for the third time)."""
    where = [Conversation.customer_id == customer_id]
    if exclude is not None:
        where.append(Conversation.id != exclude)
    count = int(session.scalar(select(func.count(Conversation.id)).where(*where)) or 0)
    conversations = session.scalars(
        select(Conversation)
        .where(*where)
        .order_by(Conversation.created_at.desc(), Conversation.id.desc())
        .limit(limit)
    ).all()
    ids = [c.id for c in conversations]
    first_message = {}
    if ids:
        first_ids = (
            select(func.min(Message.id))
            .where(Message.conversation_id.in_(ids), Message.author == "customer")
            .group_by(Message.conversation_id)
        )
        first_message = {
            m.conversation_id: m.text
            for m in session.scalars(select(Message).where(Message.id.in_(first_ids)))
        }
    return {
        "count": count,
        "data": [
            {
                "id": c.id,
                "subject": c.subject,
                "status": c.status,
                "intent": c.intent,
                "channel": c.channel,
                "csat": c.csat,
                "created_at": c.created_at.isoformat(),
                "updated_at": c.updated_at.isoformat(),
                "preview": (first_message.get(c.id) or "")[:160],
            }
            for c in conversations
        ],
    }


def conversation_notes(session: Session, conversation_id: int) -> list[dict[str, Any]]:
    """The internal notes on a conversation, oldest first (a thread between colleagues)."""
    handed = aliased(Agent)
    rows = session.execute(
        select(ConversationNote, handed.name)
        .outerjoin(handed, handed.id == ConversationNote.handed_to_agent_id)
        .where(ConversationNote.conversation_id == conversation_id)
        .order_by(ConversationNote.id)
    ).all()
    return [
        {
            "id": n.id,
            "author": n.author,
            "text": n.text,
            "handed_to_queue": n.handed_to_queue,
            "handed_to_agent": name,
            "at": n.created_at.isoformat(),
        }
        for n, name in rows
    ]


def agent_queues(policy: Policy, agent: Agent) -> set[str]:
    """The policy's queues this agent works: the queue names their role (or names no role
    and they answer customers) and they have one of its skills (or it asks for none)."""
    mine = set()
    for name, queue in policy.queues.items():
        if queue.roles:
            if agent.role not in queue.roles:
                continue
        elif agent.role in BACK_OFFICE_ROLES:
            continue
        if queue.skills and not set(queue.skills) & set(agent.skills or ()):
            continue
        mine.add(name)
    return mine


def free_in_queues(
    session: Session,
    queues: set[str],
    limit: int = 20,
    distressed: float = DISTRESSED,
) -> dict[str, Any]:
    """Open conversations nobody has in these queues, longest waiting first: what an agent
    may take."""
    if not queues:
        return {"data": [], "count": 0}
    where = [
        Conversation.status.in_(OPEN_STATUSES),
        Conversation.assignee_id.is_(None),
        Conversation.queue.in_(sorted(queues)),
    ]
    count = int(session.scalar(select(func.count(Conversation.id)).where(*where)) or 0)
    ids = list(
        session.scalars(
            select(Conversation.id).where(*where).order_by(Conversation.updated_at).limit(limit)
        )
    )
    return {"data": page_rows(session, ids, distressed, None), "count": count}


def agents_list(session: Session) -> list[dict[str, str]]:
    """Active agents, for "assign to" and "hand over to" menus."""
    return [
        {"external_id": a.external_id, "name": a.name, "role": a.role}
        for a in session.scalars(select(Agent).where(Agent.active.is_(True)).order_by(Agent.name))
    ]
