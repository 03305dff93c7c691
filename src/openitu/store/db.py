"""Engines, sessions and the unit of work."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError, InvalidatePoolError
from sqlalchemy.orm import Session, sessionmaker

from openitu.errors import Conflict

log = logging.getLogger("openitu.store")


PING_AFTER_IDLE_S = 10.0
"""A pooled PostgreSQL connection idle for longer than this is pinged before reuse."""


def make_engine(database_url: str, *, ping_after_idle_s: float = PING_AFTER_IDLE_S) -> Engine:
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
    # Not pool_pre_ping: it costs a round trip on every checkout, and a request checks
    # out once or twice. Measured on the 2-core dev machine over loopback (checkout +
    # SELECT 1, 8 x 1000 interleaved, median): 167 us with no ping, 207 us with
    # pool_pre_ping, 170 us with the idle ping below. No ping at all, relying on
    # SQLAlchemy's disconnect handling, would answer 500 to the first request on a stale
    # connection after a PostgreSQL restart or failover, or once a firewall has cut an
    # idle connection, and we never retry a request (a write must not run twice). So:
    # ping only a connection that sat idle in the pool longer than ``ping_after_idle_s``
    # (that is when connections go stale); one reused within seconds under load is not
    # pinged. A failed ping invalidates the whole pool (after a restart every pooled
    # connection is dead) and the checkout goes on with a fresh connection. A
    # connection killed while busy is found by its request, as with pool_pre_ping too.
    # pool_recycle adds nothing to this: an old connection is pinged when idle anyway.
    engine = create_engine(url)
    _ping_idle_connections(engine, ping_after_idle_s)
    return engine


_IDLE_SINCE = "openitu_idle_since"


def _ping_idle_connections(engine: Engine, idle_s: float) -> None:
    dialect = engine.dialect

    def checkin(_dbapi_connection: Any, record: Any) -> None:
        if record is not None:
            record.info[_IDLE_SINCE] = time.monotonic()

    def checkout(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        since = record.info.get(_IDLE_SINCE)
        if since is None or time.monotonic() - since < idle_s:
            return  # new, or reused within seconds: no round trip
        try:
            dialect.do_ping(dbapi_connection)
        except Exception as exc:
            log.info("a pooled connection idle for %.0f s is gone: %s", idle_s, exc)
            raise InvalidatePoolError(str(exc)) from exc

    event.listen(engine.pool, "checkin", checkin)
    event.listen(engine.pool, "checkout", checkout)


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
