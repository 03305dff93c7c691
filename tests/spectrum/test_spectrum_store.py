"""The Table in the database (SQLite and PostgreSQL): loaded once, read back whole."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from sqlalchemy.orm import Session, sessionmaker

from openitu.errors import Conflict, NotFound
from openitu.spectrum.diff import diff_editions
from openitu.spectrum.model import Allocation, Category, Edition
from openitu.spectrum.reference import EDITION_ID
from openitu.spectrum.services import parse_service
from openitu.store import spectrum as repository
from openitu.store.loaders import spectrum as loader


def test_loaded_edition_reads_back_equal(sessions: sessionmaker[Session], edition: Edition) -> None:
    with sessions() as session:
        stored = repository.get_edition(session, EDITION_ID)
    assert sorted(stored.bands, key=lambda b: (b.region, b.low_hz)) == sorted(
        edition.bands, key=lambda b: (b.region, b.low_hz)
    )
    assert stored.footnotes == edition.footnotes
    assert stored.entry_into_force == edition.entry_into_force


def test_loading_twice_adds_nothing(sessions: sessionmaker[Session]) -> None:
    lines = list(loader.load(sessions))
    assert lines and all("already loaded" in line for line in lines)
    with sessions() as session:
        assert repository.edition_ids(session) == [EDITION_ID, "RR-2016", "RR-2020", "RR-2024"]


def test_edition_in_force_by_date(sessions: sessionmaker[Session], edition: Edition) -> None:
    band = edition.bands[0]
    amended = dataclasses.replace(
        edition,
        id="RR-TEST",
        entry_into_force=date(2030, 1, 1),
        based_on=EDITION_ID,
        bands=(
            dataclasses.replace(
                band,
                allocations=(Allocation(parse_service("fixed"), Category.SECONDARY),),
            ),
            *edition.bands[1:],
        ),
    )
    with sessions() as session, session.begin():
        repository.add_edition(session, amended)
    with sessions() as session:
        assert repository.edition_in_force(session, date(2024, 12, 31)) == "RR-2020"
        assert repository.edition_in_force(session, date(2029, 12, 31)) == "RR-2024"
        assert repository.edition_in_force(session, date(2016, 12, 31)) == EDITION_ID
        assert repository.edition_in_force(session, date(2030, 1, 1)) == "RR-TEST"
        with pytest.raises(NotFound):
            repository.edition_in_force(session, date(2012, 1, 1))
        stored = repository.get_edition(session, "RR-TEST")
    changes = diff_editions(edition, stored)
    assert len(changes.bands) == 1
    assert changes.bands[0].added == ("fixed [secondary]",)
    assert changes.footnotes == ()


def test_adding_an_existing_edition_is_a_conflict_and_writes_nothing(
    sessions: sessionmaker[Session], edition: Edition
) -> None:
    with pytest.raises(Conflict), sessions() as session, session.begin():
        repository.add_edition(session, edition)
    with sessions() as session:
        assert repository.edition_ids(session) == [EDITION_ID, "RR-2016", "RR-2020", "RR-2024"]
