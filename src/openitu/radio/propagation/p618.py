"""Recommendation ITU-R P.618-13 (12/2017) and -14 (08/2023): hydrometeor-induced
cross-polarization (§4.1).

Rain, scintillation and the §2.5 total live in ``earth_space`` (with ``edition``); this
module adds the cross-polarization discrimination (XPD) statistics computed from the rain
attenuation statistics of the same path. The §4.1 method is the same in both editions.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import numpy.typing as npt

from openitu.radio._checks import FloatArray, as_array, check_edition, check_range
from openitu.radio.propagation.earth_space import _flat

P618_XPD_EDITIONS: Final = ("P.618-14", "P.618-13")


def _c_tau(tau: FloatArray) -> FloatArray:
    """Step 3, eq. (67): polarization improvement factor [dB]."""
    return np.asarray(-10.0 * np.log10(1.0 - 0.484 * (1.0 + np.cos(np.radians(4.0 * tau)))))


def _xpd(
    f: FloatArray, el: FloatArray, p: FloatArray, tau: FloatArray, ap: FloatArray
) -> FloatArray:
    """Steps 1-8 of §4.1 for 6 <= f <= 55 GHz."""
    log_f = np.log10(f)
    # Step 1, eq. (65): frequency-dependent term.
    c_f = np.where(
        f < 9.0, 60.0 * log_f - 28.3, np.where(f < 36.0, 26.0 * log_f + 4.1, 35.9 * log_f - 11.3)
    )
    # Step 2, eq. (66): rain-attenuation-dependent term.
    v = np.where(
        f < 9.0,
        30.8 * f**-0.21,
        np.where(f < 20.0, 12.8 * f**0.19, np.where(f < 40.0, 22.6, 13.0 * f**0.15)),
    )
    c_a = v * np.log10(ap)
    # Step 4, eq. (68): elevation-angle-dependent term.
    c_theta = -40.0 * np.log10(np.cos(np.radians(el)))
    # Step 5, eq. (69): canting-angle term, σ = 0, 5, 10, 15 ° for p = 1, 0.1, 0.01, 0.001 %
    # (each σ applies from its percentage up to the next larger one).
    sigma = np.where(p <= 0.001, 15.0, np.where(p <= 0.01, 10.0, np.where(p <= 0.1, 5.0, 0.0)))
    c_sigma = 0.0053 * sigma**2
    # Step 6, eq. (70): rain XPD not exceeded for p % of the time.
    xpd_rain = c_f - c_a + _c_tau(tau) + c_theta + c_sigma
    # Step 7, eq. (71): ice-crystal term; step 8, eq. (72).
    c_ice = xpd_rain * (0.3 + 0.1 * np.log10(p)) / 2.0
    return np.asarray(xpd_rain - c_ice)


def cross_polarization_discrimination_db(
    f_ghz: npt.ArrayLike,
    el_deg: npt.ArrayLike,
    p_percent: npt.ArrayLike,
    tau_deg: npt.ArrayLike,
    a_p_db: npt.ArrayLike,
    *,
    edition: str = "P.618-14",
) -> FloatArray:
    """XPD not exceeded for p % of the time from the rain attenuation A_p, §4.1 [dB].

    ``XPD_p = XPD_rain - C_ice`` with ``XPD_rain = C_f - C_A + C_τ + C_θ + C_σ`` (steps 1-8,
    eqs. (65)-(72)). Between 4 and 6 GHz the XPD is computed at 6 GHz and scaled to f with
    the semi-empirical eq. (73) (same tilt angle).

    Parameters
    ----------
    f_ghz : array_like
        Frequency [GHz], 4 to 55.
    el_deg : array_like
        Path elevation angle [deg], > 0 to < 90. §4.1 states θ <= 60°; the ITU-R
        validation examples apply the method above that (to 85.8°), and so do we.
    p_percent : array_like
        Percentage of time [%], 0.001 to 1.
    tau_deg : array_like
        Tilt angle of the linearly polarized electric field vector with respect to the
        horizontal [deg] (45 for circular polarization), -90 to 90.
    a_p_db : array_like
        Co-polar rain attenuation exceeded for p % of the time [dB] (P.618 §2.2.1.1), > 0.
    edition : str
        "P.618-14" or "P.618-13" (the method did not change).

    Returns
    -------
    ndarray
        XPD_p [dB].
    """
    check_edition(edition, P618_XPD_EDITIONS)
    f = as_array(f_ghz, "f_ghz")
    check_range(f, "f_ghz", 4.0, 55.0, unit="GHz")
    el = as_array(el_deg, "el_deg")
    check_range(el, "el_deg", 0.0, 90.0, unit="deg", low_inclusive=False, high_inclusive=False)
    p = as_array(p_percent, "p_percent")
    check_range(p, "p_percent", 0.001, 1.0, unit="%")
    tau = as_array(tau_deg, "tau_deg")
    check_range(tau, "tau_deg", -90.0, 90.0, unit="deg")
    ap = as_array(a_p_db, "a_p_db")
    check_range(ap, "a_p_db", 0.0, None, unit="dB", low_inclusive=False)
    shape, (f, el, p, tau, ap) = _flat(
        f, el, p, tau, ap, fields=("f_ghz", "el_deg", "p_percent", "tau_deg", "a_p_db")
    )
    low = f < 6.0
    xpd = _xpd(np.where(low, 6.0, f), el, p, tau, ap)
    # Eq. (73) with τ1 = τ2: the polarization factors cancel, leaving 20 log(f2 / f1).
    xpd = np.where(low, xpd - 20.0 * np.log10(f / 6.0), xpd)
    return np.asarray(xpd).reshape(shape)
