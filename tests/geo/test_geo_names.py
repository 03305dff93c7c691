"""Country names in Radio Regulations footnotes."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from openitu.geo.countries import all_countries, country
from openitu.geo.names import RR_NAMES, countries_in_text, find_country_names, rr_name_to_iso2

FOOTNOTES = (
    Path(__file__).parents[1] / "reference" / "earth-frequencies-footnotes" / "footnotes.tsv"
)


def _footnotes() -> list[tuple[str, str]]:
    with FOOTNOTES.open(encoding="utf-8") as f:
        rows = list(csv.reader(f, delimiter="\t"))[1:]
    # One row of the file lost its tab (5.331's text); it has no country list.
    return [(row[0], row[1]) for row in rows if len(row) == 2]


def test_the_example_of_rr_5_54b() -> None:
    text = (
        "Additional allocation: in Algeria, Saudi Arabia, Egypt, the United Arab Emirates, "
        "the Russian Federation, Iraq, Lebanon, Morocco, Qatar, the Syrian Arab Republic, "
        "Sudan and Tunisia, the frequency band 8.3-9 kHz is also allocated ..."
    )
    assert countries_in_text(text) == [
        "DZ", "SA", "EG", "AE", "RU", "IQ", "LB", "MA", "QA", "SY", "SD", "TN"
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        (
            "in Papua New Guinea, Equatorial Guinea, Guinea-Bissau and Guinea",
            ["PG", "GQ", "GW", "GN"],
        ),
        ("in Niger and Nigeria", ["NE", "NG"]),
        ("in Nigeria and Niger", ["NG", "NE"]),
        ("in Dominica and the Dominican Republic", ["DM", "DO"]),
        ("in the Dominican Rep. and Dominica", ["DO", "DM"]),
        ("in South Sudan and Sudan", ["SS", "SD"]),
        ("in Sudan, South Sudan", ["SD", "SS"]),
        ("in Korea (Rep. of) and the Dem. People's Rep. of Korea", ["KR", "KP"]),
        ("in the Dem. People’s Rep. of Korea", ["KP"]),  # typographic apostrophe
        ("in Lao P.D.R. and Viet Nam", ["LA", "VN"]),
        ("in the Dem. Rep. of the Congo and the Republic of the Congo", ["CD", "CG"]),
        ("in Congo (Rep. of the), the Dem. Rep. of theCongo", ["CG", "CD"]),
        ("in Côte d'Ivoire and Cote d'Ivoire", ["CI"]),
        ("in the former Yugoslav Republic of Macedonia", ["MK"]),
        ("in The Former Yugoslav Rep. of Macedonia", ["MK"]),
        ("in Moldova, Libya, the Libyan Arab Jamahiriya", ["MD", "LY"]),
        ("in the United Kingdom and the United States", ["GB", "US"]),
        ("in Bosnia and Herzegovina, Brunei Darussalam, Micronesia", ["BA", "BN", "FM"]),
        ("in Saint Vincent and the Grenadines, Trinidad and Tobago", ["VC", "TT"]),
        ("in the Vatican, Vatican, Tanzania, the Central African Rep.", ["VA", "TZ", "CF"]),
        ("in Antigua and Barbuda and Iran (Islamic Republic of)", ["AG", "IR"]),
        ("in BurkinaFaso, SaudiArabia and theUnited Arab Emirates", ["BF", "SA", "AE"]),
        ("in Kyrgyzstan, KyrgyzstanSudan and South Sudan", ["KG", "SD", "SS"]),
        ("in Rwandaand South Africa", ["RW", "ZA"]),
        ("in Swaziland, Switzerland and Thailand", ["SZ", "CH", "TH"]),
    ],
)
def test_names_the_rr_uses(text: str, codes: list[str]) -> None:
    assert countries_in_text(text) == codes


@pytest.mark.parametrize(
    "text",
    [
        "in the Indian Ocean area",  # "India" + "n": not India
        "normalization of the formalities",  # lower case: no "Mali"
        "the Chadian and Omani texts",
        "Region 1 and Region 3",
    ],
)
def test_no_false_matches(text: str) -> None:
    assert countries_in_text(text) == []


def test_match_positions_point_into_the_original_text() -> None:
    text = "in the Syrian ArabRepublic and  Guinea-Bissau, the band"
    matches = find_country_names(text)
    assert [(m.iso2, m.text) for m in matches] == [
        ("SY", "Syrian ArabRepublic"),
        ("GW", "Guinea-Bissau"),
    ]
    assert all(text[m.start : m.end] == m.text for m in matches)


def test_every_code_is_a_known_country() -> None:
    known = {c.iso2 for c in all_countries()}
    assert set(RR_NAMES.values()) <= known
    assert rr_name_to_iso2("Korea (Rep. of)") == country("KR").iso2
    assert rr_name_to_iso2("Atlantis") is None


# The list of countries of these footnotes: after "... : in" up to ", the band(s)",
# ", the frequency band(s)" or ", the allocation of" (spaces may be lost or glued).
_LIST = re.compile(
    r"(?:Additional\s*allocation|Alternative\s*allocation|Different\s*category\s*of\s*service)"
    r"\s*:\s*(?:after[^,]*,\s*)?[Ii]n\s*(?P<list>.*?),?\s*(?:the\s*)?(?:frequency\s*)?"
    r"(?:bands?\b|bands?(?=\d)|allocation\s*of)",
    re.S,
)
# Phrases of these lists that name areas, not countries (kept out of the check).
_NOT_COUNTRIES = re.compile(
    r"Region\s*\d"
    r"|the\s*French\s*overseas\s*communities\s*of"
    r"|(?:the\s*)?French\s*Overseas\s*Departments(\s*and\s*Communities)?\s*in"
    r"|the\s*African\s*Broadcasting\s*Area\s*\(see\s*Nos\.\s*5\.10\s*to\s*5\.13\)"
    r"|the\s*countries\s*listed\s*in\s*No\.\s*5\.\d+"
    r"|the\s*Black\s*Sea\s*areas\s*of"
    r"|except\s*in|\(except\s*in|\)|\band\s*in\b"
)
_FILLER = re.compile(r"\b(?:the|The|and)\b|^(?:the|and)|(?:the|and)$")


def _country_lists() -> list[tuple[str, str]]:
    return [(ref, m["list"]) for ref, text in _footnotes() for m in _LIST.finditer(text)]


def test_the_country_lists_are_found() -> None:
    lists = _country_lists()
    refs = {ref for ref, _ in lists}
    assert len(lists) >= 155
    assert {"5.54B", "5.141B", "5.162A", "5.398A", "5.562D"} <= refs


def test_every_country_of_every_footnote_list_is_recognised() -> None:
    unrecognised = []
    for ref, segment in _country_lists():
        for item in segment.split(","):
            rest = item
            for match in sorted(find_country_names(item), key=lambda m: -m.start):
                rest = rest[: match.start] + " " + rest[match.end :]
            rest = _NOT_COUNTRIES.sub(" ", rest)
            words = [w for w in rest.split() if not _FILLER.fullmatch(w)]
            if words:
                unrecognised.append((ref, item.strip(), " ".join(words)))
    assert unrecognised == []


def test_countries_of_a_long_footnote_list() -> None:
    text = dict(_footnotes())["5.141B"]
    codes = countries_in_text(text)
    assert codes[:3] == ["DZ", "SA", "AU"]
    assert "IO" in codes  # Diego Garcia
    assert codes[-2:] == ["VN", "YE"]
    assert len(codes) == 34
