"""ITU-R P.525-4: calculation of free-space attenuation, and the field-strength,
power-flux-density and received-power conversions that go with it.

The constants are computed from first principles (speed of light, impedance of free
space 120π Ω, 4π) rather than taken rounded from the Recommendation's text, so that
the functions invert each other exactly; the Recommendation's rounded constants
(32.4, 74.8, 145.8, 167.2 ...) differ from them by less than 0.06 dB.
"""

from __future__ import annotations

import math
from typing import Final

import numpy as np
import numpy.typing as npt

from openitu.radio.checks import FloatArray, as_array, check_edition, checked

EDITIONS: Final = ("P.525-4",)
SPEED_OF_LIGHT_M_S: Final = 299_792_458.0

# 20 log10(4π · 10^6 Hz/MHz · 10^3 m/km / c) = 32.45 dB; P.525-4 eq. (4) rounds it to 32.4.
FREE_SPACE_CONSTANT_DB: Final = 20.0 * math.log10(4.0 * math.pi * 1e9 / SPEED_OF_LIGHT_M_S)
# E = sqrt(30 p)/d (P.525-4 §2.1 eq. (2)): 10 log 30 + 120 (µV) - 60 (km) = 74.77 dB.
FIELD_STRENGTH_CONSTANT_DB: Final = 10.0 * math.log10(30.0) + 60.0
# e.i.r.p. = e.r.p. + 2.15 dB (gain of the half-wave dipole over the isotropic antenna).
DIPOLE_GAIN_DBI: Final = 2.15
# 10 log10(4π · 10^6 m²/km²) = 70.99 dB (pfd at distance d in km).
SPREADING_CONSTANT_DB: Final = 10.0 * math.log10(4.0 * math.pi * 1e6)
# 10 log10(120π Ω) + 120 dB(µV/V)² = 145.76 dB: E (dB(µV/m)) = S (dB(W/m²)) + 145.76.
IMPEDANCE_CONSTANT_DB: Final = 10.0 * math.log10(120.0 * math.pi) + 120.0
# Effective aperture of an isotropic antenna λ²/4π with λ = c / (f_MHz 10^6), in dB(m²)
# plus the MHz term: A_iso = 38.54 - 20 log f_MHz.
_ISOTROPIC_APERTURE_DB: Final = 20.0 * math.log10(SPEED_OF_LIGHT_M_S / 1e6) - 10.0 * math.log10(
    4.0 * math.pi
)


def _free_space_loss_db(f_mhz: FloatArray, d_km: FloatArray) -> FloatArray:
    return np.asarray(FREE_SPACE_CONSTANT_DB + 20.0 * np.log10(f_mhz) + 20.0 * np.log10(d_km))


def free_space_loss_db(
    f_mhz: npt.ArrayLike, d_km: npt.ArrayLike, *, edition: str = "P.525-4"
) -> FloatArray:
    """Free-space basic transmission loss between isotropic antennas.

    P.525-4 §2.2, eq. (1) ``L_bf = 20 log(4π d / λ)``, written with f in MHz and d in km
    as eq. (4): ``L_bf = 32.45 + 20 log f + 20 log d`` (the Recommendation prints the
    constant rounded to 32.4).

    Parameters
    ----------
    f_mhz : array_like
        Frequency [MHz], > 0.
    d_km : array_like
        Distance [km], > 0.
    edition : str
        "P.525-4".

    Returns
    -------
    ndarray
        L_bf [dB], broadcast over the inputs (shape () for scalars).
    """
    check_edition(edition, EDITIONS)
    f = checked(f_mhz, "f_mhz", 0.0, unit="MHz", low_inclusive=False)
    d = checked(d_km, "d_km", 0.0, unit="km", low_inclusive=False)
    return _free_space_loss_db(f, d)


def field_strength_dbuv_m(
    eirp_dbw: npt.ArrayLike, d_km: npt.ArrayLike, *, edition: str = "P.525-4"
) -> FloatArray:
    """Free-space field strength from an e.i.r.p.

    P.525-4 §2.1 eq. (2) ``e = sqrt(30 p) / d``: ``E = P_eirp - 20 log d + 74.77``.

    Parameters
    ----------
    eirp_dbw : array_like
        Equivalent isotropically radiated power [dBW].
    d_km : array_like
        Distance [km], > 0.

    Returns
    -------
    ndarray
        E [dB(µV/m)].
    """
    check_edition(edition, EDITIONS)
    p = as_array(eirp_dbw, "eirp_dbw")
    d = checked(d_km, "d_km", 0.0, unit="km", low_inclusive=False)
    return np.asarray(p - 20.0 * np.log10(d) + FIELD_STRENGTH_CONSTANT_DB)


def field_strength_from_erp_dbuv_m(
    erp_dbw: npt.ArrayLike, d_km: npt.ArrayLike, *, edition: str = "P.525-4"
) -> FloatArray:
    """Free-space field strength from an e.r.p. (relative to a half-wave dipole).

    P.525-4 §2.1 eq. (3): ``E = P_erp - 20 log d + 76.92`` (the e.i.r.p. is 2.15 dB above
    the e.r.p.).

    Parameters and result as `field_strength_dbuv_m`, with erp_dbw, the effective radiated
    power [dBW], for the e.i.r.p.
    """
    p = as_array(erp_dbw, "erp_dbw")
    return field_strength_dbuv_m(p + DIPOLE_GAIN_DBI, d_km, edition=edition)


def pfd_dbw_m2(
    eirp_dbw: npt.ArrayLike, d_km: npt.ArrayLike, *, edition: str = "P.525-4"
) -> FloatArray:
    """Power flux-density in free space: ``S = P_eirp - 10 log(4π d²)``.

    P.525-4 §2.1 (spherical spreading): ``S = P_eirp - 20 log d - 70.99``.

    Parameters
    ----------
    eirp_dbw : array_like
        e.i.r.p. [dBW].
    d_km : array_like
        Distance [km], > 0.

    Returns
    -------
    ndarray
        S [dB(W/m²)].
    """
    check_edition(edition, EDITIONS)
    p = as_array(eirp_dbw, "eirp_dbw")
    d = checked(d_km, "d_km", 0.0, unit="km", low_inclusive=False)
    return np.asarray(p - 20.0 * np.log10(d) - SPREADING_CONSTANT_DB)


def pfd_from_field_strength_dbw_m2(e_dbuv_m: npt.ArrayLike) -> FloatArray:
    """Power flux-density of a plane wave from its field strength: ``S = E - 145.76``.

    P.525-4 §2.1: S = e²/120π.

    Parameters
    ----------
    e_dbuv_m : array_like
        Field strength [dB(µV/m)].

    Returns
    -------
    ndarray
        S [dB(W/m²)].
    """
    return np.asarray(as_array(e_dbuv_m, "e_dbuv_m") - IMPEDANCE_CONSTANT_DB)


def field_strength_from_pfd_dbuv_m(pfd_dbw_m2: npt.ArrayLike) -> FloatArray:
    """Field strength of a plane wave from its pfd: ``E = S + 145.76`` [dB(µV/m)]."""
    return np.asarray(as_array(pfd_dbw_m2, "pfd_dbw_m2") + IMPEDANCE_CONSTANT_DB)


def _field_to_power_db(f_mhz: npt.ArrayLike, gr_dbi: npt.ArrayLike) -> FloatArray:
    """``P_r - E`` of §2.1 [dB]: the pfd of the field (E - 145.76) times the effective
    area of the antenna (isotropic aperture at f, plus G_r)."""
    f = checked(f_mhz, "f_mhz", 0.0, unit="MHz", low_inclusive=False)
    g = as_array(gr_dbi, "gr_dbi")
    return np.asarray(-IMPEDANCE_CONSTANT_DB + _ISOTROPIC_APERTURE_DB - 20.0 * np.log10(f) + g)


def received_power_dbw(
    e_dbuv_m: npt.ArrayLike, f_mhz: npt.ArrayLike, gr_dbi: npt.ArrayLike = 0.0
) -> FloatArray:
    """Power available from a receiving antenna of gain ``gr_dbi`` in a field ``E``.

    P.525-4 §2.1: ``P_r = E - 20 log f - 107.22 + G_r`` with f in MHz (the Recommendation
    writes it with f in GHz as ``E - 20 log f - 167.2``).

    Parameters
    ----------
    e_dbuv_m : array_like
        Field strength [dB(µV/m)].
    f_mhz : array_like
        Frequency [MHz], > 0.
    gr_dbi : array_like
        Receiving antenna gain [dBi].

    Returns
    -------
    ndarray
        P_r [dBW].
    """
    e = as_array(e_dbuv_m, "e_dbuv_m")
    return np.asarray(e + _field_to_power_db(f_mhz, gr_dbi))


def field_strength_from_received_power_dbuv_m(
    pr_dbw: npt.ArrayLike, f_mhz: npt.ArrayLike, gr_dbi: npt.ArrayLike = 0.0
) -> FloatArray:
    """Inverse of `received_power_dbw`: the field that delivers ``pr_dbw`` [dB(µV/m)]."""
    p = as_array(pr_dbw, "pr_dbw")
    return np.asarray(p - _field_to_power_db(f_mhz, gr_dbi))


def eirp_from_erp_dbw(erp_dbw: npt.ArrayLike) -> FloatArray:
    """e.i.r.p. from e.r.p.: + 2.15 dB [dBW]."""
    return np.asarray(as_array(erp_dbw, "erp_dbw") + DIPOLE_GAIN_DBI)


def erp_from_eirp_dbw(eirp_dbw: npt.ArrayLike) -> FloatArray:
    """e.r.p. from e.i.r.p.: - 2.15 dB [dBW]."""
    return np.asarray(as_array(eirp_dbw, "eirp_dbw") - DIPOLE_GAIN_DBI)
