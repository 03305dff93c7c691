"""Governance use cases over the database: members and their standing, contributions and
budgets, conferences, delegations, proposals, votes and Final Acts.

Every function takes the caller's session and leaves the transaction to it; every change
is checked with `openitu.accounts.authorize` and written to the audit log in the same
transaction.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from openitu.accounts import Principal, authorize
from openitu.accounts.rights import check_role
from openitu.errors import Conflict, Forbidden, InvalidInput, NotFound
from openitu.governance import finance
from openitu.governance.conferences import (
    Conference,
    ConferenceKind,
    Delegation,
    ProposalStatus,
    check_code,
    check_item_number,
    check_proxy,
    check_text,
)
from openitu.governance.documents import (
    DocumentKind,
    check_agenda_items,
    check_document_number,
    check_filename,
    parse_language,
    read_text,
)
from openitu.governance.finance import (
    CENT,
    Assessment,
    Contributor,
    Due,
    Payment,
    Standing,
    StandingStatus,
    format_units,
)
from openitu.governance.members import (
    Action,
    MemberKind,
    Sector,
    member_state,
    require_right,
)
from openitu.governance.votes import (
    Basis,
    Choice,
    Majority,
    Matter,
    Method,
    Outcome,
    Tally,
    decide,
    effective_majority,
    required_majority,
)
from openitu.spectrum.amendments import amendment_from_dict, amendment_to_dict, apply_amendments
from openitu.spectrum.diff import diff_editions
from openitu.spectrum.model import Edition
from openitu.store import audit, versions
from openitu.store import spectrum as spectrum_store
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


def _now() -> datetime:
    return datetime.now(UTC)


def _cents(amount: Decimal) -> int:
    return int(amount / CENT)


def _money(cents: int) -> Decimal:
    return Decimal(cents) * CENT


def _money_text(amount: Decimal) -> str:
    return f"{amount:.2f}"


def _writing(
    session: Session, principal: Principal, right: str, *, administration: str | None = None
) -> None:
    """Check ``principal``'s right, then take the write lock before the use case reads
    anything (`audit.begin_write`): on SQLite a transaction that has read cannot start
    writing once another writer has committed meanwhile, and fails at once with
    "database is locked" instead of waiting its turn."""
    authorize(principal, right, administration=administration)
    audit.begin_write(session)


def _audit(
    session: Session,
    principal: Principal,
    action: str,
    entity: str,
    entity_id: object,
    payload: dict[str, Any],
) -> None:
    """Append the change to the audit chain, in the caller's transaction."""
    audit.record(
        session,
        actor=principal.actor,
        action=action,
        entity=entity,
        entity_id=str(entity_id),
        payload=payload,
    )


# --- members ------------------------------------------------------------------------------


def get_member_state_row(session: Session, iso2: str, *, field: str = "state") -> GovernanceMember:
    state = member_state(iso2, field=field)
    row = session.scalar(select(GovernanceMember).where(GovernanceMember.iso2 == state.iso2))
    if row is None:
        raise NotFound(f"{state.iso2} is not loaded: run `openitu data load`")
    return row


def get_member_row(session: Session, key: str | int, *, field: str = "member") -> GovernanceMember:
    """A member by ISO2 code (Member States) or by number (other members)."""
    text = str(key).strip()
    if text.isdigit():
        row = session.get(GovernanceMember, int(text))
        if row is None:
            raise NotFound(f"no member {text}")
        return row
    return get_member_state_row(session, text, field=field)


def _dues(session: Session, member_id: int) -> list[Due]:
    rows = session.scalars(select(GovernanceDue).where(GovernanceDue.member_id == member_id))
    return [Due(row.year, _money(row.amount_cents), row.due_on) for row in rows]


def _payments(session: Session, member_id: int) -> list[Payment]:
    rows = session.scalars(
        select(GovernancePayment).where(GovernancePayment.member_id == member_id)
    )
    return [Payment(_money(row.amount_cents), row.paid_on) for row in rows]


def standing(session: Session, row: GovernanceMember, on: date) -> Standing:
    """A member's financial standing on a date (CS No. 169 or Resolution 152)."""
    dues, payments = _dues(session, row.id), _payments(session, row.id)
    if row.kind == MemberKind.MEMBER_STATE.value:
        return finance.member_state_standing(dues, payments, on)
    return finance.sector_member_standing(
        dues, payments, on, suspension_notified=row.suspension_notified
    )


def _member_on(row: GovernanceMember, on: date) -> bool:
    return row.admitted <= on and (row.left_on is None or on < row.left_on)


def member_document(session: Session, row: GovernanceMember, on: date) -> dict[str, Any]:
    kind = MemberKind(row.kind)
    held = standing(session, row, on)
    document: dict[str, Any] = {"name": row.name}
    if kind is MemberKind.MEMBER_STATE:
        state = member_state(row.iso2 or "")
        can_vote = held.status is StandingStatus.GOOD
        document.update(
            iso2=state.iso2,
            itu_region=state.itu_region,
            can_vote=can_vote,
        )
        if not can_vote:
            document["reason"] = held.reason
        document.update(
            administration=state.administration,
            member_since=state.member_since.isoformat(),
            since_basis=state.since_basis,
            least_developed=state.least_developed,
        )
    else:
        excluded = held.status is StandingStatus.EXCLUDED
        document.update(
            id=row.id,
            kind=kind.value,
            sector=row.sector,
            country=row.country,
            admitted=row.admitted.isoformat(),
            left=row.left_on.isoformat() if row.left_on else None,
            can_vote=False,
            reason=f"a {kind.value} takes part without a vote (CS Art. 3)",
            status=held.status.value,
        )
        if held.reason:
            document["standing_reason"] = held.reason
        if excluded:
            document["reason"] = held.reason
    document["unit_class"] = row.unit_class
    document["arrears"] = _money_text(held.arrears)
    return document


def list_members(
    session: Session,
    *,
    kind: MemberKind = MemberKind.MEMBER_STATE,
    on: date | None = None,
    sector: Sector | None = None,
) -> list[dict[str, Any]]:
    """The members of a kind on a date (default today), with who may vote and why not."""
    day = on or date.today()
    query = select(GovernanceMember).where(GovernanceMember.kind == kind.value)
    if sector is not None:
        query = query.where(GovernanceMember.sector == sector.value)
    rows = [row for row in session.scalars(query) if _member_on(row, day)]
    rows.sort(key=lambda row: (row.name.lower(), row.id))
    return [member_document(session, row, day) for row in rows]


def admit_member(
    session: Session,
    *,
    actor: Principal,
    kind: MemberKind,
    name: str,
    sector: Sector | None,
    country: str | None,
    admitted: date,
) -> dict[str, Any]:
    """Record a Sector Member, Associate or Academia member (Member States are loaded)."""
    _writing(session, actor, "members.manage")
    if kind is MemberKind.MEMBER_STATE:
        raise InvalidInput("kind", "Member States join by accession (CS Art. 2), not here")
    if kind is not MemberKind.ACADEMIA and sector is None:
        raise InvalidInput("sector", f"a {kind.value} belongs to a Sector (ITU-R, ITU-T, ITU-D)")
    place = member_state(country, field="country").iso2 if country else None
    row = GovernanceMember(
        kind=kind.value,
        iso2=None,
        name=check_text(name, field="name", longest=200),
        country=place,
        sector=sector.value if sector else None,
        admitted=admitted,
        least_developed=False,
    )
    session.add(row)
    session.flush()
    _audit(
        session,
        actor,
        "governance.member.admit",
        "governance_member",
        row.id,
        {"kind": kind.value, "name": row.name, "sector": row.sector, "country": place},
    )
    return member_document(session, row, admitted)


def set_unit_class(
    session: Session, *, actor: Principal, member: str, unit_class: str
) -> dict[str, Any]:
    _writing(session, actor, "contributions.record")
    row = get_member_row(session, member)
    units = finance.parse_unit_class(unit_class)
    finance.check_class_allowed(units, least_developed=row.least_developed)
    row.unit_class = format_units(units)
    _audit(
        session,
        actor,
        "governance.contribution.class",
        "governance_member",
        row.id,
        {"member": row.iso2 or str(row.id), "unit_class": format_units(units)},
    )
    return member_document(session, row, date.today())


def _units(row_class: str) -> Fraction:
    return finance.parse_unit_class(row_class)


def set_gni(session: Session, *, actor: Principal, member: str, gni_usd: int) -> None:
    _writing(session, actor, "contributions.record")
    row = get_member_state_row(session, member, field="member")
    if gni_usd < 0:
        raise InvalidInput("gni_usd", "must be at least 0")
    row.gni_usd = gni_usd
    _audit(
        session,
        actor,
        "governance.gni.set",
        "governance_member",
        row.id,
        {"member": row.iso2, "gni_usd": gni_usd},
    )


def record_due(
    session: Session, *, actor: Principal, member: str, year: int, amount: Decimal
) -> None:
    """Record a contribution due (for years assessed before this system kept them)."""
    _writing(session, actor, "contributions.record")
    row = get_member_row(session, member)
    session.add(
        GovernanceDue(
            member_id=row.id, year=year, amount_cents=_cents(amount), due_on=date(year, 1, 1)
        )
    )
    try:
        session.flush()
    except IntegrityError:
        raise Conflict(f"a contribution for {year} is already recorded for {member}") from None
    _audit(
        session,
        actor,
        "governance.due.record",
        "governance_member",
        row.id,
        {"member": row.iso2 or str(row.id), "year": year, "amount": str(amount)},
    )


def record_payment(
    session: Session,
    *,
    actor: Principal,
    member: str,
    amount: Decimal,
    paid_on: date,
    reference: str = "",
) -> dict[str, Any]:
    _writing(session, actor, "contributions.record")
    row = get_member_row(session, member)
    if amount <= 0:
        raise InvalidInput("amount", "a payment is more than 0")
    payment = GovernancePayment(
        member_id=row.id, amount_cents=_cents(amount), paid_on=paid_on, reference=reference[:200]
    )
    session.add(payment)
    session.flush()
    _audit(
        session,
        actor,
        "governance.payment.record",
        "governance_payment",
        payment.id,
        {"member": row.iso2 or str(row.id), "amount": str(amount), "paid_on": str(paid_on)},
    )
    return member_document(session, row, paid_on)


def record_suspension_notice(
    session: Session, *, actor: Principal, member: str, received: date
) -> dict[str, Any]:
    """Record the day a suspended Sector Member, Associate or Academia member received the
    notification of its suspension: its exclusion runs 90 days from that day
    (Resolution 152, resolves 6)."""
    _writing(session, actor, "contributions.record")
    row = get_member_row(session, member)
    if row.kind == MemberKind.MEMBER_STATE.value:
        raise InvalidInput(
            "member", "a Member State in arrears loses its vote (CS No. 169); it is not suspended"
        )
    held = standing(session, row, received)
    if held.status is StandingStatus.GOOD:
        raise InvalidInput("received", f"{row.name} is not suspended on {received.isoformat()}")
    row.suspension_notified = received
    _audit(session, actor, "governance.suspension.notice", "governance_member", row.id,
           {"member": str(row.id), "received": received.isoformat()})  # fmt: skip
    return member_document(session, row, received)


def _contributors(session: Session, on: date) -> list[tuple[GovernanceMember, Contributor]]:
    rows = session.scalars(
        select(GovernanceMember).where(GovernanceMember.unit_class.is_not(None))
    ).all()
    found = []
    for row in sorted(rows, key=lambda r: (r.kind != "member-state", r.name.lower(), r.id)):
        if not _member_on(row, on) or row.kind not in ("member-state", "sector-member"):
            continue
        assert row.unit_class is not None
        found.append(
            (
                row,
                Contributor(
                    key=row.iso2 or str(row.id),
                    name=row.name,
                    kind=MemberKind(row.kind),
                    units=_units(row.unit_class),
                    gni_usd=Decimal(row.gni_usd) if row.gni_usd is not None else None,
                ),
            )
        )
    return found


def adopt_budget(
    session: Session, *, actor: Principal, year: int, amount: Decimal
) -> dict[str, Any]:
    """Share a year's budget over the contributory units chosen, and record each member's
    contribution due on 1 January of that year."""
    _writing(session, actor, "contributions.record")
    if not 1900 <= year <= 2200:
        raise InvalidInput("year", "a year between 1900 and 2200")
    if session.scalar(select(GovernanceBudget).where(GovernanceBudget.year == year)):
        raise Conflict(f"the budget for {year} is adopted already")
    pairs = _contributors(session, date(year, 1, 1))
    result = finance.assess(amount, [contributor for _, contributor in pairs])
    budget = GovernanceBudget(
        year=year, amount_cents=_cents(amount), adopted_by=actor.actor, adopted_at=_now()
    )
    session.add(budget)
    for (row, contributor), share in zip(pairs, result.shares, strict=True):
        session.add(
            GovernanceDue(
                member_id=row.id,
                year=year,
                amount_cents=_cents(share.amount),
                due_on=date(year, 1, 1),
                units=format_units(contributor.units),
            )
        )
    try:
        session.flush()
    except IntegrityError:
        raise Conflict(f"contributions for {year} are already recorded") from None
    _audit(
        session,
        actor,
        "governance.budget.adopt",
        "governance_budget",
        year,
        {
            "year": year,
            "amount": str(amount),
            "total_units": format_units(result.total_units),
            "unit_value": str(result.unit_value),
        },
    )
    return budget_document(session, year)


@dataclass(frozen=True)
class BudgetView:
    year: int
    assessment: Assessment


def budget_view(session: Session, year: int) -> BudgetView:
    budget = session.scalar(select(GovernanceBudget).where(GovernanceBudget.year == year))
    if budget is None:
        raise NotFound(f"no budget adopted for {year}")
    rows = session.execute(
        select(GovernanceDue, GovernanceMember)
        .join(GovernanceMember, GovernanceMember.id == GovernanceDue.member_id)
        .where(GovernanceDue.year == year, GovernanceDue.units.is_not(None))
    ).all()
    contributors = [
        Contributor(
            key=member.iso2 or str(member.id),
            name=member.name,
            kind=MemberKind(member.kind),
            units=finance.parse_unit_class(due.units or ""),
            gni_usd=Decimal(member.gni_usd) if member.gni_usd is not None else None,
        )
        for due, member in sorted(
            rows, key=lambda pair: (pair[1].kind != "member-state", pair[1].name.lower())
        )
    ]
    return BudgetView(year, finance.assess(_money(budget.amount_cents), contributors))


def budget_document(session: Session, year: int) -> dict[str, Any]:
    view = budget_view(session, year)
    result = view.assessment
    stored = {
        (member.iso2 or str(member.id)): _money(due.amount_cents)
        for due, member in session.execute(
            select(GovernanceDue, GovernanceMember)
            .join(GovernanceMember, GovernanceMember.id == GovernanceDue.member_id)
            .where(GovernanceDue.year == year)
        ).all()
    }
    shares: list[dict[str, Any]] = []
    for share in result.shares:
        key = share.contributor.key
        shares.append(
            {
                "member": key,
                "name": share.contributor.name,
                "kind": share.contributor.kind.value,
                "unit_class": format_units(share.contributor.units),
                "weighted_units": format_units(share.weighted_units)
                if share.weighted_units.denominator in (1, 2, 4, 8, 16)
                else str(share.weighted_units),
                "amount": _money_text(stored.get(key, share.amount)),
                "gni_amount": (None if share.gni_amount is None else _money_text(share.gni_amount)),
            }
        )
    total = sum((Decimal(s["amount"]) for s in shares), Decimal(0))
    return {
        "year": year,
        "budget": _money_text(result.budget),
        "total_units": str(result.total_units),
        "unit_value": _money_text(result.unit_value),
        "sum_of_shares": _money_text(total),
        "shares": shares,
    }


# --- conferences ----------------------------------------------------------------------------


def _conference_row(session: Session, code: str) -> GovernanceConference:
    row = session.scalar(
        select(GovernanceConference).where(GovernanceConference.code == code.strip())
    )
    if row is None:
        raise NotFound(f"no conference {code!r}")
    return row


def _conference(row: GovernanceConference) -> Conference:
    return Conference(
        code=row.code,
        kind=ConferenceKind(row.kind),
        title=row.title,
        place=row.place,
        starts=row.starts,
        ends=row.ends,
    )


def create_conference(
    session: Session,
    *,
    actor: Principal,
    code: str,
    kind: ConferenceKind,
    title: str,
    place: str,
    starts: date,
    ends: date,
) -> dict[str, Any]:
    _writing(session, actor, "conferences.manage")
    conference = Conference(
        code=check_code(code),
        kind=kind,
        title=check_text(title, field="title", longest=300),
        place=check_text(place, field="place", longest=200),
        starts=starts,
        ends=ends,
    )
    if session.scalar(select(GovernanceConference).where(GovernanceConference.code == code)):
        raise Conflict(f"the conference {code} exists already")
    row = GovernanceConference(
        code=conference.code,
        kind=kind.value,
        title=conference.title,
        place=conference.place,
        starts=starts,
        ends=ends,
    )
    session.add(row)
    session.flush()
    _audit(
        session,
        actor,
        "governance.conference.create",
        "governance_conference",
        row.code,
        {"kind": kind.value, "title": row.title, "starts": str(starts), "ends": str(ends)},
    )
    return conference_document(session, row.code)


def add_agenda_item(
    session: Session, *, actor: Principal, conference: str, number: str, title: str
) -> dict[str, Any]:
    _writing(session, actor, "conferences.manage")
    row = _conference_row(session, conference)
    item = GovernanceAgendaItem(
        conference_id=row.id,
        number=check_item_number(number),
        title=check_text(title, field="title"),
    )
    session.add(item)
    try:
        session.flush()
    except IntegrityError:
        raise Conflict(f"agenda item {number} exists already at {row.code}") from None
    _audit(
        session,
        actor,
        "governance.agenda.add",
        "governance_conference",
        row.code,
        {"number": item.number, "title": item.title},
    )
    return {"number": item.number, "title": item.title}


def _delegations(session: Session, conference_id: int) -> list[GovernanceDelegation]:
    return list(
        session.scalars(
            select(GovernanceDelegation)
            .where(GovernanceDelegation.conference_id == conference_id)
            .order_by(GovernanceDelegation.id)
        )
    )


def _delegation_document(session: Session, row: GovernanceDelegation) -> dict[str, Any]:
    member = session.get(GovernanceMember, row.member_id)
    assert member is not None
    return {
        "member": member.iso2 or str(member.id),
        "name": member.name,
        "kind": member.kind,
        "state": row.state,
        "representative": row.representative,
        "credentials_accepted": row.credentials_accepted,
        "present": row.present,
        "proxy_for": row.proxy_for,
    }


def register_delegation(
    session: Session,
    *,
    actor: Principal,
    conference: str,
    member: str,
    representative: str | None = None,
    credentials_accepted: bool = False,
    present: bool = False,
) -> dict[str, Any]:
    """Register a member's delegation: a Member State's (with the vote once its credentials
    are accepted) or another member's, taking part without a vote."""
    _writing(session, actor, "conferences.manage")
    row = _conference_row(session, conference)
    holder = get_member_row(session, member)
    if holder.kind != MemberKind.MEMBER_STATE.value and not representative:
        raise InvalidInput("representative", "name the account that represents this member")
    delegation = GovernanceDelegation(
        conference_id=row.id,
        member_id=holder.id,
        state=holder.iso2,
        representative=representative.strip().lower() if representative else None,
        credentials_accepted=credentials_accepted,
        present=present,
    )
    session.add(delegation)
    try:
        session.flush()
    except IntegrityError:
        raise Conflict(f"{member} (or that representative) is registered already") from None
    _audit(
        session,
        actor,
        "governance.delegation.register",
        "governance_conference",
        row.code,
        _delegation_document(session, delegation),
    )
    return _delegation_document(session, delegation)


def _state_delegation(
    session: Session, conference_id: int, state: str
) -> GovernanceDelegation | None:
    return session.scalar(
        select(GovernanceDelegation).where(
            GovernanceDelegation.conference_id == conference_id,
            GovernanceDelegation.state == state,
        )
    )


def update_delegation(
    session: Session,
    *,
    actor: Principal,
    conference: str,
    state: str,
    credentials_accepted: bool | None = None,
    present: bool | None = None,
    proxy_for: str | None = None,
) -> dict[str, Any]:
    """Accept credentials, mark presence, or record the proxy a delegation holds."""
    _writing(session, actor, "conferences.manage")
    row = _conference_row(session, conference)
    code = member_state(state, field="state").iso2
    delegation = _state_delegation(session, row.id, code)
    if delegation is None:
        raise NotFound(f"{code} has no delegation at {row.code}")
    if credentials_accepted is not None:
        delegation.credentials_accepted = credentials_accepted
    if present is not None:
        delegation.present = present
    if proxy_for is not None:
        giver = member_state(proxy_for, field="proxy_for").iso2
        check_proxy(
            [
                Delegation(d.state, d.credentials_accepted, d.present, d.proxy_for)
                for d in _delegations(session, row.id)
                if d.state is not None
            ],
            holder=code,
            giver=giver,
        )
        delegation.proxy_for = giver
    try:
        session.flush()
    except IntegrityError:
        raise Conflict(f"{proxy_for} has already given its proxy") from None
    document = _delegation_document(session, delegation)
    _audit(
        session, actor, "governance.delegation.update", "governance_conference", row.code, document
    )
    return document


def submit_proposal(
    session: Session,
    *,
    principal: Principal,
    conference: str,
    agenda_item: str,
    state: str,
    title: str,
    amendments: Sequence[dict[str, Any]],
    matter: Matter | None = None,
) -> dict[str, Any]:
    """A Member State's proposal on an agenda item; amendments to the Table as data.

    ``matter`` says what the proposal amends, which sets the majority its vote needs
    (`openitu.governance.votes.required_majority`); by default a proposal carrying
    amendments to the Table amends the Radio Regulations, and any other is general."""
    code = member_state(state, field="state").iso2
    _writing(session, principal, "proposals.submit", administration=code)
    require_right(MemberKind.MEMBER_STATE, Action.SUBMIT_CONFERENCE_PROPOSALS, who=code)
    row = _conference_row(session, conference)
    item = session.scalar(
        select(GovernanceAgendaItem).where(
            GovernanceAgendaItem.conference_id == row.id,
            GovernanceAgendaItem.number == agenda_item.strip(),
        )
    )
    if item is None:
        raise InvalidInput("agenda_item", f"{row.code} has no agenda item {agenda_item!r}")
    if amendments and not ConferenceKind(row.kind).amends_radio_regulations:
        raise InvalidInput("amendments", f"a {row.kind} does not revise the Radio Regulations")
    if len(amendments) > 200:
        raise InvalidInput("amendments", "at most 200 amendments in one proposal")
    if matter is None:
        matter = Matter.RADIO_REGULATIONS if amendments else Matter.GENERAL
    elif amendments and matter is not Matter.RADIO_REGULATIONS:
        raise InvalidInput("matter", "amendments to the Table amend the radio-regulations")
    required_majority(matter, row.kind)
    documents = [
        amendment_to_dict(amendment_from_dict(document, field=f"amendments[{index}]"))
        for index, document in enumerate(amendments)
    ]
    proposal = GovernanceProposal(
        conference_id=row.id,
        agenda_item_id=item.id,
        submitted_by=code,
        title=check_text(title, field="title", longest=500),
        amendments=json.dumps(documents),
        status=ProposalStatus.SUBMITTED.value,
        submitted_at=_now(),
        matter=matter.value,
    )
    session.add(proposal)
    session.flush()
    _audit(
        session,
        principal,
        "governance.proposal.submit",
        "governance_proposal",
        proposal.id,
        {
            "conference": row.code,
            "state": code,
            "agenda_item": item.number,
            "matter": matter.value,
            "amendments": documents,
        },
    )
    return _proposal_document(session, proposal)


def _proposal_document(session: Session, row: GovernanceProposal) -> dict[str, Any]:
    item = session.get(GovernanceAgendaItem, row.agenda_item_id)
    assert item is not None
    return {
        "id": row.id,
        "agenda_item": item.number,
        "submitted_by": row.submitted_by,
        "title": row.title,
        "matter": row.matter,
        "amendments": json.loads(row.amendments),
        "status": row.status,
    }


# --- votes ----------------------------------------------------------------------------------


def open_vote(
    session: Session,
    *,
    actor: Principal,
    conference: str,
    question: str,
    proposal_id: int | None = None,
    majority: Majority | None = None,
    method: Method = Method.ROLL_CALL,
    matter: Matter | None = None,
) -> dict[str, Any]:
    """Open a vote. The majority it needs follows from what it decides (the proposal's
    matter, or ``matter`` for a question without a proposal; see
    `openitu.governance.votes.required_majority`); ``majority`` may only make it
    stricter (a laxer one is a 422 naming ``majority``)."""
    _writing(session, actor, "conferences.manage")
    row = _conference_row(session, conference)
    if proposal_id is not None:
        proposal = session.get(GovernanceProposal, proposal_id)
        if proposal is None or proposal.conference_id != row.id:
            raise InvalidInput("proposal_id", f"{row.code} has no proposal {proposal_id}")
        if proposal.status != ProposalStatus.SUBMITTED.value:
            raise Conflict(f"proposal {proposal_id} is {proposal.status} already")
        if matter is not None and matter.value != proposal.matter:
            raise InvalidInput(
                "matter", f"proposal {proposal_id} amends the {proposal.matter}, not the "
                f"{matter.value}"
            )  # fmt: skip
        matter = Matter(proposal.matter)
    decided = matter or Matter.GENERAL
    requirement = effective_majority(decided, row.kind, majority)
    vote = GovernanceVote(
        conference_id=row.id,
        proposal_id=proposal_id,
        question=check_text(question, field="question", longest=500),
        majority=requirement.majority.value,
        method=method.value,
        matter=decided.value,
        basis=requirement.basis.value,
        status="open",
        opened_at=_now(),
        votes_for=0,
        votes_against=0,
        abstentions=0,
    )
    session.add(vote)
    session.flush()
    _audit(
        session,
        actor,
        "governance.vote.open",
        "governance_vote",
        vote.id,
        {
            "conference": row.code,
            "proposal_id": proposal_id,
            "majority": requirement.majority.value,
            "basis": requirement.basis.value,
            "matter": decided.value,
            "rule": requirement.rule,
            "method": method.value,
            "question": vote.question,
        },
    )
    return vote_document(session, vote.id)


def _acting_delegation(
    session: Session, conference_id: int, principal: Principal
) -> GovernanceDelegation:
    """The delegation the principal sits in: as a registered representative, or else as a
    delegate of its administration's Member State."""
    if principal.username:
        row = session.scalar(
            select(GovernanceDelegation).where(
                GovernanceDelegation.conference_id == conference_id,
                GovernanceDelegation.representative == principal.username,
            )
        )
        if row is not None:
            return row
    if principal.administration:
        row = _state_delegation(session, conference_id, principal.administration)
        if row is not None:
            return row
    raise Forbidden(f"{principal.actor} sits in no delegation at this conference")


def cast_ballot(
    session: Session, *, principal: Principal, vote_id: int, state: str, choice: Choice
) -> dict[str, Any]:
    """One state's vote, cast by its own delegation or by the one holding its proxy.

    Concurrent ballots on one vote are serialised: the write lock first (SQLite), then the
    vote's row lock (PostgreSQL), held until commit, so that a second ballot for the same
    state sees the first (409) and the counters are never read stale (no lost update).
    The unique constraint on (vote, state) backs this up."""
    code = member_state(state, field="state").iso2
    _writing(session, principal, "votes.cast", administration=code)
    vote = session.get(GovernanceVote, vote_id, with_for_update=True, populate_existing=True)
    if vote is None:
        raise NotFound(f"no vote {vote_id}")
    if vote.status != "open":
        raise Conflict(f"vote {vote_id} is closed")
    acting = _acting_delegation(session, vote.conference_id, principal)
    member = session.get(GovernanceMember, acting.member_id)
    assert member is not None
    require_right(MemberKind(member.kind), Action.VOTE, who=member.name)
    if not (acting.credentials_accepted and acting.present):
        raise Forbidden(f"the delegation of {acting.state} is not accredited and present")
    if code != acting.state:
        if acting.proxy_for != code:
            raise Forbidden(f"the delegation of {acting.state} holds no proxy of {code}")
        giver = _state_delegation(session, vote.conference_id, code)
        if giver is None or not giver.credentials_accepted:
            raise Forbidden(f"{code} has no accredited delegation to give a proxy")
        # Only a delegation with the right to vote exercises another's (CV No. 336).
        assert acting.state is not None  # a Member State's delegation (the vote right above)
        holder = standing(session, get_member_state_row(session, acting.state), date.today())
        if holder.status is not StandingStatus.GOOD:
            raise Forbidden(
                f"the delegation of {acting.state} has lost its own vote and cannot cast "
                f"{code}'s: {holder.reason}"
            )
    held = standing(session, get_member_state_row(session, code), date.today())
    if held.status is not StandingStatus.GOOD:
        raise Forbidden(f"{code} may not vote: {held.reason}")
    if session.scalar(
        select(GovernanceBallot.id).where(
            GovernanceBallot.vote_id == vote.id, GovernanceBallot.state == code
        )
    ):
        raise Conflict(f"{code} has voted already in vote {vote_id}")
    secret = vote.method == Method.SECRET.value
    session.add(
        GovernanceBallot(
            vote_id=vote.id,
            state=code,
            cast_by_delegation=acting.state or "",
            choice=None if secret else choice.value,
            cast_at=_now(),
        )
    )
    try:
        session.flush()
    except IntegrityError:
        raise Conflict(f"{code} has voted already in vote {vote_id}") from None
    if choice is Choice.FOR:
        vote.votes_for += 1
    elif choice is Choice.AGAINST:
        vote.votes_against += 1
    else:
        vote.abstentions += 1
    payload: dict[str, Any] = {"vote_id": vote.id, "state": code, "cast_by": acting.state}
    if not secret:
        payload["choice"] = choice.value
    _audit(session, principal, "governance.vote.cast", "governance_vote", vote.id, payload)
    return {"vote_id": vote.id, "state": code, "cast_by": acting.state, "recorded": True}


def _attendance(session: Session, conference_id: int, on: date) -> tuple[int, int, int]:
    """The delegations accredited with the right to vote on ``on`` (credentials accepted,
    not in arrears under CS No. 169), how many of them are present, and how many of the
    absent ones are represented by a present one holding their proxy (the quorum counts
    those present or represented)."""
    voting: dict[str, GovernanceDelegation] = {}
    for delegation in _delegations(session, conference_id):
        if delegation.state is None or not delegation.credentials_accepted:
            continue
        member = get_member_state_row(session, delegation.state)
        if standing(session, member, on).status is StandingStatus.GOOD:
            voting[delegation.state] = delegation
    present = {state for state, delegation in voting.items() if delegation.present}
    held = {voting[state].proxy_for for state in present}
    represented = sum(1 for state in voting if state not in present and state in held)
    return len(voting), len(present), represented


def _postponed_before(session: Session, vote: GovernanceVote) -> bool:
    """Whether the proposal voted on was postponed by an earlier vote for its abstentions:
    the later meeting does not take abstentions into account."""
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


def close_vote(session: Session, *, actor: Principal, vote_id: int) -> dict[str, Any]:
    """Count, decide and publish; a proposal voted on is adopted or rejected by it."""
    _writing(session, actor, "conferences.manage")
    vote = session.get(GovernanceVote, vote_id, with_for_update=True, populate_existing=True)
    if vote is None:
        raise NotFound(f"no vote {vote_id}")
    if vote.status != "open":
        raise Conflict(f"vote {vote_id} is closed already")
    accredited, present, represented = _attendance(session, vote.conference_id, date.today())
    result = decide(
        Tally(
            vote.votes_for,
            vote.votes_against,
            vote.abstentions,
            accredited,
            present,
            represented,
        ),
        Majority(vote.majority),
        Basis(vote.basis),
        postponed_before=_postponed_before(session, vote),
    )
    vote.status = "closed"
    vote.closed_at = _now()
    vote.accredited, vote.present, vote.represented = accredited, present, represented
    vote.outcome, vote.reason = result.outcome.value, result.reason
    if vote.proposal_id is not None and result.outcome in (Outcome.ADOPTED, Outcome.REJECTED):
        proposal = session.get(GovernanceProposal, vote.proposal_id)
        assert proposal is not None
        proposal.status = (
            ProposalStatus.ADOPTED if result.outcome is Outcome.ADOPTED else ProposalStatus.REJECTED
        ).value
    session.flush()
    _audit(
        session,
        actor,
        "governance.vote.close",
        "governance_vote",
        vote.id,
        {
            "outcome": result.outcome.value,
            "for": vote.votes_for,
            "against": vote.votes_against,
            "abstentions": vote.abstentions,
            "accredited": accredited,
            "present": present,
            "represented": represented,
            "reason": result.reason,
        },
    )
    return vote_document(session, vote.id)


def vote_document(session: Session, vote_id: int) -> dict[str, Any]:
    """A vote as published: counts and outcome once closed; for a roll-call the choice of
    each state; for a secret ballot only which states voted."""
    vote = session.get(GovernanceVote, vote_id)
    if vote is None:
        raise NotFound(f"no vote {vote_id}")
    conference = session.get(GovernanceConference, vote.conference_id)
    assert conference is not None
    ballots = session.scalars(
        select(GovernanceBallot)
        .where(GovernanceBallot.vote_id == vote.id)
        .order_by(GovernanceBallot.state)
    ).all()
    closed = vote.status == "closed"
    document: dict[str, Any] = {
        "id": vote.id,
        "conference": conference.code,
        "proposal_id": vote.proposal_id,
        "question": vote.question,
        "majority": vote.majority,
        "basis": vote.basis,
        "matter": vote.matter,
        "method": vote.method,
        "status": vote.status,
        "voted": [ballot.state for ballot in ballots],
    }
    if closed:
        document["result"] = {
            "outcome": vote.outcome,
            "for": vote.votes_for,
            "against": vote.votes_against,
            "abstentions": vote.abstentions,
            "accredited": vote.accredited,
            "present": vote.present,
            "represented": vote.represented,
            "reason": vote.reason,
        }
        if vote.method == Method.ROLL_CALL.value:
            document["roll_call"] = [
                {"state": b.state, "choice": b.choice, "cast_by": b.cast_by_delegation}
                for b in ballots
            ]
    return document


# --- the conference as a whole; Final Acts --------------------------------------------------


def list_conferences(session: Session) -> list[dict[str, Any]]:
    rows = session.scalars(select(GovernanceConference).order_by(GovernanceConference.starts))
    return [
        {
            "code": row.code,
            "kind": row.kind,
            "title": row.title,
            "place": row.place,
            "starts": row.starts.isoformat(),
            "ends": row.ends.isoformat(),
            "final_acts_edition": row.final_acts_edition,
        }
        for row in rows
    ]


def conference_document(session: Session, code: str) -> dict[str, Any]:
    row = _conference_row(session, code)
    items = session.scalars(
        select(GovernanceAgendaItem)
        .where(GovernanceAgendaItem.conference_id == row.id)
        .order_by(GovernanceAgendaItem.id)
    )
    proposals = session.scalars(
        select(GovernanceProposal)
        .where(GovernanceProposal.conference_id == row.id)
        .order_by(GovernanceProposal.id)
    )
    votes = session.scalars(
        select(GovernanceVote.id)
        .where(GovernanceVote.conference_id == row.id)
        .order_by(GovernanceVote.id)
    )
    return {
        "code": row.code,
        "kind": row.kind,
        "title": row.title,
        "place": row.place,
        "starts": row.starts.isoformat(),
        "ends": row.ends.isoformat(),
        "final_acts_edition": row.final_acts_edition,
        "agenda": [{"number": item.number, "title": item.title} for item in items],
        "delegations": [_delegation_document(session, d) for d in _delegations(session, row.id)],
        "proposals": [_proposal_document(session, p) for p in proposals],
        "votes": [vote_document(session, vote_id) for vote_id in votes],
        "documents": list_documents(session, conference=row.code),
    }


def sign_final_acts(
    session: Session,
    *,
    actor: Principal,
    conference: str,
    edition_id: str,
    title: str,
    entry_into_force: date,
) -> dict[str, Any]:
    """Apply the amendments of the adopted proposals (in the order they were submitted) to
    the edition in force the day before ``entry_into_force``, and store the new edition.
    The new edition bumps the spectrum area's version: every process's cached tables go
    stale when this transaction commits."""
    _writing(session, actor, "conferences.manage")
    versions.bump(session, "spectrum")
    row = _conference_row(session, conference)
    if not ConferenceKind(row.kind).amends_radio_regulations:
        raise InvalidInput("conference", f"a {row.kind}'s Final Acts do not revise the RR")
    if row.final_acts_edition is not None:
        raise Conflict(f"the Final Acts of {row.code} are signed already")
    if entry_into_force <= row.ends:
        raise InvalidInput("entry_into_force", "must fall after the conference has ended")
    still_open = session.scalar(
        select(func.count())
        .select_from(GovernanceVote)
        .where(GovernanceVote.conference_id == row.id, GovernanceVote.status == "open")
    )
    if still_open:
        raise Conflict(f"{still_open} vote(s) of {row.code} are still open")
    adopted = session.scalars(
        select(GovernanceProposal)
        .where(
            GovernanceProposal.conference_id == row.id,
            GovernanceProposal.status == ProposalStatus.ADOPTED.value,
        )
        .order_by(GovernanceProposal.id)
    ).all()
    amendments = [
        amendment_from_dict(document)
        for proposal in adopted
        for document in json.loads(proposal.amendments)
    ]
    if not amendments:
        raise Conflict(f"{row.code} adopted no amendment to the Table")
    base_id = spectrum_store.edition_in_force(session, entry_into_force - timedelta(days=1))
    base: Edition = spectrum_store.get_edition(session, base_id)
    edition = apply_amendments(
        base,
        amendments,
        edition_id=check_code(edition_id, field="edition_id"),
        title=check_text(title, field="title", longest=300),
        entry_into_force=entry_into_force,
        based_on=base_id,
    )
    spectrum_store.add_edition(session, edition)
    row.final_acts_edition = edition.id
    session.flush()
    _audit(
        session,
        actor,
        "governance.final_acts.sign",
        "governance_conference",
        row.code,
        {
            "edition": edition.id,
            "based_on": base_id,
            "entry_into_force": entry_into_force.isoformat(),
            "proposals": [proposal.id for proposal in adopted],
            "amendments": [amendment_to_dict(a) for a in amendments],
        },
    )
    changes = diff_editions(base, edition)
    return {
        "conference": row.code,
        "edition": edition.id,
        "based_on": base_id,
        "entry_into_force": entry_into_force.isoformat(),
        "proposals": [proposal.id for proposal in adopted],
        "amendments": len(amendments),
        "changes": {
            "bands": [
                {"region": c.region, "low_hz": c.low_hz, "high_hz": c.high_hz,
                 "added": list(c.added), "removed": list(c.removed)}
                for c in changes.bands
            ],
            "footnotes": [{"id": f.id, "change": f.change} for f in changes.footnotes],
        },
    }  # fmt: skip


# --- conference documents -------------------------------------------------------------------


def _document_items(session: Session, document_id: int) -> list[str]:
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


def _document(session: Session, row: GovernanceDocument, *, text: bool) -> dict[str, Any]:
    conference = session.get(GovernanceConference, row.conference_id)
    assert conference is not None
    member = session.get(GovernanceMember, row.source_member_id) if row.source_member_id else None
    document: dict[str, Any] = {
        "id": row.id,
        "conference": conference.code,
        "number": row.number,
        "title": row.title,
        "kind": row.kind,
        "source": (member.iso2 or str(member.id)) if member else "secretariat",
        "source_name": member.name if member else "Secretariat",
        "received": row.received.isoformat(),
        "language": row.language,
        "agenda_items": _document_items(session, row.id),
        "filename": row.filename,
        "size_bytes": row.size_bytes,
        "sha256": row.sha256,
    }
    if text:
        document["text"] = row.text
    return document


def _document_source(
    session: Session, conference_id: int, principal: Principal, kind: DocumentKind, source: str
) -> GovernanceMember | None:
    """Who may submit a document of ``kind`` from ``source``, as the rights tables say:
    the secretariat its temporary documents and Final Acts; a Member State's delegate its
    own state's contributions (only Member States make proposals: the General Rules) and
    information documents; a Sector Member's, Associate's or Academia member's registered
    representative at the conference that member's information documents."""
    if kind.from_secretariat:
        authorize(principal, "conferences.manage")
        if source.strip().lower() not in ("", "secretariat"):
            raise InvalidInput("source", f"a {kind.value} document comes from the secretariat")
        return None
    member = get_member_row(session, source, field="source")
    if member.kind == MemberKind.MEMBER_STATE.value:
        authorize(principal, "documents.submit", administration=member.iso2)
        action = (
            Action.SUBMIT_CONFERENCE_PROPOSALS
            if kind is DocumentKind.CONTRIBUTION
            else Action.SUBMIT_CONTRIBUTIONS
        )
        require_right(MemberKind.MEMBER_STATE, action, who=member.name)
        return member
    # Another kind of member: through its representative registered at this conference.
    check_role(principal, "documents.submit")
    if kind is DocumentKind.CONTRIBUTION:
        require_right(MemberKind(member.kind), Action.SUBMIT_CONFERENCE_PROPOSALS, who=member.name)
    seat = session.scalar(
        select(GovernanceDelegation).where(
            GovernanceDelegation.conference_id == conference_id,
            GovernanceDelegation.member_id == member.id,
        )
    )
    if seat is None or seat.representative != principal.username:
        raise Forbidden(f"{principal.actor} does not represent {member.name} at this conference")
    require_right(MemberKind(member.kind), Action.SUBMIT_CONTRIBUTIONS, who=member.name)
    return member


def submit_document(
    session: Session,
    *,
    principal: Principal,
    conference: str,
    number: str,
    title: str,
    kind: DocumentKind,
    source: str,
    language: str,
    agenda_items: Sequence[str],
    content: bytes,
    filename: str | None = None,
    received: date | None = None,
) -> dict[str, Any]:
    """Record a conference document with its text (``content``: UTF-8 bytes, from a
    request's text or an uploaded file, read as data only).

    The date of receipt is the day the secretariat receives it: today, unless the
    secretariat records a document received earlier by other means."""
    audit.begin_write(session)
    row = _conference_row(session, conference)
    member = _document_source(session, row.id, principal, kind, source)
    today = date.today()
    day = received or today
    if received is not None and received != today and not principal.can("conferences.manage"):
        raise InvalidInput("received", "the date of receipt is set by the secretariat")
    if day > today:
        raise InvalidInput("received", "a document cannot be received in the future")
    items = check_agenda_items(agenda_items)
    if kind is DocumentKind.CONTRIBUTION and not items:
        raise InvalidInput("agenda_items", "a contribution addresses at least one agenda item")
    found = {
        item.number: item
        for item in session.scalars(
            select(GovernanceAgendaItem).where(GovernanceAgendaItem.conference_id == row.id)
        )
    }
    missing = [number for number in items if number not in found]
    if missing:
        raise InvalidInput("agenda_items", f"{row.code} has no agenda item {missing[0]!r}")
    body = read_text(content, field="file" if filename is not None else "text")
    document = GovernanceDocument(
        conference_id=row.id,
        number=check_document_number(number),
        title=check_text(title, field="title", longest=500),
        kind=kind.value,
        source_member_id=member.id if member else None,
        received=day,
        language=parse_language(language),
        text=body.text,
        filename=check_filename(filename) if filename is not None else None,
        size_bytes=body.size_bytes,
        sha256=body.sha256,
        submitted_by=principal.actor,
        submitted_at=_now(),
    )
    if session.scalar(
        select(GovernanceDocument.id).where(
            GovernanceDocument.conference_id == row.id,
            GovernanceDocument.number == document.number,
        )
    ):
        raise Conflict(f"{row.code} has a document {document.number} already")
    session.add(document)
    try:
        session.flush()
    except IntegrityError:
        raise Conflict(f"{row.code} has a document {document.number} already") from None
    for number_ in items:
        session.add(
            GovernanceDocumentItem(document_id=document.id, agenda_item_id=found[number_].id)
        )
    session.flush()
    published = _document(session, document, text=False)
    _audit(
        session,
        principal,
        "governance.document.submit",
        "governance_document",
        document.id,
        {
            key: published[key]
            for key in (
                "conference",
                "number",
                "title",
                "kind",
                "source",
                "received",
                "language",
                "agenda_items",
                "size_bytes",
                "sha256",
            )
        },
    )
    return published


def list_documents(
    session: Session,
    *,
    conference: str,
    kind: DocumentKind | None = None,
    agenda_item: str | None = None,
) -> list[dict[str, Any]]:
    """A conference's documents in number order (without their text)."""
    row = _conference_row(session, conference)
    query = select(GovernanceDocument).where(GovernanceDocument.conference_id == row.id)
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
    rows = session.scalars(query.order_by(GovernanceDocument.id)).all()
    return [_document(session, document, text=False) for document in rows]


def get_document(session: Session, document_id: int) -> dict[str, Any]:
    row = session.get(GovernanceDocument, document_id)
    if row is None:
        raise NotFound(f"no document {document_id}")
    return _document(session, row, text=True)
