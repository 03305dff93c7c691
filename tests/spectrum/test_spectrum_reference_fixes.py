"""Each correction made to the earth-frequencies dataset, tested against the raw rows.

The raw files are read as shipped; the edition is what OpenITU serves.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import pairwise

from openitu.spectrum.model import REGIONS, Category, Edition, FootnoteKind
from openitu.spectrum.reference import (
    FIRST_TABLE_FOOTNOTE,
    TABLE_TOP_HZ,
    read_footnote_texts,
    read_raw_region,
)
from openitu.spectrum.table import AllocationTable


def test_every_region_covers_the_table_without_gap_or_overlap(edition: Edition) -> None:
    by_region = defaultdict(list)
    for band in edition.bands:
        by_region[band.region].append(band)
    for region in REGIONS:
        bands = sorted(by_region[region], key=lambda b: b.low_hz)
        assert bands[0].low_hz == 0
        assert bands[-1].high_hz == TABLE_TOP_HZ
        for below, above in pairwise(bands):
            assert below.high_hz == above.low_hz, (region, below.high_hz, above.low_hz)


def test_raw_dataset_has_the_gaps_that_were_restored() -> None:
    def covered(region: int, low: float, high: float) -> bool:
        return any(r.low_hz <= low and high <= r.high_hz for r in read_raw_region(region))

    assert not covered(2, 88e6, 100e6)
    assert not covered(2, 17.8e9, 18.1e9)
    assert not covered(3, 3.5e9, 3.6e9)
    assert not covered(3, 12.2e9, 12.5e9)


def test_restored_bands(table: AllocationTable) -> None:
    assert [a.service.name for a in table.band_at(95e6, 2).allocations] == ["broadcasting"]
    band = table.band_at(3.55e9, 3)
    assert (band.low_hz, band.high_hz) == (3.5e9, 3.6e9)
    assert "fixed" in {a.service.name for a in band.allocations}
    assert table.band_at(17.9e9, 2).low_hz == 17.8e9
    assert table.band_at(12.3e9, 3).low_hz == 12.2e9
    # WRC-12's meteorological aids allocation at 8.3-11.3 kHz (5.54A-5.54C).
    low_band = table.band_at(8.5e3, 1)
    assert (low_band.low_hz, low_band.high_hz) == (8.3e3, 9e3)
    assert low_band.allocations[0].service.name == "meteorological aids"
    assert set(low_band.footnotes) == {"5.54A", "5.54B", "5.54C"}
    assert table.band_at(5e3, 2).allocations == ()  # below 8.3 kHz: not allocated


def test_footnote_ids_regain_their_trailing_zeros(edition: Edition, table: AllocationTable) -> None:
    raw_2450 = [r for r in read_raw_region(2) if r.low_hz == 2.45e9 and r.service == "-"]
    assert raw_2450[0].footnotes == ("5.15",)
    assert "5.150" in table.band_at(2.45e9, 2).footnotes
    cited = {f for band in edition.bands for f in band.all_footnotes()}
    numbers = [int(f[2:].rstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) for f in cited]
    assert min(numbers) >= FIRST_TABLE_FOOTNOTE


def test_ambiguous_ids_are_read_by_frequency(table: AllocationTable) -> None:
    # "5.54" is 5.54 below 9 kHz but 5.540 at 28.5 GHz; "5.55" is 5.550 at 34.7 GHz.
    assert "5.54" in table.band_at(5e3, 1).footnotes
    assert "5.540" in table.band_at(28.6e9, 1).footnotes
    assert "5.54" not in table.band_at(28.6e9, 1).footnotes
    space_research = [
        a for a in table.band_at(34.8e9, 1).allocations if a.service.term == "space research"
    ]
    assert space_research[0].footnotes == ("5.550",)


def test_typo_5_340A_is_5_430A(table: AllocationTable) -> None:
    raw = [r for r in read_raw_region(1) if r.low_hz == 3.4e9 and r.service == "Mobile"]
    assert raw[0].footnotes == ("5.340A",)
    mobile = [a for a in table.band_at(3.45e9, 1).allocations if a.service.name == "mobile"]
    assert mobile[0].footnotes == ("5.430A",)
    assert mobile[0].category is Category.SECONDARY


def test_broken_footnote_row_is_mended() -> None:
    texts = read_footnote_texts()
    assert "Furthermore" in texts["5.329"]
    assert not any(key.endswith(".") for key in texts)


def test_band_limits_with_lost_dashes_are_restored(edition: Edition) -> None:
    rule = edition.footnotes["5.430A"].rules[0]
    assert (rule.low_hz, rule.high_hz) == (3.4e9, 3.6e9)
    assert rule.kind is FootnoteKind.DIFFERENT_CATEGORY
    assert rule.category is Category.PRIMARY


def test_edition_is_labelled(edition: Edition) -> None:
    assert edition.id == "RR-2012"
    assert "2012" in edition.title and "corrections" in edition.title
