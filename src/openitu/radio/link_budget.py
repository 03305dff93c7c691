"""Satellite link budget, vectorised: carrier-to-noise from e.i.r.p., losses and G/T.

::

    L_total = L_fs + A_atm + L_other                                   [dB]
    C/N0    = e.i.r.p. - L_total + G/T - 10 log k                      [dB(Hz)]
    C/N     = C/N0 - 10 log B                                          [dB]
    margin  = C/N - (C/N)_required                                     [dB]

with L_fs the free-space basic loss of Rec. ITU-R P.525-4 over the slant range, A_atm the
atmospheric attenuation exceeded for the chosen percentage of time (P.618 §2.5, worked out
by the caller) and 10 log k = -228.6 dB(W/(K·Hz)). Every input broadcasts against the
others, so one call evaluates a whole grid (percentages of time, carriers, stations).

Up- and downlink differ only in which end transmits: the e.i.r.p. is the transmitting
end's, the G/T the receiving end's. Their carrier-to-noise ratios add as noise powers do
(`combined_cn_db`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from openitu.radio.checks import FloatArray, as_array, broadcast_named, checked
from openitu.radio.noise import BOLTZMANN_DB
from openitu.radio.propagation import p525


@dataclass(frozen=True)
class LinkBudget:
    """Each term of the budget [dB, dBW, dB/K or dB(Hz)], broadcast to the inputs' shape."""

    eirp_dbw: FloatArray
    free_space_loss_db: FloatArray
    atmospheric_loss_db: FloatArray
    other_losses_db: FloatArray
    total_loss_db: FloatArray
    gt_db_k: FloatArray
    c_n0_dbhz: FloatArray
    bandwidth_dbhz: FloatArray
    c_n_db: FloatArray
    required_cn_db: FloatArray
    margin_db: FloatArray


def link_budget(
    *,
    eirp_dbw: npt.ArrayLike,
    f_ghz: npt.ArrayLike,
    d_km: npt.ArrayLike,
    atmospheric_loss_db: npt.ArrayLike,
    gt_db_k: npt.ArrayLike,
    bandwidth_hz: npt.ArrayLike,
    required_cn_db: npt.ArrayLike,
    other_losses_db: npt.ArrayLike = 0.0,
) -> LinkBudget:
    """The budget of one link (or a grid of them).

    Parameters
    ----------
    eirp_dbw : array_like
        e.i.r.p. of the transmitting end towards the other [dBW].
    f_ghz : array_like
        Carrier frequency [GHz], > 0.
    d_km : array_like
        Slant range [km], > 0.
    atmospheric_loss_db : array_like
        Atmospheric attenuation for the percentage of time [dB], >= 0.
    gt_db_k : array_like
        G/T of the receiving end [dB/K].
    bandwidth_hz : array_like
        Noise bandwidth [Hz], > 0.
    required_cn_db : array_like
        C/N the receiver needs [dB].
    other_losses_db : array_like
        Pointing, polarisation, feeder and other losses [dB], >= 0.
    """
    f = checked(f_ghz, "f_ghz", 0.0, unit="GHz", low_inclusive=False)
    d = checked(d_km, "d_km", 0.0, unit="km", low_inclusive=False)
    shape, (eirp, f, d, atmospheric, gt, bandwidth, required, other) = broadcast_named(
        eirp_dbw=as_array(eirp_dbw, "eirp_dbw"),
        f_ghz=f,
        d_km=d,
        atmospheric_loss_db=checked(atmospheric_loss_db, "atmospheric_loss_db", 0.0, unit="dB"),
        gt_db_k=as_array(gt_db_k, "gt_db_k"),
        bandwidth_hz=checked(bandwidth_hz, "bandwidth_hz", 0.0, unit="Hz", low_inclusive=False),
        required_cn_db=as_array(required_cn_db, "required_cn_db"),
        other_losses_db=checked(other_losses_db, "other_losses_db", 0.0, unit="dB"),
    )
    free_space = p525.free_space_loss_db(f * 1e3, d)
    total = free_space + atmospheric + other
    c_n0 = eirp - total + gt - BOLTZMANN_DB
    bandwidth_db = 10.0 * np.log10(bandwidth)
    c_n = c_n0 - bandwidth_db
    terms = {
        "eirp_dbw": eirp,
        "free_space_loss_db": free_space,
        "atmospheric_loss_db": atmospheric,
        "other_losses_db": other,
        "total_loss_db": total,
        "gt_db_k": gt,
        "c_n0_dbhz": c_n0,
        "bandwidth_dbhz": bandwidth_db,
        "c_n_db": c_n,
        "required_cn_db": required,
        "margin_db": c_n - required,
    }
    return LinkBudget(**{name: np.asarray(value).reshape(shape) for name, value in terms.items()})


def combined_cn_db(*cn_db: npt.ArrayLike) -> FloatArray:
    """C/N of links in tandem (uplink then downlink): their noises add, so
    ``(C/N)^-1 = Σ (C/N)_i^-1`` in linear terms [dB]."""
    if not cn_db:
        raise ValueError("give at least one C/N")
    inverse = sum(
        (np.power(10.0, -as_array(value, "c_n_db") / 10.0) for value in cn_db),
        start=np.zeros(()),
    )
    return np.asarray(-10.0 * np.log10(inverse))
