"""/api/allocations: the Table of Frequency Allocations (thin: the work is in openitu.spectrum)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, ConfigDict, Field

from openitu.service.auth import CurrentPrincipalDep, public, require
from openitu.service.deps import ContextDep, SessionDep
from openitu.spectrum import queries
from openitu.spectrum.table import AllocationTable
from openitu.store import spectrum as repository
from openitu.usecases import spectrum as usecases

router = APIRouter(prefix="/api/allocations", tags=["allocations"], dependencies=[public])

FrequencyQuery = Annotated[
    str, Query(description='A frequency: "2.45GHz", "2450 MHz" or a number of Hz.')
]
RegionQuery = Annotated[str | None, Query(description="ITU Region: 1, 2 or 3.")]
CountryQuery = Annotated[str | None, Query(description="ISO 3166 alpha-2 code.")]
EditionQuery = Annotated[str | None, Query(description="Edition id, e.g. RR-2012.")]
DateQuery = Annotated[date | None, Query(description="The edition in force on this date.")]


class AllocationOut(BaseModel):
    service: str
    category: str
    footnotes: list[str]


class BandEdges(BaseModel):
    low_hz: float
    high_hz: float


class FootnoteOut(BaseModel):
    id: str
    kind: str
    text: str | None
    text_note: str | None = Field(
        default=None, description="Why `text` is null: no source gives the footnote's wording."
    )
    countries: list[str]


class AllocationsAt(BaseModel):
    frequency_hz: float
    region: int
    edition: str
    band: BandEdges
    allocations: list[AllocationOut]
    footnotes: list[str]
    footnote_texts: list[FootnoteOut]
    country: dict[str, Any] | None = None


class BandCarrying(BaseModel):
    low_hz: float
    high_hz: float
    category: str
    footnotes: list[str]


class CheckIn(BaseModel):
    service: str = Field(description='The assignment\'s service, e.g. "fixed".')
    low: str = Field(description="Lower edge of the assignment.")
    high: str = Field(description="Upper edge of the assignment.")
    region: str | None = None
    country: str | None = None
    edition: str | None = None
    date: str | None = None


class CheckOut(BaseModel):
    conforms: bool
    category: str | None
    reasons: list[str]
    service: str
    low_hz: float
    high_hz: float
    region: int
    country: str | None
    edition: str


class EditionOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    title: str
    entry_into_force: date
    based_on: str | None


def _table(
    context: ContextDep,
    edition: EditionQuery = None,
    on: Annotated[date | None, Query(alias="date")] = None,
) -> AllocationTable:
    """The Table a request names by ``edition`` or ``date`` (default: in force today)."""
    return context.allocation_table(edition=edition, on=on)


TableDep = Annotated[AllocationTable, Depends(_table)]


@router.get("/at", response_model=AllocationsAt)
def allocations_at(
    table: TableDep,
    frequency: FrequencyQuery,
    region: RegionQuery = None,
    country: CountryQuery = None,
) -> dict[str, Any]:
    """What the Table allocates at one frequency in a Region (and a country)."""
    return queries.allocations_at(table, frequency=frequency, region=region, country=country)


@router.get("/range")
def allocations_between(
    table: TableDep,
    low: FrequencyQuery,
    high: FrequencyQuery,
    region: RegionQuery = None,
    country: CountryQuery = None,
) -> dict[str, Any]:
    """The bands and allocations between two frequencies."""
    return queries.allocations_between(table, low=low, high=high, region=region, country=country)


@router.get("/bands", response_model=list[BandCarrying])
def bands_carrying(
    table: TableDep,
    service: Annotated[str, Query(description='e.g. "radio astronomy"')],
    region: Annotated[str, Query(description="ITU Region: 1, 2 or 3.")],
) -> list[dict[str, Any]]:
    """The bands where a service is allocated in a Region."""
    return queries.bands_carrying(table, service=service, region=region)


@router.post("/check", response_model=CheckOut)
def check_assignment(context: ContextDep, body: CheckIn) -> dict[str, Any]:
    """Whether an assignment conforms with the Table, and why."""
    on = None
    if body.date:
        from openitu.errors import InvalidInput

        try:
            on = date.fromisoformat(body.date)
        except ValueError:
            raise InvalidInput("date", f"expected YYYY-MM-DD, got {body.date!r}") from None
    return queries.check_assignment(
        _table(context, body.edition, on),
        service=body.service,
        low=body.low,
        high=body.high,
        region=body.region,
        country=body.country,
    )


@router.get("/countries/{country}")
def country_view(table: TableDep, country: str) -> dict[str, Any]:
    """A country's view of the Table: the footnotes that name it and what they allocate."""
    return queries.footnotes_naming(table, country=country)


@router.get("/editions", response_model=list[EditionOut])
def editions(context: ContextDep) -> list[EditionOut]:
    """The editions of the Table, oldest first."""
    with context.sessions() as session:
        return [EditionOut.model_validate(row) for row in repository.list_editions(session)]


@router.get("/diff")
def diff(
    context: ContextDep,
    session: SessionDep,
    old: Annotated[str, Query(alias="from", description="Older edition id.")],
    new: Annotated[str, Query(alias="to", description="Newer edition id.")],
) -> dict[str, Any]:
    """What changed between two editions, each change with the sources of the amendments
    that made it."""
    return usecases.edition_diff(
        session,
        old=context.allocation_table(edition=old),
        new=context.allocation_table(edition=new),
    )


class AmendmentFileIn(BaseModel):
    """An amendment file (docs/spectrum.md): the new edition and its amendments in order."""

    format: str = "openitu-table-amendments/1"
    edition: dict[str, Any] = Field(
        description="id, title, entry_into_force (YYYY-MM-DD) and optionally based_on."
    )
    conference: str | None = None
    source: str | None = None
    amendments: list[dict[str, Any]] = Field(
        description="Operations in order: add_allocation, remove_allocation, change_category,"
        " cite_footnote, set_footnote, remove_footnote (each may carry source and conference)."
    )


@router.post("/editions", status_code=201, dependencies=[require("table.amend")])
def amend(
    body: AmendmentFileIn, principal: CurrentPrincipalDep, session: SessionDep
) -> dict[str, Any]:
    """A new edition of the Table from an amendment file, in one transaction."""
    return usecases.amend_table(
        session, principal=principal, document=body.model_dump(exclude_none=True)
    )
