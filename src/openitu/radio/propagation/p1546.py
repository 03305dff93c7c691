"""Recommendation ITU-R P.1546-6: point-to-area field strength, 30 MHz to 4 000 MHz.

The method of Annex 5 (step by step as Annex 6 lists it) on the tabulated field strengths of
Figures 1 to 24 (1 kW e.r.p.; land, cold sea and warm sea; 1, 10 and 50 % time; 100, 600 and
2 000 MHz; h1 = 10 ... 1 200 m). Section and equation numbers below are those of P.1546-6.

Two layers, as elsewhere in `openitu.radio`:

* `_kernel` works on broadcast float64 arrays in fixed units and is pure numpy: every
  interpolation is a table gather (``np.take``) and a log-linear blend, so that a million
  points cost a few numpy passes, not a Python loop.
* `field_strength` (exported as ``p1546_field_strength``) validates, broadcasts and documents;
  `p1546_path` / `P1546Case` take the path the way an engineer describes it (sections from the
  transmitter, an optional terrain profile) and derive h1, the clearance angles and the terrain
  heights from the profile (§3, §4.3 a), §11).

Choices where the Recommendation leaves room, all stated where they are made:

* h1 < 0 uses §4.3 case b) (the 9 000 m obstruction at 15 km), the variant that never produces
  a discontinuity at h1 = 0; it is also what the ITU-R reference implementation does.
* The transmitter clutter correction of §10 is not applied when r1 = 0 (an open, uncluttered
  transmitter, for which §10 says it does not apply).
* The terrain clearance angle correction (§11) needs a profile; without one it is not applied.
  The tropospheric-scatter floor of §13 is always applied, with the terminal clearance angles
  of the profile when there is one and 0° (smooth earth) otherwise.
* Whether terrain information is available is an input (``terrain_available``; a profile is
  terrain information). It picks h1 of a land path under 15 km (§3.1.1 from ha and heff
  without it, §3.1.2 hb with it) and the location variability (§12): with it, sigma_L of
  equation (34) for the square of side ``wa``; without it the fixed values of the ITU-R
  reference implementation (urban and dense urban 8 dB, suburban 10 dB, rural 12 dB). No
  correction for a receiver adjacent to sea.
* Emax in (11a) and (15a) is the path's maximum (§2, mixed paths by (42), with the §14
  slope-path term), as in the ITU-R reference implementation.
* Where the ITU-R reference implementation departs from the text (the §13 floor only with a
  profile, (27)/(29) at d < 1 km, the 3 m sea h1 of a mixed path, (10a)/(10b)/(11c)), this
  module follows the text: docs/radio.md, "Point-to-area (P.1546-6) against the ITU-R
  reference code", and scripts/validate_p1546.py.
* The short urban/suburban path correction of P.1546-5 §10 is not part of P.1546-6, whose §10
  is the transmitter clutter correction; it is therefore not applied.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, Final, Literal

import numpy as np
import numpy.typing as npt

from openitu.errors import InvalidInput
from openitu.radio.checks import as_array, check_edition, check_range

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]

EDITIONS: Final = ("P.1546-6",)

#: Receiver surroundings (§9, §12), in the order of the kernel's integer codes.
CLUTTER_HEIGHT_M: Final = (0.0, 1000.0)
CLUTTER_BOUND: Final = "m (physical bound: P.1546-6 states none above 0)"
RX_AREAS: Final = ("rural", "suburban", "urban", "dense_urban", "sea")
#: Path zones (§8), in the order of the kernel's integer codes and of the tables.
ZONES: Final = ("land", "cold_sea", "warm_sea")

_RURAL, _SUBURBAN, _URBAN, _DENSE_URBAN, _SEA_AREA = range(5)
_LAND, _COLD_SEA, _WARM_SEA = range(3)

_N_D: Final = 78  # nominal distances of Table 1
_N_H: Final = 8  # nominal h1: 10, 20, 37.5, 75, 150, 300, 600, 1 200 m
_NOMINAL_T: Final = (1.0, 10.0, 50.0)
_NOMINAL_F: Final = (100.0, 600.0, 2000.0)
_K_NU_NOMINAL: Final = np.array([1.35, 3.31, 6.00])  # equation (12c), per nominal frequency
_EARTH_KA_KM: Final = 4.0 / 3.0 * 6370.0  # effective Earth radius of §13
_N0: Final = 325.0  # sea-level surface refractivity of equation (36)


# ---------------------------------------------------------------------------------------------
# Tabulated field strengths
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class FieldStrengthTables:
    """The Recommendation's tabulated field strengths (Figures 1-24, for 1 kW e.r.p.)."""

    flat: FloatArray  # (zone, time, frequency, distance, h1) flattened, dB(uV/m) for 1 kW e.r.p.
    distance_km: FloatArray
    log_distance: FloatArray
    log_height: FloatArray


@cache
def field_strength_tables() -> FieldStrengthTables:
    source = resources.files("openitu.data").joinpath("p1546/p1546_tables.npz")
    with source.open("rb") as handle, np.load(handle, allow_pickle=False) as data:
        values = np.ascontiguousarray(data["field_strength_dbuv_m"], dtype=np.float64)
        distance = np.asarray(data["distance_km"], dtype=np.float64)
        height = np.asarray(data["h1_m"], dtype=np.float64)
    assert values.shape == (3, 3, 3, _N_D, _N_H)
    return FieldStrengthTables(
        flat=values.reshape(-1),
        distance_km=distance,
        log_distance=np.log10(distance),
        log_height=np.log10(height),
    )


# ---------------------------------------------------------------------------------------------
# Small formulas of Annex 5
# ---------------------------------------------------------------------------------------------
def _j(nu: FloatArray) -> FloatArray:
    """Knife-edge loss J(nu) of equation (12a); 0 for nu <= -0.7806 where (12a) reaches 0."""
    value = 6.9 + 20.0 * np.log10(np.sqrt((nu - 0.1) ** 2 + 1.0) + nu - 0.1)
    return np.where(nu > -0.7806, value, 0.0)


def _q_inverse(x: FloatArray) -> FloatArray:
    """Inverse complementary cumulative normal distribution, approximation of §16 (39)."""
    x = np.asarray(x, dtype=np.float64)
    y = np.where(x <= 0.5, x, 1.0 - x)
    tt = np.sqrt(-2.0 * np.log(y))
    cc = ((0.010328 * tt + 0.802853) * tt + 2.515517) / (
        ((0.001308 * tt + 0.189269) * tt + 1.432788) * tt + 1.0
    )
    return np.where(x <= 0.5, tt - cc, cc - tt)


_Q_NOMINAL: Final = _q_inverse(np.array(_NOMINAL_T) / 100.0)
#: C_h1 of (12) at h1 = -10 m for each nominal frequency, as (9a) needs it.
_CH1_NEG10: Final = 6.03 - _j(_K_NU_NOMINAL * np.degrees(np.arctan(10.0 / 9000.0)))


def _free_space(d_km: FloatArray) -> FloatArray:
    """Free-space field strength for 1 kW e.r.p., equation (2)."""
    return 106.9 - 20.0 * np.log10(d_km)


def _sea_enhancement(d_km: FloatArray, t_percent: FloatArray) -> FloatArray:
    """Sea enhancement Ese of equation (3)."""
    return 2.38 * (1.0 - np.exp(-d_km / 8.94)) * np.log10(50.0 / t_percent)


def _sea_maximum(d_km: FloatArray, t_percent: FloatArray) -> FloatArray:
    """Emax of an all-sea path, equation (1b)."""
    return _free_space(d_km) + _sea_enhancement(d_km, t_percent)


def _d06(f_mhz: FloatArray, h1_m: FloatArray, h2_m: FloatArray | float) -> FloatArray:
    """Path length with 0.6 first-Fresnel-zone clearance over smooth earth, §18 (41)."""
    h1 = np.maximum(h1_m, 0.0)
    df = 0.0000389 * f_mhz * h1 * h2_m
    dh = 4.1 * (np.sqrt(h1) + np.sqrt(h2_m))
    with np.errstate(invalid="ignore", divide="ignore"):
        d = np.where(df + dh > 0.0, df * dh / (df + dh), 0.0)
    return np.maximum(d, 0.001)


def _slope_distance(d_km: FloatArray, dh_m: FloatArray) -> FloatArray:
    """Slope path length of equation (37b) for a height difference dh between the antennas."""
    return np.sqrt(d_km * d_km + 1e-6 * dh_m * dh_m)


# ---------------------------------------------------------------------------------------------
# Curves: field strength at nominal time/frequency, then §6 and §7 interpolations
# ---------------------------------------------------------------------------------------------
def _distance_index(d_km: FloatArray) -> tuple[IntArray, FloatArray]:
    """Lower nominal distance of Table 1 and the log weight of equation (13)."""
    tab = field_strength_tables()
    i = np.searchsorted(tab.distance_km, d_km, side="right") - 1
    np.clip(i, 0, _N_D - 2, out=i)
    lo = tab.log_distance[i]
    w = (np.log10(d_km) - lo) / (tab.log_distance[i + 1] - lo)
    return i.astype(np.intp), w


def _height_index(h1_m: FloatArray) -> tuple[IntArray, FloatArray]:
    """Lower nominal h1 and the log weight of equation (8); above 1 200 m the 600/1 200 m
    pair extrapolates (§4.1). Below 10 m the index is 0 (the 10 and 20 m curves)."""
    tab = field_strength_tables()
    h = np.maximum(h1_m, 10.0)
    j = np.searchsorted(10.0**tab.log_height, h, side="right") - 1
    np.clip(j, 0, _N_H - 2, out=j)
    lo = tab.log_height[j]
    w = (np.log10(h) - lo) / (tab.log_height[j + 1] - lo)
    return j.astype(np.intp), w


#: A figure of the Recommendation as the kernel indexes it: path zone, nominal time and
#: nominal frequency codes, one per point.
Figure = tuple[IntArray, IntArray, IntArray]


def _curve_pair(
    figure: Figure, didx: tuple[IntArray, FloatArray], j: IntArray | int
) -> tuple[FloatArray, FloatArray]:
    """Field strengths of the h1 curves j and j + 1 of a figure at the distance whose Table 1
    index and log weight are ``didx``, interpolated by (13)."""
    zone, ti, fi = figure
    flat = field_strength_tables().flat
    i, w = didx
    k = ((zone * 3 + ti) * 3 + fi) * (_N_D * _N_H) + i * _N_H + j
    e_lo = flat[k] + w * (flat[k + _N_H] - flat[k])
    e_hi = flat[k + 1] + w * (flat[k + _N_H + 1] - flat[k + 1])
    return e_lo, e_hi


def _low_h1_land(e10: FloatArray, e20: FloatArray, h1: FloatArray, fi: IntArray) -> FloatArray:
    """§4.2 (9) for 0 <= h1 < 10 m and §4.3 (12) case b) for h1 < 0, on a land curve."""
    ch1_neg10 = _CH1_NEG10[fi]
    e_zero = e10 + 0.5 * ((e10 - e20) + ch1_neg10)  # (9a), (9b)
    theta_eff2 = np.degrees(np.arctan(-np.minimum(h1, 0.0) / 9000.0))  # (12b)
    ch1 = 6.03 - _j(_K_NU_NOMINAL[fi] * theta_eff2)  # (12), (12c)
    return np.where(h1 >= 0.0, e_zero + 0.1 * h1 * (e10 - e_zero), e_zero + ch1)


def _nominal_field(
    zone: IntArray,
    ti: IntArray,
    fi: IntArray,
    d_km: FloatArray,
    h1: FloatArray,
    t_percent: FloatArray,
    emax: FloatArray,
    hidx: tuple[IntArray, FloatArray],
    didx: tuple[IntArray, FloatArray],
) -> FloatArray:
    """Field strength of one figure (nominal time ti, frequency fi) at d and h1 (Step 8)."""
    j, wh = hidx
    e_lo, e_hi = _curve_pair((zone, ti, fi), didx, j)  # (13) on the two h1 curves
    # §4.1 (8), limited to the maximum of §2 (needed for the extrapolation above 1 200 m)
    e: FloatArray = np.minimum(e_lo + wh * (e_hi - e_lo), emax)
    low = h1 < 10.0
    if not np.any(low):
        return e
    land = low & (zone == _LAND)
    if np.any(land):
        e = e.copy()
        e[land] = _low_h1_land(e_lo[land], e_hi[land], h1[land], fi[land])
    sea = low & (zone != _LAND)
    if np.any(sea):
        e = e.copy()
        e[sea] = _low_h1_sea(
            (zone[sea], ti[sea], fi[sea]), d_km[sea], h1[sea], t_percent[sea], emax[sea],
            (e_lo[sea], e_hi[sea]),
        )  # fmt: skip
    return e


def _low_h1_sea(
    figure: Figure,
    d_km: FloatArray,
    h1: FloatArray,
    t_percent: FloatArray,
    emax: FloatArray,
    e10_e20: tuple[FloatArray, FloatArray],
) -> FloatArray:
    """§4.2 (10) and (11) for a sea curve and 3 <= h1 < 10 m, given E10 and E20 at d."""
    e10, e20 = e10_e20
    fi = figure[2]
    f_nom = np.asarray(_NOMINAL_F)[fi]
    d_h1 = _d06(f_nom, h1, 10.0)  # (10a)
    d_20 = _d06(f_nom, np.full_like(h1, 20.0), 10.0)  # (10b)
    slope_h1 = np.log10(h1 / 10.0) / math.log10(2.0)
    # (11b): log interpolation between Emax at D_h1 and the h1 field at D20
    # below 1 km the first interval of Table 1 extrapolates in log distance
    e10_d20, e20_d20 = _curve_pair(figure, _distance_index(d_20), 0)
    e_d20 = e10_d20 + (e20_d20 - e10_d20) * slope_h1
    e_dh1 = _sea_maximum(d_h1, t_percent)
    with np.errstate(invalid="ignore", divide="ignore"):
        mid = e_dh1 + (e_d20 - e_dh1) * np.log10(d_km / d_h1) / np.log10(d_20 / d_h1)
    # (11c): blend of the extrapolated curve (8) and the land method (9) beyond D20
    e_prime = e10 + (e20 - e10) * slope_h1
    e_second = _low_h1_land(e10, e20, h1, fi)
    fs = (d_km - d_20) / d_km
    far = e_prime * (1.0 - fs) + e_second * fs
    return np.where(d_km <= d_h1, emax, np.where(d_km < d_20, mid, far))


def _zone_field(
    zone: IntArray,
    f_mhz: FloatArray,
    t_percent: FloatArray,
    d_km: FloatArray,
    h1: FloatArray,
    emax: FloatArray,
    *,
    sea_below_100: bool = True,
) -> FloatArray:
    """Steps 6 to 10: the field strength of one path zone, interpolated in h1 and distance
    (§4, §5), frequency (§6, equation (14)) and time (§7, equation (16)); with
    ``sea_below_100``, §6 (15) for sea paths below 100 MHz shorter than d600."""
    ti_lo = np.where(t_percent < 10.0, 0, 1).astype(np.intp)
    fi_lo = np.where(f_mhz < 600.0, 0, 1).astype(np.intp)
    hidx = _height_index(h1)
    didx = _distance_index(d_km)
    f_nom = np.asarray(_NOMINAL_F)
    log_f = (np.log10(f_mhz) - np.log10(f_nom[fi_lo])) / np.log10(f_nom[fi_lo + 1] / f_nom[fi_lo])
    q_t = _q_inverse(t_percent / 100.0)
    q_lo, q_hi = _Q_NOMINAL[ti_lo], _Q_NOMINAL[ti_lo + 1]
    w_t = (q_lo - q_t) / (q_lo - q_hi)  # weight of the higher nominal time, (16)
    beyond_2000 = f_mhz > 2000.0

    def at_time(ti: IntArray) -> FloatArray:
        e_lo = _nominal_field(zone, ti, fi_lo, d_km, h1, t_percent, emax, hidx, didx)
        e_hi = _nominal_field(zone, ti, fi_lo + 1, d_km, h1, t_percent, emax, hidx, didx)
        e = e_lo + (e_hi - e_lo) * log_f  # (14)
        # extrapolation above 2 000 MHz is limited to the maximum of §2
        limited: FloatArray = np.where(beyond_2000, np.minimum(e, emax), e)
        return limited

    e_t_lo = at_time(ti_lo)
    e_t_hi = at_time(ti_lo + 1)
    e = e_t_lo + (e_t_hi - e_t_lo) * w_t
    special = (zone != _LAND) & (f_mhz < 100.0)
    if not sea_below_100 or not np.any(special):
        return e
    d600 = _d06(np.full_like(h1, 600.0), h1, 10.0)
    special &= d_km < d600
    if not np.any(special):
        return e
    s = special
    df = _d06(f_mhz[s], h1[s], 10.0)
    e_df = _sea_maximum(df, t_percent[s])
    e_d600 = _zone_field(
        zone[s], f_mhz[s], t_percent[s], d600[s], h1[s], emax[s], sea_below_100=False
    )
    with np.errstate(invalid="ignore", divide="ignore"):
        ramp = e_df + (e_d600 - e_df) * np.log10(d_km[s] / df) / np.log10(d600[s] / df)
    e = e.copy()
    # (15a), (15b); Emax is the path's maximum of §2 at the required distance, as in (11a)
    e[s] = np.where(d_km[s] <= df, emax[s], ramp)
    return e


# ---------------------------------------------------------------------------------------------
# The kernel
# ---------------------------------------------------------------------------------------------
def _kernel(
    f_mhz: FloatArray,
    t_percent: FloatArray,
    q_percent: FloatArray,
    d_km: FloatArray,
    d_sea_km: FloatArray,
    sea_zone: IntArray,
    h1_m: FloatArray,
    ha_m: FloatArray,
    h2_m: FloatArray,
    r1_m: FloatArray,
    r2_m: FloatArray,
    rx_area: IntArray,
    wa_m: FloatArray,
    tca_deg: FloatArray,
    theta_eff1_deg: FloatArray,
    dh_terrain_m: FloatArray,
    terrain: npt.NDArray[np.bool_],
    ptx_dbkw: FloatArray,
) -> dict[str, FloatArray]:
    """Annex 6 steps on 1-D arrays of equal length (already validated).

    ``d_sea_km`` is the sea part of the path (cold or warm as ``sea_zone`` says), the rest is
    land. ``tca_deg`` and ``theta_eff1_deg`` are NaN where no profile gives them;
    ``dh_terrain_m`` is the terrain height at the transmitter minus that at the receiver
    (0 without a profile). Returns the field strength for the given power ``e``, for 1 kW
    e.r.p. ``e_1kw``, the basic transmission loss ``lb`` and intermediate values.
    """
    d_land = d_km - d_sea_km
    d1 = np.maximum(d_km, 1.0)  # Steps 1-16 use d = 1 km below 1 km (§15)
    dh_antennas = ha_m + dh_terrain_m - h2_m
    # §2 (1)-(3), mixed paths by (42); for a steep path, free space over the slope distance (§14)
    emax = _free_space(d_km)
    if np.any(d_sea_km > 0.0):
        emax = emax + d_sea_km / d_km * _sea_enhancement(d_km, t_percent)
    if np.any(dh_antennas != 0.0):
        emax = emax - 10.0 * np.log10(1.0 + 1e-6 * (dh_antennas / d_km) ** 2)

    # Steps 5-10 per zone, Step 11 mixed paths (§8): the first zone for every point, the sea
    # field for the points whose path is mixed.
    all_sea = d_land <= 0.0
    h1_sea = np.maximum(h1_m, 3.0)  # §3: for Esea(d) a value of at least 3 m
    first_zone = np.where(all_sea, sea_zone, _LAND).astype(np.intp)
    e_first = _zone_field(first_zone, f_mhz, t_percent, d1, np.where(all_sea, h1_sea, h1_m), emax)
    e = e_first
    mixed = (~all_sea) & (d_sea_km > 0.0)
    if np.any(mixed):
        m = mixed
        e_sea = _zone_field(sea_zone[m], f_mhz[m], t_percent[m], d1[m], h1_sea[m], emax[m])
        e_land = e_first[m]
        f_sea = d_sea_km[m] / d_km[m]
        a0 = 1.0 - (1.0 - f_sea) ** (2.0 / 3.0)  # (25)
        v = np.maximum(1.0, 1.0 + (e_sea - e_land) / 40.0)  # (24), (26)
        a = a0**v
        e = e.copy()
        e[m] = (1.0 - a) * e_land + a * e_sea  # (23)
    e_path = e

    # Step 12, §11: terrain clearance angle correction (31)-(32) where a profile gives tca
    # (the corrections below are computed only where they apply: a bulk run without
    # profiles or clutter pays for none of them)
    zero = np.zeros_like(e)
    with_tca = np.isfinite(tca_deg)
    tca_correction = zero
    if np.any(with_tca):
        sqrt_f = np.sqrt(f_mhz[with_tca])
        tca = np.clip(tca_deg[with_tca], 0.55, 40.0)
        tca_correction = zero.copy()
        tca_correction[with_tca] = _j(0.036 * sqrt_f) - _j(0.065 * tca * sqrt_f)
        e = e + tca_correction

    # Step 13, §13: tropospheric scatter floor (35)-(36)
    theta_s = 180.0 / (math.pi * _EARTH_KA_KM) * d1
    if np.any(with_tca):
        theta_s = theta_s + np.where(with_tca, tca_deg, 0.0)
        with_te1 = np.isfinite(theta_eff1_deg)
        theta_s = theta_s + np.where(with_te1, theta_eff1_deg, 0.0)
    theta_s = np.maximum(theta_s, 0.0)
    log_f = np.log10(f_mhz)
    e_ts = (
        (24.4 + 0.15 * _N0)
        - 20.0 * np.log10(d1)
        - 10.0 * theta_s
        - (5.0 * log_f - 2.5 * (log_f - 3.3) ** 2)
        + 10.1 * (-np.log10(0.02 * t_percent)) ** 0.7
    )
    e = np.maximum(e, e_ts)

    # Step 14, §9: receiving antenna height / clutter correction (27)-(29)
    rx_correction, r_prime = _rx_height_correction(f_mhz, h1_m, d1, h2_m, r2_m, rx_area)
    e = e + rx_correction

    # Step 15, §10: transmitter clutter correction (30); none for an open transmitter (r1 = 0)
    cluttered = r1_m > 0.0
    tx_correction = zero
    if np.any(cluttered):
        c = cluttered
        hdif1 = ha_m[c] - r1_m[c]
        theta_clut1 = np.degrees(np.arctan(hdif1 / 27.0))
        sign = np.where(r1_m[c] >= ha_m[c], 1.0, -1.0)
        nu1 = sign * 0.0108 * np.sqrt(f_mhz[c]) * np.sqrt(hdif1 * theta_clut1)
        tx_correction = zero.copy()
        tx_correction[c] = -_j(nu1)
        e = e + tx_correction

    # Step 16, §14: slope-path correction (37)
    slope_correction = zero
    if np.any(dh_antennas != 0.0):
        slope_correction = -10.0 * np.log10(1.0 + 1e-6 * (dh_antennas / d1) ** 2)
        e = e + slope_correction

    # Step 17, §15: paths shorter than 1 km (38)
    short = d_km < 1.0
    if np.any(short):
        s = short
        d_slope = _slope_distance(d_km[s], dh_antennas[s])
        d_inf = _slope_distance(np.full_like(d_slope, 0.04), dh_antennas[s])
        d_sup = _slope_distance(np.ones_like(d_slope), dh_antennas[s])
        e_inf = 106.9 - 20.0 * np.log10(d_inf)
        e_free = 106.9 - 20.0 * np.log10(d_slope)
        ramp = e_inf + (e[s] - e_inf) * np.log10(d_slope / d_inf) / np.log10(d_sup / d_inf)
        e = e.copy()
        e[s] = np.where(d_km[s] <= 0.04, e_free, ramp)

    # Step 18, §12: location variability (33)-(34), receivers on land only
    varied = (q_percent != 50.0) & (rx_area != _SEA_AREA)
    location = zero
    if np.any(varied):
        v = varied
        sigma_fixed = np.asarray([12.0, 10.0, 8.0, 8.0, 0.0])[rx_area[v]]
        sigma_l = np.where(
            terrain[v], (0.024 * f_mhz[v] / 1000.0 + 0.52) * wa_m[v] ** 0.28, sigma_fixed
        )
        location = zero.copy()
        location[v] = _q_inverse(q_percent[v] / 100.0) * sigma_l
        e = e + location

    # Step 19, §2: never above the maximum
    e = np.minimum(e, emax)
    # Step 20, §17 (40): equivalent basic transmission loss, for 1 kW e.r.p.
    lb = 139.3 - e + 20.0 * log_f
    return {
        "e": e + ptx_dbkw,
        "e_1kw": e,
        "lb": lb,
        "emax": emax,
        "e_path": e_path,
        "tca_correction": tca_correction,
        "e_ts": e_ts,
        "rx_correction": rx_correction,
        "r_prime": r_prime,
        "tx_correction": tx_correction,
        "slope_correction": slope_correction,
    }


#: Points per chunk: long enough to amortise numpy's per-call cost, short enough for the
#: temporaries of a chunk to stay in the CPU caches.
_CHUNK: Final = 32_768


def _run_chunked(inputs: Sequence[npt.NDArray[Any]], size: int) -> dict[str, FloatArray]:
    """`_kernel` over chunks of the flattened inputs (single values broadcast per chunk),
    on a thread per core: numpy releases the GIL inside its loops."""

    def run(start: int) -> dict[str, FloatArray]:
        stop = min(start + _CHUNK, size)
        part = [
            a[start:stop] if a.size == size else np.broadcast_to(a, (stop - start,)) for a in inputs
        ]
        return _kernel(*part)

    starts = range(0, size, _CHUNK)
    if size <= _CHUNK:
        parts = [run(0)]
    else:
        with ThreadPoolExecutor(max_workers=_workers()) as pool:
            parts = list(pool.map(run, starts))
    if len(parts) == 1:
        return parts[0]
    return {key: np.concatenate([part[key] for part in parts]) for key in parts[0]}


@cache
def _workers() -> int:
    return max(
        1,
        min(
            len(os.sched_getaffinity(0))
            if hasattr(os, "sched_getaffinity")
            else (os.cpu_count() or 1),
            8,
        ),
    )


def _rx_height_correction(
    f_mhz: FloatArray,
    h1_m: FloatArray,
    d_km: FloatArray,
    h2_m: FloatArray,
    r2_m: FloatArray,
    rx_area: IntArray,
) -> tuple[FloatArray, FloatArray]:
    """§9: correction for the receiving antenna height h2 and its clutter R (27)-(29)."""
    k_h2 = 3.2 + 6.2 * np.log10(f_mhz)  # (28d)
    # rural/open land, and sea for h2 >= 10 m: (28b) with R' = 10 m
    correction = k_h2 * np.log10(h2_m / 10.0)
    r_prime = np.full_like(correction, 10.0)
    built = (rx_area == _SUBURBAN) | (rx_area == _URBAN) | (rx_area == _DENSE_URBAN)
    if np.any(built):
        b = built
        k, h2, f = k_h2[b], h2_m[b], f_mhz[b]
        # (27): representative clutter height modified for the elevation of the arriving ray
        r_mod = np.maximum(
            (1000.0 * d_km[b] * r2_m[b] - 15.0 * h1_m[b]) / (1000.0 * d_km[b] - 15.0), 1.0
        )
        # (28a) below the clutter, (28b) above it
        h_dif = np.maximum(r_mod - h2, 0.0)
        theta_clut = np.degrees(np.arctan(h_dif / 27.0))
        nu = 0.0108 * np.sqrt(f) * np.sqrt(h_dif * theta_clut)
        value = np.where(h2 < r_mod, 6.03 - _j(nu), k * np.log10(h2 / r_mod))
        value = value - np.where(r_mod < 10.0, k * np.log10(10.0 / r_mod), 0.0)
        correction[b] = value
        r_prime[b] = r_mod
    sea_low = (rx_area == _SEA_AREA) & (h2_m < 10.0)
    if np.any(sea_low):
        s = sea_low
        c10 = correction[s]
        # (29): between the 0.6 Fresnel clearance distances for h2 and for 10 m
        d10 = _d06(f_mhz[s], h1_m[s], 10.0)
        dh2 = _d06(f_mhz[s], h1_m[s], h2_m[s])
        d = d_km[s]
        with np.errstate(divide="ignore", invalid="ignore"):
            ramp = c10 * np.log10(d / dh2) / np.log10(d10 / dh2)
        correction[s] = np.where(d >= d10, c10, np.where(d <= dh2, 0.0, ramp))
    return correction, r_prime


# ---------------------------------------------------------------------------------------------
# Validation helpers
# ---------------------------------------------------------------------------------------------
def _codes(
    value: str | Sequence[str] | npt.ArrayLike, field_name: str, names: Sequence[str]
) -> Any:
    """Integer codes for names (a string or an array of strings)."""
    array = np.asarray(value)
    if array.dtype.kind not in "UO":
        raise InvalidInput(field_name, f"expected one of {', '.join(names)}")
    if array.dtype.kind == "O" or array.size <= 16:
        normal = [str(x).strip().lower().replace(" ", "_") for x in array.reshape(-1)]
        array = np.asarray(normal, dtype=str).reshape(array.shape)
    codes = np.full(array.shape, -1, dtype=np.intp)
    for code, name in enumerate(names):
        codes[array == name] = code
    if np.any(codes < 0):
        bad = array[codes < 0].flat[0]
        raise InvalidInput(field_name, f"{str(bad)!r} is not one of {', '.join(names)}")
    return codes


# ---------------------------------------------------------------------------------------------
# Public API: arrays
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class P1546Result:
    """Field strength and basic transmission loss (arrays of the broadcast input shape).

    ``e_dbuv_m`` is for the given transmitter power; ``lb_db`` is equation (40) of §17,
    independent of the power. ``details`` holds intermediate values (``emax``, ``e_path``,
    ``e_ts``, corrections) for inspection.
    """

    e_dbuv_m: FloatArray
    lb_db: FloatArray
    details: Mapping[str, FloatArray] = field(default_factory=dict, repr=False)


def field_strength(
    f_mhz: npt.ArrayLike,
    t_percent: npt.ArrayLike,
    d_km: npt.ArrayLike,
    h1_m: npt.ArrayLike,
    h2_m: npt.ArrayLike,
    *,
    q_percent: npt.ArrayLike = 50.0,
    d_sea_km: npt.ArrayLike = 0.0,
    sea: str | Sequence[str] = "cold_sea",
    ha_m: npt.ArrayLike | None = None,
    r1_m: npt.ArrayLike = 0.0,
    r2_m: npt.ArrayLike = 10.0,
    rx_area: str | Sequence[str] = "rural",
    wa_m: npt.ArrayLike = 500.0,
    ptx_kw: npt.ArrayLike = 1.0,
    ptx_ref: Literal["erp", "eirp"] = "erp",
    tca_deg: npt.ArrayLike | None = None,
    theta_eff1_deg: npt.ArrayLike | None = None,
    dh_terrain_m: npt.ArrayLike = 0.0,
    terrain_available: bool | None = None,
    edition: str = "P.1546-6",
) -> P1546Result:
    """Field strength exceeded at q % of locations for t % of time, ITU-R P.1546-6 Annex 5.

    Every numeric input broadcasts against the others (one point or a million); scalars give
    shape ``()`` results.

    Parameters
    ----------
    f_mhz : array_like
        Frequency [MHz], 30 to 4 000 (§6; 2 000-4 000 MHz by extrapolation, limited by §2).
    t_percent : array_like
        Percentage of time, 1 to 50 (§7).
    d_km : array_like
        Horizontal path length [km], > 0 and <= 1 000 (Table 1; below 1 km by §15).
    h1_m : array_like
        Transmitting/base antenna height h1 [m] as §3 defines it (may be negative on land,
        §4.3; at most 3 000 m). Sea fields use at least 3 m (§3).
    h2_m : array_like
        Receiving/mobile antenna height above ground [m]: >= 1 on land, >= 3 adjacent to sea.
    q_percent : array_like, optional
        Percentage of locations, 1 to 99 (§12). Default 50.
    d_sea_km : array_like, optional
        Sea part of the path [km], 0 <= d_sea_km <= d_km; the rest is land. A path with both
        is a mixed path (§8). Default 0 (all land).
    sea : {"cold_sea", "warm_sea"} or array of them, optional
        Kind of the sea part (Figures 5-8, 13-16, 21-24). Default cold.
    ha_m : array_like, optional
        Transmitting antenna height above ground [m], > 0: used by the transmitter clutter
        correction (§10) and the slope-path correction (§14). When omitted neither applies.
    r1_m, r2_m : array_like, optional
        Representative clutter heights [m] around the transmitter (§10; 0 = open, no
        correction) and the receiver (§9; used for suburban, urban and dense urban receivers).
    rx_area : {"rural", "suburban", "urban", "dense_urban", "sea"}, optional
        Surroundings of the receiver (§9, §12). Default "rural".
    wa_m : array_like, optional
        Side of the square area for location variability [m] (§12 (34)), > 0. Default 500.
    ptx_kw : array_like, optional
        Transmitter power [kW], > 0: e.r.p. (the curves are for 1 kW e.r.p.), or e.i.r.p. when
        ``ptx_ref="eirp"`` (e.r.p. = e.i.r.p. - 2.15 dB). Default 1.
    tca_deg, theta_eff1_deg : array_like, optional
        Terrain clearance angle at the receiver (§11 (31)) and the transmitter's clearance
        angle over 15 km (§4.3 a)) [deg], from a terrain profile. With ``tca_deg`` the §11
        correction applies and, unless ``terrain_available`` says otherwise, §12 uses
        equation (34); both feed §13.
    dh_terrain_m : array_like, optional
        Terrain height at the transmitter minus that at the receiver [m] (§14 (37b)).
    terrain_available : bool, optional
        Whether terrain information is available (§3.1, §12). With it the location
        variability's standard deviation is that of equation (34) for the square ``wa_m``;
        without it the fixed values of §12 (urban and dense urban 8 dB, suburban 10 dB,
        rural 12 dB). Default: available when ``tca_deg`` is given.
    edition : str
        "P.1546-6".

    Returns
    -------
    P1546Result
        ``e_dbuv_m`` [dB(uV/m)] and ``lb_db`` [dB] (§17 (40): Lb = 139.3 - E + 20 log f, E for
        1 kW e.r.p.).

    Raises
    ------
    InvalidInput
        An input outside the range of the Recommendation, naming the field and the range.
    """
    check_edition(edition, EDITIONS)
    if ptx_ref not in ("erp", "eirp"):
        raise InvalidInput("ptx_ref", "must be 'erp' or 'eirp'")
    f = as_array(f_mhz, "f_mhz")
    check_range(f, "f_mhz", 30.0, 4000.0, unit="MHz")
    t = as_array(t_percent, "t_percent")
    check_range(t, "t_percent", 1.0, 50.0, unit="%")
    q = as_array(q_percent, "q_percent")
    check_range(q, "q_percent", 1.0, 99.0, unit="%")
    d = as_array(d_km, "d_km")
    check_range(d, "d_km", 0.0, 1000.0, unit="km", low_inclusive=False)
    h1 = as_array(h1_m, "h1_m")
    check_range(h1, "h1_m", None, 3000.0, unit="m")
    h2 = as_array(h2_m, "h2_m")
    check_range(h2, "h2_m", 1.0, None, unit="m")
    ds = as_array(d_sea_km, "d_sea_km")
    check_range(ds, "d_sea_km", 0.0, 1000.0, unit="km")
    ha = np.asarray(np.nan) if ha_m is None else as_array(ha_m, "ha_m")
    if ha_m is not None:
        check_range(ha, "ha_m", 0.0, 3000.0, unit="m", low_inclusive=False)
    r1 = as_array(r1_m, "r1_m")
    check_range(r1, "r1_m", *CLUTTER_HEIGHT_M, unit=CLUTTER_BOUND)
    r2 = as_array(r2_m, "r2_m")
    check_range(r2, "r2_m", *CLUTTER_HEIGHT_M, unit=CLUTTER_BOUND)
    wa = as_array(wa_m, "wa_m")
    check_range(wa, "wa_m", 0.0, None, unit="m", low_inclusive=False)
    p = as_array(ptx_kw, "ptx_kw")
    check_range(p, "ptx_kw", 0.0, None, unit="kW", low_inclusive=False)
    tca = np.asarray(np.nan) if tca_deg is None else as_array(tca_deg, "tca_deg")
    if tca_deg is not None:
        check_range(tca, "tca_deg", -90.0, 90.0, unit="deg")
    te1 = (
        np.asarray(np.nan) if theta_eff1_deg is None else as_array(theta_eff1_deg, "theta_eff1_deg")
    )
    if theta_eff1_deg is not None:
        check_range(te1, "theta_eff1_deg", -90.0, 90.0, unit="deg")
    dht = as_array(dh_terrain_m, "dh_terrain_m")
    area = _codes(rx_area, "rx_area", RX_AREAS)
    sea_code = _codes(sea, "sea", ZONES)
    if np.any(sea_code == _LAND):
        raise InvalidInput("sea", "must be 'cold_sea' or 'warm_sea'")
    terrain = np.asarray(tca_deg is not None if terrain_available is None else terrain_available)

    names = (
        "f_mhz", "t_percent", "q_percent", "d_km", "d_sea_km", "sea", "h1_m", "ha_m", "h2_m",
        "r1_m", "r2_m", "rx_area", "wa_m", "tca_deg", "theta_eff1_deg", "dh_terrain_m",
        "ptx_kw",
    )  # fmt: skip
    arrays = (f, t, q, d, ds, sea_code, h1, ha, h2, r1, r2, area, wa, tca, te1, dht, p)
    try:
        shape = np.broadcast_shapes(*(a.shape for a in arrays))
    except ValueError:
        shapes = ", ".join(f"{n}{a.shape}" for n, a in zip(names, arrays, strict=True))
        raise InvalidInput("f_mhz", f"shapes do not broadcast together: {shapes}") from None
    size = math.prod(shape)
    # scalars stay single values until a chunk broadcasts them (no million-element copies)
    flat = [
        a.reshape(1) if a.size == 1 and size != 1 else np.broadcast_to(a, shape).reshape(-1)
        for a in arrays
    ]
    (f, t, q, d, ds, sea_code, h1, ha, h2, r1, r2, area, wa, tca, te1, dht, p) = flat
    if np.any(ds > d):
        raise InvalidInput("d_sea_km", "must not exceed d_km")
    sea_rx = area == _SEA_AREA
    if np.any(sea_rx & (h2 < 3.0)):
        raise InvalidInput("h2_m", "must be >= 3 m for a receiver adjacent to sea (§9)")
    known_ha = np.isfinite(ha)
    ptx_db = 10.0 * np.log10(p) - (2.15 if ptx_ref == "eirp" else 0.0)
    inputs = (
        f, t, q, d, ds, sea_code.astype(np.intp), h1,
        np.where(known_ha, ha, 0.0), h2,
        np.where(known_ha, r1, 0.0), r2, area.astype(np.intp), wa, tca, te1,
        # without ha the slope-path terms vanish: antennas taken at equal heights
        np.where(known_ha, dht, h2), terrain.reshape(1), ptx_db,
    )  # fmt: skip
    out = _run_chunked(inputs, size)
    details = {key: value.reshape(shape) for key, value in out.items()}
    return P1546Result(e_dbuv_m=details["e"], lb_db=details["lb"], details=details)


# ---------------------------------------------------------------------------------------------
# Public API: a path described by its sections and, optionally, its terrain profile
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ProfileParameters:
    """What P.1546-6 takes from a terrain profile ordered from the transmitter.

    ``heff_m``: effective height (§3): ha plus the ground height at the transmitter minus the
    average ground height between 3 and 15 km (paths of 15 km or more) or between 0.2 d and d
    (shorter paths, hb of §3.1.2). ``tca_deg``: terrain clearance angle at the receiver over up
    to 16 km (§11 (31)). ``theta_eff1_deg``: the transmitter's clearance angle over up to
    15 km (§4.3 a)). ``htter_m``/``hrter_m``: terrain heights at the terminals (§14 (37b)).
    """

    heff_m: float
    tca_deg: float
    theta_eff1_deg: float
    htter_m: float
    hrter_m: float


def _average_ground(x: FloatArray, h: FloatArray, start: float, stop: float) -> float:
    """Trapezoidal mean of the profile points lying in [start, stop] (km from the Tx), as the
    ITU-R reference implementation takes it; the exact piecewise-linear mean when fewer than
    two points lie there."""
    inside = (x >= start) & (x <= stop)
    if np.count_nonzero(inside) >= 2:
        xs, hs = x[inside], h[inside]
        return float(np.sum((hs[1:] + hs[:-1]) * np.diff(xs)) / 2.0 / (xs[-1] - xs[0]))
    grid = np.linspace(start, stop, 64)
    hg = np.interp(grid, x, h)
    return float(np.sum((hg[1:] + hg[:-1]) * np.diff(grid)) / 2.0 / (grid[-1] - grid[0]))


def profile_parameters(
    d_km: npt.ArrayLike, h_m: npt.ArrayLike, *, ha_m: float, h2_m: float
) -> ProfileParameters:
    """Derive h_eff, tca, theta_eff1 and the terminal terrain heights from a terrain profile.

    Parameters
    ----------
    d_km : array_like
        Distances of the profile points from the transmitter [km], increasing.
    h_m : array_like
        Ground heights above sea level [m] at those points.
    ha_m, h2_m : float
        Antenna heights above ground [m] at the transmitter and the receiver.
    """
    x = as_array(d_km, "profile.d_km").reshape(-1)
    h = as_array(h_m, "profile.h_m").reshape(-1)
    if x.size != h.size:
        raise InvalidInput("profile", "d_km and h_m must have the same length")
    if x.size < 2:
        raise InvalidInput("profile", "needs at least two points")
    if np.any(np.diff(x) <= 0.0):
        raise InvalidInput("profile.d_km", "distances must increase strictly")
    x = x - x[0]
    length = float(x[-1])
    if length >= 15.0:
        h_av = _average_ground(x, h, 3.0, 15.0)  # §3.2
    else:
        h_av = _average_ground(x, h, 0.2 * length, length)  # §3.1.2 (hb)
    heff = ha_m + float(h[0]) - h_av
    # §11 (31): from the receiving antenna, over up to 16 km, not beyond the transmitter
    near_rx = (length - x <= 16.0) & (x < length)
    tca = float(
        np.max(
            np.degrees(np.arctan((h[near_rx] - h2_m - h[-1]) / (1000.0 * (length - x[near_rx]))))
        )
    )
    # §4.3 a): from the transmitting antenna, over up to 15 km, not beyond the receiver
    near_tx = (x <= 15.0) & (x > 0.0)
    theta_eff1 = float(
        np.max(np.degrees(np.arctan((h[near_tx] - ha_m - h[0]) / (1000.0 * x[near_tx]))))
    )
    return ProfileParameters(
        heff_m=heff,
        tca_deg=tca,
        theta_eff1_deg=theta_eff1,
        htter_m=float(h[0]),
        hrter_m=float(h[-1]),
    )


@dataclass(frozen=True)
class Section:
    """A stretch of the path, ordered from the transmitter: its zone and length."""

    zone: str
    d_km: float


@dataclass(frozen=True)
class P1546Case:
    """One point-to-area prediction, with the inputs named as the CLI and the API take them."""

    f_mhz: float
    t_percent: float
    ha_m: float
    h2_m: float
    sections: tuple[Section, ...]
    q_percent: float = 50.0
    ptx_kw: float = 1.0
    ptx_ref: Literal["erp", "eirp"] = "erp"
    h1_m: float | None = None
    heff_m: float | None = None
    hb_m: float | None = None
    terrain_available: bool | None = None
    r1_m: float = 0.0
    r2_m: float = 10.0
    rx_area: str = "rural"
    wa_m: float = 500.0
    profile_d_km: tuple[float, ...] | None = None
    profile_h_m: tuple[float, ...] | None = None
    edition: str = "P.1546-6"

    @property
    def d_km(self) -> float:
        return float(sum(s.d_km for s in self.sections))

    @property
    def has_terrain(self) -> bool:
        """Whether terrain information is available (§3.1, §12): as stated, else when a
        profile is given."""
        if self.terrain_available is not None:
            return self.terrain_available
        return self.profile_d_km is not None

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> P1546Case:
        """Read a case as a JSON object gives it; `InvalidInput` names a bad or missing field."""
        if not isinstance(data, Mapping):
            raise InvalidInput("case", "must be a JSON object")
        known = {
            "ptx_kw", "ptx_ref", "f_mhz", "t_percent", "q_percent", "ha_m", "h1_m", "heff_m",
            "h2_m", "r1_m", "r2_m", "rx_area", "wa_m", "sections", "profile", "edition",
            "hb_m", "terrain_available",
        }  # fmt: skip
        unknown = sorted(set(data) - known)
        if unknown:
            raise InvalidInput(unknown[0], "unknown field")

        def number(name: str, default: float | None = None, *, required: bool = False) -> Any:
            value = data.get(name)
            if value is None:
                if required:
                    raise InvalidInput(name, "required")
                return default
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise InvalidInput(name, f"must be a number, got {value!r}")
            if not math.isfinite(value):
                raise InvalidInput(name, "must be finite")
            return float(value)

        raw_sections = data.get("sections")
        if raw_sections is None:
            raise InvalidInput("sections", "required")
        if not isinstance(raw_sections, list) or not raw_sections:
            raise InvalidInput("sections", "must be a non-empty list of {zone, d_km}")
        sections = []
        for index, item in enumerate(raw_sections):
            where = f"sections[{index}]"
            if not isinstance(item, Mapping):
                raise InvalidInput(where, "must be an object {zone, d_km}")
            zone = item.get("zone")
            if zone not in ZONES:
                raise InvalidInput(f"{where}.zone", f"must be one of {', '.join(ZONES)}")
            length = item.get("d_km")
            if isinstance(length, bool) or not isinstance(length, int | float):
                raise InvalidInput(f"{where}.d_km", "must be a number")
            if not (math.isfinite(length) and length > 0.0):
                raise InvalidInput(f"{where}.d_km", "must be > 0 km")
            sections.append(Section(zone=str(zone), d_km=float(length)))
        profile = data.get("profile")
        profile_d = profile_h = None
        if profile is not None:
            if not isinstance(profile, Mapping) or set(profile) != {"d_km", "h_m"}:
                raise InvalidInput("profile", "must be an object {d_km: [...], h_m: [...]}")
            for key in ("d_km", "h_m"):
                values = profile[key]
                if not isinstance(values, list) or not all(
                    isinstance(v, int | float) and not isinstance(v, bool) for v in values
                ):
                    raise InvalidInput(f"profile.{key}", "must be a list of numbers")
            profile_d = tuple(float(v) for v in profile["d_km"])
            profile_h = tuple(float(v) for v in profile["h_m"])
        rx_area = data.get("rx_area", "rural")
        if rx_area not in RX_AREAS:
            raise InvalidInput("rx_area", f"must be one of {', '.join(RX_AREAS)}")
        ptx_ref = data.get("ptx_ref", "erp")
        if ptx_ref not in ("erp", "eirp"):
            raise InvalidInput("ptx_ref", "must be 'erp' or 'eirp'")
        terrain = data.get("terrain_available")
        if terrain is not None and not isinstance(terrain, bool):
            raise InvalidInput("terrain_available", "must be true or false")
        if terrain is False and profile is not None:
            raise InvalidInput("terrain_available", "a profile is terrain information: not false")
        edition = data.get("edition", "P.1546-6")
        if not isinstance(edition, str):
            raise InvalidInput("edition", "must be a string")
        check_edition(edition, EDITIONS)
        # the ranges of `field_strength`, checked per case so that a list names its case
        for name, low, high, unit, low_open in _CASE_RANGES:
            value = data.get(name)
            if isinstance(value, int | float) and not isinstance(value, bool):
                check_range(
                    np.asarray(float(value)), name, low, high, unit=unit, low_inclusive=not low_open
                )
        return cls(
            f_mhz=number("f_mhz", required=True),
            t_percent=number("t_percent", required=True),
            q_percent=number("q_percent", 50.0),
            ha_m=number("ha_m", required=True),
            h2_m=number("h2_m", required=True),
            ptx_kw=number("ptx_kw", 1.0),
            ptx_ref=ptx_ref,
            h1_m=number("h1_m"),
            heff_m=number("heff_m"),
            hb_m=number("hb_m"),
            terrain_available=terrain,
            r1_m=number("r1_m", 0.0),
            r2_m=number("r2_m", 10.0),
            rx_area=str(rx_area),
            wa_m=number("wa_m", 500.0),
            sections=tuple(sections),
            profile_d_km=profile_d,
            profile_h_m=profile_h,
            edition=edition,
        )


_CASE_RANGES: Final = (
    ("f_mhz", 30.0, 4000.0, "MHz", False),
    ("t_percent", 1.0, 50.0, "%", False),
    ("q_percent", 1.0, 99.0, "%", False),
    ("ha_m", 0.0, 3000.0, "m", True),
    ("h1_m", None, 3000.0, "m", False),
    ("heff_m", None, 3000.0, "m", False),
    ("hb_m", None, 3000.0, "m", False),
    ("h2_m", 1.0, None, "m", False),
    ("r1_m", 0.0, None, "m", False),
    ("r2_m", 0.0, None, "m", False),
    ("wa_m", 0.0, None, "m", True),
    ("ptx_kw", 0.0, None, "kW", True),
)


@dataclass(frozen=True)
class _PathInputs:
    h1_m: float
    d_sea_km: float
    sea: str
    tca_deg: float
    theta_eff1_deg: float
    dh_terrain_m: float
    has_profile: bool
    terrain: bool


def _path_inputs(case: P1546Case) -> _PathInputs:
    """§3 h1, §8 zones and the profile angles of one case."""
    d = case.d_km
    if d > 1000.0:
        raise InvalidInput("sections", f"the path must not exceed 1000 km (got {d:g} km)")
    d_sea = sum(s.d_km for s in case.sections if s.zone != "land")
    # §8: where both cold and warm sea appear, all sea counts as warm
    sea = "warm_sea" if any(s.zone == "warm_sea" for s in case.sections) else "cold_sea"
    if case.ha_m <= 0.0:
        raise InvalidInput("ha_m", f"must be > 0 m (got {case.ha_m:g})")
    if case.profile_d_km is not None and case.profile_h_m is not None:
        params = profile_parameters(
            case.profile_d_km, case.profile_h_m, ha_m=case.ha_m, h2_m=case.h2_m
        )
        span = case.profile_d_km[-1] - case.profile_d_km[0]
        if abs(span - d) > max(0.01 * d, 0.001):
            raise InvalidInput("profile", f"spans {span:g} km but the sections add up to {d:g} km")
        h1 = params.heff_m if case.h1_m is None else case.h1_m
        return _PathInputs(
            h1_m=h1,
            d_sea_km=d_sea,
            sea=sea,
            tca_deg=params.tca_deg,
            theta_eff1_deg=params.theta_eff1_deg,
            dh_terrain_m=params.htter_m - params.hrter_m,
            has_profile=True,
            terrain=True,
        )
    return _PathInputs(
        h1_m=_h1_without_profile(case, d, land=d_sea < d),
        d_sea_km=d_sea,
        sea=sea,
        tca_deg=math.nan,
        theta_eff1_deg=math.nan,
        dh_terrain_m=0.0,
        has_profile=False,
        terrain=case.has_terrain,
    )


def _h1_without_profile(case: P1546Case, d: float, *, land: bool) -> float:
    """§3 h1 from the heights a case gives. A land or mixed path (§8: sea taken as land)
    shorter than 15 km takes §3.1.1 without terrain information, (4) ha up to 3 km and (5)
    beyond, and §3.1.2 (6) hb with it; longer land paths §3.2 (7) heff; sea paths §3.3 heff
    (the antenna's height above the sea)."""
    if case.h1_m is not None:
        return case.h1_m
    if land and d < 15.0:
        if case.has_terrain:
            if case.hb_m is None:
                raise InvalidInput(
                    "hb_m", "with terrain information and no profile, give hb_m (§3.1.2) or h1_m"
                )
            return case.hb_m
        if d <= 3.0:
            return case.ha_m
        if case.heff_m is not None:
            return case.ha_m + (case.heff_m - case.ha_m) * (d - 3.0) / 12.0
    if case.heff_m is None:
        raise InvalidInput("h1_m", "give h1_m, heff_m or a profile to determine h1 (§3)")
    return case.heff_m


def p1546_cases(cases: Sequence[P1546Case], *, details: bool = False) -> list[dict[str, float]]:
    """Evaluate many cases, vectorised per group; one ``{"e_dbuv_m", "lb_db"}`` per case.

    With ``details`` each result also holds h1 and the kernel's intermediate values
    (``emax``, ``e_path``, ``e_ts``, the corrections, ``r_prime``)."""
    paths = [_path_inputs(case) for case in cases]
    groups: dict[tuple[str, bool, bool], list[int]] = {}
    for index, (case, path) in enumerate(zip(cases, paths, strict=True)):
        groups.setdefault((case.ptx_ref, path.has_profile, path.terrain), []).append(index)
    out: list[dict[str, float]] = [{} for _ in cases]
    for (ref, has_profile, terrain), members in groups.items():
        cs = [cases[i] for i in members]
        ps = [paths[i] for i in members]

        def col(values: Sequence[float]) -> FloatArray:
            return np.asarray(values, dtype=np.float64)

        result = field_strength(
            col([c.f_mhz for c in cs]),
            col([c.t_percent for c in cs]),
            col([c.d_km for c in cs]),
            col([p.h1_m for p in ps]),
            col([c.h2_m for c in cs]),
            q_percent=col([c.q_percent for c in cs]),
            d_sea_km=col([p.d_sea_km for p in ps]),
            sea=[p.sea for p in ps],
            ha_m=col([c.ha_m for c in cs]),
            r1_m=col([c.r1_m for c in cs]),
            r2_m=col([c.r2_m for c in cs]),
            rx_area=[c.rx_area for c in cs],
            wa_m=col([c.wa_m for c in cs]),
            ptx_kw=col([c.ptx_kw for c in cs]),
            ptx_ref="eirp" if ref == "eirp" else "erp",
            tca_deg=col([p.tca_deg for p in ps]) if has_profile else None,
            theta_eff1_deg=col([p.theta_eff1_deg for p in ps]) if has_profile else None,
            dh_terrain_m=col([p.dh_terrain_m for p in ps]),
            terrain_available=terrain,
        )
        for j, i in enumerate(members):
            out[i] = {"e_dbuv_m": float(result.e_dbuv_m[j]), "lb_db": float(result.lb_db[j])}
            if details:
                out[i]["h1_m"] = ps[j].h1_m
                out[i].update({k: float(v[j]) for k, v in result.details.items()})
    return out


def p1546_path(case: P1546Case | Mapping[str, Any]) -> dict[str, float]:
    """One case (a `P1546Case` or its JSON mapping): ``{"e_dbuv_m", "lb_db"}``."""
    if not isinstance(case, P1546Case):
        case = P1546Case.from_mapping(case)
    return p1546_cases([case])[0]


#: Names under which `openitu.api` exports this module's entry points.
p1546_field_strength = field_strength
p1546_profile_parameters = profile_parameters
