"""Load the reference data shipped in the package into the database.

Each area contributes ``openitu.store.loaders.<area>`` with a ``load(sessions)``
generator: idempotent, one transaction per dataset, yielding progress lines.
"""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from openitu.discovery import submodules
from openitu.store import migrate


def load_reference_data(sessions: sessionmaker[Session]) -> Iterator[str]:
    for module in submodules("openitu.store.loaders"):
        yield from module.load(sessions)


def prepare_database(engine: Engine, sessions: sessionmaker[Session]) -> list[str]:
    """Bring a database that is behind (or empty) to the newest schema with the data.

    A database already at every head is left alone (one query). Otherwise the migrations
    run and the reference data load (idempotent, so an area added since is filled in);
    returns the progress lines, empty when nothing had to be done.
    """
    if migrate.current_revisions(engine) == migrate.head_revisions(engine):
        return []
    migrate.upgrade(engine)
    return ["schema upgraded to the newest revision", *load_reference_data(sessions)]
