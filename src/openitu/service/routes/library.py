"""`/api/library`: search the publications catalogue (public read)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from openitu.service.auth import public
from openitu.service.deps import SessionDep
from openitu.usecases import library as usecases

router = APIRouter(prefix="/api/library", tags=["library"], dependencies=[public])


@router.get("/search")
def search(
    session: SessionDep,
    q: Annotated[str, Query(description="words to find, e.g. rain attenuation earth-space")],
    sector: Annotated[str | None, Query(description="R, T or D")] = None,
    series: Annotated[str | None, Query(description="e.g. P, S, E")] = None,
    status: Annotated[str | None, Query(description="in force, superseded, withdrawn")] = None,
    limit: Annotated[int, Query(description="at most 100")] = 20,
) -> list[dict[str, Any]]:
    """Catalogue entries matching the words, best first, each with its score."""
    return usecases.search(
        session, query=q, sector=sector, series=series, status=status, limit=limit
    )


@router.get("/publications/{sector}/{reference}")
def publication(session: SessionDep, sector: str, reference: str) -> dict[str, Any]:
    """A Recommendation (`R` and `P.452`): its catalogued versions, the one in force, what
    superseded the others, and where this system computes what it specifies."""
    return usecases.publication(session, sector=sector, reference=reference)
