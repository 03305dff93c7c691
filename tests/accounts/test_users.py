"""What makes an account well formed, and a token's scopes, without a database."""

from __future__ import annotations

import pytest

from openitu.accounts.rights import Principal, Role
from openitu.accounts.users import (
    check_acts_for,
    check_token_scopes,
    normalise_username,
    parse_role,
)
from openitu.errors import InvalidInput


def test_usernames_are_lower_case_and_bounded() -> None:
    assert normalise_username("  Officer.FR@example ") == "officer.fr@example"
    for bad, reason in (("ab", "3 to 64"), ("x" * 65, "3 to 64"), ("a b c", "only letters")):
        with pytest.raises(InvalidInput, match=reason) as refused:
            normalise_username(bad)
        assert refused.value.field == "username"


def test_public_is_no_account_role() -> None:
    assert parse_role("delegate") is Role.DELEGATE
    with pytest.raises(InvalidInput, match="not an account"):
        parse_role("public")
    with pytest.raises(InvalidInput, match="unknown role"):
        parse_role("king")


@pytest.mark.parametrize(
    ("role", "administration", "proxy_for", "field"),
    [
        (Role.NOTIFYING_OFFICER, None, None, "administration"),
        (Role.SECRETARIAT, "FR", None, "administration"),
        (Role.NOTIFYING_OFFICER, "FR", "DE", "proxy_for"),
        (Role.DELEGATE, "FR", "FR", "proxy_for"),
    ],
)
def test_who_acts_for_an_administration(
    role: Role, administration: str | None, proxy_for: str | None, field: str
) -> None:
    check_acts_for(Role.DELEGATE, "FR", "DE")
    check_acts_for(Role.SECRETARIAT, None, None)
    with pytest.raises(InvalidInput) as refused:
        check_acts_for(role, administration, proxy_for)
    assert refused.value.field == field


def test_a_token_never_begets_a_token_with_more_scopes() -> None:
    by_token = Principal(
        role=Role.NOTIFYING_OFFICER,
        username="officer-fr",
        administration="FR",
        scopes=frozenset({"numbering.apply"}),
        via="token",
    )
    check_token_scopes(by_token, "officer-fr", frozenset({"numbering.apply"}))
    with pytest.raises(InvalidInput, match="may not exceed") as refused:
        check_token_scopes(by_token, "officer-fr", frozenset({"numbering.apply", "audit.read"}))
    assert refused.value.field == "scopes"
    # Signed in with a password (no scopes), or asking for someone else (an admin): no cap.
    check_token_scopes(Principal(role=Role.ADMIN, username="root"), "officer-fr", frozenset({"x"}))
