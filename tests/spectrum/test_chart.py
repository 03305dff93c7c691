"""The spectrum chart's axis, legend and categories, as pure functions of the Table."""

from __future__ import annotations

import re

import pytest

from openitu.spectrum.chart import axis_label, chart_bands, legend, spectrum_chart_svg, ticks
from openitu.spectrum.model import Category
from openitu.spectrum.table import AllocationTable

# Ranges a user reaches from the page: the presets, the whole Table, and zooms down to
# a single channel (2400-2483.5 MHz is the ISM band of RR No. 5.150).
ZOOMS = [
    (8.3e3, 275e9),
    (8.3e3, 30e6),
    (30e6, 3e9),
    (3e9, 30e9),
    (30e9, 275e9),
    (2e9, 3e9),
    (2.4e9, 2.4835e9),
    (3.4e9, 3.6e9),
    (10.0e9, 10.5e9),
    (148.5e3, 283.5e3),
    (2450e6, 2451e6),
]


@pytest.mark.parametrize(
    ("value_hz", "label"),
    [
        (10e9, "10 GHz"),
        (2.455e9, "2.455 GHz"),
        (275e9, "275 GHz"),
        (1e6, "1 MHz"),
        (3500e6, "3.5 GHz"),
        (27.5e6, "27.5 MHz"),
        (8.3e3, "8.3 kHz"),
        (500.0, "500 Hz"),
        (2e3 * 10.0**3, "2 MHz"),
    ],
)
def test_axis_label_uses_the_unit_that_fits(value_hz: float, label: str) -> None:
    assert axis_label(value_hz) == label


@pytest.mark.parametrize(("low_hz", "high_hz"), ZOOMS)
def test_every_zoom_is_labelled_readably(low_hz: float, high_hz: float) -> None:
    found = ticks(low_hz, high_hz)
    labels = [axis_label(t) for t in found]
    assert len(found) >= 2, f"{low_hz:g}-{high_hz:g} Hz has {labels}"
    assert all(low_hz <= t <= high_hz for t in found)
    assert len(set(labels)) == len(labels), labels
    for label in labels:
        number = float(label.split()[0])
        assert 1 <= number < 1000, label


def test_the_drawn_axis_carries_those_labels(table: AllocationTable) -> None:
    svg = spectrum_chart_svg(table, low_hz=2.4e9, high_hz=2.4835e9, regions=(1,))
    drawn = re.findall(r'class="tick">([^<]+)</text>', svg)
    assert drawn == [axis_label(t) for t in ticks(2.4e9, 2.4835e9)]
    assert not any(re.match(r"\d{4,} ", label) for label in drawn)


@pytest.mark.parametrize(
    ("low_hz", "high_hz", "regions"), [(2e9, 3e9, (1,)), (8.3e3, 30e6, (1, 2, 3))]
)
def test_legend_lists_exactly_the_services_drawn(
    table: AllocationTable, low_hz: float, high_hz: float, regions: tuple[int, ...]
) -> None:
    svg = spectrum_chart_svg(table, low_hz=low_hz, high_hz=high_hz, regions=regions)
    drawn_terms = set(re.findall(r'data-term="([^"]+)"', svg))
    listed = [
        term
        for term, _ in legend(chart_bands(table, low_hz=low_hz, high_hz=high_hz, regions=regions))
    ]
    assert set(listed) == drawn_terms
    assert len(listed) == len(set(listed))
    everything = {a.service.term for band in table.edition.bands for a in band.allocations}
    assert set(listed) < everything


def test_secondary_stripes_are_hatched_and_primary_are_not(table: AllocationTable) -> None:
    svg = spectrum_chart_svg(table, low_hz=2e9, high_hz=3e9, regions=(1,))
    stripes = re.findall(r'<rect ([^>]*data-category="(\w+)"[^>]*)/>(<rect [^>]*/>)?', svg)
    categories = {category for _, category, _ in stripes}
    assert categories == {Category.PRIMARY.value, Category.SECONDARY.value}
    for attributes, category, follower in stripes:
        hatched = "url(#secondary-hatch)" in follower
        assert hatched == (category == Category.SECONDARY.value), attributes
