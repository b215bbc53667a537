"""console workflow: internal notes and hand-overs, indexes for paging and search

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-05 21:00:00

On PostgreSQL, text search (``search.py``) matches ``lower(text) LIKE '%words%'`` on
messages and customers' names and e-mails; trigram GIN indexes (``pg_trgm``, a trusted
extension since PostgreSQL 13) answer those on 100,000 conversations in milliseconds. They
are expression indexes, which Alembic neither reflects nor compares, so the ORM does not
name them; SQLite scans (its workspaces are small).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

TRIGRAM_INDEXES = {
    "ix_messages_text_trgm": "messages USING gin (lower(text) gin_trgm_ops)",
    "ix_customers_name_trgm": "customers USING gin (lower(name) gin_trgm_ops)",
    "ix_customers_email_trgm": "customers USING gin (lower(email) gin_trgm_ops)",
}


def upgrade() -> None:
    op.create_table(
        "conversation_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=True),
        sa.Column("author", sa.String(length=300), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("handed_to_queue", sa.String(length=60), nullable=True),
        sa.Column("handed_to_agent_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["conversation_id"], ["conversations.id"]),
        sa.ForeignKeyConstraint(["agent_id"], ["agents.id"]),
        sa.ForeignKeyConstraint(["handed_to_agent_id"], ["agents.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_conversation_notes_conversation", "conversation_notes", ["conversation_id", "id"]
    )
    op.create_index("ix_conversations_status_updated", "conversations", ["status", "updated_at"])
    op.create_index("ix_conversations_assignee_status", "conversations", ["assignee_id", "status"])
    op.create_index("ix_conversations_updated", "conversations", ["updated_at", "id"])
    op.create_index("ix_decisions_conversation_id_id", "decisions", ["conversation_id", "id"])
    op.create_index(
        "ix_messages_conversation_author_sent", "messages", ["conversation_id", "author", "sent_at"]
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for name, target in TRIGRAM_INDEXES.items():
            op.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {target}")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name in TRIGRAM_INDEXES:
            op.execute(f"DROP INDEX IF EXISTS {name}")
    op.drop_index("ix_messages_conversation_author_sent", table_name="messages")
    op.drop_index("ix_conversations_updated", table_name="conversations")
    op.drop_index("ix_decisions_conversation_id_id", table_name="decisions")
    op.drop_index("ix_conversations_assignee_status", table_name="conversations")
    op.drop_index("ix_conversations_status_updated", table_name="conversations")
    op.drop_index("ix_conversation_notes_conversation", table_name="conversation_notes")
    op.drop_table("conversation_notes")
