"""What a running application holds: settings, engine, sessions, caches."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from openitu.settings import Settings
from openitu.spectrum.table import AllocationTable
from openitu.store import spectrum as spectrum_store
from openitu.store import versions
from openitu.store.db import make_engine, session_factory

if TYPE_CHECKING:
    from openitu.numbering.e212 import E212Register
    from openitu.space.coordination import BeamTable

T = TypeVar("T")


@dataclass
class AppContext:
    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]
    # Read-mostly values derived from the database (the allocation table per edition,
    # the E.212 register ...), each kept with the version of its area it was built at:
    # a write in any process bumps that version, and the value is built again.
    cache: dict[tuple[str, str], tuple[int, Any]] = field(default_factory=dict)
    # Values that never change while the process runs (a key read from the database once).
    memo: dict[str, Any] = field(default_factory=dict)

    def cached(
        self,
        area: str,
        key: str,
        build: Callable[[Session], T],
        *,
        session: Session | None = None,
    ) -> T:
        """``build(session)``'s value, reused while ``area``'s version is unchanged.

        The version is read before the value is built, so a value is never kept under a
        version newer than the data it was built from.
        """
        if session is None:
            with self.sessions() as own:
                return self._cached(own, area, key, build)
        return self._cached(session, area, key, build)

    def _cached(self, session: Session, area: str, key: str, build: Callable[[Session], T]) -> T:
        version = versions.read(session, area)
        hit = self.cache.get((area, key))
        if hit is not None and hit[0] == version and version >= 0:
            value: T = hit[1]
            return value
        built = build(session)
        self.cache[(area, key)] = (version, built)
        return built

    def allocation_table(
        self, *, edition: str | None = None, on: date | None = None
    ) -> AllocationTable:
        """The Table of an edition (by id, or the one in force on a date; default:
        in force today), as the database holds it now."""
        with self.sessions() as session:
            if edition is None:
                day = on or date.today()
                edition = self._cached(
                    session,
                    "spectrum",
                    f"in-force:{day.isoformat()}",
                    lambda s: spectrum_store.edition_in_force(s, day),
                )
            chosen = edition
            return self._cached(
                session,
                "spectrum",
                f"table:{chosen}",
                lambda s: AllocationTable(spectrum_store.get_edition(s, chosen)),
            )

    def e212_register(self, session: Session) -> E212Register:
        """The E.212 register, rebuilt once the numbering area's version has moved."""
        from openitu.store import numbering

        return self.cached("numbering", "e212", numbering.e212_register, session=session)

    def filed_beams(self, session: Session) -> BeamTable:
        """Every filed GSO network's beams, rebuilt once the space area's version has moved."""
        from openitu.store import space

        return self.cached("space", "beams", space.beam_table, session=session)

    @classmethod
    def from_settings(cls, settings: Settings) -> AppContext:
        engine = make_engine(settings.database_url)
        return cls(settings=settings, engine=engine, sessions=session_factory(engine))
