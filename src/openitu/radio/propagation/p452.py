"""ITU-R P.452-18: prediction of interference between stations on the Earth's surface
at frequencies above about 0.1 GHz (clear-air mechanisms).

The whole method of Annex 1, with the path-profile analysis of Attachment 2:

- line of sight with multipath and focusing (§4.1, eqs. (8)-(12)),
- diffraction by the delta-Bullington method (§4.2: Bullington eqs. (13)-(22),
  spherical Earth eqs. (23)-(37), delta-Bullington eqs. (38)-(40), the percentage
  interpolation eqs. (41)-(42)),
- tropospheric scatter (§4.3, eq. (45)),
- ducting and layer reflection (§4.4, eqs. (46)-(56)),
- the overall combination of §4.5 (eqs. (57)-(64)), giving the basic transmission loss
  not exceeded for p % of the time,
- gaseous attenuation (eq. (9), with ρ = 7.5 + 2.5ω g/m³, and 3 g/m³ for
  troposcatter) from the line-by-line method of Rec. ITU-R P.676 Annex 1 with the
  spectroscopic tables of P.676-11, as the ITU-R reference implementation that produced
  the validation set does (P.676 Annex 2's approximation is not used: at 1013 hPa,
  15 °C and 7.5 g/m³ it differs from Annex 1 by 0.02 dB per 100 km at 26 GHz and
  0.08 dB at 50 GHz, beyond the validation's 0.01 dB on the longer paths),
- clutter as P.452-18 models it: the *radio profile* g_i = h_i + R_i adds the
  representative clutter height R_i of each point to the terrain except within 50 m of
  either terminal; the diffraction model runs on g, while the profile analysis of
  Attachment 2 (horizons, smooth Earth, roughness) and the Fj slope of §4.5 run on the
  bare terrain h (as the ITU-R reference implementation and the validation set do).

Held case by case against the ITU-R reference implementation (eeveetza/Py452) over the
whole domain by scripts/validate_p452.py; docs/radio.md gives the figures and the few
places where the two differ.

Layout (pycraf's split, vectorised further): `_p452_kernel` works on float arrays in
fixed units (GHz, %, km, m, mrad) for N paths at once, the terrain profiles padded to a
common length M; the public `p452_basic_loss` checks the inputs, broadcasts them, sorts
the paths by profile length into cache-sized blocks and returns a frozen `P452Result`.
No loop runs over single paths: per-point quantities are (rows, M) arrays, maxima over
the profile are row reductions, and the branches of the Recommendation are
`numpy.where` selections.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Final

import numpy as np
import numpy.typing as npt

from openitu.errors import InvalidInput
from openitu.radio.checks import FloatArray, as_array, check_edition, check_range, checked

__all__ = [
    "EDITIONS",
    "P452Result",
    "PathProfile",
    "p452_basic_loss",
    "smooth_earth_profile",
]

EDITIONS: Final = ("P.452-18",)

BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.intp]

# Validity of P.452-18 (§1 of Annex 1; the same limits as the ITU-R reference code).
F_GHZ_RANGE: Final = (0.1, 50.0)
P_PERCENT_RANGE: Final = (0.001, 50.0)

# Physical bounds on the inputs (P.452 states none; these keep every loss finite): a
# great-circle path is at most half the Earth's circumference, terrain lies between the
# Dead Sea shore and Everest, antennas stand on the surface.
MAX_PATH_KM: Final = 20_000.0
TERRAIN_HEIGHT_RANGE_M: Final = (-1_000.0, 10_000.0)
CLUTTER_HEIGHT_RANGE_M: Final = (0.0, 1_000.0)
ANTENNA_HEIGHT_MAX_M: Final = 10_000.0
ANTENNA_HEIGHT_MIN_M: Final = 0.1
GAIN_RANGE_DBI: Final = (-100.0, 100.0)

_PHYSICAL_M: Final = "m (physical bound: P.452-18 states none)"

EARTH_RADIUS_KM: Final = 6371.0  # eq. (6a)
K_BETA: Final = 3.0  # eq. (6b): effective Earth-radius factor exceeded for β0 % of time
WAVELENGTH_FACTOR: Final = 0.2998  # λ [m] = 0.2998 / f [GHz], as the Recommendation writes it
CLUTTER_FREE_ZONE_KM: Final = 0.05  # Step 4: g_i = h_i within 50 m of either terminal
ZONE_COASTAL_LAND: Final = 1  # A1
ZONE_INLAND: Final = 2  # A2
ZONE_SEA: Final = 3  # B
OMEGA_ROUNDING: Final = 1e-9  # allowance at the ω >= 0.75 test of eq. (49a)
_BLOCK_ELEMENTS: Final = 1 << 16  # profile points per kernel call (cache-sized blocks)


@cache
def _p676_11_lines(name: str) -> FloatArray:
    """Rec. ITU-R P.676-11 Annex 1, Table 1 (``"oxygen"``: f0 [GHz], a1..a6) or Table 2
    (``"water_vapour"``: f0 [GHz], b1..b6), the edition the ITU-R reference implementation
    of P.452-18 uses, as ITU-Rpy (itur 0.4.0, MIT, a dependency) ships them. Found without
    importing itur (its import changes numpy's error state for the whole process)."""
    spec = importlib.util.find_spec("itur")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the itur package (P.676-11 line tables) is not installed")
    table = Path(next(iter(spec.submodule_search_locations))) / f"data/676/v11_lines_{name}.txt"
    return np.asarray(np.loadtxt(table, delimiter=",", skiprows=1, dtype=np.float64))


# ---------------------------------------------------------------------------------------
# Gaseous attenuation: Rec. ITU-R P.676-11 Annex 1 (line by line), as P.452-18 eq. (9).
# ---------------------------------------------------------------------------------------


def _specific_attenuation_db_km(
    f_ghz: FloatArray, pressure_hpa: FloatArray, rho_g_m3: FloatArray, temperature_k: FloatArray
) -> FloatArray:
    """γo + γw [dB/km], P.676-11 Annex 1 eqs. (1)-(9), for 1-D arrays of equal length.

    The line strengths and widths depend on the atmosphere (p, ρ, T) only, not on f:
    they are computed once per distinct atmosphere, and only the line shapes per path.
    """
    atmosphere = np.stack([pressure_hpa, rho_g_m3, temperature_k], axis=1)
    if np.all(atmosphere == atmosphere[:1]):  # one atmosphere for the whole batch
        unique, inverse = atmosphere[:1], np.zeros(len(atmosphere), dtype=np.intp)
    else:
        unique, inverse = np.unique(atmosphere, axis=0, return_inverse=True)
        inverse = inverse.reshape(-1)
    p = unique[:, 0:1]
    temperature = unique[:, 2:3]
    theta = 300.0 / temperature
    e = unique[:, 1:2] * temperature / 216.7  # water-vapour partial pressure, eq. (4)

    ox = _p676_11_lines("oxygen")
    fo, a1, a2, a3, a4, a5, a6 = (ox[:, k] for k in range(7))
    s_o = a1 * 1e-7 * p * theta**3 * np.exp(a2 * (1.0 - theta))  # eq. (3)
    df_o = a3 * 1e-4 * (p * theta ** (0.8 - a4) + 1.1 * e * theta)  # eq. (6a)
    df_o = np.sqrt(df_o * df_o + 2.25e-6)  # eq. (6b): Zeeman splitting of oxygen lines
    delta_o = (a5 + a6 * theta) * 1e-4 * (p + e) * theta**0.8  # eq. (7)
    dd = 5.6e-4 * (p + e) * theta**0.8  # eq. (9): width parameter of the Debye spectrum
    nd_a = p * theta**2  # eq. (8) factors
    nd_b = 1.4e-12 * p * theta**1.5

    wv = _p676_11_lines("water_vapour")
    fw, b1, b2, b3, b4, b5, b6 = (wv[:, k] for k in range(7))
    s_w = b1 * 1e-1 * e * theta**3.5 * np.exp(b2 * (1.0 - theta))  # eq. (3)
    df_w = b3 * 1e-4 * (p * theta**b4 + b5 * e * theta**b6)  # eq. (6a)
    df_w = 0.535 * df_w + np.sqrt(0.217 * df_w * df_w + 2.1316e-12 * fw * fw / theta)  # (6b)

    f = f_ghz[:, None]
    s_o, df_o, delta_o, s_w, df_w = (a[inverse] for a in (s_o, df_o, delta_o, s_w, df_w))
    dd, nd_a, nd_b = (a[inverse, 0] for a in (dd, nd_a, nd_b))
    dfo2 = df_o * df_o
    shape_o = (f / fo) * (
        (df_o - delta_o * (fo - f)) / ((fo - f) ** 2 + dfo2)
        + (df_o - delta_o * (fo + f)) / ((fo + f) ** 2 + dfo2)
    )  # eq. (5)
    f1 = f_ghz
    nd = f1 * nd_a * (6.14e-5 / (dd * (1.0 + (f1 / dd) ** 2)) + nd_b / (1.0 + 1.9e-5 * f1**1.5))
    gamma_o = 0.182 * f1 * (np.sum(s_o * shape_o, axis=1) + nd)  # eqs. (1), (2), (8)
    dfw2 = df_w * df_w
    shape_w = (f / fw) * (df_w / ((fw - f) ** 2 + dfw2) + df_w / ((fw + f) ** 2 + dfw2))
    gamma_w = 0.182 * f1 * np.sum(s_w * shape_w, axis=1)
    return np.asarray(gamma_o + gamma_w)


# ---------------------------------------------------------------------------------------
# Small helpers of Annex 1.
# ---------------------------------------------------------------------------------------


def _inv_cum_norm(x: FloatArray) -> FloatArray:
    """I(x): the approximation to the inverse complementary cumulative normal
    distribution of Attachment 3 to Annex 1, eq. (172) (valid for 1e-6 <= x <= 0.5)."""
    x = np.maximum(x, 1e-6)
    tx = np.sqrt(-2.0 * np.log(x))  # eq. (172a)
    c0, c1, c2 = 2.515516698, 0.802853, 0.010328  # eqs. (172c)-(172e)
    d1, d2, d3 = 1.432788, 0.189269, 0.001308  # eqs. (172f)-(172h)
    xi = ((c2 * tx + c1) * tx + c0) / (((d3 * tx + d2) * tx + d1) * tx + 1.0)  # eq. (172b)
    return np.asarray(xi - tx)


# The maxima over "interior points" (1 <= i <= n-2) of Annex 1 and Attachment 2 are
# taken over whole rows, without a mask: every quantity maximised is built so that the
# terminals (and the padding, which repeats the last point) cannot win. At a terminal the
# terrain lies an antenna height (> 0, checked) below the antenna, so the slopes and ν
# there are -inf (a negative number times 1/0) and the elevation angles fall below the
# direct-path angles θtd, θrd that they are compared with; hobs, αobt and αobr only
# matter when an interior point is above the direct path, which the terminals never are.
# This halves the passes over the (N, M) arrays.


def _row_max(values: FloatArray) -> FloatArray:
    return np.asarray(values.max(axis=1))


def _masked_max(values: FloatArray, mask: BoolArray) -> FloatArray:
    return np.asarray(np.where(mask, values, -np.inf).max(axis=1))


def _first_argmax(values: FloatArray) -> IntArray:
    return np.asarray(np.argmax(values, axis=1))


def _last_argmax(values: FloatArray) -> IntArray:
    return np.asarray(values.shape[1] - 1 - np.argmax(values[:, ::-1], axis=1))


def _longest_run_km(cell_km: FloatArray, member: BoolArray) -> FloatArray:
    """Longest continuous section whose points are members (dtm, dlm of §3.2.1)."""
    cum = np.cumsum(np.where(member, cell_km, 0.0), axis=1)
    # Cumulated length at the last non-member point at or before each point: the run
    # ending at a member point is what was added since.
    reset = np.maximum.accumulate(np.where(member, 0.0, cum), axis=1)
    return np.asarray(np.max(np.where(member, cum - reset, 0.0), axis=1))


def _knife_edge_db(nu: FloatArray) -> FloatArray:
    """J(ν), eq. (13); zero for ν <= -0.78."""
    with np.errstate(invalid="ignore"):
        loss = 6.9 + 20.0 * np.log10(np.sqrt((nu - 0.1) ** 2 + 1.0) + nu - 0.1)
    return np.asarray(np.where(nu > -0.78, loss, 0.0))


# ---------------------------------------------------------------------------------------
# Diffraction (§4.2).
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _PathGeometry:
    """Per-point geometry shared by every Bullington evaluation of a batch."""

    d: FloatArray  # (N, M) distances [km]
    dtot: FloatArray  # (N, 1)
    inv_d: FloatArray  # (N, M) 1/d_i (inf at the interferer)
    inv_dr: FloatArray  # (N, M) 1/(dtot - d_i) (inf at the victim and in the padding)
    d_dr: FloatArray  # (N, M) d_i (dtot - d_i)
    nu_scale: FloatArray  # (N, M) sqrt(dtot / (d_i (dtot - d_i))): ν = this * sqrt(0.002/λ) * h


def _bullington_db(
    geo: _PathGeometry,
    heights_m: FloatArray | None,
    hts: FloatArray,
    hrs: FloatArray,
    ap_km: FloatArray,
    lam_m: FloatArray,
) -> FloatArray:
    """Bullington part of the diffraction loss, §4.2.1 eqs. (14)-(22).

    ``heights_m`` None stands for the zero-height profile of the smooth path (eq. (38)).
    """
    dtot = geo.dtot[:, 0]
    bulge = (500.0 / ap_km)[:, None] * geo.d_dr  # 500 Ce d (dtot - d): Earth curvature
    top = bulge if heights_m is None else heights_m + bulge
    above_t = top - hts[:, None]
    stim = _row_max(above_t * geo.inv_d)  # eq. (14)
    str_ = (hrs - hts) / dtot  # eq. (15)
    srim = _row_max((top - hrs[:, None]) * geo.inv_dr)  # eq. (18)
    # eq. (16): ν of each point over the direct line; the positive per-path factor
    # sqrt(0.002/λ) comes out of the maximum.
    above_line = above_t - (str_[:, None] * geo.d)
    numax = _row_max(above_line * geo.nu_scale) * np.sqrt(0.002 / lam_m)
    with np.errstate(divide="ignore", invalid="ignore"):
        dbp = (hrs - hts + srim * dtot) / (stim + srim)  # eq. (19)
        nub = (hts + stim * dbp - (hts * (dtot - dbp) + hrs * dbp) / dtot) * np.sqrt(
            0.002 * dtot / (lam_m * dbp * (dtot - dbp))
        )  # eq. (20)
    nu = np.where(stim < str_, numax, nub)
    luc = _knife_edge_db(nu)  # eqs. (17), (21)
    return np.asarray(luc + (1.0 - np.exp(-luc / 6.0)) * (10.0 + 0.02 * dtot))  # eq. (22)


def _first_term_db(
    eps_r: float,
    sigma: float,
    d_km: FloatArray,
    hte_m: FloatArray,
    hre_m: FloatArray,
    adft_km: FloatArray,
    f_ghz: FloatArray,
    vertical: BoolArray,
) -> FloatArray:
    """First-term spherical-Earth diffraction loss, §4.2.2.1 eqs. (30)-(37)."""
    k_h = (
        0.036
        * (adft_km * f_ghz) ** (-1.0 / 3.0)
        * ((eps_r - 1.0) ** 2 + (18.0 * sigma / f_ghz) ** 2) ** (-0.25)
    )  # eq. (30a)
    k = np.where(vertical, k_h * np.sqrt(eps_r**2 + (18.0 * sigma / f_ghz) ** 2), k_h)  # (30b)
    k2 = k * k
    beta = (1.0 + 1.6 * k2 + 0.67 * k2 * k2) / (1.0 + 4.5 * k2 + 1.53 * k2 * k2)  # eq. (31)
    x = 21.88 * beta * (f_ghz / adft_km**2) ** (1.0 / 3.0) * d_km  # eq. (32)
    y_factor = 0.9575 * beta * (f_ghz**2 / adft_km) ** (1.0 / 3.0)  # eq. (33)
    with np.errstate(divide="ignore", invalid="ignore"):
        fx = np.where(
            x >= 1.6,
            11.0 + 10.0 * np.log10(x) - 17.6 * x,
            -20.0 * np.log10(x) - 5.6488 * x**1.425,
        )  # eq. (34)
        floor = 2.0 + 20.0 * np.log10(k)  # eq. (35) lower limit of G(Y)

        def height_gain(y: FloatArray) -> FloatArray:
            b = beta * y  # eq. (36)
            g = np.where(
                b > 2.0,
                17.6 * np.sqrt(b - 1.1) - 5.0 * np.log10(b - 1.1) - 8.0,
                20.0 * np.log10(b + 0.1 * b**3),
            )  # eq. (35)
            return np.asarray(np.maximum(g, floor))

        return np.asarray(
            -fx - height_gain(y_factor * hte_m) - height_gain(y_factor * hre_m)
        )  # eq. (37)


def _first_term_mixed_db(
    d_km: FloatArray,
    hte_m: FloatArray,
    hre_m: FloatArray,
    adft_km: FloatArray,
    f_ghz: FloatArray,
    omega: FloatArray,
    vertical: BoolArray,
) -> FloatArray:
    """eq. (29): land (εr 22, σ 0.003 S/m) and sea (εr 80, σ 5 S/m) weighted by ω."""
    all_land = not np.any(omega > 0.0)
    all_sea = not np.any(omega < 1.0)
    land = (
        None
        if all_sea
        else _first_term_db(22.0, 0.003, d_km, hte_m, hre_m, adft_km, f_ghz, vertical)
    )
    sea = (
        None
        if all_land
        else _first_term_db(80.0, 5.0, d_km, hte_m, hre_m, adft_km, f_ghz, vertical)
    )
    if sea is None:
        assert land is not None
        return land
    if land is None:
        return sea
    return np.asarray(omega * sea + (1.0 - omega) * land)


def _spherical_earth_db(
    d_km: FloatArray,
    hte_m: FloatArray,
    hre_m: FloatArray,
    ap_km: FloatArray,
    f_ghz: FloatArray,
    omega: FloatArray,
    vertical: BoolArray,
) -> FloatArray:
    """Spherical-Earth diffraction loss Ldsph, §4.2.2 eqs. (23)-(29)."""
    lam = WAVELENGTH_FACTOR / f_ghz
    dlos = np.sqrt(2.0 * ap_km) * (np.sqrt(0.001 * hte_m) + np.sqrt(0.001 * hre_m))  # (23)
    beyond = d_km >= dlos
    with np.errstate(divide="ignore", invalid="ignore"):
        c = (hte_m - hre_m) / (hte_m + hre_m)  # eq. (25d)
        m = 250.0 * d_km * d_km / (ap_km * (hte_m + hre_m))  # eq. (25e)
        arg = np.clip(1.5 * c * np.sqrt(3.0 * m / (m + 1.0) ** 3), -1.0, 1.0)
        b = 2.0 * np.sqrt((m + 1.0) / (3.0 * m)) * np.cos(np.pi / 3.0 + np.arccos(arg) / 3.0)
        dse1 = 0.5 * d_km * (1.0 + b)  # eq. (25a)
        dse2 = d_km - dse1  # eq. (25b)
        hse = (
            (hte_m - 500.0 * dse1 * dse1 / ap_km) * dse2
            + (hre_m - 500.0 * dse2 * dse2 / ap_km) * dse1
        ) / d_km  # eq. (24)
        hreq = 17.456 * np.sqrt(dse1 * dse2 * lam / d_km)  # eq. (26)
        aem = 500.0 * (d_km / (np.sqrt(hte_m) + np.sqrt(hre_m))) ** 2  # eq. (27)
    # One first-term evaluation per path: at ap beyond the marginal LoS distance, at aem
    # (eq. (27)) within it.
    adft = np.where(beyond, ap_km, aem)
    ldft = _first_term_mixed_db(d_km, hte_m, hre_m, adft, f_ghz, omega, vertical)
    within = np.where(hse > hreq, 0.0, (1.0 - hse / hreq) * np.maximum(ldft, 0.0))  # (28)
    return np.asarray(np.where(beyond, ldft, within))


def _delta_bullington_db(
    geo: _PathGeometry,
    g_m: FloatArray,
    hts: FloatArray,
    hrs: FloatArray,
    hstd: FloatArray,
    hsrd: FloatArray,
    ap_km: FloatArray,
    f_ghz: FloatArray,
    omega: FloatArray,
    vertical: BoolArray,
) -> tuple[FloatArray, FloatArray]:
    """Delta-Bullington loss Ld, §4.2.3 eqs. (38)-(40); returns (Ld, Ldsph)."""
    lam = WAVELENGTH_FACTOR / f_ghz
    lbulla = _bullington_db(geo, g_m, hts, hrs, ap_km, lam)
    hts1 = hts - hstd  # eq. (38a)
    hrs1 = hrs - hsrd  # eq. (38b)
    lbulls = _bullington_db(geo, None, hts1, hrs1, ap_km, lam)
    ldsph = _spherical_earth_db(geo.dtot[:, 0], hts1, hrs1, ap_km, f_ghz, omega, vertical)
    return np.asarray(lbulla + np.maximum(ldsph - lbulls, 0.0)), ldsph  # eq. (40)


# ---------------------------------------------------------------------------------------
# The kernel.
# ---------------------------------------------------------------------------------------


def _p452_kernel(
    f_ghz: FloatArray,
    p_percent: FloatArray,
    d_km: FloatArray,
    h_m: FloatArray,
    g_m: FloatArray,
    zone: IntArray,
    n_points: IntArray,
    htg_m: FloatArray,
    hrg_m: FloatArray,
    phit_e: FloatArray,
    phit_n: FloatArray,
    phir_e: FloatArray,
    phir_n: FloatArray,
    gt_dbi: FloatArray,
    gr_dbi: FloatArray,
    vertical: BoolArray,
    dct_km: FloatArray,
    dcr_km: FloatArray,
    pressure_hpa: FloatArray,
    temperature_c: FloatArray,
    dn: FloatArray,
    n0: FloatArray,
) -> dict[str, FloatArray]:
    """P.452-18 for N paths. Per-path inputs are (N,); profiles are (N, M), padded past
    ``n_points`` with the last valid point (distance, heights and zone repeated), which
    makes padding inert in every sum and cell length. ``g_m`` is the radio profile."""
    n, width = d_km.shape
    rows = np.arange(n)
    last = n_points - 1
    idx = np.arange(width)[None, :]
    dtot = d_km[rows, last]
    dtot2 = dtot[:, None]
    h0 = h_m[:, 0]
    hn = h_m[rows, last]
    hts = h0 + htg_m  # antenna heights above mean sea level
    hrs = hn + hrg_m

    with np.errstate(divide="ignore", invalid="ignore"):
        inv_d = 1.0 / d_km
        inv_dr = 1.0 / (dtot2 - d_km)
        nu_scale = np.sqrt(dtot2 * inv_d * inv_dr)
    geo = _PathGeometry(
        d=d_km,
        dtot=dtot2,
        inv_d=inv_d,
        inv_dr=inv_dr,
        d_dr=d_km * (dtot2 - d_km),
        nu_scale=nu_scale,
    )

    # --- Radio-meteorology (§3.2.1, §4.3): β0, effective Earth radius, zones. ---------
    ae = EARTH_RADIUS_KM * 157.0 / (157.0 - dn)  # eqs. (5), (6a)
    ab = np.full_like(ae, EARTH_RADIUS_KM * K_BETA)  # eq. (6b)
    first_zone = zone[:, 0]
    if np.all(zone == first_zone[:, None]):
        # One zone along every path (the usual case): the sections are whole or empty.
        omega = np.where(first_zone == ZONE_SEA, 1.0, 0.0)
        dtm = np.where(first_zone != ZONE_SEA, dtot, 0.0)
        dlm = np.where(first_zone == ZONE_INLAND, dtot, 0.0)
    else:
        d_prev = np.concatenate([d_km[:, :1], d_km[:, :-1]], axis=1)
        d_next = np.concatenate([d_km[:, 1:], d_km[:, -1:]], axis=1)
        cell = 0.5 * (d_next - d_prev)  # each point stands for half of each adjacent interval
        omega = np.sum(np.where(zone == ZONE_SEA, cell, 0.0), axis=1) / dtot
        dtm = _longest_run_km(cell, zone != ZONE_SEA)  # longest continuous land section
        dlm = _longest_run_km(cell, zone == ZONE_INLAND)  # longest continuous inland section
    phim_n = _midpoint_latitude_deg(phit_e, phit_n, phir_e, phir_n, 0.5 * dtot)
    tau = 1.0 - np.exp(-4.12e-4 * dlm**2.41)  # eq. (3a)
    mu1 = np.minimum(
        (10.0 ** (-dtm / (16.0 - 6.6 * tau)) + 10.0 ** (-5.0 * (0.496 + 0.354 * tau))) ** 0.2,
        1.0,
    )  # eq. (3)
    lat = np.abs(phim_n)
    mu4 = np.where(
        lat <= 70.0,
        10.0 ** ((-0.935 + 0.0176 * lat) * np.log10(mu1)),
        10.0 ** (0.3 * np.log10(mu1)),
    )  # eq. (4)
    b0 = np.where(lat <= 70.0, 10.0 ** (-0.015 * lat + 1.67), 4.17) * mu1 * mu4  # eq. (2)

    # --- Attachment 2 §5.1: path profile analysis on the bare terrain h. -------------
    dd = np.diff(d_km, axis=1)
    v1 = np.sum(dd * (h_m[:, 1:] + h_m[:, :-1]), axis=1)  # eq. (161)
    v2 = np.sum(
        dd
        * (
            h_m[:, 1:] * (2.0 * d_km[:, 1:] + d_km[:, :-1])
            + h_m[:, :-1] * (d_km[:, 1:] + 2.0 * d_km[:, :-1])
        ),
        axis=1,
    )  # eq. (162)
    hst = (2.0 * v1 * dtot - v2) / dtot**2  # eq. (163)
    hsr = (v2 - v1 * dtot) / dtot**2  # eq. (164)

    los_line = (hts[:, None] * (dtot2 - d_km) + hrs[:, None] * d_km) / dtot2
    hh = h_m - los_line  # eq. (165d)
    hobs = _row_max(hh)  # eq. (165a)
    alpha_obt = _row_max(hh * inv_d)  # eq. (165b)
    alpha_obr = _row_max(hh * inv_dr)  # eq. (165c)
    with np.errstate(divide="ignore", invalid="ignore"):
        gt = alpha_obt / (alpha_obt + alpha_obr)  # eq. (166e)
        gr = alpha_obr / (alpha_obt + alpha_obr)  # eq. (166f)
    hstp = np.where(hobs <= 0.0, hst, hst - hobs * gt)  # eqs. (166a), (166c)
    hsrp = np.where(hobs <= 0.0, hsr, hsr - hobs * gr)  # eqs. (166b), (166d)
    hstd = np.where(hstp >= h0, h0, hstp)  # eq. (167a/b)
    hsrd = np.where(hsrp > hn, hn, hsrp)  # eq. (167c/d)

    ae2 = ae[:, None]
    # Elevation angles of the profile points seen from each antenna, eqs. (152), (157);
    # arctan is increasing, so the horizon point is found on its argument and only the
    # maximum goes through arctan.
    tan_t = (h_m - hts[:, None]) * inv_d / 1000.0 - d_km / (2.0 * ae2)
    lt_th = _first_argmax(tan_t)
    theta_max = 1000.0 * np.arctan(tan_t[rows, lt_th])  # eq. (152)
    theta_td = 1000.0 * np.arctan((hrs - hts) / (1000.0 * dtot) - dtot / (2.0 * ae))  # (153)
    theta_rd = 1000.0 * np.arctan((hts - hrs) / (1000.0 * dtot) - dtot / (2.0 * ae))  # (156a)
    trans_horizon = np.maximum(theta_max, theta_td) > theta_td  # eq. (150)
    tan_r = (h_m - hrs[:, None]) * inv_dr / 1000.0 - (dtot2 - d_km) / (2.0 * ae2)
    lr_th = _last_argmax(tan_r)
    theta_rmax = 1000.0 * np.arctan(tan_r[rows, lr_th])  # eq. (157)

    # LoS path: dlt and dlr go to the Bullington point of the 50 % diffraction profile,
    # the interior point of largest ν (eq. (16) on the terrain, ae).
    # (the positive factor sqrt(0.002/λ) of ν does not move the maximum)
    l_bp = _last_argmax((hh + (500.0 / ae2) * geo.d_dr) * nu_scale)
    lt = np.where(trans_horizon, lt_th, l_bp)
    lr = np.where(trans_horizon, lr_th, l_bp)
    dlt = d_km[rows, lt]  # eq. (155)
    dlr = dtot - d_km[rows, lr]  # eq. (158)
    theta_t = np.where(trans_horizon, np.maximum(theta_max, theta_td), theta_td)  # (154)
    theta_r = np.where(trans_horizon, np.maximum(theta_rmax, theta_rd), theta_rd)  # (156)
    theta = 1e3 * dtot / ae + theta_t + theta_r  # eq. (159)

    # §5.1.6.4: smooth-Earth surface for the ducting model and the roughness hm.
    hst_d = np.minimum(hst, h0)  # eq. (168a)
    hsr_d = np.minimum(hsr, hn)  # eq. (168b)
    slope = (hsr_d - hst_d) / dtot  # eq. (169)
    hte = htg_m + h0 - hst_d  # eq. (170)
    hre = hrg_m + hn - hsr_d  # eq. (170)
    # Roughness between the two horizon points (the Bullington point on a LoS path).
    # Should the horizons cross (lt > lr, a knife edge seen from both ends beyond each
    # other), the section between them is taken either way round.
    lo = np.minimum(lt, lr)[:, None]
    hi = np.maximum(lt, lr)[:, None]
    rough = h_m - (hst_d[:, None] + slope[:, None] * d_km)
    hm = _masked_max(rough, (idx >= lo) & (idx <= hi))  # eq. (171)

    # --- §4.1: line of sight with multipath and focusing. ----------------------------
    temperature_k = temperature_c + 273.15
    rho = 7.5 + 2.5 * omega  # eq. (9a) [g/m³]
    gamma = _specific_attenuation_db_km(f_ghz, pressure_hpa, rho, temperature_k)
    d3d = np.sqrt(dtot**2 + ((hts - hrs) / 1000.0) ** 2)  # eq. (8a): dfs
    lbfsg = 92.4 + 20.0 * np.log10(f_ghz) + 20.0 * np.log10(d3d) + gamma * d3d  # eqs. (8), (9)
    focusing = 2.6 * (1.0 - np.exp(-0.1 * (dlt + dlr)))
    lb0p = lbfsg + focusing * np.log10(p_percent / 50.0)  # eqs. (10a), (11)
    lb0b = lbfsg + focusing * np.log10(b0 / 50.0)  # eqs. (10b), (12)

    # --- §4.2: diffraction on the radio profile g. ------------------------------------
    ld50, ldsph = _delta_bullington_db(geo, g_m, hts, hrs, hstd, hsrd, ae, f_ghz, omega, vertical)
    ldb, _ = _delta_bullington_db(geo, g_m, hts, hrs, hstd, hsrd, ab, f_ghz, omega, vertical)
    i_ratio = _inv_cum_norm(p_percent / 100.0) / _inv_cum_norm(b0 / 100.0)  # eq. (41a)
    fi = np.where(p_percent > b0, i_ratio, 1.0)  # eq. (41b)
    ldp = np.where(p_percent == 50.0, ld50, ld50 + fi * (ldb - ld50))  # eq. (42)

    # --- §4.3: tropospheric scatter. ---------------------------------------------------
    gamma_3 = _specific_attenuation_db_km(
        f_ghz, pressure_hpa, np.full_like(f_ghz, 3.0), temperature_k
    )
    lf = 25.0 * np.log10(f_ghz) - 2.5 * np.log10(f_ghz / 2.0) ** 2  # eq. (45a)
    lc = 0.051 * np.exp(0.055 * (gt_dbi + gr_dbi))  # eq. (45b)
    lbs = (
        190.0
        + lf
        + 20.0 * np.log10(dtot)
        + 0.573 * theta
        - 0.15 * n0
        + lc
        + gamma_3 * dtot
        - 10.1 * (-np.log10(p_percent / 50.0)) ** 0.7
    )  # eq. (45)

    # --- §4.4: ducting and layer reflection. ------------------------------------------
    alf = np.where(f_ghz < 0.5, 45.375 - 137.0 * f_ghz + 92.5 * f_ghz**2, 0.0)  # (47a)
    f13 = f_ghz ** (1.0 / 3.0)

    def site_shielding(theta_h: FloatArray, dl: FloatArray) -> FloatArray:
        t = theta_h - 0.1 * dl  # eq. (48a)
        with np.errstate(invalid="ignore"):
            loss = 20.0 * np.log10(1.0 + 0.361 * t * np.sqrt(f_ghz * dl)) + 0.264 * t * f13
        return np.asarray(np.where(t > 0.0, loss, 0.0))  # eq. (48)

    def coupling(dc: FloatArray, dl: FloatArray, hs: FloatArray) -> FloatArray:
        # ω is a ratio of profile distances summed in floating point: a path exactly three
        # quarters over sea may come out as 0.7499999999999999, so the threshold of
        # eq. (49a) gets an allowance far below any real difference in sea fraction.
        applies = (dc <= 5.0) & (dc <= dl) & (omega >= 0.75 - OMEGA_ROUNDING)
        loss = -3.0 * np.exp(-0.25 * dc * dc) * (1.0 + np.tanh(0.07 * (50.0 - hs)))
        return np.asarray(np.where(applies, loss, 0.0))  # eqs. (49), (49a)

    af = (
        102.45
        + 20.0 * np.log10(f_ghz)
        + 20.0 * np.log10(dlt + dlr)
        + alf
        + site_shielding(theta_t, dlt)
        + site_shielding(theta_r, dlr)
        + coupling(dct_km, dlt, hts)
        + coupling(dcr_km, dlr, hrs)
    )  # eq. (47)
    gamma_d = 5e-5 * ae * f13  # eq. (51)
    theta1 = (
        1e3 * dtot / ae + np.minimum(theta_t, 0.1 * dlt) + np.minimum(theta_r, 0.1 * dlr)
    )  # eqs. (52), (52a)
    di = np.minimum(dtot - dlt - dlr, 40.0)  # eq. (56a)
    mu3 = np.where(hm > 10.0, np.exp(-4.6e-5 * (hm - 10.0) * (43.0 + 6.0 * di)), 1.0)  # (56)
    alpha = np.maximum(-0.6 - 3.5e-9 * dtot**3.1 * tau, -3.4)  # eq. (55a)
    mu2 = np.minimum(
        (500.0 / ae * dtot**2 / (np.sqrt(hte) + np.sqrt(hre)) ** 2) ** alpha, 1.0
    )  # eq. (55)
    beta = b0 * mu2 * mu3  # eq. (54)
    log_beta = np.log10(beta)
    big_gamma = (
        1.076
        / (2.0058 - log_beta) ** 1.012
        * np.exp(-(9.51 - 4.8 * log_beta + 0.198 * log_beta**2) * 1e-6 * dtot**1.13)
    )  # eq. (53a)
    ap = (
        -12.0
        + (1.2 + 3.7e-3 * dtot) * np.log10(p_percent / beta)
        + 12.0 * (p_percent / beta) ** big_gamma
    )  # eq. (53)
    lba = af + gamma_d * theta1 + ap + gamma * dtot  # eqs. (46), (50)

    # --- §4.5: the overall prediction. --------------------------------------------------
    ce = 1.0 / ae
    # Fj measures the path's angular distance with the slope of eq. (14) taken on the
    # bare terrain h (as the ITU-R reference implementation of P.452-18 does). Its value,
    # not only its comparison with Str, matters here, so the maximum runs over the
    # interior points only: on a line-of-sight path the receiver's own ground (slope
    # (hn - hts)/dtot, below Str but possibly above every interior point's) must not win.
    interior = idx < last[:, None]  # the transmitter's slope is -inf already
    stim = _masked_max((h_m + 500.0 * ce[:, None] * geo.d_dr - hts[:, None]) * inv_d, interior)
    str_ = (hrs - hts) / dtot  # eq. (15)
    fj = 1.0 - 0.5 * (1.0 + np.tanh(3.0 * 0.8 * (stim - str_) / 0.3))  # eq. (58): ξ, Θ
    fk = 1.0 - 0.5 * (1.0 + np.tanh(3.0 * 0.5 * (dtot - 20.0) / 20.0))  # eq. (59): κ, dsw
    lbd50 = lbfsg + ld50  # eq. (43)
    lbd = lb0p + ldp  # eq. (44)
    lminb0p = np.where(
        p_percent >= b0,
        lbd50 + (lb0b + (1.0 - omega) * ldp - lbd50) * i_ratio,
        lb0p + (1.0 - omega) * ldp,
    )  # eq. (60)
    eta = 2.5
    lminbap = eta * np.logaddexp(lba / eta, lb0p / eta)  # eq. (61)
    lbda = np.where(lminbap <= lbd, lminbap + (lbd - lminbap) * fk, lbd)  # eq. (62)
    lbam = lbda + (lminb0p - lbda) * fj  # eq. (63)
    # eq. (64), as a log-sum-exp so that very large losses neither under- nor overflow.
    k = 0.2 * np.log(10.0)
    lb = -np.logaddexp(-k * lbs, -k * lbam) / k

    return {
        "lb_db": lb,
        "lbfsg_db": lbfsg,
        "lb0p_db": lb0p,
        "lb0b_db": lb0b,
        "ldsph_db": ldsph,
        "ld50_db": ld50,
        "ldp_db": ldp,
        "lbs_db": lbs,
        "lba_db": lba,
        "ae_km": ae,
        "dtot_km": dtot,
        "hts_m": hts,
        "hrs_m": hrs,
        "theta_t_mrad": theta_t,
        "theta_r_mrad": theta_r,
        "theta_mrad": theta,
        "hm_m": hm,
        "hte_m": hte,
        "hre_m": hre,
        "hstd_m": hstd,
        "hsrd_m": hsrd,
        "dlt_km": dlt,
        "dlr_km": dlr,
        "trans_horizon": trans_horizon.astype(np.float64),
        "dtm_km": dtm,
        "dlm_km": dlm,
        "b0_percent": b0,
        "omega": omega,
    }


def _midpoint_latitude_deg(
    phit_e: FloatArray,
    phit_n: FloatArray,
    phir_e: FloatArray,
    phir_n: FloatArray,
    dpnt_km: FloatArray,
) -> FloatArray:
    """Latitude of the point ``dpnt_km`` along the great circle from the transmitter,
    Rec. ITU-R P.2001 Attachment H (H.2, H.3) on the 6371 km sphere: the path centre
    whose latitude sets β0 (§3.2.1)."""
    rad = np.pi / 180.0
    lat_t = phit_n * rad
    lat_r = phir_n * rad
    dlon = (phir_e - phit_e) * rad
    r = np.sin(lat_t) * np.sin(lat_r) + np.cos(lat_t) * np.cos(lat_r) * np.cos(dlon)  # H.2.2
    x1 = np.sin(lat_r) - r * np.sin(lat_t)  # H.2.5a
    y1 = np.cos(lat_t) * np.cos(lat_r) * np.sin(dlon)  # H.2.5b
    bearing = np.arctan2(y1, x1)  # H.2.6
    phi = dpnt_km / EARTH_RADIUS_KM  # H.3.1
    s = np.sin(lat_t) * np.cos(phi) + np.cos(lat_t) * np.sin(phi) * np.cos(bearing)  # H.3.2
    return np.asarray(np.arcsin(np.clip(s, -1.0, 1.0)) / rad)  # H.3.3


# ---------------------------------------------------------------------------------------
# Public surface.
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class P452Result:
    """P.452-18 losses and the profile analysis behind them, one value per path.

    Every field is an array of the batch shape (shape () for one path). Losses [dB]:

    - ``lb_db``: basic transmission loss not exceeded for p % of time, eq. (64);
    - ``lbfsg_db``: free space plus gaseous attenuation, eq. (8);
    - ``lb0p_db`` / ``lb0b_db``: line of sight with multipath and focusing at p % and
      β0 %, eqs. (11), (12);
    - ``ldsph_db``: spherical-Earth diffraction at the median effective radius ae, §4.2.2;
    - ``ld50_db`` / ``ldp_db``: delta-Bullington diffraction at 50 % and p %, eqs. (40), (42);
    - ``lbs_db``: tropospheric scatter, eq. (45);
    - ``lba_db``: ducting and layer reflection, eq. (46).

    Profile analysis (Attachment 2 §5.1, §3.2.1): ``ae_km`` median effective Earth radius;
    ``dtot_km`` path length; ``hts_m``/``hrs_m`` antenna heights above sea level;
    ``theta_t_mrad``/``theta_r_mrad`` horizon elevation angles; ``theta_mrad`` path
    angular distance; ``hm_m`` terrain roughness; ``hte_m``/``hre_m`` effective heights of
    the ducting model; ``hstd_m``/``hsrd_m`` smooth-surface heights of the diffraction
    model; ``dlt_km``/``dlr_km`` horizon distances; ``trans_horizon`` the path class;
    ``dtm_km``/``dlm_km`` longest continuous land and inland sections; ``b0_percent``
    β0; ``omega`` fraction of the path over sea.
    """

    lb_db: FloatArray
    lbfsg_db: FloatArray
    lb0p_db: FloatArray
    lb0b_db: FloatArray
    ldsph_db: FloatArray
    ld50_db: FloatArray
    ldp_db: FloatArray
    lbs_db: FloatArray
    lba_db: FloatArray
    ae_km: FloatArray
    dtot_km: FloatArray
    hts_m: FloatArray
    hrs_m: FloatArray
    theta_t_mrad: FloatArray
    theta_r_mrad: FloatArray
    theta_mrad: FloatArray
    hm_m: FloatArray
    hte_m: FloatArray
    hre_m: FloatArray
    hstd_m: FloatArray
    hsrd_m: FloatArray
    dlt_km: FloatArray
    dlr_km: FloatArray
    trans_horizon: BoolArray
    dtm_km: FloatArray
    dlm_km: FloatArray
    b0_percent: FloatArray
    omega: FloatArray


LOSS_FIELDS: Final = (
    "lb_db",
    "lbfsg_db",
    "lb0p_db",
    "lb0b_db",
    "ldsph_db",
    "ld50_db",
    "ldp_db",
    "lbs_db",
    "lba_db",
)


def _polarisation(pol: str | Sequence[str] | npt.ArrayLike) -> BoolArray:
    """True where vertical: "h"/"v" (also "horizontal"/"vertical"), any case."""
    array = np.asarray(pol)
    if array.dtype.kind not in "UO" or array.size == 0:
        raise InvalidInput("pol", 'must be "h" (horizontal) or "v" (vertical)')
    flat = [str(x).strip().lower() for x in array.reshape(-1)]
    for value in flat:
        if value not in ("h", "v", "horizontal", "vertical"):
            raise InvalidInput("pol", f'must be "h" (horizontal) or "v" (vertical), got {value!r}')
    return np.asarray([v.startswith("v") for v in flat], dtype=bool).reshape(array.shape)


@dataclass(frozen=True, slots=True)
class PathProfile:
    """Terrain profiles for `p452_basic_loss`, padded to a common length.

    ``d_km``, ``h_m`` and ``zone`` have shape S + (M,); ``n_points`` (shape S) says how
    many points of each profile are real, the rest repeat the last one.
    """

    d_km: FloatArray
    h_m: FloatArray
    zone: IntArray
    n_points: IntArray


def smooth_earth_profile(
    d_km: npt.ArrayLike,
    *,
    step_km: float | None = None,
    n_points: int | None = None,
    h_m: npt.ArrayLike = 0.0,
    zone: int = ZONE_INLAND,
) -> PathProfile:
    """Smooth-Earth path profiles for great-circle distances (no terrain given).

    The horizon distances of Attachment 2 are profile points, so the spacing sets how
    finely they are resolved: give either ``step_km`` (default 0.25 km; each path gets
    ceil(d / step) + 1 equally spaced points, at least 4) or a fixed ``n_points``.

    Parameters
    ----------
    d_km : array_like
        Path lengths [km], > 0; any shape S.
    step_km : float, optional
        Largest spacing between points [km], > 0 (default 0.25 when n_points is not given).
    n_points : int, optional
        Points per profile, equally spaced from 0 to the path length (>= 4).
    h_m : array_like
        Terrain height above sea level [m], constant along each path; broadcasts with S.
    zone : int
        Radio-climatic zone of every point: 1 coastal land, 2 inland, 3 sea (default 2).

    Returns
    -------
    PathProfile
        Arrays of shape S + (M,) and the point counts, ready for `p452_basic_loss`
        (pass ``n_points=profile.n_points``).
    """
    distance = checked(d_km, "d_km", 0.0, unit="km", low_inclusive=False)
    if zone not in (ZONE_COASTAL_LAND, ZONE_INLAND, ZONE_SEA):
        raise InvalidInput("zone", f"must be 1 (coastal land), 2 (inland) or 3 (sea), got {zone}")
    height = as_array(h_m, "h_m")
    shape = np.broadcast_shapes(distance.shape, height.shape)
    dist = np.broadcast_to(distance, shape)
    if n_points is not None and step_km is not None:
        raise InvalidInput("n_points", "give either n_points or step_km, not both")
    if n_points is not None:
        if n_points < 4:
            raise InvalidInput("n_points", f"must be >= 4 (got {n_points})")
        counts = np.full(shape, n_points, dtype=np.intp)
    else:
        step = 0.25 if step_km is None else float(step_km)
        if not step > 0.0:
            raise InvalidInput("step_km", f"must be > 0 km (got {step_km})")
        counts = np.maximum(np.ceil(dist / step).astype(np.intp) + 1, 4)
    width = int(counts.max()) if counts.size else 4
    index = np.arange(width)
    spacing = dist / (counts - 1)
    d = np.minimum(index, counts[..., None] - 1) * spacing[..., None]
    h = np.broadcast_to(np.broadcast_to(height, shape)[..., None], d.shape).copy()
    z = np.full(d.shape, zone, dtype=np.intp)
    return PathProfile(d_km=np.asarray(d), h_m=h, zone=z, n_points=np.asarray(counts))


def p452_basic_loss(
    f_ghz: npt.ArrayLike,
    p_percent: npt.ArrayLike,
    d_km: npt.ArrayLike,
    h_m: npt.ArrayLike,
    *,
    zone: npt.ArrayLike,
    htg_m: npt.ArrayLike,
    hrg_m: npt.ArrayLike,
    phit_e: npt.ArrayLike,
    phit_n: npt.ArrayLike,
    phir_e: npt.ArrayLike,
    phir_n: npt.ArrayLike,
    dct_km: npt.ArrayLike,
    dcr_km: npt.ArrayLike,
    dn: npt.ArrayLike,
    n0: npt.ArrayLike,
    r_m: npt.ArrayLike | None = None,
    gt_dbi: npt.ArrayLike = 0.0,
    gr_dbi: npt.ArrayLike = 0.0,
    pol: str | Sequence[str] | npt.ArrayLike = "h",
    pressure_hpa: npt.ArrayLike = 1013.0,
    temperature_c: npt.ArrayLike = 15.0,
    n_points: npt.ArrayLike | None = None,
    edition: str = "P.452-18",
) -> P452Result:
    """Basic transmission loss not exceeded for p % of time, Rec. ITU-R P.452-18.

    Clear-air interference prediction between stations on the Earth's surface (Annex 1
    §4: line of sight, delta-Bullington diffraction, troposcatter, ducting/layer
    reflection, combined by §4.5 eq. (64)) on a terrain profile.

    Many paths at once: the profiles are arrays whose last axis runs along the path,
    shape S + (M,); every per-path parameter broadcasts with S (a single profile with an
    array of frequencies gives one result per frequency). Profiles of different lengths
    are padded to a common M and ``n_points`` says how many points of each are real;
    values past them are ignored (NaN is fine).

    Parameters
    ----------
    f_ghz : array_like
        Frequency [GHz], 0.1 to 50.
    p_percent : array_like
        Time percentage [%] for which the loss is not exceeded, 0.001 to 50.
    d_km : array_like
        Distance of each profile point from the interfering station [km]; the first is 0,
        then strictly increasing; at least 4 points; the path at most 20,000 km.
    h_m : array_like
        Terrain height of each point above mean sea level [m], -1,000 to 10,000.
    zone : array_like of int
        Radio-climatic zone of each point: 1 coastal land (A1), 2 inland (A2), 3 sea (B).
    htg_m, hrg_m : array_like
        Antenna centre heights above ground of the interfering and the interfered-with
        station [m], > 0 and <= 10,000.
    phit_e, phit_n, phir_e, phir_n : array_like
        Longitude (east, -180 to 360) and latitude (north, -90 to 90) of the interfering
        and the interfered-with station [deg]; the path centre's latitude sets β0 (§3.2.1).
    dct_km, dcr_km : array_like
        Distance over land from each station to the coast along the path [km], >= 0
        (0 for a station on a ship or sea platform).
    dn : array_like
        ΔN, average radio-refractivity lapse-rate through the lowest 1 km of the
        atmosphere at the path centre [N-units/km], 0 < ΔN < 157 (Fig. 12 / digital map).
    n0 : array_like
        N0, sea-level surface refractivity at the path centre [N-units], 0 < N0 <= 500.
    r_m : array_like, optional
        Representative clutter height of each point [m], 0 to 1,000 (default none): the radio
        profile of the diffraction model is g = h + r except within 50 m of either end.
    gt_dbi, gr_dbi : array_like
        Antenna gains towards the horizon along the path [dBi] (default 0).
    pol : "h" or "v", or an array of them
        Polarisation (default "h").
    pressure_hpa : array_like
        Dry-air pressure [hPa], 0 < p <= 1100 (default 1013).
    temperature_c : array_like
        Air temperature [°C], -100 to 100 (default 15).
    n_points : array_like of int, optional
        Number of valid points of each profile (default: all M).
    edition : str
        "P.452-18".

    Returns
    -------
    P452Result
        ``lb_db`` and the intermediate losses and profile-analysis values, each of the
        batch shape.

    Raises
    ------
    InvalidInput
        Naming the field and its valid range for anything outside the Recommendation's
        scope or malformed.
    """
    check_edition(edition, EDITIONS)

    # --- per-path parameters -----------------------------------------------------------
    params: dict[str, FloatArray] = {}
    ranges: dict[str, tuple[float | None, float | None, bool, str]] = {
        "f_ghz": (*F_GHZ_RANGE, True, "GHz"),
        "p_percent": (*P_PERCENT_RANGE, True, "%"),
        "htg_m": (ANTENNA_HEIGHT_MIN_M, ANTENNA_HEIGHT_MAX_M, True, _PHYSICAL_M),
        "hrg_m": (ANTENNA_HEIGHT_MIN_M, ANTENNA_HEIGHT_MAX_M, True, _PHYSICAL_M),
        "phit_e": (-180.0, 360.0, True, "deg"),
        "phit_n": (-90.0, 90.0, True, "deg"),
        "phir_e": (-180.0, 360.0, True, "deg"),
        "phir_n": (-90.0, 90.0, True, "deg"),
        # A coast is never further than the longest path; a squared distance beyond it
        # overflows eq. (49).
        "dct_km": (0.0, MAX_PATH_KM, True, "km (physical bound: the longest path)"),
        "dcr_km": (0.0, MAX_PATH_KM, True, "km (physical bound: the longest path)"),
        "gt_dbi": (*GAIN_RANGE_DBI, True, "dBi (physical bound: P.452-18 states none)"),
        "gr_dbi": (*GAIN_RANGE_DBI, True, "dBi (physical bound: P.452-18 states none)"),
        "pressure_hpa": (0.0, 1100.0, False, "hPa"),
        "temperature_c": (-100.0, 100.0, True, "°C"),
        "dn": (0.0, 157.0, False, "N-units/km"),
        "n0": (0.0, 500.0, False, "N-units"),
    }
    values: dict[str, npt.ArrayLike] = {
        "f_ghz": f_ghz,
        "p_percent": p_percent,
        "htg_m": htg_m,
        "hrg_m": hrg_m,
        "phit_e": phit_e,
        "phit_n": phit_n,
        "phir_e": phir_e,
        "phir_n": phir_n,
        "dct_km": dct_km,
        "dcr_km": dcr_km,
        "gt_dbi": gt_dbi,
        "gr_dbi": gr_dbi,
        "pressure_hpa": pressure_hpa,
        "temperature_c": temperature_c,
        "dn": dn,
        "n0": n0,
    }
    for name, value in values.items():
        array = as_array(value, name)
        low, high, low_strict_incl, unit = ranges[name]
        if name in ("pressure_hpa", "dn", "n0"):
            check_range(
                array, name, low, high, unit=unit, low_inclusive=False, high_inclusive=name != "dn"
            )
        else:
            check_range(array, name, low, high, unit=unit, low_inclusive=low_strict_incl)
        params[name] = array
    vertical = _polarisation(pol)

    # --- profiles ------------------------------------------------------------------------
    d = as_array(d_km, "d_km", finite=False)
    if d.ndim == 0:
        raise InvalidInput("d_km", "must be an array of profile distances (at least 4 points)")
    width = d.shape[-1]
    h = as_array(h_m, "h_m", finite=False)
    r = np.zeros(()) if r_m is None else as_array(r_m, "r_m", finite=False)
    z = as_array(zone, "zone", finite=False)
    try:
        d, h, r, z = np.broadcast_arrays(d, h, r, z)
    except ValueError:
        raise InvalidInput(
            "h_m",
            f"profile arrays do not fit together: d_km{d.shape}, h_m{h.shape}, "
            f"r_m{r.shape}, zone{z.shape}",
        ) from None
    if d.shape[-1] != width:
        raise InvalidInput("d_km", "the last axis of d_km must run along the path")
    profile_shape = d.shape[:-1]
    if n_points is None:
        counts = np.full(profile_shape, width, dtype=np.intp)
    else:
        counts_f = as_array(n_points, "n_points")
        if np.any(counts_f != np.round(counts_f)):
            raise InvalidInput("n_points", "must be whole numbers")
        check_range(counts_f, "n_points", 4, width)
        try:
            counts = np.broadcast_to(counts_f.astype(np.intp), profile_shape)
        except ValueError:
            raise InvalidInput(
                "n_points", f"shape {counts_f.shape} does not fit the profiles {profile_shape}"
            ) from None
    if width < 4:
        raise InvalidInput("d_km", f"a profile needs at least 4 points (got {width})")

    try:
        batch = np.broadcast_shapes(
            profile_shape, vertical.shape, *(a.shape for a in params.values())
        )
    except ValueError:
        shapes = ", ".join(f"{k}{v.shape}" for k, v in params.items())
        raise InvalidInput(
            "f_ghz",
            f"per-path parameters do not broadcast with the profiles "
            f"{profile_shape}: {shapes}, pol{vertical.shape}",
        ) from None
    n = int(np.prod(batch, dtype=np.int64))

    def flat_profile(a: FloatArray) -> FloatArray:
        return np.broadcast_to(a, (*batch, width)).reshape(n, width)

    count = np.ascontiguousarray(np.broadcast_to(counts, batch).reshape(n))
    d_all, h_all, r_all, z_all = (flat_profile(a) for a in (d, h, r, z))
    flat = {
        k: np.ascontiguousarray(np.broadcast_to(v, batch).reshape(n)) for k, v in params.items()
    }
    vert = np.ascontiguousarray(np.broadcast_to(vertical, batch).reshape(n))

    # Paths sorted by length and cut into blocks: each block is one vectorised kernel call
    # on (rows, M_block) arrays, M_block its own longest profile (so short paths are not
    # padded to the longest of the batch) and rows * M_block about _BLOCK_ELEMENTS (so
    # the temporaries stay in cache). No loop ever runs over single paths.
    order = np.argsort(count, kind="stable")
    out: dict[str, FloatArray] = {}
    first = 0
    while first < n:
        rows = max(1, _BLOCK_ELEMENTS // int(count[order[first]]))
        last = min(n, first + rows)
        block_width = int(count[order[last - 1]])
        last = min(last, first + max(1, _BLOCK_ELEMENTS // block_width))
        block_width = int(count[order[last - 1]])
        idx = order[first:last]
        first = last
        part = _p452_block(
            {k: v[idx] for k, v in flat.items()},
            vert[idx],
            count[idx],
            d_all[idx, :block_width],
            h_all[idx, :block_width],
            r_all[idx, :block_width],
            z_all[idx, :block_width],
        )
        for key, value in part.items():
            if key not in out:
                out[key] = np.empty(n)
            out[key][idx] = value
    shaped = {k: v.reshape(batch) for k, v in out.items()}
    trans = shaped.pop("trans_horizon").astype(bool)
    return P452Result(trans_horizon=trans, **shaped)


def _p452_block(
    flat: dict[str, FloatArray],
    vertical: BoolArray,
    count: IntArray,
    d2: FloatArray,
    h2: FloatArray,
    r2: FloatArray,
    z2: FloatArray,
) -> dict[str, FloatArray]:
    """Checks one block of profiles, builds its radio profile and runs the kernel."""
    rows, width = d2.shape
    if np.any(count < width):
        # Pad each profile with its last valid point: inert in every sum, max and length.
        take = np.minimum(np.arange(width)[None, :], (count - 1)[:, None])
        d2, h2, r2, z2 = (np.take_along_axis(a, take, axis=1) for a in (d2, h2, r2, z2))
    for name, array in (("d_km", d2), ("h_m", h2), ("r_m", r2), ("zone", z2)):
        if not np.all(np.isfinite(array)):
            raise InvalidInput(name, "must be finite (no NaN or infinity) in the valid points")
    if np.any(d2[:, 0] != 0.0):
        raise InvalidInput("d_km", "the first profile point must be at 0 km (the interferer)")
    steps = np.diff(d2, axis=1)
    valid_step = np.arange(1, width)[None, :] < count[:, None]
    if np.any(valid_step & (steps <= 0.0)):
        raise InvalidInput("d_km", "profile distances must be strictly increasing")
    check_range(d2[:, -1:], "d_km", high=MAX_PATH_KM, unit="km (the path length)")
    check_range(h2, "h_m", *TERRAIN_HEIGHT_RANGE_M, unit="m")
    check_range(r2, "r_m", *CLUTTER_HEIGHT_RANGE_M, unit="m")
    if not np.all((z2 == ZONE_COASTAL_LAND) | (z2 == ZONE_INLAND) | (z2 == ZONE_SEA)):
        raise InvalidInput("zone", "each point must be 1 (coastal land), 2 (inland) or 3 (sea)")

    # Step 4: radio profile g = h + R, except within 50 m of either terminal.
    dtot = d2[np.arange(rows), count - 1][:, None]
    near_end = (d2 < CLUTTER_FREE_ZONE_KM) | (d2 > dtot - CLUTTER_FREE_ZONE_KM)
    g2 = np.where(near_end, h2, h2 + r2)
    return _p452_kernel(
        flat["f_ghz"],
        flat["p_percent"],
        np.ascontiguousarray(d2),
        np.ascontiguousarray(h2),
        g2,
        z2.astype(np.intp),
        count,
        flat["htg_m"],
        flat["hrg_m"],
        flat["phit_e"],
        flat["phit_n"],
        flat["phir_e"],
        flat["phir_n"],
        flat["gt_dbi"],
        flat["gr_dbi"],
        vertical,
        flat["dct_km"],
        flat["dcr_km"],
        flat["pressure_hpa"],
        flat["temperature_c"],
        flat["dn"],
        flat["n0"],
    )
