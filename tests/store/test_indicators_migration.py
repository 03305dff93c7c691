"""The indicators branch (ind1_indicators) migrates down and up on its own, on SQLite and
PostgreSQL, and its unique key refuses a second figure for the same country, indicator,
year and source."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import IntegrityError

from databases import fresh_database
from openitu.store import migrate
from openitu.store.db import make_engine


@pytest.fixture(params=["sqlite", "postgresql"])
def migrated(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    with fresh_database(request.param, tmp_path, label="indmig") as url:
        engine = make_engine(url)
        try:
            migrate.upgrade(engine)
            yield engine
        finally:
            engine.dispose()


def test_the_indicators_branch_round_trips(migrated: Engine) -> None:
    before = set(inspect(migrated).get_table_names())
    assert "indicator_values" in before
    migrate.downgrade(migrated, "indicators@-1")
    assert set(inspect(migrated).get_table_names()) == before - {"indicator_values"}
    migrate.upgrade(migrated)
    assert set(inspect(migrated).get_table_names()) == before
    assert migrate.current_revisions(migrated) == migrate.head_revisions(migrated)
    insert = text(
        "INSERT INTO indicator_values (country, indicator, year, value, source) "
        "VALUES ('KE', 'internet_users_pct', 2023, 40.8, 'itu-csv')"
    )
    with migrated.connect() as connection:
        connection.execute(insert)
        with pytest.raises(IntegrityError):
            connection.execute(insert)
        connection.rollback()
