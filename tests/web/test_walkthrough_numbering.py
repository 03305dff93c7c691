"""Persona walkthrough: a numbering administrator (Tanzania's notifying officer for
numbering) in headless Chromium against a running `openitu serve` (``live_server``).

They search a number and their country, apply from the page for an MNC under their MCC,
the secretariat checks, reserves, assigns and publishes it in a change notice, and the
administrator follows the application's history to "published"; each step's answer is
asserted as the person would read it.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from browser_pages import make_accounts, press, sign_in, signed_in_page, submit_form
from openitu.accounts import Role

pytestmark = pytest.mark.browser

ADMINISTRATOR = "walkthrough-numbering-tz"
CLERK = "walkthrough-numbering-tsb"
PASSWORD = "walkthrough numbering password"
HUMAN_DATE = re.compile(r"^\d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2} UTC$")


@pytest.fixture(scope="module")
def people(loaded_sqlite_url: str) -> None:
    make_accounts(
        loaded_sqlite_url,
        [(ADMINISTRATOR, Role.NOTIFYING_OFFICER, "TZ"), (CLERK, Role.SECRETARIAT, None)],
        password=PASSWORD,
    )


def _search(page: Any, base: str, query: str) -> None:
    page.goto(f"{base}/numbering")
    submit_form(page, "#search", {"q": query})


def test_a_numbering_administrator_applies_and_follows_the_code_to_its_publication(
    browser: Any, live_server: str, people: None
) -> None:
    administrator = browser.new_context()
    page = administrator.new_page()
    try:
        # A subscriber's number: Tanzanian, a valid mobile number.
        _search(page, live_server, "+255 754 123 456")
        assert page.inner_text("#regions").strip() == "TZ"
        assert page.inner_text("#valid") == "yes"
        assert page.inner_text("#type") == "mobile"
        # The country code alone names its country and what is missing.
        _search(page, live_server, "+255")
        assert "United Republic of Tanzania (TZ)" in page.inner_text("#q-error")
        assert "missing" in page.inner_text("#q-error")
        # Their country by name: its E.164 code and its MCC.
        _search(page, live_server, "Tanzania")
        assert page.inner_text("h1").strip() == "United Republic of Tanzania (TZ)"
        assert "+255" in page.inner_text("#e164")
        assert "640" in page.inner_text("#mccs")

        # Apply from the page: the form offers the free MNCs under MCC 640.
        sign_in(page, live_server, ADMINISTRATOR, PASSWORD)
        page.goto(f"{live_server}/numbering/apply")
        assert "administration TZ" in page.inner_text("main")
        offered = page.locator("#free-codes [data-mcc='640'] a.free-code")
        code = offered.first.inner_text()
        assert code.startswith("640-")
        with page.expect_navigation():
            offered.first.click()
        page.fill("#holder", "Tanzania Rural Mobile")
        page.fill("#purpose", "a new network for the Lake Zone")
        press(page, "#submit")
        assert "status: received" in page.inner_text("#created")
        number = page.inner_text("#application-id")
        # The officer's list shows it; the secretariat's buttons are not theirs.
        page.goto(f"{live_server}/numbering/applications")
        row = f"#application-{number}"
        assert page.inner_text(f"{row} .status") == "received"
        assert page.locator(f"{row} button[data-action=check]").count() == 0
    finally:
        administrator.close()

    with signed_in_page(browser, live_server, CLERK, PASSWORD) as page:
        page.goto(f"{live_server}/numbering/applications")
        row = f"#application-{number}"
        assert page.inner_text(f"{row} .purpose") == "a new network for the Lake Zone"
        for action, status in (
            ("check", "checked"),
            ("reserve", "reserved"),
            ("assign", "assigned"),
        ):
            press(page, f"{row} button[data-action={action}]")
            assert page.inner_text(f"{row} .status").startswith(status)
        assert "MCC 640 is geographic and TZ's" in page.inner_text(f"{row} .checked")
        press(page, "#publish")
        latest = page.locator("section.notice").first
        assert code in latest.inner_text() and "Tanzania Rural Mobile" in latest.inner_text()

    with signed_in_page(browser, live_server, ADMINISTRATOR, PASSWORD) as page:
        page.goto(f"{live_server}/numbering/applications/{number}")
        assert page.inner_text("#status") == "published"
        events = page.locator("#history tr.event")
        steps = [events.nth(i).get_attribute("data-action") for i in range(events.count())]
        assert steps == ["receive", "check", "reserve", "assign", "publish"]
        actors = page.locator("#history tr.event .actor").all_inner_texts()
        assert actors == [ADMINISTRATOR, CLERK, CLERK, CLERK, CLERK]
        for when in page.locator("#history tr.event td:first-child").all_inner_texts():
            assert HUMAN_DATE.match(when), when
        assert "notice No." in events.last.inner_text()
        # The country page says what the application says: published.
        page.goto(f"{live_server}/numbering/countries/TZ")
        held = page.locator("#assignments tr", has_text=code)
        assert "published" in held.inner_text() and "Tanzania Rural Mobile" in held.inner_text()
