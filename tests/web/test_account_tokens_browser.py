"""The account page in headless Chromium, signed in once as a French notifying officer:
the rights it lists are the role's (own-administration ones marked); a token is made with
the one right ticked, works on the API with that right alone and is listed with its
rights and expiry in words; bad days come back next to their box (422); a revoked token
stops working; revoking a token that is not one's own is the page's own 404; the
password changes only with the current one."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from browser_pages import field_error, in_database, make_accounts, press, signed_in_page
from openitu.accounts import Role
from openitu.accounts.rights import RIGHTS, rights_of
from openitu.store import accounts as store
from openitu.usecases import accounts
from register_fixtures import PASSWORD

pytestmark = pytest.mark.browser

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]  # fmt: skip


@pytest.fixture(scope="module")
def account_page(
    browser: Any, live_server: str, loaded_sqlite_url: str
) -> Iterator[tuple[Any, str]]:
    """A page signed in as a French notifying officer (one sign-in for the module)."""
    username = f"tokens-officer-{uuid.uuid4().hex[:6]}"
    make_accounts(loaded_sqlite_url, [(username, Role.NOTIFYING_OFFICER, "FR")], password=PASSWORD)
    with signed_in_page(browser, live_server, username, PASSWORD) as page:
        yield page, username


def test_rights_are_listed_and_a_scoped_token_is_made_used_and_revoked(
    account_page: tuple[Any, str], live_server: str, loaded_sqlite_url: str
) -> None:
    page, username = account_page
    page.goto(f"{live_server}/account")
    listed = page.locator("#rights li").evaluate_all(
        "items => items.map(i => i.dataset.permission)"
    )
    assert listed == sorted(rights_of(Role.NOTIFYING_OFFICER))
    own = {r.permission for r in RIGHTS if r.per_administration} & set(listed)
    assert own  # the premise: the officer holds rights for its own administration
    for permission in listed:
        text = page.inner_text(f"#rights li[data-permission='{permission}']")
        assert ("(for FR only)" in text) == (permission in own)

    page.fill("#name", "robot")
    page.fill("#expires_in_days", "0")
    refused = press(page, "#create-token")
    assert refused.status == 422
    assert "between 1 and 366" in field_error(page, "expires_in_days")
    assert page.input_value("#name") == "robot"  # what was typed is kept
    page.fill("#expires_in_days", "a week")
    refused = press(page, "#create-token")
    assert refused.status == 422
    assert "whole number of days" in field_error(page, "expires_in_days")

    page.fill("#expires_in_days", "7")
    page.check("#scope-notices-submit")
    made = press(page, "#create-token")
    assert made.status == 200
    made_on = datetime.now(UTC)
    secret = page.inner_text("#new-token").strip()
    bearer = {"Authorization": f"Bearer {secret}", "Accept": "application/json"}
    me = httpx.get(f"{live_server}/api/auth/me", headers=bearer)
    assert me.status_code == 200 and me.json()["rights"] == ["notices.submit"]
    token = in_database(loaded_sqlite_url, lambda s: store.list_tokens(s, owner=username)[-1])
    assert token.scopes == {"notices.submit"} and token.name == "robot"
    row = f"#token-{token.id}"
    assert page.inner_text(f"{row} td.scopes") == "notices.submit"
    expires = token.expires_at
    assert expires.date() == (made_on + timedelta(days=7)).date()
    assert page.inner_text(f"{row} td.expires") == (
        f"{expires.day} {MONTHS[expires.month - 1]} {expires.year}"
    )
    assert page.inner_text(f"{row} td.state") == "live"

    press(page, f"#revoke-{token.id}")
    assert page.inner_text(f"{row} td.state").startswith("revoked ")
    assert httpx.get(f"{live_server}/api/auth/me", headers=bearer).status_code == 401

    # Another account's token (or none): the page's own 404, saying nothing more.
    csrf = page.get_attribute("#token-form input[name=csrf_token]", "value")
    with page.expect_navigation() as gone:
        page.evaluate(
            """csrf => { const f = document.createElement('form'); f.method = 'post';
        f.action = '/account/tokens/999999/revoke';
        const i = document.createElement('input'); i.name = 'csrf_token'; i.value = csrf;
        f.appendChild(i); document.body.appendChild(f); f.submit(); }""",
            csrf,
        )
    assert gone.value.status == 404
    assert "no token 999999" in page.inner_text("#account-error")
    assert page.locator("#token-form").count() == 1


def test_the_password_is_changed_only_with_the_current_one(
    account_page: tuple[Any, str], live_server: str, loaded_sqlite_url: str
) -> None:
    page, username = account_page
    page.goto(f"{live_server}/account")
    fresh = "a new password for the page"
    page.fill("#current-password", "not my password at all")
    page.fill("#new-password", fresh)
    refused = press(page, "#change-password")
    assert refused.status == 422
    assert field_error(page, "current-password") == "is not your password"
    page.fill("#current-password", PASSWORD)
    page.fill("#new-password", "short")
    refused = press(page, "#change-password")
    assert refused.status == 422
    assert "at least 12 characters" in field_error(page, "new-password")
    page.fill("#current-password", PASSWORD)
    page.fill("#new-password", fresh)
    press(page, "#change-password")
    assert page.inner_text("#password-changed") == "Your password has been changed."

    def signs_in(password: str) -> bool:
        found = in_database(
            loaded_sqlite_url,
            lambda s: accounts.authenticate(s, username=username, password=password),
        )
        return found is not None

    assert signs_in(fresh) and not signs_in(PASSWORD)
