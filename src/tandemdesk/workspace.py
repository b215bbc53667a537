"""A workspace: one database plus the folder of models and policy that go with it.

Every entry point (CLI, API, benchmarks) opens the workspace the same way, so the schema
check and the engine settings are decided in one place.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from tandemdesk.config import Settings
from tandemdesk.db import (
    current_revision,
    make_engine,
    make_sessionmaker,
    require_current_schema,
    upgrade,
)
from tandemdesk.protect.vault import PiiVault

PII_VAULT = "pii_vault"  # the key in ``Session.info`` under which sessions find the vault
PII_REVISION = "0007"  # the migration from which message texts are masked at rest


@dataclass
class Workspace:
    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]

    def __post_init__(self) -> None:
        # every session carries the PII vault, so the message write path can seal the
        # originals of masked card numbers without each caller passing a key around
        self.sessions.configure(info={PII_VAULT: PiiVault.for_settings(self.settings)})

    def close(self) -> None:
        self.engine.dispose()


def init_workspace(settings: Settings) -> Workspace:
    """Create or upgrade the schema (idempotent) and open the workspace."""
    engine = make_engine(settings.database_url)
    try:
        before = current_revision(engine)
    except OperationalError:
        before = None  # unreachable: ``upgrade`` says so clearly
    upgrade(engine)
    settings.workspace_dir.mkdir(parents=True, exist_ok=True)
    workspace = Workspace(settings, engine, make_sessionmaker(engine))
    if before is not None and before < PII_REVISION:  # stored before masking existed
        from tandemdesk.protect.store import mask_existing

        mask_existing(workspace)
    return workspace


def open_workspace(settings: Settings) -> Workspace:
    """Open an initialised workspace; a clear error if ``tandemdesk init`` was never run."""
    engine = make_engine(settings.database_url)
    require_current_schema(engine)
    return Workspace(settings, engine, make_sessionmaker(engine))
