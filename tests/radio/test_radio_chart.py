"""The radio charts: every point inside the plot, each line carrying its numbers."""

from __future__ import annotations

import re

import pytest

from openitu.radio import chart


def _points(svg: str) -> list[tuple[float, float]]:
    found = re.findall(r'<polyline points="([^"]*)"', svg)
    return [tuple(map(float, pair.split(","))) for line in found for pair in line.split()]


@pytest.mark.parametrize(
    ("xs", "log_x"),
    [([5.0, 8.0, 20.0], True), ([0.001, 0.1, 50.0], True), ([0.0, 3.3, 51.0], False)],
)
def test_every_point_lies_inside_the_plot(xs: list[float], log_x: bool) -> None:
    svg = chart.line_chart_svg(
        [chart.Series("a", xs, [-3.0, 0.5, 17.2])],
        chart_id="c",
        title="t",
        x_label="x",
        y_label="y",
        log_x=log_x,
    )
    frame = chart.FRAME
    right, bottom = frame.width - frame.right, frame.height - frame.bottom
    for x, y in _points(svg):
        assert frame.left - 0.05 <= x <= right + 0.05
        assert frame.top - 0.05 <= y <= bottom + 0.05


def test_a_line_carries_the_values_it_was_drawn_from() -> None:
    svg = chart.profile_svg(
        [0.0, 1.5, 3.0, 4.25],
        [120.0, 310.5, 95.25, 101.0],
        bulge_m=[0.0, 0.0, 0.0, 0.0],
        earth_note="a flat Earth",
        tx_height_m=30.0,
        rx_height_m=10.0,
        chart_id="p",
        title="t",
    )
    terrain = re.search(r'data-series="terrain">.*?data-values="([^"]*)"', svg, re.S)
    assert terrain is not None
    assert terrain.group(1) == "0,120 1.5,310.5 3,95.25 4.25,101"
    sight = re.search(r'data-series="line of sight">.*?data-values="([^"]*)"', svg, re.S)
    assert sight is not None and sight.group(1) == "0,150 4.25,111"


def _drawn(svg: str, series: str) -> str:
    found = re.search(rf'data-series="{series}">.*?data-values="([^"]*)"', svg, re.S)
    assert found is not None, series
    return found.group(1)


def test_the_profile_is_drawn_over_the_earths_bulge() -> None:
    svg = chart.profile_svg(
        [0.0, 1.5, 3.0, 4.25],
        [120.0, 310.5, 95.25, 101.0],
        bulge_m=[0.0, 0.25, 0.5, 0.0],
        earth_note="a_e = 8500 km, median k = 4/3",
        tx_height_m=30.0,
        rx_height_m=10.0,
        chart_id="p",
        title="t",
    )
    # The terrain as the ray sees it (raised by the bulge), the bulge itself as sea level;
    # the ends carry no bulge, so the antennas and the line between them stand as before.
    assert _drawn(svg, "terrain") == "0,120 1.5,310.75 3,95.75 4.25,101"
    assert _drawn(svg, "sea level") == "0,0 1.5,0.25 3,0.5 4.25,0"
    assert _drawn(svg, "line of sight") == "0,150 4.25,111"
    assert "Earth&#x27;s bulge at a_e = 8500 km, median k = 4/3" in svg
