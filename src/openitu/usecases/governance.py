"""Governance use cases: members and their standing, contributions and budgets,
conferences, delegations, proposals, votes, Final Acts and conference documents.

Each write is one unit of work in the caller's transaction: `openitu.usecases.write.begin`
(authorize the principal, take the governance area's lock, bump its version) -> load
through the repository (`openitu.store.governance`) -> decide with the core's rules
(`openitu.governance`) -> persist -> `write.audit`. The reads shape what the API, the CLI
and the pages publish.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from openitu.accounts import Principal
from openitu.accounts.rights import check_role
from openitu.errors import Conflict, Forbidden, InvalidInput, NotFound
from openitu.governance import amendment_text, ballots, documents, final_acts, finance
from openitu.governance.ballots import Seat
from openitu.governance.conferences import (
    Conference,
    ConferenceKind,
    Delegation,
    ProposalStatus,
    check_code,
    check_item_number,
    check_proxy,
    check_representative,
    check_takes_proposals,
    check_text,
    matter_voted_on,
    proposal_matter,
    status_after,
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
    Assessment,
    Contributor,
    Standing,
    StandingStatus,
    cents,
    format_units,
    from_cents,
    money_text,
)
from openitu.governance.members import (
    Action,
    MemberKind,
    Sector,
    check_admission,
    member_state,
    require_right,
)
from openitu.governance.votes import (
    Basis,
    Choice,
    Counts,
    Majority,
    Matter,
    Method,
    Tally,
    VoteStatus,
    check_closable,
    check_open,
    decide,
    effective_majority,
    recorded_choice,
)
from openitu.spectrum.amendments import (
    Amendment,
    amendment_from_dict,
    amendment_to_dict,
    amendments_from_list,
    apply_amendments,
)
from openitu.spectrum.diff import diff_editions
from openitu.spectrum.model import Edition
from openitu.store import governance as store
from openitu.store import spectrum as spectrum_store
from openitu.store.tables import governance as tables
from openitu.usecases import register
from openitu.usecases.write import Write, begin

AREA = "governance"


def _now() -> datetime:
    return datetime.now(UTC)


def _begin(
    session: Session, principal: Principal, right: str, administration: str | None = None
) -> Write:
    return begin(
        session, principal=principal, right=right, area=AREA, administration=administration
    )


# --- the ports the rules read through -------------------------------------------------------


def _standing(session: Session, row: tables.GovernanceMember, on: date) -> Standing:
    """A member's financial standing on a date (CS No. 169 or Resolution 152)."""
    return finance.standing(
        MemberKind(row.kind),
        store.dues(session, row.id),
        store.payments(session, row.id),
        on,
        suspension_notified=row.suspension_notified,
        budget_years=store.budget_years(session),
    )


@dataclass(frozen=True)
class _Standings:
    """`ballots.Standings` over the repository: Member States' standing on ``on``."""

    session: Session
    on: date

    def standing(self, state: str) -> Standing:
        return _standing(self.session, store.get_member_state_row(self.session, state), self.on)


@dataclass(frozen=True)
class _BallotBox(_Standings):
    """`ballots.BallotBox` over the repository, for one vote."""

    vote: tables.GovernanceVote

    def delegation(self, state: str) -> Delegation | None:
        row = store.find_delegation_row(self.session, self.vote.conference_id, state=state)
        return None if row is None else store.delegation(row)

    def has_voted(self, state: str) -> bool:
        return store.has_voted(self.session, self.vote.id, state)


# --- members --------------------------------------------------------------------------------


def _member_document(session: Session, row: tables.GovernanceMember, on: date) -> dict[str, Any]:
    kind = MemberKind(row.kind)
    held = _standing(session, row, on)
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
        if held.note:
            document["standing_note"] = held.note
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
    document["arrears"] = money_text(held.arrears)
    return document


def member_document(session: Session, *, member: str, on: date | None = None) -> dict[str, Any]:
    """A member (ISO2 of a Member State, or a member's number) and its standing on a date
    (default today)."""
    return _member_document(session, store.get_member_row(session, member), on or date.today())


def list_members(
    session: Session,
    *,
    kind: MemberKind = MemberKind.MEMBER_STATE,
    on: date | None = None,
    sector: Sector | None = None,
) -> list[dict[str, Any]]:
    """The members of a kind on a date (default today), with who may vote and why not."""
    day = on or date.today()
    rows = [
        row
        for row in store.list_member_rows(session, kind=kind, sector=sector)
        if store.entity(row).member_on(day)
    ]
    rows.sort(key=lambda row: (row.name.lower(), row.id))
    return [_member_document(session, row, day) for row in rows]


def admit_member(
    session: Session,
    *,
    principal: Principal,
    kind: MemberKind,
    name: str,
    sector: Sector | None,
    country: str | None,
    admitted: date,
) -> dict[str, Any]:
    """Record a Sector Member, Associate or Academia member (Member States are loaded)."""
    write = _begin(session, principal, "members.manage")
    check_admission(kind, sector)
    place = member_state(country, field="country").iso2 if country else None
    row = tables.GovernanceMember(
        kind=kind.value,
        iso2=None,
        name=check_text(name, field="name", longest=200),
        country=place,
        sector=sector.value if sector else None,
        admitted=admitted,
        least_developed=False,
    )
    store.add(session, row)
    write.audit(
        "governance.member.admit",
        entity="governance_member",
        entity_id=row.id,
        payload={"kind": kind.value, "name": row.name, "sector": row.sector, "country": place},
    )
    return _member_document(session, row, admitted)


def set_unit_class(
    session: Session, *, principal: Principal, member: str, unit_class: str
) -> dict[str, Any]:
    """Record the class of contribution a member has chosen (CS Art. 28, CV No. 468)."""
    write = _begin(session, principal, "contributions.record")
    row = store.get_member_row(session, member)
    units = finance.parse_unit_class(unit_class)
    finance.check_class_allowed(units, least_developed=row.least_developed)
    row.unit_class = format_units(units)
    write.audit(
        "governance.contribution.class",
        entity="governance_member",
        entity_id=row.id,
        payload={"member": store.member_key(row), "unit_class": format_units(units)},
    )
    return _member_document(session, row, date.today())


def set_gni(session: Session, *, principal: Principal, member: str, gni_usd: int) -> None:
    """Record a Member State's gross national income (for the GNI what-if of a budget)."""
    write = _begin(session, principal, "contributions.record")
    row = store.get_member_state_row(session, member, field="member")
    row.gni_usd = finance.check_gni(gni_usd)
    write.audit(
        "governance.gni.set",
        entity="governance_member",
        entity_id=row.id,
        payload={"member": row.iso2, "gni_usd": gni_usd},
    )


def record_due(
    session: Session, *, principal: Principal, member: str, year: int, amount: Decimal
) -> None:
    """Record a contribution due (for years assessed before this system kept them)."""
    write = _begin(session, principal, "contributions.record")
    row = store.get_member_row(session, member)
    store.add(
        session,
        tables.GovernanceDue(
            member_id=row.id, year=year, amount_cents=cents(amount), due_on=date(year, 1, 1)
        ),
        clash=f"a contribution for {year} is already recorded for {member}",
    )
    write.audit(
        "governance.due.record",
        entity="governance_member",
        entity_id=row.id,
        payload={"member": store.member_key(row), "year": year, "amount": str(amount)},
    )


def record_payment(
    session: Session,
    *,
    principal: Principal,
    member: str,
    amount: Decimal,
    paid_on: date,
    reference: str = "",
) -> dict[str, Any]:
    """Record a payment received from a member; its standing as of that day."""
    write = _begin(session, principal, "contributions.record")
    row = store.get_member_row(session, member)
    finance.check_payment(amount)
    payment = tables.GovernancePayment(
        member_id=row.id, amount_cents=cents(amount), paid_on=paid_on, reference=reference[:200]
    )
    store.add(session, payment)
    write.audit(
        "governance.payment.record",
        entity="governance_payment",
        entity_id=payment.id,
        payload={"member": store.member_key(row), "amount": str(amount), "paid_on": str(paid_on)},
    )
    return _member_document(session, row, paid_on)


def record_suspension_notice(
    session: Session, *, principal: Principal, member: str, received: date
) -> dict[str, Any]:
    """Record the day a suspended Sector Member, Associate or Academia member received the
    notification of its suspension: its exclusion runs 90 days from that day
    (Resolution 152, resolves 6)."""
    write = _begin(session, principal, "contributions.record")
    row = store.get_member_row(session, member)
    finance.check_suspendable(MemberKind(row.kind))
    finance.check_suspended(_standing(session, row, received), name=row.name, on=received)
    row.suspension_notified = received
    write.audit(
        "governance.suspension.notice",
        entity="governance_member",
        entity_id=row.id,
        payload={"member": str(row.id), "received": received.isoformat()},
    )
    return _member_document(session, row, received)


# --- budgets --------------------------------------------------------------------------------


def _contributor(member: tables.GovernanceMember, unit_class: str) -> Contributor:
    return Contributor(
        key=store.member_key(member),
        name=member.name,
        kind=MemberKind(member.kind),
        units=finance.parse_unit_class(unit_class),
        gni_usd=Decimal(member.gni_usd) if member.gni_usd is not None else None,
    )


def adopt_budget(
    session: Session, *, principal: Principal, year: int, amount: Decimal
) -> dict[str, Any]:
    """Share a year's budget over the contributory units chosen, and record each member's
    contribution due on 1 January of that year."""
    write = _begin(session, principal, "contributions.record")
    finance.check_budget_year(year)
    if store.find_budget(session, year) is not None:
        raise Conflict(f"the budget for {year} is adopted already")
    first_day = date(year, 1, 1)
    pairs = [
        (row, _contributor(row, row.unit_class))
        for row in store.member_rows_with_class(session)
        if row.unit_class is not None
        and store.entity(row).member_on(first_day)
        and finance.contributes(MemberKind(row.kind))
    ]
    result = finance.assess(amount, [contributor for _, contributor in pairs])
    session.add(
        tables.GovernanceBudget(
            year=year, amount_cents=cents(amount), adopted_by=principal.actor, adopted_at=_now()
        )
    )
    for (row, contributor), share in zip(pairs, result.shares, strict=True):
        session.add(
            tables.GovernanceDue(
                member_id=row.id,
                year=year,
                amount_cents=cents(share.amount),
                due_on=first_day,
                units=format_units(contributor.units),
            )
        )
    store.flush(session, clash=f"contributions for {year} are already recorded")
    write.audit(
        "governance.budget.adopt",
        entity="governance_budget",
        entity_id=year,
        payload={
            "year": year,
            "amount": str(amount),
            "total_units": format_units(result.total_units),
            "unit_value": str(result.unit_value),
        },
    )
    return budget_document(session, year=year)


def budget_assessment(session: Session, *, year: int) -> Assessment:
    """A year's budget shared over the classes of contribution it was assessed on."""
    budget = store.get_budget(session, year)
    pairs = sorted(
        store.dues_of_year(session, year, assessed_only=True),
        key=lambda pair: (pair[1].kind != MemberKind.MEMBER_STATE.value, pair[1].name.lower()),
    )
    contributors = [_contributor(member, due.units or "") for due, member in pairs]
    return finance.assess(from_cents(budget.amount_cents), contributors)


def budget_years(session: Session) -> list[int]:
    """The years whose budget is adopted."""
    return store.budget_years(session)


def budget_document(session: Session, *, year: int) -> dict[str, Any]:
    """A year's budget: the unit value and each member's share as recorded, beside the
    GNI what-if."""
    result = budget_assessment(session, year=year)
    stored = {
        store.member_key(member): from_cents(due.amount_cents)
        for due, member in store.dues_of_year(session, year)
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
                "amount": money_text(stored.get(key, share.amount)),
                "gni_amount": (None if share.gni_amount is None else money_text(share.gni_amount)),
            }
        )
    total = sum((Decimal(s["amount"]) for s in shares), Decimal(0))
    return {
        "year": year,
        "budget": money_text(result.budget),
        "total_units": str(result.total_units),
        "unit_value": money_text(result.unit_value),
        "sum_of_shares": money_text(total),
        "shares": shares,
    }


# --- conferences ----------------------------------------------------------------------------


def _conference_summary(row: tables.GovernanceConference) -> dict[str, Any]:
    return {
        "code": row.code,
        "kind": row.kind,
        "title": row.title,
        "place": row.place,
        "starts": row.starts.isoformat(),
        "ends": row.ends.isoformat(),
        "final_acts_edition": row.final_acts_edition,
    }


def list_conferences(session: Session) -> list[dict[str, Any]]:
    """Every conference recorded, by the day it starts."""
    return [_conference_summary(row) for row in store.list_conference_rows(session)]


def conference_document(session: Session, *, code: str) -> dict[str, Any]:
    """A conference: agenda, delegations, proposals, votes and documents."""
    row = store.get_conference_row(session, code)
    proposals = store.proposal_rows(session, row.id)
    amending = any(json.loads(p.amendments) for p in proposals)
    base = _table_in_force(session) if amending else None
    return {
        **_conference_summary(row),
        "agenda": [
            {"number": item.number, "title": item.title}
            for item in store.agenda_items(session, row.id)
        ],
        "delegations": [
            _delegation_document(session, d) for d in store.delegation_rows(session, row.id)
        ],
        "proposals": [_proposal_document(session, p, base=base) for p in proposals],
        "votes": [
            _vote_document(session, store.get_vote_row(session, vote_id))
            for vote_id in store.vote_ids(session, row.id)
        ],
        "documents": list_documents(session, conference=row.code),
    }


def create_conference(
    session: Session,
    *,
    principal: Principal,
    code: str,
    kind: ConferenceKind,
    title: str,
    place: str,
    starts: date,
    ends: date,
) -> dict[str, Any]:
    """Record a conference (secretariat)."""
    write = _begin(session, principal, "conferences.manage")
    conference = Conference(
        code=check_code(code),
        kind=kind,
        title=check_text(title, field="title", longest=300),
        place=check_text(place, field="place", longest=200),
        starts=starts,
        ends=ends,
    )
    if store.find_conference_row(session, code) is not None:
        raise Conflict(f"the conference {code} exists already")
    row = store.add_conference(session, conference)
    write.audit(
        "governance.conference.create",
        entity="governance_conference",
        entity_id=row.code,
        payload={"kind": kind.value, "title": row.title, "starts": str(starts), "ends": str(ends)},
    )
    return conference_document(session, code=row.code)


def add_agenda_item(
    session: Session, *, principal: Principal, conference: str, number: str, title: str
) -> dict[str, Any]:
    """Add an item to a conference's agenda (secretariat)."""
    write = _begin(session, principal, "conferences.manage")
    row = store.get_conference_row(session, conference)
    item = tables.GovernanceAgendaItem(
        conference_id=row.id,
        number=check_item_number(number),
        title=check_text(title, field="title"),
    )
    store.add(session, item, clash=f"agenda item {number} exists already at {row.code}")
    write.audit(
        "governance.agenda.add",
        entity="governance_conference",
        entity_id=row.code,
        payload={"number": item.number, "title": item.title},
    )
    return {"number": item.number, "title": item.title}


# --- delegations ----------------------------------------------------------------------------


def _delegation_document(session: Session, row: tables.GovernanceDelegation) -> dict[str, Any]:
    member = store.get_member(session, row.member_id)
    return {
        "member": store.member_key(member),
        "name": member.name,
        "kind": member.kind,
        "state": row.state,
        "representative": row.representative,
        "credentials_accepted": row.credentials_accepted,
        "present": row.present,
        "proxy_for": row.proxy_for,
    }


def _audited_delegation(
    session: Session,
    write: Write,
    change: str,
    conference: tables.GovernanceConference,
    row: tables.GovernanceDelegation,
) -> dict[str, Any]:
    """The delegation as written, audited under its conference with all it now holds."""
    document = _delegation_document(session, row)
    write.audit(
        f"governance.delegation.{change}",
        entity="governance_conference",
        entity_id=conference.code,
        payload=document,
    )
    return document


def register_delegation(
    session: Session,
    *,
    principal: Principal,
    conference: str,
    member: str,
    representative: str | None = None,
    credentials_accepted: bool = False,
    present: bool = False,
) -> dict[str, Any]:
    """Register a member's delegation: a Member State's (with the vote once its credentials
    are accepted) or another member's, taking part without a vote."""
    write = _begin(session, principal, "conferences.manage")
    row = store.get_conference_row(session, conference)
    holder = store.get_member_row(session, member)
    delegation = tables.GovernanceDelegation(
        conference_id=row.id,
        member_id=holder.id,
        state=holder.iso2,
        representative=check_representative(MemberKind(holder.kind), representative),
        credentials_accepted=credentials_accepted,
        present=present,
    )
    store.add(session, delegation, clash=f"{member} (or that representative) is registered already")
    return _audited_delegation(session, write, "register", row, delegation)


def update_delegation(
    session: Session,
    *,
    principal: Principal,
    conference: str,
    state: str,
    credentials_accepted: bool | None = None,
    present: bool | None = None,
    proxy_for: str | None = None,
) -> dict[str, Any]:
    """Accept credentials, mark presence, or record the proxy a delegation holds."""
    write = _begin(session, principal, "conferences.manage")
    row = store.get_conference_row(session, conference)
    code = member_state(state, field="state").iso2
    delegation = store.find_delegation_row(session, row.id, state=code)
    if delegation is None:
        raise NotFound(f"{code} has no delegation at {row.code}")
    if credentials_accepted is not None:
        delegation.credentials_accepted = credentials_accepted
    if present is not None:
        delegation.present = present
    if proxy_for is not None:
        giver = member_state(proxy_for, field="proxy_for").iso2
        check_proxy(store.state_delegations(session, row.id), holder=code, giver=giver)
        delegation.proxy_for = giver
    store.flush(session, clash=f"{proxy_for} has already given its proxy")
    return _audited_delegation(session, write, "update", row, delegation)


# --- proposals ------------------------------------------------------------------------------


def _table_in_force(session: Session) -> Edition | None:
    """The edition of the Table in force today, which a proposal's amendments would amend."""
    try:
        return spectrum_store.get_edition(
            session, spectrum_store.edition_in_force(session, date.today())
        )
    except NotFound:
        return None


def _proposal_document(
    session: Session, row: tables.GovernanceProposal, *, base: Edition | None = None
) -> dict[str, Any]:
    proposal = store.proposal(session, row)
    amendments = list(proposal.amendments)
    readable = amendment_text.describe(
        [amendment_from_dict(document) for document in amendments],
        base if base is not None or not amendments else _table_in_force(session),
    )
    return {
        "id": proposal.id,
        "agenda_item": proposal.agenda_item,
        "submitted_by": proposal.submitted_by,
        "title": proposal.title,
        "matter": proposal.matter.value,
        "amendments": amendments,
        "readable": [{"change": text.change, "after": list(text.after)} for text in readable],
        "status": proposal.status.value,
    }


def _read_amendments(amendments: Sequence[Mapping[str, Any]]) -> list[Amendment]:
    """The amendments of a proposal as the core reads them; a bad one is refused naming
    its place in the list (``amendments[2].low``)."""
    return amendments_from_list(amendments)


def preview_proposal(
    session: Session,
    *,
    conference: str,
    amendments: Sequence[Mapping[str, Any]],
    matter: Matter | None = None,
) -> dict[str, Any]:
    """What a proposal would say before it is submitted: its matter, and each amendment
    in words with the Table as it would read after them. Records nothing; refuses what
    `submit_proposal` would refuse of the amendments themselves."""
    row = store.get_conference_row(session, conference)
    decided = proposal_matter(ConferenceKind(row.kind), len(amendments), matter)
    read = _read_amendments(amendments)
    readable = amendment_text.describe(read, _table_in_force(session) if read else None)
    return {
        "conference": row.code,
        "matter": decided.value,
        "amendments": [amendment_to_dict(a) for a in read],
        "readable": [{"change": text.change, "after": list(text.after)} for text in readable],
    }


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
    (`openitu.governance.conferences.proposal_matter`)."""
    code = member_state(state, field="state").iso2
    write = _begin(session, principal, "proposals.submit", administration=code)
    require_right(MemberKind.MEMBER_STATE, Action.SUBMIT_CONFERENCE_PROPOSALS, who=code)
    row = store.get_conference_row(session, conference)
    check_takes_proposals(row.code, final_acts_edition=row.final_acts_edition)
    item = store.find_agenda_item(session, row.id, agenda_item)
    if item is None:
        raise InvalidInput("agenda_item", f"{row.code} has no agenda item {agenda_item!r}")
    decided = proposal_matter(ConferenceKind(row.kind), len(amendments), matter)
    texts = [amendment_to_dict(a) for a in _read_amendments(amendments)]
    proposal = tables.GovernanceProposal(
        conference_id=row.id,
        agenda_item_id=item.id,
        submitted_by=code,
        title=check_text(title, field="title", longest=500),
        amendments=json.dumps(texts),
        status=ProposalStatus.SUBMITTED.value,
        submitted_at=_now(),
        matter=decided.value,
    )
    store.add(session, proposal)
    write.audit(
        "governance.proposal.submit",
        entity="governance_proposal",
        entity_id=proposal.id,
        payload={
            "conference": row.code,
            "state": code,
            "agenda_item": item.number,
            "matter": decided.value,
            "amendments": texts,
        },
    )
    return _proposal_document(session, proposal)


# --- votes ----------------------------------------------------------------------------------


def _vote_document(session: Session, vote: tables.GovernanceVote) -> dict[str, Any]:
    conference = session.get(tables.GovernanceConference, vote.conference_id)
    assert conference is not None
    ballots_cast = store.ballot_rows(session, vote.id)
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
        "voted": [ballot.state for ballot in ballots_cast],
    }
    if VoteStatus(vote.status) is VoteStatus.CLOSED:
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
        if Method(vote.method) is Method.ROLL_CALL:
            document["roll_call"] = [
                {"state": b.state, "choice": b.choice, "cast_by": b.cast_by_delegation}
                for b in ballots_cast
            ]
    return document


def vote_document(session: Session, *, vote_id: int) -> dict[str, Any]:
    """A vote as published: counts and outcome once closed; for a roll-call the choice of
    each state; for a secret ballot only which states voted."""
    return _vote_document(session, store.get_vote_row(session, vote_id))


def open_vote(
    session: Session,
    *,
    principal: Principal,
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
    write = _begin(session, principal, "conferences.manage")
    row = store.get_conference_row(session, conference)
    if proposal_id is not None:
        found = store.get_proposal_row(session, proposal_id)
        matter = matter_voted_on(
            row.code, proposal_id, None if found is None else store.proposal(session, found), matter
        )
    decided = matter or Matter.GENERAL
    requirement = effective_majority(decided, row.kind, majority)
    vote = tables.GovernanceVote(
        conference_id=row.id,
        proposal_id=proposal_id,
        question=check_text(question, field="question", longest=500),
        majority=requirement.majority.value,
        method=method.value,
        matter=decided.value,
        basis=requirement.basis.value,
        status=VoteStatus.OPEN.value,
        opened_at=_now(),
        votes_for=0,
        votes_against=0,
        abstentions=0,
    )
    store.add(session, vote)
    write.audit(
        "governance.vote.open",
        entity="governance_vote",
        entity_id=vote.id,
        payload={
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
    return _vote_document(session, vote)


def _seat(session: Session, conference_id: int, principal: Principal) -> Seat:
    """The delegation the principal sits in: as a registered representative, or else as a
    delegate of its administration's Member State."""
    representing = (
        store.find_delegation_row(session, conference_id, representative=principal.username)
        if principal.username
        else None
    )
    own = (
        store.find_delegation_row(session, conference_id, state=principal.administration)
        if principal.administration
        else None
    )
    return ballots.seat_of(
        principal.actor,
        representing=None if representing is None else store.seat(session, representing),
        of_own_state=None if own is None else store.seat(session, own),
    )


def ballot_states(session: Session, *, principal: Principal, vote_id: int) -> list[str]:
    """The states whose ballot the principal's delegation may offer in a vote: its own and
    the one whose proxy the conference records it as holding (none outside a delegation)."""
    if not principal.signed_in:
        return []
    vote = store.get_vote_row(session, vote_id)
    try:
        seat = _seat(session, vote.conference_id, principal)
    except Forbidden:
        return [principal.administration] if principal.administration else []
    return [state for state in (seat.state, seat.proxy_for) if state is not None]


def cast_ballot(
    session: Session, *, principal: Principal, vote_id: int, state: str, choice: Choice
) -> dict[str, Any]:
    """One state's vote, cast by its own delegation or by the one holding its proxy.

    Concurrent ballots on one vote are serialised: the governance area's lock first
    (`write.begin`: the write lock on SQLite), then the vote's row lock (PostgreSQL),
    held until commit, so that a second ballot for the same state sees the first (409)
    and the counters are never read stale (no lost update). The unique constraint on
    (vote, state) backs this up."""
    code = member_state(state, field="state").iso2
    # The role first; the state once the conference's record of the proxy is read.
    write = _begin(session, principal, "votes.cast")
    vote = store.get_vote_row(session, vote_id, for_update=True)
    check_open(VoteStatus(vote.status), vote_id)
    seat = _seat(session, vote.conference_id, principal)
    write.authorize_for(code, proxy_held=seat.proxy_for)
    ballots.check_ballot(
        seat, state=code, vote_id=vote_id, box=_BallotBox(session, date.today(), vote)
    )
    kept = recorded_choice(Method(vote.method), choice)
    store.add(
        session,
        tables.GovernanceBallot(
            vote_id=vote.id,
            state=code,
            cast_by_delegation=seat.state or "",
            choice=None if kept is None else kept.value,
            cast_at=_now(),
        ),
        clash=f"{code} has voted already in vote {vote_id}",
    )
    counts = Counts(vote.votes_for, vote.votes_against, vote.abstentions).with_ballot(choice)
    vote.votes_for, vote.votes_against, vote.abstentions = (
        counts.votes_for,
        counts.votes_against,
        counts.abstentions,
    )
    payload: dict[str, Any] = {"vote_id": vote.id, "state": code, "cast_by": seat.state}
    if kept is not None:
        payload["choice"] = kept.value
    write.audit("governance.vote.cast", entity="governance_vote", entity_id=vote.id,
                payload=payload)  # fmt: skip
    return {"vote_id": vote.id, "state": code, "cast_by": seat.state, "recorded": True}


def close_vote(session: Session, *, principal: Principal, vote_id: int) -> dict[str, Any]:
    """Count, decide and publish; a proposal voted on is adopted or rejected by it."""
    write = _begin(session, principal, "conferences.manage")
    vote = store.get_vote_row(session, vote_id, for_update=True)
    check_closable(VoteStatus(vote.status), vote_id)
    here = ballots.attendance(
        store.state_delegations(session, vote.conference_id), _Standings(session, date.today())
    )
    result = decide(
        Tally(
            vote.votes_for,
            vote.votes_against,
            vote.abstentions,
            here.accredited,
            here.present,
            here.represented,
        ),
        Majority(vote.majority),
        Basis(vote.basis),
        postponed_before=store.postponed_before(session, vote),
    )
    vote.status = VoteStatus.CLOSED.value
    vote.closed_at = _now()
    vote.accredited, vote.present, vote.represented = (
        here.accredited,
        here.present,
        here.represented,
    )
    vote.outcome, vote.reason = result.outcome.value, result.reason
    decided = status_after(result.outcome)
    if vote.proposal_id is not None and decided is not None:
        proposal = store.get_proposal_row(session, vote.proposal_id)
        assert proposal is not None
        proposal.status = decided.value
    store.flush(session)
    write.audit(
        "governance.vote.close",
        entity="governance_vote",
        entity_id=vote.id,
        payload={
            "outcome": result.outcome.value,
            "for": vote.votes_for,
            "against": vote.votes_against,
            "abstentions": vote.abstentions,
            "accredited": here.accredited,
            "present": here.present,
            "represented": here.represented,
            "reason": result.reason,
        },
    )
    return _vote_document(session, vote)


# --- a delegation's own view -----------------------------------------------------------------


def delegation_view(session: Session, *, principal: Principal, conference: str) -> dict[str, Any]:
    """What a delegate works on at a conference: their state's proposals and documents,
    the votes still open to them (for their state and the one whose proxy they hold) and
    whether the conference still takes proposals. Only delegates see it (401 signed out,
    403 for other roles)."""
    row = store.get_conference_row(session, conference)
    check_role(principal, "proposals.submit")
    state = principal.administration
    if state is None:
        raise Forbidden(f"the account {principal.actor} names no Member State to act for")
    seat = store.find_delegation_row(session, row.id, state=state)
    proposals = [p for p in store.proposal_rows(session, row.id) if p.submitted_by == state]
    amending = any(json.loads(p.amendments) for p in proposals)
    base = _table_in_force(session) if amending else None
    votes = []
    for vote_id in store.vote_ids(session, row.id):
        vote = store.get_vote_row(session, vote_id)
        if VoteStatus(vote.status) is not VoteStatus.OPEN:
            continue
        states = ballot_states(session, principal=principal, vote_id=vote_id)
        votes.append(
            {
                **_vote_document(session, vote),
                "for_states": [
                    {"state": s, "voted": store.has_voted(session, vote_id, s)} for s in states
                ],
            }
        )
    return {
        **_conference_summary(row),
        "state": state,
        "state_name": member_state(state).name,
        "delegation": None if seat is None else _delegation_document(session, seat),
        "takes_proposals": row.final_acts_edition is None,
        "agenda": [
            {"number": item.number, "title": item.title}
            for item in store.agenda_items(session, row.id)
        ],
        "proposals": [_proposal_document(session, p, base=base) for p in proposals],
        "documents": [
            d for d in list_documents(session, conference=row.code) if d["source"] == state
        ],
        "votes": votes,
    }


# --- Final Acts -----------------------------------------------------------------------------


def sign_final_acts(
    session: Session,
    *,
    principal: Principal,
    conference: str,
    edition_id: str,
    title: str,
    entry_into_force: date,
) -> dict[str, Any]:
    """Apply the amendments of the adopted proposals (in the order they were submitted) to
    the edition in force the day before ``entry_into_force``, and store the new edition.
    The new edition touches the spectrum area: every process's cached tables go stale
    when this transaction commits."""
    write = _begin(session, principal, "conferences.manage")
    write.touch("spectrum")
    row = store.get_conference_row(session, conference)
    held = store.conference(row)
    final_acts.check_signing(
        held,
        signed_edition=row.final_acts_edition,
        entry_into_force=entry_into_force,
        open_votes=store.count_votes(session, row.id, status=VoteStatus.OPEN.value),
    )
    adopted = store.proposal_rows(session, row.id, status=ProposalStatus.ADOPTED)
    amendments = [
        amendment_from_dict(document)
        for proposal in adopted
        for document in json.loads(proposal.amendments)
    ]
    final_acts.check_amendments(held, amendments)
    base_id = spectrum_store.edition_in_force(session, entry_into_force - timedelta(days=1))
    base = spectrum_store.get_edition(session, base_id)
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
    store.flush(session)
    write.audit(
        "governance.final_acts.sign",
        entity="governance_conference",
        entity_id=row.code,
        payload={
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


def _document(session: Session, row: tables.GovernanceDocument, *, text: bool) -> dict[str, Any]:
    conference = session.get(tables.GovernanceConference, row.conference_id)
    assert conference is not None
    member = store.get_member(session, row.source_member_id) if row.source_member_id else None
    document: dict[str, Any] = {
        "id": row.id,
        "conference": conference.code,
        "number": row.number,
        "title": row.title,
        "kind": row.kind,
        "source": store.member_key(member) if member else "secretariat",
        "source_name": member.name if member else "Secretariat",
        "received": row.received.isoformat(),
        "language": row.language,
        "agenda_items": store.document_items(session, row.id),
        "filename": row.filename,
        "size_bytes": row.size_bytes,
        "sha256": row.sha256,
    }
    if text:
        document["text"] = row.text
    return document


def _document_source(
    session: Session, write: Write, conference_id: int, kind: DocumentKind, source: str
) -> tables.GovernanceMember | None:
    """The member a document comes from (None: the secretariat), once the rules let the
    principal submit it (`openitu.governance.documents`)."""
    if kind.from_secretariat:
        documents.check_secretariat_source(kind, source)
        return None
    member = store.get_member_row(session, source, field="source")
    if member.kind == MemberKind.MEMBER_STATE.value:
        assert member.iso2 is not None
        write.authorize_for(member.iso2)
        documents.check_member_state_source(kind, name=member.name)
        return member
    seat = store.find_delegation_row(session, conference_id, member_id=member.id)
    documents.check_member_source(
        kind,
        MemberKind(member.kind),
        name=member.name,
        represented_by=seat is not None and seat.representative == write.principal.username,
        actor=write.principal.actor,
    )
    # The member's representative registered at this conference acts for it: the
    # registration is the grant that an administration is for a Member State's delegate.
    write.authorized = True
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

    The secretariat submits temporary documents and Final Acts (`conferences.manage`);
    delegates their own member's contributions and information documents
    (`documents.submit`). The date of receipt is the day the secretariat receives it:
    today, unless the secretariat records a document received earlier by other means."""
    right = "conferences.manage" if kind.from_secretariat else "documents.submit"
    write = _begin(session, principal, right)
    row = store.get_conference_row(session, conference)
    member = _document_source(session, write, row.id, kind, source)
    day = documents.date_of_receipt(
        received, today=date.today(), by_secretariat=principal.can("conferences.manage")
    )
    items = check_agenda_items(agenda_items)
    agenda = {item.number: item for item in store.agenda_items(session, row.id)}
    documents.check_items_addressed(kind, items, agenda=agenda, conference=row.code)
    body = read_text(content, field="file" if filename is not None else "text")
    document = tables.GovernanceDocument(
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
    taken = f"{row.code} has a document {document.number} already"
    if store.document_number_taken(session, row.id, document.number):
        raise Conflict(taken)
    store.add_document(session, document, [agenda[n].id for n in items], clash=taken)
    published = _document(session, document, text=False)
    write.audit(
        "governance.document.submit",
        entity="governance_document",
        entity_id=document.id,
        payload={
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
    row = store.get_conference_row(session, conference)
    rows = store.document_rows(session, row.id, kind=kind, agenda_item=agenda_item)
    return [_document(session, document, text=False) for document in rows]


def get_document(session: Session, *, document_id: int) -> dict[str, Any]:
    """A document with its text."""
    return _document(session, store.get_document_row(session, document_id), text=True)


def proposal_impact(
    session: Session,
    *,
    proposal_id: int,
    on: date | None = None,
    table_on: register.TableOn | None = None,
) -> dict[str, Any]:
    """Which recorded assignments a proposal's amendments would move, were they adopted
    (`openitu.usecases.register.amendment_impact`): what a delegation weighs before the
    vote."""
    row = store.get_proposal_row(session, proposal_id)
    if row is None:
        raise NotFound(f"no proposal {proposal_id}")
    proposal = store.proposal(session, row)
    return {
        "proposal_id": proposal.id,
        "conference": proposal.conference,
        **register.amendment_impact(
            session, amendments=list(proposal.amendments), on=on, table_on=table_on
        ),
    }
