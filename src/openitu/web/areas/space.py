"""/space: the geostationary arc chart, and a network's page (its filing's steps and
dates, its time limits and its coordination status)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from openitu.errors import InvalidInput, NotFound
from openitu.service.auth import public
from openitu.service.deps import ContextDep, SessionDep
from openitu.space import chart
from openitu.store import space as repository
from openitu.usecases import space as usecases
from openitu.web.pages import render, render_error

router = APIRouter(prefix="/space", include_in_schema=False, dependencies=[public])


def _marks(session: SessionDep) -> list[chart.Mark]:
    return [
        chart.Mark(
            network_id=n.id,
            name=n.name,
            longitude_deg=n.longitude_deg,
            bands=n.bands,
            catalogue=n.source != repository.FILING,
            administration=n.administration,
        )
        for n in repository.list_networks(session, orbit="gso")
        if n.longitude_deg is not None
    ]


@router.get("", response_class=HTMLResponse)
def arc_page(
    request: Request,
    session: SessionDep,
    network: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
) -> Response:
    """The GSO arc: networks by longitude and band; a selected network's arc shaded."""
    marks = _marks(session)
    selected = None
    if network is not None:
        selected = next((m for m in marks if m.network_id == network and not m.catalogue), None)
        if selected is None:
            return render_error(request, status=404, title="Not found",
                                detail=f"no filed GSO network {network}")  # fmt: skip
    filed = [m for m in marks if not m.catalogue]
    return render(
        request,
        "space/index.html",
        svg=chart.arc_chart_svg(marks, selected=selected),
        filed=filed,
        catalogue_count=len(marks) - len(filed),
        selected=selected,
    )


@router.get("/networks/{network_id}", response_class=HTMLResponse)
def network_page(
    request: Request,
    network_id: int,
    session: SessionDep,
    context: ContextDep,
    as_of: Annotated[str | None, Query(max_length=10)] = None,
) -> Response:
    """A network: its beams, its filing's steps and dates, time limits, coordination."""
    try:
        day = date.fromisoformat(as_of) if as_of else date.today()
    except ValueError:
        return render_error(request, status=422, title="Bad date",
                            detail="as_of: expected YYYY-MM-DD")  # fmt: skip
    try:
        row, network = repository.get_network(session, network_id)
    except NotFound as exc:
        return render_error(request, status=404, title="Not found", detail=exc.detail)
    try:
        dates = usecases.deadlines(session, network_id=network_id, as_of=day)
    except InvalidInput as exc:
        return render_error(request, status=422, title="Bad date", detail=exc.one_line())
    coordination = None
    error = None
    try:
        filed = context.cached("space", "beams", repository.beam_table, session=session)
        coordination = usecases.affected(session, network_id=network_id, filed=filed)
    except InvalidInput as exc:
        error = exc.reason
    return render(
        request,
        "space/network.html",
        row=row,
        network=network,
        dates=dates,
        coordination=coordination,
        coordination_error=error,
        as_of=day.isoformat(),
    )
