"""The /library page in headless Chromium against a running `openitu serve` (a SQLite
file migrated and loaded with the seed catalogue: tests/conftest.py ``live_server``)."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser


def test_search_box_ranks_e212_first_and_filters(live_server: str, browser: Any) -> None:
    page = browser.new_page()
    try:
        page.goto(f"{live_server}/library")
        page.fill("#q", "mobile country code")
        page.click("#search")
        page.wait_for_selector("#results")
        first = page.locator("tr.hit").first.inner_text()
        assert "ITU-T E.212" in first and "E.212 (09/2016)" in first
        page.select_option("#sector", "R")
        page.click("#search")
        page.wait_for_selector("#results")
        rows = page.locator("tr.hit").all_inner_texts()
        # "mobile" is in P.1546's keywords (land mobile): ITU-R still has an answer.
        assert rows and all("ITU-R" in row for row in rows)
    finally:
        page.close()
