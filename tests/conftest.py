"""Shared fixtures: a migrated database per backend, a per-test transaction, the app.

The ``engine`` fixture is parametrised over SQLite and PostgreSQL. PostgreSQL runs in a
database of its own, created for this pytest run next to ``test`` and dropped after it,
so that concurrent runs never see each other's rows.
"""

from __future__ import annotations

import os
import uuid
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Connection, Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from openitu.service.app import create_app
from openitu.service.context import AppContext
from openitu.settings import Settings
from openitu.store import migrate
from openitu.store.db import make_engine

POSTGRESQL_URL = os.environ.get(
    "OPENITU_TEST_POSTGRESQL_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
REQUIRE_POSTGRESQL = os.environ.get("OPENITU_REQUIRE_POSTGRESQL") == "1"


def _postgresql_available() -> str | None:
    try:
        probe = create_engine(POSTGRESQL_URL, connect_args={"connect_timeout": 3})
        with probe.connect() as connection:
            connection.execute(text("SELECT 1"))
        probe.dispose()
    except Exception as exc:
        return str(exc).splitlines()[0]
    return None


_PG_PROBLEM = _postgresql_available()


def pytest_report_header(config: pytest.Config) -> str:
    if _PG_PROBLEM is None:
        return f"postgresql: {POSTGRESQL_URL}"
    return f"WARNING postgresql unavailable, its tests will SKIP: {_PG_PROBLEM}"


def pytest_sessionstart(session: pytest.Session) -> None:
    if _PG_PROBLEM is not None:
        if REQUIRE_POSTGRESQL:
            raise pytest.UsageError(f"PostgreSQL is required here but unavailable: {_PG_PROBLEM}")
        warnings.warn(f"PostgreSQL unavailable, PostgreSQL tests skip: {_PG_PROBLEM}", stacklevel=1)


@pytest.fixture(scope="session")
def postgresql_url() -> Iterator[str]:
    """A fresh, migrated PostgreSQL database for this run, dropped afterwards."""
    if _PG_PROBLEM is not None:
        pytest.skip(f"PostgreSQL unavailable: {_PG_PROBLEM}")
    name = f"openitu_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRESQL_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(POSTGRESQL_URL).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def sqlite_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    path: Path = tmp_path_factory.mktemp("sqlite") / "openitu.sqlite3"
    return f"sqlite:///{path}"


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest) -> str:
    if request.param == "postgresql":
        return str(request.getfixturevalue("postgresql_url"))
    return str(request.getfixturevalue("sqlite_url"))


@pytest.fixture(scope="session")
def engine(database_url: str) -> Iterator[Engine]:
    """A database at the newest migration, with the reference data loaded."""
    from openitu.store.db import session_factory
    from openitu.store.reference import load_reference_data

    engine = make_engine(database_url)
    migrate.upgrade(engine)
    for _ in load_reference_data(session_factory(engine)):
        pass
    yield engine
    engine.dispose()


@pytest.fixture
def connection(engine: Engine) -> Iterator[Connection]:
    """An outer transaction rolled back after the test: tests never see each other."""
    with engine.connect() as connection:
        outer = connection.begin()
        try:
            yield connection
        finally:
            if outer.is_active:
                outer.rollback()


@pytest.fixture
def sessions(connection: Connection) -> sessionmaker[Session]:
    """Sessions that commit into savepoints of the test's outer transaction."""
    return sessionmaker(
        bind=connection, expire_on_commit=False, join_transaction_mode="create_savepoint"
    )


@pytest.fixture
def app_context(engine: Engine, sessions: sessionmaker[Session]) -> AppContext:
    settings = Settings(database_url=engine.url.render_as_string(hide_password=False))
    return AppContext(settings=settings, engine=engine, sessions=sessions)


@pytest.fixture
def app(app_context: AppContext) -> FastAPI:
    return create_app(context=app_context)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    """In-process HTTP client (httpx under the hood) against the real application."""
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client
