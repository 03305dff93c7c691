"""Officers and delegates act for administrations, which are the ITU's Member States."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session, sessionmaker

from openitu.accounts.rights import Principal, Role
from openitu.errors import InvalidInput
from openitu.usecases import accounts as account_usecases

CLI = Principal(role=Role.ADMIN, username="cli:test", via="cli")


@pytest.mark.parametrize(
    ("role", "administration", "proxy_for", "field"),
    [
        ("notifying_officer", "PS", None, "administration"),  # an observer
        ("delegate", "TW", None, "administration"),  # not a member
        ("delegate", "FR", "PR", "proxy_for"),  # a territory cannot give a proxy
    ],
)
def test_accounts_act_only_for_member_states(
    sessions: sessionmaker[Session],
    role: str,
    administration: str,
    proxy_for: str | None,
    field: str,
) -> None:
    with sessions() as session, session.begin(), pytest.raises(InvalidInput) as refused:
        account_usecases.create_user(
            session,
            principal=CLI,
            username=f"{role}-{administration}",
            password="a long enough pass",
            role=role,
            administration=administration,
            proxy_for=proxy_for,
        )
    assert refused.value.field == field
    assert "not a Member State" in refused.value.reason


def test_a_member_states_officer_is_created(sessions: sessionmaker[Session]) -> None:
    with sessions() as session, session.begin():
        user = account_usecases.create_user(
            session,
            principal=CLI,
            username="officer-ss",
            password="a long enough pass",
            role="notifying_officer",
            administration="ss",
        )
    assert user.administration == "SS"
