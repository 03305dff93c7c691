"""Countries and territories, with their ITU Region.

The set: the 193 Member States of the United Nations, the Holy See, Palestine, Taiwan and
Kosovo, and the dependent territories drawn in the Natural Earth 1:110m map (Greenland,
Puerto Rico, New Caledonia, the Falkland Islands (Malvinas), the French Southern
Territories and Western Sahara), and Guam and the British Indian Ocean Territory, which
RR footnotes name ("Guam", "Diego Garcia"). Whether a country is an ITU Member State is
not recorded here.

Codes are ISO 3166-1 alpha-2 and alpha-3 (Kosovo: the user-assigned XK / XKX that the
European Commission and most registries use). Names are the United Nations' short names
(M49), for other entities their common English name.

The ITU Region (``region_source``):

* ``"earth-frequencies"``: the country -> Region table of the earth-frequencies project
  (data/geo/itu-regions.tsv), where it lists the country;
* ``"RR 5.2-5.9"``: otherwise, the Region of a representative point of the country by
  `openitu.geo.regions.itu_region_of_point` (lines A, B, C and the country exceptions of
  RR Nos. 5.3 and 5.5; see that module for the text followed). The point is an interior
  point of the country's largest Natural Earth 1:110m polygon, or, for countries too
  small for that map, the CIA World Factbook's "geographic coordinates".
"""

from __future__ import annotations

import csv
import functools
import io
from dataclasses import dataclass
from importlib import resources
from typing import Final

from openitu.errors import InvalidInput
from openitu.geo import polygons
from openitu.geo.regions import itu_region_of_point

REGION_SOURCE_FILE: Final = "earth-frequencies"
REGION_SOURCE_RR: Final = "RR 5.2-5.9"


@dataclass(frozen=True, slots=True)
class Country:
    """A country or territory: ISO codes, name and ITU Region (1, 2 or 3)."""

    iso2: str
    iso3: str
    name: str
    itu_region: int
    region_source: str


@dataclass(frozen=True, slots=True)
class RepresentativePoint:
    """The point a country's Region is computed at when the reference file lacks it."""

    lat_deg: float
    lon_deg: float
    source: str  # "natural-earth-110m" (interior of the largest polygon) or "world-factbook"


def _text(name: str) -> str:
    return resources.files("openitu").joinpath("data", "geo", name).read_text(encoding="utf-8")


@functools.cache
def _rows() -> tuple[dict[str, str], ...]:
    return tuple(csv.DictReader(io.StringIO(_text("countries.tsv")), delimiter="\t"))


@functools.cache
def file_regions() -> dict[str, int]:
    """The earth-frequencies country -> Region table, keyed by upper-case ISO2.

    Rows that are not countries (the Regions themselves: ``itu1``, ``itu2``, ``itu3``)
    are left out.
    """
    reader = csv.DictReader(io.StringIO(_text("itu-regions.tsv")), delimiter="\t")
    regions: dict[str, int] = {}
    for row in reader:
        code = row["region_code"].strip()
        if len(code) != 2:
            continue
        regions[code.upper()] = int(row["itu_region"].removeprefix("itu"))
    return regions


@functools.cache
def representative_point(iso2: str) -> RepresentativePoint:
    """The point at which ``iso2``'s Region is decided by the RR lines."""
    row = _row(iso2)
    rings = polygons.country_rings().get(row["iso3"])
    if rings:
        lat, lon = polygons.interior_point(rings)
        return RepresentativePoint(lat, lon, "natural-earth-110m")
    return RepresentativePoint(
        float(row["factbook_lat_deg"]), float(row["factbook_lon_deg"]), "world-factbook"
    )


def region_by_rr_lines(iso2: str) -> int:
    """The Region of ``iso2``'s representative point by RR Nos. 5.3-5.9 (with exceptions)."""
    point = representative_point(iso2)
    return int(itu_region_of_point(point.lat_deg, point.lon_deg))


@functools.cache
def _by_iso2() -> dict[str, dict[str, str]]:
    return {row["iso2"]: row for row in _rows()}


def _row(iso2: str) -> dict[str, str]:
    code = iso2.strip().upper() if isinstance(iso2, str) else ""
    row = _by_iso2().get(code)
    if row is None:
        shown = code or iso2
        raise InvalidInput("country", f"unknown ISO 3166-1 alpha-2 code {shown!r}")
    return row


@functools.cache
def _country(code: str) -> Country:
    row = _by_iso2()[code]
    from_file = file_regions().get(code)
    if from_file is not None:
        region, source = from_file, REGION_SOURCE_FILE
    else:
        region, source = region_by_rr_lines(code), REGION_SOURCE_RR
    return Country(row["iso2"], row["iso3"], row["name"], region, source)


def country(iso2: str) -> Country:
    """The country with ISO 3166-1 alpha-2 code ``iso2`` (any case).

    Raises `InvalidInput` (field ``country``) for an unknown code.
    """
    return _country(_row(iso2)["iso2"])


@functools.cache
def all_countries() -> tuple[Country, ...]:
    """Every country and territory known, ordered by ISO2 code."""
    return tuple(_country(row["iso2"]) for row in _rows())


def itu_region_of_country(iso2: str) -> int:
    """The ITU Region (1, 2 or 3) of a country; see `country`."""
    return country(iso2).itu_region
