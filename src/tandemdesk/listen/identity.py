"""Identity resolution: the same person on email, chat and phone is one customer.

A customer reference names a person by any of: an explicit external id, an email address,
a phone number. Resolution looks each one up in ``identities``; the strongest match wins
(external id, then email, then phone) and the reference's other identities are attached to
that customer unless another customer already owns them. We never merge two existing
customers automatically: a wrong merge shows one person another's orders, which is worse
than a duplicate that a person can merge later.

The resolver keeps what it has seen in a per-batch cache, so a 500-conversation import
batch costs a handful of queries, not one per row.

Two server workers can meet the same new person at the same moment (a customer's chat
messages a few milliseconds apart). The live flow's resolver is ``exclusive``: on
PostgreSQL it first takes a transaction-scoped advisory lock per identity (``claim``), in
one order, so the second worker waits for the first to commit and then finds the customer,
instead of both inserting, one failing on the unique key (or deadlocking over the customer
row) and starting over.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ARRAY, BigInteger, bindparam, or_, select, text, tuple_, update
from sqlalchemy.orm import Session

from tandemdesk.listen.bulk import insert_many, insert_returning_ids
from tandemdesk.listen.records import CustomerRef
from tandemdesk.models import Customer, Identity, table_of
from tandemdesk.timeutil import utcnow

IdentityKey = tuple[str, str]
CONTACT_COLUMNS = {"external": "external_id", "email": "email", "phone": "phone"}


def identity_keys(ref: CustomerRef) -> list[IdentityKey]:
    """The (kind, value) pairs a reference carries, strongest first."""
    keys: list[IdentityKey] = []
    if ref.external_id:
        keys.append(("external", ref.external_id))
    if ref.email:
        keys.append(("email", ref.email))
    if ref.phone:
        keys.append(("phone", ref.phone))
    return keys


def lock_id(key: IdentityKey) -> int:
    """A stable signed 64-bit number for an identity (PostgreSQL advisory locks take one);
    two identities sharing one only means they wait for each other."""
    digest = hashlib.blake2b(f"{key[0]}\0{key[1]}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


_CLAIM = text("SELECT pg_advisory_xact_lock(k) FROM unnest(:keys) AS k").bindparams(
    bindparam("keys", type_=ARRAY(BigInteger))
)


class IdentityResolver:
    """Find-or-create customers for references, batching the lookups and the inserts.

    ``exclusive``: ``claim`` serialises work on the same identities across processes (see
    the module doc); for the live flow's small batches, not for imports, whose tens of
    thousands of identities would exhaust PostgreSQL's lock table.
    """

    def __init__(self, session: Session, exclusive: bool = False) -> None:
        self.session = session
        self.exclusive = exclusive
        self._known: dict[IdentityKey, int] = {}
        self._checked: set[IdentityKey] = set()
        # a stored customer's name and language as ``preload`` read them, so filling an
        # empty one (``_fill_profiles``) costs no read of its own
        self._profiles: dict[int, tuple[str | None, str | None]] = {}
        self.created = 0

    def claim(self, refs: Iterable[CustomerRef]) -> None:
        """Hold these references' identities until the transaction ends (exclusive
        resolvers on PostgreSQL; elsewhere nothing: SQLite has one writer at a time)."""
        if not self.exclusive or self.session.connection().dialect.name != "postgresql":
            return
        keys = sorted({lock_id(key) for ref in refs for key in identity_keys(ref)})
        if keys:  # in ascending order, so two claimants never wait for each other in a ring
            self.session.execute(_CLAIM, {"keys": keys})

    def preload(self, refs: Iterable[CustomerRef]) -> None:
        """Look up every identity of a batch in one query per chunk."""
        pending = sorted({key for ref in refs for key in identity_keys(ref)} - self._checked)
        self._checked.update(pending)
        for start in range(0, len(pending), 500):
            chunk = pending[start : start + 500]
            rows = self.session.execute(
                select(
                    Identity.kind, Identity.value, Identity.customer_id,
                    Customer.name, Customer.language,
                )
                .join(Customer, Customer.id == Identity.customer_id)
                .where(tuple_(Identity.kind, Identity.value).in_(chunk))
            )  # fmt: skip
            for kind, value, customer_id, name, language in rows:
                self._known[(kind, value)] = customer_id
                self._profiles[customer_id] = (name, language)

    def resolve(self, ref: CustomerRef) -> int:
        """The customer id for ``ref``, creating the customer when nobody matches."""
        return self.resolve_many([ref])[0]

    def resolve_many(self, refs: Sequence[CustomerRef]) -> list[int]:
        """Customer ids for ``refs`` in order; new people are inserted in one statement.

        Exactly what ``resolve`` on each reference in turn gives: two references in the same
        batch that share an identity are the same new person, and a later one fills what
        the first left empty (a name, a language, a contact field), never overwrites. A
        reference with no identity at all (an anonymous labelled example) is a person of
        its own.
        """
        self.preload(refs)
        # slot >= 0: an existing customer id; slot < 0: -(index into `fresh`) - 1
        fresh: list[CustomerRef] = []
        provisional: dict[IdentityKey, int] = {}
        slots: list[int] = []
        attach: list[tuple[int, IdentityKey, CustomerRef]] = []
        for ref in refs:
            keys = identity_keys(ref)
            # strongest key first, whether its owner is stored or new in this batch
            slot = next(
                (self._known.get(k, provisional.get(k)) for k in keys
                 if k in self._known or k in provisional),
                None,
            )  # fmt: skip
            if slot is None:
                fresh.append(ref)
                slot = -len(fresh)
            for key in keys:
                if key not in self._known and key not in provisional:
                    provisional[key] = slot
                    attach.append((slot, key, ref))
            slots.append(slot)
        new_ids: list[int] = []
        if fresh:
            now = utcnow()
            rows: list[dict[str, Any]] = [
                {
                    "external_id": ref.external_id,
                    "name": ref.name,
                    "email": ref.email,
                    "phone": ref.phone,
                    "language": ref.language,
                    "attributes": {},
                    "created_at": now,
                }
                for ref in fresh
            ]
            for slot, (kind, value), ref in attach:
                if slot < 0:  # a later reference taught us more about a new person
                    row = rows[-slot - 1]
                    column = CONTACT_COLUMNS[kind]
                    row[column] = row[column] or value
                    row["name"] = row["name"] or ref.name
                    row["language"] = row["language"] or ref.language
            # Rows go in sorted by their unique keys (here and for the identities below):
            # two processes creating overlapping new customers at once then take the
            # index locks in the same order, so one waits for the other instead of both
            # deadlocking (PostgreSQL breaks a deadlock only after a second).
            order = sorted(range(len(rows)), key=lambda i: _sort_key(rows[i]["external_id"]))
            stored = insert_returning_ids(
                self.session, table_of(Customer), [rows[i] for i in order]
            )
            new_ids = [0] * len(rows)
            for position, customer_id in zip(order, stored, strict=True):
                new_ids[position] = customer_id
                self._profiles[customer_id] = (rows[position]["name"], rows[position]["language"])
            self.created += len(fresh)

        def real(slot: int) -> int:
            return slot if slot >= 0 else new_ids[-slot - 1]

        if attach:
            insert_many(
                self.session,
                table_of(Identity),
                [
                    {"customer_id": real(slot), "kind": k, "value": v}
                    for slot, (k, v), _ in sorted(attach, key=lambda item: item[1])
                ],
            )
            for slot, key, ref in attach:
                self._known[key] = real(slot)
                if slot >= 0:
                    self._fill_contact_fields(slot, ref, [key])
        self._fill_profiles([(s, r) for s, r in zip(slots, refs, strict=True) if s >= 0])
        return [real(slot) for slot in slots]

    def _fill_profiles(self, found: Sequence[tuple[int, CustomerRef]]) -> None:
        """A stored customer's empty name or language filled from a later reference.

        Why: importing events first (as the README orders it) creates customers from an
        e-mail alone; the conversations imported next carry their names, and every macro
        greeting "{{customer.first_name}}" was handed over for want of one (60 of 400
        customers of a bank's onboarding). The same for live messages: a customer the
        events created, writing in over the API with their name, was handed over on every
        message for "the customer's first name is unknown". A name is only ever filled,
        never overwritten (an e-mail address standing in for one counts as none), as a new
        customer takes it from their first message. Every customer found was met through
        ``preload`` or created here, so what is stored is known without a read: an update
        only for a customer who lacks what a reference knows, guarded by "still empty"."""
        for customer_id, ref in found:
            name, language = self._profiles[customer_id]
            if ref.name and "@" not in ref.name and _no_name(name):
                # still empty when written (another worker may have named them meanwhile)
                self.session.execute(
                    update(Customer)
                    .where(Customer.id == customer_id, _NO_NAME)
                    .values(name=ref.name)
                )
                name = ref.name
            if ref.language and not language:
                self.session.execute(
                    update(Customer)
                    .where(Customer.id == customer_id, _NO_LANGUAGE)
                    .values(language=ref.language)
                )
                language = ref.language
            self._profiles[customer_id] = (name, language)

    def _fill_contact_fields(
        self, customer_id: int, ref: CustomerRef, new_keys: list[IdentityKey]
    ) -> None:
        """A newly learnt email/phone fills the customer's empty contact field, never overwrites."""
        for kind, value in new_keys:
            column = CONTACT_COLUMNS[kind]
            field = getattr(Customer, column)
            self.session.execute(
                update(Customer)
                .where(Customer.id == customer_id, field.is_(None))
                .values({column: value})
            )


def _no_name(name: str | None) -> bool:
    """An empty name, or an e-mail address standing in for one (no first name to greet)."""
    return not name or "@" in name


_NO_NAME = or_(Customer.name.is_(None), Customer.name == "", Customer.name.contains("@"))
_NO_LANGUAGE = or_(Customer.language.is_(None), Customer.language == "")


def _sort_key(external_id: str | None) -> tuple[bool, str]:
    return external_id is None, external_id or ""


def backdate_customers(session: Session, earliest: dict[int, datetime]) -> None:
    """A customer is a customer since their earliest known conversation or event, not since
    the import that first met them (tenure in the handoff packet reads this)."""
    if not earliest:
        return
    table = table_of(Customer)
    session.connection().execute(
        update(table)
        .where(table.c.id == bindparam("customer"), table.c.created_at > bindparam("since"))
        .values(created_at=bindparam("since")),
        [{"customer": customer, "since": since} for customer, since in earliest.items()],
    )
