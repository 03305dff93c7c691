"""Interference arithmetic: power sums, C/I, I/N, FDR (SM.337) and pfd."""

from __future__ import annotations

import functools
import math

import numpy as np
import pytest

from openitu.errors import InvalidInput
from openitu.radio import interference as itf
from openitu.radio.propagation import p525


def test_received_power_through_free_space_and_a_plugged_model() -> None:
    free = itf.received_power_dbw(30.0, 10.0, 1000.0, 10.0)
    assert float(free) == pytest.approx(30 + 10 - float(p525.free_space_loss_db(1000.0, 10.0)))

    def flat_earth_extra(*, f_mhz: float, d_km: float, extra_db: float) -> np.ndarray:
        return np.asarray(p525.free_space_loss_db(f_mhz, d_km) + extra_db)

    plugged = itf.received_power_dbw(
        30.0, 10.0, 1000.0, 10.0, model=functools.partial(flat_earth_extra, extra_db=20.0)
    )
    assert float(plugged) == pytest.approx(float(free) - 20.0)


def test_aggregate_i_over_n_sums_powers_in_linear() -> None:
    # Ten equal interferers at I/N = -10 dB each: 10 log 10 = +10 dB more, I/N = 0 dB.
    assert float(itf.aggregate_i_over_n_db(np.full(10, -150.0), -140.0)) == pytest.approx(0.0)
    many = itf.aggregate_i_over_n_db(np.array([[-150.0, -150.0], [-140.0, -200.0]]), -140.0)
    assert many == pytest.approx([-10 + 10 * math.log10(2), 10 * math.log10(1 + 1e-6)], abs=1e-9)
    assert float(itf.c_over_i_db(-100.0, -120.0)) == 20.0
    assert float(itf.i_over_n_db(-150.0, -140.0)) == -10.0
    with pytest.raises(InvalidInput):
        itf.aggregate_i_over_n_db(np.array([]), -140.0)


def test_on_tune_rejection_is_the_bandwidth_ratio() -> None:
    assert float(itf.on_tune_rejection_db(16e3, 8e3)) == pytest.approx(10 * math.log10(2))
    assert float(itf.on_tune_rejection_db(8e3, 16e3)) == 0.0
    fdr0 = itf.frequency_dependent_rejection_db(0.0, tx_bandwidth_hz=16e3, rx_bandwidth_hz=8e3)
    assert float(fdr0) == pytest.approx(10 * math.log10(2), abs=1e-3)


def test_off_tune_rejection_of_flat_spectra_is_the_overlap() -> None:
    # 16 kHz emission, 8 kHz receiver: overlap 7 kHz at 5 kHz, 2 kHz at 10 kHz, none at 20.
    fdr = itf.frequency_dependent_rejection_db(
        np.array([5e3, 10e3, -10e3, 20e3]), tx_bandwidth_hz=16e3, rx_bandwidth_hz=8e3
    )
    assert fdr[:3] == pytest.approx(
        [10 * math.log10(16 / 7), 10 * math.log10(16 / 2), 10 * math.log10(16 / 2)], abs=2e-3
    )
    assert fdr[3] >= 299.0


def test_fdr_with_masks_grows_with_separation() -> None:
    tx = itf.masks_from_points([(0, 0), (8e3, 0), (12e3, 25), (25e3, 60), (50e3, 70)])
    rx = itf.masks_from_points([(0, 0), (4e3, 0), (6e3, 40), (10e3, 80)])
    delta = np.linspace(0, 60e3, 61)
    fdr = itf.frequency_dependent_rejection_db(delta, tx_mask=tx, rx_mask=rx)
    assert np.all(np.diff(fdr) >= -1e-6)
    assert fdr[-1] > 60.0
    with pytest.raises(InvalidInput):
        itf.masks_from_points([(5, 0), (1, 3)])


def test_pfd_at_distance() -> None:
    assert float(itf.pfd_at_distance_dbw_m2(50.0, 36_000.0, 3.0)) == pytest.approx(
        50 - 10 * math.log10(4 * math.pi * 36e6**2) - 3.0
    )
