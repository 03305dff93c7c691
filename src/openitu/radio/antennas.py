"""Reference radiation patterns: gain against off-axis angle, vectorised.

One function per Recommendation, each a private numpy kernel on D/λ and the peak gain
plus a public wrapper that validates and broadcasts:

========================  ==============================================================
`omni_gain_dbi`           omnidirectional antenna (constant gain)
`f699_gain_dbi`           ITU-R F.699-8, fixed wireless systems, peak envelope, 0.1-86 GHz
`f1245_gain_dbi`          ITU-R F.1245-3, fixed wireless systems, average pattern, 1-86 GHz
`s465_gain_dbi`           ITU-R S.465-6, FSS earth stations, 2-31 GHz
`s580_gain_dbi`           ITU-R S.580-6, FSS earth stations (design objective), D/λ >= 50
`s1528_gain_dbi`          ITU-R S.1528-0 §1.2, non-GSO FSS satellite antennas below 30 GHz
========================  ==============================================================

Angles are off-axis angles in degrees; their sign is ignored and |angle| <= 180°. Every
pattern is capped at its peak gain: a reference envelope never promises more than the
main beam (this only bites for degenerate inputs, e.g. F.699 with D/λ < 2).

The earth-station Recommendations S.465 and S.580 define only the side-lobe envelope
from φ_min outwards; for φ < φ_min we use the main-lobe parabola
``G_max - 2.5e-3 (D/λ · φ)²`` of RR Appendix 7/8, floored at the envelope value at φ_min,
so that the pattern is continuous and non-increasing.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from typing import Final

import numpy as np
import numpy.typing as npt

from openitu.errors import InvalidInput
from openitu.radio.checks import FloatArray, as_array, check_edition, checked

SPEED_OF_LIGHT_M_S: Final = 299_792_458.0
ANTENNA_DIAMETER_M: Final = (1e-3, 1e3)
DIAMETER_BOUND: Final = "m (physical bound: the Recommendations state none)"
ANTENNA_GAIN_DBI: Final = (-100.0, 100.0)
GAIN_BOUND: Final = "dBi (physical bound: the Recommendations state none)"
PATTERNS: Final = ("omni", "F.699", "F.1245", "S.465", "S.580", "S.1528")


def d_over_lambda(d_m: npt.ArrayLike, f_mhz: npt.ArrayLike) -> FloatArray:
    """Antenna diameter in wavelengths, D/λ = D f / c."""
    d = checked(d_m, "d_m", 0.0, unit="m", low_inclusive=False)
    f = checked(f_mhz, "f_mhz", 0.0, unit="MHz", low_inclusive=False)
    return np.asarray(d * f * 1e6 / SPEED_OF_LIGHT_M_S)


def fixed_peak_gain_dbi(d_over_lambda: npt.ArrayLike) -> FloatArray:
    """Peak gain of a fixed-service antenna from D/λ: ``20 log(D/λ) + 7.7`` [dBi].

    F.699-8 and F.1245-3 (Note: ``20 log(D/λ) ≈ G_max - 7.7``).
    """
    r = checked(d_over_lambda, "d_over_lambda", 0.0, low_inclusive=False)
    return np.asarray(20.0 * np.log10(r) + 7.7)


def fixed_d_over_lambda(gmax_dbi: npt.ArrayLike) -> FloatArray:
    """D/λ of a fixed-service antenna from its peak gain: ``10^((G_max - 7.7)/20)``."""
    g = as_array(gmax_dbi, "gmax_dbi")
    return np.asarray(np.power(10.0, (g - 7.7) / 20.0))


def aperture_gain_dbi(d_over_lambda: npt.ArrayLike, efficiency: npt.ArrayLike = 0.7) -> FloatArray:
    """Peak gain of a circular aperture: ``10 log(η (π D/λ)²)`` [dBi] (earth stations)."""
    r = checked(d_over_lambda, "d_over_lambda", 0.0, low_inclusive=False)
    eta = checked(efficiency, "efficiency", 0.0, 1.0, low_inclusive=False)
    return np.asarray(10.0 * np.log10(eta * (np.pi * r) ** 2))


def aperture_d_over_lambda(gmax_dbi: npt.ArrayLike, efficiency: npt.ArrayLike = 0.7) -> FloatArray:
    """D/λ of a circular aperture from its peak gain (inverse of `aperture_gain_dbi`)."""
    g = as_array(gmax_dbi, "gmax_dbi")
    eta = checked(efficiency, "efficiency", 0.0, 1.0, low_inclusive=False)
    return np.asarray(np.sqrt(np.power(10.0, g / 10.0) / eta) / np.pi)


# --- kernels: angles already |φ| in degrees, arrays broadcast -----------------------------


def _first_sidelobe(dl: FloatArray) -> FloatArray:
    return np.asarray(2.0 + 15.0 * np.log10(dl))


def _main_lobe(phi: FloatArray, dl: FloatArray, gmax: FloatArray) -> FloatArray:
    return np.asarray(gmax - 2.5e-3 * (dl * phi) ** 2)


def _log_phi(phi: FloatArray) -> FloatArray:
    # log10 of 0 is never selected, but np.select evaluates every branch.
    return np.asarray(np.log10(np.maximum(phi, 1e-12)))


def _fixed_lobes(
    phi: FloatArray, dl: FloatArray, gmax: FloatArray
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """What F.699-8 and F.1245-3 share: the first side-lobe gain G_1, the main-lobe edge
    ``φ_m = 20 λ/D sqrt(G_max - G_1)`` and the main-lobe gain at φ."""
    g1 = _first_sidelobe(dl)
    phi_m = np.asarray(20.0 / dl * np.sqrt(np.maximum(gmax - g1, 0.0)))
    return g1, phi_m, _main_lobe(phi, dl, gmax)


def _f699(phi: FloatArray, dl: FloatArray, gmax: FloatArray, f_mhz: FloatArray) -> FloatArray:
    g1, phi_m, main = _fixed_lobes(phi, dl, gmax)
    lg = _log_phi(phi)
    lgd = np.log10(dl)
    # recommends 2.1 (1-86 GHz, D/λ > 100)
    large = np.select(
        [phi < phi_m, phi < 15.85 * dl**-0.6, phi < 48.0],
        [main, g1, 32.0 - 25.0 * lg],
        -10.0,
    )
    # recommends 2.2 (1-86 GHz, D/λ <= 100)
    small = np.select(
        [phi < phi_m, phi < 100.0 / dl, phi < 48.0],
        [main, g1, 52.0 - 10.0 * lgd - 25.0 * lg],
        10.0 - 10.0 * lgd,
    )
    # recommends 2.3 (100 MHz - 1 GHz, D/λ > 0.63)
    uhf = np.select(
        [phi < phi_m, phi < 100.0 / dl, phi < 144.5 * dl**-0.2],
        [main, g1, 52.0 - 10.0 * lgd - 25.0 * lg],
        -2.0 - 5.0 * lgd,
    )
    gain = np.where(f_mhz < 1000.0, uhf, np.where(dl > 100.0, large, small))
    return np.asarray(np.minimum(gain, gmax))


def _f1245(phi: FloatArray, dl: FloatArray, gmax: FloatArray) -> FloatArray:
    g1, phi_m, main = _fixed_lobes(phi, dl, gmax)
    phi_r = 12.02 * dl**-0.6
    lg = _log_phi(phi)
    lgd = np.log10(dl)
    large = np.select(
        [phi < phi_m, phi < np.maximum(phi_m, phi_r), phi < 48.0],
        [main, g1, 29.0 - 25.0 * lg],
        -13.0,
    )
    small = np.select(
        [phi < phi_m, phi < 48.0],
        [main, 39.0 - 5.0 * lgd - 25.0 * lg],
        -3.0 - 5.0 * lgd,
    )
    return np.asarray(np.minimum(np.where(dl > 100.0, large, small), gmax))


def _earth_station(
    phi: FloatArray,
    dl: FloatArray,
    gmax: FloatArray,
    phi_min: FloatArray,
    envelope: Callable[[FloatArray], FloatArray],
) -> FloatArray:
    at_min = envelope(phi_min)
    main = np.maximum(_main_lobe(phi, dl, gmax), at_min)
    gain = np.where(phi < phi_min, main, envelope(phi))
    return np.asarray(np.minimum(gain, gmax))


def _s465_envelope(phi: FloatArray) -> FloatArray:
    return np.asarray(np.where(phi < 48.0, 32.0 - 25.0 * _log_phi(phi), -10.0))


def _s465(phi: FloatArray, dl: FloatArray, gmax: FloatArray) -> FloatArray:
    phi_min = np.where(dl >= 50.0, np.maximum(1.0, 100.0 / dl), np.maximum(2.0, 114.0 * dl**-1.09))
    return _earth_station(phi, dl, gmax, phi_min, _s465_envelope)


def _s580_envelope(phi: FloatArray) -> FloatArray:
    lg = _log_phi(phi)
    return np.asarray(
        np.select(
            [phi <= 20.0, phi <= 26.3, phi <= 48.0],
            [29.0 - 25.0 * lg, -3.5, 32.0 - 25.0 * lg],
            -10.0,
        )
    )


def _s580(phi: FloatArray, dl: FloatArray, gmax: FloatArray) -> FloatArray:
    phi_min = np.maximum(1.0, 100.0 / dl)
    return _earth_station(phi, dl, gmax, phi_min, _s580_envelope)


# S.1528-0 recommends 1.2, Table: a (with z the axis ratio), b and α per near-in
# side-lobe level L_N.
_S1528_A_LOG_Z: Final[dict[float, float]] = {-15.0: 1.4, -20.0: 1.0, -25.0: 0.6, -30.0: 0.4}


def _s1528(
    psi: FloatArray,
    gm: FloatArray,
    psi_b: FloatArray,
    ln: float,
    z: FloatArray,
    lf: FloatArray,
) -> FloatArray:
    a = 2.58 * np.sqrt(1.0 - _S1528_A_LOG_Z[ln] * np.log10(z))
    b = 6.32
    alpha = 1.5
    x = gm + ln + 25.0 * np.log10(b * psi_b)
    y = b * psi_b * np.power(10.0, 0.04 * (gm + ln - lf))
    lb = np.maximum(15.0 + ln + 0.25 * gm + 5.0 * np.log10(z), 0.0)
    # np.select computes every branch: for a very narrow beam the main lobe's (ψ/ψ_b)^α
    # overflows far off axis, where another branch is the one taken.
    with np.errstate(over="ignore"):
        main_lobe = gm - 3.0 * (psi / psi_b) ** alpha
    return np.asarray(
        np.select(
            [psi <= a * psi_b, psi <= 0.5 * b * psi_b, psi <= b * psi_b, psi <= y, psi <= 90.0],
            [main_lobe, gm + ln - 20.0 * np.log10(z), gm + ln, x - 25.0 * _log_phi(psi), lf],
            lb,
        )
    )


# --- public wrappers ------------------------------------------------------------------------


def _angle(angle_deg: npt.ArrayLike) -> FloatArray:
    phi = checked(angle_deg, "angle_deg", -180.0, 180.0, unit="deg")
    return np.asarray(np.abs(phi))


def _gain(value: npt.ArrayLike, field: str) -> FloatArray:
    """A gain given by the caller: a gain beyond any antenna's overflows the patterns'
    powers of ten (a NaN answered as null)."""
    return checked(value, field, *ANTENNA_GAIN_DBI, unit=GAIN_BOUND)


def _dl_and_gmax(
    d_m: npt.ArrayLike | None,
    f_mhz: FloatArray,
    gmax_dbi: npt.ArrayLike | None,
    to_gain: Callable[[FloatArray], FloatArray],
    to_dl: Callable[[FloatArray], FloatArray],
) -> tuple[FloatArray, FloatArray]:
    if d_m is not None:
        # A diameter far outside any dish makes D/λ zero or infinite and the gain NaN.
        diameter = checked(d_m, "d_m", *ANTENNA_DIAMETER_M, unit=DIAMETER_BOUND)
        dl = d_over_lambda(diameter, f_mhz)
        gmax = to_gain(dl) if gmax_dbi is None else _gain(gmax_dbi, "gmax_dbi")
        return dl, gmax
    if gmax_dbi is None:
        raise InvalidInput("d_m", "give the antenna diameter d_m, its peak gain gmax_dbi, or both")
    gmax = _gain(gmax_dbi, "gmax_dbi")
    return to_dl(gmax), gmax


def _fixed_service_dl_and_gmax(
    d_m: npt.ArrayLike | None, f: FloatArray, gmax_dbi: npt.ArrayLike | None, edition: str
) -> tuple[FloatArray, FloatArray]:
    """D/λ and G_max of a fixed-service antenna (F.699, F.1245: ``G_max = 20 log(D/λ) +
    7.7`` for the missing one); the peak must exceed the first side lobe G_1."""
    dl, gmax = _dl_and_gmax(d_m, f, gmax_dbi, fixed_peak_gain_dbi, fixed_d_over_lambda)
    if np.any(gmax <= _first_sidelobe(dl)):
        raise InvalidInput(
            "gmax_dbi", f"must exceed the first side-lobe gain G1 = 2 + 15 log(D/λ) ({edition})"
        )
    return dl, gmax


def _aperture_dl_and_gmax(
    d_m: npt.ArrayLike | None,
    f: FloatArray,
    gmax_dbi: npt.ArrayLike | None,
    efficiency: npt.ArrayLike,
) -> tuple[FloatArray, FloatArray]:
    """D/λ and G_max of an earth-station antenna (S.465, S.580), the missing one from the
    aperture relation ``G_max = 10 log(η (π D/λ)²)``."""
    eta = as_array(efficiency, "efficiency")
    return _dl_and_gmax(
        d_m,
        f,
        gmax_dbi,
        lambda r: aperture_gain_dbi(r, eta),
        lambda g: aperture_d_over_lambda(g, eta),
    )


def omni_gain_dbi(angle_deg: npt.ArrayLike, gain_dbi: npt.ArrayLike = 0.0) -> FloatArray:
    """Omnidirectional antenna: the same gain [dBi] in every direction."""
    phi = _angle(angle_deg)
    g = _gain(gain_dbi, "gain_dbi")
    return np.asarray(np.broadcast_to(g, np.broadcast_shapes(phi.shape, g.shape)).copy())


def f699_gain_dbi(
    angle_deg: npt.ArrayLike,
    f_mhz: npt.ArrayLike,
    d_m: npt.ArrayLike | None = None,
    gmax_dbi: npt.ArrayLike | None = None,
    *,
    edition: str = "F.699-8",
) -> FloatArray:
    """Peak side-lobe envelope of a fixed-service antenna, ITU-R F.699-8.

    recommends 2.1 (1-86 GHz, D/λ > 100)::

        G = G_max - 2.5e-3 (D/λ φ)²    0 <= φ < φ_m
        G = G_1 = 2 + 15 log(D/λ)      φ_m <= φ < φ_r = 15.85 (D/λ)^-0.6
        G = 32 - 25 log φ              φ_r <= φ < 48°
        G = -10                        48° <= φ <= 180°

    recommends 2.2 (1-86 GHz, D/λ <= 100): G_1 up to 100 λ/D, then
    ``52 - 10 log(D/λ) - 25 log φ`` up to 48° and ``10 - 10 log(D/λ)`` beyond;
    recommends 2.3 (100 MHz-1 GHz, D/λ > 0.63): the same up to φ_s = 144.5 (D/λ)^-0.2,
    then ``-2 - 5 log(D/λ)``. φ_m = 20 λ/D sqrt(G_max - G_1).

    Parameters
    ----------
    angle_deg : array_like
        Off-axis angle [deg], |φ| <= 180.
    f_mhz : array_like
        Frequency [MHz], 100 to 86 000.
    d_m : array_like, optional
        Antenna diameter [m]; when absent, D/λ comes from ``20 log(D/λ) = G_max - 7.7``.
    gmax_dbi : array_like, optional
        Peak gain [dBi]; when absent, ``G_max = 20 log(D/λ) + 7.7``.

    Returns
    -------
    ndarray
        G(φ) [dBi].
    """
    check_edition(edition, ("F.699-8",))
    phi = _angle(angle_deg)
    f = checked(f_mhz, "f_mhz", 100.0, 86_000.0, unit="MHz")
    dl, gmax = _fixed_service_dl_and_gmax(d_m, f, gmax_dbi, "F.699-8")
    if np.any((f < 1000.0) & (dl <= 0.63)):
        raise InvalidInput("d_m", "F.699-8 recommends 2.3 (below 1 GHz) needs D/λ > 0.63")
    return _f699(phi, dl, gmax, f)


def f1245_gain_dbi(
    angle_deg: npt.ArrayLike,
    f_mhz: npt.ArrayLike,
    d_m: npt.ArrayLike | None = None,
    gmax_dbi: npt.ArrayLike | None = None,
    *,
    edition: str = "F.1245-3",
) -> FloatArray:
    """Average side-lobe pattern of a fixed-service antenna, ITU-R F.1245-3 (1-86 GHz).

    For aggregate interference (many interferers), recommends 2.1, D/λ > 100::

        G = G_max - 2.5e-3 (D/λ φ)²    0 <= φ < φ_m
        G = G_1 = 2 + 15 log(D/λ)      φ_m <= φ < max(φ_m, φ_r), φ_r = 12.02 (D/λ)^-0.6
        G = 29 - 25 log φ              max(φ_m, φ_r) <= φ < 48°
        G = -13                        48° <= φ <= 180°

    recommends 2.2, D/λ <= 100: the main lobe to φ_m, ``39 - 5 log(D/λ) - 25 log φ`` to
    48°, ``-3 - 5 log(D/λ)`` beyond.

    Parameters
    ----------
    angle_deg : array_like
        Off-axis angle [deg], |φ| <= 180.
    f_mhz : array_like
        Frequency [MHz], 1 000 to 86 000.
    d_m, gmax_dbi : array_like, optional
        Diameter [m] and/or peak gain [dBi]; the missing one from ``G_max = 20 log(D/λ) + 7.7``.

    Returns
    -------
    ndarray
        G(φ) [dBi].
    """
    check_edition(edition, ("F.1245-3",))
    phi = _angle(angle_deg)
    f = checked(f_mhz, "f_mhz", 1000.0, 86_000.0, unit="MHz")
    dl, gmax = _fixed_service_dl_and_gmax(d_m, f, gmax_dbi, "F.1245-3")
    return _f1245(phi, dl, gmax)


def s465_gain_dbi(
    angle_deg: npt.ArrayLike,
    f_mhz: npt.ArrayLike,
    d_m: npt.ArrayLike | None = None,
    gmax_dbi: npt.ArrayLike | None = None,
    efficiency: npt.ArrayLike = 0.7,
    *,
    edition: str = "S.465-6",
) -> FloatArray:
    """Earth-station reference pattern, ITU-R S.465-6 (2-31 GHz).

    recommends 2::

        G = 32 - 25 log φ     φ_min <= φ < 48°
        G = -10               48° <= φ <= 180°

    φ_min = max(1°, 100 λ/D) for D/λ >= 50, max(2°, 114 (D/λ)^-1.09) for D/λ < 50. Below
    φ_min: main-lobe parabola floored at G(φ_min) (see the module notes).

    Parameters
    ----------
    angle_deg : array_like
        Off-axis angle [deg].
    f_mhz : array_like
        Frequency [MHz], 2 000 to 31 000.
    d_m, gmax_dbi : array_like, optional
        Diameter [m] and/or peak gain [dBi]; the missing one from the aperture relation
        ``G_max = 10 log(η (π D/λ)²)``.
    efficiency : array_like
        Aperture efficiency η (0.7).

    Returns
    -------
    ndarray
        G(φ) [dBi].
    """
    check_edition(edition, ("S.465-6",))
    phi = _angle(angle_deg)
    f = checked(f_mhz, "f_mhz", 2000.0, 31_000.0, unit="MHz")
    dl, gmax = _aperture_dl_and_gmax(d_m, f, gmax_dbi, efficiency)
    return _s465(phi, dl, gmax)


def s580_gain_dbi(
    angle_deg: npt.ArrayLike,
    f_mhz: npt.ArrayLike,
    d_m: npt.ArrayLike | None = None,
    gmax_dbi: npt.ArrayLike | None = None,
    efficiency: npt.ArrayLike = 0.7,
    *,
    edition: str = "S.580-6",
) -> FloatArray:
    """Earth-station side-lobe design objective, ITU-R S.580-6 (D/λ >= 50).

    recommends 1-3::

        G = 29 - 25 log φ     φ_min <= φ <= 20°,  φ_min = max(1°, 100 λ/D)
        G = -3.5              20° < φ <= 26.3°
        G = 32 - 25 log φ     26.3° < φ <= 48°
        G = -10               48° < φ <= 180°

    Below φ_min: main-lobe parabola floored at G(φ_min) (see the module notes).

    Parameters and result as `s465_gain_dbi`, for any frequency f_mhz > 0.
    """
    check_edition(edition, ("S.580-6",))
    phi = _angle(angle_deg)
    f = checked(f_mhz, "f_mhz", 0.0, unit="MHz", low_inclusive=False)
    dl, gmax = _aperture_dl_and_gmax(d_m, f, gmax_dbi, efficiency)
    if np.any(dl < 50.0):
        raise InvalidInput("d_m", "S.580-6 applies to antennas with D/λ >= 50")
    return _s580(phi, dl, gmax)


def s1528_gain_dbi(
    angle_deg: npt.ArrayLike,
    gmax_dbi: npt.ArrayLike,
    half_beamwidth_deg: npt.ArrayLike,
    *,
    ln_db: float = -20.0,
    z: npt.ArrayLike = 1.0,
    lf_dbi: npt.ArrayLike = 0.0,
    edition: str = "S.1528-0",
) -> FloatArray:
    """Non-GSO FSS satellite antenna pattern, ITU-R S.1528-0 recommends 1.2 (below 30 GHz).

    ::

        G = G_m - 3 (ψ/ψ_b)^α              0 <= ψ <= a ψ_b
        G = G_m + L_N - 20 log z            a ψ_b < ψ <= 0.5 b ψ_b
        G = G_m + L_N                       0.5 b ψ_b < ψ <= b ψ_b
        G = X - 25 log ψ                    b ψ_b < ψ <= Y
        G = L_F                             Y < ψ <= 90°
        G = L_B                             90° < ψ <= 180°

    X = G_m + L_N + 25 log(b ψ_b), Y = b ψ_b 10^(0.04 (G_m + L_N - L_F)),
    L_B = max(15 + L_N + 0.25 G_m + 5 log z, 0); b = 6.32, α = 1.5 and
    a = 2.58 sqrt(1 - c log z) with c = 1.4, 1.0, 0.6, 0.4 for L_N = -15, -20, -25, -30 dB.

    Parameters
    ----------
    angle_deg : array_like
        Off-axis angle ψ [deg].
    gmax_dbi : array_like
        Peak gain G_m [dBi].
    half_beamwidth_deg : array_like
        ψ_b, one half of the 3 dB beamwidth in the plane of interest [deg], > 0.
    ln_db : float
        Near-in side-lobe level relative to the peak [dB]: -15, -20 (default), -25 or -30.
    z : array_like
        Ratio of major to minor axis of the beam (1 for a circular beam), >= 1.
    lf_dbi : array_like
        Far-out side-lobe level L_F [dBi] (0).

    Returns
    -------
    ndarray
        G(ψ) [dBi].
    """
    check_edition(edition, ("S.1528-0",))
    psi = _angle(angle_deg)
    gm = _gain(gmax_dbi, "gmax_dbi")
    psi_b = checked(
        half_beamwidth_deg, "half_beamwidth_deg", 0.0, 90.0, unit="deg", low_inclusive=False
    )
    zz = checked(z, "z", 1.0)
    lf = as_array(lf_dbi, "lf_dbi")
    if float(ln_db) not in _S1528_A_LOG_Z:
        raise InvalidInput("ln_db", "must be one of -15, -20, -25, -30 dB (S.1528-0 §1.2)")
    a_factor = 1.0 - _S1528_A_LOG_Z[float(ln_db)] * np.log10(zz)
    if np.any(a_factor <= 0.0):
        raise InvalidInput("z", "is too large for this L_N (a = 2.58 sqrt(1 - c log z) undefined)")
    return _s1528(psi, gm, psi_b, float(ln_db), zz, lf)


def antenna_gain_dbi(pattern: str, angle_deg: npt.ArrayLike, **parameters: object) -> FloatArray:
    """Gain of the named reference pattern (one of `PATTERNS`), for the CLI and the API."""
    functions: dict[str, Callable[..., FloatArray]] = {
        "OMNI": omni_gain_dbi,
        "F.699": f699_gain_dbi,
        "F.1245": f1245_gain_dbi,
        "S.465": s465_gain_dbi,
        "S.580": s580_gain_dbi,
        "S.1528": s1528_gain_dbi,
    }
    key = pattern.strip().upper().replace("ITU-R ", "")
    key = {"F699": "F.699", "F1245": "F.1245", "S465": "S.465", "S580": "S.580"}.get(key, key)
    key = {"S1528": "S.1528"}.get(key, key)
    function = functions.get(key)
    if function is None:
        raise InvalidInput("pattern", f"unknown pattern {pattern!r} (one of {', '.join(PATTERNS)})")
    _check_parameters(key, function, parameters)
    return function(angle_deg, **parameters)


def _check_parameters(
    pattern: str, function: Callable[..., FloatArray], parameters: Mapping[str, object]
) -> None:
    """Each parameter the pattern does not take, or needs and lacks, named as the field it
    came from (a Python call error would name the function's internals instead)."""
    signature = inspect.signature(function)
    taken = [name for name in signature.parameters if name != "angle_deg"]
    for name in parameters:
        if name not in taken:
            raise InvalidInput(name, f"{pattern} does not take it (it takes {', '.join(taken)})")
    for name in taken:
        if signature.parameters[name].default is inspect.Parameter.empty and name not in parameters:
            raise InvalidInput(name, f"{pattern} needs it")
