"""Earth-space propagation: gases (P.676), clouds (P.840), rain (P.618, P.837, P.838,
P.839), scintillation (P.618) and their total (P.618 §2.5).

The ITU-R digital maps (P.453, P.836, P.837, P.839, P.840, P.1510, P.1511) and the
spectroscopic line tables of P.676 come from the ``itur`` package (ITU-Rpy 0.4.0, MIT),
which ships them. We call its per-edition model objects directly with whole arrays, and
write here, vectorised, the steps that ``itur`` runs one point at a time through
``np.vectorize`` (the line-by-line gas absorption, the P.618 rain and scintillation
steps, the P.840 percentage interpolation): one call for a million points costs one pass
of numpy, not a million Python calls. Nothing from astropy leaves this module: inputs are
floats or arrays, outputs float64 ndarrays (shape () for scalars).

Editions: P.618-13 and -14 (§2.5 total; rain and scintillation are the same in both),
P.676-12 (Annex 2) or -13 (via ``p676``), P.840-8 (or -7, same data) or -9 (via ``p840``),
P.837-7, P.838-3, P.839-4, P.453-13, P.836-6, P.1510-1, P.1511-2 -- what ``itur`` 0.4.0
implements (P.840-9 and the P.676-13 heights shipped here) and the ITU-R validation rows in
tests/reference/earth_space confirm. The P.618-14 total takes its gas term from the P.676-13
Annex 2 statistical method fed by the ITU-R P.2145-0 digital maps, which we ship (modules
``p676`` and ``p2145``), as the ITU-R's P.618-14 examples do; the P.836-6/P.1510-1/P.835
inputs remain selectable (``gas_source="P.836"``) and are what P.618-13 uses.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from openitu.errors import InvalidInput
from openitu.radio._checks import FloatArray, as_array, broadcast, check_edition, check_range

P618_EDITIONS: Final = ("P.618-13", "P.618-14")
# §2.5: below this percentage the gas and cloud terms are taken at it (eqs. (65)/(66) of
# P.618-13: 1 %; eqs. (67)/(68) of P.618-14: 5 %).
_P_CG_FLOOR: Final = {"P.618-13": 1.0, "P.618-14": 5.0}
# §2.5 component editions used when not chosen: those in force with each P.618 edition
# (P.618-14 and P.840-9 are both of 08/2023; P.676-13 of 08/2022).
_COMPONENT_EDITIONS: Final = {
    "P.618-13": ("P.676-12", "P.840-8"),
    "P.618-14": ("P.676-13", "P.840-9"),
}
# Where R_0.01 comes from when it is not given: the P.837-7 map, or its Annex 1 procedure
# at the point (as the ITU-R validation examples of P.618 compute it).
R001_SOURCES: Final = ("map", "annex1")
P676_EDITIONS: Final = ("P.676-12", "P.676-13")
# Where the §2.5 gas term takes its surface statistics: the P.2145-0 maps through the
# P.676-13 Annex 2 statistical method, or P.836-6 ρ and V_t, the P.1510-1 mean temperature
# and the P.835 standard pressure with the Annex 2 equivalent heights and §2.3.
GAS_SOURCES: Final = ("P.2145", "P.836")
P840_EDITIONS: Final = ("P.840-8", "P.840-7", "P.840-9")
MAP_EDITIONS: Final = {
    "P.453": "P.453-13",
    "P.836": "P.836-6",
    "P.837": "P.837-7",
    "P.838": "P.838-3",
    "P.839": "P.839-4",
    "P.1510": "P.1510-1",
    "P.1511": "P.1511-2",
}
# Percentages at which P.453/P.836/P.840 tabulate their maps.
_MAP_PERCENTAGES: Final = (0.1, 99.0)

# itur module -> name of its edition-dispatching wrapper class.
_ITUR_CLASSES: Final = {
    "618": "_ITU618",
    "676": "__ITU676__",
    "840": "__ITU840__",
    "837": "__ITU837",
    "838": "__ITU838__",
    "839": "__ITU839__",
    "453": "__ITU453__",
    "1511": "__ITU1511",
    "836": "__ITU836",
    "1510": "__ITU1510__",
    "835": "__ITU835__",
}
_import_lock = threading.Lock()


@cache
def _model(recommendation: str, version: int) -> Any:
    """The ``itur`` model object of one edition (maps load lazily on first use)."""
    import importlib

    with _import_lock:
        # Importing itur calls np.seterr(divide="ignore") for the whole process: keep
        # numpy's error state as it was.
        saved = np.geterr()
        try:
            module = importlib.import_module(f"itur.models.itu{recommendation}")
        finally:
            np.seterr(**saved)
        wrapper = getattr(module, _ITUR_CLASSES[recommendation])(version)
    return wrapper.instance


def _version(edition: str) -> int:
    return int(edition.rsplit("-", 1)[1])


def _lon360(lon: FloatArray) -> FloatArray:
    return np.asarray(np.mod(lon, 360.0))


def _per_percentage(
    function: Callable[..., Any], lat: FloatArray, lon: FloatArray, p: FloatArray, *extra: Any
) -> FloatArray:
    """Call a map function that takes one percentage at a time, once per distinct value."""
    out = np.empty(lat.shape, dtype=np.float64)
    for value in np.unique(p):
        mask = p == value
        args = [np.array(a[mask], dtype=np.float64) for a in extra]
        out[mask] = np.asarray(
            function(lat[mask].copy(), lon[mask].copy(), float(value), *args), dtype=np.float64
        ).reshape(-1)
    return out


# --- maps ------------------------------------------------------------------------------------


def _topographic_altitude_km(lat: FloatArray, lon: FloatArray) -> FloatArray:
    model = _model("1511", _version(MAP_EDITIONS["P.1511"]))
    return np.asarray(model.topographic_altitude(lat.copy(), _lon360(lon)), dtype=np.float64)


def _surface_temperature_k(lat: FloatArray, lon: FloatArray) -> FloatArray:
    model = _model("1510", _version(MAP_EDITIONS["P.1510"]))
    return np.asarray(model.surface_mean_temperature(lat.copy(), _lon360(lon)), dtype=np.float64)


def _standard_pressure_hpa(h_km: FloatArray) -> FloatArray:
    model = _model("835", 6)
    return np.asarray(model.standard_pressure(h_km), dtype=np.float64)


def _water_vapour(
    which: str, lat: FloatArray, lon: FloatArray, p: FloatArray, hs: FloatArray
) -> FloatArray:
    model = _model("836", _version(MAP_EDITIONS["P.836"]))
    function = getattr(model, which)
    return _per_percentage(function, lat, _lon360(lon), p, hs)


def _rain_height_km(lat: FloatArray, lon: FloatArray) -> FloatArray:
    model = _model("839", _version(MAP_EDITIONS["P.839"]))
    return np.asarray(model.rain_height(lat.copy(), _lon360(lon)), dtype=np.float64)


def _r001_mm_h(lat: FloatArray, lon: FloatArray, source: str = "map") -> FloatArray:
    if source == "annex1":
        from openitu.radio.propagation import p837  # p837 builds on this module

        return p837._r001_annex1(lat, lon)
    model = _model("837", _version(MAP_EDITIONS["P.837"]))
    return np.asarray(model.rainfall_rate(lat.copy(), _lon360(lon), 0.01), dtype=np.float64)


def _wet_refractivity(lat: FloatArray, lon: FloatArray) -> FloatArray:
    model = _model("453", _version(MAP_EDITIONS["P.453"]))
    return np.asarray(
        model.map_wet_term_radio_refractivity(lat.copy(), _lon360(lon), 50.0), dtype=np.float64
    )


def _lred_kg_m2(lat: FloatArray, lon: FloatArray, p: FloatArray, edition: str) -> FloatArray:
    """P.840 Lred exceeded for p %, log-interpolated between the tabulated percentages."""
    model = _model("840", _version(edition))
    table = np.array([0.1, 0.2, 0.3, 0.5, 1, 2, 3, 5, 10, 20, 30, 50, 60, 70, 80, 90, 95, 99.0])
    lon360 = _lon360(lon)
    out = np.empty(lat.shape, dtype=np.float64)
    for value in np.unique(p):
        mask = p == value
        la, lo = lat[mask].copy(), lon360[mask].copy()
        i = int(np.clip(np.searchsorted(table, value, side="right") - 1, 0, len(table) - 2))
        below, above = float(table[i]), float(table[i + 1])
        if value == below:
            out[mask] = model.Lred(la, lo, below)
            continue
        lb = np.asarray(model.Lred(la, lo, below))
        la_ = np.asarray(model.Lred(la, lo, above))
        weight = (np.log(value) - np.log(below)) / (np.log(above) - np.log(below))
        out[mask] = lb + (la_ - lb) * weight
    return out


# --- P.676-12: gaseous attenuation --------------------------------------------------------


def _line_sums(
    f: FloatArray, p: FloatArray, rho: FloatArray, t: FloatArray, *, water: bool
) -> FloatArray:
    """Line-by-line N'' sums of P.676-12 Annex 1 eqs. (3)-(9), vectorised over points."""
    m = _model("676", 12)
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
    return np.asarray(np.where(f < 20.0, term, term * (a * h**b + 1.0)))


def _gas_slant_db(
    f: FloatArray,
    el: FloatArray,
    rho: FloatArray,
    p: FloatArray,
    t: FloatArray,
    v_t: FloatArray,
    hs: FloatArray,
) -> FloatArray:
    """P.676-12 Annex 2 §2.2: (A_o + A_w) / sin θ, A_o = γ_o h_o, A_w from §2.3."""
    m = _model("676", 12)
    h0, _ = m.slant_inclined_path_equivalent_height(f, p, rho, t)
    a_o = _gamma_oxygen(f, p, rho, t) * h0
    a_w = _zenith_water_vapour_db(f, v_t, hs)
    return np.asarray(np.maximum((a_o + a_w) / np.sin(np.radians(el)), 0.0))


# --- P.618-13: rain and scintillation ------------------------------------------------------


def _rain_db(
    lat: FloatArray,
    f: FloatArray,
    el: FloatArray,
    hs: FloatArray,
    p: FloatArray,
    tau: FloatArray,
    hr: FloatArray,
    r001: FloatArray,
) -> FloatArray:
    """P.618-13 §2.2.1.1, steps 1-10 (eqs. (1)-(8))."""
    k, alpha = _model(
        "838", _version(MAP_EDITIONS["P.838"])
    ).rain_specific_attenuation_coefficients(f, el, tau)
    sin_el = np.sin(np.radians(el))
    cos_el = np.cos(np.radians(el))
    dh = hr - hs
    dh_pos = np.maximum(dh, 1e-9)
    ls = np.where(
        el >= 5.0,
        dh_pos / sin_el,
        2.0 * dh_pos / (np.sqrt(sin_el**2 + 2.0 * dh_pos / 8500.0) + sin_el),
    )
    lg = ls * cos_el
    gamma_r = k * np.maximum(r001, 0.0) ** alpha
    r001_factor = 1.0 / (1.0 + 0.78 * np.sqrt(lg * gamma_r / f) - 0.38 * (1.0 - np.exp(-2.0 * lg)))
    zeta = np.degrees(np.arctan2(dh_pos, lg * r001_factor))
    lr = np.where(zeta > el, lg * r001_factor / cos_el, dh_pos / sin_el)
    abs_lat = np.abs(lat)
    chi = np.where(abs_lat < 36.0, 36.0 - abs_lat, 0.0)
    v001 = 1.0 / (
        1.0
        + np.sqrt(sin_el)
        * (31.0 * (1.0 - np.exp(-(el / (1.0 + chi)))) * np.sqrt(lr * gamma_r) / f**2 - 0.45)
    )
    a001 = gamma_r * lr * v001
    beta = np.where(
        (p >= 1.0) | (abs_lat >= 36.0),
        0.0,
        np.where(
            el >= 25.0, -0.005 * (abs_lat - 36.0), -0.005 * (abs_lat - 36.0) + 1.8 - 4.25 * sin_el
        ),
    )
    positive = (a001 > 0.0) & (dh > 0.0)
    safe_a001 = np.where(positive, a001, 1.0)
    exponent = -(0.655 + 0.033 * np.log(p) - 0.045 * np.log(safe_a001) - beta * (1.0 - p) * sin_el)
    return np.asarray(np.where(positive, safe_a001 * (p / 0.01) ** exponent, 0.0))


def _scintillation_db(
    f: FloatArray, el: FloatArray, p: FloatArray, d: FloatArray, eta: FloatArray, n_wet: FloatArray
) -> FloatArray:
    """P.618-13 §2.4.1, steps 1-9 (eqs. (42)-(49)), h_L = 1000 m."""
    sin_el = np.sin(np.radians(el))
    sigma_ref = 3.6e-3 + 1e-4 * n_wet
    path = 2.0 * 1000.0 / (np.sqrt(sin_el**2 + 2.35e-4) + sin_el)
    d_eff = np.sqrt(eta) * d
    x = 1.22 * d_eff**2 * f / path
    radicand = 3.86 * (x**2 + 1.0) ** (11.0 / 12.0) * np.sin(
        11.0 / 6.0 * np.arctan2(1.0, x)
    ) - 7.08 * x ** (5.0 / 6.0)
    # A negative radicand (x >= 7.0): no scintillation fading for any percentage.
    g = np.sqrt(np.maximum(radicand, 0.0))
    sigma = sigma_ref * f ** (7.0 / 12.0) * g / sin_el**1.2
    lp = np.log10(p)
    a_p = -0.061 * lp**3 + 0.072 * lp**2 - 1.71 * lp + 3.0
    return np.asarray(a_p * sigma)


# --- public interface ----------------------------------------------------------------------


@dataclass(frozen=True)
class SlantPathAttenuation:
    """The contributions and total of P.618 §2.5 [dB], each broadcast over the inputs."""

    a_gas_db: FloatArray
    a_cloud_db: FloatArray
    a_rain_db: FloatArray
    a_scint_db: FloatArray
    a_total_db: FloatArray


def _location(lat_deg: npt.ArrayLike, lon_deg: npt.ArrayLike) -> tuple[FloatArray, FloatArray]:
    lat = as_array(lat_deg, "lat_deg")
    lon = as_array(lon_deg, "lon_deg")
    check_range(lat, "lat_deg", -90.0, 90.0, unit="deg")
    check_range(lon, "lon_deg", -180.0, 360.0, unit="deg")
    return lat, lon


def _frequency(f_ghz: npt.ArrayLike, low: float, high: float) -> FloatArray:
    f = as_array(f_ghz, "f_ghz")
    check_range(f, "f_ghz", low, high, unit="GHz")
    return f


def _elevation(el_deg: npt.ArrayLike, low: float) -> FloatArray:
    el = as_array(el_deg, "el_deg")
    check_range(el, "el_deg", low, 90.0, unit="deg")
    return el


def _percentage(p_percent: npt.ArrayLike, low: float, high: float) -> FloatArray:
    p = as_array(p_percent, "p_percent")
    check_range(p, "p_percent", low, high, unit="%")
    return p


def _station_height(hs_km: npt.ArrayLike | None, lat: FloatArray, lon: FloatArray) -> FloatArray:
    if hs_km is None:
        return _topographic_altitude_km(lat, lon)
    hs = as_array(hs_km, "hs_km")
    check_range(hs, "hs_km", -0.5, 9.0, unit="km")
    return hs


def _flat(*arrays: FloatArray, fields: tuple[str, ...]) -> tuple[tuple[int, ...], list[FloatArray]]:
    shaped = broadcast(*arrays, fields=fields)
    shape = shaped[0].shape
    return shape, [np.ascontiguousarray(a, dtype=np.float64).reshape(-1) for a in shaped]


def topographic_altitude_km(lat_deg: npt.ArrayLike, lon_deg: npt.ArrayLike) -> FloatArray:
    """Height of the surface above mean sea level, P.1511-2 digital map [km]."""
    lat, lon = _location(lat_deg, lon_deg)
    shape, (lat, lon) = _flat(lat, lon, fields=("lat_deg", "lon_deg"))
    return _topographic_altitude_km(lat, lon).reshape(shape)


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
    """Gaseous attenuation on a slant path, P.676-12 Annex 2 §2.2 (with §2.3 for water vapour).

    Surface water-vapour density ρ and integrated content V_t exceeded for p % from
    P.836-6, annual mean temperature from P.1510-1, pressure from the P.835-6 standard
    atmosphere at the station height, station height from P.1511-2 when not given.

    Parameters
    ----------
    lat_deg, lon_deg : array_like
        Station latitude [-90, 90] and longitude [-180, 360] [deg].
    f_ghz : array_like
        Frequency [GHz], 1 to 350.
    el_deg : array_like
        Elevation angle [deg], 5 to 90 (Annex 2 validity).
    p_percent : array_like
        Percentage of time for the water-vapour statistics [%], 0.1 to 99.
    hs_km : array_like, optional
        Station height above mean sea level [km].

    Returns
    -------
    ndarray
        A_gas [dB].
    """
    edition = check_edition(edition, P676_EDITIONS)
    lat, lon = _location(lat_deg, lon_deg)
    f = _frequency(f_ghz, 1.0, 350.0)
    el = _elevation(el_deg, 5.0)
    p = _percentage(p_percent, *_MAP_PERCENTAGES)
    hs = _station_height(hs_km, lat, lon)
    shape, (lat, lon, f, el, p, hs) = _flat(
        lat,
        lon,
        f,
        el,
        p,
        hs,
        fields=("lat_deg", "lon_deg", "f_ghz", "el_deg", "p_percent", "hs_km"),
    )
    return _gas(lat, lon, f, el, p, hs, edition).reshape(shape)


def gaseous_attenuation_slant_db(
    f_ghz: npt.ArrayLike,
    el_deg: npt.ArrayLike,
    rho_g_m3: npt.ArrayLike,
    pressure_hpa: npt.ArrayLike,
    temperature_k: npt.ArrayLike,
    v_t_kg_m2: npt.ArrayLike,
    hs_km: npt.ArrayLike,
    *,
    edition: str = "P.676-12",
) -> FloatArray:
    """Gaseous attenuation on a slant path from given surface conditions, P.676-12 Annex 2.

    §2.2 eq. (29): ``A = (γ_o h_o + A_w) / sin θ`` with the oxygen equivalent height h_o of
    eq. (31) and the zenith water-vapour attenuation A_w of §2.3 from V_t and the station
    height (eqs. (39)-(41)).

    Parameters
    ----------
    f_ghz : array_like
        Frequency [GHz], 1 to 350.
    el_deg : array_like
        Elevation angle [deg], 5 to 90.
    rho_g_m3 : array_like
        Surface water-vapour density [g/m³], 0 to 100.
    pressure_hpa : array_like
        Surface (dry) pressure [hPa], 100 to 1100.
    temperature_k : array_like
        Surface temperature [K], 180 to 340.
    v_t_kg_m2 : array_like
        Integrated water-vapour content [kg/m²], > 0 to 150.
    hs_km : array_like
        Station height above mean sea level [km].

    Returns
    -------
    ndarray
        A_gas [dB].
    """
    edition = check_edition(edition, P676_EDITIONS)
    f = _frequency(f_ghz, 1.0, 350.0)
    el = _elevation(el_deg, 5.0)
    rho = as_array(rho_g_m3, "rho_g_m3")
    check_range(rho, "rho_g_m3", 0.0, 100.0, unit="g/m3")
    pressure = as_array(pressure_hpa, "pressure_hpa")
    check_range(pressure, "pressure_hpa", 100.0, 1100.0, unit="hPa")
    t = as_array(temperature_k, "temperature_k")
    check_range(t, "temperature_k", 180.0, 340.0, unit="K")
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
    if edition == "P.676-13":
        from openitu.radio.propagation import p676  # p676 builds on this module

        return p676._slant(f, el, rho, pressure, t, v_t, hs, edition).reshape(shape)
    return _gas_slant_db(f, el, rho, pressure, t, v_t, hs).reshape(shape)


def _gas(
    lat: FloatArray,
    lon: FloatArray,
    f: FloatArray,
    el: FloatArray,
    p: FloatArray,
    hs: FloatArray,
    edition: str = "P.676-12",
) -> FloatArray:
    t = _surface_temperature_k(lat, lon)
    pressure = _standard_pressure_hpa(hs)
    rho = _water_vapour("surface_water_vapour_density", lat, lon, p, hs)
    v_t = _water_vapour("total_water_vapour_content", lat, lon, p, hs)
    if edition == "P.676-13":
        from openitu.radio.propagation import p676  # p676 builds on this module

        return p676._slant(f, el, rho, pressure, t, v_t, hs, edition)
    return _gas_slant_db(f, el, rho, pressure, t, v_t, hs)


def cloud_attenuation_db(
    lat_deg: npt.ArrayLike,
    lon_deg: npt.ArrayLike,
    f_ghz: npt.ArrayLike,
    el_deg: npt.ArrayLike,
    p_percent: npt.ArrayLike,
    *,
    edition: str = "P.840-8",
) -> FloatArray:
    """Cloud attenuation, P.840-8 §3 eq. (12): ``A = L_red K_l(f, 0 °C) / sin θ``.

    L_red (kg/m²) exceeded for p % from the P.840 maps, interpolated in log(p) between the
    tabulated percentages (§3.1).

    Parameters
    ----------
    lat_deg, lon_deg : array_like
        Latitude and longitude [deg].
    f_ghz : array_like
        Frequency [GHz], 1 to 200.
    el_deg : array_like
        Elevation angle [deg], 5 to 90.
    p_percent : array_like
        Percentage of an average year [%], 0.1 to 99.

    Returns
    -------
    ndarray
        A_C [dB].
    """
    edition = check_edition(edition, P840_EDITIONS)
    lat, lon = _location(lat_deg, lon_deg)
    f = _frequency(f_ghz, 1.0, 200.0)
    el = _elevation(el_deg, 5.0)
    p = _percentage(p_percent, *_MAP_PERCENTAGES)
    shape, (lat, lon, f, el, p) = _flat(
        lat, lon, f, el, p, fields=("lat_deg", "lon_deg", "f_ghz", "el_deg", "p_percent")
    )
    return _cloud(lat, lon, f, el, p, edition).reshape(shape)


def _cloud(
    lat: FloatArray, lon: FloatArray, f: FloatArray, el: FloatArray, p: FloatArray, edition: str
) -> FloatArray:
    if edition == "P.840-9":
        from openitu.radio.propagation import p840  # p840 builds on this module

        return p840._cloud(lat, lon, f, el, p, edition)
    kl = _model("840", _version(edition)).specific_attenuation_coefficients(f, 0.0)
    lred = _lred_kg_m2(lat, lon, p, edition)
    return np.asarray(np.maximum(lred * kl / np.sin(np.radians(el)), 0.0))


def rain_attenuation_db(
    lat_deg: npt.ArrayLike,
    lon_deg: npt.ArrayLike,
    f_ghz: npt.ArrayLike,
    el_deg: npt.ArrayLike,
    p_percent: npt.ArrayLike,
    *,
    hs_km: npt.ArrayLike | None = None,
    tau_deg: npt.ArrayLike = 45.0,
    r001_mm_h: npt.ArrayLike | None = None,
    r001_source: str = "map",
    edition: str = "P.618-13",
) -> FloatArray:
    """Rain attenuation exceeded for p % of an average year, P.618-13/-14 §2.2.1.1.

    Rain height from P.839-4, R_0.01 from P.837-7 when not given, γ_R = k R^α from
    P.838-3, station height from P.1511-2 when not given. Zero where the station is above
    the rain height or it never rains. Steps 1-10 (eqs. (1)-(8)) are the same in both
    editions.

    Parameters
    ----------
    lat_deg, lon_deg : array_like
        Latitude and longitude [deg].
    f_ghz : array_like
        Frequency [GHz], 1 to 55.
    el_deg : array_like
        Elevation angle [deg], > 0 to 90.
    p_percent : array_like
        Percentage of an average year [%], 0.001 to 5.
    hs_km : array_like, optional
        Station height above mean sea level [km].
    tau_deg : array_like
        Polarization tilt angle relative to the horizontal [deg] (45 for circular).
    r001_mm_h : array_like, optional
        Rainfall rate exceeded for 0.01 % of an average year [mm/h].
    r001_source : str
        Where R_0.01 comes from when ``r001_mm_h`` is absent: "map" (the P.837-7 R_0.01
        digital map, bilinear) or "annex1" (P.837-7 Annex 1 steps 1-8 at p = 0.01 % at
        the point, as the ITU-R validation examples of P.618 compute it; slower).
    edition : str
        "P.618-13" or "P.618-14".

    Returns
    -------
    ndarray
        A_R [dB].
    """
    check_edition(edition, P618_EDITIONS)
    r001_source = _r001_source(r001_source)
    lat, lon = _location(lat_deg, lon_deg)
    f = _frequency(f_ghz, 1.0, 55.0)
    el = _elevation(el_deg, 0.0)
    check_range(el, "el_deg", 0.0, 90.0, unit="deg", low_inclusive=False)
    p = _percentage(p_percent, 0.001, 5.0)
    tau = as_array(tau_deg, "tau_deg")
    check_range(tau, "tau_deg", -90.0, 90.0, unit="deg")
    hs = _station_height(hs_km, lat, lon)
    r001 = np.asarray(np.nan) if r001_mm_h is None else as_array(r001_mm_h, "r001_mm_h")
    if r001_mm_h is not None:
        check_range(r001, "r001_mm_h", 0.0, 500.0, unit="mm/h")
    shape, (lat, lon, f, el, p, tau, hs, r001) = _flat(
        lat,
        lon,
        f,
        el,
        p,
        tau,
        hs,
        r001,
        fields=(
            "lat_deg",
            "lon_deg",
            "f_ghz",
            "el_deg",
            "p_percent",
            "tau_deg",
            "hs_km",
            "r001_mm_h",
        ),
    )
    if r001_mm_h is None:
        r001 = _r001_mm_h(lat, lon, r001_source)
    hr = _rain_height_km(lat, lon)
    return _rain_db(lat, f, el, hs, p, tau, hr, r001).reshape(shape)


def scintillation_attenuation_db(
    lat_deg: npt.ArrayLike,
    lon_deg: npt.ArrayLike,
    f_ghz: npt.ArrayLike,
    el_deg: npt.ArrayLike,
    p_percent: npt.ArrayLike,
    d_m: npt.ArrayLike,
    eta: npt.ArrayLike = 0.5,
    *,
    edition: str = "P.618-13",
) -> FloatArray:
    """Tropospheric scintillation fade depth exceeded for p %, P.618-13/-14 §2.4.1.

    N_wet: the median wet term of refractivity from the P.453-13 maps; turbulent layer
    height h_L = 1 000 m. Steps 1-9 are the same in both editions (P.618-14 states the
    method up to 55 GHz, as we apply it for both).

    Parameters
    ----------
    lat_deg, lon_deg : array_like
        Latitude and longitude [deg].
    f_ghz : array_like
        Frequency [GHz], 1 to 55.
    el_deg : array_like
        Elevation angle [deg], 5 to 90.
    p_percent : array_like
        Percentage of time [%], 0.001 to 50.
    d_m : array_like
        Physical diameter of the earth-station antenna [m], > 0.
    eta : array_like
        Antenna efficiency (0, 1].
    edition : str
        "P.618-13" or "P.618-14".

    Returns
    -------
    ndarray
        A_S [dB].
    """
    check_edition(edition, P618_EDITIONS)
    lat, lon = _location(lat_deg, lon_deg)
    f = _frequency(f_ghz, 1.0, 55.0)
    el = _elevation(el_deg, 5.0)
    # §2.4.1 step 8 states a(p) for 0.01 < p <= 50 %; the ITU-R validation examples and
    # the §2.5 total use it down to 0.001 %, and so do we.
    p = _percentage(p_percent, 0.001, 50.0)
    d, e = _antenna(d_m, eta)
    shape, (lat, lon, f, el, p, d, e) = _flat(
        lat,
        lon,
        f,
        el,
        p,
        d,
        e,
        fields=("lat_deg", "lon_deg", "f_ghz", "el_deg", "p_percent", "d_m", "eta"),
    )
    return _scintillation_db(f, el, p, d, e, _wet_refractivity(lat, lon)).reshape(shape)


def _r001_source(source: str) -> str:
    if source not in R001_SOURCES:
        raise InvalidInput("r001_source", f"must be one of {', '.join(R001_SOURCES)}")
    return source


def _antenna(d_m: npt.ArrayLike, eta: npt.ArrayLike) -> tuple[FloatArray, FloatArray]:
    d = as_array(d_m, "d_m")
    check_range(d, "d_m", 0.0, 100.0, unit="m", low_inclusive=False)
    e = as_array(eta, "eta")
    check_range(e, "eta", 0.0, 1.0, low_inclusive=False)
    return d, e


def slant_path_attenuation(
    lat_deg: npt.ArrayLike,
    lon_deg: npt.ArrayLike,
    f_ghz: npt.ArrayLike,
    el_deg: npt.ArrayLike,
    p_percent: npt.ArrayLike,
    d_m: npt.ArrayLike,
    eta: npt.ArrayLike = 0.5,
    *,
    hs_km: npt.ArrayLike | None = None,
    tau_deg: npt.ArrayLike = 45.0,
    edition: str = "P.618-13",
    gas_edition: str | None = None,
    cloud_edition: str | None = None,
    r001_source: str = "map",
    gas_source: str | None = None,
) -> SlantPathAttenuation:
    """Total attenuation on an Earth-space path, P.618 §2.5.

    ``A_T(p) = A_G(p) + sqrt((A_R(p) + A_C(p))² + A_S(p)²)`` (P.618-13 eq. (64), P.618-14
    eq. (66)), where, because rain attenuation already contains much of the cloud and gas
    attenuation at small percentages, the gas and cloud terms are held at a floor:

    * P.618-13, eqs. (65)-(66): ``A_C(p) = A_C(1 %)`` and ``A_G(p) = A_G(1 %)`` for p < 1 %;
    * P.618-14, eqs. (67)-(68): ``A_C(p) = A_C(5 %)`` and ``A_G(p) = A_G(5 %)`` for p < 5 %.

    A_R from §2.2.1.1, A_S from §2.4.1 (both unchanged between the editions), A_C from
    P.840, A_G from P.676 Annex 2 at max(p, floor) %: with P.618-14 (P.676-13) by the
    statistical method on the P.2145-0 maps at the station height (`p676.
    slant_path_attenuation_statistical_db`), as the ITU-R's P.618-14 examples do; with
    P.618-13, or ``gas_source="P.836"``, with ρ and V_t of P.836-6, the mean surface
    temperature of P.1510-1 and the P.835 standard pressure at the station height.

    Parameters
    ----------
    lat_deg, lon_deg : array_like
        Earth-station latitude [-90, 90] and longitude [-180, 360] [deg].
    f_ghz : array_like
        Frequency [GHz], 1 to 55.
    el_deg : array_like
        Elevation angle [deg], 5 to 90.
    p_percent : array_like
        Percentage of an average year [%], 0.001 to 50 (§2.5); the rain term is the
        §2.2.1.1 step 10 formula at that percentage.
    d_m : array_like
        Earth-station antenna diameter [m].
    eta : array_like
        Antenna efficiency (0, 1].
    hs_km : array_like, optional
        Station height above mean sea level [km]; P.1511-2 when absent.
    tau_deg : array_like
        Polarization tilt [deg] (45: circular).
    edition : str
        "P.618-13" (default) or "P.618-14".
    gas_edition : str, optional
        "P.676-12" or "P.676-13"; by default P.676-12 with P.618-13, P.676-13 with -14.
    cloud_edition : str, optional
        "P.840-7", "P.840-8" or "P.840-9"; by default P.840-8 with P.618-13, P.840-9 with
        -14.
    r001_source : str
        R_0.01 from the P.837-7 "map" (default) or its "annex1" procedure at the point (as
        the ITU-R validation examples compute it); see `rain_attenuation_db`.
    gas_source : str, optional
        "P.2145" (P.676-13 statistical method; needs gas_edition P.676-13 and a floor of
        5 %, i.e. P.618-14, the maps being shipped for 5 to 50 %) or "P.836"; by default
        "P.2145" with P.618-14 and P.676-13, "P.836" otherwise.

    Returns
    -------
    SlantPathAttenuation
        a_gas_db, a_cloud_db, a_rain_db, a_scint_db, a_total_db [dB].
    """
    edition = check_edition(edition, P618_EDITIONS)
    default_gas, default_cloud = _COMPONENT_EDITIONS[edition]
    gas_edition = check_edition(gas_edition or default_gas, P676_EDITIONS, field="gas_edition")
    cloud_edition = check_edition(
        cloud_edition or default_cloud, P840_EDITIONS, field="cloud_edition"
    )
    r001_source = _r001_source(r001_source)
    statistical = edition == "P.618-14" and gas_edition == "P.676-13"
    gas_source = gas_source or ("P.2145" if statistical else "P.836")
    if gas_source not in GAS_SOURCES:
        raise InvalidInput("gas_source", f"must be one of {', '.join(GAS_SOURCES)}")
    if gas_source == "P.2145" and not statistical:
        raise InvalidInput(
            "gas_source",
            "P.2145 is the P.676-13 statistical method with the maps for 5 to 50 %: it needs "
            "edition P.618-14 (5 % floor) and gas_edition P.676-13",
        )
    lat, lon = _location(lat_deg, lon_deg)
    f = _frequency(f_ghz, 1.0, 55.0)
    el = _elevation(el_deg, 5.0)
    p = _percentage(p_percent, 0.001, 50.0)
    d, e = _antenna(d_m, eta)
    tau = as_array(tau_deg, "tau_deg")
    check_range(tau, "tau_deg", -90.0, 90.0, unit="deg")
    hs = _station_height(hs_km, lat, lon)
    shape, (lat, lon, f, el, p, d, e, tau, hs) = _flat(
        lat,
        lon,
        f,
        el,
        p,
        d,
        e,
        tau,
        hs,
        fields=(
            "lat_deg",
            "lon_deg",
            "f_ghz",
            "el_deg",
            "p_percent",
            "d_m",
            "eta",
            "tau_deg",
            "hs_km",
        ),
    )
    p_cg = np.maximum(p, _P_CG_FLOOR[edition])
    if gas_source == "P.2145":
        from openitu.radio.propagation import p676  # p676 builds on this module

        a_gas = p676._slant_statistical(lat, lon, f, el, p_cg, hs)
    else:
        a_gas = _gas(lat, lon, f, el, p_cg, hs, gas_edition)
    a_cloud = _cloud(lat, lon, f, el, p_cg, cloud_edition)
    r001 = _r001_mm_h(lat, lon, r001_source)
    a_rain = _rain_db(lat, f, el, hs, p, tau, _rain_height_km(lat, lon), r001)
    a_scint = _scintillation_db(f, el, p, d, e, _wet_refractivity(lat, lon))
    total = a_gas + np.sqrt((a_rain + a_cloud) ** 2 + a_scint**2)
    return SlantPathAttenuation(
        a_gas_db=a_gas.reshape(shape),
        a_cloud_db=a_cloud.reshape(shape),
        a_rain_db=a_rain.reshape(shape),
        a_scint_db=a_scint.reshape(shape),
        a_total_db=np.asarray(total).reshape(shape),
    )
