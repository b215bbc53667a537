"""Write many rows fast on either database.

PostgreSQL's ``COPY`` is several times faster than multi-row ``INSERT`` for the large,
append-only tables of an import (messages, events); it runs on the same connection and in
the same transaction as the rest of the batch, so a failure still rolls the whole batch
back. SQLite gets a plain ``executemany`` insert, which is already fast there.

For the live flow's small batches (``insert_many``, ``update_many``), PostgreSQL gets *one*
statement: a plain ``executemany`` there is one parse, bind and execute per row on the
server (the driver pipelines them, but the server still does each) — for a burst of 15
messages, the decisions alone took 4 ms. SQLite has no round trips to save.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from psycopg.types.json import Jsonb
from sqlalchemy import ARRAY, JSON, Insert, Table, Update, bindparam, func, insert, select, update
from sqlalchemy.orm import Session
from sqlalchemy.sql.selectable import TableValuedAlias


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


def insert_many(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` (dicts with the same keys), in order, as one statement on PostgreSQL;
    SQLite: an ``executemany``.

    PostgreSQL: ``INSERT … SELECT FROM unnest(arrays)``, except for rows with JSON values:
    psycopg escapes each document into the array's text form, slower than SQLAlchemy's
    multi-row ``VALUES`` ("insertmanyvalues", which asking for the keys back turns on).
    """
    if not rows:
        return
    if session.connection().dialect.name != "postgresql":
        session.execute(insert(table), list(rows))
        return
    names = tuple(rows[0])
    if any(isinstance(table.c[name].type, JSON) for name in names):
        session.execute(insert(table).returning(*table.primary_key.columns), list(rows))
    else:
        session.execute(_unnest_insert(table, names), _columns(names, rows))


def update_many(
    session: Session, table: Table, rows: Sequence[dict[str, Any]], key: str = "id"
) -> None:
    """Set each row's columns where ``key`` matches (dicts with the same keys, ``key`` one).

    PostgreSQL: one ``UPDATE … FROM unnest(arrays)``; SQLite: an ``executemany``.
    """
    if not rows:
        return
    names = tuple(rows[0])
    if session.connection().dialect.name != "postgresql":
        statement = _bound_update(table, names, key)
        session.execute(statement, [{f"b_{n}": row[n] for n in names} for row in rows])
        return
    session.execute(_unnest_update(table, names, key), _columns(names, rows))


@lru_cache(maxsize=64)
def _bound_update(table: Table, names: tuple[str, ...], key: str) -> Update:
    return (
        update(table)
        .where(table.c[key] == bindparam(f"b_{key}"))
        .values({name: bindparam(f"b_{name}") for name in names if name != key})
    )


# Why arrays and not a multi-row VALUES list: the statement's text is the same for any
# number of rows, so SQLAlchemy compiles it once and psycopg parses it once; a VALUES list
# of 15 rows was compiled and parsed afresh for every batch, which cost more than it saved.


def _columns(names: Sequence[str], rows: Sequence[dict[str, Any]]) -> dict[str, list[Any]]:
    return {f"c_{name}": [row[name] for row in rows] for name in names}


def _given(table: Table, names: Sequence[str]) -> TableValuedAlias:
    """``unnest(:c_a, :c_b, …) AS given(a, b, …)``: one array parameter per column, typed
    like the column (so each element is converted as a single value would be)."""
    arrays = [bindparam(f"c_{name}", type_=ARRAY(table.c[name].type)) for name in names]
    return func.unnest(*arrays).table_valued(*names).render_derived(name="given")


@lru_cache(maxsize=64)
def _unnest_insert(table: Table, names: tuple[str, ...]) -> Insert:
    given = _given(table, names)
    return insert(table).from_select(names, select(*(given.c[name] for name in names)))


@lru_cache(maxsize=64)
def _unnest_update(table: Table, names: tuple[str, ...], key: str) -> Update:
    given = _given(table, names)
    return (
        update(table)
        .where(table.c[key] == given.c[key])
        .values({name: given.c[name] for name in names if name != key})
    )
