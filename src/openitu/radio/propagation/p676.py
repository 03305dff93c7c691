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
from openitu.radio._checks import FloatArray, as_array, check_edition, check_range
from openitu.radio.propagation.earth_space import (
    _flat,
    _frequency,
    _gamma_oxygen,
    _gamma_water,
    _model,
    _zenith_water_vapour_db,
)

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
def _kv_table() -> FloatArray:
    """P.676-13 Annex 2 K_V coefficients: columns f [GHz], a_V, b_V, c_V, d_V (1-350 GHz)."""
    source = resources.files("openitu.data").joinpath("p676/p676-13_kv_coefficients.txt")
    with source.open("r", encoding="utf-8") as handle:
        table = np.loadtxt(handle, delimiter=",", skiprows=1, dtype=np.float64)
    return np.asarray(table)


@cache
def _h0_table() -> FloatArray:
    """P.676-13 eq. (31) coefficients: columns f [GHz], a0 [km], b0, c0, d0."""
    source = resources.files("openitu.data").joinpath("p676/p676-13_h0_coefficients.txt")
    with source.open("r", encoding="utf-8") as handle:
        table = np.loadtxt(handle, delimiter=",", skiprows=1, dtype=np.float64)
    return np.asarray(table)


def _atmosphere(
    pressure_hpa: npt.ArrayLike, rho_g_m3: npt.ArrayLike, temperature_k: npt.ArrayLike
) -> tuple[FloatArray, FloatArray, FloatArray]:
    pressure = as_array(pressure_hpa, "pressure_hpa")
    check_range(pressure, "pressure_hpa", 0.0, 1100.0, unit="hPa")
    rho = as_array(rho_g_m3, "rho_g_m3")
    check_range(rho, "rho_g_m3", 0.0, 100.0, unit="g/m3")
    t = as_array(temperature_k, "temperature_k")
    check_range(t, "temperature_k", 150.0, 350.0, unit="K")
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
    f = _frequency(f_ghz, 1.0, 1000.0)
    pressure, rho, t = _atmosphere(pressure_hpa, rho_g_m3, temperature_k)
    shape, (f, pressure, rho, t) = _flat(
        f, pressure, rho, t, fields=("f_ghz", "pressure_hpa", "rho_g_m3", "temperature_k")
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
    f = _frequency(f_ghz, 1.0, 350.0)
    v_t = as_array(v_t_kg_m2, "v_t_kg_m2")
    check_range(v_t, "v_t_kg_m2", 0.0, 150.0, unit="kg/m2", low_inclusive=False)
    hs = as_array(hs_km, "hs_km")
    check_range(hs, "hs_km", -0.5, 9.0, unit="km")
    shape, (f, v_t, hs) = _flat(f, v_t, hs, fields=("f_ghz", "v_t_kg_m2", "hs_km"))
    return _zenith_water_vapour_db(f, v_t, hs).reshape(shape)


def _heights13(
    f: FloatArray, pressure: FloatArray, rho: FloatArray, t: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """P.676-13 eqs. (31) and (37): h_o and h_w [km]."""
    table = _h0_table()
    a0, b0, c0, d0 = (np.interp(f, table[:, 0], table[:, i]) for i in range(1, 5))
    total = pressure + rho * t / 216.7
    h_o = a0 + b0 * t + c0 * total + d0 * rho
    h_w = _HW_A * f + _HW_B + sum(a / ((f - fi) ** 2 + b) for fi, a, b in _HW_LINES)
    return np.asarray(h_o), np.asarray(h_w)


def _heights12(
    f: FloatArray, pressure: FloatArray, rho: FloatArray, t: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """P.676-12 eqs. (31)-(34) and (36)-(37) as ``itur`` 0.4.0 implements them."""
    h_o, h_w = _model("676", 12).slant_inclined_path_equivalent_height(f, pressure, rho, t)
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
    f = _frequency(f_ghz, 1.0, 350.0)
    pressure, rho, t = _atmosphere(pressure_hpa, rho_g_m3, temperature_k)
    shape, (f, pressure, rho, t) = _flat(
        f, pressure, rho, t, fields=("f_ghz", "pressure_hpa", "rho_g_m3", "temperature_k")
    )
    heights = _heights13 if edition == "P.676-13" else _heights12
    h_o, h_w = heights(f, pressure, rho, t)
    return h_o.reshape(shape), h_w.reshape(shape)


def _slant(
    f: FloatArray,
    el: FloatArray,
    rho: FloatArray,
    pressure: FloatArray,
    t: FloatArray,
    v_t: FloatArray | None,
    hs: FloatArray | None,
    edition: str,
) -> FloatArray:
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
    f = _frequency(f_ghz, 1.0, 350.0)
    el = as_array(el_deg, "el_deg")
    check_range(el, "el_deg", 5.0, 90.0, unit="deg")
    pressure, rho, t = _atmosphere(pressure_hpa, rho_g_m3, temperature_k)
    if (v_t_kg_m2 is None) != (hs_km is None):
        field = "v_t_kg_m2" if v_t_kg_m2 is None else "hs_km"
        raise InvalidInput(field, "give both v_t_kg_m2 and hs_km, or neither")
    if v_t_kg_m2 is None or hs_km is None:
        shape, (f, el, rho, pressure, t) = _flat(
            f,
            el,
            rho,
            pressure,
            t,
            fields=("f_ghz", "el_deg", "rho_g_m3", "pressure_hpa", "temperature_k"),
        )
        return _slant(f, el, rho, pressure, t, None, None, edition).reshape(shape)
    v_t = as_array(v_t_kg_m2, "v_t_kg_m2")
    check_range(v_t, "v_t_kg_m2", 0.0, 150.0, unit="kg/m2", low_inclusive=False)
    hs = as_array(hs_km, "hs_km")
    check_range(hs, "hs_km", -0.5, 9.0, unit="km")
    shape, (f, el, rho, pressure, t, v_t, hs) = _flat(
        f,
        el,
        rho,
        pressure,
        t,
        v_t,
        hs,
        fields=(
            "f_ghz",
            "el_deg",
            "rho_g_m3",
            "pressure_hpa",
            "temperature_k",
            "v_t_kg_m2",
            "hs_km",
        ),
    )
    return _slant(f, el, rho, pressure, t, v_t, hs, edition).reshape(shape)


# Frequencies [GHz] covered by the shipped K_V coefficients.
_KV_RANGE: Final = (1.0, 350.0)


def _slant_statistical(
    lat: FloatArray, lon: FloatArray, f: FloatArray, el: FloatArray, p: FloatArray, hs: FloatArray
) -> FloatArray:
    """P.676-13 Annex 2 statistical slant-path attenuation [dB] at flat arrays of points."""
    from openitu.radio.propagation import p2145

    p_mean, t_mean, rho_mean, _ = p2145._statistics(lat, lon, None, hs)
    p_p, t_p, rho_p, v_p = p2145._statistics(lat, lon, p, hs)
    # γ_o takes the dry-air pressure; P.2145 gives the total pressure P = p + e.
    gamma_o = _gamma_oxygen(f, p_mean - rho_mean * t_mean / 216.7, rho_mean, t_mean)
    h_o, _ = _heights13(f, p_p - rho_p * t_p / 216.7, rho_p, t_p)
    table = _kv_table()
    a_v, b_v, c_v, d_v = (np.interp(f, table[:, 0], table[:, i]) for i in range(1, 5))
    k_v = a_v + b_v * rho_mean + c_v * t_mean + d_v * p_mean
    return np.asarray((gamma_o * h_o + k_v * v_p) / np.sin(np.radians(el)))


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
    from openitu.radio.propagation import earth_space as es
    from openitu.radio.propagation.p2145 import P2145_PERCENTAGES

    check_edition(edition, ("P.676-13",))
    lat, lon = es._location(lat_deg, lon_deg)
    f = _frequency(f_ghz, *_KV_RANGE)
    el = as_array(el_deg, "el_deg")
    check_range(el, "el_deg", 5.0, 90.0, unit="deg")
    p = as_array(p_percent, "p_percent")
    check_range(p, "p_percent", P2145_PERCENTAGES[0], P2145_PERCENTAGES[-1], unit="%")
    hs = es._station_height(hs_km, lat, lon)
    shape, (lat, lon, f, el, p, hs) = _flat(
        lat,
        lon,
        f,
        el,
        p,
        hs,
        fields=("lat_deg", "lon_deg", "f_ghz", "el_deg", "p_percent", "hs_km"),
    )
    return _slant_statistical(lat, lon, f, el, p, hs).reshape(shape)
