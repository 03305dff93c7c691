"""ITU-R P.2108-1: prediction of clutter loss.

- §3.1 `terminal_clutter_loss_db`: height-gain terminal correction for a terrestrial
  terminal among clutter, 0.03-3 GHz (eqs. (1)-(2), Table 2 for the clutter types).
- §3.2 `terrestrial_clutter_loss_db`: statistical clutter loss for a terrestrial path,
  urban and suburban, 2-67 GHz (eqs. (3)-(5)), not exceeded for p % of locations.
- §3.3 `earth_space_clutter_loss_db`: statistical clutter loss for Earth-space and
  aeronautical paths, 10-100 GHz (eq. (6)), not exceeded for p % of locations.

Q^-1, the inverse complementary cumulative normal distribution, is the rational
approximation of Recommendation ITU-R P.1057 (Abramowitz & Stegun 26.2.23, error below
4.5e-4), the one the ITU-R propagation Recommendations use.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import numpy.typing as npt

from openitu.errors import InvalidInput
from openitu.radio.checks import FloatArray, check_edition, checked

EDITIONS: Final = ("P.2108-1",)
# Table 2: clutter type -> (representative height R [m], street width w_s [m], method).
CLUTTER_TYPES: Final[dict[str, tuple[float, float, str]]] = {
    "water_sea": (10.0, 27.0, "b"),
    "open_rural": (10.0, 27.0, "b"),
    "suburban": (10.0, 27.0, "a"),
    "urban": (15.0, 27.0, "a"),
    "trees_forest": (15.0, 27.0, "a"),
    "dense_urban": (20.0, 27.0, "a"),
}


def inverse_q(x: npt.ArrayLike) -> FloatArray:
    """Q^-1(x) for 0 < x < 1 (P.1057 rational approximation)."""
    x = np.asarray(x, dtype=np.float64)
    low = np.where(x <= 0.5, x, 1.0 - x)
    t = np.sqrt(-2.0 * np.log(low))
    z = t - ((0.010328 * t + 0.802853) * t + 2.515516698) / (
        ((0.001308 * t + 0.189269) * t + 1.432788) * t + 1.0
    )
    return np.asarray(np.where(x <= 0.5, z, -z))


def _locations_percent(p_percent: npt.ArrayLike) -> FloatArray:
    """The percentage of locations of §3.2 and §3.3, 0 < p < 100 (Q^-1(p/100) is finite)."""
    return checked(
        p_percent, "p_percent", 0.0, 100.0, unit="%", low_inclusive=False, high_inclusive=False
    )


def _terminal(
    h: FloatArray, f: FloatArray, r: FloatArray, ws: FloatArray, method_a: FloatArray
) -> FloatArray:
    h_dif = np.maximum(r - h, 0.0)
    theta_clut = np.degrees(np.arctan(h_dif / ws))
    nu = 0.342 * np.sqrt(f) * np.sqrt(h_dif * theta_clut)
    j = 6.9 + 20.0 * np.log10(np.sqrt((nu - 0.1) ** 2 + 1.0) + nu - 0.1)
    a = j - 6.03
    b = -(21.8 + 6.2 * np.log10(f)) * np.log10(np.minimum(h, r) / r)
    return np.asarray(np.where(h >= r, 0.0, np.where(method_a, a, b)))


def terminal_clutter_loss_db(
    f_ghz: npt.ArrayLike,
    h_m: npt.ArrayLike,
    clutter: str = "urban",
    *,
    r_m: npt.ArrayLike | None = None,
    ws_m: npt.ArrayLike = 27.0,
    edition: str = "P.2108-1",
) -> FloatArray:
    """Height-gain terminal correction, P.2108-1 §3.1 eqs. (2a)-(2g).

    ``A_h = J(ν) - 6.03`` (suburban, urban, trees/forest, dense urban) or
    ``A_h = -K_h2 log(h/R)`` (water/sea, open/rural) for h < R, 0 for h >= R, with
    ν = K_nu sqrt(h_dif θ_clut), h_dif = R - h, θ_clut = atan(h_dif/w_s) [deg],
    K_h2 = 21.8 + 6.2 log f, K_nu = 0.342 sqrt f.

    Parameters
    ----------
    f_ghz : array_like
        Frequency [GHz], 0.03 to 3.
    h_m : array_like
        Antenna height above ground [m], > 0.
    clutter : str
        One of `CLUTTER_TYPES` (Table 2), which gives R and the method.
    r_m : array_like, optional
        Representative clutter height [m], overriding Table 2.
    ws_m : array_like
        Street width [m] (27).

    Returns
    -------
    ndarray
        A_h [dB].
    """
    check_edition(edition, EDITIONS)
    if clutter not in CLUTTER_TYPES:
        raise InvalidInput(
            "clutter", f"unknown clutter type {clutter!r} (one of {', '.join(CLUTTER_TYPES)})"
        )
    table_r, _, method = CLUTTER_TYPES[clutter]
    f = checked(f_ghz, "f_ghz", 0.03, 3.0, unit="GHz")
    h = checked(h_m, "h_m", 0.0, unit="m", low_inclusive=False)
    r = checked(table_r if r_m is None else r_m, "r_m", 0.0, unit="m", low_inclusive=False)
    ws = checked(ws_m, "ws_m", 0.0, unit="m", low_inclusive=False)
    return _terminal(h, f, r, ws, np.asarray(method == "a"))


def terrestrial_clutter_loss_db(
    f_ghz: npt.ArrayLike,
    d_km: npt.ArrayLike,
    p_percent: npt.ArrayLike,
    *,
    edition: str = "P.2108-1",
) -> FloatArray:
    """Statistical clutter loss at one end of a terrestrial path, P.2108-1 §3.2.

    ``L_ctt = -5 log(10^(-0.2 L_l) + 10^(-0.2 L_s)) - 6 Q^-1(p/100)`` (3), with
    ``L_l = 23.5 + 9.6 log f`` (4) and ``L_s = 32.98 + 23.9 log d + 3 log f`` (5).
    Urban and suburban environments; apply at both ends for a path of at least 1 km.

    Parameters
    ----------
    f_ghz : array_like
        Frequency [GHz], 2 to 67.
    d_km : array_like
        Path length [km], >= 0.25.
    p_percent : array_like
        Percentage of locations [%], 0 < p < 100.

    Returns
    -------
    ndarray
        L_ctt [dB], not exceeded for p % of locations.
    """
    check_edition(edition, EDITIONS)
    f = checked(f_ghz, "f_ghz", 2.0, 67.0, unit="GHz")
    d = checked(d_km, "d_km", 0.25, unit="km")
    p = _locations_percent(p_percent)
    ll = 23.5 + 9.6 * np.log10(f)
    ls = 32.98 + 23.9 * np.log10(d) + 3.0 * np.log10(f)
    loss = -5.0 * np.log10(10.0 ** (-0.2 * ll) + 10.0 ** (-0.2 * ls)) - 6.0 * inverse_q(p / 100.0)
    return np.asarray(loss)


def earth_space_clutter_loss_db(
    f_ghz: npt.ArrayLike,
    el_deg: npt.ArrayLike,
    p_percent: npt.ArrayLike,
    *,
    edition: str = "P.2108-1",
) -> FloatArray:
    """Statistical clutter loss for Earth-space and aeronautical paths, P.2108-1 §3.3.

    ``L_ces = {-K1 ln(1 - p/100) cot[A1 (1 - θ/90) + πθ/180]}^(0.5 (90 - θ)/90) - 1
    - 0.6 Q^-1(p/100)`` (6), K1 = 93 f^0.175, A1 = 0.05.

    Parameters
    ----------
    f_ghz : array_like
        Frequency [GHz], 10 to 100.
    el_deg : array_like
        Elevation angle [deg], 0 to 90.
    p_percent : array_like
        Percentage of locations [%], 0 < p < 100.

    Returns
    -------
    ndarray
        L_ces [dB], not exceeded for p % of locations.
    """
    check_edition(edition, EDITIONS)
    f = checked(f_ghz, "f_ghz", 10.0, 100.0, unit="GHz")
    theta = checked(el_deg, "el_deg", 0.0, 90.0, unit="deg")
    p = _locations_percent(p_percent)
    k1 = 93.0 * f**0.175
    angle = 0.05 * (1.0 - theta / 90.0) + np.pi * theta / 180.0
    base = -k1 * np.log(1.0 - p / 100.0) / np.tan(angle)
    loss = base ** (0.5 * (90.0 - theta) / 90.0) - 1.0 - 0.6 * inverse_q(p / 100.0)
    return np.asarray(loss)
