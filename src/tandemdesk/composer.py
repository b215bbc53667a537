"""What goes into an agent's reply box, and what may leave it: placeholders filled or no send.

Why server-side: the console used to paste a macro's body as written, and "Send" stored
"Hi {{customer.first_name}}" for the customer to read. A macro inserted by a person is
filled from the same facts and by the same rules (``answers_fill``) as an automatic answer,
signed with the person's own name. A placeholder the facts cannot fill stays visible as
``{{name}}`` with the reason ("no shipment found for order NW-1"), so the agent writes it
in — and ``check_filled`` refuses any reply (typed, a macro, an approved draft) that still
contains one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from tandemdesk.act.answers_facts import CustomerFacts, facts_from_timeline, mentioned_order_number
from tandemdesk.act.answers_fill import PLACEHOLDERS, FillContext, Unfillable
from tandemdesk.act.answers_rules import DEFAULT_RULES, AnswerRules
from tandemdesk.errors import NotFoundError, UnfilledPlaceholderError
from tandemdesk.listen.articles import PLACEHOLDER
from tandemdesk.listen.subject_pointer import subject_of, text_to_read
from tandemdesk.listen.timeline import customer_events
from tandemdesk.models import Agent, Conversation, Message

LEFT_OVER = re.compile(r"\{\{.*?\}\}", re.DOTALL)
"""Anything in double braces, including what ``PLACEHOLDER`` would not accept as a name
(``{{ first name }}``): the customer must not read it either way."""


def unfilled(text: str) -> list[str]:
    """The ``{{…}}`` left in ``text``, in order, each once."""
    return list(dict.fromkeys(LEFT_OVER.findall(text)))


def check_filled(text: str) -> None:
    """Raise ``UnfilledPlaceholderError`` when ``text`` still contains a placeholder."""
    left = unfilled(text)
    if left:
        raise UnfilledPlaceholderError(
            f"the reply still contains {', '.join(left)}: replace "
            f"{'it' if len(left) == 1 else 'them'} with the real text before sending",
            placeholders=left,
        )


@dataclass(frozen=True, slots=True)
class Filled:
    """A body with what could be filled filled; ``missing`` is placeholder → why not."""

    text: str
    missing: dict[str, str] = field(default_factory=dict)


def fill_known(body: str, ctx: FillContext) -> Filled:
    """Fill every placeholder the facts can fill; keep the others as written, with reasons."""
    values: dict[str, str] = {}
    missing: dict[str, str] = {}
    for name in dict.fromkeys(PLACEHOLDER.findall(body)):
        resolve = PLACEHOLDERS.get(name)
        if resolve is None:
            missing[name] = f"unknown placeholder {{{{{name}}}}}"
            continue
        try:
            values[name] = resolve(ctx)
        except Unfillable as e:
            missing[name] = e.reason

    def one(match: re.Match[str]) -> str:
        return values.get(match.group(1), match.group(0))

    return Filled(PLACEHOLDER.sub(one, body), missing)


def conversation_facts(session: Session, conversation_id: int) -> CustomerFacts:
    """The customer's facts as of now, about the order their latest message mentions."""
    conversation = session.get(Conversation, conversation_id)
    if conversation is None:
        raise NotFoundError(f"no conversation {conversation_id}")
    said = session.execute(
        select(Message.text, Message.meta)
        .where(Message.conversation_id == conversation_id, Message.author == "customer")
        .order_by(Message.id.desc())
    )
    mentioned = next(
        (
            n
            for text, meta in said
            if (
                n := mentioned_order_number(
                    text_to_read(text or "", subject_of(meta, conversation.subject))
                )
            )
        ),
        None,
    )
    customer = conversation.customer
    events = customer_events(session, [customer.id])[customer.id]
    return facts_from_timeline(customer, events, mentioned)


def _sender(session: Session, agent: str | None) -> str | None:
    """The composing person's first name (``None``: no agent, the team signs)."""
    if agent is None:
        return None
    name = session.scalar(select(Agent.name).where(Agent.external_id == agent))
    return str(name).split()[0] if name and str(name).strip() else None


@dataclass(frozen=True, slots=True)
class ReplyFiller:
    """Fills macros for one conversation's customer, signed by the composing agent; the
    facts are read once (``for_conversation``) for all the macros a page offers."""

    facts: CustomerFacts
    agent_name: str | None = None

    @classmethod
    def for_conversation(
        cls, session: Session, conversation_id: int, agent: str | None = None
    ) -> ReplyFiller:
        """``agent``: the composing agent's external id."""
        return cls(conversation_facts(session, conversation_id), _sender(session, agent))

    def objection(self, intent: str | None, rules: AnswerRules = DEFAULT_RULES) -> str | None:
        """Why the bot would not answer this intent for this customer now (a late parcel, a
        return window passed), or ``None``: said beside the suggested macros, which are
        written for the routine case ("on its way, estimate 12 October" two months on).
        ``rules``: the live policy's (``answers_rules.rules_for``)."""
        return rules.not_routine(intent, self.facts) if intent else None

    def fill(self, body: str, language: str | None = None) -> Filled:
        """``body`` filled; ``language``: the macro's (how dates and amounts are written),
        default the customer's."""
        # imported here: the knowledge base pulls in scikit-learn, and every CLI command
        # imports this module through ``actions`` (start-up must stay under a second)
        from tandemdesk.act.answers_kb import normalize_language

        written = normalize_language(language or self.facts.language)
        sender = self.agent_name or DEFAULT_RULES.sender_for(written)
        return fill_known(body, FillContext(self.facts, written, sender))


def fill_for_conversation(
    session: Session,
    conversation_id: int,
    body: str,
    language: str | None = None,
    agent: str | None = None,
) -> Filled:
    """``body`` (a macro) filled for this conversation's customer, signed by ``agent``."""
    return ReplyFiller.for_conversation(session, conversation_id, agent).fill(body, language)
