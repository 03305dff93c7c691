"""Reference radiation patterns: hand-worked values, peak and envelope invariants."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from openitu.errors import InvalidInput
from openitu.radio import antennas
from openitu.radio.antennas import (
    antenna_gain_dbi,
    f699_gain_dbi,
    f1245_gain_dbi,
    omni_gain_dbi,
    s465_gain_dbi,
    s580_gain_dbi,
    s1528_gain_dbi,
)

C = 299_792_458.0


def _diameter_for(d_over_lambda: float, f_mhz: float) -> float:
    return d_over_lambda * C / (f_mhz * 1e6)


def test_f699_large_antenna_worked_by_hand() -> None:
    # F.699-8 recommends 2.1 with D/λ = 200 at 38 GHz, G_max = 20 log 200 + 7.7 (Note).
    f = 38_000.0
    d = _diameter_for(200.0, f)
    gmax = 20 * math.log10(200) + 7.7
    g1 = 2 + 15 * math.log10(200)
    phi = np.array([0.0, 0.3, 0.5, 10.0, 60.0])
    gain = f699_gain_dbi(phi, f, d_m=d)
    expected = [gmax, gmax - 2.5e-3 * (200 * 0.3) ** 2, g1, 32 - 25 * math.log10(10), -10.0]
    assert gain == pytest.approx(expected, abs=1e-9)


def test_f699_small_antenna_worked_by_hand() -> None:
    # recommends 2.2, D/λ = 50: G1 to 100 λ/D = 2°, then 52 - 10 log(D/λ) - 25 log φ; beyond
    # 48°, 10 - 10 log(D/λ).
    f = 15_000.0
    d = _diameter_for(50.0, f)
    gain = f699_gain_dbi(np.array([1.9, 20.0, 90.0]), f, d_m=d)
    expected = [
        2 + 15 * math.log10(50),
        52 - 10 * math.log10(50) - 25 * math.log10(20),
        10 - 10 * math.log10(50),
    ]
    assert gain == pytest.approx(expected, abs=1e-9)


def test_f699_below_1_ghz_worked_by_hand() -> None:
    # recommends 2.3, D/λ = 4 at 600 MHz: φ_s = 144.5 · 4^-0.2; beyond, -2 - 5 log(D/λ).
    gain = f699_gain_dbi(np.array([179.0]), 600.0, d_m=_diameter_for(4.0, 600.0))
    assert float(gain[0]) == pytest.approx(-2 - 5 * math.log10(4), abs=1e-9)


def test_f1245_worked_by_hand() -> None:
    f = 38_000.0
    d = _diameter_for(200.0, f)
    gain = f1245_gain_dbi(np.array([10.0, 100.0]), f, d_m=d)
    assert gain == pytest.approx([29 - 25, -13.0], abs=1e-9)
    d_small = _diameter_for(50.0, f)
    gain = f1245_gain_dbi(np.array([20.0, 100.0]), f, d_m=d_small)
    assert gain == pytest.approx(
        [39 - 5 * math.log10(50) - 25 * math.log10(20), -3 - 5 * math.log10(50)], abs=1e-9
    )


def test_s465_worked_by_hand() -> None:
    # D/λ = 100 at 12 GHz: φ_min = max(1°, 100 λ/D) = 1°; 32 - 25 log φ to 48°, then -10.
    d = _diameter_for(100.0, 12_000.0)
    gain = s465_gain_dbi(np.array([1.0, 10.0, 47.0, 48.0, 180.0]), 12_000.0, d_m=d)
    assert gain == pytest.approx([32.0, 7.0, 32 - 25 * math.log10(47), -10, -10], abs=1e-9)
    # D/λ = 20 < 50: φ_min = max(2°, 114 · 20^-1.09).
    d20 = _diameter_for(20.0, 12_000.0)
    phi_min = max(2.0, 114 * 20**-1.09)
    g = s465_gain_dbi(phi_min, 12_000.0, d_m=d20)
    assert float(g) == pytest.approx(32 - 25 * math.log10(phi_min), abs=1e-9)


def test_s580_worked_by_hand() -> None:
    d = _diameter_for(150.0, 14_000.0)
    gain = s580_gain_dbi(np.array([2.0, 21.0, 25.0, 30.0, 100.0]), 14_000.0, d_m=d)
    assert gain == pytest.approx(
        [29 - 25 * math.log10(2), -3.5, -3.5, 32 - 25 * math.log10(30), -10], abs=1e-9
    )
    with pytest.raises(InvalidInput) as caught:
        s580_gain_dbi(1.0, 14_000.0, d_m=_diameter_for(30.0, 14_000.0))
    assert caught.value.field == "d_m"


def test_s1528_ln_minus_20_worked_by_hand() -> None:
    # S.1528-0 recommends 1.2, L_N = -20 dB, z = 1: a = 2.58, b = 6.32, α = 1.5.
    gm, psi_b = 40.0, 1.0
    psi = np.array([1.0, 2.0, 5.0, 10.0, 50.0, 100.0])
    x = gm - 20 + 25 * math.log10(6.32)
    expected = [gm - 3, gm - 3 * 2**1.5, gm - 20, x - 25, 0.0, max(15 - 20 + 0.25 * gm, 0.0)]
    assert s1528_gain_dbi(psi, gm, psi_b) == pytest.approx(expected, abs=1e-9)


def test_omni_and_dispatch() -> None:
    assert omni_gain_dbi(np.zeros(3), 2.15) == pytest.approx([2.15] * 3)
    direct = s465_gain_dbi(5.0, 12_000.0, d_m=1.2)
    assert float(antenna_gain_dbi("S.465", 5.0, f_mhz=12_000.0, d_m=1.2)) == float(direct)
    with pytest.raises(InvalidInput) as caught:
        antenna_gain_dbi("Yagi", 0.0)
    assert caught.value.field == "pattern"


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: f699_gain_dbi(200.0, 10_000.0, d_m=1.0), "angle_deg"),
        (lambda: f699_gain_dbi(1.0, 90_000.0, d_m=1.0), "f_mhz"),
        (lambda: f1245_gain_dbi(1.0, 500.0, d_m=1.0), "f_mhz"),
        (lambda: s465_gain_dbi(1.0, 40_000.0, d_m=1.0), "f_mhz"),
        (lambda: s1528_gain_dbi(1.0, 40.0, 1.0, ln_db=-10), "ln_db"),
        (lambda: f699_gain_dbi(1.0, 10_000.0), "d_m"),
        (lambda: f699_gain_dbi(1.0, 10_000.0, d_m=1.0, gmax_dbi=0.0), "gmax_dbi"),
    ],
)
def test_out_of_range_inputs_name_the_field(call: object, field: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        call()  # type: ignore[operator]
    assert caught.value.field == field


PHI = np.concatenate([np.linspace(0.0, 5.0, 2001), np.linspace(5.0, 180.0, 3501)])


@settings(max_examples=60, deadline=None)
@given(
    pattern=st.sampled_from(["F.699", "F.1245", "S.465", "S.580"]),
    d_over_lambda=st.floats(3.0, 2000.0),
    f_mhz=st.floats(2000.0, 31_000.0),
)
def test_peak_at_boresight_never_exceeded_and_envelope_non_increasing(
    pattern: str, d_over_lambda: float, f_mhz: float
) -> None:
    if pattern == "S.580":
        d_over_lambda = max(d_over_lambda, 50.5)
    d = _diameter_for(d_over_lambda, f_mhz)
    gain = antenna_gain_dbi(pattern, PHI, f_mhz=f_mhz, d_m=d)
    assert gain[0] == gain.max()
    assert np.all(gain <= gain[0] + 1e-12)
    # Non-increasing, up to the Recommendations' own rounding at segment joints:
    # 32 - 25 log 48 = -10.03 meets the -10 dBi floor, 29 - 25 log 20 = -3.53 meets -3.5.
    assert np.all(np.diff(gain) <= 0.035)
    # Symmetric in the sign of the angle.
    assert np.array_equal(antenna_gain_dbi(pattern, -PHI, f_mhz=f_mhz, d_m=d), gain)


@settings(max_examples=60, deadline=None)
@given(
    gm=st.floats(30.0, 60.0),  # G_m + L_N >= L_F, as the pattern assumes
    psi_b=st.floats(0.1, 5.0),
    ln=st.sampled_from([-15.0, -20.0, -25.0, -30.0]),
)
def test_s1528_peak_and_envelope_to_90_degrees(gm: float, psi_b: float, ln: float) -> None:
    psi = np.linspace(0.0, 180.0, 9001)
    gain = s1528_gain_dbi(psi, gm, psi_b, ln_db=ln)
    assert gain[0] == pytest.approx(gm)
    assert np.all(gain <= gm)
    up_to_90 = gain[psi <= 90.0]
    assert np.all(np.diff(up_to_90) <= 1e-9)


def test_gain_relations_invert() -> None:
    dl = np.array([10.0, 100.0, 1000.0])
    assert antennas.fixed_d_over_lambda(antennas.fixed_peak_gain_dbi(dl)) == pytest.approx(dl)
    g = antennas.aperture_gain_dbi(dl, 0.65)
    assert antennas.aperture_d_over_lambda(g, 0.65) == pytest.approx(dl)
    assert float(antennas.aperture_gain_dbi(100.0, 1.0)) == pytest.approx(
        20 * math.log10(math.pi * 100)
    )


@pytest.mark.parametrize("pattern", ["F.699", "F.1245", "S.465", "S.580"])
@pytest.mark.parametrize("d_m", [1e-300, 1e300])
def test_a_diameter_outside_any_dish_is_refused_naming_d_m(pattern: str, d_m: float) -> None:
    # D/λ of 0 or infinity gave NaN gains, answered as null (issue 17).
    with pytest.raises(InvalidInput) as caught:
        antennas.antenna_gain_dbi(pattern, [2.0], f_mhz=14000.0, d_m=d_m)
    assert caught.value.field == "d_m" and "[0.001, 1000] m" in caught.value.reason


@pytest.mark.parametrize("pattern", ["F.699", "S.465", "S.1528", "omni"])
def test_a_gain_beyond_any_antenna_is_refused(pattern: str) -> None:
    field = "gain_dbi" if pattern == "omni" else "gmax_dbi"
    parameters: dict[str, object] = {field: 1e300}
    if pattern != "omni":
        parameters.update(
            {"half_beamwidth_deg": 2.0} if pattern == "S.1528" else {"f_mhz": 14000.0}
        )
    with pytest.raises(InvalidInput) as caught:
        antennas.antenna_gain_dbi(pattern, [2.0], **parameters)
    assert caught.value.field == field and "[-100, 100] dBi" in caught.value.reason
