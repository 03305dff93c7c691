"""The /spectrum page in headless Chromium against a running `openitu serve`: what users
do in the ITU's online table and in EFIS (pick an edition or a date, a country's view,
a conformity check, the diff of two editions), the unit hint and the chart's legend.

Every expected answer is computed by the pure queries on the same edition of the live
server's database, never written here.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from openitu.spectrum import queries
from openitu.spectrum.table import AllocationTable
from openitu.store import spectrum as repository
from openitu.store.db import make_engine, session_factory
from openitu.usecases import spectrum as usecases

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def tables(loaded_sqlite_url: str) -> Iterator[dict[str, AllocationTable]]:
    engine = make_engine(loaded_sqlite_url)
    with session_factory(engine)() as session:
        yield {
            edition_id: AllocationTable(repository.get_edition(session, edition_id))
            for edition_id in repository.edition_ids(session)
        }
    engine.dispose()


def _expected_rows(answer: dict[str, Any]) -> list[list[str]]:
    return [
        [
            a["service"].upper() if a["category"] == "primary" else a["service"].capitalize(),
            a["category"],
        ]
        for a in answer["allocations"]
    ]


def _shown_rows(page: Any) -> list[list[str]]:
    rows = page.locator("#lookup-results table.allocations tbody tr")
    return [
        [
            rows.nth(i).locator("td").nth(0).inner_text(),
            rows.nth(i).locator("td").nth(1).inner_text(),
        ]
        for i in range(rows.count())
    ]


def test_the_same_frequency_answers_per_edition(
    browser: Any, live_server: str, tables: dict[str, AllocationTable]
) -> None:
    page = browser.new_page()
    try:
        shown = {}
        for edition in ("RR-2012", "RR-2020"):
            page.goto(f"{live_server}/spectrum")
            page.select_option("#edition", edition)
            page.click("#choose-edition")
            page.wait_for_url(f"**edition={edition}*")
            assert page.locator("#edition-shown").get_attribute("data-edition") == edition
            page.fill("#frequency", "3500 MHz")
            page.select_option("#region", "1")
            page.click("#lookup")
            page.locator("#lookup-results").wait_for()
            # The lookup stays in the edition chosen.
            assert page.locator("#edition-shown").get_attribute("data-edition") == edition
            expected = queries.allocations_at(tables[edition], frequency="3500 MHz", region=1)
            shown[edition] = _shown_rows(page)
            assert shown[edition] == _expected_rows(expected)
        # WRC-15 made mobile primary in 3 400-3 600 MHz in Region 1 (RR 2016, No. 5.430A).
        assert shown["RR-2012"] != shown["RR-2020"]
    finally:
        page.close()


def test_a_date_and_the_final_acts_link_choose_the_edition(browser: Any, live_server: str) -> None:
    page = browser.new_page()
    try:
        page.goto(f"{live_server}/spectrum?edition=RR-2012")
        assert page.locator("#edition-shown").get_attribute("data-edition") == "RR-2012"
        page.select_option("#edition", "")
        page.fill("#date", "2018-06-01")
        page.click("#choose-edition")
        page.wait_for_url("**date=2018-06-01*")
        # RR-2016 is in force from 1 January 2017 to 31 December 2020.
        assert page.locator("#edition-shown").get_attribute("data-edition") == "RR-2016"
    finally:
        page.close()


def test_a_country_sees_its_footnotes_and_national_table(
    browser: Any, live_server: str, tables: dict[str, AllocationTable]
) -> None:
    page = browser.new_page()
    try:
        page.goto(f"{live_server}/spectrum?edition=RR-2020")
        page.fill("#frequency", "3500 MHz")
        page.fill("#country", "DE")
        page.click("#lookup")
        page.locator("#country-footnotes").wait_for()
        expected = queries.allocations_at(
            tables["RR-2020"], frequency="3500 MHz", region=1, country="DE"
        )["country"]
        naming = page.locator("#country-footnotes .naming").inner_text().split()
        assert naming == expected["footnotes_naming_country"] and naming
        national = expected["national_table"]
        assert national is not None and national["allocations"]
        rows = page.locator("#national-table tbody tr")
        assert rows.count() == len(national["allocations"])
        assert [rows.nth(i).locator("td").nth(1).inner_text() for i in range(rows.count())] == [
            row["service"] for row in national["allocations"]
        ]
    finally:
        page.close()


def test_checking_an_assignment_on_the_page(
    browser: Any, live_server: str, tables: dict[str, AllocationTable]
) -> None:
    page = browser.new_page()
    try:
        page.goto(f"{live_server}/spectrum?edition=RR-2012")
        page.fill("#service", "radio astronomy")
        page.fill("#assign_low", "1400 MHz")
        page.fill("#assign_high", "1427 MHz")
        page.select_option("#assign_region", "2")
        page.click("#check")
        result = page.locator("#check-result")
        result.wait_for()
        expected = queries.check_assignment(
            tables["RR-2012"], service="radio astronomy", low="1400 MHz", high="1427 MHz", region=2
        )
        conforms = result.get_attribute("data-conforms")
        assert conforms == ("true" if expected["conforms"] else "false")
        if expected["category"]:
            assert result.locator(".category").inner_text() == expected["category"]
        assert result.locator(".reasons li").all_inner_texts() == expected["reasons"]
    finally:
        page.close()


def test_the_diff_of_two_editions_on_the_page(
    browser: Any, live_server: str, loaded_sqlite_url: str, tables: dict[str, AllocationTable]
) -> None:
    engine = make_engine(loaded_sqlite_url)
    with session_factory(engine)() as session:
        expected = usecases.edition_diff(session, old=tables["RR-2012"], new=tables["RR-2016"])
    engine.dispose()
    page = browser.new_page()
    try:
        page.goto(f"{live_server}/spectrum")
        page.select_option("#diff_from", "RR-2012")
        page.select_option("#diff_to", "RR-2016")
        page.click("#compare")
        page.locator("#diff-results").wait_for()
        rows = page.locator("#diff-results tr.band-change")
        assert rows.count() == len(expected["bands"]) > 0
        first = expected["bands"][0]
        assert rows.first.get_attribute("data-low-hz") == f"{first['low_hz']:.0f}"
        cited = [s["source"] for s in first["sources"] if s["source"]]
        if cited:
            assert cited[0] in rows.first.inner_text()
        assert page.locator("#diff-results tr.footnote-change").count() == len(
            expected["footnotes"]
        )
    finally:
        page.close()


def test_a_frequency_without_a_unit_gets_a_hint(browser: Any, live_server: str) -> None:
    page = browser.new_page()
    try:
        page.goto(f"{live_server}/spectrum")
        page.fill("#frequency", "2450")
        page.click("#lookup")
        page.wait_for_url("**frequency=2450*")
        assert "add a unit: 2450 MHz?" in page.locator('[role="alert"]').first.inner_text()
        assert page.locator("#lookup-results").count() == 0
    finally:
        page.close()


def test_the_legend_lists_the_services_of_the_chart_only(browser: Any, live_server: str) -> None:
    page = browser.new_page()
    try:
        page.goto(f"{live_server}/spectrum?low=2GHz&high=3GHz&chart_region=1")
        drawn = page.eval_on_selector_all(
            "#chart rect[data-term]", "rects => [...new Set(rects.map(r => r.dataset.term))]"
        )
        listed = page.eval_on_selector_all(
            "#legend li.service", "items => items.map(i => i.dataset.term)"
        )
        assert sorted(drawn) == sorted(listed) and listed
        ticks = page.locator("#chart text.tick").all_text_contents()
        assert "3 GHz" in ticks and not any(t.endswith("000 MHz") for t in ticks)
    finally:
        page.close()
