"""Write many rows fast on either database.

PostgreSQL's ``COPY`` is several times faster than multi-row ``INSERT`` for the large,
append-only tables of an import (messages, events); it runs on the same connection and in
the same transaction as the rest of the batch, so a failure still rolls the whole batch
back. SQLite gets a plain ``executemany`` insert, which is already fast there.

For the live flow's small batches (``insert_returning_ids``, ``insert_many``,
``update_many``), PostgreSQL gets *one* statement whose rows travel as *one* parameter: a
JSON array of rows, each an array of values, that the statement unpacks
(``jsonb_array_elements``) and casts to the columns' types. Why this form:
- a plain ``executemany`` is one parse, bind and execute per row on the server (for a burst
  of 15 messages, the decisions alone took 4 ms);
- SQLAlchemy's multi-row ``VALUES`` ("insertmanyvalues") has a different text for every
  number of rows, so SQLAlchemy and psycopg build and convert it afresh each batch, and
  PostgreSQL parses and plans it afresh;
- one array parameter per column (``unnest``) has a fixed text but psycopg escapes each
  JSON document into the array's text form, slower than the ``VALUES`` it replaced;
- one JSON text, encoded by the standard library's C encoder, has a fixed statement text
  (built once per table and column set, converted once by psycopg) and costs the client
  least: measured on a burst of 12 live messages, storing and recording took 3.3 ms less
  CPU than with the two forms above (``bench/orchestrator.py``, PostgreSQL, +8% messages/s).
SQLite has no round trips to save: an ``executemany`` is already fast there.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from functools import lru_cache
from typing import Any

from psycopg.types.json import Jsonb
from sqlalchemy import (
    ARRAY,
    JSON,
    ColumnElement,
    Insert,
    String,
    Table,
    Text,
    Update,
    any_,
    bindparam,
    cast,
    column,
    func,
    insert,
    literal_column,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Session
from sqlalchemy.sql.selectable import TableValuedAlias

from tandemdesk.timeutil import stored_utc


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
    """Insert ``rows`` (dicts with the same keys), in order, and return their new ids in
    row order.

    Both databases number the rows of one ``INSERT`` in the order they go in (PostgreSQL:
    the statement's ``ORDER BY``, as SQLAlchemy's own ordered form relies on; SQLite: the
    transaction holds the database's only write lock), so the sorted ids are the rows' ids.
    Why not ``returning(..., sort_by_parameter_order=True)`` on SQLite: SQLAlchemy can only
    match SQLite's RETURNING rows to their parameters one row per statement, so a burst of
    15 became 15 round trips.
    """
    if not rows:
        return []
    if session.connection().dialect.name != "postgresql":
        statement = insert(table).returning(table.c.id)
        return sorted(int(i) for i in session.execute(statement, list(rows)).scalars())
    names = tuple(rows[0])
    statement = _json_insert(table, names).returning(table.c.id)
    return sorted(int(i) for i in session.execute(statement, _payload(names, rows)).scalars())


def insert_many(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` (dicts with the same keys), in order: one statement on PostgreSQL,
    an ``executemany`` on SQLite."""
    if not rows:
        return
    if session.connection().dialect.name != "postgresql":
        session.execute(insert(table), list(rows))
        return
    names = tuple(rows[0])
    session.execute(_json_insert(table, names), _payload(names, rows))


def update_many(
    session: Session, table: Table, rows: Sequence[dict[str, Any]], key: str = "id"
) -> None:
    """Set each row's columns where ``key`` matches (dicts with the same keys, ``key`` one):
    one statement on PostgreSQL, an ``executemany`` on SQLite."""
    if not rows:
        return
    names = tuple(rows[0])
    if session.connection().dialect.name != "postgresql":
        statement = _bound_update(table, names, key)
        session.execute(statement, [{f"b_{n}": row[n] for n in names} for row in rows])
        return
    keys = {"keys": [row[key] for row in rows]}
    session.execute(_json_update(table, names, key), {**_payload(names, rows), **keys})


@lru_cache(maxsize=64)
def _bound_update(table: Table, names: tuple[str, ...], key: str) -> Update:
    return (
        update(table)
        .where(table.c[key] == bindparam(f"b_{key}"))
        .values({name: bindparam(f"b_{name}") for name in names if name != key})
    )


# ---- PostgreSQL: rows as one JSON parameter ---------------------------------------------


def _json_value(value: Any) -> Any:
    """What ``json`` cannot encode itself: timestamps, as ISO text with their UTC offset
    (so the server's time zone setting cannot shift them), by the same rule as a single
    write (``models.UTCDateTime``)."""
    if isinstance(value, datetime):
        return stored_utc(value).isoformat()
    raise TypeError(f"cannot store {type(value).__name__} {value!r} as a column value")


def _payload(names: Sequence[str], rows: Sequence[dict[str, Any]]) -> dict[str, str]:
    """The rows as the statement's one parameter: a JSON array of value arrays."""
    values = [[row[name] for name in names] for row in rows]
    text = json.dumps(values, default=_json_value, ensure_ascii=False, allow_nan=False)
    return {"rows": text}


def _given(table: Table, names: Sequence[str]) -> tuple[TableValuedAlias, list[ColumnElement[Any]]]:
    """``jsonb_array_elements(:rows) WITH ORDINALITY AS given(value, position)`` and, per
    column, its value taken out of each row's array and cast to the column's type.

    Text goes in as unbounded ``TEXT``: an explicit cast to ``VARCHAR(n)`` would cut a long
    value silently, where the insert's own conversion refuses it with an error."""
    rows = cast(bindparam("rows", type_=Text), JSONB)
    given = (
        func.jsonb_array_elements(rows)
        .table_valued(column("value", JSONB), with_ordinality="position")
        .render_derived(name="given")
    )
    values: list[ColumnElement[Any]] = []
    for index, name in enumerate(names):
        kind = table.c[name].type
        at: ColumnElement[int] = literal_column(str(index))
        if isinstance(kind, JSON):
            values.append(given.c.value.op("->", return_type=JSONB)(at))
        else:
            as_text = given.c.value.op("->>", return_type=Text)(at)
            values.append(cast(as_text, Text() if isinstance(kind, String) else kind))
    return given, values


@lru_cache(maxsize=64)
def _json_insert(table: Table, names: tuple[str, ...]) -> Insert:
    given, values = _given(table, names)
    return insert(table).from_select(names, select(*values).order_by(given.c.position))


@lru_cache(maxsize=64)
def _json_update(table: Table, names: tuple[str, ...], key: str) -> Update:
    """The update joined to the JSON rows, and filtered by the keys as an array too.

    Why the array: the planner takes a set-returning function for 100 rows, so on a table
    of a few thousand it joined by scanning the whole table (0.7 ms for three rows of the
    demo's conversations); ``key = ANY(:keys)`` tells it how few rows it needs, and it
    reads them by index (0.07 ms)."""
    _, values = _given(table, names)
    rows = select(*(v.label(n) for v, n in zip(values, names, strict=True))).subquery("given")
    kind = table.c[key].type
    keys = bindparam("keys", type_=ARRAY(Text() if isinstance(kind, String) else kind))
    return (
        update(table)
        .where(table.c[key] == rows.c[key], table.c[key] == any_(keys))
        .values({name: rows.c[name] for name in names if name != key})
    )
