"""Portable backups: every table as JSON lines, with a SHA-256 checksum.

The same file restores into SQLite or PostgreSQL (at the same migration revisions).
Format (one JSON document per line)::

    {"format": "openitu-backup", "version": 1, "revisions": [...], "tables": [...], ...}
    {"t": "account_users", "r": [1, "admin", ...]}          one line per row
    ...
    {"end": true, "rows": N, "sha256": "<hex of every byte before this line>"}

The backup reads one consistent snapshot (REPEATABLE READ on PostgreSQL, one read
transaction on SQLite). A restore checks the checksum before touching the database,
loads every row in one transaction, and commits only if the audit chain then verifies.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import IO, Any, Final

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    Integer,
    Table,
    delete,
    event,
    func,
    insert,
    select,
    text,
)
from sqlalchemy.types import Date, DateTime, LargeBinary, Numeric

import openitu.store.models  # noqa: F401  (registers every table)
from openitu.errors import Conflict, IntegrityFailure, InvalidInput
from openitu.store import audit, migrate
from openitu.store.base import Base
from openitu.store.db import make_engine, session_factory

FORMAT: Final = "openitu-backup"
VERSION: Final = 1
BATCH: Final = 1000


@dataclass(frozen=True)
class BackupSummary:
    path: Path
    tables: int
    rows: int
    sha256: str
    audit_entries: int


def _tables() -> list[Table]:
    return list(Base.metadata.sorted_tables)


def _encode(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    return value


def _decode(column: Column[Any], value: Any) -> Any:
    if value is None:
        return None
    kind = column.type
    impl = getattr(kind, "impl", kind)
    if isinstance(impl, DateTime):
        parsed = datetime.fromisoformat(value)
        if getattr(impl, "timezone", False) and parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=UTC)
        return parsed
    if isinstance(impl, Date):
        return date.fromisoformat(value)
    if isinstance(impl, Numeric) and getattr(impl, "asdecimal", False):
        return Decimal(value)
    if isinstance(impl, LargeBinary):
        return base64.b64decode(value)
    return value


def _snapshot_engine(database_url: str) -> Engine:
    """An engine whose transactions really begin at the first read (one snapshot)."""
    engine = make_engine(database_url)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _autocommit_driver(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.isolation_level = None

        @event.listens_for(engine, "begin")
        def _begin(connection: Connection) -> None:
            # openitu.store.db may already emit BEGIN itself: never twice.
            if not connection.connection.dbapi_connection.in_transaction:  # type: ignore[union-attr]
                connection.exec_driver_sql("BEGIN")

        return engine
    return engine.execution_options(isolation_level="REPEATABLE READ")


def write_backup(database_url: str, path: Path, *, overwrite: bool = False) -> BackupSummary:
    """Dump every table to ``path`` (written to a temporary file, then renamed)."""
    if path.exists() and not overwrite:
        raise Conflict(f"{path} exists: pass --force to overwrite it")
    engine = _snapshot_engine(database_url)
    temporary = path.with_name(path.name + ".partial")
    digest = hashlib.sha256()
    total = 0
    try:
        revisions = sorted(migrate.current_revisions(engine))
        with engine.connect() as connection, connection.begin():
            tables = _tables()
            counts = {
                t.name: int(connection.scalar(select(func.count()).select_from(t)) or 0)
                for t in tables
            }
            with temporary.open("w", encoding="utf-8", newline="\n") as out:

                def emit(document: dict[str, Any]) -> None:
                    line = json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"
                    digest.update(line.encode("utf-8"))
                    out.write(line)

                emit(
                    {
                        "format": FORMAT,
                        "version": VERSION,
                        "created_at": datetime.now(UTC).isoformat(),
                        "source_dialect": engine.dialect.name,
                        "revisions": revisions,
                        "tables": [
                            {
                                "name": t.name,
                                "columns": [c.name for c in t.columns],
                                "rows": counts[t.name],
                            }
                            for t in tables
                        ],
                    }
                )
                for table in tables:
                    order = list(table.primary_key.columns) or list(table.columns)
                    result = connection.execution_options(stream_results=True).execute(
                        select(table).order_by(*order)
                    )
                    for row in result:
                        emit({"t": table.name, "r": [_encode(v) for v in row]})
                        total += 1
                audit_entries = int(
                    connection.scalar(text("SELECT seq FROM audit_head WHERE id = 1")) or 0
                )
                checksum = digest.hexdigest()
                out.write(json.dumps({"end": True, "rows": total, "sha256": checksum}) + "\n")
                out.flush()
                os.fsync(out.fileno())
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
        engine.dispose()
    return BackupSummary(path, len(tables), total, checksum, audit_entries)


def _lines(handle: IO[str]) -> Iterator[str]:
    yield from handle


def check_backup(path: Path) -> tuple[dict[str, Any], int]:
    """Read ``path`` once: its header and row count, if its checksum holds."""
    if not path.is_file():
        raise InvalidInput("file", f"no such file: {path}")
    digest = hashlib.sha256()
    header: dict[str, Any] | None = None
    rows = 0
    end: dict[str, Any] | None = None
    with path.open("r", encoding="utf-8", newline="\n") as handle:
        for number, line in enumerate(_lines(handle), start=1):
            if end is not None:
                raise InvalidInput("file", f"line {number}: data after the end line")
            try:
                document = json.loads(line)
            except json.JSONDecodeError:
                raise InvalidInput(
                    "file", f"line {number} is not JSON: truncated or altered"
                ) from None
            if not isinstance(document, dict):
                raise InvalidInput("file", f"line {number} is not a JSON object")
            if document.get("end") is True:
                end = document
                continue
            digest.update(line.encode("utf-8"))
            if header is None:
                header = document
                if header.get("format") != FORMAT or header.get("version") != VERSION:
                    raise InvalidInput("file", "not an OpenITU backup (version 1)")
            else:
                rows += 1
    if header is None or end is None:
        raise InvalidInput("file", "the backup is incomplete (no end line): truncated")
    if end.get("sha256") != digest.hexdigest() or end.get("rows") != rows:
        raise InvalidInput("file", "the checksum does not match: the backup was altered")
    return header, rows


def restore_backup(database_url: str, path: Path, *, replace: bool = False) -> BackupSummary:
    """Load ``path`` into the database (migrated to the backup's revisions first)."""
    header, expected_rows = check_backup(path)
    engine = make_engine(database_url)
    try:
        migrate.upgrade(engine)
        current = sorted(migrate.current_revisions(engine))
        if current != sorted(header["revisions"]):
            raise Conflict(
                f"the backup is at revisions {header['revisions']}, the database at {current}:"
                " restore with the same version of OpenITU"
            )
        tables = {t.name: t for t in _tables()}
        wanted = {entry["name"]: entry["columns"] for entry in header["tables"]}
        for name, columns in wanted.items():
            if name not in tables:
                raise Conflict(f"the backup has a table {name!r} this version does not know")
            if columns != [c.name for c in tables[name].columns]:
                raise Conflict(f"the table {name!r} has other columns in the backup")
        sessions = session_factory(engine)
        with sessions() as session, session.begin():
            connection = session.connection()
            if not replace:
                _refuse_if_not_empty(connection)
            for table in reversed(_tables()):
                connection.execute(delete(table))
            loaded = _load_rows(connection, path, tables)
            if loaded != expected_rows:
                raise IntegrityFailure(f"read {loaded} rows, the backup holds {expected_rows}")
            if engine.dialect.name == "postgresql":
                _reset_sequences(connection, list(tables.values()))
            broken = audit.verify(session)
            if broken is not None:
                raise IntegrityFailure(f"the restored audit chain is broken at {broken}")
            audit_entries, _ = audit.head(session)
    finally:
        engine.dispose()
    return BackupSummary(path, len(wanted), expected_rows, header.get("sha256", ""), audit_entries)


def _refuse_if_not_empty(connection: Connection) -> None:
    """Refuse a database holding records (audit entries or accounts) without --replace.

    Rows that migrations seed and reference data hold no records of anyone's: the
    backup's own copies replace them.
    """
    entries = connection.scalar(text("SELECT seq FROM audit_head WHERE id = 1"))
    users = connection.scalar(text("SELECT COUNT(*) FROM account_users"))
    if entries or users:
        raise Conflict(
            f"the database holds records ({entries or 0} audit entries, {users} accounts):"
            " pass --replace to overwrite it"
        )


def _load_rows(connection: Connection, path: Path, tables: dict[str, Table]) -> int:
    loaded = 0
    batch: list[dict[str, Any]] = []
    batch_table: Table | None = None

    def flush() -> None:
        if batch_table is not None and batch:
            connection.execute(insert(batch_table), batch)
            batch.clear()

    with path.open("r", encoding="utf-8", newline="\n") as handle:
        next(handle)  # the header
        for line in handle:
            document = json.loads(line)
            if document.get("end") is True:
                break
            table = tables[document["t"]]
            if table is not batch_table or len(batch) >= BATCH:
                flush()
                batch_table = table
            columns = list(table.columns)
            values = document["r"]
            if len(values) != len(columns):
                raise IntegrityFailure(f"a row of {table.name} has {len(values)} values")
            batch.append({c.key: _decode(c, v) for c, v in zip(columns, values, strict=True)})
            loaded += 1
    flush()
    return loaded


def _reset_sequences(connection: Connection, tables: list[Table]) -> None:
    """PostgreSQL serial/identity columns continue after the restored rows."""
    for table in tables:
        for column in table.primary_key.columns:
            if not isinstance(column.type, Integer):
                continue
            sequence = connection.scalar(
                text("SELECT pg_get_serial_sequence(:t, :c)"),
                {"t": table.name, "c": column.name},
            )
            if sequence:
                largest = connection.scalar(select(func.max(column)))
                connection.execute(
                    text("SELECT setval(:s, :v, :called)"),
                    {"s": sequence, "v": largest or 1, "called": largest is not None},
                )
