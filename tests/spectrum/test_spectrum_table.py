"""Known allocations of RR 2012 in each Region, and the vectorised lookup."""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from openitu.errors import InvalidInput
from openitu.spectrum.model import REGIONS, Category
from openitu.spectrum.services import parse_service
from openitu.spectrum.table import AllocationTable


def _primary(table: AllocationTable, frequency_hz: float, region: int) -> set[str]:
    band = table.band_at(frequency_hz, region)
    return {a.service.name for a in band.allocations if a.category is Category.PRIMARY}


@pytest.mark.parametrize("region", REGIONS)
def test_gnss_band_in_every_region(table: AllocationTable, region: int) -> None:
    band = table.band_at(1575.42e6, region)
    assert (band.low_hz, band.high_hz) == (1559e6, 1610e6)
    assert _primary(table, 1575.42e6, region) == {
        "aeronautical radionavigation",
        "radionavigation-satellite (space-to-Earth)",
    }


@pytest.mark.parametrize(
    ("frequency_hz", "region", "service", "category"),
    [
        (2450e6, 1, "radiolocation", Category.SECONDARY),  # RR: Radiolocation in Region 1
        (2450e6, 2, "radiolocation", Category.PRIMARY),  # RADIOLOCATION in Regions 2 and 3
        (2450e6, 3, "radiolocation", Category.PRIMARY),
        (1420.4e6, 1, "radio astronomy", Category.PRIMARY),  # the hydrogen line, 1400-1427 MHz
        (1420.4e6, 2, "radio astronomy", Category.PRIMARY),
        (98e6, 1, "broadcasting", Category.PRIMARY),
        (98e6, 3, "broadcasting", Category.PRIMARY),
        (14.1e6, 1, "amateur", Category.PRIMARY),  # 14-14.25 MHz
        (14.1e6, 2, "amateur-satellite", Category.PRIMARY),
        (121.5e6, 1, "aeronautical mobile (R)", Category.PRIMARY),
        (11.9e9, 1, "broadcasting-satellite", Category.PRIMARY),
    ],
)
def test_known_allocations(
    table: AllocationTable, frequency_hz: float, region: int, service: str, category: Category
) -> None:
    allocations = {
        a.service.name: a.category for a in table.band_at(frequency_hz, region).allocations
    }
    assert allocations[service] is category


def test_ism_footnote_at_2450_mhz_region_1(table: AllocationTable) -> None:
    band = table.band_at(2450e6, 1)
    assert "5.150" in band.footnotes
    assert "industrial, scientific and medical" in (table.footnotes["5.150"].text or "")


def test_band_edges_belong_to_the_band_above(table: AllocationTable) -> None:
    assert table.band_at(1559e6, 1).low_hz == 1559e6
    assert table.band_at(1559e6 - 1, 1).high_hz == 1559e6
    assert table.band_at(table.top_hz, 3).high_hz == table.top_hz


@settings(max_examples=50, deadline=None)
@given(
    st.lists(st.floats(min_value=0, max_value=3e12, allow_nan=False), min_size=1, max_size=40),
    st.sampled_from(REGIONS),
)
def test_vectorised_lookup_agrees_with_each_band(
    table: AllocationTable, frequencies: list[float], region: int
) -> None:
    indices = table.band_indices(np.array(frequencies), region)
    bands = table.bands(region)
    for frequency, index in zip(frequencies, indices, strict=True):
        band = bands[int(index)]
        assert band.low_hz <= frequency
        assert frequency < band.high_hz or frequency == band.high_hz == table.top_hz


def test_lookup_broadcasts_regions_and_keeps_scalar_shape(table: AllocationTable) -> None:
    assert table.band_indices(2.45e9, 1).shape == ()
    grid = table.band_indices(np.array([[1e6], [2e9]]), np.array([1, 2, 3]))
    assert grid.shape == (2, 3)
    assert table.bands(2)[int(grid[1, 1])].low_hz <= 2e9


def test_range_query_returns_overlapping_bands(table: AllocationTable) -> None:
    bands = table.bands_between(2400e6, 2500e6, 1)
    assert bands[0].low_hz <= 2400e6 and bands[-1].high_hz >= 2500e6
    assert all(a.high_hz == b.low_hz for a, b in pairwise(bands))


def test_bands_carrying_a_service(table: AllocationTable) -> None:
    matches = table.bands_for_service(parse_service("radio astronomy"), 1)
    assert any(m.band.low_hz <= 1420.4e6 < m.band.high_hz for m in matches)
    for match in matches:
        assert any(a.service.term == "radio astronomy" for a in match.band.allocations)
    fss_down = table.bands_for_service(parse_service("fixed-satellite (space-to-Earth)"), 2)
    assert all(
        any(a.service.direction in (None, "space-to-Earth") for a in m.band.allocations)
        for m in fss_down
    )
    assert any(m.band.low_hz <= 11.9e9 < m.band.high_hz for m in fss_down)


@pytest.mark.parametrize(
    ("frequency", "region", "field"),
    [
        (-1.0, 1, "frequency"),
        (float("nan"), 1, "frequency"),
        (4e12, 1, "frequency"),
        (1e9, 4, "region"),
    ],
)
def test_bad_lookups_name_the_field(
    table: AllocationTable, frequency: float, region: int, field: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        table.band_at(frequency, region)
    assert caught.value.field == field


def test_low_above_high_is_refused(table: AllocationTable) -> None:
    with pytest.raises(InvalidInput) as caught:
        table.bands_between(2e9, 1e9, 1)
    assert caught.value.field == "low"
