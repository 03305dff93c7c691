"""The spectrum page in headless Chromium against a running `openitu serve`."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser


def test_lookup_2450_mhz_region_1_shows_ism_footnote(browser: Any, live_server: str) -> None:
    page = browser.new_page()
    try:
        page.goto(f"{live_server}/spectrum")
        page.fill("#frequency", "2450 MHz")
        page.select_option("#region", "1")
        page.click("#lookup")
        results = page.locator("#lookup-results")
        results.wait_for()
        assert "5.150" in results.inner_text()
        assert "industrial, scientific and medical" in results.inner_text()
    finally:
        page.close()


def test_clicking_a_band_of_the_chart_shows_its_allocations(browser: Any, live_server: str) -> None:
    page = browser.new_page()
    try:
        page.goto(f"{live_server}/spectrum?low=2GHz&high=3GHz&chart_region=1")
        band = page.locator('.band[data-low-hz="2450000000"][data-region="1"]')
        band.click()
        details = page.locator("#band-details")
        details.locator("h3").wait_for()
        text = details.inner_text()
        assert "2450 MHz" in text and "Region 1" in text
        assert "FIXED" in text and "5.150" in text
    finally:
        page.close()


def test_zooming_changes_the_range(browser: Any, live_server: str) -> None:
    page = browser.new_page()
    try:
        page.goto(f"{live_server}/spectrum")
        wide = page.locator(".band").count()
        page.fill("#low", "2 GHz")
        page.fill("#high", "3 GHz")
        page.click("#zoom")
        page.wait_for_url("**high=3*")
        narrow = page.locator(".band").count()
        assert 0 < narrow < wide
    finally:
        page.close()
