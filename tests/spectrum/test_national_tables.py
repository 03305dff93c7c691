"""The national tables beside the Table: each under its country's real ISO 3166-1 code,
with bands that have a width.

The earth-frequencies dataset files eight tables under codes of other countries (its
Serbian table under SN, Senegal's code, ...): the metadata's own country name says
which country a table belongs to. Several tables give each band's lower edge twice.
"""

from __future__ import annotations

import unicodedata

import pytest

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
