"""Load the RR 2012 Table into the database, then the later editions OpenITU ships as
amendment files (`data/spectrum/amendments/*.json`, in order of entry into force)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from openitu.spectrum.amendment_file import build_edition, read_amendment_file
from openitu.spectrum.reference import EDITION_ID, rr2012_edition
from openitu.store import spectrum as repository
from openitu.store import versions
from openitu.store.tables.spectrum import EditionRow

AMENDMENTS_DIR = Path(__file__).resolve().parents[2] / "data" / "spectrum" / "amendments"


def shipped_amendment_files() -> list[dict[str, Any]]:
    """The amendment files shipped with the package, oldest edition first."""
    documents = [
        json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(AMENDMENTS_DIR.glob("*.json"))
    ]
    return sorted(documents, key=lambda d: str(d["edition"]["entry_into_force"]))


def load(sessions: sessionmaker[Session]) -> Iterator[str]:
    with sessions() as session, session.begin():
        if session.get(EditionRow, EDITION_ID) is not None:
            yield f"spectrum: edition {EDITION_ID} already loaded"
        else:
            edition = rr2012_edition()
            repository.add_edition(session, edition)
            versions.bump(session, "spectrum")
            yield (
                f"spectrum: loaded edition {EDITION_ID}: {len(edition.bands)} bands, "
                f"{len(edition.footnotes)} footnotes"
            )
    for document in shipped_amendment_files():
        edition_id = str(document["edition"]["id"])
        with sessions() as session, session.begin():
            if session.get(EditionRow, edition_id) is not None:
                yield f"spectrum: edition {edition_id} already loaded"
                continue
            amendment_file = read_amendment_file(document)
            base = repository.edition_amended(
                session,
                based_on=amendment_file.based_on,
                entry_into_force=amendment_file.entry_into_force,
            )
            added = build_edition(base, amendment_file)
            repository.add_edition(session, added, amendments=amendment_file.sourced())
            versions.bump(session, "spectrum")
        yield (
            f"spectrum: loaded edition {added.id} ({len(amendment_file.amendments)} amendments"
            f" to {added.based_on})"
        )
