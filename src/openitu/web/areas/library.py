"""/library: search the publications catalogue."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from openitu.errors import InvalidInput
from openitu.service.auth import public
from openitu.service.deps import SessionDep
from openitu.usecases import library as usecases
from openitu.web.pages import render

router = APIRouter(prefix="/library", include_in_schema=False, dependencies=[public])


@router.get("", response_class=HTMLResponse)
def search_page(
    request: Request, session: SessionDep, q: str = "", sector: str = "", series: str = ""
) -> Response:
    """A search box; the matching Recommendations, best first."""
    hits: list[dict[str, Any]] | None = None
    error = None
    if q.strip():
        try:
            hits = usecases.search(session, query=q, sector=sector or None, series=series or None)
        except InvalidInput as exc:
            error = f"{exc.field}: {exc.reason}"
    return render(
        request,
        "library/index.html",
        status_code=422 if error else 200,
        q=q,
        sector=sector,
        series=series,
        hits=hits,
        error=error,
    )
