"""Identity resolution: the same person on email, chat and phone is one customer.

A customer reference names a person by any of: an explicit external id, an email address,
a phone number. Resolution looks each one up in ``identities``; the strongest match wins
(external id, then email, then phone) and the reference's other identities are attached to
that customer unless another customer already owns them. We never merge two existing
customers automatically: a wrong merge shows one person another's orders, which is worse
than a duplicate that a person can merge later.

The resolver keeps what it has seen in a per-batch cache, so a 500-conversation import
batch costs a handful of queries, not one per row.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import insert, select, tuple_, update
from sqlalchemy.orm import Session

from tandemdesk.listen.records import CustomerRef
from tandemdesk.models import Customer, Identity
from tandemdesk.timeutil import utcnow

IdentityKey = tuple[str, str]
PRIORITY = ("external", "email", "phone")


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


class IdentityResolver:
    """Find-or-create customers for references, batching the lookups."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._known: dict[IdentityKey, int] = {}
        self.created = 0

    def preload(self, refs: Iterable[CustomerRef]) -> None:
        """Look up every identity of a batch in one query per chunk."""
        wanted = {key for ref in refs for key in identity_keys(ref)} - self._known.keys()
        pending = sorted(wanted)
        for start in range(0, len(pending), 500):
            chunk = pending[start : start + 500]
            rows = self.session.execute(
                select(Identity.kind, Identity.value, Identity.customer_id).where(
                    tuple_(Identity.kind, Identity.value).in_(chunk)
                )
            )
            for kind, value, customer_id in rows:
                self._known[(kind, value)] = customer_id

    def resolve(self, ref: CustomerRef) -> int:
        """The customer id for ``ref``, creating the customer when nobody matches."""
        keys = identity_keys(ref)
        missing = [key for key in keys if key not in self._known]
        if missing:
            self.preload([ref])
        customer_id = next((self._known[k] for k in keys if k in self._known), None)
        existed = customer_id is not None
        if customer_id is None:
            customer_id = self._create(ref)
        new_keys = [k for k in keys if k not in self._known]
        if new_keys:
            self.session.execute(
                insert(Identity),
                [{"customer_id": customer_id, "kind": k, "value": v} for k, v in new_keys],
            )
            for key in new_keys:
                self._known[key] = customer_id
            if existed:
                self._fill_contact_fields(customer_id, ref, new_keys)
        return customer_id

    def _create(self, ref: CustomerRef) -> int:
        customer_id = self.session.execute(
            insert(Customer)
            .values(
                external_id=ref.external_id,
                name=ref.name,
                email=ref.email,
                phone=ref.phone,
                language=ref.language,
                attributes={},
                created_at=utcnow(),
            )
            .returning(Customer.id)
        ).scalar_one()
        self.created += 1
        return int(customer_id)

    def _fill_contact_fields(
        self, customer_id: int, ref: CustomerRef, new_keys: list[IdentityKey]
    ) -> None:
        """A newly learnt email/phone fills the customer's empty contact field, never overwrites."""
        kinds = {kind for kind, _ in new_keys}
        values = {}
        if "external" in kinds:
            values["external_id"] = ref.external_id
        if "email" in kinds:
            values["email"] = ref.email
        if "phone" in kinds:
            values["phone"] = ref.phone
        for column, value in values.items():
            field = getattr(Customer, column)
            self.session.execute(
                update(Customer)
                .where(Customer.id == customer_id, field.is_(None))
                .values({column: value})
            )
