"""The editions after 2012, as the amendment files OpenITU ships make them (WRC-15: RR-2016,
in force 1 January 2017; WRC-19: RR-2020, in force 1 January 2021; WRC-23: RR-2024, in force
1 January 2025).

The bands checked are ones the two conferences changed, as the Radio Regulations of 2016
and 2020 print them: WRC-15 made the mobile service primary in 3 400-3 600 MHz in Region 1
(No. 5.430A) and allocated 77.5-78 GHz to the radiolocation service (No. 5.559B); the
mobile allocation of 694-790 MHz in Region 1 (No. 5.312A) stands in the 2020 edition; WRC-19
identified 24.25-27.5 GHz and 66-71 GHz for IMT (Nos. 5.532AB, 5.559AA) and allocated
50-52 MHz to the amateur service in Region 1 (No. 5.169A). WRC-23 allocated 614-694 MHz to the
mobile service on a secondary basis in eight African countries (No. 5.307B, cited in Region 1's
470-694 MHz cell), the one WRC-23 change the public pages settle exactly (UNSETTLED.md, "WRC-23").
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

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
    for name, base in (("RR-2016", "RR-2012"), ("RR-2020", "RR-2016"), ("RR-2024", "RR-2020")):
        document = json.loads((AMENDMENTS_DIR / f"{name}.json").read_text(encoding="utf-8"))
        built[name] = build_edition(built[base], read_amendment_file(document))
    return {name: AllocationTable(edition) for name, edition in built.items()}


def _at_footnotes(edition: str, frequency: str, region: int) -> list[str]:
    answer = queries.allocations_at(editions()[edition], frequency=frequency, region=region)
    return list(answer["footnotes"])


def _at(edition: str, frequency: str, region: int) -> dict[str, tuple[str, list[str]]]:
    answer = queries.allocations_at(editions()[edition], frequency=frequency, region=region)
    return {a["service"]: (a["category"], a["footnotes"]) for a in answer["allocations"]}


def test_the_editions_follow_each_other_and_enter_into_force_on_their_dates() -> None:
    tables = editions()
    assert tables["RR-2016"].edition.based_on == "RR-2012"
    assert tables["RR-2020"].edition.based_on == "RR-2016"
    assert str(tables["RR-2016"].edition.entry_into_force) == "2017-01-01"
    assert str(tables["RR-2020"].edition.entry_into_force) == "2021-01-01"
    assert tables["RR-2024"].edition.based_on == "RR-2020"
    assert str(tables["RR-2024"].edition.entry_into_force) == "2025-01-01"


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


def _country_allocations(edition: str, frequency: str, country: str) -> dict[str, Any]:
    answer = queries.allocations_at(
        editions()[edition], frequency=frequency, region=1, country=country
    )
    return {a["footnote"]: a for a in answer["country"]["footnote_allocations"]}


def test_614_694_mhz_mobile_secondary_in_eight_african_countries_from_wrc_23() -> None:
    assert "5.307B" not in _at_footnotes("RR-2020", "650 MHz", 1)
    assert "5.307B" in _at_footnotes("RR-2024", "650 MHz", 1)
    # The Table's allocations in the cell stay as they were: broadcasting alone is primary.
    assert _at("RR-2024", "650 MHz", 1) == _at("RR-2020", "650 MHz", 1)
    text = editions()["RR-2024"].footnotes["5.307B"].text
    assert text is not None and text.endswith("(WRC-23)") and "614-694 MHz" in text
    for country in ("NG", "GM", "MR", "NA", "SN", "SO", "TZ", "TD"):
        assert "5.307B" not in _country_allocations("RR-2020", "650 MHz", country)
        made = _country_allocations("RR-2024", "650 MHz", country)["5.307B"]
        assert (made["services"], made["category"]) == (["mobile"], "secondary")
        assert (made["low_hz"], made["high_hz"]) == (614e6, 694e6)
    # Below 614 MHz, and in a country the footnote does not name, it allocates nothing.
    assert "5.307B" not in _country_allocations("RR-2024", "550 MHz", "NG")
    assert "5.307B" not in _country_allocations("RR-2024", "650 MHz", "DE")
    for region in (2, 3):
        assert "5.307B" not in _at_footnotes("RR-2024", "650 MHz", region)


def test_wrc_23_changes_only_the_citation_of_5_307b_and_its_text() -> None:
    changes = queries.edition_changes(editions()["RR-2020"], editions()["RR-2024"])
    assert changes["footnotes"] == [{"id": "5.307B", "change": "added"}]
    assert [(c["region"], c["low_hz"], c["high_hz"]) for c in changes["bands"]] == [
        (1, 470e6, 694e6)
    ]


def test_every_wrc_23_amendment_names_its_pages() -> None:
    document = json.loads((AMENDMENTS_DIR / "RR-2024.json").read_text(encoding="utf-8"))
    sourced = read_amendment_file(document).sourced()
    assert sourced and all(item.conference == "WRC-23" for item in sourced)
    # Each change names two independent pages: ComReg prints the text, the EBU reports it.
    assert all("https://tech.ebu.ch/news/2024/03/" in item.source for item in sourced)
    texts = [item for item in sourced if item.amendment["op"] == "set_footnote"]
    assert texts and all("https://rfpi.comreg.ie/content-item/" in t.source for t in texts)


def test_the_wrc_23_outcomes_not_encoded_are_listed_with_what_is_missing() -> None:
    text = (AMENDMENTS_DIR / "UNSETTLED.md").read_text(encoding="utf-8")
    section = text.split("\n## WRC-23\n", 1)[1]
    # The hand-written section stays last: scripts/arsp_amendments.py keeps it there.
    assert "\n## " not in section
    for outcome in ("5.307A", "3 600-3 800 MHz", "6 425-7 125 MHz", "17.3-17.7 GHz", "40-50 MHz"):
        assert outcome in section
