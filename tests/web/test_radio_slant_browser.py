"""The slant-path page in headless Chromium against a running `openitu serve`: a place and
a GSO satellite's longitude give the look angles and the P.618 attenuation the use case
gives, the curve drawn is the use case's curve, and a bad field is named next to it."""

from __future__ import annotations

from typing import Any

import pytest

from browser_pages import data_value, field_error, submit_form
from openitu.radio.propagation import p618
from openitu.usecases import radio as usecases

pytestmark = pytest.mark.browser


def _submit(page: Any, base: str, fields: dict[str, str], edition: str | None = None) -> None:
    page.goto(f"{base}/radio/slant-path")
    submit_form(page, "#compute-slant", fields, choices={"edition": edition} if edition else None)


def test_gso_satellite_gives_look_angles_attenuation_and_curve(live_server: str, page: Any) -> None:
    _submit(
        page,
        live_server,
        {
            "lat_deg": "48.85",
            "lon_deg": "2.35",
            "hs_km": "0.05",
            "sat_lon_deg": "13",
            "f_ghz": "19.7",
            "p_percent": "0.05",
        },
    )
    expected = usecases.slant_path(
        lat_deg=48.85,
        lon_deg=2.35,
        hs_km=0.05,
        sat_lon_deg=13.0,
        f_ghz=19.7,
        p_percent=0.05,
        d_m=1.2,
        eta=0.65,
    )
    assert expected["edition"] == p618.P618_DEFAULT
    assert data_value(page, "#look-el") == expected["look"]["el_deg"]
    assert data_value(page, "#look-az") == expected["look"]["az_deg"]
    assert data_value(page, "#look-range") == expected["look"]["range_km"]
    for key in ("a_gas_db", "a_cloud_db", "a_rain_db", "a_scint_db", "a_total_db"):
        assert data_value(page, f"#{key}") == expected[key]
    assert page.inner_text("#a_total_db") == f"{expected['a_total_db']:.3f} dB"
    points = page.locator('#attenuation-curve g[data-series="total"] circle.point')
    assert points.count() == len(expected["curve"])
    drawn = [
        (float(points.nth(i).get_attribute("data-x")), float(points.nth(i).get_attribute("data-y")))
        for i in range(points.count())
    ]
    want = [(row["p_percent"], row["a_total_db"]) for row in expected["curve"]]
    assert drawn == [pytest.approx(pair, rel=1e-9) for pair in want]
    # The chart is drawn, not only written: the line spans the plot.
    box = page.locator('#attenuation-curve g[data-series="total"] polyline').bounding_box()
    assert box is not None and box["width"] > 400


def test_elevation_given_and_the_other_edition(live_server: str, page: Any) -> None:
    cape_town = {
        "lat_deg": "-33.9",
        "lon_deg": "18.4",
        "el_deg": "40",
        "f_ghz": "12",
        "p_percent": "0.1",
    }
    _submit(page, live_server, cape_town, edition="P.618-13")
    expected = usecases.slant_path(
        **{key: float(text) for key, text in cape_town.items()},
        d_m=1.2,
        eta=0.65,
        edition="P.618-13",
    )
    assert data_value(page, "#a_total_db") == expected["a_total_db"]
    assert page.locator("#look-angles").count() == 0
    assert "P.618-13" in page.inner_text("#slant-result h2")


def test_bad_fields_are_named_inline(live_server: str, page: Any) -> None:
    _submit(
        page,
        live_server,
        {"lat_deg": "48.85", "lon_deg": "2.35", "sat_lon_deg": "-150", "f_ghz": "19.7"},
    )
    error = page.locator("#sat_lon_deg-error")
    assert error.is_visible() and "above the horizon" in error.inner_text()
    assert page.get_attribute("#sat_lon_deg", "aria-invalid") == "true"
    assert page.input_value("#sat_lon_deg") == "-150"  # what was typed is kept
    _submit(
        page,
        live_server,
        {"lat_deg": "north", "lon_deg": "2.35", "sat_lon_deg": "13", "f_ghz": "19.7"},
    )
    assert "expected a number" in field_error(page, "lat_deg")
    _submit(
        page,
        live_server,
        {
            "lat_deg": "48.85",
            "lon_deg": "2.35",
            "sat_lon_deg": "13",
            "f_ghz": "19.7",
            "p_percent": "70",
        },
    )
    assert "0.001" in field_error(page, "p_percent")
