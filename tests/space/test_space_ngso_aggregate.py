"""A constellation's pfd at a place summed over its visible satellites, and the beams'
gain contours (ITU-R S.1528-0 about the boresight) that shape each satellite's pfd."""

from __future__ import annotations

import math
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from openitu.errors import InvalidInput
from openitu.radio import antennas
from openitu.space import geometry, ngso, orbits
from openitu.space.networks import parse_network

sys.path.insert(0, str(Path(__file__).parent))
from space_documents import network_document, ngso_document

T0 = datetime(2026, 3, 1, tzinfo=UTC)
R = geometry.EARTH_RADIUS_KM


def _angles(elevation: np.ndarray, ranges: np.ndarray) -> ngso.LookAngles:
    times = [T0 + timedelta(minutes=i) for i in range(elevation.shape[1])]
    names = [f"S{i}" for i in range(elevation.shape[0])]
    return ngso.LookAngles(times, names, elevation, np.zeros_like(elevation), ranges)


def _sum_by_loop(levels: np.ndarray) -> list[float]:
    """The power sum written out time by time, satellite by satellite."""
    totals = []
    for column in range(levels.shape[1]):
        watts = 0.0
        seen = False
        for row in range(levels.shape[0]):
            value = float(levels[row, column])
            if not math.isnan(value):
                watts += 10.0 ** (value / 10.0)
                seen = True
        totals.append(10.0 * math.log10(watts) if seen else math.nan)
    return totals


def test_the_sum_is_at_least_the_strongest_satellite_and_matches_a_loop() -> None:
    rng = np.random.default_rng(16)
    levels = rng.uniform(-140.0, -110.0, (40, 60))
    levels[rng.random(levels.shape) < 0.6] = np.nan
    levels[:, 7] = np.nan  # nobody visible at one time
    levels[:, 8] = np.nan
    levels[3, 8] = -120.0  # exactly one visible at another
    limits = rng.uniform(-126.0, -116.0, levels.shape)
    total = ngso.aggregate_pfd(levels, limits)
    assert np.allclose(total.total_dbw_m2, _sum_by_loop(levels), equal_nan=True)
    seen = np.isfinite(total.total_dbw_m2)
    assert np.all(total.total_dbw_m2[seen] >= total.strongest_dbw_m2[seen] - 1e-12)
    assert np.array_equal(np.nanmax(np.where(np.isfinite(levels), levels, np.nan)[:, seen],
                                    axis=0), total.strongest_dbw_m2[seen])  # fmt: skip
    assert np.isnan(total.total_dbw_m2[7]) and total.visible[7] == 0
    assert total.total_dbw_m2[8] == pytest.approx(-120.0) and total.visible[8] == 1
    assert np.array_equal(total.visible, np.count_nonzero(np.isfinite(levels), axis=0))
    # the screen limit is the strictest among those then visible
    expected = [np.min(limits[np.isfinite(levels[:, c]), c]) if seen[c] else np.nan
                for c in range(levels.shape[1])]  # fmt: skip
    assert np.allclose(total.strictest_limit_dbw_m2, expected, equal_nan=True)


@pytest.mark.parametrize("count", [1, 2, 10, 648])
def test_n_identical_co_located_satellites_add_10_log_n(count: int) -> None:
    elevation = np.tile([[-5.0, 30.0, 60.0, 90.0]], (count, 1))
    ranges = np.tile([[2500.0, 1000.0, 630.0, 550.0]], (count, 1))
    check = ngso.ngso_pfd(_angles(elevation, ranges), beam="B", frequency_hz=11.2e9,
                          eirp_density_dbw_hz=-40.0)  # fmt: skip
    total = check.aggregate()
    single = check.pfd_dbw_m2[0]
    assert np.isnan(total.total_dbw_m2[0]) and total.visible[0] == 0
    assert np.allclose(total.total_dbw_m2[1:] - single[1:], 10.0 * math.log10(count))
    assert np.array_equal(total.visible[1:], [count] * 3)
    summary = check.as_dict()["aggregate"]
    assert summary["max_visible"] == count and summary["visible_then"] == count
    assert summary["max_dbw_m2"] == pytest.approx(float(np.nanmax(single)) +
                                                  10 * math.log10(count), abs=1e-4)  # fmt: skip


def test_a_real_constellation_summed_over_a_day() -> None:
    network = parse_network(ngso_document())
    angles = ngso.track(ngso.satellites_of(network), lat_deg=48.85, lon_deg=2.35, start=T0,
                        hours=24.0, step_s=60.0)  # fmt: skip
    check = ngso.ngso_pfd(angles, beam="B", frequency_hz=11.2e9, eirp_density_dbw_hz=-45.0)
    total = check.aggregate()
    assert np.array_equal(total.visible, np.count_nonzero(angles.elevation_deg >= 0.0, axis=0))
    assert total.visible.max() >= 2  # times with several satellites up: a real sum
    seen = total.visible > 0
    assert np.all(total.total_dbw_m2[seen] >= np.nanmax(check.pfd_dbw_m2[:, seen], axis=0))
    several = total.visible >= 2
    assert np.all(total.total_dbw_m2[several] > total.strongest_dbw_m2[several])
    assert np.allclose(total.total_dbw_m2, _sum_by_loop(check.pfd_dbw_m2), equal_nan=True)


def test_off_nadir_and_gso_off_axis_angles_by_hand() -> None:
    # A satellite at height h over (0°, 0°) and a place at central angle θ on the equator:
    # the angle at the satellite between the nadir and the place, from the vectors.
    h = 1200.0
    satellite = np.array([R + h, 0.0, 0.0])
    for theta in (0.0, 3.0, 12.0, 25.0, math.degrees(math.acos(R / (R + h)))):
        place = R * np.array([math.cos(math.radians(theta)), math.sin(math.radians(theta)), 0.0])
        sight = place - satellite
        cosine = float(-satellite @ sight) / float(
            np.linalg.norm(satellite) * np.linalg.norm(sight)
        )
        by_vectors = math.degrees(math.acos(cosine))
        elevation, _, distance = ngso.look_angles(satellite, 0.0, theta)
        off_nadir = float(geometry.off_nadir_deg(elevation, distance))
        assert off_nadir == pytest.approx(by_vectors, abs=1e-6)
    # GSO: towards its own sub-satellite point 0°; towards the Earth's limb asin(R / r).
    assert float(geometry.satellite_off_axis_deg(20.0, 0.0, 20.0, 0.0, 20.0)) == pytest.approx(0.0)
    limb = math.degrees(math.acos(R / geometry.GSO_RADIUS_KM))
    edge = float(geometry.satellite_off_axis_deg(20.0, 0.0, 20.0, 0.0, 20.0 + limb))
    assert edge == pytest.approx(math.degrees(math.asin(R / geometry.GSO_RADIUS_KM)))


def test_a_beam_pattern_shapes_the_pfd_by_its_gain_contours() -> None:
    # One satellite at 550 km, seen from places ever further from its nadir.
    h = 550.0
    satellite = np.array([R + h, 0.0, 0.0])
    thetas = [0.0, 1.0, 2.0, 4.0, 8.0, 15.0]
    elevation, ranges = [], []
    for theta in thetas:
        e, _, d = ngso.look_angles(satellite, 0.0, theta)
        elevation.append(float(e))
        ranges.append(float(d))
    angles = _angles(np.array([elevation]), np.array([ranges]))
    peak, half = 35.0, 2.0
    flat = ngso.ngso_pfd(angles, beam="B", frequency_hz=11.2e9, eirp_density_dbw_hz=-40.0)
    shaped = ngso.ngso_pfd(angles, beam="B", frequency_hz=11.2e9, eirp_density_dbw_hz=-40.0,
                           half_beamwidth_deg=half, peak_gain_dbi=peak)  # fmt: skip
    psi = geometry.off_nadir_deg(np.array(elevation), np.array(ranges))
    expected = antennas.s1528_gain_dbi(psi, peak, half) - peak
    assert np.allclose(shaped.pfd_dbw_m2[0] - flat.pfd_dbw_m2[0], expected)
    assert shaped.pfd_dbw_m2[0, 0] == pytest.approx(flat.pfd_dbw_m2[0, 0])  # at the nadir
    assert np.all(np.diff(shaped.pfd_dbw_m2[0] - flat.pfd_dbw_m2[0]) <= 1e-12)
    assert shaped.as_dict()["pattern"].startswith("ITU-R S.1528-0")
    assert flat.as_dict()["pattern"].startswith("none filed")


def test_beam_pattern_fields_are_validated_and_kept() -> None:
    document = network_document()
    document["beams"][1] |= {"half_beamwidth_deg": 1.5, "near_in_sidelobe_db": -25,
                             "boresight_lat_deg": 45.0, "boresight_lon_deg": 5.0}  # fmt: skip
    network = parse_network(document)
    down = network.beams[1]
    assert (down.half_beamwidth_deg, down.near_in_sidelobe_db) == (1.5, -25.0)
    assert parse_network(network.as_dict()) == network
    assert "half_beamwidth_deg" not in parse_network(network_document()).as_dict()["beams"][1]
    cases = [
        ({"half_beamwidth_deg": 0.0}, "beams[1].half_beamwidth_deg"),
        ({"half_beamwidth_deg": 1.0, "near_in_sidelobe_db": -18}, "beams[1].near_in_sidelobe_db"),
        ({"near_in_sidelobe_db": -20}, "beams[1].half_beamwidth_deg"),
        ({"boresight_lat_deg": 10.0}, "beams[1].boresight_lon_deg"),
        ({"boresight_lat_deg": 10.0, "boresight_lon_deg": 200.0}, "beams[1].boresight_lon_deg"),
    ]
    for fields, path in cases:
        bad = network_document()
        bad["beams"][1] |= fields
        with pytest.raises(InvalidInput) as caught:
            parse_network(bad)
        assert caught.value.field == path
    leo = ngso_document()
    leo["beams"][1] |= {"boresight_lat_deg": 10.0, "boresight_lon_deg": 10.0}
    with pytest.raises(InvalidInput, match="nadir") as caught:
        parse_network(leo)
    assert caught.value.field == "beams[1].boresight_lat_deg"


def test_a_network_with_a_pattern_is_summed_per_beam() -> None:
    document = ngso_document()
    document["beams"][1] |= {"half_beamwidth_deg": 3.0}
    network = parse_network(document)
    angles = ngso.track(ngso.satellites_of(network), lat_deg=48.85, lon_deg=2.35, start=T0,
                        hours=6.0, step_s=60.0)  # fmt: skip
    (shaped,) = ngso.network_pfd(network, angles)
    (flat,) = ngso.network_pfd(parse_network(ngso_document()), angles)
    assert shaped["pattern"].startswith("ITU-R S.1528-0") and "nadir" in shaped["pattern"]
    assert shaped["aggregate"]["max_dbw_m2"] < flat["aggregate"]["max_dbw_m2"]
    assert shaped["worst"]["pfd_dbw_m2"] <= flat["worst"]["pfd_dbw_m2"]
    assert orbits.EARTH_RADIUS_KM == R  # the two modules share one Earth
