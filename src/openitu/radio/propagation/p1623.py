"""Fade dynamics on Earth-space paths, Recommendation ITU-R P.1623-1 (03/2005), Annex 1 §2:
the statistics of fade duration.

The distribution of fade durations above an attenuation threshold A combines a power law
for short fades and a log-normal law for long ones (steps 1-9, eqs. (5)-(18)): the
probability that a fade lasts longer than D, the fraction of the fade time spent in such
fades, how many of them occur and how long they last in total over the reference period.
Vectorised: every input broadcasts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt
from scipy.special import ndtr

from openitu.radio.checks import FloatArray, broadcast_named, check_edition, checked

P1623_EDITIONS: Final = ("P.1623-1",)


@dataclass(frozen=True)
class FadeDurationStatistics:
    """Fade-duration statistics for fades deeper than A, each broadcast over the inputs.

    probability: P(d > D | a > A), the probability that a fade lasts longer than D.
    time_fraction: F(d > D | a > A), the fraction of the total fade time due to such fades.
    number_of_fades: N(D, A), how many such fades occur in the reference period.
    fade_time_s: T(d > D | a > A), their total duration in the reference period [s].
    """

    probability: FloatArray
    time_fraction: FloatArray
    number_of_fades: FloatArray
    fade_time_s: FloatArray


def _q(z: FloatArray) -> FloatArray:
    """Q(z), the tail of the standard normal distribution (eq. (4))."""
    return np.asarray(ndtr(-z))


def fade_duration_statistics(
    d_s: npt.ArrayLike,
    a_db: npt.ArrayLike,
    el_deg: npt.ArrayLike,
    f_ghz: npt.ArrayLike,
    t_tot_s: npt.ArrayLike,
    *,
    edition: str = "P.1623-1",
) -> FadeDurationStatistics:
    """Statistics of fade duration, P.1623-1 Annex 1 §2.2, steps 1-9.

    Step 1: D_0 = 80 θ^-0.4 f^1.4 A^-0.39 s; step 2: σ = 1.85 f^-0.05 A^-0.027; step 3:
    γ = 0.055 f^0.65 A^-0.003; step 4: D_t = D_0 exp(p_1 σ² + p_2 σ - 0.39) with
    p_1 = 0.885 γ - 0.814, p_2 = -1.05 γ² + 2.23 γ - 1.61; step 5: D_2 = D_0 exp(-σ²);
    step 6: k; steps 7-8: P(d > D | a > A) and F(d > D | a > A), a power law up to D_t
    and a log-normal law beyond; step 9: N_tot = T_tot (k/γ)(1 - γ)/D_t^(1-γ),
    N = N_tot P and T = T_tot F.

    Parameters
    ----------
    d_s : array_like
        Fade duration D [s], >= 1.
    a_db : array_like
        Attenuation threshold A [dB], > 0.
    el_deg : array_like
        Elevation angle θ [deg], 5 to 60.
    f_ghz : array_like
        Frequency [GHz], 10 to 50.
    t_tot_s : array_like
        Total time the attenuation exceeds A in the reference period [s], >= 0 (from
        local data, or p(A)/100 times the period with p(A) from P.618).
    edition : str
        "P.1623-1".

    Returns
    -------
    FadeDurationStatistics
        probability, time_fraction, number_of_fades, fade_time_s.
    """
    check_edition(edition, P1623_EDITIONS)
    d = checked(d_s, "d_s", 1.0, None, unit="s")
    a = checked(a_db, "a_db", 0.0, None, unit="dB", low_inclusive=False)
    el = checked(el_deg, "el_deg", 5.0, 60.0, unit="deg")
    f = checked(f_ghz, "f_ghz", 10.0, 50.0, unit="GHz")
    t_tot = checked(t_tot_s, "t_tot_s", 0.0, None, unit="s")
    shape, (d, a, el, f, t_tot) = broadcast_named(d_s=d, a_db=a, el_deg=el, f_ghz=f, t_tot_s=t_tot)
    d_0 = 80.0 * el**-0.4 * f**1.4 * a**-0.39
    sigma = 1.85 * f**-0.05 * a**-0.027
    gamma = 0.055 * f**0.65 * a**-0.003
    p_1 = 0.885 * gamma - 0.814
    p_2 = -1.05 * gamma**2 + 2.23 * gamma - 1.61
    d_t = d_0 * np.exp(p_1 * sigma**2 + p_2 * sigma - 0.39)
    d_2 = d_0 * np.exp(-(sigma**2))
    q_0 = _q(np.log(d_t / d_0) / sigma)
    q_2 = _q(np.log(d_t / d_2) / sigma)
    k = 1.0 / (1.0 + np.sqrt(d_0 * d_2) * (1.0 - gamma) * q_0 / (d_t * gamma * q_2))
    short = d <= d_t
    probability = np.where(short, d**-gamma, d_t**-gamma * _q(np.log(d / d_2) / sigma) / q_2)
    time_fraction = np.where(
        short,
        1.0 - k * (d / d_t) ** (1.0 - gamma),
        (1.0 - k) * _q(np.log(d / d_0) / sigma) / q_0,
    )
    n_tot = t_tot * (k / gamma) * (1.0 - gamma) / d_t ** (1.0 - gamma)
    return FadeDurationStatistics(
        probability=np.asarray(probability).reshape(shape),
        time_fraction=np.asarray(time_fraction).reshape(shape),
        number_of_fades=np.asarray(n_tot * probability).reshape(shape),
        fade_time_s=np.asarray(t_tot * time_fraction).reshape(shape),
    )
