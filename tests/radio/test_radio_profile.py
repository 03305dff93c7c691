"""The profile over the effective Earth (openitu.radio.profile) against the geometry's own
invariants: no bulge at the ends, symmetric, D² / (8 a_e) at mid-path, a steeper
refractivity lapse rate (larger ΔN) giving a larger k50 and a flatter Earth, and the
clearance as the smallest height of the line between the antennas above terrain + bulge."""

from __future__ import annotations

import numpy as np
import pytest

from openitu.errors import InvalidInput
from openitu.radio import profile


def test_the_bulge_vanishes_at_the_ends_and_is_symmetric() -> None:
    d_km = np.linspace(0.0, 87.3, 201)
    bulge = profile.earth_bulge_m(d_km, effective_radius_km=8500.0)
    assert bulge[0] == 0.0 and bulge[-1] == 0.0
    np.testing.assert_allclose(bulge, bulge[::-1], rtol=1e-12, atol=1e-12)
    assert np.all(bulge[1:-1] > 0.0)


@pytest.mark.parametrize(
    ("length_km", "radius_km"), [(10.0, 8500.0), (87.3, 6371.0), (300.0, 19113.0)]
)
def test_the_bulge_peaks_at_mid_path(length_km: float, radius_km: float) -> None:
    d_km = np.linspace(0.0, length_km, 101)  # an odd count: the middle is a point
    bulge = profile.earth_bulge_m(d_km, effective_radius_km=radius_km)
    assert int(np.argmax(bulge)) == 50
    assert bulge[50] == pytest.approx(length_km**2 / (8.0 * radius_km) * 1000.0, rel=1e-12)


def test_a_larger_lapse_rate_flattens_the_earth() -> None:
    dn = np.array([20.0, 40.0, 60.0, 100.0])
    k50 = profile.median_k_factor(dn)
    radius = profile.effective_radius_km(k50)
    assert np.all(np.diff(k50) > 0.0) and np.all(np.diff(radius) > 0.0)
    d_km = np.linspace(0.0, 50.0, 11)
    bulges = profile.earth_bulge_m(np.broadcast_to(d_km, (4, 11)), effective_radius_km=radius)
    assert np.all(np.diff(bulges[:, 5]) < 0.0)
    # The vectorised call is the per-case call, case by case.
    for row, one in zip(bulges, radius, strict=True):
        np.testing.assert_array_equal(row, profile.earth_bulge_m(d_km, effective_radius_km=one))


def test_the_standard_atmosphere_gives_about_8500_km() -> None:
    # ΔN = 40 N-units/km: k50 = 157/117 ≈ 4/3, a_e ≈ 8500 km (P.452-18 eq. (6a)), to the
    # three figures to which "4/3" and "8500" are written.
    k50 = float(profile.median_k_factor(40.0))
    assert k50 == pytest.approx(4.0 / 3.0, rel=0.01)
    assert float(profile.effective_radius_km(k50)) == pytest.approx(8500.0, rel=0.01)
    assert float(profile.effective_radius_km(profile.MEDIAN_K)) == pytest.approx(6371.0 * 4.0 / 3.0)


def test_the_clearance_is_the_smallest_margin_above_terrain_and_bulge() -> None:
    d_km = np.linspace(0.0, 40.0, 81)
    h_m = 200.0 + 60.0 * np.exp(-(((d_km - 28.0) / 3.0) ** 2))
    seen = profile.path_clearance(
        d_km, h_m, tx_height_m=30.0, rx_height_m=10.0, effective_radius_km=8500.0
    )
    line = (h_m[0] + 30.0) + ((h_m[-1] + 10.0) - (h_m[0] + 30.0)) * d_km / 40.0
    np.testing.assert_allclose(seen.line_m, line, rtol=1e-12)
    margin = line - (h_m + 1000.0 * d_km * (40.0 - d_km) / (2.0 * 8500.0))
    assert float(seen.clearance_m) == pytest.approx(margin.min(), rel=1e-12)
    assert float(seen.at_km) == d_km[np.argmin(margin)]
    assert float(seen.clearance_m) < 0.0  # the hill at 28 km blocks the line
    # Raising both antennas by 100 m raises the line, so the clearance, by 100 m.
    higher = profile.path_clearance(
        d_km, h_m, tx_height_m=130.0, rx_height_m=110.0, effective_radius_km=8500.0
    )
    assert float(higher.clearance_m) == pytest.approx(float(seen.clearance_m) + 100.0)


def test_many_profiles_at_once() -> None:
    d_km = np.stack([np.linspace(0.0, 30.0, 7), np.linspace(0.0, 60.0, 7)])
    h_m = np.array([[100.0, 120, 150, 90, 80, 95, 100], [0.0, 0, 0, 0, 0, 0, 0]])
    seen = profile.path_clearance(
        d_km,
        h_m,
        tx_height_m=np.array([10.0, 50.0]),
        rx_height_m=10.0,
        effective_radius_km=np.array([8500.0, 6371.0]),
    )
    assert seen.clearance_m.shape == (2,) and seen.bulge_m.shape == (2, 7)
    for i, (tx, radius) in enumerate(((10.0, 8500.0), (50.0, 6371.0))):
        one = profile.path_clearance(
            d_km[i], h_m[i], tx_height_m=tx, rx_height_m=10.0, effective_radius_km=radius
        )
        assert float(one.clearance_m) == seen.clearance_m[i]
        assert float(one.at_km) == seen.at_km[i]


def test_bad_inputs_are_named() -> None:
    with pytest.raises(InvalidInput) as lapse:
        profile.median_k_factor(157.0)
    assert lapse.value.field == "dn"
    with pytest.raises(InvalidInput) as radius:
        profile.earth_bulge_m([0.0, 1.0], effective_radius_km=0.0)
    assert radius.value.field == "effective_radius_km"
    with pytest.raises(InvalidInput) as factor:
        profile.effective_radius_km(-1.0)
    assert factor.value.field == "k_factor"
    with pytest.raises(InvalidInput) as shapes:
        profile.path_clearance(
            [0.0, 1.0, 2.0],
            [5.0, 6.0],
            tx_height_m=1.0,
            rx_height_m=1.0,
            effective_radius_km=8500.0,
        )
    assert shapes.value.field == "h_m"
