"""/spectrum: the Table of Frequency Allocations as a page, with its chart.

What users do in the ITU's online table and in EFIS, on one page: pick the edition (or
the one in force on a date), look up a frequency in a Region or a country, check an
assignment's conformity, see what changed between two editions, and zoom the chart.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Final

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from openitu.errors import InvalidInput, NotFound
from openitu.service.auth import public
from openitu.service.context import AppContext
from openitu.service.deps import ContextDep
from openitu.spectrum import queries
from openitu.spectrum.chart import chart_bands, legend, spectrum_chart_svg
from openitu.spectrum.table import AllocationTable, check_region
from openitu.store import spectrum as repository
from openitu.units import format_frequency, parse_frequency_hz
from openitu.usecases import spectrum as usecases
from openitu.web.pages import render

router = APIRouter(prefix="/spectrum", include_in_schema=False, dependencies=[public])

DEFAULT_LOW = "8.3 kHz"
DEFAULT_HIGH = "275 GHz"
_BARE_NUMBER: Final = re.compile(r"^\s*[0-9]+(?:\.[0-9]*)?\s*$")


def page_frequency(text: str, *, field: str) -> str:
    """A frequency typed on the page: a bare number is refused with a hint, because a
    person typing "2450" means MHz far more often than Hz (the API and CLI still read
    a bare number as Hz, as the machine interface documents)."""
    if _BARE_NUMBER.match(text):
        raise InvalidInput(field, f"add a unit: {text.strip()} MHz?")
    return text


def _editions(context: AppContext) -> list[dict[str, str]]:
    with context.sessions() as session:
        return [
            {
                "id": row.id,
                "title": row.title,
                "entry_into_force": row.entry_into_force.isoformat(),
            }
            for row in repository.list_editions(session)
        ]


def _source_labels(sources: list[dict[str, Any]]) -> list[str]:
    """What each change cites, once: several amendments of one band often cite one page."""
    labels = (
        f"{s['conference'] or s['edition']}: {s['source']}"
        if s["source"]
        else s["conference"] or s["edition"]
        for s in sources
    )
    return list(dict.fromkeys(labels))


def _chosen_table(
    context: AppContext, edition: str, on: str, errors: dict[str, str]
) -> AllocationTable:
    """The edition asked for by id, else the one in force on the date, else today's."""
    if edition:
        try:
            return context.allocation_table(edition=edition)
        except NotFound as missing:
            errors["edition"] = str(missing)
    elif on:
        try:
            return context.allocation_table(on=date.fromisoformat(on))
        except ValueError:
            errors["date"] = f"expected YYYY-MM-DD, got {on!r}"
        except NotFound as missing:
            errors["date"] = str(missing)
    return context.allocation_table()


@router.get("", response_class=HTMLResponse)
def spectrum_page(
    request: Request,
    context: ContextDep,
    frequency: Annotated[str | None, Query()] = None,
    region: Annotated[str | None, Query()] = None,
    country: Annotated[str | None, Query()] = None,
    low: Annotated[str, Query()] = DEFAULT_LOW,
    high: Annotated[str, Query()] = DEFAULT_HIGH,
    chart_region: Annotated[str, Query()] = "all",
    edition: Annotated[str, Query()] = "",
    on: Annotated[str, Query(alias="date")] = "",
    service: Annotated[str, Query()] = "",
    assign_low: Annotated[str, Query()] = "",
    assign_high: Annotated[str, Query()] = "",
    assign_region: Annotated[str, Query()] = "",
    assign_country: Annotated[str, Query()] = "",
    diff_from: Annotated[str, Query()] = "",
    diff_to: Annotated[str, Query()] = "",
) -> Response:
    """Look up a frequency; check an assignment; compare editions; see the chart."""
    errors: dict[str, str] = {}
    table = _chosen_table(context, edition.strip(), on.strip(), errors)
    editions = _editions(context)
    result: dict[str, Any] | None = None
    if frequency:
        try:
            result = queries.allocations_at(
                table,
                frequency=page_frequency(frequency, field="frequency"),
                region=region or None,
                country=country or None,
            )
        except InvalidInput as exc:
            errors[exc.field] = exc.reason
    check: dict[str, Any] | None = None
    if service:
        try:
            check = queries.check_assignment(
                table,
                service=service,
                low=page_frequency(assign_low, field="low"),
                high=page_frequency(assign_high, field="high"),
                region=assign_region or None,
                country=assign_country or None,
            )
        except InvalidInput as exc:
            errors["assign_" + exc.field if exc.field != "service" else "service"] = exc.reason
    diff: dict[str, Any] | None = None
    if diff_from and diff_to:
        try:
            old_table = context.allocation_table(edition=diff_from)
            new_table = context.allocation_table(edition=diff_to)
            with context.sessions() as session:
                diff = usecases.edition_diff(session, old=old_table, new=new_table)
            for change in (*diff["bands"], *diff["footnotes"]):
                change["source_labels"] = _source_labels(change["sources"])
        except NotFound as missing:
            errors["diff"] = str(missing)
    chart = ""
    shown: list[Any] = []
    try:
        low_hz = parse_frequency_hz(page_frequency(low, field="low"), field="low")
        high_hz = parse_frequency_hz(page_frequency(high, field="high"), field="high")
        if not 0 < low_hz < high_hz:
            raise InvalidInput("low", "must be above 0 and below high")
        high_hz = min(high_hz, table.top_hz)
        regions = (1, 2, 3) if chart_region == "all" else (check_region(chart_region),)
        chart = spectrum_chart_svg(table, low_hz=low_hz, high_hz=high_hz, regions=regions)
        shown = chart_bands(table, low_hz=low_hz, high_hz=high_hz, regions=regions)
    except InvalidInput as exc:
        errors[exc.field if exc.field != "region" else "chart_region"] = exc.reason
    status = 422 if errors else 200
    return render(
        request,
        "spectrum/index.html",
        status_code=status,
        edition=table.edition,
        editions=editions,
        result=result,
        check=check,
        diff=diff,
        errors=errors,
        chart=chart,
        legend=legend(shown),
        form={
            "frequency": frequency or "",
            # With a country and no Region, the country's Region is meant.
            "region": region or ("" if country else "1"),
            "country": country or "",
            "low": low,
            "high": high,
            "chart_region": chart_region,
            "edition": edition,
            "date": on,
            "service": service,
            "assign_low": assign_low,
            "assign_high": assign_high,
            "assign_region": assign_region,
            "assign_country": assign_country,
            "diff_from": diff_from,
            "diff_to": diff_to,
        },
        format_frequency=format_frequency,
    )
