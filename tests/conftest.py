"""Real databases for every test: SQLite always, PostgreSQL when TANDEMDESK_TEST_POSTGRES_URL
is set (``.ci/run`` sets it, so CI always runs both).

The schema comes from the real Alembic migrations, applied once per test session; each test
then gets a clean database (a fresh copy of the migrated SQLite file, or truncated
PostgreSQL tables). Under pytest-xdist each worker has its own PostgreSQL database.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tandemdesk.config import Settings, get_settings
from tandemdesk.db import make_engine, make_sessionmaker, upgrade
from tandemdesk.models import Base
from tandemdesk.workspace import Workspace

POSTGRES_URL = os.environ.get("TANDEMDESK_TEST_POSTGRES_URL")
SHARED_DATA = Path(
    os.environ.get(
        "TANDEMDESK_SHARED_DATA", Path(__file__).resolve().parents[1].parent / "shared" / "data"
    )
)
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


def shared_data(*parts: str) -> Path:
    """A path in ../shared/data, or skip the test with a clear message when it is absent."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs the public data set {path} (clone with ../shared/data beside the repo)")
    return path


def _worker() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    if not POSTGRES_URL:
        pytest.skip("PostgreSQL tests need TANDEMDESK_TEST_POSTGRES_URL (set by .ci/run)")
    # TANDEMDESK_TEST_DB_TAG keeps two pytest runs on one server (two developers) apart
    tag = os.environ.get("TANDEMDESK_TEST_DB_TAG", "")
    name = f"tandemdesk_test_{tag}{_worker()}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    yield url
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _truncate_all(url: str) -> None:
    engine = create_engine(url)
    tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    engine.dispose()


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A clean, migrated database of each backend."""
    if request.param == "sqlite":
        path = tmp_path / "tandemdesk.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite:///{path}"
    url: str = request.getfixturevalue("postgres_url")
    _truncate_all(url)
    return url


@pytest.fixture
def settings(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Settings]:
    """Settings for a test workspace, also visible to CLI commands through the environment."""
    monkeypatch.setenv("TANDEMDESK_DATABASE_URL", database_url)
    monkeypatch.setenv("TANDEMDESK_WORKSPACE_DIR", str(tmp_path / "workspace"))
    monkeypatch.setenv("TANDEMDESK_IMPORT_BATCH_SIZE", "50")
    get_settings.cache_clear()
    yield get_settings()
    get_settings.cache_clear()


@pytest.fixture
def workspace(settings: Settings) -> Iterator[Workspace]:
    engine = make_engine(settings.database_url)
    yield Workspace(settings, engine, make_sessionmaker(engine))
    engine.dispose()


@pytest.fixture
def fixtures_dir() -> Path:
    return Path(__file__).parent / "fixtures"
