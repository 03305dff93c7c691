"""Countries, their codes and their ITU Region."""

from __future__ import annotations

import numpy as np
import pytest

from openitu.errors import InvalidInput
from openitu.geo import polygons
from openitu.geo.countries import (
    REGION_SOURCE_FILE,
    REGION_SOURCE_RR,
    all_countries,
    country,
    file_regions,
    itu_region_of_country,
    region_by_rr_lines,
    representative_point,
)
from openitu.geo.regions import REGION_1_COUNTRIES, REGION_3_COUNTRIES, itu_region_of_point

# The 193 Member States of the United Nations (ISO 3166-1 alpha-2).
UN_MEMBERS = frozenset(
    """
    AF AL DZ AD AO AG AR AM AU AT AZ BS BH BD BB BY BE BZ BJ BT BO BA BW BR BN BG BF BI CV KH
    CM CA CF TD CL CN CO KM CG CR CI HR CU CY CZ KP CD DK DJ DM DO EC EG SV GQ ER EE SZ ET FJ
    FI FR GA GM GE DE GH GR GD GT GN GW GY HT HN HU IS IN ID IR IQ IE IL IT JM JP JO KZ KE KI
    KW KG LA LV LB LS LR LY LI LT LU MG MW MY MV ML MT MH MR MU MX FM MC MN ME MA MZ MM NA NR
    NP NL NZ NI NE NG MK NO OM PK PW PA PG PY PE PH PL PT QA KR MD RO RU RW KN LC VC WS SM ST
    SA SN RS SC SL SG SK SI SB SO ZA SS ES LK SD SR SE CH SY TJ TH TL TG TO TT TN TR TM TV UG
    UA AE GB TZ US UY UZ VU VE VN YE ZM ZW
    """.split()  # noqa: SIM905
)


def test_every_un_member_the_holy_see_and_the_others_are_there() -> None:
    assert len(UN_MEMBERS) == 193
    codes = {c.iso2 for c in all_countries()}
    assert codes >= UN_MEMBERS | {"VA", "PS", "TW", "XK"}
    # Dependent territories drawn by Natural Earth 1:110m, and two the RR name.
    assert codes - UN_MEMBERS - {"VA", "PS", "TW", "XK"} == {
        "EH",
        "FK",
        "GL",
        "TF",
        "PR",
        "NC",
        "GU",
        "IO",
    }


def test_codes_are_unique_and_well_formed() -> None:
    countries = all_countries()
    assert len({c.iso2 for c in countries}) == len(countries)
    assert len({c.iso3 for c in countries}) == len(countries)
    for c in countries:
        assert len(c.iso2) == 2 and c.iso2.isupper() and c.iso2.isalpha()
        assert len(c.iso3) == 3 and c.iso3.isupper() and c.iso3.isalpha()
        assert c.itu_region in (1, 2, 3)
        assert c.region_source in (REGION_SOURCE_FILE, REGION_SOURCE_RR)
        assert c.name


def test_every_natural_earth_country_with_a_code_is_known() -> None:
    iso3 = {c.iso3 for c in all_countries()}
    missing = set(polygons.country_rings()) - iso3
    # Antarctica is no country; CYN (N. Cyprus) and SOL (Somaliland) are Natural Earth's
    # own codes for areas ISO 3166 counts in Cyprus and Somalia.
    assert missing == {"ATA", "CYN", "SOL"}


@pytest.mark.parametrize(
    ("code", "iso3", "name", "region"),
    [
        ("ch", "CHE", "Switzerland", 1),
        ("US", "USA", "United States", 2),
        ("jp", "JPN", "Japan", 3),
        ("Ir", "IRN", "Iran (Islamic Republic of)", 3),
        ("KZ", "KAZ", "Kazakhstan", 1),
        ("KR", "KOR", "Republic of Korea", 3),
        ("GL", "GRL", "Greenland", 2),
        ("IS", "ISL", "Iceland", 1),
        ("MN", "MNG", "Mongolia", 1),
        ("RU", "RUS", "Russian Federation", 1),
        ("VA", "VAT", "Holy See", 1),
        ("XK", "XKX", "Kosovo", 1),
    ],
)
def test_country_lookup(code: str, iso3: str, name: str, region: int) -> None:
    c = country(code)
    assert (c.iso2, c.iso3, c.name, c.itu_region) == (code.upper(), iso3, name, region)
    assert itu_region_of_country(code) == region


@pytest.mark.parametrize("code", ["XX", "zz", "", "USA", "1"])
def test_unknown_codes_are_invalid_input(code: str) -> None:
    with pytest.raises(InvalidInput) as info:
        country(code)
    assert info.value.field == "country"
    assert "unknown ISO 3166-1 alpha-2 code" in info.value.reason


def test_unknown_code_message() -> None:
    with pytest.raises(InvalidInput) as info:
        country("xx")
    assert str(info.value) == "country: unknown ISO 3166-1 alpha-2 code 'XX'"


def test_region_source_follows_the_reference_file() -> None:
    in_file = file_regions()
    for c in all_countries():
        if c.iso2 in in_file:
            assert c.region_source == REGION_SOURCE_FILE
            assert c.itu_region == in_file[c.iso2]
        else:
            assert c.region_source == REGION_SOURCE_RR
            assert c.itu_region == region_by_rr_lines(c.iso2)


def test_reference_file_rows_that_are_not_countries() -> None:
    """itu-regions.tsv: 184 country codes, all known, plus the three Regions themselves."""
    known = {c.iso2 for c in all_countries()}
    assert set(file_regions()) <= known
    assert len(file_regions()) == 184
    # Countries the file lacks, whose Region therefore comes from the RR lines.
    assert {c.iso2 for c in all_countries() if c.region_source == REGION_SOURCE_RR} == {
        "CD", "EH", "FK", "GL", "GU", "IO", "KN", "KR", "KZ", "LC", "MK", "NC", "PR", "PS",
        "PW", "SC", "SS", "TF", "TL", "TW", "XK",
    }  # fmt: skip


def test_representative_points_lie_inside_their_country() -> None:
    rings = polygons.country_rings()
    for c in all_countries():
        point = representative_point(c.iso2)
        if c.iso3 in rings:
            assert point.source == "natural-earth-110m"
            assert polygons.points_in_rings(
                np.array([point.lat_deg]), np.array([point.lon_deg]), rings[c.iso3]
            ).tolist() == [True], c.iso2
        else:
            assert point.source == "world-factbook"


# Countries whose Region in itu-regions.tsv differs from the Region of their representative
# point by the RR lines with the exceptions of Nos. 5.3/5.5. None: the file agrees with
# the RR everywhere.
FILE_VS_RR_DISAGREEMENTS: dict[str, tuple[int, int]] = {}

# By the lines alone (without Nos. 5.3/5.5), only the countries those numbers name differ:
# their representative point lies east of line A (or, for Iran, west of it).
FILE_VS_LINES_ONLY = {
    "AM": (1, 3),
    "GE": (1, 3),
    "AZ": (1, 3),
    "KG": (1, 3),
    "MN": (1, 3),
    "RU": (1, 3),
    "TJ": (1, 3),
    "TM": (1, 3),
    "UZ": (1, 3),
}


def test_reference_file_agrees_with_the_rr_lines_and_exceptions() -> None:
    disagreements = {
        code: (region, region_by_rr_lines(code))
        for code, region in file_regions().items()
        if region != region_by_rr_lines(code)
    }
    assert disagreements == FILE_VS_RR_DISAGREEMENTS


def test_without_the_exceptions_only_the_named_countries_differ() -> None:
    differ = {}
    for code, region in file_regions().items():
        point = representative_point(code)
        by_lines = int(itu_region_of_point(point.lat_deg, point.lon_deg, country_exceptions=False))
        if by_lines != region:
            differ[code] = (region, by_lines)
    assert differ == FILE_VS_LINES_ONLY
    assert set(differ) <= set(REGION_1_COUNTRIES) | set(REGION_3_COUNTRIES)


@pytest.mark.parametrize(
    ("code", "lines_crossing"),
    [
        ("RU", "A and C"),  # from the Baltic to the Bering Strait: Region 1 by No. 5.3
        ("TR", "A"),  # eastern Turkey lies east of 40°E: Region 1 by No. 5.3
        ("IR", "A"),  # Khuzestan lies west of line A: Region 3 by Nos. 5.3/5.5
        ("KZ", "A"),  # nearly all of it east of line A: Region 1 by No. 5.3
        ("US", "C"),  # Alaska and Hawaii east of line C, Guam and Samoa west: Region 2 kept
        ("FR", "B and A"),  # metropolitan France Region 1; French Guiana, Réunion elsewhere
    ],
)
def test_countries_straddling_lines_keep_one_region(code: str, lines_crossing: str) -> None:
    """A country straddling a line has one Region for allocations: its own, stated in RR."""
    assert (
        itu_region_of_country(code) == {"RU": 1, "TR": 1, "IR": 3, "KZ": 1, "US": 2, "FR": 1}[code]
    ), lines_crossing
