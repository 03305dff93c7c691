"""The audit log: who changed what and when, chained by SHA-256, never rewritten.

Every change to the registers, numbering, votes and accounts calls :func:`record` in
the same session (so the same transaction) as the change itself: both are committed,
or neither is.

Entry ``n`` stores ``hash_n = SHA-256(hash_{n-1} || "\\n" || canonical JSON of entry n)``
with ``hash_0`` sixty-four zeros. :func:`verify` recomputes the chain and names the first
entry whose stored content no longer matches: editing, deleting or reordering a row
breaks the chain from that row on, and deleting the newest rows disagrees with the head.

The chain proves the log; the rows it vouches for are proved by their digests. Each
entry also records (in its hashed content) the SHA-256 of every audited row its change
wrote (`store/audited.py` says which), and :func:`verify_rows` recomputes the digests of
the current rows and names each row whose digest is not the one its newest entry
recorded: a row changed, deleted or put back outside the application.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Table, insert, select, update
from sqlalchemy.orm import Session

from openitu.errors import IntegrityFailure, InvalidInput
from openitu.store import audited
from openitu.store.rows import from_row
from openitu.store.tables.audit import GENESIS_HASH, AuditEntryRow, AuditHeadRow

_HEAD: Table = AuditHeadRow.__table__  # type: ignore[assignment]
_ENTRIES: Table = AuditEntryRow.__table__  # type: ignore[assignment]


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    recorded_at: str
    actor: str
    action: str
    entity: str
    entity_id: str
    payload: dict[str, Any]
    prev_hash: str
    hash: str
    rows: dict[str, str | None] | None = None
    """The digests of the rows the change wrote (``table:[primary key]`` -> SHA-256)."""


@dataclass(frozen=True)
class BrokenLink:
    """The first entry at which the chain no longer holds."""

    seq: int
    reason: str

    def __str__(self) -> str:
        return f"audit entry {self.seq}: {self.reason}"


@dataclass(frozen=True)
class ChangedRow:
    """A row whose content is not what the newest entry about it recorded."""

    table: str
    key: tuple[Any, ...]
    seq: int
    """The audit entry that last recorded the row."""
    reason: str

    def __str__(self) -> str:
        key = ", ".join(str(value) for value in self.key)
        return f"{self.table} [{key}]: {self.reason} (last recorded by audit entry {self.seq})"


def canonical_json(value: Any) -> str:
    """One spelling per value: sorted keys, no spaces, UTF-8 kept, no NaN."""
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )


def entry_hash(
    *,
    prev_hash: str,
    seq: int,
    recorded_at: str,
    actor: str,
    action: str,
    entity: str,
    entity_id: str,
    payload: str,
    rows: str | None = None,
) -> str:
    content: dict[str, Any] = {
        "seq": seq,
        "recorded_at": recorded_at,
        "actor": actor,
        "action": action,
        "entity": entity,
        "entity_id": entity_id,
        "payload": payload,
    }
    if rows is not None:
        # Absent from entries that vouch for no row, so that their hashes (and those of
        # every entry written before rows were recorded) stay what they were.
        content["rows"] = rows
    body = canonical_json(content)
    return hashlib.sha256(f"{prev_hash}\n{body}".encode()).hexdigest()


def _now_text() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def begin_write(session: Session) -> None:
    """Call first in a use case that writes, before any read (SQLite needs it).

    SQLite (WAL) cannot turn a transaction that has already read into a writing one
    once another writer has committed meanwhile: it fails at once with "database is
    locked" instead of waiting. Taking the write lock as the transaction's first
    statement makes concurrent writers queue (up to the 30 s busy timeout) instead.
    PostgreSQL needs nothing here (its row lock is taken by :func:`record`).
    """
    if session.get_bind().dialect.name == "sqlite":
        session.execute(
            update(AuditHeadRow).where(AuditHeadRow.id == 1).values(seq=AuditHeadRow.seq)
        )


def record(
    session: Session,
    *,
    actor: str,
    action: str,
    entity: str,
    entity_id: str,
    payload: dict[str, Any],
) -> None:
    """Append one entry to the chain, in ``session``'s transaction.

    ``actor`` names who acted (a username, or ``cli:<os user>``); ``action`` what was
    done (``account.create``, ``numbering.application.submit`` ...); ``entity`` and
    ``entity_id`` what it was done to; ``payload`` the facts that changed (JSON values;
    never secrets). The head row is updated first, which serialises concurrent appends:
    PostgreSQL makes the second writer wait for the first to commit and then reads the
    new head (READ COMMITTED), and SQLite holds one writer at a time.

    The session is flushed and the digests of the rows the change wrote are recorded
    with the entry (:func:`openitu.store.audited.digests_for_entry`).
    """
    for name, value, limit in (
        ("actor", actor, 128),
        ("action", action, 64),
        ("entity", entity, 64),
        ("entity_id", entity_id, 128),
    ):
        if not value or len(value) > limit:
            raise InvalidInput(name, f"must have 1 to {limit} characters")
    try:
        payload_text = canonical_json(payload)
    except (TypeError, ValueError) as exc:
        raise InvalidInput("payload", f"must be plain JSON values: {exc}") from None
    digests = audited.digests_for_entry(session, entity=entity, entity_id=entity_id)
    rows_text = canonical_json(digests) if digests else None
    # Taking the lock is the first thing: the UPDATE both claims the next sequence number
    # and blocks every other appender until this transaction ends. (Core statements on
    # the tables: the ORM's bookkeeping would cost more than the SQL.)
    head = session.execute(
        update(_HEAD)
        .where(_HEAD.c.id == 1)
        .values(seq=_HEAD.c.seq + 1)
        .returning(_HEAD.c.seq, _HEAD.c.hash)
    ).one_or_none()
    if head is None:
        raise IntegrityFailure("the audit head row is missing: run `openitu db upgrade`")
    seq, prev_hash = int(head.seq), str(head.hash)
    content: dict[str, Any] = {
        "prev_hash": prev_hash,
        "seq": seq,
        "recorded_at": _now_text(),
        "actor": actor,
        "action": action,
        "entity": entity,
        "entity_id": entity_id,
        "payload": payload_text,
        "rows": rows_text,
    }
    digest = entry_hash(**content)
    session.execute(insert(_ENTRIES).values(**content, hash=digest))
    session.execute(update(_HEAD).where(_HEAD.c.id == 1).values(hash=digest))


_COLUMNS = (
    AuditEntryRow.seq,
    AuditEntryRow.recorded_at,
    AuditEntryRow.actor,
    AuditEntryRow.action,
    AuditEntryRow.entity,
    AuditEntryRow.entity_id,
    AuditEntryRow.payload,
    AuditEntryRow.prev_hash,
    AuditEntryRow.hash,
    AuditEntryRow.rows,
)


def _rows(session: Session, batch: int = 2000) -> Iterator[Any]:
    """Every entry in chain order, in batches (plain rows: the session keeps nothing)."""
    last = 0
    while True:
        rows = session.execute(
            select(*_COLUMNS)
            .where(AuditEntryRow.seq > last)
            .order_by(AuditEntryRow.seq)
            .limit(batch)
        ).all()
        if not rows:
            return
        yield from rows
        last = int(rows[-1].seq)


def _hashed(row: Any) -> dict[str, Any]:
    """An entry's columns but its hash: what :func:`entry_hash` computes the hash of."""
    return {name: value for name, value in row._mapping.items() if name != "hash"}


def verify(session: Session) -> BrokenLink | None:
    """The first broken link of the chain, or None when every entry checks."""
    expected_seq, prev_hash = 1, GENESIS_HASH
    for row in _rows(session):
        if row.seq != expected_seq:
            return BrokenLink(expected_seq, f"missing (the next entry is {row.seq})")
        if row.prev_hash != prev_hash:
            return BrokenLink(row.seq, "its link to the previous entry does not match")
        if entry_hash(**_hashed(row)) != row.hash:
            return BrokenLink(row.seq, "its content does not match its hash (altered)")
        expected_seq, prev_hash = row.seq + 1, row.hash
    head_row = session.execute(
        select(AuditHeadRow.seq, AuditHeadRow.hash).where(AuditHeadRow.id == 1)
    ).one_or_none()
    if head_row is None:
        return BrokenLink(expected_seq, "the chain's head row is missing")
    if head_row.seq != expected_seq - 1 or head_row.hash != prev_hash:
        return BrokenLink(
            min(int(head_row.seq), expected_seq),
            f"the head says {head_row.seq} entries but the log ends at {expected_seq - 1}"
            " (entries removed from the end, or the head altered)",
        )
    return None


def head(session: Session) -> tuple[int, str]:
    """The newest entry's number and hash: publish it to anchor the chain outside."""
    row = session.execute(
        select(AuditHeadRow.seq, AuditHeadRow.hash).where(AuditHeadRow.id == 1)
    ).one_or_none()
    if row is None:
        raise IntegrityFailure("the audit head row is missing: run `openitu db upgrade`")
    return int(row.seq), str(row.hash)


def entries(
    session: Session,
    *,
    entity: str | None = None,
    entity_id: str | None = None,
    after: int = 0,
    limit: int = 100,
) -> list[AuditEntry]:
    """Entries in chain order, optionally those about one entity."""
    query = select(*_COLUMNS).where(AuditEntryRow.seq > after)
    if entity is not None:
        query = query.where(AuditEntryRow.entity == entity)
    if entity_id is not None:
        query = query.where(AuditEntryRow.entity_id == entity_id)
    rows = session.execute(query.order_by(AuditEntryRow.seq).limit(limit)).all()
    return [
        from_row(
            AuditEntry,
            row,
            payload=json.loads(row.payload),
            rows=None if row.rows is None else json.loads(row.rows),
        )
        for row in rows
    ]


def verify_rows(session: Session) -> list[ChangedRow]:
    """Every audited row whose digest is not the one its newest entry recorded.

    Reads the chain once (the newest digest of each row wins), then each covered table
    once, and compares. Call :func:`verify` as well: a digest proves a row only while
    the entry holding it is proved by the chain.
    """
    recorded: dict[str, tuple[str | None, int]] = {}
    last = 0
    while True:
        batch = session.execute(
            select(AuditEntryRow.seq, AuditEntryRow.rows)
            .where(AuditEntryRow.seq > last, AuditEntryRow.rows.is_not(None))
            .order_by(AuditEntryRow.seq)
            .limit(2000)
        ).all()
        if not batch:
            break
        for seq, rows_text in batch:
            for key, digest in json.loads(str(rows_text)).items():
                recorded[key] = (digest, int(seq))
        last = int(batch[-1].seq)
    by_table: dict[str, dict[tuple[Any, ...], tuple[str | None, int]]] = {}
    for key, expected in recorded.items():
        table_name, values = audited.parse_key(key)
        by_table.setdefault(table_name, {})[values] = expected
    changed: list[ChangedRow] = []
    for table_name, expected_rows in sorted(by_table.items()):
        table = audited.COVERED.get(table_name)
        if table is None:
            continue  # a table no longer vouched for
        present = audited.vouched_for(
            session, table, {values: digest for values, (digest, _) in expected_rows.items()}
        )
        for values, (digest, seq) in sorted(expected_rows.items(), key=lambda item: item[1][1]):
            if present.get(values, digest is None):
                continue  # as recorded: unchanged, or still removed
            if digest is None:
                reason = "present, though its last audited change removed it"
            elif values not in present:
                reason = "deleted outside the application"
            else:
                reason = "changed outside the application"
            changed.append(ChangedRow(table_name, values, seq, reason))
    return changed
