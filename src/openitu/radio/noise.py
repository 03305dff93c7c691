"""Thermal noise and decibel helpers.

kTB noise power, noise temperature <-> noise figure (reference temperature T0 = 290 K,
ITU-R P.372 and IEEE definition), and power sums in the linear domain.
"""

from __future__ import annotations

import math
from typing import Final

import numpy as np
import numpy.typing as npt

from openitu.radio.checks import FloatArray, as_array, checked
from openitu.units import db_to_linear, linear_to_db

BOLTZMANN_J_K: Final = 1.380649e-23  # exact (SI 2019)
REFERENCE_TEMPERATURE_K: Final = 290.0
# 10 log10(k) = -228.60 dB(W/(K·Hz)).
BOLTZMANN_DB: Final = 10.0 * math.log10(BOLTZMANN_J_K)


def thermal_noise_dbw(t_k: npt.ArrayLike, b_hz: npt.ArrayLike) -> FloatArray:
    """Thermal noise power ``N = k T B``.

    Parameters
    ----------
    t_k : array_like
        Noise temperature [K], > 0.
    b_hz : array_like
        Bandwidth [Hz], > 0.

    Returns
    -------
    ndarray
        N [dBW].
    """
    t = checked(t_k, "t_k", 0.0, unit="K", low_inclusive=False)
    b = checked(b_hz, "b_hz", 0.0, unit="Hz", low_inclusive=False)
    return np.asarray(BOLTZMANN_DB + 10.0 * np.log10(t) + 10.0 * np.log10(b))


def noise_temperature_k(
    nf_db: npt.ArrayLike, t0_k: npt.ArrayLike = REFERENCE_TEMPERATURE_K
) -> FloatArray:
    """Equivalent noise temperature of a noise figure: ``T = T0 (10^(F/10) - 1)`` [K].

    Parameters
    ----------
    nf_db : array_like
        Noise figure [dB], >= 0.
    t0_k : array_like
        Reference temperature [K] (290 K).
    """
    f = checked(nf_db, "nf_db", 0.0, unit="dB")
    t0 = checked(t0_k, "t0_k", 0.0, unit="K", low_inclusive=False)
    return np.asarray(t0 * (db_to_linear(f) - 1.0))


def noise_figure_db(
    t_k: npt.ArrayLike, t0_k: npt.ArrayLike = REFERENCE_TEMPERATURE_K
) -> FloatArray:
    """Noise figure of a noise temperature: ``F = 10 log(1 + T/T0)`` [dB], the inverse of
    `noise_temperature_k` (t_k, the noise temperature [K], >= 0; t0_k as there).
    """
    t = checked(t_k, "t_k", 0.0, unit="K")
    t0 = checked(t0_k, "t0_k", 0.0, unit="K", low_inclusive=False)
    return linear_to_db(1.0 + t / t0)


def noise_power_dbw(nf_db: npt.ArrayLike, b_hz: npt.ArrayLike) -> FloatArray:
    """Receiver noise referred to its input: ``k (T0 + T_e) B = k T0 B · F`` [dBW]."""
    f = checked(nf_db, "nf_db", 0.0, unit="dB")
    return np.asarray(thermal_noise_dbw(REFERENCE_TEMPERATURE_K, b_hz) + f)


def dbw_to_dbm(value_dbw: npt.ArrayLike) -> FloatArray:
    """dBW -> dBm (+30)."""
    return np.asarray(as_array(value_dbw, "value_dbw") + 30.0)


def dbm_to_dbw(value_dbm: npt.ArrayLike) -> FloatArray:
    """dBm -> dBW (-30)."""
    return np.asarray(as_array(value_dbm, "value_dbm") - 30.0)


def watts_to_dbw(value_w: npt.ArrayLike) -> FloatArray:
    """W -> dBW; the power must be > 0."""
    w = checked(value_w, "value_w", 0.0, unit="W", low_inclusive=False)
    return linear_to_db(w)


def dbw_to_watts(value_dbw: npt.ArrayLike) -> FloatArray:
    """dBW -> W."""
    return db_to_linear(as_array(value_dbw, "value_dbw"))


def power_sum_db(values_db: npt.ArrayLike, axis: int | None = -1) -> FloatArray:
    """Sum of powers given in dB, added in the linear domain: ``10 log Σ 10^(x/10)``.

    Computed with the largest term factored out so that -300 dB terms and +300 dB terms
    neither underflow nor overflow.
    """
    x = np.asarray(values_db, dtype=np.float64)
    if x.size == 0:
        raise ValueError("power_sum_db needs at least one value")
    peak = np.max(x, axis=axis, keepdims=True)
    # All terms -inf (no power at all) would give -inf - -inf = NaN: factor out 0 instead.
    peak = np.where(np.isfinite(peak), peak, 0.0)
    total = np.sum(np.power(10.0, (x - peak) / 10.0), axis=axis, keepdims=True)
    with np.errstate(divide="ignore"):  # a sum of zero powers is -inf dB, on purpose
        result = peak + 10.0 * np.log10(total)
    if axis is None:
        return np.asarray(result.reshape(()))
    return np.asarray(np.squeeze(result, axis=axis))
