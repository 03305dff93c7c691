"""Applying and following an application from the pages, in headless Chromium against a
running `openitu serve` (tests/conftest.py: ``live_server``): the form suggests the free
codes under the administration's MCC, the same form sent twice makes one application, an
application has a page with its dated history, the secretariat's table shows each
application's purpose and what its check looked at; an admin is told who may see them."""

from __future__ import annotations

import re
from typing import Any

import pytest
from sqlalchemy import func, select

from browser_pages import make_accounts, press, signed_in_page
from openitu.accounts import Role
from openitu.store.db import make_engine, session_factory
from openitu.store.tables.numbering import NumberingApplication

pytestmark = pytest.mark.browser

OFFICER = "applications-officer-ke"
CLERK = "applications-clerk"
ROOT = "applications-root"
PASSWORD = "applications browser password"
#: "7 December 2026, 14:05 UTC": a day, a month's name, a year, a time, the zone.
HUMAN_DATE = re.compile(r"^\d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2} UTC$")


@pytest.fixture(scope="module")
def accounts_made(loaded_sqlite_url: str) -> str:
    make_accounts(
        loaded_sqlite_url,
        [(OFFICER, Role.NOTIFYING_OFFICER, "KE"), (CLERK, Role.SECRETARIAT, None),
         (ROOT, Role.ADMIN, None)],
        password=PASSWORD,
    )  # fmt: skip
    return loaded_sqlite_url


def _count(url: str, code: str) -> int:
    engine = make_engine(url)
    try:
        with session_factory(engine)() as session:
            return int(
                session.scalar(
                    select(func.count())
                    .select_from(NumberingApplication)
                    .where(NumberingApplication.code == code)
                )
                or 0
            )
    finally:
        engine.dispose()


def test_apply_once_follow_the_history_and_the_secretariats_table(
    browser: Any, live_server: str, accounts_made: str
) -> None:
    with signed_in_page(browser, live_server, OFFICER, PASSWORD) as page:
        page.goto(f"{live_server}/numbering/apply")
        # Kenya's MCC is 639: the form offers its free MNCs; one click fills the code in.
        suggested = page.locator("#free-codes [data-mcc='639'] a.free-code")
        assert suggested.count() > 0
        code = suggested.first.inner_text()
        assert code.startswith("639-")
        with page.expect_navigation():
            suggested.first.click()
        assert page.input_value("#code") == code
        page.fill("#holder", "Kenya Walkthrough Net")
        page.fill("#purpose", "rural 4G coverage in Turkana")
        press(page, "#submit")
        first = page.inner_text("#application-id")
        assert HUMAN_DATE.match(page.inner_text("#received")), page.inner_text("#received")
        # The same form sent again (the browser's reload re-posts it): still one application.
        with page.expect_navigation():
            page.reload()
        assert page.inner_text("#application-id") == first
        assert "already sent" in page.inner_text("#created")
        assert _count(accounts_made, code) == 1

        press(page, "#follow")
        assert page.url.endswith(f"/numbering/applications/{first}")
        assert page.inner_text("#status").startswith("received")
        assert page.inner_text("#purpose") == "rural 4G coverage in Turkana"
        steps = page.locator("#history tr.event")
        assert steps.count() == 1
        assert steps.first.locator(".actor").inner_text() == OFFICER
        assert HUMAN_DATE.match(steps.first.locator("td").first.inner_text())

    with signed_in_page(browser, live_server, CLERK, PASSWORD) as page:
        page.goto(f"{live_server}/numbering/applications")
        row = f"#application-{first}"
        assert page.inner_text(f"{row} .purpose") == "rural 4G coverage in Turkana"
        assert page.inner_text(f"{row} .checked") == "not checked yet"
        assert HUMAN_DATE.match(page.inner_text(f"{row} .received"))
        press(page, f"{row} button[data-action=check]")
        checked = page.inner_text(f"{row} .checked")
        assert checked.startswith("checked: no objection")
        assert "MCC 639 is geographic and KE's" in checked
        assert f"{code} neither reserved nor assigned" in checked
        page.goto(f"{live_server}/numbering/applications/{first}")
        actors = page.locator("#history tr.event .actor").all_inner_texts()
        assert actors == [OFFICER, CLERK]
        # A step taken on the application's own page comes back to that page, one more step
        # in its history.
        action = page.locator("button[data-action]").first.get_attribute("data-action")
        press(page, f"button[data-action={action}]")
        assert page.url.endswith(f"/numbering/applications/{first}")
        assert page.locator("#history tr.event").count() == 3
        assert page.locator("#history tr.event").last.get_attribute("data-action") == action

    with signed_in_page(browser, live_server, ROOT, PASSWORD) as page:
        page.goto(f"{live_server}/numbering/applications")
        refusal = page.inner_text("#step-error")
        assert "may not see numbering applications" in refusal and "None" not in refusal
        response = page.goto(f"{live_server}/numbering/applications/{first}")
        assert response is not None and response.status == 403
