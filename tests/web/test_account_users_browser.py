"""The administrators' accounts page in headless Chromium, signed in once as an
administrator: an account is created from the form (a short password and an officer
without an administration come back next to their box, 422; a name taken is the page's
409 on top), listed as the store has it, disabled (it can no longer sign in) and
enabled again; the public asking for the page gets its own 401."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from browser_pages import field_error, in_database, make_accounts, signed_in_page, submit_form
from openitu.accounts import Role
from openitu.store import accounts as store
from openitu.usecases import accounts
from register_fixtures import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def admin_page(browser: Any, live_server: str, loaded_sqlite_url: str) -> Iterator[Any]:
    """A page signed in as an administrator (one sign-in for the module)."""
    username = f"users-admin-{uuid.uuid4().hex[:6]}"
    make_accounts(loaded_sqlite_url, [(username, Role.ADMIN, None)], password=PASSWORD)
    with signed_in_page(browser, live_server, username, PASSWORD) as page:
        yield page


def test_create_disable_and_enable_an_account(
    admin_page: Any, browser: Any, live_server: str, loaded_sqlite_url: str
) -> None:
    name = f"fr-officer-{uuid.uuid4().hex[:6]}"
    page = admin_page
    page.goto(f"{live_server}/account")
    page.click("#manage-accounts")
    page.wait_for_url("**/account/users")

    answer = submit_form(page, "#create-user", {"username": name, "administration": "FR",
                         "password": "short"}, {"role": "notifying_officer"})  # fmt: skip
    assert answer.status == 422
    assert "at least 12 characters" in field_error(page, "password")
    assert page.input_value("#username") == name and page.input_value("#password") == ""
    answer = submit_form(page, "#create-user", {"administration": "", "password": PASSWORD})
    assert answer.status == 422
    assert "acts for an administration" in field_error(page, "administration")

    answer = submit_form(page, "#create-user", {"administration": "fr", "password": PASSWORD})
    assert answer.ok
    user = in_database(loaded_sqlite_url, lambda s: store.get_user(s, name))
    assert user is not None and user.role is Role.NOTIFYING_OFFICER
    row = f"#user-{name}"
    assert page.inner_text(f"{row} td.role") == user.role.value
    assert page.inner_text(f"{row} td.administration") == user.administration == "FR"
    assert page.inner_text(f"{row} td.state") == "active"

    answer = submit_form(page, "#create-user", {"username": name, "administration": "",
                         "password": PASSWORD}, {"role": "secretariat"})  # fmt: skip
    assert answer.status == 409
    assert "exists already" in page.inner_text("#form-error")

    with page.expect_navigation():
        page.click(f"{row} button.disable")
    assert page.inner_text(f"{row} td.state") == "disabled"
    signed = in_database(
        loaded_sqlite_url, lambda s: accounts.authenticate(s, username=name, password=PASSWORD)
    )
    assert signed is None  # a disabled account cannot sign in
    with page.expect_navigation():
        page.click(f"{row} button.enable")
    assert page.inner_text(f"{row} td.state") == "active"
    assert in_database(loaded_sqlite_url, lambda s: store.get_user(s, name)).active

    public = browser.new_page()
    try:
        refused = public.goto(f"{live_server}/account/users")
        assert refused is not None and refused.status == 401
        assert "administrator" in public.inner_text("main")
        assert public.locator("#users").count() == 0
    finally:
        public.close()
