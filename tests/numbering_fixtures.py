"""Numbering's fixtures for the tests of every layer (registered in tests/conftest.py):
the principals of the workflow and real accounts with API tokens."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy.orm import Session, sessionmaker

from openitu.accounts import Principal, Role
from openitu.usecases import accounts

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
    """A real account and API token (the accounts area's own use cases)."""
    with sessions() as session, session.begin():
        accounts.create_user(
            session,
            principal=ADMIN,
            username=username,
            password=PASSWORD,
            role=role,
            administration=administration,
        )
        secret, _ = accounts.create_token(session, principal=ADMIN, username=username)
    return secret


@pytest.fixture
def numbering_token(
    sessions: sessionmaker[Session],
) -> Callable[[str, Role, str | None], str]:
    """Issue an account and token in the test's database: (name, role, iso2) -> token."""

    def issue(username: str, role: Role, administration: str | None) -> str:
        return issue_token(sessions, username, role, administration)

    return issue
