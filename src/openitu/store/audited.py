"""Which rows the audit log vouches for, and their digests.

The hash chain (`store/audit.py`) proves that the log was not rewritten; these digests
let it prove the data too. Each audit entry records, in its hashed content, the SHA-256
of every audited row its change wrote (:func:`row_digest`: a canonical serialisation of
the row's columns that hold a value), so that ``openitu audit verify --rows`` can
recompute the digests of the current rows and name every row changed outside the
application.

Which rows an entry records:

- the rows of the entity it names, found through :data:`AUDITED`: the entity's own row
  (by the column its ``entity_id`` names) and the rows that belong to it (a vote's
  ballots, a conference's agenda items and delegations, an account's tokens ...). Use
  cases name entities as they always have; nothing changes at their call sites;
- and every row of a covered table that the ORM flushed in the transaction since the
  previous entry (:func:`_note_flushed`), whatever entity the entry names: closing a
  vote also settles its proposal, adopting a budget writes every member's dues. So a
  row the application updates later always carries a newer entry's digest.

A row the entry finds absent (deleted) is recorded with digest ``null``. Rows that no
entry has recorded yet (the reference data loaded by ``openitu data load``, rows
written before this mode existed) are not vouched for until an audited change writes
them. Append-only history (``numbering_events``) needs no digest: triggers refuse its
UPDATE and DELETE.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any, Final

from sqlalchemy import Column, Table, event, select, tuple_
from sqlalchemy.orm import Session, UOWTransaction, object_mapper
from sqlalchemy.orm.exc import UnmappedInstanceError

from openitu.store.tables.accounts import TokenRow, UserRow
from openitu.store.tables.governance import (
    GovernanceAgendaItem,
    GovernanceBallot,
    GovernanceBudget,
    GovernanceConference,
    GovernanceDelegation,
    GovernanceDocument,
    GovernanceDocumentItem,
    GovernanceDue,
    GovernanceMember,
    GovernancePayment,
    GovernanceProposal,
    GovernanceVote,
)
from openitu.store.tables.numbering import (
    NumberingApplication,
    NumberingNotice,
    NumberingNoticeEntry,
    NumberingResource,
)
from openitu.store.tables.space import SpaceBeam, SpaceFilingEvent, SpaceNetwork


def _table(model: type) -> Table:
    table = model.__table__  # type: ignore[attr-defined]
    assert isinstance(table, Table)
    return table


@dataclass(frozen=True)
class Part:
    """Rows that belong to an audited entity: ``table.column`` holds the entity's id."""

    table: Table
    column: str


@dataclass(frozen=True)
class Audited:
    """An entity name of the audit log, and where its rows are."""

    table: Table
    key: str
    """The column its ``entity_id`` names (an id, a code, a username, a year)."""
    parts: tuple[Part, ...] = ()


AUDITED: Final[dict[str, Audited]] = {
    "account": Audited(_table(UserRow), "username", (Part(_table(TokenRow), "user_id"),)),
    "token": Audited(_table(TokenRow), "id"),
    "governance_member": Audited(
        _table(GovernanceMember),
        "id",
        (Part(_table(GovernanceDue), "member_id"), Part(_table(GovernancePayment), "member_id")),
    ),
    "governance_payment": Audited(_table(GovernancePayment), "id"),
    "governance_budget": Audited(_table(GovernanceBudget), "year"),
    "governance_conference": Audited(
        _table(GovernanceConference),
        "code",
        (
            Part(_table(GovernanceAgendaItem), "conference_id"),
            Part(_table(GovernanceDelegation), "conference_id"),
        ),
    ),
    "governance_proposal": Audited(_table(GovernanceProposal), "id"),
    "governance_vote": Audited(
        _table(GovernanceVote), "id", (Part(_table(GovernanceBallot), "vote_id"),)
    ),
    "governance_document": Audited(
        _table(GovernanceDocument), "id", (Part(_table(GovernanceDocumentItem), "document_id"),)
    ),
    "numbering_application": Audited(_table(NumberingApplication), "id"),
    "numbering_resource": Audited(_table(NumberingResource), "id"),
    "space_network": Audited(
        _table(SpaceNetwork),
        "id",
        (Part(_table(SpaceBeam), "network_id"), Part(_table(SpaceFilingEvent), "network_id")),
    ),
    "numbering_notice": Audited(
        _table(NumberingNotice), "number", (Part(_table(NumberingNoticeEntry), "notice_number"),)
    ),
}
"""Entity names (as use cases pass them to ``write.audit``) -> their rows."""


def _covered() -> dict[str, Table]:
    tables: dict[str, Table] = {}
    for audited in AUDITED.values():
        tables[audited.table.name] = audited.table
        for part in audited.parts:
            tables[part.table.name] = part.table
    return tables


COVERED: Final[dict[str, Table]] = _covered()
"""Every table whose rows the audit log vouches for, by name."""

RowKey = tuple[str, tuple[Any, ...]]
"""A row: its table's name and its primary key's values."""


def key_text(key: RowKey) -> str:
    """``governance_ballots:[12]``: how an entry names a row."""
    table, values = key
    return f"{table}:{_canonical(list(values))}"


def parse_key(text: str) -> RowKey:
    table, _, values = text.partition(":")
    return table, tuple(json.loads(values))


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _plain(value: Any) -> Any:
    """One spelling per value, the same on SQLite and PostgreSQL."""
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value.isoformat()
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).hex()
    if isinstance(value, float):
        return repr(value)
    return value


def row_digest(table: Table, row: Any) -> str:
    """SHA-256 of the row's columns that hold a value, by name, in canonical JSON.

    A NULL column counts as absent, so that a nullable column a later revision adds (NULL
    in the rows written before it) leaves the digests of those rows as recorded: a schema
    change is not a change of the data."""
    mapping = row._mapping
    document = {
        column.name: _plain(mapping[column])
        for column in table.columns
        if mapping[column] is not None
    }
    return hashlib.sha256(f"{table.name}\n{_canonical(document)}".encode()).hexdigest()


def nulls_row_digest(table: Table, row: Any) -> str:
    """The digest entries recorded before :func:`row_digest` passed NULLs over: every
    column of the table, a NULL as ``null``. Verification accepts it for those entries."""
    mapping = row._mapping
    document = {column.name: _plain(mapping[column]) for column in table.columns}
    return hashlib.sha256(f"{table.name}\n{_canonical(document)}".encode()).hexdigest()


def _primary_key(table: Table) -> list[Column[Any]]:
    return list(table.primary_key.columns)


def _pk_of(table: Table, row: Any) -> tuple[Any, ...]:
    mapping = row._mapping
    return tuple(mapping[column] for column in _primary_key(table))


def _current(
    session: Session, table: Table, keys: Iterable[tuple[Any, ...]] | None
) -> Iterator[Any]:
    pk = _primary_key(table)
    query = select(table)
    if keys is None:
        yield from session.execute(query.order_by(*pk))
        return
    wanted = list(keys)
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        condition = pk[0].in_([k[0] for k in chunk]) if len(pk) == 1 else tuple_(*pk).in_(chunk)
        yield from session.execute(query.where(condition))


def current_rows(
    session: Session, table: Table, keys: Iterable[tuple[Any, ...]] | None = None
) -> Iterator[tuple[tuple[Any, ...], str]]:
    """(primary key, digest) of the rows of ``table`` with these keys (all when None)."""
    for row in _current(session, table, keys):
        yield _pk_of(table, row), row_digest(table, row)


def vouched_for(
    session: Session, table: Table, recorded: Mapping[tuple[Any, ...], str | None]
) -> dict[tuple[Any, ...], bool]:
    """For each row of ``table`` now present that ``recorded`` (primary key -> the digest
    its newest entry recorded, None when that entry removed it) names: whether that digest
    vouches for the row as it is, :func:`row_digest` or, for entries written before NULLs
    were passed over, :func:`nulls_row_digest` (computed only when the first differs)."""
    vouched: dict[tuple[Any, ...], bool] = {}
    for row in _current(session, table, None):
        key = _pk_of(table, row)
        if key not in recorded:
            continue
        digest = recorded[key]
        vouched[key] = digest is not None and (
            digest == row_digest(table, row) or digest == nulls_row_digest(table, row)
        )
    return vouched


def _entity_rows(session: Session, entity: str, entity_id: str) -> set[RowKey]:
    audited = AUDITED.get(entity)
    if audited is None:
        return set()
    column = audited.table.c[audited.key]
    value: Any = entity_id
    if column.type.python_type is int:
        try:
            value = int(entity_id)
        except ValueError:
            return set()
    found: set[RowKey] = set()
    for root in session.execute(select(audited.table).where(column == value)):
        found.add((audited.table.name, _pk_of(audited.table, root)))
        root_id = root._mapping[_primary_key(audited.table)[0]]
        for part in audited.parts:
            for child in session.execute(
                select(*_primary_key(part.table)).where(part.table.c[part.column] == root_id)
            ):
                found.add((part.table.name, tuple(child)))
    return found


# --- rows the ORM wrote since the previous entry -------------------------------------------------

_PENDING: Final = "openitu.audited.pending"


@event.listens_for(Session, "after_flush")
def _note_flushed(session: Session, _flush: UOWTransaction) -> None:
    pending: set[RowKey] = session.info.setdefault(_PENDING, set())
    for instance in (*session.new, *session.dirty, *session.deleted):
        try:
            mapper = object_mapper(instance)
        except UnmappedInstanceError:  # pragma: no cover
            continue
        table = mapper.local_table
        if isinstance(table, Table) and table.name in COVERED:
            values = mapper.primary_key_from_instance(instance)
            if all(v is not None for v in values):
                pending.add((table.name, tuple(values)))


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _forget_flushed(session: Session) -> None:
    session.info.pop(_PENDING, None)


def digests_for_entry(session: Session, *, entity: str, entity_id: str) -> dict[str, str | None]:
    """The digests an entry about ``entity`` records: its rows and every covered row
    flushed since the previous entry, as they are now in the transaction."""
    session.flush()
    keys = _entity_rows(session, entity, entity_id) | session.info.pop(_PENDING, set())
    by_table: dict[str, set[tuple[Any, ...]]] = {}
    for table_name, values in keys:
        by_table.setdefault(table_name, set()).add(values)
    digests: dict[str, str | None] = {}
    for table_name, wanted in sorted(by_table.items()):
        table = COVERED[table_name]
        found = dict(current_rows(session, table, sorted(wanted)))
        for values in wanted:
            digests[key_text((table_name, values))] = found.get(values)
    return dict(sorted(digests.items()))
