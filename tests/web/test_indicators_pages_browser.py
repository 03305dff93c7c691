"""The indicators' pages in headless Chromium: from the ranking to a country's page, whose
index (both methods, pillar by pillar, the indicators lacking named), rank and figures
are the use case's; a country asked for by code (an unknown one inline); the index's gaps
between least developed countries and the others; and the secretariat's load of a file
(signed in once): a bad row refuses the whole file naming its row and field, a good file
is stored and its figure shows on the country's page; the public's load is the page's
own 401."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from browser_pages import field_error, in_database, make_accounts, press, signed_in_page
from openitu.accounts import Role
from openitu.usecases import indicators as usecases
from register_fixtures import PASSWORD, SECRETARIAT

pytestmark = pytest.mark.browser

NAMES = {i["code"]: i["name"] for i in usecases.indicator_list()}
HEADER = "economy_iso3,economy,indicator,year,value\n"
# What Kenya lacks on the seed data for the IDI 2023 (the Factbook has none of these): with
# them it is computable, the seed's only such country.
KENYA = "".join(
    f"KEN,Kenya,{code},2031,{value}\n"
    for code, value in (
        ("households_internet_pct", 35), ("mobile_broadband_per100", 60),
        ("coverage_3g_pct", 96), ("coverage_4g_pct", 80), ("mobile_traffic_gb", 4.5),
        ("fixed_traffic_gb", 40), ("mobile_basket_gni_pct", 6), ("fixed_basket_gni_pct", 9),
        ("mobile_phone_owners_pct", 75),
    )
)  # fmt: skip


def _two(value: float | None, none: str = "") -> str:
    return none if value is None else f"{value:.2f}"


@pytest.fixture(scope="module")
def secretariat_page(browser: Any, live_server: str, loaded_sqlite_url: str) -> Iterator[Any]:
    """A page signed in as the secretariat (one sign-in for the module)."""
    username = f"ind-clerk-{uuid.uuid4().hex[:6]}"
    make_accounts(loaded_sqlite_url, [(username, Role.SECRETARIAT, None)], password=PASSWORD)
    with signed_in_page(browser, live_server, username, PASSWORD) as page:
        yield page


def test_from_the_ranking_to_a_country_and_the_groups_gaps(
    browser: Any, live_server: str, loaded_sqlite_url: str
) -> None:
    in_database(loaded_sqlite_url, lambda s: usecases.load_csv(s, principal=SECRETARIAT,
                                                        text=HEADER + KENYA))  # fmt: skip
    ranking = in_database(loaded_sqlite_url, lambda s: usecases.index(s, method="idi2023"))
    first = ranking["results"][0]
    assert first["computable"]  # the premise: Kenya at least is
    lacking = next(r for r in ranking["results"] if not r["computable"])
    page = browser.new_page()
    try:
        page.goto(f"{live_server}/indicators")
        pillars = page.locator(f"#rank-{first['country']} td.pillar").all_inner_texts()
        assert pillars == [_two(v) for v in first["pillars"].values()]
        page.click(f"#rank-{first['country']} a")
        page.wait_for_url(f"**/indicators/countries/{first['country']}")
        profile = in_database(
            loaded_sqlite_url, lambda s: usecases.country_profile(s, code=first["country"])
        )
        section = page.locator("#index-idi2023")
        assert section.locator(".value").inner_text() == f"{first['value']:.2f}"
        assert section.locator(".rank").inner_text() == str(first["rank"])
        scores = section.locator("tr[data-pillar] td.score").all_inner_texts()
        expected = profile["index"]["idi2023"]["pillars"].values()
        assert scores == [_two(v, "not computable") for v in expected]
        rows = page.locator("#figures tbody tr").all()
        assert len(rows) == len(profile["indicators"])
        code, figure = next(iter(profile["indicators"].items()))
        assert page.inner_text(f"#figure-{code} td.year") == str(figure["year"])
        assert page.inner_text(f"#figure-{code} td.unit") != ""

        page.goto(f"{live_server}/indicators/countries/{lacking['country']}")
        missing = page.inner_text("#index-idi2023 .missing")
        assert missing == ", ".join(NAMES[m] for m in lacking["missing"])

        page.goto(f"{live_server}/indicators")
        page.fill("#country", "XYZ")
        refused = press(page, "#go-country")
        assert refused.status == 422
        assert "XYZ" in field_error(page, "country")
        page.fill("#country", "ken")
        press(page, "#go-country")
        assert page.url.endswith("/indicators/countries/KE")
        assert page.inner_text("#country-name").startswith("Kenya")

        page.goto(f"{live_server}/indicators?by=development")
        gaps = in_database(loaded_sqlite_url, lambda s: usecases.gaps(s, by="development"))
        for group in gaps["groups"]:
            row = page.locator(f"#index-gaps tr[data-group='{group['group']}']")
            assert row.locator("td.computable").inner_text() == str(group["computable"])
            assert row.locator("td.mean").inner_text() == _two(group["mean"])
        assert {g["group"] for g in gaps["groups"]} == {"LDC", "other"}
    finally:
        page.close()


def test_the_secretariat_loads_a_file_all_rows_or_none(
    secretariat_page: Any, browser: Any, live_server: str, loaded_sqlite_url: str
) -> None:
    header = HEADER
    good = "TUV,Tuvalu,fixed_broadband_per100,2031,7.25\n" + KENYA
    before = in_database(loaded_sqlite_url, lambda s: usecases.country_profile(s, code="TV"))
    page = secretariat_page
    page.goto(f"{live_server}/indicators/load")
    bad = header + good + "XXX,Nowhere,fixed_broadband_per100,2031,1\n"
    page.set_input_files("#file", files=[{"name": "bad.csv", "mimeType": "text/csv",
                                          "buffer": bad.encode()}])  # fmt: skip
    refused = press(page, "#load")
    assert refused.status == 422
    bad_row = str(len(good.splitlines()) + 2)  # the header is row 1
    assert page.locator("#row-errors tbody td").all_inner_texts()[:2] == [bad_row, "economy_iso3"]
    after = in_database(loaded_sqlite_url, lambda s: usecases.country_profile(s, code="TV"))
    assert after["indicators"] == before["indicators"]  # the good row was not kept either

    page.set_input_files("#file", files=[{"name": "good.csv", "mimeType": "text/csv",
                                          "buffer": (header + good).encode()}])  # fmt: skip
    sent = press(page, "#load")
    assert sent.status == 200
    assert int(page.inner_text("#added")) + int(page.inner_text("#replaced")) >= 1  # Tuvalu's
    assert int(page.inner_text("#added")) + int(page.inner_text("#replaced")) + int(
        page.inner_text("#unchanged")
    ) == len(good.splitlines())
    stored = in_database(loaded_sqlite_url, lambda s: usecases.country_profile(s, code="TV"))
    assert stored["indicators"]["fixed_broadband_per100"]["value"] == 7.25
    page.goto(f"{live_server}/indicators/countries/TV")
    assert page.inner_text("#figure-fixed_broadband_per100 td.value") == "7.25"
    assert page.inner_text("#figure-fixed_broadband_per100 td.year") == "2031"
    kenya = in_database(loaded_sqlite_url, lambda s: usecases.country_profile(s, code="KE"))
    page.goto(f"{live_server}/indicators/countries/KE")
    assert page.inner_text("#index-idi2023 .value") == _two(kenya["index"]["idi2023"]["value"])

    public = browser.new_page()
    try:
        public.goto(f"{live_server}/indicators/load")
        assert "sign in" in public.inner_text("#who")
        public.set_input_files("#file", files=[{"name": "good.csv", "mimeType": "text/csv",
                                                "buffer": (header + good).encode()}])  # fmt: skip
        denied = press(public, "#load")
        assert denied.status == 401
        assert public.locator("#load-form").count() == 0  # the error page, not the form
    finally:
        public.close()
