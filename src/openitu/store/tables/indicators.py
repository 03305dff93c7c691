"""ICT indicators: one row per figure (country, indicator, year, source)."""

from __future__ import annotations

from sqlalchemy import Float, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from openitu.store.base import Base


class IndicatorValue(Base):
    __tablename__ = "indicator_values"
    __table_args__ = (
        UniqueConstraint("country", "indicator", "year", "source"),
        Index("ix_indicator_values_indicator", "indicator"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    country: Mapped[str] = mapped_column(String(2))
    """ISO 3166-1 alpha-2."""
    indicator: Mapped[str] = mapped_column(String(48))
    year: Mapped[int] = mapped_column(Integer)
    value: Mapped[float] = mapped_column(Float)
    source: Mapped[str] = mapped_column(String(32))
    """"world-factbook" (the seed) or "itu-csv" (a loaded file)."""
