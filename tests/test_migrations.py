"""The schema comes from migrations only: they run both ways on both databases and match
the ORM models exactly (a model change without a migration fails here)."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

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
