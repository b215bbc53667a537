"""A workspace: one database plus the folder of models and policy that go with it.

Every entry point (CLI, API, benchmarks) opens the workspace the same way, so the schema
check and the engine settings are decided in one place.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from tandemdesk.config import Settings
from tandemdesk.db import make_engine, make_sessionmaker, require_current_schema, upgrade


@dataclass
class Workspace:
    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]

    def close(self) -> None:
        self.engine.dispose()


def init_workspace(settings: Settings) -> Workspace:
    """Create or upgrade the schema (idempotent) and open the workspace."""
    engine = make_engine(settings.database_url)
    upgrade(engine)
    settings.workspace_dir.mkdir(parents=True, exist_ok=True)
    return Workspace(settings, engine, make_sessionmaker(engine))


def open_workspace(settings: Settings) -> Workspace:
    """Open an initialised workspace; a clear error if ``tandemdesk init`` was never run."""
    engine = make_engine(settings.database_url)
    require_current_schema(engine)
    return Workspace(settings, engine, make_sessionmaker(engine))
