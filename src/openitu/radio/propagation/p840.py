"""Attenuation due to clouds, Recommendation ITU-R P.840-7, -8 and -9.

* P.840-7 and P.840-8 (same maps and coefficients): the reduced columnar liquid water
  content L_red from the digital maps shipped by ``itur`` (ITU-Rpy 0.4.0), and
  ``A = L_red K_l(f, 0 °C) / sin θ``.
* P.840-9 (08/2023): new 0.25° digital maps of the integrated cloud liquid water content
  L exceeded for p = 0.01 ... 100 % and of the log-normal parameters m_L, σ_L and P_L
  (``itur`` 0.4.0 does not have them; shipped here in ``openitu/data/p840/``, see
  SOURCES.md), the cloud liquid mass absorption coefficient K_L(f) of eq. (12) and the
  log-normal approximation of eq. (15).

The specific attenuation coefficient K_l(f, T) of §2 (double-Debye model, eqs. (2)-(11))
comes from ``itur``. All functions take arrays and broadcast.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Final

import numpy as np
import numpy.typing as npt
from scipy.special import ndtri

from openitu.radio.checks import FloatArray, broadcast_named, check_edition, checked
from openitu.radio.propagation.maps import (
    bilinear,
    edition_version,
    itur_model,
    location,
    lon360,
    map_values,
)

P840_EDITIONS: Final = ("P.840-9", "P.840-8", "P.840-7")
LOGNORMAL_EDITIONS: Final = ("P.840-9",)

# P.840-9: the percentages at which the L maps are given, and their names in the file.
_P9: Final = (
    (0.01, "l_001"),
    (0.02, "l_002"),
    (0.03, "l_003"),
    (0.05, "l_005"),
    (0.1, "l_01"),
    (0.2, "l_02"),
    (0.3, "l_03"),
    (0.5, "l_05"),
    (1.0, "l_1"),
    (2.0, "l_2"),
    (3.0, "l_3"),
    (5.0, "l_5"),
    (10.0, "l_10"),
    (20.0, "l_20"),
    (30.0, "l_30"),
    (50.0, "l_50"),
    (60.0, "l_60"),
    (70.0, "l_70"),
    (80.0, "l_80"),
    (90.0, "l_90"),
    (95.0, "l_95"),
    (99.0, "l_99"),
    (100.0, "l_100"),
)
_P9_TABLE: Final = np.array([p for p, _ in _P9])
# Eq. (12) constants of the K_L(f) correction factor.
_KL_A: Final = (0.1522, 11.51, -10.4912)
_KL_F: Final = (-23.9589, 219.2096)
_KL_S: Final = (3.2991e3, 2.7595e6)
_GRID_STEP: Final = 0.25  # deg; rows from 90 °N down to 90 °S, columns from 0 °E eastwards
_lock = threading.Lock()


@cache
def _map9(name: str) -> FloatArray:
    """One P.840-9 map as float64 (721 x 1441, the 0 ° column repeated at 360 °).

    The file stores each map in thousandths of its unit (the published maps have three
    decimals), as differences along longitude; NaN (no clouds: m_L, σ_L undefined) where
    ``missing`` is set.
    """
    with _lock:
        source = resources.files("openitu.data").joinpath("p840/p840-9_maps.npz")
        with source.open("rb") as handle, np.load(handle) as archive:
            values = np.cumsum(archive[name].astype(np.int64), axis=1) / 1000.0
            if name in ("ml", "sl"):
                missing = np.unpackbits(archive["missing"], axis=1)[:, : values.shape[1]]
                values = np.where(missing.astype(bool), np.nan, values)
    return np.ascontiguousarray(np.concatenate([values, values[:, :1]], axis=1))


def _bilinear(grid: FloatArray, lat: FloatArray, lon_360: FloatArray) -> FloatArray:
    """Bilinear interpolation on the P.840-9 0.25° grid (P.1144 §1b)."""
    return bilinear(grid, (90.0 - lat) / _GRID_STEP, lon_360 / _GRID_STEP)


def _between_maps(
    table: FloatArray, p: FloatArray, read: Callable[[float, npt.NDArray[np.bool_]], FloatArray]
) -> FloatArray:
    """A quantity exceeded for p %, linear in ln p between the maps given at the
    percentages of ``table`` (P.840-9 §3.1, as P.840-7/-8 §3.1): ``read(percentage, mask)``
    is the map of that percentage at the points ``mask`` selects."""
    out = np.empty(p.shape, dtype=np.float64)
    for value in np.unique(p):
        mask = p == value
        i = int(np.clip(np.searchsorted(table, value, side="right") - 1, 0, len(table) - 2))
        below, above = float(table[i]), float(table[i + 1])
        low = read(below, mask)
        if value == below:
            out[mask] = low
            continue
        weight = (np.log(value) - np.log(below)) / (np.log(above) - np.log(below))
        out[mask] = low + (read(above, mask) - low) * weight
    return out


def _liquid9(lat: FloatArray, lon: FloatArray, p: FloatArray) -> FloatArray:
    """P.840-9 §3.1: L exceeded for p %, interpolated linearly in ln p between the maps."""
    lon_360 = lon360(lon)
    names = dict(_P9)
    return _between_maps(
        _P9_TABLE, p, lambda q, mask: _bilinear(_map9(names[q]), lat[mask], lon_360[mask])
    )


# P.840-7/-8: the percentages of the L_red maps ``itur`` ships.
_LRED_TABLE: Final = np.array(
    [0.1, 0.2, 0.3, 0.5, 1, 2, 3, 5, 10, 20, 30, 50, 60, 70, 80, 90, 95, 99.0]
)


def _lred_kg_m2(lat: FloatArray, lon: FloatArray, p: FloatArray, edition: str) -> FloatArray:
    """P.840-7/-8 §3.1: L_red exceeded for p %, log-interpolated between the tabulated
    percentages of the ``itur`` maps."""
    model = itur_model("840", edition_version(edition))
    lon_360 = lon360(lon)
    out = _between_maps(
        _LRED_TABLE,
        p,
        lambda q, mask: np.asarray(model.Lred(lat[mask].copy(), lon_360[mask].copy(), q)),
    )
    return map_values(out, lat, lon, edition)


def _kl_0c(f: FloatArray) -> FloatArray:
    """K_l(f, T) of §2 eqs. (2)-(11) at T = 0 °C [(dB/km)/(g/m³)]."""
    return np.asarray(itur_model("840", 8).specific_attenuation_coefficients(f, 0.0))


def mass_absorption_coefficient(f_ghz: npt.ArrayLike, *, edition: str = "P.840-9") -> FloatArray:
    """Cloud liquid mass absorption coefficient K_L(f) of P.840-9 eq. (12) [dB/(kg/m²)].

    ``K_L(f) = K_l(f, 273.75 K) (A1 e^{-(f-f1)²/σ1} + A2 e^{-(f-f2)²/σ2} + A3)``: the §2
    double-Debye coefficient at 273.75 K times a correction fitted by the ITU-R to the
    attenuation of real clouds. For P.840-7/-8, K_l(f, 273.15 K).

    Parameters
    ----------
    f_ghz : array_like
        Frequency [GHz], 1 to 200.
    edition : str
        "P.840-9", "P.840-8" or "P.840-7".

    Returns
    -------
    ndarray
        K_L [dB/(kg/m²)].
    """
    edition = check_edition(edition, P840_EDITIONS)
    f = checked(f_ghz, "f_ghz", 1.0, 200.0, unit="GHz")
    shape, (f,) = broadcast_named(f_ghz=f)
    return _kl(f, edition).reshape(shape)


def _kl(f: FloatArray, edition: str) -> FloatArray:
    if edition != "P.840-9":
        return _kl_0c(f)
    base = np.asarray(itur_model("840", 8).specific_attenuation_coefficients(f, 273.75 - 273.15))
    correction = (
        _KL_A[0] * np.exp(-((f - _KL_F[0]) ** 2) / _KL_S[0])
        + _KL_A[1] * np.exp(-((f - _KL_F[1]) ** 2) / _KL_S[1])
        + _KL_A[2]
    )
    return np.asarray(base * correction)


def _percent(p_percent: npt.ArrayLike, edition: str) -> FloatArray:
    if edition == "P.840-9":
        return checked(p_percent, "p_percent", 0.01, 100.0, unit="%")
    return checked(p_percent, "p_percent", 0.1, 99.0, unit="%")


def liquid_water_content_kg_m2(
    lat_deg: npt.ArrayLike,
    lon_deg: npt.ArrayLike,
    p_percent: npt.ArrayLike,
    *,
    edition: str = "P.840-9",
) -> FloatArray:
    """Columnar cloud liquid water content exceeded for p % of an average year [kg/m²].

    P.840-9 §3.1: the integrated cloud liquid water content L from the 0.25° maps
    (p = 0.01 ... 100 %); P.840-7/-8 §3.1: the reduced content L_red from the 1.125° maps
    (p = 0.1 ... 99 %). Bilinear in position, linear in ln p between the mapped
    percentages.

    Parameters: the location, p_percent and edition as for `cloud_attenuation_db`.
    Returns L (or L_red) [kg/m²].
    """
    edition = check_edition(edition, P840_EDITIONS)
    lat, lon = location(lat_deg, lon_deg)
    p = _percent(p_percent, edition)
    shape, (lat, lon, p) = broadcast_named(lat_deg=lat, lon_deg=lon, p_percent=p)
    if edition == "P.840-9":
        return _liquid9(lat, lon, p).reshape(shape)
    return _lred_kg_m2(lat, lon, p, edition).reshape(shape)


def _path(
    lat_deg: npt.ArrayLike,
    lon_deg: npt.ArrayLike,
    f_ghz: npt.ArrayLike,
    el_deg: npt.ArrayLike,
    p_percent: npt.ArrayLike,
    edition: str,
) -> tuple[tuple[int, ...], list[FloatArray]]:
    """The checked inputs of a cloud attenuation, broadcast and flattened."""
    lat, lon = location(lat_deg, lon_deg)
    f = checked(f_ghz, "f_ghz", 1.0, 200.0, unit="GHz")
    el = checked(el_deg, "el_deg", 5.0, 90.0, unit="deg")
    p = _percent(p_percent, edition)
    return broadcast_named(lat_deg=lat, lon_deg=lon, f_ghz=f, el_deg=el, p_percent=p)


def cloud_attenuation_db(
    lat_deg: npt.ArrayLike,
    lon_deg: npt.ArrayLike,
    f_ghz: npt.ArrayLike,
    el_deg: npt.ArrayLike,
    p_percent: npt.ArrayLike,
    *,
    edition: str = "P.840-9",
) -> FloatArray:
    """Cloud attenuation exceeded for p %, P.840-9 eq. (13) (P.840-8 eq. (12)) [dB].

    ``A_C = K_L(f) L(p) / sin θ`` (P.840-9) or ``A = K_l(f, 0 °C) L_red(p) / sin θ``
    (P.840-7/-8).

    Parameters
    ----------
    lat_deg, lon_deg : array_like
        Latitude and longitude [deg].
    f_ghz : array_like
        Frequency [GHz], 1 to 200.
    el_deg : array_like
        Elevation angle [deg], 5 to 90.
    p_percent : array_like
        Percentage of an average year [%]: 0.01 to 100 (P.840-9), 0.1 to 99 (-7, -8).
    edition : str
        "P.840-9", "P.840-8" or "P.840-7".

    Returns
    -------
    ndarray
        A_C [dB].
    """
    edition = check_edition(edition, P840_EDITIONS)
    shape, (lat, lon, f, el, p) = _path(lat_deg, lon_deg, f_ghz, el_deg, p_percent, edition)
    return cloud_attenuation_at(lat, lon, f, el, p, edition).reshape(shape)


def cloud_attenuation_at(
    lat: FloatArray, lon: FloatArray, f: FloatArray, el: FloatArray, p: FloatArray, edition: str
) -> FloatArray:
    """`cloud_attenuation_db` at 1-D arrays of one length that the caller has checked (the
    P.618 §2.5 total calls it so), for a supported ``edition``."""
    liquid = _liquid9(lat, lon, p) if edition == "P.840-9" else _lred_kg_m2(lat, lon, p, edition)
    return np.asarray(np.maximum(liquid * _kl(f, edition) / np.sin(np.radians(el)), 0.0))


def cloud_attenuation_lognormal_db(
    lat_deg: npt.ArrayLike,
    lon_deg: npt.ArrayLike,
    f_ghz: npt.ArrayLike,
    el_deg: npt.ArrayLike,
    p_percent: npt.ArrayLike,
    *,
    edition: str = "P.840-9",
) -> FloatArray:
    """Cloud attenuation from the log-normal approximation, P.840-9 §3.2 eq. (15) [dB].

    ``A_C(p) = K_L(f) exp(m_L + σ_L Q⁻¹(p / P_L)) / sin θ`` for p < P_L, with m_L, σ_L
    and P_L (the probability of liquid clouds, %) from the P.840-9 maps; 0 where p ≥ P_L
    or where the maps give no clouds (P_L ≤ 0.02 %, m_L undefined).

    Parameters and result as `cloud_attenuation_db`, with edition "P.840-9" only (the
    log-normal maps of earlier editions are not used).
    """
    edition = check_edition(edition, LOGNORMAL_EDITIONS)
    shape, (lat, lon, f, el, p) = _path(lat_deg, lon_deg, f_ghz, el_deg, p_percent, edition)
    lon_360 = lon360(lon)
    m_l = _bilinear(_map9("ml"), lat, lon_360)
    s_l = _bilinear(_map9("sl"), lat, lon_360)
    p_l = _bilinear(_map9("pl"), lat, lon_360)
    clouds = (p < p_l) & (p_l > 0.02) & np.isfinite(m_l) & np.isfinite(s_l)
    ratio = np.where(clouds, p / np.where(clouds, p_l, 1.0), 0.5)
    # Q⁻¹(x) = Φ⁻¹(1 - x).
    liquid = np.exp(np.where(clouds, m_l, 0.0) + np.where(clouds, s_l, 0.0) * ndtri(1.0 - ratio))
    a = _kl(f, edition) * liquid / np.sin(np.radians(el))
    return np.asarray(np.where(clouds, a, 0.0)).reshape(shape)
