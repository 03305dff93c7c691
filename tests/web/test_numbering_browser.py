"""The numbering pages in headless Chromium against a running `openitu serve`.

The server runs on its own port over a SQLite file migrated and loaded with the reference
data (tests/conftest.py: ``live_server``); this module adds a notifying officer and one
published change notice to that database through the real services first.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import select

from browser_pages import field_error, press, sign_in, submit_form
from openitu.accounts import Principal, Role
from openitu.store import accounts
from openitu.store import numbering as store
from openitu.store.db import make_engine, session_factory, unit_of_work
from openitu.store.tables.numbering import NumberingApplication
from openitu.usecases import accounts as account_usecases
from openitu.usecases import numbering as usecases

pytestmark = pytest.mark.browser

OFFICER = "numbering-officer-fr"
CLERK = "numbering-clerk"
PASSWORD = "numbering browser password"
ADMIN = Principal(role=Role.ADMIN, username="cli:numbering-browser", via="cli")
TSB = Principal(role=Role.SECRETARIAT, username="numbering-browser-tsb", via="cli")
FR = Principal(role=Role.NOTIFYING_OFFICER, username=OFFICER, administration="FR", via="cli")


@pytest.fixture(scope="module")
def seeded(loaded_sqlite_url: str) -> Iterator[dict[str, str]]:
    engine = make_engine(loaded_sqlite_url)
    sessions = session_factory(engine)
    with unit_of_work(sessions) as session:
        if accounts.get_user(session, OFFICER) is None:
            account_usecases.create_user(
                session,
                principal=ADMIN,
                username=OFFICER,
                password=PASSWORD,
                role=Role.NOTIFYING_OFFICER,
                administration="FR",
            )
        free = store.e212_register(session).free_mncs("208", length=2)
        app = usecases.submit_application(
            session,
            principal=FR,
            administration="FR",
            kind="mnc",
            code=f"208{free[0]}",
            holder="Réseau Navigateur",
        )
        usecases.check_application(session, principal=TSB, application_id=app.id)
        usecases.reserve(session, principal=TSB, application_id=app.id)
        usecases.assign(session, principal=TSB, application_id=app.id)
        notice = usecases.publish_notice(session, principal=TSB)
        if accounts.get_user(session, CLERK) is None:
            account_usecases.create_user(
                session,
                principal=ADMIN,
                username=CLERK,
                password=PASSWORD,
                role=Role.SECRETARIAT,
            )
        pending = usecases.submit_application(
            session,
            principal=FR,
            administration="FR",
            kind="mnc",
            code=f"208{free[2]}",
            holder="Réseau en attente",
        )
    try:
        yield {
            "published": f"208-{free[0]}",
            "notice": str(notice.number),
            "free": free[1],
            "pending": str(pending.id),
            "pending_code": f"208-{free[2]}",
        }
    finally:
        engine.dispose()


def _search(page: Any, base: str, query: str) -> None:
    page.goto(f"{base}/numbering")
    submit_form(page, "#search", {"q": query})


def test_search_a_number_an_imsi_and_an_mcc(browser: Any, live_server: str) -> None:
    page = browser.new_page()
    try:
        _search(page, live_server, "+41 22 730 51 11")
        assert page.inner_text("#regions").strip() == "CH"
        assert page.inner_text("#valid") == "yes"
        assert page.inner_text("#e164") == "+41227305111"
        _search(page, live_server, "310410123456789")
        assert page.inner_text("#operator") == "AT&T Mobility"
        assert page.inner_text("#mnc").startswith("410")
        _search(page, live_server, "405")
        assert "Shyam Telelink Ltd, Rajasthan" in page.inner_text("table.networks")
        press(page, "#result a[href='/numbering/countries/IN']")
        assert "404" in page.inner_text("#mccs") and "405" in page.inner_text("#mccs")
    finally:
        page.close()


def test_bad_search_shows_the_reason_inline(browser: Any, live_server: str) -> None:
    page = browser.new_page()
    try:
        _search(page, live_server, "+41 22 abc")
        error = page.locator("#q-error")
        assert error.is_visible()
        assert "only digits" in error.inner_text()
        assert page.get_attribute("#q", "aria-invalid") == "true"
    finally:
        page.close()


def test_country_page_lists_signalling_codes(browser: Any, live_server: str) -> None:
    page = browser.new_page()
    try:
        page.goto(f"{live_server}/numbering/countries/AF")
        assert "+93" in page.inner_text("#e164")
        assert "4-024" in page.inner_text("#sancs")
        assert "8384" in page.inner_text("#ispcs")  # 4-024-0, OB 1295
    finally:
        page.close()


def test_change_notices_show_the_published_assignment(
    browser: Any, live_server: str, seeded: dict[str, str]
) -> None:
    page = browser.new_page()
    try:
        page.goto(f"{live_server}/numbering/notices")
        notice = page.locator(f"#notice-{seeded['notice']}")
        assert seeded["published"] in notice.inner_text()
        assert "Réseau Navigateur" in notice.inner_text()
    finally:
        page.close()


def test_application_form_with_inline_errors(
    browser: Any, live_server: str, loaded_sqlite_url: str, seeded: dict[str, str]
) -> None:
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(f"{live_server}/numbering/apply")
        assert "sign in" in page.inner_text("main")
        page.goto(f"{live_server}/account/sign-in")
        page.fill("#username", OFFICER)
        page.fill("#password", PASSWORD)
        press(page, "button[type=submit]")
        page.goto(f"{live_server}/numbering/apply")
        assert "administration FR" in page.inner_text("main")

        def submit(code: str, holder: str) -> None:
            page.select_option("#kind", "mnc")
            page.fill("#code", code)
            page.fill("#holder", holder)
            press(page, "#submit")

        submit("20", "Réseau Test")
        assert "5 or 6 digits" in field_error(page, "code")
        assert page.get_attribute("#code", "aria-invalid") == "true"
        assert page.input_value("#holder") == "Réseau Test"  # what was typed is kept
        submit("20801", "Réseau Test")  # Orange's (OB 1162)
        assert "already reserved or assigned" in field_error(page, "code")
        submit("26299", "Réseau Test")  # Germany's MCC
        assert "MCC 262 belongs to DE" in field_error(page, "applicant")
        submit(f"208{seeded['free']}", "")
        assert "name the operator" in field_error(page, "holder")
        submit(f"208{seeded['free']}", "Réseau Test")
        created = page.locator("#created")
        assert created.is_visible()
        application_id = int(page.inner_text("#application-id"))
    finally:
        context.close()
    engine = make_engine(loaded_sqlite_url)
    try:
        with session_factory(engine)() as session:
            row = session.scalar(
                select(NumberingApplication).where(NumberingApplication.id == application_id)
            )
            assert row is not None
            assert (row.code, row.applicant, row.status, row.submitted_by) == (
                f"208-{seeded['free']}",
                "FR",
                "received",
                OFFICER,
            )
    finally:
        engine.dispose()


def test_secretariat_decides_and_publishes_from_the_page(
    browser: Any, live_server: str, seeded: dict[str, str]
) -> None:
    context = browser.new_context()
    page = context.new_page()
    stale = context.new_page()
    try:
        sign_in(page, live_server, CLERK, PASSWORD)
        row = f"#application-{seeded['pending']}"
        page.goto(f"{live_server}/numbering/applications")
        stale.goto(f"{live_server}/numbering/applications")
        press(page, f"{row} button[data-action=check]")
        assert page.inner_text(f"{row} .status").startswith("checked")
        # The other tab still offers "check": the server refuses, the page says why.
        with stale.expect_navigation():
            stale.click(f"{row} button[data-action=check]")
        assert "cannot check an application that is checked" in stale.inner_text("#step-error")
        for action, status in (("reserve", "reserved"), ("assign", "assigned")):
            press(page, f"{row} button[data-action={action}]")
            assert page.inner_text(f"{row} .status").startswith(status)
        press(page, "#publish")
        assert page.url.endswith("/numbering/notices")
        latest = page.locator("section.notice").first
        assert seeded["pending_code"] in latest.inner_text()
        assert "ADD" in latest.inner_text()
    finally:
        context.close()
