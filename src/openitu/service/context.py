"""What a running application holds: settings, engine, sessions, caches."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from openitu.settings import Settings
from openitu.store.db import make_engine, session_factory


@dataclass
class AppContext:
    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]
    # Read-mostly values derived from the database (the allocation table per
    # edition, ...), dropped whenever a write changes what they derive from.
    cache: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_settings(cls, settings: Settings) -> AppContext:
        engine = make_engine(settings.database_url)
        return cls(settings=settings, engine=engine, sessions=session_factory(engine))
