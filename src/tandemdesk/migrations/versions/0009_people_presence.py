"""people presence: agents' presence switch, last seen, recovery break and shift

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05 20:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
COLUMNS = ("shift", "break_reason", "break_until", "last_seen_at", "presence_at", "presence")


def upgrade() -> None:
    # existing agents stay "online": routing gave them work before, and still does
    with op.batch_alter_table("agents") as batch:
        batch.add_column(
            sa.Column("presence", sa.String(20), nullable=False, server_default="online")
        )
        batch.add_column(sa.Column("presence_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("break_until", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("break_reason", sa.String(300), nullable=True))
        batch.add_column(sa.Column("shift", JSON, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("agents") as batch:
        for name in COLUMNS:
            batch.drop_column(name)
