"""/library: search the publications catalogue; a Recommendation's page with its
versions, what superseded them and where this system computes what it specifies."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from openitu.errors import InvalidInput, NotFound
from openitu.library.catalogue import STATUSES
from openitu.service.auth import public
from openitu.service.deps import SessionDep
from openitu.usecases import library as usecases
from openitu.web.pages import render, render_error

router = APIRouter(prefix="/library", include_in_schema=False, dependencies=[public])

SEARCH_FIELDS = ("q", "sector", "series", "status")


@router.get("", response_class=HTMLResponse)
def search_page(request: Request, session: SessionDep) -> Response:
    """A search box and its filters; the matching texts, best first, each linked to its
    page. A bad filter comes back next to its box."""
    form = {name: request.query_params.get(name, "")[:300] for name in SEARCH_FIELDS}
    hits: list[dict[str, Any]] | None = None
    errors: dict[str, str] = {}
    if any(form.values()):
        try:
            hits = usecases.search(session, query=form["q"], sector=form["sector"] or None,
                                   series=form["series"] or None,
                                   status=form["status"] or None)  # fmt: skip
        except InvalidInput as exc:
            errors[exc.field if exc.field in form else "q"] = exc.reason
    return render(
        request, "library/index.html", status_code=422 if errors else 200, form=form,
        hits=hits, errors=errors, statuses=STATUSES,
    )  # fmt: skip


@router.get("/{sector}/{reference}", response_class=HTMLResponse)
def publication_page(
    request: Request, sector: str, reference: str, session: SessionDep
) -> Response:
    """A Recommendation ("/library/R/P.452"): its versions and their status, the one in
    force, and the computations that follow it."""
    try:
        document = usecases.publication(session, sector=sector, reference=reference)
    except InvalidInput as exc:
        return render_error(request, status=422, title="Invalid input", detail=exc.detail)
    except NotFound as exc:
        return render_error(request, status=404, title="Not found", detail=exc.detail)
    return render(request, "library/publication.html", publication=document)
