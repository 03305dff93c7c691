"""Fresh databases for tests that run the real `openitu` process (CLI, service).

Such tests commit for real, so each gets a database of its own: a SQLite file under
tmp_path, or a PostgreSQL database created next to ``test`` and dropped afterwards.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from databases import fresh_database


@pytest.fixture
def fresh_postgresql_url(tmp_path: Path) -> Iterator[str]:
    with fresh_database("postgresql", tmp_path, label="sec") as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def fresh_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database (not migrated) of each backend."""
    with fresh_database(request.param, tmp_path, label="sec") as url:
        yield url


@pytest.fixture
def second_postgresql_url(fresh_postgresql_url: str, tmp_path: Path) -> Iterator[str]:
    """Another empty PostgreSQL database, beside ``fresh_postgresql_url``."""
    with fresh_database("postgresql", tmp_path, label="sec") as url:
        yield url


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
