"""The publications catalogue: rows <-> `Publication`, and ranked full-text search.

SQLite ranks with FTS5's bm25 (reference and title weigh most, then keywords, then the
abstract); PostgreSQL with ts_rank over the weighted generated tsvector. Both match any
of the query's terms, so a query with one unknown word still finds, and an entry that
matches more of the terms (and in weightier fields) ranks higher.
"""

from __future__ import annotations

import json

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from openitu.library.catalogue import SECTORS, Hit, Publication
from openitu.store.rows import columns, from_row
from openitu.store.tables.library import LibraryPublication

# bm25 weights per FTS5 column: reference, title, keywords, abstract.
_BM25 = "bm25(library_search, 10.0, 6.0, 4.0, 1.0)"


def _reference(p: Publication) -> str:
    # "P 452" as well as "P.452": both tokenizers keep "p.452"-like runs differently.
    return f"{p.id} {p.series} {p.number} {p.series}{p.number}"


def _to_publication(row: LibraryPublication) -> Publication:
    return from_row(
        Publication,
        row,
        superseded_by=tuple(json.loads(row.superseded_by)),
        keywords=tuple(k for k in row.keywords.split("; ") if k),
    )


def keys(session: Session) -> set[str]:
    return set(session.scalars(select(LibraryPublication.key)))


def add(session: Session, publication: Publication) -> None:
    session.add(
        LibraryPublication(
            **columns(
                publication,
                key=publication.key,
                reference=_reference(publication),
                superseded_by=json.dumps(list(publication.superseded_by)),
                keywords="; ".join(publication.keywords),
            )
        )
    )


def get(session: Session, key: str) -> Publication | None:
    row = session.scalar(select(LibraryPublication).where(LibraryPublication.key == key))
    return None if row is None else _to_publication(row)


def versions(session: Session, sector: str, series: str, number: str) -> list[Publication]:
    """Every catalogued version of one Recommendation, oldest first (by approval month,
    then version)."""
    rows = session.scalars(
        select(LibraryPublication).where(
            LibraryPublication.sector == sector,
            LibraryPublication.series == series,
            LibraryPublication.number == number,
        )
    ).all()
    found = [_to_publication(row) for row in rows]
    return sorted(found, key=lambda p: (p.approved or "", p.key))


def count(session: Session) -> int:
    return len(keys(session))


def search(
    session: Session,
    terms: list[str],
    *,
    sector: str | None = None,
    series: str | None = None,
    status: str | None = None,
    limit: int = 20,
) -> list[Hit]:
    """Entries matching any of ``terms`` (plain lower-case words), best first."""
    assert sector is None or sector in SECTORS
    filters = []
    params: dict[str, object] = {"limit": limit}
    for name, value in (("sector", sector), ("series", series), ("status", status)):
        if value is not None:
            filters.append(f"p.{name} = :{name}")
            params[name] = value
    where = "".join(f" AND {f}" for f in filters)
    if session.get_bind().dialect.name == "postgresql":
        params["query"] = " | ".join(terms)
        sql = (
            "SELECT p.id, ts_rank(p.search, q) AS score FROM library_publications p, "
            "to_tsquery('english', :query) q WHERE p.search @@ q"
            f"{where} ORDER BY score DESC, p.key LIMIT :limit"
        )
    else:
        params["query"] = " OR ".join(f'"{t}"' for t in terms)
        sql = (
            f"SELECT p.id, -{_BM25} AS score FROM library_search "
            "JOIN library_publications p ON p.id = library_search.rowid "
            f"WHERE library_search MATCH :query{where} ORDER BY score DESC, p.key LIMIT :limit"
        )
    ranked = [(int(r[0]), float(r[1])) for r in session.execute(text(sql), params)]
    if not ranked:
        return []
    rows = {
        row.id: row
        for row in session.scalars(
            select(LibraryPublication).where(LibraryPublication.id.in_([i for i, _ in ranked]))
        )
    }
    return [Hit(_to_publication(rows[i]), score) for i, score in ranked]
