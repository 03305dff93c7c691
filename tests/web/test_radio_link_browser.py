"""The link-budget page in headless Chromium against a running `openitu serve`: uplink and
downlink of a GSO link, every term equal to the use case's, the margin curve drawn from
the use case's curve, and a bad field named next to it."""

from __future__ import annotations

from typing import Any

import pytest

from browser_pages import data_value, field_error, submit_form
from openitu.usecases import radio as usecases

pytestmark = pytest.mark.browser

TERMS = (
    "eirp_dbw",
    "free_space_loss_db",
    "atmospheric_loss_db",
    "other_losses_db",
    "total_loss_db",
    "gt_db_k",
    "c_n0_dbhz",
    "bandwidth_dbhz",
    "c_n_db",
    "required_cn_db",
    "margin_db",
)
FORM = {
    "lat_deg": "40.4",
    "lon_deg": "-3.7",
    "hs_km": "0.65",
    "sat_lon_deg": "-30",
    "p_percent": "0.5",
    "d_m": "2.4",
    "eta": "0.6",
    "bandwidth_mhz": "27",
    "up_f_ghz": "29.5",
    "up_eirp_dbw": "68",
    "up_gt_db_k": "12",
    "up_required_cn_db": "6",
    "up_other_losses_db": "0.5",
    "down_f_ghz": "19.7",
    "down_eirp_dbw": "56",
    "down_gt_db_k": "22",
    "down_required_cn_db": "6",
    "down_other_losses_db": "0.3",
}


def _submit(page: Any, base: str, fields: dict[str, str]) -> None:
    page.goto(f"{base}/radio/link-budget")
    submit_form(page, "#compute-budget", fields)


def _expected(direction: str) -> dict[str, Any]:
    prefix = "up_" if direction == "uplink" else "down_"
    return usecases.link_budget(
        direction="uplink" if direction == "uplink" else "downlink",
        lat_deg=40.4,
        lon_deg=-3.7,
        hs_km=0.65,
        sat_lon_deg=-30.0,
        p_percent=0.5,
        d_m=2.4,
        eta=0.6,
        bandwidth_hz=27e6,
        **{
            key: float(FORM[prefix + key])
            for key in ("f_ghz", "eirp_dbw", "gt_db_k", "required_cn_db", "other_losses_db")
        },
    )


def test_uplink_and_downlink_terms_are_the_use_cases(live_server: str, page: Any) -> None:
    _submit(page, live_server, FORM)
    up, down = _expected("uplink"), _expected("downlink")
    for term in TERMS:
        assert data_value(page, f"#up-{term}") == up[term], term
        assert data_value(page, f"#down-{term}") == down[term], term
    assert page.inner_text("#down-margin_db") == f"{down['margin_db']:.2f} dB"
    assert data_value(page, "#look-el") == up["look"]["el_deg"]
    assert data_value(page, "#look-range") == up["look"]["range_km"]
    combined = usecases.combined_cn_db(uplink_cn_db=up["c_n_db"], downlink_cn_db=down["c_n_db"])
    assert data_value(page, "#combined-cn") == combined
    for direction, expected in (("uplink", up), ("downlink", down)):
        points = page.locator(f'#margin-curve g[data-series="{direction}"] circle.point')
        drawn = [float(points.nth(i).get_attribute("data-y")) for i in range(points.count())]
        assert drawn == pytest.approx([row["margin_db"] for row in expected["curve"]], rel=1e-9)


def test_bad_fields_are_named_inline(live_server: str, page: Any) -> None:
    _submit(page, live_server, {**FORM, "down_gt_db_k": "lots"})
    assert "expected a number" in field_error(page, "down_gt_db_k")
    assert page.get_attribute("#down_gt_db_k", "aria-invalid") == "true"
    _submit(page, live_server, {**FORM, "bandwidth_mhz": "0"})
    assert "> 0" in page.inner_text("#bandwidth_mhz-error")
    _submit(page, live_server, {**FORM, "up_f_ghz": "70"})
    assert page.locator("#up_f_ghz-error").is_visible()
    assert page.locator("#budget").count() == 0
