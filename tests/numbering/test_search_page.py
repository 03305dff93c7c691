"""The numbering page's search finds what the user means: a country code alone, a country
by name, a network by its MCC and MNC (headless Chromium against `openitu serve`)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

pytestmark = pytest.mark.browser


def _search(page: Any, base: str, query: str) -> None:
    page.goto(f"{base}/numbering")
    page.fill("#q", query)
    with page.expect_navigation():
        page.click("#search")


def test_search_by_code_alone_name_and_mcc_mnc(
    browser: Any, live_server: str, run_cli: Callable[..., Any]
) -> None:
    # The server's database is shared with other tests that may publish a Kenyan MNC: the
    # unassigned one asked for is read from that database now.
    free = run_cli("numbering", "free", "639", "--json")
    assert free.returncode == 0, free.stderr
    unassigned = json.loads(free.stdout)["free"][0]
    page = browser.new_page()
    try:
        # E.164 assigned codes: +254 Kenya; the page says whose it is and what is missing.
        _search(page, live_server, "+254")
        error = page.inner_text("#q-error")
        assert "Kenya (KE)" in error and "missing" in error
        assert "no assigned" not in error
        _search(page, live_server, "+1")
        error = page.inner_text("#q-error")
        assert "United States (US)" in error and "Canada (CA)" in error
        # A country by its name: Kenya's resources (E.212: MCC 639 is Kenya's).
        _search(page, live_server, "Kenya")
        assert page.inner_text("h1").strip() == "Kenya (KE)"
        assert "639" in page.inner_text("#mccs")
        # MCC 639 + MNC 02: Safaricom (ITU-T OB 1162, list of MNCs, Kenya).
        _search(page, live_server, "63902")
        assert "Safaricom" in page.inner_text("#operator")
        assert page.inner_text("#mnc").strip() == "02"
        _search(page, live_server, f"639{unassigned}")
        assert f"has no network with MNC {unassigned}" in page.inner_text("#q-error")
    finally:
        page.close()
