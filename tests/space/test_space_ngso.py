"""An NGSO system seen from a place: look angles against hand-computable cases and the
GSO geometry, visibility windows, and the pfd against Table 21-4's non-GSO row."""

from __future__ import annotations

import math
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from openitu.errors import InvalidInput
from openitu.space import geometry, ngso, orbits
from openitu.space.networks import parse_network

sys.path.insert(0, str(Path(__file__).parent))
from space_documents import network_document, ngso_document

T0 = datetime(2026, 3, 1, tzinfo=UTC)
R = orbits.EARTH_RADIUS_KM


def _up(lat: float, lon: float) -> np.ndarray:
    phi, lam = math.radians(lat), math.radians(lon)
    return np.array([math.cos(phi) * math.cos(lam), math.cos(phi) * math.sin(lam), math.sin(phi)])


def test_a_satellite_at_the_zenith() -> None:
    position = (R + 550.0) * _up(45.0, 7.0)
    elevation, _, distance = ngso.look_angles(position, 45.0, 7.0)
    assert float(elevation) == pytest.approx(90.0) and float(distance) == pytest.approx(550.0)


def test_a_satellite_on_the_horizon_due_east() -> None:
    # From (0°, 0°) a point at the height h due east touches the horizon at the central
    # angle acos(R / (R + h)), at a range sqrt((R + h)² - R²).
    h = 1200.0
    angle = math.acos(R / (R + h))
    position = (R + h) * np.array([math.cos(angle), math.sin(angle), 0.0])
    elevation, azimuth, distance = ngso.look_angles(position, 0.0, 0.0)
    assert float(elevation) == pytest.approx(0.0, abs=1e-9)
    assert float(azimuth) == pytest.approx(90.0)
    assert float(distance) == pytest.approx(math.sqrt((R + h) ** 2 - R**2))


def test_a_gso_satellite_matches_the_gso_geometry() -> None:
    whole, fraction = orbits.julian_date([T0])
    gmst = float(np.degrees(orbits.gmst_rad(whole, fraction))[0])
    places = [(40.7, -74.0), (-33.9, 18.4), (60.0, 25.0), (0.0, -20.0)]
    for sat_lon in (-75.0, 0.0, 19.2):
        elements = orbits.Elements(geometry.GSO_RADIUS_KM, 0.0, 0.0, 0.0, 0.0, gmst + sat_lon, T0)
        _, ecef = orbits.positions([orbits.Satellite("gso", elements=elements)], [T0])
        for lat, lon in places:
            elevation, azimuth, distance = ngso.look_angles(ecef[0, 0], lat, lon)
            assert float(elevation) == pytest.approx(
                float(geometry.elevation_deg(sat_lon, lat, lon)), abs=1e-6
            )
            assert float(azimuth) == pytest.approx(
                float(geometry.azimuth_deg(sat_lon, lat, lon)), abs=1e-6
            )
            assert float(distance) == pytest.approx(
                float(geometry.slant_range_km(sat_lon, lat, lon)), abs=1e-5)  # fmt: skip


def _angles(elevations: list[list[float]], step_s: float = 60.0) -> ngso.LookAngles:
    values = np.array(elevations, dtype=float)
    times = [T0 + timedelta(seconds=i * step_s) for i in range(values.shape[1])]
    return ngso.LookAngles(times, [f"S{i}" for i in range(len(values))], values,
                           np.zeros_like(values), np.full_like(values, 1000.0))  # fmt: skip


def test_windows_interpolate_rise_and_set() -> None:
    angles = _angles([
        [-10.0, -5.0, 5.0, 15.0, 25.0, 15.0, 5.0, -5.0, -9.0, 2.0, 20.0],
        [-20.0] * 11,
        [12.0, 11.0, 9.0, 8.0, 7.0, 6.0, 5.0, 4.0, 3.0, 2.0, 1.0],
    ])  # fmt: skip
    found = ngso.windows(angles, min_elevation_deg=10.0)
    first, second, third = found  # ordered by rise: S2 at the start, then S0's two
    assert (third.satellite, third.from_start, third.to_end) == ("S0", False, True)
    assert (first.satellite, first.from_start, first.rise) == ("S2", True, T0)
    # S2 falls through 10° halfway between 11° at 60 s and 9° at 120 s
    assert first.set == T0 + timedelta(seconds=90)
    # S0 rises through 10° halfway between 5° (120 s) and 15° (180 s), sets likewise
    assert second.rise == T0 + timedelta(seconds=150)
    assert second.set == T0 + timedelta(seconds=330)
    assert second.max_elevation_deg == 25.0 and second.max_at == T0 + timedelta(seconds=240)
    assert second.as_dict()["duration_s"] == 180.0
    assert third.rise == T0 + timedelta(seconds=9 * 60 + 60 * 8 / 18)
    assert third.set == T0 + timedelta(seconds=600)
    assert ngso.windows(angles, min_elevation_deg=30.0) == []


def test_real_passes_are_no_longer_than_the_geometry_allows() -> None:
    network = parse_network(ngso_document())
    satellites = ngso.satellites_of(network)
    assert len(satellites) == 22 and satellites[12].name == "P2-S2"
    angles = ngso.track(satellites, lat_deg=48.85, lon_deg=2.35, start=T0, hours=24.0,
                        step_s=20.0)  # fmt: skip
    found = ngso.windows(angles, min_elevation_deg=0.0)
    assert len(found) > 10
    # a pass above 0° spans at most a central angle of 2 acos(R / (R + h)) at the orbital
    # rate (plus the Earth's turn under it: a 5 % allowance)
    a = R + 550.0
    longest = 2 * math.acos(R / a) / math.sqrt(orbits.MU_KM3_S2 / a**3)
    assert max((w.set - w.rise).total_seconds() for w in found) < 1.05 * longest
    assert all(w.max_elevation_deg >= 0 for w in found)
    # the windows agree with the samples: every sample above 0° lies in a window
    above = angles.elevation_deg >= 0.0
    covered = np.zeros_like(above)
    for w in found:
        row = angles.names.index(w.satellite)
        for column, moment in enumerate(angles.times):
            covered[row, column] |= w.rise <= moment <= w.set
    assert np.array_equal(above, covered)


def test_spans_are_bounded() -> None:
    satellites = ngso.satellites_of(parse_network(ngso_document()))
    with pytest.raises(InvalidInput, match="samples"):
        ngso.track(satellites, lat_deg=0, lon_deg=0, start=T0, hours=336, step_s=1)
    with pytest.raises(InvalidInput) as error:
        ngso.track(satellites, lat_deg=91, lon_deg=0, start=T0, hours=1)
    assert error.value.field == "lat"
    with pytest.raises(InvalidInput) as error:
        ngso.track(satellites, lat_deg=0, lon_deg=0, start=T0, hours=0)
    assert error.value.field == "hours"
    with pytest.raises(InvalidInput) as error:
        ngso.parse_start("tomorrow")
    assert error.value.field == "from"
    assert ngso.parse_start("2026-03-01T06:00") == datetime(2026, 3, 1, 6, tzinfo=UTC)


def test_ngso_pfd_at_the_zenith_by_hand() -> None:
    # One satellite at 550 km straight above the place: pfd = eirp + 10 log(1 MHz)
    # - 10 log(4π (550 km)²); the 10.7-11.7 GHz non-GSO limit at 90° is -126 + 10.
    values = np.array([[30.0, 90.0, 30.0]])
    times = [T0 + timedelta(minutes=i) for i in range(3)]
    ranges = np.array([[1000.0, 550.0, 1000.0]])
    angles = ngso.LookAngles(times, ["S"], values, np.zeros_like(values), ranges)
    eirp = -40.0
    check = ngso.ngso_pfd(angles, beam="B", frequency_hz=11.2e9, eirp_density_dbw_hz=eirp)
    at_zenith = eirp + 60.0 - 10 * math.log10(4 * math.pi * 550e3**2)
    assert float(check.pfd_dbw_m2[0, 1]) == pytest.approx(at_zenith)
    result = check.as_dict()
    assert result["complies"] is False and result["samples_exceeding"] == 3
    worst = result["worst"]
    # at 30° the limit is -116 as at 90°, and the range longer: the zenith is the worst
    assert worst["at"] == "2026-03-01T00:01:00Z" and worst["limit_dbw_m2"] == -116.0
    assert worst["excess_db"] == pytest.approx(at_zenith + 116.0, abs=1e-4)
    low = ngso.ngso_pfd(angles, beam="B", frequency_hz=11.2e9, eirp_density_dbw_hz=-80.0)
    assert low.as_dict()["complies"] is True and low.as_dict()["worst"]["excess_db"] == 0.0
    with pytest.raises(InvalidInput, match="no Table 21-4 limit encoded for ngso"):
        ngso.ngso_pfd(angles, beam="B", frequency_hz=18e9, eirp_density_dbw_hz=-80.0)


def test_a_gso_network_has_no_passes() -> None:
    with pytest.raises(InvalidInput, match="geostationary"):
        ngso.satellites_of(parse_network(network_document()))


def test_a_tle_plane_is_propagated_by_sgp4() -> None:
    reference = Path(__file__).parents[1] / "reference" / "space" / "sgp4_verification.txt"
    lines = reference.read_text().splitlines()
    at = lines.index("tle", lines.index("tle") + 1)  # the second satellite: 06251
    document = ngso_document(planes=[
        {"satellites": 1, "tle": [["DELTA 1 DEB", lines[at + 1], lines[at + 2]]]},
        {"altitude_km": 550.0, "inclination_deg": 53.0, "satellites": 2},
    ])  # fmt: skip
    satellites = ngso.satellites_of(parse_network(document))
    assert [s.name for s in satellites] == ["DELTA 1 DEB (06251)", "P2-S1", "P2-S2"]
    tle = satellites[0].tle
    assert tle is not None
    # 120 minutes after epoch (a row of the verification file), Earth-fixed by GMST
    moment = tle.epoch + timedelta(minutes=120)
    expected_teme = np.array([float(x) for x in lines[at + 4].split()[1:4]])
    _, ecef = orbits.positions(satellites, [moment])
    whole, fraction = orbits.julian_date([moment])
    theta = float(orbits.gmst_rad(whole, fraction)[0])
    rotation = np.array([[math.cos(theta), math.sin(theta), 0.0],
                         [-math.sin(theta), math.cos(theta), 0.0], [0.0, 0.0, 1.0]])  # fmt: skip
    assert np.allclose(ecef[0, 0], rotation @ expected_teme, atol=1e-5)
    assert np.linalg.norm(ecef[1, 0]) == pytest.approx(R + 550.0)
