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

from openitu.accounts import Role
from openitu.accounts.rights import RIGHTS, rights_of
from openitu.store import accounts as store
from openitu.store.db import make_engine, session_factory, unit_of_work
from openitu.usecases import accounts
from register_fixtures import ADMIN, PASSWORD

pytestmark = pytest.mark.browser

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]  # fmt: skip


@pytest.fixture(scope="module")
def account_page(
    browser: Any, live_server: str, loaded_sqlite_url: str
) -> Iterator[tuple[Any, str]]:
    """A page signed in as a French notifying officer (one sign-in for the module)."""
    username = f"tokens-officer-{uuid.uuid4().hex[:6]}"
    engine = make_engine(loaded_sqlite_url)
    with unit_of_work(session_factory(engine)) as session:
        accounts.create_user(session, principal=ADMIN, username=username, password=PASSWORD,
                             role=Role.NOTIFYING_OFFICER, administration="FR")  # fmt: skip
    engine.dispose()
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{live_server}/account/sign-in")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    with page.expect_navigation():
        page.click("button[type=submit]")
    yield page, username
    context.close()


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
    with page.expect_navigation() as refused:
        page.click("#create-token")
    assert refused.value.status == 422
    assert "between 1 and 366" in page.inner_text("#expires_in_days-error")
    assert page.input_value("#name") == "robot"  # what was typed is kept
    page.fill("#expires_in_days", "a week")
    with page.expect_navigation() as refused:
        page.click("#create-token")
    assert refused.value.status == 422
    assert "whole number of days" in page.inner_text("#expires_in_days-error")

    page.fill("#expires_in_days", "7")
    page.check("#scope-notices-submit")
    with page.expect_navigation() as made:
        page.click("#create-token")
    assert made.value.status == 200
    made_on = datetime.now(UTC)
    secret = page.inner_text("#new-token").strip()
    bearer = {"Authorization": f"Bearer {secret}", "Accept": "application/json"}
    me = httpx.get(f"{live_server}/api/auth/me", headers=bearer)
    assert me.status_code == 200 and me.json()["rights"] == ["notices.submit"]
    engine = make_engine(loaded_sqlite_url)
    with unit_of_work(session_factory(engine)) as session:
        token = store.list_tokens(session, owner=username)[-1]
    engine.dispose()
    assert token.scopes == {"notices.submit"} and token.name == "robot"
    row = f"#token-{token.id}"
    assert page.inner_text(f"{row} td.scopes") == "notices.submit"
    expires = token.expires_at
    assert expires.date() == (made_on + timedelta(days=7)).date()
    assert page.inner_text(f"{row} td.expires") == (
        f"{expires.day} {MONTHS[expires.month - 1]} {expires.year}"
    )
    assert page.inner_text(f"{row} td.state") == "live"

    with page.expect_navigation():
        page.click(f"#revoke-{token.id}")
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
    with page.expect_navigation() as refused:
        page.click("#change-password")
    assert refused.value.status == 422
    assert page.inner_text("#current-password-error") == "is not your password"
    page.fill("#current-password", PASSWORD)
    page.fill("#new-password", "short")
    with page.expect_navigation() as refused:
        page.click("#change-password")
    assert refused.value.status == 422
    assert "at least 12 characters" in page.inner_text("#new-password-error")
    page.fill("#current-password", PASSWORD)
    page.fill("#new-password", fresh)
    with page.expect_navigation():
        page.click("#change-password")
    assert page.inner_text("#password-changed") == "Your password has been changed."

    def signs_in(password: str) -> bool:
        engine = make_engine(loaded_sqlite_url)
        try:
            with unit_of_work(session_factory(engine)) as session:
                found = accounts.authenticate(session, username=username, password=password)
                return found is not None
        finally:
            engine.dispose()

    assert signs_in(fresh) and not signs_in(PASSWORD)
