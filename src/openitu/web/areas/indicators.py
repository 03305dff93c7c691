"""/indicators: a world map and a chart of one indicator, the index ranking and the gaps
between ITU Regions; each picture as SVG (and PNG, drawn from it in the browser), the
figures as CSV."""

from __future__ import annotations

import csv
import io
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from openitu.errors import InvalidInput
from openitu.indicators import chart
from openitu.indicators.catalogue import BY_CODE, INDICATORS
from openitu.service.auth import public
from openitu.service.deps import SessionDep
from openitu.usecases import indicators as usecases
from openitu.web.pages import render

router = APIRouter(prefix="/indicators", include_in_schema=False, dependencies=[public])

DEFAULT = "internet_users_pct"
# What a map and a chart are drawn for: the rates (counts and population are listed, not
# mapped, as their size says more about a country's size than about its connectivity).
MAPPED = tuple(i for i in INDICATORS if i.unit not in ("persons", "subscriptions"))


def _pictures(session: SessionDep, indicator: str) -> tuple[list[dict[str, Any]], str, str]:
    rows = usecases.indicator_values(session, indicator=indicator)
    meta = BY_CODE[indicator]
    values = {r["country"]: float(r["value"]) for r in rows}
    map_svg = chart.choropleth_svg(
        values, iso2_of_iso3=usecases.iso2_of_iso3(), title=meta.name, unit=meta.unit
    )
    bars = chart.bar_chart_svg(
        [(r["country"], r["name"], float(r["value"])) for r in rows],
        title=meta.name,
        unit=meta.unit,
    )
    return rows, map_svg, bars


@router.get("", response_class=HTMLResponse)
def page(
    request: Request, session: SessionDep, indicator: str = DEFAULT, method: str = "idi2023"
) -> Response:
    """The map and chart of ``indicator``, the ranking by ``method``, the Regions' gaps."""
    try:
        rows, map_svg, bars = _pictures(session, indicator)
        ranking = usecases.index(session, method=method)
        gaps = usecases.gaps(session, by="region", indicator=indicator)
    except InvalidInput as exc:
        error = f"{exc.field}: {exc.reason}"
        return render(request, "indicators/index.html", status_code=422, error=error,
                      indicators=MAPPED, indicator=DEFAULT, method="idi2023", rows=[],
                      map_svg="", chart_svg="", ranking=None, gaps=None, meta=None)  # fmt: skip
    return render(
        request,
        "indicators/index.html",
        error=None,
        indicators=MAPPED,
        indicator=indicator,
        meta=BY_CODE[indicator],
        method=method,
        rows=rows,
        map_svg=map_svg,
        chart_svg=bars,
        ranking=ranking,
        gaps=gaps,
    )


def _svg(text: str, name: str) -> Response:
    return Response(text, media_type="image/svg+xml",
                    headers={"Content-Disposition": f'inline; filename="{name}"'})  # fmt: skip


def _csv(text: str, name: str) -> Response:
    return Response(text, media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})  # fmt: skip


@router.get("/map.svg")
def map_svg(session: SessionDep, indicator: str = DEFAULT) -> Response:
    """The world map of ``indicator`` as an SVG file."""
    return _svg(_pictures(session, indicator)[1], f"{indicator}-map.svg")


@router.get("/chart.svg")
def chart_svg(session: SessionDep, indicator: str = DEFAULT) -> Response:
    """The bar chart of ``indicator`` as an SVG file."""
    return _svg(_pictures(session, indicator)[2], f"{indicator}-chart.svg")


@router.get("/export.csv")
def export_csv(session: SessionDep, indicator: str = DEFAULT) -> Response:
    """``indicator``'s newest value per country, in the load file's layout (plus the
    source and how a derived value was derived)."""
    rows = usecases.indicator_values(session, indicator=indicator)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["economy_iso3", "economy", "indicator", "year", "value", "source",
                     "derived_from"])  # fmt: skip
    for r in rows:
        writer.writerow([r["iso3"], r["name"], indicator, r["year"], repr(float(r["value"])),
                         r["source"], r.get("derived_from", "")])  # fmt: skip
    return _csv(out.getvalue(), f"{indicator}.csv")


@router.get("/index.csv")
def index_csv(session: SessionDep, method: str = "idi2023") -> Response:
    """Every country's index by ``method``: rank, value, pillars and what it lacks."""
    document = usecases.index(session, method=method)
    pillars = list(document["results"][0]["pillars"]) if document["results"] else []
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["country", "rank", "value", *pillars, "missing"])
    for r in document["results"]:
        writer.writerow([r["country"], r["rank"] or "", "" if r["value"] is None else r["value"],
                         *("" if r["pillars"][p] is None else r["pillars"][p] for p in pillars),
                         " ".join(r["missing"])])  # fmt: skip
    return _csv(out.getvalue(), f"{method}.csv")
