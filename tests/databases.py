"""The one factory of fresh databases for tests that commit for real.

`fresh_database("sqlite" | "postgresql", directory)` yields the URL of an empty database
of its own: a SQLite file under ``directory``, or a PostgreSQL database created next to
``test`` and dropped afterwards. Fixtures migrate and load what they need on top.
Without a PostgreSQL server the PostgreSQL case skips, or fails where CI requires it
(OPENITU_REQUIRE_POSTGRESQL=1).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

POSTGRESQL_URL = os.environ.get(
    "OPENITU_TEST_POSTGRESQL_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
REQUIRE_POSTGRESQL = os.environ.get("OPENITU_REQUIRE_POSTGRESQL") == "1"


@cache
def postgresql_problem() -> str | None:
    """Why PostgreSQL cannot be used here, or None when it answers."""
    try:
        probe = create_engine(POSTGRESQL_URL, connect_args={"connect_timeout": 3})
        with probe.connect() as connection:
            connection.execute(text("SELECT 1"))
        probe.dispose()
    except Exception as exc:
        return str(exc).splitlines()[0]
    return None


def skip_without_postgresql() -> None:
    problem = postgresql_problem()
    if problem is not None:
        if REQUIRE_POSTGRESQL:
            pytest.fail(f"PostgreSQL is required but unavailable: {problem}")
        pytest.skip(f"PostgreSQL unavailable: {problem}")


@contextmanager
def fresh_database(backend: str, directory: Path, *, label: str = "t") -> Iterator[str]:
    """An empty database of ``backend`` for one test (or one session), then gone."""
    if backend == "sqlite":
        yield f"sqlite:///{directory / f'openitu_{label}_{uuid.uuid4().hex[:8]}.sqlite3'}"
        return
    if backend != "postgresql":
        raise ValueError(f"unknown backend {backend!r}")
    skip_without_postgresql()
    name = f"openitu_{label}_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRESQL_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(POSTGRESQL_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
