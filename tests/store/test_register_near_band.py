"""The technical examination's read of the register (`store.register.recorded_near_band`)
returns exactly the recorded assignments the engine's frequency test keeps, on both
databases: the query narrows the index window on both sides, and a row it misses would be
an interference the examination never sees.

The expectation is computed here from the rows as drawn, by the engine's own test
(`openitu.register.technical`: a pair is kept when the band-edge gap is under
``adjacent_channel_bandwidths`` times the wider necessary bandwidth)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from sqlalchemy import insert
from sqlalchemy.orm import Session

from databases import fresh_database
from openitu.store.db import make_engine, session_factory
from openitu.store.migrate import upgrade
from openitu.store.register import recorded_near_band
from openitu.store.tables.register import RegisterAssignment

ROWS = 600
PAD_FACTOR = 1.0


def _rows(rng: np.random.Generator) -> list[dict[str, Any]]:
    """Assignments between 590 and 620 MHz with bandwidths from 12.5 kHz to 20 MHz,
    some not recorded, some under No. 4.4, some without a height or e.i.r.p."""
    start = datetime(2020, 1, 1, tzinfo=UTC)
    rows = []
    for i in range(ROWS):
        bandwidth = float(rng.choice([12.5e3, 200e3, 1.5e6, 8e6, 20e6]))
        frequency = float(rng.uniform(590e6, 620e6))
        received = start + timedelta(minutes=i)
        rows.append(
            {
                "administration": str(rng.choice(["FR", "DE", "CH"])),
                "reference": f"R{i}",
                "status": "recorded" if rng.uniform() < 0.8 else "received",
                "version": 1,
                "content_hash": f"h{i}",
                "received_at": received,
                "first_received_at": received,
                "service": "broadcasting",
                "station_class": "BT",
                "frequency_hz": frequency,
                "necessary_bandwidth_hz": bandwidth,
                "low_hz": frequency - bandwidth / 2,
                "high_hz": frequency + bandwidth / 2,
                "emission": "8M00G7W",
                "tx_lat_deg": 47.0,
                "tx_lon_deg": 7.0,
                "tx_antenna_height_m": None if rng.uniform() < 0.05 else 150.0,
                "tx_eirp_dbw": 50.0,
                "request_4_4": False,
                "agreements": "[]",
                "data": "{}",
                "recorded_under": "No. 4.4" if rng.uniform() < 0.05 else None,
                "submitted_by": "test",
            }
        )
    return rows


def _expected(
    rows: list[dict[str, Any]], low_hz: float, high_hz: float
) -> tuple[set[int], int, int]:
    """Ids kept (1-based, in insertion order), then how many lack a height, how many are
    under No. 4.4, among the recorded ones near the band."""
    kept, lacking, under = set(), 0, 0
    centre, width = (low_hz + high_hz) / 2, high_hz - low_hz
    for number, row in enumerate(rows, start=1):
        if row["status"] != "recorded":
            continue
        gap = abs(row["frequency_hz"] - centre) - (row["necessary_bandwidth_hz"] + width) / 2
        if not gap < PAD_FACTOR * max(row["necessary_bandwidth_hz"], width):
            continue
        if row["recorded_under"] == "No. 4.4":
            under += 1
        elif row["tx_antenna_height_m"] is None:
            lacking += 1
        else:
            kept.add(number)
    return kept, lacking, under


@pytest.fixture(params=["sqlite", "postgresql"])
def session(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Session]:
    with fresh_database(request.param, tmp_path, label="nearband") as url:
        engine = make_engine(url)
        upgrade(engine)
        with session_factory(engine)() as opened:
            yield opened
        engine.dispose()


def test_the_read_keeps_exactly_what_the_engine_would(session: Session) -> None:
    rng = np.random.default_rng(20261207)
    rows = _rows(rng)
    session.execute(insert(RegisterAssignment), rows)
    session.commit()
    for centre, width in ((602e6, 8e6), (605e6, 12.5e3), (591e6, 20e6), (640e6, 1.5e6)):
        low, high = centre - width / 2, centre + width / 2
        found = recorded_near_band(session, low_hz=low, high_hz=high, pad_factor=PAD_FACTOR)
        kept, lacking, under = _expected(rows, low, high)
        assert set(found.assignments.assignment_id.tolist()) == kept, (centre, width)
        assert (found.lacking_height, found.under_4_4) == (lacking, under)


def test_columns_carry_each_rows_values(session: Session) -> None:
    rows = _rows(np.random.default_rng(7))
    session.execute(insert(RegisterAssignment), rows)
    session.commit()
    found = recorded_near_band(session, low_hz=598e6, high_hz=606e6, pad_factor=PAD_FACTOR)
    recorded = found.assignments
    assert len(recorded) > 10
    for position, number in enumerate(recorded.assignment_id.tolist()):
        row = rows[number - 1]
        assert recorded.frequency_hz[position] == row["frequency_hz"]
        assert recorded.bandwidth_hz[position] == row["necessary_bandwidth_hz"]
        assert (
            recorded.administrations[recorded.administration_code[position]]
            == (row["administration"])
        )
        receipt = recorded.date_of_receipt[position].astype("datetime64[us]").item()
        assert receipt == row["received_at"].replace(tzinfo=None)


def _great_circle_km(lat1: Any, lon1: Any, lat2: float, lon2: float) -> Any:
    p1, p2 = np.radians(lat1), np.radians(lat2)
    h = (
        np.sin((p2 - p1) / 2) ** 2
        + np.cos(p1) * np.cos(p2) * np.sin(np.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0088 * np.arcsin(np.minimum(1.0, np.sqrt(h)))


@pytest.mark.parametrize(
    "sites",
    [
        [(47.0, 7.0), (47.1, 7.4)],  # a link in the Alps
        [(-33.9, 151.2)],  # Sydney
        [(64.0, 179.5)],  # beside the antimeridian
        [(84.0, 20.0)],  # a circle over the pole
    ],
)
def test_the_read_by_place_misses_no_site_within_reach(
    session: Session, sites: list[tuple[float, float]]
) -> None:
    rng = np.random.default_rng(11)
    rows = _rows(rng)
    for row in rows:
        row["status"], row["recorded_under"], row["tx_antenna_height_m"] = "recorded", None, 150.0
        row["frequency_hz"], row["necessary_bandwidth_hz"] = 600e6, 8e6
        row["low_hz"], row["high_hz"] = 596e6, 604e6
        # half of them near the sites, the rest anywhere; a third with a receiver 0-80 km off
        lat, lon = sites[int(rng.integers(len(sites)))]
        if rng.uniform() < 0.5:
            lat, lon = lat + rng.normal(0, 6), lon + rng.normal(0, 10)
        else:
            lat, lon = rng.uniform(-89, 89), rng.uniform(-180, 180)
        lat = float(np.clip(lat, -89.9, 89.9))
        lon = float((lon + 180.0) % 360.0 - 180.0)
        row["tx_lat_deg"], row["tx_lon_deg"] = lat, lon
        if rng.uniform() < 0.33:
            row["rx_lat_deg"] = float(np.clip(lat + rng.uniform(-0.7, 0.7), -89.9, 89.9))
            row["rx_lon_deg"] = float((lon + rng.uniform(-1.0, 1.0) + 180.0) % 360.0 - 180.0)
    session.execute(insert(RegisterAssignment), rows)
    session.commit()
    within_km = 500.0
    found = recorded_near_band(
        session, low_hz=596e6, high_hz=604e6, pad_factor=PAD_FACTOR, sites=sites,
        reach_km=lambda low, high: within_km,
    )  # fmt: skip
    returned = set(found.assignments.assignment_id.tolist())

    def nearest_km(row: dict[str, Any]) -> float:
        points = [(row["tx_lat_deg"], row["tx_lon_deg"])]
        if row.get("rx_lat_deg") is not None:
            points.append((row["rx_lat_deg"], row["rx_lon_deg"]))
        return min(float(_great_circle_km(a, b, lat, lon)) for a, b in points for lat, lon in sites)

    distances = {number: nearest_km(row) for number, row in enumerate(rows, start=1)}
    within = {number for number, d in distances.items() if d <= within_km}
    assert within, "the draw puts some rows within reach"
    assert within <= returned
    if max(abs(lat) for lat, _ in sites) < 70 and all(abs(lon) < 170 for _, lon in sites):
        # away from the poles and the antimeridian the box is tight: no far row comes back
        assert all(distances[number] < 2 * within_km for number in returned)
        assert len(returned) < len(rows)


def test_a_site_at_the_circles_widest_longitude_is_read(session: Session) -> None:
    # The circle's widest longitude is at its tangent point, north of the centre's
    # latitude: a box as wide as dlat / cos(lat) at the centre leaves out points there.
    centre, within_km = (47.0, 7.0), 1000.0
    reach = within_km * 0.999 / 6371.0088
    bearings = np.radians(np.linspace(60.0, 120.0, 6001))
    lat0, lon0 = np.radians(centre[0]), np.radians(centre[1])
    lat = np.arcsin(np.sin(lat0) * np.cos(reach) + np.cos(lat0) * np.sin(reach) * np.cos(bearings))
    lon = lon0 + np.arctan2(
        np.sin(bearings) * np.sin(reach) * np.cos(lat0), np.cos(reach) - np.sin(lat0) * np.sin(lat)
    )
    east = int(np.argmax(lon))
    point = (float(np.degrees(lat[east])), float(np.degrees(lon[east])))
    assert point[1] - centre[1] > np.degrees(within_km / 6371.0088) / np.cos(lat0)
    assert float(_great_circle_km(point[0], point[1], *centre)) < within_km
    row = _rows(np.random.default_rng(3))[0]
    row.update(status="recorded", recorded_under=None, tx_antenna_height_m=150.0,
               tx_lat_deg=point[0], tx_lon_deg=point[1])  # fmt: skip
    session.execute(insert(RegisterAssignment), [row])
    session.commit()
    found = recorded_near_band(
        session, low_hz=row["low_hz"], high_hz=row["high_hz"], pad_factor=PAD_FACTOR,
        sites=[centre], reach_km=lambda low, high: within_km,
    )  # fmt: skip
    assert found.assignments.assignment_id.tolist() == [1]
