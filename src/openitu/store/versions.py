"""The areas' version rows: bumped by writes, read by caches (see tables/versions.py)."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from openitu.store.tables.versions import AREAS, AreaVersion


def _known(area: str) -> str:
    if area not in AREAS:
        # A programming error, not bad input: every area has a row from its migration.
        raise ValueError(f"unknown area {area!r}; add it to store.tables.versions.AREAS")
    return area


def bump(session: Session, area: str) -> None:
    """Bump ``area``'s version in the caller's transaction.

    As a use case's first statement it also takes the lock that orders the area's
    writers: the row lock on PostgreSQL (held until commit), the database's write lock
    on SQLite (a transaction that read first could not start writing once another
    writer had committed meanwhile: it would fail with "database is locked" at once
    instead of waiting its turn).
    """
    session.execute(
        update(AreaVersion)
        .where(AreaVersion.area == _known(area))
        .values(version=AreaVersion.version + 1)
    )


def read(session: Session, area: str) -> int:
    """The version of ``area`` as committed (or as this transaction wrote it)."""
    version = session.execute(
        select(AreaVersion.version).where(AreaVersion.area == _known(area))
    ).scalar_one_or_none()
    # Before the migration (a database being prepared) nothing can be cached for long.
    return -1 if version is None else int(version)
