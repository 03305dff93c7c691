"""Repository of the governance area: rows <-> the core's dataclasses, and the queries
the use cases (`openitu.usecases.governance`) need.

Nothing here decides: no authorization and no business refusal, only "not found"
(`NotFound`) and the database's own constraint clashes (`Conflict`). Every function
works in the caller's session and leaves the transaction to it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from openitu.errors import Conflict
from openitu.governance.ballots import Seat
from openitu.governance.conferences import (
    Conference,
    ConferenceKind,
    Delegation,
    Proposal,
    ProposalStatus,
)
from openitu.governance.documents import DocumentKind
from openitu.governance.finance import Due, Payment, from_cents
from openitu.governance.members import Entity, MemberKind, Sector, member_state
from openitu.governance.votes import Matter, Outcome
from openitu.store.rows import columns, found, from_row, rows_where
from openitu.store.tables.governance import (
    GovernanceAgendaItem,
    GovernanceBallot,
    GovernanceBudget,
    GovernanceConference,
    GovernanceDelegation,
    GovernanceDocument,
    GovernanceDocumentItem,
    GovernanceDue,
    GovernanceMember,
    GovernancePayment,
    GovernanceProposal,
    GovernanceVote,
)

Row = TypeVar("Row")


def get_or_raise(session: Session, model: type[Row], key: int, *, what: str, **options: Any) -> Row:
    """The row of ``model`` with primary key ``key``, or `NotFound` ("no {what} {key}")."""
    return found(session.get(model, key, **options), f"no {what} {key}")


def add(session: Session, row: object, *, clash: str | None = None) -> None:
    """Add a row and flush it; with ``clash``, a unique constraint it breaks is a
    `Conflict` saying ``clash`` (the database decides, so concurrent writers agree)."""
    session.add(row)
    flush(session, clash=clash)


def flush(session: Session, *, clash: str | None = None) -> None:
    """Flush the session's changes; a unique constraint broken is a `Conflict` saying
    ``clash`` where one is given."""
    if clash is None:
        session.flush()
        return
    try:
        session.flush()
    except IntegrityError:
        raise Conflict(clash) from None


# --- members ------------------------------------------------------------------------------


def get_member_state_row(session: Session, iso2: str, *, field: str = "state") -> GovernanceMember:
    state = member_state(iso2, field=field)
    return found(
        session.scalar(select(GovernanceMember).where(GovernanceMember.iso2 == state.iso2)),
        f"{state.iso2} is not loaded: run `openitu data load`",
    )


def get_member_row(session: Session, key: str | int, *, field: str = "member") -> GovernanceMember:
    """A member by ISO2 code (Member States) or by number (other members)."""
    text = str(key).strip()
    if text.isdigit():
        return get_member(session, int(text))
    return get_member_state_row(session, text, field=field)


def get_member(session: Session, member_id: int) -> GovernanceMember:
    return get_or_raise(session, GovernanceMember, member_id, what="member")


def member_key(row: GovernanceMember) -> str:
    """How the API names a member: a Member State by its ISO2 code, others by number."""
    return row.iso2 or str(row.id)


def entity(row: GovernanceMember) -> Entity:
    return from_row(
        Entity,
        row,
        kind=MemberKind(row.kind),
        sector=Sector(row.sector) if row.sector else None,
        left=row.left_on,
    )


def list_member_rows(
    session: Session, *, kind: MemberKind, sector: Sector | None = None
) -> list[GovernanceMember]:
    query = select(GovernanceMember).where(GovernanceMember.kind == kind.value)
    if sector is not None:
        query = query.where(GovernanceMember.sector == sector.value)
    return list(session.scalars(query))


def member_rows_with_class(session: Session) -> list[GovernanceMember]:
    """The members that have chosen a class of contribution, Member States first, then
    by name."""
    rows = session.scalars(select(GovernanceMember).where(GovernanceMember.unit_class.is_not(None)))
    return sorted(
        rows, key=lambda r: (r.kind != MemberKind.MEMBER_STATE.value, r.name.lower(), r.id)
    )


def dues(session: Session, member_id: int) -> list[Due]:
    rows = session.scalars(select(GovernanceDue).where(GovernanceDue.member_id == member_id))
    return [Due(row.year, from_cents(row.amount_cents), row.due_on) for row in rows]


def payments(session: Session, member_id: int) -> list[Payment]:
    rows = session.scalars(
        select(GovernancePayment).where(GovernancePayment.member_id == member_id)
    )
    return [Payment(from_cents(row.amount_cents), row.paid_on) for row in rows]


# --- budgets --------------------------------------------------------------------------------


def find_budget(session: Session, year: int) -> GovernanceBudget | None:
    return session.scalar(select(GovernanceBudget).where(GovernanceBudget.year == year))


def get_budget(session: Session, year: int) -> GovernanceBudget:
    return found(find_budget(session, year), f"no budget adopted for {year}")


def budget_years(session: Session) -> list[int]:
    return list(session.scalars(select(GovernanceBudget.year).order_by(GovernanceBudget.year)))


def dues_of_year(
    session: Session, year: int, *, assessed_only: bool = False
) -> list[tuple[GovernanceDue, GovernanceMember]]:
    """A year's contributions due with their members; ``assessed_only``: those assessed
    on a class of contribution by the budget (not recorded by hand)."""
    query = (
        select(GovernanceDue, GovernanceMember)
        .join(GovernanceMember, GovernanceMember.id == GovernanceDue.member_id)
        .where(GovernanceDue.year == year)
    )
    if assessed_only:
        query = query.where(GovernanceDue.units.is_not(None))
    return [(due, member) for due, member in session.execute(query).all()]


# --- conferences ----------------------------------------------------------------------------


def find_conference_row(session: Session, code: str) -> GovernanceConference | None:
    return session.scalar(
        select(GovernanceConference).where(GovernanceConference.code == code.strip())
    )


def get_conference_row(session: Session, code: str) -> GovernanceConference:
    return found(find_conference_row(session, code), f"no conference {code!r}")


def conference(row: GovernanceConference) -> Conference:
    return from_row(Conference, row, kind=ConferenceKind(row.kind))


def add_conference(session: Session, conference: Conference) -> GovernanceConference:
    row = GovernanceConference(**columns(conference, kind=conference.kind.value))
    add(session, row)
    return row


def list_conference_rows(session: Session) -> list[GovernanceConference]:
    return list(session.scalars(select(GovernanceConference).order_by(GovernanceConference.starts)))


def agenda_items(session: Session, conference_id: int) -> list[GovernanceAgendaItem]:
    return rows_where(
        session, GovernanceAgendaItem, GovernanceAgendaItem.id, conference_id=conference_id
    )


def find_agenda_item(
    session: Session, conference_id: int, number: str
) -> GovernanceAgendaItem | None:
    return session.scalar(
        select(GovernanceAgendaItem).where(
            GovernanceAgendaItem.conference_id == conference_id,
            GovernanceAgendaItem.number == number.strip(),
        )
    )


# --- delegations ----------------------------------------------------------------------------


def delegation_rows(session: Session, conference_id: int) -> list[GovernanceDelegation]:
    return rows_where(
        session, GovernanceDelegation, GovernanceDelegation.id, conference_id=conference_id
    )


def delegation(row: GovernanceDelegation) -> Delegation:
    assert row.state is not None  # a Member State's delegation
    return Delegation(row.state, row.credentials_accepted, row.present, row.proxy_for)


def state_delegations(session: Session, conference_id: int) -> list[Delegation]:
    """The Member States' delegations at a conference, in the order registered."""
    return [
        delegation(row) for row in delegation_rows(session, conference_id) if row.state is not None
    ]


def find_delegation_row(
    session: Session,
    conference_id: int,
    *,
    state: str | None = None,
    representative: str | None = None,
    member_id: int | None = None,
) -> GovernanceDelegation | None:
    """A conference's delegation: a Member State's, the one a representative sits in, or
    a member's (one criterion)."""
    if state is not None:
        condition = GovernanceDelegation.state == state
    elif representative is not None:
        condition = GovernanceDelegation.representative == representative
    else:
        condition = GovernanceDelegation.member_id == member_id
    return session.scalar(
        select(GovernanceDelegation).where(
            GovernanceDelegation.conference_id == conference_id, condition
        )
    )


def seat(session: Session, row: GovernanceDelegation) -> Seat:
    member = get_member(session, row.member_id)
    return from_row(Seat, row, member_kind=MemberKind(member.kind), member_name=member.name)


# --- proposals ------------------------------------------------------------------------------


def get_proposal_row(session: Session, proposal_id: int) -> GovernanceProposal | None:
    return session.get(GovernanceProposal, proposal_id)


def proposal(session: Session, row: GovernanceProposal) -> Proposal:
    item = session.get(GovernanceAgendaItem, row.agenda_item_id)
    owner = session.get(GovernanceConference, row.conference_id)
    assert item is not None and owner is not None
    return from_row(
        Proposal,
        row,
        conference=owner.code,
        agenda_item=item.number,
        matter=Matter(row.matter),
        amendments=tuple(json.loads(row.amendments)),
        status=ProposalStatus(row.status),
    )


def proposal_rows(
    session: Session, conference_id: int, *, status: ProposalStatus | None = None
) -> list[GovernanceProposal]:
    """A conference's proposals in the order submitted."""
    query = select(GovernanceProposal).where(GovernanceProposal.conference_id == conference_id)
    if status is not None:
        query = query.where(GovernanceProposal.status == status.value)
    return list(session.scalars(query.order_by(GovernanceProposal.id)))


# --- votes ----------------------------------------------------------------------------------


def get_vote_row(session: Session, vote_id: int, *, for_update: bool = False) -> GovernanceVote:
    """A vote; ``for_update`` takes its row lock (PostgreSQL) until commit and reads it
    afresh, so that concurrent ballots and the closing are serialised."""
    options: dict[str, Any] = (
        {"with_for_update": True, "populate_existing": True} if for_update else {}
    )
    return get_or_raise(session, GovernanceVote, vote_id, what="vote", **options)


def vote_ids(session: Session, conference_id: int) -> list[int]:
    return list(
        session.scalars(
            select(GovernanceVote.id)
            .where(GovernanceVote.conference_id == conference_id)
            .order_by(GovernanceVote.id)
        )
    )


def count_votes(session: Session, conference_id: int, *, status: str) -> int:
    return int(
        session.scalar(
            select(func.count())
            .select_from(GovernanceVote)
            .where(GovernanceVote.conference_id == conference_id, GovernanceVote.status == status)
        )
        or 0
    )


def postponed_before(session: Session, vote: GovernanceVote) -> bool:
    """Whether the proposal voted on was postponed by an earlier vote for its abstentions."""
    if vote.proposal_id is None:
        return False
    earlier = session.scalar(
        select(GovernanceVote.id).where(
            GovernanceVote.proposal_id == vote.proposal_id,
            GovernanceVote.id != vote.id,
            GovernanceVote.outcome == Outcome.DEFERRED.value,
        )
    )
    return earlier is not None


def ballot_rows(session: Session, vote_id: int) -> list[GovernanceBallot]:
    return rows_where(session, GovernanceBallot, GovernanceBallot.state, vote_id=vote_id)


def has_voted(session: Session, vote_id: int, state: str) -> bool:
    return (
        session.scalar(
            select(GovernanceBallot.id).where(
                GovernanceBallot.vote_id == vote_id, GovernanceBallot.state == state
            )
        )
        is not None
    )


# --- conference documents -------------------------------------------------------------------


def get_document_row(session: Session, document_id: int) -> GovernanceDocument:
    return get_or_raise(session, GovernanceDocument, document_id, what="document")


def document_items(session: Session, document_id: int) -> list[str]:
    """The agenda items a document addresses, in agenda order."""
    return list(
        session.scalars(
            select(GovernanceAgendaItem.number)
            .join(
                GovernanceDocumentItem,
                GovernanceDocumentItem.agenda_item_id == GovernanceAgendaItem.id,
            )
            .where(GovernanceDocumentItem.document_id == document_id)
            .order_by(GovernanceAgendaItem.id)
        )
    )


def document_rows(
    session: Session,
    conference_id: int,
    *,
    kind: DocumentKind | None = None,
    agenda_item: str | None = None,
) -> list[GovernanceDocument]:
    """A conference's documents in number order, of a kind or on an agenda item."""
    query = select(GovernanceDocument).where(GovernanceDocument.conference_id == conference_id)
    if kind is not None:
        query = query.where(GovernanceDocument.kind == kind.value)
    if agenda_item is not None:
        query = query.where(
            GovernanceDocument.id.in_(
                select(GovernanceDocumentItem.document_id)
                .join(
                    GovernanceAgendaItem,
                    GovernanceAgendaItem.id == GovernanceDocumentItem.agenda_item_id,
                )
                .where(GovernanceAgendaItem.number == agenda_item.strip())
            )
        )
    return list(session.scalars(query.order_by(GovernanceDocument.id)))


def document_number_taken(session: Session, conference_id: int, number: str) -> bool:
    return (
        session.scalar(
            select(GovernanceDocument.id).where(
                GovernanceDocument.conference_id == conference_id,
                GovernanceDocument.number == number,
            )
        )
        is not None
    )


def add_document(
    session: Session, row: GovernanceDocument, agenda_item_ids: Sequence[int], *, clash: str
) -> None:
    add(session, row, clash=clash)
    for item_id in agenda_item_ids:
        session.add(GovernanceDocumentItem(document_id=row.id, agenda_item_id=item_id))
    session.flush()
