"""A terrestrial path's profile over the effective Earth: the Earth's bulge, the
effective Earth radius and the clearance of the line between the antennas.

Refraction bends a radio ray towards the ground; the ITU-R models draw the ray straight
over an Earth whose radius is k times the real one (P.452-18 §4.3). A profile is read
against that Earth: at a distance d along a path of length D the ground stands
b(d) = 1000 d (D - d) / (2 a_e) metres above the chord between the path's ends, so the ray
between the antennas sees terrain height plus bulge. Pure numpy, vectorised: a profile's
points lie along the last axis, every other input broadcasts over the leading ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt

from openitu.errors import InvalidInput
from openitu.radio.checks import FloatArray, as_array, checked
from openitu.radio.propagation.p452 import EARTH_RADIUS_KM

# The median effective Earth-radius factor of a standard atmosphere (ΔN = 40 N-units/km),
# used where the model takes no refractivity (P.1546-6 draws its paths over it too).
MEDIAN_K: Final = 4.0 / 3.0
# Eq. (5) of P.452-18 divides by 157 - ΔN: at ΔN = 157 N-units/km a ray follows the Earth.
DN_LIMIT: Final = 157.0


def median_k_factor(dn: npt.ArrayLike) -> FloatArray:
    """The median effective Earth-radius factor k50 = 157 / (157 - ΔN), P.452-18 eq. (5).

    Parameters
    ----------
    dn : array_like
        Average radio-refractivity lapse rate through the lowest 1 km of the atmosphere
        ΔN [N-units/km], below 157 (the profile would curve with the Earth).
    """
    lapse = checked(dn, "dn", None, DN_LIMIT, high_inclusive=False, unit="N-units/km")
    return DN_LIMIT / (DN_LIMIT - lapse)


def effective_radius_km(k_factor: npt.ArrayLike) -> FloatArray:
    """Effective Earth radius a_e = 6371 k [km], P.452-18 eq. (6a), for a factor k > 0
    (`median_k_factor` of ΔN, or `MEDIAN_K`)."""
    return EARTH_RADIUS_KM * checked(k_factor, "k_factor", 0.0, low_inclusive=False)


def earth_bulge_m(d_km: npt.ArrayLike, *, effective_radius_km: npt.ArrayLike) -> FloatArray:
    """Height of the effective Earth above the chord between a path's ends [m]:
    b(d) = 1000 d (D - d) / (2 a_e), d measured from the first point, D the last one's.

    Parameters
    ----------
    d_km : array_like
        Distances of the profile's points along the path [km], shape S + (M,), the first
        point the path's start and the last its end.
    effective_radius_km : array_like
        a_e [km] > 0, shape S or broadcasting to it.

    Returns
    -------
    Bulge [m], shape S + (M,): 0 at both ends, D² / (8 a_e) · 1000 at mid-path.
    """
    distance = as_array(d_km, "d_km")
    if distance.ndim == 0 or distance.shape[-1] == 0:
        raise InvalidInput("d_km", "needs at least one point along its last axis")
    radius = checked(effective_radius_km, "effective_radius_km", 0.0, low_inclusive=False)
    from_start = distance - distance[..., :1]
    to_end = distance[..., -1:] - distance
    return 1000.0 * from_start * to_end / (2.0 * radius[..., None])


@dataclass(frozen=True, slots=True)
class Clearance:
    """A profile read against the line between the antennas' tops.

    ``bulge_m`` and ``line_m`` have the profile's shape S + (M,): the Earth's bulge at each
    point and the height of the straight line between the antennas (above the same chord
    as terrain plus bulge). ``clearance_m`` (shape S) is the smallest line - (terrain +
    bulge) along the path, negative where the line is obstructed, and ``at_km`` the
    distance at which it falls (the first such point).
    """

    bulge_m: FloatArray
    line_m: FloatArray
    clearance_m: FloatArray
    at_km: FloatArray


def path_clearance(
    d_km: npt.ArrayLike,
    h_m: npt.ArrayLike,
    *,
    tx_height_m: npt.ArrayLike,
    rx_height_m: npt.ArrayLike,
    effective_radius_km: npt.ArrayLike,
) -> Clearance:
    """The clearance of the straight line from the transmitter's antenna top (ground
    height at the start + ``tx_height_m``) to the receiver's (ground height at the end +
    ``rx_height_m``) over the terrain ``h_m`` [m] raised by `earth_bulge_m`.

    ``d_km`` and ``h_m`` have shape S + (M,); the antenna heights above ground [m] and
    ``effective_radius_km`` broadcast to S.
    """
    distance = as_array(d_km, "d_km")
    terrain = as_array(h_m, "h_m")
    if terrain.shape != distance.shape:
        raise InvalidInput("h_m", f"has shape {terrain.shape}, d_km {distance.shape}")
    bulge = earth_bulge_m(distance, effective_radius_km=effective_radius_km)
    tx_top = terrain[..., 0] + as_array(tx_height_m, "tx_height_m")
    rx_top = terrain[..., -1] + as_array(rx_height_m, "rx_height_m")
    length = distance[..., -1:] - distance[..., :1]
    share = np.divide(
        distance - distance[..., :1], length, out=np.zeros_like(distance), where=length > 0
    )
    line = tx_top[..., None] + (rx_top - tx_top)[..., None] * share
    margin = line - (terrain + bulge)
    lowest = np.argmin(margin, axis=-1)[..., None]
    return Clearance(
        bulge_m=bulge,
        line_m=line,
        clearance_m=np.take_along_axis(margin, lowest, axis=-1)[..., 0],
        at_km=np.take_along_axis(np.broadcast_to(distance, margin.shape), lowest, axis=-1)[..., 0],
    )
