"""The register branch (reg1_register, reg2_bandwidth_index) migrates down and up on its
own, on SQLite and PostgreSQL; the migrated schema has the columns and indexes the table
module declares, and its events table refuses UPDATE and DELETE again after a round trip."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import DBAPIError

from databases import fresh_database
from openitu.store import migrate
from openitu.store.base import Base
from openitu.store.db import make_engine

TABLES = {"register_assignments", "register_events", "register_circulars"}


@pytest.fixture(params=["sqlite", "postgresql"])
def migrated(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    with fresh_database(request.param, tmp_path, label="regmig") as url:
        engine = make_engine(url)
        try:
            migrate.upgrade(engine)
            yield engine
        finally:
            engine.dispose()


def test_the_register_branch_round_trips_and_matches_its_tables(migrated: Engine) -> None:
    import openitu.store.tables.register  # noqa: F401  (the metadata of the tables)

    inspector = inspect(migrated)
    before = set(inspector.get_table_names())
    assert before >= TABLES
    for name in TABLES:
        declared = {column.name for column in Base.metadata.tables[name].columns}
        assert {c["name"] for c in inspector.get_columns(name)} == declared, name
    indexes = {i["name"] for i in inspector.get_indexes("register_assignments")}
    assert {"ix_register_assignments_band", "ix_register_assignments_location",
            "ix_register_assignments_status",
            "ix_register_assignments_bandwidth"} <= indexes  # fmt: skip

    migrate.downgrade(migrated, "register@-2")  # both of the branch's revisions
    assert set(inspect(migrated).get_table_names()) == before - TABLES
    migrate.upgrade(migrated)
    assert set(inspect(migrated).get_table_names()) == before
    assert migrate.current_revisions(migrated) == migrate.head_revisions(migrated)
    with migrated.connect() as connection:
        connection.execute(text(
            "INSERT INTO register_assignments (id, administration, reference, status, version, "
            "content_hash, received_at, first_received_at, service, station_class, frequency_hz, "
            "necessary_bandwidth_hz, low_hz, high_hz, emission, tx_lat_deg, tx_lon_deg, "
            "request_4_4, agreements, data, submitted_by) VALUES (1, 'FR', 'M1', 'received', 1, "
            "'x', '2026-12-07 10:00:00', '2026-12-07 10:00:00', 'fixed', 'FX', 6e9, 1e6, "
            "5.9995e9, 6.0005e9, '1M00D7W', 48, 7, false, '[]', '{}', 'test')"
        ))  # fmt: skip
        connection.execute(text(
            "INSERT INTO register_events (assignment_id, event, status, at, actor, detail) "
            "VALUES (1, 'notified', 'received', '2026-12-07 10:00:00', 'test', '{}')"
        ))  # fmt: skip
        with pytest.raises(DBAPIError, match="append-only"):
            connection.execute(text("DELETE FROM register_events"))
        connection.rollback()
