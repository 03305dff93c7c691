"""Reads for processes that start often (the CLI), through the standard library's sqlite3.

SQLAlchemy takes longer to import than a command takes to answer, and these reads need
none of it: the schema's revisions and an area's version. Each function answers None
where it cannot answer as the engine would (another database than a SQLite file, a URL
with options, a database not created or not migrated yet); the caller then takes the
ordinary path through the engine, which also creates and migrates.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing

_SQLITE_PREFIXES = ("sqlite:///", "sqlite+pysqlite:///")


def sqlite_file(database_url: str) -> str | None:
    """The file a plain SQLite URL names (as SQLAlchemy reads it), else None."""
    for prefix in _SQLITE_PREFIXES:
        if database_url.startswith(prefix):
            path = database_url[len(prefix) :]
            break
    else:
        return None
    # Options, escapes, URIs and memory databases are left to SQLAlchemy.
    if not path or path == ":memory:" or path.startswith("file:") or any(c in path for c in "?%"):
        return None
    return path


def _rows(path: str, sql: str, parameters: tuple[str, ...] = ()) -> list[tuple[object, ...]] | None:
    if not os.path.isfile(path):
        return None  # sqlite3 would create it; the engine's path creates and migrates it
    try:
        # The timeout is the engine's (store/db.make_engine): wait for a writer, never fail.
        with closing(sqlite3.connect(path, timeout=30)) as connection:
            return list(connection.execute(sql, parameters))
    except sqlite3.Error:
        return None  # no such table yet (not migrated), or not a database


def revisions(database_url: str) -> set[str] | None:
    """The Alembic revisions the database is at (None: ask the engine)."""
    path = sqlite_file(database_url)
    rows = None if path is None else _rows(path, "SELECT version_num FROM alembic_version")
    return None if rows is None else {str(row[0]) for row in rows}


def area_version(database_url: str, area: str) -> int | None:
    """``store.versions.read``'s answer for ``area`` (None: ask the engine)."""
    path = sqlite_file(database_url)
    if path is None:
        return None
    rows = _rows(path, "SELECT version FROM area_versions WHERE area = ?", (area,))
    if not rows:
        return None
    return int(str(rows[0][0]))


def database_identity(database_url: str) -> tuple[int, int] | None:
    """Tells apart two databases that had the same URL (a file deleted and made again
    usually gets another inode), so that a cache never answers for the wrong one."""
    path = sqlite_file(database_url)
    if path is None:
        return None
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_dev, status.st_ino
