"""A Recommendation's page in headless Chromium: reached from a search filtered by status,
it lists the catalogued versions with what superseded them (as the use case answers) and
where this system computes what the Recommendation specifies, linked; a bad filter comes
back next to its box, and an uncatalogued Recommendation is the page's own 404."""

from __future__ import annotations

from typing import Any

import pytest

from browser_pages import in_database
from openitu.usecases import library as usecases

pytestmark = pytest.mark.browser


def _answer(database_url: str, **query: str) -> dict[str, Any]:
    return in_database(database_url, lambda session: usecases.publication(session, **query))


def test_from_a_filtered_search_to_a_recommendation_and_its_computations(
    live_server: str, loaded_sqlite_url: str, browser: Any
) -> None:
    page = browser.new_page()
    try:
        page.goto(f"{live_server}/library")
        page.fill("#q", "refractivity")
        page.select_option("#status", "superseded")
        page.click("#search")
        page.wait_for_selector("#results")
        statuses = page.locator("tr.hit td.status").all_inner_texts()
        assert statuses and all(s.startswith("superseded") for s in statuses)
        row = page.locator("tr.hit", has_text="ITU-R P.453")
        assert row.locator("td.status").inner_text() == "superseded (by P.453-14)"
        row.locator("a").click()
        page.wait_for_url("**/library/R/P.453")

        expected = _answer(loaded_sqlite_url, sector="R", reference="P.453")
        shown = [
            r.locator("td").all_inner_texts() for r in page.locator("#versions tr.version").all()
        ]
        assert shown == [
            [v["version"], v["approved"] or "", v["status"], ", ".join(v["superseded_by"])]
            for v in expected["versions"]
        ]
        assert expected["in_force"] is None
        assert page.inner_text("#in-force") == "No catalogued version is in force."
        assert "POST /api/radio/slant-path" in page.inner_text("#computations")

        page.goto(f"{live_server}/library/R/P.452")
        expected = _answer(loaded_sqlite_url, sector="R", reference="P.452")
        assert expected["in_force"]["version"] == "P.452-18"
        assert "In force: P.452-18" in page.inner_text("#in-force")
        listed = page.inner_text("#computations")
        for computation in expected["computations"]:
            assert computation["title"] in listed
        assert "POST /api/radio/p452" in listed and "openitu radio p452" in listed
        page.locator("#computations a[href='/register']").first.click()
        page.wait_for_url("**/register")
        assert page.inner_text("h1") == "Terrestrial register"

        page.goto(f"{live_server}/library?q=rain&series=P1")
        assert "1-3 letters" in page.inner_text("#series-error")
        assert page.get_attribute("#series", "aria-invalid") == "true"
        answer = page.goto(f"{live_server}/library/R/P.9999")
        assert answer is not None and answer.status == 404
        assert "ITU-R P.9999 is not in the catalogue" in page.inner_text("main")
    finally:
        page.close()
