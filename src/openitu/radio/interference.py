"""Interference arithmetic: received power through a propagation model, C/I, I/N,
aggregate I/N over many interferers, frequency-dependent rejection and pfd.

Frequency-dependent rejection (ITU-R SM.337-6 §2 and Annex 1): the part of an interfering
emission's power that a receiver does not take in,

    FDR(Δf) = 10 log [ ∫ P(f) df / ∫ P(f) |H(f + Δf)|² df ]        (SM.337 eq. (2))

with P the interferer's power spectral density and H the receiver's selectivity, Δf the
separation of their centre frequencies. It splits into the on-tune rejection
OTR = FDR(0), which for flat spectra is ``10 log(B_T/B_R)`` when the transmitter is wider
than the receiver and 0 otherwise, and the off-tune rejection OFR(Δf) = FDR(Δf) - OTR.
Spectra are given as symmetric masks: attenuation [dB] against offset from the centre
[Hz], linear in dB between the points, the last value held beyond the last point (the
floor). Without masks both spectra are flat over their bandwidth with a 300 dB floor, and
FDR reduces to ``10 log(B_T / overlap)`` of the two bands.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Final

import numpy as np
import numpy.typing as npt

from openitu.errors import InvalidInput
from openitu.radio.checks import FloatArray, as_array, check_range
from openitu.radio.noise import power_sum_db
from openitu.radio.propagation import p525

DEFAULT_FLOOR_DB: Final = 300.0
LossModel = Callable[..., npt.ArrayLike]


@dataclass(frozen=True)
class SpectrumMask:
    """A symmetric spectrum mask: attenuation [dB] at offsets [Hz] from the centre."""

    offsets_hz: tuple[float, ...]
    attenuation_db: tuple[float, ...]
    name: str = field(default="mask", compare=False)

    def __post_init__(self) -> None:
        offsets = np.asarray(self.offsets_hz, dtype=np.float64)
        attenuation = np.asarray(self.attenuation_db, dtype=np.float64)
        if offsets.ndim != 1 or offsets.size < 2 or offsets.shape != attenuation.shape:
            raise InvalidInput("mask", "needs at least two (offset_hz, attenuation_db) points")
        if offsets[0] != 0.0 or np.any(np.diff(offsets) <= 0):
            raise InvalidInput("mask", "offsets must start at 0 Hz and increase")
        if not (np.all(np.isfinite(attenuation)) and np.all(attenuation >= 0)):
            raise InvalidInput("mask", "attenuations must be finite and >= 0 dB")

    @classmethod
    def rectangular(cls, bandwidth_hz: float, floor_db: float = DEFAULT_FLOOR_DB) -> SpectrumMask:
        """Flat over the bandwidth, ``floor_db`` outside it."""
        if not bandwidth_hz > 0:
            raise InvalidInput("bandwidth_hz", "must be > 0 Hz")
        half = bandwidth_hz / 2.0
        edge = half * 1e-9
        return cls((0.0, half, half + edge), (0.0, 0.0, floor_db), name="rectangular")

    def attenuation_at(self, offset_hz: FloatArray) -> FloatArray:
        """Attenuation [dB] at the given offsets (either side of the centre)."""
        return np.asarray(np.interp(np.abs(offset_hz), self.offsets_hz, self.attenuation_db))

    @property
    def extent_hz(self) -> float:
        return float(self.offsets_hz[-1])


def received_power_dbw(
    eirp_dbw: npt.ArrayLike,
    gr_dbi: npt.ArrayLike,
    f_mhz: npt.ArrayLike,
    d_km: npt.ArrayLike,
    *,
    model: LossModel | None = None,
    other_losses_db: npt.ArrayLike = 0.0,
) -> FloatArray:
    """Received power ``P_r = e.i.r.p. + G_r - L_b - L_other`` [dBW].

    ``L_b`` is the basic transmission loss of ``model`` called as
    ``model(f_mhz=..., d_km=...)`` (free space, P.525-4, when None). A P.452 or P.1546
    model, or any other, plugs in as such a callable (``functools.partial`` binds the rest
    of its inputs).
    """
    eirp = as_array(eirp_dbw, "eirp_dbw")
    gr = as_array(gr_dbi, "gr_dbi")
    other = as_array(other_losses_db, "other_losses_db")
    if model is None:
        loss = p525.free_space_loss_db(f_mhz, d_km)
    else:
        loss = np.asarray(model(f_mhz=f_mhz, d_km=d_km), dtype=np.float64)
    return np.asarray(eirp + gr - loss - other)


def c_over_i_db(c_dbw: npt.ArrayLike, i_dbw: npt.ArrayLike) -> FloatArray:
    """Carrier-to-interference ratio C/I [dB]."""
    return np.asarray(as_array(c_dbw, "c_dbw") - as_array(i_dbw, "i_dbw"))


def i_over_n_db(i_dbw: npt.ArrayLike, n_dbw: npt.ArrayLike) -> FloatArray:
    """Interference-to-noise ratio I/N [dB]."""
    return np.asarray(as_array(i_dbw, "i_dbw") - as_array(n_dbw, "n_dbw"))


def aggregate_i_over_n_db(
    i_dbw: npt.ArrayLike, n_dbw: npt.ArrayLike, *, axis: int = -1
) -> FloatArray:
    """Aggregate I/N of many interferers: their powers summed in linear, over ``axis``."""
    i = as_array(i_dbw, "i_dbw") if np.size(i_dbw) else np.asarray(i_dbw, dtype=np.float64)
    if i.size == 0:
        raise InvalidInput("i_dbw", "needs at least one interferer")
    return np.asarray(power_sum_db(i, axis=axis) - as_array(n_dbw, "n_dbw"))


def on_tune_rejection_db(
    tx_bandwidth_hz: npt.ArrayLike, rx_bandwidth_hz: npt.ArrayLike
) -> FloatArray:
    """OTR for flat spectra: ``10 log(B_T/B_R)`` when B_T > B_R, else 0 (SM.337 Annex 1)."""
    bt = as_array(tx_bandwidth_hz, "tx_bandwidth_hz")
    br = as_array(rx_bandwidth_hz, "rx_bandwidth_hz")
    check_range(bt, "tx_bandwidth_hz", 0.0, unit="Hz", low_inclusive=False)
    check_range(br, "rx_bandwidth_hz", 0.0, unit="Hz", low_inclusive=False)
    return np.asarray(np.maximum(10.0 * np.log10(bt / br), 0.0))


def frequency_dependent_rejection_db(
    delta_f_hz: npt.ArrayLike,
    *,
    tx_bandwidth_hz: float | None = None,
    rx_bandwidth_hz: float | None = None,
    tx_mask: SpectrumMask | None = None,
    rx_mask: SpectrumMask | None = None,
    points: int = 4001,
) -> FloatArray:
    """FDR(Δf) [dB], SM.337-6 eq. (2), by numerical integration of the masks.

    Give each side either a bandwidth (a flat spectrum) or a mask. The integral runs over
    the transmitter mask's extent on ``points`` points (trapezoid rule); separations are
    broadcast (one integral per Δf, vectorised).
    """
    tx = tx_mask or _flat_mask(tx_bandwidth_hz, "tx_bandwidth_hz")
    rx = rx_mask or _flat_mask(rx_bandwidth_hz, "rx_bandwidth_hz")
    delta = as_array(delta_f_hz, "delta_f_hz")
    # Integrate where the transmitter radiates: out to its floor, sampled finely enough to
    # resolve the narrower of the two passbands.
    tx_extent = tx.extent_hz
    f = np.linspace(-tx_extent, tx_extent, points)
    finer = np.linspace(-min(tx_extent, rx.extent_hz), min(tx_extent, rx.extent_hz), points)
    f = np.union1d(f, finer)
    p_lin = 10.0 ** (-tx.attenuation_at(f) / 10.0)
    total = np.trapezoid(p_lin, f)
    shifted = f[None, :] + delta.reshape(-1, 1)
    h_lin = 10.0 ** (-rx.attenuation_at(shifted) / 10.0)
    taken = np.trapezoid(p_lin[None, :] * h_lin, f, axis=1)
    with np.errstate(divide="ignore"):
        fdr = 10.0 * np.log10(total / taken)
    return np.asarray(fdr.reshape(delta.shape))


def _flat_mask(bandwidth_hz: float | None, field_name: str) -> SpectrumMask:
    if bandwidth_hz is None:
        raise InvalidInput(field_name, "give a bandwidth or a spectrum mask")
    if not (isinstance(bandwidth_hz, int | float) and bandwidth_hz > 0):
        raise InvalidInput(field_name, "must be > 0 Hz")
    return SpectrumMask.rectangular(float(bandwidth_hz))


def pfd_at_distance_dbw_m2(
    eirp_dbw: npt.ArrayLike, d_km: npt.ArrayLike, other_losses_db: npt.ArrayLike = 0.0
) -> FloatArray:
    """pfd at a distance in free space, less other losses (gas, rain ...) [dB(W/m²)]."""
    return np.asarray(
        p525.pfd_dbw_m2(eirp_dbw, d_km) - as_array(other_losses_db, "other_losses_db")
    )


def masks_from_points(points: Sequence[tuple[float, float]], name: str = "mask") -> SpectrumMask:
    """A `SpectrumMask` from ``[(offset_hz, attenuation_db), ...]``."""
    return SpectrumMask(tuple(p[0] for p in points), tuple(p[1] for p in points), name=name)
