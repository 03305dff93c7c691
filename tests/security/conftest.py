"""Fresh databases for tests that run the real `openitu` process (CLI, service).

Such tests commit for real, so each gets a database of its own: a SQLite file under
tmp_path, or a PostgreSQL database created next to ``test`` and dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

POSTGRESQL_URL = os.environ.get(
    "OPENITU_TEST_POSTGRESQL_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def _postgresql_problem() -> str | None:
    try:
        probe = create_engine(POSTGRESQL_URL, connect_args={"connect_timeout": 3})
        with probe.connect() as connection:
            connection.execute(text("SELECT 1"))
        probe.dispose()
    except Exception as exc:
        return str(exc).splitlines()[0]
    return None


_PG_PROBLEM = _postgresql_problem()


@pytest.fixture
def fresh_postgresql_url() -> Iterator[str]:
    if _PG_PROBLEM is not None:
        if os.environ.get("OPENITU_REQUIRE_POSTGRESQL") == "1":
            pytest.fail(f"PostgreSQL is required but unavailable: {_PG_PROBLEM}")
        pytest.skip(f"PostgreSQL unavailable: {_PG_PROBLEM}")
    name = f"openitu_sec_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRESQL_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(POSTGRESQL_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def fresh_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database (not migrated) of each backend."""
    if request.param == "postgresql":
        return str(request.getfixturevalue("fresh_postgresql_url"))
    return f"sqlite:///{tmp_path / 'fresh.sqlite3'}"


@pytest.fixture
def second_postgresql_url(fresh_postgresql_url: str) -> Iterator[str]:
    """Another empty PostgreSQL database, beside ``fresh_postgresql_url``."""
    name = f"openitu_sec_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRESQL_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(POSTGRESQL_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


REDIS_URL = os.environ.get("OPENITU_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def _redis_problem() -> str | None:
    import redis

    try:
        client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2, socket_timeout=2)
        client.ping()
        client.close()
    except (redis.RedisError, OSError) as exc:
        return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return None


_REDIS_PROBLEM = _redis_problem()


@pytest.fixture
def redis_url() -> str:
    """The Redis every dev and CI machine runs; the shared rate-limit tests need it."""
    if _REDIS_PROBLEM is not None:
        if os.environ.get("OPENITU_REQUIRE_REDIS") == "1":
            pytest.fail(f"Redis is required but unavailable at {REDIS_URL}: {_REDIS_PROBLEM}")
        warnings.warn(
            f"Redis unavailable at {REDIS_URL}, shared rate-limit tests skip: {_REDIS_PROBLEM}",
            stacklevel=1,
        )
        pytest.skip(f"Redis unavailable at {REDIS_URL}: {_REDIS_PROBLEM}")
    return REDIS_URL
