"""Repository: editions of the Table <-> rows."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from openitu.errors import Conflict, NotFound
from openitu.spectrum.amendment_file import SourcedAmendment
from openitu.spectrum.model import (
    Allocation,
    Band,
    Category,
    Edition,
    Footnote,
    FootnoteKind,
    FootnoteRule,
)
from openitu.spectrum.services import parse_service
from openitu.store.rows import columns, found, from_row, rows_where
from openitu.store.tables.spectrum import (
    AllocationRow,
    BandRow,
    EditionAmendmentRow,
    EditionRow,
    FootnoteRow,
    FootnoteRuleRow,
    RegionalTableRow,
)

_SEPARATOR = "; "


def _ids(text: str) -> tuple[str, ...]:
    return tuple(text.split()) if text else ()


def list_editions(session: Session) -> list[EditionRow]:
    return list(session.scalars(select(EditionRow).order_by(EditionRow.entry_into_force)))


def edition_ids(session: Session) -> list[str]:
    return [row.id for row in list_editions(session)]


def edition_in_force(session: Session, on: date) -> str:
    """The id of the edition in force on a date: the latest to have entered into force."""
    row = session.scalars(
        select(EditionRow)
        .where(EditionRow.entry_into_force <= on)
        .order_by(EditionRow.entry_into_force.desc())
        .limit(1)
    ).first()
    if row is None:
        raise NotFound(f"no edition of the Table was in force on {on.isoformat()}")
    return row.id


def add_edition(
    session: Session, edition: Edition, *, amendments: Sequence[SourcedAmendment] = ()
) -> None:
    """Write a whole edition, with the amendments it was built from (in order, with their
    sources). The caller's transaction makes it all or nothing."""
    if session.get(EditionRow, edition.id) is not None:
        raise Conflict(f"edition {edition.id} already exists")
    session.add(
        EditionRow(
            id=edition.id,
            title=edition.title,
            entry_into_force=edition.entry_into_force,
            based_on=edition.based_on,
        )
    )
    session.flush()
    band_ids = session.scalars(
        insert(BandRow).returning(BandRow.id, sort_by_parameter_order=True),
        [
            {
                "edition_id": edition.id,
                "region": band.region,
                "low_hz": band.low_hz,
                "high_hz": band.high_hz,
                "footnotes": " ".join(band.footnotes),
            }
            for band in edition.bands
        ],
    ).all()
    allocation_rows = [
        {
            "band_id": band_id,
            "position": position,
            "service": allocation.service.name,
            "category": allocation.category.value,
            "footnotes": " ".join(allocation.footnotes),
        }
        for band_id, band in zip(band_ids, edition.bands, strict=True)
        for position, allocation in enumerate(band.allocations)
    ]
    if allocation_rows:
        session.execute(insert(AllocationRow), allocation_rows)
    footnotes = list(edition.footnotes.values())
    if footnotes:
        session.execute(
            insert(FootnoteRow),
            [
                {
                    "edition_id": edition.id,
                    "footnote_id": footnote.id,
                    "text": footnote.text,
                    "kind": footnote.kind.value,
                    "countries": " ".join(footnote.countries),
                }
                for footnote in footnotes
            ],
        )
    rules = [
        {
            "edition_id": edition.id,
            "footnote_id": footnote.id,
            "kind": rule.kind.value,
            "countries": " ".join(rule.countries),
            "low_hz": rule.low_hz,
            "high_hz": rule.high_hz,
            "services": _SEPARATOR.join(s.name for s in rule.services),
            "category": rule.category.value,
        }
        for footnote in footnotes
        for rule in footnote.rules
    ]
    if rules:
        session.execute(insert(FootnoteRuleRow), rules)
    _add_amendments(session, amendments)


def get_edition(session: Session, edition_id: str) -> Edition:
    """Read a whole edition back into the core's values."""
    row = found(session.get(EditionRow, edition_id), f"no edition {edition_id!r} of the Table")
    allocations: dict[int, list[AllocationRow]] = defaultdict(list)
    for allocation in session.scalars(
        select(AllocationRow)
        .join(BandRow, AllocationRow.band_id == BandRow.id)
        .where(BandRow.edition_id == edition_id)
        .order_by(AllocationRow.band_id, AllocationRow.position)
    ):
        allocations[allocation.band_id].append(allocation)
    bands = tuple(
        from_row(
            Band,
            band,
            allocations=tuple(
                Allocation(parse_service(a.service), Category(a.category), _ids(a.footnotes))
                for a in allocations[band.id]
            ),
            footnotes=_ids(band.footnotes),
        )
        for band in rows_where(
            session, BandRow, BandRow.region, BandRow.low_hz, edition_id=edition_id
        )
    )
    rules: dict[str, list[FootnoteRule]] = defaultdict(list)
    for rule in rows_where(session, FootnoteRuleRow, FootnoteRuleRow.id, edition_id=edition_id):
        rules[rule.footnote_id].append(
            FootnoteRule(
                kind=FootnoteKind(rule.kind),
                countries=_ids(rule.countries),
                low_hz=rule.low_hz,
                high_hz=rule.high_hz,
                services=tuple(parse_service(s) for s in rule.services.split(_SEPARATOR)),
                category=Category(rule.category),
            )
        )
    footnotes = {
        note.footnote_id: Footnote(
            id=note.footnote_id,
            text=note.text,
            kind=FootnoteKind(note.kind),
            countries=_ids(note.countries),
            rules=tuple(rules[note.footnote_id]),
        )
        for note in session.scalars(select(FootnoteRow).where(FootnoteRow.edition_id == edition_id))
    }
    return from_row(Edition, row, bands=bands, footnotes=footnotes)


def _add_amendments(session: Session, amendments: Sequence[SourcedAmendment]) -> None:
    if amendments:
        session.execute(
            insert(EditionAmendmentRow),
            [
                columns(a, amendment=json.dumps(a.amendment, sort_keys=True, ensure_ascii=False))
                for a in amendments
            ],
        )


def edition_amendments(session: Session, edition_ids: Sequence[str]) -> list[SourcedAmendment]:
    """The amendments the editions named were built from, edition by edition, in order."""
    rows = session.scalars(
        select(EditionAmendmentRow)
        .where(EditionAmendmentRow.edition_id.in_(list(edition_ids)))
        .order_by(EditionAmendmentRow.edition_id, EditionAmendmentRow.position)
    ).all()
    return [from_row(SourcedAmendment, row, amendment=json.loads(row.amendment)) for row in rows]


def lineage(session: Session, edition_id: str) -> list[str]:
    """The edition and those it was based on, newest first (by ``based_on``)."""
    chain: list[str] = []
    current: str | None = edition_id
    while current is not None and current not in chain:
        row = found(session.get(EditionRow, current), f"no edition {current!r} of the Table")
        chain.append(row.id)
        current = row.based_on
    return chain


def edition_amended(session: Session, *, based_on: str | None, entry_into_force: date) -> Edition:
    """The edition a new one amends: ``based_on``, or else the one in force the day before
    the new one enters into force."""
    if based_on is not None:
        return get_edition(session, based_on)
    return get_edition(session, edition_in_force(session, entry_into_force - timedelta(days=1)))


def put_regional_table(session: Session, name: str, text: str, file_sha256: str) -> None:
    """Keep a regional table's file under ``name``, in place of the one kept before."""
    session.execute(delete(RegionalTableRow).where(RegionalTableRow.name == name))
    session.add(RegionalTableRow(name=name, text=text, file_sha256=file_sha256))
    session.flush()


def regional_table_text(session: Session, name: str) -> str | None:
    """The file of the regional table kept under ``name``, or None."""
    return session.scalar(select(RegionalTableRow.text).where(RegionalTableRow.name == name))
