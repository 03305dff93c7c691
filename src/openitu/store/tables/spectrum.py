"""Tables of the Table of Frequency Allocations: editions, bands, allocations, footnotes."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from sqlalchemy import Date, Float, ForeignKey, Integer, SmallInteger, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from openitu.store.base import Base
from openitu.store.tables.columns import IntegerId, Timestamp

EditionId = Annotated[
    str, mapped_column(String(40), ForeignKey("spectrum_editions.id", ondelete="CASCADE"))
]
"""The edition a row belongs to (and goes with)."""


class EditionRow(Base):
    __tablename__ = "spectrum_editions"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    entry_into_force: Mapped[date] = mapped_column(Date, index=True)
    based_on: Mapped[str | None] = mapped_column(
        String(40), ForeignKey("spectrum_editions.id"), nullable=True
    )
    created_at: Mapped[Timestamp] = mapped_column(server_default=func.now())


class BandRow(Base):
    __tablename__ = "spectrum_bands"

    id: Mapped[IntegerId] = mapped_column(autoincrement=True)
    edition_id: Mapped[EditionId] = mapped_column(index=True)
    region: Mapped[int] = mapped_column(SmallInteger)
    low_hz: Mapped[float] = mapped_column(Float(53))
    high_hz: Mapped[float] = mapped_column(Float(53))
    footnotes: Mapped[str] = mapped_column(Text, default="")


class AllocationRow(Base):
    __tablename__ = "spectrum_allocations"

    id: Mapped[IntegerId] = mapped_column(autoincrement=True)
    band_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("spectrum_bands.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(SmallInteger)
    service: Mapped[str] = mapped_column(Text)
    category: Mapped[str] = mapped_column(String(10))
    footnotes: Mapped[str] = mapped_column(Text, default="")


class FootnoteRow(Base):
    __tablename__ = "spectrum_footnotes"

    edition_id: Mapped[EditionId] = mapped_column(primary_key=True)
    footnote_id: Mapped[str] = mapped_column(String(20), primary_key=True)
    text: Mapped[str | None] = mapped_column(Text, nullable=True)
    kind: Mapped[str] = mapped_column(String(20))
    countries: Mapped[str] = mapped_column(Text, default="")


class FootnoteRuleRow(Base):
    __tablename__ = "spectrum_footnote_rules"

    id: Mapped[IntegerId] = mapped_column(autoincrement=True)
    edition_id: Mapped[EditionId] = mapped_column(index=True)
    footnote_id: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(20))
    countries: Mapped[str] = mapped_column(Text, default="")
    low_hz: Mapped[float] = mapped_column(Float(53))
    high_hz: Mapped[float] = mapped_column(Float(53))
    services: Mapped[str] = mapped_column(Text)
    category: Mapped[str] = mapped_column(String(10))


class EditionAmendmentRow(Base):
    """The amendments an edition was built from, in order, with where each comes from."""

    __tablename__ = "spectrum_edition_amendments"

    edition_id: Mapped[EditionId] = mapped_column(primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    amendment: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text, default="")
    conference: Mapped[str] = mapped_column(Text, default="")


class RegionalTableRow(Base):
    """A regional table imported beside the Table ("ECA"), kept as the file it came in
    (its reader, e.g. `openitu.spectrum.eca`, makes its rows again)."""

    __tablename__ = "spectrum_regional_tables"

    name: Mapped[str] = mapped_column(String(20), primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    file_sha256: Mapped[str] = mapped_column(String(64))
    imported_at: Mapped[Timestamp] = mapped_column(server_default=func.now())
