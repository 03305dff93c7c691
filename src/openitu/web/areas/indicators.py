"""/indicators: a world map and a chart of one indicator, the index ranking and the gaps
between groups of countries; each picture as SVG (and PNG, drawn from it in the browser),
the figures as CSV; a country's page (its figures and its index by both methods, pillar by
pillar, the indicators it lacks named); and the secretariat's load of a file of newer
figures."""

from __future__ import annotations

import csv
import io
from typing import Annotated, Any

from fastapi import APIRouter, File, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from openitu.errors import InvalidInput, NotFound, OpenITUError
from openitu.indicators import chart
from openitu.indicators.catalogue import BY_CODE, INDICATORS, LoadFileInvalid
from openitu.service.auth import CurrentPrincipalDep, csrf_protected, public
from openitu.service.deps import SessionDep
from openitu.usecases import indicators as usecases
from openitu.web.pages import render, render_error, render_form, uploaded_text

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


GROUPINGS = {"region": "ITU Region", "development": "least developed countries and the others"}


@router.get("", response_class=HTMLResponse)
def page(
    request: Request,
    session: SessionDep,
    indicator: str = DEFAULT,
    method: str = "idi2023",
    by: str = "region",
    country: str = "",
) -> Response:
    """The map and chart of ``indicator``, the ranking by ``method`` with its pillars, the
    gaps between groups (``by``); ``country`` (ISO2 or ISO3) leads to that country's page."""
    if country.strip():
        try:
            code = usecases.country_code(country[:20])
        except (InvalidInput, NotFound) as exc:
            return _main_page(request, session, indicator=DEFAULT, method="idi2023",
                              by="region", errors={"country": _reason(exc)},
                              country=country[:20])  # fmt: skip
        return RedirectResponse(f"/indicators/countries/{code}", status_code=303)
    return _main_page(request, session, indicator=indicator, method=method, by=by)


def _reason(exc: OpenITUError) -> str:
    return exc.reason if isinstance(exc, InvalidInput) else exc.detail


def _main_page(
    request: Request,
    session: SessionDep,
    *,
    indicator: str,
    method: str,
    by: str,
    errors: dict[str, str] | None = None,
    country: str = "",
) -> Response:
    errors = dict(errors or {})
    try:
        rows, map_svg, bars = _pictures(session, indicator)
        ranking = usecases.index(session, method=method)
        gaps = usecases.gaps(session, by=by, indicator=indicator)
        index_gaps = usecases.gaps(session, by=by, method=method)
    except InvalidInput as exc:
        errors[exc.field if exc.field in ("indicator", "method", "by") else "form"] = exc.reason
        return render(request, "indicators/index.html", status_code=422, error=None,
                      errors=errors, indicators=MAPPED, indicator=DEFAULT, method="idi2023",
                      by="region", groupings=GROUPINGS, rows=[], map_svg="", chart_svg="",
                      ranking=None, gaps=None, index_gaps=None, meta=None,
                      country=country)  # fmt: skip
    return render(
        request, "indicators/index.html", status_code=422 if errors else 200, error=None,
        errors=errors, indicators=MAPPED, indicator=indicator, meta=BY_CODE[indicator],
        method=method, by=by, groupings=GROUPINGS, rows=rows, map_svg=map_svg,
        chart_svg=bars, ranking=ranking, gaps=gaps, index_gaps=index_gaps,
        names=_names(), country=country,
    )  # fmt: skip


def _names() -> dict[str, str]:
    """The indicators' names, for naming what a country lacks."""
    return {i.code: i.name for i in INDICATORS}


@router.get("/countries/{code}", response_class=HTMLResponse)
def country_page(request: Request, code: str, session: SessionDep) -> Response:
    """A country: each figure with its unit, year and source; its index by both methods,
    pillar by pillar, and the indicators it lacks; its rank."""
    try:
        profile = usecases.country_profile(session, code=code[:20])
    except (InvalidInput, NotFound) as exc:
        status = 404 if isinstance(exc, NotFound) else 422
        return render_error(request, status=status, title="No such country", detail=exc.detail)
    ranks = {}
    for method in profile["index"]:
        ranking = usecases.index(session, method=method)
        ranks[method] = {
            "rank": next((r["rank"] for r in ranking["results"]
                          if r["country"] == profile["country"]), None),
            "of": ranking["computable"], "title": ranking["title"], "scale": ranking["scale"],
        }  # fmt: skip
    return render(request, "indicators/country.html", profile=profile, ranks=ranks,
                  catalogue=BY_CODE, names=_names())  # fmt: skip


@router.get("/load", response_class=HTMLResponse)
def load_form(request: Request, principal: CurrentPrincipalDep) -> Response:
    """The secretariat's form for a file of newer figures (docs/indicators.md)."""
    return render_form(request, "indicators/load.html", principal=principal, errors={},
                       row_errors=[], loaded=None)  # fmt: skip


@router.post("/load", response_class=HTMLResponse, dependencies=[csrf_protected])
async def load(
    request: Request,
    principal: CurrentPrincipalDep,
    session: SessionDep,
    file: Annotated[UploadFile, File()],
) -> Response:
    """Load the file, all rows or none: a bad file names each bad row and field."""

    def again(status: int, errors: dict[str, str], rows: list[dict[str, Any]]) -> Response:
        return render_form(request, "indicators/load.html", status_code=status,
                           principal=principal, errors=errors, row_errors=rows,
                           loaded=None)  # fmt: skip

    try:
        text = await uploaded_text(file, missing="choose a CSV file in the ITU's layout")
        loaded = usecases.load_csv(session, principal=principal, text=text)
    except LoadFileInvalid as exc:
        return again(422, {"file": exc.detail}, [e.as_dict() for e in exc.errors])
    except InvalidInput as exc:
        return again(422, {"file": exc.detail if exc.field != "file" else exc.reason}, [])
    except OpenITUError as exc:
        return render_error(request, status=exc.status, title=exc.title, detail=exc.detail)
    return render_form(request, "indicators/load.html", principal=principal, errors={},
                       row_errors=[], loaded=loaded)  # fmt: skip


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
