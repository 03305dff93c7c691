"""`openitu geo ...`: countries, their ITU Region, the Region of a point, borders."""

from __future__ import annotations

from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from openitu.cli.common import emit, emit_json
from openitu.cli.options import JsonFlag
from openitu.geo.borders import neighbours
from openitu.geo.countries import Country, all_countries, country
from openitu.geo.names import countries_in_text
from openitu.geo.regions import itu_region_of_point

NAME = "geo"
app = typer.Typer(help="Countries, ITU Regions (RR Nos. 5.2-5.9), borders.", no_args_is_help=True)


def country_document(c: Country) -> dict[str, Any]:
    return {
        "iso2": c.iso2,
        "iso3": c.iso3,
        "name": c.name,
        "itu_region": c.itu_region,
        "region_source": c.region_source,
    }


@app.command("country")
def country_command(
    iso2: str = typer.Argument(..., help="ISO 3166-1 alpha-2 code, e.g. DE."),
    as_json: JsonFlag = False,
) -> None:
    """A country: codes, name, ITU Region and land borders."""
    c = country(iso2)
    document = country_document(c) | {
        "neighbours": [{"iso2": code, "length_km": km} for code, km in neighbours(c.iso2)]
    }
    if as_json:
        emit_json(document)
        return
    console = Console()
    console.print(f"{c.name} ({c.iso2}/{c.iso3}): ITU Region {c.itu_region} [{c.region_source}]")
    if document["neighbours"]:
        borders = ", ".join(f"{n['iso2']} {n['length_km']:g} km" for n in document["neighbours"])
        console.print(f"Land borders: {borders}")


@app.command("countries")
def countries_command(
    region: int | None = typer.Option(None, "--region", help="Only this ITU Region (1-3)."),
    as_json: JsonFlag = False,
) -> None:
    """Every country and territory known, with its ITU Region."""
    rows = [c for c in all_countries() if region is None or c.itu_region == region]
    if as_json:
        emit_json([country_document(c) for c in rows])
        return
    table = Table(title="Countries")
    for column in ("iso2", "iso3", "name", "region", "source"):
        table.add_column(column)
    for c in rows:
        table.add_row(c.iso2, c.iso3, c.name, str(c.itu_region), c.region_source)
    Console().print(table)


@app.command("region")
def region_command(
    lat: float = typer.Option(..., "--lat", help="Latitude (deg), north positive."),
    lon: float = typer.Option(..., "--lon", help="Longitude (deg), east positive."),
    lines_only: bool = typer.Option(
        False, "--lines-only", help="Lines A, B, C alone, without the RR No. 5.3 exceptions."
    ),
    as_json: JsonFlag = False,
) -> None:
    """The ITU Region of a point (RR Nos. 5.3-5.9)."""
    region = int(itu_region_of_point(lat, lon, country_exceptions=not lines_only))
    document = {"lat_deg": lat, "lon_deg": lon, "itu_region": region}
    emit(document, as_json, f"{lat:g}, {lon:g}: ITU Region {region}")


@app.command("names")
def names_command(
    text: str = typer.Argument(..., help="A Radio Regulations text, e.g. a footnote."),
    as_json: JsonFlag = False,
) -> None:
    """The countries a Radio Regulations text names, in order of appearance."""
    codes = countries_in_text(text)
    emit(codes, as_json, " ".join(codes))
