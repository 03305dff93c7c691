"""The /radio pages over in-process HTTP: each form's answer is the use case's, a bad
field is refused with 422 and its reason next to it (the browser tests drive the same
pages in Chromium)."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from openitu.register.terrain import P1511Terrain
from openitu.usecases import radio as usecases

LONDON = {
    "lat_deg": "51.5",
    "lon_deg": "-0.1",
    "f_ghz": "20",
    "p_percent": "0.01",
    "sat_lon_deg": "28.2",
    "d_m": "1.2",
    "eta": "0.65",
}


def _value(html: str, element_id: str) -> float:
    match = re.search(rf'id="{element_id}" data-value="([^"]+)"', html)
    assert match, f"#{element_id} not on the page"
    return float(match.group(1))


def test_slant_path_page_gives_the_use_cases_answer(client: TestClient) -> None:
    page = client.get("/radio/slant-path", params=LONDON)
    assert page.status_code == 200, page.text
    expected = usecases.slant_path(
        lat_deg=51.5, lon_deg=-0.1, f_ghz=20.0, p_percent=0.01, sat_lon_deg=28.2, d_m=1.2, eta=0.65
    )
    assert _value(page.text, "a_total_db") == expected["a_total_db"]
    assert _value(page.text, "look-el") == expected["look"]["el_deg"]
    assert page.text.count('class="point"') == 5 * len(usecases.CURVE_PERCENTAGES)


@pytest.mark.parametrize(
    ("change", "field", "reason"),
    [
        ({"f_ghz": "abc"}, "f_ghz", "expected a number"),
        ({"sat_lon_deg": "-120"}, "sat_lon_deg", "above the horizon"),
        ({"sat_lon_deg": "", "el_deg": ""}, "el_deg", "either an elevation"),
        ({"edition": "P.618-9"}, "edition", "unsupported edition"),
    ],
)
def test_slant_path_page_names_the_bad_field(
    client: TestClient, change: dict[str, str], field: str, reason: str
) -> None:
    page = client.get("/radio/slant-path", params={**LONDON, **change})
    assert page.status_code == 422
    match = re.search(rf'id="{field}-error">([^<]*)<', page.text)
    assert match and reason in match.group(1)


BUDGET = {
    "lat_deg": "51.5",
    "lon_deg": "-0.1",
    "sat_lon_deg": "28.2",
    "p_percent": "0.1",
    "up_eirp_dbw": "75",
    "up_gt_db_k": "5",
    "up_required_cn_db": "8",
    "down_eirp_dbw": "52",
    "down_gt_db_k": "20",
    "down_required_cn_db": "8",
}


def test_link_budget_page_shows_each_term(client: TestClient) -> None:
    page = client.get("/radio/link-budget", params=BUDGET)
    assert page.status_code == 200, page.text
    common = {
        "lat_deg": 51.5,
        "lon_deg": -0.1,
        "sat_lon_deg": 28.2,
        "p_percent": 0.1,
        "bandwidth_hz": 36e6,
        "d_m": 1.2,
        "eta": 0.65,
        "required_cn_db": 8.0,
    }
    down = usecases.link_budget(
        direction="downlink", f_ghz=12.0, eirp_dbw=52.0, gt_db_k=20.0, **common
    )
    for term in ("free_space_loss_db", "atmospheric_loss_db", "c_n0_dbhz", "c_n_db", "margin_db"):
        assert _value(page.text, f"down-{term}") == down[term]
    bad = client.get("/radio/link-budget", params={**BUDGET, "up_f_ghz": "-3"})
    assert bad.status_code == 422
    assert 'id="up_f_ghz-error"' in bad.text


def test_path_page_profiles_from_the_terrain_source(client: TestClient) -> None:
    ends = {"tx_lat_deg": "46.2", "tx_lon_deg": "6.1", "rx_lat_deg": "46.5", "rx_lon_deg": "6.6"}
    page = client.get("/radio/path", params={**ends, "f_mhz": "2000", "p_percent": "1"})
    assert page.status_code == 200, page.text
    expected = usecases.p452_between(
        terrain=P1511Terrain(),
        tx_lat_deg=46.2,
        tx_lon_deg=6.1,
        rx_lat_deg=46.5,
        rx_lon_deg=6.6,
        htg_m=30.0,
        hrg_m=10.0,
        f_ghz=2.0,
        p_percent=1.0,
    )
    assert _value(page.text, "lb_db") == expected["lb_db"]
    assert 'id="profile-plot"' in page.text
    for key in ("clearance_m", "clearance_at_km", "effective_radius_km", "k_factor"):
        assert _value(page.text, key) == expected["profile"][key], key
    bad = client.get("/radio/path", params={**ends, "f_mhz": "2000", "tx_height_m": "0"})
    assert bad.status_code == 422 and 'id="tx_height_m-error"' in bad.text
    # The form asks for MHz: P.452's range is told in MHz next to that box.
    above = client.get("/radio/path", params={**ends, "f_mhz": "60000"})
    assert above.status_code == 422
    told = re.search(r'id="f_mhz-error"[^>]*>([^<]*)<', above.text)
    assert told is not None and "50000 MHz" in told.group(1), above.text


def test_antenna_form_takes_efficiency_and_s1528(client: TestClient) -> None:
    s465 = {
        "pattern": "S.465",
        "pattern_f": "12 GHz",
        "pattern_d_m": "1.2",
        "pattern_efficiency": "0.6",
    }
    page = client.get("/radio", params=s465)
    assert page.status_code == 200, page.text
    expected = usecases.antenna_pattern(pattern="S.465", f_hz=12e9, d_m=1.2, efficiency=0.6)
    assert _value(page.text, "peak-gain") == expected["peak_dbi"]
    s1528_form = {"pattern": "S.1528", "pattern_f": "", "pattern_d_m": "", "pattern_gmax": "35",
                  "pattern_half_beamwidth": "2"}  # fmt: skip
    s1528 = client.get("/radio", params={**s1528_form, "pattern_ln": "-25"})
    assert s1528.status_code == 200, s1528.text
    assert _value(s1528.text, "peak-gain") == 35.0
    bad = client.get("/radio", params={**s1528_form, "pattern_ln": "-17"})
    assert bad.status_code == 422 and 'id="pattern_ln-error"' in bad.text
