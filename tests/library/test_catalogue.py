"""The catalogue's pure parts: the seed file's entries, query terms and filters."""

from __future__ import annotations

import re

import pytest

from openitu.errors import InvalidInput
from openitu.library.catalogue import (
    MAX_QUERY_CHARS,
    STATUSES,
    check_filters,
    publication_from_dict,
    search_terms,
    seed,
)

# The Recommendations issue 18 asks the seed to hold: what the system implements and cites.
CITED = {
    "ITU-R P.452", "ITU-R P.525", "ITU-R P.526", "ITU-R P.618", "ITU-R P.676", "ITU-R P.837",
    "ITU-R P.838", "ITU-R P.839", "ITU-R P.840", "ITU-R P.453", "ITU-R P.835", "ITU-R P.836",
    "ITU-R P.1144", "ITU-R P.1510", "ITU-R P.1511", "ITU-R P.1546", "ITU-R P.1623",
    "ITU-R P.2108", "ITU-R P.2145", "ITU-R S.465", "ITU-R S.580", "ITU-R S.1528",
    "ITU-R F.699", "ITU-R F.1245", "ITU-R F.758", "ITU-R BS.412", "ITU-R SM.1541",
    "ITU-T E.164", "ITU-T E.212", "ITU-T Q.708",
}  # fmt: skip


def test_seed_holds_every_cited_recommendation_once() -> None:
    ids = [p.id for p in seed()]
    assert sorted(ids) == sorted(CITED)


def test_seed_versions_name_their_recommendation() -> None:
    for p in seed():
        if p.version is None:
            continue
        # ITU-R numbers its revisions ("P.452-18"); ITU-T dates them ("E.164 (11/2010)").
        pattern = (
            rf"{p.series}\.{p.number}-\d+"
            if p.sector == "R"
            else rf"{p.series}\.{p.number} \(\d\d/\d{{4}}\)"
        )
        assert re.fullmatch(pattern, p.version), p.version
        assert p.status in STATUSES
        assert p.keywords and p.abstract.endswith(".")


def test_versions_the_code_follows_are_the_catalogued_ones() -> None:
    # docs/radio.md and the modules state these editions (P.452-18 in p452.py, P.1546-6 ...).
    versions = {p.id: p.version for p in seed()}
    assert versions["ITU-R P.452"] == "P.452-18"
    assert versions["ITU-R P.1546"] == "P.1546-6"
    assert versions["ITU-R P.2145"] == "P.2145-0"


def test_superseded_entry_names_its_successor() -> None:
    for p in seed():
        assert (p.status == "superseded") == bool(p.superseded_by), p.key


@pytest.mark.parametrize(
    ("query", "reason"),
    [("", "must not be empty"), ("   ", "must not be empty"), ("-- ..", "at least one word")],
)
def test_query_without_words_is_refused(query: str, reason: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        search_terms(query)
    assert caught.value.field == "q" and reason in caught.value.reason


def test_over_long_query_is_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        search_terms("a" * (MAX_QUERY_CHARS + 1))
    assert caught.value.field == "q"


def test_terms_split_hyphens_and_drop_query_syntax() -> None:
    assert search_terms('Rain "attenuation" earth-space OR rain*') == [
        "rain", "attenuation", "earth", "space", "or",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"sector": "X"}, "sector"),
        ({"series": "P1"}, "series"),
        ({"status": "current"}, "status"),
        ({"limit": 0}, "limit"),
        ({"limit": 101}, "limit"),
    ],
)
def test_bad_filters_are_refused_naming_the_field(kwargs: dict[str, object], field: str) -> None:
    arguments: dict[str, object] = {"sector": None, "series": None, "status": None, "limit": 20}
    arguments.update(kwargs)
    with pytest.raises(InvalidInput) as caught:
        check_filters(**arguments)  # type: ignore[arg-type]
    assert caught.value.field == field


def test_filters_accept_sector_names_and_lower_case_series() -> None:
    assert check_filters(sector="ITU-T", series="e", status=None, limit=5) == ("T", "E", None)


def test_bad_catalogue_entry_names_the_field() -> None:
    entry = {
        "sector": "R", "series": "P", "number": "1", "title": "t", "abstract": "a.",
        "status": "in force", "approved": "2019-13",
    }  # fmt: skip
    with pytest.raises(InvalidInput) as caught:
        publication_from_dict(entry)
    assert caught.value.field == "approved"
