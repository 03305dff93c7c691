"""Steps the page tests share. In headless Chromium: accounts made on the live server's
database, signing in, sending a form and waiting for the page that answers it, reading
what a page wrote next to a field or in a number's data-value. Over the in-process
``pages`` client: the CSRF token a page's form carries.

tests/ is on sys.path (tests/conftest.py): imported by this unique module name, as
`from conftest import ...` would find whichever area's conftest was imported first. The
``browser``, ``live_server``, ``page`` and ``pages`` fixtures stand in tests/conftest.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from openitu.accounts import Principal, Role
from openitu.store import accounts as store
from openitu.store.db import make_engine, session_factory, unit_of_work
from openitu.usecases import accounts

T = TypeVar("T")

ADMIN = Principal(role=Role.ADMIN, username="cli:browser-tests", via="cli")

Account = tuple[str, Role, str | None]
"""(username, role, administration or None)."""


def in_database(database_url: str, step: Callable[[Session], T]) -> T:
    """``step`` in one transaction on the database a running server reads (the test's own
    engine, disposed after, so the server's file is never held open)."""
    engine = make_engine(database_url)
    try:
        with unit_of_work(session_factory(engine)) as session:
            return step(session)
    finally:
        engine.dispose()


def make_accounts(database_url: str, people: Iterable[Account], *, password: str) -> None:
    """The accounts, each with ``password``; one already there is left as it is (the
    session's server outlives a module, and a module's fixture may run again)."""

    def create(session: Session) -> None:
        for username, role, administration in people:
            if store.get_user(session, username) is None:
                accounts.create_user(session, principal=ADMIN, username=username,
                                     password=password, role=role,
                                     administration=administration)  # fmt: skip

    in_database(database_url, create)


def press(page: Any, selector: str) -> Any:
    """Click what sends the page away and wait for the answer; returns its response."""
    with page.expect_navigation() as navigation:
        page.click(selector)
    return navigation.value


def sign_in(page: Any, base: str, username: str, password: str) -> Any:
    page.goto(f"{base}/account/sign-in")
    page.fill("#username", username)
    page.fill("#password", password)
    return press(page, "button[type=submit]")


@contextmanager
def signed_in_page(browser: Any, base: str, username: str, password: str) -> Iterator[Any]:
    """A page of a context of its own, signed in once (the sign-in budget per address is
    small, so a module signs in once and reuses the page)."""
    context = browser.new_context()
    try:
        page = context.new_page()
        sign_in(page, base, username, password)
        yield page
    finally:
        context.close()


def submit_form(
    page: Any,
    button: str,
    fields: Mapping[str, str],
    choices: Mapping[str, str] | None = None,
) -> Any:
    """Pick ``choices`` (select boxes, first: a choice may show or hide boxes), type
    ``fields`` (both by element id), press ``button``; returns the answer's response."""
    for name, value in (choices or {}).items():
        page.select_option(f"#{name}", value)
    for name, text in fields.items():
        page.fill(f"#{name}", text)
    return press(page, button)


def field_error(page: Any, field: str) -> str:
    """What the page wrote next to the box ``field`` (its id) about its value."""
    return str(page.inner_text(f"#{field}-error"))


def data_value(page: Any, selector: str) -> float:
    """The number an element carries unrounded in its data-value."""
    return float(page.get_attribute(selector, "data-value"))


def csrf_of(html: str) -> str:
    """The CSRF token of the form on a page the ``pages`` client fetched."""
    found = re.search(r'name="csrf_token" value="([0-9a-f]{64})"', html)
    assert found, "the page carries no form with a CSRF token"
    return found.group(1)


def page_client(app: Any, username: str | None = None, *, password: str = "") -> Any:
    """An in-process client asking for pages as a browser does (as the ``pages`` fixture),
    signed in through the sign-in form as ``username`` when one is given."""
    from fastapi.testclient import TestClient

    client = TestClient(app, base_url="https://testserver", raise_server_exceptions=False,
                        follow_redirects=False)  # fmt: skip
    client.headers["accept"] = "text/html"
    if username is not None:
        form = client.get("/account/sign-in")
        done = client.post("/account/sign-in", data={"username": username, "password": password,
                                                     "csrf_token": csrf_of(form.text)})  # fmt: skip
        assert done.status_code == 303, done.text
    return client
