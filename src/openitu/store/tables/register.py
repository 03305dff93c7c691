"""Terrestrial register tables: assignments (the notice as it stands), their append-only
events, and the published circulars.

``register_assignments`` holds one row per (administration, reference): its current data
in columns a study can index and scan over millions of rows (the frequency range
``low_hz``/``high_hz``, the transmitter's ``tx_lat_deg``/``tx_lon_deg``, the
administration, the service, the status, the date of receipt), the full notice as JSON
(``data``) and its last finding. ``register_events`` keeps every dated step with the
notice as received at each notification or modification, so that past versions stay;
database triggers refuse UPDATE and DELETE on it. Each receipt has a unique
``received_at``: the date of receipt is the notice's priority.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from openitu.store.base import Base
from openitu.store.tables.columns import Actor, Administration, Timestamp

BigIntegerId = Annotated[
    int, mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
]
"""BIGINT on PostgreSQL; INTEGER on SQLite, where only that is the rowid (autoincremented)."""


class RegisterAssignment(Base):
    __tablename__ = "register_assignments"
    __table_args__ = (
        UniqueConstraint("administration", "reference", name="uq_register_assignments_reference"),
        Index("ix_register_assignments_band", "low_hz", "high_hz"),
        Index("ix_register_assignments_location", "tx_lat_deg", "tx_lon_deg"),
        Index("ix_register_assignments_status", "status"),
        Index("ix_register_assignments_service", "service"),
        Index("ix_register_assignments_received_at", "received_at"),
        # the examination's widest recorded bandwidth: max() read from the index's end
        Index("ix_register_assignments_bandwidth", "status", "necessary_bandwidth_hz"),
    )

    id: Mapped[BigIntegerId]
    administration: Mapped[Administration]
    reference: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16))
    version: Mapped[int] = mapped_column(Integer)
    content_hash: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[Timestamp]
    first_received_at: Mapped[Timestamp]
    service: Mapped[str] = mapped_column(String(120))
    station_class: Mapped[str] = mapped_column(String(4))
    frequency_hz: Mapped[float] = mapped_column(Float)
    necessary_bandwidth_hz: Mapped[float] = mapped_column(Float)
    low_hz: Mapped[float] = mapped_column(Float)
    high_hz: Mapped[float] = mapped_column(Float)
    emission: Mapped[str] = mapped_column(String(16))
    tx_lat_deg: Mapped[float] = mapped_column(Float)
    tx_lon_deg: Mapped[float] = mapped_column(Float)
    tx_antenna_height_m: Mapped[float | None] = mapped_column(Float)
    tx_eirp_dbw: Mapped[float | None] = mapped_column(Float)
    tx_gain_dbi: Mapped[float | None] = mapped_column(Float)
    tx_azimuth_deg: Mapped[float | None] = mapped_column(Float)
    tx_polarization: Mapped[str | None] = mapped_column(String(4))
    rx_lat_deg: Mapped[float | None] = mapped_column(Float)
    rx_lon_deg: Mapped[float | None] = mapped_column(Float)
    rx_antenna_height_m: Mapped[float | None] = mapped_column(Float)
    rx_gain_dbi: Mapped[float | None] = mapped_column(Float)
    date_of_bringing_into_use: Mapped[date | None] = mapped_column(Date)
    request_4_4: Mapped[bool] = mapped_column(Boolean, default=False)
    agreements: Mapped[str] = mapped_column(Text, default="[]")
    data: Mapped[str] = mapped_column(Text)
    finding: Mapped[str | None] = mapped_column(Text)
    recorded_under: Mapped[str | None] = mapped_column(String(16))
    recorded_at: Mapped[Timestamp | None]
    submitted_by: Mapped[Actor]


class RegisterEvent(Base):
    """One dated step of an assignment, never changed once written."""

    __tablename__ = "register_events"
    __table_args__ = (
        Index("ix_register_events_assignment_id", "assignment_id"),
        Index("ix_register_events_at", "at"),
        UniqueConstraint("received_at", name="uq_register_events_received_at"),
    )

    id: Mapped[BigIntegerId]
    assignment_id: Mapped[int] = mapped_column(ForeignKey("register_assignments.id"))
    event: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    at: Mapped[Timestamp]
    received_at: Mapped[Timestamp | None]
    actor: Mapped[Actor]
    detail: Mapped[str] = mapped_column(Text)


class RegisterCircular(Base):
    __tablename__ = "register_circulars"

    number: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    period_start: Mapped[Timestamp | None]
    period_end: Mapped[Timestamp]
    published_at: Mapped[Timestamp]
    published_by: Mapped[Actor]
    parts: Mapped[str] = mapped_column(Text)
