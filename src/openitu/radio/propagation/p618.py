"""Propagation data and prediction methods for Earth-space telecommunication systems,
Recommendation ITU-R P.618-13 (12/2017) and -14 (08/2023).

* §2.2.1.1 rain attenuation (`rain_attenuation_db`, steps 1-10, eqs. (1)-(8)), §2.4.1
  tropospheric scintillation (`scintillation_attenuation_db`, steps 1-9): the same in
  both editions.
* §2.5 the total on a slant path (`slant_path_attenuation`), gas and cloud terms held at a
  floor percentage that the edition sets (1 % in -13, 5 % in -14), with its component
  models: gas from P.676 (module ``p676``), clouds from P.840 (``p840``), R_0.01 from
  P.837-7 (``p837``), station height from P.1511-2 (``p1511``), rain height from P.839-4,
  N_wet from P.453-13 and k, α from P.838-3 (read through ``maps``). The editions used
  with each P.618 edition are those in force with it (P.618-13: P.676-12, P.840-8;
  P.618-14: P.676-13 by the P.2145-0 statistical method, P.840-9), as the ITU-R's
  validation rows in tests/reference/earth_space confirm; each is selectable.
* §4.1 hydrometeor-induced cross-polarization (`cross_polarization_discrimination_db`),
  the XPD statistics computed from the rain attenuation statistics of the same path; the
  same method in both editions.

The steps that ``itur`` (ITU-Rpy 0.4.0) runs one point at a time run here on whole arrays:
one call for a million points costs one pass of numpy, not a million Python calls.
Inputs are floats or arrays; outputs float64 ndarrays (shape () for scalars).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt

from openitu.errors import InvalidInput
from openitu.radio.checks import FloatArray, broadcast_named, check_edition, checked
from openitu.radio.propagation.maps import (
    location,
    rain_height_km,
    rain_specific_attenuation_coefficients,
    wet_refractivity,
)
from openitu.radio.propagation.p676 import (
    P676_EDITIONS,
    gaseous_attenuation_at,
    slant_path_attenuation_statistical_at,
)
from openitu.radio.propagation.p837 import r001_annex1_mm_h, r001_map_mm_h
from openitu.radio.propagation.p840 import P840_EDITIONS, cloud_attenuation_at
from openitu.radio.propagation.p1511 import station_height_km

P618_EDITIONS: Final = ("P.618-13", "P.618-14")
P618_DEFAULT: Final = "P.618-14"
"""The default edition: the one whose §2.5 chain reproduces every ITU-R validation row
(ITURP618-14_A_total.csv to 2e-7 dB; docs/radio.md)."""
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
# Where the §2.5 gas term takes its surface statistics: the P.2145-0 maps through the
# P.676-13 Annex 2 statistical method, or P.836-6 ρ and V_t, the P.1510-1 mean temperature
# and the P.835 standard pressure with the Annex 2 equivalent heights and §2.3.
GAS_SOURCES: Final = ("P.2145", "P.836")
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
    f = checked(f_ghz, "f_ghz", 4.0, 55.0, unit="GHz")
    el = checked(el_deg, "el_deg", 0.0, 90.0, unit="deg", low_inclusive=False, high_inclusive=False)
    p = checked(p_percent, "p_percent", 0.001, 1.0, unit="%")
    tau = checked(tau_deg, "tau_deg", -90.0, 90.0, unit="deg")
    ap = checked(a_p_db, "a_p_db", 0.0, None, unit="dB", low_inclusive=False)
    shape, (f, el, p, tau, ap) = broadcast_named(
        f_ghz=f, el_deg=el, p_percent=p, tau_deg=tau, a_p_db=ap
    )
    low = f < 6.0
    xpd = _xpd(np.where(low, 6.0, f), el, p, tau, ap)
    # Eq. (73) with τ1 = τ2: the polarization factors cancel, leaving 20 log(f2 / f1).
    xpd = np.where(low, xpd - 20.0 * np.log10(f / 6.0), xpd)
    return np.asarray(xpd).reshape(shape)


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
    k, alpha = rain_specific_attenuation_coefficients(f, el, tau)
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
    edition: str = P618_DEFAULT,
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
    lat, lon = location(lat_deg, lon_deg)
    f = checked(f_ghz, "f_ghz", 1.0, 55.0, unit="GHz")
    el = checked(el_deg, "el_deg", 0.0, 90.0, unit="deg", low_inclusive=False)
    p = checked(p_percent, "p_percent", 0.001, 5.0, unit="%")
    tau = checked(tau_deg, "tau_deg", -90.0, 90.0, unit="deg")
    hs = station_height_km(hs_km, lat, lon)
    r001 = (
        np.asarray(np.nan)
        if r001_mm_h is None
        else checked(r001_mm_h, "r001_mm_h", 0.0, 500.0, unit="mm/h")
    )
    shape, (lat, lon, f, el, p, tau, hs, r001) = broadcast_named(
        lat_deg=lat,
        lon_deg=lon,
        f_ghz=f,
        el_deg=el,
        p_percent=p,
        tau_deg=tau,
        hs_km=hs,
        r001_mm_h=r001,
    )
    if r001_mm_h is None:
        r001 = _r001(lat, lon, r001_source)
    hr = rain_height_km(lat, lon)
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
    edition: str = P618_DEFAULT,
) -> FloatArray:
    """Tropospheric scintillation fade depth exceeded for p %, P.618-13/-14 §2.4.1.

    N_wet: the median wet term of refractivity from the P.453-13 maps; turbulent layer
    height h_L = 1 000 m. Steps 1-9 are the same in both editions (P.618-14 states the
    method up to 55 GHz, as we apply it for both).

    Parameters
    ----------
    lat_deg, lon_deg, f_ghz : array_like
        As for `rain_attenuation_db`.
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
    lat, lon = location(lat_deg, lon_deg)
    f = checked(f_ghz, "f_ghz", 1.0, 55.0, unit="GHz")
    el = checked(el_deg, "el_deg", 5.0, 90.0, unit="deg")
    # §2.4.1 step 8 states a(p) for 0.01 < p <= 50 %; the ITU-R validation examples and
    # the §2.5 total use it down to 0.001 %, and so do we.
    p = checked(p_percent, "p_percent", 0.001, 50.0, unit="%")
    d, e = _antenna(d_m, eta)
    shape, (lat, lon, f, el, p, d, e) = broadcast_named(
        lat_deg=lat, lon_deg=lon, f_ghz=f, el_deg=el, p_percent=p, d_m=d, eta=e
    )
    return _scintillation_db(f, el, p, d, e, wet_refractivity(lat, lon)).reshape(shape)


def _r001_source(source: str) -> str:
    if source not in R001_SOURCES:
        raise InvalidInput("r001_source", f"must be one of {', '.join(R001_SOURCES)}")
    return source


def _r001(lat: FloatArray, lon: FloatArray, source: str) -> FloatArray:
    """R_0.01 [mm/h] from the P.837-7 map or its Annex 1 procedure at the points."""
    return r001_annex1_mm_h(lat, lon) if source == "annex1" else r001_map_mm_h(lat, lon)


def _antenna(d_m: npt.ArrayLike, eta: npt.ArrayLike) -> tuple[FloatArray, FloatArray]:
    d = checked(d_m, "d_m", 0.0, 100.0, unit="m", low_inclusive=False)
    e = checked(eta, "eta", 0.0, 1.0, low_inclusive=False)
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
    edition: str = P618_DEFAULT,
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
        Earth-station latitude [-90, 90] and longitude [-180, 360] [deg]. With the P.836
        gas inputs or P.840-7/-8 clouds (the P.618-13 chain), a location between 86.625 °N
        and the pole where those maps have no value is refused (`maps.map_values`).
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
        "P.618-14" (default) or "P.618-13".
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
    lat, lon = location(lat_deg, lon_deg)
    f = checked(f_ghz, "f_ghz", 1.0, 55.0, unit="GHz")
    el = checked(el_deg, "el_deg", 5.0, 90.0, unit="deg")
    p = checked(p_percent, "p_percent", 0.001, 50.0, unit="%")
    d, e = _antenna(d_m, eta)
    tau = checked(tau_deg, "tau_deg", -90.0, 90.0, unit="deg")
    hs = station_height_km(hs_km, lat, lon)
    shape, (lat, lon, f, el, p, d, e, tau, hs) = broadcast_named(
        lat_deg=lat,
        lon_deg=lon,
        f_ghz=f,
        el_deg=el,
        p_percent=p,
        d_m=d,
        eta=e,
        tau_deg=tau,
        hs_km=hs,
    )
    p_cg = np.maximum(p, _P_CG_FLOOR[edition])
    if gas_source == "P.2145":
        a_gas = slant_path_attenuation_statistical_at(lat, lon, f, el, p_cg, hs)
    else:
        a_gas = gaseous_attenuation_at(lat, lon, f, el, p_cg, hs, gas_edition)
    a_cloud = cloud_attenuation_at(lat, lon, f, el, p_cg, cloud_edition)
    r001 = _r001(lat, lon, r001_source)
    a_rain = _rain_db(lat, f, el, hs, p, tau, rain_height_km(lat, lon), r001)
    a_scint = _scintillation_db(f, el, p, d, e, wet_refractivity(lat, lon))
    total = a_gas + np.sqrt((a_rain + a_cloud) ** 2 + a_scint**2)
    return SlantPathAttenuation(
        a_gas_db=a_gas.reshape(shape),
        a_cloud_db=a_cloud.reshape(shape),
        a_rain_db=a_rain.reshape(shape),
        a_scint_db=a_scint.reshape(shape),
        a_total_db=np.asarray(total).reshape(shape),
    )
