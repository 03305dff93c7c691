"""Space tables: satellite networks, their beams (one row per beam and band), and the
dated steps of their filings.

A network's whole filed document is kept as JSON (``document``) and read back through
`openitu.space.networks.parse_network`; ``space_beams`` repeats what the coordination
examination needs as plain columns so that the filed beams load as numpy arrays in one
query. Catalogue satellites (the UCS list) are rows of ``space_networks`` with
``source`` naming the catalogue and no beams: they are shown on the arc, never taken
for recorded filings.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from sqlalchemy import Date, Float, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from openitu.store.base import Base
from openitu.store.tables.columns import Actor, Administration, IntegerId, Timestamp

NetworkId = Annotated[int, mapped_column(ForeignKey("space_networks.id"))]
"""A beam's or a filing step's network."""


class SpaceNetwork(Base):
    __tablename__ = "space_networks"
    __table_args__ = (
        Index("ix_space_networks_source_longitude", "source", "longitude_deg"),
        Index("ix_space_networks_administration", "administration"),
    )

    id: Mapped[IntegerId]
    name: Mapped[str] = mapped_column(String(200))
    administration: Mapped[Administration | None]
    orbit: Mapped[str] = mapped_column(String(8))
    longitude_deg: Mapped[float | None] = mapped_column(Float)
    source: Mapped[str] = mapped_column(String(32))
    """``filing`` for networks filed through OpenITU; the catalogue's name otherwise."""
    status: Mapped[str] = mapped_column(String(32))
    document: Mapped[str | None] = mapped_column(Text)
    operator: Mapped[str | None] = mapped_column(Text)
    un_registry: Mapped[str | None] = mapped_column(Text)
    catalogue_id: Mapped[str | None] = mapped_column(String(32))
    submitted_by: Mapped[Actor | None]
    created_at: Mapped[Timestamp]


class SpaceBeam(Base):
    __tablename__ = "space_beams"
    __table_args__ = (Index("ix_space_beams_network", "network_id"),)

    id: Mapped[IntegerId]
    network_id: Mapped[NetworkId]
    name: Mapped[str] = mapped_column(String(200))
    up: Mapped[bool] = mapped_column()
    low_hz: Mapped[float] = mapped_column(Float)
    high_hz: Mapped[float] = mapped_column(Float)
    service: Mapped[str] = mapped_column(String(64))
    gain_dbi: Mapped[float] = mapped_column(Float)
    noise_temperature_k: Mapped[float] = mapped_column(Float)
    power_density_dbw_hz: Mapped[float] = mapped_column(Float)
    es_lat_deg: Mapped[float] = mapped_column(Float)
    es_lon_deg: Mapped[float] = mapped_column(Float)
    es_gain_dbi: Mapped[float] = mapped_column(Float)
    es_pattern: Mapped[str] = mapped_column(String(16))


class SpaceFilingEvent(Base):
    __tablename__ = "space_filing_events"
    __table_args__ = (Index("ix_space_filing_events_network", "network_id"),)

    id: Mapped[IntegerId]
    network_id: Mapped[NetworkId]
    step: Mapped[str] = mapped_column(String(32))
    date_of_receipt: Mapped[date] = mapped_column(Date)
    informed_on: Mapped[date | None] = mapped_column(Date)
    examined_on: Mapped[date | None] = mapped_column(Date)
    published_on: Mapped[date | None] = mapped_column(Date)
    recorded_by: Mapped[Actor]
    recorded_at: Mapped[Timestamp]
