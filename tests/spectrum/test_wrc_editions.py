"""The editions after 2012, as the amendment files OpenITU ships make them (WRC-15: RR-2016,
in force 1 January 2017; WRC-19: RR-2020, in force 1 January 2021).

The bands checked are ones the two conferences changed, as the Radio Regulations of 2016
and 2020 print them: WRC-15 made the mobile service primary in 3 400-3 600 MHz in Region 1
(No. 5.430A) and allocated 77.5-78 GHz to the radiolocation service (No. 5.559B); the
mobile allocation of 694-790 MHz in Region 1 (No. 5.312A) stands in the 2020 edition; WRC-19
identified 24.25-27.5 GHz and 66-71 GHz for IMT (Nos. 5.532AB, 5.559AA) and allocated
50-52 MHz to the amateur service in Region 1 (No. 5.169A).
"""

from __future__ import annotations

import json
from functools import cache

import pytest

from openitu.spectrum import queries
from openitu.spectrum.amendment_file import build_edition, read_amendment_file
from openitu.spectrum.model import Edition
from openitu.spectrum.reference import rr2012_edition
from openitu.spectrum.table import AllocationTable
from openitu.store.loaders.spectrum import AMENDMENTS_DIR

MOBILE_NOT_AERO = "mobile except aeronautical mobile"


@cache
def editions() -> dict[str, AllocationTable]:
    built: dict[str, Edition] = {"RR-2012": rr2012_edition()}
    for name, base in (("RR-2016", "RR-2012"), ("RR-2020", "RR-2016")):
        document = json.loads((AMENDMENTS_DIR / f"{name}.json").read_text(encoding="utf-8"))
        built[name] = build_edition(built[base], read_amendment_file(document))
    return {name: AllocationTable(edition) for name, edition in built.items()}


def _at(edition: str, frequency: str, region: int) -> dict[str, tuple[str, list[str]]]:
    answer = queries.allocations_at(editions()[edition], frequency=frequency, region=region)
    return {a["service"]: (a["category"], a["footnotes"]) for a in answer["allocations"]}


def test_the_editions_follow_each_other_and_enter_into_force_on_their_dates() -> None:
    tables = editions()
    assert tables["RR-2016"].edition.based_on == "RR-2012"
    assert tables["RR-2020"].edition.based_on == "RR-2016"
    assert str(tables["RR-2016"].edition.entry_into_force) == "2017-01-01"
    assert str(tables["RR-2020"].edition.entry_into_force) == "2021-01-01"


def test_3400_3600_mhz_region_1_mobile_primary_by_2020() -> None:
    assert _at("RR-2012", "3500 MHz", 1)["mobile"][0] == "secondary"
    category, footnotes = _at("RR-2020", "3500 MHz", 1)[MOBILE_NOT_AERO]
    assert category == "primary" and "5.430A" in footnotes
    assert "mobile" not in _at("RR-2020", "3500 MHz", 1)


def test_694_790_mhz_region_1_mobile_by_2020() -> None:
    assert MOBILE_NOT_AERO not in _at("RR-2012", "750 MHz", 1)
    category, footnotes = _at("RR-2020", "750 MHz", 1)[MOBILE_NOT_AERO]
    assert category == "primary" and "5.312A" in footnotes
    assert _at("RR-2020", "750 MHz", 1)["broadcasting"][0] == "primary"


@pytest.mark.parametrize("region", [1, 2, 3])
def test_24_25_27_5_ghz_identified_for_imt_in_2020_not_before(region: int) -> None:
    assert "5.532AB" not in _at("RR-2016", "26 GHz", region)["mobile"][1]
    assert "5.532AB" in _at("RR-2020", "26 GHz", region)["mobile"][1]
    text = editions()["RR-2020"].footnotes["5.532AB"].text
    assert text is not None and "24.25" in text and "(IMT)" in text


def test_66_71_ghz_identified_for_imt_in_2020() -> None:
    assert "5.559AA" not in _at("RR-2016", "68 GHz", 1)["mobile"][1]
    assert "5.559AA" in _at("RR-2020", "68 GHz", 1)["mobile"][1]


def test_77_5_78_ghz_radiolocation_from_wrc_15() -> None:
    assert "radiolocation" not in _at("RR-2012", "77.7 GHz", 1)
    for edition in ("RR-2016", "RR-2020"):
        category, footnotes = _at(edition, "77.7 GHz", 1)["radiolocation"]
        assert category == "primary" and "5.559B" in footnotes
    assert "5.559B" in editions()["RR-2016"].footnotes


def test_50_52_mhz_amateur_in_region_1_from_wrc_19() -> None:
    assert "amateur" not in _at("RR-2016", "51 MHz", 1)
    assert _at("RR-2020", "51 MHz", 1)["amateur"][0] == "secondary"


def test_the_2020_edition_cites_no_footnote_without_its_text() -> None:
    table = editions()["RR-2020"]
    cited = {f for band in table.edition.bands for f in band.all_footnotes()}
    assert [f for f in sorted(cited) if not (n := table.footnotes.get(f)) or not n.text] == []


def test_footnotes_added_since_2012_have_their_texts_and_rules() -> None:
    old = editions()["RR-2012"].footnotes
    new = editions()["RR-2020"].footnotes
    added = sorted(set(new) - set(old))
    assert len(added) > 50
    assert all(new[f].text for f in added)
    # The footnote reader reads the countries and allocations of the new footnotes too.
    allocating = [
        f for f in added if new[f].kind.value != "other" and new[f].kind.value != "procedure"
    ]
    assert allocating and all(new[f].rules for f in allocating)
    assert "RU" in new["5.67"].countries or "KG" in new["5.67"].countries


def test_every_amendment_says_where_it_comes_from() -> None:
    for name in ("RR-2016", "RR-2020"):
        document = json.loads((AMENDMENTS_DIR / f"{name}.json").read_text(encoding="utf-8"))
        sourced = read_amendment_file(document).sourced()
        assert all(("Spectrum Plan 2021" in s.source and ", p. " in s.source) or "cites" in s.source
                   for s in sourced)  # fmt: skip
        assert all(s.conference for s in sourced)
