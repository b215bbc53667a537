"""pii protection: the encrypted original of a message whose card numbers or IBANs are
masked, and the audit of who revealed one

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05 20:00:00

Rows stored before this revision still hold card numbers in full: masking them needs the
workspace's PII key, which a migration does not have, so ``init_workspace`` masks them right
after an upgrade that crossed this revision (and ``tandemdesk pii mask-existing`` does it
on demand).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.add_column(sa.Column("text_protected", sa.Text(), nullable=True))
    op.create_table(
        "pii_reveals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("revealed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["message_id"], ["messages.id"]),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("pii_reveals", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pii_reveals_message_id"), ["message_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_pii_reveals_conversation_id"), ["conversation_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_pii_reveals_revealed_at"), ["revealed_at"], unique=False
        )


def downgrade() -> None:
    protected = op.get_bind().execute(
        sa.text("SELECT 1 FROM messages WHERE text_protected IS NOT NULL LIMIT 1")
    )
    if protected.first() is not None:  # the originals would be lost with the column
        raise RuntimeError(
            "messages hold masked card numbers or IBANs whose originals live only in "
            "messages.text_protected; downgrading past 0007 would lose them"
        )
    with op.batch_alter_table("pii_reveals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pii_reveals_revealed_at"))
        batch_op.drop_index(batch_op.f("ix_pii_reveals_conversation_id"))
        batch_op.drop_index(batch_op.f("ix_pii_reveals_message_id"))
    op.drop_table("pii_reveals")
    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.drop_column("text_protected")
