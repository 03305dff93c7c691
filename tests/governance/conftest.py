"""Governance fixtures: fresh committed databases (accounts, API tokens, the secretariat's
principal and `openitu serve` on a database, `server_for`, are tests/conftest.py's)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from openitu.store import migrate
from openitu.store.db import make_engine, session_factory
from openitu.store.loaders import governance as governance_loader

POSTGRESQL_URL = os.environ.get(
    "OPENITU_TEST_POSTGRESQL_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


@pytest.fixture
def fresh_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database of its own for tests whose clients commit for real (parametrise with
    indirect=True: "sqlite" or "postgresql"), migrated, Member States loaded."""
    backend = getattr(request, "param", "sqlite")
    admin = None
    name = f"openitu_gov_{uuid.uuid4().hex[:10]}"
    if backend == "postgresql":
        try:
            admin = create_engine(
                POSTGRESQL_URL, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3}
            )
            with admin.connect() as connection:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
        except Exception as exc:
            if os.environ.get("OPENITU_REQUIRE_POSTGRESQL") == "1":
                pytest.fail(f"PostgreSQL is required but unavailable: {exc}")
            pytest.skip(f"PostgreSQL unavailable: {str(exc).splitlines()[0]}")
        url = make_url(POSTGRESQL_URL).set(database=name).render_as_string(hide_password=False)
    else:
        url = f"sqlite:///{tmp_path / 'governance.sqlite3'}"
    engine = make_engine(url)
    try:
        migrate.upgrade(engine)
        for _ in governance_loader.load(session_factory(engine)):
            pass
        engine.dispose()
        yield url
    finally:
        engine.dispose()
        if admin is not None:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()
