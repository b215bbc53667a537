"""assignments by time: routing reads the last hours' emotional contacts on every batch

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 19:10:00
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # without it, "assigned in the last four hours" scans the whole table, every batch
    op.create_index("ix_assignments_assigned_at", "assignments", ["assigned_at"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_assignments_assigned_at", table_name="assignments")
