"""The /indicators page in headless Chromium against a running `openitu serve` (a SQLite
file migrated and loaded with the Factbook seed): the map and a chart render with data,
and the PNG export draws them."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser


def test_map_and_chart_render_with_data(live_server: str, browser: Any) -> None:
    page = browser.new_page()
    try:
        page.goto(f"{live_server}/indicators?indicator=mobile_cellular_per100")
        page.wait_for_selector("#map svg path.country")
        shaded = page.locator("#map path.country.has-value")
        assert shaded.count() > 150
        kenya = page.locator('#map path[data-iso3="KEN"]')
        assert float(kenya.get_attribute("data-value")) > 50
        box = kenya.bounding_box()
        assert box is not None and box["width"] > 5 and box["height"] > 5  # drawn, not empty
        # East Africa lies right of the Atlantic: the projection puts Kenya east of Brazil.
        brazil = page.locator('#map path[data-iso3="BRA"]').bounding_box()
        assert brazil is not None and brazil["x"] < box["x"]
        bars = page.locator("#chart svg rect.bar")
        assert bars.count() == 20
        widths = [float(bars.nth(i).get_attribute("width")) for i in range(bars.count())]
        assert widths == sorted(widths, reverse=True) and widths[0] > widths[-1] > 0
        # PNG export: the canvas drawing produces an image, downloaded as a file.
        with page.expect_download() as download:
            page.click("#chart-png")
        assert download.value.suggested_filename == "mobile_cellular_per100-chart.png"
        assert int(page.get_attribute("#chart-png", "data-png-bytes")) > 1000
    finally:
        page.close()


def test_choosing_another_indicator_redraws(live_server: str, browser: Any) -> None:
    page = browser.new_page()
    try:
        page.goto(f"{live_server}/indicators")
        page.select_option("#indicator", "fixed_telephone_per100")
        page.click("#show")
        page.wait_for_selector("#map svg")
        assert "fixed_telephone_per100" in page.url
        assert page.locator("#map path.country.has-value").count() > 150
        assert "Fixed-telephone subscriptions" in page.inner_text("#chart")
    finally:
        page.close()
