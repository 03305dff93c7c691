"""Engines, sessions and the unit of work."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from openitu.errors import Conflict

log = logging.getLogger("openitu.store")


def make_engine(database_url: str) -> Engine:
    """An engine for ``database_url``; a SQLite file's folder is created if missing."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:":
            Path(url.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        # pysqlite opens transactions on its own and mishandles SAVEPOINT; let
        # SQLAlchemy emit BEGIN itself so that nested transactions behave.
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets readers go on during a write; foreign keys are off by default in SQLite;
    # synchronous=FULL so that an acknowledged commit survives a crash.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()
    dbapi_connection.isolation_level = None


def _sqlite_begin(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN")


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)


@contextmanager
def unit_of_work(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One transaction: committed when the block ends, rolled back if it raises.

    A constraint the database enforces (found at a flush or only at the commit) is a
    :class:`Conflict`, after the rollback.
    """
    try:
        with factory() as session, session.begin():
            yield session
    except IntegrityError as exc:
        raise conflict_from(exc) from exc


# SQLite: "UNIQUE constraint failed: t.a, t.b", "NOT NULL constraint failed: t.c",
# "CHECK constraint failed: name", "FOREIGN KEY constraint failed".
_SQLITE_MESSAGE = re.compile(r"(UNIQUE|NOT NULL|CHECK|FOREIGN KEY) constraint failed(?::\s*(.*))?")
# PostgreSQL's detail of a unique violation: "Key (a, b)=(1, 2) already exists."
_PG_KEY = re.compile(r"Key \((.+?)\)=")
_PG_KINDS = {"23505": "UNIQUE", "23503": "FOREIGN KEY", "23502": "NOT NULL", "23514": "CHECK"}


def conflict_from(exc: IntegrityError) -> Conflict:
    """What a constraint violation means to the client, as a 409 :class:`Conflict`.

    Names the table and columns (or the constraint) when the driver says which, never
    the values: a clashing value may be a secret's digest. The driver's full message
    goes to the server log.
    """
    log.warning("constraint violated: %s", str(exc.orig).replace("\n", " "))
    kind, entity, fields, constraint = _describe(exc.orig)
    where = entity or "a record"
    named = f" ({', '.join(fields)})" if fields else ""
    if kind == "UNIQUE":
        detail = f"{where} with the same {', '.join(fields) or 'key'} exists already"
    elif kind == "FOREIGN KEY":
        detail = (
            f"the change to {where} refers to a record that does not exist, "
            "or removes one that is still referred to"
        )
    elif kind == "NOT NULL":
        detail = f"{where}{named} needs a value that was not given"
    elif kind == "CHECK":
        detail = f"the change to {where} breaks the rule {constraint or 'of the record'}"
    else:
        detail = "the change clashes with what is stored"
    return Conflict(detail, entity=entity, fields=fields)


def _describe(orig: object) -> tuple[str | None, str | None, tuple[str, ...], str | None]:
    """(kind, table, columns, constraint name) from a DB-API IntegrityError."""
    sqlstate = getattr(orig, "sqlstate", None)
    diag = getattr(orig, "diag", None)
    if isinstance(sqlstate, str) and diag is not None:  # psycopg (PostgreSQL)
        table = getattr(diag, "table_name", None)
        column = getattr(diag, "column_name", None)
        key = _PG_KEY.search(getattr(diag, "message_detail", None) or "")
        if key:
            fields = tuple(part.strip().strip('"') for part in key.group(1).split(","))
        else:
            fields = (column,) if column else ()
        return _PG_KINDS.get(sqlstate), table, fields, getattr(diag, "constraint_name", None)
    match = _SQLITE_MESSAGE.search(str(orig))
    if match is None:
        return None, None, (), None
    kind, rest = match.group(1), (match.group(2) or "").strip()
    if kind in ("UNIQUE", "NOT NULL") and rest:
        qualified = [part.strip() for part in rest.split(",")]
        tables = {part.rpartition(".")[0] for part in qualified}
        table = tables.pop() if len(tables) == 1 else None
        return kind, table or None, tuple(part.rpartition(".")[2] for part in qualified), None
    return kind, None, (), rest or None
