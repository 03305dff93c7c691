"""The terrestrial-path page in headless Chromium against a running `openitu serve`:
P.452 and P.1546 between two points on the register's terrain source (the P.1511-2
topography when no tiles are set), the answers the use cases give, the profile drawn."""

from __future__ import annotations

from typing import Any

import pytest

from browser_pages import data_value, field_error, submit_form
from openitu.usecases import radio as usecases
from openitu.usecases import register as register_usecases

pytestmark = pytest.mark.browser

ENDS = {"tx_lat_deg": "45.9", "tx_lon_deg": "6.9", "rx_lat_deg": "46.2", "rx_lon_deg": "7.4"}
ENDS_DEG = {key: float(value) for key, value in ENDS.items()}


def _submit(page: Any, base: str, model: str, fields: dict[str, str]) -> None:
    page.goto(f"{base}/radio/path")
    submit_form(page, "#compute-path", fields, choices={"model": model})


def _drawn(page: Any, series: str) -> list[float]:
    """The heights a series of the profile chart was drawn from."""
    values = page.get_attribute(f'#profile-plot g[data-series="{series}"] polyline', "data-values")
    return [float(pair.split(",")[1]) for pair in values.split()]


def test_p452_over_the_alps_with_its_profile(live_server: str, page: Any) -> None:
    _submit(
        page,
        live_server,
        "p452",
        {
            **ENDS,
            "f_mhz": "5800",
            "p_percent": "10",
            "tx_height_m": "25",
            "rx_height_m": "15",
            "gt_dbi": "30",
        },
    )
    expected = usecases.p452_between(
        terrain=register_usecases.terrain_for(""),
        **ENDS_DEG,
        htg_m=25.0,
        hrg_m=15.0,
        f_ghz=5.8,
        p_percent=10.0,
        gt_dbi=30.0,
    )
    for key in ("lb_db", "lbfsg_db", "ldp_db", "lbs_db", "lba_db"):
        assert data_value(page, f"#{key}") == expected[key], key
    assert data_value(page, "#distance") == expected["distance_km"]
    profile = expected["profile"]
    heights = _drawn(page, "terrain")
    # The terrain is drawn as the ray sees it: raised by the Earth's bulge at a_e.
    seen = [h + b for h, b in zip(profile["h_m"], profile["bulge_m"], strict=True)]
    assert heights == pytest.approx(seen, rel=1e-9)
    assert _drawn(page, "sea level") == pytest.approx(profile["bulge_m"], rel=1e-9, abs=1e-9)
    assert max(heights) > 1500  # the profile crosses mountains: the terrain is real
    assert page.locator('#profile-plot g[data-series="line of sight"] polyline').count() == 1
    for key in ("clearance_m", "clearance_at_km", "effective_radius_km"):
        assert data_value(page, f"#{key}") == profile[key], key
    assert profile["clearance_m"] < 0.0  # the Alps stand between the two ends
    assert f"a_e = {profile['effective_radius_km']:.0f} km" in page.inner_text("#path-result")


def test_p1546_field_strength(live_server: str, page: Any) -> None:
    _submit(
        page,
        live_server,
        "p1546",
        {
            **ENDS,
            "f_mhz": "600",
            "p_percent": "1",
            "tx_height_m": "150",
            "rx_height_m": "10",
            "ptx_kw": "10",
        },
    )
    expected = usecases.p1546_between(
        terrain=register_usecases.terrain_for(""),
        **ENDS_DEG,
        ha_m=150.0,
        h2_m=10.0,
        f_mhz=600.0,
        t_percent=1.0,
        ptx_kw=10.0,
    )
    assert data_value(page, "#e_dbuv_m") == expected["e_dbuv_m"]
    assert data_value(page, "#lb_db") == expected["lb_db"]
    assert page.inner_text("#e_dbuv_m") == f"{expected['e_dbuv_m']:.2f} dB(µV/m)"
    assert page.locator("#profile-plot").is_visible()
    profile = expected["profile"]
    seen = [h + b for h, b in zip(profile["h_m"], profile["bulge_m"], strict=True)]
    assert _drawn(page, "terrain") == pytest.approx(seen, rel=1e-9)
    assert data_value(page, "#clearance_m") == profile["clearance_m"]
    assert "median k = 4/3" in page.inner_text("#path-result")


def test_bad_fields_are_named_inline(live_server: str, page: Any) -> None:
    _submit(page, live_server, "p1546", {**ENDS, "f_mhz": "6000", "p_percent": "1"})
    assert "4000" in field_error(page, "f_mhz")
    _submit(page, live_server, "p452", {**ENDS, "rx_lat_deg": "99", "f_mhz": "2000"})
    assert page.locator("#rx_lat_deg-error").is_visible()
    assert page.get_attribute("#rx_lat_deg", "aria-invalid") == "true"
    assert page.locator("#path-result").count() == 0
