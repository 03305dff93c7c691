"""Land borders: Factbook lengths, cross-checked against Wikipedia's list of neighbours."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from openitu.errors import InvalidInput
from openitu.geo.borders import neighbours
from openitu.geo.countries import all_countries

WIKIPEDIA = Path(__file__).parents[1] / "reference/wikipedia-borders/wikip_borders.json"


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("CH", {"AT": 158, "DE": 348, "FR": 525, "IT": 698, "LI": 41}),
        ("PT", {"ES": 1224}),
        ("VA", {"IT": 3}),
        ("LS", {"ZA": 1106}),
        ("US", {"CA": 8891, "MX": 3111, "CU": 28}),  # Guantanamo Bay
        ("KP", {"CN": 1352, "KR": 237, "RU": 18}),
    ],
)
def test_known_borders(code: str, expected: dict[str, float]) -> None:
    assert dict(neighbours(code)) == pytest.approx(expected, abs=1)


def test_the_shortest_border_is_kazungula() -> None:
    # Botswana-Zambia: about 150 m at Kazungula; the Factbook rounds it to 0 km.
    assert dict(neighbours("BW"))["ZM"] == pytest.approx(0.15)


@pytest.mark.parametrize("code", ["JP", "IS", "AU", "NZ", "MT", "TW"])
def test_islands_have_no_land_border(code: str) -> None:
    assert neighbours(code) == []


def test_sorted_by_code_and_case_insensitive() -> None:
    result = neighbours("de")
    assert [c for c, _ in result] == sorted(c for c, _ in result)
    assert {c for c, _ in result} == {"AT", "BE", "CH", "CZ", "DK", "FR", "LU", "NL", "PL"}


def test_unknown_country() -> None:
    with pytest.raises(InvalidInput):
        neighbours("XX")


# The Factbook's two sides of a border that state different lengths.
ASYMMETRIC = {("DE", "PL"), ("IL", "JO"), ("MX", "US")}


def test_borders_are_symmetric() -> None:
    lengths = {(a.iso2, b): km for a in all_countries() for b, km in neighbours(a.iso2)}
    for (a, b), km in lengths.items():
        assert (b, a) in lengths
        if tuple(sorted((a, b))) not in ASYMMETRIC:
            assert lengths[(b, a)] == km, (a, b)
        assert km > 0


# Wikipedia's names that are not ours or the Factbook's.
_WIKI_NAMES = {
    "Cape Verde": "CV",
    "Czech Republic": "CZ",
    "East Timor": "TL",
    "Federated States of Micronesia": "FM",
    "French Guiana": "FR",
    "Ivory Coast": "CI",
    "Kingdom of Denmark": "DK",
    "Kingdom of the Netherlands": "NL",
    "Metropolitan France": "FR",
    "North Korea": "KP",
    "People's Republic of China": "CN",
    "Republic of Ireland": "IE",
    "Republic of the Congo": "CG",
    "South Korea": "KR",
    "State of Palestine": "PS",
    "São Tomé and Príncipe": "ST",
    "The Bahamas": "BS",
    "The Gambia": "GM",
    "Turkey": "TR",
    "Vatican City": "VA",
    "China": "CN",
    "Russia": "RU",
    "Brunei": "BN",
    "Laos": "LA",
    "Syria": "SY",
    "Vietnam": "VN",
    "Moldova": "MD",
    "Iran": "IR",
    "Bolivia": "BO",
    "Venezuela": "VE",
    "Tanzania": "TZ",
    "Democratic Republic of the Congo": "CD",
}

# Who borders whom: where Wikipedia and the Factbook differ, and why.
ONLY_IN_FACTBOOK = {
    ("CU", "US"),  # Guantanamo Bay Naval Base
    ("MA", "MR"),  # the Factbook counts Western Sahara's borders in Morocco's
}
ONLY_IN_WIKIPEDIA = {
    ("BH", "SA"),  # the King Fahd Causeway's border post
    ("CA", "GL"),  # Hans Island, also listed as Canada-Denmark by both
    ("DZ", "EH"),  # Western Sahara (see above)
    ("EH", "MA"),
    ("EH", "MR"),
    ("CA", "FR"),  # Saint Pierre and Miquelon: a maritime boundary
    ("CY", "GB"),  # Akrotiri and Dhekelia (Sovereign Base Areas)
    ("ES", "GB"),  # Gibraltar
    ("IN", "LK"),  # Adam's Bridge shoals
}


def _wikipedia_pairs() -> set[tuple[str, str]]:
    rows = json.loads(WIKIPEDIA.read_text(encoding="utf-8"))[1]
    known = {c.iso2 for c in all_countries()}
    by_name = {c.name: c.iso2 for c in all_countries()} | _WIKI_NAMES
    pairs = set()
    for row in rows:
        a = by_name.get(row["country_name"])
        for name in row["neigh"]:
            b = by_name.get(name)
            if a in known and b in known and a != b:
                pairs.add((min(a, b), max(a, b)))
    return pairs


def test_neighbours_agree_with_wikipedia() -> None:
    ours = {
        (min(a.iso2, b), max(a.iso2, b)) for a in all_countries() for b, _ in neighbours(a.iso2)
    }
    wikipedia = _wikipedia_pairs()
    assert len(ours) > 300
    assert ours - wikipedia == ONLY_IN_FACTBOOK
    assert wikipedia - ours == ONLY_IN_WIKIPEDIA
