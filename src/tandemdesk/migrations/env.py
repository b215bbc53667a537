"""Alembic environment: the engine is handed in by ``tandemdesk.db`` (no alembic.ini).

SQLite cannot alter most of a table in place, so migrations there run in batch mode (copy,
drop, rename), inside one explicit transaction so a failure leaves the old schema whole.
Foreign keys are switched off for the duration — otherwise dropping the old
copy of a table that others reference (conversations ← messages) fails on a workspace that
has data — and back on afterwards; the copy keeps every row and constraint.
"""

from __future__ import annotations

from alembic import context

from tandemdesk.models import Base

config = context.config
engine = config.attributes["engine"]
is_sqlite = engine.dialect.name == "sqlite"

with engine.connect() as connection:
    if is_sqlite:
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        connection.commit()
        # Python's sqlite3 runs DDL outside any transaction unless told otherwise: an
        # explicit BEGIN makes a failed upgrade roll back whole instead of half-applied.
        connection.exec_driver_sql("BEGIN")
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=is_sqlite,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
    if is_sqlite:
        connection.exec_driver_sql("PRAGMA foreign_keys=ON")
        connection.commit()
