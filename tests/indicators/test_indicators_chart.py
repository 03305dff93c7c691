"""The SVG map and chart: each country shape carries its code and value, its fill follows
the classes, a country without a figure is grey; bars are the highest values in order."""

from __future__ import annotations

import re

from openitu.geo.countries import all_countries
from openitu.indicators.chart import NO_DATA, PALETTE, bar_chart_svg, choropleth_svg, classes

ISO3 = {c.iso3: c.iso2 for c in all_countries()}


def _path(svg: str, iso3: str) -> str:
    found = re.search(rf'<path [^>]*data-iso3="{iso3}"[^>]*>', svg)
    assert found, iso3
    return found.group(0)


def test_classes_are_equal_width() -> None:
    assert classes([0.0, 50.0, 100.0]) == [20.0, 40.0, 60.0, 80.0, 100.0]
    assert classes([7.0, 7.0]) == [7.0] * 5


def test_map_shades_by_value_and_greys_the_rest() -> None:
    svg = choropleth_svg({"KE": 0.0, "FR": 100.0, "BR": 50.0}, iso2_of_iso3=ISO3,
                         title="Test", unit="%")  # fmt: skip
    assert f'fill="{PALETTE[0]}"' in _path(svg, "KEN")
    assert f'fill="{PALETTE[-1]}"' in _path(svg, "FRA")
    assert f'fill="{PALETTE[2]}"' in _path(svg, "BRA") and 'data-value="50.0"' in _path(svg, "BRA")
    assert f'fill="{NO_DATA}"' in _path(svg, "DEU") and 'data-value=""' in _path(svg, "DEU")
    assert svg.count('class="country has-value"') == 3
    assert svg.startswith("<svg") and svg.endswith("</svg>")


def test_map_without_any_value_is_all_grey() -> None:
    svg = choropleth_svg({}, iso2_of_iso3=ISO3, title="Empty", unit="%")
    assert "has-value" not in svg and f'fill="{NO_DATA}"' in _path(svg, "KEN")


def test_bars_are_the_highest_in_order_and_escape_names() -> None:
    rows = [(f"C{i}", f"Country {i}", float(i)) for i in range(30)] + [("XX", "A & B", 5.5)]
    svg = bar_chart_svg(rows, title="T", unit="u", limit=5)
    assert re.findall(r'data-country="(\w+)"', svg) == ["C29", "C28", "C27", "C26", "C25"]
    assert "A & B" not in bar_chart_svg(rows, title="T", unit="u", limit=40)
    assert "A &amp; B" in bar_chart_svg(rows, title="T", unit="u", limit=40)
    assert "no data" in bar_chart_svg([], title="T", unit="u")
