"""A spectrum engineer's visit, in headless Chromium against a running `openitu serve`.

She plans a fixed link in France: looks up what the Table allocates at a frequency in
Region 1 on a date, reads a footnote's text, checks that her assignment conforms, sees
what changed between two editions, then notifies the assignment on the register's pages
and, once the Bureau has examined it, reads its finding there.

Every answer the pages give is compared with the use case or query that computes it,
called here on the live server's own database.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from browser_pages import make_accounts, sign_in, submit_form
from openitu.accounts import Role
from openitu.spectrum import queries
from openitu.spectrum.table import AllocationTable
from openitu.store import spectrum as repository
from openitu.store.db import make_engine, session_factory, unit_of_work
from openitu.usecases import register as register_usecases
from openitu.usecases import spectrum as spectrum_usecases
from register_fixtures import PASSWORD, SECRETARIAT

pytestmark = pytest.mark.browser

PLANNED_ON = date(2018, 6, 1)
LOOKED_UP = "3500 MHz"
# The link she notifies: 6 175 MHz, 28 MHz wide (28M0D7W), no other test uses it.
CHANNEL_MHZ = 6175.0
HALF_WIDTH_MHZ = 14.0


@pytest.fixture(scope="module")
def engine_url(loaded_sqlite_url: str) -> Iterator[Any]:
    engine = make_engine(loaded_sqlite_url)
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def engineer(loaded_sqlite_url: str) -> str:
    username = f"engineer-{uuid.uuid4().hex[:6]}"
    make_accounts(loaded_sqlite_url, [(username, Role.NOTIFYING_OFFICER, "FR")], password=PASSWORD)
    return username


def _table(engine: Any, edition: str) -> AllocationTable:
    with session_factory(engine)() as session:
        return AllocationTable(repository.get_edition(session, edition))


def _shown_allocations(page: Any) -> list[tuple[str, str]]:
    rows = page.locator("#lookup-results table.allocations tbody tr")
    return [
        (rows.nth(i).locator("td").nth(0).inner_text().lower(),
         rows.nth(i).locator("td").nth(1).inner_text())
        for i in range(rows.count())
    ]  # fmt: skip


def test_a_spectrum_engineer_plans_checks_and_notifies_a_fixed_link(
    browser: Any, live_server: str, engine_url: Any, engineer: str
) -> None:
    context = browser.new_context()
    page = context.new_page()
    try:
        # 1. What was allocated at 3 500 MHz in Region 1 on 1 June 2018?
        page.goto(f"{live_server}/spectrum")
        page.fill("#date", PLANNED_ON.isoformat())
        page.click("#choose-edition")
        page.wait_for_url(f"**date={PLANNED_ON.isoformat()}*")
        with session_factory(engine_url)() as session:
            in_force = repository.edition_in_force(session, PLANNED_ON)
        assert page.locator("#edition-shown").get_attribute("data-edition") == in_force
        page.fill("#frequency", LOOKED_UP)
        page.select_option("#region", "1")
        page.click("#lookup")
        page.locator("#lookup-results").wait_for()
        assert page.locator("#edition-shown").get_attribute("data-edition") == in_force
        answer = queries.allocations_at(_table(engine_url, in_force), frequency=LOOKED_UP, region=1)
        expected = [(a["service"].lower(), a["category"]) for a in answer["allocations"]]
        assert _shown_allocations(page) == expected and expected

        # 2. A footnote's text, as the edition words it.
        with_text = [note for note in answer["footnote_texts"] if note["text"]]
        assert with_text
        note = with_text[0]
        shown = page.locator(f'xpath=//dt[@id="fn-{note["id"]}"]/following-sibling::dd[1]')
        assert shown.inner_text() == note["text"]

        # 3. Does her link conform with the Table in force today, in France?
        low = f"{CHANNEL_MHZ - HALF_WIDTH_MHZ:g} MHz"
        high = f"{CHANNEL_MHZ + HALF_WIDTH_MHZ:g} MHz"
        page.goto(f"{live_server}/spectrum")
        page.fill("#service", "fixed")
        page.fill("#assign_low", low)
        page.fill("#assign_high", high)
        page.select_option("#assign_region", "1")
        page.fill("#assign_country", "FR")
        page.click("#check")
        result = page.locator("#check-result")
        result.wait_for()
        today = page.locator("#edition-shown").get_attribute("data-edition")
        with session_factory(engine_url)() as session:
            assert today == repository.edition_in_force(session, date.today())
        check = queries.check_assignment(
            _table(engine_url, today), service="fixed", low=low, high=high, region=1, country="FR"
        )
        assert result.get_attribute("data-conforms") == ("true" if check["conforms"] else "false")
        assert check["conforms"], check  # the fixed service is primary at 6 GHz
        assert result.locator(".category").inner_text() == check["category"]
        assert result.locator(".reasons li").all_inner_texts() == check["reasons"]

        # 4. What changed from the edition she planned on to today's?
        page.select_option("#diff_from", in_force)
        page.select_option("#diff_to", today)
        page.click("#compare")
        page.locator("#diff-results").wait_for()
        with session_factory(engine_url)() as session:
            diff = spectrum_usecases.edition_diff(
                session, old=_table(engine_url, in_force), new=_table(engine_url, today)
            )
        bands = page.locator("#diff-results tr.band-change")
        assert bands.count() == len(diff["bands"]) > 0
        assert [bands.nth(i).get_attribute("data-low-hz") for i in range(bands.count())] == [
            f"{band['low_hz']:.0f}" for band in diff["bands"]
        ]
        assert page.locator("#diff-results tr.footnote-change").count() == len(diff["footnotes"])

        # 5. She signs in and notifies the link on the register's pages.
        sign_in(page, live_server, engineer, PASSWORD)
        reference = f"FR-ENG-{engineer}"
        page.goto(f"{live_server}/register/notify")
        values = {
            "reference": reference, "service": "fixed", "frequency": f"{CHANNEL_MHZ:g} MHz",
            "emission": "28M0D7W", "date_of_bringing_into_use": "2027-06-01",
            "tx-lat_deg": "45.76", "tx-lon_deg": "4.84", "tx-antenna_height_m": "30",
            "tx-eirp_dbw": "40", "tx-gain_dbi": "36", "tx-azimuth_deg": "45",
            "rx-lat_deg": "45.84", "rx-lon_deg": "4.95", "rx-antenna_height_m": "30",
        }  # fmt: skip
        submit_form(page, "#submit", values, {"station_class": "FX", "tx-polarization": "V"})
        notice_id = int(page.inner_text("#notice-id"))
        page.goto(f"{live_server}/register/notices/{notice_id}")
        assert page.inner_text("#status") == "received"
        assert page.inner_text("#finding") == "not examined yet"

        # 6. The Bureau examines it; she reads the finding on the notice's page.
        with unit_of_work(session_factory(engine_url)) as session:
            finding = register_usecases.examine(session, principal=SECRETARIAT, notice_id=notice_id)
        page.reload()
        assert page.inner_text("#status") == "examined"
        assert page.inner_text("#finding") == finding["finding"]
        assert page.locator("#reasons li").all_inner_texts() == [
            f"{reason['provision']}: {reason['text']}" for reason in finding["reasons"]
        ]
        regulatory = page.inner_text("#regulatory")
        assert regulatory.startswith("conforms" if finding["regulatory"]["conforms"] else "does")
        # The Bureau's reading of the Table agrees with her own check on the spectrum page.
        assert finding["regulatory"]["conforms"] == check["conforms"]
        assert f"({today}, Region 1, FR)" in regulatory
        affected = len(finding["technical"]["affected"])
        assert page.inner_text("#technical").startswith(f"{affected} assignment(s) affected")
    finally:
        context.close()
