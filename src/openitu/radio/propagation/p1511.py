"""Topography for Earth-space propagation modelling, Recommendation ITU-R P.1511-1 (07/2015)
and -2 (08/2019).

The height of the surface above mean sea level from the Recommendation's digital maps,
as ``itur`` (ITU-Rpy 0.4.0) ships them, interpolated bicubically as Annex 1 specifies:
P.1511-1 a 0.5° grid, P.1511-2 a 1/12° grid (its EGM2008 geoid map, for heights above
the WGS-84 ellipsoid, is not used here).
"""

from __future__ import annotations

from typing import Final

import numpy as np
import numpy.typing as npt

from openitu.radio.checks import FloatArray, broadcast_named, check_edition, checked
from openitu.radio.propagation.maps import edition_version, itur_model, location, lon360

P1511_EDITIONS: Final = ("P.1511-2", "P.1511-1")


def topographic_altitude_km(
    lat_deg: npt.ArrayLike, lon_deg: npt.ArrayLike, *, edition: str = "P.1511-2"
) -> FloatArray:
    """Height of the Earth's surface above mean sea level [km].

    Parameters
    ----------
    lat_deg, lon_deg : array_like
        Latitude [-90, 90] and longitude [-180, 360] [deg].
    edition : str
        "P.1511-2" (default, the edition the other Earth-space models use) or "P.1511-1".

    Returns
    -------
    ndarray
        h_s [km].
    """
    edition = check_edition(edition, P1511_EDITIONS)
    lat, lon = location(lat_deg, lon_deg)
    shape, (lat, lon) = broadcast_named(lat_deg=lat, lon_deg=lon)
    model = itur_model("1511", edition_version(edition))
    heights = model.topographic_altitude(lat.copy(), lon360(lon))
    return np.asarray(heights, dtype=np.float64).reshape(shape)


def station_height_km(hs_km: npt.ArrayLike | None, lat: FloatArray, lon: FloatArray) -> FloatArray:
    """A station's height above mean sea level [km]: ``hs_km`` checked to lie in [-0.5, 9],
    or, when it is None, the P.1511-2 topographic height at (lat, lon)."""
    if hs_km is None:
        return topographic_altitude_km(lat, lon)
    return checked(hs_km, "hs_km", -0.5, 9.0, unit="km")
