"""Use cases of the publications catalogue. Search is a read: anyone may ask, nothing is
written or audited. The catalogue is filled by `openitu.store.loaders.library`."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from openitu.library.catalogue import check_filters, hit_document, search_terms
from openitu.store import library as repository


def search(
    session: Session,
    *,
    query: str,
    sector: str | None = None,
    series: str | None = None,
    status: str | None = None,
    limit: int = 20,
) -> list[dict[str, Any]]:
    """The entries that match ``query``, best first, as the machine interface's list."""
    terms = search_terms(query)
    sector, series, status = check_filters(sector=sector, series=series, status=status, limit=limit)
    hits = repository.search(
        session, terms, sector=sector, series=series, status=status, limit=limit
    )
    return [hit_document(hit) for hit in hits]
