"""The schema comes from migrations only: they run both ways on both databases and match
the ORM models exactly (a model change without a migration fails here)."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from tandemdesk.db import (
    current_revision,
    downgrade,
    head_revision,
    make_engine,
    require_current_schema,
    upgrade,
)
from tandemdesk.errors import DatabaseError
from tandemdesk.models import Base


def test_migrations_match_models(database_url: str) -> None:
    engine = make_engine(database_url)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        diff = compare_metadata(context, Base.metadata)
    engine.dispose()
    assert diff == [], f"models and migrations differ: {diff}"


def test_downgrade_and_upgrade_again(database_url: str) -> None:
    engine = make_engine(database_url)
    downgrade(engine, "base")
    assert current_revision(engine) is None
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    with pytest.raises(DatabaseError, match="tandemdesk init"):
        require_current_schema(engine)
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    require_current_schema(engine)
    engine.dispose()


def test_unreachable_database_is_a_clear_error() -> None:
    engine = make_engine("postgresql+psycopg://nobody@127.0.0.1:1/none")
    with pytest.raises(DatabaseError, match="cannot reach"):
        require_current_schema(engine)


def test_bad_url_is_a_clear_error() -> None:
    with pytest.raises(DatabaseError, match="not a database URL"):
        make_engine("definitely not a url")


def test_upgrade_keeps_the_data_of_an_existing_workspace(tmp_path: Path) -> None:
    """A workspace made by an older version upgrades in place, with its history intact
    (SQLite rebuilds altered tables; the rows and foreign keys must survive)."""
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = make_engine(url)
    upgrade(engine, "0001")
    now = "2026-01-01 00:00:00"
    with engine.begin() as connection:
        connection.execute(
            text("INSERT INTO customers (id, attributes, created_at) VALUES (1, '{}', :now)"),
            {"now": now},
        )
        connection.execute(
            text(
                "INSERT INTO conversations (id, customer_id, channel, status, source, labels, "
                "created_at, updated_at) VALUES (1, 1, 'email', 'open', 'import', '{}', :now, :now)"
            ),
            {"now": now},
        )
        connection.execute(
            text(
                "INSERT INTO messages (conversation_id, author, text, sent_at, dedup_key, "
                "attachments, meta) VALUES (1, 'customer', 'hello', :now, 'k', '[]', '{}')"
            ),
            {"now": now},
        )
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM messages")).scalar() == 1
        assert connection.execute(text("SELECT attempts FROM messages")).scalar() == 0
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA foreign_key_check").all() == []
    engine.dispose()


def test_a_failed_upgrade_leaves_the_old_schema_whole(tmp_path: Path) -> None:
    """SQLite runs DDL outside transactions unless told; ours roll back as one."""
    engine = make_engine(f"sqlite:///{tmp_path / 'atomic.db'}")
    upgrade(engine, "0002")
    with engine.begin() as connection:  # makes the next migration fail halfway through
        connection.execute(text("CREATE TABLE decisions (x INTEGER)"))
    with pytest.raises(DatabaseError, match="schema upgrade failed"):
        upgrade(engine)
    assert current_revision(engine) == "0002"
    tables = set(inspect(engine).get_table_names())
    assert not tables & {"policy_versions", "assignments", "outcomes"}, "half-applied"
    engine.dispose()
