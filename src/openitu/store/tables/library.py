"""The publications catalogue: one row per catalogued version.

The full-text index is the database's own and lives outside these models (the lib1
migration makes it): on SQLite an FTS5 table ``library_search`` kept by triggers, on
PostgreSQL a stored generated ``tsvector`` column ``library_publications.search`` with a
GIN index. Both are derived from the row, so a backup of these columns restores them.
"""

from __future__ import annotations

from sqlalchemy import Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from openitu.store.base import Base
from openitu.store.tables.columns import IntegerId


class LibraryPublication(Base):
    __tablename__ = "library_publications"
    __table_args__ = (Index("ix_library_publications_sector_series", "sector", "series"),)

    id: Mapped[IntegerId]
    key: Mapped[str] = mapped_column(String(64), unique=True)
    """The version ("P.452-18"), else the reference ("ITU-R F.758") when none is known."""
    sector: Mapped[str] = mapped_column(String(1))
    series: Mapped[str] = mapped_column(String(3))
    number: Mapped[str] = mapped_column(String(16))
    reference: Mapped[str] = mapped_column(String(64))
    """What people cite and search for: "ITU-R P.452 P 452"."""
    title: Mapped[str] = mapped_column(Text)
    version: Mapped[str | None] = mapped_column(String(64))
    approved: Mapped[str | None] = mapped_column(String(7))
    status: Mapped[str] = mapped_column(String(16))
    superseded_by: Mapped[str] = mapped_column(Text)
    """JSON list of versions."""
    study_group: Mapped[str | None] = mapped_column(String(32))
    keywords: Mapped[str] = mapped_column(Text)
    """Joined with "; "."""
    abstract: Mapped[str] = mapped_column(Text)
