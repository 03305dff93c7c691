"""Rainfall rate statistics, Recommendation ITU-R P.837-7 (06/2017), Annex 1.

The digital maps (the R_0.01 map of Annex 1 and the twelve monthly mean total rainfall
maps M_T) come from the ``itur`` package (ITU-Rpy 0.4.0), with the monthly mean surface
temperatures of P.1510-1. The per-location steps that ``itur`` runs one point at a time
(the rain probability of steps 5-7 and the root finding of step 8) run here on whole
arrays: one call for many locations costs a few passes of numpy.

Editions: P.837-7 only (explicit ``edition`` parameter, for the day a later edition is
added).
"""

from __future__ import annotations

from typing import Final

import numpy as np
import numpy.typing as npt
from scipy.special import ndtr

from openitu.radio.checks import FloatArray, broadcast_named, check_edition, checked
from openitu.radio.propagation.maps import (
    MAP_EDITIONS,
    edition_version,
    itur_model,
    location,
    lon360,
)

P837_EDITIONS: Final = ("P.837-7",)

# Step 1: number of days of each month (February averaged over leap years).
_DAYS: Final = np.array([31.0, 28.25, 31.0, 30.0, 31.0, 30.0, 31.0, 31.0, 30.0, 31.0, 30.0, 31.0])


def _monthly(lat: FloatArray, lon: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Steps 2-7 per month: (P0_ii [%], r_ii [mm/h]), each of shape (n, 12)."""
    rain = itur_model("837", 7)
    t_model = itur_model("1510", edition_version(MAP_EDITIONS["P.1510"]))
    lon_360 = lon360(lon)
    mt = np.stack([rain.Mt(lat.copy(), lon_360.copy(), m) for m in range(1, 13)], axis=-1)
    t_c = (
        np.stack(
            [t_model.month_temperature(lat.copy(), lon_360.copy(), m) for m in range(1, 13)],
            axis=-1,
        )
        - 273.15
    )
    # Step 5, eq. (1): mean rainfall rate of the month when it rains.
    r = np.where(t_c >= 0.0, 0.5874 * np.exp(0.0883 * t_c), 0.5874)
    # Step 6, eq. (2): monthly probability of rain [%].
    p0 = 100.0 * mt / (24.0 * _DAYS * r)
    # Step 6 (second part): above 70 %, P0 = 70 % and r = 100/70 M_T / (24 N).
    over = p0 > 70.0
    r = np.where(over, 100.0 / 70.0 * mt / (24.0 * _DAYS), r)
    p0 = np.where(over, 70.0, p0)
    return np.asarray(p0, dtype=np.float64), np.asarray(r, dtype=np.float64)


def _annual_p0(p0: FloatArray) -> FloatArray:
    """Step 7, eq. (3): annual probability of rain [%]."""
    return np.asarray(np.sum(_DAYS * p0, axis=-1) / 365.25)


def _exceedance(rate: FloatArray, p0: FloatArray, r: FloatArray) -> FloatArray:
    """Step 8, eqs. (4)-(5): annual % of time the rate exceeds ``rate`` [mm/h]."""
    z = (np.log(rate)[:, None] + 0.7938 - np.log(r)) / 1.26
    return np.asarray(np.sum(_DAYS * p0 * ndtr(-z), axis=-1) / 365.25)


def rain_probability_percent(
    lat_deg: npt.ArrayLike, lon_deg: npt.ArrayLike, *, edition: str = "P.837-7"
) -> FloatArray:
    """Annual probability of rain P_0 [%], P.837-7 Annex 1 steps 1-7 (eqs. (1)-(3)).

    Parameters
    ----------
    lat_deg, lon_deg : array_like
        Latitude [-90, 90] and longitude [-180, 360] [deg].
    edition : str
        "P.837-7".

    Returns
    -------
    ndarray
        P_0 [%], the percentage of an average year during which it rains.
    """
    check_edition(edition, P837_EDITIONS)
    lat, lon = location(lat_deg, lon_deg)
    shape, (lat, lon) = broadcast_named(lat_deg=lat, lon_deg=lon)
    p0, _ = _monthly(lat, lon)
    return _annual_p0(p0).reshape(shape)


def rainfall_rate_mm_h(
    lat_deg: npt.ArrayLike,
    lon_deg: npt.ArrayLike,
    p_percent: npt.ArrayLike,
    *,
    edition: str = "P.837-7",
) -> FloatArray:
    """Rainfall rate exceeded for p % of an average year, P.837-7 Annex 1 [mm/h].

    For p = 0.01 % the R_0.01 digital map of Annex 1; otherwise step 8: the rate R_p at
    which the annual exceedance of eqs. (4)-(5) equals p, found by bisection in ln R to
    better than 1e-9 relative (0 where p is not smaller than P_0, when it does not rain
    that often).

    Parameters
    ----------
    lat_deg, lon_deg : array_like
        Latitude [-90, 90] and longitude [-180, 360] [deg].
    p_percent : array_like
        Percentage of an average year [%], 0.001 to 10.
    edition : str
        "P.837-7".

    Returns
    -------
    ndarray
        R_p [mm/h].
    """
    check_edition(edition, P837_EDITIONS)
    lat, lon = location(lat_deg, lon_deg)
    p = checked(p_percent, "p_percent", 0.001, 10.0, unit="%")
    shape, (lat, lon, p) = broadcast_named(lat_deg=lat, lon_deg=lon, p_percent=p)
    out = np.zeros(lat.shape, dtype=np.float64)
    at_map = p == 0.01
    if at_map.any():
        out[at_map] = r001_map_mm_h(lat[at_map], lon[at_map])
    rest = ~at_map
    if rest.any():
        out[rest] = _step8(lat[rest], lon[rest], p[rest])
    return out.reshape(shape)


def _step8(lat: FloatArray, lon: FloatArray, p: FloatArray) -> FloatArray:
    """Step 8: R_p with annual exceedance p [mm/h] (0 where p >= P_0), flat arrays."""
    p0, r = _monthly(lat, lon)
    raining = p < _annual_p0(p0)
    low = np.full(p.shape, np.log(1e-10))
    high = np.full(p.shape, np.log(1000.0))
    # The exceedance falls as R grows: bisection in ln R on every point at once.
    for _ in range(60):
        middle = 0.5 * (low + high)
        above = _exceedance(np.exp(middle), p0, r) > p
        low = np.where(above, middle, low)
        high = np.where(above, high, middle)
    return np.asarray(np.where(raining, np.exp(0.5 * (low + high)), 0.0))


def r001_map_mm_h(lat: FloatArray, lon: FloatArray) -> FloatArray:
    """R_0.01 from the Annex 1 digital map (bilinear) at 1-D arrays of checked points [mm/h]."""
    model = itur_model("837", 7)
    return np.asarray(model.rainfall_rate(lat.copy(), lon360(lon), 0.01), dtype=np.float64)


def r001_annex1_mm_h(lat: FloatArray, lon: FloatArray) -> FloatArray:
    """R_0.01 by the Annex 1 procedure (steps 1-8 at p = 0.01 %) rather than its map [mm/h],
    at 1-D arrays of checked points.

    The R_0.01 map of Annex 1 is that procedure evaluated on a grid and interpolated; at a
    point the two differ by up to a few hundredths of a mm/h. The ITU-R validation examples
    of P.618-13 and -14 (their R001 column) use the procedure at the point.
    """
    return _step8(lat, lon, np.full(lat.shape, 0.01))
