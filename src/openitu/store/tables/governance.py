"""Governance tables: members, dues and payments, budgets, conferences, votes.

Money is stored as whole centimes (BIGINT), never as a float or a backend-dependent
decimal, so that shares read back exactly on SQLite and PostgreSQL alike.

``governance_ballots`` has one row per state and vote (a unique constraint makes voting
twice impossible even under a race); for a secret ballot its ``choice`` is NULL and the
choice exists only in the vote's counters.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from openitu.store.base import Base
from openitu.store.tables.columns import Actor, Administration, IntegerId, Timestamp

ConferenceId = Annotated[int, mapped_column(ForeignKey("governance_conferences.id"))]
MemberId = Annotated[int, mapped_column(ForeignKey("governance_members.id"))]


class GovernanceMember(Base):
    __tablename__ = "governance_members"

    id: Mapped[IntegerId]
    kind: Mapped[str] = mapped_column(String(16))
    iso2: Mapped[Administration | None] = mapped_column(unique=True)
    """Set for Member States only (their administration's code)."""
    name: Mapped[str] = mapped_column(Text)
    country: Mapped[str | None] = mapped_column(String(2))
    sector: Mapped[str | None] = mapped_column(String(8))
    admitted: Mapped[date] = mapped_column(Date)
    left_on: Mapped[date | None] = mapped_column(Date)
    least_developed: Mapped[bool] = mapped_column(Boolean, default=False)
    unit_class: Mapped[str | None] = mapped_column(String(8))
    """The class of contribution chosen, as a fraction ("40", "5/2", "1/16")."""
    gni_usd: Mapped[int | None] = mapped_column(BigInteger)
    """Gross national income in US dollars, for the what-if assessment."""
    suspension_notified: Mapped[date | None] = mapped_column(Date)


class GovernanceDue(Base):
    __tablename__ = "governance_dues"
    __table_args__ = (UniqueConstraint("member_id", "year", name="uq_governance_dues_member_id"),)

    id: Mapped[IntegerId]
    member_id: Mapped[MemberId] = mapped_column(index=True)
    year: Mapped[int] = mapped_column(Integer)
    amount_cents: Mapped[int] = mapped_column(BigInteger)
    due_on: Mapped[date] = mapped_column(Date)
    units: Mapped[str | None] = mapped_column(String(8))
    """The class of contribution the amount was assessed on (None: recorded by hand)."""


class GovernancePayment(Base):
    __tablename__ = "governance_payments"

    id: Mapped[IntegerId]
    member_id: Mapped[MemberId] = mapped_column(index=True)
    amount_cents: Mapped[int] = mapped_column(BigInteger)
    paid_on: Mapped[date] = mapped_column(Date)
    reference: Mapped[str] = mapped_column(Text, default="")


class GovernanceBudget(Base):
    __tablename__ = "governance_budgets"

    id: Mapped[IntegerId]
    year: Mapped[int] = mapped_column(Integer, unique=True)
    amount_cents: Mapped[int] = mapped_column(BigInteger)
    adopted_by: Mapped[Actor]
    adopted_at: Mapped[Timestamp]


class GovernanceConference(Base):
    __tablename__ = "governance_conferences"

    id: Mapped[IntegerId]
    code: Mapped[str] = mapped_column(String(40), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(Text)
    place: Mapped[str] = mapped_column(Text)
    starts: Mapped[date] = mapped_column(Date)
    ends: Mapped[date] = mapped_column(Date)
    final_acts_edition: Mapped[str | None] = mapped_column(String(64))


class GovernanceAgendaItem(Base):
    __tablename__ = "governance_agenda_items"
    __table_args__ = (
        UniqueConstraint(
            "conference_id", "number", name="uq_governance_agenda_items_conference_id"
        ),
    )

    id: Mapped[IntegerId]
    conference_id: Mapped[ConferenceId]
    number: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(Text)


class GovernanceDelegation(Base):
    """A member's delegation to a conference: a Member State's (``state``) or, as a
    participant without a vote, a Sector Member's (``member_id``, ``representative``)."""

    __tablename__ = "governance_delegations"
    __table_args__ = (
        UniqueConstraint("conference_id", "member_id", name="uq_governance_delegations_member"),
        UniqueConstraint("conference_id", "proxy_for", name="uq_governance_delegations_proxy"),
        UniqueConstraint(
            "conference_id", "representative", name="uq_governance_delegations_representative"
        ),
    )

    id: Mapped[IntegerId]
    conference_id: Mapped[ConferenceId]
    member_id: Mapped[MemberId]
    state: Mapped[Administration | None]
    representative: Mapped[str | None] = mapped_column(String(64))
    credentials_accepted: Mapped[bool] = mapped_column(Boolean, default=False)
    present: Mapped[bool] = mapped_column(Boolean, default=False)
    proxy_for: Mapped[Administration | None]


class GovernanceProposal(Base):
    __tablename__ = "governance_proposals"

    id: Mapped[IntegerId]
    conference_id: Mapped[ConferenceId]
    agenda_item_id: Mapped[int] = mapped_column(ForeignKey("governance_agenda_items.id"))
    submitted_by: Mapped[Administration]
    title: Mapped[str] = mapped_column(Text)
    amendments: Mapped[str] = mapped_column(Text)
    """JSON list of amendment documents (openitu.spectrum.amendments)."""
    status: Mapped[str] = mapped_column(String(16))
    submitted_at: Mapped[Timestamp]
    matter: Mapped[str] = mapped_column(String(24), server_default="general")
    """What the proposal amends (openitu.governance.votes.Matter): sets the majority."""


class GovernanceVote(Base):
    __tablename__ = "governance_votes"

    id: Mapped[IntegerId]
    conference_id: Mapped[ConferenceId]
    proposal_id: Mapped[int | None] = mapped_column(ForeignKey("governance_proposals.id"))
    question: Mapped[str] = mapped_column(Text)
    majority: Mapped[str] = mapped_column(String(16))
    method: Mapped[str] = mapped_column(String(16))
    matter: Mapped[str] = mapped_column(String(24), server_default="general")
    basis: Mapped[str] = mapped_column(String(24), server_default="present-and-voting")
    """What the majority is reckoned on (openitu.governance.votes.Basis)."""
    status: Mapped[str] = mapped_column(String(16))
    opened_at: Mapped[Timestamp]
    closed_at: Mapped[Timestamp | None]
    votes_for: Mapped[int] = mapped_column(Integer, default=0)
    votes_against: Mapped[int] = mapped_column(Integer, default=0)
    abstentions: Mapped[int] = mapped_column(Integer, default=0)
    accredited: Mapped[int | None] = mapped_column(Integer)
    present: Mapped[int | None] = mapped_column(Integer)
    represented: Mapped[int | None] = mapped_column(Integer)
    """Absent delegations whose proxy a present one held: they count towards the quorum."""
    outcome: Mapped[str | None] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(Text)


class GovernanceBallot(Base):
    __tablename__ = "governance_ballots"
    __table_args__ = (UniqueConstraint("vote_id", "state", name="uq_governance_ballots_vote_id"),)

    id: Mapped[IntegerId]
    vote_id: Mapped[int] = mapped_column(ForeignKey("governance_votes.id"))
    state: Mapped[Administration]
    cast_by_delegation: Mapped[Administration]
    """The delegation that cast it: ``state`` itself, or the holder of its proxy."""
    choice: Mapped[str | None] = mapped_column(String(8))
    """NULL for a secret ballot."""
    cast_at: Mapped[Timestamp]


class GovernanceDocument(Base):
    """A conference document: a member's contribution or information document, or the
    secretariat's temporary document or Final Acts; its text stored as text."""

    __tablename__ = "governance_documents"
    __table_args__ = (
        UniqueConstraint("conference_id", "number", name="uq_governance_documents_number"),
    )

    id: Mapped[IntegerId]
    conference_id: Mapped[ConferenceId]
    number: Mapped[str] = mapped_column(String(48))
    title: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16))
    source_member_id: Mapped[MemberId | None]
    """The member it comes from; NULL for the secretariat's documents."""
    received: Mapped[date] = mapped_column(Date)
    language: Mapped[str] = mapped_column(String(2))
    text: Mapped[str] = mapped_column(Text)
    filename: Mapped[str | None] = mapped_column(String(200))
    size_bytes: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    submitted_by: Mapped[Actor]
    submitted_at: Mapped[Timestamp]


class GovernanceDocumentItem(Base):
    """An agenda item a document addresses."""

    __tablename__ = "governance_document_items"

    document_id: Mapped[int] = mapped_column(
        ForeignKey("governance_documents.id"), primary_key=True
    )
    agenda_item_id: Mapped[int] = mapped_column(
        # Named by hand: the convention's name would pass PostgreSQL's 63 characters.
        ForeignKey("governance_agenda_items.id", name="fk_governance_document_items_agenda_item"),
        primary_key=True,
    )
