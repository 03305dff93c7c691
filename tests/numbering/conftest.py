"""Numbering test fixtures: principals, API tokens, fresh committed databases."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from databases import fresh_database
from openitu.accounts import Principal, Role
from openitu.store import accounts, migrate
from openitu.store.db import make_engine, session_factory
from openitu.store.loaders import numbering as numbering_loader

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
    with fresh_database(backend, tmp_path, label="num") as url:
        engine = make_engine(url)
        try:
            migrate.upgrade(engine)
            for _ in numbering_loader.load(session_factory(engine)):
                pass
            yield engine
        finally:
            engine.dispose()
