"""Engine, sessions and schema upgrades from one database URL.

SQLite is the embedded default (WAL, foreign keys on); PostgreSQL is the production store.
The schema only ever comes from Alembic migrations (``upgrade``), never ``create_all``, so
the tests exercise exactly what users run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from functools import partial
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from tandemdesk.errors import DatabaseError

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite gets the pragmas a concurrent workspace needs.

    ``hide_parameters``: a database error's message (and SQLAlchemy's statement log) would
    otherwise quote every parameter of the failed statement — a customer's message, card
    number or e-mail address — into the server log."""
    try:
        parsed = make_url(url)
    except ArgumentError as e:
        raise DatabaseError(f"not a database URL: {url!r}") from e
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, hide_parameters=True)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    # No server-side prepared statements: psycopg prepares a query after five runs and
    # PostgreSQL may then keep a generic plan made while a table was still empty (a
    # sequential scan that makes a long import slower and slower).
    return create_engine(
        url,
        pool_pre_ping=True,
        connect_args={"prepare_threshold": None},
        hide_parameters=True,
    )


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded objects usable after commit (CLI output reads them)."""
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(factory: Callable[[], Session]) -> Iterator[Session]:
    """One unit of work: commit on success, roll back everything on any error."""
    with factory() as session, session.begin():
        yield session


def refresh_statistics(factory: Callable[[], Session]) -> None:
    """After a bulk load, bring PostgreSQL's planner statistics up to date (``ANALYZE``).

    Why: tables an import just filled have no statistics until autovacuum analyses them —
    a minute or more later, or never where it is switched off. Until then the planner
    guesses from page counts and scans whole tables for lookups an index answers: on the
    freshly imported demo workspace, finding a burst's customers by their identities took
    0.6 ms (a sequential scan) instead of 0.07 ms, and so did the live flow's other reads.
    ``ANALYZE`` samples a bounded number of rows per table, so it costs little next to the
    import. SQLite's planner needs no statistics to use an index.
    """
    with transaction(factory) as session:
        if session.get_bind().dialect.name == "postgresql":
            session.execute(text("ANALYZE"))


class OneConnection:
    """Several units of work on one pooled connection, for a path that runs many per call.

    Why: the live flow stores a batch, reads its context, then records the outcome. Done
    with a fresh session each on PostgreSQL, every step checks a connection out of the pool
    (a ping to the server) and the reads open and roll back a transaction of their own:
    about six round trips per batch that do no work, and on a busy two-core machine each
    waits for the CPU. Here the connection is checked out once; ``reads`` run in autocommit
    (no BEGIN/ROLLBACK: each statement sees the latest committed data, as PostgreSQL's READ
    COMMITTED gives within a transaction anyway); ``transaction`` is all or nothing.

    SQLite has no round trips to save: its checkouts are in-process, and autocommit reads
    measured slower there (each statement opens its own read of the WAL). So for SQLite
    this is plain pooled sessions. Not shared between threads, like the connection it holds.
    """

    def __init__(self, sessions: Callable[[], Session], connection: Connection | None) -> None:
        self._sessions = sessions
        self._connection = connection

    def transaction(self) -> AbstractContextManager[Session]:
        """Commit on success, roll back everything on any error."""
        return transaction(self._sessions)

    @contextmanager
    def reads(self) -> Iterator[Session]:
        """A session for reading only (autocommit on a server database)."""
        if self._connection is None:
            with self._sessions() as session:
                yield session
            return
        self._connection.execution_options(isolation_level="AUTOCOMMIT")
        try:
            with self._sessions() as session:
                yield session
        finally:
            default = self._connection.default_isolation_level
            self._connection.execution_options(isolation_level=default)


@contextmanager
def one_connection(sessions: sessionmaker[Session]) -> Iterator[OneConnection]:
    """Units of work for one batch of the live flow, from the workspace's ``sessions``
    (see ``OneConnection``). Don't nest ``reads`` inside ``transaction``: PostgreSQL cannot
    switch to autocommit in the middle of a transaction."""
    engine = sessions.kw["bind"]
    if engine.dialect.name == "sqlite":
        yield OneConnection(sessions, None)
        return
    with engine.connect() as connection:
        yield OneConnection(partial(sessions, bind=connection), connection)


def _alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision`` (default: the newest)."""
    try:
        with engine.connect():
            pass
    except OperationalError as e:
        raise DatabaseError(f"cannot reach the database: {e.orig}") from e
    try:
        command.upgrade(_alembic_config(engine), revision)
    except OperationalError as e:
        raise DatabaseError(f"the schema upgrade failed: {e.orig}") from e


def downgrade(engine: Engine, revision: str) -> None:
    """Step the schema back to ``revision`` (``base`` removes every table)."""
    command.downgrade(_alembic_config(engine), revision)


def head_revision() -> str:
    """The newest migration shipped with this version of tandemdesk."""
    head = ScriptDirectory.from_config(
        _alembic_config(create_engine("sqlite://"))
    ).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The schema revision the database is at, or None for an empty database."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def require_current_schema(engine: Engine) -> None:
    """Fail clearly when the workspace was never initialised or is from another version."""
    try:
        current = current_revision(engine)
    except OperationalError as e:
        raise DatabaseError(f"cannot reach the database: {e.orig}") from e
    if current is None:
        raise DatabaseError("this database has no tandemdesk workspace; run `tandemdesk init`")
    if current != head_revision():
        raise DatabaseError(
            f"the workspace schema is at {current}, this tandemdesk expects {head_revision()}; "
            "run `tandemdesk init` to upgrade it"
        )
