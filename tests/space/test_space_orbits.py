"""NGSO orbits: the two-body + J2 propagation against its analytic invariants, SGP4
against the Vallado et al. (2006) verification vectors, TLE checks, and NGSO filings."""

from __future__ import annotations

import math
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from openitu.errors import InvalidInput
from openitu.space import orbits
from openitu.space.networks import parse_network

sys.path.insert(0, str(Path(__file__).parent))
from space_documents import ngso_document

REFERENCE = Path(__file__).parents[1] / "reference" / "space" / "sgp4_verification.txt"
T0 = datetime(2026, 3, 1, tzinfo=UTC)
DAY_S = 86400.0
SOLAR_RATE_DEG_DAY = 360.0 / 365.2422  # one turn per tropical year


def _gmst_deg(moment: datetime) -> float:
    whole, fraction = orbits.julian_date([moment])
    return float(np.degrees(orbits.gmst_rad(whole, fraction))[0])


def _node_deg(eci: np.ndarray) -> float:
    """RAAN of the plane through two close positions (the orbit normal's direction)."""
    normal = np.cross(eci[0], eci[1])
    return math.degrees(math.atan2(normal[0], -normal[1])) % 360.0


def test_the_keplerian_period_returns_the_satellite_to_its_place() -> None:
    elements = orbits.Elements(7078.137, 0.01, 53.0, 40.0, 10.0, 20.0, T0)
    # T = 2π sqrt(a³/μ): 5 923.6 s at a = 7 078.137 km.
    assert elements.period_s == pytest.approx(2 * math.pi * math.sqrt(7078.137**3 / 398600.4418))
    assert 5920 < elements.period_s < 5927
    later = T0 + timedelta(seconds=elements.period_s)
    eci = orbits.keplerian_eci([elements], [T0, later], j2=False)[0]
    assert np.linalg.norm(eci[1] - eci[0]) < 1e-5
    halfway = orbits.keplerian_eci([elements], [T0 + timedelta(seconds=elements.period_s / 2)],
                                   j2=False)[0, 0]  # fmt: skip
    assert np.linalg.norm(halfway - eci[0]) > 10_000  # the other side of the orbit


def test_radius_follows_the_ellipse() -> None:
    a, e = 26_560.0, 0.7
    elements = orbits.Elements(a, e, 63.4, 0.0, 270.0, 0.0, T0)
    times = orbits.time_grid(T0, 12.0, 60.0)
    radius = np.linalg.norm(orbits.keplerian_eci([elements], times)[0], axis=-1)
    assert radius.min() == pytest.approx(a * (1 - e), rel=1e-6)  # perigee at M = 0
    assert radius.max() == pytest.approx(a * (1 + e), rel=1e-3)


def test_sun_synchronous_node_drift() -> None:
    a = orbits.EARTH_RADIUS_KM + 700.0
    rate = math.degrees(float(orbits.secular_rates(a, 0.0, 98.0).raan)) * DAY_S
    # dΩ/dt = -3/2 n J2 (R/a)² cos i: +0.963 °/day at 98°, within 3 % of the Sun's mean
    # 0.9856 °/day that a sun-synchronous orbit at 700 km reaches at 98.19°.
    assert rate == pytest.approx(0.9632, abs=5e-4)
    assert rate == pytest.approx(SOLAR_RATE_DEG_DAY, rel=0.03)
    low, high = 97.0, 99.5
    for _ in range(60):
        mid = (low + high) / 2
        mid_rate = math.degrees(float(orbits.secular_rates(a, 0.0, mid).raan)) * DAY_S
        low, high = (mid, high) if mid_rate < SOLAR_RATE_DEG_DAY else (low, mid)
    assert 98.15 < low < 98.23  # the published sun-synchronous inclination at 700 km: 98.19°
    # and the propagated plane turns at that rate (two satellites 90° apart in one plane
    # give its normal at each instant)
    pair = [orbits.Elements(a, 0.0, 98.0, 10.0, 0.0, m, T0) for m in (0.0, 90.0)]
    eci = orbits.keplerian_eci(pair, [T0, T0 + timedelta(days=10)])
    start, end = _node_deg(eci[:, 0]), _node_deg(eci[:, 1])
    assert start == pytest.approx(10.0, abs=1e-9)
    assert (end - start) == pytest.approx(10 * rate, abs=1e-9)
    assert np.all(np.isclose(np.linalg.norm(eci, axis=-1), a))


def test_geostationary_elements_stay_over_one_longitude() -> None:
    for j2, a in ((True, orbits.geostationary_semi_major_axis_km()),
                  (False, orbits.geostationary_semi_major_axis_km(j2=False))):  # fmt: skip
        # the satellite over 30° E at T0: its mean longitude in inertial space is GMST + 30°
        elements = orbits.Elements(a, 0.0, 0.0, 0.0, 0.0, _gmst_deg(T0) + 30.0, T0)
        times = orbits.time_grid(T0, 72.0, 600.0)
        _, ecef = orbits.positions([orbits.Satellite("gso", elements=elements)], times, j2=j2)
        longitude = np.degrees(np.arctan2(ecef[0, :, 1], ecef[0, :, 0]))
        assert np.ptp(longitude) < 1e-3 and longitude[0] == pytest.approx(30.0, abs=1e-9)
    assert orbits.geostationary_semi_major_axis_km(j2=False) == pytest.approx(42164.17, abs=0.01)
    # J2 speeds the mean motion: the geostationary radius is about 2 km higher.
    assert orbits.geostationary_semi_major_axis_km() - 42164.17 == pytest.approx(2.09, abs=0.05)


def test_gmst_at_j2000() -> None:
    # IAU 1982 GMST at 2000-01-01 12:00 UT1: 18h 41m 50.54841s = 280.46061837°.
    assert _gmst_deg(orbits.J2000) == pytest.approx(280.46061837, abs=1e-8)


def _vectors() -> list[tuple[list[str], list[list[float]]]]:
    cases: list[tuple[list[str], list[list[float]]]] = []
    lines = [line for line in REFERENCE.read_text().splitlines() if not line.startswith("#")]
    index = 0
    while index < len(lines):
        assert lines[index] == "tle"
        tle, rows = lines[index + 1 : index + 3], []
        index += 3
        while index < len(lines) and lines[index] != "tle":
            rows.append([float(x) for x in lines[index].split()])
            index += 1
        cases.append((tle, rows))
    return cases


@pytest.mark.parametrize("case", _vectors(), ids=lambda c: c[0][0][2:7])
def test_sgp4_matches_the_verification_vectors(
    case: tuple[list[str], list[list[float]]],
) -> None:
    tle_lines, rows = case
    tle = orbits.parse_tle(tle_lines)
    times = [tle.epoch + timedelta(minutes=row[0]) for row in rows]
    positions, errors = orbits.sgp4_teme([tle], times)
    expected = np.array([row[1:4] for row in rows])
    assert np.all(errors == 0)
    # the reference is the C++ SGP4 of the paper; 1 cm covers the microseconds the epoch
    # loses in a datetime and the compilers' last digits (measured: under 1 mm)
    assert np.max(np.linalg.norm(positions[0] - expected, axis=-1)) < 1e-5


def test_tle_title_and_text_forms() -> None:
    tle_lines = _vectors()[0][0]
    as_text = orbits.parse_tle("VANGUARD 1\n" + "\n".join(tle_lines) + "\n")
    assert as_text.title == "VANGUARD 1" and as_text.catalog_number == "00005"
    assert as_text.epoch.date().isoformat() == "2000-06-27"  # day 179.78 of 2000
    assert orbits.parse_tle(tle_lines).title is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda l1, l2: [l1, l2[:68] + str((int(l2[68]) + 1) % 10)], "line 2, column 69: checksum"),
        (lambda l1, l2: [l1[:60], l2], "line 1: 60 characters, a TLE line has 69"),
        (lambda l1, l2: [l1, "3" + l2[1:]], "line 2, column 1: expected 2"),
        (lambda l1, l2: [l1, l2[:2] + "00006" + l2[7:]], "line 2, column 69: checksum"),
        (lambda l1, l2: [l1, l2, l1], "line 1, column 1: expected 1"),
        (lambda l1, l2: ["x" * 70, l1, l2], "line 0 (the title)"),
        (lambda l1, l2: [l1], "expected 2 lines"),
    ],
)
def test_bad_tles_name_the_line_and_column(change: object, message: str) -> None:
    l1, l2 = _vectors()[1][0]
    assert callable(change)
    with pytest.raises(InvalidInput) as error:
        orbits.parse_tle(change(l1, l2), field="planes[0].tle[0]")
    assert error.value.field == "planes[0].tle[0]" and message in error.value.reason


def test_mismatched_catalogue_numbers_and_bad_fields() -> None:
    l1, l2 = _vectors()[1][0]
    other = l2[:2] + "06252" + l2[7:68]
    other += str(orbits.tle_checksum(other))
    with pytest.raises(InvalidInput, match="columns 3-7"):
        orbits.parse_tle([l1, other])
    broken = l2[:8] + " 58.0x79" + l2[16:68]
    broken += str(orbits.tle_checksum(broken))
    with pytest.raises(InvalidInput, match="line 2, columns 9-16: the inclination"):
        orbits.parse_tle([l1, broken])


def test_checksum_counts_digits_and_minus_signs() -> None:
    assert orbits.tle_checksum("1 -2-" + " " * 63) == (1 + 1 + 2 + 1) % 10


def test_ngso_filing_round_trips_with_tles_and_elements() -> None:
    l1, l2 = _vectors()[1][0]
    document = ngso_document(planes=[
        {"semi_major_axis_km": 7078.137, "inclination_deg": 98.0, "satellites": 3,
         "eccentricity": 0.001, "argument_of_perigee_deg": 90.0, "mean_anomaly_deg": 5.0,
         "epoch": "2026-03-01T00:00:00+02:00"},
        {"satellites": 1, "tle": [[l1, l2]]},
    ])  # fmt: skip
    network = parse_network(document)
    first, second = network.planes
    assert first.altitude_km == pytest.approx(700.0)
    assert first.epoch == datetime(2026, 2, 28, 22, tzinfo=UTC)
    assert second.tle[0].catalog_number == "06251"
    assert second.inclination_deg == pytest.approx(58.0579)  # taken from the TLE
    assert 300 < second.altitude_km < 400
    assert parse_network(network.as_dict()) == network


@pytest.mark.parametrize(
    ("plane", "field"),
    [
        ({"satellites": 2, "tle": [["x", "y"]]}, "planes[0].tle"),
        ({"altitude_km": 500.0, "semi_major_axis_km": 6900.0, "inclination_deg": 1.0,
          "satellites": 1}, "planes[0].semi_major_axis_km"),
        ({"altitude_km": 500.0, "inclination_deg": 1.0, "satellites": 1, "eccentricity": 0.5},
         "planes[0].eccentricity"),
        ({"altitude_km": 500.0, "inclination_deg": 1.0, "satellites": 1, "epoch": "soon"},
         "planes[0].epoch"),
        ({"satellites": 1, "tle": [["1 00005U", "2 00005"]]}, "planes[0].tle[0]"),
    ],
)  # fmt: skip
def test_bad_planes_name_the_field(plane: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidInput) as error:
        parse_network(ngso_document(planes=[plane]))
    assert error.value.field == field
