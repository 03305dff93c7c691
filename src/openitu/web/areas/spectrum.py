"""/spectrum: the Table of Frequency Allocations as a page, with its chart."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from openitu.errors import InvalidInput
from openitu.service.auth import public
from openitu.service.deps import ContextDep
from openitu.spectrum import queries
from openitu.spectrum.chart import legend, spectrum_chart_svg
from openitu.spectrum.table import check_region
from openitu.units import format_frequency, parse_frequency_hz
from openitu.web.pages import render

router = APIRouter(prefix="/spectrum", include_in_schema=False, dependencies=[public])

DEFAULT_LOW = "8.3 kHz"
DEFAULT_HIGH = "275 GHz"


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
) -> Response:
    """Look up a frequency; see the chart over a range, per Region."""
    table = context.allocation_table()
    errors: dict[str, str] = {}
    result: dict[str, Any] | None = None
    if frequency:
        try:
            result = queries.allocations_at(
                table, frequency=frequency, region=region or None, country=country or None
            )
        except InvalidInput as exc:
            errors[exc.field] = exc.reason
    chart = ""
    try:
        low_hz = parse_frequency_hz(low, field="low")
        high_hz = parse_frequency_hz(high, field="high")
        if not 0 < low_hz < high_hz:
            raise InvalidInput("low", "must be above 0 and below high")
        high_hz = min(high_hz, table.top_hz)
        regions = (1, 2, 3) if chart_region == "all" else (check_region(chart_region),)
        chart = spectrum_chart_svg(table, low_hz=low_hz, high_hz=high_hz, regions=regions)
    except InvalidInput as exc:
        errors[exc.field if exc.field != "region" else "chart_region"] = exc.reason
    status = 422 if errors else 200
    return render(
        request,
        "spectrum/index.html",
        status_code=status,
        edition=table.edition,
        result=result,
        errors=errors,
        chart=chart,
        legend=legend(table),
        form={
            "frequency": frequency or "",
            "region": region or "1",
            "country": country or "",
            "low": low,
            "high": high,
            "chart_region": chart_region,
        },
        format_frequency=format_frequency,
    )
