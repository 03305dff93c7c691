"""Space use cases on a real database (SQLite and PostgreSQL): filing, steps and their
rights, time limits, the affected networks, the audit trail; and the schema and loader."""

from __future__ import annotations

import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from openitu.accounts import Principal, Role
from openitu.errors import Forbidden, InvalidInput, NotFound
from openitu.store import audit
from openitu.store import space as repository
from openitu.store.base import Base
from openitu.store.loaders import space as loader
from openitu.usecases import space as usecases

sys.path.insert(0, str(Path(__file__).parents[1] / "space"))
from space_documents import network_document, ngso_document

FR = Principal(role=Role.NOTIFYING_OFFICER, username="officer-fr", administration="FR", via="cli")
DE = Principal(role=Role.NOTIFYING_OFFICER, username="officer-de", administration="DE", via="cli")
BR = Principal(role=Role.SECRETARIAT, username="br-clerk", via="cli")
CR = date(2021, 6, 1)


def test_migration_matches_the_models(engine: Engine) -> None:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection)
        differences = [d for d in compare_metadata(context, Base.metadata) if "space_" in repr(d)]
    assert differences == []


def test_catalogue_loads_once_and_is_not_a_filing(sessions: sessionmaker[Session]) -> None:
    lines = list(loader.load(sessions))
    assert lines == [
        "space: 590 GSO satellites in the UCS catalogue (0 added, 2 without a longitude)"
    ]
    with sessions() as session:
        counts = repository.count_by_source(session)
        assert counts.get("ucs-2023") == 588
        entry = repository.list_networks(session, source="ucs-2023", limit=1)[0]
        assert -180.0 <= (entry.longitude_deg or 0.0) <= 180.0
        with pytest.raises(NotFound):
            repository.get_network(session, entry.id)
        # Catalogue entries have no beams: coordination never sees them.
        assert repository.beam_table(session).size == 0


def test_file_record_and_read_deadlines(sessions: sessionmaker[Session]) -> None:
    with sessions() as session, session.begin():
        filed = usecases.submit_network(
            session, principal=FR, document=network_document(), date_of_receipt=CR
        )
    network_id = filed["network_id"]
    assert filed["status"] == "coordination_requested"
    with sessions() as session, session.begin():
        usecases.record_step(session, principal=FR, network_id=network_id,
                             step="notification", date_of_receipt=date(2023, 1, 10))  # fmt: skip
        # Recording in the Master Register is the secretariat's, not the officer's.
        with pytest.raises(Forbidden):
            usecases.record_step(session, principal=FR, network_id=network_id,
                                 step="recording", date_of_receipt=date(2023, 3, 1))  # fmt: skip
    with sessions() as session, session.begin():
        usecases.record_step(session, principal=BR, network_id=network_id,
                             step="recording", date_of_receipt=date(2023, 3, 1))  # fmt: skip
    with sessions() as session:
        document = usecases.deadlines(session, network_id=network_id, as_of=date(2028, 6, 2))
        trail = audit.entries(session, entity="space_network", entity_id=str(network_id))
    assert document["status"] == "lapsed"  # never brought into use within 7 years
    assert document["lapsed_on"] == "2028-06-02"
    due = {d["name"]: d for d in document["deadlines"]}["bringing_into_use"]
    assert (due["due"], due["provision"], due["state"]) == ("2028-06-01", "RR No. 11.44", "missed")
    assert [e.action for e in trail] == [
        "space.network.submit", "space.filing.notification", "space.filing.recording",
    ]  # fmt: skip
    assert [e.actor for e in trail] == ["officer-fr", "officer-fr", "br-clerk"]


def test_officers_act_only_for_their_administration(sessions: sessionmaker[Session]) -> None:
    with sessions() as session, session.begin(), pytest.raises(Forbidden):
        usecases.submit_network(session, principal=DE, document=network_document(),
                                date_of_receipt=CR)  # fmt: skip
    with sessions() as session, session.begin():
        network_id = usecases.submit_network(
            session, principal=FR, document=network_document(), date_of_receipt=CR
        )["network_id"]
    with sessions() as session, session.begin(), pytest.raises(Forbidden):
        usecases.record_step(session, principal=DE, network_id=network_id,
                             step="withdrawal", date_of_receipt=date(2022, 1, 1))  # fmt: skip


def test_bad_filing_writes_nothing(sessions: sessionmaker[Session]) -> None:
    document = network_document()
    document["beams"][1]["frequencies"] = []
    with sessions() as session:
        before = repository.count_by_source(session).get("filing", 0)
    with sessions() as session, session.begin(), pytest.raises(InvalidInput) as caught:
        usecases.submit_network(session, principal=FR, document=document, date_of_receipt=CR)
    assert caught.value.field == "beams[1].frequencies"
    with sessions() as session:
        assert repository.count_by_source(session).get("filing", 0) == before


def test_affected_networks_from_the_register(sessions: sessionmaker[Session]) -> None:
    de = Principal(role=Role.NOTIFYING_OFFICER, username="o-de", administration="DE", via="cli")
    it = Principal(role=Role.NOTIFYING_OFFICER, username="o-it", administration="IT", via="cli")
    with sessions() as session, session.begin():
        near = usecases.submit_network(
            session, principal=de, document=network_document("DE-SAT", "DE", 16.0),
            date_of_receipt=date(2019, 1, 1),
        )["network_id"]  # fmt: skip
        far = usecases.submit_network(
            session, principal=it, date_of_receipt=date(2019, 2, 1),
            document=network_document("IT-SAT", "IT", 60.0, power_dbw_hz=-75.0),
        )["network_id"]  # fmt: skip
        new = usecases.submit_network(
            session, principal=FR, document=network_document(), date_of_receipt=CR
        )["network_id"]
    with sessions() as session, session.begin():
        result = usecases.examine(session, principal=BR, network_id=new)
        with pytest.raises(Forbidden):
            usecases.examine(session, principal=FR, network_id=new)
    ids = [n["network_id"] for n in result["networks"]]
    assert near in ids and far not in ids and new not in ids
    near_entry = result["networks"][ids.index(near)]
    assert near_entry["criterion"] == "arc" and near_entry["separation_deg"] == pytest.approx(4.0)
    assert result["administrations"] == ["DE"]
    assert result["pairs_evaluated"] == 4  # up/up and down/down with each of the two others


def test_a_date_of_receipt_in_the_future_is_refused(sessions: sessionmaker[Session]) -> None:
    later = date.today() + timedelta(days=400)
    with sessions() as session, session.begin(), pytest.raises(InvalidInput) as caught:
        usecases.submit_network(
            session, principal=FR, document=network_document(), date_of_receipt=later
        )
    assert caught.value.field == "date_of_receipt"


def test_ngso_passes_and_pfd_from_the_register(sessions: sessionmaker[Session]) -> None:
    start = datetime(2026, 3, 1, tzinfo=UTC)
    with sessions() as session, session.begin():
        leo = usecases.submit_network(session, principal=FR, document=ngso_document(),
                                      date_of_receipt=CR)["network_id"]  # fmt: skip
        gso = usecases.submit_network(session, principal=FR,
                                      document=network_document("GSO-FOR-NGSO"),
                                      date_of_receipt=CR)["network_id"]  # fmt: skip
    with sessions() as session:
        result = usecases.passes(session, network_id=leo, lat_deg=48.85, lon_deg=2.35,
                                 start=start, hours=12.0, min_elevation_deg=10.0)  # fmt: skip
        assert result["satellites"] == 22 and result["propagation"]["keplerian_j2"] == 22
        assert result["from"] == "2026-03-01T00:00:00Z" and "spherical" in result["earth_model"]
        assert result["windows"] and all(
            w["max_elevation_deg"] >= 10.0 and w["rise"] < w["set"] for w in result["windows"]
        )
        lower = usecases.passes(session, network_id=leo, lat_deg=48.85, lon_deg=2.35,
                                start=start, hours=12.0)  # fmt: skip
        assert len(lower["windows"]) >= len(result["windows"])
        check = usecases.ngso_pfd(session, network_id=leo, lat_deg=48.85, lon_deg=2.35,
                                  start=start, hours=2.0)  # fmt: skip
        (beam,) = check["beams"]  # the one down beam, 11.45-11.7 GHz: the non-GSO row
        assert beam["orbit"] == "ngso" and beam["reference_bandwidth_hz"] == 1e6
        assert beam["complies"] == check["complies"]
        # the constellation summed over its visible satellites: never below the worst one
        total = beam["aggregate"]
        assert total["max_dbw_m2"] >= beam["worst"]["pfd_dbw_m2"] - 1e-9
        assert total["max_dbw_m2"] >= total["strongest_single_then_dbw_m2"]
        assert 1 <= total["visible_then"] <= total["max_visible"] <= 22
        with pytest.raises(InvalidInput, match="geostationary"):
            usecases.passes(session, network_id=gso, lat_deg=0, lon_deg=0, start=start, hours=1)
        with pytest.raises(NotFound):
            usecases.passes(session, network_id=999_999, lat_deg=0, lon_deg=0, start=start,
                            hours=1)  # fmt: skip
