"""The national tables beside the Table: each under its country's real ISO 3166-1 code,
with bands that have a width.

The earth-frequencies dataset files eight tables under codes of other countries (its
Serbian table under SN, Senegal's code, ...): the metadata's own country name says
which country a table belongs to. Several tables give each band's lower edge twice.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from openitu.geo.countries import country
from openitu.spectrum.national import dataset_name, national_table, national_table_codes

# The dataset's spelling of a name where it differs from the ISO 3166 short name.
NAME_VARIANTS = {
    "czechrepublic": "czechia",
    "turkey": "turkiye",
    "macedonia (fyrom)": "north macedonia",
    "moldova": "republic of moldova",
    "united states of america": "united states",
}


def _plain(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return NAME_VARIANTS.get(folded.strip(), folded.strip())


@pytest.mark.parametrize("iso2", national_table_codes())
def test_each_table_is_filed_under_the_code_of_the_country_it_names(iso2: str) -> None:
    named = dataset_name(iso2)
    assert named is not None
    assert _plain(named) == _plain(country(iso2).name)


@pytest.mark.parametrize(
    ("wrong", "right", "name"),
    [
        ("SN", "RS", "Serbia"),
        ("CI", "HR", "Croatia"),
        ("KR", "XK", "Kosovo"),
        ("SG", "SK", "Slovakia"),
        ("BO", "BA", "Bosnia and Herzegovina"),
        ("MN", "ME", "Montenegro"),
        ("FM", "MD", "Moldova"),
    ],
)
def test_no_country_is_shown_another_countrys_table(wrong: str, right: str, name: str) -> None:
    assert national_table(wrong) is None
    table = national_table(right)
    assert table is not None
    assert dataset_name(right) == name


@pytest.mark.parametrize("iso2", national_table_codes())
def test_every_band_has_a_width(iso2: str) -> None:
    table = national_table(iso2)
    assert table is not None
    assert table.rows
    assert all(row.low_hz < row.high_hz for row in table.rows)


@pytest.mark.parametrize("iso2", ["RS", "CH", "ES", "RO", "SE", "SK", "SI", "TR"])
def test_tables_that_gave_lower_edges_only_run_band_to_band(iso2: str) -> None:
    table = national_table(iso2)
    assert table is not None
    lows = sorted({row.low_hz for row in table.rows})
    # Every band ends where the next one starts: no gap, no overlap between them.
    for row in table.rows:
        later = [low for low in lows if low > row.low_hz]
        if later:
            assert row.high_hz == later[0]
    # The answer at a frequency inside a band comes from that band alone.
    inside = table.rows_at(3.55e9)
    assert inside
    assert len({(r.low_hz, r.high_hz) for r in inside}) == 1


# Australia's table: the ACMA's Radiofrequency Spectrum Plan 2021 (data/SOURCES.md,
# acma-arsp-2021), read from the shipped extraction so the test follows the source.
ARSP_DIR = Path(__file__).resolve().parents[2] / "src/openitu/data/spectrum/acma-arsp-2021"


def _arsp_band_at(frequency_hz: float) -> dict[str, Any]:
    bands = json.loads((ARSP_DIR / "au_allocations.json").read_text(encoding="utf-8"))
    (band,) = [b for b in bands if b["freq_start_hz"] <= frequency_hz < b["freq_end_hz"]]
    return dict(band)


def test_australia_has_a_national_table() -> None:
    assert "AU" in national_table_codes()
    table = national_table("AU")
    assert table is not None
    assert table.name == country("AU").name
    assert "Radiofrequency Spectrum Plan 2021" in table.source


def test_australian_band_answers_with_the_services_the_plan_gives() -> None:
    # ARSP 2021, Australian Table, page 76: 3 400-3 600 MHz, a band whose names are
    # not wrapped over lines, so the source's entries are the services themselves.
    band = _arsp_band_at(3.5e9)
    assert band["page"] == 76
    table = national_table("AU")
    assert table is not None
    rows = table.rows_at(3.5e9)
    assert {r.page for r in rows} == {band["page"]}
    expected = {
        " ".join(filter(None, (s["name"], s.get("qualifier")))): (
            "primary" if s["primary"] else "secondary"
        )
        for s in band["services"]
    }
    assert {r.service: r.category for r in rows} == expected
    for entry in band["services"]:
        name = " ".join(filter(None, (entry["name"], entry.get("qualifier"))))
        (row,) = [r for r in rows if r.service == name]
        for ref in [*entry["inline_footnotes"], *band["footnotes"]]:
            assert (ref if ref.startswith("AUS") else f"5.{ref}") in row.footnotes


def test_wrapped_service_names_are_joined_again() -> None:
    # ARSP 2021 page 66: 1 300-1 350 MHz prints "RADIONAVIGATION-SATELLITE (Earth-to-space)"
    # over three lines, which the extraction made three entries of.
    band = _arsp_band_at(1.32e9)
    assert band["page"] == 66
    assert len(band["services"]) == 6
    table = national_table("AU")
    assert table is not None
    services = {r.service for r in table.rows_at(1.32e9)}
    assert "RADIONAVIGATION–SATELLITE (EARTH-TO-SPACE)" in services
    assert "AERONAUTICAL RADIONAVIGATION" in services
    assert not any(s.endswith(("–", "(EARTH-TO-")) or s == "SPACE)" for s in services)


def test_every_aus_footnote_cited_has_its_text() -> None:
    notes = json.loads((ARSP_DIR / "au_footnotes.json").read_text(encoding="utf-8"))
    table = national_table("AU")
    assert table is not None
    cited = {f for r in table.rows for f in r.footnotes if f.startswith("AUS")}
    assert cited
    assert cited <= set(table.footnotes)
    by_ref = {n["ref"]: n["text"] for n in notes}
    # AUS87 is cited in 1 300-1 350 MHz (page 66); its text is the plan's, mended of
    # spaces only.
    assert table.footnotes["AUS87"].replace(" ", "") == "".join(by_ref["AUS87"].split())


def test_country_view_shows_the_aus_footnotes_its_rows_cite(client: TestClient) -> None:
    response = client.get("/api/allocations/at", params={"frequency": "1320 MHz", "country": "AU"})
    assert response.status_code == 200, response.text
    national = response.json()["country"]["national_table"]
    assert national["allocations"]
    cited = {f for row in national["allocations"] for f in row["footnotes"]}
    assert set(national["footnotes"]) == {f for f in cited if f.startswith("AUS")}
    assert all(national["footnotes"].values())
