"""The register's pages in headless Chromium against a running `openitu serve`: a
notifying officer notifies through the form (a bad latitude comes back inline, next to
what was typed); the secretariat examines and records from the notice's page (its
finding, nothing else being on its channel, and its map) and publishes the circular,
whose page lists the notice in Part II; the search page finds it by area and shows a bad
centre inline; an interfering notice's page shows whom it affects."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from browser_pages import field_error, make_accounts, press, sign_in, signed_in_page, submit_form
from openitu.accounts import Role
from openitu.store.db import make_engine, session_factory, unit_of_work
from openitu.usecases import register as usecases
from register_fixtures import PASSWORD, SECRETARIAT, fixed_link, officer

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def people(loaded_sqlite_url: str) -> dict[str, str]:
    tag = uuid.uuid4().hex[:6]
    names = {"officer": f"reg-officer-{tag}", "clerk": f"reg-clerk-{tag}"}
    make_accounts(
        loaded_sqlite_url,
        [
            (names["officer"], Role.NOTIFYING_OFFICER, "FR"),
            (names["clerk"], Role.SECRETARIAT, None),
        ],
        password=PASSWORD,
    )
    return names | {"tag": tag}


def test_notify_examine_record_and_read_the_circular(
    browser: Any, live_server: str, loaded_sqlite_url: str, people: dict[str, str]
) -> None:
    reference = f"FR-WEB-{people['tag']}"
    officer = browser.new_context()
    page = officer.new_page()
    try:
        page.goto(f"{live_server}/register/notify")
        assert "sign in" in page.inner_text("main")
        sign_in(page, live_server, people["officer"], PASSWORD)
        page.goto(f"{live_server}/register/notify")
        assert "administration FR" in page.inner_text("main")
        values = {
            "reference": reference, "service": "fixed", "frequency": "6305 MHz",
            "emission": "28M0D7W", "date_of_bringing_into_use": "2027-03-01",
            "tx-lat_deg": "95", "tx-lon_deg": "1.90", "tx-antenna_height_m": "40",
            "tx-eirp_dbw": "45", "tx-gain_dbi": "38", "tx-azimuth_deg": "90",
            "rx-lat_deg": "47.90", "rx-lon_deg": "2.10", "rx-antenna_height_m": "35",
        }  # fmt: skip
        submit_form(page, "#submit", values, {"station_class": "FX", "tx-polarization": "V"})
        assert "outside [-90, 90]" in field_error(page, "tx-lat_deg")
        assert page.get_attribute("#tx-lat_deg", "aria-invalid") == "true"
        assert page.input_value("#reference") == reference  # what was typed is kept
        page.fill("#tx-lat_deg", "47.90")
        press(page, "#submit")
        notice_id = int(page.inner_text("#notice-id"))
        page.goto(f"{live_server}/register/notices/{notice_id}")
        assert page.inner_text("#status") == "received"
        assert page.locator("#action-withdraw").is_visible()  # its own administration's
        assert page.locator("#station-rx").count() == 1
    finally:
        officer.close()

    with signed_in_page(browser, live_server, people["clerk"], PASSWORD) as page:
        page.goto(f"{live_server}/register/notices/{notice_id}")
        press(page, "#action-examine")
        assert page.inner_text("#finding") == "favourable"
        assert page.inner_text("#technical").startswith("0 assignment(s) affected")
        assert page.inner_text("#regulatory").startswith("conforms")
        press(page, "#action-record")
        assert page.inner_text("#status") == "recorded"
        assert page.inner_text("#recorded-under") == "No. 11.31"
        events = page.locator("#history td.event").all_inner_texts()
        assert events == ["notified", "examined", "recorded"]
        page.goto(f"{live_server}/register/circulars")
        press(page, "#publish")
        assert reference in page.locator("#part-II").inner_text()

    page = browser.new_page()
    try:
        page.goto(f"{live_server}/register/circulars")
        assert page.locator("#publish").count() == 0  # the public reads, never publishes
        page.click("#circulars tbody tr:last-child a")
        page.wait_for_url("**/register/circulars/*")
        assert reference in page.locator("#part-II").inner_text()
        assert reference in page.locator("#part-I").inner_text()
        page.goto(f"{live_server}/register?near=47.90,1.90&radius_km=2&administration=FR")
        assert page.locator(f"#notice-{notice_id}").is_visible()
        page.goto(f"{live_server}/register?near=north&radius_km=2")
        assert "LAT,LON" in field_error(page, "near")
    finally:
        page.close()


def test_the_interfering_notice_shows_whom_it_affects_on_its_map(
    browser: Any, live_server: str, loaded_sqlite_url: str, people: dict[str, str]
) -> None:
    """A German link recorded at Kehl, then a French one at Strasbourg on the same
    channel (6 405 MHz, used by no other test) pointed across the Rhine: its page lists
    the German assignment among those affected and draws its transmitter on the map."""
    tag = people["tag"]
    channel = {"frequency_hz": 6_405e6}
    kehl = fixed_link("DE", f"DE-WEB-{tag}", agreements=["FR"], tx__lat_deg=48.50,
                      tx__lon_deg=7.98, tx__azimuth_deg=290, rx__lat_deg=48.57,
                      rx__lon_deg=7.82, **channel)  # fmt: skip
    strasbourg = fixed_link("FR", f"FR-WEB-{tag}", tx__lat_deg=48.58, tx__lon_deg=7.75,
                            tx__azimuth_deg=100, rx__lat_deg=48.55, rx__lon_deg=7.95,
                            **channel)  # fmt: skip
    engine = make_engine(loaded_sqlite_url)
    try:
        with unit_of_work(session_factory(engine)) as session:
            german = usecases.notify_one(session, principal=officer("DE"), notice=kehl)
            usecases.examine(session, principal=SECRETARIAT, notice_id=german.notice_id)
            usecases.record(session, principal=SECRETARIAT, notice_id=german.notice_id)
            french = usecases.notify_one(session, principal=officer("FR"), notice=strasbourg)
    finally:
        engine.dispose()
    with signed_in_page(browser, live_server, people["clerk"], PASSWORD) as page:
        page.goto(f"{live_server}/register/notices/{french.notice_id}")
        press(page, "#action-examine")
        assert page.inner_text("#finding") == "unfavourable"
        affected = page.inner_text("#affected")
        assert f"{german.notice_id} (DE, 6405 MHz" in affected and "margin -" in affected
        assert page.locator(f"#interferer-{german.notice_id}").count() == 1
        assert "coordination with DE not completed" in page.inner_text("#reasons")
