"""Insert many rows fast on either database.

PostgreSQL's ``COPY`` is several times faster than multi-row ``INSERT`` for the large,
append-only tables of an import (messages, events); it runs on the same connection and in
the same transaction as the rest of the batch, so a failure still rolls the whole batch
back. SQLite gets a plain ``executemany`` insert, which is already fast there.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from psycopg.types.json import Jsonb
from sqlalchemy import JSON, Table, insert
from sqlalchemy.orm import Session


def insert_rows(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Append ``rows`` (dicts with the same keys) to ``table`` inside the current transaction."""
    if not rows:
        return
    connection = session.connection()
    if connection.dialect.name != "postgresql":
        session.execute(insert(table), list(rows))
        return
    columns = list(rows[0])
    is_json = [isinstance(table.c[name].type, JSON) for name in columns]
    raw = connection.connection.driver_connection
    assert raw is not None
    statement = f"COPY {table.name} ({', '.join(columns)}) FROM STDIN"
    with raw.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(
                [
                    Jsonb(row[name]) if json else row[name]
                    for name, json in zip(columns, is_json, strict=True)
                ]
            )


def insert_returning_ids(
    session: Session, table: Table, rows: Sequence[dict[str, Any]]
) -> list[int]:
    """Insert ``rows`` (dicts with the same keys) and return their new ids, in row order.

    Why not always ``returning(..., sort_by_parameter_order=True)``: SQLAlchemy can only match
    SQLite's RETURNING rows to their parameters one row per statement, so a burst of 15
    became 15 round trips. SQLite numbers the rows of a multi-row ``INSERT`` in order, and
    the transaction holds the database's only write lock, so there the sorted ids are the
    rows' ids. PostgreSQL keeps SQLAlchemy's ordered form (one statement).
    """
    if not rows:
        return []
    if session.connection().dialect.name == "sqlite":
        return sorted(
            int(i) for i in session.execute(insert(table).returning(table.c.id), rows).scalars()
        )
    statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    return [int(i) for i in session.execute(statement, list(rows)).scalars()]
