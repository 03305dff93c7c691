"""Load the RR 2012 Table into the database, once."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy.orm import Session, sessionmaker

from openitu.spectrum.reference import EDITION_ID, rr2012_edition
from openitu.store import spectrum as repository
from openitu.store import versions
from openitu.store.tables.spectrum import EditionRow


def load(sessions: sessionmaker[Session]) -> Iterator[str]:
    with sessions() as session, session.begin():
        if session.get(EditionRow, EDITION_ID) is not None:
            yield f"spectrum: edition {EDITION_ID} already loaded"
            return
        edition = rr2012_edition()
        repository.add_edition(session, edition)
        versions.bump(session, "spectrum")
    yield (
        f"spectrum: loaded edition {EDITION_ID}: {len(edition.bands)} bands, "
        f"{len(edition.footnotes)} footnotes"
    )
