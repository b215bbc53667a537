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
from tandemdesk.demo.generator import DemoFiles
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


#: The day the quality bars measured on generated demo data were set on. The demo's "today"
#: is the real today (its world lives), so what it generates shifts with the calendar; a
#: test that trains on it and holds the model to a bar generates it as of this day instead,
#: or it would pass on one day and fail on the next.
PINNED_DEMO_DAY = "2025-10-01"
_GENERATE = (
    "import dataclasses, json, sys\n"
    "from pathlib import Path\n"
    "from tandemdesk.demo import generate_demo\n"
    "files = generate_demo(Path(sys.argv[1]), **json.loads(sys.argv[2]))\n"
    "print(json.dumps({k: str(v) for k, v in dataclasses.asdict(files).items()}))\n"
)


def pinned_demo(out_dir: Path, day: str = PINNED_DEMO_DAY, **kwargs: object) -> DemoFiles:
    """``generate_demo`` as of ``day`` (in a child process: the clock is read once, when
    ``tandemdesk.demo.clock`` is imported)."""
    import json
    import subprocess
    import sys

    env = {**os.environ, "TANDEMDESK_DEMO_TODAY": day}
    done = subprocess.run([sys.executable, "-c", _GENERATE, str(out_dir), json.dumps(kwargs)],
                          env=env, capture_output=True, text=True, check=True)  # fmt: skip
    fields = json.loads(done.stdout.strip().splitlines()[-1])
    return DemoFiles(**{
        name: Path(value) if name in _DEMO_PATHS else int(value) for name, value in fields.items()
    })  # fmt: skip


_DEMO_PATHS = {"root", "conversations", "events", "articles", "macros", "agents"}
