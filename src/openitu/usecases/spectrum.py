"""The Table's use cases that touch the database: new editions from amendment files, and
the differences between editions with the sources of each change.

Lookups, ranges and conformity are pure (`openitu.spectrum.queries`, over an
`AllocationTable` the adapters take from `AppContext.allocation_table`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session

from openitu.accounts.rights import Principal
from openitu.errors import InvalidInput, NotFound
from openitu.spectrum import eca, queries
from openitu.spectrum.amendment_file import (
    AmendmentFile,
    SourcedAmendment,
    build_edition,
    read_amendment_file,
)
from openitu.spectrum.model import Edition
from openitu.spectrum.table import AllocationTable
from openitu.store import audit
from openitu.store import spectrum as repository
from openitu.usecases.write import begin


def add_edition_from_file(session: Session, document: Any) -> tuple[Edition, AmendmentFile]:
    """Build and store the edition an amendment file describes."""
    amendment_file = read_amendment_file(document)
    try:
        base = repository.edition_amended(
            session,
            based_on=amendment_file.based_on,
            entry_into_force=amendment_file.entry_into_force,
        )
    except NotFound as missing:
        field = "edition.based_on" if amendment_file.based_on else "edition.entry_into_force"
        raise InvalidInput(field, str(missing)) from None
    edition = build_edition(base, amendment_file)
    repository.add_edition(session, edition, amendments=amendment_file.sourced())
    return edition, amendment_file


def amend_table(session: Session, *, principal: Principal, document: Any) -> dict[str, Any]:
    """A new edition of the Table from an amendment file (see
    `openitu.spectrum.amendment_file` for its format), in one transaction."""
    write = begin(session, principal=principal, right="table.amend", area="spectrum")
    edition, amendment_file = add_edition_from_file(session, document)
    digest = hashlib.sha256(audit.canonical_json(document).encode()).hexdigest()
    write.audit(
        "spectrum.edition.amend",
        entity="spectrum_edition",
        entity_id=edition.id,
        payload={
            "based_on": edition.based_on,
            "entry_into_force": edition.entry_into_force.isoformat(),
            "amendments": len(amendment_file.amendments),
            "file_sha256": digest,
        },
    )
    return {
        "edition": edition.id,
        "title": edition.title,
        "entry_into_force": edition.entry_into_force.isoformat(),
        "based_on": edition.based_on,
        "amendments": len(amendment_file.amendments),
    }


def _overlaps(amendment: dict[str, Any], region: int, low_hz: float, high_hz: float) -> bool:
    if "region" not in amendment:
        return False
    return (
        int(amendment["region"]) == region
        and float(amendment["low_hz"]) < high_hz
        and float(amendment["high_hz"]) > low_hz
    )


def _source_document(item: SourcedAmendment) -> dict[str, Any]:
    return {
        "edition": item.edition_id,
        "op": item.amendment["op"],
        "source": item.source or None,
        "conference": item.conference or None,
    }


def attach_sources(
    changes: dict[str, Any], amendments: Sequence[SourcedAmendment]
) -> dict[str, Any]:
    """Each change of a diff with the amendments that made it (what they cite as source)."""
    for band in changes["bands"]:
        band["sources"] = [
            _source_document(a)
            for a in amendments
            if _overlaps(a.amendment, band["region"], band["low_hz"], band["high_hz"])
        ]
    for note in changes["footnotes"]:
        note["sources"] = [
            _source_document(a)
            for a in amendments
            if a.amendment.get("footnote_id") == note["id"] and "region" not in a.amendment
        ]
    return changes


def edition_diff(session: Session, *, old: AllocationTable, new: AllocationTable) -> dict[str, Any]:
    """What changed from one edition to another, each change with its sources: the
    amendments of the editions that lie between them (by ``based_on``)."""
    between = [e for e in repository.lineage(session, new.edition.id)]
    if old.edition.id in between:
        between = between[: between.index(old.edition.id)]
    amendments = repository.edition_amendments(session, list(reversed(between)))
    return attach_sources(queries.edition_changes(old, new), amendments)


ECA_TABLE = "ECA"


def import_eca(session: Session, *, principal: Principal, text: str) -> dict[str, Any]:
    """Keep the CEPT European Common Allocation table of an EFIS export (see
    `openitu.spectrum.eca`), replacing the one imported before; a malformed file is
    refused before anything is written."""
    write = begin(session, principal=principal, right="table.amend", area="spectrum")
    table = eca.parse_eca(text)
    digest = hashlib.sha256(text.encode()).hexdigest()
    repository.put_regional_table(session, ECA_TABLE, text, digest)
    write.audit(
        "spectrum.regional.import",
        entity="spectrum_regional_table",
        entity_id=ECA_TABLE,
        payload={"rows": len(table.rows), "footnotes": len(table.footnotes), "file_sha256": digest},
    )
    return {
        "table": ECA_TABLE,
        "rows": len(table.rows),
        "footnotes": len(table.footnotes),
        "file_sha256": digest,
    }


def regional_view(
    session: Session, *, country: str, low_hz: float | None = None, high_hz: float | None = None
) -> dict[str, Any] | None:
    """The imported ECA's rows for a CEPT country (all, or those meeting a band) with the
    texts of the EU footnotes they cite; None where the country is not in CEPT or no
    ECA has been imported."""
    if country.strip().upper() not in eca.CEPT_MEMBERS:
        return None
    text = repository.regional_table_text(session, ECA_TABLE)
    if text is None:
        return None
    table = eca.parse_eca(text)
    rows = list(table.rows) if low_hz is None else table.rows_between(low_hz, high_hz or low_hz)
    cited = {f for r in rows for f in (*r.eca_footnotes, *(n for s in r.eca for n in s.footnotes))}
    return {
        "table": ECA_TABLE,
        "rows": [eca.row_document(r) for r in rows],
        "footnotes": {f: t for f, t in table.footnotes.items() if f in cited},
    }
