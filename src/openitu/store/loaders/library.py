"""Load the seed catalogue (the Recommendations this system implements and cites).

Idempotent: an entry is added only when no row has its key (its version).
"""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy.orm import Session, sessionmaker

from openitu.library.catalogue import seed
from openitu.store import library as repository
from openitu.store import versions


def load(sessions: sessionmaker[Session]) -> Iterator[str]:
    publications = seed()
    with sessions() as session, session.begin():
        known = repository.keys(session)
        added = 0
        for publication in publications:
            if publication.key in known:
                continue
            repository.add(session, publication)
            known.add(publication.key)
            added += 1
        if added:
            versions.bump(session, "library")
    yield f"library: {len(publications)} Recommendations in the seed catalogue ({added} added)"
