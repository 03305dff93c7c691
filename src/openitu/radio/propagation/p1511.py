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

from openitu.radio._checks import FloatArray, check_edition
from openitu.radio.propagation.earth_space import _flat, _location, _lon360, _model

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
    lat, lon = _location(lat_deg, lon_deg)
    shape, (lat, lon) = _flat(lat, lon, fields=("lat_deg", "lon_deg"))
    model = _model("1511", int(edition.rsplit("-", 1)[1]))
    heights = model.topographic_altitude(lat.copy(), _lon360(lon))
    return np.asarray(heights, dtype=np.float64).reshape(shape)
