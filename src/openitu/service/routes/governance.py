"""`/api/governance`: members, contributions and budgets, conferences, proposals, votes,
Final Acts. Reads are public; every write names its right and is audited."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated, Any, Literal, TypeVar

from fastapi import APIRouter, File, Form, Path, Query, UploadFile
from pydantic import BaseModel, ConfigDict, Field

from openitu.errors import InvalidInput
from openitu.governance.conferences import parse_conference_kind
from openitu.governance.documents import MAX_DOCUMENT_BYTES, parse_document_kind
from openitu.governance.finance import parse_money
from openitu.governance.members import parse_kind, parse_sector, rights_document
from openitu.governance.votes import parse_choice, parse_majority, parse_matter, parse_method
from openitu.service.auth import CurrentPrincipalDep, public, require, signed_in
from openitu.service.bodies import arguments
from openitu.service.deps import ContextDep, SessionDep
from openitu.usecases import governance as service

router = APIRouter(prefix="/api/governance", tags=["governance"], dependencies=[public])

Document = dict[str, Any]
T = TypeVar("T")


def _optional(parse: Callable[[str], T], value: str | None) -> T | None:
    """``parse(value)``, or None for a field left out (or empty)."""
    return parse(value) if value else None


@router.get("/members")
def members(
    session: SessionDep,
    kind: Annotated[str, Query(description="member-state, sector-member, associate, academia")] = (
        "member-state"
    ),
    on: Annotated[date | None, Query(alias="date", description="Membership on this date.")] = None,
    sector: Annotated[str | None, Query(description="ITU-R, ITU-T or ITU-D")] = None,
) -> list[Document]:
    return service.list_members(
        session, kind=parse_kind(kind), on=on, sector=_optional(parse_sector, sector)
    )


@router.get("/rights")
def rights() -> list[Document]:
    """What each kind of member may do (the one table the service enforces)."""
    return rights_document()


@router.get("/members/{member}")
def member(
    session: SessionDep,
    member: str,
    on: Annotated[date | None, Query(alias="date")] = None,
) -> Document:
    return service.member_document(session, member=member, on=on)


class AdmitIn(BaseModel):
    kind: str
    name: str = Field(max_length=200)
    sector: str | None = None
    country: str | None = None
    admitted: date


@router.post("/members", status_code=201, dependencies=[require("members.manage")])
def admit(body: AdmitIn, principal: CurrentPrincipalDep, session: SessionDep) -> Document:
    return service.admit_member(
        session,
        principal=principal,
        **arguments(body, kind=parse_kind(body.kind), sector=_optional(parse_sector, body.sector)),
    )


class ClassIn(BaseModel):
    unit_class: str = Field(max_length=16, description='e.g. "40", "2 1/2", "1/16"')


@router.put("/members/{member}/class", dependencies=[require("contributions.record")])
def choose_class(
    member: str, body: ClassIn, principal: CurrentPrincipalDep, session: SessionDep
) -> Document:
    return service.set_unit_class(
        session, principal=principal, member=member, unit_class=body.unit_class
    )


class GniIn(BaseModel):
    gni_usd: int = Field(ge=0, le=10**15)


@router.put(
    "/members/{member}/gni", status_code=204, dependencies=[require("contributions.record")]
)
def set_gni(member: str, body: GniIn, principal: CurrentPrincipalDep, session: SessionDep) -> None:
    service.set_gni(session, principal=principal, member=member, gni_usd=body.gni_usd)


class DueIn(BaseModel):
    year: int = Field(ge=1900, le=2200)
    amount: str = Field(max_length=32)


@router.post(
    "/members/{member}/dues", status_code=204, dependencies=[require("contributions.record")]
)
def record_due(
    member: str, body: DueIn, principal: CurrentPrincipalDep, session: SessionDep
) -> None:
    service.record_due(
        session,
        principal=principal,
        member=member,
        **arguments(body, amount=parse_money(body.amount)),
    )


class PaymentIn(BaseModel):
    amount: str = Field(max_length=32)
    paid_on: date
    reference: str = Field(default="", max_length=200)


@router.post(
    "/members/{member}/payments", status_code=201, dependencies=[require("contributions.record")]
)
def record_payment(
    member: str, body: PaymentIn, principal: CurrentPrincipalDep, session: SessionDep
) -> Document:
    return service.record_payment(
        session,
        principal=principal,
        member=member,
        **arguments(body, amount=parse_money(body.amount)),
    )


class NoticeIn(BaseModel):
    received: date = Field(description="The day the notification of suspension was received")


@router.put("/members/{member}/suspension-notice", dependencies=[require("contributions.record")])
def suspension_notice(
    member: str, body: NoticeIn, principal: CurrentPrincipalDep, session: SessionDep
) -> Document:
    """A suspended member's notice of suspension, received: exclusion runs 90 days from it
    (Resolution 152)."""
    return service.record_suspension_notice(
        session, principal=principal, member=member, received=body.received
    )


class BudgetIn(BaseModel):
    year: int
    amount: str = Field(max_length=32, description="Swiss francs, to the centime")


@router.post("/budgets", status_code=201, dependencies=[require("contributions.record")])
def adopt_budget(body: BudgetIn, principal: CurrentPrincipalDep, session: SessionDep) -> Document:
    return service.adopt_budget(
        session, principal=principal, **arguments(body, amount=parse_money(body.amount))
    )


@router.get("/budgets/{year}")
def budget(session: SessionDep, year: int) -> Document:
    return service.budget_document(session, year=year)


# --- conferences -------------------------------------------------------------------------


class ConferenceIn(BaseModel):
    code: str = Field(max_length=40)
    kind: str
    title: str = Field(max_length=300)
    place: str = Field(max_length=200)
    starts: date
    ends: date


@router.get("/conferences")
def conferences(session: SessionDep) -> list[Document]:
    return service.list_conferences(session)


@router.post("/conferences", status_code=201, dependencies=[require("conferences.manage")])
def create_conference(
    body: ConferenceIn, principal: CurrentPrincipalDep, session: SessionDep
) -> Document:
    return service.create_conference(
        session, principal=principal, **arguments(body, kind=parse_conference_kind(body.kind))
    )


@router.get("/conferences/{code}")
def conference(session: SessionDep, code: str) -> Document:
    return service.conference_document(session, code=code)


class AgendaItemIn(BaseModel):
    number: str = Field(max_length=16)
    title: str = Field(max_length=2000)


@router.post(
    "/conferences/{code}/agenda", status_code=201, dependencies=[require("conferences.manage")]
)
def add_agenda_item(
    code: str, body: AgendaItemIn, principal: CurrentPrincipalDep, session: SessionDep
) -> Document:
    return service.add_agenda_item(session, principal=principal, conference=code, **arguments(body))


class DelegationIn(BaseModel):
    member: str = Field(max_length=16, description="ISO2 of a Member State, or a member's id")
    representative: str | None = Field(default=None, max_length=64)
    credentials_accepted: bool = False
    present: bool = False


@router.post(
    "/conferences/{code}/delegations",
    status_code=201,
    dependencies=[require("conferences.manage")],
)
def register_delegation(
    code: str, body: DelegationIn, principal: CurrentPrincipalDep, session: SessionDep
) -> Document:
    return service.register_delegation(
        session, principal=principal, conference=code, **arguments(body)
    )


class DelegationPatch(BaseModel):
    credentials_accepted: bool | None = None
    present: bool | None = None
    proxy_for: str | None = Field(default=None, max_length=2)


@router.patch(
    "/conferences/{code}/delegations/{state}", dependencies=[require("conferences.manage")]
)
def update_delegation(
    code: str,
    state: str,
    body: DelegationPatch,
    principal: CurrentPrincipalDep,
    session: SessionDep,
) -> Document:
    return service.update_delegation(
        session, principal=principal, conference=code, state=state, **arguments(body)
    )


# --- amendments to the Table, as a proposal carries them (docs/spectrum.md, "Amendments") ---

Edge = Annotated[
    str | float | None,
    Field(default=None, description="A band edge with its unit ('3300 MHz', '3.4 GHz'), or Hz"),
]
EdgeHz = Annotated[float | None, Field(default=None, description="The band edge in Hz")]
FootnoteId = Annotated[str, Field(min_length=1, max_length=20, description="e.g. 5.429A")]


class _Amendment(BaseModel):
    model_config = ConfigDict(extra="forbid")
    source: str | None = Field(
        default=None, max_length=500, description="Where it comes from (a file's own note)"
    )
    conference: str | None = Field(default=None, max_length=32)


class _BandAmendment(_Amendment):
    region: Literal[1, 2, 3] = Field(description="The ITU Region (RR No. 5.2)")
    low: Edge
    high: Edge
    low_hz: EdgeHz
    high_hz: EdgeHz


class AddAllocationIn(_BandAmendment):
    """Allocate a service in a band of a Region."""

    op: Literal["add_allocation"]
    service: str = Field(max_length=200, description="e.g. 'mobile except aeronautical mobile'")
    category: Literal["primary", "secondary"]
    footnotes: list[FootnoteId] = Field(default_factory=list, max_length=50)


class RemoveAllocationIn(_BandAmendment):
    """Remove a service's allocation from a band of a Region."""

    op: Literal["remove_allocation"]
    service: str = Field(max_length=200)


class ChangeCategoryIn(_BandAmendment):
    """Make a service primary or secondary in a band of a Region."""

    op: Literal["change_category"]
    service: str = Field(max_length=200)
    category: Literal["primary", "secondary"]


class CiteFootnoteIn(_BandAmendment):
    """Cite a footnote in a band of a Region."""

    op: Literal["cite_footnote"]
    footnote_id: FootnoteId


class SetFootnoteIn(_Amendment):
    """Add a footnote, or replace its text."""

    op: Literal["set_footnote"]
    footnote_id: FootnoteId
    text: str = Field(min_length=1, max_length=20_000)


class RemoveFootnoteIn(_Amendment):
    """Suppress a footnote (and its citations)."""

    op: Literal["remove_footnote"]
    footnote_id: FootnoteId


AmendmentIn = Annotated[
    AddAllocationIn
    | RemoveAllocationIn
    | ChangeCategoryIn
    | CiteFootnoteIn
    | SetFootnoteIn
    | RemoveFootnoteIn,
    Field(discriminator="op"),
]


class ProposalIn(BaseModel):
    agenda_item: str = Field(max_length=16)
    state: str = Field(max_length=2)
    title: str = Field(max_length=500)
    amendments: list[AmendmentIn] = Field(default_factory=list, max_length=200)
    matter: str | None = Field(
        default=None,
        max_length=24,
        description="general, radio-regulations, constitution or convention (default: "
        "radio-regulations with amendments, else general); sets the majority needed",
    )


@router.post(
    "/conferences/{code}/proposals", status_code=201, dependencies=[require("proposals.submit")]
)
def submit_proposal(
    code: str, body: ProposalIn, principal: CurrentPrincipalDep, session: SessionDep
) -> Document:
    return service.submit_proposal(
        session,
        principal=principal,
        conference=code,
        **arguments(
            body,
            matter=_optional(parse_matter, body.matter),
            amendments=[a.model_dump(exclude_none=True) for a in body.amendments],
        ),
    )


class VoteIn(BaseModel):
    question: str = Field(max_length=500)
    proposal_id: int | None = None
    majority: str | None = Field(
        default=None,
        max_length=16,
        description="Default: what the rules require for the matter; only a stricter one "
        "(two-thirds) may be chosen",
    )
    method: str = Field(default="roll-call", max_length=16)
    matter: str | None = Field(
        default=None, max_length=24, description="For a question without a proposal"
    )


@router.post(
    "/conferences/{code}/votes", status_code=201, dependencies=[require("conferences.manage")]
)
def open_vote(
    code: str, body: VoteIn, principal: CurrentPrincipalDep, session: SessionDep
) -> Document:
    parsed = arguments(
        body,
        majority=_optional(parse_majority, body.majority),
        method=parse_method(body.method),
        matter=_optional(parse_matter, body.matter),
    )
    return service.open_vote(session, principal=principal, conference=code, **parsed)


@router.get("/votes/{vote_id}")
def vote(session: SessionDep, vote_id: int) -> Document:
    return service.vote_document(session, vote_id=vote_id)


class BallotIn(BaseModel):
    state: str = Field(max_length=2, description="The state voting: one's own, or the proxy")
    choice: str = Field(max_length=8, description="for, against or abstain")


@router.post("/votes/{vote_id}/ballots", status_code=201, dependencies=[require("votes.cast")])
def cast(
    vote_id: int, body: BallotIn, principal: CurrentPrincipalDep, session: SessionDep
) -> Document:
    return service.cast_ballot(
        session,
        principal=principal,
        vote_id=vote_id,
        **arguments(body, choice=parse_choice(body.choice)),
    )


@router.post("/votes/{vote_id}/close", dependencies=[require("conferences.manage")])
def close(vote_id: int, principal: CurrentPrincipalDep, session: SessionDep) -> Document:
    return service.close_vote(session, principal=principal, vote_id=vote_id)


class FinalActsIn(BaseModel):
    edition_id: str = Field(max_length=40)
    title: str = Field(max_length=300)
    entry_into_force: date


@router.post(
    "/conferences/{code}/final-acts", status_code=201, dependencies=[require("conferences.manage")]
)
def final_acts(
    code: str,
    body: FinalActsIn,
    principal: CurrentPrincipalDep,
    session: SessionDep,
) -> Document:
    return service.sign_final_acts(session, principal=principal, conference=code, **arguments(body))


# --- conference documents ----------------------------------------------------------------


class DocumentIn(BaseModel):
    number: str = Field(max_length=48, description="e.g. WRC27/12")
    title: str = Field(max_length=500)
    kind: str = Field(max_length=16, description="contribution, information, temporary, final-acts")
    source: str = Field(
        default="secretariat",
        max_length=16,
        description="ISO2 of a Member State, a member's id, or secretariat",
    )
    language: str = Field(max_length=2, description="ar, zh, en, fr, ru or es")
    agenda_items: list[str] = Field(default_factory=list, max_length=50)
    received: date | None = Field(default=None, description="Default today (secretariat only)")
    text: str = Field(max_length=MAX_DOCUMENT_BYTES)


# Contributions and information documents need `documents.submit` (delegates, for their
# own member), temporary documents and Final Acts `conferences.manage` (secretariat): the
# service decides by the kind, so the route asks only for a signed-in principal.
@router.post("/conferences/{code}/documents", status_code=201, dependencies=[signed_in])
def submit_document(
    code: str, body: DocumentIn, principal: CurrentPrincipalDep, session: SessionDep
) -> Document:
    return service.submit_document(
        session,
        principal=principal,
        conference=code,
        **arguments(
            body,
            exclude=frozenset({"text"}),
            kind=parse_document_kind(body.kind),
            content=body.text.encode("utf-8", errors="surrogatepass"),
        ),
    )


@router.post("/conferences/{code}/documents/upload", status_code=201, dependencies=[signed_in])
def upload_document(
    code: str,
    principal: CurrentPrincipalDep,
    session: SessionDep,
    file: Annotated[UploadFile, File(description="UTF-8 text (.txt or .md), at most 1 MiB")],
    number: Annotated[str, Form(max_length=48)],
    title: Annotated[str, Form(max_length=500)],
    kind: Annotated[str, Form(max_length=16)],
    language: Annotated[str, Form(max_length=2)],
    source: Annotated[str, Form(max_length=16)] = "secretariat",
    agenda_items: Annotated[str, Form(max_length=800, description="comma-separated")] = "",
) -> Document:
    """The same as POST .../documents, the text as an uploaded file (read, never run)."""
    content = file.file.read(MAX_DOCUMENT_BYTES + 1)
    if len(content) > MAX_DOCUMENT_BYTES:
        raise InvalidInput("file", f"more than {MAX_DOCUMENT_BYTES} bytes")
    return service.submit_document(
        session,
        principal=principal,
        conference=code,
        number=number,
        title=title,
        kind=parse_document_kind(kind),
        source=source,
        language=language,
        agenda_items=[item for item in agenda_items.split(",") if item.strip()],
        content=content,
        filename=file.filename or "",
    )


@router.get("/conferences/{code}/documents")
def documents(
    session: SessionDep,
    code: str,
    kind: Annotated[str | None, Query(max_length=16)] = None,
    agenda_item: Annotated[str | None, Query(max_length=16)] = None,
) -> list[Document]:
    return service.list_documents(
        session,
        conference=code,
        kind=_optional(parse_document_kind, kind),
        agenda_item=agenda_item,
    )


@router.get("/documents/{document_id}")
def document(session: SessionDep, document_id: int) -> Document:
    return service.get_document(session, document_id=document_id)


@router.get("/proposals/{proposal_id}/impact")
def proposal_impact(
    proposal_id: Annotated[int, Path(ge=1, le=2**62)],
    session: SessionDep,
    context: ContextDep,
    on: Annotated[date | None, Query(description="The Table in force on (default today)")] = None,
) -> Document:
    """Which recorded assignments the proposal's amendments would stop (or start) making
    conform with the Table (No. 11.31), were they adopted (as `POST /api/register/impact`)."""
    return service.proposal_impact(
        session,
        proposal_id=proposal_id,
        on=on,
        table_on=lambda day: context.allocation_table(on=day),
    )
