"""Noise (radio/noise.py): kTB, noise temperature and figure, power sums."""

from __future__ import annotations

import math

import numpy as np
import pytest

from openitu.errors import InvalidInput
from openitu.radio import noise


def test_thermal_noise_ktb() -> None:
    # kT0 = -204.0 dB(W/Hz) at 290 K; in 1 MHz: -144 dBW.
    assert float(noise.thermal_noise_dbw(290.0, 1.0)) == pytest.approx(-203.98, abs=0.01)
    assert float(noise.thermal_noise_dbw(290.0, 1e6)) == pytest.approx(-143.98, abs=0.01)
    assert float(noise.noise_power_dbw(3.0, 1e6)) == pytest.approx(-140.98, abs=0.01)


def test_noise_temperature_and_figure_invert() -> None:
    assert float(noise.noise_temperature_k(3.0)) == pytest.approx(290 * (10**0.3 - 1))
    t = np.array([0.0, 35.0, 290.0, 1000.0])
    assert np.allclose(noise.noise_temperature_k(noise.noise_figure_db(t)), t)
    assert float(noise.noise_figure_db(290.0)) == pytest.approx(10 * math.log10(2))
    with pytest.raises(InvalidInput) as caught:
        noise.noise_figure_db(-1.0)
    assert caught.value.field == "t_k"


def test_power_sum_adds_in_linear_and_survives_extremes() -> None:
    assert float(noise.power_sum_db([0.0, 0.0])) == pytest.approx(10 * math.log10(2))
    assert float(noise.power_sum_db([-400.0, -400.0])) == pytest.approx(-400 + 10 * math.log10(2))
    assert float(noise.power_sum_db([-np.inf, -np.inf])) == -np.inf
    rows = noise.power_sum_db(np.array([[0.0, -10.0], [3.0, 3.0]]), axis=1)
    assert rows.shape == (2,)
    assert rows[1] == pytest.approx(3 + 10 * math.log10(2))
    assert float(noise.dbw_to_dbm(0.0)) == 30.0
    assert float(noise.dbw_to_watts(noise.watts_to_dbw(5.0))) == pytest.approx(5.0)
