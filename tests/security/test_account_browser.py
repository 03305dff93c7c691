"""Signing in, making a token and signing out in headless Chromium, against `openitu serve`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from security_support import Server

from openitu.accounts.rights import Principal, Role
from openitu.store import migrate
from openitu.store.db import make_engine, session_factory, unit_of_work
from openitu.usecases import accounts as account_usecases

pytestmark = pytest.mark.browser
PASSWORD = "browser password 1"


@pytest.fixture(scope="module")
def account_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path: Path = tmp_path_factory.mktemp("browser") / "openitu.sqlite3"
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    migrate.upgrade(engine)
    with unit_of_work(session_factory(engine)) as session:
        account_usecases.create_user(
            session,
            principal=Principal(role=Role.ADMIN, username="cli:browser-test", via="cli"),
            username="fr-officer",
            password=PASSWORD,
            role="notifying_officer",
            administration="FR",
        )
    engine.dispose()
    server = Server(url)
    server.start()
    try:
        yield server.base_url
    finally:
        server.stop()


def test_sign_in_token_and_sign_out_in_a_browser(browser: Any, account_server: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(f"{account_server}/account")
        assert page.url.endswith("/account/sign-in")  # not signed in yet
        page.fill("#username", "fr-officer")
        page.fill("#password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{account_server}/account")
        assert page.inner_text("#role") == "notifying_officer"
        assert page.inner_text("#administration") == "FR"
        # The session cookie is out of the page scripts' reach.
        assert "openitu_session" not in page.evaluate("document.cookie")
        cookie = next(c for c in context.cookies() if c["name"] == "openitu_session")
        assert cookie["httpOnly"] is True and cookie["sameSite"] == "Lax"
        # An API token, made from the page, works on the API.
        page.fill("input[name=name]", "from the browser")
        page.click("text=Create token")
        secret = page.inner_text("#new-token").strip()
        assert secret.startswith("oitu_")
        me = context.request.get(
            f"{account_server}/api/auth/me", headers={"Authorization": f"Bearer {secret}"}
        )
        assert me.status == 200 and me.json()["username"] == "fr-officer"
        page.click("#sign-out")
        page.wait_for_url(f"{account_server}/")
        page.goto(f"{account_server}/account")
        assert page.url.endswith("/account/sign-in")
    finally:
        context.close()


def test_a_wrong_password_shows_why_in_the_page(browser: Any, account_server: str) -> None:
    page = browser.new_page()
    try:
        page.goto(f"{account_server}/account/sign-in")
        page.fill("#username", "fr-officer")
        page.fill("#password", "not the password")
        page.click("button[type=submit]")
        assert "Wrong username or password" in page.inner_text("[role=alert]")
    finally:
        page.close()
