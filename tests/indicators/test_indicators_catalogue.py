"""The indicator figures: the Factbook seed, derived rates, and the CSV load file's
row-numbered checks (all rows or none)."""

from __future__ import annotations

import pytest

from openitu.errors import InvalidInput
from openitu.geo.countries import all_countries
from openitu.indicators.catalogue import (
    CSV_COLUMNS,
    SOURCE_CSV,
    SOURCE_FACTBOOK,
    LoadFileInvalid,
    Observation,
    derived_values,
    indicator_code,
    latest,
    parse_csv,
    seed,
)

ISO3 = {c.iso3: c.iso2 for c in all_countries()}
HEADER = ",".join(CSV_COLUMNS) + "\n"


def test_the_seed_holds_the_factbook_figures_with_their_years() -> None:
    figures = [o for o in seed() if o.country == "KE"]
    by = {o.indicator: o for o in figures}
    assert by["population"].value == 58_246_378 and by["population"].year == 2024
    assert by["mobile_cellular_subscriptions"].year == 2022
    assert {o.source for o in figures} == {SOURCE_FACTBOOK}
    assert len({o.country for o in seed()}) >= 200
    # The source's "1.x billion" cut to 1 is left out, not shipped (SOURCES.md).
    china = {o.indicator for o in seed() if o.country == "CN"}
    assert "internet_users" not in china and "mobile_cellular_subscriptions" not in china
    assert all(o.value > 1 for o in seed() if o.country in ("CN", "IN"))


def test_rates_are_derived_from_counts_and_say_so() -> None:
    table = derived_values(seed())
    kenya = table["KE"]["mobile_cellular_per100"]
    assert kenya.value == pytest.approx(65_736_999 / 58_246_378 * 100)
    assert kenya.derived_from == "mobile_cellular_subscriptions 2022 / population 2024"
    # A share above 100 % (counts and population that disagree) is left out.
    assert all(
        f["internet_users_pct"].value <= 100 for f in table.values() if "internet_users_pct" in f
    )
    assert "internet_users_pct" not in table["KW"]


def test_a_loaded_figure_wins_over_the_factbook_in_the_same_year_and_the_newest_wins() -> None:
    table = latest([
        Observation("KE", "internet_users_pct", 2021, 29.0, SOURCE_FACTBOOK),
        Observation("KE", "internet_users_pct", 2021, 28.0, SOURCE_CSV),
        Observation("FR", "internet_users_pct", 2023, 86.0, SOURCE_FACTBOOK),
        Observation("FR", "internet_users_pct", 2022, 85.0, SOURCE_CSV),
    ])  # fmt: skip
    assert table["KE"]["internet_users_pct"].value == 28.0
    assert table["FR"]["internet_users_pct"].value == 86.0


def test_a_good_file_with_itu_codes() -> None:
    text = HEADER + "KEN,Kenya,i99H,2023,40.8\nFRA,France,xHH6_IDI,2023,91\n\n"
    rows = parse_csv(text, iso2_of_iso3=ISO3)
    assert rows == [
        Observation("KE", "internet_users_pct", 2023, 40.8, SOURCE_CSV),
        Observation("FR", "households_internet_pct", 2023, 91.0, SOURCE_CSV),
    ]
    assert indicator_code("I99H") == "internet_users_pct"


def test_every_bad_row_is_named_with_its_row_and_field() -> None:
    text = (
        HEADER
        + "KEN,Kenya,i99H,2023,40.8\n"
        + "XXX,Nowhere,i99H,2023,1\n"
        + "KEN,Kenya,no_such,2023,1\n"
        + "KEN,Kenya,i99H,20x3,1\n"
        + "KEN,Kenya,i99H,2022,abc\n"
        + "KEN,Kenya,i99H,2021,130\n"
        + "KEN,Kenya,mobile_traffic_gb,2021,-1\n"
        + "KEN,Kenya,i99H,2023,41\n"
    )
    with pytest.raises(LoadFileInvalid) as refused:
        parse_csv(text, iso2_of_iso3=ISO3)
    got = [(e.row, e.field) for e in refused.value.errors]
    assert got == [
        (3, "economy_iso3"), (4, "indicator"), (5, "year"), (6, "value"), (7, "value"),
        (8, "value"), (9, "year"),
    ]  # fmt: skip
    assert "already on row 2" in refused.value.errors[-1].reason
    assert refused.value.detail.startswith("row 3: economy_iso3: unknown ISO 3166-1 alpha-3")
    assert refused.value.detail.endswith("(and 6 more)")
    assert refused.value.error_list()[0] == {
        "row": 3, "field": "economy_iso3", "reason": "unknown ISO 3166-1 alpha-3 code 'XXX'",
    }  # fmt: skip


def test_a_quoted_field_over_two_lines_keeps_the_file_row_numbers() -> None:
    text = HEADER + 'KEN,"Kenya,\nRepublic of",i99H,2023,40\nKEN,Kenya,i99H,2022,x\n'
    with pytest.raises(LoadFileInvalid) as refused:
        parse_csv(text, iso2_of_iso3=ISO3)
    assert [(e.row, e.field) for e in refused.value.errors] == [(4, "value")]


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("", "file"),
        ("economy,indicator,year,value\nKenya,i99H,2023,1\n", "header"),
        (HEADER, "file"),
        (HEADER + "KEN,Ke\x00nya,i99H,2023,1\n", "file"),
    ],
)
def test_files_refused_whole(text: str, field: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_csv(text, iso2_of_iso3=ISO3)
    assert refused.value.field == field
