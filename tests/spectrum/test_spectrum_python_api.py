"""A Python user asks the Table through ``openitu.api``, with no database.

The figures are RR Article 5 (Edition of 2012), as the shipped edition holds them.
"""

from __future__ import annotations

import pytest

from openitu.api import (
    AllocationTable,
    InvalidInput,
    allocations_at,
    allocations_between,
    bands_carrying,
    check_assignment,
    edition_changes,
    footnotes_naming,
    rr2012_edition,
)


@pytest.fixture(scope="module")
def table() -> AllocationTable:
    return AllocationTable(rr2012_edition())


def test_2450_mhz_in_region_1(table: AllocationTable) -> None:
    # RR Art. 5, Region 1: 2 450-2 483.5 MHz FIXED, MOBILE, Radiolocation, 5.150 (the
    # 2 450 MHz ISM band, RR No. 5.150).
    document = allocations_at(table, frequency="2450 MHz", region=1)
    assert document["edition"] == "RR-2012"
    assert document["band"] == {"low_hz": 2450e6, "high_hz": 2483.5e6}
    assert [(a["service"], a["category"]) for a in document["allocations"]] == [
        ("fixed", "primary"),
        ("mobile", "primary"),
        ("radiolocation", "secondary"),
    ]
    assert "5.150" in document["footnotes"]
    assert "industrial, scientific and medical" in next(
        note["text"] for note in document["footnote_texts"] if note["id"] == "5.150"
    )


def test_the_other_queries_answer_on_the_same_table(table: AllocationTable) -> None:
    # RR Art. 5, Region 1: one band 2 300-2 450 MHz (FIXED, MOBILE 5.384A, Amateur,
    # Radiolocation), then 2 450-2 483.5 MHz; a range from 2 400 MHz meets both.
    spans = allocations_between(table, low="2400MHz", high="2483.5MHz", region=1)["bands"]
    assert [(b["low_hz"], b["high_hz"]) for b in spans] == [(2300e6, 2450e6), (2450e6, 2483.5e6)]
    # RR Art. 5, all Regions: 1 400-1 427 MHz RADIO ASTRONOMY (primary; RR No. 5.340).
    carrying = bands_carrying(table, service="radio astronomy", region=1)
    assert any(
        row["low_hz"] <= 1400e6 and row["high_hz"] >= 1427e6 and row["category"] == "primary"
        for row in carrying
    )
    # RR No. 11.31: a fixed assignment in 2 450-2 460 MHz in France conforms, as primary.
    verdict = check_assignment(table, service="fixed", low="2450MHz", high="2460MHz", country="FR")
    assert (verdict["conforms"], verdict["category"], verdict["region"]) == (True, "primary", 1)
    assert edition_changes(table, table)["bands"] == []
    assert footnotes_naming(table, country="CH")["region"] == 1  # RR No. 5.3: Europe


def test_bad_input_names_the_field(table: AllocationTable) -> None:
    with pytest.raises(InvalidInput) as raised:
        allocations_at(table, frequency="2450 MHz", region=4)
    assert raised.value.field == "region"
