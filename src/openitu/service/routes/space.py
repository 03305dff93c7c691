"""`/api/space`: Article 21 pfd limits, the Appendix 5 arc, Appendix 8 ΔT/T (public), and
satellite network filings (guarded; the use cases in `openitu.usecases.space` decide
who may act for which administration and audit every write)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Query
from pydantic import BaseModel, Field

from openitu.errors import InvalidInput
from openitu.service.auth import CurrentPrincipalDep, public, require, signed_in
from openitu.service.bodies import arguments
from openitu.service.deps import ContextDep, SessionDep
from openitu.service.params import RowId
from openitu.space import queries
from openitu.store import space as repository
from openitu.usecases import space as usecases

router = APIRouter(prefix="/api/space", tags=["space"], dependencies=[public])


class StepIn(BaseModel):
    step: str = Field(max_length=32, description="notification, recording, bringing_into_use, "
                      "due_diligence, suspension, resumption, withdrawal")  # fmt: skip
    date_of_receipt: date
    informed_on: date | None = Field(default=None, description="suspension: Bureau informed on")
    examined_on: date | None = None
    published_on: date | None = None


@router.get("/pfd-limit")
def pfd_limit(
    frequency: Annotated[str, Query(max_length=32, description="e.g. 4GHz")],
    angle: Annotated[float, Query(description="angle of arrival above the horizontal [deg]")],
    orbit: Annotated[str, Query(max_length=8)] = "gso",
) -> dict[str, Any]:
    """RR Article 21, Table 21-4: the pfd limit at an angle of arrival."""
    return queries.pfd_limit(frequency, angle, orbit)


@router.get("/arc")
def coordination_arc(
    frequency: Annotated[str, Query(max_length=32)],
    service: Annotated[str, Query(max_length=100)],
    region: Annotated[int | None, Query(ge=1, le=3)] = None,
) -> dict[str, Any]:
    """RR Appendix 5, Table 5-1 (No. 9.7): the coordination arc for a band and service."""
    return queries.coordination_arc(frequency, service, region)


@router.post("/dtt")
def dtt(case: Annotated[dict[str, Any] | list[dict[str, Any]], Body()]) -> Any:
    """RR Appendix 8 ΔT/T for one case or a list (terms, or two networks' geometry)."""
    if isinstance(case, list):
        if len(case) > 10_000:
            raise InvalidInput("case", "at most 10 000 cases")
        return [queries.dtt_case(one) for one in case]
    return queries.dtt_case(case)


@router.get("/visibility")
def visibility(
    longitude: Annotated[float, Query(description="GSO nominal longitude [deg east]")],
    lat: Annotated[float, Query(description="place latitude [deg]")],
    lon: Annotated[float, Query(description="place longitude [deg east]")],
) -> dict[str, Any]:
    """Elevation, azimuth and range of a GSO position from a place."""
    return queries.visibility(longitude, lat, lon)


@router.post("/pfd-check")
def pfd_check(case: Annotated[dict[str, Any], Body()]) -> dict[str, Any]:
    """A GSO space station's pfd over points of its service area against Table 21-4."""
    return queries.pfd_check(case)


@router.get("/networks")
def networks(
    session: SessionDep,
    source: Annotated[str | None, Query(max_length=32)] = None,
    administration: Annotated[str | None, Query(max_length=2)] = None,
) -> list[dict[str, Any]]:
    """Networks on the arc: filings, and catalogue satellites (source ``ucs-2023``)."""
    rows = repository.list_networks(session, source=source, administration=administration)
    return [n.as_dict() for n in rows]


@router.post("/networks", status_code=201, dependencies=[require("filings.submit")])
def submit(
    principal: CurrentPrincipalDep,
    session: SessionDep,
    document: Annotated[dict[str, Any], Body(description="the network's document")],
    date_of_receipt: Annotated[date | None, Query()] = None,
    first_step: Annotated[str, Query(max_length=32)] = "coordination_request",
) -> dict[str, Any]:
    """File a satellite network for one's administration."""
    return usecases.submit_network(
        session,
        principal=principal,
        document=document,
        date_of_receipt=date_of_receipt or date.today(),
        first_step=first_step,
    )


@router.get("/networks/{network_id}")
def network(network_id: RowId, session: SessionDep) -> dict[str, Any]:
    """A filed network: its document and the steps of its filing."""
    return usecases.network(session, network_id=network_id)


@router.post("/networks/{network_id}/steps", dependencies=[signed_in])
def record_step(
    network_id: RowId, body: StepIn, principal: CurrentPrincipalDep, session: SessionDep
) -> dict[str, Any]:
    """Record a later step of a filing (the right depends on the step)."""
    return usecases.record_step(
        session, principal=principal, network_id=network_id, **arguments(body)
    )


@router.get("/networks/{network_id}/deadlines")
def deadlines(
    network_id: RowId, session: SessionDep, as_of: Annotated[date | None, Query()] = None
) -> dict[str, Any]:
    """The regulatory dates of a filing and what lapses when."""
    return usecases.deadlines(session, network_id=network_id, as_of=as_of or date.today())


@router.get("/networks/{network_id}/affected")
def affected(network_id: RowId, session: SessionDep, context: ContextDep) -> dict[str, Any]:
    """The networks and administrations the network's coordination request affects."""
    filed = context.filed_beams(session)
    return usecases.affected(session, network_id=network_id, filed=filed)


@router.post("/networks/{network_id}/examination", dependencies=[require("examinations.run")])
def examine(
    network_id: RowId, principal: CurrentPrincipalDep, session: SessionDep
) -> dict[str, Any]:
    """The secretariat's examination under No. 9.7 (audited)."""
    return usecases.examine(session, principal=principal, network_id=network_id)


Lat = Annotated[float, Query(description="place latitude [deg, north positive]")]
Lon = Annotated[float, Query(description="place longitude [deg, east positive]")]
Start = Annotated[
    str | None,
    Query(alias="from", max_length=40,
          description="start, ISO 8601 (UTC if no offset); default now"),
]  # fmt: skip
Hours = Annotated[float, Query(description="length of the span [h], at most 336")]
StepSeconds = Annotated[float, Query(description="sampling step [s], 1-3600")]


class Watch:
    """Where and when a non-GSO network is watched from: the query every look-angle route
    takes, as the use cases' keyword arguments."""

    def __init__(
        self, lat: Lat, lon: Lon, start: Start = None, hours: Hours = 24.0,
        step_s: StepSeconds = 30.0,
    ) -> None:  # fmt: skip
        self.arguments: dict[str, Any] = {
            "lat_deg": lat, "lon_deg": lon, "start": start, "hours": hours, "step_s": step_s
        }  # fmt: skip


WatchDep = Annotated[Watch, Depends()]


@router.get("/networks/{network_id}/passes")
def passes(
    network_id: RowId,
    session: SessionDep,
    watch: WatchDep,
    min_elevation_deg: Annotated[
        float, Query(description="minimum elevation of a window [deg]")
    ] = 0.0,
) -> dict[str, Any]:
    """When each satellite of a non-GSO network is seen from a place (visibility windows)."""
    return usecases.passes(
        session, network_id=network_id, min_elevation_deg=min_elevation_deg, **watch.arguments
    )


@router.get("/networks/{network_id}/ngso-pfd")
def ngso_pfd(network_id: RowId, session: SessionDep, watch: WatchDep) -> dict[str, Any]:
    """A non-GSO network's pfd at a place over time against Table 21-4 (worst excess, when)."""
    return usecases.ngso_pfd(session, network_id=network_id, **watch.arguments)
