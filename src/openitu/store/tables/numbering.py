"""Numbering tables: the register of resources, applications, their events, change notices.

One table holds every resource (E.164 country codes, MCC/MNCs, SANCs, ISPCs, 882/883
identification codes). ``active_code`` equals ``code`` while the resource is reserved or
assigned and is NULL once withdrawn, so the unique constraint on (kind, active_code)
lets a code be held by one holder at a time while its past holders stay in the table.
``numbering_events`` is append-only (database triggers refuse UPDATE and DELETE).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from openitu.store.base import Base
from openitu.store.tables.columns import Actor, Administration, IntegerId, Timestamp


class NumberingResource(Base):
    __tablename__ = "numbering_resources"
    __table_args__ = (
        UniqueConstraint("kind", "active_code", name="uq_numbering_resources_active"),
        Index("ix_numbering_resources_kind_plan", "kind", "plan"),
        Index("ix_numbering_resources_country", "country"),
    )

    id: Mapped[IntegerId]
    kind: Mapped[str] = mapped_column(String(16))
    code: Mapped[str] = mapped_column(String(16))
    plan: Mapped[str] = mapped_column(String(8))
    local: Mapped[str] = mapped_column(String(8))
    active_code: Mapped[str | None] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    holder: Mapped[str] = mapped_column(Text)
    country: Mapped[str | None] = mapped_column(String(2))
    country_name: Mapped[str | None] = mapped_column(Text)
    also: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(64))
    application_id: Mapped[int | None] = mapped_column(ForeignKey("numbering_applications.id"))
    since: Mapped[Timestamp | None]
    until: Mapped[Timestamp | None]


class NumberingApplication(Base):
    __tablename__ = "numbering_applications"
    __table_args__ = (
        Index("ix_numbering_applications_kind_code", "kind", "code"),
        Index("ix_numbering_applications_form_key", "submitted_by", "form_key", unique=True),
    )

    id: Mapped[IntegerId]
    kind: Mapped[str] = mapped_column(String(16))
    code: Mapped[str] = mapped_column(String(16))
    applicant: Mapped[Administration]
    holder: Mapped[str] = mapped_column(Text)
    purpose: Mapped[str] = mapped_column(Text, default="")
    received_at: Mapped[Timestamp]
    status: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(Text)
    submitted_by: Mapped[Actor]
    # The one-time key of the form that sent it: the same form sent again finds this row.
    form_key: Mapped[str | None] = mapped_column(String(64))


class NumberingEvent(Base):
    """One dated step of an application or a resource, never changed once written."""

    __tablename__ = "numbering_events"
    __table_args__ = (Index("ix_numbering_events_application_id", "application_id"),)

    id: Mapped[IntegerId]
    application_id: Mapped[int | None] = mapped_column(ForeignKey("numbering_applications.id"))
    resource_id: Mapped[int | None] = mapped_column(ForeignKey("numbering_resources.id"))
    action: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    at: Mapped[Timestamp]
    actor: Mapped[Actor]
    detail: Mapped[str] = mapped_column(Text, default="")
    notice_number: Mapped[int | None] = mapped_column(Integer)


class NumberingNotice(Base):
    __tablename__ = "numbering_notices"

    number: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    published_on: Mapped[date] = mapped_column(Date)
    published_at: Mapped[Timestamp]
    title: Mapped[str] = mapped_column(Text)
    published_by: Mapped[Actor]


class NumberingNoticeEntry(Base):
    __tablename__ = "numbering_notice_entries"

    id: Mapped[IntegerId]
    notice_number: Mapped[int] = mapped_column(ForeignKey("numbering_notices.number"))
    action: Mapped[str] = mapped_column(String(8))
    kind: Mapped[str] = mapped_column(String(16))
    code: Mapped[str] = mapped_column(String(16))
    holder: Mapped[str] = mapped_column(Text)
    country: Mapped[str | None] = mapped_column(String(2))
