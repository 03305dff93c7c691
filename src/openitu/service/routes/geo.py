"""/api/geo: countries, their ITU Region, the Region of a point (thin: see openitu.geo)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict

from openitu.errors import InvalidInput, NotFound
from openitu.geo.borders import neighbours
from openitu.geo.countries import all_countries, country
from openitu.geo.regions import itu_region_of_point
from openitu.service.auth import public

router = APIRouter(prefix="/api/geo", tags=["geo"], dependencies=[public])


class CountryOut(BaseModel):
    # Read from a ``Country``'s attributes of these names.
    model_config = ConfigDict(from_attributes=True)

    iso2: str
    iso3: str
    name: str
    itu_region: int
    region_source: str


class NeighbourOut(BaseModel):
    iso2: str
    length_km: float


class CountryDetailOut(CountryOut):
    neighbours: list[NeighbourOut]


class RegionOut(BaseModel):
    lat_deg: float
    lon_deg: float
    itu_region: int


@router.get("/countries")
def list_countries(
    region: Annotated[int | None, Query(ge=1, le=3, description="Only this ITU Region.")] = None,
) -> list[CountryOut]:
    """Every country and territory known, with its ITU Region."""
    return [
        CountryOut.model_validate(c)
        for c in all_countries()
        if region is None or c.itu_region == region
    ]


@router.get("/countries/{iso2}")
def get_country(iso2: str) -> CountryDetailOut:
    """One country by ISO 3166-1 alpha-2 code (any case), with its land borders."""
    try:
        c = country(iso2)
    except InvalidInput as exc:
        raise NotFound(exc.reason) from None
    return CountryDetailOut(
        **CountryOut.model_validate(c).model_dump(),
        neighbours=[NeighbourOut(iso2=code, length_km=km) for code, km in neighbours(c.iso2)],
    )


@router.get("/region")
def region_of_point(
    lat: Annotated[float, Query(description="Latitude [deg], north positive, -90 to 90.")],
    lon: Annotated[float, Query(description="Longitude [deg], east positive.")],
) -> RegionOut:
    """The ITU Region of a point (RR Nos. 5.3-5.9, with the No. 5.3 country exceptions)."""
    region = int(itu_region_of_point(lat, lon))
    return RegionOut(lat_deg=lat, lon_deg=lon, itu_region=region)
