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

from openitu.accounts import Role
from openitu.store import accounts as store
from openitu.store.db import make_engine, session_factory, unit_of_work
from openitu.usecases import accounts
from register_fixtures import ADMIN, PASSWORD

pytestmark = pytest.mark.browser


def _ask(database_url: str, step: Any) -> Any:
    engine = make_engine(database_url)
    try:
        with unit_of_work(session_factory(engine)) as session:
            return step(session)
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def admin_page(browser: Any, live_server: str, loaded_sqlite_url: str) -> Iterator[Any]:
    """A page signed in as an administrator (one sign-in for the module)."""
    username = f"users-admin-{uuid.uuid4().hex[:6]}"
    _ask(loaded_sqlite_url, lambda s: accounts.create_user(
        s, principal=ADMIN, username=username, password=PASSWORD, role=Role.ADMIN))  # fmt: skip
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{live_server}/account/sign-in")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    with page.expect_navigation():
        page.click("button[type=submit]")
    yield page
    context.close()


def _submit(page: Any, values: dict[str, str]) -> Any:
    for selector, value in values.items():
        if selector == "#role":
            page.select_option(selector, value)
        else:
            page.fill(selector, value)
    with page.expect_navigation() as answer:
        page.click("#create-user")
    return answer.value


def test_create_disable_and_enable_an_account(
    admin_page: Any, browser: Any, live_server: str, loaded_sqlite_url: str
) -> None:
    name = f"fr-officer-{uuid.uuid4().hex[:6]}"
    page = admin_page
    page.goto(f"{live_server}/account")
    page.click("#manage-accounts")
    page.wait_for_url("**/account/users")

    answer = _submit(page, {"#username": name, "#role": "notifying_officer",
                            "#administration": "FR", "#password": "short"})  # fmt: skip
    assert answer.status == 422
    assert "at least 12 characters" in page.inner_text("#password-error")
    assert page.input_value("#username") == name and page.input_value("#password") == ""
    answer = _submit(page, {"#administration": "", "#password": PASSWORD})
    assert answer.status == 422
    assert "acts for an administration" in page.inner_text("#administration-error")

    answer = _submit(page, {"#administration": "fr", "#password": PASSWORD})
    assert answer.ok
    user = _ask(loaded_sqlite_url, lambda s: store.get_user(s, name))
    assert user is not None and user.role is Role.NOTIFYING_OFFICER
    row = f"#user-{name}"
    assert page.inner_text(f"{row} td.role") == user.role.value
    assert page.inner_text(f"{row} td.administration") == user.administration == "FR"
    assert page.inner_text(f"{row} td.state") == "active"

    answer = _submit(page, {"#username": name, "#role": "secretariat", "#administration": "",
                            "#password": PASSWORD})  # fmt: skip
    assert answer.status == 409
    assert "exists already" in page.inner_text("#form-error")

    with page.expect_navigation():
        page.click(f"{row} button.disable")
    assert page.inner_text(f"{row} td.state") == "disabled"
    signed = _ask(
        loaded_sqlite_url, lambda s: accounts.authenticate(s, username=name, password=PASSWORD)
    )
    assert signed is None  # a disabled account cannot sign in
    with page.expect_navigation():
        page.click(f"{row} button.enable")
    assert page.inner_text(f"{row} td.state") == "active"
    assert _ask(loaded_sqlite_url, lambda s: store.get_user(s, name)).active

    public = browser.new_page()
    try:
        refused = public.goto(f"{live_server}/account/users")
        assert refused is not None and refused.status == 401
        assert "administrator" in public.inner_text("main")
        assert public.locator("#users").count() == 0
    finally:
        public.close()
