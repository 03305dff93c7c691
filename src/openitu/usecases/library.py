"""Use cases of the publications catalogue. Search is a read: anyone may ask, nothing is
written or audited. The catalogue is filled by `openitu.store.loaders.library`."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from sqlalchemy.orm import Session

from openitu.errors import NotFound
from openitu.library.catalogue import (
    COMPUTATIONS,
    SECTORS,
    check_filters,
    hit_document,
    parse_reference,
    publication_document,
    search_terms,
)
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


def publication(session: Session, *, sector: str, reference: str) -> dict[str, Any]:
    """A Recommendation (``sector`` "R", ``reference`` "P.452"): its catalogued versions,
    oldest first, the one in force, what superseded the others, and where this system
    computes what it specifies."""
    code, series, number = parse_reference(sector, reference)
    found = repository.versions(session, code, series, number)
    cited = f"{SECTORS[code]} {series}.{number}"
    if not found:
        raise NotFound(f"{cited} is not in the catalogue")
    in_force = [p for p in found if p.status == "in force"]
    return {
        "id": cited,
        "title": found[-1].title,
        "in_force": publication_document(in_force[-1]) if in_force else None,
        "versions": [publication_document(p) for p in found],
        "computations": [asdict(c) for c in COMPUTATIONS.get(cited, ())],
    }
