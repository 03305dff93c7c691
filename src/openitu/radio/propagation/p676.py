"""Attenuation by atmospheric gases, Recommendation ITU-R P.676-12 (08/2019) and -13 (08/2022).

* Annex 1 (both editions): specific attenuation γ = γ_o + γ_w from the sum of the oxygen
  and water-vapour spectral lines, eqs. (1)-(9). The line tables of the two editions are
  identical (those of P.676-12 as ``itur`` 0.4.0 ships them).
* Annex 2 §2.2, slant paths: ``A = (A_o + A_w) / sin θ`` (eq. (29) of -12, (30) of -13)
  with A_o = γ_o h_o and A_w = γ_w h_w, or A_w from the integrated water-vapour content
  V_t (§2.3, eqs. (39)-(41) of -12, the same in -13).

  - P.676-12: oxygen equivalent height h_o of eqs. (31)-(34) (in ``itur``).
  - P.676-13: h_o = a_0 + b_0 T + c_0 P + d_0 ρ (eq. (31)) with the coefficients of the
    Recommendation's data file, interpolated linearly in frequency (1 to 350 GHz in 0.5
    GHz steps; shipped in ``openitu/data/p676/``), P the total surface pressure; water
    vapour equivalent height h_w = A f + B + Σ a_i / ((f - f_i)² + b_i) (eq. (37),
    Table 4).

* P.676-13 Annex 2, statistics of the slant-path attenuation at a location
  (`slant_path_attenuation_statistical_db`, what P.618-14 §2.5 uses):
  ``A(p) = (γ_o(f, P̄, ρ̄, T̄) h_o(f, P(p), ρ(p), T(p)) + K_V(f) V(p)) / sin θ`` with
  ``K_V = a_V + b_V ρ̄ + c_V T̄ + d_V P̄`` (coefficients of the Recommendation's Part 2 data
  file, 1 to 350 GHz), the bars annual means and P(p), ρ(p), T(p), V(p) the values
  exceeded for p % of the ITU-R P.2145-0 maps at the station height (module ``p2145``;
  P is the total pressure, γ_o takes the dry pressure P - e).

Everything takes arrays and broadcasts; one call evaluates the line sums for all points
at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Final

import numpy as np
import numpy.typing as npt

from openitu.errors import InvalidInput
from openitu.radio.checks import FloatArray, broadcast_named, check_edition, checked
from openitu.radio.propagation.maps import (
    itur_model,
    location,
    standard_pressure_hpa,
    surface_temperature_k,
    surface_water_vapour_density_g_m3,
    total_water_vapour_content_kg_m2,
)
from openitu.radio.propagation.p1511 import station_height_km
from openitu.radio.propagation.p2145 import P2145_PERCENTAGES, statistics_at

P676_EDITIONS: Final = ("P.676-13", "P.676-12")

# P.676-13 Annex 2 Table 4: h_w = A f + B + Σ a_i / ((f - f_i)² + b_i) [km].
_HW_A: Final = 5.6585e-5
_HW_B: Final = 1.8348
_HW_LINES: Final = (
    (22.235080, 2.6846, 2.7649),
    (183.310087, 5.8905, 4.9219),
    (325.152888, 2.9810, 3.0748),
)


@dataclass(frozen=True)
class SpecificAttenuation:
    """Specific attenuation [dB/km] by oxygen (dry air), water vapour, and their sum."""

    gamma_o_db_km: FloatArray
    gamma_w_db_km: FloatArray
    gamma_db_km: FloatArray


@cache
def _coefficients(name: str) -> FloatArray:
    """A P.676-13 coefficient file of ``openitu/data/p676/``, columns f [GHz] (1-350 GHz in
    0.5 GHz steps) and four coefficients: ``"kv"`` the Annex 2 K_V's a_V, b_V, c_V, d_V;
    ``"h0"`` eq. (31)'s a0 [km], b0, c0, d0."""
    source = resources.files("openitu.data").joinpath(f"p676/p676-13_{name}_coefficients.txt")
    with source.open("r", encoding="utf-8") as handle:
        table = np.loadtxt(handle, delimiter=",", skiprows=1, dtype=np.float64)
    return np.asarray(table)


def _interpolated(name: str, f: FloatArray) -> tuple[FloatArray, ...]:
    """The four coefficients of `_coefficients` ``name`` at frequencies f [GHz], each
    interpolated linearly between the file's rows."""
    table = _coefficients(name)
    return tuple(np.interp(f, table[:, 0], table[:, i]) for i in range(1, 5))


def _line_sums(
    f: FloatArray, p: FloatArray, rho: FloatArray, t: FloatArray, *, water: bool
) -> FloatArray:
    """Line-by-line N'' sums of P.676-12 Annex 1 eqs. (3)-(9), vectorised over points."""
    m = itur_model("676", 12)
    theta = (300.0 / t)[:, None]
    e = (rho * t / 216.7)[:, None]
    pp = p[:, None]
    ff = f[:, None]
    if water:
        fi = m.f_wv
        width = m.b3 * 1e-4 * (pp * theta**m.b4 + m.b5 * e * theta**m.b6)
        width = 0.535 * width + np.sqrt(0.217 * width**2 + 2.1316e-12 * fi**2 / theta)
        shape = (
            ff / fi * (width / ((fi - ff) ** 2 + width**2) + width / ((fi + ff) ** 2 + width**2))
        )
        strength = m.b1 * 1e-1 * e * theta**3.5 * np.exp(m.b2 * (1.0 - theta))
        return np.asarray(np.sum(strength * shape, axis=1))
    fi = m.f_ox
    width = m.a3 * 1e-4 * (pp * theta ** (0.8 - m.a4) + 1.1 * e * theta)
    width = np.sqrt(width**2 + 2.25e-6)
    delta = (m.a5 + m.a6 * theta) * 1e-4 * (pp + e) * theta**0.8
    shape = (
        ff
        / fi
        * (
            (width - delta * (fi - ff)) / ((fi - ff) ** 2 + width**2)
            + (width - delta * (fi + ff)) / ((fi + ff) ** 2 + width**2)
        )
    )
    strength = m.a1 * 1e-7 * pp * theta**3 * np.exp(m.a2 * (1.0 - theta))
    lines = np.sum(strength * shape, axis=1)
    th = theta[:, 0]
    ee = e[:, 0]
    d = 5.6e-4 * (p + ee) * th**0.8
    dry = (
        f
        * p
        * th**2
        * (6.14e-5 / (d * (1.0 + (f / d) ** 2)) + 1.4e-12 * p * th**1.5 / (1.0 + 1.9e-5 * f**1.5))
    )
    return np.asarray(lines + dry)


def _gamma_oxygen(f: FloatArray, p: FloatArray, rho: FloatArray, t: FloatArray) -> FloatArray:
    return np.asarray(0.1820 * f * _line_sums(f, p, rho, t, water=False))


def _gamma_water(f: FloatArray, p: FloatArray, rho: FloatArray, t: FloatArray) -> FloatArray:
    return np.asarray(0.1820 * f * _line_sums(f, p, rho, t, water=True))


def _zenith_water_vapour_db(f: FloatArray, v_t: FloatArray, hs: FloatArray) -> FloatArray:
    """P.676-12 Annex 2 §2.3: zenith water-vapour attenuation from V_t (eqs. (39)-(41))."""
    p_ref = np.full_like(f, 845.0)
    rho_ref = v_t / 2.38
    t_ref = 14.0 * np.log(0.22 * v_t / 2.38) + 3.0 + 273.15
    ratio = _gamma_water(f, p_ref, rho_ref, t_ref) / _gamma_water(
        np.full_like(f, 20.6), p_ref, rho_ref, t_ref
    )
    a = (
        0.2048 * np.exp(-(((f - 22.43) / 3.097) ** 2))
        + 0.2326 * np.exp(-(((f - 183.5) / 4.096) ** 2))
        + 0.2073 * np.exp(-(((f - 325.0) / 3.651) ** 2))
        - 0.1113
    )
    b = 8.741e4 * np.exp(-0.587 * f) + 312.2 * f**-2.38 + 0.723
    h = np.clip(hs, 0.0, 4.0)
    term = 0.0176 * v_t * ratio
    # Below 20 GHz there is no height term; b there is large enough to overflow h**b.
    above = f >= 20.0
    height = np.where(above, a * h ** np.where(above, b, 1.0) + 1.0, 1.0)
    return np.asarray(term * height)


def _atmosphere(
    pressure_hpa: npt.ArrayLike, rho_g_m3: npt.ArrayLike, temperature_k: npt.ArrayLike
) -> tuple[FloatArray, FloatArray, FloatArray]:
    pressure = checked(pressure_hpa, "pressure_hpa", 0.0, 1100.0, unit="hPa")
    rho = checked(rho_g_m3, "rho_g_m3", 0.0, 100.0, unit="g/m3")
    t = checked(temperature_k, "temperature_k", 150.0, 350.0, unit="K")
    return pressure, rho, t


def specific_attenuation(
    f_ghz: npt.ArrayLike,
    pressure_hpa: npt.ArrayLike,
    rho_g_m3: npt.ArrayLike,
    temperature_k: npt.ArrayLike,
    *,
    edition: str = "P.676-13",
) -> SpecificAttenuation:
    """Specific gaseous attenuation, Annex 1 eqs. (1)-(9) (line-by-line).

    ``γ = γ_o + γ_w = 0.1820 f (N''_Oxygen(f) + N''_WaterVapour(f))`` [dB/km], with the
    dry-air continuum in N''_Oxygen (eq. (8)).

    Parameters
    ----------
    f_ghz : array_like
        Frequency [GHz], 1 to 1000.
    pressure_hpa : array_like
        Dry-air pressure p [hPa], 0 to 1100 (the total pressure is p + e).
    rho_g_m3 : array_like
        Water-vapour density ρ [g/m³], 0 to 100 (e = ρ T / 216.7 hPa).
    temperature_k : array_like
        Temperature T [K], 150 to 350.
    edition : str
        "P.676-13" or "P.676-12" (same lines, same result).

    Returns
    -------
    SpecificAttenuation
        gamma_o_db_km, gamma_w_db_km, gamma_db_km [dB/km].
    """
    check_edition(edition, P676_EDITIONS)
    f = checked(f_ghz, "f_ghz", 1.0, 1000.0, unit="GHz")
    pressure, rho, t = _atmosphere(pressure_hpa, rho_g_m3, temperature_k)
    shape, (f, pressure, rho, t) = broadcast_named(
        f_ghz=f, pressure_hpa=pressure, rho_g_m3=rho, temperature_k=t
    )
    oxygen = _gamma_oxygen(f, pressure, rho, t)
    water = _gamma_water(f, pressure, rho, t)
    return SpecificAttenuation(
        gamma_o_db_km=oxygen.reshape(shape),
        gamma_w_db_km=water.reshape(shape),
        gamma_db_km=np.asarray(oxygen + water).reshape(shape),
    )


def zenith_water_vapour_attenuation_db(
    f_ghz: npt.ArrayLike,
    v_t_kg_m2: npt.ArrayLike,
    hs_km: npt.ArrayLike,
    *,
    edition: str = "P.676-13",
) -> FloatArray:
    """Zenith water-vapour attenuation from the integrated content V_t, Annex 2 §2.3 [dB].

    ``A_w = 0.0176 V_t γ_W(f, p_ref, ρ_ref, t_ref) / γ_W(f_ref, p_ref, ρ_ref, t_ref)``
    (f < 20 GHz), times ``(a h^b + 1)`` above (eqs. (39)-(41) of P.676-12, unchanged in
    -13), with f_ref = 20.6 GHz, p_ref = 845 hPa, ρ_ref = V_t / 2.38 g/m³,
    t_ref = 14 ln(0.22 V_t / 2.38) + 3 °C and h the station height clipped to [0, 4] km.

    Parameters
    ----------
    f_ghz : array_like
        Frequency [GHz], 1 to 350.
    v_t_kg_m2 : array_like
        Integrated water-vapour content [kg/m²], > 0 to 150.
    hs_km : array_like
        Station height above mean sea level [km], -0.5 to 9.
    edition : str
        "P.676-13" or "P.676-12".

    Returns
    -------
    ndarray
        A_w [dB].
    """
    check_edition(edition, P676_EDITIONS)
    f = checked(f_ghz, "f_ghz", 1.0, 350.0, unit="GHz")
    v_t = checked(v_t_kg_m2, "v_t_kg_m2", 0.0, 150.0, unit="kg/m2", low_inclusive=False)
    hs = checked(hs_km, "hs_km", -0.5, 9.0, unit="km")
    shape, (f, v_t, hs) = broadcast_named(f_ghz=f, v_t_kg_m2=v_t, hs_km=hs)
    return _zenith_water_vapour_db(f, v_t, hs).reshape(shape)


def _heights13(
    f: FloatArray, pressure: FloatArray, rho: FloatArray, t: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """P.676-13 eqs. (31) and (37): h_o and h_w [km]."""
    a0, b0, c0, d0 = _interpolated("h0", f)
    total = pressure + rho * t / 216.7
    h_o = a0 + b0 * t + c0 * total + d0 * rho
    h_w = _HW_A * f + _HW_B + sum(a / ((f - fi) ** 2 + b) for fi, a, b in _HW_LINES)
    return np.asarray(h_o), np.asarray(h_w)


def _heights12(
    f: FloatArray, pressure: FloatArray, rho: FloatArray, t: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """P.676-12 eqs. (31)-(34) and (36)-(37) as ``itur`` 0.4.0 implements them."""
    h_o, h_w = itur_model("676", 12).slant_inclined_path_equivalent_height(f, pressure, rho, t)
    return np.asarray(h_o, dtype=np.float64), np.asarray(h_w, dtype=np.float64)


def equivalent_heights_km(
    f_ghz: npt.ArrayLike,
    pressure_hpa: npt.ArrayLike,
    rho_g_m3: npt.ArrayLike,
    temperature_k: npt.ArrayLike,
    *,
    edition: str = "P.676-13",
) -> tuple[FloatArray, FloatArray]:
    """Oxygen and water-vapour equivalent heights (h_o, h_w) of Annex 2 §2.1 [km].

    Parameters as for `specific_attenuation` (frequency 1 to 350 GHz).
    """
    edition = check_edition(edition, P676_EDITIONS)
    f = checked(f_ghz, "f_ghz", 1.0, 350.0, unit="GHz")
    pressure, rho, t = _atmosphere(pressure_hpa, rho_g_m3, temperature_k)
    shape, (f, pressure, rho, t) = broadcast_named(
        f_ghz=f, pressure_hpa=pressure, rho_g_m3=rho, temperature_k=t
    )
    heights = _heights13 if edition == "P.676-13" else _heights12
    h_o, h_w = heights(f, pressure, rho, t)
    return h_o.reshape(shape), h_w.reshape(shape)


def slant_path_attenuation_at(
    f: FloatArray,
    el: FloatArray,
    rho: FloatArray,
    pressure: FloatArray,
    t: FloatArray,
    v_t: FloatArray | None,
    hs: FloatArray | None,
    edition: str,
) -> FloatArray:
    """`slant_path_attenuation_db` at 1-D arrays of one length that the caller has
    checked, for a supported ``edition``."""
    heights = _heights13 if edition == "P.676-13" else _heights12
    h_o, h_w = heights(f, pressure, rho, t)
    a_o = _gamma_oxygen(f, pressure, rho, t) * h_o
    if v_t is not None and hs is not None:
        a_w = _zenith_water_vapour_db(f, v_t, hs)
    else:
        a_w = _gamma_water(f, pressure, rho, t) * h_w
    return np.asarray(np.maximum((a_o + a_w) / np.sin(np.radians(el)), 0.0))


def slant_path_attenuation_db(
    f_ghz: npt.ArrayLike,
    el_deg: npt.ArrayLike,
    rho_g_m3: npt.ArrayLike,
    pressure_hpa: npt.ArrayLike,
    temperature_k: npt.ArrayLike,
    *,
    v_t_kg_m2: npt.ArrayLike | None = None,
    hs_km: npt.ArrayLike | None = None,
    edition: str = "P.676-13",
) -> FloatArray:
    """Gaseous attenuation on an Earth-space path, Annex 2 §2.2 [dB].

    ``A = (γ_o h_o + A_w) / sin θ`` with A_w = γ_w h_w from the surface conditions, or,
    when V_t and the station height are given, from §2.3 (as P.618 §2.5 uses it).

    Parameters
    ----------
    f_ghz : array_like
        Frequency [GHz], 1 to 350.
    el_deg : array_like
        Elevation angle [deg], 5 to 90.
    rho_g_m3 : array_like
        Surface water-vapour density [g/m³], 0 to 100.
    pressure_hpa : array_like
        Surface dry-air pressure [hPa], 0 to 1100.
    temperature_k : array_like
        Surface temperature [K], 150 to 350.
    v_t_kg_m2 : array_like, optional
        Integrated water-vapour content [kg/m²]; with ``hs_km`` selects §2.3 for A_w.
    hs_km : array_like, optional
        Station height above mean sea level [km], -0.5 to 9.
    edition : str
        "P.676-13" or "P.676-12".

    Returns
    -------
    ndarray
        A_gas [dB].
    """
    edition = check_edition(edition, P676_EDITIONS)
    f = checked(f_ghz, "f_ghz", 1.0, 350.0, unit="GHz")
    el = checked(el_deg, "el_deg", 5.0, 90.0, unit="deg")
    pressure, rho, t = _atmosphere(pressure_hpa, rho_g_m3, temperature_k)
    if (v_t_kg_m2 is None) != (hs_km is None):
        field = "v_t_kg_m2" if v_t_kg_m2 is None else "hs_km"
        raise InvalidInput(field, "give both v_t_kg_m2 and hs_km, or neither")
    if v_t_kg_m2 is None or hs_km is None:
        shape, (f, el, rho, pressure, t) = broadcast_named(
            f_ghz=f, el_deg=el, rho_g_m3=rho, pressure_hpa=pressure, temperature_k=t
        )
        return slant_path_attenuation_at(f, el, rho, pressure, t, None, None, edition).reshape(
            shape
        )
    v_t = checked(v_t_kg_m2, "v_t_kg_m2", 0.0, 150.0, unit="kg/m2", low_inclusive=False)
    hs = checked(hs_km, "hs_km", -0.5, 9.0, unit="km")
    shape, (f, el, rho, pressure, t, v_t, hs) = broadcast_named(
        f_ghz=f,
        el_deg=el,
        rho_g_m3=rho,
        pressure_hpa=pressure,
        temperature_k=t,
        v_t_kg_m2=v_t,
        hs_km=hs,
    )
    return slant_path_attenuation_at(f, el, rho, pressure, t, v_t, hs, edition).reshape(shape)


# Frequencies [GHz] covered by the shipped K_V coefficients.
_KV_RANGE: Final = (1.0, 350.0)


def slant_path_attenuation_statistical_at(
    lat: FloatArray, lon: FloatArray, f: FloatArray, el: FloatArray, p: FloatArray, hs: FloatArray
) -> FloatArray:
    """`slant_path_attenuation_statistical_db` at 1-D arrays of one length that the caller
    has checked (the P.618-14 §2.5 total calls it so)."""
    mean = statistics_at(lat, lon, None, hs)
    at_p = statistics_at(lat, lon, p, hs)
    p_mean, t_mean, rho_mean = mean.pressure_hpa, mean.temperature_k, mean.rho_g_m3
    p_p, t_p, rho_p, v_p = at_p.pressure_hpa, at_p.temperature_k, at_p.rho_g_m3, at_p.v_kg_m2
    # γ_o takes the dry-air pressure; P.2145 gives the total pressure P = p + e.
    gamma_o = _gamma_oxygen(f, p_mean - rho_mean * t_mean / 216.7, rho_mean, t_mean)
    h_o, _ = _heights13(f, p_p - rho_p * t_p / 216.7, rho_p, t_p)
    a_v, b_v, c_v, d_v = _interpolated("kv", f)
    k_v = a_v + b_v * rho_mean + c_v * t_mean + d_v * p_mean
    return np.asarray((gamma_o * h_o + k_v * v_p) / np.sin(np.radians(el)))


def _station_path(
    lat_deg: npt.ArrayLike,
    lon_deg: npt.ArrayLike,
    f_ghz: npt.ArrayLike,
    el_deg: npt.ArrayLike,
    p_percent: npt.ArrayLike,
    hs_km: npt.ArrayLike | None,
    p_range: tuple[float, float],
) -> tuple[tuple[int, ...], list[FloatArray]]:
    """The checked inputs of a slant path from a station (1-350 GHz, 5-90°, the station
    height from P.1511-2 when absent), broadcast and flattened."""
    lat, lon = location(lat_deg, lon_deg)
    f = checked(f_ghz, "f_ghz", *_KV_RANGE, unit="GHz")
    el = checked(el_deg, "el_deg", 5.0, 90.0, unit="deg")
    p = checked(p_percent, "p_percent", *p_range, unit="%")
    hs = station_height_km(hs_km, lat, lon)
    return broadcast_named(lat_deg=lat, lon_deg=lon, f_ghz=f, el_deg=el, p_percent=p, hs_km=hs)


def slant_path_attenuation_statistical_db(
    lat_deg: npt.ArrayLike,
    lon_deg: npt.ArrayLike,
    f_ghz: npt.ArrayLike,
    el_deg: npt.ArrayLike,
    p_percent: npt.ArrayLike,
    *,
    hs_km: npt.ArrayLike | None = None,
    edition: str = "P.676-13",
) -> FloatArray:
    """Gaseous attenuation on an Earth-space path exceeded for p % of the year [dB].

    P.676-13 Annex 2 statistical method with the P.2145-0 maps at the station:
    ``A(p) = (γ_o(f, P̄, ρ̄, T̄) h_o(f, P(p), ρ(p), T(p)) + K_V(f, P̄, ρ̄, T̄) V(p)) / sin θ``.

    Parameters
    ----------
    lat_deg, lon_deg : array_like
        Station location [deg]; latitude -90 to 90, longitude -180 to 360.
    f_ghz : array_like
        Frequency [GHz], 1 to 350.
    el_deg : array_like
        Elevation angle [deg], 5 to 90.
    p_percent : array_like
        Exceedance percentage, 5 to 50 (the P.2145 maps shipped).
    hs_km : array_like, optional
        Station height above mean sea level [km], -0.5 to 9; P.1511-2 when not given.
    edition : str
        "P.676-13" (the statistical method with P.2145 maps is new in this edition).

    Returns
    -------
    ndarray
        A_gas [dB].
    """
    check_edition(edition, ("P.676-13",))
    p_range = (P2145_PERCENTAGES[0], P2145_PERCENTAGES[-1])
    shape, (lat, lon, f, el, p, hs) = _station_path(
        lat_deg, lon_deg, f_ghz, el_deg, p_percent, hs_km, p_range
    )
    return slant_path_attenuation_statistical_at(lat, lon, f, el, p, hs).reshape(shape)


# Percentages at which P.836 tabulates its maps.
_P836_PERCENTAGES: Final = (0.1, 99.0)


def gaseous_attenuation_at(
    lat: FloatArray,
    lon: FloatArray,
    f: FloatArray,
    el: FloatArray,
    p: FloatArray,
    hs: FloatArray,
    edition: str,
) -> FloatArray:
    """`gaseous_attenuation_db` at 1-D arrays of one length that the caller has checked
    (the P.618 §2.5 total calls it so), for a supported ``edition``."""
    t = surface_temperature_k(lat, lon)
    pressure = standard_pressure_hpa(hs)
    rho = surface_water_vapour_density_g_m3(lat, lon, p, hs)
    v_t = total_water_vapour_content_kg_m2(lat, lon, p, hs)
    return slant_path_attenuation_at(f, el, rho, pressure, t, v_t, hs, edition)


def gaseous_attenuation_db(
    lat_deg: npt.ArrayLike,
    lon_deg: npt.ArrayLike,
    f_ghz: npt.ArrayLike,
    el_deg: npt.ArrayLike,
    p_percent: npt.ArrayLike,
    *,
    hs_km: npt.ArrayLike | None = None,
    edition: str = "P.676-12",
) -> FloatArray:
    """Gaseous attenuation on a slant path at a location, Annex 2 §2.2 (with §2.3 for water
    vapour) fed by the ITU-R maps [dB].

    Surface water-vapour density ρ and integrated content V_t exceeded for p % from
    P.836-6, annual mean temperature from P.1510-1, pressure from the P.835-6 standard
    atmosphere at the station height, station height from P.1511-2 when not given: what
    P.618-13 §2.5 uses (the P.2145 statistical method of -13 is
    `slant_path_attenuation_statistical_db`).

    Parameters and result as `slant_path_attenuation_statistical_db`, except p_percent,
    the percentage of time for the water-vapour statistics, 0.1 to 99 % (the P.836 maps),
    and edition, "P.676-12" (default, the edition of P.618-13) or "P.676-13".
    """
    edition = check_edition(edition, P676_EDITIONS)
    shape, (lat, lon, f, el, p, hs) = _station_path(
        lat_deg, lon_deg, f_ghz, el_deg, p_percent, hs_km, _P836_PERCENTAGES
    )
    return gaseous_attenuation_at(lat, lon, f, el, p, hs, edition).reshape(shape)
