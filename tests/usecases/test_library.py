"""Catalogue search on both databases: the issue's real queries rank their
Recommendation first; filters; refusals; the seed loads once; the schema matches."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from openitu.errors import InvalidInput
from openitu.library.catalogue import Publication, seed
from openitu.store import library as repository
from openitu.store.base import Base
from openitu.store.loaders import library as loader
from openitu.usecases import library as usecases


def _search(sessions: sessionmaker[Session], query: str, **filters: object) -> list[str]:
    with sessions() as session:
        return [hit["id"] for hit in usecases.search(session, query=query, **filters)]  # type: ignore[arg-type]


def test_migration_matches_the_models(engine: Engine) -> None:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection)
        differences = [
            d
            for d in compare_metadata(context, Base.metadata)
            if "library_" in repr(d)
            # The full-text index is the database's own, outside the models (tables/library.py).
            and "library_search" not in repr(d)
            and "'search'" not in repr(d)
        ]
    assert differences == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("clear-air interference prediction", "ITU-R P.452"),
        ("rain attenuation earth-space", "ITU-R P.618"),
        ("mobile country code", "ITU-T E.212"),
        ("signalling point codes", "ITU-T Q.708"),
        ("free-space loss", "ITU-R P.525"),
        ("clutter loss", "ITU-R P.2108"),
    ],
)
def test_real_queries_rank_their_recommendation_first(
    sessions: sessionmaker[Session], query: str, expected: str
) -> None:
    found = _search(sessions, query)
    assert found[0] == expected


def test_scores_are_best_first(sessions: sessionmaker[Session]) -> None:
    with sessions() as session:
        hits = usecases.search(session, query="rain attenuation earth-space")
    scores = [hit["score"] for hit in hits]
    assert len(hits) > 1 and scores == sorted(scores, reverse=True) and scores[0] > scores[1]


def test_a_word_nobody_uses_finds_nothing(sessions: sessionmaker[Session]) -> None:
    assert _search(sessions, "zyzzyva") == []


def test_sector_filter(sessions: sessionmaker[Session]) -> None:
    # "code" is in E.164/E.212/Q.708 (ITU-T) and nowhere in ITU-R's entries' titles.
    everywhere = _search(sessions, "country code antenna")
    only_t = _search(sessions, "country code antenna", sector="T")
    only_r = _search(sessions, "country code antenna", sector="R")
    assert only_t and all(i.startswith("ITU-T ") for i in only_t)
    assert only_r and all(i.startswith("ITU-R ") for i in only_r)
    assert set(everywhere) == set(only_t) | set(only_r)


def test_series_filter(sessions: sessionmaker[Session]) -> None:
    found = _search(sessions, "antenna radiation pattern", series="s")
    assert found and {i.split(" ")[1].split(".")[0] for i in found} == {"S"}
    assert "ITU-R F.699" in _search(sessions, "antenna radiation pattern")


def test_status_filter(sessions: sessionmaker[Session]) -> None:
    # P.453-13, the edition the code follows, has been superseded by P.453-14.
    assert _search(sessions, "refractive index", status="superseded")[0] == "ITU-R P.453"
    assert "ITU-R P.453" not in _search(sessions, "refractive index", status="in force")


@pytest.mark.parametrize("query", ["", "x" * 201])
def test_empty_or_over_long_query_is_refused(sessions: sessionmaker[Session], query: str) -> None:
    with sessions() as session, pytest.raises(InvalidInput) as caught:
        usecases.search(session, query=query)
    assert caught.value.field == "q"


def test_seed_loads_once(sessions: sessionmaker[Session]) -> None:
    assert list(loader.load(sessions)) == [
        f"library: {len(seed())} Recommendations in the seed catalogue (0 added)"
    ]
    with sessions() as session:
        assert repository.count(session) == len(seed())


def test_an_added_entry_is_searchable_and_read_back(sessions: sessionmaker[Session]) -> None:
    entry = Publication(
        sector="D", series="D", number="1", title="Handbook on broadband mapping", version=None,
        approved=None, status="in force", superseded_by=(), study_group=None,
        keywords=("connectivity atlas",), abstract="How to map fixed broadband coverage.",
    )  # fmt: skip
    with sessions() as session, session.begin():
        repository.add(session, entry)
    with sessions() as session:
        assert repository.get(session, "ITU-D D.1") == entry
    assert _search(sessions, "connectivity atlas")[0] == "ITU-D D.1"
