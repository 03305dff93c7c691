"""The antenna form in headless Chromium against a running `openitu serve`: efficiency
for the earth-station patterns and S.1528's parameters, as `openitu radio antenna`
takes them; the peak gain and the plotted pattern are the use case's."""

from __future__ import annotations

from typing import Any

import pytest

from browser_pages import field_error, submit_form
from openitu.usecases import radio as usecases

pytestmark = pytest.mark.browser

# S.1528 from its peak gain and half beamwidth: no frequency or diameter.
S1528 = {"pattern_f": "", "pattern_d_m": "", "pattern_gmax": "38", "pattern_half_beamwidth": "1.5"}


def _plot(page: Any, base: str, pattern: str, fields: dict[str, str]) -> None:
    page.goto(f"{base}/radio")
    submit_form(page, "#plot", fields, choices={"pattern": pattern})


def _polyline(page: Any) -> list[tuple[float, float]]:
    points = page.get_attribute("#pattern-plot g.series polyline", "points")
    return [(float(x), float(y)) for x, y in (pair.split(",") for pair in points.split())]


def test_efficiency_changes_the_peak_as_the_use_case_says(live_server: str, page: Any) -> None:
    _plot(
        page,
        live_server,
        "S.580",
        {"pattern_f": "14 GHz", "pattern_d_m": "2.4", "pattern_efficiency": "0.55"},
    )
    expected = usecases.antenna_pattern(pattern="S.580", f_hz=14e9, d_m=2.4, efficiency=0.55)
    assert float(page.get_attribute("#peak-gain", "data-value")) == expected["peak_dbi"]
    default = usecases.antenna_pattern(pattern="S.580", f_hz=14e9, d_m=2.4)
    assert expected["peak_dbi"] < default["peak_dbi"]
    assert len(_polyline(page)) == len(expected["angles_deg"]) - 1


def test_s1528_pattern_from_peak_gain_and_beamwidth(live_server: str, page: Any) -> None:
    _plot(
        page,
        live_server,
        "S.1528",
        {**S1528, "pattern_ln": "-25"},
    )
    expected = usecases.antenna_pattern(
        pattern="S.1528", gmax_dbi=38.0, half_beamwidth_deg=1.5, ln_db=-25.0
    )
    assert float(page.get_attribute("#peak-gain", "data-value")) == expected["peak_dbi"] == 38.0
    assert "S.1528" in page.inner_text("#pattern-summary")
    line = _polyline(page)
    # Drawn top-down: the lowest point of the plot is the far side lobes' floor.
    gains = expected["gain_dbi"][1:]
    lowest = max(range(len(line)), key=lambda i: line[i][1])
    assert gains[lowest] == min(gains)


def test_bad_parameters_are_named_inline(live_server: str, page: Any) -> None:
    _plot(
        page,
        live_server,
        "S.1528",
        {**S1528, "pattern_ln": "-17"},
    )
    assert "-15, -20, -25, -30" in field_error(page, "pattern_ln")
    _plot(page, live_server, "S.465", {"pattern_efficiency": "1.4"})
    assert page.locator("#pattern_efficiency-error").is_visible()
    assert page.get_attribute("#pattern_efficiency", "aria-invalid") == "true"
