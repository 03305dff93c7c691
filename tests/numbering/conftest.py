"""Numbering test fixtures: principals, API tokens, fresh committed databases."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from openitu.accounts import Principal, Role
from openitu.store import accounts, migrate
from openitu.store.db import make_engine, session_factory
from openitu.store.loaders import numbering as numbering_loader

POSTGRESQL_URL = os.environ.get(
    "OPENITU_TEST_POSTGRESQL_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
ADMIN = Principal(role=Role.ADMIN, username="cli:numbering-tests", via="cli")
PASSWORD = "numbering test password 1"


def _officer(iso2: str) -> Principal:
    return Principal(
        role=Role.NOTIFYING_OFFICER,
        username=f"officer-{iso2.lower()}",
        administration=iso2,
        via="cli",
    )


@pytest.fixture
def tsb() -> Principal:
    """A secretariat clerk of the TSB."""
    return Principal(role=Role.SECRETARIAT, username="tsb-clerk", via="cli")


@pytest.fixture
def officer() -> Callable[[str], Principal]:
    """A notifying officer of the administration given (ISO2)."""
    return _officer


def issue_token(
    sessions: sessionmaker[Session], username: str, role: Role, administration: str | None
) -> str:
    """A real account and API token (the accounts area's own services)."""
    with sessions() as session, session.begin():
        accounts.create_user(
            session,
            actor=ADMIN,
            username=username,
            password=PASSWORD,
            role=role,
            administration=administration,
        )
        secret, _ = accounts.create_token(session, actor=ADMIN, username=username)
    return secret


@pytest.fixture
def token_for(sessions: sessionmaker[Session]) -> Callable[[str, Role, str | None], str]:
    """Issue an account and token in the test's database: token_for(name, role, iso2)."""

    def issue(username: str, role: Role, administration: str | None) -> str:
        return issue_token(sessions, username, role, administration)

    return issue


@pytest.fixture
def fresh_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A database of its own (tests that commit for real), migrated, numbering loaded."""
    backend = getattr(request, "param", "sqlite")
    name = None
    admin = None
    if backend == "postgresql":
        try:
            admin = create_engine(
                POSTGRESQL_URL, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3}
            )
            name = f"openitu_num_{uuid.uuid4().hex[:10]}"
            with admin.connect() as connection:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
        except Exception as exc:
            if os.environ.get("OPENITU_REQUIRE_POSTGRESQL") == "1":
                pytest.fail(f"PostgreSQL is required but unavailable: {exc}")
            pytest.skip(f"PostgreSQL unavailable: {str(exc).splitlines()[0]}")
        url = make_url(POSTGRESQL_URL).set(database=name).render_as_string(hide_password=False)
    else:
        url = f"sqlite:///{tmp_path / 'numbering.sqlite3'}"
    engine = make_engine(url)
    try:
        migrate.upgrade(engine)
        for _ in numbering_loader.load(session_factory(engine)):
            pass
        yield engine
    finally:
        engine.dispose()
        if admin is not None and name is not None:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()
