"""What a running application holds: settings, engine, sessions, caches."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from openitu.settings import Settings
from openitu.spectrum.table import AllocationTable
from openitu.store import spectrum as spectrum_store
from openitu.store.db import make_engine, session_factory


@dataclass
class AppContext:
    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]
    # Read-mostly values derived from the database (the allocation table per
    # edition, ...), dropped whenever a write changes what they derive from.
    cache: dict[str, Any] = field(default_factory=dict)

    def allocation_table(
        self, *, edition: str | None = None, on: date | None = None
    ) -> AllocationTable:
        """The Table of an edition (by id, or the one in force on a date; default:
        in force today), read once from the database and kept."""
        if edition is None:
            day = on or date.today()
            edition = self.cache.get(f"spectrum:in-force:{day.isoformat()}")
            if edition is None:
                with self.sessions() as session:
                    edition = spectrum_store.edition_in_force(session, day)
                self.cache[f"spectrum:in-force:{day.isoformat()}"] = edition
        key = f"spectrum:table:{edition}"
        table = self.cache.get(key)
        if table is None:
            with self.sessions() as session:
                table = AllocationTable(spectrum_store.get_edition(session, edition))
            self.cache[key] = table
        assert isinstance(table, AllocationTable)
        return table

    def forget(self, prefix: str) -> None:
        """Drop cached values derived from data a write has just changed."""
        for key in [k for k in self.cache if k.startswith(prefix)]:
            del self.cache[key]

    @classmethod
    def from_settings(cls, settings: Settings) -> AppContext:
        engine = make_engine(settings.database_url)
        return cls(settings=settings, engine=engine, sessions=session_factory(engine))
