"""Governance fixtures: real accounts and API tokens, the secretariat's principal."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy.orm import Session, sessionmaker

from openitu.accounts import Principal, Role
from openitu.store import accounts

ADMIN = Principal(role=Role.ADMIN, username="cli:governance-tests", via="cli")
PASSWORD = "governance test password 1"

TokenFor = Callable[..., dict[str, str]]


@pytest.fixture
def secretariat() -> Principal:
    return Principal(role=Role.SECRETARIAT, username="conference-secretary", via="cli")


@pytest.fixture
def token_for(sessions: sessionmaker[Session]) -> TokenFor:
    """token_for(username, role, administration=None, proxy_for=None) -> auth headers."""

    def issue(
        username: str, role: Role, administration: str | None = None, proxy_for: str | None = None
    ) -> dict[str, str]:
        with sessions() as session, session.begin():
            accounts.create_user(
                session,
                actor=ADMIN,
                username=username,
                password=PASSWORD,
                role=role,
                administration=administration,
                proxy_for=proxy_for,
            )
            secret, _ = accounts.create_token(session, actor=ADMIN, username=username)
        return {"Authorization": f"Bearer {secret}"}

    return issue
