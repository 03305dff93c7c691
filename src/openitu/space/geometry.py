"""Geometry of the geostationary orbit seen from the Earth, vectorised.

A spherical Earth (equatorial radius) and a circular equatorial orbit: the accuracy
the coordination examinations use (RR Appendix 8 works with free-space loss and
topocentric angles, not with the ellipsoid). Every function broadcasts over numpy
arrays; angles in degrees, distances in km; longitudes east positive.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import numpy.typing as npt

from openitu.radio.checks import FloatArray, as_array, check_range

EARTH_RADIUS_KM: Final = 6378.137
"""Equatorial radius (WGS 84)."""
GSO_RADIUS_KM: Final = 42164.17
"""Radius of the geostationary orbit (ITU-R S.1503 / Rec. ITU-R S.1257 use 42 164 km)."""


def _unit_vectors(lat_deg: FloatArray, lon_deg: FloatArray) -> FloatArray:
    lat = np.radians(lat_deg)
    lon = np.radians(lon_deg)
    return np.stack(
        np.broadcast_arrays(np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)),
        axis=-1,
    )


def _satellite(lon_deg: FloatArray) -> FloatArray:
    lon = np.radians(lon_deg)
    return np.stack(
        np.broadcast_arrays(
            GSO_RADIUS_KM * np.cos(lon), GSO_RADIUS_KM * np.sin(lon), np.zeros_like(lon)
        ),
        axis=-1,
    )


def _check_place(lat_deg: npt.ArrayLike, lon_deg: npt.ArrayLike) -> tuple[FloatArray, FloatArray]:
    lat = as_array(lat_deg, "lat_deg")
    lon = as_array(lon_deg, "lon_deg")
    check_range(lat, "lat_deg", -90.0, 90.0, unit="deg")
    check_range(lon, "lon_deg", -180.0, 360.0, unit="deg")
    return lat, lon


def _line_of_sight(
    sat_lon_deg: FloatArray, lat_deg: FloatArray, lon_deg: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """Vector from the place to the satellite, and the place's local vertical."""
    up = _unit_vectors(lat_deg, lon_deg)
    return _satellite(sat_lon_deg) - EARTH_RADIUS_KM * up, up


def slant_range_km(
    sat_lon_deg: npt.ArrayLike, lat_deg: npt.ArrayLike, lon_deg: npt.ArrayLike
) -> FloatArray:
    """Distance [km] from a place to a GSO position."""
    lat, lon = _check_place(lat_deg, lon_deg)
    sight, _ = _line_of_sight(as_array(sat_lon_deg, "sat_lon_deg"), lat, lon)
    return np.asarray(np.linalg.norm(sight, axis=-1))


def elevation_deg(
    sat_lon_deg: npt.ArrayLike, lat_deg: npt.ArrayLike, lon_deg: npt.ArrayLike
) -> FloatArray:
    """Elevation [deg] of a GSO position above the place's horizontal plane (negative
    below it): the angle of arrival δ of Article 21 for a station at that place."""
    lat, lon = _check_place(lat_deg, lon_deg)
    sight, up = _line_of_sight(as_array(sat_lon_deg, "sat_lon_deg"), lat, lon)
    sine = np.sum(sight * up, axis=-1) / np.linalg.norm(sight, axis=-1)
    return np.asarray(np.degrees(np.arcsin(np.clip(sine, -1.0, 1.0))))


def azimuth_deg(
    sat_lon_deg: npt.ArrayLike, lat_deg: npt.ArrayLike, lon_deg: npt.ArrayLike
) -> FloatArray:
    """Azimuth [deg, from true north, clockwise] of a GSO position from a place."""
    lat, lon = _check_place(lat_deg, lon_deg)
    sight, _ = _line_of_sight(as_array(sat_lon_deg, "sat_lon_deg"), lat, lon)
    lam = np.radians(lon)
    phi = np.radians(lat)
    east = np.stack(np.broadcast_arrays(-np.sin(lam), np.cos(lam), np.zeros_like(lam)), axis=-1)
    north = np.stack(
        np.broadcast_arrays(-np.sin(phi) * np.cos(lam), -np.sin(phi) * np.sin(lam), np.cos(phi)),
        axis=-1,
    )
    e = np.sum(sight * east, axis=-1)
    n = np.sum(sight * north, axis=-1)
    return np.asarray(np.degrees(np.arctan2(e, n)) % 360.0)


def visible(
    sat_lon_deg: npt.ArrayLike,
    lat_deg: npt.ArrayLike,
    lon_deg: npt.ArrayLike,
    *,
    min_elevation_deg: float = 0.0,
) -> npt.NDArray[np.bool_]:
    """Whether a GSO position is at or above ``min_elevation_deg`` from the place."""
    return np.asarray(elevation_deg(sat_lon_deg, lat_deg, lon_deg) >= min_elevation_deg)


def orbital_separation_deg(lon_a_deg: npt.ArrayLike, lon_b_deg: npt.ArrayLike) -> FloatArray:
    """Geocentric separation [deg, 0-180] between two GSO positions (the arc of No. 9.7)."""
    a = as_array(lon_a_deg, "lon_a_deg")
    b = as_array(lon_b_deg, "lon_b_deg")
    difference = np.abs((a - b + 180.0) % 360.0 - 180.0)
    return np.asarray(difference)


def topocentric_angle_deg(
    lon_a_deg: npt.ArrayLike,
    lon_b_deg: npt.ArrayLike,
    lat_deg: npt.ArrayLike,
    lon_deg: npt.ArrayLike,
) -> FloatArray:
    """Angle [deg] between two GSO positions as seen from a place: the off-axis angle of
    an earth station pointing at one towards the other (RR Appendix 8, § 2.2)."""
    lat, lon = _check_place(lat_deg, lon_deg)
    a, _ = _line_of_sight(as_array(lon_a_deg, "lon_a_deg"), lat, lon)
    b, _ = _line_of_sight(as_array(lon_b_deg, "lon_b_deg"), lat, lon)
    cosine = np.sum(a * b, axis=-1) / (np.linalg.norm(a, axis=-1) * np.linalg.norm(b, axis=-1))
    return np.asarray(np.degrees(np.arccos(np.clip(cosine, -1.0, 1.0))))


def satellite_off_axis_deg(
    sat_lon_deg: npt.ArrayLike,
    boresight_lat_deg: npt.ArrayLike,
    boresight_lon_deg: npt.ArrayLike,
    lat_deg: npt.ArrayLike,
    lon_deg: npt.ArrayLike,
) -> FloatArray:
    """Angle [deg] at a GSO satellite between its beam's boresight (a point on the Earth)
    and a place: the off-axis angle of the satellite antenna towards the place."""
    lat, lon = _check_place(lat_deg, lon_deg)
    aim_lat, aim_lon = _check_place(boresight_lat_deg, boresight_lon_deg)
    satellite = _satellite(as_array(sat_lon_deg, "sat_lon_deg"))
    aim = EARTH_RADIUS_KM * _unit_vectors(aim_lat, aim_lon) - satellite
    towards = EARTH_RADIUS_KM * _unit_vectors(lat, lon) - satellite
    # atan2 of |a x b| and a . b keeps small angles exact, where arccos loses them
    cross = np.linalg.norm(np.cross(aim, towards), axis=-1)
    return np.asarray(np.degrees(np.arctan2(cross, np.sum(aim * towards, axis=-1))))


def off_nadir_deg(elevation_deg: npt.ArrayLike, range_km: npt.ArrayLike) -> FloatArray:
    """Angle [deg] at a satellite between its nadir and a place that sees it at
    ``elevation_deg`` and ``range_km``: the sine rule in the triangle Earth centre - place
    - satellite gives sin η = R cos ε / r, with r² = R² + d² + 2 R d sin ε."""
    # NaN (a satellite not propagated at a time) passes through as NaN
    elevation = np.radians(as_array(elevation_deg, "elevation_deg", finite=False))
    distance = as_array(range_km, "range_km", finite=False)
    radius = np.sqrt(
        EARTH_RADIUS_KM**2 + distance**2 + 2.0 * EARTH_RADIUS_KM * distance * np.sin(elevation)
    )
    sine = EARTH_RADIUS_KM * np.cos(elevation) / radius
    return np.asarray(np.degrees(np.arcsin(np.clip(sine, -1.0, 1.0))))
