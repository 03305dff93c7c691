"""`/api/indicators`: ICT indicators per country, the ICT Development Index, rankings
and the gaps between groups (public reads); loading newer figures (``indicators.load``)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi import Path as PathParam

from openitu.errors import InvalidInput
from openitu.service.auth import CurrentPrincipalDep, public, require
from openitu.service.deps import SessionDep
from openitu.usecases import indicators as usecases

router = APIRouter(prefix="/api/indicators", tags=["indicators"])

Method = Annotated[str, Query(description="idi2023 (default) or idi2017")]


@router.get("", dependencies=[public])
def indicators() -> list[dict[str, Any]]:
    """The indicators kept per country: code, name, unit and the ITU codes accepted."""
    return usecases.indicator_list()


@router.get("/countries/{code}", dependencies=[public])
def country(
    session: SessionDep,
    code: Annotated[str, PathParam(description="ISO 3166-1 alpha-2 or alpha-3, e.g. KE")],
) -> dict[str, Any]:
    """A country's figures (each with its year and source) and its index by both methods."""
    return usecases.country_profile(session, code=code)


@router.get("/index", dependencies=[public])
def index(session: SessionDep, method: Method = "idi2023") -> dict[str, Any]:
    """Every country's index, ranked; a country lacking an indicator is listed as not
    computable with the indicators it lacks."""
    return usecases.index(session, method=method)


@router.get("/gaps", dependencies=[public])
def gaps(
    session: SessionDep,
    by: Annotated[str, Query(description="region (ITU Region) or development (LDC or not)")] = (
        "region"
    ),
    method: Method = "idi2023",
    indicator: Annotated[str | None, Query(description="an indicator instead of the index")] = None,
) -> dict[str, Any]:
    """The index (or an indicator) per group of countries and the gap between groups."""
    return usecases.gaps(session, by=by, method=method, indicator=indicator)


@router.get("/values/{indicator}", dependencies=[public])
def values(
    session: SessionDep,
    indicator: Annotated[str, PathParam(description="an indicator code, e.g. internet_users_pct")],
) -> list[dict[str, Any]]:
    """One indicator's newest value per country, highest first."""
    return usecases.indicator_values(session, indicator=indicator)


async def csv_body(request: Request) -> str:
    """The request body as text (read here, so that the route itself stays synchronous)."""
    body = await request.body()
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidInput("file", "not UTF-8 text") from None


@router.post("/load", dependencies=[require("indicators.load")])
def load(
    text: Annotated[str, Depends(csv_body)], principal: CurrentPrincipalDep, session: SessionDep
) -> dict[str, Any]:
    """Load a CSV file in the ITU's layout (the request body, text/csv; docs/indicators.md):
    all rows or none; a bad row is a 422 naming its row and field."""
    return usecases.load_csv(session, principal=principal, text=text)
