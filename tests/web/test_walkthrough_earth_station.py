"""Walkthrough of a satellite earth-station engineer, in headless Chromium against a
running `openitu serve`.

She is siting a Ka-band terminal near Munich for a GSO satellite at 9° E. From the home
page she goes to Radio engineering, then to the slant path: the place and the satellite's
longitude give her the look angles to point the dish and the rain fade exceeded for
0.1 % of the year. The link to the link budget carries the place and satellite over; she
enters both carriers and reads each term, the margins and the end-to-end C/N. Every
number she reads is checked against the use case called here with the same inputs.
"""

from __future__ import annotations

from typing import Any

import pytest

from browser_pages import data_value, press, submit_form
from openitu.usecases import radio as usecases

pytestmark = pytest.mark.browser

SITE = {"lat_deg": 48.14, "lon_deg": 11.58, "hs_km": 0.52}
DISH = {"d_m": 1.8, "eta": 0.62}


def test_earth_station_engineer_points_the_dish_and_closes_the_link(
    live_server: str, page: Any
) -> None:
    page.goto(live_server)
    press(page, "header nav a[href='/radio']")
    press(page, "nav.subnav a[href='/radio/slant-path']")

    # Look angles and the rain fade at 19.7 GHz for 0.1 % of the year.
    place = {name: str(value) for name, value in {**SITE, **DISH}.items()}
    submit_form(
        page, "#compute-slant", {**place, "sat_lon_deg": "9", "f_ghz": "19.7", "p_percent": "0.1"}
    )
    path = usecases.slant_path(**SITE, **DISH, sat_lon_deg=9.0, f_ghz=19.7, p_percent=0.1)
    look = path["look"]
    assert data_value(page, "#look-el") == look["el_deg"]
    assert data_value(page, "#look-az") == look["az_deg"]
    assert page.inner_text("#look-el") == f"{look['el_deg']:.2f} °"
    # 9° E is west of Munich: the dish looks south, a little west, about 35° up.
    assert 30.0 < look["el_deg"] < 40.0 and 180.0 < look["az_deg"] < 190.0
    assert data_value(page, "#a_total_db") == path["a_total_db"]
    assert data_value(page, "#a_rain_db") == path["a_rain_db"]
    total = page.locator('#attenuation-curve g[data-series="total"] circle.point')
    assert total.count() == len(usecases.CURVE_PERCENTAGES)

    # On to the budget: the station and the satellite come along.
    press(page, "#to-link-budget")
    assert page.input_value("#lat_deg") == "48.14"
    assert page.input_value("#sat_lon_deg") == "9"
    assert page.input_value("#p_percent") == "0.1"
    assert page.locator("#budget").count() == 0  # nothing worked out before she sends it
    carriers = {
        "bandwidth_mhz": "50",
        "up_f_ghz": "29.75",
        "up_eirp_dbw": "62",
        "up_gt_db_k": "14",
        "up_required_cn_db": "5",
        "up_other_losses_db": "0.6",
        "down_f_ghz": "19.7",
        "down_eirp_dbw": "58",
        "down_gt_db_k": "19.5",
        "down_required_cn_db": "5",
        "down_other_losses_db": "0.4",
    }
    submit_form(page, "#compute-budget", carriers)
    common = {**SITE, **DISH, "sat_lon_deg": 9.0, "p_percent": 0.1, "bandwidth_hz": 50e6}
    up = usecases.link_budget(direction="uplink", **common, f_ghz=29.75, eirp_dbw=62.0,
                              gt_db_k=14.0, required_cn_db=5.0, other_losses_db=0.6)  # fmt: skip
    down = usecases.link_budget(direction="downlink", **common, f_ghz=19.7, eirp_dbw=58.0,
                                gt_db_k=19.5, required_cn_db=5.0, other_losses_db=0.4)  # fmt: skip
    # The downlink fade in the budget is the one the slant-path page showed her.
    assert data_value(page, "#down-atmospheric_loss_db") == path["a_total_db"]
    for term in ("free_space_loss_db", "atmospheric_loss_db", "c_n0_dbhz", "c_n_db", "margin_db"):
        assert data_value(page, f"#up-{term}") == up[term], term
        assert data_value(page, f"#down-{term}") == down[term], term
    assert page.inner_text("#up-margin_db") == f"{up['margin_db']:.2f} dB"
    assert page.inner_text("#down-margin_db") == f"{down['margin_db']:.2f} dB"
    combined = usecases.combined_cn_db(uplink_cn_db=up["c_n_db"], downlink_cn_db=down["c_n_db"])
    assert data_value(page, "#combined-cn") == combined
    assert combined < min(up["c_n_db"], down["c_n_db"])
    assert page.locator("#margin-curve").is_visible()
